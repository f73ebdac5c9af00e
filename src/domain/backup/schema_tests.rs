//! Keeps `docs/backup-format.schema.json` true to the code: its enum lists are the serde
//! names, and files the app writes (and refuses) are valid (and invalid) under it.
//!
//! The schema is checked with a small validator for exactly the keywords the schema uses; a
//! keyword it does not know fails the test rather than being skipped. (The end-to-end tests
//! check the same file with ajv.)

use serde_json::{json, Value};

use super::fixtures::{empty_customer, followup, maximal_customer, plan_item, today, todo};
use super::names::{allowed, ENUMS};
use super::{export_all, parse, FORMAT, FORMAT_VERSION};
use crate::domain::money::MoneyUnit;
use crate::domain::records::SatisfactionKind;
use crate::domain::settings::DataSettings;
use crate::domain::stable::StableName;

const SCHEMA: &str = include_str!("../../../docs/backup-format.schema.json");

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("the schema is valid JSON")
}

/// Whether `value` is valid under `node` of `root`; the first failure's location otherwise.
fn validate(root: &Value, node: &Value, value: &Value, at: &str) -> Result<(), String> {
    let fail = |why: &str| Err(format!("{at}: {why}"));
    let Value::Object(rules) = node else {
        return fail("schema node is not an object");
    };
    for (keyword, rule) in rules {
        match keyword.as_str() {
            "$schema" | "title" | "description" | "$defs" => {}
            "$ref" => {
                let name = rule.as_str().unwrap().strip_prefix("#/$defs/").unwrap();
                validate(root, &root["$defs"][name], value, at)?;
            }
            "type" => {
                let types: Vec<&str> = match rule {
                    Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
                    other => vec![other.as_str().unwrap()],
                };
                let ok = types.iter().any(|t| match *t {
                    "object" => value.is_object(),
                    "array" => value.is_array(),
                    "string" => value.is_string(),
                    "integer" => value.is_i64() || value.is_u64(),
                    "boolean" => value.is_boolean(),
                    "null" => value.is_null(),
                    other => panic!("type {other} not known to this validator"),
                });
                if !ok {
                    return fail(&format!("{value} is not {types:?}"));
                }
            }
            "const" if rule != value => return fail(&format!("{value} is not {rule}")),
            "enum" if !rule.as_array().unwrap().contains(value) => {
                return fail(&format!("{value} is not one of {rule}"))
            }
            "const" | "enum" => {}
            "required" => {
                for key in rule.as_array().unwrap() {
                    let present = value.get(key.as_str().unwrap()).is_some();
                    if value.is_object() && !present {
                        return fail(&format!("{key} is missing"));
                    }
                }
            }
            "properties" => {
                for (key, sub) in rule.as_object().unwrap() {
                    if let Some(v) = value.as_object().and_then(|o| o.get(key)) {
                        validate(root, sub, v, &format!("{at}.{key}"))?;
                    }
                }
            }
            "items" => {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    validate(root, rule, item, &format!("{at}[{i}]"))?;
                }
            }
            "anyOf" => {
                let options = rule.as_array().unwrap();
                if !options.iter().any(|o| validate(root, o, value, at).is_ok()) {
                    return fail(&format!("{value} matches none of anyOf"));
                }
            }
            "if" => {
                let branch = if validate(root, rule, value, at).is_ok() {
                    "then"
                } else {
                    "else"
                };
                if let Some(sub) = rules.get(branch) {
                    validate(root, sub, value, at)?;
                }
            }
            "then" | "else" => {}
            "minimum" | "maximum" => {
                let Some(n) = value.as_f64() else { continue };
                let bound = rule.as_f64().unwrap();
                let ok = if keyword == "minimum" {
                    n >= bound
                } else {
                    n <= bound
                };
                if !ok {
                    return fail(&format!("{n} breaks {keyword} {bound}"));
                }
            }
            "pattern" => {
                let Some(s) = value.as_str() else { continue };
                let ok = match rule.as_str().unwrap() {
                    r"\S" => s.chars().any(|c| !c.is_whitespace()),
                    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" => {
                        s.len() == 10
                            && s.bytes().enumerate().all(|(i, c)| match i {
                                4 | 7 => c == b'-',
                                _ => c.is_ascii_digit(),
                            })
                    }
                    other => panic!("pattern {other} not known to this validator"),
                };
                if !ok {
                    return fail(&format!("{s:?} does not match {rule}"));
                }
            }
            other => panic!("keyword {other} not known to this validator"),
        }
    }
    Ok(())
}

/// Every field the app writes, once: all settings, a full and an empty customer, and one of
/// each record.
fn full_file() -> Value {
    let settings = DataSettings {
        money_unit: MoneyUnit::Yuan,
        ..DataSettings::default()
    };
    let customers = [maximal_customer(), empty_customer("z-empty", "只有名字")];
    let (followups, plans, todos) = ([followup()], [plan_item()], [todo()]);
    let file = export_all(&settings, &customers, &followups, &plans, &todos, today());
    serde_json::from_str(&file).unwrap()
}

