//! Reading a backup file: recognise it, upgrade it to the current version, check all of it,
//! and only then deserialise.
//!
//! [`parse`] reads it in steps (see [`Reading`](super::Reading)); [`parse_whole`] is the
//! same in one go, which the steps fall back on for any file they do not expect.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::error::{ImportError, ImportErrors, JsonSyntax, Problem, TopLevel};
use super::walk::{self, RecordList};
use super::{Backup, Reading, FORMAT, FORMAT_VERSION};
use crate::domain::cadence::keys::upgrade_generated_key;
use crate::domain::records::Customer;

/// Reads a backup file, or says everything that is wrong with it. Nothing is written either
/// way; `today` is the day of the import (orders may not be dated after it).
pub fn parse(text: &str, today: NaiveDate) -> Result<Backup, ImportErrors> {
    let read = Reading::new(text.to_owned(), today).finish();
    // Every file a test reads here is also read in small steps and whole, which must agree.
    #[cfg(test)]
    super::reading_tests::agrees(text, today, &read);
    read
}

/// [`parse`] in one go: the whole text into one `Value`, then each stage over all of it.
pub(super) fn parse_whole(text: &str, today: NaiveDate) -> Result<Backup, ImportErrors> {
    // Editors on Windows like to start UTF-8 files with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty.into());
    }
    let value = read_value(text).map_err(not_json)?;
    let Value::Object(top) = value else {
        let found = match value {
            Value::Array(_) => TopLevel::List,
            Value::String(_) => TopLevel::Text,
            Value::Number(_) => TopLevel::Number,
            _ => TopLevel::Single,
        };
        return Err(ImportError::NotAnObject { found }.into());
    };
    let version = head_version(&top)?;
    let top = upgrade(top, version);
    walk::check(&top, today)?;
    deserialize(Value::Object(top))
}

/// JSON text (a whole file or one piece of it) as a `Value`.
#[allow(
    clippy::disallowed_methods,
    reason = "into a Value, as the size rules ask"
)]
pub(super) fn read_value(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(text)
}

/// The reader's class of error and its position; its message is English of its own choosing.
fn not_json(error: serde_json::Error) -> ImportErrors {
    ImportError::NotJson {
        line: error.line(),
        column: error.column(),
        syntax: JsonSyntax::of(&error),
    }
    .into()
}

/// The version a file with this head is written in, if it is a backup this app can upgrade.
pub(super) fn head_version(top: &Map<String, Value>) -> Result<u32, ImportError> {
    check_format(top)?;
    upgradable(read_version(top)?)
}

fn check_format(top: &Map<String, Value>) -> Result<(), ImportError> {
    match top.get("format") {
        Some(Value::String(f)) if f == FORMAT => Ok(()),
        None => Err(ImportError::NotABackup { found: None }),
        Some(other) => Err(ImportError::NotABackup {
            found: Some(other.to_string()),
        }),
    }
}

fn read_version(top: &Map<String, Value>) -> Result<u64, ImportError> {
    match top.get("version") {
        None => Err(ImportError::MissingVersion),
        Some(v) => v.as_u64().ok_or_else(|| ImportError::UnknownVersion {
            found: v.to_string(),
        }),
    }
}

/// `from_version` if there is a way up from it to [`FORMAT_VERSION`] (which is none for a
/// newer file).
fn upgradable(from_version: u64) -> Result<u32, ImportError> {
    let newer = ImportError::NewerVersion {
        found: from_version,
        supported: FORMAT_VERSION,
    };
    match u32::try_from(from_version).map_err(|_| newer.clone())? {
        v @ 1..=FORMAT_VERSION => Ok(v),
        v if v > FORMAT_VERSION => Err(newer),
        v => Err(ImportError::UnknownVersion {
            found: v.to_string(),
        }),
    }
}

