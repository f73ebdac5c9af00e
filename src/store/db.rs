//! The IndexedDB connection, typed record access, the one way to run a transaction and the
//! one way to write ([`Db::write`]: checks this tab is not stale, counts the write, tells the
//! other tabs).

use std::cell::Cell;

use rexie::{Index, ObjectStore, Rexie, Transaction, TransactionMode};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::error::Op;
use super::schema::{self, stores, Schema};
use super::StoreError;
use crate::domain::records::Customer;
use crate::domain::records::{FollowUp, PlanItem, Todo};
use crate::domain::settings::DataSettings;

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

/// A row of the `meta` store.
#[derive(Serialize, Deserialize)]
pub(crate) struct Meta<T> {
    pub key: String,
    pub value: T,
}

pub(crate) const SETTINGS_KEY: &str = "settings";
/// The data set's write counter: every write adds one, so a tab can tell that another tab
/// wrote since it last read (an additive `meta` row; a database without it is at 0).
const GENERATION_KEY: &str = "generation";

/// Whether a write must come from a tab that shows the latest data.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// A user's edit: refused with [`StoreError::Stale`] when another tab wrote since this
    /// tab last read.
    Checked,
    /// Bookkeeping that reads what it changes inside its own transaction (tier states): safe
    /// on any data, so never refused.
    Unchecked,
}

/// Everything the app shows, read in one transaction, so it is one consistent moment.
pub struct Loaded {
    pub customers: Vec<Customer>,
    pub settings: DataSettings,
    pub followups: Vec<FollowUp>,
    pub plans: Vec<PlanItem>,
    pub todos: Vec<Todo>,
}

