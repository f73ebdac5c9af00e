//! Figures derived from a profile (METHOD.md §1, "Transactions" and "Data quality"): spend
//! over the windows the seeds use, order value and frequency, tenure, completeness and the
//! six-monthly re-verification (002).

use chrono::NaiveDate;

use super::calendar::{add_months, YearsMonths};
use super::money::Fen;
use super::records::{Customer, Tag};

/// Everything the Customers table and the profile show about one customer's business.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// Spend in the 12 months up to today (年消费, the tiering presets' main input).
    pub spend_12m: Fen,
    /// The last 3 months and the 3 before them (002: a drop of ≥ 50 % is a churn warning).
    pub spend_last_3m: Fen,
    pub spend_prev_3m: Fen,
    pub spend_3y: Fen,
    pub order_count: usize,
    /// Over every order on record.
    pub average_order: Option<Fen>,
    /// Orders in the last 12 months (003: 年度购买频率).
    pub orders_12m: usize,
    pub first_deal: Option<NaiveDate>,
    pub last_order: Option<NaiveDate>,
    /// From the first deal (合作时长); `None` while there is no dated deal.
    pub tenure: Option<YearsMonths>,
    pub completeness: Completeness,
    pub verification: Verification,
}

impl Figures {
    pub fn of(customer: &Customer, today: NaiveDate) -> Figures {
        let dated: Vec<(NaiveDate, Fen)> = customer
            .orders
            .iter()
            .filter_map(|o| o.date.map(|d| (d, o.amount_fen)))
            .filter(|(d, _)| *d <= today)
            .collect();
        let spend_since = |months_back: i32, until_months_back: i32| -> Fen {
            let from = add_months(today, -months_back);
            let to = add_months(today, -until_months_back);
            dated
                .iter()
                .filter(|(d, _)| *d > from && *d <= to)
                .map(|(_, a)| *a)
                .sum()
        };
        let order_count = customer.orders.len();
        let total: Fen = customer.orders.iter().map(|o| o.amount_fen).sum();
        let first_deal = customer.first_deal();
        Figures {
            spend_12m: spend_since(12, 0),
            spend_last_3m: spend_since(3, 0),
            spend_prev_3m: spend_since(6, 3),
            spend_3y: spend_since(36, 0),
            order_count,
            average_order: (order_count > 0).then(|| Fen(total.0 / order_count as i64)),
            orders_12m: dated
                .iter()
                .filter(|(d, _)| *d > add_months(today, -12))
                .count(),
            first_deal,
            last_order: customer.last_order(),
            tenure: first_deal
                .filter(|d| *d <= today)
                .map(|d| YearsMonths::between(d, today)),
            completeness: Completeness::of(customer),
            verification: Verification::of(customer, today),
        }
    }

    /// Change of the last 3 months' spend against the 3 before, in whole percent
    /// (−50 is a halving); `None` when the earlier period had no spend to compare with.
    pub fn last_3m_change_pct(&self) -> Option<i64> {
        (self.spend_prev_3m.0 > 0)
            .then(|| (self.spend_last_3m.0 - self.spend_prev_3m.0) * 100 / self.spend_prev_3m.0)
    }
}

/// The profile fields completeness is measured on (002: 信息完整度 ≥ 95 %). The name is
/// always present; orders are not counted, since a lead rightly has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProfileField {
    Industry,
    Size,
    LeadSource,
    Owner,
    Contact,
    ContactTitle,
    DecisionRole,
    PreferredChannel,
    PreferredTime,
    ContactDetails,
    Birthday,
    BrandInfluence,
    GrowthPotential,
    Credit,
    Tags,
    Needs,
    PeakSeason,
}

impl ProfileField {
    pub const ALL: [ProfileField; 17] = [
        ProfileField::Industry,
        ProfileField::Size,
        ProfileField::LeadSource,
        ProfileField::Owner,
        ProfileField::Contact,
        ProfileField::ContactTitle,
        ProfileField::DecisionRole,
        ProfileField::PreferredChannel,
        ProfileField::PreferredTime,
        ProfileField::ContactDetails,
        ProfileField::Birthday,
        ProfileField::BrandInfluence,
        ProfileField::GrowthPotential,
        ProfileField::Credit,
        ProfileField::Tags,
        ProfileField::Needs,
        ProfileField::PeakSeason,
    ];

