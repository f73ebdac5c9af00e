//! Tiering (客户分级, METHOD.md §2): which tier each customer is in, why, and how tiers change
//! deliberately — observation period, review, manual overrides and 000's dynamic adjustments.
//!
//! Presets are data ([`presets`]); [`classify`] applies one to the portfolio; [`review`]
//! turns what the rules compute into the tier a customer actually has.

pub mod classify;
pub mod presets;
pub mod review;
pub mod rules;

use serde::{Deserialize, Serialize};

pub use crate::domain::records::Tier;
pub use classify::{classify_all, Classification, Explanation, ParetoPlace};
pub use presets::{default_scheme, PresetId, Scheme, TierRule};
pub use review::{TierChange, TierDecision, TierState};
pub use rules::Inputs;

/// The tiering setup of a data set (Settings → Tiering).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TieringSettings {
    pub preset: PresetId,
    /// The user's edited numbers for each preset they changed; others use the defaults.
    pub schemes: Vec<(PresetId, Scheme)>,
    /// A figure this close (percent) to a threshold puts the customer under observation.
    pub margin_pct: u32,
    /// How long a new result must hold before the tier changes by itself (default a quarter).
    pub observation_months: u32,
    /// An A customer without an order for this many days is flagged as paused (000).
    pub pause_days: u32,
    /// A C customer whose latest order is this many times its earlier average is raised (000).
    pub surge_multiple: u32,
    /// How long such a temporary raise lasts.
    pub raise_months: u32,
    /// When the last re-tier review was completed (002: every quarter).
    #[serde(
        default,
        deserialize_with = "crate::domain::calendar::deserialize_opt_date"
    )]
    pub last_review: Option<chrono::NaiveDate>,
}

impl Default for TieringSettings {
    fn default() -> Self {
        TieringSettings {
            preset: PresetId::default(),
            schemes: Vec::new(),
            margin_pct: 10,
            observation_months: 3,
            pause_days: 90,
            surge_multiple: 3,
            raise_months: 3,
            last_review: None,
        }
    }
}

impl TieringSettings {
    /// The scheme in force for a preset: the user's numbers, or the seed's.
    pub fn scheme(&self, preset: PresetId) -> Scheme {
        self.schemes
            .iter()
            .find(|(p, _)| *p == preset)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| default_scheme(preset))
    }

    pub fn set_scheme(&mut self, preset: PresetId, scheme: Scheme) {
        self.schemes.retain(|(p, _)| *p != preset);
        if scheme != default_scheme(preset) {
            self.schemes.push((preset, scheme));
        }
    }

    /// Whether the quarterly review is due: a period after the last one or, with none done
    /// yet, a period after `first_entered` (the oldest profile's creation): a workspace whose
    /// customers were all typed in this week has nothing to review yet.
    pub fn review_due(
        &self,
        today: chrono::NaiveDate,
        first_entered: Option<chrono::NaiveDate>,
    ) -> bool {
        let period = self.observation_months.max(1) as i32;
        self.last_review
            .or(first_entered)
            .is_none_or(|d| crate::domain::calendar::add_months(d, period) <= today)
    }
}

/// Tiers a whole portfolio as the settings say, for `today`: one classification per customer,
/// in the same order.
pub fn classify_portfolio(
    customers: &[crate::domain::records::Customer],
    settings: &TieringSettings,
    today: chrono::NaiveDate,
) -> Vec<Classification> {
    let inputs: Vec<Inputs> = customers
        .iter()
        .map(|c| Inputs::of(c, &crate::domain::figures::Figures::of(c, today)))
        .collect();
    classify_inputs(&inputs, settings)
}

/// `classify_portfolio` from each customer's inputs (`Inputs::of` its figures today), for a
/// caller that keeps them per customer.
pub fn classify_inputs(inputs: &[Inputs], settings: &TieringSettings) -> Vec<Classification> {
    classify_all(
        inputs,
        &settings.scheme(settings.preset),
        settings.margin_pct,
    )
}

#[cfg(test)]
mod tests;
