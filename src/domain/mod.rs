//! The method itself, as pure Rust: no browser APIs, no Leptos, no clock.
//!
//! Every function that depends on the date takes `today: NaiveDate`, so each rule of the seeds
//! can be tested with fixed dates and the training demo can move time.

pub mod backup;
pub mod calendar;
pub mod csv_import;
pub mod customer;
pub mod figures;
pub mod money;
pub mod profile_form;
pub mod settings;
pub mod sorting;
pub mod text;
