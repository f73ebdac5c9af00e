//! The seeds' worked examples and the rules around tiering, end to end.

use chrono::NaiveDate;

use super::review::{ChangeCause, ManualError};
use super::rules::{Metric, Test};
use super::*;
use crate::domain::lifecycle::Stage;
use crate::domain::money::Fen;
use crate::domain::records::{Customer, Order, SatisfactionEntry, SatisfactionKind, Tag};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: fn() -> NaiveDate = || d(2023, 10, 15);

/// A customer whose first deal was `tenure_months` ago and whose 12-month spend is `wan` 万,
/// spread over `orders` orders in the last year.
fn customer(name: &str, wan: i64, tenure_months: i32, orders: usize) -> Customer {
    let today = TODAY();
    let mut list = Vec::new();
    if tenure_months > 0 {
        // The first deal (outside the 12-month window when tenure ≥ 12) carries no spend.
        list.push(Order {
            id: format!("{name}-first"),
            date: Some(crate::domain::calendar::add_months(today, -tenure_months)),
            amount_fen: Fen(0),
            ..Order::default()
        });
    }
    let per = if orders > 0 {
        Fen::from_wan(wan).0 / orders as i64
    } else {
        0
    };
    for i in 0..orders {
        list.push(Order {
            id: format!("{name}-{i}"),
            date: Some(today - chrono::Duration::days(10 + i as i64 * 20)),
            amount_fen: Fen(per),
            ..Order::default()
        });
    }
    Customer {
        id: name.into(),
        name: name.into(),
        orders: list,
        ..Customer::default()
    }
}

fn settings(preset: PresetId) -> TieringSettings {
    TieringSettings {
        preset,
        ..TieringSettings::default()
    }
}

fn tiers(customers: &[Customer], preset: PresetId) -> Vec<Tier> {
    classify_portfolio(customers, &settings(preset), TODAY())
        .into_iter()
        .map(|c| c.tier)
        .collect()
}

#[test]
fn seed_001_worked_example_tiers() {
    let mut tech = customer("科技公司", 85, 36, 4);
    tech.strategy.industry_leader = true;
    let yy = customer("YY贸易公司", 35, 18, 4);
    let zz = customer("ZZ制造厂", 12, 8, 3);
    let aa = customer("AA集团", 0, 0, 0);
    assert_eq!(
        tiers(&[tech, yy, zz, aa], PresetId::Abcd001),
        vec![Tier::A, Tier::B, Tier::C, Tier::D]
    );
}

#[test]
fn seed_001_a_customer_meeting_no_rule_exactly_lands_in_the_nearest_lower_tier() {
    // 60 万 but only 1 year: not A (tenure), so B — and the explanation says why not A.
    let mut c = customer("X", 60, 12, 3);
    c.strategy.industry_leader = true;
    let result = &classify_portfolio(&[c], &settings(PresetId::Abcd001), TODAY())[0];
    assert_eq!(result.tier, Tier::B);
    let (missed, facts) = &result.explanation.tried_before[0];
    assert_eq!(*missed, Tier::A);
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].test, Test::AtLeast(Metric::TenureMonths, 24));
    assert_eq!(facts[0].actual, Some(12));
    // A churn risk keeps an otherwise-A customer out of A.
    let mut risky = customer("R", 85, 36, 4);
    risky.strategy.industry_leader = true;
    risky.tags.push(Tag::HighChurnRisk);
    assert_eq!(tiers(&[risky], PresetId::Abcd001), vec![Tier::B]);
}

#[test]
fn seed_001_explanation_carries_the_real_numbers() {
    let mut tech = customer("科技公司", 85, 36, 4);
    tech.strategy.industry_leader = true;
    let result = &classify_portfolio(&[tech], &settings(PresetId::Abcd001), TODAY())[0];
    let facts: Vec<(Test, Option<i64>)> = result
        .explanation
        .facts
        .iter()
        .map(|f| (f.test, f.actual))
        .collect();
    assert_eq!(
        facts,
        vec![
            (
                Test::AtLeast(Metric::Spend12m, Fen::from_wan(50).0),
                Some(Fen::from_wan(85).0)
            ),
            (Test::AtLeast(Metric::TenureMonths, 24), Some(36)),
            (Test::Is(rules::Flag::IndustryLeader), None),
            (Test::Not(rules::Flag::ChurnRisk), None),
        ]
    );
    // No deal at all: tenure is missing, named rather than taken as zero.
    let aa = &classify_portfolio(
        &[customer("AA", 0, 0, 0)],
        &settings(PresetId::Abcd001),
        TODAY(),
    )[0];
    assert!(aa.explanation.missing.contains(&Metric::TenureMonths));
}

