use leptos::prelude::*;

use super::{EmptyState, PageHeading};
use crate::i18n::Lang;

#[component]
pub fn CustomersPage() -> impl IntoView {
    view! {
        <section class="page page-customers">
            <PageHeading title=Lang::nav_customers/>
            <EmptyState text=Lang::customers_empty/>
        </section>
    }
}
