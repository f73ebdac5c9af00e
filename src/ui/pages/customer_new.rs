use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::domain::records::Customer;
use crate::i18n::Lang;
use crate::ui::components::profile_form::ProfileForm;
use crate::ui::components::PageHeading;
use crate::ui::routes::{customer_path, Page};

#[component]
pub fn NewCustomerPage() -> impl IntoView {
    let navigate = use_navigate();
    let to_list = use_navigate();
    let list = Page::Customers.path();
    view! {
        <section class="page page-customer-new">
            <PageHeading title=Lang::customers_new/>
            <ProfileForm
                base=Customer::default()
                on_saved=Callback::new(move |saved: Customer| navigate(&customer_path(&saved.id), Default::default()))
                on_cancel=Callback::new(move |_| to_list(&list, Default::default()))
            />
        </section>
    }
}
