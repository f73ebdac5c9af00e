//! CouchDB's replication protocol, both directions, between one device and one database
//! (docs.couchdb.org → Replication → "The CouchDB Replication Protocol"):
//!
//! - **pull**: `_changes?style=all_docs` since the checkpoint, in batches; each document's
//!   leaf revisions are fetched with `_bulk_get` (or `open_revs` where a server lacks it),
//!   opened, merged with the device's own changes (`merge`) and written in one device
//!   transaction together with the new checkpoint, which is then kept in a `_local` document
//!   on the server too. A checkpoint the two sides disagree on starts again from 0, which is
//!   safe: merging what is already merged changes nothing.
//! - **push**: every record whose fields' digests moved since it last matched the server is
//!   stamped, sealed and sent with `_revs_diff` then `_bulk_docs` and `new_edits: false`.
//!   A revision's id is a MAC of its parent and its content, so the same change sent twice
//!   (a retry after a cut connection) is the same revision: harmless.
//!
//! The engine is generic over the [`Server`] (HTTP), the [`Device`] (its records and
//! bookkeeping) and the [`Cipher`] (AES-GCM and HMAC), so it runs here in tests against an
//! in-memory server and in the browser over `fetch`, IndexedDB and WebCrypto.

use std::collections::{BTreeMap, BTreeSet};

use futures_util::future::{join, join_all};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::hlc::{Clock, Stamp};
use super::merge::{merge, overwrites};
use super::payload::{
    document, kind_of, next_generation, removal, winner, Payload, Tracked, FORMAT, KEY_CHECK_TEXT,
    KEY_DOC,
};
use super::version::{canonical, digest, split, Version};

/// A reply from the server: its status and JSON body (`Null` when it had none).
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

/// The database, over HTTP. `path` is relative to the database: `""` is the database
/// itself, then `_changes?…`, `<doc id>`, `_local/<id>`. An `Err` is a request that got no
/// reply (network down, connection cut, refused by the browser).
#[allow(
    async_fn_in_trait,
    reason = "used in one thread (wasm); no Send bound wanted"
)]
pub trait Server {
    async fn request(&self, method: &str, path: &str, body: Option<Value>)
        -> Result<Reply, String>;
}

/// Encryption with the sync key: AES-GCM with the document's id bound in, and a MAC.
#[allow(
    async_fn_in_trait,
    reason = "used in one thread (wasm); no Send bound wanted"
)]
pub trait Cipher {
    async fn seal(&self, doc: &str, plain: &str) -> Result<String, String>;
    /// `Ok(None)`: the tag did not match (another key, or changed on the server).
    async fn open(&self, doc: &str, sealed: &str) -> Result<Option<String>, String>;
    /// 32 lowercase hex digits.
    async fn mac(&self, text: &str) -> Result<String, String>;
    fn key_id(&self) -> String;
}

/// What the device holds: every record by key (`kind:id`, as its own type writes it), the
/// engine's bookkeeping and its state.
#[derive(Clone)]
pub struct Snapshot {
    pub records: BTreeMap<String, Value>,
    pub tracked: BTreeMap<String, Tracked>,
    pub state: State,
    /// The records that may differ from their bookkeeping: those changed on the device since
    /// its last complete push ([`Device::all_sent`]). `None`: any may (the push compares
    /// every record, which takes a while with tens of thousands).
    pub changed: Option<BTreeSet<String>>,
}

/// The engine's state on a device.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    pub clock: Option<Clock>,
    /// The pull checkpoint: the server's sequence last taken in.
    pub since: Value,
    /// Secret for the field digests (random per device).
    pub secret: String,
    /// Who this device's changes are by (Settings → Sync).
    pub by: String,
    /// The versions on their way to the server: their bookkeeping is written as sent before
    /// the server has them (each record's row once, not a mark and then the row), and read
    /// back as still waiting on the revision before until the reply comes. Empty once a
    /// push ends.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sending: Vec<OnItsWay>,
}

/// A version sent, its reply not yet come: its record's bookkeeping says `rev`, which the
/// server may not have; until the reply, the record is still pending on `parent`, with the
/// conflicting `losers` its version removes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OnItsWay {
    pub key: String,
    pub rev: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub losers: Vec<String>,
}

/// One record's change in a device transaction.
pub struct Item {
    pub key: String,
    /// `Some(Some(r))`: store `r`; `Some(None)`: remove the record; `None`: leave it.
    pub record: Option<Option<Value>>,
    /// `None`: forget the record's bookkeeping.
    pub tracked: Option<Tracked>,
}

/// The device's records, bookkeeping and state, changed in one transaction.
#[allow(
    async_fn_in_trait,
    reason = "used in one thread (wasm); no Send bound wanted"
)]
pub trait Device {
    /// A new device id the first time (random).
    fn new_device_id(&self) -> String;
    async fn read(&self) -> Result<Snapshot, String>;
    /// The engine's state alone (what waiting for the server's changes needs).
    async fn read_state(&self) -> Result<State, String> {
        Ok(self.read().await?.state)
    }
    /// Writes `items` and `state` in one transaction. `Ok(false)`: a record an item writes
    /// changed since `read` (the person is typing); nothing was written.
    async fn write(&self, items: Vec<Item>, state: &State) -> Result<bool, String>;
    /// A push compared every record [`Snapshot::changed`] named and the server has them all:
    /// the next snapshot need name only the records changed after it. (A device that keeps
    /// track must not read while a run is between its read and this.)
    fn all_sent(&self) {}
    /// The engine reached `step` of a run (the trace times them).
    fn reached(&self, _step: &'static str) {}
    /// `n` records are still to be sent in this run (the status says how many are left).
    fn left(&self, _n: usize) {}
    /// Whether this version of the app stores records of `kind`.
    fn stores(&self, kind: &str) -> bool;
    /// The part of `record` this version of the app stores (a round trip through its type);
    /// `None` when it cannot read it (a value a newer app wrote): kept aside, not stored.
    fn known(&self, kind: &str, record: &Value) -> Option<Value>;
    fn now_ms(&self) -> u64;
}

/// Why a sync stopped. Nothing half-done is kept: the next sync starts from the checkpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    /// No reply: offline, the server is down, or (in a browser) CORS refused.
    Unreachable(String),
    /// 401/403: wrong user or password, or not allowed.
    Unauthorized,
    /// The database does not exist.
    NoDatabase,
    /// The key-check document did not open: another passphrase.
    WrongPassphrase,
    /// Another status.
    Server {
        status: u16,
        path: String,
        reason: String,
    },
    /// A document that did not open or read (changed on the server, or another key).
    Corrupt { doc: String, detail: String },
    /// The device's storage or encryption failed.
    Device(String),
}

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Records changed on this device by the server's versions.
    pub received: usize,
    /// Versions sent.
    pub sent: usize,
    /// Records where two versions were merged.
    pub merged: usize,
}

