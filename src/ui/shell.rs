//! The frame around every page: header with the language switch, navigation, main area.

use crate::ui::tr;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::demo::{use_presenter, DemoBanner, MethodPanel, Tour, TourBox};
use super::lock::LockBanner;
use super::offline::UpdatePrompt;
use super::routes::Page;
use super::toast::Toasts;
use super::workspace::{use_workspace, Status};
use super::{browser, use_base, use_lang};
use crate::i18n::Lang;
use crate::store::{settings, StoreError};

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    Tour::provide();
    focus_heading_on_navigation();
    let presenter = use_presenter();
    let in_demo = settings::is_demo();
    view! {
        // Handled here: `#main` alone resolves against the page's <base href>, i.e. to the
        // app's root, and would leave the page (and what was typed in it).
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            browser::focus_first("#main");
        }>{tr(Lang::skip_to_content)}</a>
        <div class="app" class:app-demo=in_demo class:app-presenter=move || presenter.0.get()>
            <header class="app-header">
                <div class="brand">
                    <span class="brand-mark" aria-hidden="true">"维"</span>
                    <span class="brand-name">{tr(Lang::app_name)}</span>
                </div>
                <super::sync_status::SyncIndicator/>
                <LangSwitch/>
            </header>
            {in_demo.then(|| view! { <DemoBanner/> })}
            <Nav/>
            <main id="main" class="app-main" tabindex="-1">
                <UpdatePrompt/>
                <StorageBanner/>
                <LockBanner/>
                {children()}
            </main>
            <Show when=move || presenter.0.get()>
                <MethodPanel/>
            </Show>
        </div>
        <TourBox/>
        <Toasts/>
    }
}

/// After a move to another page (not the first one drawn), keyboard focus goes to the new
/// page's heading, so the next Tab reaches its content instead of the navigation again. A
/// page loaded on demand draws its heading a moment later: tried again until it shows, and
/// never once the person has focused something inside the page.
fn focus_heading_on_navigation() {
    let location = use_location();
    // Which page and which record: a page that rewrites its own query (filters) is not a move.
    let place = Memo::new(move |_| {
        let id = location.query.with(|q| q.get("id"));
        (location.pathname.get(), id)
    });
    Effect::new(move |seen: Option<()>| {
        // Read, not only tracked: a memo nobody reads is never recomputed, so it would never
        // tell the effect the page changed.
        place.with(|_| ());
        if seen.is_some() {
            try_focus_heading(15);
        }
    });
}

fn try_focus_heading(tries_left: u32) {
    browser::after_paint(move || {
        // Until the new page has settled: the old page's heading may be the one found first
        // (then removed, leaving focus on the body), or the new one may not be drawn yet.
        if !browser::focus_within("#main") && browser::focus_is_idle() {
            browser::focus_first("#main h1");
        }
        if tries_left > 0 {
            browser::after_ms(100, move || try_focus_heading(tries_left - 1));
        }
    });
}

#[component]
fn Nav() -> impl IntoView {
    let lang = use_lang();
    let base = use_base();
    let location = use_location();
    let current = {
        let base = base.clone();
        Memo::new(move |_| Page::from_path(&location.pathname.get(), &base))
    };
    let links = Page::ALL
        .into_iter()
        .map(|page| {
            view! {
                <li>
                    <a
                        href=page.href(&base)
                        class=format!("nav-link nav-{}", page.slug())
                        aria-current=move || (current.get() == Some(page)).then_some("page")
                    >
                        {move || page.label(lang.get())}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="app-nav" aria-label=tr(Lang::main_navigation)>
            <ul>{links}</ul>
        </nav>
    }
}

/// Says so when the data cannot be read or written, instead of failing silently.
#[component]
fn StorageBanner() -> impl IntoView {
    let ws = use_workspace();
    let lang = use_lang();
    move || match ws.status.get() {
        Status::Outdated => Some(
            view! {
                <div class="notice notice-warn" role="alert">
                    <p>{move || lang.get().store_error(&StoreError::Outdated)}</p>
                    <button type="button" on:click=|_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                    }>{tr(Lang::reload)}</button>
                </div>
            }
            .into_any(),
        ),
        Status::Failed(err) => Some(
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{move || lang.get().store_error(&err)}</p>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    }
}

/// 中文 / English, as two toggle buttons so both names are always visible.
#[component]
fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let buttons = Lang::ALL
        .into_iter()
        .map(|option| {
            view! {
                <button
                    type="button"
                    lang=option.bcp47()
                    aria-pressed=move || if lang.get() == option { "true" } else { "false" }
                    on:click=move |_| {
                        lang.set(option);
                        settings::save_lang(option);
                    }
                >
                    {option.native_name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="lang-switch" role="group" aria-label=tr(Lang::language_switch)>
            {buttons}
        </div>
    }
}
