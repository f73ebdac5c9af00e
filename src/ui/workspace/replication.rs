//! Sync's runner in this tab (docs/sync.md): runs on opening, shortly after each change,
//! when the network comes back (`online`) and whenever the server reports a change (a long
//! poll of `_changes`), one run at a time. Reached only through `on_demand::start_sync` and
//! Settings → Sync, so its code is fetched with the settings module.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{db, opened_as_demo, Workspace};
use crate::domain::sync::notes::{notes_of, RecordNotes};
use crate::domain::sync::replicator::SyncError;
use crate::store::replica::{self, remember, Couch, SyncFailure, SyncKey};
use crate::ui::browser;
use crate::ui::sync_status::{SyncState, SyncStatus, SYNC_ON};

/// What `on_demand` calls.
pub type Start = fn(Workspace, SyncState);
/// A synced record's notes for its profile (`kind:id`).
pub type Notes = fn(String) -> Pin<Box<dyn Future<Output = Option<RecordNotes>>>>;
/// Who made the version in sync of each of these records (`kind:id`; named authors only).
pub type Authors = fn(Vec<String>) -> Pin<Box<dyn Future<Output = BTreeMap<String, String>>>>;

fn authors(keys: Vec<String>) -> Pin<Box<dyn Future<Output = BTreeMap<String, String>>>> {
    Box::pin(async move {
        if opened_as_demo() {
            return BTreeMap::new();
        }
        match db().await {
            Ok(db) => replica::set_aside::authors(&db, &keys)
                .await
                .unwrap_or_default(),
            Err(_) => BTreeMap::new(),
        }
    })
}

fn notes(key: String) -> Pin<Box<dyn Future<Output = Option<RecordNotes>>>> {
    Box::pin(async move {
        if opened_as_demo() {
            return None;
        }
        let db = db().await.ok()?;
        let mut found = replica::set_aside::of(&db, std::slice::from_ref(&key))
            .await
            .ok()?;
        notes_of(&found.remove(&key)?)
    })
}

struct Runner {
    ws: Workspace,
    state: SyncState,
    couch: Couch,
    key: SyncKey,
    by: String,
    /// Bumped when sync is turned off or reconnected: an older runner's loops stop.
    epoch: u32,
}

thread_local! {
    static RUNNER: RefCell<Option<Rc<Runner>>> = const { RefCell::new(None) };
    static EPOCH: Cell<u32> = const { Cell::new(0) };
    static SOON: Cell<bool> = const { Cell::new(false) };
    /// A run is going on in this tab / another was asked for meanwhile.
    static BUSY: Cell<bool> = const { Cell::new(false) };
    static AGAIN: Cell<bool> = const { Cell::new(false) };
    /// Counts the runs: a run's delayed "Syncing…" is shown only while it is still the one.
    static RUNS: Cell<u64> = const { Cell::new(0) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
    static ON_CHANGE: RefCell<Option<Rc<dyn Fn()>>> = RefCell::new(None);
    static NOTES: Cell<Option<Notes>> = const { Cell::new(None) };
    static AUTHORS: Cell<Option<Authors>> = const { Cell::new(None) };
}

/// What a profile calls for its sync notes, once the runner is in (set with it, as
/// [`changed`]'s hook is, so the profile's module carries none of sync's code).
pub fn notes_reader() -> Option<Notes> {
    NOTES.with(Cell::get)
}

/// What a list calls for its records' authors, once the runner is in (as [`notes_reader`]).
pub fn authors_reader() -> Option<Authors> {
    AUTHORS.with(Cell::get)
}

fn current() -> Option<Rc<Runner>> {
    RUNNER.with(|r| r.borrow().clone())
}

/// A write in this tab: sync shortly after. Calls what the runner set up, through a
/// pointer: the first load's write path never reaches the sync code itself (it stays in the
/// settings module, fetched only where sync is on).
pub fn changed() {
    if let Some(hook) = ON_CHANGE.with(|h| h.borrow().clone()) {
        hook();
    }
}

/// What [`changed`] does while sync runs: changes in quick succession (a save and the tier
/// bookkeeping it causes) go together.
fn sync_soon() {
    if SOON.with(|s| s.replace(true)) {
        return;
    }
    browser::after_ms(300, || {
        SOON.with(|s| s.set(false));
        spawn_local(run());
    });
}

/// Starts sync with the connection this browser keeps (sync was on at the last visit).
pub fn start(ws: Workspace, state: SyncState) {
    if current().is_some() {
        return; // already turned on in Settings before the data was read
    }
    spawn_local(async move {
        match remember::kept().await {
            Ok(Some(_)) if current().is_some() => {}
            Ok(Some((account, key))) => begin(ws, state, account, key),
            Ok(None) => state.0.set(SyncStatus::Off),
            Err(e) => state
                .0
                .set(SyncStatus::Failed(ws.lang.get_untracked().store_error(&e))),
        }
    });
}

/// Runs sync with `account` and `key` from now on (Settings → Sync turned it on).
pub fn begin(ws: Workspace, state: SyncState, account: remember::Account, key: SyncKey) {
    if opened_as_demo() {
        return; // the training demo never syncs
    }
    let epoch = EPOCH.with(|e| e.get() + 1);
    EPOCH.with(|e| e.set(epoch));
    let runner = Rc::new(Runner {
        ws,
        state,
        couch: Couch::new(&account.url, &account.user, &account.password),
        key,
        by: account.by,
        epoch,
    });
    RUNNER.with(|r| *r.borrow_mut() = Some(runner.clone()));
    ON_CHANGE.with(|h| *h.borrow_mut() = Some(Rc::new(sync_soon)));
    NOTES.with(|n| n.set(Some(notes)));
    AUTHORS.with(|a| a.set(Some(authors)));
    listen_for_online();
    spawn_local(async move {
        run().await;
        live(runner).await;
    });
}

/// Turns sync off here: forgets the connection; the records stay as they are.
pub fn stop(state: SyncState) {
    EPOCH.with(|e| e.set(e.get() + 1));
    RUNNER.with(|r| *r.borrow_mut() = None);
    ON_CHANGE.with(|h| *h.borrow_mut() = None);
    NOTES.with(|n| n.set(None));
    AUTHORS.with(|a| a.set(None));
    replica::forget_kept();
    set_flag(false);
    state.0.set(SyncStatus::Off);
    spawn_local(async {
        let _ = remember::forget().await;
    });
}

/// The localStorage flag the first load reads.
pub fn set_flag(on: bool) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = if on {
            s.set_item(SYNC_ON, "1")
        } else {
            s.remove_item(SYNC_ON)
        };
    }
}

