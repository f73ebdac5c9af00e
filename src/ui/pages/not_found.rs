use leptos::prelude::*;

use super::PageHeading;
use crate::i18n::Lang;
use crate::ui::routes::Page;
use crate::ui::{use_base, use_lang};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = use_lang();
    let home = Page::Today.href(&use_base());
    view! {
        <section class="page page-not-found">
            <PageHeading title=Lang::not_found_title/>
            <p>{move || lang.get().not_found_body()}</p>
            <p><a href=home>{move || lang.get().not_found_back()}</a></p>
        </section>
    }
}
