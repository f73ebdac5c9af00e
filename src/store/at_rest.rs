//! Encryption at rest: each customer's sensitive fields (`envelope::Secrets`) sealed into one
//! AES-GCM blob on its stored record, under a key derived from a passphrase.
//!
//! The `meta` store's `encryption` row (salt, rounds and an encrypted known value) says it is
//! on; a passphrase is checked against that value, so a wrong one is refused without touching
//! any record. The key lives in this connection's memory only, so every page load starts
//! locked: customers read then keep their blob and show no contact details. Writes seal
//! before their transaction opens (a transaction commits as soon as anything else is
//! awaited), reads open after it has finished.

use rexie::TransactionMode;
use serde_json::Value;
use wasm_bindgen::JsValue;
use web_sys::CryptoKey;

use super::crypto::{self, CryptoError};
use super::db::{from_js, get, put, to_js, Db, Freshness};
use super::error::Op;
use super::replica::device::stringify;
use super::replica::set_aside;
use super::schema::stores;
use super::StoreError;
use crate::domain::envelope::{AtRestKey, Sealed, Secrets, VERIFIER_TEXT};
use crate::domain::records::Customer;

/// The `meta` row holding [`AtRestKey`].
pub(crate) const KEY_ROW: &str = "encryption";

/// Where this tab stands with encryption at rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AtRest {
    /// Off: records are stored as they are.
    Off,
    /// On, and this tab has no key: contact details stay sealed.
    Locked,
    /// On, and unlocked with the passphrase for this page's lifetime.
    Unlocked,
}

/// The connection's view of encryption: the key record as last read, and the key.
#[derive(Default)]
pub(crate) struct Session {
    record: Option<AtRestKey>,
    /// The key with the salt it was derived from: a record with another salt (turned off and
    /// on again elsewhere) is not opened with it.
    key: Option<(Vec<u8>, CryptoKey)>,
}

