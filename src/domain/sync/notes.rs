//! What a profile shows of a record's sync (docs/sync.md, "Values set aside"): who made the
//! version in sync and when, and each value a merge with another device's change set aside,
//! in words. Built from the bookkeeping by the sync module, so the profile carries no sync code.

use serde_json::Value;

use super::merge::Overwrite;
use super::payload::Tracked;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecordNotes {
    /// Who made the version in sync (empty: a device with no name).
    pub by: String,
    /// When its latest field changed (ms since the epoch).
    pub latest: Option<u64>,
    /// Newest first.
    pub set_aside: Vec<SetAside>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    /// The field (`owner`, `contacts`, `orders/<id>` …).
    pub path: String,
    pub by: String,
    pub at: u64,
    pub value: Shown,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    Text(String),
    /// The other side had removed it.
    Removed,
    /// A contact detail still sealed (encryption at rest on and this tab locked).
    Sealed,
}

/// The notes of a record's bookkeeping; `None` when there is nothing to say.
pub fn notes_of(t: &Tracked) -> Option<RecordNotes> {
    if t.by.is_empty() && t.overwritten.is_empty() {
        return None;
    }
    Some(RecordNotes {
        by: t.by.clone(),
        latest: t.stamps.values().map(|s| s.wall).max(),
        set_aside: t.overwritten.iter().rev().map(set_aside).collect(),
    })
}

fn set_aside(o: &Overwrite) -> SetAside {
    let value = match (&o.other, &o.sealed) {
        (Some(v), _) => Shown::Text(in_words(&o.path, v)),
        (None, Some(_)) => Shown::Sealed,
        (None, None) => Shown::Removed,
    };
    SetAside {
        path: o.path.clone(),
        by: o.by.clone(),
        at: o.other_stamp.wall,
        value,
    }
}

/// Text as it is; contacts by name, phone, e-mail and WeChat; anything else as compact JSON.
fn in_words(path: &str, v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) if path == "contacts" => items
            .iter()
            .map(|c| {
                ["name", "phone", "email", "wechat"]
                    .iter()
                    .filter_map(|k| c.get(*k).and_then(Value::as_str))
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sync::hlc::Stamp;
    use serde_json::json;

    fn at(wall: u64) -> Stamp {
        Stamp {
            wall,
            count: 0,
            device: "d".into(),
        }
    }

    fn set_aside_of(path: &str, other: Option<Value>, by: &str, wall: u64) -> Overwrite {
        Overwrite {
            path: path.into(),
            other,
            other_stamp: at(wall),
            by: by.into(),
            sealed: None,
        }
    }

    #[test]
    fn a_record_no_named_device_changed_and_nothing_set_aside_has_no_notes() {
        assert_eq!(notes_of(&Tracked::default()), None);
    }

    #[test]
    fn notes_name_the_author_the_latest_change_and_set_aside_values_newest_first() {
        let mut t = Tracked {
            by: "王芳".into(),
            ..Tracked::default()
        };
        t.stamps.insert("name".into(), at(5));
        t.stamps.insert("owner".into(), at(9));
        t.overwritten = vec![
            set_aside_of("owner", Some(json!("张三")), "李明", 7),
            set_aside_of(
                "contacts",
                Some(json!([{"name": "王芳", "phone": "138", "email": "", "title": "经理"}])),
                "李明",
                8,
            ),
            set_aside_of("orders/o-1", None, "", 8),
            set_aside_of("growth", Some(json!(30)), "", 8),
        ];
        t.overwritten.push(Overwrite {
            sealed: Some(Default::default()),
            ..set_aside_of("contacts", None, "李明", 9)
        });
        let n = notes_of(&t).unwrap();
        assert_eq!((n.by.as_str(), n.latest), ("王芳", Some(9)));
        let shown: Vec<_> = n.set_aside.iter().map(|s| s.value.clone()).collect();
        assert_eq!(
            shown,
            vec![
                Shown::Sealed,
                Shown::Text("30".into()),
                Shown::Removed,
                Shown::Text("王芳 138".into()),
                Shown::Text("张三".into()),
            ]
        );
        assert_eq!((n.set_aside[4].by.as_str(), n.set_aside[4].at), ("李明", 7));
    }
}
