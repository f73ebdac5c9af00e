//! A small database of its own holding one value under one key: for what survives only in
//! IndexedDB (`CryptoKey`s) and must not touch the records' database or its schema
//! (`replica::remember`). `backup_file` keeps its own copy of these lines: it is in the first
//! load, and calling this from there cost 270 bytes gzip that the first load's budget lacks.

use rexie::{ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::JsValue;

use super::error::Op;
use super::StoreError;

/// Where the value lives: database, object store and key.
pub(crate) struct Place {
    pub db: &'static str,
    pub store: &'static str,
    pub key: &'static str,
}

async fn open(place: &Place) -> Result<Rexie, StoreError> {
    Rexie::builder(place.db)
        .version(1)
        .add_object_store(ObjectStore::new(place.store))
        .build()
        .await
        .map_err(|e| StoreError::browser(Op::Open, e))
}

/// Reads the value (`ReadOnly`), writes `value`, or deletes it (`ReadWrite` with `None`).
pub(crate) async fn run(
    place: &Place,
    mode: TransactionMode,
    op: Op,
    value: Option<&JsValue>,
) -> Result<Option<JsValue>, StoreError> {
    let db = open(place).await?;
    let err = |e: rexie::Error| StoreError::browser(op, e);
    let tx = db.transaction(&[place.store], mode).map_err(err)?;
    let store = tx.store(place.store).map_err(err)?;
    let key = JsValue::from_str(place.key);
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
