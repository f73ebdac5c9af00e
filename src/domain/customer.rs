//! The customer profile (客户档案, METHOD.md §1).

use serde::{Deserialize, Serialize};

/// One customer. Only the name is required; everything else the method asks for is optional
/// so that a profile can start small and be completed over time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Stable identifier, unique across devices so merged backups never collide.
    pub id: String,
    pub name: String,
}
