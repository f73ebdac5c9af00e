//! Scheduling rules of METHOD.md §3, with fixed dates.

// Test tables build small slices from values on the spot; cloning reads clearer here.
#![allow(clippy::cloned_ref_to_slice_refs)]

use std::sync::LazyLock;

use chrono::NaiveDate;

use super::plan::{plan_ahead, MoveReason};
use super::*;
use crate::domain::money::Fen;
use crate::domain::records::{Contact, Customer, MonthDay, Order};
use crate::domain::records::{FollowUp, PlanItem};
use crate::domain::tiering::{PresetId, Tier, TierState, TieringSettings};

/// One customer's follow-ups among the demo's.
fn own_followups<'a>(demo: &'a crate::domain::demo::DemoData, id: &str) -> Vec<&'a FollowUp> {
    demo.followups
        .iter()
        .filter(|f| f.customer_id == id)
        .collect()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn customer(id: &str, tier: Tier, since: NaiveDate) -> Customer {
    Customer {
        id: id.into(),
        name: id.into(),
        owner: "王经理".into(),
        tiering: TierState {
            preset: Some(PresetId::Abcd001),
            current: Some(tier),
            since: Some(since),
            ..TierState::default()
        },
        ..Customer::default()
    }
}

static TIERING: LazyLock<TieringSettings> = LazyLock::new(TieringSettings::default);

/// What the schedule reads, with the default tiering settings and no lunar dates.
fn records<'a>(
    customers: &'a [Customer],
    followups: &'a [FollowUp],
    plans: &'a [PlanItem],
    cadence: &'a CadenceSettings,
) -> Records<'a> {
    Records {
        customers,
        followups,
        plans,
        cadence,
        tiering: &TIERING,
        lunar: &[],
    }
}

fn touch(customer: &str, kind: TouchKind, date: NaiveDate) -> FollowUp {
    FollowUp {
        id: format!("{customer}-{kind:?}-{date}"),
        customer_id: customer.into(),
        date: Some(date),
        kind,
        ..FollowUp::default()
    }
}

fn settings(policy: PolicyId) -> CadenceSettings {
    CadenceSettings {
        policy: Some(policy),
        skip_weekends: false,
        holidays: vec![],
        onboarding: false,
        ..CadenceSettings::default()
    }
}

fn due(
    customers: &[Customer],
    touches: &[FollowUp],
    cadence: &CadenceSettings,
    today: NaiveDate,
) -> Vec<(String, TouchKind, NaiveDate, DueStatus)> {
    due_items(&records(customers, touches, &[], cadence), today, 400)
        .into_iter()
        .map(|d| (d.customer_id, d.kind, d.date, d.status))
        .collect()
}

#[test]
fn a_monthly_touch_from_31_january_lands_on_the_last_day_of_february_in_leap_years_too() {
    let every = Interval::Months(1);
    assert_eq!(every.after(d(2024, 1, 31)), d(2024, 2, 29));
    assert_eq!(every.after(d(2023, 1, 31)), d(2023, 2, 28));
    assert_eq!(Interval::Months(3).after(d(2023, 11, 30)), d(2024, 2, 29));
    assert_eq!(Interval::Days(15).after(d(2024, 2, 20)), d(2024, 3, 6));
    let c = customer("a", Tier::A, d(2023, 1, 1));
    let got = due(
        &[c],
        &[touch("a", TouchKind::Contact, d(2024, 1, 31))],
        &settings(PolicyId::P000),
        d(2024, 2, 1),
    );
    assert_eq!(
        got,
        vec![(
            "a".into(),
            TouchKind::Contact,
            d(2024, 2, 29),
            DueStatus::Upcoming
        )]
    );
}

#[test]
fn the_next_touch_counts_from_the_last_real_one_and_an_early_touch_resets_the_clock() {
    let c = customer("b", Tier::B, d(2023, 1, 1));
    let s = settings(PolicyId::P000); // B: quarterly
    let today = d(2024, 3, 1);
    let t1 = touch("b", TouchKind::Call, d(2024, 1, 10));
    assert_eq!(
        due(&[c.clone()], &[t1.clone()], &s, today)[0].2,
        d(2024, 4, 10)
    );
    // Touched again early (a visit also counts as contact): the clock restarts from it.
    let t2 = touch("b", TouchKind::Visit, d(2024, 2, 20));
    assert_eq!(due(&[c.clone()], &[t1, t2], &s, today)[0].2, d(2024, 5, 20));
    // A planned item is not a touch: it does not reset anything.
    let plan = PlanItem {
        id: "p".into(),
        customer_id: "b".into(),
        date: d(2024, 3, 5),
        kind: TouchKind::Message,
        ..PlanItem::default()
    };
    let got = due_items(&records(&[c], &[], &[plan], &s), today, 400);
    assert_eq!(
        got.iter()
            .find(|x| x.kind == TouchKind::Contact)
            .unwrap()
            .date,
        d(2023, 1, 1)
    );
}

