//! Tier rules as data: a rule is a tree of tests on a customer's figures and flags, so the
//! numbers can be edited and new presets written without new code.

use serde::{Deserialize, Serialize};

use crate::domain::figures::Figures;
use crate::domain::lifecycle::Stage;
use crate::domain::records::{CreditStatus, Customer, SatisfactionKind, Tag};
use crate::domain::stable::stable_enum;

stable_enum! {
    /// A number the rules compare.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Metric {
        /// Spend in the last 12 months, in 分.
        Spend12m,
        /// Whole months since the first deal.
        TenureMonths,
        /// Orders in the last 12 months.
        Orders12m,
        /// Expected cooperation growth, percent.
        GrowthPct,
        /// How far the last 3 months' spend fell against the 3 before, percent (50 = halved).
        Drop3mPct,
        /// The most recent 0–10 feedback score.
        LatestFeedback,
    }
}

stable_enum! {
    /// A yes/no fact the rules test.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Flag {
        /// 行业龙头 / 标杆.
        IndustryLeader,
        /// A churn risk on record: the 高流失风险 tag, competitor contact or a payment anomaly.
        ChurnRisk,
        /// Tagged 高潜力.
        HighPotential,
        /// At least one deal.
        HasDeal,
        /// In the lifecycle stage named.
        InStage(Stage),
    }
}

/// One test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Test {
    AtLeast(Metric, i64),
    AtMost(Metric, i64),
    Is(Flag),
    Not(Flag),
}

/// How tests combine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expr {
    /// Every part holds (an empty `All` always holds: the catch-all tier).
    All(Vec<Expr>),
    /// At least one part holds.
    Any(Vec<Expr>),
    Test(Test),
}

/// What the rules read about one customer, with `None` where the record has no value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs {
    pub spend_12m: i64,
    pub tenure_months: Option<i64>,
    pub orders_12m: i64,
    pub growth_pct: Option<i64>,
    pub drop_3m_pct: Option<i64>,
    pub latest_feedback: Option<i64>,
    pub industry_leader: bool,
    pub churn_risk: bool,
    pub high_potential: bool,
    pub has_deal: bool,
    pub stage: Option<Stage>,
}

impl Inputs {
    pub fn of(customer: &Customer, figures: &Figures) -> Inputs {
        let latest_feedback = customer
            .satisfaction
            .iter()
            .filter(|s| s.kind == Some(SatisfactionKind::Feedback))
            .filter_map(|s| s.date.map(|d| (d, s.score)))
            .max_by_key(|(d, _)| *d)
            .map(|(_, score)| score as i64);
        Inputs {
            spend_12m: figures.spend_12m.0,
            tenure_months: figures.tenure.map(|t| t.total_months() as i64),
            orders_12m: figures.orders_12m as i64,
            growth_pct: customer.strategy.growth_potential_pct.map(i64::from),
            drop_3m_pct: figures.last_3m_change_pct().map(|change| -change),
            latest_feedback,
            industry_leader: customer.strategy.industry_leader,
            churn_risk: customer.has_tag(&Tag::HighChurnRisk)
                || customer.strategy.competitor_contact
                || customer.strategy.credit == Some(CreditStatus::Overdue),
            high_potential: customer.has_tag(&Tag::HighPotential),
            has_deal: !customer.orders.is_empty(),
            stage: customer.stage,
        }
    }

    pub fn metric(&self, m: Metric) -> Option<i64> {
        match m {
            Metric::Spend12m => Some(self.spend_12m),
            Metric::TenureMonths => self.tenure_months,
            Metric::Orders12m => Some(self.orders_12m),
            Metric::GrowthPct => self.growth_pct,
            Metric::Drop3mPct => self.drop_3m_pct,
            Metric::LatestFeedback => self.latest_feedback,
        }
    }

    pub fn flag(&self, f: Flag) -> bool {
        match f {
            Flag::IndustryLeader => self.industry_leader,
            Flag::ChurnRisk => self.churn_risk,
            Flag::HighPotential => self.high_potential,
            Flag::HasDeal => self.has_deal,
            Flag::InStage(stage) => self.stage == Some(stage),
        }
    }
}

/// One test as it came out for a customer: the explanation's building block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fact {
    pub test: Test,
    /// The customer's value for a metric test; `None` when the record has none.
    pub actual: Option<i64>,
    pub met: bool,
}

/// The result of evaluating an expression.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub met: bool,
    /// The tests that decided it: those that held when it holds, all of them when it fails.
    pub facts: Vec<Fact>,
}

impl Outcome {
    /// Inputs the record lacks among the tests that decided this outcome.
    pub fn missing(&self) -> impl Iterator<Item = Metric> + '_ {
        self.facts.iter().filter_map(|f| match (f.test, f.actual) {
            (Test::AtLeast(m, _) | Test::AtMost(m, _), None) => Some(m),
            _ => None,
        })
    }
}

