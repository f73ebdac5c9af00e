//! What is due, for whom, when and why. Next due date = the last real touch of that kind (a
//! logged follow-up; planned items never count) + the interval; a touch logged early resets
//! the clock; a customer with no touch yet is due from the day it entered its tier.

use crate::domain::sorting;
use chrono::NaiveDate;

use super::dates::{next_anniversary, next_peak_start, next_yearly, Holiday};
use super::keys::generated_key;
use super::{CadenceSettings, Interval, PolicyId, TouchKind};
use crate::domain::calendar::{working_day, Toward};
use crate::domain::records::Customer;
use crate::domain::records::{by_customer, of_customer, FollowUp, PlanItem};
use crate::domain::tiering::review::paused_a;
use crate::domain::tiering::{Tier, TieringSettings};

/// A one-off step after the first deal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// 002: within 24 h, a thank-you letter …
    ThankYou,
    /// … and a short call.
    WelcomeCall,
    /// 002: day 7, the user guide.
    Guide,
    /// 002: day 30, a review visit or video meeting …
    Review,
    /// … and a small gift.
    Gift,
    /// 003: a call within 1 week of the first purchase.
    FirstWeekCall,
    /// 003: a call within 1 month.
    FirstMonthCall,
    /// 003: a visit within 3 months.
    FirstQuarterVisit,
}

impl Step {
    /// Which way the step's date moves off a weekend: a deadline ("within …") is kept by
    /// doing it ahead, a set day ("day 30") moves to the Monday after as a cadence does.
    fn toward(self, first_deal: NaiveDate) -> Toward {
        match self {
            Step::Guide | Step::Review | Step::Gift => Toward::Later,
            Step::ThankYou
            | Step::WelcomeCall
            | Step::FirstWeekCall
            | Step::FirstMonthCall
            | Step::FirstQuarterVisit => Toward::Earlier {
                not_before: first_deal,
            },
        }
    }

    fn plan(policy: PolicyId) -> Vec<(Step, TouchKind, i64)> {
        let mut steps = vec![
            (Step::ThankYou, TouchKind::ThankYouLetter, 1),
            (Step::WelcomeCall, TouchKind::Call, 1),
            (Step::Guide, TouchKind::UserGuide, 7),
            (Step::Review, TouchKind::Online, 30),
            (Step::Gift, TouchKind::Gift, 30),
        ];
        if policy == PolicyId::P003 {
            steps.extend([
                (Step::FirstWeekCall, TouchKind::Call, 7),
                (Step::FirstMonthCall, TouchKind::Call, 30),
                (Step::FirstQuarterVisit, TouchKind::Visit, 90),
            ]);
        }
        steps
    }
}

/// Why a touch is due.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DueReason {
    /// The tier's cadence; `every` is the interval in force (halved for a paused A customer).
    Cadence {
        tier: Tier,
        every: Interval,
        paused: bool,
    },
    Onboarding(Step),
    Birthday {
        contact: String,
    },
    Anniversary {
        years: i32,
    },
    Holiday(Holiday),
    PeakSeason {
        starts: NaiveDate,
    },
    /// A touch the user planned for an exact date.
    Planned,
    /// An open win-back case: two contacts a week for its first month (002).
    WinBack,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DueStatus {
    /// Late by more than half an interval (red).
    BadlyOverdue,
    /// Late (amber).
    Overdue,
    Due,
    Upcoming,
}

/// One touch that is due.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Due {
    pub customer_id: String,
    pub kind: TouchKind,
    pub date: NaiveDate,
    pub reason: DueReason,
    pub status: DueStatus,
    /// The last real touch of this kind.
    pub last: Option<NaiveDate>,
    /// The stored plan item this comes from (a snooze, an edit or a next step).
    pub plan_id: Option<String>,
    /// The date before a weekend was skipped.
    pub moved_from: Option<NaiveDate>,
    pub tier: Option<Tier>,
}