#[test]
fn a_customer_never_touched_is_due_from_the_day_it_entered_its_tier_and_lateness_is_graded() {
    let s = settings(PolicyId::P000); // A monthly (30 days: badly overdue after 15)
    let c = customer("a", Tier::A, d(2024, 3, 1));
    assert_eq!(
        due(&[c.clone()], &[], &s, d(2024, 2, 1))[0].3,
        DueStatus::Upcoming
    );
    assert_eq!(
        due(&[c.clone()], &[], &s, d(2024, 3, 1))[0].3,
        DueStatus::Due
    );
    assert_eq!(
        due(&[c.clone()], &[], &s, d(2024, 3, 16))[0].3,
        DueStatus::Overdue
    );
    assert_eq!(
        due(&[c], &[], &s, d(2024, 3, 17))[0].3,
        DueStatus::BadlyOverdue
    );
}

#[test]
fn each_seed_policy_asks_for_its_own_touches_and_intervals() {
    use Interval::{Days, Months};
    use TouchKind::*;
    let shape = |id| -> Vec<(Tier, Vec<(TouchKind, Interval)>)> {
        default_policy(id)
            .into_iter()
            .map(|t| {
                (
                    t.tier,
                    t.touches.into_iter().map(|r| (r.kind, r.every)).collect(),
                )
            })
            .collect()
    };
    assert_eq!(
        shape(PolicyId::P000)[..3],
        [
            (Tier::A, vec![(Contact, Months(1))]),
            (Tier::B, vec![(Contact, Months(3))]),
            (Tier::C, vec![(Contact, Months(6))]),
        ]
    );
    assert_eq!(
        shape(PolicyId::P001),
        vec![
            (Tier::A, vec![(ExecutiveVisit, Months(1)), (Call, Days(15))]),
            (Tier::B, vec![(Visit, Months(3)), (Online, Months(3))]),
            (Tier::C, vec![(Call, Months(6))]),
            (Tier::D, vec![(NeedsSurvey, Months(1))]),
        ]
    );
    assert_eq!(
        shape(PolicyId::P002),
        vec![
            (Tier::A, vec![(Contact, Days(7))]),
            (Tier::B, vec![(Contact, Days(14))]),
            (Tier::C, vec![(Message, Months(1)), (Call, Months(3))]),
            (Tier::D, vec![(Call, Days(3))]),
        ]
    );
    assert_eq!(
        shape(PolicyId::P003)[..2],
        [
            (
                Tier::A,
                vec![
                    (Call, Months(1)),
                    (Visit, Months(3)),
                    (ExecutiveVisit, Months(6))
                ]
            ),
            (Tier::B, vec![(Call, Months(2)), (Visit, Months(6))]),
        ]
    );
    assert_eq!(
        default_policy(PolicyId::P001)[0].response,
        Some(Response::AroundTheClock)
    );
    // The cadence follows the tiering preset unless another is chosen.
    let follow = CadenceSettings::default();
    assert_eq!(follow.policy_id(PresetId::Abcd002), PolicyId::P002);
    assert_eq!(follow.policy_id(PresetId::AbcPareto), PolicyId::P000);
}

#[test]
fn seed_002_d_is_contacted_twice_a_week_for_one_month_only() {
    let s = settings(PolicyId::P002);
    let c = customer("d", Tier::D, d(2024, 3, 1));
    let t = touch("d", TouchKind::Call, d(2024, 3, 20));
    assert_eq!(
        due(&[c.clone()], &[t.clone()], &s, d(2024, 3, 21))[0].2,
        d(2024, 3, 23)
    );
    assert!(
        due(&[c], &[t], &s, d(2024, 4, 1)).is_empty(),
        "the month is over"
    );
}