/// Values set aside by merges kept per record.
const KEPT_OVERWRITES: usize = 20;

/// Changes per `_changes` batch and documents per `_bulk_docs`: fewer, larger requests are
/// quicker (the first sync of 1,000 customers, 5,860 documents, took 30 batches of 200 and
/// 12 of 500), and a batch is what a person's edit during a sync makes the engine work out
/// again. Small in tests, so every test crosses batches.
#[cfg(not(test))]
pub const BATCH: usize = 1000;
#[cfg(test)]
pub const BATCH: usize = 3;

/// The first batch of a pull and of a push is smaller: the device starts writing (and the
/// server taking documents) sooner, and the rest overlaps (a first sync of 1,000 customers
/// spent its first second on one batch of 1,000 before anything overlapped).
#[cfg(not(test))]
pub const FIRST_BATCH: usize = 200;
#[cfg(test)]
pub const FIRST_BATCH: usize = 2;

fn reason(body: &Value) -> String {
    let part = |k: &str| body.get(k).and_then(Value::as_str).unwrap_or("");
    format!("{} {}", part("error"), part("reason"))
        .trim()
        .to_string()
}

/// A request whose reply must be a success; 404 is `Ok(None)`.
async fn call(
    server: &impl Server,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> Result<Option<Value>, SyncError> {
    let reply = server
        .request(method, path, body)
        .await
        .map_err(SyncError::Unreachable)?;
    match reply.status {
        200..=299 => Ok(Some(reply.body)),
        401 | 403 => Err(SyncError::Unauthorized),
        404 if path.is_empty() => Err(SyncError::NoDatabase),
        404 => Ok(None),
        status => Err(SyncError::Server {
            status,
            path: path.to_string(),
            reason: reason(&reply.body),
        }),
    }
}

async fn must(
    server: &impl Server,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> Result<Value, SyncError> {
    call(server, method, path, body)
        .await?
        .ok_or_else(|| SyncError::Server {
            status: 404,
            path: path.to_string(),
            reason: "not_found".into(),
        })
}

/// Percent-encodes a URL query value.
pub fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Checks the database exists and the credentials are accepted.
pub async fn check_database(server: &impl Server) -> Result<(), SyncError> {
    must(server, "GET", "", None).await.map(|_| ())
}

/// Creates the database (the user may be refused: `Unauthorized`).
pub async fn create_database(server: &impl Server) -> Result<(), SyncError> {
    let reply = server
        .request("PUT", "", None)
        .await
        .map_err(SyncError::Unreachable)?;
    match reply.status {
        200..=299 | 412 => Ok(()),
        401 | 403 => Err(SyncError::Unauthorized),
        status => Err(SyncError::Server {
            status,
            path: String::new(),
            reason: reason(&reply.body),
        }),
    }
}

/// The key-check document, if the database has one: its `kdf` names the salt the key is
/// derived with.
pub async fn read_key_doc(server: &impl Server) -> Result<Option<Value>, SyncError> {
    call(server, "GET", KEY_DOC, None).await
}

/// Whether `cipher` is the key the database was set up with. Nothing else is read.
pub async fn check_key(cipher: &impl Cipher, key_doc: &Value) -> Result<(), SyncError> {
    let sealed = key_doc.get("check").and_then(Value::as_str).unwrap_or("");
    let opened = cipher
        .open(KEY_DOC, sealed)
        .await
        .map_err(SyncError::Device)?;
    match opened {
        Some(text) if text == KEY_CHECK_TEXT => Ok(()),
        _ => Err(SyncError::WrongPassphrase),
    }
}

/// Sets a new database up for `cipher`'s key, derived with `kdf` (a JSON description of the
/// salt and rounds). `Ok(false)`: another device did it first; read it and check the key.
pub async fn write_key_doc(
    server: &impl Server,
    cipher: &impl Cipher,
    kdf: Value,
) -> Result<bool, SyncError> {
    let check = cipher
        .seal(KEY_DOC, KEY_CHECK_TEXT)
        .await
        .map_err(SyncError::Device)?;
    let body = json!({"v": FORMAT, "kdf": kdf, "kid": cipher.key_id(), "check": check});
    let reply = server
        .request("PUT", KEY_DOC, Some(body))
        .await
        .map_err(SyncError::Unreachable)?;
    match reply.status {
        200..=299 => Ok(true),
        409 => Ok(false),
        401 | 403 => Err(SyncError::Unauthorized),
        status => Err(SyncError::Server {
            status,
            path: KEY_DOC.into(),
            reason: reason(&reply.body),
        }),
    }
}

/// Pull, then push. Run it again after an error: it resumes from the checkpoint.
pub async fn sync(
    server: &impl Server,
    device: &impl Device,
    cipher: &impl Cipher,
) -> Result<Report, SyncError> {
    let mut report = Report::default();
    let snapshot = pull(server, device, cipher, &mut report).await?;
    push(server, device, cipher, snapshot, &mut report).await?;
    Ok(report)
}

/// Everything about one sync run that does not change with the batch.
struct Run<'a, D: Device> {
    device: &'a D,
    secret: Vec<u8>,
}

async fn read(device: &impl Device) -> Result<Snapshot, SyncError> {
    let mut snapshot = device.read().await.map_err(SyncError::Device)?;
    let state = &mut snapshot.state;
    if state.clock.is_none() {
        state.clock = Some(Clock::new(&device.new_device_id()));
    }
    if state.secret.is_empty() {
        state.secret = device.new_device_id();
    }
    // A version whose reply never came: its bookkeeping, written as sent, still waits on the
    // revision before (the server may lack it). One the pull has since replaced is left.
    for sent in &snapshot.state.sending {
        if let Some(t) = snapshot.tracked.get_mut(&sent.key) {
            if t.rev.as_deref() == Some(sent.rev.as_str()) {
                t.rev = sent.parent.clone();
                t.pending = true;
                t.losers = sent.losers.clone();
            }
        }
    }
    Ok(snapshot)
}

fn clock(state: &mut State) -> &mut Clock {
    state.clock.get_or_insert_with(|| Clock::new("?"))
}

/// Every record the device holds or keeps bookkeeping for.
fn every_key(snapshot: &Snapshot) -> BTreeSet<String> {
    snapshot
        .records
        .keys()
        .chain(snapshot.tracked.keys())
        .cloned()
        .collect()
}

impl<'a, D: Device> Run<'a, D> {
    fn new(device: &'a D, snapshot: &Snapshot) -> Self {
        Run {
            device,
            secret: snapshot.state.secret.as_bytes().to_vec(),
        }
    }
}

impl<D: Device> Run<'_, D> {
    /// The record as it is on the device, with each field changed since it last matched the
    /// server stamped now; `true` when anything changed.
    fn local_version(
        &self,
        key: &str,
        record: Option<&Value>,
        tracked: Option<&Tracked>,
        state: &mut State,
    ) -> Option<(Version, bool)> {
        let kind = kind_of(key);
        if !self.device.stores(kind) {
            // A kind from a newer app: kept as received, never changed here.
            let t = tracked?;
            let version = Version {
                fields: t.extra.clone(),
                stamps: t.stamps.clone(),
                deleted: t.deleted,
            };
            return Some((version, false));
        }
        let now = self.device.now_ms();
        match (record, tracked) {
            (None, None) => None,
            (None, Some(t)) => {
                let version = Version {
                    fields: BTreeMap::new(),
                    stamps: t.stamps.clone(),
                    deleted: true,
                };
                Some((version, !t.deleted))
            }
            (Some(record), t) => {
                let mut fields = split(kind, record);
                let mut stamps = t.map(|t| t.stamps.clone()).unwrap_or_default();
                let mut changed = t.is_none_or(|t| t.deleted);
                // A record never synced is stamped with its own last save, so two devices
                // joining with the same data agree and the newer save wins.
                let first = record
                    .get("updated_at")
                    .and_then(Value::as_u64)
                    .unwrap_or(0);
                let device = clock(state).device.clone();
                // A change is stamped with the save that made it where the record says when
                // (a customer's `updated_at`), else with now.
                let when = record
                    .get("updated_at")
                    .and_then(Value::as_u64)
                    .unwrap_or(now);
                for (path, value) in &fields {
                    let d = digest(&self.secret, &canonical(value));
                    let moved = t.is_none_or(|t| t.digests.get(path) != Some(&d));
                    if moved {
                        changed = true;
                        let stamp = match t {
                            Some(_) => clock(state).tick(when),
                            None => Stamp {
                                wall: first,
                                count: 0,
                                device: device.clone(),
                            },
                        };
                        stamps.insert(path.clone(), stamp);
                    }
                }
                if let Some(t) = t {
                    for path in t.digests.keys() {
                        if !fields.contains_key(path) && !t.extra.contains_key(path) {
                            changed = true; // a list element removed here
                            stamps.insert(path.clone(), clock(state).tick(when));
                        }
                    }
                    for (path, value) in &t.extra {
                        fields.entry(path.clone()).or_insert_with(|| value.clone());
                    }
                }
                let version = Version {
                    fields,
                    stamps,
                    deleted: false,
                };
                Some((version, changed))
            }
        }
    }

    /// The bookkeeping for `version` as the device will now hold it, and the record to store.
    /// `None` for the record: leave the device's as it is (deleted, or one it cannot read).
    fn settle(&self, key: &str, version: &Version, base: Tracked) -> (Option<Value>, Tracked) {
        let kind = kind_of(key);
        let record = if version.deleted || !self.device.stores(kind) {
            None
        } else {
            self.device
                .known(kind, &super::version::join(kind, &version.fields))
        };
        let known = record.as_ref().map(|r| split(kind, r)).unwrap_or_default();
        let digests = known
            .iter()
            .map(|(p, v)| (p.clone(), digest(&self.secret, &canonical(v))))
            .collect();
        let extra = if record.is_none() {
            version.fields.clone()
        } else {
            version
                .fields
                .iter()
                .filter(|(p, _)| !known.contains_key(*p))
                .map(|(p, v)| (p.clone(), v.clone()))
                .collect()
        };
        let tracked = Tracked {
            stamps: version.stamps.clone(),
            digests,
            extra,
            deleted: version.deleted,
            ..base
        };
        (record, tracked)
    }
}

