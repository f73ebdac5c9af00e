//! Tier bookkeeping: each customer's stored tier state moves along with what the rules
//! compute (proposals, observation periods, raises ending), and only the states that moved
//! are written.

use leptos::prelude::*;

use super::{Status, Workspace};
use crate::domain::sorting;
use crate::domain::tiering::Tier;

impl Workspace {
    /// Moves each customer's tier state along with what the rules compute (proposals,
    /// observation periods, raises ending) and stores the states that changed.
    pub(super) fn keep_tiers_current(self) {
        Effect::new(move |_| {
            if self.status.get() != Status::Ready {
                return;
            }
            let today = self.today.get();
            let settings = self.settings.with(|s| s.tiering.clone());
            let tiers = self.tiers.get();
            // Which states move (on what this tab shows), then the move again on each as stored.
            // By id, sorted (smaller in wasm than a map).
            let mut changed: Vec<(String, Tier)> = self.customers.with(|cs| {
                cs.iter()
                    .filter_map(|c| {
                        let computed = tiers.get(&c.id)?.tier;
                        c.tiering
                            .clone()
                            .advance(computed, c, settings.preset, &settings, today)
                            .then(|| (c.id.clone(), computed))
                    })
                    .collect()
            });
            if !changed.is_empty() {
                sorting::sort_by(&mut changed, |a, b| a.0.cmp(&b.0));
                let ids = changed.iter().map(|(id, _)| id.clone()).collect();
                self.advance_tier_states(ids, move |c, state| {
                    let at = changed.binary_search_by(|(id, _)| id.as_str().cmp(&c.id));
                    at.is_ok_and(|i| {
                        state.advance(changed[i].1, c, settings.preset, &settings, today)
                    })
                });
            }
        });
    }
}
