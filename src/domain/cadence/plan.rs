//! The plan ahead: every customer's cadence projected over the coming months to exact dates,
//! the user's own planned items in place of generated ones, and a daily cap per owner that
//! spreads the load — each move within the interval's tolerance and explained.

use crate::domain::sorting;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::keys::{calendar_uid, generated_key};
use super::schedule::{customer_dues, skip_weekend, sort_dues, Due, DueReason, Records};
use super::CadenceSettings;
use super::TouchKind;
use crate::domain::records::Customer;
use crate::domain::records::PlanItem;
use crate::domain::records::{by_customer, of_customer, FollowUp};
use crate::domain::tiering::Tier;

/// A topic the plan suggests, by the quarter of the touch — the seed's year for an A customer
/// (000): March a visit with a white paper, June a video review, September a summit
/// invitation, December the annual review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Suggestion {
    WhitePaper,
    HalfYearReview,
    SummitInvitation,
    AnnualReview,
}

impl Suggestion {
    pub fn for_month(month: u32) -> Suggestion {
        match month {
            1..=3 => Suggestion::WhitePaper,
            4..=6 => Suggestion::HalfYearReview,
            7..=9 => Suggestion::SummitInvitation,
            _ => Suggestion::AnnualReview,
        }
    }
}

/// Why a planned touch sits on another day than its rule gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveReason {
    Weekend,
    /// The owner already had `cap` touches that day.
    DailyCap {
        cap: u32,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedTouch {
    /// The date the touch was generated for (before a daily cap moved it): see `key`.
    pub generated_on: NaiveDate,
    /// Its place among the customer's upcoming touches of its kind: see `uid`.
    pub ordinal: usize,
    pub customer_id: String,
    pub date: NaiveDate,
    pub kind: TouchKind,
    pub owner: String,
    pub tier: Option<Tier>,
    /// Topics typed by the user (stored items).
    pub topics: Vec<String>,
    pub suggestion: Option<Suggestion>,
    pub reason: DueReason,
    /// The stored plan item, when the user planned or edited this touch.
    pub stored: Option<String>,
    pub moved: Option<(NaiveDate, MoveReason)>,
}

impl PlannedTouch {
    /// Identifies a generated touch for edits: customer, kind and the date it was generated for.
    /// (Made when asked for: a year of 10,000 customers' touches need few of them.)
    pub fn key(&self) -> String {
        generated_key(&self.customer_id, self.kind, self.generated_on)
    }

    /// Stable across re-exports (customer, kind, and its place among the upcoming touches of
    /// that kind): a calendar re-importing the file updates the event instead of adding one.
    pub fn uid(&self) -> String {
        calendar_uid(&self.customer_id, self.kind, self.ordinal)
    }
}

/// How many months ahead a plan must reach to fill the calendar month that starts at or
/// contains `month` (at least 1, at most `max`): the plan ends `months` after `today`, which
/// is past that month's last day.
pub fn months_to_cover(today: NaiveDate, month: NaiveDate, max: u32) -> u32 {
    let ahead = (month.year() - today.year()) * 12 + month.month() as i32 - today.month() as i32;
    (ahead + 1).clamp(1, max as i32) as u32
}

/// The plan from `today` for `months` months.
pub fn plan_ahead(records: &Records, today: NaiveDate, months: u32) -> Vec<PlannedTouch> {
    let followups_of = by_customer(records.followups);
    let plans_of = by_customer(records.plans);
    let mut out: Vec<PlannedTouch> = Vec::new();
    for c in records.customers {
        out.extend(customer_plan(
            c,
            of_customer(&followups_of, &c.id),
            of_customer(&plans_of, &c.id),
            records,
            today,
            months,
        ));
    }
    finish_plan(&mut out, records.cadence, today);
    out
}

/// The order of a plan: by date, then tier, then customer.
pub fn by_date(plan: &mut Vec<PlannedTouch>) {
    sorting::sort_by(plan, plan_order);
}

/// The plan's order: by date, then tier, then customer.
pub fn plan_order(a: &PlannedTouch, b: &PlannedTouch) -> std::cmp::Ordering {
    (a.date, a.tier, &a.customer_id).cmp(&(b.date, b.tier, &b.customer_id))
}

/// The customers' plans put together (`customer_plan`'s, in any order) as `plan_ahead` gives
/// them: in date order, and spread under the daily cap when there is one.
pub fn finish_plan(plan: &mut Vec<PlannedTouch>, cadence: &CadenceSettings, today: NaiveDate) {
    by_date(plan);
    if cadence.daily_cap > 0 {
        spread(plan, cadence.daily_cap, cadence.skip_weekends, today);
        by_date(plan);
    }
}

/// One customer's touches for the `months` ahead, in date order, before any daily cap
/// (which weighs every customer's touches together: see `finish_plan`). `followups` and
/// `plans` are the customer's own; of `rules` only the settings and lunar dates are read.
pub fn customer_plan(
    c: &Customer,
    followups: &[&FollowUp],
    plans: &[&PlanItem],
    rules: &Records,
    today: NaiveDate,
    months: u32,
) -> Vec<PlannedTouch> {
    let cadence = rules.cadence;
    let end = crate::domain::calendar::add_months(today, months as i32);
    let horizon = (end - today).num_days();
    let stored: HashMap<&str, &PlanItem> = plans.iter().map(|p| (p.id.as_str(), *p)).collect();
    let replaced: HashMap<&str, &PlanItem> = plans
        .iter()
        .filter_map(|p| p.replaces.as_deref().map(|k| (k, *p)))
        .collect();
    // (Every due here is this customer's: the count is per kind.)
    let mut ordinal: HashMap<TouchKind, usize> = HashMap::new();
    let mut out: Vec<PlannedTouch> = Vec::new();
    let mut make = |due: &Due,
                    plan_id: Option<&String>,
                    date: NaiveDate,
                    moved: Option<(NaiveDate, MoveReason)>|
     -> Option<PlannedTouch> {
        let n = ordinal.entry(due.kind).or_default();
        let place = *n;
        *n += 1;
        // An item the user edited or deleted stands in for the generated one (but not for
        // itself: an edit that kept the date has the key of the touch it replaces).
        if !replaced.is_empty() {
            let key = generated_key(&due.customer_id, due.kind, date);
            if replaced
                .get(key.as_str())
                .is_some_and(|p| plan_id != Some(&p.id))
            {
                return None;
            }
        }
        let stored_item = plan_id.and_then(|id| stored.get(id.as_str()));
        Some(PlannedTouch {
            generated_on: date,
            ordinal: place,
            customer_id: due.customer_id.clone(),
            date,
            kind: due.kind,
            owner: stored_item
                .map(|p| p.owner.clone())
                .filter(|o| !o.is_empty())
                .unwrap_or_else(|| c.owner.clone()),
            tier: due.tier,
            topics: stored_item.map(|p| p.topics.clone()).unwrap_or_default(),
            suggestion: match (&due.reason, due.kind) {
                (
                    DueReason::Cadence { .. },
                    TouchKind::Visit | TouchKind::ExecutiveVisit | TouchKind::Online,
                ) => Some(Suggestion::for_month(date.month())),
                (DueReason::Cadence { tier: Tier::A, .. }, TouchKind::Contact) => {
                    Some(Suggestion::for_month(date.month()))
                }
                _ => None,
            },
            reason: due.reason.clone(),
            stored: plan_id.cloned(),
            moved,
        })
    };

    let mut dues = customer_dues(c, followups, plans, rules, today, horizon);
    sort_dues(&mut dues);
    for due in dues {
        // Late touches belong to today in a plan.
        let first = due.date.max(today);
        out.extend(make(
            &due,
            due.plan_id.as_ref(),
            first,
            due.moved_from.map(|f| (f, MoveReason::Weekend)),
        ));
        // A cadence repeats: after this touch, the next falls one interval later.
        if let DueReason::Cadence { every, .. } = due.reason {
            let mut raw = every.after(first);
            while raw < end {
                let date = if cadence.skip_weekends {
                    skip_weekend(raw)
                } else {
                    raw
                };
                let moved = (date != raw).then_some((raw, MoveReason::Weekend));
                if date < end {
                    // A repeat is generated: no stored item stands behind it.
                    out.extend(make(&due, None, date, moved));
                }
                raw = every.after(raw);
            }
        }
    }
    // Stored items that replace a generated one keep their own date.
    for p in plans
        .iter()
        .filter(|p| p.replaces.is_some() && !p.cancelled)
    {
        if p.date >= today
            && p.date < end
            && !out.iter().any(|t| t.stored.as_deref() == Some(&p.id))
        {
            let due = Due {
                customer_id: p.customer_id.clone(),
                kind: p.kind,
                date: p.date,
                reason: DueReason::Planned,
                status: super::DueStatus::Upcoming,
                last: None,
                plan_id: Some(p.id.clone()),
                moved_from: None,
                tier: c.tiering.effective(today),
            };
            out.extend(make(&due, due.plan_id.as_ref(), p.date, None));
        }
    }
    by_date(&mut out);
    out
}

/// How far a touch may move to spread load: a tenth of its interval, at least a day.
fn tolerance_days(reason: &DueReason) -> i64 {
    match reason {
        DueReason::Cadence { every, .. } => (every.days() / 10).max(1),
        _ => 0,
    }
}

/// Moves touches off days where an owner has more than `cap`, to the nearest later day with
/// room, within each touch's tolerance. Touches the user placed, and today's, never move;
/// lower tiers move before higher ones.
fn spread(plan: &mut [PlannedTouch], cap: u32, skip_weekends: bool, today: NaiveDate) {
    let mut load: HashMap<(String, NaiveDate), u32> = HashMap::new();
    for t in plan.iter() {
        *load.entry((t.owner.clone(), t.date)).or_default() += 1;
    }
    // Lowest priority first: later tiers, then generated before stored.
    let mut order: Vec<usize> = (0..plan.len()).collect();
    sorting::sort_by_key(&mut order, |&i| {
        std::cmp::Reverse((plan[i].tier.is_none(), plan[i].tier))
    });
    for i in order {
        let t = &plan[i];
        let key = (t.owner.clone(), t.date);
        if load[&key] <= cap || t.stored.is_some() || t.date <= today {
            continue;
        }
        let tolerance = tolerance_days(&t.reason);
        let target = (1..=tolerance)
            .map(|d| t.date + chrono::Duration::days(d))
            .filter(|d| !skip_weekends || skip_weekend(*d) == *d)
            .find(|d| load.get(&(t.owner.clone(), *d)).copied().unwrap_or(0) < cap);
        if let Some(day) = target {
            *load.get_mut(&key).unwrap() -= 1;
            *load.entry((t.owner.clone(), day)).or_default() += 1;
            let from = t.moved.map_or(t.date, |(f, _)| f);
            let t = &mut plan[i];
            t.moved = Some((from, MoveReason::DailyCap { cap }));
            t.date = day;
        }
    }
}
