//! The sync connection this browser keeps, so sync runs on every opening without asking
//! again: the address, user and password (as a browser keeps a saved password) and the two
//! keys as non-extractable `CryptoKey`s — never the passphrase. In a small database of its
//! own, as the backup file's handle is (a `CryptoKey` survives only in IndexedDB).

use js_sys::{Object, Reflect};
use rexie::TransactionMode;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::CryptoKey;

use super::key::SyncKey;
use crate::store::error::Op;
use crate::store::one_value::{self, Place};
use crate::store::StoreError;

const PLACE: Place = Place {
    db: "kehu-weihu-sync",
    store: "connection",
    key: "connection",
};

/// Where and as whom this browser syncs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Account {
    pub url: String,
    pub user: String,
    pub password: String,
    /// The name this person's changes carry (a team sees who changed what).
    pub by: String,
}

fn text(o: &JsValue, k: &str) -> String {
    Reflect::get(o, &k.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Keeps the connection (replacing any kept before).
pub async fn keep(account: &Account, key: &SyncKey) -> Result<(), StoreError> {
    let o = Object::new();
    for (k, v) in [
        ("url", &account.url),
        ("user", &account.user),
        ("password", &account.password),
        ("by", &account.by),
    ] {
        let _ = Reflect::set(&o, &k.into(), &JsValue::from_str(v));
    }
    let (aes, mac, kid) = key.parts();
    let _ = Reflect::set(&o, &"aes".into(), aes);
    let _ = Reflect::set(&o, &"mac".into(), mac);
    let _ = Reflect::set(&o, &"kid".into(), &JsValue::from_str(kid));
    run(TransactionMode::ReadWrite, Op::Save, Some(&o.into())).await?;
    Ok(())
}

/// The kept connection, if any.
pub async fn kept() -> Result<Option<(Account, SyncKey)>, StoreError> {
    let Some(o) = run(TransactionMode::ReadOnly, Op::Read, None).await? else {
        return Ok(None);
    };
    let key = |k: &str| {
        Reflect::get(&o, &k.into())
            .ok()
            .and_then(|v| v.dyn_into::<CryptoKey>().ok())
    };
    let (Some(aes), Some(mac)) = (key("aes"), key("mac")) else {
        return Ok(None);
    };
    let account = Account {
        url: text(&o, "url"),
        user: text(&o, "user"),
        password: text(&o, "password"),
        by: text(&o, "by"),
    };
    Ok(Some((
        account,
        SyncKey::from_parts(aes, mac, text(&o, "kid")),
    )))
}

/// Forgets the connection (sync off; the records stay as they are).
pub async fn forget() -> Result<(), StoreError> {
    run(TransactionMode::ReadWrite, Op::Delete, None).await?;
    Ok(())
}

async fn run(
    mode: TransactionMode,
    op: Op,
    value: Option<&JsValue>,
) -> Result<Option<JsValue>, StoreError> {
    one_value::run(&PLACE, mode, op, value).await
}
