//! The names enums are written with in a file, taken from serde itself so that the checks,
//! their messages and the JSON Schema cannot drift from what the app actually writes.

use serde::Serialize;

use crate::domain::cadence::{Holiday, PolicyId, Response, TouchKind};
use crate::domain::churn::SignalKind;
use crate::domain::customer::{
    Channel, CompanySize, CreditStatus, DecisionRole, Level, PreferredTime, RemarkKind,
    SatisfactionKind, Tag,
};
use crate::domain::lifecycle::{KeyAction, Output, Stage, StageStatus};
use crate::domain::money::MoneyUnit;
use crate::domain::templates::TemplateId;
use crate::domain::tiering::review::ChangeCause;
use crate::domain::tiering::rules::{Flag, Metric};
use crate::domain::tiering::{PresetId, Tier};
use crate::domain::winback::{Outcome, PlanAction, Reason};

/// Variants of enums that have no `ALL` list of their own; the tests' exhaustive matches
/// fail to compile when a variant is added and not listed here.
pub(super) const REMARK_KINDS: [RemarkKind; 2] = [RemarkKind::Complaint, RemarkKind::Suggestion];
pub(super) const MONEY_UNITS: [MoneyUnit; 2] = [MoneyUnit::Wan, MoneyUnit::Yuan];
pub(super) const METRICS: [Metric; 6] = [
    Metric::Spend12m,
    Metric::TenureMonths,
    Metric::Orders12m,
    Metric::GrowthPct,
    Metric::Drop3mPct,
    Metric::LatestFeedback,
];
/// Flags without content; `in_stage` carries a lifecycle stage and is checked apart.
pub(super) const FLAGS: [Flag; 4] = [
    Flag::IndustryLeader,
    Flag::ChurnRisk,
    Flag::HighPotential,
    Flag::HasDeal,
];
pub(super) const RESPONSES: [Response; 2] = [Response::AroundTheClock, Response::FourHoursWorkdays];
/// Every stage's statuses, actions and outputs, from the stages themselves.
pub(super) const STAGE_STATUSES: [StageStatus; 15] = {
    use StageStatus::*;
    [
        ToNurture,
        LowIntent,
        HighIntent,
        ClearIntent,
        NeedsFollowUp,
        ToAbandon,
        Signed,
        Implementing,
        Delivered,
        Loyal,
        Stable,
        NeedsAttention,
        Recovered,
        RecoveryFailed,
        Unrecoverable,
    ]
};
pub(super) const KEY_ACTIONS: [KeyAction; 19] = {
    use KeyAction::*;
    [
        Collect,
        Screen,
        File,
        FirstContact,
        NeedsSurvey,
        Proposal,
        Objections,
        Negotiate,
        Sign,
        Deliver,
        SatisfactionCheck,
        QuarterlyReview,
        ValueAddedService,
        CrossSell,
        Nps,
        ReasonAnalysis,
        WinBackPlan,
        Owner,
        Review,
    ]
};
pub(super) const OUTPUTS: [Output; 9] = {
    use Output::*;
    [
        LeadList,
        NeedsReport,
        Proposal,
        Contract,
        ImplementationPlan,
        VisitRecord,
        ServiceReport,
        ChurnAnalysis,
        WinBackPlan,
    ]
};
pub(super) const SIGNALS: [SignalKind; 8] = [
    SignalKind::ContactFalling,
    SignalKind::ComplaintsRising,
    SignalKind::PaymentAnomaly,
    SignalKind::CompetitorContact,
    SignalKind::SpendDrop,
    SignalKind::LowFeedback,
    SignalKind::NpsDetractor,
    SignalKind::PausedA,
];
pub(super) const TIERS: [Tier; 4] = [Tier::A, Tier::B, Tier::C, Tier::D];
pub(super) const CHANGE_CAUSES: [ChangeCause; 7] = [
    ChangeCause::Initial,
    ChangeCause::Confirmed,
    ChangeCause::ObservationPassed,
    ChangeCause::Manual,
    ChangeCause::ManualEnded,
    ChangeCause::RaisedForLargeOrder,
    ChangeCause::RaiseEnded,
];

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
        ("lifecycle_stage", names(&Stage::ALL)),
        ("tier", names(&TIERS)),
        ("tiering_preset", names(&PresetId::ALL)),
        ("tier_change_cause", names(&CHANGE_CAUSES)),
        ("tiering_metric", names(&METRICS)),
        ("touch_kind", names(&TouchKind::ALL)),
        ("cadence_policy", names(&PolicyId::ALL)),
        ("holiday", names(&Holiday::ALL)),
        ("response", names(&RESPONSES)),
        ("template", names(&TemplateId::ALL)),
        ("stage_status", names(&STAGE_STATUSES)),
        ("key_action", names(&KEY_ACTIONS)),
        ("stage_output", names(&OUTPUTS)),
        ("winback_outcome", names(&Outcome::ALL)),
        (
            "winback_reason",
            names(&[
                Reason::Service,
                Reason::Product,
                Reason::Price,
                Reason::Other(String::new()),
            ]),
        ),
        (
            "winback_action",
            names(&[
                PlanAction::Discount,
                PlanAction::ServiceUpgrade,
                PlanAction::SpecificFix(String::new()),
                PlanAction::ExecutiveApology,
            ]),
        ),
        ("signal_kind", names(&SIGNALS)),
        ("ui_lang", vec!["zh".to_string(), "en".to_string()]),
        ("tiering_flag", names(&FLAGS)),
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
        for m in METRICS {
            match m {
                Metric::Spend12m
                | Metric::TenureMonths
                | Metric::Orders12m
                | Metric::GrowthPct
                | Metric::Drop3mPct
                | Metric::LatestFeedback => {}
            }
        }
        for f in FLAGS {
            match f {
                Flag::IndustryLeader | Flag::ChurnRisk | Flag::HighPotential | Flag::HasDeal => {}
                Flag::InStage(_) => unreachable!("carries a stage; checked apart"),
            }
        }
        for r in RESPONSES {
            match r {
                Response::AroundTheClock | Response::FourHoursWorkdays => {}
            }
        }
        // Every stage lists only known statuses, actions and outputs.
        for stage in Stage::ALL {
            assert!(stage.statuses().iter().all(|s| STAGE_STATUSES.contains(s)));
            assert!(stage.actions().iter().all(|a| KEY_ACTIONS.contains(a)));
            assert!(stage.outputs().iter().all(|o| OUTPUTS.contains(o)));
        }
        for tier in TIERS {
            match tier {
                Tier::A | Tier::B | Tier::C | Tier::D => {}
            }
        }
        for cause in CHANGE_CAUSES {
            match cause {
                ChangeCause::Initial
                | ChangeCause::Confirmed
                | ChangeCause::ObservationPassed
                | ChangeCause::Manual
                | ChangeCause::ManualEnded
                | ChangeCause::RaisedForLargeOrder
                | ChangeCause::RaiseEnded => {}
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
