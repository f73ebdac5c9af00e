//! The dashboard end to end: a small portfolio with every figure worked out by hand.

use super::*;
use crate::domain::cadence::{PolicyId, TouchKind};
use crate::domain::lifecycle::StageChange;
use crate::domain::records::{CreditStatus, Order, SatisfactionEntry, SatisfactionKind};
use crate::domain::tiering::review::{ChangeCause, TierChange};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn tenths_round_half_away_from_zero_and_print_one_decimal() {
    let cases = [
        ((1, 3, 100), Some(333)),
        ((2, 3, 100), Some(667)),
        ((1, 16, 100), Some(63)), // 6.25 %
        ((-1, 16, 100), Some(-63)),
        ((170, 2, 1), Some(850)),
        ((15 * 3, 12, 1), Some(38)), // 3.75
        ((1, 0, 100), None),
    ];
    for ((part, whole, scale), expected) in cases {
        assert_eq!(
            Tenths::ratio(part, whole, scale).map(|t| t.0),
            expected,
            "{part}/{whole}"
        );
    }
    for (tenths, text) in [
        (143, "14.3"),
        (150, "15"),
        (0, "0"),
        (-5, "-0.5"),
        (-150, "-15"),
    ] {
        assert_eq!(Tenths(tenths).to_string(), text);
    }
}

fn no_extras() -> CadenceSettings {
    CadenceSettings {
        policy: Some(PolicyId::P000),
        skip_weekends: false,
        holidays: Vec::new(),
        onboarding: false,
        ..CadenceSettings::default()
    }
}

#[test]
fn without_records_every_figure_says_what_to_record() {
    let today = d(2024, 6, 30);
    let period = Period::last_12_months(today);
    let b = dashboard(
        &[],
        &[],
        &no_extras(),
        &TieringSettings::default(),
        &Targets::default(),
        &period,
        today,
    );
    use MissingData::*;
    let cases = [
        (b.churn, LifecycleStages),
        (b.csat, CsatScores),
        (b.nps, NpsAnswers),
        (b.satisfaction_yoy, CsatScores),
        (b.repeat_purchase, Orders),
        (b.repeat_yoy, Orders),
        (b.callback_important, Tiers),
        (b.callback_general, Tiers),
        (b.callback_new, Tiers),
        (b.referrals, NewCustomers),
        (b.new_points, Orders),
        (b.value_added, Orders),
    ];
    for (i, (figure, missing)) in cases.into_iter().enumerate() {
        assert_eq!(figure.measure, Measure::Missing(missing), "figure {i}");
        assert_eq!(figure.grade(), None);
    }
    assert_eq!(b.months.len(), 12);
    assert_eq!((b.months[0].year, b.months[0].month), (2023, 7));
    assert!(b.months.iter().all(
        |m| m.callback_pct == Measure::Missing(Tiers) && m.csat == Measure::Missing(CsatScores)
    ));
    assert_eq!(b.tiers_at_review, None);
    assert_eq!((b.overdue_now, b.at_risk, b.watch), (0, 0, 0));
}

fn order(date: NaiveDate) -> Order {
    Order {
        date: Some(date),
        ..Order::default()
    }
}

fn score(kind: SatisfactionKind, score: u32, date: NaiveDate) -> SatisfactionEntry {
    SatisfactionEntry {
        date: Some(date),
        kind: Some(kind),
        score,
        ..SatisfactionEntry::default()
    }
}

fn moves(list: &[(NaiveDate, Stage)]) -> Vec<StageChange> {
    let mut from = None;
    list.iter()
        .map(|&(date, to)| {
            let change = StageChange {
                date,
                from,
                to,
                status: None,
            };
            from = Some(to);
            change
        })
        .collect()
}

fn tier_since(c: &mut Customer, tier: Tier, since: NaiveDate) {
    c.tiering.current = Some(tier);
    c.tiering.since = Some(since);
    c.tiering.history = vec![TierChange {
        date: since,
        from: None,
        to: tier,
        cause: ChangeCause::Initial,
        note: String::new(),
    }];
}

/// A: important, monthly, touched once; B: general, quarterly, churned in May; C: new in
/// March, referred by A, untiered, with a payment anomaly.
fn portfolio() -> (Vec<Customer>, Vec<FollowUp>) {
    let mut a = Customer {
        id: "a".into(),
        created_on: Some(d(2023, 1, 1)),
        orders: vec![order(d(2023, 1, 15)), order(d(2024, 5, 1))],
        satisfaction: vec![
            score(SatisfactionKind::Csat, 80, d(2023, 3, 1)),
            score(SatisfactionKind::Csat, 90, d(2024, 2, 29)),
            score(SatisfactionKind::Nps, 10, d(2024, 5, 1)),
        ],
        stage: Some(Stage::Mature),
        ..Customer::default()
    };
    a.lifecycle.history = moves(&[(d(2023, 1, 1), Stage::Mature)]);
    tier_since(&mut a, Tier::A, d(2024, 1, 1));

    let mut b = Customer {
        id: "b".into(),
        orders: vec![order(d(2023, 6, 1))],
        stage: Some(Stage::Churned),
        ..Customer::default()
    };
    b.lifecycle.history = moves(&[
        (d(2023, 6, 1), Stage::Mature),
        (d(2024, 5, 10), Stage::Churned),
    ]);
    tier_since(&mut b, Tier::B, d(2023, 6, 1));

    let mut c = Customer {
        id: "c".into(),
        created_on: Some(d(2024, 3, 1)),
        referred_by: "a".into(),
        orders: vec![order(d(2024, 3, 10))],
        stage: Some(Stage::Converted),
        ..Customer::default()
    };
    c.lifecycle.history = moves(&[(d(2024, 3, 10), Stage::Converted)]);
    c.strategy.credit = Some(CreditStatus::Overdue);

    let followups = vec![
        FollowUp {
            customer_id: "a".into(),
            date: Some(d(2024, 1, 31)),
            kind: TouchKind::Call,
            needs: vec!["扩容".into()],
            ..FollowUp::default()
        },
        FollowUp {
            customer_id: "c".into(),
            date: Some(d(2024, 4, 2)),
            kind: TouchKind::Event,
            value_added: true,
            ..FollowUp::default()
        },
    ];
    (vec![a, b, c], followups)
}