/// A leaf revision as fetched: its id, whether it is deleted, and what it holds.
struct Leaf {
    rev: String,
    deleted: bool,
    payload: Option<Payload>,
}

/// Takes in the server's changes; returns the device as it now stands (what the push goes on
/// from: a record changed after it is sent by the next run, which the change itself asks for).
async fn pull(
    server: &impl Server,
    device: &impl Device,
    cipher: &impl Cipher,
    report: &mut Report,
) -> Result<Snapshot, SyncError> {
    let mut snapshot = read(device).await?;
    device.reached("read");
    let run = Run::new(device, &snapshot);
    let checkpoint_id = {
        let device_id = clock(&mut snapshot.state).device.clone();
        let mac = cipher
            .mac(&format!("pull:{device_id}"))
            .await
            .map_err(SyncError::Device)?;
        format!("_local/kehu-{}", &mac[..16.min(mac.len())])
    };
    let remote_checkpoint = call(server, "GET", &checkpoint_id, None).await?;
    let agreed = remote_checkpoint
        .as_ref()
        .is_some_and(|c| c.get("last_seq") == Some(&snapshot.state.since));
    let mut since = if agreed {
        snapshot.state.since.clone()
    } else {
        Value::from(0)
    };
    // The server does not know this device's checkpoint: a new database at the address, or
    // one restored from an older copy. It may lack anything this device sent, so every
    // record is offered again (those it has are matched by the pull from 0).
    let mut forgotten = !agreed && !snapshot.state.since.is_null();
    let mut checkpoint_rev = remote_checkpoint
        .as_ref()
        .and_then(|c| c.get("_rev"))
        .cloned();
    let first_since = since.clone();
    // Offered again before the first batch is looked at, so it fetches what the device holds
    // too (offered, nothing counts as matching the server); written with that batch.
    if forgotten {
        offer_again(&mut snapshot);
    }
    let asking = Asking {
        with_docs: snapshot.tracked.is_empty(),
    };
    let mut fetched = fetch_batch(server, cipher, &since, FIRST_BATCH, asking, &snapshot).await?;
    // The database's sequence number, read once for "n left" where the server gives no count.
    let mut top: Option<Option<u64>> = None;
    loop {
        let Fetched {
            results,
            last_seq,
            limit,
            pending,
            mut leaves,
        } = fetched;
        let done = results.len() < limit || last_seq == since;
        if !leaves.is_empty() {
            let after = match (pending, done) {
                (Some(n), _) => n,
                (None, true) => 0,
                (None, false) => {
                    if top.is_none() {
                        top = Some(database_seq(server).await?);
                    }
                    let at = last_seq.as_u64().unwrap_or(0);
                    top.flatten().map_or(0, |t| t.saturating_sub(at))
                }
            };
            device.left(leaves.len() + after as usize);
        }
        let mut attempts = 0;
        let next = loop {
            let mut items = if forgotten {
                offer_again(&mut snapshot)
            } else {
                Vec::new()
            };
            items.extend(take_in(&run, &leaves, &mut snapshot, report)?);
            device.reached("worked out");
            let mut state = snapshot.state.clone();
            state.since = last_seq.clone();
            let fetch_next = async {
                match done {
                    true => None,
                    false => {
                        Some(fetch_batch(server, cipher, &last_seq, BATCH, asking, &snapshot).await)
                    }
                }
            };
            // A batch that brings nothing new (the device's own changes coming back) is not
            // written, nor its checkpoint: the next one that does, or the last, moves both;
            // nor is a run that found nothing at all (the push writes the state).
            let unmoved = agreed && results.is_empty() && last_seq == first_since;
            if items.is_empty() && (!done || unmoved) {
                let next = fetch_next.await;
                snapshot.state = state;
                break (false, next);
            }
            // The next batch is fetched and opened while this one is written: the server
            // and the device's database work at the same time. It is worked out only once
            // this one is written (from the snapshot, which already holds this batch).
            let (written, next) = join(device.write(items, &state), fetch_next).await;
            device.reached("written, next fetched");
            if written.map_err(SyncError::Device)? {
                snapshot.state = state;
                forgotten = false;
                break (true, next);
            }
            // A record changed while this batch was worked out: read again and redo it.
            attempts += 1;
            if attempts > 5 {
                return Err(SyncError::Device("the records kept changing".into()));
            }
            snapshot = read(device).await?;
            if forgotten {
                offer_again(&mut snapshot);
            }
            leaves = leaves_of(server, cipher, &results, &snapshot).await?;
        };
        // The snapshot already holds what was written (`take_in` kept it up to date): the
        // next batch goes on from it, not from a new read of the whole device. A record the
        // person changes meanwhile is caught by the device's write, which redoes that batch.
        let (written, next) = next;
        if written {
            let mut body = json!({"last_seq": last_seq});
            if let Some(rev) = &checkpoint_rev {
                body["_rev"] = rev.clone();
            }
            let saved = must(server, "PUT", &checkpoint_id, Some(body)).await?;
            checkpoint_rev = saved.get("rev").cloned();
        }
        since = last_seq;
        match next {
            None => {
                device.reached("pulled");
                return Ok(snapshot);
            }
            Some(next) => fetched = next?,
        }
    }
}

