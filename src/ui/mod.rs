//! Leptos components and pages: the thin top that calls `store` and `domain`.

pub mod backup_file;
pub mod browser;
pub mod chart;
mod components;
pub mod demo;
mod first_paint;
mod form;
pub mod format;
mod lock;
mod offline;
mod on_demand;
mod pages;
pub mod routes;
pub mod safekeeping;
mod shell;
pub mod sync_status;
#[doc(hidden)]
pub mod testing;
mod toast;
pub mod workspace;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::i18n::Lang;
use crate::store::settings;
use pages::{NotFoundPage, TodayPage};
use shell::Shell;

/// Starts the app in the page's `<body>`.
pub fn mount() {
    console_error_panic_hook_lite();
    leptos::mount::mount_to_body(App);
}

/// The language the UI speaks, shared by every component.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A catalogue text that follows the language. Every call returns the same closure type, so
/// hundreds of texts share one compiled `Render` implementation instead of one each (the
/// release wasm is much smaller for it).
pub fn tr(
    key: fn(Lang) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || key(lang.get())
}

/// The path the app is served under (see [`browser::app_base`]).
#[derive(Clone, Debug)]
pub struct AppBase(pub String);

pub fn use_base() -> String {
    expect_context::<AppBase>().0
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(settings::saved_lang().unwrap_or_else(|| {
        let tags = browser::preferred_languages();
        Lang::from_browser_tags(tags.iter().map(String::as_str))
    }));
    provide_context(lang);
    Effect::new(move |_| {
        let lang = lang.get();
        browser::set_html_lang(lang.bcp47());
    });

    let base = browser::app_base();
    provide_context(AppBase(base.clone()));
    provide_context(toast::Toaster::new());
    let ws = workspace::Workspace::new();
    provide_context(ws);
    let keep = safekeeping::Safekeeping::provide(ws);
    backup_file::BackupFile::provide(ws, keep);
    demo::Presenter::provide();
    let sync = sync_status::provide();
    // Sync (docs/sync.md) starts once the data is read, if it is on here; never in the demo.
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let ready = ws.status.get() == workspace::Status::Ready;
        if ready && sync_status::is_on() && !crate::store::settings::is_demo() {
            on_demand::start_sync(ws, sync);
        }
        ready
    });
    // Once the data is read, the pages after Today (see on_demand) are compiled when idle.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let ready = ws.status.get() == workspace::Status::Ready;
        if ready {
            on_demand::preload_when_idle();
        }
        ready
    });

    view! {
        <Router base=base>
            <Shell>
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=page(|| TodayPage().into_any())/>
                    <Route path=path!("/index.html") view=page(|| TodayPage().into_any())/>
                    <Route path=path!("/today") view=page(|| TodayPage().into_any())/>
                    <Route path=path!("/customers") view=page(on_demand::customers::view)/>
                    <Route path=path!("/customers/new") view=page(on_demand::new_customer::view)/>
                    <Route path=path!("/customers/review") view=page(on_demand::tier_review::view)/>
                    <Route path=path!("/customer") view=page(on_demand::customer::view)/>
                    <Route path=path!("/plan") view=page(on_demand::plan::view)/>
                    <Route path=path!("/todos") view=page(on_demand::todos::view)/>
                    <Route path=path!("/followup") view=page(on_demand::follow_up::view)/>
                    <Route path=path!("/brief") view=page(on_demand::brief::view)/>
                    <Route path=path!("/templates") view=page(on_demand::templates::view)/>
                    <Route path=path!("/pipeline") view=page(on_demand::pipeline::view)/>
                    <Route path=path!("/dashboard") view=page(on_demand::dashboard::view)/>
                    <Route path=path!("/settings") view=page(on_demand::settings::view)/>
                </Routes>
            </Shell>
        </Router>
    }
}

/// A page's view for the router. Every route then has the same view type, so the router's
/// matching and view-choosing code is compiled once instead of once per page. Every page but
/// Today is loaded on demand (`on_demand`).
type PageView = fn() -> AnyView;

fn page(view: PageView) -> PageView {
    view
}

/// Panics reach the console with their message instead of "unreachable executed".
fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