/// The paths of the fields in `value` that the schema at `node` does not name.
fn unnamed_fields(root: &Value, node: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(name) = node.get("$ref").and_then(Value::as_str) {
        let name = name.strip_prefix("#/$defs/").unwrap();
        unnamed_fields(root, &root["$defs"][name], value, at, out);
    }
    if let Some(options) = node.get("anyOf").and_then(Value::as_array) {
        let chosen = options
            .iter()
            .find(|o| validate(root, o, value, at).is_ok());
        if let Some(option) = chosen {
            unnamed_fields(root, option, value, at, out);
        }
    }
    let properties = node.get("properties").and_then(Value::as_object);
    if let (Some(properties), Some(fields)) = (properties, value.as_object()) {
        for (key, field) in fields {
            let path = format!("{at}.{key}");
            match properties.get(key) {
                Some(sub) => unnamed_fields(root, sub, field, &path, out),
                None => out.push(path),
            }
        }
    }
    if let (Some(items), Some(list)) = (node.get("items"), value.as_array()) {
        for (i, item) in list.iter().enumerate() {
            unnamed_fields(root, items, item, &format!("{at}[{i}]"), out);
        }
    }
}

#[test]
fn enum_lists_are_the_stable_names() {
    let schema = schema();
    let mut defs: Vec<&str> = ENUMS.iter().map(|(def, _)| *def).collect();
    defs.extend(["tiering_flag", "text_tag_kind"]);
    for def in &defs {
        assert_eq!(
            schema["$defs"][def]["enum"],
            json!(allowed(def)),
            "$defs/{def}"
        );
    }
    // Every list of names in the schema is one of these (or derived from one, below).
    let listed = schema["$defs"].as_object().unwrap().iter();
    for (def, _) in listed.filter(|(_, d)| d.get("enum").is_some()) {
        assert!(
            defs.contains(&def.as_str()) || def == "ten_point_kind",
            "$defs/{def} is not checked against an enum"
        );
    }
    assert_eq!(schema["properties"]["format"]["const"], json!(FORMAT));
    assert_eq!(
        schema["properties"]["version"]["const"],
        json!(FORMAT_VERSION)
    );
}

#[test]
fn score_scales_are_the_kinds_scales() {
    let schema = schema();
    let entry = &schema["$defs"]["satisfaction_entry"];
    let widest = SatisfactionKind::ALL.map(SatisfactionKind::max_score);
    let widest = widest.iter().max().unwrap();
    assert_eq!(entry["properties"]["score"]["maximum"], json!(widest));
    let ten_point: Vec<_> = SatisfactionKind::ALL
        .into_iter()
        .filter(|k| k.max_score() == 10)
        .map(|k| k.name())
        .collect();
    assert_eq!(schema["$defs"]["ten_point_kind"]["enum"], json!(ten_point));
    assert_eq!(entry["then"]["properties"]["score"]["maximum"], json!(10));
}

#[test]
fn an_exported_file_is_valid_under_the_schema() {
    let schema = schema();
    assert_eq!(validate(&schema, &schema, &full_file(), "$"), Ok(()));
}

#[test]
fn the_schema_names_every_field_an_export_writes() {
    // Unknown fields are valid, so a field renamed in the types would pass the test above.
    let schema = schema();
    let mut unnamed = Vec::new();
    unnamed_fields(&schema, &schema, &full_file(), "$", &mut unnamed);
    assert_eq!(unnamed, Vec::<String>::new());
    // As a renamed field would be found:
    let mut file = full_file();
    file["plans"][0]["replaced"] = json!(null);
    unnamed_fields(&schema, &schema, &file, "$", &mut unnamed);
    assert_eq!(unnamed, ["$.plans[0].replaced"]);
}

#[test]
fn files_the_import_refuses_are_invalid_under_the_schema_too() {
    // Each a rule the schema can state; its ajv check must agree with the app's.
    let breakages: [(&str, Value); 14] = [
        ("/format", json!("other-app")),
        ("/version", json!(3)),
        ("/exported_on", json!("2025/06/15")),
        ("/settings/money_unit", json!("usd")),
        ("/customers/1/name", json!(" ")),
        ("/customers/0/size", json!("huge")),
        ("/customers/0/orders/0/amount_fen", json!(-5)),
        ("/customers/0/orders/0/amount_fen", json!(1.5)),
        (
            "/customers/0/tags/0",
            json!({ "kind": "strategic", "text": "x" }),
        ),
        ("/customers/0/tags/7", json!({ "kind": "pain_point" })),
        ("/customers/0/satisfaction/1/score", json!(11)),
        ("/customers/0/peak_months/0", json!(13)),
        ("/customers/0/contacts/0/birthday", json!({ "month": 2 })),
        ("/customers/0/strategy/industry_leader", json!(null)),
    ];
    let schema = schema();
    for (pointer, bad) in breakages {
        let mut file = full_file();
        *file.pointer_mut(pointer).expect(pointer) = bad.clone();
        let label = format!("{pointer} = {bad}");
        assert!(
            validate(&schema, &schema, &file, "$").is_err(),
            "schema takes {label}"
        );
        assert!(
            parse(&file.to_string(), today()).is_err(),
            "import takes {label}"
        );
    }
}

#[test]
fn unknown_fields_are_valid_under_the_schema() {
    let mut file = full_file();
    file["surveys"] = json!([{ "id": "f-1" }]);
    file["customers"][0]["loyalty"] = json!(3);
    let schema = schema();
    assert_eq!(validate(&schema, &schema, &file, "$"), Ok(()));
}