/// One `_changes` batch, with the leaves of the documents it names that the device lacks,
/// opened.
struct Fetched {
    results: Vec<Value>,
    last_seq: Value,
    /// The most changes asked for: fewer means the server had no more.
    limit: usize,
    /// How many changes the server has after this batch (CouchDB 2 and later say so).
    pending: Option<u64>,
    leaves: BTreeMap<String, Vec<Leaf>>,
}

/// How a pull asks for its batches.
#[derive(Clone, Copy)]
struct Asking {
    /// The documents come with the changes (`include_docs`): for a device that holds nothing
    /// synced yet, every one is wanted, and one request does the work of two.
    with_docs: bool,
}

async fn fetch_batch(
    server: &impl Server,
    cipher: &impl Cipher,
    since: &Value,
    limit: usize,
    asking: Asking,
    snapshot: &Snapshot,
) -> Result<Fetched, SyncError> {
    let since_param = match since {
        Value::String(s) => encode(s),
        other => other.to_string(),
    };
    let docs = if asking.with_docs {
        "&include_docs=true"
    } else {
        ""
    };
    let path = format!("_changes?style=all_docs&since={since_param}&limit={limit}{docs}");
    let changes = must(server, "GET", &path, None).await?;
    let results = changes
        .get("results")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let last_seq = changes.get("last_seq").cloned().unwrap_or(since.clone());
    let pending = changes.get("pending").and_then(Value::as_u64);
    let leaves = leaves_of(server, cipher, &results, snapshot).await?;
    Ok(Fetched {
        results,
        last_seq,
        limit,
        pending,
        leaves,
    })
}

/// The opened leaves of the documents a batch names that the device lacks: the ones the
/// changes brought along (a single leaf, the document beside it), the rest by `_bulk_get`.
async fn leaves_of(
    server: &impl Server,
    cipher: &impl Cipher,
    results: &[Value],
    snapshot: &Snapshot,
) -> Result<BTreeMap<String, Vec<Leaf>>, SyncError> {
    let brought: BTreeMap<&str, &Value> = results
        .iter()
        .filter_map(|r| Some((r.get("id")?.as_str()?, r.get("doc")?)))
        .collect();
    let mut inline = Vec::new();
    let mut fetch = Vec::new();
    for (id, revs) in wanted(results, snapshot) {
        let doc = brought.get(id.as_str()).filter(|d| {
            revs.len() == 1 && d.get("_rev").and_then(Value::as_str) == Some(revs[0].as_str())
        });
        match doc {
            Some(doc) => inline.push((*doc).clone()),
            None => fetch.push((id, revs)),
        }
    }
    inline.extend(fetch_bodies(server, &fetch).await?);
    open_leaves(cipher, inline).await
}

/// The database's sequence number where it is a number (PouchDB Server): less a batch's, it
/// estimates the changes left when the server does not say (`pending`). It counts changes, so
/// a document changed twice since counts twice: at most this many.
async fn database_seq(server: &impl Server) -> Result<Option<u64>, SyncError> {
    let info = must(server, "GET", "", None).await?;
    Ok(info.get("update_seq").and_then(Value::as_u64))
}

