//! The callback (回访) rate: each customer's cadence replayed over its real touch history, so
//! every touch that fell due is known, with whether it was done on time.
//!
//! Replaying, per rule of the customer's tier (tier changes start a new replay):
//! - the first touch falls due one interval after the tier was entered;
//! - it is done on time by a satisfying touch ([`TouchKind::satisfies`]) after the previous
//!   one and no later than the due date plus a tolerance of a tenth of the interval (at least
//!   a day); the due date is the one shown to the user, so a weekend moves it to Monday when
//!   the cadence skips weekends;
//! - after a touch, the next falls due one interval after that touch; after a miss, one
//!   interval after the missed date;
//! - a due touch whose tolerance has not yet run out and that is not yet done is not counted
//!   (it can still be on time), and neither are touches due while the customer is churned.
//!
//! The rules are the table's: a paused A customer's halved interval is a reminder, not a
//! promise the rate holds the user to.

use chrono::NaiveDate;

use super::history::{stage_on, tier_timeline};
use super::period::Period;
use crate::domain::cadence::schedule::skip_weekend;
use crate::domain::cadence::{TierCadence, TouchRule};
use crate::domain::lifecycle::Stage;
use crate::domain::records::Customer;
use crate::domain::records::FollowUp;
use crate::domain::sorting;
use crate::domain::tiering::Tier;

/// 003's three classes, whose callback targets differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CallbackClass {
    /// 重要客户: tier A.
    Important,
    /// 一般客户: tier B.
    General,
    /// 新客户: tiers C and D.
    New,
}

impl CallbackClass {
    pub const ALL: [CallbackClass; 3] = [
        CallbackClass::Important,
        CallbackClass::General,
        CallbackClass::New,
    ];

    pub fn of(tier: Tier) -> CallbackClass {
        match tier {
            Tier::A => CallbackClass::Important,
            Tier::B => CallbackClass::General,
            Tier::C | Tier::D => CallbackClass::New,
        }
    }
}

/// One touch that fell due in the period and can be judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueTouch {
    /// The due date as shown (after a weekend skip).
    pub date: NaiveDate,
    pub class: CallbackClass,
    pub on_time: bool,
}

/// Every judged touch of `c` due in `period`, appended to `out`. `touches` are the
/// customer's follow-ups.
pub fn due_touches(
    c: &Customer,
    touches: &[&FollowUp],
    table: &[TierCadence],
    skip_weekends: bool,
    period: &Period,
    today: NaiveDate,
    out: &mut Vec<DueTouch>,
) {
    let timeline = tier_timeline(c, today);
    for (i, &(entered, tier)) in timeline.iter().enumerate() {
        let until = timeline.get(i + 1).map(|(d, _)| *d);
        if until.is_some_and(|u| u <= entered) || entered > period.end {
            continue;
        }
        // A tier of unknown age is taken to start with the period.
        let entered = if entered == NaiveDate::MIN {
            period.start
        } else {
            entered
        };
        let Some(rules) = table.iter().find(|t| t.tier == tier) else {
            continue;
        };
        let replay = Replay {
            c,
            class: CallbackClass::of(tier),
            entered,
            until,
            skip_weekends,
            period,
            today,
        };
        for rule in &rules.touches {
            let mut done: Vec<NaiveDate> = touches
                .iter()
                .filter(|f| f.kind.satisfies(rule.kind))
                .filter_map(|f| f.date)
                .filter(|d| *d <= today)
                .collect();
            sorting::sort(&mut done);
            replay.rule(rule, &done, out);
        }
    }
}

/// One stretch of a customer in one tier.
struct Replay<'a> {
    c: &'a Customer,
    class: CallbackClass,
    entered: NaiveDate,
    /// The next tier change, if any.
    until: Option<NaiveDate>,
    skip_weekends: bool,
    period: &'a Period,
    today: NaiveDate,
}

