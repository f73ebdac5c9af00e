//! Errors of the storage layer, keeping the browser's own words.

use std::fmt;

/// What went wrong talking to IndexedDB or localStorage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser refused an operation; `detail` is its own message (rexie alone would only
    /// say "idb error").
    Browser { op: &'static str, detail: String },
    /// Another tab opened a newer version of the database, which closed this tab's connection:
    /// the page must be reloaded.
    Outdated,
    /// A stored record could not be read back into its type.
    Corrupt { op: &'static str, detail: String },
    /// The record changed (in another tab) since this edit began; nothing was written.
    Conflict { id: String },
    /// The record to change no longer exists (deleted in another tab).
    Missing { id: String },
    /// Encryption at rest is on and this tab is not unlocked: contact details cannot be
    /// stored (nothing was written).
    Locked,
    /// The passphrase does not open the stored key (nothing was changed).
    WrongPassphrase,
}

impl StoreError {
    pub(crate) fn browser(op: &'static str, err: rexie::Error) -> StoreError {
        let detail = match err {
            rexie::Error::IdbError(inner) => inner.to_string(),
            other => other.to_string(),
        };
        // A connection closed by a newer version elsewhere refuses every new transaction with
        // InvalidStateError; an older app meeting a newer database gets VersionError.
        if detail.contains("InvalidStateError") || detail.contains("VersionError") {
            StoreError::Outdated
        } else {
            StoreError::Browser { op, detail }
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Browser { op, detail } => write!(f, "{op}: {detail}"),
            StoreError::Outdated => {
                write!(
                    f,
                    "the database was upgraded by another tab; reload this page"
                )
            }
            StoreError::Corrupt { op, detail } => {
                write!(f, "{op}: stored data unreadable: {detail}")
            }
            StoreError::Conflict { id } => {
                write!(f, "record {id} was changed elsewhere since this edit began")
            }
            StoreError::Missing { id } => write!(f, "record {id} no longer exists"),
            StoreError::Locked => write!(
                f,
                "contact details are encrypted and this tab is not unlocked: unlock with the passphrase first (nothing was saved)"
            ),
            StoreError::WrongPassphrase => {
                write!(f, "wrong passphrase: nothing was changed")
            }
        }
    }
}

impl std::error::Error for StoreError {}