#[test]
fn a_paused_a_customer_is_contacted_twice_as_often() {
    let s = settings(PolicyId::P000);
    let mut c = customer("a", Tier::A, d(2023, 1, 1));
    c.orders.push(Order {
        id: "o".into(),
        date: Some(d(2023, 12, 1)),
        amount_fen: Fen::from_wan(100),
        ..Order::default()
    });
    let t = touch("a", TouchKind::Call, d(2024, 3, 10));
    let got = due_items(&records(&[c], &[t], &[], &s), d(2024, 3, 11), 60);
    assert_eq!(got[0].date, d(2024, 3, 25));
    assert_eq!(
        got[0].reason,
        DueReason::Cadence {
            tier: Tier::A,
            every: Interval::Days(15),
            paused: true
        }
    );
}

#[test]
fn onboarding_steps_fall_on_their_days_after_the_first_deal_and_close_when_done() {
    let mut s = settings(PolicyId::P003);
    s.onboarding = true;
    let mut c = customer("n", Tier::C, d(2024, 5, 1));
    c.orders.push(Order {
        id: "o".into(),
        date: Some(d(2024, 5, 6)),
        amount_fen: Fen::from_yuan(3_000),
        ..Order::default()
    });
    let steps = |touches: &[FollowUp]| -> Vec<(Step, NaiveDate)> {
        due_items(&records(&[c.clone()], touches, &[], &s), d(2024, 5, 6), 200)
            .into_iter()
            .filter_map(|x| match x.reason {
                DueReason::Onboarding(step) => Some((step, x.date)),
                _ => None,
            })
            .collect()
    };
    let all = steps(&[]);
    let on = |step| all.iter().find(|(s, _)| *s == step).map(|(_, d)| *d);
    assert_eq!(on(Step::ThankYou), Some(d(2024, 5, 7)));
    assert_eq!(on(Step::WelcomeCall), Some(d(2024, 5, 7)));
    assert_eq!(on(Step::Guide), Some(d(2024, 5, 13)));
    assert_eq!(on(Step::Review), Some(d(2024, 6, 5)));
    assert_eq!(on(Step::Gift), Some(d(2024, 6, 5)));
    assert_eq!(on(Step::FirstWeekCall), Some(d(2024, 5, 13)));
    assert_eq!(on(Step::FirstMonthCall), Some(d(2024, 6, 5)));
    assert_eq!(on(Step::FirstQuarterVisit), Some(d(2024, 8, 4)));
    // Two calls since the deal close the two call steps that come first.
    let done = steps(&[
        touch("n", TouchKind::Call, d(2024, 5, 6)),
        touch("n", TouchKind::Call, d(2024, 5, 6)),
    ]);
    let left: Vec<Step> = done.iter().map(|(s, _)| *s).collect();
    assert!(!left.contains(&Step::WelcomeCall) && !left.contains(&Step::FirstWeekCall));
    assert!(left.contains(&Step::FirstMonthCall));
}

