//! A customer's tier state: the tier, how it got there, and what is pending. Stored with the
//! customer; the rules that move it live in `tiering::review`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::money::Fen;
use crate::domain::stable::stable_enum;

stable_enum! {
    /// A tier. Presets name them in their own words (001's A is 核心客户, 003's A is 重要客户).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Tier {
        A = "A",
        B = "B",
        C = "C",
        D = "D",
    }
}

stable_enum! {
    /// Which preset a data set tiers by.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum PresetId {
        /// 000: ABC analysis by contribution (Pareto).
        AbcPareto,
        /// 000: value × potential, four quadrants.
        ValuePotential,
        /// 001: ABCD by spend, tenure and strategy.
        #[default]
        Abcd001,
        /// 002: ABCD where D is 流失预警 (churn warning).
        Abcd002,
        /// 003: three classes, amounts in 元.
        Classes003,
    }
}

/// A customer's tier and how it got there. Stored with the customer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierState {
    /// The preset `current` was decided by; another preset starts afresh.
    pub preset: Option<PresetId>,
    pub current: Option<Tier>,
    #[serde(
        default,
        deserialize_with = "crate::domain::calendar::deserialize_opt_date"
    )]
    pub since: Option<NaiveDate>,
    /// A different result the rules have shown since `since` of the proposal.
    pub pending: Option<Proposal>,
    /// A proposal the user turned down; not proposed again during its observation period.
    pub rejected: Option<Proposal>,
    pub manual: Option<ManualTier>,
    pub raised: Option<TemporaryRaise>,
    pub history: Vec<TierChange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Proposal {
    pub tier: Tier,
    #[serde(deserialize_with = "crate::domain::calendar::deserialize_date")]
    pub since: NaiveDate,
}

/// A tier set by hand: always with a reason, optionally until a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualTier {
    pub tier: Tier,
    pub reason: String,
    #[serde(
        default,
        deserialize_with = "crate::domain::calendar::deserialize_opt_date"
    )]
    pub until: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::domain::calendar::deserialize_date")]
    pub set_on: NaiveDate,
}

/// 000: "a C customer with a sudden large need is temporarily upgraded to B".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryRaise {
    pub tier: Tier,
    #[serde(deserialize_with = "crate::domain::calendar::deserialize_date")]
    pub until: NaiveDate,
    /// The order that triggered it and the earlier average it was compared with.
    pub order: Fen,
    pub average: Fen,
}

stable_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum ChangeCause {
        /// First tier under a preset.
        Initial,
        /// The user confirmed a proposal (in the review or on the profile).
        Confirmed,
        /// The proposal held through the observation period.
        ObservationPassed,
        Manual,
        ManualEnded,
        RaisedForLargeOrder,
        RaiseEnded,
    }
}

/// One line of a customer's tier history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierChange {
    #[serde(deserialize_with = "crate::domain::calendar::deserialize_date")]
    pub date: NaiveDate,
    pub from: Option<Tier>,
    pub to: Tier,
    pub cause: ChangeCause,
    /// The reason given for a manual change.
    pub note: String,
}
