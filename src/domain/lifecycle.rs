//! The customer lifecycle (客户生命周期, METHOD.md §5, seed 004): five stages, each with its
//! statuses, key actions, outputs and time node; a late flag when the node passes with key
//! actions undone; and a dated history of every move.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::{add_months, working_days_after};
pub use crate::domain::records::{
    ActionDone, KeyAction, Lifecycle, Output, OutputNote, Stage, StageChange, StageStatus,
};

impl Stage {
    /// 004's statuses for the stage (状态评估), in the table's order.
    pub fn statuses(self) -> [StageStatus; 3] {
        use StageStatus::*;
        match self {
            Stage::Lead => [ToNurture, LowIntent, HighIntent],
            Stage::Nurturing => [ClearIntent, NeedsFollowUp, ToAbandon],
            Stage::Converted => [Signed, Implementing, Delivered],
            Stage::Mature => [Loyal, Stable, NeedsAttention],
            Stage::Churned => [Recovered, RecoveryFailed, Unrecoverable],
        }
    }

    /// The key actions (关键动作) of the stage, the checklist.
    pub fn actions(self) -> &'static [KeyAction] {
        use KeyAction::*;
        match self {
            Stage::Lead => &[Collect, Screen, File, FirstContact],
            Stage::Nurturing => &[NeedsSurvey, Proposal, Objections],
            Stage::Converted => &[Negotiate, Sign, Deliver, SatisfactionCheck],
            Stage::Mature => &[QuarterlyReview, ValueAddedService, CrossSell, Nps],
            Stage::Churned => &[ReasonAnalysis, WinBackPlan, Owner, Review],
        }
    }

    /// The actions that must be done by the time node (the rest may come later).
    pub fn due_actions(self) -> &'static [KeyAction] {
        use KeyAction::*;
        match self {
            Stage::Lead => &[Screen, File],
            Stage::Nurturing => &[NeedsSurvey, Proposal],
            Stage::Converted => &[Sign],
            Stage::Mature => &[QuarterlyReview],
            Stage::Churned => &[ReasonAnalysis, WinBackPlan],
        }
    }

    /// The outputs (成果输出) the stage produces, as attachable notes or links.
    pub fn outputs(self) -> &'static [Output] {
        use Output::*;
        match self {
            Stage::Lead => &[LeadList],
            Stage::Nurturing => &[NeedsReport, Proposal],
            Stage::Converted => &[Contract, ImplementationPlan],
            Stage::Mature => &[VisitRecord, ServiceReport],
            Stage::Churned => &[ChurnAnalysis, WinBackPlan],
        }
    }

    /// The time node: by when the due actions must be done, counted from entering the stage.
    pub fn deadline(self, entered: NaiveDate) -> NaiveDate {
        match self {
            // 线索获取后1个工作日内
            Stage::Lead => working_days_after(entered, 1),
            // 接触后2周内
            Stage::Nurturing => entered + chrono::Duration::days(14),
            // 谈判后1周内签约
            Stage::Converted => entered + chrono::Duration::days(7),
            // 按季度
            Stage::Mature => add_months(entered, 3),
            // 流失后1个月内
            Stage::Churned => add_months(entered, 1),
        }
    }
}

impl Lifecycle {
    /// Moves to `to` (from `from`) today, with the stage's first status unless one is given.
    /// A churned customer has no status until its win-back has a result: the first one,
    /// 已挽回 (recovered), would say the opposite of what just happened.
    pub fn move_to(
        &mut self,
        from: Option<Stage>,
        to: Stage,
        status: Option<StageStatus>,
        today: NaiveDate,
    ) {
        let status = status.or_else(|| (to != Stage::Churned).then(|| to.statuses()[0]));
        if from != Some(to) {
            self.since = Some(today);
        }
        self.status = status;
        self.history.push(StageChange {
            date: today,
            from,
            to,
            status,
        });
    }

    pub fn is_done(&self, stage: Stage, action: KeyAction, since: Option<NaiveDate>) -> bool {
        self.actions
            .iter()
            .any(|a| a.stage == stage && a.action == action && since.is_none_or(|s| a.on >= s))
    }

    pub fn toggle(&mut self, stage: Stage, action: KeyAction, today: NaiveDate) {
        let before = self.actions.len();
        self.actions
            .retain(|a| !(a.stage == stage && a.action == action));
        if self.actions.len() == before {
            self.actions.push(ActionDone {
                stage,
                action,
                on: today,
            });
        }
    }

    /// Days in the current stage.
    pub fn days_in_stage(&self, today: NaiveDate) -> Option<i64> {
        self.since.map(|s| (today - s).num_days())
    }
}

/// Where a customer without a stage most likely is, from its orders: no deal yet is a lead,
/// a first deal within the year a converted customer, an older one mature.
pub fn inferred_stage(first_deal: Option<NaiveDate>, today: NaiveDate) -> Stage {
    match first_deal {
        None => Stage::Lead,
        Some(d) if add_months(d, 12) > today => Stage::Converted,
        Some(_) => Stage::Mature,
    }
}

/// Stage names a user changed for its industry (004: 阶段灵活调整); the meaning stays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageName {
    pub stage: Stage,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_stage_is_inferred_from_the_orders() {
        let today = d(2024, 6, 1);
        assert_eq!(inferred_stage(None, today), Stage::Lead);
        assert_eq!(inferred_stage(Some(d(2023, 6, 2)), today), Stage::Converted);
        assert_eq!(inferred_stage(Some(d(2023, 6, 1)), today), Stage::Mature);
    }

    #[test]
    fn each_stage_has_its_seed_time_node() {
        let friday = d(2024, 3, 8);
        assert_eq!(Stage::Lead.deadline(friday), d(2024, 3, 11)); // one working day
        assert_eq!(Stage::Nurturing.deadline(friday), d(2024, 3, 22));
        assert_eq!(Stage::Converted.deadline(friday), d(2024, 3, 15));
        assert_eq!(Stage::Mature.deadline(friday), d(2024, 6, 8));
        assert_eq!(Stage::Churned.deadline(d(2024, 1, 31)), d(2024, 2, 29));
    }

    #[test]
    fn moves_keep_a_history_and_reset_the_clock() {
        // When a node is late is time_node's work; here: the moves and the checklist.
        let mut l = Lifecycle::default();
        l.move_to(None, Stage::Lead, None, d(2024, 3, 8));
        assert_eq!(l.status, Some(StageStatus::ToNurture));
        l.toggle(Stage::Lead, KeyAction::Screen, d(2024, 3, 12));
        assert!(l.is_done(Stage::Lead, KeyAction::Screen, l.since));
        l.toggle(Stage::Lead, KeyAction::Screen, d(2024, 3, 12));
        assert!(!l.is_done(Stage::Lead, KeyAction::Screen, l.since));

        // Moving on resets the clock.
        l.move_to(Some(Stage::Lead), Stage::Nurturing, None, d(2024, 3, 12));
        assert_eq!(l.days_in_stage(d(2024, 3, 20)), Some(8));
        assert_eq!(l.history.len(), 2);

        // Churn has no result yet.
        let mut lost = Lifecycle::default();
        lost.move_to(Some(Stage::Mature), Stage::Churned, None, d(2024, 3, 12));
        assert_eq!(lost.status, None);
    }
}
