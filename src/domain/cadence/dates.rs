//! Important dates (重大节点, 002): birthdays, cooperation anniversaries, holidays, peak seasons.
//! Lunar holidays move every year; their dates come from the caller (the browser's own
//! Chinese calendar), so no table of lunar dates lives here.

use crate::domain::sorting;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::records::MonthDay;
use crate::domain::stable::stable_enum;

stable_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Holiday {
        /// 元旦, 1 January.
        NewYear,
        /// 春节, lunar 1/1.
        SpringFestival,
        /// 元宵节, lunar 1/15.
        LanternFestival,
        /// 劳动节, 1 May.
        LabourDay,
        /// 端午节, lunar 5/5.
        DragonBoat,
        /// 中秋节, lunar 8/15.
        MidAutumn,
        /// 国庆节, 1 October.
        NationalDay,
    }
}

impl Holiday {
    /// Month and day of a lunar holiday in the Chinese calendar; `None` for fixed holidays.
    pub fn lunar(self) -> Option<(u32, u32)> {
        match self {
            Holiday::SpringFestival => Some((1, 1)),
            Holiday::LanternFestival => Some((1, 15)),
            Holiday::DragonBoat => Some((5, 5)),
            Holiday::MidAutumn => Some((8, 15)),
            _ => None,
        }
    }

    /// The holiday's date in `year`: fixed ones here, lunar ones from `lunar_dates`.
    pub fn date_in(self, year: i32, lunar_dates: &[(Holiday, NaiveDate)]) -> Option<NaiveDate> {
        let fixed = |m, d| NaiveDate::from_ymd_opt(year, m, d);
        match self {
            Holiday::NewYear => fixed(1, 1),
            Holiday::LabourDay => fixed(5, 1),
            Holiday::NationalDay => fixed(10, 1),
            _ => lunar_dates
                .iter()
                .find(|(h, d)| *h == self && d.year() == year)
                .map(|(_, d)| *d),
        }
    }

    /// The first date of the holiday on or after `from`, looking at this year and the next.
    pub fn next_on_or_after(
        self,
        from: NaiveDate,
        lunar_dates: &[(Holiday, NaiveDate)],
    ) -> Option<NaiveDate> {
        [from.year(), from.year() + 1]
            .into_iter()
            .filter_map(|y| self.date_in(y, lunar_dates))
            .find(|d| *d >= from)
    }
}

/// The next time a month-day comes round, on or after `from`. 29 February is greeted on
/// 28 February in other years.
pub fn next_yearly(day: MonthDay, from: NaiveDate) -> NaiveDate {
    let in_year = |y: i32| {
        NaiveDate::from_ymd_opt(y, day.month, day.day)
            .or_else(|| NaiveDate::from_ymd_opt(y, day.month, day.day - 1))
            .expect("a real month-day")
    };
    let this = in_year(from.year());
    if this >= from {
        this
    } else {
        in_year(from.year() + 1)
    }
}

/// The first anniversary of a first deal on or after `from`, and how many years it marks.
/// The first comes a year after the deal; a deal on 29 February is marked on 28 February in
/// other years, as birthdays are. The profile and the schedule both read it from here.
pub fn next_anniversary(first_deal: NaiveDate, from: NaiveDate) -> (NaiveDate, i32) {
    let day = MonthDay::new(first_deal.month(), first_deal.day()).expect("a real date");
    let after_deal = first_deal + chrono::Duration::days(1);
    let next = next_yearly(day, from.max(after_deal));
    (next, next.year() - first_deal.year())
}

/// The first day of the next peak season starting on or after `from` (months 1–12, in any
/// order; a season spanning the new year starts at its first month after a gap).
pub fn next_peak_start(months: &[u32], from: NaiveDate) -> Option<NaiveDate> {
    let starts: Vec<u32> = months
        .iter()
        .copied()
        .filter(|m| (1..=12).contains(m))
        .filter(|m| {
            let previous = if *m == 1 { 12 } else { m - 1 };
            !months.contains(&previous)
        })
        .collect();
    let mut candidates: Vec<NaiveDate> = [from.year(), from.year() + 1]
        .into_iter()
        .flat_map(|y| {
            starts
                .iter()
                .filter_map(move |m| NaiveDate::from_ymd_opt(y, *m, 1))
        })
        .filter(|d| *d >= from)
        .collect();
    sorting::sort(&mut candidates);
    candidates.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn birthdays_come_round_each_year_and_29_february_falls_on_the_28th() {
        let md = |m, day| MonthDay::new(m, day).unwrap();
        assert_eq!(next_yearly(md(5, 20), d(2024, 5, 20)), d(2024, 5, 20));
        assert_eq!(next_yearly(md(5, 20), d(2024, 5, 21)), d(2025, 5, 20));
        assert_eq!(next_yearly(md(2, 29), d(2025, 1, 1)), d(2025, 2, 28));
        assert_eq!(next_yearly(md(2, 29), d(2028, 1, 1)), d(2028, 2, 29));
    }

    #[test]
    fn a_29_february_first_deal_is_marked_on_the_28th_in_other_years() {
        let first = d(2024, 2, 29);
        // A non-leap year, and the years after one (where repeated adding of 12 months
        // would stay on the 28th for good).
        assert_eq!(next_anniversary(first, d(2025, 1, 10)), (d(2025, 2, 28), 1));
        assert_eq!(next_anniversary(first, d(2025, 3, 1)), (d(2026, 2, 28), 2));
        assert_eq!(next_anniversary(first, d(2027, 6, 1)), (d(2028, 2, 29), 4));
        // A leap year: the day itself.
        assert_eq!(next_anniversary(first, d(2028, 2, 29)), (d(2028, 2, 29), 4));
        assert_eq!(next_anniversary(first, d(2028, 3, 1)), (d(2029, 2, 28), 5));
        // Never the deal itself, nor a date before it.
        assert_eq!(next_anniversary(first, d(2024, 2, 29)), (d(2025, 2, 28), 1));
        assert_eq!(next_anniversary(first, d(2023, 1, 1)), (d(2025, 2, 28), 1));
        assert_eq!(
            next_anniversary(d(2023, 9, 18), d(2024, 9, 18)),
            (d(2024, 9, 18), 1)
        );
    }

    #[test]
    fn holidays_fixed_and_lunar() {
        let lunar = [
            (Holiday::SpringFestival, d(2027, 2, 6)),
            (Holiday::MidAutumn, d(2026, 9, 25)),
        ];
        assert_eq!(
            Holiday::NationalDay.next_on_or_after(d(2026, 10, 2), &lunar),
            Some(d(2027, 10, 1))
        );
        assert_eq!(
            Holiday::SpringFestival.next_on_or_after(d(2026, 11, 22), &lunar),
            Some(d(2027, 2, 6))
        );
        assert_eq!(
            Holiday::MidAutumn.next_on_or_after(d(2026, 9, 26), &lunar),
            None
        );
    }

    #[test]
    fn peak_seasons_start_at_their_first_month() {
        // November–January: the season starts in November, even seen from December.
        assert_eq!(
            next_peak_start(&[12, 1, 11], d(2024, 12, 5)),
            Some(d(2025, 11, 1))
        );
        assert_eq!(
            next_peak_start(&[6, 7], d(2024, 5, 10)),
            Some(d(2024, 6, 1))
        );
        assert_eq!(next_peak_start(&[], d(2024, 5, 10)), None);
    }
}