#[test]
fn seed_000_abc_examples_inside_a_realistic_portfolio() {
    // 000's examples — *总 800 万, *经理 300 万, *主任 50 万 — and seven small customers.
    let mut portfolio = vec![
        customer("*总", 800, 40, 10),
        customer("*经理", 300, 30, 6),
        customer("*主任", 50, 20, 2),
    ];
    for i in 0..7 {
        portfolio.push(customer(&format!("small-{i}"), 10, 12, 1));
    }
    // Total 1,220 万: *总 holds 65.6 % (A); *经理 starts at 65.6 % (B, up to 90 %); *主任
    // starts at 90.2 % (C), as do the small ones.
    let result = classify_portfolio(&portfolio, &settings(PresetId::AbcPareto), TODAY());
    let tiers: Vec<Tier> = result.iter().map(|c| c.tier).collect();
    assert_eq!(&tiers[..3], &[Tier::A, Tier::B, Tier::C]);
    assert!(tiers[3..].iter().all(|t| *t == Tier::C));
    let place = |i: usize| result[i].explanation.pareto.unwrap();
    assert_eq!((place(0).rank, place(0).share_through_bp), (1, 6557));
    assert_eq!(place(1).share_before_bp, 6557);
    assert_eq!(place(2).share_before_bp, 9016);
}

#[test]
fn pareto_the_customer_whose_spend_crosses_a_line_belongs_to_the_band_it_starts_in() {
    // With a longer tail *总 alone is under 60 %, so *经理 also starts inside the A band.
    let mut portfolio = vec![customer("*总", 800, 40, 10), customer("*经理", 300, 30, 6)];
    for i in 0..25 {
        portfolio.push(customer(&format!("small-{i}"), 10, 12, 1));
    }
    let result = classify_portfolio(&portfolio, &settings(PresetId::AbcPareto), TODAY());
    assert_eq!(result[0].explanation.pareto.unwrap().share_through_bp, 5925);
    assert_eq!(result[1].tier, Tier::A);
    // Nobody with no spend is above C, however few customers there are.
    let lone = classify_portfolio(
        &[customer("lead", 0, 0, 0)],
        &settings(PresetId::AbcPareto),
        TODAY(),
    );
    assert_eq!(lone[0].tier, Tier::C);
}

#[test]
fn value_potential_quadrants() {
    let mut star = customer("star", 300, 24, 3);
    star.strategy.growth_potential_pct = Some(40);
    let cash_cow = customer("cow", 300, 24, 3);
    let mut seedling = customer("seed", 20, 6, 1);
    seedling.tags.push(Tag::HighPotential);
    let small = customer("small", 20, 6, 1);
    assert_eq!(
        tiers(&[star, cash_cow, seedling, small], PresetId::ValuePotential),
        vec![Tier::A, Tier::B, Tier::C, Tier::D]
    );
}

fn feedback(score: u32, date: NaiveDate) -> SatisfactionEntry {
    SatisfactionEntry {
        id: format!("s{score}"),
        date: Some(date),
        kind: Some(SatisfactionKind::Feedback),
        score,
        ..SatisfactionEntry::default()
    }
}

