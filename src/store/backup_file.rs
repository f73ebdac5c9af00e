//! The backup file the user chose (a File System Access handle), kept in a small database of
//! its own: a handle survives only in IndexedDB, and the records' database and its schema stay
//! as they are.

use rexie::TransactionMode;
use wasm_bindgen::JsValue;

use super::error::Op;
use super::one_value::{self, Place};
use super::StoreError;

const PLACE: Place = Place {
    db: "kehu-weihu-backup-file",
    store: "handles",
    key: "backup",
};

async fn run(
    mode: TransactionMode,
    op: Op,
    value: Option<&JsValue>,
) -> Result<Option<JsValue>, StoreError> {
    one_value::run(&PLACE, mode, op, value).await
}

/// The chosen file's handle, if one was kept.
pub async fn load() -> Option<JsValue> {
    run(TransactionMode::ReadOnly, Op::Read, None)
        .await
        .ok()
        .flatten()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

pub async fn save(handle: &JsValue) -> Result<(), StoreError> {
    run(TransactionMode::ReadWrite, Op::Save, Some(handle))
        .await
        .map(|_| ())
}

pub async fn forget() -> Result<(), StoreError> {
    run(TransactionMode::ReadWrite, Op::Delete, None)
        .await
        .map(|_| ())
}
