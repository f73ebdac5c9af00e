//! The dashboard's KPIs (METHOD.md §7; seeds 002, 003).

pub mod history;
pub mod period;

pub use period::Period;
