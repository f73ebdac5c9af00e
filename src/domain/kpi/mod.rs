//! The dashboard's KPIs (METHOD.md §7; seeds 002, 003): each of the seeds' targets measured
//! from the records over a period, graded against the target, with monthly series for charts.
//!
//! Numbers are exact tenths ([`Tenths`]): percentages, scores and rates all need one decimal,
//! and integers keep float formatting out of the wasm. A figure whose data is missing is
//! [`Measure::Missing`] with what to record to get it, never a 0 that looks measured.
//! Nothing here reads a clock: `today` and the period come in.

pub mod callback;
pub mod history;
pub mod measures;
pub mod period;
pub mod targets;

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use crate::domain::cadence::{customer_dues, CadenceSettings, DueStatus, Records};
use crate::domain::churn::{signals, Health};
use crate::domain::lifecycle::Stage;
use crate::domain::records::Customer;
use crate::domain::records::FollowUp;
use crate::domain::tiering::{Tier, TieringSettings};

pub use callback::{CallbackClass, DueTouch};
pub use period::Period;
pub use targets::{grade, Direction, Grade, Target, Targets};

/// A number with one decimal, held exactly as tenths (143 is 14.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tenths(pub i64);

impl Tenths {
    pub fn whole(n: i64) -> Tenths {
        Tenths(n * 10)
    }

    /// `part / whole × scale`, rounded half away from zero to a tenth; `None` when `whole`
    /// is 0 (nothing to measure on).
    pub fn ratio(part: i64, whole: i64, scale: i64) -> Option<Tenths> {
        if whole == 0 {
            return None;
        }
        let (n, w) = (part * scale * 10, whole);
        let (q, r) = (n / w, n % w);
        let up = 2 * r.abs() >= w.abs();
        let sign = if (n < 0) == (w < 0) { 1 } else { -1 };
        Some(Tenths(if up { q + sign } else { q }))
    }
}

/// "14.3", "-0.5", and "15" rather than "15.0".
impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        match abs % 10 {
            0 => write!(f, "{sign}{}", abs / 10),
            tenth => write!(f, "{sign}{}.{tenth}", abs / 10),
        }
    }
}

/// What to record to get a figure that cannot be measured yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MissingData {
    /// Move customers through the lifecycle; a move into 流失 (churned) is what churn counts.
    LifecycleStages,
    /// Record when customers were created (or their first deal), so the customers at the
    /// period's start are known.
    CustomerDates,
    /// Record CSAT scores (0–100) or feedback scores (0–10) in the period.
    CsatScores,
    /// Record NPS answers (0–10) in the period.
    NpsAnswers,
    /// Record dated orders (deals).
    Orders,
    /// Tier the customers: the callback rate follows each tier's cadence.
    Tiers,
    /// No touch of this class fell due in the period: customers in the class and a cadence
    /// for their tier are needed.
    Cadence,
    /// Record the first deal of the period's new customers.
    NewCustomers,
    /// Record the needs found (需求挖掘点) in follow-ups.
    FollowUpNeeds,
    /// Mark follow-ups that were value-added services (training, salons, resources …).
    ValueAddedServices,
    /// The same records a year before the period, to compare with.
    LastYear,
}

/// A figure's value, or why there is none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    Value(Tenths),
    Missing(MissingData),
}

impl Measure {
    pub fn value(self) -> Option<Tenths> {
        match self {
            Measure::Value(v) => Some(v),
            Measure::Missing(_) => None,
        }
    }
}

/// One KPI: its measure, its target (none for figures only tracked, such as NPS) and the two
/// counts its formula divides (`part` / `whole`; each figure's doc says what they are).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figure {
    pub measure: Measure,
    pub target: Option<Target>,
    pub part: i64,
    pub whole: i64,
}

impl Figure {
    fn missing(what: MissingData) -> Figure {
        Figure {
            measure: Measure::Missing(what),
            target: None,
            part: 0,
            whole: 0,
        }
    }

    /// `part / whole × scale`, or `missing` when `whole` is 0.
    fn ratio(part: i64, whole: i64, scale: i64, missing: MissingData) -> Figure {
        Figure {
            measure: Tenths::ratio(part, whole, scale)
                .map_or(Measure::Missing(missing), Measure::Value),
            target: None,
            part,
            whole,
        }
    }

    fn against(mut self, target: Target) -> Figure {
        self.target = Some(target);
        self
    }