#[test]
fn a_half_year_measured_from_the_records() {
    let (customers, followups) = portfolio();
    let today = d(2024, 6, 30);
    let tiering = TieringSettings {
        last_review: Some(d(2024, 3, 31)),
        ..TieringSettings::default()
    };
    let period = Period::this_year(today);
    let b = dashboard(
        &customers,
        &followups,
        &no_extras(),
        &tiering,
        &Targets::default(),
        &period,
        today,
    );
    let got = |f: &Figure| (f.measure.value().map(|t| t.0), f.part, f.whole, f.grade());
    use Grade::*;
    // B of A and B at the start lost; the target is 15 % × 6 / 12.
    assert_eq!(got(&b.churn), (Some(500), 1, 2, Some(Missed)));
    assert_eq!(b.churn.target.map(|t| t.value), Some(Tenths(75)));
    assert_eq!(got(&b.csat), (Some(900), 90, 1, Some(Met)));
    assert_eq!(b.csat_scaled_feedback, 0);
    // Up from 80 a year earlier: exactly the 10 points asked for.
    assert_eq!(got(&b.satisfaction_yoy), (Some(100), 900, 800, Some(Met)));
    assert_eq!(got(&b.nps), (Some(1000), 1, 1, None));
    assert_eq!(got(&b.repeat_purchase), (Some(500), 1, 2, None));
    assert_eq!(got(&b.repeat_yoy), (Some(500), 500, 0, Some(Met)));
    // A: due 1 Feb (done 31 Jan), 29 Feb, 29 Mar, 29 Apr, 29 May; 29 June still open.
    assert_eq!(got(&b.callback_important), (Some(200), 1, 5, Some(Missed)));
    // B: due 1 March, missed; on 1 June it was churned.
    assert_eq!(got(&b.callback_general), (Some(0), 0, 1, Some(Missed)));
    assert_eq!(
        b.callback_new.measure,
        Measure::Missing(MissingData::Cadence)
    );
    assert_eq!(got(&b.referrals), (Some(1000), 1, 1, Some(Met)));
    // One new point, two old customers, two quarters.
    assert_eq!(got(&b.new_points), (Some(3), 1, 2, Some(Missed)));
    assert_eq!(got(&b.value_added), (Some(333), 1, 3, Some(Missed)));

    assert_eq!(
        b.tiers_now,
        TierCounts {
            by_tier: [1, 0, 0, 0],
            untiered: 1
        }
    );
    assert_eq!(
        b.tiers_at_review,
        Some((
            d(2024, 3, 31),
            TierCounts {
                by_tier: [1, 1, 0, 0],
                untiered: 1
            }
        ))
    );
    // A's touch due 29 February and B's never-made first touch (due lists churned
    // customers too, as Today does).
    assert_eq!((b.overdue_now, b.badly_overdue_now), (2, 2));
    // A: contact falling (watch); C: payment anomaly (at risk); B churned.
    assert_eq!((b.at_risk, b.watch), (1, 1));

    let months: Vec<_> = b
        .months
        .iter()
        .map(|m| {
            (
                m.month,
                m.churn_pct.value().map(|t| t.0),
                m.csat.value().map(|t| t.0),
                m.callback_pct.value().map(|t| t.0),
                m.missed_touches,
                m.due_touches,
            )
        })
        .collect();
    assert_eq!(
        months,
        vec![
            (1, Some(0), None, None, 0, 0),
            // Leap year: the score and the touch due on 29 February are February's.
            (2, Some(0), Some(900), Some(500), 1, 2),
            (3, Some(0), None, Some(0), 2, 2),
            (4, Some(0), None, Some(0), 1, 1),
            (5, Some(333), None, Some(0), 1, 1),
            (6, Some(0), None, None, 0, 0),
        ]
    );
    assert_eq!(b.months[4].nps, Measure::Value(Tenths(1000)));
    assert_eq!(
        b.months[5].callback_pct,
        Measure::Missing(MissingData::Cadence)
    );

    // A quarter has three points; it has no CSAT score to compare.
    let run = |period: &Period| {
        dashboard(
            &customers,
            &followups,
            &no_extras(),
            &tiering,
            &Targets::default(),
            period,
            today,
        )
    };
    let q = run(&Period::this_quarter(today));
    assert_eq!(q.months.len(), 3);
    assert_eq!(
        q.satisfaction_yoy.measure,
        Measure::Missing(MissingData::CsatScores)
    );
    assert_eq!(q.repeat_yoy.measure, Measure::Value(Tenths(1000)));
    // February and March: nobody bought a year before.
    let late_winter = run(&Period::custom(d(2024, 2, 1), d(2024, 3, 31)));
    assert_eq!(late_winter.months.len(), 2);
    assert_eq!(
        late_winter.repeat_purchase.measure,
        Measure::Value(Tenths(0))
    );
    assert_eq!(
        late_winter.repeat_yoy.measure,
        Measure::Missing(MissingData::LastYear)
    );
    assert_eq!(
        late_winter.satisfaction_yoy.measure,
        Measure::Value(Tenths(100))
    );
}
