use leptos::prelude::*;

use super::{EmptyState, PageHeading};
use crate::i18n::Lang;

#[component]
pub fn TodayPage() -> impl IntoView {
    view! {
        <section class="page page-today">
            <PageHeading title=Lang::nav_today/>
            <EmptyState text=Lang::today_empty/>
        </section>
    }
}
