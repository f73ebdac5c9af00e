//! Customer profiles: saving with a revision check, deleting with everything attached (and
//! putting it all back for Undo), data-set settings, and whole-database writes for imports.
//! Each operation is one transaction (see [`Db::transact`]): it reads, decides and writes, and
//! a failure or a closed tab leaves the data as it was.

use std::collections::HashMap;

use rexie::{KeyRange, TransactionMode};
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::at_rest::{AtRest, KEY_ROW};
use super::db::{from_js, get, put, put_all, to_js, Db, Freshness, Meta, SETTINGS_KEY};
use super::error::Op;
use super::schema::stores;
use super::StoreError;
use crate::domain::records::Customer;
use crate::domain::records::{FollowUp, PlanItem, Todo};
use crate::domain::settings::DataSettings;
use crate::domain::tiering::TierState;

/// Everything a delete removed, kept so Undo can put it back exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct Deleted {
    pub customer: Customer,
    /// Records of the other stores that belonged to the customer, as stored.
    pub attached: Vec<(&'static str, serde_json::Value)>,
}

/// What an import writes as a customer: a [`Customer`] (sealed when encryption is on), or
/// any other shape (tests write older or broken records), allowed only while encryption is off.
pub trait ImportRecord: Serialize {
    fn customer(&self) -> Option<&Customer> {
        None
    }
}

impl ImportRecord for Customer {
    fn customer(&self) -> Option<&Customer> {
        Some(self)
    }
}

impl ImportRecord for serde_json::Value {}

/// Up to this many tier states are read and written one by one; more in one go.
const FEW_STATES: usize = 32;

/// Stores whose records belong to one customer (by their `customer_id` index).
const ATTACHED: [&str; 3] = [stores::FOLLOWUPS, stores::TODOS, stores::PLANS];

/// The customers store and every store attached to it.
const CUSTOMER_STORES: [&str; 4] = [
    stores::CUSTOMERS,
    stores::FOLLOWUPS,
    stores::TODOS,
    stores::PLANS,
];

/// Every store, for whole-database writes.
const ALL_STORES: [&str; 5] = [
    stores::CUSTOMERS,
    stores::FOLLOWUPS,
    stores::TODOS,
    stores::PLANS,
    stores::META,
];

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn settings_row(settings: &DataSettings, op: Op) -> Result<JsValue, StoreError> {
    to_js(
        &Meta {
            key: SETTINGS_KEY.to_string(),
            value: settings,
        },
        op,
    )
}

impl Db {
    /// Every customer profile, opened when this tab is unlocked (see `at_rest`).
    pub async fn customers(&self) -> Result<Vec<Customer>, StoreError> {
        self.refresh_at_rest().await?;
        let stored = self.all::<Customer>().await?;
        let mut open = Vec::with_capacity(stored.len());
        for c in stored {
            open.push(self.open_customer(c).await);
        }
        Ok(open)
    }

    /// Saves a profile if it is still at the revision the edit started from (`customer.revision`;
    /// 0 for a new one). Returns what was stored, with its new revision and time. The stored
    /// tier state is kept: only [`Db::update_tier_states`] changes it, so a form open while the
    /// tier moved cannot put the old tier back.
    pub async fn save_customer(&self, customer: &Customer) -> Result<Customer, StoreError> {
        let op = Op::Save;
        let mut saved = customer.clone();
        saved.revision += 1;
        saved.updated_at = now_ms().max(customer.updated_at + 1);
        let mut sealed = self.seal(&saved).await?;
        self.write(&[stores::CUSTOMERS], op, Freshness::Checked, async |tx| {
            let stored: Option<Customer> = get(tx, stores::CUSTOMERS, &customer.id, op).await?;
            match &stored {
                Some(s) if s.revision != customer.revision => {
                    return Err(StoreError::Conflict {
                        id: customer.id.clone(),
                    })
                }
                None if customer.revision != 0 => {
                    return Err(StoreError::Missing {
                        id: customer.id.clone(),
                    })
                }
                _ => {}
            }
            if let Some(stored) = stored {
                sealed.tiering = stored.tiering.clone();
                saved.tiering = stored.tiering;
            }
            put(tx, stores::CUSTOMERS, &to_js(&sealed, op)?, op).await
        })
        .await?;
        Ok(saved)
    }