    fn is_filled(self, c: &Customer) -> bool {
        let any_contact = |f: &dyn Fn(&super::records::Contact) -> bool| c.contacts.iter().any(f);
        match self {
            ProfileField::Industry => !c.industry.trim().is_empty(),
            ProfileField::Size => c.size.is_some(),
            ProfileField::LeadSource => !c.lead_source.trim().is_empty(),
            ProfileField::Owner => !c.owner.trim().is_empty(),
            ProfileField::Contact => any_contact(&|k| !k.name.trim().is_empty()),
            ProfileField::ContactTitle => any_contact(&|k| !k.title.trim().is_empty()),
            ProfileField::DecisionRole => any_contact(&|k| k.role.is_some()),
            ProfileField::PreferredChannel => any_contact(&|k| k.channel.is_some()),
            ProfileField::PreferredTime => any_contact(&|k| k.preferred_time.is_some()),
            ProfileField::ContactDetails => any_contact(&|k| {
                !(k.phone.trim().is_empty()
                    && k.email.trim().is_empty()
                    && k.wechat.trim().is_empty())
            }),
            ProfileField::Birthday => any_contact(&|k| k.birthday.is_some()),
            ProfileField::BrandInfluence => c.strategy.brand_influence.is_some(),
            ProfileField::GrowthPotential => c.strategy.growth_potential_pct.is_some(),
            ProfileField::Credit => c.strategy.credit.is_some(),
            ProfileField::Tags => !c.tags.is_empty(),
            ProfileField::Needs => c
                .tags
                .iter()
                .any(|t| matches!(t, Tag::NeedCost | Tag::NeedEfficiency | Tag::NeedQuality)),
            ProfileField::PeakSeason => !c.peak_months.is_empty(),
        }
    }
}

/// How complete a profile is, against the seed's ≥ 95 % target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completeness {
    /// Whole percent, rounded down (so 95 % is only shown once it is really reached).
    pub percent: u32,
    pub missing: Vec<ProfileField>,
}

impl Completeness {
    pub const TARGET_PERCENT: u32 = 95;

    pub fn of(customer: &Customer) -> Completeness {
        let missing: Vec<ProfileField> = ProfileField::ALL
            .into_iter()
            .filter(|f| !f.is_filled(customer))
            .collect();
        // The name counts as a filled field too.
        let total = ProfileField::ALL.len() as u32 + 1;
        let filled = total - missing.len() as u32;
        Completeness {
            percent: filled * 100 / total,
            missing,
        }
    }

    pub fn meets_target(&self) -> bool {
        self.percent >= Self::TARGET_PERCENT
    }
}

/// Whether the profile's facts are due to be confirmed with the customer again
/// (002: 每半年发起一次客户信息核对).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verification {
    /// Confirmed (or created) on `since`; next check due on `due`.
    Current { since: NaiveDate, due: NaiveDate },
    /// Older than six months: `due` has passed.
    Overdue { since: NaiveDate, due: NaiveDate },
    /// No date on record.
    Never,
}

impl Verification {
    pub const INTERVAL_MONTHS: i32 = 6;

    /// A profile counts as verified on the day it was created (its facts were just
    /// collected); after that only an explicit verification resets the clock.
    pub fn of(customer: &Customer, today: NaiveDate) -> Verification {
        let Some(since) = customer.verified_on.or(customer.created_on) else {
            return Verification::Never;
        };
        let due = add_months(since, Self::INTERVAL_MONTHS);
        if due <= today {
            Verification::Overdue { since, due }
        } else {
            Verification::Current { since, due }
        }
    }

