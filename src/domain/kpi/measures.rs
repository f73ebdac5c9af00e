//! The figures measured from the records, one function each. Each doc comment is the formula
//! the dashboard shows; `part` and `whole` of the returned [`Figure`] are its two counts.

use super::history::{churned_within, existed_by, stage_before};
use super::period::Period;
use super::{Figure, Measure, MissingData, Tenths, Touches};
use crate::domain::lifecycle::Stage;
use crate::domain::records::{Customer, SatisfactionKind};

/// Churn rate = customers lost in the period / customers at its start, in percent.
///
/// At its start: customers the records show by the first day (created, a first deal or a
/// stage move on or before it) that were neither churned nor still a lead or prospect the day
/// before (leads that never bought are not customers to lose). Lost: those of them that moved
/// into 流失 (churned) on a day of the period. A customer gained and lost within the period is
/// not counted, so the rate stays a share of the starting customers. `part`: lost; `whole`:
/// at the start.
pub fn churn(customers: &[Customer], period: &Period) -> Figure {
    let tracked = customers
        .iter()
        .any(|c| c.stage.is_some() || !c.lifecycle.history.is_empty());
    if !tracked {
        return Figure::missing(MissingData::LifecycleStages);
    }
    let at_start: Vec<&Customer> = customers
        .iter()
        .filter(|c| existed_by(c, period.start))
        .filter(|c| {
            !matches!(
                stage_before(c, period.start),
                Some(Stage::Churned | Stage::Lead | Stage::Nurturing)
            )
        })
        .collect();
    let lost = at_start
        .iter()
        .filter(|c| churned_within(c, period.start, period.end))
        .count();
    Figure::ratio(
        lost as i64,
        at_start.len() as i64,
        100,
        MissingData::CustomerDates,
    )
}

/// CSAT average = sum of the scores / number of scores, on a 100 scale: CSAT answers (0–100)
/// as given and 0–10 feedback scores × 10, each answer counting once. `part`: the sum;
/// `whole`: the answers. Also returns how many of them were scaled feedback scores.
pub fn csat(customers: &[Customer], period: &Period) -> (Figure, u32) {
    let (mut sum, mut answers, mut scaled) = (0, 0, 0);
    let dated = customers
        .iter()
        .flat_map(|c| &c.satisfaction)
        .filter(|s| s.date.is_some_and(|d| period.contains(d)));
    for s in dated {
        let score = match s.kind {
            Some(SatisfactionKind::Csat) => s.score.min(100),
            Some(SatisfactionKind::Feedback) => {
                scaled += 1;
                s.score.min(10) * 10
            }
            _ => continue,
        };
        sum += score as i64;
        answers += 1;
    }
    (
        Figure::ratio(sum, answers, 1, MissingData::CsatScores),
        scaled,
    )
}

/// NPS = (promoters − detractors) / answers × 100, from the NPS answers (0–10) dated in the
/// period: promoters answer 9–10, detractors 0–6. Between −100 and 100. `part`: promoters −
/// detractors; `whole`: the answers.
pub fn nps(customers: &[Customer], period: &Period) -> Figure {
    let (mut net, mut answers) = (0, 0);
    for s in customers.iter().flat_map(|c| &c.satisfaction) {
        if s.kind == Some(SatisfactionKind::Nps) && s.date.is_some_and(|d| period.contains(d)) {
            answers += 1;
            net += match s.score {
                9.. => 1,
                7..=8 => 0,
                _ => -1,
            };
        }
    }
    Figure::ratio(net, answers, 100, MissingData::NpsAnswers)
}

