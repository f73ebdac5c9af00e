//! What a person has typed into a form and not saved yet, kept in this tab's sessionStorage:
//! a reload, a move to another page and back, or a phone browser reloading a tab it had put
//! aside brings it back. Session rather than local storage: a draft may hold contact details,
//! which should not outlive the tab (saved records are the ones encryption at rest covers).
//! Each workspace (own data, demo) keeps its own drafts.

use gloo_storage::{SessionStorage, Storage};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use super::{session, settings};

/// A draft with the revision of the record it was typed over (0 for a new record), so a
/// restored edit of a record changed since is saved as a conflict, never over the change.
#[derive(Serialize, Deserialize)]
struct Kept<T> {
    revision: u64,
    draft: T,
}

fn storage_key(form: &str) -> String {
    let workspace = if settings::is_demo() { "demo" } else { "own" };
    format!("kehu-weihu.draft.{workspace}.{form}")
}

/// The draft kept for `form`, with its base revision; none when there is none or it no longer
/// reads as this version's draft (then it is dropped).
pub fn load<T: DeserializeOwned>(form: &str) -> Option<(u64, T)> {
    let key = storage_key(form);
    match session::get::<Kept<T>>(&key) {
        Some(kept) => Some((kept.revision, kept.draft)),
        None => {
            SessionStorage::delete(&key);
            None
        }
    }
}

/// Keeps `draft` for `form`; a browser refusing storage only loses the safety net.
pub fn keep<T: Serialize>(form: &str, revision: u64, draft: &T) {
    session::set(&storage_key(form), &Kept { revision, draft });
}

pub fn forget(form: &str) {
    SessionStorage::delete(storage_key(form));
}

/// Whether a draft is kept for `form`.
pub fn exists(form: &str) -> bool {
    session::has(&storage_key(form))
}