fn alive(r: &Runner) -> bool {
    EPOCH.with(|e| e.get()) == r.epoch
}

/// One sync at a time in this tab, whichever runner asks: a runner replaced while its run
/// goes on (sync turned on in Settings before the data was read, then started again once it
/// was) must not run beside it, or both send every record. A request while one runs makes
/// it run once more after, with the runner current then; with none (sync off), nothing runs.
async fn run() {
    run_as(true).await
}

/// How long a run the server's changes started goes on before the status says "Syncing…":
/// the device's own changes coming back after a push take a moment and change nothing, so
/// the status does not flicker from "Synced" to "Syncing…" and back for them.
const QUIET_MS: i32 = 700;

/// `announce`: say "Syncing…" at once (a run asked for here); otherwise only once it takes
/// longer than [`QUIET_MS`].
async fn run_as(announce: bool) {
    if BUSY.with(|b| b.replace(true)) {
        AGAIN.with(|a| a.set(true));
        return;
    }
    loop {
        AGAIN.with(|a| a.set(false));
        let Some(r) = current() else {
            break;
        };
        let id = RUNS.with(|n| n.get() + 1);
        RUNS.with(|n| n.set(id));
        let state = r.state;
        if announce {
            state.0.set(SyncStatus::Syncing(None));
        } else {
            browser::after_ms(QUIET_MS, move || {
                if RUNS.with(Cell::get) == id && BUSY.with(Cell::get) {
                    state.0.set(SyncStatus::Syncing(None));
                }
            });
        }
        // How many are left, once the status says it is syncing (a quiet run says nothing).
        let left = move |n: usize| {
            let shown = matches!(state.0.get_untracked(), SyncStatus::Syncing(_));
            if shown && RUNS.with(Cell::get) == id {
                state.0.set(SyncStatus::Syncing(Some(n)));
            }
        };
        let outcome = match db().await {
            Ok(db) => replica::sync_telling(&db, &r.couch, &r.key, &r.by, left).await,
            Err(e) => Err(SyncFailure::Store(e)),
        };
        let lang = r.ws.lang.get_untracked();
        let status = match outcome {
            Ok(report) => {
                if report.received > 0 {
                    r.ws.reload();
                }
                SyncStatus::Synced(js_sys::Date::now())
            }
            Err(SyncFailure::Sync(SyncError::Unreachable(_))) => {
                let waiting = match db().await {
                    Ok(db) => replica::waiting(&db).await.unwrap_or(0),
                    Err(_) => 0,
                };
                SyncStatus::Offline(waiting)
            }
            Err(e) => SyncStatus::Failed(lang.sync_failure(&e)),
        };
        if alive(&r) {
            r.state.0.set(status);
        }
        if !AGAIN.with(Cell::get) {
            break;
        }
    }
    BUSY.with(|b| b.set(false));
}

/// Waits for the server's changes and syncs each time; after a failure, tries again later.
async fn live(r: Rc<Runner>) {
    while alive(&r) {
        let db = match db().await {
            Ok(db) => db,
            Err(_) => return,
        };
        match replica::wait_for_change(&db, &r.couch, 25_000).await {
            Ok(true) => run_as(false).await,
            Ok(false) => {}
            Err(_) => pause(15_000).await,
        }
    }
}

async fn pause(ms: i32) {
    let (tx, rx) = futures_channel();
    browser::after_ms(ms, move || tx.set(true));
    rx.await;
}

/// A one-shot timer as a future.
fn futures_channel() -> (Rc<Cell<bool>>, Wait) {
    let flag = Rc::new(Cell::new(false));
    (flag.clone(), Wait(flag))
}

struct Wait(Rc<Cell<bool>>);

impl std::future::Future for Wait {
    type Output = ();
    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        if self.0.get() {
            return std::task::Poll::Ready(());
        }
        let waker = cx.waker().clone();
        browser::after_ms(200, move || waker.wake());
        std::task::Poll::Pending
    }
}

fn listen_for_online() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    use wasm_bindgen::JsCast;
    let on_online = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
        spawn_local(run());
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    }
    on_online.forget();
}

/// Sync now (Settings → Sync's button).
pub fn sync_now() {
    spawn_local(run());
}
