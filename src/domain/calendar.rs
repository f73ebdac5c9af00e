//! Calendar arithmetic the method needs: months that end on different days, tenure in years
//! and months. Plain functions over `NaiveDate`; nothing here knows what day it is.

use chrono::{Datelike, NaiveDate};

/// `date` moved by `months` (negative goes back). A day that does not exist in the target
/// month becomes that month's last day: 31 Jan + 1 month = 28/29 Feb.
pub fn add_months(date: NaiveDate, months: i32) -> NaiveDate {
    let total = date.year() * 12 + date.month0() as i32 + months;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12) as u32);
    let last = last_day_of_month(year, month0 + 1);
    NaiveDate::from_ymd_opt(year, month0 + 1, date.day().min(last)).expect("valid clamped date")
}

pub fn last_day_of_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(28)
}

/// Whole months from `from` to `to` (0 when `to` is earlier): 2023-01-31 → 2023-02-28 is 1.
pub fn whole_months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if add_months(from, months) > to {
        months -= 1;
    }
    months.max(0) as u32
}

/// A date typed as YYYY-MM-DD, read exactly as `NaiveDate::parse_from_str(text, "%Y-%m-%d")`
/// reads it, but with the format already spelled out as items: chrono's format-string parser
/// then stays out of the wasm (about 5 KB), and the item parser is the one `NaiveDate`'s own
/// `FromStr` (serde) already brings.
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    use chrono::format::{parse, Item, Numeric, Pad, Parsed};
    const YMD: &[Item<'static>] = &[
        Item::Numeric(Numeric::Year, Pad::Zero),
        Item::Literal("-"),
        Item::Numeric(Numeric::Month, Pad::Zero),
        Item::Literal("-"),
        Item::Numeric(Numeric::Day, Pad::Zero),
    ];
    let mut parsed = Parsed::new();
    parse(&mut parsed, text, YMD.iter()).ok()?;
    parsed.to_naive_date().ok()
}

/// A span of whole years and months, as tenure (合作时长) is spoken of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearsMonths {
    pub years: u32,
    pub months: u32,
}

impl YearsMonths {
    pub fn between(from: NaiveDate, to: NaiveDate) -> YearsMonths {
        let total = whole_months_between(from, to);
        YearsMonths {
            years: total / 12,
            months: total % 12,
        }
    }

    pub fn total_months(self) -> u32 {
        self.years * 12 + self.months
    }

    /// In years with one decimal, as the seeds write it ("1.5 年").
    pub fn as_years_f64(self) -> f64 {
        self.total_months() as f64 / 12.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn adding_months_clamps_to_the_end_of_short_months() {
        let cases = [
            (d(2024, 1, 31), 1, d(2024, 2, 29)), // leap year
            (d(2023, 1, 31), 1, d(2023, 2, 28)),
            (d(2023, 1, 31), 2, d(2023, 3, 31)),
            (d(2023, 3, 31), -1, d(2023, 2, 28)),
            (d(2023, 12, 15), 1, d(2024, 1, 15)),
            (d(2024, 1, 15), -1, d(2023, 12, 15)),
            (d(2024, 2, 29), 12, d(2025, 2, 28)),
            (d(2024, 5, 10), -12, d(2023, 5, 10)),
            (d(2024, 5, 10), 0, d(2024, 5, 10)),
        ];
        for (from, months, expected) in cases {
            assert_eq!(add_months(from, months), expected, "{from} + {months}");
        }
    }

    #[test]
    fn whole_months_count_only_completed_months() {
        assert_eq!(whole_months_between(d(2023, 1, 31), d(2023, 2, 28)), 1);
        assert_eq!(whole_months_between(d(2023, 1, 15), d(2023, 2, 14)), 0);
        assert_eq!(whole_months_between(d(2023, 1, 15), d(2023, 2, 15)), 1);
        assert_eq!(whole_months_between(d(2020, 3, 1), d(2023, 9, 1)), 42);
        assert_eq!(whole_months_between(d(2023, 9, 1), d(2020, 3, 1)), 0);
    }

    #[test]
    fn reads_dates_as_the_strftime_format_does() {
        let inputs = [
            "2024-03-15",
            "2024-3-5",
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-03-15 ",
            " 2024-03-15",
            "2024 -03-15",
            "2024- 03-15",
            "2024/03/15",
            "20240315",
            "+12024-01-01",
            "-0001-01-01",
            "0999-12-31",
            "24-03-15",
            "2024-03-15x",
            "",
            "-",
            "2024-03",
        ];
        for text in inputs {
            let strftime = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            assert_eq!(parse_ymd(text), strftime, "{text:?}");
        }
    }

    #[test]
    fn tenure_reads_as_years_and_months() {
        let t = YearsMonths::between(d(2022, 5, 20), d(2023, 11, 20));
        assert_eq!(
            t,
            YearsMonths {
                years: 1,
                months: 6
            }
        );
        assert_eq!(t.as_years_f64(), 1.5);
    }
}
