//! Rows of a `<For>` keyed by their record's id, each following its record: a row keeps its
//! own state (a form half typed, a confirmation open) while the record changes under it, and
//! only what changed is drawn again (leptos' todomvc keys its rows the same way).

use leptos::prelude::*;

/// The row of one record of `list`, found there by its id whenever it is read. It reads the
/// list the page already keeps rather than a signal of its own per row type (each signal type
/// costs its own reactive machinery in wasm).
pub struct Row<T: Send + Sync + 'static> {
    list: Memo<Vec<T>>,
    id: StoredValue<String>,
    id_of: fn(&T) -> &str,
}

impl<T: Send + Sync + 'static> Clone for Row<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Row<T> {}

impl<T: Send + Sync + PartialEq + 'static> Row<T> {
    /// The row of `record` in `list`, whose records are told apart by `id_of`.
    pub fn new(list: Memo<Vec<T>>, record: &T, id_of: fn(&T) -> &str) -> Self {
        Row {
            list,
            id: StoredValue::new(id_of(record).to_string()),
            id_of,
        }
    }

    /// The record's id.
    pub fn id(self) -> String {
        self.id.get_value()
    }

    /// `f` of the record, following its changes; `None` once it has left the list (the row is
    /// about to go).
    pub fn with<R>(self, f: impl FnOnce(&T) -> R) -> Option<R> {
        self.id.with_value(|id| {
            self.list
                .with(|l| l.iter().find(|r| (self.id_of)(r) == id).map(f))
        })
    }

    /// `f` of the record as it is now, not followed.
    pub fn with_untracked<R>(self, f: impl FnOnce(&T) -> R) -> Option<R> {
        self.id.with_value(|id| {
            self.list
                .with_untracked(|l| l.iter().find(|r| (self.id_of)(r) == id).map(f))
        })
    }
}
