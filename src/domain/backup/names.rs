//! The names enums are written with in a file: each enum's stable names (see
//! `domain::stable`), which are its serde names, so that the checks, their messages and the
//! JSON Schema cannot drift from what the app actually writes.

use crate::domain::cadence::{Holiday, PolicyId, Response, TouchKind};
use crate::domain::churn::SignalKind;
use crate::domain::lifecycle::{KeyAction, Output, Stage, StageStatus};
use crate::domain::money::MoneyUnit;
use crate::domain::records::Lang;
use crate::domain::records::{
    Channel, CompanySize, CreditStatus, DecisionRole, Level, PreferredTime, RemarkKind,
    SatisfactionKind, Tag,
};
use crate::domain::stable::{names_carrying, StableName};
use crate::domain::templates::TemplateId;
use crate::domain::tiering::review::ChangeCause;
use crate::domain::tiering::rules::{Flag, Metric};
use crate::domain::tiering::{PresetId, Tier};
use crate::domain::winback::{Outcome, PlanAction, Reason};

/// Each enum field kind of the file, by the name its JSON Schema definition carries, with
/// every name of the enum.
pub(super) const ENUMS: [(&str, &[&str]); 28] = [
    ("company_size", CompanySize::NAMES),
    ("decision_role", DecisionRole::NAMES),
    ("channel", Channel::NAMES),
    ("preferred_time", PreferredTime::NAMES),
    ("level", Level::NAMES),
    ("credit_status", CreditStatus::NAMES),
    ("satisfaction_kind", SatisfactionKind::NAMES),
    ("remark_kind", RemarkKind::NAMES),
    ("money_unit", MoneyUnit::NAMES),
    ("tag_kind", Tag::NAMES),
    ("lifecycle_stage", Stage::NAMES),
    ("tier", Tier::NAMES),
    ("tiering_preset", PresetId::NAMES),
    ("tier_change_cause", ChangeCause::NAMES),
    ("tiering_metric", Metric::NAMES),
    ("touch_kind", TouchKind::NAMES),
    ("cadence_policy", PolicyId::NAMES),
    ("holiday", Holiday::NAMES),
    ("response", Response::NAMES),
    ("template", TemplateId::NAMES),
    ("stage_status", StageStatus::NAMES),
    ("key_action", KeyAction::NAMES),
    ("stage_output", Output::NAMES),
    ("winback_outcome", Outcome::NAMES),
    ("winback_reason", Reason::NAMES),
    ("winback_action", PlanAction::NAMES),
    ("signal_kind", SignalKind::NAMES),
    ("ui_lang", Lang::NAMES),
];

/// The names for one schema definition: an enum of [`ENUMS`], or part of one —
/// `tiering_flag` (flags written as a plain name; `in_stage` carries a stage and is an
/// object) and `text_tag_kind` (tag kinds that must come with a `text`).
pub(super) fn allowed(def: &str) -> Vec<&'static str> {
    match def {
        "tiering_flag" => names_carrying::<Flag>(false),
        "text_tag_kind" => names_carrying::<Tag>(true),
        _ => ENUMS
            .iter()
            .find(|(d, _)| *d == def)
            .map(|(_, names)| names.to_vec())
            .unwrap_or_else(|| unreachable!("no enum named {def}")),
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::{json, Value};

    use super::*;

    /// The name serde writes a value under: a unit variant is a string; a tag, reason or
    /// action an object whose `kind` is the name; a flag with content `{"name": content}`.
    fn serde_name<T: Serialize>(value: &T) -> String {
        match serde_json::to_value(value).unwrap() {
            Value::String(s) => s,
            Value::Object(o) if o.contains_key("kind") => o["kind"].as_str().unwrap().into(),
            Value::Object(o) if o.len() == 1 => o.keys().next().unwrap().clone(),
            other => panic!("{other} is not a named value"),
        }
    }

    /// Every value of `T` given (one per variant, in order) is stored under its serde name.
    fn check<T: StableName + Serialize>(values: &[T]) {
        let serde: Vec<String> = values.iter().map(serde_name).collect();
        assert_eq!(serde, T::NAMES, "{}", std::any::type_name::<T>());
        for v in values {
            assert_eq!(serde_name(v), v.name());
        }
    }

    /// For enums of unit variants: also read back from the name, by serde and by `from_name`.
    macro_rules! check_units {
        ($($enum:ty),* $(,)?) => {$(
            check(&<$enum>::ALL);
            for v in <$enum>::ALL {
                assert_eq!(serde_json::from_value::<$enum>(json!(v.name())).unwrap(), v);
                assert_eq!(<$enum>::from_name(v.name()), Some(v));
            }
        )*};
    }

    #[test]
    fn every_stable_name_is_the_serde_name() {
        check_units!(
            CompanySize,
            DecisionRole,
            Channel,
            PreferredTime,
            Level,
            CreditStatus,
            SatisfactionKind,
            RemarkKind,
            MoneyUnit,
            Stage,
            Tier,
            PresetId,
            ChangeCause,
            Metric,
            TouchKind,
            PolicyId,
            Holiday,
            Response,
            TemplateId,
            StageStatus,
            KeyAction,
            Output,
            Outcome,
            SignalKind,
            Lang,
        );
        // Enums with content: one value per variant, in order (`check` compares the count).
        let text = String::new;
        let mut tags = Tag::SEED.to_vec();
        tags.extend([Tag::PainPoint(text()), Tag::Free(text())]);
        check(&tags);
        check(&[
            Reason::Service,
            Reason::Product,
            Reason::Price,
            Reason::Other(text()),
        ]);
        check(&[
            PlanAction::Discount,
            PlanAction::ServiceUpgrade,
            PlanAction::SpecificFix(text()),
            PlanAction::ExecutiveApology,
        ]);
        check(&[
            Flag::IndustryLeader,
            Flag::ChurnRisk,
            Flag::HighPotential,
            Flag::HasDeal,
            Flag::InStage(Stage::Mature),
        ]);
        assert_eq!(TouchKind::from_name("Call"), None, "names are exact");
    }

    #[test]
    fn names_are_the_snake_case_serde_names() {
        assert_eq!(allowed("money_unit"), ["wan", "yuan"]);
        assert_eq!(
            allowed("decision_role"),
            ["decision_maker", "influencer", "user"]
        );
        assert_eq!(allowed("tag_kind").len(), 9);
        assert_eq!(allowed("text_tag_kind"), ["pain_point", "free"]);
        assert_eq!(
            allowed("tiering_flag"),
            [
                "industry_leader",
                "churn_risk",
                "high_potential",
                "has_deal"
            ]
        );
    }
}
