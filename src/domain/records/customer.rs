//! The customer profile (客户档案, METHOD.md §1; seeds 001, 002, 004).
//!
//! Every field but the name is optional, so a profile can start as a lead's name and grow.
//! Fields added in later versions carry `#[serde(default)]`, so records written by an older
//! app (and older backups) still read.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Lifecycle, Sealed, SignalKind, Stage, TierState, WinBackCase};
use crate::domain::calendar;
use crate::domain::money::Fen;
use crate::domain::stable::stable_enum;

/// One customer and everything kept inside its profile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Customer {
    /// Stable identifier, unique across devices so merged backups never collide.
    pub id: String,
    pub name: String,
    pub industry: String,
    pub size: Option<CompanySize>,
    /// Where the customer came from (展会, 官网, 转介绍 …).
    pub lead_source: String,
    /// 负责人: who looks after this customer.
    pub owner: String,
    /// The customer who referred this one, if any (KPI: referrals ≥ 30 % of new customers).
    pub referred_by: String,
    pub contacts: Vec<Contact>,
    pub strategy: Strategy,
    pub orders: Vec<Order>,
    pub tags: Vec<Tag>,
    /// Months (1–12) of the customer's busy season (行业旺季), for a reminder before it.
    pub peak_months: Vec<u32>,
    pub satisfaction: Vec<SatisfactionEntry>,
    pub remarks: Vec<Remark>,
    /// Where the customer is in its lifecycle (004); 003's tiering reads it.
    pub stage: Option<Stage>,
    /// Status, time node, checklist, outputs and history of the lifecycle stage.
    pub lifecycle: Lifecycle,
    /// Win-back cases (挽回), oldest first.
    pub winback: Vec<WinBackCase>,
    /// Churn signals the user has seen and answered (win-back started or dismissed).
    pub signals_seen: Vec<SignalKind>,
    /// The customer's tier and how it got there (observation, overrides, history). Changed
    /// only through tiering, never by saving the profile form.
    pub tiering: TierState,
    /// When the profile's facts were last confirmed with the customer (002: every 6 months).
    #[serde(deserialize_with = "calendar::deserialize_opt_date")]
    pub verified_on: Option<NaiveDate>,
    /// When the profile was created (a lead's "entered" date).
    #[serde(deserialize_with = "calendar::deserialize_opt_date")]
    pub created_on: Option<NaiveDate>,
    /// Bumped on every save; a save based on an older revision is refused, so two tabs can
    /// never silently overwrite each other's edits.
    pub revision: u64,
    /// Milliseconds since the epoch of the last save (merge: "keep newer").
    pub updated_at: i64,
    /// With encryption at rest on: the sensitive fields, encrypted (`envelope::Secrets`);
    /// the plain ones are then empty. Only in the database and in a tab that has not
    /// unlocked: an unlocked tab holds the plain fields, and a backup never has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sealed: Option<Sealed>,
}

stable_enum! {
    /// 企业规模.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum CompanySize {
        Micro,
        Small,
        Medium,
        Large,
    }
}

/// A person at the customer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub name: String,
    pub title: String,
    pub role: Option<DecisionRole>,
    pub channel: Option<Channel>,
    pub preferred_time: Option<PreferredTime>,
    pub phone: String,
    pub email: String,
    pub wechat: String,
    /// Month and day; the year is often unknown and never needed for a greeting.
    pub birthday: Option<MonthDay>,
}

stable_enum! {
    /// 决策链角色.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum DecisionRole {
        /// 决策者
        DecisionMaker,
        /// 影响者
        Influencer,
        /// 使用者
        User,
    }
}

stable_enum! {
    /// Preferred contact channel.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Channel {
        Phone,
        Wechat,
        Email,
        Visit,
    }
}

stable_enum! {
    /// 时间偏好 (002: 工作日上午/下午).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum PreferredTime {
        WeekdayMorning,
        WeekdayAfternoon,
    }
}

/// A day of the year without a year (birthdays).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// Valid when some year has that day (29 Feb included).
    pub fn new(month: u32, day: u32) -> Option<MonthDay> {
        NaiveDate::from_ymd_opt(2024, month, day).map(|_| MonthDay { month, day })
    }
}

/// The strategy inputs the tiering presets read (001's strategy and risk dimensions, 002's
/// benchmark and growth potential).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Strategy {
    /// 行业龙头 / 标杆.
    pub industry_leader: bool,
    pub brand_influence: Option<Level>,
    /// Expected cooperation growth over the next year, in percent (002: ≥ 30 % → A).
    pub growth_potential_pct: Option<i32>,
    /// 战略匹配度: free text.
    pub strategic_fit: String,
    pub credit: Option<CreditStatus>,
    /// The customer is talking to a competitor (churn signal, 000).
    pub competitor_contact: bool,
}

