//! Pages whose code is fetched when they are first opened, so the first load carries only the
//! shell and Today (issue 17: the first load was 780 KB gzip).
//!
//! Each page below is a split point: the release build's post-build step
//! (scripts/split-wasm.sh) moves the code only it reaches into its own wasm module. Opening the
//! page fetches that module once; later visits render at once from [`Loaded`]. Returning
//! visits, served by the offline worker, compile every module once the browser is idle. A fetch that
//! fails (no network before the offline worker has cached the modules, or the load cut short
//! by leaving the page) is an error the page shows with a retry, never a panic: Leptos's own
//! `lazy_route` panics there and the panic stops the whole app.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::thread::LocalKey;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::{browser, pages};
use super::{tr, PageView};
use crate::i18n::Lang;

/// A page's module could not be fetched; the loader has logged the browser's reason.
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

type LoadFuture = Pin<Box<dyn Future<Output = Result<PageView, NotLoaded>>>>;
type Load = fn() -> LoadFuture;
/// A page's view once its module is in; kept for the rest of the session.
type Loaded = LocalKey<Cell<Option<PageView>>>;

#[derive(Clone, Copy)]
enum State {
    Loading,
    Ready(PageView),
    Failed,
}

/// One page loaded on demand: `$page` is only reached through the split point `$route` in
/// module `$module`. Pages that share most of their code share a module: every distinct set of
/// modules that shares a function becomes one more file to fetch, and twelve modules made
/// 135 files (93 requests to open a profile); four make 15.
macro_rules! on_demand {
    ($($route:ident => $module:ident : $page:ident),* $(,)?) => {
        $(pub mod $route {
            use super::*;

            #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $route() -> Result<PageView, NotLoaded> {
                Ok(|| pages::$page().into_any())
            }

            thread_local!(pub(super) static LOADED: Cell<Option<PageView>> = const { Cell::new(None) });

            pub(super) fn load() -> LoadFuture {
                Box::pin($route())
            }

            pub fn view() -> AnyView {
                page_on_demand(&LOADED, load)
            }
        })*

        /// Every page, in the order they are preloaded.
        const PAGES: &[(&Loaded, Load)] = &[$((&$route::LOADED, $route::load)),*];
    };
}

on_demand! {
    // The customers, a profile and what is opened from it.
    customers => people: CustomersPage,
    customer => people: CustomerPage,
    new_customer => people: NewCustomerPage,
    tier_review => people: TierReviewPage,
    follow_up => people: FollowUpPage,
    brief => people: BriefPage,
    // The schedule and the stages.
    plan => work: PlanPage,
    todos => work: TodosPage,
    pipeline => work: PipelinePage,
    dashboard => figures: DashboardPage,
    // Settings, backups and imports, and the message templates.
    settings => setup: SettingsPage,
    templates => setup: TemplatesPage,
}

/// Sync's runner lives with Settings (the `setup` module): fetched only where sync is on.
#[wasm_split(setup, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sync_runner() -> Result<super::workspace::replication::Start, NotLoaded> {
    Ok(super::workspace::replication::start)
}

/// Starts sync in this tab (the module is fetched first).
pub fn start_sync(ws: super::workspace::Workspace, state: super::sync_status::SyncState) {
    spawn_local(async move {
        match sync_runner().await {
            Ok(start) => start(ws, state),
            Err(NotLoaded) => state
                .0
                .set(super::sync_status::SyncStatus::Failed(String::new())),
        }
    });
}

/// A page's view, from memory or fetched.
async fn fetch(loaded: &'static Loaded, load: Load) -> Result<PageView, NotLoaded> {
    if let Some(view) = loaded.get() {
        return Ok(view);
    }
    let view = load().await?;
    loaded.set(Some(view));
    Ok(view)
}

/// When the app is served by the offline worker, every page's module is already on this
/// device: compiling them once the browser is idle makes the first visit of each page as quick
/// as the next. A first visit does not preload (the worker is fetching the same files then).
pub fn preload_when_idle() {
    if !browser::served_by_offline_worker() {
        return;
    }
    request_idle_callback(|| {
        spawn_local(async {
            for (loaded, load) in PAGES {
                // A failure is shown, with a retry, only if the page is opened.
                if fetch(loaded, *load).await.is_err() {
                    break;
                }
            }
        })
    });
}

fn page_on_demand(loaded: &'static Loaded, load: Load) -> AnyView {
    if let Some(view) = loaded.get() {
        return view();
    }
    let state = RwSignal::new(State::Loading);
    let attempt = move || {
        state.set(State::Loading);
        spawn_local(async move {
            let outcome = fetch(loaded, load).await;
            // The page may have been left meanwhile: then nobody is waiting for it.
            state.try_set(outcome.map_or(State::Failed, State::Ready));
        });
    };
    attempt();
    (move || match state.get() {
        // The page's own reads must not make this wrapper rebuild it.
        State::Ready(view) => untrack(view),
        State::Loading => view! {
            <section class="page page-loading" aria-busy="true">
                <p class="hint">{tr(Lang::page_loading)}</p>
            </section>
        }
        .into_any(),
        State::Failed => view! {
            <section class="page page-load-failed">
                <div class="card" role="alert">
                    <p>{tr(Lang::page_load_failed)}</p>
                    <button type="button" class="primary" on:click=move |_| attempt()>
                        {tr(Lang::page_load_retry)}
                    </button>
                </div>
            </section>
        }
        .into_any(),
    })
    .into_any()
}