#[test]
fn seed_002_d_triggers_win_over_every_other_rule() {
    let today = TODAY();
    // 100 万 a year, but the last 3 months (10) are half the 3 before (20): exactly 50 % → D.
    let mut halved = customer("halved", 0, 24, 0);
    for (days, wan) in [(20, 10), (120, 20), (200, 70)] {
        halved.orders.push(Order {
            id: format!("h{days}"),
            date: Some(today - chrono::Duration::days(days)),
            amount_fen: Fen::from_wan(wan),
            ..Order::default()
        });
    }
    // A 49 % drop is not enough.
    let mut dipped = customer("dipped", 0, 24, 0);
    for (days, fen) in [(20, 51), (120, 100)] {
        dipped.orders.push(Order {
            id: format!("d{days}"),
            date: Some(today - chrono::Duration::days(days)),
            amount_fen: Fen::from_wan(fen),
            ..Order::default()
        });
    }
    // Feedback 3 of 10 → D; 4 → not.
    let mut unhappy = customer("unhappy", 80, 24, 4);
    unhappy.satisfaction.push(feedback(9, d(2023, 1, 1)));
    unhappy.satisfaction.push(feedback(3, d(2023, 9, 1)));
    let mut fine = customer("fine", 80, 24, 4);
    fine.satisfaction.push(feedback(4, d(2023, 9, 1)));
    // Benchmark with ≥ 30 % growth potential is A even with little spend.
    let mut benchmark = customer("benchmark", 5, 12, 1);
    benchmark.strategy.industry_leader = true;
    benchmark.strategy.growth_potential_pct = Some(30);
    let steady = customer("steady", 10, 24, 4);
    let small = customer("small", 9, 24, 4);
    assert_eq!(
        tiers(
            &[halved, dipped, unhappy, fine, benchmark, steady, small],
            PresetId::Abcd002
        ),
        vec![
            Tier::D,
            Tier::A,
            Tier::D,
            Tier::A,
            Tier::A,
            Tier::B,
            Tier::C
        ]
    );
}

#[test]
fn seed_003_boundary_values() {
    let mut s = settings(PresetId::Classes003);
    s.preset = PresetId::Classes003;
    let yuan = |n: i64| n * 100;
    let with = |spend_yuan: i64, orders: usize| {
        let mut c = customer("c", 0, 24, 0);
        for i in 0..orders {
            c.orders.push(Order {
                id: format!("o{i}"),
                date: Some(TODAY() - chrono::Duration::days(5 + i as i64)),
                amount_fen: Fen(if i == 0 { yuan(spend_yuan) } else { 0 }),
                ..Order::default()
            });
        }
        c
    };
    let mut mature = with(0, 0);
    mature.stage = Some(Stage::Mature);
    let mut growing = with(0, 0);
    growing.stage = Some(Stage::Converted);
    let cases = vec![
        with(50_000, 1),
        with(49_999, 1),
        with(0, 10),
        with(0, 9),
        with(10_000, 1),
        with(9_999, 1),
        with(0, 3),
        with(0, 2),
        mature,
        growing,
    ];
    assert_eq!(
        tiers(&cases, PresetId::Classes003),
        vec![
            Tier::A,
            Tier::B,
            Tier::A,
            Tier::B,
            Tier::B,
            Tier::C,
            Tier::B,
            Tier::C,
            Tier::A,
            Tier::B
        ]
    );
}

#[test]
fn borderline_figures_are_flagged_for_observation() {
    let s = settings(PresetId::Abcd001);
    let result = classify_portfolio(
        &[customer("near", 48, 36, 3), customer("far", 30, 36, 3)],
        &s,
        TODAY(),
    );
    assert!(result[0].borderline, "48 万 is within 10 % of 50");
    assert!(!result[1].borderline);
}

#[test]
fn a_changed_result_waits_for_confirmation_or_the_observation_period() {
    let s = settings(PresetId::Abcd001);
    let c = customer("c", 30, 24, 3);
    let mut state = TierState::default();
    let day0 = d(2024, 1, 10);
    assert!(state.advance(Tier::B, &c, PresetId::Abcd001, &s, day0));
    assert_eq!(state.current, Some(Tier::B));
    assert_eq!(state.history[0].cause, ChangeCause::Initial);

    // The rules now say C: proposed, not applied.
    let day1 = d(2024, 2, 1);
    assert!(state.advance(Tier::C, &c, PresetId::Abcd001, &s, day1));
    assert_eq!(state.current, Some(Tier::B));
    assert_eq!(
        state.pending.map(|p| (p.tier, p.since)),
        Some((Tier::C, day1))
    );
    // Still C a month later: nothing changes (and nothing needs writing).
    assert!(!state.advance(Tier::C, &c, PresetId::Abcd001, &s, d(2024, 3, 1)));
    // A quarter after it was first seen, the change applies by itself.
    assert!(state.advance(Tier::C, &c, PresetId::Abcd001, &s, d(2024, 5, 1)));
    assert_eq!(state.current, Some(Tier::C));
    assert_eq!(
        state.history.last().unwrap().cause,
        ChangeCause::ObservationPassed
    );

    // A result that flips back cancels the proposal.
    state.advance(Tier::B, &c, PresetId::Abcd001, &s, d(2024, 6, 1));
    assert!(state.pending.is_some());
    state.advance(Tier::C, &c, PresetId::Abcd001, &s, d(2024, 6, 2));
    assert!(state.pending.is_none());
}