    /// Moves tier states: tiering's bookkeeping, or a user's decision. Not an edit of the
    /// profile: revisions stay, so open forms are not disturbed. `change` runs on each state as
    /// stored, inside this write's transaction, so a move that landed after the page read
    /// (the rules' first tier, a decision in another view) is built on, never overwritten;
    /// only the states it changed are written and returned. Customers deleted meanwhile are
    /// skipped. The rules' own moves are [`Freshness::Unchecked`]; a user's decision is checked.
    pub async fn update_tier_states(
        &self,
        ids: &[String],
        // A trait object, not a generic: one copy of this write for every caller (docs/wasm-size.md).
        change: &dyn Fn(&Customer, &mut TierState) -> bool,
        freshness: Freshness,
    ) -> Result<Vec<Customer>, StoreError> {
        let op = Op::Save;
        let changed = |mut customer: Customer| {
            let mut state = customer.tiering.clone();
            change(&customer, &mut state).then(|| {
                customer.tiering = state;
                customer
            })
        };
        let saved = self
            .write(&[stores::CUSTOMERS], op, freshness, async |tx| {
                let mut saved = Vec::new();
                if ids.len() <= FEW_STATES {
                    for id in ids {
                        let stored = get::<Customer>(tx, stores::CUSTOMERS, id, op).await?;
                        if let Some(customer) = stored.and_then(changed) {
                            put(tx, stores::CUSTOMERS, &to_js(&customer, op)?, op).await?;
                            saved.push(customer);
                        }
                    }
                    return Ok(saved);
                }
                // Many (the first tiering after an import moves every customer): one read of
                // the store and the writes issued at once, instead of two turns of the event
                // loop per customer (10,000 took 15 s, and held up every write behind them).
                let err = |e: rexie::Error| StoreError::browser(op, e);
                let mut stored: HashMap<String, JsValue> = HashMap::new();
                for value in tx
                    .store(stores::CUSTOMERS)
                    .map_err(err)?
                    .get_all(None, None)
                    .await
                    .map_err(err)?
                {
                    let id = js_sys::Reflect::get(&value, &"id".into())
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_default();
                    stored.insert(id, value);
                }
                let mut values = Vec::new();
                for id in ids {
                    let Some(value) = stored.remove(id) else {
                        continue;
                    };
                    if let Some(customer) = changed(from_js(value, op)?) {
                        values.push(to_js(&customer, op)?);
                        saved.push(customer);
                    }
                }
                put_all(tx, stores::CUSTOMERS, &values, op).await?;
                Ok(saved)
            })
            .await?;
        let mut open = Vec::with_capacity(saved.len());
        for c in saved {
            open.push(self.open_customer(c).await);
        }
        Ok(open)
    }

    /// Deletes a customer and every record attached to it, returning all of it for Undo.
    pub async fn delete_customer(&self, id: &str) -> Result<Deleted, StoreError> {
        let op = Op::Delete;
        let err = |e: rexie::Error| StoreError::browser(op, e);
        let deleted = self
            .write(&CUSTOMER_STORES, op, Freshness::Checked, async |tx| {
                let Some(customer) = get::<Customer>(tx, stores::CUSTOMERS, id, op).await? else {
                    return Err(StoreError::Missing { id: id.to_string() });
                };
                let key = JsValue::from_str(id);
                let mut attached = Vec::new();
                for name in ATTACHED {
                    let store = tx.store(name).map_err(err)?;
                    let range = KeyRange::only(&key).map_err(|e| err(e.into()))?;
                    let records = store
                        .index("customer_id")
                        .map_err(err)?
                        .get_all(Some(range), None)
                        .await
                        .map_err(err)?;
                    for record in records {
                        let record: serde_json::Value = from_js(record, op)?;
                        let record_id = record["id"].as_str().unwrap_or_default().to_string();
                        store
                            .delete(JsValue::from_str(&record_id))
                            .await
                            .map_err(err)?;
                        attached.push((name, record));
                    }
                }
                tx.store(stores::CUSTOMERS)
                    .map_err(err)?
                    .delete(key)
                    .await
                    .map_err(err)?;
                Ok(Deleted { customer, attached })
            })
            .await?;
        Ok(Deleted {
            customer: self.open_customer(deleted.customer).await,
            ..deleted
        })
    }

