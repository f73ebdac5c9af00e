//! The IndexedDB connection and typed record access.

use rexie::{Index, ObjectStore, Rexie, TransactionMode};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

use super::schema::{self, Schema};
use super::StoreError;
use crate::domain::customer::Customer;

/// A type kept in an object store.
pub trait Record: Serialize + DeserializeOwned {
    const STORE: &'static str;
}

impl Record for Customer {
    const STORE: &'static str = schema::stores::CUSTOMERS;
}

/// An open database.
pub struct Db {
    rexie: Rexie,
}

impl Db {
    /// Opens (creating or upgrading) the user's database at the current schema.
    pub async fn open() -> Result<Db, StoreError> {
        Db::open_with(schema::DB_NAME, schema::CURRENT).await
    }

    /// Opens `name` at a given schema; tests use older schemas to write data the way an older
    /// app did.
    pub async fn open_with(name: &str, schema: Schema) -> Result<Db, StoreError> {
        let mut builder = Rexie::builder(name).version(schema.version);
        for def in schema.stores {
            let mut store = ObjectStore::new(def.name).key_path(def.key_path);
            for index in def.indexes {
                store = store.add_index(
                    Index::new(index.name, index.key_path).multi_entry(index.multi_entry),
                );
            }
            builder = builder.add_object_store(store);
        }
        let rexie = builder
            .build()
            .await
            .map_err(|e| StoreError::browser("open database", e))?;
        Ok(Db { rexie })
    }

    pub fn version(&self) -> u32 {
        self.rexie.version().unwrap_or(0)
    }

    /// Closes the connection (pending transactions finish first).
    pub fn close(self) {
        self.rexie.close();
    }

    /// Deletes a whole database; resolves once every tab has closed it.
    pub async fn delete(name: &str) -> Result<(), StoreError> {
        Rexie::delete(name)
            .await
            .map_err(|e| StoreError::browser("delete database", e))
    }

    /// Writes one record (insert or replace), in its own transaction.
    pub async fn put<T: Record>(&self, record: &T) -> Result<(), StoreError> {
        let op = "save";
        let value = to_js(record, op)?;
        let tx = self
            .rexie
            .transaction(&[T::STORE], TransactionMode::ReadWrite)
            .map_err(|e| StoreError::browser(op, e))?;
        let store = tx.store(T::STORE).map_err(|e| StoreError::browser(op, e))?;
        store
            .put(&value, None)
            .await
            .map_err(|e| StoreError::browser(op, e))?;
        tx.done().await.map_err(|e| StoreError::browser(op, e))?;
        Ok(())
    }

    /// Reads one record by its key.
    pub async fn get<T: Record>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let op = "read";
        let tx = self
            .rexie
            .transaction(&[T::STORE], TransactionMode::ReadOnly)
            .map_err(|e| StoreError::browser(op, e))?;
        let store = tx.store(T::STORE).map_err(|e| StoreError::browser(op, e))?;
        let value = store
            .get(JsValue::from_str(key))
            .await
            .map_err(|e| StoreError::browser(op, e))?;
        value.map(|v| from_js(v, op)).transpose()
    }

    /// Reads every record of a type.
    pub async fn all<T: Record>(&self) -> Result<Vec<T>, StoreError> {
        let op = "read all";
        let tx = self
            .rexie
            .transaction(&[T::STORE], TransactionMode::ReadOnly)
            .map_err(|e| StoreError::browser(op, e))?;
        let store = tx.store(T::STORE).map_err(|e| StoreError::browser(op, e))?;
        let values = store
            .get_all(None, None)
            .await
            .map_err(|e| StoreError::browser(op, e))?;
        values.into_iter().map(|v| from_js(v, op)).collect()
    }
}

/// Serializes as plain JS objects: the default serializer would turn maps into `Map`s, which
/// IndexedDB key paths cannot read.
pub(crate) fn to_js<T: Serialize>(value: &T, op: &'static str) -> Result<JsValue, StoreError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StoreError::Corrupt {
            op,
            detail: e.to_string(),
        })
}

pub(crate) fn from_js<T: DeserializeOwned>(
    value: JsValue,
    op: &'static str,
) -> Result<T, StoreError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StoreError::Corrupt {
        op,
        detail: e.to_string(),
    })
}