/// Marks every record to be offered to the server again, as never sent.
fn offer_again(snapshot: &mut Snapshot) -> Vec<Item> {
    let mut items = Vec::new();
    for t in snapshot.tracked.values_mut() {
        t.rev = None;
        t.pending = true;
        t.losers.clear();
        items.push(Item {
            key: t.key.clone(),
            record: None,
            tracked: Some(t.clone()),
        });
    }
    items
}

/// The documents of a `_changes` batch, with their leaf revisions, that the device does
/// not hold as they are.
fn wanted(results: &[Value], snapshot: &Snapshot) -> Vec<(String, Vec<String>)> {
    let by_doc = by_doc(snapshot);
    let mut wanted: Vec<(String, Vec<String>)> = Vec::new();
    for result in results {
        let Some(id) = result.get("id").and_then(Value::as_str) else {
            continue;
        };
        if id == KEY_DOC || id.starts_with('_') {
            continue;
        }
        let revs: Vec<String> = result
            .get("changes")
            .and_then(Value::as_array)
            .map(|c| {
                c.iter()
                    .filter_map(|r| r.get("rev").and_then(Value::as_str).map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let current = by_doc
            .get(id)
            .and_then(|key| snapshot.tracked.get(*key))
            .filter(|t| {
                !t.pending && t.rev.is_some() && revs == [t.rev.clone().unwrap_or_default()]
            });
        if current.is_none() && !revs.is_empty() {
            wanted.push((id.to_string(), revs));
        }
    }
    wanted
}

/// Each tracked record's key by its document id.
fn by_doc(snapshot: &Snapshot) -> BTreeMap<&str, &str> {
    snapshot
        .tracked
        .values()
        .map(|t| (t.doc.as_str(), t.key.as_str()))
        .collect()
}

/// Works out one batch's fetched leaves: the items to write on the device.
fn take_in<D: Device>(
    run: &Run<'_, D>,
    leaves: &BTreeMap<String, Vec<Leaf>>,
    snapshot: &mut Snapshot,
    report: &mut Report,
) -> Result<Vec<Item>, SyncError> {
    let mut items = Vec::new();
    // Built once, when a removal needs it (a batch holds each document once).
    let mut index: Option<BTreeMap<String, String>> = None;
    for (doc, leaves) in leaves {
        let named = leaves
            .iter()
            .find_map(|l| l.payload.as_ref().map(|p| p.key.clone()));
        let key = match named {
            Some(key) => key,
            // Removals only: the record this device has under the document, if any.
            None => {
                let index = index.get_or_insert_with(|| {
                    let pairs = by_doc(snapshot).into_iter();
                    pairs.map(|(d, k)| (d.to_string(), k.to_string())).collect()
                });
                match index.get(doc) {
                    Some(key) => key.clone(),
                    None => continue,
                }
            }
        };
        if let Some(item) = resolve(run, &key, doc, leaves, snapshot, report)? {
            items.push(item);
        }
    }
    Ok(items)
}

/// Merges one document's leaves with the device's version of its record.
fn resolve<D: Device>(
    run: &Run<'_, D>,
    key: &str,
    doc: &str,
    leaves: &[Leaf],
    snapshot: &mut Snapshot,
    report: &mut Report,
) -> Result<Option<Item>, SyncError> {
    let tracked = snapshot.tracked.get(key).cloned();
    let win = winner(leaves.iter().map(|l| (l.rev.as_str(), l.deleted)))
        .unwrap_or_default()
        .to_string();
    let win_leaf = leaves.iter().find(|l| l.rev == win);
    let mut remote: Option<Version> = None;
    for leaf in leaves {
        if let Some(p) = &leaf.payload {
            if p.key != key {
                return Err(SyncError::Corrupt {
                    doc: doc.to_string(),
                    detail: "its revisions name different records".into(),
                });
            }
            let v = p.version();
            remote = Some(match remote {
                Some(r) => merge(&r, &v),
                None => v,
            });
        }
    }
    let remote = remote.unwrap_or_else(|| Version {
        // Deleted on the server by something other than this app: gone as it was.
        fields: BTreeMap::new(),
        stamps: tracked
            .as_ref()
            .map(|t| t.stamps.clone())
            .unwrap_or_default(),
        deleted: true,
    });
    let record = snapshot.records.get(key).cloned();
    let winner_version = win_leaf
        .and_then(|l| l.payload.as_ref())
        .map(Payload::version);
    let live_losers: Vec<String> = leaves
        .iter()
        .filter(|l| !l.deleted && l.rev != win)
        .map(|l| l.rev.clone())
        .collect();
    let local = run.local_version(key, record.as_ref(), tracked.as_ref(), &mut snapshot.state);
    let mut overwritten = tracked
        .as_ref()
        .map(|t| t.overwritten.clone())
        .unwrap_or_default();
    // A version still on its way (pending) is as much a local change as an edit.
    let pending_here = tracked.as_ref().is_some_and(|t| t.pending);
    let local_changed = matches!(local, Some((_, changed)) if changed || pending_here);
    let mut merged = match &local {
        Some((lv, _)) if local_changed => {
            report.merged += 1;
            let m = merge(lv, &remote);
            let base = tracked
                .as_ref()
                .map(|t| t.stamps.clone())
                .unwrap_or_default();
            let remote_by = win_leaf
                .and_then(|l| l.payload.as_ref())
                .map_or("", |p| p.by.as_str());
            let by = (snapshot.state.by.as_str(), remote_by);
            overwritten.extend(overwrites(lv, &remote, &m, &base, by));
            // The latest few are enough to show; the bookkeeping stays small.
            let keep_from = overwritten.len().saturating_sub(KEPT_OVERWRITES);
            overwritten.drain(..keep_from);
            m
        }
        _ => remote.clone(),
    };
    // Same content as the server's winner: take its stamps too, so nothing is re-sent.
    // (Removals it does not know of are kept: without their stamps a device still holding
    // the removed element would bring it back.)
    if let Some(w) = &winner_version {
        if w.fields == merged.fields && w.deleted == merged.deleted {
            let mut adopted = w.clone();
            for (path, stamp) in &merged.stamps {
                let removal = !merged.fields.contains_key(path);
                if removal && w.stamps.get(path).is_none_or(|s| s < stamp) {
                    adopted.stamps.insert(path.clone(), stamp.clone());
                }
            }
            merged = adopted;
        } else if local_changed {
            bump_revision(&mut merged);
        }
    }
    let pending = winner_version.as_ref() != Some(&merged) || !live_losers.is_empty();
    let base = Tracked {
        key: key.to_string(),
        doc: doc.to_string(),
        rev: Some(win.clone()),
        pending,
        losers: live_losers,
        overwritten,
        by: win_leaf
            .and_then(|l| l.payload.as_ref())
            .map(|p| p.by.clone())
            .unwrap_or_default(),
        ..Tracked::default()
    };
    if let Some(latest) = merged.stamps.values().max() {
        clock(&mut snapshot.state).observe(latest);
    }
    let (new_record, mut new_tracked) = run.settle(key, &merged, base);
    let unreadable = new_record.is_none() && !merged.deleted && run.device.stores(kind_of(key));
    let new_record = if unreadable {
        // A version a newer app wrote that this one cannot read (a new kind of value): kept
        // aside whole and sent on; the device's record stays as it is, and counts as unchanged.
        if let Some(r) = &record {
            new_tracked.digests = split(kind_of(key), r)
                .iter()
                .map(|(p, v)| (p.clone(), digest(&run.secret, &canonical(v))))
                .collect();
        }
        record.clone()
    } else {
        new_record
    };
    let record_change =
        (new_record != record && run.device.stores(kind_of(key))).then_some(new_record.clone());
    if record_change.is_some() {
        report.received += 1;
    }
    match &new_record {
        Some(r) => snapshot.records.insert(key.to_string(), r.clone()),
        None => snapshot.records.remove(key),
    };
    snapshot
        .tracked
        .insert(key.to_string(), new_tracked.clone());
    // Its row now says what the server holds: no longer one on its way.
    snapshot.state.sending.retain(|s| s.key != key);
    Ok(Some(Item {
        key: key.to_string(),
        record: record_change,
        tracked: Some(new_tracked),
    }))
}

/// A merge that differs from what the server had is a new save: its revision moves past both,
/// so a form opened on either is told it is out of date rather than saving over the merge.
fn bump_revision(version: &mut Version) {
    if let Some(n) = version.fields.get("revision").and_then(Value::as_u64) {
        version.fields.insert("revision".into(), Value::from(n + 1));
    }
}

/// Each wanted document's leaves, opened: `_bulk_get`, or `open_revs` where it is missing.
/// The bodies of the wanted leaves, with `_bulk_get` (or `open_revs` where the server has
/// none).
async fn fetch_bodies(
    server: &impl Server,
    wanted: &[(String, Vec<String>)],
) -> Result<Vec<Value>, SyncError> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let docs: Vec<Value> = wanted
        .iter()
        .flat_map(|(id, revs)| revs.iter().map(move |rev| json!({"id": id, "rev": rev})))
        .collect();
    let reply = server
        .request("POST", "_bulk_get?revs=true", Some(json!({"docs": docs})))
        .await
        .map_err(SyncError::Unreachable)?;
    let mut bodies: Vec<Value> = Vec::new();
    match reply.status {
        200..=299 => {
            for result in reply
                .body
                .get("results")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                for d in result
                    .get("docs")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(ok) = d.get("ok") {
                        bodies.push(ok.clone());
                    }
                }
            }
        }
        400 | 404 | 405 | 501 => {
            for (id, revs) in wanted {
                let list = Value::from(revs.clone()).to_string();
                let path = format!("{id}?revs=true&open_revs={}", encode(&list));
                let got = must(server, "GET", &path, None).await?;
                for d in got.as_array().into_iter().flatten() {
                    if let Some(ok) = d.get("ok") {
                        bodies.push(ok.clone());
                    }
                }
            }
        }
        401 | 403 => return Err(SyncError::Unauthorized),
        status => {
            return Err(SyncError::Server {
                status,
                path: "_bulk_get".into(),
                reason: reason(&reply.body),
            })
        }
    }
    Ok(bodies)
}

