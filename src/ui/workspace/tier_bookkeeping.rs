//! Tier bookkeeping: each customer's stored tier state moves along with what the rules
//! compute (proposals, observation periods, raises ending), and only the states that moved
//! are written.

use std::collections::HashMap;

use leptos::prelude::*;

use super::{Status, Workspace};
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
            let changed: HashMap<String, Tier> = self.customers.with(|cs| {
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
                let ids = changed.keys().cloned().collect();
                self.advance_tier_states(ids, move |c, state| {
                    changed.get(&c.id).is_some_and(|computed| {
                        state.advance(*computed, c, settings.preset, &settings, today)
                    })
                });
            }
        });
    }
}
