use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::customer_form::ProfileForm;
use super::PageHeading;
use crate::domain::customer::Customer;
use crate::i18n::Lang;
use crate::ui::routes::{customer_href, Page};
use crate::ui::use_base;

#[component]
pub fn NewCustomerPage() -> impl IntoView {
    let base = use_base();
    let navigate = use_navigate();
    let to_list = use_navigate();
    let list = Page::Customers.href(&base);
    view! {
        <section class="page page-customer-new">
            <PageHeading title=Lang::customers_new/>
            <ProfileForm
                base=Customer::default()
                on_saved=Callback::new(move |saved: Customer| navigate(&customer_href(&base, &saved.id), Default::default()))
                on_cancel=Callback::new(move |_| to_list(&list, Default::default()))
            />
        </section>
    }
}
