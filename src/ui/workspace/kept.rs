//! Figures that outlive the page asking for them (see [`kept`]).

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;

/// The workspace's owner and the memos made under it by `kept`, by name.
type Kept = (Option<Owner>, HashMap<&'static str, Box<dyn std::any::Any>>);

thread_local! {
    static KEPT: RefCell<Kept> = RefCell::new((None, HashMap::new()));
}

/// Makes the memos asked for from now on under `owner` (the workspace's), forgetting any made
/// before (a new workspace starts afresh).
pub(super) fn keep_under(owner: Option<Owner>) {
    KEPT.with(|k| *k.borrow_mut() = (owner, HashMap::new()));
}

/// A memo (or a signal) that outlives the page asking for it: made once, under the
/// workspace's owner, so a page shown again finds its figures already computed (10,000
/// customers' schedules, health and rows take a while). A memo computes only when read, and
/// again only after something it reads changed, so one no page shows costs nothing. `make`
/// must read only the workspace and other kept or app-wide signals (never the page's own),
/// and each `name` must be used for one type.
pub fn kept<H: Copy + 'static>(name: &'static str, make: impl FnOnce() -> H) -> H {
    if let Some(memo) = KEPT.with(|k| {
        k.borrow()
            .1
            .get(name)
            .and_then(|m| m.downcast_ref::<H>().copied())
    }) {
        return memo;
    }
    let owner = KEPT.with(|k| k.borrow().0.clone());
    let memo = match owner {
        Some(owner) => owner.with(make),
        None => make(),
    };
    KEPT.with(|k| k.borrow_mut().1.insert(name, Box::new(memo)));
    memo
}