/// Repeat-purchase rate = repeat buyers / buyers, in percent. A buyer has a dated order in the
/// period; a repeat buyer also has an earlier one (before the period or earlier in it), so a
/// customer buying again each year counts every year. `part`: repeat buyers; `whole`: buyers.
pub fn repeat_purchase(customers: &[Customer], period: &Period) -> Figure {
    let (mut repeat, mut buyers) = (0, 0);
    for c in customers {
        let dates = || c.orders.iter().filter_map(|o| o.date);
        if dates().any(|d| period.contains(d)) {
            buyers += 1;
            repeat += (dates().filter(|d| *d <= period.end).count() >= 2) as i64;
        }
    }
    Figure::ratio(repeat, buyers, 100, MissingData::Orders)
}

/// This period's figure minus the same period a year before, in points (`part`: this year's
/// value, `whole`: last year's, both in tenths).
pub fn year_on_year(this: &Figure, last: &Figure) -> Figure {
    match (this.measure, last.measure) {
        (Measure::Missing(m), _) => Figure::missing(m),
        (_, Measure::Missing(_)) => Figure::missing(MissingData::LastYear),
        (Measure::Value(now), Measure::Value(then)) => Figure {
            measure: Measure::Value(Tenths(now.0 - then.0)),
            target: None,
            part: now.0,
            whole: then.0,
        },
    }
}

/// Referral share = new customers referred by a customer / new customers, in percent. A new
/// customer's first deal is in the period; referred means its 转介绍 field (`referred_by`)
/// names someone. `part`: referred; `whole`: new customers.
pub fn referrals(customers: &[Customer], period: &Period) -> Figure {
    let new: Vec<&Customer> = customers
        .iter()
        .filter(|c| c.first_deal().is_some_and(|d| period.contains(d)))
        .collect();
    let referred = new
        .iter()
        .filter(|c| !c.referred_by.trim().is_empty())
        .count();
    Figure::ratio(
        referred as i64,
        new.len() as i64,
        100,
        MissingData::NewCustomers,
    )
}

/// Customers who had bought before the period and were not churned as it started (老客户).
fn old_customers<'a>(
    customers: &'a [Customer],
    period: &'a Period,
) -> impl Iterator<Item = &'a Customer> {
    customers.iter().filter(|c| {
        c.first_deal().is_some_and(|d| d < period.start)
            && stage_before(c, period.start) != Some(Stage::Churned)
    })
}

/// New cooperation points per old customer per quarter = new points / old customers /
/// quarters. Old customers bought before the period and were not churned as it started; a
/// new point is a need (需求挖掘点) recorded in a follow-up with one of them in the period and
/// never recorded for that customer before (each need once). Quarters: the period's calendar
/// months / 3, rounded up, so a quarter so far counts as one. `part`: new points; `whole`: old
/// customers.
pub fn new_points(
    customers: &[Customer],
    touches: &Touches,
    any_needs: bool,
    period: &Period,
) -> Figure {
    let quarters = period.months().len().div_ceil(3) as i64;
    let (mut points, mut old) = (0, 0);
    for c in old_customers(customers, period) {
        old += 1;
        let touches = touches.of(&c.id);
        let needs = |keep: &dyn Fn(chrono::NaiveDate) -> bool| -> Vec<&str> {
            touches
                .iter()
                .filter(|f| f.date.is_some_and(keep))
                .flat_map(|f| &f.needs)
                .map(|n| n.trim())
                .filter(|n| !n.is_empty())
                .collect()
        };
        let before = needs(&|d| d < period.start);
        let mut found: Vec<&str> = Vec::new();
        for n in needs(&|d| period.contains(d)) {
            if !before.contains(&n) && !found.contains(&n) {
                found.push(n);
            }
        }
        points += found.len() as i64;
    }
    if old == 0 {
        return Figure::missing(MissingData::Orders);
    }
    if !any_needs {
        return Figure::missing(MissingData::FollowUpNeeds);
    }
    let mut figure = Figure::ratio(points, old * quarters, 1, MissingData::Orders);
    figure.whole = old;
    figure
}

