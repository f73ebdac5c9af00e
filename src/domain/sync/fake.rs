//! An in-memory CouchDB (the parts of the protocol the replicator uses, with revision trees
//! and conflicts as CouchDB keeps them), a fault injector, devices and a toy cipher: the
//! replicator's tests run natively with these.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use serde_json::{json, Value};

use super::payload::{split_rev, winner, Tracked};
use super::replicator::{Cipher, Device, Item, Reply, Server, Snapshot, State};
use super::version::digest;

/// Runs a future whose awaits never wait (everything here answers at once).
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[derive(Clone, Debug)]
struct Rev {
    parent: Option<String>,
    body: Value,
    deleted: bool,
}

#[derive(Default)]
struct Doc {
    revs: BTreeMap<String, Rev>,
    seq: u64,
}

impl Doc {
    fn leaves(&self) -> Vec<(&String, &Rev)> {
        let parents: std::collections::BTreeSet<&String> = self
            .revs
            .values()
            .filter_map(|r| r.parent.as_ref())
            .collect();
        self.revs
            .iter()
            .filter(|(id, _)| !parents.contains(id))
            .collect()
    }
}

/// The in-memory database.
#[derive(Default)]
pub struct Couch {
    docs: RefCell<BTreeMap<String, Doc>>,
    local: RefCell<BTreeMap<String, Value>>,
    seq: Cell<u64>,
    pub exists: Cell<bool>,
    /// Off: answers `_bulk_get` with 404, as an old server would.
    pub no_bulk_get: Cell<bool>,
    /// On: `_changes` leaves out `pending`, as PouchDB Server does.
    pub no_pending: Cell<bool>,
    pub requests: RefCell<Vec<String>>,
}

fn ok(body: Value) -> Reply {
    Reply { status: 200, body }
}

fn status(status: u16, error: &str) -> Reply {
    Reply {
        status,
        body: json!({"error": error, "reason": error}),
    }
}

fn query(path: &str, name: &str) -> Option<String> {
    let (_, q) = path.split_once('?')?;
    q.split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{name}=")).map(String::from))
}

impl Couch {
    pub fn new() -> Couch {
        let c = Couch::default();
        c.exists.set(true);
        c
    }

    /// Every stored document body, every revision (what a look at the server finds).
    pub fn all_bodies(&self) -> Vec<Value> {
        let mut out = Vec::new();
        for doc in self.docs.borrow().values() {
            out.extend(doc.revs.values().map(|r| r.body.clone()));
        }
        out.extend(self.local.borrow().values().cloned());
        out
    }

    /// Documents with more than one live leaf.
    pub fn conflicts(&self) -> usize {
        self.docs
            .borrow()
            .values()
            .filter(|d| d.leaves().iter().filter(|(_, r)| !r.deleted).count() > 1)
            .count()
    }

    fn insert(&self, body: Value) {
        let id = body["_id"].as_str().unwrap_or_default().to_string();
        let rev = body["_rev"].as_str().unwrap_or_default().to_string();
        let parent = body.get("_revisions").and_then(|r| {
            let start = r["start"].as_u64()?;
            let ids = r["ids"].as_array()?;
            Some(format!("{}-{}", start - 1, ids.get(1)?.as_str()?))
        });
        let mut docs = self.docs.borrow_mut();
        let doc = docs.entry(id).or_default();
        if doc.revs.contains_key(&rev) {
            return;
        }
        let deleted = body
            .get("_deleted")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let mut stored = body.clone();
        if let Some(o) = stored.as_object_mut() {
            o.remove("_revisions");
        }
        doc.revs.insert(
            rev,
            Rev {
                parent,
                body: stored,
                deleted,
            },
        );
        self.seq.set(self.seq.get() + 1);
        doc.seq = self.seq.get();
    }

    fn changes(&self, path: &str) -> Reply {
        let since: u64 = query(path, "since")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let limit: usize = query(path, "limit")
            .and_then(|s| s.parse().ok())
            .unwrap_or(usize::MAX);
        let docs = self.docs.borrow();
        let mut rows: Vec<(u64, &String, &Doc)> = docs
            .iter()
            .filter(|(_, d)| d.seq > since)
            .map(|(id, d)| (d.seq, id, d))
            .collect();
        crate::domain::sorting::sort_by_key(&mut rows, |r| r.0);
        let pending = rows.len().saturating_sub(limit);
        rows.truncate(limit);
        let last = rows.last().map_or(since, |r| r.0);
        let with_docs = query(path, "include_docs").as_deref() == Some("true");
        let results: Vec<Value> = rows
            .iter()
            .map(|(seq, id, d)| {
                let leaves = d.leaves();
                let revs: Vec<Value> = leaves.iter().map(|(r, _)| json!({"rev": r})).collect();
                let win = winner(leaves.iter().map(|(r, rev)| (r.as_str(), rev.deleted)));
                let deleted = leaves
                    .iter()
                    .any(|(r, rev)| Some(r.as_str()) == win && rev.deleted);
                let mut row = json!({"seq": seq, "id": id, "changes": revs, "deleted": deleted});
                // The winning revision's body, as CouchDB brings it (no `_revisions`).
                let body = win.and_then(|w| d.revs.get(w)).map(|r| r.body.clone());
                if let (true, Some(body)) = (with_docs, body) {
                    row["doc"] = body;
                }
                row
            })
            .collect();
        let mut body = json!({"results": results, "last_seq": last});
        if !self.no_pending.get() {
            body["pending"] = pending.into();
        }
        ok(body)
    }

