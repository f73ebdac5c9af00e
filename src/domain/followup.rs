//! A follow-up record (跟进记录, METHOD.md §4): a real touch with a customer. Logging one is
//! what resets a cadence clock; planned items never do.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::cadence::TouchKind;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUp {
    pub id: String,
    pub customer_id: String,
    pub date: Option<NaiveDate>,
    pub kind: TouchKind,
    /// 1–2 topics (000: 单次沟通聚焦1-2个核心主题).
    pub topics: Vec<String>,
    pub note: String,
    pub owner: String,
    /// The planned item this touch carried out, if it came from one.
    pub plan_id: Option<String>,
}

impl Default for FollowUp {
    fn default() -> Self {
        FollowUp {
            id: String::new(),
            customer_id: String::new(),
            date: None,
            kind: TouchKind::Call,
            topics: Vec::new(),
            note: String::new(),
            owner: String::new(),
            plan_id: None,
        }
    }
}

/// A touch planned for an exact date (年/月/日): an edited item of the year plan, a snoozed due
/// touch, or a follow-up's next step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanItem {
    pub id: String,
    pub customer_id: String,
    pub date: NaiveDate,
    pub kind: TouchKind,
    pub topics: Vec<String>,
    pub owner: String,
    pub note: String,
    /// For an edited item of the generated plan: which generated item it replaces.
    pub replaces: Option<String>,
    /// For a snooze: the date it was due before, and why it moved.
    pub snoozed_from: Option<NaiveDate>,
    pub snooze_reason: String,
    /// Removed from the plan on purpose (a generated item the user deleted).
    pub cancelled: bool,
}

impl Default for PlanItem {
    fn default() -> Self {
        PlanItem {
            id: String::new(),
            customer_id: String::new(),
            date: NaiveDate::default(),
            kind: TouchKind::Call,
            topics: Vec::new(),
            owner: String::new(),
            note: String::new(),
            replaces: None,
            snoozed_from: None,
            snooze_reason: String::new(),
            cancelled: false,
        }
    }
}
