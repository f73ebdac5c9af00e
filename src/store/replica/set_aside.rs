//! Values a merge set aside (`Tracked::overwritten`) as this browser keeps them, and what the
//! profile shows of a record's sync: who made the version in sync and what was set aside.
//!
//! A set-aside contact detail is as private as the record's own: with encryption at rest on
//! it is sealed with at rest's key (the record's key, field and stamp bound in), so the `sync`
//! store never holds in plain what the customer row keeps sealed. Turning encryption at rest
//! on or off seals or opens them with the customers (`at_rest.rs`).

use std::collections::BTreeMap;

use futures_util::future::join_all;
use rexie::TransactionMode;
use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::JsValue;
use web_sys::CryptoKey;

use crate::domain::records::Sealed;
use crate::domain::sync::merge::{sensitive, Overwrite};
use crate::domain::sync::payload::{kind_of, Tracked};
use crate::store::at_rest::crypto_error;
use crate::store::crypto::{self, CryptoError};
use crate::store::db::{from_js, Db};
use crate::store::error::Op;
use crate::store::schema::{stores, SYNC_STATE_KEY};
use crate::store::StoreError;

fn aad(key: &str, o: &Overwrite) -> Vec<u8> {
    format!("{key}\n{}\n{}", o.path, o.other_stamp).into_bytes()
}

/// Seals `t`'s set-aside contact details with `with`; whether anything changed.
pub(crate) async fn seal(
    with: &CryptoKey,
    key: &str,
    t: &mut Tracked,
) -> Result<bool, CryptoError> {
    let mut changed = false;
    for o in &mut t.overwritten {
        if !sensitive(kind_of(key), &o.path) {
            continue;
        }
        if let Some(value) = o.other.take() {
            let plain = value.to_string().into_bytes();
            let cipher = crypto::encrypt(with, &plain, &aad(key, o)).await?;
            o.sealed = Some(Sealed::new(&cipher));
            changed = true;
        }
    }
    Ok(changed)
}

/// Opens `t`'s sealed set-aside values with `with`; whether anything changed. One that does
/// not open stays sealed.
pub(crate) async fn open(with: &CryptoKey, key: &str, t: &mut Tracked) -> bool {
    let mut changed = false;
    for o in &mut t.overwritten {
        let Some(cipher) = o.sealed.as_ref().and_then(|s| s.ciphertext().ok()) else {
            continue;
        };
        let Ok(plain) = crypto::decrypt(with, &cipher, &aad(key, o)).await else {
            continue;
        };
        #[allow(
            clippy::disallowed_methods,
            reason = "into a Value, as the size rules ask"
        )]
        if let Ok(value) = serde_json::from_slice::<Value>(&plain) {
            o.other = Some(value);
            o.sealed = None;
            changed = true;
        }
    }
    changed
}

/// Each of `keys`' sync bookkeeping as stored. Records never synced are absent.
async fn rows_of(db: &Db, keys: &[String]) -> Result<Vec<(String, Tracked)>, StoreError> {
    let op = Op::Read;
    let rows = db
        .transact(&[stores::SYNC], TransactionMode::ReadOnly, op, async |tx| {
            let store = tx
                .store(stores::SYNC)
                .map_err(|e| StoreError::browser(op, e))?;
            let reads = keys
                .iter()
                .filter(|k| k.as_str() != SYNC_STATE_KEY)
                .map(|key| store.get(JsValue::from_str(key)));
            let mut rows = Vec::new();
            for read in join_all(reads).await {
                rows.extend(read.map_err(|e| StoreError::browser(op, e))?);
            }
            Ok(rows)
        })
        .await?;
    let mut out = Vec::new();
    for raw in rows {
        let row: super::device::Row<Value> = from_js(raw, op)?;
        if let Ok(t) = Tracked::deserialize(&row.value) {
            out.push((row.key, t));
        }
    }
    Ok(out)
}

/// Each of `keys`' sync bookkeeping, with set-aside contact details opened when this tab is
/// unlocked (left sealed when it is not). Records never synced are absent.
pub async fn of(db: &Db, keys: &[String]) -> Result<BTreeMap<String, Tracked>, StoreError> {
    let mut out = BTreeMap::new();
    for (key, mut t) in rows_of(db, keys).await? {
        if let Some(with) = db.at_rest_key() {
            open(&with, &key, &mut t).await;
        }
        out.insert(key, t);
    }
    Ok(out)
}

/// Who made the version in sync of each of `keys` (records with a named author only).
pub async fn authors(db: &Db, keys: &[String]) -> Result<BTreeMap<String, String>, StoreError> {
    Ok(rows_of(db, keys)
        .await?
        .into_iter()
        .filter(|(_, t)| !t.by.is_empty())
        .map(|(key, t)| (key, t.by))
        .collect())
}

/// A `sync` row rewritten for encryption at rest turned on or off: its key, its text as read
/// (the write refuses a row that moved meanwhile) and the new row.
pub(crate) struct Resealed {
    pub key: String,
    pub read_as: String,
    pub row: JsValue,
}

/// Every `sync` row whose set-aside contact details change when encryption at rest is turned
/// on (`sealing`, with the new key) or off (opened with the old one).
pub(crate) async fn reseal_all(
    db: &Db,
    with: &CryptoKey,
    sealing: bool,
    op: Op,
) -> Result<Vec<Resealed>, StoreError> {
    let raws = db
        .transact(&[stores::SYNC], TransactionMode::ReadOnly, op, async |tx| {
            tx.store(stores::SYNC)
                .map_err(|e| StoreError::browser(op, e))?
                .get_all(None, None)
                .await
                .map_err(|e| StoreError::browser(op, e))
        })
        .await?;
    let mut out = Vec::new();
    for raw in raws {
        let read_as = super::device::stringify(&raw);
        let row: super::device::Row<Value> = from_js(raw, op)?;
        if row.key == SYNC_STATE_KEY {
            continue;
        }
        let Ok(mut t) = Tracked::deserialize(&row.value) else {
            continue;
        };
        let changed = if sealing {
            seal(with, &row.key, &mut t)
                .await
                .map_err(crypto_error(op))?
        } else {
            open(with, &row.key, &mut t).await
        };
        if changed {
            let new_row = crate::store::db::to_js(
                &super::device::Row {
                    key: row.key.clone(),
                    value: &t,
                },
                op,
            )?;
            out.push(Resealed {
                key: row.key,
                read_as,
                row: new_row,
            });
        }
    }
    Ok(out)
}