    fn body_of(&self, id: &str, rev: &str) -> Option<Value> {
        let docs = self.docs.borrow();
        let doc = docs.get(id)?;
        let r = doc.revs.get(rev)?;
        let mut body = r.body.clone();
        let (start, hash) = split_rev(rev)?;
        let mut ids = vec![Value::from(hash)];
        let mut at = r.parent.clone();
        while let Some(p) = at {
            ids.push(split_rev(&p).map(|(_, h)| h).unwrap_or("").into());
            at = doc.revs.get(&p).and_then(|r| r.parent.clone());
        }
        body["_revisions"] = json!({"start": start, "ids": ids});
        Some(body)
    }

    fn handle(&self, method: &str, path: &str, body: Option<Value>) -> Reply {
        self.requests.borrow_mut().push(format!("{method} {path}"));
        if path.is_empty() {
            return match method {
                "GET" if self.exists.get() => {
                    ok(json!({"db_name": "fake", "update_seq": self.seq.get()}))
                }
                "GET" => status(404, "not_found"),
                "PUT" if self.exists.get() => status(412, "file_exists"),
                _ => {
                    self.exists.set(true);
                    Reply {
                        status: 201,
                        body: json!({"ok": true}),
                    }
                }
            };
        }
        if !self.exists.get() {
            return status(404, "not_found");
        }
        let body = body.unwrap_or(Value::Null);
        let name = path.split('?').next().unwrap_or("");
        match (method, name) {
            ("GET", "_changes") => self.changes(path),
            ("POST", "_revs_diff") => {
                let docs = self.docs.borrow();
                let mut out = serde_json::Map::new();
                for (id, revs) in body.as_object().into_iter().flatten() {
                    let missing: Vec<Value> = revs
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|r| {
                            let r = r.as_str().unwrap_or("");
                            !docs.get(id).is_some_and(|d| d.revs.contains_key(r))
                        })
                        .cloned()
                        .collect();
                    if !missing.is_empty() {
                        out.insert(id.clone(), json!({"missing": missing}));
                    }
                }
                ok(Value::Object(out))
            }
            ("POST", "_bulk_get") if self.no_bulk_get.get() => status(404, "not_found"),
            ("POST", "_bulk_get") => {
                let mut results = Vec::new();
                for d in body["docs"].as_array().into_iter().flatten() {
                    let (id, rev) = (
                        d["id"].as_str().unwrap_or(""),
                        d["rev"].as_str().unwrap_or(""),
                    );
                    let got = match self.body_of(id, rev) {
                        Some(b) => json!({"ok": b}),
                        None => json!({"error": {"id": id, "rev": rev, "error": "not_found"}}),
                    };
                    results.push(json!({"id": id, "docs": [got]}));
                }
                ok(json!({"results": results}))
            }
            ("POST", "_bulk_docs") => {
                assert_eq!(
                    body["new_edits"],
                    json!(false),
                    "the replicator keeps its revisions"
                );
                for d in body["docs"].as_array().into_iter().flatten() {
                    self.insert(d.clone());
                }
                Reply {
                    status: 201,
                    body: json!([]),
                }
            }
            (_, n) if n.starts_with("_local/") => {
                let mut local = self.local.borrow_mut();
                match method {
                    "GET" => match local.get(n) {
                        Some(v) => ok(v.clone()),
                        None => status(404, "not_found"),
                    },
                    _ => {
                        let current = local.get(n).and_then(|v| v.get("_rev")).cloned();
                        if current.is_some() && body.get("_rev") != current.as_ref() {
                            return status(409, "conflict");
                        }
                        let next = current
                            .and_then(|r| r.as_str()?.strip_prefix("0-")?.parse::<u64>().ok())
                            .unwrap_or(0)
                            + 1;
                        let rev = format!("0-{next}");
                        let mut stored = body.clone();
                        stored["_rev"] = rev.clone().into();
                        local.insert(n.to_string(), stored);
                        Reply {
                            status: 201,
                            body: json!({"ok": true, "rev": rev}),
                        }
                    }
                }
            }
            ("GET", id) => {
                if let Some(revs) = query(path, "open_revs") {
                    let text = revs
                        .replace("%5B", "[")
                        .replace("%5D", "]")
                        .replace("%22", "\"")
                        .replace("%2C", ",");
                    #[allow(clippy::disallowed_methods, reason = "test server")]
                    let list: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
                    let out: Vec<Value> = list
                        .iter()
                        .filter_map(|r| self.body_of(id, r))
                        .map(|b| json!({"ok": b}))
                        .collect();
                    return ok(Value::from(out));
                }
                let docs = self.docs.borrow();
                let Some(doc) = docs.get(id) else {
                    return status(404, "not_found");
                };
                let leaves = doc.leaves();
                let win = winner(leaves.iter().map(|(r, rev)| (r.as_str(), rev.deleted)));
                match leaves.iter().find(|(r, _)| Some(r.as_str()) == win) {
                    Some((_, rev)) if !rev.deleted => ok(rev.body.clone()),
                    _ => status(404, "not_found"),
                }
            }
            ("PUT", id) => {
                if self.docs.borrow().contains_key(id) {
                    return status(409, "conflict");
                }
                let mut b = body.clone();
                b["_id"] = id.into();
                b["_rev"] = "1-0".into();
                self.insert(b);
                Reply {
                    status: 201,
                    body: json!({"ok": true}),
                }
            }
            _ => status(400, "bad_request"),
        }
    }
}

