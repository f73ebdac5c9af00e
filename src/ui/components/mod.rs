//! What several pages share. A page imports components, the workspace, the domain and the
//! catalogue, never another page; a component never imports a page.

pub mod authors;
pub mod backup_reminder;
pub mod keyed;
pub mod page;
pub mod profile_drafts;
pub mod profile_form;
pub mod stage;
pub mod tier;
pub mod todo_line;

pub use page::{use_page_title, EmptyState, PageHeading, ShowAll, ShowMore, LATEST};
