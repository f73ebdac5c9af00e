//! Putting every customer in a tier, with the reason in real numbers.

use super::presets::Scheme;
use super::rules::{Fact, Inputs, Metric, Test};
use super::Tier;
use crate::domain::sorting;

/// Why a customer is in its tier.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explanation {
    /// The tests of the deciding rule that held (empty for a catch-all tier).
    pub facts: Vec<Fact>,
    /// Rules tried before the deciding one, each with the tests that failed: "why not A".
    pub tried_before: Vec<(Tier, Vec<Fact>)>,
    /// Inputs the record lacks that could have changed the result.
    pub missing: Vec<Metric>,
    /// For the Pareto preset: where the customer stands in the portfolio.
    pub pareto: Option<ParetoPlace>,
}

/// A customer's place in the Pareto ranking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParetoPlace {
    /// 1 = the largest 12-month spend.
    pub rank: usize,
    /// Share of the portfolio's spend held by the customers ranked above, in basis points
    /// (1/100 of a percent).
    pub share_before_bp: u32,
    /// Share including this customer.
    pub share_through_bp: u32,
    pub a_pct: u32,
    pub b_pct: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    pub tier: Tier,
    pub explanation: Explanation,
    /// A figure within the margin of a threshold: watch before moving (观察期).
    pub borderline: bool,
    /// Which figures are that close, each with the threshold it is near (empty for the
    /// Pareto preset, whose figure is the cumulative share in `explanation.pareto`).
    pub near: Vec<Fact>,
}

/// Within `margin_pct` percent of the threshold (either side).
fn near(actual: i64, threshold: i64, margin_pct: u32) -> bool {
    threshold != 0 && (actual - threshold).abs() * 100 <= threshold.abs() * margin_pct as i64
}

fn borderline_fact(fact: &Fact, margin_pct: u32) -> bool {
    match (fact.test, fact.actual) {
        (Test::AtLeast(_, v) | Test::AtMost(_, v), Some(a)) => near(a, v, margin_pct),
        _ => false,
    }
}

/// Tiers every customer (`inputs` in portfolio order) by `scheme`.
pub fn classify_all(inputs: &[Inputs], scheme: &Scheme, margin_pct: u32) -> Vec<Classification> {
    match scheme {
        Scheme::Rules(rules) => inputs
            .iter()
            .map(|input| {
                let mut tried_before = Vec::new();
                let mut missing: Vec<Metric> = Vec::new();
                let mut near: Vec<Fact> = Vec::new();
                for rule in rules {
                    let outcome = rule.rule.evaluate(input);
                    for m in outcome.missing() {
                        if !missing.contains(&m) {
                            missing.push(m);
                        }
                    }
                    near.extend(
                        outcome
                            .facts
                            .iter()
                            .filter(|f| borderline_fact(f, margin_pct))
                            .cloned(),
                    );
                    if outcome.met {
                        return Classification {
                            tier: rule.tier,
                            explanation: Explanation {
                                facts: outcome.facts,
                                tried_before,
                                missing,
                                pareto: None,
                            },
                            borderline: !near.is_empty(),
                            near,
                        };
                    }
                    tried_before.push((rule.tier, outcome.facts));
                }
                // A scheme without a catch-all: the lowest tier listed.
                Classification {
                    tier: rules.last().map_or(Tier::C, |r| r.tier),
                    explanation: Explanation {
                        tried_before,
                        missing,
                        ..Explanation::default()
                    },
                    borderline: !near.is_empty(),
                    near,
                }
            })
            .collect(),
        Scheme::Pareto { a_pct, b_pct } => pareto(inputs, *a_pct, *b_pct, margin_pct),
    }
}

fn pareto(inputs: &[Inputs], a_pct: u32, b_pct: u32, margin_pct: u32) -> Vec<Classification> {
    let total: i128 = inputs.iter().map(|i| i.spend_12m.max(0) as i128).sum();
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    // Largest first; equal spend keeps portfolio order, so the result is deterministic.
    sorting::sort_by_key(&mut order, |&i| std::cmp::Reverse(inputs[i].spend_12m));
    let mut out = vec![None; inputs.len()];
    let a_bp = a_pct * 100;
    let ab_bp = (a_pct + b_pct) * 100;
    let mut cumulative: i128 = 0;
    for (rank, &i) in order.iter().enumerate() {
        let spend = inputs[i].spend_12m.max(0) as i128;
        let bp = |v: i128| {
            if total == 0 {
                10_000
            } else {
                (v * 10_000 / total) as u32
            }
        };
        let before = bp(cumulative);
        cumulative += spend;
        let through = bp(cumulative);
        // A customer belongs to the band its first 分 falls in: it is A while the customers
        // above it hold less than the A share.
        let tier = if spend == 0 {
            Tier::C
        } else if before < a_bp {
            Tier::A
        } else if before < ab_bp {
            Tier::B
        } else {
            Tier::C
        };
        let near_bp =
            |edge: u32| (before as i64 - edge as i64).abs() * 100 <= (edge * margin_pct) as i64;
        out[i] = Some(Classification {
            tier,
            explanation: Explanation {
                pareto: Some(ParetoPlace {
                    rank: rank + 1,
                    share_before_bp: before,
                    share_through_bp: through,
                    a_pct,
                    b_pct,
                }),
                ..Explanation::default()
            },
            borderline: spend > 0 && (near_bp(a_bp) || near_bp(ab_bp)),
            near: Vec::new(),
        });
    }
    out.into_iter()
        .map(|c| c.expect("every customer ranked"))
        .collect()
}
