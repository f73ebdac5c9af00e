//! Two versions of one record become one, field by field, the same on every device:
//!
//! - each field takes the value with the later stamp (equal stamps are the same change; if
//!   their values still differ, the larger text wins, so the result never depends on order);
//! - `revision` and `updated_at` take the larger number (a save's bookkeeping, not content);
//! - edit against delete: a deletion removes the record as the deleting device saw it. If the
//!   other version holds a change that device had not seen — a field stamped later than the
//!   deletion's stamp for it — the record comes back, merged; otherwise it stays deleted.
//!   Either way the fields are merged. A deletion carries each field's stamp but no values:
//!   where it wins a field, the other side's value is kept, so a record that comes back is
//!   whole.

use std::collections::BTreeMap;

use serde_json::Value;

use super::hlc::Stamp;
use super::version::{canonical, Path, Version};

/// Bookkeeping fields that take the larger number rather than the later change.
const LARGER_WINS: [&str; 2] = ["revision", "updated_at"];

/// The merge of `a` and `b`.
pub fn merge(a: &Version, b: &Version) -> Version {
    let mut out = Version::default();
    let paths: std::collections::BTreeSet<&Path> = a.stamps.keys().chain(b.stamps.keys()).collect();
    for path in paths {
        let (sa, sb) = (a.stamps.get(path), b.stamps.get(path));
        let (va, vb) = (a.fields.get(path), b.fields.get(path));
        let (stamp, value) = if LARGER_WINS.contains(&path.as_str()) {
            let n = |v: Option<&Value>| v.and_then(Value::as_f64).unwrap_or(f64::MIN);
            let value = if n(vb) > n(va) { vb } else { va.or(vb) };
            (sa.max(sb), value)
        } else {
            match sa.cmp(&sb) {
                // A deletion carries its stamps, not its values: where it wins a field it
                // holds no value for, the other side's value stays (the record may come back).
                std::cmp::Ordering::Greater if va.is_none() && a.deleted => (sa, vb),
                std::cmp::Ordering::Less if vb.is_none() && b.deleted => (sb, va),
                std::cmp::Ordering::Greater => (sa, va),
                std::cmp::Ordering::Less => (sb, vb),
                std::cmp::Ordering::Equal => (sa, larger_text(va, vb)),
            }
        };
        if let Some(stamp) = stamp {
            out.stamps.insert(path.clone(), stamp.clone());
        }
        if let Some(value) = value {
            out.fields.insert(path.clone(), value.clone());
        }
    }
    out.deleted = match (a.deleted, b.deleted) {
        (false, false) => false,
        (true, true) => true,
        (true, false) => !has_unseen_change(a, b),
        (false, true) => !has_unseen_change(b, a),
    };
    out
}

/// Whether `live` holds a change that the device which deleted `gone` had not seen.
fn has_unseen_change(gone: &Version, live: &Version) -> bool {
    live.stamps
        .iter()
        .any(|(path, stamp)| gone.stamps.get(path).is_none_or(|seen| stamp > seen))
}

fn larger_text<'v>(a: Option<&'v Value>, b: Option<&'v Value>) -> Option<&'v Value> {
    match (a, b) {
        (Some(x), Some(y)) if canonical(y) > canonical(x) => Some(y),
        (None, y) => y,
        (x, _) => x,
    }
}

/// A field both sides changed since `base` (the stamps this device last synced) to
/// different values: the value merging set aside, so the profile can show it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Overwrite {
    pub path: Path,
    /// The value that lost (absent: the other side had removed it, or it is in `sealed`).
    pub other: Option<Value>,
    pub other_stamp: Stamp,
    /// Who made the value that lost (the name given in Settings → Sync; empty: not named).
    #[serde(default)]
    pub by: String,
    /// A contact detail's value, sealed with encryption at rest's key on the device: the
    /// bookkeeping keeps nothing in plain that the record itself keeps sealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<crate::domain::records::Sealed>,
}

/// The fields encryption at rest seals (`envelope::Secrets`: contacts and remarks), as sync
/// names them: their set-aside values are sealed the same way.
pub fn sensitive(kind: &str, path: &str) -> bool {
    kind == "customer" && (path == "contacts" || path.starts_with("remarks"))
}