/// An open database.
pub struct Db {
    rexie: Rexie,
    /// The generation this tab last read (`None` until [`Db::load`]: a connection that has
    /// shown nothing cannot be stale).
    seen: Cell<Option<u64>>,
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
            .map_err(|e| StoreError::browser(Op::Open, e))?;
        let db = Db {
            rexie,
            seen: Cell::new(None),
            session: Default::default(),
        };
        super::migrate::run(&db, schema.version).await?;
        Ok(db)
    }

    /// The database's name (which data set this connection holds).
    pub(crate) fn name(&self) -> String {
        self.rexie.name()
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
            .map_err(|e| StoreError::browser(Op::Delete, e))
    }

    /// Runs `body` as one transaction over `stores`: committed when it returns `Ok`, aborted
    /// when it returns an error, so a failure part-way through keeps nothing of it. `body` must
    /// await only IndexedDB requests (anything else lets the transaction commit early).
    pub(crate) async fn transact<T>(
        &self,
        stores: &[&str],
        mode: TransactionMode,
        op: Op,
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
                    Err(StoreError::NotKept { op })
                }
            }
            Err(err) => {
                // A request that failed may already have aborted it; either way it is undone.
                let _ = tx.abort().await;
                Err(err)
            }
        }
    }

    /// The one way to write: runs `body` in one transaction over `stores` (and `meta`), first
    /// refusing a [`Freshness::Checked`] write from a tab that has not read another tab's
    /// latest write, then counting this write; after the commit, tells the other tabs.
    pub(crate) async fn write<T>(
        &self,
        stores: &[&str],
        op: Op,
        freshness: Freshness,
        body: impl AsyncFnOnce(&Transaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut names = stores.to_vec();
        if !names.contains(&stores::META) {
            names.push(stores::META);
        }
        // What this tab last read is looked at inside the transaction, once the transactions
        // queued before it (this tab's own writes among them) have committed: read before it,
        // two writes in flight at once (a bookkeeping write, then a user's) made the second
        // look stale to its own tab.
        let counted = Cell::new(None::<u64>);
        let result = self
            .transact(&names, TransactionMode::ReadWrite, op, async |tx| {
                let stored = read_generation(tx, op).await?;
                let seen = self.seen.get();
                if freshness == Freshness::Checked && seen.is_some_and(|s| s != stored) {
                    return Err(StoreError::Stale);
                }
                let value = body(tx).await?;
                let row = to_js(
                    &Meta {
                        key: GENERATION_KEY.to_string(),
                        value: stored + 1,
                    },
                    op,
                )?;
                put(tx, stores::META, &row, op).await?;
                // This tab's own write keeps it current (counted now, so a write queued behind
                // this one sees it); an unchecked write from a stale tab does not make it
                // current.
                if seen == Some(stored) {
                    self.seen.set(Some(stored + 1));
                    counted.set(Some(stored));
                }
                Ok(value)
            })
            .await;
        if result.is_err() {
            // Not committed: a write that had counted itself did not happen after all.
            if let Some(before) = counted.get().filter(|b| self.seen.get() == Some(b + 1)) {
                self.seen.set(Some(before));
            }
        }
        let value = result?;
        super::sync::notify_changed();
        Ok(value)
    }

    /// The generation this tab last read or wrote (`None` before [`Db::load`]).
    pub fn seen(&self) -> Option<u64> {
        self.seen.get()
    }

    /// Reads everything the app shows in one transaction and remembers its generation; contact
    /// details encrypted at rest are opened when this tab holds the key.
    pub async fn load(&self) -> Result<Loaded, StoreError> {
        let op = Op::Read;
        // Another tab may have turned encryption at rest on or off.
        self.refresh_at_rest().await?;
        let names = [
            stores::CUSTOMERS,
            stores::FOLLOWUPS,
            stores::PLANS,
            stores::TODOS,
            stores::META,
        ];
        let (loaded, generation) = self
            .transact(&names, TransactionMode::ReadOnly, op, async |tx| {
                let settings = get::<Meta<DataSettings>>(tx, stores::META, SETTINGS_KEY, op)
                    .await?
                    .map(|r| r.value)
                    .unwrap_or_default();
                let loaded = Loaded {
                    customers: all_in(tx, stores::CUSTOMERS, op).await?,
                    settings,
                    followups: all_in(tx, stores::FOLLOWUPS, op).await?,
                    plans: all_in(tx, stores::PLANS, op).await?,
                    todos: all_in(tx, stores::TODOS, op).await?,
                };
                Ok((loaded, read_generation(tx, op).await?))
            })
            .await?;
        self.seen.set(Some(generation));
        // Contact details open after the transaction (WebCrypto is not IndexedDB).
        let mut customers = Vec::with_capacity(loaded.customers.len());
        for c in loaded.customers {
            customers.push(self.open_customer(c).await);
        }
        Ok(Loaded {
            customers,
            ..loaded
        })
    }

    /// Writes one record (insert or replace).
    pub async fn put<T: Record>(&self, record: &T) -> Result<(), StoreError> {
        let op = Op::Save;
        let value = to_js(record, op)?;
        self.write(&[T::STORE], op, Freshness::Checked, async |tx| {
            put(tx, T::STORE, &value, op).await
        })
        .await
    }

    /// Writes any serializable value into a named store as it is, outside the write path:
    /// for tests that write records the way an older app did.
    pub async fn put_in<T: Serialize>(
        &self,
        store_name: &str,
        record: &T,
    ) -> Result<(), StoreError> {
        let op = Op::Save;
        let value = to_js(record, op)?;
        self.transact(&[store_name], TransactionMode::ReadWrite, op, async |tx| {
            put(tx, store_name, &value, op).await
        })
        .await
    }

    /// Deletes one record by its key.
    pub async fn remove<T: Record>(&self, key: &str) -> Result<(), StoreError> {
        let op = Op::Delete;
        self.write(&[T::STORE], op, Freshness::Checked, async |tx| {
            tx.store(T::STORE)
                .map_err(|e| StoreError::browser(op, e))?
                .delete(JsValue::from_str(key))
                .await
                .map_err(|e| StoreError::browser(op, e))
        })
        .await
    }

    /// Reads one record by its key.
    pub async fn get<T: Record>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let op = Op::Read;
        self.transact(&[T::STORE], TransactionMode::ReadOnly, op, async |tx| {
            get(tx, T::STORE, key, op).await
        })
        .await
    }

    /// Reads every record of a type.
    pub async fn all<T: Record>(&self) -> Result<Vec<T>, StoreError> {
        let op = Op::Read;
        self.transact(&[T::STORE], TransactionMode::ReadOnly, op, async |tx| {
            all_in(tx, T::STORE, op).await
        })
        .await
    }
}