    /// `None` when there is no value or no target.
    pub fn grade(&self) -> Option<Grade> {
        Some(grade(self.measure.value()?, self.target?))
    }
}

/// How many customers are in each tier (A–D, in that order) and how many have none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TierCounts {
    pub by_tier: [u32; 4],
    pub untiered: u32,
}

impl TierCounts {
    fn add(&mut self, tier: Option<Tier>) {
        match tier {
            Some(t) => self.by_tier[t as usize] += 1,
            None => self.untiered += 1,
        }
    }

    pub fn of(&self, tier: Tier) -> u32 {
        self.by_tier[tier as usize]
    }
}

/// One month of the charts: the month's own figures, over the part of it in the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthPoint {
    pub year: i32,
    pub month: u32,
    /// Lost in the month / customers at its start (not annualised).
    pub churn_pct: Measure,
    pub csat: Measure,
    pub nps: Measure,
    /// On time / due, all classes together.
    pub callback_pct: Measure,
    /// Touches that fell due in the month and were not done on time (overdue over time).
    pub missed_touches: u32,
    pub due_touches: u32,
}

/// Every KPI of the dashboard for one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dashboard {
    pub period: Period,
    /// [`measures::churn`]; graded against the annual target pro rata ([`Targets::churn`]).
    pub churn: Figure,
    /// [`measures::csat`].
    pub csat: Figure,
    /// How many of the CSAT answers were 0–10 feedback scores, scaled ×10.
    pub csat_scaled_feedback: u32,
    /// [`measures::nps`]; tracked, no target.
    pub nps: Figure,
    /// CSAT average minus the year before's, in points ([`measures::year_on_year`]).
    pub satisfaction_yoy: Figure,
    /// [`measures::repeat_purchase`]; shown, its change is what has a target.
    pub repeat_purchase: Figure,
    pub repeat_yoy: Figure,
    /// Callback rate = touches done on time / touches due, in percent, per class
    /// ([`callback`] says how touches fall due). `part`: on time; `whole`: due.
    pub callback_important: Figure,
    pub callback_general: Figure,
    pub callback_new: Figure,
    /// [`measures::referrals`].
    pub referrals: Figure,
    /// [`measures::new_points`].
    pub new_points: Figure,
    /// [`measures::value_added`].
    pub value_added: Figure,
    /// Effective tiers today, churned customers left out.
    pub tiers_now: TierCounts,
    /// Tiers as of the last completed review (from each customer's tier history), of the
    /// customers that existed then and were not churned; `None` until a review is completed.
    pub tiers_at_review: Option<(NaiveDate, TierCounts)>,
    /// Touches overdue today (late, and late by more than half an interval), every reason.
    pub overdue_now: u32,
    pub badly_overdue_now: u32,
    /// Customers not churned whose churn signals put them at risk, or on watch.
    pub at_risk: u32,
    pub watch: u32,
    /// One point per calendar month of the period.
    pub months: Vec<MonthPoint>,
}

/// Follow-ups by customer, grouped once rather than scanned per customer.
pub struct Touches<'a> {
    by_customer: HashMap<&'a str, Vec<&'a FollowUp>>,
}