pub(crate) fn crypto_error(op: Op) -> impl Fn(CryptoError) -> StoreError {
    move |e| match e {
        CryptoError::WrongPassphrase => StoreError::WrongPassphrase,
        CryptoError::Envelope(e) => StoreError::Corrupt {
            op,
            detail: e.to_string(),
        },
        CryptoError::Browser(detail) => StoreError::Browser { op, detail },
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct KeyRow {
    key: String,
    value: Value,
}

impl Db {
    /// Whether encryption is on, and whether this tab holds the key.
    pub fn at_rest(&self) -> AtRest {
        let s = self.session.borrow();
        match (&s.record, &s.key) {
            (None, _) => AtRest::Off,
            (Some(r), Some((salt, _))) if *salt == r.kdf.salt => AtRest::Unlocked,
            (Some(_), _) => AtRest::Locked,
        }
    }

    /// The key, when this tab is unlocked.
    pub(crate) fn at_rest_key(&self) -> Option<CryptoKey> {
        self.key()
    }

    fn key(&self) -> Option<CryptoKey> {
        if self.at_rest() != AtRest::Unlocked {
            return None;
        }
        self.session.borrow().key.as_ref().map(|(_, k)| k.clone())
    }

    /// Reads the key record again (another tab may have turned encryption on or off).
    pub(crate) async fn refresh_at_rest(&self) -> Result<Option<AtRestKey>, StoreError> {
        let op = Op::Read;
        let row = self
            .transact(&[stores::META], TransactionMode::ReadOnly, op, async |tx| {
                get::<KeyRow>(tx, stores::META, KEY_ROW, op).await
            })
            .await?;
        let record = row
            .map(|r| AtRestKey::from_value(&r.value))
            .transpose()
            .map_err(|e| StoreError::Corrupt {
                op,
                detail: e.to_string(),
            })?;
        self.session.borrow_mut().record = record.clone();
        Ok(record)
    }

    /// The key for `passphrase`, if it opens the record's verifier.
    async fn check(&self, passphrase: &str, record: &AtRestKey) -> Result<CryptoKey, StoreError> {
        let err = crypto_error(Op::Read);
        let key = crypto::derive_key(passphrase, &record.kdf)
            .await
            .map_err(&err)?;
        let plain = crypto::decrypt(&key, &record.verifier, &[])
            .await
            .map_err(&err)?;
        if plain != VERIFIER_TEXT {
            return Err(StoreError::WrongPassphrase);
        }
        Ok(key)
    }

    /// Unlocks this tab with the passphrase; a wrong one is [`StoreError::WrongPassphrase`]
    /// and changes nothing. Reload the customers afterwards to see their details.
    pub async fn unlock(&self, passphrase: &str) -> Result<(), StoreError> {
        let Some(record) = self.refresh_at_rest().await? else {
            return Ok(());
        };
        let key = self.check(passphrase, &record).await?;
        self.session.borrow_mut().key = Some((record.kdf.salt.clone(), key));
        Ok(())
    }

    /// Forgets the key (the tab shows no contact details until unlocked again).
    pub fn lock(&self) {
        self.session.borrow_mut().key = None;
    }

    /// Turns encryption on: every customer is sealed under a new key from `passphrase`, in
    /// one transaction with the key record. Refused (nothing written) when it is already on
    /// or a customer changed meanwhile in another tab.
    pub async fn encrypt_at_rest(&self, passphrase: &str) -> Result<(), StoreError> {
        let op = Op::Save;
        let err = crypto_error(op);
        if self.refresh_at_rest().await?.is_some() {
            return Err(StoreError::Conflict { id: KEY_ROW.into() });
        }
        let kdf = crypto::new_kdf().map_err(&err)?;
        let key = crypto::derive_key(passphrase, &kdf).await.map_err(&err)?;
        let verifier = crypto::encrypt(&key, VERIFIER_TEXT, &[])
            .await
            .map_err(&err)?;
        let record = AtRestKey { kdf, verifier };
        let read: Vec<Customer> = self.all().await?;
        let mut rewritten = Vec::with_capacity(read.len());
        for c in &read {
            let sealed = if c.sealed.is_some() {
                c.clone()
            } else {
                seal_with(&key, c).await.map_err(&err)?
            };
            rewritten.push(to_js(&sealed, op)?);
        }
        let row = to_js(
            &KeyRow {
                key: KEY_ROW.into(),
                value: record.to_value(),
            },
            op,
        )?;
        let sync_rows = set_aside::reseal_all(self, &key, true, op).await?;
        self.rewrite_all(op, &read, &rewritten, Some(row), &sync_rows)
            .await?;
        let mut s = self.session.borrow_mut();
        s.key = Some((record.kdf.salt.clone(), key));
        s.record = Some(record);
        Ok(())
    }

    /// Turns encryption off with the passphrase: every customer is written back in plain, in
    /// one transaction that also removes the key record. A wrong passphrase, or a record that
    /// does not open, changes nothing.
    pub async fn decrypt_at_rest(&self, passphrase: &str) -> Result<(), StoreError> {
        let op = Op::Save;
        let Some(record) = self.refresh_at_rest().await? else {
            return Ok(());
        };
        let key = self.check(passphrase, &record).await?;
        let read: Vec<Customer> = self.all().await?;
        let mut rewritten = Vec::with_capacity(read.len());
        for c in &read {
            let plain = open_with(&key, c.clone())
                .await
                .ok_or_else(|| StoreError::Corrupt {
                    op,
                    detail: format!("customer {} does not decrypt", c.id),
                })?;
            rewritten.push(to_js(&plain, op)?);
        }
        let sync_rows = set_aside::reseal_all(self, &key, false, op).await?;
        self.rewrite_all(op, &read, &rewritten, None, &sync_rows)
            .await?;
        let mut s = self.session.borrow_mut();
        s.key = None;
        s.record = None;
        Ok(())
    }

    /// Replaces every customer, checking in the same transaction that the store still holds
    /// exactly `read` (else [`StoreError::Conflict`], nothing written); writes the key row, or
    /// deletes it when `row` is `None`, and the `sync` rows whose set-aside contact details
    /// were sealed or opened (each checked the same way).
    async fn rewrite_all(
        &self,
        op: Op,
        read: &[Customer],
        rewritten: &[JsValue],
        row: Option<JsValue>,
        sync_rows: &[set_aside::Resealed],
    ) -> Result<(), StoreError> {
        let err = |e: rexie::Error| StoreError::browser(op, e);
        self.write(
            &[stores::CUSTOMERS, stores::META, stores::SYNC],
            op,
            Freshness::Checked,
            async |tx| {
                let sync = tx.store(stores::SYNC).map_err(err)?;
                for r in sync_rows {
                    let now = sync.get(JsValue::from_str(&r.key)).await.map_err(err)?;
                    if now.as_ref().map(stringify) != Some(r.read_as.clone()) {
                        return Err(StoreError::Conflict { id: r.key.clone() });
                    }
                    put(tx, stores::SYNC, &r.row, op).await?;
                }
                let now = tx
                    .store(stores::CUSTOMERS)
                    .map_err(err)?
                    .get_all(None, None)
                    .await
                    .map_err(err)?;
                if now.len() != read.len() {
                    return Err(StoreError::Conflict { id: "*".into() });
                }
                for value in now {
                    let c: Customer = from_js(value, op)?;
                    if !read.contains(&c) {
                        return Err(StoreError::Conflict { id: c.id });
                    }
                }
                for value in rewritten {
                    put(tx, stores::CUSTOMERS, value, op).await?;
                }
                match &row {
                    Some(row) => put(tx, stores::META, row, op).await,
                    None => tx
                        .store(stores::META)
                        .map_err(err)?
                        .delete(JsValue::from_str(KEY_ROW))
                        .await
                        .map_err(err),
                }
            },
        )
        .await
    }

    /// The record to store for `c`: sealed when unlocked; as it is when off, or when locked
    /// and it carries nothing sensitive (its blob, if any, kept). A locked tab cannot store
    /// contact details: [`StoreError::Locked`].
    pub(crate) async fn seal(&self, c: &Customer) -> Result<Customer, StoreError> {
        match (self.at_rest(), self.key()) {
            (AtRest::Unlocked, Some(key)) if Secrets::present_in(c) || c.sealed.is_none() => {
                seal_with(&key, c).await.map_err(crypto_error(Op::Save))
            }
            (AtRest::Locked, _) if Secrets::present_in(c) => Err(StoreError::Locked),
            _ => Ok(c.clone()),
        }
    }

    /// A stored customer with its sensitive fields back, when this tab holds the key; as it is
    /// otherwise (also when its blob does not open: it stays sealed, never lost).
    pub(crate) async fn open_customer(&self, c: Customer) -> Customer {
        let Some(key) = self.key().filter(|_| c.sealed.is_some()) else {
            return c;
        };
        match open_with(&key, c.clone()).await {
            Some(open) => open,
            None => c,
        }
    }
}

async fn seal_with(key: &CryptoKey, c: &Customer) -> Result<Customer, CryptoError> {
    let mut out = c.clone();
    let secrets = Secrets::take(&mut out);
    let cipher = crypto::encrypt(key, &secrets.to_bytes(), c.id.as_bytes()).await?;
    out.sealed = Some(Sealed::new(&cipher));
    Ok(out)
}

/// `c` opened with `key`; `None` when its blob is malformed or does not decrypt. A record
/// without a blob (stored before encryption was on) is already open.
async fn open_with(key: &CryptoKey, mut c: Customer) -> Option<Customer> {
    let Some(sealed) = c.sealed.take() else {
        return Some(c);
    };
    let cipher = sealed.ciphertext().ok()?;
    let plain = crypto::decrypt(key, &cipher, c.id.as_bytes()).await.ok()?;
    Secrets::from_bytes(&plain)?.restore(&mut c);
    Some(c)
}
