//! Errors of the storage layer: typed, so the catalogue (`Lang::store_error`) words each one
//! in the user's language; the browser's own message is kept verbatim as evidence.

/// What the storage layer was doing when it failed (worded by the catalogue).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Open,
    Read,
    Save,
    Delete,
    Import,
    Undo,
}

/// What went wrong talking to IndexedDB.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser refused an operation; `detail` is its own message (rexie alone would only
    /// say "idb error").
    Browser { op: Op, detail: String },
    /// The browser has no room left for this site's data (QuotaExceededError).
    Full { op: Op },
    /// Every request succeeded but the browser aborted the transaction as it committed: in
    /// practice a quota refused at commit (Chromium), which the page cannot see (the reason
    /// is on the transaction, which rexie keeps to itself). Nothing was written.
    NotKept { op: Op },
    /// Another tab opened a newer version of the database, which closed this tab's connection:
    /// the page must be reloaded.
    Outdated,
    /// Another tab wrote since this tab last read: this tab shows older data, so nothing was
    /// written (the data set's generation moved; see `Db::write`).
    Stale,
    /// A stored record could not be read back into its type.
    Corrupt { op: Op, detail: String },
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
    pub(crate) fn browser(op: Op, err: rexie::Error) -> StoreError {
        let detail = match err {
            rexie::Error::IdbError(inner) => inner.to_string(),
            other => other.to_string(),
        };
        StoreError::from_detail(op, detail)
    }

    /// Sorts a browser message into the failures the user can act on.
    pub(crate) fn from_detail(op: Op, detail: String) -> StoreError {
        // A connection closed by a newer version elsewhere refuses every new transaction with
        // InvalidStateError; an older app meeting a newer database gets VersionError.
        if detail.contains("InvalidStateError") || detail.contains("VersionError") {
            StoreError::Outdated
        } else if detail.contains("QuotaExceededError") {
            StoreError::Full { op }
        } else {
            StoreError::Browser { op, detail }
        }
    }

    /// Another tab's write is the cause: the latest data must be read again and the change
    /// made on it.
    pub fn is_stale(&self) -> bool {
        matches!(
            self,
            StoreError::Stale | StoreError::Conflict { .. } | StoreError::Missing { .. }
        )
    }
}