/// Days after a dated occasion (birthday, holiday) it still shows as late; after that a
/// greeting is moot.
const GREETING_GRACE_DAYS: i64 = 3;
/// Onboarding is for customers whose first deal is this recent.
const ONBOARDING_WINDOW_DAYS: i64 = 120;

fn status(date: NaiveDate, today: NaiveDate, interval_days: i64) -> DueStatus {
    let late = (today - date).num_days();
    if late < 0 {
        DueStatus::Upcoming
    } else if late == 0 {
        DueStatus::Due
    } else if late * 2 > interval_days {
        DueStatus::BadlyOverdue
    } else {
        DueStatus::Overdue
    }
}

/// Saturday and Sunday move to the Monday after (a cadence's dates).
pub fn skip_weekend(date: NaiveDate) -> NaiveDate {
    working_day(date, Toward::Later)
}

/// What the schedule reads: the records and the settings that shape it. `followups` and
/// `plans` may hold every customer's records; `lunar` gives the dates of the lunar holidays
/// for this year and the next.
#[derive(Clone, Copy)]
pub struct Records<'a> {
    pub customers: &'a [Customer],
    pub followups: &'a [FollowUp],
    pub plans: &'a [PlanItem],
    pub cadence: &'a CadenceSettings,
    pub tiering: &'a TieringSettings,
    pub lunar: &'a [(Holiday, NaiveDate)],
}

impl<'a> Records<'a> {
    /// The rules alone, for one customer's schedule computed from that customer's own records.
    pub fn rules_only(
        cadence: &'a CadenceSettings,
        tiering: &'a TieringSettings,
        lunar: &'a [(Holiday, NaiveDate)],
    ) -> Self {
        Records {
            customers: &[],
            followups: &[],
            plans: &[],
            cadence,
            tiering,
            lunar,
        }
    }
}

/// Everything due up to `today + horizon_days`, overdue items included.
pub fn due_items(records: &Records, today: NaiveDate, horizon_days: i64) -> Vec<Due> {
    let followups_of = by_customer(records.followups);
    let plans_of = by_customer(records.plans);
    let mut out = Vec::new();
    for c in records.customers {
        out.extend(customer_dues(
            c,
            of_customer(&followups_of, &c.id),
            of_customer(&plans_of, &c.id),
            records,
            today,
            horizon_days,
        ));
    }
    sort_dues(&mut out);
    out
}

/// Worst first, then by tier (A first), then by date: the order `due_items` gives.
pub fn sort_dues(dues: &mut Vec<Due>) {
    sorting::sort_by(dues, due_order);
}

/// The order of `sort_dues`, for lists of what a page makes of each due.
pub fn due_order(a: &Due, b: &Due) -> std::cmp::Ordering {
    (a.status, a.tier.is_none(), a.tier, a.date, &a.customer_id).cmp(&(
        b.status,
        b.tier.is_none(),
        b.tier,
        b.date,
        &b.customer_id,
    ))
}

