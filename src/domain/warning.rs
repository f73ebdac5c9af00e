//! The churn warning's thresholds (流失预警, METHOD.md §3 and §6; seeds 002 and 004), one table
//! read by both places that apply them: the churn signals (`churn`) and preset 002's D rule
//! (`tiering::presets`). A leaf: it imports nothing, so both can.

/// The figures a churn warning is raised at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WarningThresholds {
    /// 002 D: spend in the last 3 months down by at least this much (percent) against the
    /// 3 months before.
    pub spend_drop_pct: i64,
    /// 002 D: the latest feedback score (of 10) at or below this.
    pub low_feedback: u32,
    /// 004: an NPS answer (of 10) at or below this is a detractor.
    pub nps_detractor: u32,
    /// Contact falling and complaints rising compare this many days with as many before.
    pub window_days: i64,
}

/// The thresholds in force (the seeds give one set; no setting changes them yet).
pub const WARNING: WarningThresholds = WarningThresholds {
    spend_drop_pct: 50,
    low_feedback: 3,
    nps_detractor: 6,
    window_days: 90,
};
