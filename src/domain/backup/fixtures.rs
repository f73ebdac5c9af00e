//! Customers the backup tests share: one with only a name, one with every field filled.

use chrono::NaiveDate;

use crate::domain::money::Fen;
use crate::domain::records::*;

pub(super) fn today() -> NaiveDate {
    date(2025, 6, 15)
}

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(super) fn empty_customer(id: &str, name: &str) -> Customer {
    Customer {
        id: id.into(),
        name: name.into(),
        ..Customer::default()
    }
}

/// Every field set, lists with several entries, every tag kind, Chinese text and emoji.
pub(super) fn maximal_customer() -> Customer {
    Customer {
        id: "c-max".into(),
        name: "科技公司 🚀".into(),
        industry: "制造业".into(),
        size: Some(CompanySize::Large),
        lead_source: "展会".into(),
        owner: "王经理".into(),
        referred_by: "c-empty".into(),
        contacts: vec![
            Contact {
                name: "张总".into(),
                title: "总经理".into(),
                role: Some(DecisionRole::DecisionMaker),
                channel: Some(Channel::Visit),
                preferred_time: Some(PreferredTime::WeekdayMorning),
                phone: "+86 138-0000 0000".into(),
                email: "zhang@example.cn".into(),
                wechat: "zhang_zong".into(),
                birthday: Some(MonthDay { month: 2, day: 29 }),
            },
            Contact {
                name: "李工".into(),
                title: "采购".into(),
                role: Some(DecisionRole::Influencer),
                channel: Some(Channel::Wechat),
                preferred_time: Some(PreferredTime::WeekdayAfternoon),
                birthday: Some(MonthDay { month: 12, day: 31 }),
                ..Contact::default()
            },
            Contact {
                name: "小陈 😀".into(),
                role: Some(DecisionRole::User),
                channel: Some(Channel::Email),
                ..Contact::default()
            },
        ],
        strategy: Strategy {
            industry_leader: true,
            brand_influence: Some(Level::High),
            growth_potential_pct: Some(-15),
            strategic_fit: "高：\"降本\" 与我们的方案一致".into(),
            credit: Some(CreditStatus::Late),
            competitor_contact: true,
        },
        orders: vec![
            Order {
                id: "o-1".into(),
                date: Some(date(2022, 5, 20)),
                amount_fen: Fen::from_wan(85),
                product: "设备 A 型".into(),
            },
            Order {
                id: "o-2".into(),
                date: Some(today()),
                amount_fen: Fen(1),
                product: "备件".into(),
            },
            Order {
                id: "o-3".into(),
                date: None,
                amount_fen: Fen::ZERO,
                product: String::new(),
            },
        ],
        tags: vec![
            Tag::Strategic,
            Tag::HighChurnRisk,
            Tag::HighPotential,
            Tag::PriceSensitive,
            Tag::NeedCost,
            Tag::NeedEfficiency,
            Tag::NeedQuality,
            Tag::PainPoint("交付慢".into()),
            Tag::Free("老客户 ⭐".into()),
        ],
        peak_months: vec![3, 11, 12],
        satisfaction: vec![
            SatisfactionEntry {
                id: "s-1".into(),
                date: Some(date(2025, 1, 10)),
                kind: Some(SatisfactionKind::Csat),
                score: 100,
                note: "很满意".into(),
                followup_id: Some("f-1".into()),
            },
            SatisfactionEntry {
                id: "s-2".into(),
                date: Some(date(2025, 2, 10)),
                kind: Some(SatisfactionKind::Feedback),
                score: 3,
                note: String::new(),
                followup_id: None,
            },
            SatisfactionEntry {
                id: "s-3".into(),
                date: Some(date(2025, 3, 10)),
                kind: Some(SatisfactionKind::Nps),
                score: 10,
                ..SatisfactionEntry::default()
            },
        ],
        remarks: vec![
            Remark {
                id: "r-1".into(),
                date: Some(date(2025, 4, 1)),
                kind: Some(RemarkKind::Complaint),
                text: "服务响应慢\n第二行".into(),
            },
            Remark {
                id: "r-2".into(),
                date: Some(date(2025, 5, 1)),
                kind: Some(RemarkKind::Suggestion),
                text: "希望有月度报告".into(),
            },
        ],
        stage: Some(crate::domain::lifecycle::Stage::Mature),
        lifecycle: {
            use crate::domain::lifecycle::*;
            Lifecycle {
                status: Some(StageStatus::Loyal),
                since: Some(date(2024, 1, 1)),
                history: vec![StageChange {
                    date: date(2024, 1, 1),
                    from: Some(Stage::Converted),
                    to: Stage::Mature,
                    status: Some(StageStatus::Loyal),
                }],
                actions: vec![ActionDone {
                    stage: Stage::Mature,
                    action: KeyAction::QuarterlyReview,
                    on: date(2024, 3, 1),
                }],
                outputs: vec![OutputNote {
                    stage: Stage::Mature,
                    output: Output::VisitRecord,
                    text: "https://example.org/回访记录 ✨".into(),
                    on: date(2024, 3, 1),
                }],
            }
        },
        winback: vec![{
            use crate::domain::winback::*;
            WinBackCase {
                id: "w-1".into(),
                opened_on: Some(date(2023, 6, 1)),
                reasons: vec![Reason::Service, Reason::Other("交付慢".into())],
                recoverable: Some(true),
                actions: vec![
                    PlanAction::Discount,
                    PlanAction::SpecificFix("专人驻场".into()),
                ],
                owner: "销售总监".into(),
                outcome: Some(Outcome::Recovered),
                closed_on: Some(date(2023, 7, 1)),
                review: "恢复季度返单".into(),
            }
        }],
        signals_seen: vec![crate::domain::churn::SignalKind::CompetitorContact],
        tiering: crate::domain::tiering::TierState {
            preset: Some(crate::domain::tiering::PresetId::Abcd001),
            current: Some(crate::domain::tiering::Tier::A),
            since: Some(date(2025, 1, 1)),
            history: vec![crate::domain::tiering::TierChange {
                date: date(2025, 1, 1),
                from: None,
                to: crate::domain::tiering::Tier::A,
                cause: crate::domain::tiering::review::ChangeCause::Initial,
                note: "首次分级".into(),
            }],
            ..Default::default()
        },
        verified_on: Some(date(2025, 6, 1)),
        created_on: Some(date(2020, 1, 1)),
        revision: 42,
        updated_at: 1_749_945_600_000,
        // Database-only (encryption at rest): never in a backup.
        sealed: None,
    }
}

