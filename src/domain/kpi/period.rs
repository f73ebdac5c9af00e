//! The stretch of days a dashboard measures, and its calendar months (the charts' x axis).

use chrono::{Datelike, NaiveDate};

use crate::domain::calendar::{add_months, last_day_of_month};

/// Days from `start` to `end`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).expect("every month has a first day")
}

impl Period {
    /// From the first day of `today`'s calendar quarter to today.
    pub fn this_quarter(today: NaiveDate) -> Period {
        let month = (today.month0() / 3) * 3 + 1;
        let start = NaiveDate::from_ymd_opt(today.year(), month, 1).expect("a quarter's start");
        Period { start, end: today }
    }

    /// From 1 January to today.
    pub fn this_year(today: NaiveDate) -> Period {
        let start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January");
        Period { start, end: today }
    }

    /// This month so far and the 11 whole months before it: twelve calendar months, so the
    /// monthly series has twelve points and none of them is a sliver of a month.
    pub fn last_12_months(today: NaiveDate) -> Period {
        Period {
            start: add_months(first_of_month(today), -11),
            end: today,
        }
    }

    /// Any two dates, in either order.
    pub fn custom(start: NaiveDate, end: NaiveDate) -> Period {
        Period {
            start: start.min(end),
            end: start.max(end),
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Each calendar month with at least one day in the period, in order, as (year, month).
    pub fn months(&self) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        let mut m = first_of_month(self.start);
        while m <= self.end {
            out.push((m.year(), m.month()));
            m = add_months(m, 1);
        }
        out
    }

    /// The part of the period inside one calendar month.
    pub fn within_month(&self, year: i32, month: u32) -> Period {
        let first = NaiveDate::from_ymd_opt(year, month, 1).expect("a real month");
        let last = NaiveDate::from_ymd_opt(year, month, last_day_of_month(year, month))
            .expect("a month's last day");
        Period {
            start: self.start.max(first),
            end: self.end.min(last),
        }
    }

    /// The same days a year earlier, for year-on-year figures. 29 February becomes
    /// 28 February.
    pub fn year_before(&self) -> Period {
        Period {
            start: add_months(self.start, -12),
            end: add_months(self.end, -12),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn named_periods_end_today() {
        let cases = [
            (Period::this_quarter(d(2024, 5, 20)), d(2024, 4, 1), 2),
            (Period::this_quarter(d(2024, 12, 31)), d(2024, 10, 1), 3),
            (Period::this_quarter(d(2024, 1, 1)), d(2024, 1, 1), 1),
            (Period::this_year(d(2024, 5, 20)), d(2024, 1, 1), 5),
            (Period::last_12_months(d(2024, 5, 20)), d(2023, 6, 1), 12),
            (Period::last_12_months(d(2024, 1, 31)), d(2023, 2, 1), 12),
        ];
        for (period, start, months) in cases {
            assert_eq!(period.start, start);
            assert_eq!(period.months().len(), months, "{period:?}");
        }
        assert_eq!(Period::this_year(d(2024, 5, 20)).end, d(2024, 5, 20));
    }

    #[test]
    fn months_touch_the_period_in_order() {
        let p = Period::custom(d(2024, 2, 15), d(2023, 11, 30));
        assert_eq!(p.start, d(2023, 11, 30), "dates in either order");
        assert_eq!(
            p.months(),
            vec![(2023, 11), (2023, 12), (2024, 1), (2024, 2)]
        );
        assert_eq!(
            p.within_month(2023, 11),
            Period::custom(d(2023, 11, 30), d(2023, 11, 30))
        );
        assert_eq!(
            p.within_month(2024, 1),
            Period::custom(d(2024, 1, 1), d(2024, 1, 31))
        );
        assert_eq!(
            p.within_month(2024, 2),
            Period::custom(d(2024, 2, 1), d(2024, 2, 15))
        );
        let leap = Period::custom(d(2024, 2, 1), d(2024, 3, 31));
        assert_eq!(leap.within_month(2024, 2).end, d(2024, 2, 29));
        assert!(leap.contains(d(2024, 2, 29)) && !leap.contains(d(2024, 4, 1)));
    }

    #[test]
    fn the_year_before_keeps_the_days_and_29_february_becomes_the_28th() {
        let p = Period::custom(d(2024, 2, 1), d(2024, 2, 29)).year_before();
        assert_eq!(p, Period::custom(d(2023, 2, 1), d(2023, 2, 28)));
        let q = Period::this_quarter(d(2024, 6, 30)).year_before();
        assert_eq!(q, Period::custom(d(2023, 4, 1), d(2023, 6, 30)));
    }
}
