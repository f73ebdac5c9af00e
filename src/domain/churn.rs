//! Churn warning (流失预警, METHOD.md §6; seeds 000, 002, 004): signals computed from the
//! records, each with its evidence, and a health indicator built from them.

use crate::domain::sorting;
use chrono::NaiveDate;

use super::figures::Figures;
use super::records::FollowUp;
use super::records::{CreditStatus, Customer, RemarkKind, SatisfactionKind};
use super::tiering::review::paused_a;
use super::tiering::{Tier, TieringSettings};
use super::warning::WARNING;
pub use crate::domain::records::SignalKind;

impl SignalKind {
    /// Signals that alone put a customer at risk (the seeds' D / 流失预警 triggers and a
    /// payment anomaly); the others put it on watch.
    pub fn is_severe(self) -> bool {
        matches!(
            self,
            SignalKind::SpendDrop | SignalKind::LowFeedback | SignalKind::PaymentAnomaly
        )
    }
}

/// A signal with the numbers behind it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Signal {
    /// Follow-ups in the last 90 days against the 90 before.
    ContactFalling {
        last: usize,
        before: usize,
    },
    /// Complaints in the last 90 days against the 90 before.
    ComplaintsRising {
        last: usize,
        before: usize,
    },
    PaymentAnomaly,
    CompetitorContact,
    /// Spend in the last 3 months against the 3 before (002: down ≥ 50 %).
    SpendDrop {
        drop_pct: i64,
    },
    /// The latest 0–10 feedback (002: ≤ 3).
    LowFeedback {
        score: u32,
        on: NaiveDate,
    },
    /// The latest NPS answer (0–6 is a detractor).
    NpsDetractor {
        score: u32,
        on: NaiveDate,
    },
    /// An A customer without an order for this many days (000).
    PausedA {
        days: i64,
    },
}

