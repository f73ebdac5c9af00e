//! The language the user works in: the UI's, the demo's stories', a backup's field names.

use serde::{Deserialize, Serialize};

use crate::domain::stable::stable_enum;

stable_enum! {
    /// The language the UI speaks.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Lang {
        #[default]
        Zh,
        En,
    }
}