#[test]
fn review_confirms_or_rejects_and_a_rejection_stays_quiet_for_a_period() {
    let s = settings(PresetId::Abcd001);
    let c = customer("c", 30, 24, 3);
    let mut state = TierState::default();
    state.advance(Tier::B, &c, PresetId::Abcd001, &s, d(2024, 1, 1));
    state.advance(Tier::A, &c, PresetId::Abcd001, &s, d(2024, 2, 1));
    assert!(state.confirm(d(2024, 2, 2)));
    assert_eq!(state.current, Some(Tier::A));
    assert_eq!(state.history.last().unwrap().cause, ChangeCause::Confirmed);

    state.advance(Tier::B, &c, PresetId::Abcd001, &s, d(2024, 3, 1));
    assert!(state.reject(d(2024, 3, 2)));
    assert_eq!(state.current, Some(Tier::A));
    state.advance(Tier::B, &c, PresetId::Abcd001, &s, d(2024, 4, 1));
    assert!(
        state.pending.is_none(),
        "rejected: not proposed again within the period"
    );
    state.advance(Tier::B, &c, PresetId::Abcd001, &s, d(2024, 6, 3));
    assert!(state.pending.is_some(), "after the period it comes back");
}

#[test]
fn manual_tiers_need_a_reason_and_end_on_their_date() {
    let s = settings(PresetId::Abcd001);
    let c = customer("c", 30, 24, 3);
    let mut state = TierState::default();
    state.advance(Tier::B, &c, PresetId::Abcd001, &s, d(2024, 1, 1));
    assert_eq!(
        state.set_manual(Tier::A, "  ", None, d(2024, 1, 2)),
        Err(ManualError::ReasonRequired)
    );
    state
        .set_manual(Tier::A, "战略合作伙伴", Some(d(2024, 3, 31)), d(2024, 1, 2))
        .unwrap();
    assert_eq!(state.effective(d(2024, 3, 31)), Some(Tier::A));
    assert_eq!(state.history.last().unwrap().note, "战略合作伙伴");
    state.advance(Tier::B, &c, PresetId::Abcd001, &s, d(2024, 4, 1));
    assert_eq!(state.manual, None);
    assert_eq!(state.effective(d(2024, 4, 1)), Some(Tier::B));
    assert_eq!(
        state.history.last().unwrap().cause,
        ChangeCause::ManualEnded
    );
}

#[test]
fn seed_000_dynamic_adjustments() {
    let s = settings(PresetId::Abcd001);
    let today = TODAY();
    // A C customer whose latest order is 3× its earlier average is raised to B for a while.
    let mut c = customer("c", 0, 24, 0);
    for (days, wan) in [(200, 2), (150, 2), (5, 6)] {
        c.orders.push(Order {
            id: format!("o{days}"),
            date: Some(today - chrono::Duration::days(days)),
            amount_fen: Fen::from_wan(wan),
            ..Order::default()
        });
    }
    let mut state = TierState::default();
    state.advance(Tier::C, &c, PresetId::Abcd001, &s, today);
    assert_eq!(state.effective(today), Some(Tier::B));
    let raise = state.raised.unwrap();
    assert_eq!(
        raise.until,
        crate::domain::calendar::add_months(today - chrono::Duration::days(5), 3)
    );
    // It ends on its date, and is not raised again for the same order.
    let later = raise.until.succ_opt().unwrap();
    state.advance(Tier::C, &c, PresetId::Abcd001, &s, later);
    assert_eq!(state.effective(later), Some(Tier::C));
    assert!(state.raised.is_none());

    // An A customer without an order for 90 days is flagged as paused.
    let mut a = customer("a", 80, 36, 1);
    a.orders.retain(|o| o.amount_fen.0 > 0);
    a.orders[0].date = Some(today - chrono::Duration::days(90));
    assert_eq!(review::paused_a(&a, Some(Tier::A), &s, today), Some(90));
    a.orders[0].date = Some(today - chrono::Duration::days(89));
    assert_eq!(review::paused_a(&a, Some(Tier::A), &s, today), None);
}

