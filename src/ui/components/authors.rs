//! Who made each synced record (a team on one database, docs/sync.md "A small team"): a list
//! provides the authors of the records it shows, and each line names its own. Read through
//! sync's runner (`replication::authors_reader`), so no page carries sync's code; nothing
//! where sync is off or no one gave a name.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ui::sync_status::use_sync_state;
use crate::ui::workspace::replication;

/// The authors of the records a list shows, by `kind:id`.
#[derive(Clone, Copy)]
pub struct Authors(RwSignal<BTreeMap<String, String>>);

/// Reads the authors of `keys` (again after every sync run and when `keys` change) and
/// provides them to the lines below.
pub fn provide_authors(keys: Signal<Vec<String>>) {
    let authors = Authors(RwSignal::new(BTreeMap::new()));
    provide_context(authors);
    let state = use_sync_state();
    Effect::new(move |_| {
        state.0.track();
        let keys = keys.get();
        let Some(read) = replication::authors_reader() else {
            return;
        };
        if keys.is_empty() {
            return;
        }
        spawn_local(async move {
            let found = read(keys).await;
            if authors.0.with_untracked(|a| *a != found) {
                authors.0.set(found);
            }
        });
    });
}

/// Who made record `key`, where a list above provides authors.
pub fn author_of(key: String) -> Signal<Option<String>> {
    let authors = use_context::<Authors>();
    Signal::derive(move || authors.and_then(|a| a.0.with(|a| a.get(&key).cloned())))
}
