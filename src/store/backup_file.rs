//! The backup file the user chose (a File System Access handle), kept in a small database of
//! its own: a handle survives only in IndexedDB, and the records' database and its schema stay
//! as they are.

use rexie::{ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::JsValue;

use super::error::Op;
use super::StoreError;

const DB: &str = "kehu-weihu-backup-file";
const STORE: &str = "handles";
const KEY: &str = "backup";

async fn open() -> Result<Rexie, StoreError> {
    Rexie::builder(DB)
        .version(1)
        .add_object_store(ObjectStore::new(STORE))
        .build()
        .await
        .map_err(|e| StoreError::browser(Op::Open, e))
}

async fn run(
    mode: TransactionMode,
    op: Op,
    value: Option<&JsValue>,
) -> Result<Option<JsValue>, StoreError> {
    let db = open().await?;
    let err = |e: rexie::Error| StoreError::browser(op, e);
    let tx = db.transaction(&[STORE], mode).map_err(err)?;
    let store = tx.store(STORE).map_err(err)?;
    let key = JsValue::from_str(KEY);
    let found = match (mode, value) {
        (TransactionMode::ReadOnly, _) => store.get(key).await.map_err(err)?,
        (_, Some(v)) => {
            store.put(v, Some(&key)).await.map_err(err)?;
            None
        }
        (_, None) => {
            store.delete(key).await.map_err(err)?;
            None
        }
    };
    tx.done().await.map_err(err)?;
    db.close();
    Ok(found)
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
