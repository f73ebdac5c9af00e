//! Win-back (挽回, METHOD.md §6, seeds 002 and 004): a case per churned or at-risk customer —
//! reasons, recoverable or not, a plan, a named owner, follow-ups linked to it, and the result
//! with a review note recorded either way (004: 无论挽回成功与否，均需记录分析结果).

use chrono::NaiveDate;

use super::lifecycle::StageStatus;
pub use crate::domain::records::{Outcome, PlanAction, Reason, WinBackCase};

impl Outcome {
    /// The churned stage's status that records it (004's table).
    pub fn stage_status(self) -> StageStatus {
        match self {
            Outcome::Recovered => StageStatus::Recovered,
            Outcome::Failed => StageStatus::RecoveryFailed,
            Outcome::Unrecoverable => StageStatus::Unrecoverable,
        }
    }
}

/// Why a case cannot be closed yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseError {
    /// 004: record and analyse the result either way.
    ReviewRequired,
    /// A named owner is part of the plan (专人跟进).
    OwnerRequired,
}

impl WinBackCase {
    pub fn is_open(&self) -> bool {
        self.outcome.is_none()
    }

    /// Days the case is kept under the win-back cadence (002: twice a week for one month).
    pub const CADENCE_DAYS: i64 = 30;

    /// Closes the case with its outcome and review.
    pub fn close(
        &mut self,
        outcome: Outcome,
        review: &str,
        today: NaiveDate,
    ) -> Result<(), CloseError> {
        if self.owner.trim().is_empty() {
            return Err(CloseError::OwnerRequired);
        }
        if review.trim().is_empty() {
            return Err(CloseError::ReviewRequired);
        }
        self.outcome = Some(outcome);
        self.review = review.trim().to_string();
        self.closed_on = Some(today);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_closes_only_with_an_owner_and_a_review_and_records_the_result() {
        let today = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        let mut case = WinBackCase {
            id: "w".into(),
            reasons: vec![Reason::Price, Reason::Other("交付慢".into())],
            ..WinBackCase::default()
        };
        assert_eq!(
            case.close(Outcome::Recovered, "ok", today),
            Err(CloseError::OwnerRequired)
        );
        case.owner = "销售总监".into();
        assert_eq!(
            case.close(Outcome::Recovered, " ", today),
            Err(CloseError::ReviewRequired)
        );
        assert!(case.is_open());
        case.close(Outcome::Recovered, "降价 5% 后恢复下单", today)
            .unwrap();
        assert!(!case.is_open());
        assert_eq!(case.outcome.unwrap().stage_status(), StageStatus::Recovered);
        assert_eq!(
            serde_json::to_string(&case.reasons).unwrap(),
            r#"[{"kind":"price"},{"kind":"other","text":"交付慢"}]"#
        );
    }
}
