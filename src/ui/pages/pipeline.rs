use leptos::prelude::*;

use super::{EmptyState, PageHeading};
use crate::i18n::Lang;

#[component]
pub fn PipelinePage() -> impl IntoView {
    view! {
        <section class="page page-pipeline">
            <PageHeading title=Lang::nav_pipeline/>
            <EmptyState text=Lang::pipeline_empty/>
        </section>
    }
}
