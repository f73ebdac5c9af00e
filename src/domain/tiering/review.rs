//! From the tier the rules compute to the tier a customer has: a change is proposed, watched
//! for an observation period (观察期) and applied when the user confirms it or the period
//! passes with the same result; manual overrides need a reason; 000's dynamic adjustments
//! flag paused A customers and raise surging C customers for a while. Every change is kept.

use crate::domain::sorting;
use chrono::NaiveDate;

use super::{PresetId, Tier, TieringSettings};
use crate::domain::calendar::add_months;
use crate::domain::money::Fen;
use crate::domain::records::Customer;
pub use crate::domain::records::{
    ChangeCause, ManualTier, Proposal, TemporaryRaise, TierChange, TierState,
};

impl Proposal {
    /// The day a proposal left alone takes effect: its observation period (观察期) after it
    /// was first shown.
    pub fn applies_on(&self, observation_months: u32) -> NaiveDate {
        add_months(self.since, observation_months as i32)
    }
}

impl TierState {
    /// The tier the customer is treated as: a manual tier wins, then a temporary raise, then
    /// the current tier.
    pub fn effective(&self, today: NaiveDate) -> Option<Tier> {
        if let Some(m) = self
            .manual
            .as_ref()
            .filter(|m| m.until.is_none_or(|u| u >= today))
        {
            return Some(m.tier);
        }
        if let Some(r) = self.raised.filter(|r| r.until >= today) {
            return Some(r.tier);
        }
        self.current
    }

    fn record(
        &mut self,
        date: NaiveDate,
        from: Option<Tier>,
        to: Tier,
        cause: ChangeCause,
        note: &str,
    ) {
        self.history.push(TierChange {
            date,
            from,
            to,
            cause,
            note: note.to_string(),
        });
    }

    /// Brings the state up to date with what the rules compute today. Returns whether it
    /// changed (so only changed customers are written).
    pub fn advance(
        &mut self,
        computed: Tier,
        customer: &Customer,
        preset: PresetId,
        settings: &TieringSettings,
        today: NaiveDate,
    ) -> bool {
        let before = self.clone();
        let observation = settings.observation_months as i32;

        if let Some(m) = self.manual.clone() {
            if m.until.is_some_and(|u| u < today) {
                self.manual = None;
                let to = self.current.unwrap_or(computed);
                self.record(today, Some(m.tier), to, ChangeCause::ManualEnded, "");
            }
        }
        if let Some(r) = self.raised {
            if r.until < today {
                self.raised = None;
                let to = self.current.unwrap_or(computed);
                self.record(today, Some(r.tier), to, ChangeCause::RaiseEnded, "");
            }
        }

        if self.preset != Some(preset) || self.current.is_none() {
            let from = self.current.filter(|_| self.preset == Some(preset));
            *self = TierState {
                preset: Some(preset),
                current: Some(computed),
                since: Some(today),
                manual: self.manual.take(),
                history: std::mem::take(&mut self.history),
                ..TierState::default()
            };
            self.record(today, from, computed, ChangeCause::Initial, "");
        } else if Some(computed) == self.current {
            self.pending = None;
        } else {
            let quiet = self
                .rejected
                .is_some_and(|r| r.tier == computed && add_months(r.since, observation) > today);
            match self.pending {
                _ if quiet => self.pending = None,
                Some(p) if p.tier == computed => {
                    if p.applies_on(settings.observation_months) <= today {
                        self.apply(computed, today, ChangeCause::ObservationPassed);
                    }
                }
                _ => {
                    self.pending = Some(Proposal {
                        tier: computed,
                        since: today,
                    })
                }
            }
        }

        if let Some(raise) = surge(customer, self, preset, settings, today) {
            let from = self.effective(today);
            self.raised = Some(raise);
            self.record(
                today,
                from,
                raise.tier,
                ChangeCause::RaisedForLargeOrder,
                "",
            );
        }

        *self != before
    }

    fn apply(&mut self, tier: Tier, today: NaiveDate, cause: ChangeCause) {
        let from = self.current;
        self.current = Some(tier);
        self.since = Some(today);
        self.pending = None;
        self.rejected = None;
        self.record(today, from, tier, cause, "");
    }

    /// The user accepts the pending proposal.
    pub fn confirm(&mut self, today: NaiveDate) -> bool {
        match self.pending {
            Some(p) => {
                self.apply(p.tier, today, ChangeCause::Confirmed);
                true
            }
            None => false,
        }
    }

