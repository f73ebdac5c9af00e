//! What the dashboard is graded against: the seeds' targets and the grades.

use serde::{Deserialize, Serialize};

use super::{CallbackClass, Period, Tenths};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    AtLeast,
    AtMost,
}

/// A target a figure is graded against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Target {
    pub value: Tenths,
    pub direction: Direction,
}

impl Target {
    pub fn at_least(value: Tenths) -> Target {
        Target {
            value,
            direction: Direction::AtLeast,
        }
    }

    pub fn at_most(value: Tenths) -> Target {
        Target {
            value,
            direction: Direction::AtMost,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    Met,
    /// Not met, but within 10 % of the target.
    Close,
    Missed,
}

/// Met when the value is on the right side of the target (exactly on it counts as met).
/// Close when it misses by at most 10 % of the target: at least 90 % of an "at least" target,
/// at most 110 % of an "at most" one. Missed otherwise.
pub fn grade(value: Tenths, target: Target) -> Grade {
    let (v, t) = (value.0, target.value.0);
    match target.direction {
        Direction::AtLeast if v >= t => Grade::Met,
        Direction::AtLeast if v * 10 >= t * 9 => Grade::Close,
        Direction::AtMost if v <= t => Grade::Met,
        Direction::AtMost if v * 10 <= t * 11 => Grade::Close,
        _ => Grade::Missed,
    }
}

/// The seeds' KPI targets (002, 003), editable; whole percent or points unless named
/// otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Targets {
    /// Annual churn at most this.
    pub churn_max_pct: u32,
    /// CSAT average at least this, on the 100 scale.
    pub csat_min: u32,
    /// Satisfaction up at least this many points year on year (003).
    pub satisfaction_yoy_points: u32,
    /// Repeat-purchase rate up at least this many points year on year (003).
    pub repeat_yoy_points: u32,
    pub callback_important_pct: u32,
    pub callback_general_pct: u32,
    pub callback_new_pct: u32,
    /// Referred customers at least this share of new customers.
    pub referral_min_pct: u32,
    /// New cooperation points per old customer per quarter, in tenths (10 is 1).
    pub new_points_per_quarter_tenths: u32,
    pub value_added_min_pct: u32,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            churn_max_pct: 15,
            csat_min: 85,
            satisfaction_yoy_points: 10,
            repeat_yoy_points: 15,
            callback_important_pct: 100,
            callback_general_pct: 90,
            callback_new_pct: 95,
            referral_min_pct: 30,
            new_points_per_quarter_tenths: 10,
            value_added_min_pct: 60,
        }
    }
}

impl Targets {
    /// The churn ceiling for a period: the annual target times the period's calendar months
    /// / 12 (15 % a year is 3.8 % for a quarter), so a short period is not allowed a year's
    /// losses.
    pub fn churn(&self, period: &Period) -> Target {
        let months = period.months().len() as i64;
        Target::at_most(
            Tenths::ratio(self.churn_max_pct as i64 * months, 12, 1).unwrap_or_default(),
        )
    }

    pub fn csat(&self) -> Target {
        Target::at_least(Tenths::whole(self.csat_min as i64))
    }

    pub fn satisfaction_yoy(&self) -> Target {
        Target::at_least(Tenths::whole(self.satisfaction_yoy_points as i64))
    }

    pub fn repeat_yoy(&self) -> Target {
        Target::at_least(Tenths::whole(self.repeat_yoy_points as i64))
    }

    pub fn callback(&self, class: CallbackClass) -> Target {
        let pct = match class {
            CallbackClass::Important => self.callback_important_pct,
            CallbackClass::General => self.callback_general_pct,
            CallbackClass::New => self.callback_new_pct,
        };
        Target::at_least(Tenths::whole(pct as i64))
    }

    pub fn referrals(&self) -> Target {
        Target::at_least(Tenths::whole(self.referral_min_pct as i64))
    }

    pub fn new_points(&self) -> Target {
        Target::at_least(Tenths(self.new_points_per_quarter_tenths as i64))
    }

    pub fn value_added(&self) -> Target {
        Target::at_least(Tenths::whole(self.value_added_min_pct as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn grades_exactly_on_target_are_met_and_within_ten_percent_close() {
        let at_least = |v| grade(Tenths(v), Target::at_least(Tenths::whole(85)));
        let at_most = |v| grade(Tenths(v), Target::at_most(Tenths::whole(15)));
        let cases = [
            (at_least(850), Grade::Met),
            (at_least(1000), Grade::Met),
            (at_least(849), Grade::Close),
            (at_least(765), Grade::Close), // 90 % of 85
            (at_least(764), Grade::Missed),
            (at_most(150), Grade::Met),
            (at_most(0), Grade::Met),
            (at_most(165), Grade::Close), // 110 % of 15
            (at_most(166), Grade::Missed),
            (
                grade(Tenths(900), Target::at_least(Tenths::whole(100))),
                Grade::Close,
            ),
            (
                grade(Tenths(899), Target::at_least(Tenths::whole(100))),
                Grade::Missed,
            ),
            (
                grade(Tenths(-10), Target::at_least(Tenths::whole(10))),
                Grade::Missed,
            ),
            (grade(Tenths(1), Target::at_most(Tenths(0))), Grade::Missed),
        ];
        for (i, (got, expected)) in cases.into_iter().enumerate() {
            assert_eq!(got, expected, "case {i}");
        }
    }

    #[test]
    fn targets_default_to_the_seeds_and_read_partially() {
        let t: Targets = serde_json::from_str(r#"{"csat_min":90}"#).unwrap();
        assert_eq!(
            t,
            Targets {
                csat_min: 90,
                ..Targets::default()
            }
        );
        let back: Targets = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
        let seeds = Targets::default();
        assert_eq!(seeds.new_points().value, Tenths(10));
        assert_eq!(seeds.callback(CallbackClass::New).value, Tenths(950));
        // The annual churn ceiling, pro rata to the period's months.
        let today = d(2024, 6, 30);
        let churn = |p: Period| seeds.churn(&p).value;
        assert_eq!(churn(Period::last_12_months(today)), Tenths(150));
        assert_eq!(churn(Period::this_year(today)), Tenths(75));
        assert_eq!(churn(Period::this_quarter(today)), Tenths(38));
    }
}