impl Signal {
    pub fn kind(&self) -> SignalKind {
        match self {
            Signal::ContactFalling { .. } => SignalKind::ContactFalling,
            Signal::ComplaintsRising { .. } => SignalKind::ComplaintsRising,
            Signal::PaymentAnomaly => SignalKind::PaymentAnomaly,
            Signal::CompetitorContact => SignalKind::CompetitorContact,
            Signal::SpendDrop { .. } => SignalKind::SpendDrop,
            Signal::LowFeedback { .. } => SignalKind::LowFeedback,
            Signal::NpsDetractor { .. } => SignalKind::NpsDetractor,
            Signal::PausedA { .. } => SignalKind::PausedA,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Health {
    AtRisk,
    Watch,
    Healthy,
}

impl Health {
    /// At risk with a severe signal or two signals at once; on watch with one; healthy with none.
    pub fn of(signals: &[Signal]) -> Health {
        match signals.len() {
            0 => Health::Healthy,
            1 if !signals[0].kind().is_severe() => Health::Watch,
            _ => Health::AtRisk,
        }
    }
}

/// Counts in `(today − window, today]` and the window before that (90 days each).
fn two_periods(dates: impl Iterator<Item = NaiveDate>, today: NaiveDate) -> (usize, usize) {
    let window = chrono::Duration::days(WARNING.window_days);
    let start = today - window;
    let earlier = start - window;
    let mut last = 0;
    let mut before = 0;
    for d in dates {
        if d > start && d <= today {
            last += 1;
        } else if d > earlier && d <= start {
            before += 1;
        }
    }
    (last, before)
}

fn latest(c: &Customer, kind: SatisfactionKind, today: NaiveDate) -> Option<(u32, NaiveDate)> {
    c.satisfaction
        .iter()
        .filter(|s| s.kind == Some(kind))
        .filter_map(|s| s.date.filter(|d| *d <= today).map(|d| (s.score, d)))
        .max_by_key(|(_, d)| *d)
}

/// Every signal on a customer today. `followups` may hold every customer's.
pub fn signals<'a>(
    customer: &Customer,
    followups: impl IntoIterator<Item = &'a FollowUp>,
    tier: Option<Tier>,
    tiering: &TieringSettings,
    today: NaiveDate,
) -> Vec<Signal> {
    let mut out = Vec::new();
    let contacts = followups
        .into_iter()
        .filter(|f| f.customer_id == customer.id)
        .filter_map(|f| f.date);
    let (last, before) = two_periods(contacts, today);
    // Falling needs a previous period to fall from.
    if before > 0 && last < before {
        out.push(Signal::ContactFalling { last, before });
    }
    let complaints = customer
        .remarks
        .iter()
        .filter(|r| r.kind == Some(RemarkKind::Complaint))
        .filter_map(|r| r.date);
    let (last, before) = two_periods(complaints, today);
    if last > before {
        out.push(Signal::ComplaintsRising { last, before });
    }
    if customer.strategy.credit == Some(CreditStatus::Overdue) {
        out.push(Signal::PaymentAnomaly);
    }
    if customer.strategy.competitor_contact {
        out.push(Signal::CompetitorContact);
    }
    if let Some(change) = Figures::of(customer, today).last_3m_change_pct() {
        if change <= -WARNING.spend_drop_pct {
            out.push(Signal::SpendDrop { drop_pct: -change });
        }
    }
    if let Some((score, on)) = latest(customer, SatisfactionKind::Feedback, today) {
        if score <= WARNING.low_feedback {
            out.push(Signal::LowFeedback { score, on });
        }
    }
    if let Some((score, on)) = latest(customer, SatisfactionKind::Nps, today) {
        if score <= WARNING.nps_detractor {
            out.push(Signal::NpsDetractor { score, on });
        }
    }
    if let Some(days) = paused_a(customer, tier, tiering, today) {
        out.push(Signal::PausedA { days });
    }
    out
}

/// Signals the user has not yet seen (and so not yet answered with a win-back or a dismissal).
pub fn new_signals(signals: &[Signal], seen: &[SignalKind]) -> Vec<SignalKind> {
    let mut kinds: Vec<SignalKind> = signals
        .iter()
        .map(Signal::kind)
        .filter(|k| !seen.contains(k))
        .collect();
    sorting::sort(&mut kinds);
    kinds.dedup();
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Fen;
    use crate::domain::records::{Order, Remark, SatisfactionEntry};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: fn() -> NaiveDate = || d(2024, 6, 30);

    fn customer() -> Customer {
        Customer {
            id: "c".into(),
            name: "c".into(),
            ..Customer::default()
        }
    }

    fn kinds(c: &Customer, followups: &[FollowUp], tier: Option<Tier>) -> Vec<SignalKind> {
        signals(c, followups, tier, &TieringSettings::default(), TODAY())
            .iter()
            .map(Signal::kind)
            .collect()
    }

    fn touch(days_ago: i64) -> FollowUp {
        FollowUp {
            id: format!("f{days_ago}"),
            customer_id: "c".into(),
            date: Some(TODAY() - chrono::Duration::days(days_ago)),
            ..FollowUp::default()
        }
    }

    #[test]
    fn contact_falling_needs_a_previous_period() {
        let c = customer();
        assert!(kinds(&c, &[], None).is_empty());
        // No contact before the last 90 days: nothing to fall from.
        assert!(kinds(&c, &[touch(10)], None).is_empty());
        // 3 before, 1 now: falling, with the counts.
        let list = [touch(10), touch(100), touch(120), touch(150)];
        assert_eq!(
            signals(&c, &list, None, &TieringSettings::default(), TODAY()),
            vec![Signal::ContactFalling { last: 1, before: 3 }]
        );
        // As many now as before: steady.
        assert!(kinds(&c, &[touch(10), touch(100)], None).is_empty());
    }

    #[test]
    fn complaints_rising() {
        let mut c = customer();
        let complaint = |days: i64| Remark {
            id: format!("r{days}"),
            date: Some(TODAY() - chrono::Duration::days(days)),
            kind: Some(RemarkKind::Complaint),
            text: "慢".into(),
        };
        c.remarks = vec![complaint(5)];
        assert_eq!(kinds(&c, &[], None), vec![SignalKind::ComplaintsRising]);
        c.remarks.push(complaint(120));
        assert!(
            kinds(&c, &[], None).is_empty(),
            "one now, one before: not rising"
        );
    }

    #[test]
    fn spend_down_exactly_half_is_a_signal_and_49_percent_is_not() {
        let mut c = customer();
        let order = |days: i64, wan: i64| Order {
            id: format!("o{days}"),
            date: Some(TODAY() - chrono::Duration::days(days)),
            amount_fen: Fen::from_wan(wan),
            ..Order::default()
        };
        c.orders = vec![order(10, 50), order(120, 100)];
        assert_eq!(
            signals(&c, &[], None, &TieringSettings::default(), TODAY()),
            vec![Signal::SpendDrop { drop_pct: 50 }]
        );
        c.orders = vec![order(10, 51), order(120, 100)];
        assert!(kinds(&c, &[], None).is_empty());
        // No previous quarter's spend: no comparison, no signal.
        c.orders = vec![order(10, 1)];
        assert!(kinds(&c, &[], None).is_empty());
    }

    /// One table (`warning::WARNING`) for both: a customer preset 002 puts in D 流失预警 has
    /// the churn signal, and one just short of the threshold has neither.
    #[test]
    fn the_churn_signals_and_preset_002_warn_at_the_same_figures() {
        use crate::domain::tiering::{classify_portfolio, PresetId};
        let settings = TieringSettings {
            preset: PresetId::Abcd002,
            ..TieringSettings::default()
        };
        let warned = |c: &Customer| {
            let tier = classify_portfolio(std::slice::from_ref(c), &settings, TODAY())[0].tier;
            let signal = signals(c, &[], None, &settings, TODAY())
                .iter()
                .any(|s| s.kind().is_severe());
            (tier == Tier::D, signal)
        };
        let order = |days: i64, wan: i64| Order {
            id: format!("o{days}"),
            date: Some(TODAY() - chrono::Duration::days(days)),
            amount_fen: Fen::from_wan(wan),
            ..Order::default()
        };
        let mut c = customer();
        let drop = WARNING.spend_drop_pct;
        c.orders = vec![order(10, 100 - drop), order(120, 100)];
        assert_eq!(warned(&c), (true, true));
        c.orders = vec![order(10, 100 - drop + 1), order(120, 100)];
        assert_eq!(warned(&c), (false, false));

        c.orders = vec![order(10, 100), order(120, 100)];
        let feedback = |score| SatisfactionEntry {
            id: "s".into(),
            date: Some(TODAY() - chrono::Duration::days(5)),
            kind: Some(SatisfactionKind::Feedback),
            score,
            ..SatisfactionEntry::default()
        };
        c.satisfaction = vec![feedback(WARNING.low_feedback)];
        assert_eq!(warned(&c), (true, true));
        c.satisfaction = vec![feedback(WARNING.low_feedback + 1)];
        assert_eq!(warned(&c), (false, false));
    }

    #[test]
    fn feedback_three_is_a_signal_four_is_not_and_the_latest_counts() {
        let mut c = customer();
        let score = |kind, score, days: i64| SatisfactionEntry {
            id: format!("s{days}"),
            date: Some(TODAY() - chrono::Duration::days(days)),
            kind: Some(kind),
            score,
            ..SatisfactionEntry::default()
        };
        c.satisfaction = vec![
            score(SatisfactionKind::Feedback, 9, 100),
            score(SatisfactionKind::Feedback, 3, 10),
        ];
        assert_eq!(kinds(&c, &[], None), vec![SignalKind::LowFeedback]);
        c.satisfaction = vec![
            score(SatisfactionKind::Feedback, 3, 100),
            score(SatisfactionKind::Feedback, 4, 10),
        ];
        assert!(kinds(&c, &[], None).is_empty());
        c.satisfaction = vec![score(SatisfactionKind::Nps, 6, 10)];
        assert_eq!(kinds(&c, &[], None), vec![SignalKind::NpsDetractor]);
        c.satisfaction = vec![score(SatisfactionKind::Nps, 7, 10)];
        assert!(kinds(&c, &[], None).is_empty());
    }

    #[test]
    fn flags_paused_a_and_health() {
        let mut c = customer();
        c.strategy.competitor_contact = true;
        assert_eq!(
            Health::of(&signals(
                &c,
                &[],
                None,
                &TieringSettings::default(),
                TODAY()
            )),
            Health::Watch
        );
        c.strategy.credit = Some(CreditStatus::Overdue);
        let s = signals(&c, &[], None, &TieringSettings::default(), TODAY());
        assert_eq!(s, vec![Signal::PaymentAnomaly, Signal::CompetitorContact]);
        assert_eq!(Health::of(&s), Health::AtRisk);
        assert_eq!(Health::of(&[Signal::PaymentAnomaly]), Health::AtRisk);
        assert_eq!(Health::of(&[]), Health::Healthy);

        let mut a = customer();
        a.orders.push(Order {
            id: "o".into(),
            date: Some(TODAY() - chrono::Duration::days(200)),
            amount_fen: Fen::from_wan(10),
            ..Order::default()
        });
        assert_eq!(kinds(&a, &[], Some(Tier::A)), vec![SignalKind::PausedA]);
        assert!(kinds(&a, &[], Some(Tier::B)).is_empty());
        assert_eq!(
            new_signals(&[Signal::PausedA { days: 200 }], &[SignalKind::PausedA]),
            vec![]
        );
        assert_eq!(
            new_signals(&[Signal::PausedA { days: 200 }], &[]),
            vec![SignalKind::PausedA]
        );
    }
}