/// Brings a file of `from_version` (see [`upgradable`]) up to [`FORMAT_VERSION`]: each
/// record as [`upgrade_record`] does, then its `"version"`, before the checks see it, so the
/// checks only ever know the newest layout.
fn upgrade(mut top: Map<String, Value>, from_version: u32) -> Map<String, Value> {
    for list in RecordList::ALL {
        let items = top.get_mut(list.key()).and_then(Value::as_array_mut);
        for item in items.into_iter().flatten() {
            upgrade_record(list, item, from_version);
        }
    }
    upgrade_head(&mut top, from_version);
    top
}

/// The head's part of [`upgrade`]: the file now says the version it has become.
pub(super) fn upgrade_head(top: &mut Map<String, Value>, from_version: u32) {
    if from_version < FORMAT_VERSION {
        top.insert("version".into(), Value::from(FORMAT_VERSION));
    }
}

/// One record's part of [`upgrade`], one version at a time; every step so far rewrites
/// records one by one, never across them, so a file can be upgraded a record at a time.
pub(super) fn upgrade_record(list: RecordList, item: &mut Value, from_version: u32) {
    if from_version < 2 && list == RecordList::Plans {
        v1_to_v2(item);
    }
}

/// Version 2 names touch kinds in planned touches' `replaces` keys by their stable names
/// (`c-1:executive_visit:…`) where version 1 wrote Rust names (`c-1:ExecutiveVisit:…`).
/// Anything that is not such a key is left for the checks.
fn v1_to_v2(plan: &mut Value) {
    if let Some(Value::String(key)) = plan.get_mut("replaces") {
        if let Some(new) = upgrade_generated_key(key) {
            *key = new;
        }
    }
}

/// The checks mirror the model, so this succeeds after them; should they ever miss
/// something, the reader's own message is reported with the record it came from.
fn deserialize(top: Value) -> Result<Backup, ImportErrors> {
    let unreadable = |path: String, e: serde_json::Error| ImportError::Field {
        path,
        problem: Problem::Unreadable {
            message: e.to_string(),
        },
    };
    let read = Backup::deserialize(&top).map(|mut backup| {
        for c in &mut backup.customers {
            unseal(c);
        }
        backup
    });
    read.map_err(|whole| {
        let customers = top.get("customers").and_then(Value::as_array);
        let broken = customers
            .into_iter()
            .flatten()
            .enumerate()
            .find_map(|(i, c)| {
                Customer::deserialize(c)
                    .err()
                    .map(|e| unreadable(format!("customers[{i}]"), e))
            });
        broken
            .unwrap_or_else(|| unreadable("(file)".into(), whole))
            .into()
    })
}