/// Documents' bodies opened, by document id.
async fn open_leaves(
    cipher: &impl Cipher,
    bodies: Vec<Value>,
) -> Result<BTreeMap<String, Vec<Leaf>>, SyncError> {
    let mut out: BTreeMap<String, Vec<Leaf>> = BTreeMap::new();
    let text = |body: &Value, k: &str| {
        body.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    // Every document of the batch opened at once: one WebCrypto call after another waits a
    // turn of the event loop each.
    let opened = join_all(bodies.iter().map(|body| async move {
        match body.get("ct").and_then(Value::as_str) {
            None => Ok(None),
            Some(ct) => open_payload(cipher, &text(body, "_id"), ct).await.map(Some),
        }
    }))
    .await;
    for (body, payload) in bodies.iter().zip(opened) {
        let deleted = body
            .get("_deleted")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        out.entry(text(body, "_id")).or_default().push(Leaf {
            rev: text(body, "_rev"),
            deleted,
            payload: payload?,
        });
    }
    Ok(out)
}

async fn open_payload(cipher: &impl Cipher, doc: &str, ct: &str) -> Result<Payload, SyncError> {
    let corrupt = |detail: &str| SyncError::Corrupt {
        doc: doc.to_string(),
        detail: detail.to_string(),
    };
    let plain = cipher
        .open(doc, ct)
        .await
        .map_err(SyncError::Device)?
        .ok_or_else(|| corrupt("it does not open with this key"))?;
    #[allow(
        clippy::disallowed_methods,
        reason = "into a Value, as the size rules ask"
    )]
    let value: Value = serde_json::from_str(&plain).map_err(|e| corrupt(&e.to_string()))?;
    Payload::deserialize(&value).map_err(|e| corrupt(&e.to_string()))
}

/// One record on its way.
struct Outgoing {
    docs: Vec<Value>,
    revs: Vec<String>,
    /// Its bookkeeping as sent.
    item: Item,
    /// What `State::sending` says while it is on its way (none: nothing is sent).
    sending: Option<OnItsWay>,
}

/// A record to send, before its ids, revision and ciphertext are worked out.
struct Prepared {
    key: String,
    version: Version,
    t: Tracked,
    /// Its document id, once it has one.
    doc: Option<String>,
    /// The payload as sealed.
    plain: String,
    by: String,
}

