//! Sync with the user's own CouchDB (docs/sync.md): the replicator of `domain::sync` over
//! `fetch` ([`Couch`]), WebCrypto ([`SyncKey`]) and this browser's IndexedDB (`device`).

mod couch;
pub(crate) mod device;
mod key;
pub mod remember;
pub mod set_aside;
mod trace;

pub use couch::Couch;
pub use device::forget_kept;
pub use key::SyncKey;

use crate::domain::sync::replicator::{self, Report, SyncError};
use crate::store::crypto::{self, CryptoError};
use crate::store::{Db, StoreError};

/// Why connecting or syncing failed, typed for the catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncFailure {
    /// The server answers, but not to this page: CORS is not enabled for it.
    Cors,
    Sync(SyncError),
    Store(StoreError),
    Crypto(CryptoError),
}

impl From<SyncError> for SyncFailure {
    fn from(e: SyncError) -> Self {
        SyncFailure::Sync(e)
    }
}

/// A failure to reach the server, told apart: CORS refused, or no answer at all.
async fn reached(couch: &Couch, e: SyncError) -> SyncFailure {
    match e {
        SyncError::Unreachable(_) if couch.answers_without_cors().await => SyncFailure::Cors,
        other => SyncFailure::Sync(other),
    }
}

/// Checks the server, the database and the passphrase, and returns the key. `create`: make
/// the database when it is missing. A database set up with another passphrase is refused
/// (its key-check document does not open) before anything is read or written.
pub async fn connect(
    couch: &Couch,
    passphrase: &str,
    create: bool,
) -> Result<SyncKey, SyncFailure> {
    match replicator::check_database(couch).await {
        Ok(()) => {}
        Err(SyncError::NoDatabase) if create => replicator::create_database(couch)
            .await
            .map_err(SyncFailure::Sync)?,
        Err(e) => return Err(reached(couch, e).await),
    }
    for _ in 0..2 {
        if let Some(doc) = replicator::read_key_doc(couch).await? {
            let kdf = key::kdf_from(&doc).ok_or(SyncFailure::Sync(SyncError::Corrupt {
                doc: crate::domain::sync::payload::KEY_DOC.into(),
                detail: "no key derivation".into(),
            }))?;
            let key = SyncKey::derive(passphrase, &kdf)
                .await
                .map_err(SyncFailure::Crypto)?;
            replicator::check_key(&key, &doc).await?;
            return Ok(key);
        }
        let kdf = crypto::new_kdf().map_err(SyncFailure::Crypto)?;
        let key = SyncKey::derive(passphrase, &kdf)
            .await
            .map_err(SyncFailure::Crypto)?;
        if replicator::write_key_doc(couch, &key, key::kdf_json(&kdf)).await? {
            return Ok(key);
        }
        // Another device set the database up at the same moment: check against its key.
    }
    Err(SyncFailure::Sync(SyncError::WrongPassphrase))
}

/// One sync, both directions.
pub async fn sync(db: &Db, couch: &Couch, key: &SyncKey, by: &str) -> Result<Report, SyncFailure> {
    sync_telling(db, couch, key, by, |_| {}).await
}

/// One sync, telling `left` how many records it has still to send as it goes.
pub async fn sync_telling(
    db: &Db,
    couch: &Couch,
    key: &SyncKey,
    by: &str,
    left: impl Fn(usize) + 'static,
) -> Result<Report, SyncFailure> {
    let device = device::Replica::new(db);
    device.set_by(by);
    device.on_progress(left);
    let outcome = if trace::on() {
        trace::sync(couch, &device, key).await
    } else {
        replicator::sync(couch, &device, key).await
    };
    match outcome {
        Ok(report) => Ok(report),
        Err(SyncError::Device(_)) => Err(device.failure.borrow_mut().take().map_or(
            SyncFailure::Sync(SyncError::Device(String::new())),
            SyncFailure::Store,
        )),
        Err(e) => Err(reached(couch, e).await),
    }
}

/// How many records have changes this device has not sent yet.
pub async fn waiting(db: &Db) -> Result<usize, SyncFailure> {
    let device = device::Replica::new(db);
    replicator::waiting(&device)
        .await
        .map_err(SyncFailure::Sync)
}

/// Waits (up to `timeout_ms`) for a change on the server after this device's checkpoint.
pub async fn wait_for_change(db: &Db, couch: &Couch, timeout_ms: u32) -> Result<bool, SyncFailure> {
    let device = device::Replica::new(db);
    replicator::wait_for_change(couch, &device, timeout_ms)
        .await
        .map_err(SyncFailure::Sync)
}