stable_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Level {
        Low,
        Medium,
        High,
    }
}

stable_enum! {
    /// 信用 / 付款状况.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum CreditStatus {
        Good,
        /// Late payments seen: watch.
        Late,
        /// Payment anomaly (churn signal).
        Overdue,
    }
}

/// A deal: the source of spend, tenure and order frequency.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Order {
    pub id: String,
    #[serde(deserialize_with = "calendar::deserialize_opt_date")]
    pub date: Option<NaiveDate>,
    /// Exact, in 分.
    pub amount_fen: Fen,
    /// Product or service bought.
    pub product: String,
}

stable_enum! {
    /// Tags: the seeds' fixed tags plus the user's own.
    #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(tag = "kind", content = "text")]
    pub enum Tag {
        /// 战略客户
        Strategic,
        /// 高流失风险
        HighChurnRisk,
        /// 高潜力
        HighPotential,
        /// 价格敏感
        PriceSensitive,
        /// 需求: 降本
        NeedCost,
        /// 需求: 增效
        NeedEfficiency,
        /// 需求: 品质
        NeedQuality,
        /// 痛点 (交付慢, 服务响应慢 …)
        PainPoint(String),
        /// Anything else the user tags with.
        Free(String),
    }
}

impl Tag {
    /// The seeds' fixed tags, in the order the form offers them.
    pub const SEED: [Tag; 7] = [
        Tag::Strategic,
        Tag::HighChurnRisk,
        Tag::HighPotential,
        Tag::PriceSensitive,
        Tag::NeedCost,
        Tag::NeedEfficiency,
        Tag::NeedQuality,
    ];
}

stable_enum! {
    /// What kind of satisfaction measure an entry is; each has its own scale.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum SatisfactionKind {
        /// CSAT on a 0–100 scale (target ≥ 85, 002).
        Csat,
        /// Feedback score 0–10 (002: ≤ 3 is a churn warning).
        Feedback,
        /// NPS answer 0–10 ("how likely are you to recommend us").
        Nps,
    }
}

impl SatisfactionKind {
    /// The highest score the scale allows.
    pub fn max_score(self) -> u32 {
        match self {
            SatisfactionKind::Csat => 100,
            SatisfactionKind::Feedback | SatisfactionKind::Nps => 10,
        }
    }
}

/// A dated satisfaction measurement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SatisfactionEntry {
    pub id: String,
    #[serde(deserialize_with = "calendar::deserialize_opt_date")]
    pub date: Option<NaiveDate>,
    pub kind: Option<SatisfactionKind>,
    pub score: u32,
    pub note: String,
    /// The follow-up this score came from, when it came from one.
    pub followup_id: Option<String>,
}

/// A complaint or a suggestion, dated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Remark {
    pub id: String,
    #[serde(deserialize_with = "calendar::deserialize_opt_date")]
    pub date: Option<NaiveDate>,
    pub kind: Option<RemarkKind>,
    pub text: String,
}

stable_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum RemarkKind {
        Complaint,
        Suggestion,
    }
}

impl Customer {
    /// The date of the first deal, which starts tenure (合作时长) and the anniversary.
    pub fn first_deal(&self) -> Option<NaiveDate> {
        self.orders.iter().filter_map(|o| o.date).min()
    }

    pub fn last_order(&self) -> Option<NaiveDate> {
        self.orders.iter().filter_map(|o| o.date).max()
    }

    pub fn has_tag(&self, tag: &Tag) -> bool {
        self.tags.contains(tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_written_with_only_a_name_still_reads() {
        // What schema 1 (and a minimal backup) holds.
        let c: Customer = serde_json::from_str(r#"{"id":"c-1","name":"科技公司"}"#).unwrap();
        assert_eq!(c.name, "科技公司");
        assert!(c.orders.is_empty());
        assert_eq!(c.revision, 0);
    }

    #[test]
    fn tags_serialize_as_tagged_objects() {
        let json =
            serde_json::to_string(&vec![Tag::Strategic, Tag::PainPoint("交付慢".into())]).unwrap();
        assert_eq!(
            json,
            r#"[{"kind":"strategic"},{"kind":"pain_point","text":"交付慢"}]"#
        );
    }

    #[test]
    fn birthdays_exist_only_on_real_days() {
        assert!(MonthDay::new(2, 29).is_some());
        assert!(MonthDay::new(2, 30).is_none());
        assert!(MonthDay::new(13, 1).is_none());
    }
}
