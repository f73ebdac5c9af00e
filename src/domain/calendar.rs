//! Calendar arithmetic the method needs: months that end on different days, tenure in years
//! and months. Plain functions over `NaiveDate`; nothing here knows what day it is.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::de::{Deserialize, Deserializer, Error as _};

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

/// Which way a date that falls on a weekend moves, when the settings skip weekends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Toward {
    /// To the Monday after: a touch that repeats ("every two weeks") or falls on a set day
    /// ("day 30").
    Later,
    /// To the Friday before: a deadline ("within 24 h", "within 1 week") or an occasion (a
    /// birthday, a holiday), done ahead rather than late; never before `not_before` (a
    /// deadline's start), and to the Monday after when no working day is left between.
    Earlier { not_before: NaiveDate },
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `date` on a working day (Saturday and Sunday are not): the one rule every generated date
/// follows when the settings skip weekends.
pub fn working_day(date: NaiveDate, toward: Toward) -> NaiveDate {
    let day = chrono::Duration::days(1);
    if !is_weekend(date) {
        return date;
    }
    if let Toward::Earlier { not_before } = toward {
        let mut d = date;
        while is_weekend(d) && d > not_before {
            d -= day;
        }
        if !is_weekend(d) {
            return d;
        }
    }
    let mut d = date;
    while is_weekend(d) {
        d += day;
    }
    d
}

/// The day `n` working days after `date` (004's "within 1 working day").
pub fn working_days_after(date: NaiveDate, n: u32) -> NaiveDate {
    let mut d = date;
    let mut left = n;
    while left > 0 {
        d += chrono::Duration::days(1);
        if !is_weekend(d) {
            left -= 1;
        }
    }
    d
}

/// A date typed as YYYY-MM-DD, read exactly as `NaiveDate::parse_from_str(text, "%Y-%m-%d")`
/// reads it (see [`read_ymd`]).
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    read_ymd(text, false)
}

/// For `#[serde(deserialize_with)]` on a date: reads what `NaiveDate`'s own `Deserialize`
/// reads (its `FromStr`), through [`read_ymd`].
pub fn deserialize_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(d)?;
    read_ymd(&text, true).ok_or_else(|| D::Error::custom(NOT_A_DATE))
}

/// [`deserialize_date`] for an optional date.
pub fn deserialize_opt_date<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(text) => read_ymd(&text, true)
            .map(Some)
            .ok_or_else(|| D::Error::custom(NOT_A_DATE)),
        None => Ok(None),
    }
}

const NOT_A_DATE: &str = "not a date written YYYY-MM-DD";

/// Year, month and day separated by `-`, read as chrono reads its numeric items: whitespace
/// may precede each number; the year has 1–4 digits, or any number after a sign; month and
/// day have 1–2 digits. With `spaces`, whitespace may also precede each `-` and end the text
/// (`NaiveDate`'s `FromStr`); without, the text is `%Y-%m-%d` exactly. Hand-written because
/// chrono's general parser costs the wasm about 10 KB; the tests hold it to chrono.
fn read_ymd(text: &str, spaces: bool) -> Option<NaiveDate> {
    /// 1 to `max` ASCII digits.
    fn digits(s: &mut &str, max: usize) -> Option<i64> {
        let n = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
        let value = s[..n].parse().ok()?;
        *s = &s[n..];
        Some(value)
    }
    let space = |s: &mut &str| {
        if spaces {
            *s = s.trim_start();
        }
    };
    let dash = |s: &mut &str| -> Option<()> {
        space(s);
        *s = s.strip_prefix('-')?;
        Some(())
    };
    let mut s = text.trim_start();
    let year = if let Some(rest) = s.strip_prefix('-') {
        s = rest;
        -digits(&mut s, usize::MAX)?
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest;
        digits(&mut s, usize::MAX)?
    } else {
        digits(&mut s, 4)?
    };
    dash(&mut s)?;
    s = s.trim_start();
    let month = digits(&mut s, 2)?;
    dash(&mut s)?;
    s = s.trim_start();
    let day = digits(&mut s, 2)?;
    space(&mut s);
    if !s.is_empty() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month as u32, day as u32)
}

/// A span of whole years and months, as tenure (合作时长) is spoken of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

    /// Texts built from pieces that chrono's date parsing treats differently.
    fn date_texts() -> Vec<String> {
        let years = [
            "2024", "24", "0999", "1", "12024", "+12024", "-0001", "+", "-", " 2024", "x",
        ];
        let seps = ["-", " -", "- ", " - ", "/", "", "--"];
        let months = ["03", "3", "12", "13", "0", "003", " 3", "１"];
        let days = [
            "15",
            "5",
            "29",
            "31",
            "32",
            "00",
            "015",
            "15 ",
            "15x",
            "15\u{3000}",
        ];
        let mut texts = vec![String::new(), "2024-03".into(), "2023-02-29".into()];
        for y in years {
            for sep in seps {
                for m in months {
                    for d in days {
                        texts.push(format!("{y}{sep}{m}{sep}{d}"));
                    }
                }
            }
        }
        texts
    }

    #[test]
    fn reads_dates_as_the_strftime_format_does() {
        for text in date_texts() {
            let chrono = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
            assert_eq!(parse_ymd(&text), chrono, "{text:?}");
        }
    }

    #[test]
    fn deserializes_dates_as_chrono_does() {
        #[derive(serde::Deserialize)]
        struct Ours {
            #[serde(deserialize_with = "deserialize_date")]
            date: NaiveDate,
            #[serde(default, deserialize_with = "deserialize_opt_date")]
            maybe: Option<NaiveDate>,
        }
        #[derive(serde::Deserialize)]
        struct Chrono {
            date: NaiveDate,
            #[serde(default)]
            maybe: Option<NaiveDate>,
        }
        for text in date_texts() {
            let json = serde_json::json!({ "date": text, "maybe": text });
            let ours = Ours::deserialize(&json).ok().map(|o| (o.date, o.maybe));
            let chrono = Chrono::deserialize(&json).ok().map(|c| (c.date, c.maybe));
            assert_eq!(ours, chrono, "{text:?}");
        }
        for json in [
            serde_json::json!({ "date": "2024-03-15", "maybe": null }),
            serde_json::json!({ "date": "2024-03-15" }),
            serde_json::json!({ "date": 20240315 }),
            serde_json::json!({ "date": "2024-03-15", "maybe": 1 }),
        ] {
            let ours = Ours::deserialize(&json).ok().map(|o| (o.date, o.maybe));
            let chrono = Chrono::deserialize(&json).ok().map(|c| (c.date, c.maybe));
            assert_eq!(ours, chrono, "{json}");
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
