//! Training mode: the demo workspace's banner (leave, reset, time travel), the presenter view
//! and the guided tour. The demo has its own database; real data never time-travels.

mod method;
mod tour;

use leptos::prelude::*;

use crate::domain::calendar::add_months;
use crate::i18n::Lang;
use crate::store::settings;
use crate::ui::toast::use_toaster;
use crate::ui::workspace::{use_workspace, Status};
use crate::ui::{browser, format, tr, use_base, use_lang};

pub use method::MethodPanel;
pub use tour::{Tour, TourBox};

/// Whether the presenter view is on (large type, high contrast, the method beside each page).
#[derive(Clone, Copy)]
pub struct Presenter(pub RwSignal<bool>);

impl Presenter {
    pub fn provide() {
        let on = RwSignal::new(settings::presenter());
        Effect::new(move |_| browser::set_root_class("presenter", on.get()));
        provide_context(Presenter(on));
    }

    pub fn toggle(self) {
        let on = !self.0.get_untracked();
        settings::set_presenter(on);
        self.0.set(on);
    }
}

pub fn use_presenter() -> Presenter {
    expect_context()
}

/// Opens the demo workspace (a fresh copy of its data) in place of the user's.
fn enter_demo(base: &str) {
    settings::set_demo(true);
    browser::go_to(&format!("{base}/today/"));
}

fn leave_demo(base: &str) {
    settings::set_demo(false);
    browser::go_to(&format!("{base}/today/"));
}

/// The banner on every page of the demo: what this is, its date and the way out.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let base = use_base();
    let toaster = use_toaster();
    let presenter = use_presenter();
    let tour = Tour::use_tour();
    let travel = move |step: fn(chrono::NaiveDate) -> chrono::NaiveDate| {
        move |_| ws.travel_to(step(ws.today.get_untracked()))
    };
    // Until the data is in: a jump made while the demo is first written would be undone when
    // the write lands (it starts at the real today), and would keep no tiers to come back to.
    let loading = move || ws.status.get() != Status::Ready;
    let time_button =
        move |label: fn(Lang) -> &'static str,
              class: &'static str,
              step: fn(chrono::NaiveDate) -> chrono::NaiveDate| {
            view! {
                <button type="button" class=class disabled=loading on:click=travel(step)>
                    {tr(label)}
                </button>
            }
        };
    let shift = move || (ws.today.get() - browser::today()).num_days();
    view! {
        <div class="demo-banner" role="region" aria-label=tr(Lang::demo_banner_title)>
            <p class="demo-what">
                <strong>{tr(Lang::demo_banner_title)}</strong>" "
                <span class="demo-note">{tr(Lang::demo_banner_note)}</span>
            </p>
            <div class="demo-time" role="group" aria-label=tr(Lang::demo_time_travel)>
                {time_button(Lang::demo_back_month, "time-back-month", |d| add_months(d, -1))}
                {time_button(Lang::demo_back_week, "time-back-week", |d| d - chrono::Duration::days(7))}
                {time_button(Lang::demo_back_day, "time-back-day", |d| d - chrono::Duration::days(1))}
                <output class="demo-date" aria-live="polite">
                    {move || format::date(ws.today.get())}
                    <span class="demo-shift">{move || lang.get().demo_shift(shift())}</span>
                </output>
                {time_button(Lang::demo_forward_day, "time-forward-day", |d| d + chrono::Duration::days(1))}
                {time_button(Lang::demo_forward_week, "time-forward-week", |d| d + chrono::Duration::days(7))}
                {time_button(Lang::demo_forward_month, "time-forward-month", |d| add_months(d, 1))}
                // Always there (disabled at the real today): a button appearing after the
                // first jump would move the others under the presenter's pointer.
                <button type="button" class="time-today" disabled=move || loading() || shift() == 0
                    on:click=move |_| ws.travel_to(browser::today())>
                    {tr(Lang::demo_real_today)}
                </button>
            </div>
            <div class="demo-actions">
                <button type="button" class="presenter-toggle"
                    aria-pressed=move || if presenter.0.get() { "true" } else { "false" }
                    on:click=move |_| presenter.toggle()>
                    {tr(Lang::presenter_view)}
                </button>
                <button type="button" class="tour-start" on:click=move |_| tour.go(0)>{tr(Lang::tour_start)}</button>
                <button type="button" class="demo-reset" disabled=move || ws.status.get() == Status::Loading
                    on:click=move |_| {
                        ws.reset_demo();
                        toaster.info(lang.get_untracked().demo_reset_done());
                    }>
                    {tr(Lang::demo_reset)}
                </button>
                <button type="button" class="demo-leave primary" on:click=move |_| leave_demo(&base)>
                    {tr(Lang::demo_leave)}
                </button>
            </div>
        </div>
    }
}

/// Settings → Training mode: open the demo (or leave it) and switch the presenter view.
#[component]
pub fn TrainingSection() -> impl IntoView {
    let base = use_base();
    let presenter = use_presenter();
    let in_demo = settings::is_demo();
    view! {
        <section class="card" aria-labelledby="training-title" id="training">
            <h2 id="training-title">{tr(Lang::training_title)}</h2>
            <p class="hint">{tr(Lang::training_hint)}</p>
            <div class="field field-check">
                <input id="presenter-view" type="checkbox" prop:checked=move || presenter.0.get()
                    on:change=move |_| presenter.toggle()/>
                <label for="presenter-view">{tr(Lang::presenter_view)}</label>
            </div>
            <p class="hint">{tr(Lang::presenter_hint)}</p>
            {if in_demo {
                view! {
                    <button type="button" on:click=move |_| leave_demo(&base)>{tr(Lang::demo_leave)}</button>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="primary demo-enter" on:click=move |_| enter_demo(&base)>
                        {tr(Lang::training_enter)}
                    </button>
                }.into_any()
            }}
        </section>
    }
}

/// On an empty Today: the way into the demo, for a first look at the method.
#[component]
pub fn TryDemo() -> impl IntoView {
    let ws = use_workspace();
    let base = use_base();
    let show = move || {
        !settings::is_demo() && ws.status.get() == Status::Ready && ws.customers.with(Vec::is_empty)
    };
    view! {
        <Show when=show>
            <div class="card try-demo">
                <p>{tr(Lang::today_try_demo)}</p>
                <a class="button" href=format!("{base}/customers/new/")>{tr(Lang::customers_new)}</a>
                <button type="button" class="primary demo-enter" on:click={
                    let base = base.clone();
                    move |_| enter_demo(&base)
                }>{tr(Lang::training_enter)}</button>
            </div>
        </Show>
    }
}