impl<'a> Touches<'a> {
    pub fn new(followups: &'a [FollowUp]) -> Touches<'a> {
        let mut by_customer: HashMap<&str, Vec<&FollowUp>> = HashMap::new();
        for f in followups {
            by_customer
                .entry(f.customer_id.as_str())
                .or_default()
                .push(f);
        }
        Touches { by_customer }
    }

    pub fn of(&self, customer_id: &str) -> &[&'a FollowUp] {
        self.by_customer.get(customer_id).map_or(&[], |v| v)
    }
}

/// Every figure of the dashboard for `period`, as of `today`.
pub fn dashboard(
    customers: &[Customer],
    followups: &[FollowUp],
    cadence: &CadenceSettings,
    tiering: &TieringSettings,
    targets: &Targets,
    period: &Period,
    today: NaiveDate,
) -> Dashboard {
    let touches = Touches::new(followups);
    let last_year = period.year_before();

    let (csat, csat_scaled_feedback) = measures::csat(customers, period);
    let (csat_before, _) = measures::csat(customers, &last_year);
    let repeat_purchase = measures::repeat_purchase(customers, period);
    let repeat_before = measures::repeat_purchase(customers, &last_year);

    let table = cadence.table(cadence.policy_id(tiering.preset));
    let mut dues = Vec::new();
    for c in customers {
        let own = touches.of(&c.id);
        callback::due_touches(
            c,
            own,
            &table,
            cadence.skip_weekends,
            period,
            today,
            &mut dues,
        );
    }
    let any_tiered = customers
        .iter()
        .any(|c| !history::tier_timeline(c, today).is_empty());
    let no_dues = if any_tiered {
        MissingData::Cadence
    } else {
        MissingData::Tiers
    };
    let callback_rate = |class: Option<CallbackClass>, within: &Period| {
        let counted = dues
            .iter()
            .filter(|d| class.is_none_or(|c| d.class == c) && within.contains(d.date));
        let (mut on_time, mut due) = (0, 0);
        for d in counted {
            due += 1;
            on_time += d.on_time as i64;
        }
        Figure::ratio(on_time, due, 100, no_dues)
    };
    let class_rate = |class| callback_rate(Some(class), period).against(targets.callback(class));

    let any_needs = followups
        .iter()
        .any(|f| f.needs.iter().any(|n| !n.trim().is_empty()));
    let any_value_added = followups.iter().any(|f| f.value_added);

    let mut tiers_now = TierCounts::default();
    for c in customers.iter().filter(|c| c.stage != Some(Stage::Churned)) {
        tiers_now.add(c.tiering.effective(today));
    }
    let tiers_at_review = tiering.last_review.map(|review| {
        let mut counts = TierCounts::default();
        for c in customers.iter().filter(|c| {
            history::existed_by(c, review) && history::stage_on(c, review) != Some(Stage::Churned)
        }) {
            counts.add(history::tier_on(&history::tier_timeline(c, today), review));
        }
        (review, counts)
    });

    let mut overdue_now = 0;
    let mut badly_overdue_now = 0;
    let rules = Records::rules_only(cadence, tiering, &[]);
    // Each customer's schedule from the follow-ups already grouped above (the count does not
    // depend on the agenda's order).
    for c in customers {
        for due in customer_dues(c, touches.of(&c.id), &[], &rules, today, 0) {
            match due.status {
                DueStatus::BadlyOverdue => badly_overdue_now += 1,
                DueStatus::Overdue => overdue_now += 1,
                _ => {}
            }
        }
    }
    overdue_now += badly_overdue_now;

    let (mut at_risk, mut watch) = (0, 0);
    for c in customers.iter().filter(|c| c.stage != Some(Stage::Churned)) {
        let own = touches.of(&c.id).iter().copied();
        let found = signals(c, own, c.tiering.effective(today), tiering, today);
        match Health::of(&found) {
            Health::AtRisk => at_risk += 1,
            Health::Watch => watch += 1,
            Health::Healthy => {}
        }
    }

    let months = period
        .months()
        .into_iter()
        .map(|(year, month)| {
            let within = period.within_month(year, month);
            let callback = callback_rate(None, &within);
            MonthPoint {
                year,
                month,
                churn_pct: measures::churn(customers, &within).measure,
                csat: measures::csat(customers, &within).0.measure,
                nps: measures::nps(customers, &within).measure,
                callback_pct: callback.measure,
                missed_touches: (callback.whole - callback.part) as u32,
                due_touches: callback.whole as u32,
            }
        })
        .collect();

    Dashboard {
        period: *period,
        churn: measures::churn(customers, period).against(targets.churn(period)),
        satisfaction_yoy: measures::year_on_year(&csat, &csat_before)
            .against(targets.satisfaction_yoy()),
        csat: csat.against(targets.csat()),
        csat_scaled_feedback,
        nps: measures::nps(customers, period),
        repeat_yoy: measures::year_on_year(&repeat_purchase, &repeat_before)
            .against(targets.repeat_yoy()),
        repeat_purchase,
        callback_important: class_rate(CallbackClass::Important),
        callback_general: class_rate(CallbackClass::General),
        callback_new: class_rate(CallbackClass::New),
        referrals: measures::referrals(customers, period).against(targets.referrals()),
        new_points: measures::new_points(customers, &touches, any_needs, period)
            .against(targets.new_points()),
        value_added: measures::value_added(customers, &touches, any_value_added, period)
            .against(targets.value_added()),
        tiers_now,
        tiers_at_review,
        overdue_now,
        badly_overdue_now,
        at_risk,
        watch,
        months,
    }
}

#[cfg(test)]
mod tests;
