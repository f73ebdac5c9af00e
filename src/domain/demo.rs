//! The training workspace: the seeds' own examples as a data set (deterministic, so every
//! training day starts the same), about forty customers with two years of orders,
//! follow-ups, to-dos, a churn case and a win-back — enough to make every page meaningful.

use chrono::NaiveDate;

use super::cadence::CadenceSettings;
use super::cadence::TouchKind;
use super::calendar::add_months;
use super::lifecycle::{Lifecycle, Stage};
use super::money::Fen;
use super::records::{
    Channel, CompanySize, Contact, CreditStatus, Customer, DecisionRole, Level, MonthDay, Order,
    PreferredTime, Remark, RemarkKind, SatisfactionEntry, SatisfactionKind, Tag,
};
use super::records::{FollowUp, NextStep, Todo};
use super::settings::DataSettings;
use super::tiering::{classify_portfolio, TierState, TieringSettings};
use super::winback::{Outcome, PlanAction, Reason, WinBackCase};

/// The language the stories are told in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoLang {
    Zh,
    En,
}

/// The whole demo data set.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoData {
    pub customers: Vec<Customer>,
    pub followups: Vec<FollowUp>,
    pub todos: Vec<Todo>,
    pub settings: DataSettings,
}

/// A small deterministic generator (the same numbers every time).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn days(n: i64) -> chrono::Duration {
    chrono::Duration::days(n)
}

fn t<'a>(lang: DemoLang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        DemoLang::Zh => zh,
        DemoLang::En => en,
    }
}

/// Orders summing to `per_year_total` in each of the last years, spread over `per_year`
/// orders, the first deal `tenure_months` ago.
fn orders(
    id: &str,
    today: NaiveDate,
    per_year_total: Fen,
    per_year: i64,
    tenure_months: i32,
    product: &str,
) -> Vec<Order> {
    let mut out = Vec::new();
    if tenure_months == 0 || per_year_total.0 == 0 {
        return out;
    }
    let first = add_months(today, -tenure_months);
    // The first deal, then regular orders through the last two years (or since the start).
    let per = per_year_total.0 / per_year.max(1);
    let step = 365 / per_year.max(1);
    let mut k = 0;
    let mut d = today - days(10);
    let start = first.max(today - days(730));
    while d > start {
        out.push(Order {
            id: format!("{id}-o{k}"),
            date: Some(d),
            amount_fen: Fen(per),
            product: product.to_string(),
        });
        k += 1;
        d -= days(step);
    }
    out.push(Order {
        id: format!("{id}-first"),
        date: Some(first),
        amount_fen: Fen(per),
        product: product.to_string(),
    });
    out
}

fn contact(name: &str, title: &str, role: DecisionRole, channel: Channel) -> Contact {
    Contact {
        name: name.into(),
        title: title.into(),
        role: Some(role),
        channel: Some(channel),
        preferred_time: Some(PreferredTime::WeekdayMorning),
        ..Contact::default()
    }
}

fn staged(stage: Stage, since: NaiveDate) -> Lifecycle {
    let mut l = Lifecycle::default();
    l.move_to(None, stage, None, since);
    l
}

