//! Contact cadence (联系周期, METHOD.md §3): turning tiers into dated touches so that nothing
//! is "next quarter" and nobody is forgotten.
//!
//! [`policy`] holds the seeds' cadence tables; [`dates`] the important dates (birthdays,
//! anniversaries, holidays, peak seasons); [`schedule`] computes what is due and when, from
//! the last real touch of each kind; [`plan`] projects a year ahead and spreads the load.

pub mod dates;
pub mod keys;
pub mod plan;
pub mod policy;
pub mod schedule;

use serde::{Deserialize, Serialize};

pub use crate::domain::records::TouchKind;
pub use dates::{next_anniversary, Holiday};
pub use policy::{default_policy, Interval, PolicyId, Response, TierCadence, TouchRule};
pub use schedule::{
    customer_dues, due_items, due_order, sort_dues, Due, DueReason, DueStatus, Records, Step,
};

impl TouchKind {
    /// The kinds a person logs (Contact is only ever asked for).
    pub const LOGGABLE: [TouchKind; 11] = [
        TouchKind::Call,
        TouchKind::Online,
        TouchKind::Visit,
        TouchKind::ExecutiveVisit,
        TouchKind::Message,
        TouchKind::NeedsSurvey,
        TouchKind::ThankYouLetter,
        TouchKind::UserGuide,
        TouchKind::Gift,
        TouchKind::Greeting,
        TouchKind::Event,
    ];

    /// Whether a touch of this kind counts for a cadence asking for `required`: a visit is
    /// also a conversation, so it resets a call; an executive visit is also a visit; any
    /// personal contact resets "contact". Automatic messages and greetings count only as
    /// themselves.
    pub fn satisfies(self, required: TouchKind) -> bool {
        use TouchKind::*;
        self == required
            || match required {
                Contact => !matches!(self, Message | Greeting),
                Call => matches!(self, Online | Visit | ExecutiveVisit),
                Online => matches!(self, Visit | ExecutiveVisit),
                Visit => self == ExecutiveVisit,
                _ => false,
            }
    }
}

/// Settings → Cadence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CadenceSettings {
    /// `None` follows the tiering preset; a policy here mixes another seed's cadence in.
    pub policy: Option<PolicyId>,
    /// The user's edited tables, per policy.
    pub custom: Vec<(PolicyId, Vec<TierCadence>)>,
    /// Move a generated date off Saturday and Sunday (`calendar::working_day`): a cadence's
    /// or a set day's to the Monday after, a deadline's or a greeting's to the Friday before.
    /// A planned touch keeps the date the user chose.
    pub skip_weekends: bool,
    /// At most this many touches per owner per day in the plan (0 = no cap).
    pub daily_cap: u32,
    /// Holidays to greet customers on.
    pub holidays: Vec<Holiday>,
    /// Remind this many days before a customer's peak season.
    pub peak_lead_days: u32,
    /// 002's onboarding after a first deal, and 003's new-customer steps.
    pub onboarding: bool,
}

impl Default for CadenceSettings {
    fn default() -> Self {
        CadenceSettings {
            policy: None,
            custom: Vec::new(),
            skip_weekends: true,
            daily_cap: 0,
            holidays: vec![Holiday::SpringFestival, Holiday::MidAutumn],
            peak_lead_days: 30,
            onboarding: true,
        }
    }
}

impl CadenceSettings {
    pub fn policy_id(&self, preset: crate::domain::tiering::PresetId) -> PolicyId {
        self.policy.unwrap_or_else(|| PolicyId::for_preset(preset))
    }

    /// The table in force for a policy: the user's, or the seed's.
    pub fn table(&self, id: PolicyId) -> Vec<TierCadence> {
        self.custom
            .iter()
            .find(|(p, _)| *p == id)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| default_policy(id))
    }

    pub fn set_table(&mut self, id: PolicyId, table: Vec<TierCadence>) {
        self.custom.retain(|(p, _)| *p != id);
        if table != default_policy(id) {
            self.custom.push((id, table));
        }
    }
}

#[cfg(test)]
mod tests;
