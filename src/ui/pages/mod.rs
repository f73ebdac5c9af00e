//! One module per page of the navigation.

mod backup_reminder;
mod brief;
mod cadence_settings;
mod customer;
mod customer_followups;
mod customer_form;
mod customer_lifecycle;
mod customer_new;
mod customer_summary;
mod customers;
mod dashboard;
mod dashboard_targets;
mod encryption;
mod followup;
mod import;
mod not_found;
mod pipeline;
mod plan;
mod profile_drafts;
mod safekeeping_settings;
mod settings;
mod stage_names;
mod templates;
mod tier_review;
mod tiering;
mod tiering_settings;
mod today;
mod todos;

pub use brief::BriefPage;
pub use customer::CustomerPage;
pub use customer_new::NewCustomerPage;
pub use customers::CustomersPage;
pub use dashboard::DashboardPage;
pub use followup::FollowUpPage;
pub use not_found::NotFoundPage;
pub use pipeline::{stage_label, PipelinePage};
pub use plan::PlanPage;
pub use settings::{export_text, SettingsPage};
pub use templates::TemplatesPage;
pub use tier_review::TierReviewPage;
pub use today::TodayPage;
pub use todos::TodosPage;

use leptos::prelude::*;

use super::{browser, use_lang};
use crate::i18n::Lang;

/// Keeps the browser tab's title on the page's name, in the current language.
pub fn use_page_title(title: fn(Lang) -> &'static str) {
    let lang = use_lang();
    Effect::new(move |_| {
        let lang = lang.get();
        browser::set_title(&lang.page_title(title(lang)));
    });
}

/// A page's heading, which also names the browser tab.
#[component]
pub fn PageHeading(title: fn(Lang) -> &'static str) -> impl IntoView {
    let lang = use_lang();
    use_page_title(title);
    view! { <h1 class="page-title">{move || title(lang.get())}</h1> }
}

/// What a page shows before it has anything to show: what will appear here, and why.
#[component]
pub fn EmptyState(text: fn(Lang) -> &'static str) -> impl IntoView {
    let lang = use_lang();
    view! { <p class="empty-state">{move || text(lang.get())}</p> }
}

/// How many entries a long list on a profile shows before "show all": the latest few.
pub const LATEST: usize = 5;

/// "Show more (9,950)" under a long list drawn a page at a time: each click draws `step` more
/// (10,000 rows at once would take seconds).
#[component]
pub fn ShowMore(
    #[prop(into)] total: Signal<usize>,
    shown: RwSignal<usize>,
    step: usize,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show when=move || { total.get() > shown.get() }>
            <button type="button" class="show-more" on:click=move |_| shown.update(|v| *v += step)>
                {move || format!("{} ({})", lang.get().show_more(), total.get().saturating_sub(shown.get()))}
            </button>
        </Show>
    }
}

/// "Show all (60)" under a list cut to its latest few; the rest is drawn only when asked for.
#[component]
pub fn ShowAll(#[prop(into)] total: Signal<usize>, shown: RwSignal<usize>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show when=move || { total.get() > shown.get() }>
            <button type="button" class="show-more" on:click=move |_| shown.set(usize::MAX)>
                {move || lang.get().show_all(total.get())}
            </button>
        </Show>
    }
}
