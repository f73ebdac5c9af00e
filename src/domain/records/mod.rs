//! The ground floor: the records the app stores and exports, and the enums they are made of.
//! Nothing here imports a rule module (tiering, cadence, churn, lifecycle, kpi, backup, …);
//! the rules import these. Only the small helpers below the records (dates in `calendar`,
//! amounts in `money`, stored names in `stable`) are used here.
//!
//! A stored or exported shape never changes without a migration tested on data written the
//! old way (see `backup` and `store::schema`).

pub mod customer;
pub mod followup;
pub mod kinds;
pub mod lang;
pub mod lifecycle;
pub mod sealed;
pub mod tier;
pub mod winback;

pub use customer::*;
pub use followup::*;
pub use kinds::*;
pub use lang::*;
pub use lifecycle::*;
pub use sealed::*;
pub use tier::*;
pub use winback::*;