    pub fn needs_reminder(self) -> bool {
        !matches!(self, Verification::Current { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::{
        Channel, CompanySize, Contact, CreditStatus, DecisionRole, Level, MonthDay, Order,
        PreferredTime,
    };

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn order(date: NaiveDate, wan: i64) -> Order {
        Order {
            date: Some(date),
            amount_fen: Fen::from_wan(wan),
            ..Order::default()
        }
    }

    fn with_orders(orders: Vec<Order>) -> Customer {
        Customer {
            id: "c".into(),
            name: "c".into(),
            orders,
            ..Customer::default()
        }
    }

    #[test]
    fn spend_windows_end_today_and_start_after_the_same_day_back() {
        let today = d(2024, 6, 30);
        let c = with_orders(vec![
            order(d(2023, 6, 30), 1), // exactly 12 months back: outside the 12-month window
            order(d(2023, 7, 1), 2),  // inside
            order(d(2024, 3, 30), 4), // exactly 3 months back: previous quarter
            order(d(2024, 3, 31), 8), // last 3 months
            order(d(2024, 6, 30), 16), // today counts
            order(d(2024, 7, 1), 32), // future: in no window
            order(d(2021, 7, 1), 64), // inside 3 years
            order(d(2021, 6, 30), 128), // outside 3 years
        ]);
        let f = Figures::of(&c, today);
        assert_eq!(f.spend_12m, Fen::from_wan(2 + 4 + 8 + 16));
        assert_eq!(f.spend_last_3m, Fen::from_wan(8 + 16));
        assert_eq!(f.spend_prev_3m, Fen::from_wan(4));
        assert_eq!(f.spend_3y, Fen::from_wan(1 + 2 + 4 + 8 + 16 + 64));
        assert_eq!(f.orders_12m, 4);
        assert_eq!(f.order_count, 8);
        assert_eq!(f.average_order, Some(Fen(Fen::from_wan(255).0 / 8)));
        assert_eq!(f.first_deal, Some(d(2021, 6, 30)));
        assert_eq!(f.last_order, Some(d(2024, 7, 1)));
    }

    #[test]
    fn seed_001_worked_example_spend_and_tenure() {
        // 科技公司: 85 万 a year, 3 years of cooperation.
        let today = d(2023, 10, 15);
        let c = with_orders(vec![
            order(d(2020, 10, 15), 40),
            order(d(2023, 1, 10), 45),
            order(d(2023, 8, 1), 40),
        ]);
        let f = Figures::of(&c, today);
        assert_eq!(f.spend_12m, Fen::from_wan(85));
        assert_eq!(
            f.tenure,
            Some(YearsMonths {
                years: 3,
                months: 0
            })
        );
    }

    #[test]
    fn a_lead_without_deals_has_no_tenure_and_no_average() {
        let f = Figures::of(&with_orders(vec![]), d(2024, 1, 1));
        assert_eq!(f.tenure, None);
        assert_eq!(f.average_order, None);
        assert_eq!(f.spend_12m, Fen::ZERO);
        assert_eq!(f.last_3m_change_pct(), None);
    }

    #[test]
    fn quarter_on_quarter_change_is_exact_at_a_halving() {
        let today = d(2024, 6, 30);
        let c = with_orders(vec![order(d(2024, 2, 1), 10), order(d(2024, 5, 1), 5)]);
        assert_eq!(Figures::of(&c, today).last_3m_change_pct(), Some(-50));
    }

    #[test]
    fn completeness_lists_what_is_missing() {
        let empty = Completeness::of(&with_orders(vec![]));
        assert_eq!(empty.missing.len(), ProfileField::ALL.len());
        assert_eq!(empty.percent, 100 / 18);

        let mut full = with_orders(vec![]);
        full.industry = "汽车".into();
        full.size = Some(CompanySize::Large);
        full.lead_source = "展会".into();
        full.owner = "王经理".into();
        full.contacts = vec![Contact {
            name: "张总".into(),
            title: "总经理".into(),
            role: Some(DecisionRole::DecisionMaker),
            channel: Some(Channel::Phone),
            preferred_time: Some(PreferredTime::WeekdayMorning),
            phone: "13800000000".into(),
            birthday: MonthDay::new(5, 20),
            ..Contact::default()
        }];
        full.strategy.brand_influence = Some(Level::High);
        full.strategy.growth_potential_pct = Some(30);
        full.strategy.credit = Some(CreditStatus::Good);
        full.tags = vec![Tag::Strategic, Tag::NeedEfficiency];
        full.peak_months = vec![11, 12];
        let c = Completeness::of(&full);
        assert_eq!((c.percent, c.missing.clone()), (100, vec![]));
        assert!(c.meets_target());

        full.peak_months.clear();
        let c = Completeness::of(&full);
        assert_eq!(c.missing, vec![ProfileField::PeakSeason]);
        assert_eq!(c.percent, 94); // 17/18: one missing field already misses the 95 % target
        assert!(!c.meets_target());
    }

    #[test]
    fn verification_is_due_six_months_after_the_last_check() {
        let mut c = with_orders(vec![]);
        assert_eq!(Verification::of(&c, d(2024, 1, 1)), Verification::Never);
        c.created_on = Some(d(2023, 8, 31));
        assert_eq!(
            Verification::of(&c, d(2024, 2, 28)),
            Verification::Current {
                since: d(2023, 8, 31),
                due: d(2024, 2, 29)
            }
        );
        assert!(Verification::of(&c, d(2024, 2, 29)).needs_reminder());
        c.verified_on = Some(d(2024, 2, 1));
        assert!(!Verification::of(&c, d(2024, 7, 31)).needs_reminder());
        assert!(Verification::of(&c, d(2024, 8, 1)).needs_reminder());
    }
}
