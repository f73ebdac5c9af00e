//! The names enums are written with in a file, taken from serde itself so that the checks,
//! their messages and the JSON Schema cannot drift from what the app actually writes.

use serde::Serialize;

use crate::domain::customer::{
    Channel, CompanySize, CreditStatus, DecisionRole, Level, PreferredTime, RemarkKind,
    SatisfactionKind, Tag,
};
use crate::domain::money::MoneyUnit;

/// Variants of enums that have no `ALL` list of their own; the tests' exhaustive matches
/// fail to compile when a variant is added and not listed here.
pub(super) const REMARK_KINDS: [RemarkKind; 2] = [RemarkKind::Complaint, RemarkKind::Suggestion];
pub(super) const MONEY_UNITS: [MoneyUnit; 2] = [MoneyUnit::Wan, MoneyUnit::Yuan];

/// Tags whose `kind` must come with a `text`.
pub(super) fn text_tags() -> [Tag; 2] {
    [Tag::PainPoint(String::new()), Tag::Free(String::new())]
}

/// The serialised name of each value (unit variants serialise to a JSON string; tags to an
/// object whose `kind` is the name).
pub(super) fn names<T: Serialize>(all: &[T]) -> Vec<String> {
    all.iter()
        .map(|v| match serde_json::to_value(v) {
            Ok(serde_json::Value::String(s)) => s,
            Ok(serde_json::Value::Object(o)) => o["kind"].as_str().unwrap_or_default().to_string(),
            // (Not `{other:?}`: that would bring `Value`'s Debug into the wasm.)
            _ => unreachable!("an enum value serialises to a string or an object"),
        })
        .collect()
}

/// Each enum field kind of the file, by the name its JSON Schema definition carries.
pub(super) fn all_enums() -> Vec<(&'static str, Vec<String>)> {
    let mut tag_kinds = names(&Tag::SEED);
    tag_kinds.extend(names(&text_tags()));
    vec![
        ("company_size", names(&CompanySize::ALL)),
        ("decision_role", names(&DecisionRole::ALL)),
        ("channel", names(&Channel::ALL)),
        ("preferred_time", names(&PreferredTime::ALL)),
        ("level", names(&Level::ALL)),
        ("credit_status", names(&CreditStatus::ALL)),
        ("satisfaction_kind", names(&SatisfactionKind::ALL)),
        ("remark_kind", names(&REMARK_KINDS)),
        ("money_unit", names(&MONEY_UNITS)),
        ("tag_kind", tag_kinds),
    ]
}

/// The names for one schema definition of [`all_enums`].
pub(super) fn allowed(kind: &str) -> Vec<String> {
    all_enums()
        .into_iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, names)| names)
        .unwrap_or_else(|| unreachable!("no enum named {kind}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_variant_of_the_enums_without_all() {
        // Adding a variant breaks these matches, pointing here.
        for kind in REMARK_KINDS {
            match kind {
                RemarkKind::Complaint | RemarkKind::Suggestion => {}
            }
        }
        for unit in MONEY_UNITS {
            match unit {
                MoneyUnit::Wan | MoneyUnit::Yuan => {}
            }
        }
        for tag in Tag::SEED.into_iter().chain(text_tags()) {
            match tag {
                Tag::Strategic
                | Tag::HighChurnRisk
                | Tag::HighPotential
                | Tag::PriceSensitive
                | Tag::NeedCost
                | Tag::NeedEfficiency
                | Tag::NeedQuality
                | Tag::PainPoint(_)
                | Tag::Free(_) => {}
            }
        }
        assert_eq!(allowed("tag_kind").len(), 9);
    }

    #[test]
    fn names_are_the_snake_case_serde_names() {
        assert_eq!(allowed("money_unit"), ["wan", "yuan"]);
        assert_eq!(
            allowed("decision_role"),
            ["decision_maker", "influencer", "user"]
        );
        assert_eq!(
            allowed("tag_kind")[7..],
            ["pain_point".to_string(), "free".to_string()]
        );
    }
}
