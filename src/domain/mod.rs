//! The method itself, as pure Rust: no browser APIs, no Leptos, no clock.
//!
//! Every function that depends on the date takes `today: NaiveDate`, so each rule of the seeds
//! can be tested with fixed dates and the training demo can move time.

pub mod backup;
pub mod backup_reminder;
pub mod cadence;
pub mod calendar;
pub mod churn;
pub mod closed_loop;
pub mod csv_import;
pub mod demo;
pub mod envelope;
pub mod figures;
pub mod followup_form;
pub mod ics;
pub mod kpi;
pub mod lifecycle;
pub mod money;
pub mod profile_form;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props_runner;
pub mod records;
pub mod settings;
pub mod sorting;
pub mod stable;
pub mod sync;
pub mod templates;
pub mod text;
pub mod tiering;
pub mod time_node;
pub mod warning;
pub mod winback;
