//! The seeds' contact cadences (联系周期, METHOD.md §3) as data: per tier, which kinds of touch
//! are due and how often.

use serde::{Deserialize, Serialize};

use super::TouchKind;
use crate::domain::stable::stable_enum;
use crate::domain::tiering::{PresetId, Tier};

/// How often a touch recurs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    Days(u32),
    Months(u32),
}

impl Interval {
    /// The date one interval after `from` (months clamp to the month's end).
    pub fn after(self, from: chrono::NaiveDate) -> chrono::NaiveDate {
        match self {
            Interval::Days(d) => from + chrono::Duration::days(d as i64),
            Interval::Months(m) => crate::domain::calendar::add_months(from, m as i32),
        }
    }

    /// Approximate length in days, for "late by more than half an interval".
    pub fn days(self) -> i64 {
        match self {
            Interval::Days(d) => d as i64,
            Interval::Months(m) => (m as i64 * 365) / 12,
        }
    }

    /// Half as long (000: contact a paused A customer more often).
    pub fn halved(self) -> Interval {
        match self {
            Interval::Days(d) => Interval::Days((d / 2).max(1)),
            Interval::Months(1) => Interval::Days(15),
            Interval::Months(m) if m % 2 == 0 => Interval::Months(m / 2),
            Interval::Months(m) => Interval::Days((Interval::Months(m).days() / 2) as u32),
        }
    }
}

/// One recurring touch of a tier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchRule {
    pub kind: TouchKind,
    pub every: Interval,
    /// Only for this many days after entering the tier (002: D twice a week for one month).
    pub for_days: Option<u32>,
}

stable_enum! {
    /// The service level a tier is promised (001); shown, not scheduled.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Response {
        /// 7×24.
        AroundTheClock,
        /// Within 4 hours on workdays.
        FourHoursWorkdays,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierCadence {
    pub tier: Tier,
    pub touches: Vec<TouchRule>,
    pub response: Option<Response>,
}

stable_enum! {
    /// Which seed's cadence table.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum PolicyId {
        P000,
        P001,
        P002,
        P003,
    }
}

impl PolicyId {
    /// The cadence that goes with a tiering preset.
    pub fn for_preset(preset: PresetId) -> PolicyId {
        match preset {
            PresetId::AbcPareto | PresetId::ValuePotential => PolicyId::P000,
            PresetId::Abcd001 => PolicyId::P001,
            PresetId::Abcd002 => PolicyId::P002,
            PresetId::Classes003 => PolicyId::P003,
        }
    }
}

fn touch(kind: TouchKind, every: Interval) -> TouchRule {
    TouchRule {
        kind,
        every,
        for_days: None,
    }
}

fn tier(tier: Tier, touches: Vec<TouchRule>, response: Option<Response>) -> TierCadence {
    TierCadence {
        tier,
        touches,
        response,
    }
}

use Interval::{Days, Months};
use TouchKind::*;

/// The seed's table for a policy. Every policy covers A–D, so any tiering preset can be
/// combined with any cadence.
pub fn default_policy(id: PolicyId) -> Vec<TierCadence> {
    match id {
        // 000: A at least monthly, B quarterly, C every six months (D as C).
        PolicyId::P000 => vec![
            tier(Tier::A, vec![touch(Contact, Months(1))], None),
            tier(Tier::B, vec![touch(Contact, Months(3))], None),
            tier(Tier::C, vec![touch(Contact, Months(6))], None),
            tier(Tier::D, vec![touch(Contact, Months(6))], None),
        ],
        // 001: A executive visit monthly + 2 calls a month, 7×24; B visit quarterly + 1 online
        // contact, 4 h on workdays; C a call every six months (+ holiday greetings, from the
        // important dates); D monthly needs survey with material.
        PolicyId::P001 => vec![
            tier(
                Tier::A,
                vec![touch(ExecutiveVisit, Months(1)), touch(Call, Days(15))],
                Some(Response::AroundTheClock),
            ),
            tier(
                Tier::B,
                vec![touch(Visit, Months(3)), touch(Online, Months(3))],
                Some(Response::FourHoursWorkdays),
            ),
            tier(Tier::C, vec![touch(Call, Months(6))], None),
            tier(Tier::D, vec![touch(NeedsSurvey, Months(1))], None),
        ],
        // 002: A weekly, B every two weeks, C a monthly automatic message and a manual call
        // each quarter, D (流失预警) twice a week for one month.
        PolicyId::P002 => vec![
            tier(Tier::A, vec![touch(Contact, Days(7))], None),
            tier(Tier::B, vec![touch(Contact, Days(14))], None),
            tier(
                Tier::C,
                vec![touch(Message, Months(1)), touch(Call, Months(3))],
                None,
            ),
            tier(
                Tier::D,
                vec![TouchRule {
                    kind: Call,
                    every: Days(3),
                    for_days: Some(30),
                }],
                None,
            ),
        ],
        // 003: important — call monthly, visit quarterly, executive visit every six months;
        // general — call every two months, visit every six months; new customers follow the
        // new-customer steps (call in 1 week, in 1 month, visit in 3 months), then a call every
        // two months.
        PolicyId::P003 => vec![
            tier(
                Tier::A,
                vec![
                    touch(Call, Months(1)),
                    touch(Visit, Months(3)),
                    touch(ExecutiveVisit, Months(6)),
                ],
                None,
            ),
            tier(
                Tier::B,
                vec![touch(Call, Months(2)), touch(Visit, Months(6))],
                None,
            ),
            tier(Tier::C, vec![touch(Call, Months(2))], None),
            tier(Tier::D, vec![touch(Call, Months(2))], None),
        ],
    }
}
