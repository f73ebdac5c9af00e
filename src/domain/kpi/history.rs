//! A customer's past read back from its records: which stage and which tier it was in on a
//! given day, and whether it existed yet. The KPIs of past months are measured on these.

use chrono::NaiveDate;

use crate::domain::lifecycle::Stage;
use crate::domain::records::Customer;
use crate::domain::sorting;
use crate::domain::tiering::Tier;

/// The stage after every move dated on or before `date`. Without a recorded move, the
/// current stage counts from `lifecycle.since` (or always, when that is unknown too).
pub fn stage_on(c: &Customer, date: NaiveDate) -> Option<Stage> {
    let history = &c.lifecycle.history;
    if history.is_empty() {
        return c
            .stage
            .filter(|_| c.lifecycle.since.is_none_or(|s| s <= date));
    }
    // The latest date wins; of moves on the same day, the one recorded last.
    let mut found: Option<(NaiveDate, Stage)> = None;
    for h in history.iter().filter(|h| h.date <= date) {
        if found.is_none_or(|(d, _)| h.date >= d) {
            found = Some((h.date, h.to));
        }
    }
    found.map(|(_, s)| s)
}

/// The stage on the day before `date`: what the customer was as a period starts.
pub fn stage_before(c: &Customer, date: NaiveDate) -> Option<Stage> {
    date.pred_opt().and_then(|d| stage_on(c, d))
}

/// Whether the customer moved into 流失 (churned) on a day in `from..=to`. Without recorded
/// moves, a current churned stage counts from `lifecycle.since`.
pub fn churned_within(c: &Customer, from: NaiveDate, to: NaiveDate) -> bool {
    let inside = |d: NaiveDate| from <= d && d <= to;
    if c.lifecycle.history.is_empty() {
        return c.stage == Some(Stage::Churned) && c.lifecycle.since.is_some_and(inside);
    }
    c.lifecycle
        .history
        .iter()
        .any(|h| h.to == Stage::Churned && h.from != Some(Stage::Churned) && inside(h.date))
}

/// Whether the records show the customer by `date`: created, a first deal, or a stage move.
pub fn existed_by(c: &Customer, date: NaiveDate) -> bool {
    c.created_on.is_some_and(|d| d <= date)
        || c.first_deal().is_some_and(|d| d <= date)
        || c.lifecycle.history.iter().any(|h| h.date <= date)
}

/// The customer's tier over time, oldest first: from each date on, that tier. Read from the
/// tier history (every change is recorded there with the effective tier it led to); a
/// customer tiered before history was kept has its tier since `tiering.since`, its creation or
/// first deal, or — when none is known — since `NaiveDate::MIN`.
pub fn tier_timeline(c: &Customer, today: NaiveDate) -> Vec<(NaiveDate, Tier)> {
    let history = &c.tiering.history;
    if history.is_empty() {
        let from = c
            .tiering
            .since
            .or(c.created_on)
            .or_else(|| c.first_deal())
            .unwrap_or(NaiveDate::MIN);
        return c
            .tiering
            .effective(today)
            .map(|t| vec![(from, t)])
            .unwrap_or_default();
    }
    let mut out: Vec<(NaiveDate, Tier)> = history.iter().map(|h| (h.date, h.to)).collect();
    // Stable: changes on the same day keep their recorded order, so the last one holds.
    sorting::sort_by_key(&mut out, |(d, _)| *d);
    out
}

/// The tier on `date`, from [`tier_timeline`].
pub fn tier_on(timeline: &[(NaiveDate, Tier)], date: NaiveDate) -> Option<Tier> {
    timeline
        .iter()
        .rev()
        .find(|(d, _)| *d <= date)
        .map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::StageChange;
    use crate::domain::tiering::review::{ChangeCause, TierChange};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn moved(date: NaiveDate, from: Option<Stage>, to: Stage) -> StageChange {
        StageChange {
            date,
            from,
            to,
            status: None,
        }
    }

    #[test]
    fn stages_are_read_back_from_the_moves() {
        let mut c = Customer::default();
        c.lifecycle.history = vec![
            moved(d(2024, 1, 10), None, Stage::Mature),
            moved(d(2024, 3, 5), Some(Stage::Mature), Stage::Churned),
            moved(d(2024, 3, 5), Some(Stage::Churned), Stage::Churned),
            moved(d(2024, 5, 1), Some(Stage::Churned), Stage::Mature),
        ];
        let cases = [
            (d(2024, 1, 9), None),
            (d(2024, 1, 10), Some(Stage::Mature)),
            (d(2024, 3, 5), Some(Stage::Churned)),
            (d(2024, 4, 30), Some(Stage::Churned)),
            (d(2024, 5, 1), Some(Stage::Mature)),
        ];
        for (date, stage) in cases {
            assert_eq!(stage_on(&c, date), stage, "{date}");
        }
        assert_eq!(stage_before(&c, d(2024, 3, 5)), Some(Stage::Mature));
        assert!(churned_within(&c, d(2024, 3, 5), d(2024, 3, 5)));
        assert!(!churned_within(&c, d(2024, 3, 6), d(2024, 12, 31)));

        // No recorded move: the current stage, from `since`.
        let mut c = Customer {
            stage: Some(Stage::Churned),
            ..Customer::default()
        };
        assert_eq!(stage_on(&c, d(2000, 1, 1)), Some(Stage::Churned));
        assert!(
            !churned_within(&c, d(2000, 1, 1), d(2030, 1, 1)),
            "when is unknown"
        );
        c.lifecycle.since = Some(d(2024, 2, 1));
        assert_eq!(stage_on(&c, d(2024, 1, 31)), None);
        assert!(churned_within(&c, d(2024, 2, 1), d(2024, 2, 29)));
    }

    #[test]
    fn tiers_are_read_back_from_the_history() {
        let change = |date, to| TierChange {
            date,
            from: None,
            to,
            cause: ChangeCause::Initial,
            note: String::new(),
        };
        let mut c = Customer::default();
        c.tiering.history = vec![
            change(d(2024, 4, 1), Tier::A),
            change(d(2024, 1, 1), Tier::B),
        ];
        let timeline = tier_timeline(&c, d(2024, 6, 1));
        assert_eq!(tier_on(&timeline, d(2023, 12, 31)), None);
        assert_eq!(tier_on(&timeline, d(2024, 3, 31)), Some(Tier::B));
        assert_eq!(tier_on(&timeline, d(2024, 4, 1)), Some(Tier::A));

        let mut old = Customer::default();
        old.tiering.current = Some(Tier::C);
        assert_eq!(
            tier_timeline(&old, d(2024, 6, 1)),
            vec![(NaiveDate::MIN, Tier::C)]
        );
        old.created_on = Some(d(2022, 1, 1));
        assert_eq!(
            tier_on(&tier_timeline(&old, d(2024, 6, 1)), d(2021, 1, 1)),
            None
        );
    }
}
