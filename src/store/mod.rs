//! Everything that touches browser storage: IndexedDB (records, through rexie) and
//! localStorage (small settings, through gloo-storage).

pub mod backup_clock;
pub mod backup_file;
mod customers;
mod db;
mod error;
mod followups;
mod migrate;
pub mod schema;
pub mod settings;
pub mod sync;

pub use customers::Deleted;
pub use db::{Db, Freshness, Loaded, Record};
pub use error::{Op, StoreError};
