//! 客户维护 — a browser-only CRM that turns the customer-relationship maintenance method
//! (客户关系维护, see `../shared/METHOD.md`) into a working tool.
//!
//! Three layers, one direction: [`ui`] calls [`store`] and [`domain`]; [`domain`] calls nothing
//! and never reads the clock (it is handed `today`). [`i18n`] is the one catalogue of user-facing
//! text, shared by the layers above the domain.

// The size rules in clippy.toml hold for the app; tests may sort and (de)serialise freely.
#![cfg_attr(test, allow(clippy::disallowed_methods))]

pub mod domain;
pub mod i18n;
pub mod store;
pub mod ui;
