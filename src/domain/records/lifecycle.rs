//! Where a customer is in its lifecycle (004), as stored with it; the rules (time nodes,
//! statuses, inference) live in `lifecycle`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::stable::stable_enum;

stable_enum! {
    /// 004's five stages. Seed 003's three (导入 introduction, 成长 growth, 成熟 mature) map onto
    /// them: lead and nurturing are introduction, converted is growth, mature is mature.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Stage {
        /// 潜在客户
        Lead,
        /// 意向客户
        Nurturing,
        /// 成交客户
        Converted,
        /// 成熟客户
        Mature,
        /// 流失客户
        Churned,
    }
}

stable_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum StageStatus {
        /// 待培育
        ToNurture,
        /// 低意向
        LowIntent,
        /// 高意向
        HighIntent,
        /// 意向明确
        ClearIntent,
        /// 需跟进
        NeedsFollowUp,
        /// 待放弃
        ToAbandon,
        /// 已签约
        Signed,
        /// 实施中
        Implementing,
        /// 已交付
        Delivered,
        /// 高忠诚度
        Loyal,
        /// 稳定
        Stable,
        /// 需关注
        NeedsAttention,
        /// 已挽回
        Recovered,
        /// 挽回失败
        RecoveryFailed,
        /// 不可挽回
        Unrecoverable,
    }
}

stable_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum KeyAction {
        Collect,
        Screen,
        File,
        FirstContact,
        NeedsSurvey,
        Proposal,
        Objections,
        Negotiate,
        Sign,
        Deliver,
        SatisfactionCheck,
        QuarterlyReview,
        ValueAddedService,
        CrossSell,
        Nps,
        ReasonAnalysis,
        WinBackPlan,
        Owner,
        Review,
    }
}

stable_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Output {
        LeadList,
        NeedsReport,
        Proposal,
        Contract,
        ImplementationPlan,
        VisitRecord,
        ServiceReport,
        ChurnAnalysis,
        WinBackPlan,
    }
}

/// A key action checked off, on a date.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActionDone {
    pub stage: Stage,
    pub action: KeyAction,
    #[serde(deserialize_with = "crate::domain::calendar::deserialize_date")]
    pub on: NaiveDate,
}

/// A stage output: a note or a link.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OutputNote {
    pub stage: Stage,
    pub output: Output,
    pub text: String,
    #[serde(deserialize_with = "crate::domain::calendar::deserialize_date")]
    pub on: NaiveDate,
}

/// A move between stages (or statuses).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StageChange {
    #[serde(deserialize_with = "crate::domain::calendar::deserialize_date")]
    pub date: NaiveDate,
    pub from: Option<Stage>,
    pub to: Stage,
    pub status: Option<StageStatus>,
}

/// Where a customer is in its lifecycle, and how it got there. Stored with the customer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Lifecycle {
    pub status: Option<StageStatus>,
    /// When the current stage was entered.
    #[serde(
        default,
        deserialize_with = "crate::domain::calendar::deserialize_opt_date"
    )]
    pub since: Option<NaiveDate>,
    pub history: Vec<StageChange>,
    pub actions: Vec<ActionDone>,
    pub outputs: Vec<OutputNote>,
}
