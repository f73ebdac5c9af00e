//! This browser's data set as the replicator's [`Device`]: records read from and written to
//! IndexedDB, the engine's bookkeeping in the `sync` store, both in one transaction.
//!
//! A record is handed to the engine as its own type writes it, with contact details opened
//! (sync needs encryption at rest unlocked when it is on) and sealed again before writing. A
//! record the person changed between the engine's read and its write is not overwritten: the
//! write is refused as a whole and the engine works the batch out again.

use std::cell::RefCell;
use std::collections::BTreeMap;

use futures_util::future::join_all;
use rexie::{Transaction, TransactionMode};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::JsValue;

use crate::domain::records::{Customer, FollowUp, PlanItem, Todo};
use crate::domain::settings::DataSettings;
use crate::domain::sync::payload::{kind_of, Tracked};
use crate::domain::sync::replicator::{Device, Item, Snapshot, State};
use crate::store::at_rest::{crypto_error, AtRest};
use crate::store::db::{
    from_js, from_text, put, read_generation, to_js, Db, Freshness, Meta, SETTINGS_KEY,
};
use crate::store::error::Op;
use crate::store::schema::{stores, SYNC_STATE_KEY};
use crate::store::StoreError;

/// The record kinds this version stores, with their object store.
const KINDS: [(&str, &str); 5] = [
    ("customer", stores::CUSTOMERS),
    ("followup", stores::FOLLOWUPS),
    ("plan", stores::PLANS),
    ("todo", stores::TODOS),
    ("settings", stores::META),
];

fn store_of(kind: &str) -> Option<&'static str> {
    KINDS.iter().find(|(k, _)| *k == kind).map(|(_, s)| *s)
}

/// The record's key in its object store.
fn row_key(key: &str) -> &str {
    match key.split_once(':') {
        Some(("settings", _)) => SETTINGS_KEY,
        Some((_, id)) => id,
        None => key,
    }
}

/// The key of `key`'s row in `store` (the `sync` store keeps rows by record key).
fn row_key_in<'k>(store: &str, key: &'k str) -> &'k str {
    if store == stores::SYNC {
        key
    } else {
        row_key(key)
    }
}

/// A row of the `sync` store: the record's key and the bookkeeping, apart (flattened, the
/// bookkeeping's own `key` field would collide with the row's).
#[derive(Serialize, Deserialize)]
pub(crate) struct Row<T> {
    pub key: String,
    pub value: T,
}

/// The device as this tab's last sync left it, with what it was checked against: the
/// database's write counter (every write of records moves it, in any tab) and the text of the
/// engine's `#state` row (every write of the engine moves it, in any tab). While both are as
/// kept, the records and bookkeeping are too, and a run reads nothing more (a device that only
/// receives no longer reads the whole data set for each change). It costs a copy of the
/// records in memory while sync is on.
struct Kept {
    db: String,
    generation: u64,
    state_row: Option<String>,
    snapshot: Snapshot,
    read_as: BTreeMap<String, String>,
}

// The snapshot's `changed`: records whose row differed from the kept one when read again,
// gathered until a push has compared them all (`all_sent`). Only this tab's runner reads
// the device, one run at a time, so nothing is read between a push's read and its end.

thread_local! {
    static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
}

/// What a read can take from [`Kept`].
enum Reuse {
    /// Nothing was written since.
    All(Snapshot),
    /// Records were written (a person's edit), but no engine wrote since.
    Bookkeeping(Kept),
    Nothing,
}

/// Forgets the kept snapshot (sync turned off).
pub fn forget_kept() {
    KEPT.with(|k| *k.borrow_mut() = None);
}

pub struct Replica<'a> {
    db: &'a Db,
    /// Each record's stored row as last read (JSON text): a write refuses one that moved.
    read_as: RefCell<BTreeMap<String, String>>,
    /// The database's write counter `read_as` holds for: while it has not moved, no record
    /// was written since, and a write need not look at any row first.
    as_of: std::cell::Cell<Option<u64>>,
    /// The storage error behind the engine's last `Device` failure, kept typed so the
    /// catalogue can word it.
    pub failure: RefCell<Option<StoreError>>,
    /// Who this device's changes are by.
    by: RefCell<String>,
    /// Told how many records a run has still to send.
    progress: RefCell<Option<Tell>>,
}

/// What a device tells how many records are left.
type Tell = Box<dyn Fn(usize)>;

