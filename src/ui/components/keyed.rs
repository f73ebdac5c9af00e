//! Rows of a `<For>` keyed by their record's id, each following its record: a row keeps its
//! own state (a form half typed, a confirmation open) while the record changes under it, and
//! only what changed is drawn again (leptos' todomvc keys its rows the same way).

use leptos::prelude::*;

/// The row of `first`'s record in `list` (found by `id`), following its changes; `first`
/// while the record is leaving the list.
pub fn row_of<T, K>(list: Memo<Vec<T>>, first: T, id: fn(&T) -> &K) -> Signal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
    K: PartialEq + ?Sized + 'static,
{
    Signal::derive(move || {
        list.with(|l| l.iter().find(|r| id(r) == id(&first)).cloned())
            .unwrap_or_else(|| first.clone())
    })
}