    /// The user turns the pending proposal down; the tier stays.
    pub fn reject(&mut self, today: NaiveDate) -> bool {
        match self.pending.take() {
            Some(p) => {
                self.rejected = Some(Proposal {
                    tier: p.tier,
                    since: today,
                });
                true
            }
            None => false,
        }
    }

    /// Sets a tier by hand. The reason is required (METHOD.md §2: 人工调整需说明原因).
    pub fn set_manual(
        &mut self,
        tier: Tier,
        reason: &str,
        until: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<(), ManualError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ManualError::ReasonRequired);
        }
        if until.is_some_and(|u| u < today) {
            return Err(ManualError::EndsInThePast);
        }
        let from = self.effective(today);
        self.manual = Some(ManualTier {
            tier,
            reason: reason.to_string(),
            until,
            set_on: today,
        });
        self.record(today, from, tier, ChangeCause::Manual, reason);
        Ok(())
    }

    pub fn clear_manual(&mut self, today: NaiveDate) -> bool {
        match self.manual.take() {
            Some(m) => {
                let to = self.current.unwrap_or(m.tier);
                self.record(today, Some(m.tier), to, ChangeCause::ManualEnded, "");
                true
            }
            None => false,
        }
    }
}

/// A user's decision on a tier. It is carried to the write and applied there to the state as
/// stored, so a move the rules stored meanwhile (a first tier, a proposal) is kept, not
/// overwritten by the state the page showed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TierDecision {
    Confirm,
    Reject,
    SetManual {
        tier: Tier,
        reason: String,
        until: Option<NaiveDate>,
    },
    ClearManual,
}

impl TierState {
    /// Applies `decision`; whether the state changed, or why a manual tier cannot be set.
    pub fn decide(
        &mut self,
        decision: &TierDecision,
        today: NaiveDate,
    ) -> Result<bool, ManualError> {
        match decision {
            TierDecision::Confirm => Ok(self.confirm(today)),
            TierDecision::Reject => Ok(self.reject(today)),
            TierDecision::SetManual {
                tier,
                reason,
                until,
            } => self.set_manual(*tier, reason, *until, today).map(|()| true),
            TierDecision::ClearManual => Ok(self.clear_manual(today)),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ManualError {
    ReasonRequired,
    EndsInThePast,
}

/// 000's surge: the latest order of a C customer is at least `surge_multiple` times the
/// average of its earlier orders, recently enough that the raise would still run.
fn surge(
    customer: &Customer,
    state: &TierState,
    preset: PresetId,
    settings: &TieringSettings,
    today: NaiveDate,
) -> Option<TemporaryRaise> {
    if state.current != Some(Tier::C) || state.raised.is_some() || state.manual.is_some() {
        return None;
    }
    // Only where B is the tier above C.
    if !preset.tiers().contains(&Tier::B) {
        return None;
    }
    let mut dated: Vec<(NaiveDate, Fen)> = customer
        .orders
        .iter()
        .filter_map(|o| o.date.map(|d| (d, o.amount_fen)))
        .filter(|(d, _)| *d <= today)
        .collect();
    sorting::sort(&mut dated);
    let (&(last_date, last), earlier) = dated.split_last()?;
    if earlier.is_empty() {
        return None;
    }
    let average = Fen(earlier.iter().map(|(_, a)| a.0).sum::<i64>() / earlier.len() as i64);
    let until = add_months(last_date, settings.raise_months as i32);
    let already = state
        .history
        .iter()
        .any(|h| h.cause == ChangeCause::RaisedForLargeOrder && h.date >= last_date);
    (average.0 > 0
        && last.0 >= average.0 * settings.surge_multiple as i64
        && until >= today
        && !already)
        .then_some(TemporaryRaise {
            tier: Tier::B,
            until,
            order: last,
            average,
        })
}

/// 000: an A customer with paused orders gets more frequent contact. Returns the days since
/// its last order when that is at least `pause_days`.
pub fn paused_a(
    customer: &Customer,
    effective: Option<Tier>,
    settings: &TieringSettings,
    today: NaiveDate,
) -> Option<i64> {
    if effective != Some(Tier::A) {
        return None;
    }
    let last = customer
        .orders
        .iter()
        .filter_map(|o| o.date)
        .filter(|d| *d <= today)
        .max()?;
    let days = (today - last).num_days();
    (days >= settings.pause_days as i64).then_some(days)
}
