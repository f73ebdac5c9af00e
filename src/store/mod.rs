//! Everything that touches browser storage: IndexedDB (records, through rexie) and
//! localStorage (small settings, through gloo-storage).

mod at_rest;
pub mod backup_clock;
pub mod backup_file;
pub mod crypto;
mod customers;
mod db;
pub mod drafts;
mod error;
mod followups;
mod migrate;
mod one_value;
pub mod replica;
pub mod schema;
mod session;
pub mod settings;
pub mod sync;

pub use at_rest::AtRest;
pub use customers::{Deleted, ImportRecord};
pub use db::{Db, Freshness, Loaded, Record};
pub use error::{Op, StoreError};
