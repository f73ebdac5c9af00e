//! The sealed blob on a stored customer (encryption at rest); `envelope` seals and opens it.

use serde::{Deserialize, Serialize};

/// The sealed blob on a stored customer: its sensitive fields ([`Secrets`]) as JSON,
/// AES-GCM-encrypted with the customer's id as additional data (a blob moved onto another
/// record does not open). Only ever in the database, never in a backup.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sealed {
    pub nonce: String,
    pub data: String,
}
