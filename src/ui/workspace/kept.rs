//! Figures that outlive the page asking for them (see [`kept`]).

use std::any::{Any, TypeId};
use std::cell::RefCell;

use leptos::prelude::*;

/// A figure the workspace keeps: one type per figure, naming what is kept (a memo or a
/// signal). Declared with [`figure!`]. The type is the key, so two figures never share a slot
/// and what is found is always of the figure's type (a name could be reused for another type,
/// which silently made the figure again on every visit).
pub trait Figure: 'static {
    type Kept: Copy + 'static;
}

/// Declares a kept figure: `figure!(CustomerRows: Memo<…>);`.
macro_rules! figure {
    ($(#[$doc:meta])* $name:ident: $kept:ty) => {
        $(#[$doc])*
        struct $name;
        impl $crate::ui::workspace::Figure for $name {
            type Kept = $kept;
        }
    };
}
pub(crate) use figure;

/// The workspace's owner and the figures made under it, by their type (a dozen: a list is
/// as quick as a map and smaller in wasm).
type Kept = (Option<Owner>, Vec<(TypeId, Box<dyn Any>)>);

thread_local! {
    static KEPT: RefCell<Kept> = RefCell::new((None, Vec::new()));
}

/// Makes the figures asked for from now on under `owner` (the workspace's), forgetting any
/// made before (a new workspace starts afresh).
pub(super) fn keep_under(owner: Option<Owner>) {
    KEPT.with(|k| *k.borrow_mut() = (owner, Vec::new()));
}

/// A memo (or a signal) that outlives the page asking for it: made once, under the
/// workspace's owner, so a page shown again finds its figures already computed (10,000
/// customers' schedules, health and rows take a while). A memo computes only when read, and
/// again only after something it reads changed, so one no page shows costs nothing. `make`
/// must read only the workspace and other kept or app-wide signals (never the page's own).
pub fn kept<F: Figure>(make: impl FnOnce() -> F::Kept) -> F::Kept {
    let key = TypeId::of::<F>();
    let found = KEPT.with(|k| {
        let kept = k.borrow();
        kept.1.iter().find(|(t, _)| *t == key).map(|(_, m)| {
            *m.downcast_ref::<F::Kept>()
                .expect("a figure's slot holds the figure's type")
        })
    });
    if let Some(figure) = found {
        return figure;
    }
    let owner = KEPT.with(|k| k.borrow().0.clone());
    let figure = match owner {
        Some(owner) => owner.with(make),
        None => make(),
    };
    KEPT.with(|k| k.borrow_mut().1.push((key, Box::new(figure))));
    figure
}
