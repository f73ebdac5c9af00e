use leptos::prelude::*;

use super::{EmptyState, PageHeading};
use crate::i18n::Lang;

#[component]
pub fn PlanPage() -> impl IntoView {
    view! {
        <section class="page page-plan">
            <PageHeading title=Lang::nav_plan/>
            <EmptyState text=Lang::plan_empty/>
        </section>
    }
}
