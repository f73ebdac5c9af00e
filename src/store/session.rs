//! Values kept in this tab's sessionStorage as JSON text, through the same serde code the
//! stored records use (written with `to_string_pretty`, read through a `serde_json::Value`):
//! gloo's own `get`/`set` would compile a second (de)serializer per type (docs/wasm-size.md).

use gloo_storage::{SessionStorage, Storage};
use serde::{de::DeserializeOwned, Serialize};

/// The value kept under `key`; none when there is none or it no longer reads as a `T`.
pub fn get<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = SessionStorage::raw().get_item(key).ok().flatten()?;
    #[allow(
        clippy::disallowed_methods,
        reason = "into a Value, as the size rules ask"
    )]
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    T::deserialize(&value).ok()
}

/// Keeps `value` under `key`; a browser refusing storage only loses what it would have kept.
pub fn set<T: Serialize + ?Sized>(key: &str, value: &T) {
    if let Ok(text) = serde_json::to_string_pretty(value) {
        let _ = SessionStorage::raw().set_item(key, &text);
    }
}

/// Whether anything is kept under `key`.
pub fn has(key: &str) -> bool {
    SessionStorage::raw().get_item(key).ok().flatten().is_some()
}
