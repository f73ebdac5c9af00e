//! Sync through CouchDB's replication protocol, end-to-end encrypted (docs/sync.md): the rules
//! as pure Rust. `hlc` stamps each change, `version` splits a record into fields, `merge`
//! makes two versions one, `payload` is what a document's ciphertext holds, and `replicator`
//! runs the protocol against any [`replicator::Server`] and [`replicator::Device`], so it is
//! tested here with an in-memory server (`fake`) and in the browser with a real one.

pub mod hlc;
pub mod merge;
pub mod notes;
pub mod payload;
pub mod replicator;
pub mod version;

#[cfg(test)]
mod fake;
#[cfg(test)]
mod tests;
