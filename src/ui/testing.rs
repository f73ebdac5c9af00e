//! A real page mounted in a test (`tests/ui_web.rs`): the page with the contexts the app gives
//! it, on a workspace showing a small data set in memory. The app never calls this (so it adds
//! nothing to the build); the on-demand split is bypassed, as a test build is not split.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::Router;

use super::workspace::Workspace;
use super::{backup_file, demo, pages, safekeeping, toast, AppBase};
use crate::i18n::Lang;
use crate::store::Loaded;

/// The pages a test can mount.
#[derive(Clone, Copy, Debug)]
pub enum TestPage {
    Today,
    Customers,
}

/// Mounts `page` in `parent`, speaking `lang`, on `data` as of `today`; it stays mounted.
pub fn mount_page(
    parent: web_sys::HtmlElement,
    page: TestPage,
    lang: Lang,
    data: Loaded,
    today: NaiveDate,
) {
    leptos::mount::mount_to(parent, move || {
        provide_context(RwSignal::new(lang));
        provide_context(AppBase(String::new()));
        provide_context(toast::Toaster::new());
        let ws = Workspace::showing(data, today);
        provide_context(ws);
        let keep = safekeeping::Safekeeping::provide(ws);
        backup_file::BackupFile::provide(ws, keep);
        demo::Presenter::provide();
        let page = match page {
            TestPage::Today => view! { <pages::TodayPage/> }.into_any(),
            TestPage::Customers => view! { <pages::CustomersPage/> }.into_any(),
        };
        view! { <Router>{page}</Router> }
    })
    .forget();
}
