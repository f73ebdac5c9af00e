//! Pages whose code is fetched when they are first opened, so the first load carries only the
//! shell and Today (issue 17: the first load was 780 KB gzip).
//!
//! Each page below is a split point: the release build's post-build step
//! (scripts/split-wasm.sh) moves the code only it reaches into its own wasm module. Opening the
//! page fetches that module once; later visits render at once from [`Loaded`]. A fetch that
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

use super::pages;
use super::{tr, PageView};
use crate::i18n::Lang;

/// A page's module could not be fetched; the loader has logged the browser's reason.
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

type Load = fn() -> Pin<Box<dyn Future<Output = Result<PageView, NotLoaded>>>>;
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
/// 135 files (93 requests to open a profile); four make a few dozen.
macro_rules! on_demand {
    ($($route:ident => $module:ident : $page:ident),* $(,)?) => {$(
        pub fn $route() -> AnyView {
            #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $route() -> Result<PageView, NotLoaded> {
                Ok(|| pages::$page().into_any())
            }
            thread_local!(static LOADED: Cell<Option<PageView>> = const { Cell::new(None) });
            page_on_demand(&LOADED, || Box::pin($route()))
        }
    )*};
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

fn page_on_demand(loaded: &'static Loaded, load: Load) -> AnyView {
    if let Some(view) = loaded.get() {
        return view();
    }
    let state = RwSignal::new(State::Loading);
    let attempt = move || {
        state.set(State::Loading);
        spawn_local(async move {
            let outcome = load().await;
            if let Ok(view) = outcome {
                loaded.set(Some(view));
            }
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