/// Value-added participation = customers who took part in a value-added service in the
/// period / customers, in percent. Customers: a first deal by the period's end and not
/// churned as it started. Taking part: a follow-up in the period marked value-added.
/// `part`: participants; `whole`: customers.
pub fn value_added(
    customers: &[Customer],
    touches: &Touches,
    any_value_added: bool,
    period: &Period,
) -> Figure {
    let (mut took_part, mut all) = (0, 0);
    for c in customers.iter().filter(|c| {
        c.first_deal().is_some_and(|d| d <= period.end)
            && stage_before(c, period.start) != Some(Stage::Churned)
    }) {
        all += 1;
        took_part += touches
            .of(&c.id)
            .iter()
            .any(|f| f.value_added && f.date.is_some_and(|d| period.contains(d)))
            as i64;
    }
    if all > 0 && !any_value_added {
        return Figure::missing(MissingData::ValueAddedServices);
    }
    Figure::ratio(took_part, all, 100, MissingData::Orders)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::StageChange;
    use crate::domain::records::FollowUp;
    use crate::domain::records::{Order, SatisfactionEntry};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn year_2024() -> Period {
        Period::custom(d(2024, 1, 1), d(2024, 12, 31))
    }

    fn named(id: &str) -> Customer {
        Customer {
            id: id.into(),
            name: id.into(),
            ..Customer::default()
        }
    }

    /// A customer moved through these stages (the first move has no `from`).
    fn moving(id: &str, moves: &[(NaiveDate, Stage)]) -> Customer {
        let mut c = named(id);
        let mut from = None;
        for &(date, to) in moves {
            c.lifecycle.history.push(StageChange {
                date,
                from,
                to,
                status: None,
            });
            from = Some(to);
        }
        c.stage = from;
        c
    }

    fn with_orders(mut c: Customer, dates: &[NaiveDate]) -> Customer {
        c.orders = dates
            .iter()
            .map(|&date| Order {
                date: Some(date),
                ..Order::default()
            })
            .collect();
        c
    }

    fn scored(kind: SatisfactionKind, score: u32, date: NaiveDate) -> SatisfactionEntry {
        SatisfactionEntry {
            date: Some(date),
            kind: Some(kind),
            score,
            ..SatisfactionEntry::default()
        }
    }

    fn value(f: &Figure) -> Option<i64> {
        f.measure.value().map(|t| t.0)
    }

    #[test]
    fn churn_is_the_share_of_the_starting_customers_lost_in_the_period() {
        use Stage::*;
        let customers = [
            moving(
                "lost",
                &[
                    (d(2023, 1, 1), Lead),
                    (d(2023, 3, 1), Converted),
                    (d(2024, 3, 5), Churned),
                ],
            ),
            moving("kept", &[(d(2023, 5, 1), Mature)]),
            moving(
                "lost before",
                &[(d(2023, 5, 1), Mature), (d(2023, 11, 1), Churned)],
            ),
            moving(
                "gained and lost",
                &[(d(2024, 2, 1), Converted), (d(2024, 4, 1), Churned)],
            ),
            moving("still a lead", &[(d(2023, 1, 1), Lead)]),
            with_orders(named("a deal, no stage"), &[d(2023, 12, 31)]),
            moving(
                "won back",
                &[
                    (d(2023, 5, 1), Mature),
                    (d(2024, 2, 1), Churned),
                    (d(2024, 3, 1), Mature),
                ],
            ),
        ];
        let f = churn(&customers, &year_2024());
        assert_eq!((f.part, f.whole, value(&f)), (2, 4, Some(500)));

        // One month: February loses the won-back customer only; the customer gained on
        // 1 February was there as the month started.
        let feb = churn(&customers, &Period::custom(d(2024, 2, 1), d(2024, 2, 29)));
        assert_eq!((feb.part, feb.whole, value(&feb)), (1, 5, Some(200)));

        assert_eq!(
            churn(&customers, &Period::custom(d(2020, 1, 1), d(2020, 12, 31))).measure,
            Measure::Missing(MissingData::CustomerDates),
        );
        assert_eq!(
            churn(&[with_orders(named("x"), &[d(2023, 1, 1)])], &year_2024()).measure,
            Measure::Missing(MissingData::LifecycleStages),
        );
    }

    #[test]
    fn csat_scales_feedback_by_ten_and_averages_the_answers() {
        use SatisfactionKind::*;
        let mut c = named("c");
        c.satisfaction = vec![
            scored(Csat, 90, d(2024, 3, 1)),
            scored(Feedback, 8, d(2024, 2, 29)),
            scored(Feedback, 12, d(2024, 5, 1)), // beyond the scale: taken as 10
            scored(Csat, 10, d(2023, 12, 31)),   // before the period
            scored(Nps, 0, d(2024, 3, 1)),       // another measure
        ];
        let (f, scaled) = csat(std::slice::from_ref(&c), &year_2024());
        assert_eq!((f.part, f.whole, value(&f), scaled), (270, 3, Some(900), 2));
        // A leap-year February holds its 29th.
        let (feb, _) = csat(
            std::slice::from_ref(&c),
            &Period::custom(d(2024, 2, 1), d(2024, 2, 29)),
        );
        assert_eq!(value(&feb), Some(800));
        let (none, _) = csat(&[c], &Period::custom(d(2024, 6, 1), d(2024, 6, 30)));
        assert_eq!(none.measure, Measure::Missing(MissingData::CsatScores));
    }

    #[test]
    fn nps_is_promoters_minus_detractors_over_the_answers() {
        let cases: [(&[u32], Option<i64>); 4] = [
            (&[10, 9, 8, 6, 0], Some(0)),
            (&[10, 9, 7], Some(667)),
            (&[6, 7], Some(-500)),
            (&[], None),
        ];
        for (answers, expected) in cases {
            let mut c = named("c");
            c.satisfaction = answers
                .iter()
                .map(|&s| scored(SatisfactionKind::Nps, s, d(2024, 4, 1)))
                .collect();
            let f = nps(&[c], &year_2024());
            assert_eq!(value(&f), expected, "{answers:?}");
            if expected.is_none() {
                assert_eq!(f.measure, Measure::Missing(MissingData::NpsAnswers));
            }
        }
    }

    #[test]
    fn repeat_purchase_and_its_change_on_the_year_before() {
        let customers = [
            with_orders(named("again"), &[d(2023, 5, 1), d(2024, 3, 1)]),
            with_orders(named("once"), &[d(2024, 2, 1)]),
            with_orders(named("twice"), &[d(2024, 1, 5), d(2024, 6, 1)]),
            with_orders(named("long ago"), &[d(2022, 1, 1)]),
        ];
        let now = repeat_purchase(&customers, &year_2024());
        assert_eq!((now.part, now.whole, value(&now)), (2, 3, Some(667)));
        let before = repeat_purchase(&customers, &year_2024().year_before());
        assert_eq!((before.part, before.whole, value(&before)), (0, 1, Some(0)));
        let change = year_on_year(&now, &before);
        assert_eq!(
            (value(&change), change.part, change.whole),
            (Some(667), 667, 0)
        );

        // No buyers a year earlier: nothing to compare with.
        let empty = repeat_purchase(&customers, &Period::custom(d(2020, 1, 1), d(2020, 12, 31)));
        assert_eq!(empty.measure, Measure::Missing(MissingData::Orders));
        assert_eq!(
            year_on_year(&now, &empty).measure,
            Measure::Missing(MissingData::LastYear)
        );
        assert_eq!(
            year_on_year(&empty, &now).measure,
            Measure::Missing(MissingData::Orders)
        );
    }

    #[test]
    fn referrals_are_a_share_of_the_new_customers() {
        let mut referred = with_orders(named("referred"), &[d(2024, 3, 1)]);
        referred.referred_by = "老客户甲".into();
        let mut blank = with_orders(named("blank"), &[d(2024, 4, 1)]);
        blank.referred_by = "  ".into();
        let mut old = with_orders(named("old"), &[d(2023, 4, 1), d(2024, 4, 1)]);
        old.referred_by = "x".into();
        let customers = [
            referred,
            blank,
            old,
            with_orders(named("new"), &[d(2024, 5, 1)]),
        ];
        let f = referrals(&customers, &year_2024());
        assert_eq!((f.part, f.whole, value(&f)), (1, 3, Some(333)));
        assert_eq!(
            referrals(&customers, &Period::custom(d(2025, 1, 1), d(2025, 3, 31))).measure,
            Measure::Missing(MissingData::NewCustomers)
        );
    }

    fn followup(customer: &str, date: NaiveDate, needs: &[&str], value_added: bool) -> FollowUp {
        FollowUp {
            customer_id: customer.into(),
            date: Some(date),
            needs: needs.iter().map(|n| n.to_string()).collect(),
            value_added,
            ..FollowUp::default()
        }
    }

    #[test]
    fn new_points_count_needs_not_found_before_per_old_customer_per_quarter() {
        let customers = [
            with_orders(named("old"), &[d(2023, 6, 1)]),
            with_orders(named("quiet"), &[d(2023, 6, 1)]),
            with_orders(
                moving(
                    "churned",
                    &[
                        (d(2023, 6, 1), Stage::Mature),
                        (d(2023, 12, 1), Stage::Churned),
                    ],
                ),
                &[d(2023, 6, 1)],
            ),
            with_orders(named("new"), &[d(2024, 4, 2)]),
        ];
        let followups = [
            followup("old", d(2023, 9, 1), &["扩容"], false),
            followup("old", d(2024, 4, 10), &["扩容", "培训"], false),
            followup("old", d(2024, 5, 10), &["培训 ", " ", "API"], false),
            followup("new", d(2024, 5, 10), &["新需求"], false),
        ];
        let touches = Touches::new(&followups);
        let quarter = Period::custom(d(2024, 4, 1), d(2024, 6, 30));
        let f = new_points(&customers, &touches, true, &quarter);
        assert_eq!((f.part, f.whole, value(&f)), (2, 2, Some(10)));
        // Half a year is two quarters.
        let half = new_points(
            &customers,
            &touches,
            true,
            &Period::custom(d(2024, 1, 1), d(2024, 6, 30)),
        );
        assert_eq!(value(&half), Some(5));
        assert_eq!(
            new_points(&customers, &touches, false, &quarter).measure,
            Measure::Missing(MissingData::FollowUpNeeds)
        );
        let before_any = Period::custom(d(2023, 1, 1), d(2023, 3, 31));
        assert_eq!(
            new_points(&customers, &touches, true, &before_any).measure,
            Measure::Missing(MissingData::Orders)
        );
    }

    #[test]
    fn value_added_participation_is_a_share_of_the_customers() {
        let customers = [
            with_orders(named("took part"), &[d(2023, 6, 1)]),
            with_orders(named("did not"), &[d(2023, 6, 1)]),
            with_orders(named("new"), &[d(2024, 6, 1)]),
            named("lead"),
        ];
        let followups = [
            followup("took part", d(2024, 3, 1), &[], true),
            followup("took part", d(2024, 4, 1), &[], true),
            followup("did not", d(2023, 3, 1), &[], true), // before the period
            followup("did not", d(2024, 3, 1), &[], false),
        ];
        let touches = Touches::new(&followups);
        let f = value_added(&customers, &touches, true, &year_2024());
        assert_eq!((f.part, f.whole, value(&f)), (1, 3, Some(333)));
        assert_eq!(
            value_added(&customers, &touches, false, &year_2024()).measure,
            Measure::Missing(MissingData::ValueAddedServices)
        );
        assert_eq!(
            value_added(
                &customers,
                &touches,
                true,
                &Period::custom(d(2020, 1, 1), d(2020, 1, 31))
            )
            .measure,
            Measure::Missing(MissingData::Orders)
        );
    }
}