/// A prepared record's document id, revision, ciphertext and the revisions that delete its
/// conflicting leaves.
async fn seal_one(
    cipher: &impl Cipher,
    p: &Prepared,
) -> Result<(String, String, String, Vec<String>), SyncError> {
    let doc = match &p.doc {
        Some(doc) => doc.clone(),
        None => cipher
            .mac(&format!("doc:{}", p.key))
            .await
            .map_err(SyncError::Device)?,
    };
    let parent = p.t.rev.clone();
    let hash = cipher
        .mac(&format!(
            "{}\n{}",
            parent.clone().unwrap_or_default(),
            p.plain
        ))
        .await
        .map_err(SyncError::Device)?;
    let rev = format!("{}-{hash}", next_generation(parent.as_deref()));
    let ct = cipher
        .seal(&doc, &p.plain)
        .await
        .map_err(SyncError::Device)?;
    let mut gone = Vec::new();
    for loser in &p.t.losers {
        let hash = cipher
            .mac(&format!("gone:{loser}"))
            .await
            .map_err(SyncError::Device)?;
        gone.push(format!("{}-{hash}", next_generation(Some(loser))));
    }
    Ok((doc, rev, ct, gone))
}

/// Sends one batch: the revisions the server lacks, by `_bulk_docs` with `new_edits: false`.
/// How many documents went.
async fn send(
    server: &impl Server,
    batch: &[Outgoing],
    snapshot: &Snapshot,
) -> Result<usize, SyncError> {
    // A revision made in this run was never offered: the server cannot have it. Only one
    // that was on its way before (pending) is asked about.
    let mut diff = serde_json::Map::new();
    let mut missing: BTreeSet<String> = BTreeSet::new();
    for Outgoing {
        docs, revs, item, ..
    } in batch
    {
        let asked = snapshot.tracked.get(&item.key).is_some_and(|t| t.pending);
        let id = docs
            .first()
            .and_then(|d| d.get("_id"))
            .and_then(Value::as_str);
        match id {
            Some(id) if asked => {
                diff.insert(id.to_string(), Value::from(revs.clone()));
            }
            _ => missing.extend(revs.iter().cloned()),
        }
    }
    if !diff.is_empty() {
        let reply = must(server, "POST", "_revs_diff", Some(Value::Object(diff))).await?;
        missing.extend(
            reply
                .as_object()
                .into_iter()
                .flat_map(|o| o.values())
                .filter_map(|v| v.get("missing").and_then(Value::as_array))
                .flatten()
                .filter_map(|r| r.as_str().map(String::from)),
        );
    }
    let docs: Vec<Value> = batch
        .iter()
        .flat_map(|o| o.docs.iter())
        .filter(|d| {
            d.get("_rev")
                .and_then(Value::as_str)
                .is_some_and(|r| missing.contains(r))
        })
        .cloned()
        .collect();
    if docs.is_empty() {
        return Ok(0);
    }
    let n = docs.len();
    let body = json!({"docs": docs, "new_edits": false});
    let reply = must(server, "POST", "_bulk_docs", Some(body)).await?;
    let refused = reply.as_array().into_iter().flatten();
    match refused.into_iter().find(|r| r.get("error").is_some()) {
        Some(refused) => Err(SyncError::Server {
            status: 200,
            path: "_bulk_docs".into(),
            reason: reason(refused),
        }),
        None => Ok(n),
    }
}

/// A chunk of prepared records sealed and made into documents: each record's ids, revision
/// and ciphertext worked out at once (one WebCrypto call after another waits a turn of the
/// event loop each).
async fn outgoing_of<D: Device>(
    run: &Run<'_, D>,
    cipher: &impl Cipher,
    chunk: &[Prepared],
) -> Result<Vec<Outgoing>, SyncError> {
    let sealed = join_all(chunk.iter().map(|p| seal_one(cipher, p))).await;
    let mut outgoing = Vec::new();
    for (p, sealed) in chunk.iter().zip(sealed) {
        let (doc, rev, ct, gone) = sealed?;
        let Prepared {
            key,
            version,
            t,
            by,
            ..
        } = p;
        let mut docs = vec![document(
            &doc,
            &rev,
            t.rev.as_deref(),
            &cipher.key_id(),
            &ct,
            version.deleted,
        )];
        let mut revs = vec![rev.clone()];
        for (loser, gone) in t.losers.iter().zip(gone) {
            docs.push(removal(&doc, &gone, loser));
            revs.push(gone);
        }
        // On its way: stamped and digested as sent, still pending on the old revision, so a
        // reply that never comes (the server may have it) neither loses the change nor
        // forgets what it contained (a later removal is still seen as one).
        let sending = OnItsWay {
            key: key.clone(),
            rev: rev.clone(),
            parent: t.rev.clone(),
            losers: t.losers.clone(),
        };
        let base = Tracked {
            key: key.clone(),
            doc: doc.clone(),
            rev: Some(rev),
            overwritten: t.overwritten.clone(),
            by: by.clone(),
            ..Tracked::default()
        };
        let (_, new_tracked) = run.settle(key, version, base);
        outgoing.push(Outgoing {
            docs,
            revs,
            item: Item {
                key: key.clone(),
                record: None,
                tracked: Some(new_tracked),
            },
            sending: Some(sending),
        });
    }
    Ok(outgoing)
}

