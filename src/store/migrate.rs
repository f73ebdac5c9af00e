//! Rewrites what older versions of the app stored, after the database is opened at a newer
//! schema version.
//!
//! IndexedDB's upgrade step (rexie's builder) only creates stores and indexes; records are
//! rewritten here. The `meta` store remembers which version the records are at, so each
//! rewrite runs once — and, since it is one transaction, again at the next opening if it was
//! interrupted. Records are changed as plain JS objects, so fields this app does not know
//! stay as they are.

use js_sys::Reflect;
use rexie::TransactionMode;
use wasm_bindgen::JsValue;

use super::db::{put, Db};
use super::error::Op;
use super::schema::stores;
use super::StoreError;
use crate::domain::cadence::keys::upgrade_generated_key;

/// The `meta` record holding the schema version the stored records are written for.
const DATA_VERSION: &str = "data_version";

/// Version 3: planned touches' `replaces` keys name the kind by its stable name.
const STABLE_KEYS: u32 = 3;

/// Brings the records up to `schema_version` (the version the database was just opened at).
pub(crate) async fn run(db: &Db, schema_version: u32) -> Result<(), StoreError> {
    if schema_version < STABLE_KEYS {
        // Opened at an old schema (the upgrade tests): records stay as that app wrote them.
        return Ok(());
    }
    let op = Op::Open;
    let err = move |e| StoreError::browser(op, e);
    let store_names = [stores::PLANS, stores::META];
    db.transact(&store_names, TransactionMode::ReadWrite, op, async |tx| {
        let meta = tx.store(stores::META).map_err(err)?;
        let record = meta
            .get(JsValue::from_str(DATA_VERSION))
            .await
            .map_err(err)?;
        let at = record
            .and_then(|r| Reflect::get(&r, &JsValue::from_str("version")).ok())
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        if at >= f64::from(schema_version) {
            return Ok(());
        }
        if at < f64::from(STABLE_KEYS) {
            let plans = tx.store(stores::PLANS).map_err(err)?;
            for plan in plans.get_all(None, None).await.map_err(err)? {
                if upgrade_key(&plan) {
                    put(tx, stores::PLANS, &plan, op).await?;
                }
            }
        }
        let record = js_sys::Object::new();
        set(&record, "key", &JsValue::from_str(DATA_VERSION));
        set(&record, "version", &JsValue::from(schema_version));
        put(tx, stores::META, &record, op).await
    })
    .await
}

/// Rewrites a plan item's old-form `replaces` key; whether it changed.
fn upgrade_key(plan: &JsValue) -> bool {
    let field = JsValue::from_str("replaces");
    let old = Reflect::get(plan, &field).ok().and_then(|k| k.as_string());
    match old.as_deref().and_then(upgrade_generated_key) {
        Some(new) => Reflect::set(plan, &field, &JsValue::from_str(&new)).unwrap_or(false),
        None => false,
    }
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    // Setting a property of a plain new object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}
