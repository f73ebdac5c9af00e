//! The seeds' tiering presets, as data with the seeds' numbers as defaults (METHOD.md §2).

use serde::{Deserialize, Serialize};

use super::rules::{all, any, at_least, at_most, is, not, Expr, Flag, Metric};
use super::Tier;
use crate::domain::lifecycle::Stage;
use crate::domain::money::Fen;
pub use crate::domain::records::PresetId;
use crate::domain::warning::WARNING;

impl PresetId {
    /// The tiers the preset uses, best first.
    pub fn tiers(self) -> &'static [Tier] {
        match self {
            PresetId::AbcPareto | PresetId::Classes003 => &[Tier::A, Tier::B, Tier::C],
            _ => &Tier::ALL,
        }
    }
}

/// One tier and the rule that puts a customer in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierRule {
    pub tier: Tier,
    pub rule: Expr,
}

/// How a preset decides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// Rules tried in order; the first that holds decides. A customer that meets no rule
    /// exactly lands in the nearest lower tier whose rule it meets (the last rule holds always).
    Rules(Vec<TierRule>),
    /// Pareto ABC over the portfolio's 12-month spend: customers making up the first `a_pct`
    /// percent of the cumulative total are A, the next `b_pct` percent B, the rest C.
    Pareto { a_pct: u32, b_pct: u32 },
}

fn wan(n: i64) -> i64 {
    Fen::from_wan(n).0
}

fn yuan(n: i64) -> i64 {
    Fen::from_yuan(n).0
}

fn rule(tier: Tier, rule: Expr) -> TierRule {
    TierRule { tier, rule }
}

/// The preset with the seed's numbers.
pub fn default_scheme(preset: PresetId) -> Scheme {
    match preset {
        PresetId::AbcPareto => Scheme::Pareto {
            a_pct: 60,
            b_pct: 30,
        },
        // Value: 12-month spend of at least 100 万 (000's B example, 300 万, is high value; its
        // C example, 50 万, is not). Potential: 30 % expected growth (002's benchmark) or 高潜力.
        PresetId::ValuePotential => {
            let potential = || any([at_least(Metric::GrowthPct, 30), is(Flag::HighPotential)]);
            Scheme::Rules(vec![
                rule(
                    Tier::A,
                    all([at_least(Metric::Spend12m, wan(100)), potential()]),
                ),
                rule(Tier::B, all([at_least(Metric::Spend12m, wan(100))])),
                rule(Tier::C, potential()),
                rule(Tier::D, all([])),
            ])
        }
        PresetId::Abcd001 => Scheme::Rules(vec![
            rule(
                Tier::A,
                all([
                    at_least(Metric::Spend12m, wan(50)),
                    at_least(Metric::TenureMonths, 24),
                    is(Flag::IndustryLeader),
                    not(Flag::ChurnRisk),
                ]),
            ),
            rule(
                Tier::B,
                all([
                    at_least(Metric::Spend12m, wan(20)),
                    at_least(Metric::TenureMonths, 12),
                ]),
            ),
            // 001 describes C as 5–20 万 with tenure ≤ 1 year; the tenure describes the typical
            // C customer, it does not exclude a long-standing small one (who would fit no tier).
            rule(Tier::C, all([at_least(Metric::Spend12m, wan(5))])),
            // D 潜在: a clear need but no deal yet, low frequency, or a new lead.
            rule(Tier::D, all([])),
        ]),
        PresetId::Abcd002 => Scheme::Rules(vec![
            // D 流失预警 wins over every other rule, so it is tried first.
            rule(
                Tier::D,
                any([
                    at_least(Metric::Drop3mPct, WARNING.spend_drop_pct),
                    at_most(Metric::LatestFeedback, WARNING.low_feedback.into()),
                ]),
            ),
            rule(
                Tier::A,
                any([
                    at_least(Metric::Spend12m, wan(50)),
                    all([is(Flag::IndustryLeader), at_least(Metric::GrowthPct, 30)]),
                ]),
            ),
            rule(Tier::B, all([at_least(Metric::Spend12m, wan(10))])),
            rule(Tier::C, all([])),
        ]),
        PresetId::Classes003 => Scheme::Rules(vec![
            rule(
                Tier::A,
                any([
                    at_least(Metric::Spend12m, yuan(50_000)),
                    at_least(Metric::Orders12m, 10),
                    is(Flag::InStage(Stage::Mature)),
                ]),
            ),
            rule(
                Tier::B,
                any([
                    at_least(Metric::Spend12m, yuan(10_000)),
                    at_least(Metric::Orders12m, 3),
                    is(Flag::InStage(Stage::Converted)),
                ]),
            ),
            rule(Tier::C, all([])),
        ]),
    }
}
