use leptos::prelude::*;

use super::{EmptyState, PageHeading};
use crate::i18n::Lang;
use crate::ui::use_lang;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="page page-settings">
            <PageHeading title=Lang::nav_settings/>
            <EmptyState text=Lang::settings_empty/>
            <p class="hint">{move || lang.get().settings_language_hint()}</p>
        </section>
    }
}