impl Replay<'_> {
    fn rule(&self, rule: &TouchRule, done: &[NaiveDate], out: &mut Vec<DueTouch>) {
        let every = rule.every;
        // An interval of zero (a mistyped table) never falls due rather than looping.
        if every.after(self.entered) <= self.entered {
            return;
        }
        let tolerance = chrono::Duration::days((every.days() / 10).max(1));
        let stop = rule
            .for_days
            .map(|n| self.entered + chrono::Duration::days(n as i64));
        let mut last = self.entered;
        let mut due = every.after(last);
        loop {
            if self.until.is_some_and(|u| due >= u) || stop.is_some_and(|s| due > s) {
                return;
            }
            let shown = if self.skip_weekends {
                skip_weekend(due)
            } else {
                due
            };
            if shown > self.period.end || shown > self.today {
                return;
            }
            let deadline = shown + tolerance;
            let touch = done.iter().copied().find(|t| *t > last && *t <= deadline);
            if touch.is_none() && deadline >= self.today {
                return; // still open
            }
            if shown >= self.period.start && stage_on(self.c, shown) != Some(Stage::Churned) {
                out.push(DueTouch {
                    date: shown,
                    class: self.class,
                    on_time: touch.is_some(),
                });
            }
            match touch {
                Some(t) => {
                    last = t;
                    due = every.after(t);
                }
                None => due = every.after(due),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cadence::{default_policy, Interval, PolicyId, TouchKind};
    use crate::domain::lifecycle::StageChange;
    use crate::domain::tiering::review::{ChangeCause, TierChange};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A customer with these tier changes (date, tier).
    fn tiered(changes: &[(NaiveDate, Tier)]) -> Customer {
        let mut c = Customer {
            id: "c".into(),
            ..Customer::default()
        };
        c.tiering.history = changes
            .iter()
            .map(|&(date, to)| TierChange {
                date,
                from: None,
                to,
                cause: ChangeCause::Confirmed,
                note: String::new(),
            })
            .collect();
        c
    }

    fn touch(date: NaiveDate, kind: TouchKind) -> FollowUp {
        FollowUp {
            customer_id: "c".into(),
            date: Some(date),
            kind,
            ..FollowUp::default()
        }
    }

    /// (due date, on time) of every judged touch.
    fn replay(
        c: &Customer,
        followups: &[FollowUp],
        table: &[TierCadence],
        skip_weekends: bool,
        period: Period,
        today: NaiveDate,
    ) -> Vec<(NaiveDate, CallbackClass, bool)> {
        let refs: Vec<&FollowUp> = followups.iter().collect();
        let mut out = Vec::new();
        due_touches(c, &refs, table, skip_weekends, &period, today, &mut out);
        out.iter().map(|t| (t.date, t.class, t.on_time)).collect()
    }

    #[test]
    fn touches_fall_due_from_the_last_touch_and_a_miss_moves_on_one_interval() {
        // 000: A at least monthly; a month's tolerance is 3 days.
        let table = default_policy(PolicyId::P000);
        let c = tiered(&[(d(2024, 1, 1), Tier::A)]);
        let touches = [
            touch(d(2024, 1, 25), TouchKind::Call),    // early for 1 Feb
            touch(d(2024, 2, 28), TouchKind::Visit),   // 25 Feb + 3: the last day on time
            touch(d(2024, 3, 29), TouchKind::Message), // a message is no contact
            touch(d(2024, 5, 10), TouchKind::Call),    // late for 28 Apr, early for 28 May
        ];
        let period = Period::custom(d(2024, 1, 1), d(2024, 6, 30));
        use CallbackClass::Important as I;
        assert_eq!(
            replay(&c, &touches, &table, false, period, d(2024, 6, 30)),
            vec![
                (d(2024, 2, 1), I, true),
                (d(2024, 2, 25), I, true),
                (d(2024, 3, 28), I, false),
                (d(2024, 4, 28), I, false),
                (d(2024, 5, 28), I, true),
                (d(2024, 6, 10), I, false),
            ]
        );
        // On 12 June the touch due on the 10th can still be done on time: not counted yet.
        let so_far = Period::custom(d(2024, 1, 1), d(2024, 6, 12));
        assert_eq!(
            replay(&c, &touches, &table, false, so_far, d(2024, 6, 12)).len(),
            5
        );
        // Only touches due inside the period count.
        let spring = Period::custom(d(2024, 3, 1), d(2024, 4, 30));
        assert_eq!(
            replay(&c, &touches, &table, false, spring, d(2024, 6, 30)),
            vec![(d(2024, 3, 28), I, false), (d(2024, 4, 28), I, false)]
        );
    }

    #[test]
    fn a_tier_change_starts_the_new_tiers_cadence_in_its_class() {
        let table = default_policy(PolicyId::P000);
        let c = tiered(&[(d(2024, 1, 1), Tier::B), (d(2024, 4, 15), Tier::A)]);
        let touches = [touch(d(2024, 5, 16), TouchKind::Call)];
        let period = Period::custom(d(2024, 1, 1), d(2024, 6, 30));
        assert_eq!(
            replay(&c, &touches, &table, false, period, d(2024, 6, 30)),
            vec![
                // B quarterly: due 1 April (tolerance 9 days), missed.
                (d(2024, 4, 1), CallbackClass::General, false),
                (d(2024, 5, 15), CallbackClass::Important, true),
                (d(2024, 6, 16), CallbackClass::Important, false),
            ]
        );
    }

    #[test]
    fn a_weekend_due_date_is_judged_from_the_monday_when_weekends_are_skipped() {
        // 002: A weekly, tolerance one day. Entered Saturday 1 June: due Saturday 8 June.
        let table = default_policy(PolicyId::P002);
        let c = tiered(&[(d(2024, 6, 1), Tier::A)]);
        let touches = [touch(d(2024, 6, 11), TouchKind::Call)];
        let period = Period::custom(d(2024, 6, 1), d(2024, 6, 12));
        let today = d(2024, 6, 12);
        assert_eq!(
            replay(&c, &touches, &table, true, period, today),
            vec![(d(2024, 6, 10), CallbackClass::Important, true)]
        );
        assert_eq!(
            replay(&c, &touches, &table, false, period, today),
            vec![(d(2024, 6, 8), CallbackClass::Important, false)]
        );
    }

    #[test]
    fn limited_rules_stop_and_churned_customers_owe_nothing() {
        // 002: D (churn warning) a call every 3 days for its first 30 days.
        let table = default_policy(PolicyId::P002);
        let mut c = tiered(&[(d(2024, 6, 1), Tier::D)]);
        let period = Period::custom(d(2024, 6, 1), d(2024, 7, 31));
        let dues = replay(&c, &[], &table, false, period, d(2024, 7, 31));
        assert_eq!(dues.len(), 10, "4 June to 1 July");
        assert!(dues.iter().all(|t| t.1 == CallbackClass::New && !t.2));

        c.lifecycle.history.push(StageChange {
            date: d(2024, 6, 15),
            from: Some(Stage::Mature),
            to: Stage::Churned,
            status: None,
        });
        assert_eq!(
            replay(&c, &[], &table, false, period, d(2024, 7, 31)).len(),
            4
        );

        // A mistyped interval of zero days never falls due.
        let mut zero = default_policy(PolicyId::P000);
        zero[0].touches[0].every = Interval::Days(0);
        let a = tiered(&[(d(2024, 1, 1), Tier::A)]);
        assert!(replay(&a, &[], &zero, false, period, d(2024, 7, 31)).is_empty());
    }
}