/// What is due for one customer, as `due_items` finds it (unsorted): `followups` and
/// `plans` are the customer's own; of `rules` only the settings and lunar dates are read.
/// One customer's dues depend on nothing of another's, so a page can keep them per customer
/// and compute again only the customer whose records changed.
pub fn customer_dues(
    c: &Customer,
    followups: &[&FollowUp],
    plans: &[&PlanItem],
    rules: &Records,
    today: NaiveDate,
    horizon_days: i64,
) -> Vec<Due> {
    let Records {
        cadence,
        tiering,
        lunar,
        ..
    } = *rules;
    let horizon = today + chrono::Duration::days(horizon_days);
    let policy = cadence.policy_id(tiering.preset);
    let table = cadence.table(policy);
    let mut out = Vec::new();
    let touches: Vec<&FollowUp> = followups
        .iter()
        .copied()
        .filter(|f| f.date.is_some_and(|d| d <= today))
        .collect();
    let last_of = |kind: TouchKind| {
        touches
            .iter()
            .filter(|f| f.kind.satisfies(kind))
            .filter_map(|f| f.date)
            .max()
    };
    let done_plan = |id: &str| touches.iter().any(|f| f.plan_id.as_deref() == Some(id));
    let mut open_plans: Vec<&PlanItem> = plans
        .iter()
        .copied()
        .filter(|p| !p.cancelled && !done_plan(&p.id))
        .collect();
    sorting::sort_by_key(&mut open_plans, |p| p.date);
    let tier = c.tiering.effective(today);
    // Every generated date (not a planned one: its date was chosen) follows the weekend rule.
    let skip_weekends = cadence.skip_weekends;
    let off_weekend = move |raw: NaiveDate, toward: Toward| {
        if !skip_weekends {
            return (raw, None);
        }
        let date = working_day(raw, toward);
        (date, (date != raw).then_some(raw))
    };
    let mut push = |kind, date: NaiveDate, reason, last, plan_id, moved_from, interval_days| {
        if date <= horizon {
            out.push(Due {
                customer_id: c.id.clone(),
                kind,
                date,
                status: status(date, today, interval_days),
                reason,
                last,
                plan_id,
                moved_from,
                tier,
            });
        }
    };
    let mut used_plans: Vec<String> = Vec::new();

    // The tier's cadence.
    if let Some(rules) = tier.and_then(|t| table.iter().find(|tc| tc.tier == t)) {
        let paused = paused_a(c, tier, tiering, today).is_some();
        let entered = c.tiering.since.or(c.created_on).unwrap_or(today);
        for rule in &rules.touches {
            if rule
                .for_days
                .is_some_and(|n| today > entered + chrono::Duration::days(n as i64))
            {
                continue;
            }
            let every = if paused {
                rule.every.halved()
            } else {
                rule.every
            };
            let last = last_of(rule.kind);
            let computed = last.map_or(entered, |l| every.after(l));
            let (shown, moved_from) = off_weekend(computed, Toward::Later);
            // A planned touch of this kind after the last one sets the date instead: a
            // snooze or next step, or an edit of exactly this generated touch.
            // (The key is made only for an edited item to compare: most customers have none.)
            let planned = open_plans.iter().find(|p| {
                p.kind == rule.kind
                    && last.is_none_or(|l| p.date > l)
                    && !used_plans.contains(&p.id)
                    && p.replaces
                        .as_ref()
                        .is_none_or(|r| *r == generated_key(&c.id, rule.kind, shown))
            });
            let (date, plan_id, moved_from) = match planned {
                Some(p) => {
                    used_plans.push(p.id.clone());
                    (p.date, Some(p.id.clone()), None)
                }
                None => (shown, None, moved_from),
            };
            let reason = DueReason::Cadence {
                tier: rules.tier,
                every,
                paused,
            };
            push(
                rule.kind,
                date,
                reason,
                last,
                plan_id,
                moved_from,
                every.days(),
            );
        }
    }

    // An open win-back case: a call every 3 days (twice a week) for its first month.
    if let Some(opened) = c
        .winback
        .iter()
        .filter(|w| w.is_open())
        .filter_map(|w| w.opened_on)
        .filter(|o| (today - *o).num_days() <= crate::domain::winback::WinBackCase::CADENCE_DAYS)
        .max()
    {
        let last = last_of(TouchKind::Call).filter(|l| *l >= opened);
        let raw = last.map_or(opened, |l| l + chrono::Duration::days(3));
        let (date, moved_from) = off_weekend(raw, Toward::Later);
        push(
            TouchKind::Call,
            date,
            DueReason::WinBack,
            last,
            None,
            moved_from,
            3,
        );
    }

    // Onboarding and new-customer steps after a recent first deal.
    if let Some(first) = c.first_deal().filter(|_| cadence.onboarding) {
        if (today - first).num_days() <= ONBOARDING_WINDOW_DAYS && first <= today {
            let mut counted: Vec<(TouchKind, usize)> = Vec::new();
            for (step, kind, offset) in Step::plan(policy) {
                // Steps of one kind are met in order by the touches of that kind since.
                let nth = counted.iter().filter(|(k, _)| *k == kind).count();
                counted.push((kind, nth));
                let since = touches
                    .iter()
                    .filter(|f| f.kind.satisfies(kind) && f.date.is_some_and(|d| d >= first))
                    .count();
                if since > nth {
                    continue;
                }
                let raw = first + chrono::Duration::days(offset);
                // A step that fell due before the customer was entered belongs to a deal
                // typed in after the fact: its moment has passed, so it is not owed now.
                if c.created_on.is_some_and(|entered| raw < entered) {
                    continue;
                }
                let (date, moved_from) = off_weekend(raw, step.toward(first));
                push(
                    kind,
                    date,
                    DueReason::Onboarding(step),
                    last_of(kind),
                    None,
                    moved_from,
                    offset.max(2),
                );
            }
        }
    }

    // Greetings on dated occasions.
    let greeted_near = |date: NaiveDate| {
        touches.iter().any(|f| {
            f.kind == TouchKind::Greeting
                && f.date.is_some_and(|d| (d - date).num_days().abs() <= 7)
        })
    };
    let from = today - chrono::Duration::days(GREETING_GRACE_DAYS);
    let mut greet = |occasion: NaiveDate, reason: DueReason| {
        if !greeted_near(occasion) {
            // A greeting is sent ahead of a weekend occasion, never after it.
            let (date, moved_from) = off_weekend(
                occasion,
                Toward::Earlier {
                    not_before: occasion - chrono::Duration::days(6),
                },
            );
            push(
                TouchKind::Greeting,
                date,
                reason,
                last_of(TouchKind::Greeting),
                None,
                moved_from,
                2 * GREETING_GRACE_DAYS,
            );
        }
    };
    for contact in &c.contacts {
        if let Some(b) = contact.birthday {
            let contact = if contact.name.is_empty() {
                c.name.clone()
            } else {
                contact.name.clone()
            };
            greet(next_yearly(b, from), DueReason::Birthday { contact });
        }
    }
    if let Some(first) = c.first_deal() {
        let (next, years) = next_anniversary(first, from);
        greet(next, DueReason::Anniversary { years });
    }
    // Holidays matter for customers the user actually works with.
    if tier.is_some() && !c.orders.is_empty() {
        for h in &cadence.holidays {
            if let Some(date) = h.next_on_or_after(from, lunar) {
                greet(date, DueReason::Holiday(*h));
            }
        }
    }

    // A reminder before the customer's peak season.
    if let Some(starts) = next_peak_start(&c.peak_months, today) {
        let remind = starts - chrono::Duration::days(cadence.peak_lead_days as i64);
        let contacted = last_of(TouchKind::Contact).is_some_and(|l| l >= remind);
        if !contacted {
            // A reminder is a deadline before the season: ahead of a weekend.
            let (date, moved_from) = off_weekend(
                remind,
                Toward::Earlier {
                    not_before: remind - chrono::Duration::days(6),
                },
            );
            push(
                TouchKind::Contact,
                date,
                DueReason::PeakSeason { starts },
                last_of(TouchKind::Contact),
                None,
                moved_from,
                cadence.peak_lead_days.max(2) as i64,
            );
        }
    }

    // Planned touches that no cadence rule took.
    for p in open_plans
        .iter()
        .filter(|p| !used_plans.contains(&p.id) && p.replaces.is_none())
    {
        push(
            p.kind,
            p.date,
            DueReason::Planned,
            last_of(p.kind),
            Some(p.id.clone()),
            None,
            14,
        );
    }
    out
}
