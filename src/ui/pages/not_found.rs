use crate::ui::tr;
use leptos::prelude::*;

use crate::i18n::Lang;
use crate::ui::components::PageHeading;
use crate::ui::routes::Page;
use crate::ui::use_base;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let home = Page::Today.href(&use_base());
    view! {
        <section class="page page-not-found">
            <PageHeading title=Lang::not_found_title/>
            <p>{tr(Lang::not_found_body)}</p>
            <p><a href=home>{tr(Lang::not_found_back)}</a></p>
        </section>
    }
}
