//! A record as sync sees it: its fields, each with the stamp of its last change. A list whose
//! elements have ids (a customer's orders, scores, remarks, win-back cases) is split into one
//! field per element (`orders/<id>`), so two devices adding orders to the same customer both
//! keep theirs; any other field, including one this version does not know, is one value.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::hlc::Stamp;

/// A field's name, or `list/<element id>` for an element of a list with ids.
pub type Path = String;

/// The lists of each record kind whose elements are merged one by one.
pub fn id_lists(kind: &str) -> &'static [&'static str] {
    match kind {
        "customer" => &["orders", "satisfaction", "remarks", "winback"],
        _ => &[],
    }
}

/// One version of a record: every field with its value and stamp. A stamp without a value is
/// a list element that was removed. A deleted record keeps its last fields, so a change the
/// deleting device had not seen can bring it back whole (see `merge`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Version {
    pub fields: BTreeMap<Path, Value>,
    pub stamps: BTreeMap<Path, Stamp>,
    pub deleted: bool,
}

/// The record's fields by path. A list's order is a field of its own (`list/`: the ids in
/// order), apart from its elements, so moving one element does not change the others.
pub fn split(kind: &str, record: &Value) -> BTreeMap<Path, Value> {
    let lists = id_lists(kind);
    let mut fields = BTreeMap::new();
    let Some(object) = record.as_object() else {
        return fields;
    };
    for (name, value) in object {
        match value.as_array().filter(|_| lists.contains(&name.as_str())) {
            Some(items) if items.iter().all(|i| element_id(i).is_some()) => {
                let mut order = Vec::new();
                for item in items {
                    let id = element_id(item).unwrap_or_default();
                    order.push(Value::from(id));
                    fields.insert(format!("{name}/{id}"), item.clone());
                }
                fields.insert(format!("{name}/"), Value::Array(order));
            }
            _ => {
                fields.insert(name.clone(), value.clone());
            }
        }
    }
    fields
}

fn element_id(item: &Value) -> Option<&str> {
    item.get("id")?.as_str()
}

/// The record again: plain fields as they are, each list's elements in the list's order
/// (elements it does not name, added elsewhere, after them by id, so every device joins the
/// same way), an empty list where no element is left.
pub fn join(kind: &str, fields: &BTreeMap<Path, Value>) -> Value {
    let mut object = Map::new();
    let mut lists: BTreeMap<&str, Vec<(usize, &str, &Value)>> = BTreeMap::new();
    for name in id_lists(kind) {
        lists.insert(name, Vec::new());
    }
    for (path, value) in fields {
        match path.split_once('/') {
            Some((_, "")) => {}
            Some((name, id)) if lists.contains_key(name) => {
                let order = fields.get(&format!("{name}/")).and_then(Value::as_array);
                let place = order
                    .and_then(|o| o.iter().position(|x| x.as_str() == Some(id)))
                    .unwrap_or(usize::MAX);
                if let Some(list) = lists.get_mut(name) {
                    list.push((place, id, value));
                }
            }
            _ => {
                object.insert(path.clone(), value.clone());
            }
        }
    }
    for (name, mut items) in lists {
        if object.contains_key(name) {
            continue; // a list kept whole (an element without an id)
        }
        crate::domain::sorting::sort_by(&mut items, |a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let items = items.into_iter().map(|(_, _, v)| v.clone()).collect();
        object.insert(name.to_string(), Value::Array(items));
    }
    Value::Object(object)
}

/// The text a field's digest and a revision are computed from: the same value always gives
/// the same text (object keys are sorted).
pub fn canonical(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// A keyed digest (FNV-1a over the secret, then the text), 53 bits: enough to notice that a
/// field changed; keyed, so the bookkeeping kept beside the records does not name a value;
/// 53 bits, so it is a number JavaScript (and so IndexedDB) keeps exactly.
pub fn digest(secret: &[u8], text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in secret.iter().chain(text.as_bytes()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash & ((1 << 53) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_customer_is_split_into_plain_fields_and_one_field_per_order() {
        let c = json!({"id": "c-1", "name": "华信", "orders": [{"id": "o-2", "amount": 5}, {"id": "o-1", "amount": 3}], "remarks": [], "tags": ["a"]});
        let fields = split("customer", &c);
        let keys: Vec<&str> = fields.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "id",
                "name",
                "orders/",
                "orders/o-1",
                "orders/o-2",
                "remarks/",
                "tags"
            ]
        );
        assert_eq!(fields["orders/o-2"], json!({"id": "o-2", "amount": 5}));
        assert_eq!(fields["orders/"], json!(["o-2", "o-1"]));
        let back = join("customer", &fields);
        assert_eq!(
            back["orders"], c["orders"],
            "the order a person gave the list is kept"
        );
        let mut other = fields.clone();
        other.insert("orders/o-0".into(), json!({"id": "o-0"}));
        let ids: Vec<Value> = join("customer", &other)["orders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].clone())
            .collect();
        assert_eq!(
            ids,
            [json!("o-2"), json!("o-1"), json!("o-0")],
            "one added elsewhere goes last"
        );
        assert_eq!(back["remarks"], json!([]));
        assert_eq!(back["satisfaction"], json!([]));
        assert_eq!(back["name"], json!("华信"));
    }

    #[test]
    fn a_list_with_an_element_without_id_is_kept_whole() {
        let c = json!({"orders": [{"id": "o-1"}, {"amount": 3}]});
        let fields = split("customer", &c);
        assert_eq!(fields.len(), 1);
        assert_eq!(join("customer", &fields)["orders"], c["orders"]);
    }

    #[test]
    fn other_kinds_and_unknown_fields_are_plain() {
        let f = json!({"id": "f-1", "topics": [{"id": "x"}], "from_a_newer_app": {"a": 1}});
        let fields = split("followup", &f);
        assert_eq!(fields.len(), 3);
        assert_eq!(join("followup", &fields), f);
    }

    #[test]
    fn digests_tell_values_apart_and_depend_on_the_secret() {
        let a = canonical(&json!({"b": 1, "a": [1, 2]}));
        assert_eq!(digest(b"k", &a), digest(b"k", &a));
        assert_ne!(digest(b"k", &a), digest(b"k", &canonical(&json!({"b": 1}))));
        assert_ne!(digest(b"k", &a), digest(b"j", &a));
        assert!(digest(b"k", &a) < 1 << 53, "exact as a JavaScript number");
    }
}
