//! A win-back case (挽回), as stored with a churned customer; its rules live in `winback`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::stable::stable_enum;

stable_enum! {
    #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(tag = "kind", content = "text")]
    pub enum Reason {
        /// 服务质量
        Service,
        /// 产品竞争力
        Product,
        /// 价格
        Price,
        Other(String),
    }
}

stable_enum! {
    #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(tag = "kind", content = "text")]
    pub enum PlanAction {
        /// 价格优惠
        Discount,
        /// 服务升级
        ServiceUpgrade,
        /// 问题专项解决
        SpecificFix(String),
        /// 高层道歉沟通 (serious cases)
        ExecutiveApology,
    }
}

stable_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Outcome {
        /// 已挽回
        Recovered,
        /// 挽回失败
        Failed,
        /// 不可挽回
        Unrecoverable,
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct WinBackCase {
    pub id: String,
    #[serde(
        default,
        deserialize_with = "crate::domain::calendar::deserialize_opt_date"
    )]
    pub opened_on: Option<NaiveDate>,
    pub reasons: Vec<Reason>,
    pub recoverable: Option<bool>,
    pub actions: Vec<PlanAction>,
    /// 专人跟进: the named owner.
    pub owner: String,
    pub outcome: Option<Outcome>,
    #[serde(
        default,
        deserialize_with = "crate::domain::calendar::deserialize_opt_date"
    )]
    pub closed_on: Option<NaiveDate>,
    /// 结果复盘: written whatever the outcome.
    pub review: String,
}
