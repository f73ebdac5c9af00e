//! A sheet kept per customer rather than per order: its summary columns (12-month spend,
//! cooperation start, last order, order count) become orders, since every figure the method
//! reads (the tiering's 12-month spend, tenure from the first deal, recency, frequency) is
//! computed from a customer's orders. `docs/csv-import.md` tells the user the same.

use chrono::NaiveDate;

use super::fields::Problem;
use super::mapping::Column;
use crate::domain::calendar::add_months;
use crate::domain::money::Fen;
use crate::domain::records::Order;

/// What one row says of a customer's business; `None` where its cell is blank or unmapped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub spend_12m: Option<Fen>,
    pub first_deal: Option<NaiveDate>,
    pub last_order: Option<NaiveDate>,
    pub order_count: Option<u32>,
}

impl Summary {
    fn spend(&self) -> Fen {
        self.spend_12m.unwrap_or(Fen(0))
    }

    /// The first and the last order's days. A spend without a last order is dated the day
    /// of the import (it must fall in the 12 months the tiering reads); a date alone is both.
    fn span(&self, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let last = (self.last_order)
            .or_else(|| (self.spend().0 > 0).then_some(today))
            .or(self.first_deal)?;
        Some((self.first_deal.unwrap_or(last), last))
    }

    /// How many orders the spend and dates make without a count.
    fn orders_implied(&self, today: NaiveDate) -> usize {
        match self.span(today) {
            Some((first, last)) if first != last => 2,
            Some(_) => 1,
            None => 0,
        }
    }

    /// Cells that contradict each other, each with the column to name.
    pub fn problems(&self, today: NaiveDate) -> Vec<(Column, Problem)> {
        let mut problems = Vec::new();
        if let (Some(first), Some(last)) = (self.first_deal, self.last_order) {
            if last < first {
                problems.push((Column::LastOrder, Problem::BeforeFirstDeal));
            }
        }
        if let Some(last) = self.last_order {
            if self.spend().0 > 0 && last <= add_months(today, -12) {
                problems.push((Column::Spend12m, Problem::NoRecentOrder));
            }
        }
        let needed = self.orders_implied(today);
        if self.order_count.is_some_and(|n| (n as usize) < needed) {
            problems.push((Column::OrderCount, Problem::TooFewOrders { needed }));
        }
        problems
    }

    /// The orders the row stands for, without ids: as many as the count says (else one per
    /// distinct date), spread evenly from the first deal to the last order, the spend shared
    /// equally by those inside the last 12 months (to the 分, the remainder on the latest)
    /// and nothing on older ones, whose amounts the sheet does not give. Only for a row
    /// without `problems`.
    pub fn orders(&self, today: NaiveDate) -> Vec<Order> {
        let count = self
            .order_count
            .map_or_else(|| self.orders_implied(today), |n| n as usize);
        let dates: Vec<Option<NaiveDate>> = match self.span(today) {
            None => vec![None; count],
            Some((_, last)) if count == 1 => vec![Some(last)],
            Some((first, last)) => {
                let days = (last - first).num_days();
                let steps = count.saturating_sub(1).max(1) as i64;
                (0..count as i64)
                    .map(|k| Some(first + chrono::Duration::days(days * k / steps)))
                    .collect()
            }
        };
        let window_start = add_months(today, -12);
        let recent = dates
            .iter()
            .filter(|d| d.is_some_and(|d| d > window_start))
            .count() as i64;
        let spend = self.spend().0;
        let mut left = recent;
        dates
            .into_iter()
            .map(|date| {
                let mut amount = 0;
                if recent > 0 && date.is_some_and(|d| d > window_start) {
                    left -= 1;
                    amount = spend / recent + if left == 0 { spend % recent } else { 0 };
                }
                Order {
                    id: String::new(),
                    date,
                    amount_fen: Fen(amount),
                    product: String::new(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 11, 20);

    fn today() -> NaiveDate {
        let (y, m, d) = TODAY;
        ymd(y, m, d)
    }

    fn dated(orders: &[Order]) -> Vec<(Option<NaiveDate>, i64)> {
        orders.iter().map(|o| (o.date, o.amount_fen.0)).collect()
    }

    #[test]
    fn a_spend_and_a_start_become_a_first_deal_and_a_recent_order_with_the_spend() {
        let summary = Summary {
            spend_12m: Some(Fen(60_000_000)),
            first_deal: Some(ymd(2025, 3, 1)),
            ..Summary::default()
        };
        assert!(summary.problems(today()).is_empty());
        assert_eq!(
            dated(&summary.orders(today())),
            [(Some(ymd(2025, 3, 1)), 0), (Some(today()), 60_000_000)]
        );
    }

    #[test]
    fn a_count_spreads_the_orders_and_shares_the_spend_among_the_recent_ones() {
        let summary = Summary {
            spend_12m: Some(Fen(1_000)),
            first_deal: Some(ymd(2024, 11, 20)),
            last_order: Some(ymd(2026, 11, 20)),
            order_count: Some(5),
        };
        assert!(summary.problems(today()).is_empty());
        // Every 182 days; the last three fall in the 12 months after 2025-11-20.
        assert_eq!(
            dated(&summary.orders(today())),
            [
                (Some(ymd(2024, 11, 20)), 0),
                (Some(ymd(2025, 5, 21)), 0),
                (Some(ymd(2025, 11, 20)), 0),
                (Some(ymd(2026, 5, 21)), 500),
                (Some(ymd(2026, 11, 20)), 500),
            ]
        );
        let odd = Summary {
            spend_12m: Some(Fen(1_001)),
            order_count: Some(3),
            last_order: Some(today()),
            ..Summary::default()
        };
        let amounts: Vec<i64> = odd.orders(today()).iter().map(|o| o.amount_fen.0).collect();
        assert_eq!(
            amounts,
            [333, 333, 335],
            "to the 分, remainder on the latest"
        );
    }

    #[test]
    fn a_count_alone_gives_undated_free_orders_and_nothing_gives_none() {
        let count = Summary {
            order_count: Some(2),
            ..Summary::default()
        };
        assert_eq!(dated(&count.orders(today())), [(None, 0), (None, 0)]);
        assert!(Summary::default().orders(today()).is_empty());
    }

    #[test]
    fn cells_that_contradict_each_other_are_named() {
        let before = Summary {
            first_deal: Some(ymd(2025, 6, 1)),
            last_order: Some(ymd(2025, 5, 1)),
            ..Summary::default()
        };
        assert_eq!(
            before.problems(today()),
            [(Column::LastOrder, Problem::BeforeFirstDeal)]
        );
        let stale = Summary {
            spend_12m: Some(Fen(100)),
            last_order: Some(ymd(2025, 11, 20)),
            ..Summary::default()
        };
        assert_eq!(
            stale.problems(today()),
            [(Column::Spend12m, Problem::NoRecentOrder)]
        );
        let too_few = Summary {
            first_deal: Some(ymd(2024, 1, 1)),
            last_order: Some(ymd(2026, 1, 1)),
            order_count: Some(1),
            ..Summary::default()
        };
        assert_eq!(
            too_few.problems(today()),
            [(Column::OrderCount, Problem::TooFewOrders { needed: 2 })]
        );
        let none_at_all = Summary {
            spend_12m: Some(Fen(100)),
            order_count: Some(0),
            ..Summary::default()
        };
        assert_eq!(
            none_at_all.problems(today()),
            [(Column::OrderCount, Problem::TooFewOrders { needed: 1 })]
        );
    }
}