impl<'a> Replica<'a> {
    pub fn new(db: &'a Db) -> Replica<'a> {
        Replica {
            db,
            read_as: RefCell::default(),
            as_of: std::cell::Cell::new(None),
            failure: RefCell::default(),
            by: RefCell::default(),
            progress: RefCell::default(),
        }
    }

    pub fn set_by(&self, by: &str) {
        *self.by.borrow_mut() = by.to_string();
    }

    pub fn on_progress(&self, left: impl Fn(usize) + 'static) {
        *self.progress.borrow_mut() = Some(Box::new(left));
    }
}

pub(crate) fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A record the engine writes, as reading its stored row back gives it (its own type's form,
/// contact details open); `None` for a kind this version does not store.
fn stored_as(kind: &str, v: &Value) -> Option<Value> {
    match kind {
        "customer" => typed::<Customer>(v),
        "followup" => typed::<FollowUp>(v),
        "plan" => typed::<PlanItem>(v),
        "todo" => typed::<Todo>(v),
        "settings" => typed::<DataSettings>(v),
        _ => None,
    }
}

fn as_value<T: Serialize>(record: &T) -> Value {
    serde_json::to_value(record).unwrap_or(Value::Null)
}

fn typed<T: DeserializeOwned + Serialize>(record: &Value) -> Option<Value> {
    T::deserialize(record).ok().map(|t| as_value(&t))
}

fn browser(op: Op) -> impl Fn(rexie::Error) -> StoreError {
    move |e| StoreError::browser(op, e)
}

/// Each written row's text (none: removed) into a map of rows as read.
fn apply(read_as: &mut BTreeMap<String, String>, written: &[(&String, Option<String>)]) {
    for (key, text) in written {
        match text {
            Some(t) => read_as.insert((*key).clone(), t.clone()),
            None => read_as.remove(*key),
        };
    }
}

/// The engine's `#state` row as stored.
async fn read_state_row(tx: &Transaction, op: Op) -> Result<Option<JsValue>, StoreError> {
    tx.store(stores::SYNC)
        .map_err(browser(op))?
        .get(JsValue::from_str(SYNC_STATE_KEY))
        .await
        .map_err(browser(op))
}

async fn all_raw(tx: &Transaction, store: &str, op: Op) -> Result<Vec<JsValue>, StoreError> {
    tx.store(store)
        .map_err(browser(op))?
        .get_all(None, None)
        .await
        .map_err(browser(op))
}

impl Replica<'_> {
    fn failed(&self, e: StoreError) -> String {
        let text = format!("{e:?}");
        *self.failure.borrow_mut() = Some(e);
        text
    }

    async fn read_all(&self) -> Result<Snapshot, StoreError> {
        let op = Op::Read;
        if self.db.at_rest() == AtRest::Locked {
            return Err(StoreError::Locked);
        }
        // Records written since (a person's edit) are read again; the bookkeeping, written by
        // the engine only, is taken as kept when no engine wrote since.
        let earlier = match self.kept_if_current().await? {
            Reuse::All(snapshot) => return Ok(snapshot),
            Reuse::Bookkeeping(kept) => Some(kept),
            Reuse::Nothing => None,
        };
        let with_sync = earlier.is_none();
        let mut names = vec![
            stores::CUSTOMERS,
            stores::FOLLOWUPS,
            stores::PLANS,
            stores::TODOS,
            stores::META,
        ];
        if with_sync {
            names.push(stores::SYNC);
        }
        let (rows, settings, sync_rows, generation) = self
            .db
            .transact(&names, TransactionMode::ReadOnly, op, async |tx| {
                let mut rows = Vec::new();
                for (kind, store) in &KINDS[..4] {
                    for v in all_raw(tx, store, op).await? {
                        rows.push((*kind, v));
                    }
                }
                let settings = tx
                    .store(stores::META)
                    .map_err(browser(op))?
                    .get(JsValue::from_str(SETTINGS_KEY))
                    .await
                    .map_err(browser(op))?;
                let generation = read_generation(tx, op).await?;
                let sync_rows = if with_sync {
                    all_raw(tx, stores::SYNC, op).await?
                } else {
                    Vec::new()
                };
                Ok((rows, settings, sync_rows, generation))
            })
            .await?;
        let mut read_as = BTreeMap::new();
        let mut records = BTreeMap::new();
        let mut changed = earlier.as_ref().and_then(|k| k.snapshot.changed.clone());
        for (kind, raw) in rows {
            // The row's text is kept (a write refuses a row that moved) and read once.
            let text = stringify(&raw);
            if let Some(kept) = &earlier {
                let id = js_sys::Reflect::get(&raw, &JsValue::from_str("id"))
                    .ok()
                    .and_then(|v| v.as_string());
                let key = id.map(|id| format!("{kind}:{id}"));
                let same = key.as_ref().and_then(|key| {
                    (kept.read_as.get(key) == Some(&text))
                        .then(|| kept.snapshot.records.get(key))
                        .flatten()
                });
                if let (Some(key), Some(value)) = (key.clone(), same) {
                    records.insert(key.clone(), value.clone());
                    read_as.insert(key, text);
                    continue;
                }
            }
            let value = match kind {
                "customer" => {
                    let c: Customer = from_text(&text, op)?;
                    as_value(&self.db.open_customer(c).await)
                }
                "followup" => as_value(&from_text::<FollowUp>(&text, op)?),
                "plan" => as_value(&from_text::<PlanItem>(&text, op)?),
                _ => as_value(&from_text::<Todo>(&text, op)?),
            };
            let id = value
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let key = format!("{kind}:{id}");
            if let Some(changed) = &mut changed {
                changed.insert(key.clone());
            }
            read_as.insert(key.clone(), text);
            records.insert(key, value);
        }
        if let Some(raw) = settings {
            let text = stringify(&raw);
            if let Some(changed) = &mut changed {
                if earlier
                    .as_ref()
                    .and_then(|k| k.read_as.get("settings:settings"))
                    != Some(&text)
                {
                    changed.insert("settings:settings".into());
                }
            }
            read_as.insert("settings:settings".into(), text);
            let row: Meta<DataSettings> = from_js(raw, op)?;
            records.insert("settings:settings".into(), as_value(&row.value));
        }
        if let (Some(changed), Some(kept)) = (&mut changed, &earlier) {
            // Removed since.
            let gone = kept.read_as.keys().filter(|k| !read_as.contains_key(*k));
            changed.extend(gone.cloned());
        }
        let (mut tracked, mut state, mut state_row) = match earlier {
            Some(kept) => (kept.snapshot.tracked, kept.snapshot.state, kept.state_row),
            None => (BTreeMap::new(), State::default(), None),
        };
        for raw in sync_rows {
            let text = stringify(&raw);
            let row: Row<Value> = from_text(&text, op)?;
            if row.key == SYNC_STATE_KEY {
                state_row = Some(text);
                state = State::deserialize(&row.value).unwrap_or_default();
            } else if let Ok(mut t) = Tracked::deserialize(&row.value) {
                t.key = row.key.clone();
                tracked.insert(row.key, t);
            }
        }
        state.by = self.by.borrow().clone();
        let snapshot = Snapshot {
            records,
            tracked,
            state,
            changed,
        };
        KEPT.with(|k| {
            *k.borrow_mut() = Some(Kept {
                db: self.db.name(),
                generation,
                state_row,
                snapshot: snapshot.clone(),
                read_as: read_as.clone(),
            })
        });
        *self.read_as.borrow_mut() = read_as;
        self.as_of.set(Some(generation));
        Ok(snapshot)
    }

    /// What of the kept snapshot still holds (see [`Kept`]).
    async fn kept_if_current(&self) -> Result<Reuse, StoreError> {
        let name = self.db.name();
        let Some((generation, state_row)) = KEPT.with(|k| {
            k.borrow()
                .as_ref()
                .filter(|k| k.db == name)
                .map(|k| (k.generation, k.state_row.clone()))
        }) else {
            return Ok(Reuse::Nothing);
        };
        let op = Op::Read;
        let (now, row) = self
            .db
            .transact(
                &[stores::META, stores::SYNC],
                TransactionMode::ReadOnly,
                op,
                async |tx| {
                    let now = read_generation(tx, op).await?;
                    let row = read_state_row(tx, op).await?;
                    Ok((now, row.as_ref().map(stringify)))
                },
            )
            .await?;
        let kept = KEPT.with(|k| k.borrow_mut().take());
        let Some(kept) = kept else {
            return Ok(Reuse::Nothing);
        };
        if row != state_row {
            return Ok(Reuse::Nothing);
        }
        if now != generation {
            return Ok(Reuse::Bookkeeping(kept));
        }
        *self.read_as.borrow_mut() = kept.read_as.clone();
        self.as_of.set(Some(kept.generation));
        let mut snapshot = kept.snapshot.clone();
        snapshot.state.by = self.by.borrow().clone();
        KEPT.with(|k| *k.borrow_mut() = Some(kept));
        Ok(Reuse::All(snapshot))
    }

    /// After a write: the kept snapshot takes what was written, if the write found the
    /// database as kept (`found`: the write counter it read; `counted`: whether it moved it).
    fn keep_written(
        &self,
        items: &[Item],
        written: &[(&String, Option<String>)],
        state: &State,
        state_row: &JsValue,
        found: u64,
        counted: bool,
    ) {
        let name = self.db.name();
        KEPT.with(|k| {
            let mut k = k.borrow_mut();
            let Some(kept) = k.as_mut().filter(|k| k.db == name && k.generation == found) else {
                *k = None;
                return;
            };
            for item in items {
                match &item.record {
                    Some(Some(v)) => match stored_as(kind_of(&item.key), v) {
                        // As a read of the stored row gives it back.
                        Some(v) => {
                            kept.snapshot.records.insert(item.key.clone(), v);
                        }
                        None => {
                            *k = None;
                            return;
                        }
                    },
                    Some(None) => {
                        kept.snapshot.records.remove(&item.key);
                    }
                    _ => {}
                }
                match &item.tracked {
                    Some(t) => kept.snapshot.tracked.insert(item.key.clone(), t.clone()),
                    None => kept.snapshot.tracked.remove(&item.key),
                };
            }
            kept.snapshot.state = state.clone();
            kept.state_row = Some(stringify(state_row));
            kept.generation = found + u64::from(counted);
            apply(&mut kept.read_as, written);
        });
    }

    async fn write_all(&self, items: Vec<Item>, state: &State) -> Result<bool, StoreError> {
        let op = Op::Save;
        // Everything is serialised (and contact details sealed) before the transaction opens.
        let mut rows: Vec<(String, &'static str, Option<JsValue>)> = Vec::new();
        let mut sync_rows: Vec<(String, Option<JsValue>)> = Vec::new();
        for item in &items {
            let kind = kind_of(&item.key);
            if let (Some(record), Some(store)) = (&item.record, store_of(kind)) {
                let value = match record {
                    None => None,
                    Some(v) => Some(self.row_of(kind, v, op).await?),
                };
                rows.push((item.key.clone(), store, value));
            }
            let row = match &item.tracked {
                Some(t) => {
                    let mut t = t.clone();
                    if let Some(with) = self.db.at_rest_key() {
                        super::set_aside::seal(&with, &item.key, &mut t)
                            .await
                            .map_err(crypto_error(op))?;
                    }
                    Some(to_js(
                        &Row {
                            key: item.key.clone(),
                            value: &t,
                        },
                        op,
                    )?)
                }
                None => None,
            };
            sync_rows.push((item.key.clone(), row));
        }
        let state_row = to_js(
            &Row {
                key: SYNC_STATE_KEY.to_string(),
                value: state,
            },
            op,
        )?;
        // What each row held when read (only these: the whole map is large).
        let expected: Vec<Option<String>> = {
            let read_as = self.read_as.borrow();
            rows.iter()
                .map(|(key, _, _)| read_as.get(key).cloned())
                .collect()
        };
        // Every request of a step is made at once and then awaited together: one after
        // another, each waited a turn of the event loop (a batch of 200 took ~230 ms).
        let as_of = self.as_of.get();
        let body = async |tx: &Transaction| {
            // No record written since it was read (by a person, an import or another tab):
            // every row is as read, and none is looked at (a first sync down writes
            // thousands).
            let unmoved = as_of.is_some() && Some(read_generation(tx, op).await?) == as_of;
            let mut checks = Vec::new();
            for (key, store, _) in rows.iter().filter(|_| !unmoved) {
                let os = tx.store(store).map_err(browser(op))?;
                checks.push(async move { os.get(JsValue::from_str(row_key(key))).await });
            }
            let found = join_all(checks).await;
            for (((key, _, _), now), expected) in rows.iter().zip(found).zip(&expected) {
                let now = now.map_err(browser(op))?;
                if now.as_ref().map(stringify) != *expected {
                    return Err(StoreError::Conflict { id: key.clone() });
                }
            }
            let mut writes = Vec::new();
            let records = rows
                .iter()
                .map(|(key, store, value)| (*store, key.as_str(), value));
            let bookkeeping = sync_rows
                .iter()
                .map(|(key, row)| (stores::SYNC, key.as_str(), row));
            for (store, key, value) in records.chain(bookkeeping) {
                let os = tx.store(store).map_err(browser(op))?;
                writes.push(async move {
                    match value {
                        Some(v) => os.put(v, None).await.map(|_| ()),
                        None => os.delete(JsValue::from_str(row_key_in(store, key))).await,
                    }
                });
            }
            for written in join_all(writes).await {
                written.map_err(browser(op))?;
            }
            put(tx, stores::SYNC, &state_row, op).await?;
            read_generation(tx, op).await
        };
        let mut names: Vec<&str> = rows.iter().map(|(_, s, _)| *s).collect();
        names.push(stores::SYNC);
        let counted = !rows.is_empty();
        let result = if rows.is_empty() {
            // Bookkeeping only: the records did not change, so other tabs need not hear (the
            // write counter is read, not moved).
            self.db
                .transact(
                    &[stores::META, stores::SYNC],
                    TransactionMode::ReadWrite,
                    op,
                    body,
                )
                .await
        } else {
            crate::domain::sorting::sort(&mut names);
            names.dedup();
            self.db.write(&names, op, Freshness::Unchecked, body).await
        };
        match result {
            Ok(found) => {
                // What is stored now is what was written: the next batch's check compares
                // against it (the engine does not read everything again between batches).
                let written: Vec<(&String, Option<String>)> = rows
                    .iter()
                    .map(|(key, _, value)| (key, value.as_ref().map(stringify)))
                    .collect();
                apply(&mut self.read_as.borrow_mut(), &written);
                self.as_of.set(
                    as_of
                        .filter(|a| *a == found)
                        .map(|a| a + u64::from(counted)),
                );
                self.keep_written(&items, &written, state, &state_row, found, counted);
                Ok(true)
            }
            Err(StoreError::Conflict { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    async fn row_of(&self, kind: &str, v: &Value, op: Op) -> Result<JsValue, StoreError> {
        let corrupt = |e: serde_json::Error| StoreError::Corrupt {
            op,
            detail: e.to_string(),
        };
        match kind {
            "customer" => {
                let c = Customer::deserialize(v).map_err(corrupt)?;
                to_js(&self.db.seal(&c).await?, op)
            }
            "followup" => to_js(&FollowUp::deserialize(v).map_err(corrupt)?, op),
            "plan" => to_js(&PlanItem::deserialize(v).map_err(corrupt)?, op),
            "todo" => to_js(&Todo::deserialize(v).map_err(corrupt)?, op),
            _ => {
                let settings = DataSettings::deserialize(v).map_err(corrupt)?;
                to_js(
                    &Meta {
                        key: SETTINGS_KEY.to_string(),
                        value: settings,
                    },
                    op,
                )
            }
        }
    }
}

impl Device for Replica<'_> {
    fn new_device_id(&self) -> String {
        crate::store::crypto::random_bytes(8)
            .map(|b| b.iter().map(|x| format!("{x:02x}")).collect())
            .unwrap_or_else(|_| format!("{:x}", js_sys::Date::now() as u64))
    }

    async fn read(&self) -> Result<Snapshot, String> {
        self.read_all().await.map_err(|e| self.failed(e))
    }

    async fn read_state(&self) -> Result<State, String> {
        let op = Op::Read;
        let raw = self
            .db
            .transact(&[stores::SYNC], TransactionMode::ReadOnly, op, async |tx| {
                read_state_row(tx, op).await
            })
            .await
            .map_err(|e| self.failed(e))?;
        let Some(raw) = raw else {
            return Ok(State::default());
        };
        let row: Row<Value> = from_js(raw, op).map_err(|e| self.failed(e))?;
        Ok(State::deserialize(&row.value).unwrap_or_default())
    }

    async fn write(&self, items: Vec<Item>, state: &State) -> Result<bool, String> {
        self.write_all(items, state)
            .await
            .map_err(|e| self.failed(e))
    }

    fn all_sent(&self) {
        let name = self.db.name();
        KEPT.with(|k| {
            if let Some(kept) = k.borrow_mut().as_mut().filter(|k| k.db == name) {
                kept.snapshot.changed = Some(Default::default());
            }
        });
    }

    fn stores(&self, kind: &str) -> bool {
        store_of(kind).is_some()
    }

    fn known(&self, kind: &str, record: &Value) -> Option<Value> {
        let mut v = stored_as(kind, record)?;
        if let Some(o) = v.as_object_mut() {
            o.remove("sealed");
        }
        Some(v)
    }

    fn now_ms(&self) -> u64 {
        js_sys::Date::now() as u64
    }

    fn left(&self, n: usize) {
        if let Some(tell) = &*self.progress.borrow() {
            tell(n);
        }
    }
}