/// Only a database holds sealed blobs; one in a file could never be opened here.
pub(super) fn unseal(customer: &mut Customer) {
    customer.sealed = None;
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::fixtures::today;
    use super::*;

    fn first_error(text: &str) -> ImportError {
        let errors = parse(text, today()).unwrap_err();
        assert_eq!(errors.errors.len(), 1, "{errors}");
        errors.errors.into_iter().next().unwrap()
    }

    fn with_version(version: Value) -> String {
        let mut f = json!({ "format": FORMAT, "exported_on": "2025-06-15",
                            "settings": {}, "customers": [] });
        if !version.is_null() {
            f["version"] = version;
        }
        f.to_string()
    }

    #[test]
    fn says_why_a_file_is_not_a_backup_at_all() {
        let cases = [
            ("", "the file is empty".to_string()),
            (" \n", "the file is empty".to_string()),
            (
                "{\"format\": \"kehu-weihu-backup\",\n  \"version\": 1,,\n}",
                "the file is not valid JSON: a mistake at line 2, column 16 \
                 (often a missing or extra comma, quote or bracket)"
                    .to_string(),
            ),
            (
                "{\"format\": \"kehu-weihu-backup\"",
                "the file is not valid JSON: it ends too early, as if cut off (line 1, column 30)"
                    .to_string(),
            ),
            (
                "姓名,电话\n张三,138",
                "the file is not valid JSON: a mistake at line 1, column 1 \
                 (often a missing or extra comma, quote or bracket)"
                    .to_string(),
            ),
            (
                "[1, 2]",
                "this is not a 客户维护 backup: the file holds a list, not a JSON object"
                    .to_string(),
            ),
            (
                "{\"customers\": []}",
                "this is not a 客户维护 backup: it has no \"format\" field \
                 (a backup says \"format\": \"kehu-weihu-backup\")"
                    .to_string(),
            ),
            (
                "{\"format\": \"other-app\", \"version\": 1}",
                "this is not a 客户维护 backup: its \"format\" is \"other-app\", \
                 not \"kehu-weihu-backup\""
                    .to_string(),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(first_error(text).to_string(), expected, "{text:?}");
        }
    }

    #[test]
    fn refuses_versions_it_cannot_read() {
        let newer = |found| ImportError::NewerVersion {
            found,
            supported: FORMAT_VERSION,
        };
        let unknown = |found: &str| ImportError::UnknownVersion {
            found: found.into(),
        };
        let cases = [
            (json!(3), newer(3)),
            (json!(5_000_000_000u64), newer(5_000_000_000)),
            (json!(0), unknown("0")),
            (json!(-1), unknown("-1")),
            (json!(1.5), unknown("1.5")),
            (json!("1"), unknown("\"1\"")),
            (Value::Null, ImportError::MissingVersion),
        ];
        for (version, expected) in cases {
            assert_eq!(
                first_error(&with_version(version.clone())),
                expected,
                "{version}"
            );
        }
        assert_eq!(
            unknown("0").to_string(),
            "\"version\" is 0, which no version of the app has written \
             (backup formats start at 1; this app writes 2)"
        );
        assert!(parse(&with_version(json!(3)), today())
            .unwrap_err()
            .is_newer_version());
        assert!(parse(&with_version(json!(1)), today()).is_ok());
        assert!(parse(&with_version(json!(2)), today()).is_ok());
    }

    #[test]
    fn a_version_1_file_has_its_plan_keys_upgraded() {
        // A planned touch as version 1 wrote it, next to one that edits nothing.
        let mut f: Value = serde_json::from_str(&with_version(json!(1))).unwrap();
        f["plans"] = json!([
            { "id": "p-1", "customer_id": "c-1", "date": "2026-03-03", "kind": "executive_visit",
              "replaces": "c-1:ExecutiveVisit:2026-03-01", "unknown": 1 },
            { "id": "p-2", "customer_id": "c-1", "date": "2026-03-04", "replaces": null },
        ]);
        let backup = parse(&f.to_string(), today()).unwrap();
        assert_eq!(backup.version, FORMAT_VERSION);
        let replaces: Vec<_> = backup.plans.iter().map(|p| p.replaces.as_deref()).collect();
        assert_eq!(replaces, [Some("c-1:executive_visit:2026-03-01"), None]);
        // A version 2 file is taken as it is: its keys are already stable.
        f["version"] = json!(2);
        f["plans"][0]["replaces"] = json!("c-1:Visit:2026-03-01");
        let backup = parse(&f.to_string(), today()).unwrap();
        assert_eq!(
            backup.plans[0].replaces.as_deref(),
            Some("c-1:Visit:2026-03-01")
        );
    }

    #[test]
    fn reads_a_file_with_a_byte_order_mark() {
        let text = format!("\u{feff}{}", with_version(json!(1)));
        assert_eq!(parse(&text, today()).unwrap().customers, vec![]);
    }

    #[test]
    fn a_record_the_checks_missed_is_reported_with_its_path() {
        // Bypasses the checks, as a gap in them would.
        let top = json!({ "format": FORMAT, "version": 1, "exported_on": "2025-06-15",
                          "settings": {}, "customers": [{ "id": "a" }, { "id": "b", "name": 5 }] });
        let e = deserialize(top).unwrap_err();
        assert_eq!(
            e.to_string(),
            "customers[1]: cannot be read: invalid type: integer `5`, expected a string"
        );
        let top = json!({ "format": FORMAT, "version": 1, "exported_on": "someday",
                          "settings": {}, "customers": [] });
        assert!(deserialize(top)
            .unwrap_err()
            .to_string()
            .starts_with("(file): cannot be read: "));
    }
}