/// What goes wrong with the next request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Lost before it reached the server.
    Drop,
    /// Done by the server, then the connection was cut before the reply.
    CutAfter,
    /// Delivered twice.
    Duplicate,
    /// A 500 reply.
    Error,
}

/// A connection to a [`Couch`] that may fail (offline, or the faults queued).
pub struct Link {
    pub couch: Rc<Couch>,
    pub offline: Cell<bool>,
    /// Each fault hits the next request whose path starts with its prefix ("" for any).
    pub faults: RefCell<VecDeque<(&'static str, Fault)>>,
}

impl Link {
    pub fn new(couch: Rc<Couch>) -> Link {
        Link {
            couch,
            offline: Cell::new(false),
            faults: RefCell::new(VecDeque::new()),
        }
    }
}

impl Server for Link {
    async fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Reply, String> {
        if self.offline.get() {
            return Err("offline".into());
        }
        let fault = {
            let mut faults = self.faults.borrow_mut();
            let at = faults.iter().position(|(p, _)| path.starts_with(p));
            at.and_then(|i| faults.remove(i)).map(|(_, f)| f)
        };
        match fault {
            Some(Fault::Drop) => Err("connection lost".into()),
            Some(Fault::CutAfter) => {
                self.couch.handle(method, path, body);
                Err("connection cut".into())
            }
            Some(Fault::Duplicate) => {
                self.couch.handle(method, path, body.clone());
                Ok(self.couch.handle(method, path, body))
            }
            Some(Fault::Error) => Ok(status(500, "fault")),
            None => Ok(self.couch.handle(method, path, body)),
        }
    }
}

/// A toy cipher: reversible, binds the document id, different per key. Never for real data.
pub struct ToyCipher {
    pub key: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Cipher for ToyCipher {
    async fn seal(&self, doc: &str, plain: &str) -> Result<String, String> {
        let k = self.key.as_bytes();
        let text = format!("{}|{doc}|{plain}", self.key);
        let bytes: Vec<u8> = text
            .bytes()
            .enumerate()
            .map(|(i, b)| b ^ k[i % k.len()] ^ 0x5a)
            .collect();
        Ok(hex(&bytes))
    }

    async fn open(&self, doc: &str, sealed: &str) -> Result<Option<String>, String> {
        let k = self.key.as_bytes();
        let bytes: Option<Vec<u8>> = (0..sealed.len() / 2)
            .map(|i| u8::from_str_radix(sealed.get(2 * i..2 * i + 2)?, 16).ok())
            .collect();
        let plain: Vec<u8> = bytes
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, b)| b ^ k[i % k.len()] ^ 0x5a)
            .collect();
        let text = String::from_utf8(plain).unwrap_or_default();
        Ok(text
            .strip_prefix(&format!("{}|{doc}|", self.key))
            .map(String::from))
    }

    async fn mac(&self, text: &str) -> Result<String, String> {
        let a = digest(self.key.as_bytes(), text);
        let b = digest(format!("{}#", self.key).as_bytes(), text);
        Ok(format!("{a:016x}{b:016x}"))
    }

    fn key_id(&self) -> String {
        format!("toy-{}", self.key.len())
    }
}

/// What a person does while a sync runs.
pub type Typing = Box<dyn FnOnce(&Phone)>;