impl Test {
    pub fn evaluate(self, inputs: &Inputs) -> Fact {
        let (actual, met) = match self {
            Test::AtLeast(m, v) => {
                let a = inputs.metric(m);
                (a, a.is_some_and(|a| a >= v))
            }
            Test::AtMost(m, v) => {
                let a = inputs.metric(m);
                (a, a.is_some_and(|a| a <= v))
            }
            Test::Is(f) => (None, inputs.flag(f)),
            Test::Not(f) => (None, !inputs.flag(f)),
        };
        Fact {
            test: self,
            actual,
            met,
        }
    }
}

impl Expr {
    pub fn evaluate(&self, inputs: &Inputs) -> Outcome {
        match self {
            Expr::Test(t) => {
                let fact = t.evaluate(inputs);
                Outcome {
                    met: fact.met,
                    facts: vec![fact],
                }
            }
            Expr::All(parts) => {
                let outcomes: Vec<Outcome> = parts.iter().map(|p| p.evaluate(inputs)).collect();
                let met = outcomes.iter().all(|o| o.met);
                // When it holds every part counts; when it fails, the parts that failed.
                let facts = outcomes
                    .into_iter()
                    .filter(|o| met || !o.met)
                    .flat_map(|o| o.facts)
                    .collect();
                Outcome { met, facts }
            }
            Expr::Any(parts) => {
                let outcomes: Vec<Outcome> = parts.iter().map(|p| p.evaluate(inputs)).collect();
                match outcomes.iter().position(|o| o.met) {
                    Some(i) => Outcome {
                        met: true,
                        facts: outcomes[i].facts.clone(),
                    },
                    None => Outcome {
                        met: false,
                        facts: outcomes.into_iter().flat_map(|o| o.facts).collect(),
                    },
                }
            }
        }
    }

    /// Every test in the tree, for the settings editor and the borderline check.
    pub fn tests(&self) -> Vec<Test> {
        match self {
            Expr::Test(t) => vec![*t],
            Expr::All(parts) | Expr::Any(parts) => parts.iter().flat_map(Expr::tests).collect(),
        }
    }

    /// The tree's tests in order, mutably: the settings editor changes their numbers.
    pub fn tests_mut(&mut self) -> Vec<&mut Test> {
        match self {
            Expr::Test(t) => vec![t],
            Expr::All(parts) | Expr::Any(parts) => {
                parts.iter_mut().flat_map(Expr::tests_mut).collect()
            }
        }
    }
}

/// Shorthands for writing presets.
pub fn all(parts: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::All(parts.into_iter().collect())
}
pub fn any(parts: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Any(parts.into_iter().collect())
}
pub fn at_least(m: Metric, v: i64) -> Expr {
    Expr::Test(Test::AtLeast(m, v))
}
pub fn at_most(m: Metric, v: i64) -> Expr {
    Expr::Test(Test::AtMost(m, v))
}
pub fn is(f: Flag) -> Expr {
    Expr::Test(Test::Is(f))
}
pub fn not(f: Flag) -> Expr {
    Expr::Test(Test::Not(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs() -> Inputs {
        Inputs {
            spend_12m: 600,
            tenure_months: Some(12),
            industry_leader: true,
            ..Inputs::default()
        }
    }

    #[test]
    fn all_reports_what_failed_and_any_what_held() {
        let rule = all([
            at_least(Metric::Spend12m, 500),
            at_least(Metric::TenureMonths, 24),
            is(Flag::IndustryLeader),
        ]);
        let o = rule.evaluate(&inputs());
        assert!(!o.met);
        assert_eq!(o.facts.len(), 1);
        assert_eq!(o.facts[0].test, Test::AtLeast(Metric::TenureMonths, 24));
        assert_eq!(o.facts[0].actual, Some(12));

        let rule = any([at_least(Metric::GrowthPct, 30), is(Flag::IndustryLeader)]);
        let o = rule.evaluate(&inputs());
        assert!(o.met);
        assert_eq!(
            o.facts,
            vec![Fact {
                test: Test::Is(Flag::IndustryLeader),
                actual: None,
                met: true
            }]
        );
    }

    #[test]
    fn a_missing_input_never_holds_and_is_named() {
        let o = at_least(Metric::GrowthPct, 30).evaluate(&inputs());
        assert!(!o.met);
        assert_eq!(o.missing().collect::<Vec<_>>(), vec![Metric::GrowthPct]);
        // Missing is not zero: "at most 3" does not hold for a score never given.
        assert!(!at_most(Metric::LatestFeedback, 3).evaluate(&inputs()).met);
    }

    #[test]
    fn the_empty_all_is_the_catch_all() {
        assert!(all([]).evaluate(&Inputs::default()).met);
    }
}
