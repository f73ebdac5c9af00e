//! The IndexedDB connection, typed record access, and the one way to run a transaction.

use rexie::{Index, ObjectStore, Rexie, Transaction, TransactionMode};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

use super::schema::{self, Schema};
use super::StoreError;
use crate::domain::customer::Customer;
use crate::domain::followup::{FollowUp, PlanItem, Todo};

/// A type kept in an object store.
pub trait Record: Serialize + DeserializeOwned {
    const STORE: &'static str;
}

impl Record for Customer {
    const STORE: &'static str = schema::stores::CUSTOMERS;
}

impl Record for FollowUp {
    const STORE: &'static str = schema::stores::FOLLOWUPS;
}

impl Record for PlanItem {
    const STORE: &'static str = schema::stores::PLANS;
}

impl Record for Todo {
    const STORE: &'static str = schema::stores::TODOS;
}

/// An open database.
pub struct Db {
    rexie: Rexie,
    /// Encryption at rest as this connection knows it (its key lives only here).
    pub(crate) session: std::cell::RefCell<super::at_rest::Session>,
}

impl Db {
    /// Opens (creating or upgrading) the user's database at the current schema — or the
    /// training workspace's, while the demo is on.
    pub async fn open() -> Result<Db, StoreError> {
        let name = if super::settings::is_demo() {
            schema::DEMO_DB_NAME
        } else {
            schema::DB_NAME
        };
        Db::open_with(name, schema::CURRENT).await
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
        Ok(Db {
            rexie,
            session: Default::default(),
        })
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

    /// Runs `body` as one transaction over `stores`: committed when it returns `Ok`, aborted
    /// when it returns an error, so a failure part-way through keeps nothing of it. `body` must
    /// await only IndexedDB requests (anything else lets the transaction commit early).
    pub(crate) async fn transact<T>(
        &self,
        stores: &[&str],
        mode: TransactionMode,
        op: &'static str,
        body: impl AsyncFnOnce(&Transaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .rexie
            .transaction(stores, mode)
            .map_err(|e| StoreError::browser(op, e))?;
        match body(&tx).await {
            Ok(value) => {
                let result = tx.done().await.map_err(|e| StoreError::browser(op, e))?;
                if result.is_committed() {
                    Ok(value)
                } else {
                    Err(StoreError::Browser {
                        op,
                        detail: "the transaction was aborted".into(),
                    })
                }
            }
            Err(err) => {
                // A request that failed may already have aborted it; either way it is undone.
                let _ = tx.abort().await;
                Err(err)
            }
        }
    }

    /// Writes one record (insert or replace), in its own transaction, and tells other tabs.
    pub async fn put<T: Record>(&self, record: &T) -> Result<(), StoreError> {
        self.put_in(T::STORE, record).await?;
        super::sync::notify_changed();
        Ok(())
    }

    /// Writes any serializable value into a named store: for records of older shapes (schema
    /// upgrade tests) and for stores whose type lives elsewhere.
    pub async fn put_in<T: Serialize>(
        &self,
        store_name: &str,
        record: &T,
    ) -> Result<(), StoreError> {
        let op = "save";
        let value = to_js(record, op)?;
        self.transact(&[store_name], TransactionMode::ReadWrite, op, async |tx| {
            put(tx, store_name, &value, op).await
        })
        .await
    }

    /// Deletes one record by its key.
    pub async fn remove<T: Record>(&self, key: &str) -> Result<(), StoreError> {
        let op = "delete";
        self.transact(&[T::STORE], TransactionMode::ReadWrite, op, async |tx| {
            tx.store(T::STORE)
                .map_err(|e| StoreError::browser(op, e))?
                .delete(JsValue::from_str(key))
                .await
                .map_err(|e| StoreError::browser(op, e))
        })
        .await?;
        super::sync::notify_changed();
        Ok(())
    }

    /// Reads one record by its key.
    pub async fn get<T: Record>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let op = "read";
        self.transact(&[T::STORE], TransactionMode::ReadOnly, op, async |tx| {
            get(tx, T::STORE, key, op).await
        })
        .await
    }

    /// Reads every record of a type.
    pub async fn all<T: Record>(&self) -> Result<Vec<T>, StoreError> {
        let op = "read all";
        self.transact(&[T::STORE], TransactionMode::ReadOnly, op, async |tx| {
            let store = tx.store(T::STORE).map_err(|e| StoreError::browser(op, e))?;
            let values = store
                .get_all(None, None)
                .await
                .map_err(|e| StoreError::browser(op, e))?;
            values.into_iter().map(|v| from_js(v, op)).collect()
        })
        .await
    }
}

/// Reads one record inside a transaction.
pub(crate) async fn get<T: DeserializeOwned>(
    tx: &Transaction,
    store: &str,
    key: &str,
    op: &'static str,
) -> Result<Option<T>, StoreError> {
    let value = tx
        .store(store)
        .map_err(|e| StoreError::browser(op, e))?
        .get(JsValue::from_str(key))
        .await
        .map_err(|e| StoreError::browser(op, e))?;
    value.map(|v| from_js(v, op)).transpose()
}

/// Writes one already-serialized record inside a transaction.
pub(crate) async fn put(
    tx: &Transaction,
    store: &str,
    value: &JsValue,
    op: &'static str,
) -> Result<(), StoreError> {
    tx.store(store)
        .map_err(|e| StoreError::browser(op, e))?
        .put(value, None)
        .await
        .map_err(|e| StoreError::browser(op, e))?;
    Ok(())
}

/// Turns a record into the plain JS object IndexedDB stores, through JSON: plain objects and
/// arrays only (key paths cannot read JS `Map`s), and the same serde code the backup file
/// uses, so the wasm carries one set of (de)serializers instead of two. That is why this
/// writes pretty JSON, as the backup does: one serializer per type instead of two (the stored
/// object is the same either way).
pub(crate) fn to_js<T: Serialize + ?Sized>(
    value: &T,
    op: &'static str,
) -> Result<JsValue, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt { op, detail };
    let text = serde_json::to_string_pretty(value).map_err(|e| corrupt(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|e| corrupt(format!("{e:?}")))
}

/// Reads a stored record back. Like a backup import, it goes through a `serde_json::Value`,
/// so each record type is deserialized by one instance of its serde code, not two.
pub(crate) fn from_js<T: DeserializeOwned>(
    value: JsValue,
    op: &'static str,
) -> Result<T, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt { op, detail };
    let text = js_sys::JSON::stringify(&value)
        .map_err(|e| corrupt(format!("{e:?}")))?
        .as_string()
        .unwrap_or_default();
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| corrupt(e.to_string()))?;
    T::deserialize(&value).map_err(|e| corrupt(e.to_string()))
}
