//! A follow-up record (跟进记录, METHOD.md §4): a real touch with a customer. Logging one is
//! what resets a cadence clock; planned items never do.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::TouchKind;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUp {
    pub id: String,
    pub customer_id: String,
    #[serde(
        default,
        deserialize_with = "crate::domain::calendar::deserialize_opt_date"
    )]
    pub date: Option<NaiveDate>,
    /// "HH:MM", when known.
    pub time: String,
    /// The channel: phone, video, visit, message, event … (what the cadence counts).
    pub kind: TouchKind,
    /// 1–2 topics (000: 单次沟通聚焦1-2个核心主题).
    pub topics: Vec<String>,
    /// What was said.
    pub note: String,
    /// The customer's feedback, in its words.
    pub feedback: String,
    /// Satisfaction 0–10 given in this contact; becomes a dated satisfaction entry.
    pub score: Option<u32>,
    /// 需求挖掘点: needs discovered (002: every A-customer report lists them).
    pub needs: Vec<String>,
    /// The next step, on an exact date: becomes a planned touch.
    pub next_step: Option<NextStep>,
    /// A value-added service (training, salon, resources …), for the participation KPI (003).
    pub value_added: bool,
    pub owner: String,
    /// The planned item this touch carried out, if it came from one.
    pub plan_id: Option<String>,
    /// The win-back case this contact belongs to.
    pub case_id: Option<String>,
}

/// What comes next, decided in the contact.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NextStep {
    #[serde(deserialize_with = "crate::domain::calendar::deserialize_date")]
    pub date: NaiveDate,
    pub kind: TouchKind,
    #[serde(default)]
    pub topics: Vec<String>,
}

/// A to-do from a follow-up (闭环: every one is closed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Todo {
    pub id: String,
    pub followup_id: String,
    pub customer_id: String,
    /// Empty for the automatic reminder to update the profile.
    pub text: String,
    pub owner: String,
    #[serde(
        default,
        deserialize_with = "crate::domain::calendar::deserialize_opt_date"
    )]
    pub due_on: Option<NaiveDate>,
    #[serde(
        default,
        deserialize_with = "crate::domain::calendar::deserialize_opt_date"
    )]
    pub done_on: Option<NaiveDate>,
    /// What came of it, written when it is closed.
    pub result: String,
    /// 002: update the profile within one working day of each follow-up.
    pub profile_update: bool,
}

impl Default for FollowUp {
    fn default() -> Self {
        FollowUp {
            id: String::new(),
            customer_id: String::new(),
            date: None,
            time: String::new(),
            kind: TouchKind::Call,
            topics: Vec::new(),
            note: String::new(),
            feedback: String::new(),
            score: None,
            needs: Vec::new(),
            next_step: None,
            value_added: false,
            owner: String::new(),
            plan_id: None,
            case_id: None,
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
    #[serde(deserialize_with = "crate::domain::calendar::deserialize_date")]
    pub date: NaiveDate,
    pub kind: TouchKind,
    pub topics: Vec<String>,
    pub owner: String,
    pub note: String,
    /// For an edited item of the generated plan: which generated item it replaces.
    pub replaces: Option<String>,
    /// For a snooze: the date it was due before, and why it moved.
    #[serde(
        default,
        deserialize_with = "crate::domain::calendar::deserialize_opt_date"
    )]
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

/// A record that belongs to one customer.
pub trait OfCustomer {
    fn customer_id(&self) -> &str;
}

impl OfCustomer for FollowUp {
    fn customer_id(&self) -> &str {
        &self.customer_id
    }
}

impl OfCustomer for PlanItem {
    fn customer_id(&self) -> &str {
        &self.customer_id
    }
}

impl OfCustomer for Todo {
    fn customer_id(&self) -> &str {
        &self.customer_id
    }
}

/// Records grouped by customer, each group in the records' order: found once for a whole
/// portfolio, not scanned again for every customer (10,000 customers × 50,000 follow-ups).
pub fn by_customer<T: OfCustomer>(records: &[T]) -> HashMap<&str, Vec<&T>> {
    let mut by: HashMap<&str, Vec<&T>> = HashMap::new();
    for r in records {
        by.entry(r.customer_id()).or_default().push(r);
    }
    by
}

/// One customer's group of `by_customer` (empty when it has none).
pub fn of_customer<'a, T>(by: &'a HashMap<&str, Vec<&'a T>>, customer_id: &str) -> &'a [&'a T] {
    by.get(customer_id).map_or(&[], Vec::as_slice)
}