#[test]
fn switching_preset_starts_afresh_and_custom_numbers_are_kept_per_preset() {
    let s = settings(PresetId::Abcd001);
    let c = customer("c", 30, 24, 3);
    let mut state = TierState::default();
    state.advance(Tier::B, &c, PresetId::Abcd001, &s, d(2024, 1, 1));
    state.advance(Tier::A, &c, PresetId::Abcd002, &s, d(2024, 1, 2));
    assert_eq!(state.current, Some(Tier::A));
    assert_eq!(state.preset, Some(PresetId::Abcd002));
    assert!(state.pending.is_none());

    let mut s = settings(PresetId::Abcd001);
    let mut scheme = s.scheme(PresetId::Abcd001);
    if let Scheme::Rules(rules) = &mut scheme {
        if let Some(rules::Test::AtLeast(_, v)) = rules[0].rule.tests_mut().into_iter().next() {
            *v = Fen::from_wan(80).0;
        }
    }
    s.set_scheme(PresetId::Abcd001, scheme.clone());
    assert_eq!(s.scheme(PresetId::Abcd001), scheme);
    assert_eq!(
        s.scheme(PresetId::Abcd002),
        default_scheme(PresetId::Abcd002)
    );
    // Setting the defaults back stores nothing.
    s.set_scheme(PresetId::Abcd001, default_scheme(PresetId::Abcd001));
    assert!(s.schemes.is_empty());
}

#[test]
fn a_decision_applies_to_the_state_as_stored_not_as_shown() {
    let s = settings(PresetId::Abcd001);
    let c = customer("c", 30, 24, 3);
    // The page showed no tier yet; the rules stored the first one before the user decided.
    let shown = TierState::default();
    let mut stored = shown.clone();
    stored.advance(Tier::B, &c, PresetId::Abcd001, &s, d(2024, 1, 1));
    let manual = TierDecision::SetManual {
        tier: Tier::A,
        reason: "战略合作伙伴".into(),
        until: None,
    };
    assert_eq!(stored.decide(&manual, d(2024, 1, 2)), Ok(true));
    assert_eq!(
        stored.current,
        Some(Tier::B),
        "the rules' first tier is kept"
    );
    assert_eq!(stored.effective(d(2024, 1, 2)), Some(Tier::A));
    // A later move of the rules keeps the user's tier.
    assert!(!stored
        .clone()
        .advance(Tier::B, &c, PresetId::Abcd001, &s, d(2024, 1, 3)));
    assert_eq!(
        stored.decide(&TierDecision::ClearManual, d(2024, 1, 3)),
        Ok(true)
    );
    assert_eq!(stored.effective(d(2024, 1, 3)), Some(Tier::B));
    // Nothing to confirm or clear: no change, so nothing to write.
    assert_eq!(
        stored.decide(&TierDecision::Confirm, d(2024, 1, 3)),
        Ok(false)
    );
    assert_eq!(
        stored.decide(&TierDecision::ClearManual, d(2024, 1, 3)),
        Ok(false)
    );
    let no_reason = TierDecision::SetManual {
        tier: Tier::A,
        reason: " ".into(),
        until: None,
    };
    assert_eq!(
        stored.decide(&no_reason, d(2024, 1, 3)),
        Err(ManualError::ReasonRequired)
    );
}

#[test]
fn the_first_quarterly_review_falls_due_a_period_after_the_first_profile() {
    let settings = TieringSettings::default();
    let entered = d(2024, 1, 10);
    let months = settings.observation_months.max(1) as i32;
    let due_on = crate::domain::calendar::add_months(entered, months);
    // Customers typed in this week: nothing to review yet.
    assert!(!settings.review_due(d(2024, 1, 12), Some(entered)));
    assert!(!settings.review_due(due_on - chrono::Duration::days(1), Some(entered)));
    assert!(settings.review_due(due_on, Some(entered)));
    // A review done counts from its own date.
    let reviewed = TieringSettings {
        last_review: Some(due_on),
        ..settings.clone()
    };
    assert!(!reviewed.review_due(due_on, Some(entered)));
}