/// A follow-up with every field set.
pub(super) fn followup() -> crate::domain::records::FollowUp {
    crate::domain::records::FollowUp {
        id: "f-1".into(),
        customer_id: "c-max".into(),
        date: Some(date(2025, 5, 2)),
        kind: crate::domain::cadence::TouchKind::Visit,
        topics: vec!["Q2 采购计划".into(), "新品试点 ✨".into()],
        note: "客户反馈良好，\n希望下月再约".into(),
        owner: "王经理".into(),
        plan_id: Some("p-1".into()),
        time: "09:30".into(),
        feedback: "对交付速度满意".into(),
        score: Some(9),
        needs: vec!["新能源产线扩建".into()],
        next_step: Some(crate::domain::records::NextStep {
            date: date(2025, 6, 3),
            kind: crate::domain::cadence::TouchKind::Online,
            topics: vec!["方案评审".into()],
        }),
        value_added: true,
        case_id: Some("w-1".into()),
    }
}

/// A planned touch with every field set.
pub(super) fn plan_item() -> crate::domain::records::PlanItem {
    crate::domain::records::PlanItem {
        id: "p-1".into(),
        customer_id: "c-max".into(),
        date: date(2025, 6, 3),
        kind: crate::domain::cadence::TouchKind::Online,
        topics: vec!["半年合作复盘".into()],
        owner: "王经理".into(),
        note: "视频会议".into(),
        replaces: Some("c-max:online:2025-06-01".into()),
        snoozed_from: Some(date(2025, 6, 1)),
        snooze_reason: "客户出差".into(),
        cancelled: false,
    }
}

/// A closed to-do with every field set.
pub(super) fn todo() -> crate::domain::records::Todo {
    crate::domain::records::Todo {
        id: "t-1".into(),
        followup_id: "f-1".into(),
        customer_id: "c-max".into(),
        text: "发送报价单".into(),
        owner: "王经理".into(),
        due_on: Some(date(2025, 5, 5)),
        done_on: Some(date(2025, 5, 4)),
        result: "已发送，客户确认".into(),
        profile_update: false,
    }
}