async fn push(
    server: &impl Server,
    device: &impl Device,
    cipher: &impl Cipher,
    mut snapshot: Snapshot,
    report: &mut Report,
) -> Result<(), SyncError> {
    let run = Run::new(device, &snapshot);
    // Only what may have changed is compared (with the records offered again, pending).
    let keys = match &snapshot.changed {
        None => every_key(&snapshot),
        Some(changed) => {
            let pending = snapshot.tracked.iter().filter(|(_, t)| t.pending);
            let mut keys = changed.clone();
            keys.extend(pending.map(|(key, _)| key.clone()));
            keys
        }
    };
    // Made and removed here before they were ever sent: their rows go with the first batch.
    let mut forgets: Vec<Outgoing> = Vec::new();
    let mut prepared: Vec<Prepared> = Vec::new();
    for key in keys {
        let tracked = snapshot.tracked.get(&key).cloned();
        let record = snapshot.records.get(&key).cloned();
        let Some((version, changed)) =
            run.local_version(&key, record.as_ref(), tracked.as_ref(), &mut snapshot.state)
        else {
            continue;
        };
        let t = tracked.clone().unwrap_or_default();
        if !(changed || t.pending) {
            continue;
        }
        if version.deleted && t.rev.is_none() {
            // Made and removed here before it was ever sent: nothing to tell the server.
            forgets.push(Outgoing {
                docs: Vec::new(),
                revs: Vec::new(),
                item: Item {
                    key,
                    record: None,
                    tracked: None,
                },
                sending: None,
            });
            continue;
        }
        let doc = tracked
            .as_ref()
            .map(|t| t.doc.clone())
            .filter(|d| !d.is_empty());
        let by = snapshot.state.by.clone();
        let payload = Payload::from_version(&key, &version, &by);
        let plain = canonical(&serde_json::to_value(&payload).unwrap_or_default());
        prepared.push(Prepared {
            key,
            version,
            t,
            doc,
            plain,
            by,
        });
    }
    device.reached("compared");
    let (head, tail) = prepared.split_at(prepared.len().min(FIRST_BATCH));
    let mut chunks: Vec<&[Prepared]> = std::iter::once(head)
        .filter(|h| !h.is_empty())
        .chain(tail.chunks(BATCH))
        .collect();
    if chunks.is_empty() && !forgets.is_empty() {
        chunks.push(&[]);
    }
    let batch_of: BTreeMap<&str, usize> = chunks
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.iter().map(move |p| (p.key.as_str(), i)))
        .collect();
    // A batch goes out while the next one is sealed and the device writes its bookkeeping, as
    // sent, with both named on their way in the state: one device write per batch, at the same
    // time as the server works, each record's row written once. A batch is written before it
    // is sent; the write after its reply no longer names it.
    let rows = |batch: &[Outgoing]| -> Vec<Item> {
        let items = batch.iter().map(|o| Item {
            key: o.item.key.clone(),
            record: None,
            tracked: o.item.tracked.clone(),
        });
        items.collect()
    };
    // The last run's list, read in (`read`): each entry stays until its record's row is
    // written again by this run (a record not sent again was taken in by the pull).
    let before = std::mem::take(&mut snapshot.state.sending);
    // On their way while `batches` (up to batch `to`) are: theirs, and the last run's not yet
    // redone.
    let on_its_way = |batches: &[&[Outgoing]], to: usize| -> Vec<OnItsWay> {
        let redone = |key: &str| batch_of.get(key).is_some_and(|b| *b < to);
        let left = before.iter().filter(|e| !redone(&e.key)).cloned();
        let outgoing = batches.iter().flat_map(|b| b.iter());
        left.chain(outgoing.filter_map(|o| o.sending.clone()))
            .collect()
    };
    let stored = std::cell::RefCell::new(before.clone());
    let write = async |items: Vec<Item>, sending: Vec<OnItsWay>| {
        if items.is_empty() && sending == *stored.borrow() {
            return Ok(true);
        }
        *stored.borrow_mut() = sending.clone();
        let state = State {
            sending,
            ..snapshot.state.clone()
        };
        device.write(items, &state).await
    };
    let mut left = prepared.len();
    if left > 0 {
        device.left(left);
    }
    let mut chunks = chunks.into_iter();
    let mut batch: Vec<Outgoing> = forgets;
    if let Some(first) = chunks.next() {
        batch.extend(outgoing_of(&run, cipher, first).await?);
        write(rows(&batch), on_its_way(&[&batch], 1))
            .await
            .map_err(SyncError::Device)?;
    }
    let mut i = 0;
    while !batch.is_empty() {
        let next_chunk = chunks.next();
        let current = &batch;
        let prepare_next = async {
            let Some(chunk) = next_chunk else {
                // The last batch: nothing more to write while it goes.
                return Ok(Vec::new());
            };
            let next = outgoing_of(&run, cipher, chunk).await?;
            write(rows(&next), on_its_way(&[current, &next], i + 2))
                .await
                .map_err(SyncError::Device)?;
            Ok(next)
        };
        let (n, next) = join(send(server, current, &snapshot), prepare_next).await;
        let next: Vec<Outgoing> = next?;
        report.sent += n?;
        device.reached("batch sent");
        let went = current.iter().filter(|o| !o.docs.is_empty()).count();
        if went > 0 {
            left = left.saturating_sub(went);
            device.left(left);
        }
        batch = next;
        i += 1;
    }
    // Every reply came: nothing is on its way (the snapshot's state names none); and the
    // clock may have moved (stamps given).
    device
        .write(Vec::new(), &snapshot.state)
        .await
        .map_err(SyncError::Device)?;
    device.all_sent();
    Ok(())
}

/// Waits for the server to report a change after the device's checkpoint (`_changes` as a
/// long poll): `true` when one came, `false` when `timeout_ms` passed without one.
pub async fn wait_for_change(
    server: &impl Server,
    device: &impl Device,
    timeout_ms: u32,
) -> Result<bool, SyncError> {
    let state = device.read_state().await.map_err(SyncError::Device)?;
    let since = match &state.since {
        Value::Null => "now".to_string(),
        Value::String(s) => encode(s),
        other => other.to_string(),
    };
    let path = format!("_changes?feed=longpoll&since={since}&timeout={timeout_ms}&limit=1");
    let reply = must(server, "GET", &path, None).await?;
    Ok(reply
        .get("results")
        .and_then(Value::as_array)
        .is_some_and(|r| !r.is_empty()))
}

/// How many records have changes not yet on the server (what the status says is waiting).
pub async fn waiting(device: &impl Device) -> Result<usize, SyncError> {
    let mut snapshot = read(device).await?;
    let run = Run::new(device, &snapshot);
    let keys = every_key(&snapshot);
    let mut n = 0;
    for key in keys {
        let tracked = snapshot.tracked.get(&key).cloned();
        let record = snapshot.records.get(&key).cloned();
        let local = run.local_version(&key, record.as_ref(), tracked.as_ref(), &mut snapshot.state);
        let pending = tracked.as_ref().is_some_and(|t| t.pending);
        let never_sent_and_gone = tracked.is_none() && record.is_none();
        if matches!(local, Some((_, changed)) if changed || pending) && !never_sent_and_gone {
            n += 1;
        }
    }
    Ok(n)
}
