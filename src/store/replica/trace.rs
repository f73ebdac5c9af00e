//! Where a sync run's time goes, for troubleshooting and the benchmark: with
//! `localStorage["kehu-sync-trace"] = "1"`, each run logs to the console the time spent in
//! IndexedDB, waiting on the server (by request) and the rest (the engine and WebCrypto).
//! Off, it costs one localStorage read per run.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::Value;

use crate::domain::sync::replicator::{
    self, Cipher, Device, Item, Reply, Report, Server, Snapshot, State, SyncError,
};

const FLAG: &str = "kehu-sync-trace";

pub fn on() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(FLAG).ok().flatten())
        .is_some_and(|v| v == "1")
}

/// One sync run with its server and device timed, logged when it ends.
pub async fn sync(
    server: &impl Server,
    device: &impl Device,
    cipher: &impl Cipher,
) -> Result<Report, SyncError> {
    let times = Times::default();
    let start = now();
    times.steps.borrow_mut().push(("start", start));
    let server = Traced {
        inner: server,
        times: &times,
    };
    let device = Traced {
        inner: device,
        times: &times,
    };
    let outcome = replicator::sync(&server, &device, cipher).await;
    let what = match &outcome {
        Ok(r) => format!("{} received, {} sent", r.received, r.sent),
        Err(e) => format!("{e:?}"),
    };
    times.log(&what, now() - start);
    outcome
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Time and count per part of a run, and when the engine reached each of its steps.
#[derive(Default)]
struct Times {
    parts: RefCell<BTreeMap<String, (f64, u32)>>,
    steps: RefCell<Vec<(&'static str, f64)>>,
}

impl Times {
    fn add(&self, part: String, ms: f64) {
        let mut t = self.parts.borrow_mut();
        let e = t.entry(part).or_default();
        e.0 += ms;
        e.1 += 1;
    }

    /// Logs the run's parts beside its total.
    fn log(&self, what: &str, total_ms: f64) {
        let t = self.parts.borrow();
        let counted: f64 = t.values().map(|(ms, _)| ms).sum();
        let mut line = format!("sync trace, {what}: {total_ms:.0} ms");
        for (part, (ms, n)) in t.iter() {
            line.push_str(&format!("; {part} {ms:.0} ms ×{n}"));
        }
        line.push_str(&format!(
            "; engine and WebCrypto {:.0} ms",
            total_ms - counted
        ));
        let steps = self.steps.borrow();
        if let Some((_, first)) = steps.first() {
            line.push_str("; steps at");
            for (step, at) in steps.iter() {
                line.push_str(&format!(" {step} +{:.0}", at - first));
            }
            // The wall clock, so a benchmark can tell the run from what came before it.
            line.push_str(&format!("; began {first:.0}"));
        }
        web_sys::console::log_1(&line.into());
    }
}

struct Traced<'t, T> {
    inner: &'t T,
    times: &'t Times,
}

/// A request's path without its query and document id (`_changes`, `_local`, `doc` …).
fn part_of(method: &str, path: &str) -> String {
    let head = path.split(['?', '/']).next().unwrap_or("");
    let head = if head.starts_with('_') { head } else { "doc" };
    format!("server {method} {head}")
}

impl<S: Server> Server for Traced<'_, S> {
    async fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Reply, String> {
        let start = now();
        let reply = self.inner.request(method, path, body).await;
        self.times.add(part_of(method, path), now() - start);
        reply
    }
}

impl<D: Device> Device for Traced<'_, D> {
    fn new_device_id(&self) -> String {
        self.inner.new_device_id()
    }

    async fn read(&self) -> Result<Snapshot, String> {
        let start = now();
        let read = self.inner.read().await;
        self.times.add("device read".into(), now() - start);
        read
    }

    async fn read_state(&self) -> Result<State, String> {
        let start = now();
        let read = self.inner.read_state().await;
        self.times.add("device read state".into(), now() - start);
        read
    }

    async fn write(&self, items: Vec<Item>, state: &State) -> Result<bool, String> {
        let start = now();
        let written = self.inner.write(items, state).await;
        self.times.add("device write".into(), now() - start);
        written
    }

    fn all_sent(&self) {
        self.inner.all_sent()
    }

    fn left(&self, n: usize) {
        self.inner.left(n)
    }

    fn reached(&self, step: &'static str) {
        self.times.steps.borrow_mut().push((step, now()));
    }

    fn stores(&self, kind: &str) -> bool {
        self.inner.stores(kind)
    }

    fn known(&self, kind: &str, record: &Value) -> Option<Value> {
        self.inner.known(kind, record)
    }

    fn now_ms(&self) -> u64 {
        self.inner.now_ms()
    }
}