/// The fields where `local` and `remote` both changed since `base` and `merged` kept only one;
/// `by`: who made each side (local, remote).
pub fn overwrites(
    local: &Version,
    remote: &Version,
    merged: &Version,
    base: &BTreeMap<Path, Stamp>,
    by: (&str, &str),
) -> Vec<Overwrite> {
    let changed = |v: &Version, p: &Path| {
        v.stamps
            .get(p)
            .is_some_and(|s| base.get(p).is_none_or(|b| s > b))
    };
    let mut out = Vec::new();
    for path in local.stamps.keys() {
        if LARGER_WINS.contains(&path.as_str()) || !changed(local, path) || !changed(remote, path) {
            continue;
        }
        let (lv, rv) = (local.fields.get(path), remote.fields.get(path));
        if lv == rv {
            continue;
        }
        let kept = merged.fields.get(path);
        let (other, other_stamp, who) = if kept == lv {
            (rv, &remote.stamps[path], by.1)
        } else {
            (lv, &local.stamps[path], by.0)
        };
        out.push(Overwrite {
            path: path.clone(),
            other: other.cloned(),
            other_stamp: other_stamp.clone(),
            by: who.to_string(),
            sealed: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(wall: u64, device: &str) -> Stamp {
        Stamp {
            wall,
            count: 0,
            device: device.into(),
        }
    }

    fn version(fields: &[(&str, Value, u64, &str)]) -> Version {
        let mut v = Version::default();
        for (path, value, wall, device) in fields {
            v.fields.insert(path.to_string(), value.clone());
            v.stamps.insert(path.to_string(), at(*wall, device));
        }
        v
    }

    #[test]
    fn each_field_takes_the_later_change_and_the_result_does_not_depend_on_order() {
        let a = version(&[
            ("name", json!("华信"), 5, "a"),
            ("phone", json!("1"), 1, "a"),
        ]);
        let b = version(&[
            ("name", json!("华信科技"), 3, "b"),
            ("phone", json!("2"), 4, "b"),
        ]);
        let m = merge(&a, &b);
        assert_eq!(m.fields["name"], json!("华信"));
        assert_eq!(m.fields["phone"], json!("2"));
        assert_eq!(m, merge(&b, &a));
        assert_eq!(merge(&m, &a), m, "merging again changes nothing");
    }

    #[test]
    fn orders_added_on_two_devices_are_both_kept_and_a_removed_one_stays_removed() {
        let mut a = version(&[("orders/o-1", json!({"id": "o-1"}), 1, "a")]);
        a.stamps.insert("orders/o-2".into(), at(9, "a")); // removed on a at 9
        let b = version(&[
            ("orders/o-2", json!({"id": "o-2"}), 2, "b"),
            ("orders/o-3", json!({"id": "o-3"}), 3, "b"),
        ]);
        let m = merge(&a, &b);
        let kept: Vec<&str> = m.fields.keys().map(String::as_str).collect();
        assert_eq!(kept, ["orders/o-1", "orders/o-3"]);
    }

    #[test]
    fn revision_and_updated_at_take_the_larger_number() {
        let a = version(&[
            ("revision", json!(7), 1, "a"),
            ("updated_at", json!(100), 1, "a"),
        ]);
        let b = version(&[
            ("revision", json!(4), 9, "b"),
            ("updated_at", json!(900), 9, "b"),
        ]);
        let m = merge(&a, &b);
        assert_eq!(m.fields["revision"], json!(7));
        assert_eq!(m.fields["updated_at"], json!(900));
    }

    #[test]
    fn a_deletion_wins_over_what_it_saw_and_loses_to_a_change_it_had_not_seen() {
        let seen = version(&[
            ("name", json!("华信"), 1, "a"),
            ("phone", json!("1"), 1, "a"),
        ]);
        let mut gone = seen.clone();
        gone.deleted = true;
        assert!(
            merge(&gone, &seen).deleted,
            "the version it deleted stays deleted"
        );
        assert!(merge(&seen, &gone).deleted);

        let mut edited = seen.clone();
        edited.fields.insert("phone".into(), json!("2"));
        edited.stamps.insert("phone".into(), at(2, "b"));
        let m = merge(&gone, &edited);
        assert!(
            !m.deleted,
            "an edit the deleting device never saw brings it back"
        );
        assert_eq!(m.fields["phone"], json!("2"));
        assert_eq!(m.fields["name"], json!("华信"));
        assert_eq!(m, merge(&edited, &gone));
    }

    #[test]
    fn equal_stamps_with_different_values_pick_the_same_one_either_way() {
        let a = version(&[("x", json!("a"), 1, "d")]);
        let b = version(&[("x", json!("b"), 1, "d")]);
        assert_eq!(merge(&a, &b), merge(&b, &a));
    }

    #[test]
    fn a_field_both_sides_changed_is_reported_with_the_value_set_aside() {
        let base = version(&[
            ("name", json!("华信"), 1, "a"),
            ("phone", json!("1"), 1, "a"),
        ]);
        let mut local = base.clone();
        local.fields.insert("name".into(), json!("华信科技"));
        local.stamps.insert("name".into(), at(3, "a"));
        let mut remote = base.clone();
        remote.fields.insert("name".into(), json!("华信集团"));
        remote.stamps.insert("name".into(), at(5, "b"));
        remote.fields.insert("phone".into(), json!("2"));
        remote.stamps.insert("phone".into(), at(5, "b"));
        let m = merge(&local, &remote);
        let notes = overwrites(&local, &remote, &m, &base.stamps, ("王芳", "李明"));
        assert_eq!(
            notes,
            vec![Overwrite {
                path: "name".into(),
                other: Some(json!("华信科技")),
                other_stamp: at(3, "a"),
                by: "王芳".into(),
                sealed: None,
            }],
            "only the field both changed; the phone was changed on one side only"
        );
    }
}
