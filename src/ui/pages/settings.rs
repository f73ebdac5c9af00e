use crate::ui::tr;
use leptos::prelude::*;

use super::{EmptyState, PageHeading};
use crate::i18n::Lang;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <section class="page page-settings">
            <PageHeading title=Lang::nav_settings/>
            <EmptyState text=Lang::settings_empty/>
            <p class="hint">{tr(Lang::settings_language_hint)}</p>
        </section>
    }
}