/// The demo data set as of `today`.
pub fn generate(lang: DemoLang, today: NaiveDate) -> DemoData {
    let z = |zh, en| t(lang, zh, en).to_string();

    // Seed 001's worked example.
    let mut customers = vec![Customer {
        id: "demo-tech".into(),
        name: z("科技公司", "Tech Co."),
        industry: z("科技", "Technology"),
        size: Some(CompanySize::Large),
        lead_source: z("行业展会", "Trade fair"),
        owner: z("王经理", "Manager Wang"),
        contacts: vec![Contact {
            phone: "13800000001".into(),
            birthday: MonthDay::new(9, 18),
            ..contact(
                &z("张经理", "Manager Zhang"),
                &z("采购经理", "Purchasing manager"),
                DecisionRole::DecisionMaker,
                Channel::Visit,
            )
        }],
        strategy: super::records::Strategy {
            industry_leader: true,
            brand_influence: Some(Level::High),
            growth_potential_pct: Some(30),
            strategic_fit: z("定制化需求高", "High share of custom work"),
            credit: Some(CreditStatus::Good),
            competitor_contact: false,
        },
        orders: orders(
            "demo-tech",
            today,
            Fen::from_wan(85),
            4,
            36,
            &z("定制方案", "Custom solution"),
        ),
        tags: vec![Tag::Strategic, Tag::HighPotential, Tag::NeedEfficiency],
        peak_months: vec![11, 12],
        stage: Some(Stage::Mature),
        lifecycle: staged(Stage::Mature, add_months(today, -24)),
        created_on: Some(add_months(today, -36)),
        verified_on: Some(add_months(today, -2)),
        ..Customer::default()
    }];
    customers.push(Customer {
        id: "demo-yy".into(),
        name: z("YY贸易公司", "YY Trading"),
        industry: z("贸易", "Trading"),
        size: Some(CompanySize::Medium),
        owner: z("刘总监", "Director Liu"),
        contacts: vec![contact(
            &z("赵总监", "Director Zhao"),
            &z("总监", "Director"),
            DecisionRole::DecisionMaker,
            Channel::Phone,
        )],
        orders: orders(
            "demo-yy",
            today,
            Fen::from_wan(35),
            4,
            18,
            &z("标准产品", "Standard products"),
        ),
        tags: vec![Tag::Free(z("季度返单", "Quarterly reorders"))],
        stage: Some(Stage::Mature),
        lifecycle: staged(Stage::Mature, add_months(today, -9)),
        created_on: Some(add_months(today, -18)),
        ..Customer::default()
    });
    customers.push(Customer {
        id: "demo-zz".into(),
        name: z("ZZ制造厂", "ZZ Manufacturing"),
        industry: z("制造", "Manufacturing"),
        size: Some(CompanySize::Small),
        owner: z("李主管", "Supervisor Li"),
        contacts: vec![contact(
            &z("孙主管", "Supervisor Sun"),
            &z("主管", "Supervisor"),
            DecisionRole::Influencer,
            Channel::Wechat,
        )],
        orders: orders(
            "demo-zz",
            today,
            Fen::from_wan(12),
            2,
            8,
            &z("标准件", "Standard parts"),
        ),
        tags: vec![Tag::PriceSensitive, Tag::NeedCost],
        stage: Some(Stage::Converted),
        lifecycle: staged(Stage::Converted, add_months(today, -8)),
        created_on: Some(add_months(today, -9)),
        ..Customer::default()
    });
    customers.push(Customer {
        id: "demo-aa".into(),
        name: z("AA集团", "AA Group"),
        industry: z("新能源", "New energy"),
        size: Some(CompanySize::Large),
        lead_source: z("官网表单", "Website form"),
        owner: z("赵经理", "Manager Zhao"),
        contacts: vec![contact(
            &z("周主任", "Director Zhou"),
            &z("主任", "Director"),
            DecisionRole::Influencer,
            Channel::Email,
        )],
        tags: vec![
            Tag::HighPotential,
            Tag::Free(z("预算待确认", "Budget unconfirmed")),
        ],
        stage: Some(Stage::Nurturing),
        lifecycle: staged(Stage::Nurturing, today - days(5)),
        created_on: Some(today - days(20)),
        ..Customer::default()
    });
    // Seed 000's three examples.
    customers.push(Customer {
        id: "demo-auto".into(),
        name: z("*总（汽车制造）", "Mr. * (automaker)"),
        industry: z("汽车制造", "Automotive"),
        size: Some(CompanySize::Large),
        owner: z("王经理", "Manager Wang"),
        strategy: super::records::Strategy {
            industry_leader: true,
            growth_potential_pct: Some(40),
            strategic_fit: z("拓展新能源产线合作", "Expanding into new-energy lines"),
            ..Default::default()
        },
        contacts: vec![contact(
            &z("*总", "Mr. *"),
            &z("总经理", "General manager"),
            DecisionRole::DecisionMaker,
            Channel::Visit,
        )],
        orders: orders(
            "demo-auto",
            today,
            Fen::from_wan(800),
            10,
            48,
            &z("零部件", "Components"),
        ),
        tags: vec![Tag::Strategic],
        stage: Some(Stage::Mature),
        lifecycle: staged(Stage::Mature, add_months(today, -30)),
        created_on: Some(add_months(today, -48)),
        ..Customer::default()
    });
    customers.push(Customer {
        id: "demo-retail".into(),
        name: z("*经理（连锁零售）", "Manager * (retail chain)"),
        industry: z("零售", "Retail"),
        owner: z("刘总监", "Director Liu"),
        contacts: vec![contact(
            &z("*经理", "Manager *"),
            &z("经理", "Manager"),
            DecisionRole::DecisionMaker,
            Channel::Phone,
        )],
        orders: orders(
            "demo-retail",
            today,
            Fen::from_wan(300),
            6,
            30,
            &z("常规产品", "Regular products"),
        ),
        stage: Some(Stage::Mature),
        lifecycle: staged(Stage::Mature, add_months(today, -18)),
        created_on: Some(add_months(today, -30)),
        ..Customer::default()
    });
    customers.push(Customer {
        id: "demo-small".into(),
        name: z("*主任（小型贸易）", "Director * (small trader)"),
        industry: z("贸易", "Trading"),
        owner: z("李主管", "Supervisor Li"),
        contacts: vec![contact(
            &z("*主任", "Director *"),
            &z("主任", "Director"),
            DecisionRole::DecisionMaker,
            Channel::Phone,
        )],
        orders: orders(
            "demo-small",
            today,
            Fen::from_wan(50),
            2,
            20,
            &z("偶发采购", "Occasional purchases"),
        ),
        stage: Some(Stage::Mature),
        lifecycle: staged(Stage::Mature, add_months(today, -8)),
        created_on: Some(add_months(today, -20)),
        ..Customer::default()
    });

    // About thirty smaller customers, so every page has something to show.
    let mut rng = Rng(20_251_122);
    let industries = [
        ("零售", "Retail"),
        ("物流", "Logistics"),
        ("医药", "Pharma"),
        ("制造", "Manufacturing"),
        ("餐饮", "Catering"),
    ];
    let owners = [
        ("王经理", "Manager Wang"),
        ("刘总监", "Director Liu"),
        ("李主管", "Supervisor Li"),
    ];
    for i in 0..33 {
        let (ind_zh, ind_en) = industries[i % industries.len()];
        let (own_zh, own_en) = owners[i % owners.len()];
        let id = format!("demo-c{i:02}");
        let tenure = 3 + rng.below(30) as i32;
        // Small customers in monthly orders (steady, so no false drop): a few at 6 万 a
        // year (001's C), most at a few thousand 元 — small enough that 000's A customer
        // still makes 60 % of the portfolio, as in its example. Every sixth is a lead.
        let yearly = if i % 6 == 5 {
            Fen(0)
        } else if i % 10 == 0 {
            Fen::from_wan(6)
        } else {
            Fen::from_yuan(2_000 + 500 * rng.below(5) as i64)
        };
        let mut c = Customer {
            id: id.clone(),
            name: match lang {
                DemoLang::Zh => {
                    format!(
                        "{}{}有限公司",
                        ["华东", "华南", "西部", "北方", "东方", "中原"][i % 6],
                        ["商贸", "物流", "医药", "精工", "餐饮", "科技"][(i / 6) % 6]
                    ) + &format!("{}", i + 1)
                }
                DemoLang::En => format!(
                    "{} {} Ltd. {}",
                    ["East", "South", "West", "North", "Orient", "Central"][i % 6],
                    ["Trade", "Logistics", "Pharma", "Precision", "Foods", "Tech"][(i / 6) % 6],
                    i + 1
                ),
            },
            industry: t(lang, ind_zh, ind_en).into(),
            owner: t(lang, own_zh, own_en).into(),
            referred_by: if i % 4 == 0 {
                z("科技公司", "Tech Co.")
            } else {
                String::new()
            },
            contacts: vec![Contact {
                name: match lang {
                    DemoLang::Zh => format!("{}先生", ["陈", "林", "黄", "吴", "郑"][i % 5]),
                    DemoLang::En => {
                        format!("Mr. {}", ["Chen", "Lin", "Huang", "Wu", "Zheng"][i % 5])
                    }
                },
                phone: format!("139{i:08}"),
                ..Contact::default()
            }],
            orders: orders(&id, today, yearly, 12, tenure, ""),
            created_on: Some(add_months(today, -tenure - 1)),
            ..Customer::default()
        };
        c.stage = Some(if c.orders.is_empty() {
            Stage::Lead
        } else if tenure > 12 {
            Stage::Mature
        } else {
            Stage::Converted
        });
        c.lifecycle = staged(c.stage.unwrap(), add_months(today, -tenure.min(12)));
        customers.push(c);
    }

    // A churn case: spend fell by more than half, a complaint, low feedback.
    if let Some(c) = customers.iter_mut().find(|c| c.id == "demo-c01") {
        c.orders
            .retain(|o| o.date.is_some_and(|d| d < today - days(100)));
        c.orders.push(Order {
            id: "demo-c01-drop".into(),
            date: Some(today - days(120)),
            amount_fen: Fen::from_wan(3),
            ..Order::default()
        });
        c.remarks.push(Remark {
            id: "demo-c01-r".into(),
            date: Some(today - days(15)),
            kind: Some(RemarkKind::Complaint),
            text: z("交付延迟两周", "Delivery two weeks late"),
        });
        c.satisfaction.push(SatisfactionEntry {
            id: "demo-c01-fb".into(),
            date: Some(today - days(14)),
            kind: Some(SatisfactionKind::Feedback),
            score: 3,
            note: z("对交付很不满意", "Unhappy with delivery"),
            ..SatisfactionEntry::default()
        });
        c.strategy.competitor_contact = true;
        // It became a customer with its first remaining order (the deal it signed).
        if let (Some(Stage::Converted), Some(first)) = (c.stage, c.first_deal()) {
            c.lifecycle = staged(Stage::Converted, first);
        }
    }
    // A win-back that worked, a year ago.
    if let Some(c) = customers.iter_mut().find(|c| c.id == "demo-c07") {
        c.winback.push(WinBackCase {
            id: "demo-wb-1".into(),
            opened_on: Some(add_months(today, -12)),
            reasons: vec![Reason::Price],
            recoverable: Some(true),
            actions: vec![PlanAction::Discount, PlanAction::ServiceUpgrade],
            owner: z("刘总监", "Director Liu"),
            outcome: Some(Outcome::Recovered),
            closed_on: Some(add_months(today, -11)),
            review: z(
                "价格优惠 5% 后恢复季度订单",
                "Quarterly orders back after a 5% discount",
            ),
        });
        let since = add_months(today, -11);
        c.lifecycle.move_to(
            c.stage,
            Stage::Churned,
            Some(Outcome::Recovered.stage_status()),
            since,
        );
        c.stage = Some(Stage::Churned);
    }

    // Three more customers lost over the last year, so churn has a history to chart.
    for (id, months_ago) in [("demo-c10", 9), ("demo-c20", 5), ("demo-c28", 2)] {
        if let Some(c) = customers.iter_mut().find(|c| c.id == id) {
            let churned_on = add_months(today, -months_ago);
            c.orders
                .retain(|o| o.date.is_some_and(|d| d < add_months(churned_on, -3)));
            c.lifecycle
                .move_to(c.stage, Stage::Churned, None, churned_on);
            c.stage = Some(Stage::Churned);
        }
    }

    // Satisfaction over two years: a CSAT answer most quarters, an NPS answer some half-years.
    for c in customers.iter_mut().filter(|c| !c.orders.is_empty()) {
        for q in 0..8 {
            let date = today - days(20 + q * 91 + rng.below(60) as i64);
            if rng.below(3) > 0 {
                c.satisfaction.push(SatisfactionEntry {
                    id: format!("{}-csat{q}", c.id),
                    date: Some(date),
                    kind: Some(SatisfactionKind::Csat),
                    score: 70 + rng.below(29) as u32,
                    ..SatisfactionEntry::default()
                });
            }
            if q % 2 == 0 && rng.below(2) == 0 {
                c.satisfaction.push(SatisfactionEntry {
                    id: format!("{}-nps{q}", c.id),
                    date: Some(date - days(5)),
                    kind: Some(SatisfactionKind::Nps),
                    score: 5 + rng.below(6) as u32,
                    ..SatisfactionEntry::default()
                });
            }
        }
    }

    // Each customer's tier since its first deal (at most two years back), so the callback
    // rate can be measured month by month.
    let tiering = TieringSettings::default();
    let classes = classify_portfolio(&customers, &tiering, today);
    for (c, class) in customers.iter_mut().zip(classes) {
        let from = c
            .first_deal()
            .or(c.created_on)
            .unwrap_or(today)
            .max(today - days(730));
        let snapshot = c.clone();
        let mut state = TierState::default();
        state.advance(class.tier, &snapshot, tiering.preset, &tiering, from);
        c.tiering = state;
    }

    // Follow-ups along each tier's cadence: mostly on time, some late, a few missed.
    let cadence = CadenceSettings::default();
    let table = cadence.table(cadence.policy_id(tiering.preset));
    let mut followups = Vec::new();
    let mut todos = Vec::new();
    for (n, c) in customers.iter().enumerate() {
        let (Some(tier), Some(since)) = (c.tiering.current, c.tiering.since) else {
            continue;
        };
        let end = match c.stage {
            Some(Stage::Churned) => c.lifecycle.since.unwrap_or(today),
            _ => today - days(1),
        };
        let Some(rules) = table.iter().find(|t| t.tier == tier) else {
            continue;
        };
        let mine_from = followups.len();
        for rule in &rules.touches {
            let mut due = rule.every.after(since);
            while due <= end {
                let done_on = match rng.below(20) {
                    0..=15 => Some(due - days(rng.below(3) as i64)),
                    16 | 17 => Some(due + days(8 + rng.below(10) as i64)),
                    _ => None,
                };
                let Some(date) = done_on.filter(|d| *d <= end) else {
                    due = rule.every.after(due);
                    continue;
                };
                let k = followups.len();
                let needs = if rng.below(6) == 0 {
                    vec![z("新增产品线需求", "A new product line")]
                } else {
                    vec![]
                };
                followups.push(FollowUp {
                    id: format!("{}-f{k}", c.id),
                    customer_id: c.id.clone(),
                    date: Some(date),
                    kind: rule.kind,
                    topics: vec![z("季度需求沟通", "This quarter's needs")],
                    note: z("沟通顺利", "A good conversation"),
                    feedback: z("满意", "Satisfied"),
                    score: Some(6 + rng.below(5) as u32),
                    needs,
                    value_added: rng.below(4) == 0,
                    owner: c.owner.clone(),
                    ..FollowUp::default()
                });
                due = rule.every.after(date);
            }
        }
        // The latest follow-up of some customers has a next step and a to-do.
        let latest = followups[mine_from..]
            .iter()
            .enumerate()
            .max_by_key(|(_, f)| f.date)
            .map(|(i, _)| mine_from + i);
        if let Some(i) = latest.filter(|_| c.stage != Some(Stage::Churned)) {
            let date = followups[i].date.unwrap_or(today);
            if n % 5 == 0 {
                followups[i].next_step = Some(NextStep {
                    date: today + days(3 + n as i64 % 10),
                    kind: TouchKind::Call,
                    topics: vec![z("方案确认", "Confirm the proposal")],
                });
            }
            if n % 3 == 0 {
                let id = followups[i].id.clone();
                todos.push(Todo {
                    id: format!("{id}-t"),
                    followup_id: id,
                    customer_id: c.id.clone(),
                    text: z("发送报价单", "Send the quotation"),
                    owner: c.owner.clone(),
                    due_on: Some(date + days(5)),
                    done_on: (n % 2 == 0).then_some(date + days(3)),
                    ..Todo::default()
                });
            }
        }
    }
    let mut settings = DataSettings::default();
    // The last quarterly re-tier review was eleven weeks ago: the dashboard can compare tiers
    // with it, and a month of time travel shows the next review falling due.
    settings.tiering.last_review = Some(today - days(77));
    DemoData {
        customers,
        followups,
        todos,
        settings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tiering::{classify_portfolio, PresetId, Tier, TieringSettings};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn the_demo_is_the_same_every_time_and_about_forty_customers() {
        let a = generate(DemoLang::Zh, today());
        let b = generate(DemoLang::Zh, today());
        assert_eq!(a, b);
        assert!(
            (38..=45).contains(&a.customers.len()),
            "{}",
            a.customers.len()
        );
        assert!(a.followups.len() > 40);
        assert!(
            a.todos.iter().any(|t| t.done_on.is_none())
                && a.todos.iter().any(|t| t.done_on.is_some())
        );
        let en = generate(DemoLang::En, today());
        assert_eq!(en.customers[0].name, "Tech Co.");
        assert_eq!(a.customers[0].name, "科技公司");
    }

    #[test]
    fn the_re_tier_review_falls_due_within_a_month_of_time_travel() {
        let data = generate(DemoLang::En, today());
        let tiering = &data.settings.tiering;
        assert!(!tiering.review_due(today(), None));
        assert!(!tiering.review_due(today() + days(7), None));
        assert!(tiering.review_due(add_months(today(), 1), None));
    }

    fn tier(data: &DemoData, preset: PresetId, id: &str) -> Tier {
        let settings = TieringSettings {
            preset,
            ..TieringSettings::default()
        };
        let classes = classify_portfolio(&data.customers, &settings, today());
        let i = data.customers.iter().position(|c| c.id == id).unwrap();
        classes[i].tier
    }

    #[test]
    fn the_seeds_customers_get_the_seeds_tiers() {
        let data = generate(DemoLang::Zh, today());
        // 001's worked example.
        assert_eq!(tier(&data, PresetId::Abcd001, "demo-tech"), Tier::A);
        assert_eq!(tier(&data, PresetId::Abcd001, "demo-yy"), Tier::B);
        assert_eq!(tier(&data, PresetId::Abcd001, "demo-zz"), Tier::C);
        assert_eq!(tier(&data, PresetId::Abcd001, "demo-aa"), Tier::D);
        // 000's examples under its ABC analysis.
        assert_eq!(tier(&data, PresetId::AbcPareto, "demo-auto"), Tier::A);
        assert_eq!(tier(&data, PresetId::AbcPareto, "demo-retail"), Tier::B);
        assert_eq!(tier(&data, PresetId::AbcPareto, "demo-small"), Tier::C);
    }

    #[test]
    fn the_figures_match_the_seeds() {
        let data = generate(DemoLang::Zh, today());
        let f = |id: &str| {
            let c = data.customers.iter().find(|c| c.id == id).unwrap();
            crate::domain::figures::Figures::of(c, today())
        };
        assert_eq!(f("demo-tech").spend_12m, Fen::from_wan(85));
        assert_eq!(f("demo-tech").tenure.unwrap().years, 3);
        assert_eq!(f("demo-yy").spend_12m, Fen::from_wan(35));
        assert_eq!(f("demo-zz").tenure.unwrap().total_months(), 8);
        assert_eq!(f("demo-auto").spend_12m, Fen::from_wan(800));
        assert_eq!(f("demo-retail").spend_12m, Fen::from_wan(300));
        assert_eq!(f("demo-small").spend_12m, Fen::from_wan(50));
        // The churn case is at risk.
        let c = data.customers.iter().find(|c| c.id == "demo-c01").unwrap();
        let s = crate::domain::churn::signals(
            c,
            &data.followups,
            None,
            &TieringSettings::default(),
            today(),
        );
        assert_eq!(
            crate::domain::churn::Health::of(&s),
            crate::domain::churn::Health::AtRisk
        );
    }

    #[test]
    fn the_pipeline_shows_a_realistic_mix_of_late_stages() {
        use crate::domain::time_node::late_node;
        let data = generate(DemoLang::Zh, today());
        let late = |c: &Customer| {
            let mine: Vec<&FollowUp> = data
                .followups
                .iter()
                .filter(|f| f.customer_id == c.id)
                .collect();
            late_node(c, &mine, today())
        };
        let flagged: Vec<&str> = data
            .customers
            .iter()
            .filter(|c| late(c).is_some())
            .map(|c| c.id.as_str())
            .collect();
        let n = data.customers.len();
        assert!(
            !flagged.is_empty() && flagged.len() * 3 < n,
            "{} of {n} late: {flagged:?}",
            flagged.len()
        );
        // The seeds' well-kept customers are not late; the churned without a plan are.
        for id in [
            "demo-tech",
            "demo-yy",
            "demo-zz",
            "demo-aa",
            "demo-auto",
            "demo-c01",
            "demo-c07",
        ] {
            assert!(!flagged.contains(&id), "{id} is late");
        }
        // A mix: a missed quarterly review besides the churns without a plan.
        let stages: Vec<Stage> = data
            .customers
            .iter()
            .filter_map(late)
            .map(|n| n.stage)
            .collect();
        assert!(stages.contains(&Stage::Mature) && stages.contains(&Stage::Churned));
        let lost = data.customers.iter().find(|c| c.id == "demo-c10").unwrap();
        let node = late(lost).expect("a churn without analysis or plan is late");
        assert_eq!(node.due, add_months(add_months(today(), -9), 1));
    }

    #[test]
    fn every_dashboard_figure_has_data_in_the_demo() {
        use crate::domain::kpi::{dashboard, Measure, Period, Targets};
        let data = generate(DemoLang::Zh, today());
        let period = Period::last_12_months(today());
        let settings = &data.settings;
        let d = dashboard(
            &data.customers,
            &data.followups,
            &settings.cadence,
            &settings.tiering,
            &Targets::default(),
            &period,
            today(),
        );
        for (name, f) in [
            ("churn", d.churn),
            ("csat", d.csat),
            ("nps", d.nps),
            ("satisfaction yoy", d.satisfaction_yoy),
            ("repeat", d.repeat_purchase),
            ("callback important", d.callback_important),
            ("callback general", d.callback_general),
            ("callback new", d.callback_new),
            ("new points", d.new_points),
            ("value added", d.value_added),
        ] {
            assert!(
                matches!(f.measure, Measure::Value(_)),
                "{name}: {:?}",
                f.measure
            );
        }
        assert_eq!(d.months.len(), 12);
        let months_with = |pick: fn(&crate::domain::kpi::MonthPoint) -> Measure| {
            d.months
                .iter()
                .filter(|m| matches!(pick(m), Measure::Value(_)))
                .count()
        };
        assert!(months_with(|m| m.csat) >= 10);
        assert!(months_with(|m| m.callback_pct) >= 11);
        assert!(d
            .months
            .iter()
            .any(|m| m.churn_pct.value().is_some_and(|v| v.0 > 0)));
        assert!(
            d.tiers_now.by_tier.iter().all(|n| *n > 0),
            "{:?}",
            d.tiers_now
        );
        assert!(d.at_risk >= 1 && d.at_risk <= 6, "at risk: {}", d.at_risk);
        // The tiers at the last review are there to compare with.
        let (review, before) = d.tiers_at_review.expect("a review to compare with");
        assert_eq!(review, today() - days(77));
        assert!(before.by_tier.iter().sum::<u32>() >= 30, "{before:?}");
    }
}