/// Reads every record of a store inside a transaction.
async fn all_in<T: DeserializeOwned>(
    tx: &Transaction,
    store: &str,
    op: Op,
) -> Result<Vec<T>, StoreError> {
    let values = tx
        .store(store)
        .map_err(|e| StoreError::browser(op, e))?
        .get_all(None, None)
        .await
        .map_err(|e| StoreError::browser(op, e))?;
    values.into_iter().map(|v| from_js(v, op)).collect()
}

/// The data set's generation inside a transaction (0 before the first counted write).
pub(crate) async fn read_generation(tx: &Transaction, op: Op) -> Result<u64, StoreError> {
    Ok(get::<Meta<u64>>(tx, stores::META, GENERATION_KEY, op)
        .await?
        .map_or(0, |r| r.value))
}

/// Reads one record inside a transaction.
pub(crate) async fn get<T: DeserializeOwned>(
    tx: &Transaction,
    store: &str,
    key: &str,
    op: Op,
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
    op: Op,
) -> Result<(), StoreError> {
    tx.store(store)
        .map_err(|e| StoreError::browser(op, e))?
        .put(value, None)
        .await
        .map_err(|e| StoreError::browser(op, e))?;
    Ok(())
}

/// Writes many already-serialized records inside a transaction: every request is made at
/// once and only the last awaited (IndexedDB runs them in order and a failed one fails the
/// transaction), instead of one turn of the event loop per record (an import of 60,000
/// records took 2-3 times as long as the puts themselves).
pub(crate) async fn put_all(
    tx: &Transaction,
    store: &str,
    values: &[JsValue],
    op: Op,
) -> Result<(), StoreError> {
    tx.store(store)
        .map_err(|e| StoreError::browser(op, e))?
        .put_all(values.iter().map(|v| (v.clone(), None)))
        .await
        .map_err(|e| StoreError::browser(op, e))
}

/// Turns a record into the plain JS object IndexedDB stores, through JSON: plain objects and
/// arrays only (key paths cannot read JS `Map`s), and the same serde code the backup file
/// uses, so the wasm carries one set of (de)serializers instead of two. That is why this
/// writes pretty JSON, as the backup does: one serializer per type instead of two (the stored
/// object is the same either way).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T, op: Op) -> Result<JsValue, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt { op, detail };
    let text = serde_json::to_string_pretty(value).map_err(|e| corrupt(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|e| corrupt(js_detail(&e)))
}

/// Reads a stored record back. Like a backup import, it goes through a `serde_json::Value`,
/// so each record type is deserialized by one instance of its serde code, not two.
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, op: Op) -> Result<T, StoreError> {
    let text = js_sys::JSON::stringify(&value)
        .map_err(|e| StoreError::Corrupt {
            op,
            detail: js_detail(&e),
        })?
        .as_string()
        .unwrap_or_default();
    from_text(&text, op)
}

/// A stored record read back from its JSON text (as [`from_js`], for a caller that keeps the
/// text too).
pub(crate) fn from_text<T: DeserializeOwned>(text: &str, op: Op) -> Result<T, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt { op, detail };
    #[allow(
        clippy::disallowed_methods,
        reason = "into a Value, as the size rules ask"
    )]
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))?;
    T::deserialize(&value).map_err(|e| corrupt(e.to_string()))
}

/// A thrown JS value's own words (an `Error`'s name and message, or the value as text).
pub(crate) fn js_detail(e: &JsValue) -> String {
    use wasm_bindgen::JsCast;
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => format!(
            "{}: {}",
            String::from(err.name()),
            String::from(err.message())
        ),
        None => e.as_string().unwrap_or_default(),
    }
}
