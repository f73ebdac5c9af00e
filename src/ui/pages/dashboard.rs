use leptos::prelude::*;

use super::{EmptyState, PageHeading};
use crate::i18n::Lang;

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <section class="page page-dashboard">
            <PageHeading title=Lang::nav_dashboard/>
            <EmptyState text=Lang::dashboard_empty/>
        </section>
    }
}
