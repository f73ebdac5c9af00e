//! What the server holds. A document is `{_id, _rev, v, kid, ct}`: an opaque id, the
//! revision, the format version, which key sealed it and the ciphertext — nothing else. The
//! ciphertext holds a [`Payload`]: the record, each field's stamp and whether it was deleted.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::hlc::Stamp;
use super::version::{join, split, Path, Version};

/// The format of documents and payloads this version writes.
pub const FORMAT: u32 = 1;

/// The key-check document's id: it holds the key derivation's salt and a known text sealed
/// with the key, so a device with another passphrase is refused before reading anything.
pub const KEY_DOC: &str = "kehu-key";
/// The text sealed in the key-check document.
pub const KEY_CHECK_TEXT: &str = "kehu-weihu sync key check v1";

/// A record inside a document's ciphertext.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Payload {
    pub v: u32,
    /// `kind:id` (`customer:…`, `followup:…`, `plan:…`, `todo:…`, `settings:settings`).
    pub key: String,
    pub record: Value,
    pub stamps: BTreeMap<Path, Stamp>,
    #[serde(default)]
    pub deleted: bool,
    /// Who made this version (the name given in Settings → Sync), for a team.
    #[serde(default)]
    pub by: String,
}

impl Payload {
    pub fn kind(&self) -> &str {
        kind_of(&self.key)
    }

    pub fn version(&self) -> Version {
        Version {
            fields: split(self.kind(), &self.record),
            stamps: self.stamps.clone(),
            deleted: self.deleted,
        }
    }

    pub fn from_version(key: &str, version: &Version, by: &str) -> Payload {
        Payload {
            v: FORMAT,
            key: key.to_string(),
            record: join(kind_of(key), &version.fields),
            stamps: version.stamps.clone(),
            deleted: version.deleted,
            by: by.to_string(),
        }
    }
}

/// The kind part of a record key.
pub fn kind_of(key: &str) -> &str {
    key.split_once(':').map_or(key, |(kind, _)| kind)
}

/// What the engine keeps beside each record on a device: its document, the revision it last
/// saw, each field's stamp and digest, and what this version of the app cannot store.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tracked {
    pub key: String,
    pub doc: String,
    /// The server revision this record last matched (none: never sent or received).
    pub rev: Option<String>,
    pub stamps: BTreeMap<Path, Stamp>,
    /// A keyed digest of each field as last synced: a field whose digest changed was edited.
    pub digests: BTreeMap<Path, u64>,
    /// Fields (or a whole record of a kind) this version does not know, from a newer app:
    /// kept and sent on unchanged.
    pub extra: BTreeMap<Path, Value>,
    pub deleted: bool,
    /// A merged version waits to be sent.
    pub pending: bool,
    /// Conflicting revisions to delete when the merged version is sent.
    pub losers: Vec<String>,
    /// Values a merge set aside, newest last (the profile shows them).
    pub overwritten: Vec<super::merge::Overwrite>,
    /// Who made the version last received.
    pub by: String,
}

/// The body of a document as sent: id, revision and its parent, format, key id, ciphertext.
pub fn document(
    doc: &str,
    rev: &str,
    parent: Option<&str>,
    kid: &str,
    ct: &str,
    deleted: bool,
) -> Value {
    let mut body = serde_json::json!({
        "_id": doc,
        "_rev": rev,
        "_revisions": revisions(rev, parent),
        "v": FORMAT,
        "kid": kid,
        "ct": ct,
    });
    if deleted {
        body["_deleted"] = Value::Bool(true);
    }
    body
}

/// A deletion of a conflicting revision (no content).
pub fn removal(doc: &str, rev: &str, parent: &str) -> Value {
    serde_json::json!({
        "_id": doc,
        "_rev": rev,
        "_revisions": revisions(rev, Some(parent)),
        "_deleted": true,
    })
}

fn revisions(rev: &str, parent: Option<&str>) -> Value {
    let (start, id) = split_rev(rev).unwrap_or((1, rev));
    let mut ids = vec![Value::from(id)];
    if let Some((_, parent_id)) = parent.and_then(split_rev) {
        ids.push(parent_id.into());
    }
    serde_json::json!({"start": start, "ids": ids})
}

/// A revision's generation and hash (`3-abc…`).
pub fn split_rev(rev: &str) -> Option<(u64, &str)> {
    let (n, hash) = rev.split_once('-')?;
    Some((n.parse().ok()?, hash))
}

/// The generation of the revision after `parent`.
pub fn next_generation(parent: Option<&str>) -> u64 {
    parent.and_then(split_rev).map_or(1, |(n, _)| n + 1)
}

/// CouchDB's winning revision among leaves: a live one before a deleted one, then the higher
/// generation, then the larger hash — so every device and the server agree.
pub fn winner<'a>(leaves: impl Iterator<Item = (&'a str, bool)>) -> Option<&'a str> {
    leaves
        .max_by(|(ra, da), (rb, db)| {
            let key = |r: &'a str, d: bool| (!d, split_rev(r).map_or((0, ""), |(n, h)| (n, h)));
            key(ra, *da).cmp(&key(rb, *db))
        })
        .map(|(r, _)| r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_winner_is_live_then_longest_then_largest_hash() {
        let leaves = [("3-aa", true), ("2-ff", false), ("2-0a", false)];
        assert_eq!(winner(leaves.iter().map(|(r, d)| (*r, *d))), Some("2-ff"));
        let all_gone = [("3-aa", true), ("4-01", true)];
        assert_eq!(winner(all_gone.iter().map(|(r, d)| (*r, *d))), Some("4-01"));
    }

    #[test]
    fn a_document_names_its_parent_and_holds_no_content_but_the_ciphertext() {
        let d = document("d1", "3-bb", Some("2-aa"), "k1", "CT", false);
        assert_eq!(
            d["_revisions"],
            serde_json::json!({"start": 3, "ids": ["bb", "aa"]})
        );
        let keys: Vec<&String> = d.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["_id", "_rev", "_revisions", "ct", "kid", "v"]);
        assert_eq!(next_generation(Some("2-aa")), 3);
        assert_eq!(next_generation(None), 1);
    }
}
