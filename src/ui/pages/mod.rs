//! One module per page; a page's own parts are its submodules (`customer/`, `settings/`,
//! `dashboard/`). A page never imports another page: what pages share is in `ui::components`.

mod brief;
mod customer;
mod customer_new;
mod customers;
mod dashboard;
mod followup;
mod not_found;
mod pipeline;
mod plan;
mod settings;
mod templates;
mod tier_review;
mod today;
mod todos;

pub use brief::BriefPage;
pub use customer::CustomerPage;
pub use customer_new::NewCustomerPage;
pub use customers::CustomersPage;
pub use dashboard::DashboardPage;
pub use followup::FollowUpPage;
pub use not_found::NotFoundPage;
pub use pipeline::PipelinePage;
pub use plan::PlanPage;
pub use settings::SettingsPage;
pub use templates::TemplatesPage;
pub use tier_review::TierReviewPage;
pub use today::TodayPage;
pub use todos::TodosPage;
