//! The guided tour: tiering → cadence → Today → follow-up → lifecycle → churn → dashboard,
//! one page per step, with next / back. Runs in the demo (its steps open demo customers).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::i18n::Lang;
use crate::store::settings;
use crate::ui::routes::customer_path;
use crate::ui::{browser, tr, use_lang};

struct Step {
    title: fn(Lang) -> &'static str,
    text: fn(Lang) -> &'static str,
    path: fn() -> String,
    /// What the step describes on its page: highlighted and scrolled to the top of the view,
    /// so the card (at the bottom) never covers it.
    target: &'static str,
}

const STEPS: [Step; 7] = [
    Step {
        title: Lang::tour_tiering_title,
        text: Lang::tour_tiering_text,
        path: || customer_path("demo-tech"),
        target: ".tier-card",
    },
    Step {
        title: Lang::tour_cadence_title,
        text: Lang::tour_cadence_text,
        path: || "/plan/".into(),
        target: ".card.month",
    },
    Step {
        title: Lang::tour_today_title,
        text: Lang::tour_today_text,
        path: || "/today/".into(),
        target: ".due-list",
    },
    Step {
        title: Lang::tour_followup_title,
        text: Lang::tour_followup_text,
        path: || "/followup/?customer=demo-tech".into(),
        target: "form.profile-form",
    },
    Step {
        title: Lang::tour_lifecycle_title,
        text: Lang::tour_lifecycle_text,
        path: || "/pipeline/".into(),
        target: ".board",
    },
    Step {
        title: Lang::tour_churn_title,
        text: Lang::tour_churn_text,
        path: || customer_path("demo-c01"),
        target: "section[aria-labelledby=\"health-title\"]",
    },
    Step {
        title: Lang::tour_dashboard_title,
        text: Lang::tour_dashboard_text,
        path: || "/dashboard/".into(),
        target: ".kpi-grid",
    },
];

type Navigate = std::rc::Rc<dyn Fn(&str)>;

/// The running tour's step (kept for the tab's session, so a reload stays on it).
#[derive(Clone, Copy)]
pub struct Tour(
    RwSignal<Option<usize>>,
    StoredValue<Navigate, leptos::prelude::LocalStorage>,
);

impl Tour {
    /// Called inside the router (the tour moves between pages).
    pub fn provide() {
        let step = settings::tour_step().filter(|s| *s < STEPS.len() && settings::is_demo());
        let navigate = use_navigate();
        let navigate: Navigate =
            std::rc::Rc::new(move |path: &str| navigate(path, NavigateOptions::default()));
        provide_context(Tour(RwSignal::new(step), StoredValue::new_local(navigate)));
    }

    pub fn use_tour() -> Tour {
        expect_context()
    }

    /// Opens step `n`'s page.
    pub fn go(self, n: usize) {
        let Some(step) = STEPS.get(n) else {
            return;
        };
        settings::set_tour_step(Some(n));
        self.0.set(Some(n));
        let navigate = self.1.get_value();
        navigate(&(step.path)());
    }

    pub fn close(self) {
        settings::set_tour_step(None);
        self.0.set(None);
        browser::mark_only(TARGET_CLASS, None);
    }
}

/// The class of the element a tour step describes.
const TARGET_CLASS: &str = "tour-target";

fn mark_target(selector: &'static str, tries_left: u32) {
    browser::after_paint(move || {
        if !browser::mark_only(TARGET_CLASS, Some(selector)) && tries_left > 0 {
            browser::after_ms(100, move || mark_target(selector, tries_left - 1));
        }
    });
}

/// The tour's card: where we are, what to show here, back / next.
#[component]
pub fn TourBox() -> impl IntoView {
    let lang = use_lang();
    let tour = Tour::use_tour();
    // Escape ends the tour from anywhere on the page, as the × button does.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && tour.0.get_untracked().is_some() {
            tour.close();
        }
    });
    on_cleanup(move || keys.remove());
    // Each step's subject is marked once its page has drawn it (a page loaded on demand
    // draws it a moment later).
    Effect::new(move |_| {
        if let Some(step) = tour.0.get().and_then(|n| STEPS.get(n)) {
            mark_target(step.target, 30);
        }
    });
    move || {
        let n = tour.0.get()?;
        let step = STEPS.get(n)?;
        let last = n + 1 == STEPS.len();
        Some(view! {
            <aside class="tour-box" aria-labelledby="tour-title" aria-live="polite">
                <p class="tour-count">{move || lang.get().tour_step_of(n + 1, STEPS.len())}</p>
                <h2 id="tour-title">{tr(step.title)}</h2>
                <p>{tr(step.text)}</p>
                <div class="tour-actions">
                    <button type="button" class="tour-back" disabled=n == 0 on:click=move |_| tour.go(n.saturating_sub(1))>
                        {tr(Lang::tour_back)}
                    </button>
                    {if last {
                        view! { <button type="button" class="primary tour-finish" on:click=move |_| tour.close()>{tr(Lang::tour_finish)}</button> }.into_any()
                    } else {
                        view! { <button type="button" class="primary tour-next" on:click=move |_| tour.go(n + 1)>{tr(Lang::tour_next)}</button> }.into_any()
                    }}
                    <button type="button" class="tour-close" aria-label=tr(Lang::tour_close) on:click=move |_| tour.close()>"×"</button>
                </div>
            </aside>
        })
    }
}