    /// Puts back what [`Db::delete_customer`] removed, exactly as it was (never refused as
    /// stale: the records are gone, so no other tab can have changed them).
    pub async fn restore(&self, deleted: &Deleted) -> Result<(), StoreError> {
        let op = Op::Undo;
        let customer = to_js(&self.seal(&deleted.customer).await?, op)?;
        let attached = deleted
            .attached
            .iter()
            .map(|(name, record)| Ok((*name, to_js(record, op)?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        self.write(&CUSTOMER_STORES, op, Freshness::Unchecked, async |tx| {
            put(tx, stores::CUSTOMERS, &customer, op).await?;
            for (name, record) in &attached {
                put(tx, name, record, op).await?;
            }
            Ok(())
        })
        .await?;
        Ok(())
    }

    /// The data set's settings (defaults until first saved).
    pub async fn settings(&self) -> Result<DataSettings, StoreError> {
        let op = Op::Read;
        let row = self
            .transact(&[stores::META], TransactionMode::ReadOnly, op, async |tx| {
                get::<Meta<DataSettings>>(tx, stores::META, SETTINGS_KEY, op).await
            })
            .await?;
        Ok(row.map(|r| r.value).unwrap_or_default())
    }

    pub async fn save_settings(&self, settings: &DataSettings) -> Result<(), StoreError> {
        let op = Op::Save;
        let row = settings_row(settings, op)?;
        self.write(&[stores::META], op, Freshness::Checked, async |tx| {
            put(tx, stores::META, &row, op).await
        })
        .await?;
        Ok(())
    }

    /// Writes an import in one transaction: optionally clears every store first, then puts the
    /// customers (as given: imports keep revisions, so a round trip is lossless) and settings.
    /// If anything fails, nothing of it is kept.
    pub async fn write_import<C: ImportRecord>(
        &self,
        clear_first: bool,
        customers: &[C],
        records: (&[FollowUp], &[PlanItem], &[Todo]),
        settings: Option<&DataSettings>,
    ) -> Result<(), StoreError> {
        let op = Op::Import;
        let err = |e: rexie::Error| StoreError::browser(op, e);
        // Seal and serialize everything before the transaction starts: it must not wait on
        // anything else.
        let mut values = Vec::with_capacity(customers.len());
        for c in customers {
            values.push(match c.customer() {
                Some(c) => to_js(&self.seal(c).await?, op)?,
                None if self.at_rest() == AtRest::Off => to_js(c, op)?,
                None => return Err(StoreError::Locked),
            });
        }
        let settings = settings.map(|s| settings_row(s, op)).transpose()?;
        let followups = records
            .0
            .iter()
            .map(|f| to_js(f, op))
            .collect::<Result<Vec<_>, _>>()?;
        let plans = records
            .1
            .iter()
            .map(|p| to_js(p, op))
            .collect::<Result<Vec<_>, _>>()?;
        let todos = records
            .2
            .iter()
            .map(|t| to_js(t, op))
            .collect::<Result<Vec<_>, _>>()?;
        self.write(&ALL_STORES, op, Freshness::Checked, async |tx| {
            if clear_first {
                // The key record stays: the imported customers are sealed under its key.
                let key_row: Option<serde_json::Value> = get(tx, stores::META, KEY_ROW, op).await?;
                for name in ALL_STORES {
                    tx.store(name).map_err(err)?.clear().await.map_err(err)?;
                }
                if let Some(row) = key_row {
                    put(tx, stores::META, &to_js(&row, op)?, op).await?;
                }
            }
            put_all(tx, stores::CUSTOMERS, &values, op).await?;
            put_all(tx, stores::FOLLOWUPS, &followups, op).await?;
            put_all(tx, stores::PLANS, &plans, op).await?;
            put_all(tx, stores::TODOS, &todos, op).await?;
            if let Some(row) = &settings {
                put(tx, stores::META, row, op).await?;
            }
            Ok(())
        })
        .await?;
        Ok(())
    }
}