/// A device: records by key, the engine's bookkeeping, a shared clock.
pub struct Phone {
    pub name: String,
    pub records: RefCell<BTreeMap<String, Value>>,
    pub tracked: RefCell<BTreeMap<String, Tracked>>,
    pub state: RefCell<State>,
    pub now: Rc<Cell<u64>>,
    /// What the engine said was left to send, in order.
    pub lefts: RefCell<Vec<usize>>,
    /// Fields this (older) app does not store.
    pub unknown_fields: RefCell<Vec<&'static str>>,
    /// Kinds this (older) app does not store.
    pub unknown_kinds: RefCell<Vec<&'static str>>,
    /// Called between `read` and `write`, once: a person typing while a sync runs.
    pub typing: RefCell<Option<Typing>>,
    ids: Cell<u64>,
    /// The records as the engine last saw them, and those changed since its last complete
    /// push (as the browser's device keeps them): `None` until a push completes.
    seen: RefCell<BTreeMap<String, Value>>,
    unsent: RefCell<Option<BTreeSet<String>>>,
}

impl Phone {
    pub fn new(name: &str, now: Rc<Cell<u64>>) -> Phone {
        Phone {
            name: name.to_string(),
            records: RefCell::default(),
            tracked: RefCell::default(),
            state: RefCell::default(),
            now,
            lefts: RefCell::default(),
            unknown_fields: RefCell::default(),
            unknown_kinds: RefCell::default(),
            typing: RefCell::new(None),
            ids: Cell::new(0),
            seen: RefCell::default(),
            unsent: RefCell::default(),
        }
    }

    /// Saves a record as the app would (a customer's save moves `updated_at`).
    pub fn save(&self, key: &str, mut record: Value) {
        self.now.set(self.now.get() + 1);
        if key.starts_with("customer:") {
            record["updated_at"] = self.now.get().into();
        }
        self.records.borrow_mut().insert(key.to_string(), record);
    }

    pub fn remove(&self, key: &str) {
        self.now.set(self.now.get() + 1);
        self.records.borrow_mut().remove(key);
    }

    pub fn get(&self, key: &str) -> Option<Value> {
        self.records.borrow().get(key).cloned()
    }
}

impl Device for Phone {
    fn new_device_id(&self) -> String {
        self.ids.set(self.ids.get() + 1);
        format!("{}{}", self.name, self.ids.get())
    }

    async fn read(&self) -> Result<Snapshot, String> {
        let records = self.records.borrow().clone();
        let changed = self.unsent.borrow_mut().as_mut().map(|unsent| {
            let seen = self.seen.borrow();
            let moved = records.iter().filter(|(k, v)| seen.get(*k) != Some(*v));
            unsent.extend(moved.map(|(k, _)| k.clone()));
            unsent.extend(seen.keys().filter(|k| !records.contains_key(*k)).cloned());
            unsent.clone()
        });
        *self.seen.borrow_mut() = records.clone();
        Ok(Snapshot {
            changed,
            records,
            tracked: self.tracked.borrow().clone(),
            // As the browser's device does: the name comes from Settings, not the store.
            state: State {
                by: self.name.clone(),
                ..self.state.borrow().clone()
            },
        })
    }

    async fn write(&self, items: Vec<Item>, state: &State) -> Result<bool, String> {
        let typing = self.typing.borrow_mut().take();
        if let Some(typing) = typing {
            typing(self);
            if items.iter().any(|i| i.record.is_some()) {
                return Ok(false);
            }
        }
        let mut records = self.records.borrow_mut();
        let mut seen = self.seen.borrow_mut();
        let mut tracked = self.tracked.borrow_mut();
        for item in items {
            match item.record {
                Some(Some(r)) => {
                    seen.insert(item.key.clone(), r.clone());
                    records.insert(item.key.clone(), r);
                }
                Some(None) => {
                    seen.remove(&item.key);
                    records.remove(&item.key);
                }
                None => {}
            }
            match item.tracked {
                Some(t) => tracked.insert(item.key.clone(), t),
                None => tracked.remove(&item.key),
            };
        }
        *self.state.borrow_mut() = state.clone();
        Ok(true)
    }

    async fn read_state(&self) -> Result<State, String> {
        Ok(self.state.borrow().clone())
    }

    fn all_sent(&self) {
        *self.unsent.borrow_mut() = Some(BTreeSet::new());
    }

    fn stores(&self, kind: &str) -> bool {
        !self.unknown_kinds.borrow().contains(&kind)
    }

    fn known(&self, kind: &str, record: &Value) -> Option<Value> {
        if !self.stores(kind) {
            return None;
        }
        let mut r = record.clone();
        if let Some(o) = r.as_object_mut() {
            for f in self.unknown_fields.borrow().iter() {
                o.remove(*f);
            }
        }
        Some(r)
    }

    fn now_ms(&self) -> u64 {
        self.now.get()
    }

    fn left(&self, n: usize) {
        self.lefts.borrow_mut().push(n);
    }
}