#[test]
fn a_first_deal_typed_in_after_the_fact_owes_only_the_steps_still_ahead() {
    let mut s = settings(PolicyId::P002);
    s.onboarding = true;
    // Entered today, 2024-05-26, with a first deal of 2024-05-06: the letter, the call and the
    // guide fell due before the customer existed here; the day-30 review and gift are ahead.
    let today = d(2024, 5, 26);
    let mut c = customer("n", Tier::C, today);
    c.created_on = Some(today);
    c.orders.push(Order {
        id: "o".into(),
        date: Some(d(2024, 5, 6)),
        amount_fen: Fen::from_yuan(3_000),
        ..Order::default()
    });
    let onboarding = |c: &Customer| -> Vec<(Step, NaiveDate)> {
        due_items(&records(&[c.clone()], &[], &[], &s), today, 200)
            .into_iter()
            .filter_map(|x| match x.reason {
                DueReason::Onboarding(step) => Some((step, x.date)),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        onboarding(&c),
        vec![(Step::Review, d(2024, 6, 5)), (Step::Gift, d(2024, 6, 5))]
    );
    // The same deal in a customer entered before it owes every step, overdue or not.
    c.created_on = Some(d(2024, 5, 1));
    assert_eq!(onboarding(&c).len(), 5);
}

#[test]
fn weekends_are_skipped_to_the_monday_after() {
    let mut s = settings(PolicyId::P000);
    s.skip_weekends = true;
    let c = customer("a", Tier::A, d(2023, 1, 1));
    // A month after Thursday 2024-02-08 is Saturday 2024-03-09 → Monday 2024-03-11.
    let got = due_items(
        &records(&[c], &[touch("a", TouchKind::Call, d(2024, 2, 9))], &[], &s),
        d(2024, 3, 1),
        30,
    );
    assert_eq!(got[0].date, d(2024, 3, 11));
    assert_eq!(got[0].moved_from, Some(d(2024, 3, 9)));
}

/// Issue 24, finding 4: with weekends skipped, a first deal on Friday 2026-11-20 put the
/// thank-you letter and call on Saturday and the day-30 review and gift on Sunday.
#[test]
fn onboarding_follows_the_weekend_rule_a_deadline_ahead_a_set_day_after() {
    let steps =
        |policy, first: NaiveDate, skip: bool| -> Vec<(Step, NaiveDate, Option<NaiveDate>)> {
            let mut s = settings(policy);
            s.onboarding = true;
            s.skip_weekends = skip;
            let mut c = customer("n", Tier::C, d(2024, 5, 1));
            c.created_on = Some(first);
            c.orders.push(Order {
                id: "o".into(),
                date: Some(first),
                amount_fen: Fen::from_yuan(3_000),
                ..Order::default()
            });
            due_items(&records(&[c], &[], &[], &s), first, 200)
                .into_iter()
                .filter_map(|x| match x.reason {
                    DueReason::Onboarding(step) => Some((step, x.date, x.moved_from)),
                    _ => None,
                })
                .collect()
        };
    let on = |all: &[(Step, NaiveDate, Option<NaiveDate>)], step| {
        all.iter()
            .find(|(s, _, _)| *s == step)
            .map(|(_, d, m)| (*d, *m))
            .unwrap()
    };
    let friday = d(2026, 11, 20);
    let all = steps(PolicyId::P002, friday, true);
    // "Within 24 h" falls on Saturday: done on the Friday of the deal.
    assert_eq!(on(&all, Step::ThankYou), (friday, Some(d(2026, 11, 21))));
    assert_eq!(on(&all, Step::WelcomeCall), (friday, Some(d(2026, 11, 21))));
    // Day 7 is a Friday: not moved.
    assert_eq!(on(&all, Step::Guide), (d(2026, 11, 27), None));
    // Day 30 is a Sunday: the Monday after, as every cadence date.
    assert_eq!(
        on(&all, Step::Review),
        (d(2026, 12, 21), Some(d(2026, 12, 20)))
    );
    assert_eq!(
        on(&all, Step::Gift),
        (d(2026, 12, 21), Some(d(2026, 12, 20)))
    );
    // Weekends kept: the days as the method counts them.
    let kept = steps(PolicyId::P002, friday, false);
    assert_eq!(on(&kept, Step::ThankYou), (d(2026, 11, 21), None));
    assert_eq!(on(&kept, Step::Review), (d(2026, 12, 20), None));
    // A deal on Saturday: no working day before Sunday's deadline is left; Monday.
    let saturday = steps(PolicyId::P002, d(2026, 11, 21), true);
    assert_eq!(
        on(&saturday, Step::ThankYou),
        (d(2026, 11, 23), Some(d(2026, 11, 22)))
    );
    // 003's "within 1 week" from a Saturday deal ends on a Saturday: the Friday before.
    let p003 = steps(PolicyId::P003, d(2026, 11, 14), true);
    assert_eq!(
        on(&p003, Step::FirstWeekCall),
        (d(2026, 11, 20), Some(d(2026, 11, 21)))
    );
}

/// Greetings and the peak-season reminder come ahead of a weekend, never after it; a win-back
/// call moves to the Monday after, as a cadence does.
#[test]
fn greetings_and_reminders_come_ahead_of_a_weekend() {
    let mut s = settings(PolicyId::P000);
    s.skip_weekends = true;
    let mut c = customer("g", Tier::B, d(2020, 1, 1));
    // 2026-09-20 is a Sunday.
    c.contacts.push(Contact {
        name: "张总".into(),
        birthday: MonthDay::new(9, 20),
        ..Contact::default()
    });
    c.orders.push(Order {
        id: "o".into(),
        date: Some(d(2021, 3, 3)),
        amount_fen: Fen::from_wan(10),
        ..Order::default()
    });
    // Peak season from 1 November, reminded 30 days ahead: Friday 2026-10-02 stays.
    c.peak_months = vec![11];
    let got = due_items(
        &records(&[c], &[touch("g", TouchKind::Call, d(2026, 9, 1))], &[], &s),
        d(2026, 9, 10),
        60,
    );
    let birthday = got
        .iter()
        .find(|x| matches!(x.reason, DueReason::Birthday { .. }))
        .unwrap();
    assert_eq!(
        (birthday.date, birthday.moved_from),
        (d(2026, 9, 18), Some(d(2026, 9, 20)))
    );
    let peak = got
        .iter()
        .find(|x| matches!(x.reason, DueReason::PeakSeason { .. }))
        .unwrap();
    assert_eq!((peak.date, peak.moved_from), (d(2026, 10, 2), None));
}

#[test]
fn the_one_weekend_rule() {
    use crate::domain::calendar::{working_day, working_days_after, Toward};
    let sat = d(2026, 11, 21);
    let sun = d(2026, 11, 22);
    assert_eq!(working_day(sat, Toward::Later), d(2026, 11, 23));
    assert_eq!(working_day(sun, Toward::Later), d(2026, 11, 23));
    let ahead = Toward::Earlier {
        not_before: d(2026, 11, 1),
    };
    assert_eq!(working_day(sat, ahead), d(2026, 11, 20));
    assert_eq!(working_day(sun, ahead), d(2026, 11, 20));
    assert_eq!(working_day(d(2026, 11, 19), ahead), d(2026, 11, 19));
    // Nothing to do ahead of a deadline that starts on the weekend: the Monday after.
    assert_eq!(
        working_day(sun, Toward::Earlier { not_before: sat }),
        d(2026, 11, 23)
    );
    // 004's "within 1 working day" of a Friday is the Monday.
    assert_eq!(working_days_after(d(2026, 11, 20), 1), d(2026, 11, 23));
    assert_eq!(working_days_after(d(2026, 11, 18), 1), d(2026, 11, 19));
}

#[test]
fn greetings_for_birthdays_anniversaries_holidays_and_a_reminder_before_peak_season() {
    let mut s = settings(PolicyId::P000);
    s.holidays = vec![Holiday::MidAutumn, Holiday::NationalDay];
    let mut c = customer("g", Tier::B, d(2020, 1, 1));
    c.contacts.push(Contact {
        name: "张总".into(),
        birthday: MonthDay::new(9, 20),
        ..Contact::default()
    });
    c.orders.push(Order {
        id: "o".into(),
        date: Some(d(2021, 9, 18)),
        amount_fen: Fen::from_wan(10),
        ..Order::default()
    });
    c.peak_months = vec![11, 12];
    let lunar = [(Holiday::MidAutumn, d(2024, 9, 17))];
    let got = due_items(
        &Records {
            lunar: &lunar,
            ..records(&[c], &[touch("g", TouchKind::Call, d(2024, 9, 1))], &[], &s)
        },
        d(2024, 9, 10),
        30,
    );
    let reasons: Vec<(DueReason, NaiveDate)> =
        got.into_iter().map(|x| (x.reason, x.date)).collect();
    assert!(reasons.contains(&(
        DueReason::Birthday {
            contact: "张总".into()
        },
        d(2024, 9, 20)
    )));
    assert!(reasons.contains(&(DueReason::Anniversary { years: 3 }, d(2024, 9, 18))));
    assert!(reasons.contains(&(DueReason::Holiday(Holiday::MidAutumn), d(2024, 9, 17))));
    assert!(reasons.contains(&(DueReason::Holiday(Holiday::NationalDay), d(2024, 10, 1))));
    assert!(reasons.contains(&(
        DueReason::PeakSeason {
            starts: d(2024, 11, 1)
        },
        d(2024, 10, 2)
    )));
}

#[test]
fn a_daily_cap_spreads_touches_within_their_tolerance_and_says_why() {
    let mut s = settings(PolicyId::P000); // C: every six months → tolerance 18 days
    s.daily_cap = 2;
    let since = d(2024, 3, 4); // a Monday
    let customers: Vec<Customer> = (0..5)
        .map(|i| customer(&format!("c{i}"), Tier::C, since))
        .collect();
    let plan = plan_ahead(&records(&customers, &[], &[], &s), d(2024, 3, 1), 2);
    let per_day = |day| plan.iter().filter(|t| t.date == day).count();
    assert_eq!(per_day(since), 2);
    assert_eq!(per_day(since + chrono::Duration::days(1)), 2);
    assert_eq!(per_day(since + chrono::Duration::days(2)), 1);
    let moved: Vec<_> = plan.iter().filter_map(|t| t.moved).collect();
    assert_eq!(moved.len(), 3);
    assert!(moved
        .iter()
        .all(|(from, why)| *from == since && *why == MoveReason::DailyCap { cap: 2 }));
}

#[test]
fn the_year_plan_repeats_the_cadence_with_stable_ids_and_takes_the_user_s_edits() {
    let s = settings(PolicyId::P003); // A: call monthly, visit quarterly, exec visit half-yearly
    let c = customer("a", Tier::A, d(2024, 1, 2));
    let today = d(2024, 1, 2);
    let plan = plan_ahead(&records(&[c.clone()], &[], &[], &s), today, 12);
    let visits: Vec<NaiveDate> = plan
        .iter()
        .filter(|t| t.kind == TouchKind::Visit)
        .map(|t| t.date)
        .collect();
    assert_eq!(
        visits,
        vec![d(2024, 1, 2), d(2024, 4, 2), d(2024, 7, 2), d(2024, 10, 2)]
    );
    assert_eq!(
        plan.iter().filter(|t| t.kind == TouchKind::Call).count(),
        12
    );
    let again = plan_ahead(&records(&[c.clone()], &[], &[], &s), today, 12);
    assert_eq!(
        plan.iter().map(|t| t.uid()).collect::<Vec<_>>(),
        again.iter().map(|t| t.uid()).collect::<Vec<_>>()
    );
    // Moving the June visit to 2024-06-20 keeps it there; cancelling September removes it.
    let moved = PlanItem {
        id: "p1".into(),
        customer_id: "a".into(),
        date: d(2024, 6, 20),
        kind: TouchKind::Visit,
        replaces: Some(
            plan.iter()
                .find(|t| t.kind == TouchKind::Visit && t.date == d(2024, 7, 2))
                .unwrap()
                .key(),
        ),
        topics: vec!["半年合作复盘".into()],
        ..PlanItem::default()
    };
    let cancelled = PlanItem {
        id: "p2".into(),
        customer_id: "a".into(),
        date: d(2024, 10, 2),
        kind: TouchKind::Visit,
        replaces: Some(
            plan.iter()
                .find(|t| t.kind == TouchKind::Visit && t.date == d(2024, 10, 2))
                .unwrap()
                .key(),
        ),
        cancelled: true,
        ..PlanItem::default()
    };
    let edited = plan_ahead(&records(&[c], &[], &[moved, cancelled], &s), today, 12);
    let visits: Vec<NaiveDate> = edited
        .iter()
        .filter(|t| t.kind == TouchKind::Visit)
        .map(|t| t.date)
        .collect();
    assert_eq!(visits, vec![d(2024, 1, 2), d(2024, 4, 2), d(2024, 6, 20)]);
    let june = edited.iter().find(|t| t.date == d(2024, 6, 20)).unwrap();
    assert_eq!(june.topics, vec!["半年合作复盘".to_string()]);

    // An edit that keeps the date (topics only) stands in for the touch on that date: shown
    // once, with its topics, not dropped as the touch it replaces.
    let april = plan
        .iter()
        .find(|t| t.kind == TouchKind::Visit && t.date == d(2024, 4, 2))
        .unwrap();
    let topics_only = PlanItem {
        id: "p3".into(),
        customer_id: "a".into(),
        date: april.date,
        kind: TouchKind::Visit,
        replaces: Some(april.key()),
        topics: vec!["季度复盘".into()],
        ..PlanItem::default()
    };
    let edited = plan_ahead(
        &records(&[customer("a", Tier::A, today)], &[], &[topics_only], &s),
        today,
        12,
    );
    let aprils: Vec<&super::plan::PlannedTouch> = edited
        .iter()
        .filter(|t| t.kind == TouchKind::Visit && t.date == d(2024, 4, 2))
        .collect();
    assert_eq!(aprils.len(), 1, "the edited touch is in the plan once");
    assert_eq!(aprils[0].topics, vec!["季度复盘".to_string()]);
    assert_eq!(aprils[0].stored.as_deref(), Some("p3"));
}

#[test]
fn touch_kinds_count_for_what_they_include() {
    use TouchKind::*;
    assert!(Visit.satisfies(Call) && ExecutiveVisit.satisfies(Visit) && Call.satisfies(Contact));
    assert!(!Message.satisfies(Contact) && !Call.satisfies(Visit) && !Greeting.satisfies(Call));
}

#[test]
fn a_29_february_first_deal_is_greeted_on_the_day_the_profile_shows() {
    let mut c = customer("leap", Tier::B, d(2020, 1, 1));
    c.orders.push(Order {
        id: "o".into(),
        date: Some(d(2024, 2, 29)),
        amount_fen: Fen::from_wan(10),
        ..Order::default()
    });
    let s = settings(PolicyId::P000);
    // A non-leap year two years on, then a leap year four years on.
    for (today, expected, years) in [
        (d(2026, 2, 20), d(2026, 2, 28), 2),
        (d(2028, 2, 22), d(2028, 2, 29), 4),
    ] {
        let got = due_items(&records(&[c.clone()], &[], &[], &s), today, 30);
        let greeted: Vec<NaiveDate> = got
            .iter()
            .filter(|x| x.reason == DueReason::Anniversary { years })
            .map(|x| x.date)
            .collect();
        assert_eq!(greeted, [expected], "{today}");
        // The profile's "next anniversary" on the same day.
        let first = c.first_deal().unwrap();
        assert_eq!(next_anniversary(first, today), (expected, years));
    }
}

#[test]
fn one_customer_s_dues_are_what_the_whole_schedule_gives_for_it() {
    // Pages keep each customer's dues and compute again only the customer that changed, so
    // the per-customer schedule, put together and sorted, must be the whole schedule.
    let today = d(2026, 3, 16);
    let demo = crate::domain::demo::generate(crate::domain::demo::DemoLang::Zh, today);
    let plans: Vec<PlanItem> = demo
        .customers
        .iter()
        .take(5)
        .enumerate()
        .map(|(i, c)| PlanItem {
            id: format!("p{i}"),
            customer_id: c.id.clone(),
            date: today + chrono::Duration::days(i as i64 * 3 - 4),
            kind: TouchKind::Call,
            ..PlanItem::default()
        })
        .collect();
    let cadence = demo.settings.cadence.clone();
    let records = Records {
        customers: &demo.customers,
        followups: &demo.followups,
        plans: &plans,
        cadence: &cadence,
        tiering: &demo.settings.tiering,
        lunar: &[],
    };
    let whole = due_items(&records, today, 30);
    assert!(whole.len() > 20, "the demo has a busy agenda");
    let mut pieced = Vec::new();
    for c in &demo.customers {
        let own = own_followups(&demo, &c.id);
        let own_plans: Vec<&PlanItem> = plans.iter().filter(|p| p.customer_id == c.id).collect();
        pieced.extend(customer_dues(c, &own, &own_plans, &records, today, 30));
    }
    sort_dues(&mut pieced);
    assert_eq!(pieced, whole);
}

#[test]
fn one_customer_s_year_plan_is_the_whole_plan_s_touches_for_it_without_a_daily_cap() {
    // The plan page keeps each customer's year and computes again only the customer that
    // changed; without a daily cap nothing of one customer's plan depends on another's.
    let today = d(2026, 3, 16);
    let demo = crate::domain::demo::generate(crate::domain::demo::DemoLang::En, today);
    let cadence = CadenceSettings {
        daily_cap: 0,
        ..demo.settings.cadence.clone()
    };
    let records = Records {
        customers: &demo.customers,
        followups: &demo.followups,
        plans: &[],
        cadence: &cadence,
        tiering: &demo.settings.tiering,
        lunar: &[],
    };
    let whole = plan_ahead(&records, today, 12);
    assert!(whole.len() > 100, "a year of the demo's touches");
    for c in &demo.customers {
        let own = own_followups(&demo, &c.id);
        let mine = super::plan::customer_plan(c, &own, &[], &records, today, 12);
        let expected: Vec<_> = whole
            .iter()
            .filter(|t| t.customer_id == c.id)
            .cloned()
            .collect();
        assert_eq!(mine, expected, "{}", c.id);
    }
}

#[test]
fn a_shorter_plan_is_the_start_of_the_year_plan_without_a_daily_cap() {
    // The plan page generates only as far as the month shown; without a daily cap each touch
    // depends only on earlier ones of its customer, so the shorter plan is the year's first
    // part (the calendar uid's number, counted per kind across the whole plan, is not shown
    // there).
    let today = d(2026, 11, 26);
    let demo = crate::domain::demo::generate(crate::domain::demo::DemoLang::Zh, today);
    let cadence = CadenceSettings {
        daily_cap: 0,
        ..demo.settings.cadence.clone()
    };
    // The user's own items: one planned, one generated touch moved, one removed.
    let mut plans: Vec<PlanItem> = Vec::new();
    for (n, c) in demo.customers.iter().take(4).enumerate() {
        let own = own_followups(&demo, &c.id);
        let rules = Records::rules_only(&cadence, &demo.settings.tiering, &[]);
        let year = super::plan::customer_plan(c, &own, &[], &rules, today, 12);
        let item = |id: String, date, kind| PlanItem {
            id,
            customer_id: c.id.clone(),
            date,
            kind,
            ..PlanItem::default()
        };
        plans.push(item(
            format!("own-{n}"),
            today + chrono::Duration::days(40),
            TouchKind::Call,
        ));
        if let [_, second, third, ..] = year.as_slice() {
            plans.push(PlanItem {
                replaces: Some(second.key()),
                ..item(
                    format!("moved-{n}"),
                    second.date + chrono::Duration::days(20),
                    second.kind,
                )
            });
            plans.push(PlanItem {
                replaces: Some(third.key()),
                cancelled: true,
                ..item(format!("removed-{n}"), third.date, third.kind)
            });
        }
    }
    assert!(
        plans.len() >= 8,
        "the demo's first customers have touches to edit"
    );
    let records = Records {
        customers: &demo.customers,
        followups: &demo.followups,
        plans: &plans,
        cadence: &cadence,
        tiering: &demo.settings.tiering,
        lunar: &[],
    };
    let without_uid = |mut ts: Vec<super::plan::PlannedTouch>| {
        ts.iter_mut().for_each(|t| t.ordinal = 0);
        ts
    };
    let mut compared = 0;
    for c in &demo.customers {
        let own = own_followups(&demo, &c.id);
        let own_plans: Vec<&PlanItem> = plans.iter().filter(|p| p.customer_id == c.id).collect();
        let year = super::plan::customer_plan(c, &own, &own_plans, &records, today, 12);
        for months in 1..12 {
            let end = crate::domain::calendar::add_months(today, months as i32);
            let start: Vec<_> = year.iter().filter(|t| t.date < end).cloned().collect();
            let short = super::plan::customer_plan(c, &own, &own_plans, &records, today, months);
            // (A date-bound touch on the end day itself may be in either: the page shows only
            // whole months before it.)
            let short: Vec<_> = short.into_iter().filter(|t| t.date < end).collect();
            compared += short.len();
            let (short, start) = (without_uid(short), without_uid(start));
            assert_eq!(short, start, "{} for {months} months", c.id);
        }
    }
    assert!(
        compared > 200,
        "the demo has touches to compare ({compared})"
    );
}

#[test]
fn the_months_to_cover_reach_past_the_month_shown() {
    use super::plan::months_to_cover;
    let today = d(2026, 1, 31);
    assert_eq!(months_to_cover(today, d(2026, 1, 1), 12), 1);
    assert_eq!(months_to_cover(today, d(2026, 2, 1), 12), 2);
    assert_eq!(months_to_cover(today, d(2026, 12, 1), 12), 12);
    assert_eq!(
        months_to_cover(today, d(2027, 3, 1), 12),
        12,
        "at most the year"
    );
    assert_eq!(
        months_to_cover(today, d(2025, 12, 1), 12),
        1,
        "a past month needs no more"
    );
    for shown in 1..=11 {
        let month = d(2026, shown, 1);
        let end =
            crate::domain::calendar::add_months(today, months_to_cover(today, month, 12) as i32);
        let last = crate::domain::calendar::last_day_of_month(2026, shown);
        assert!(
            end > d(2026, shown, last),
            "month {shown} ends before the plan"
        );
    }
}
