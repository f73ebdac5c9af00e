//! What a person has open or half-typed on a profile: a panel, a form's fields. The profile is
//! drawn again whenever its record changes — the rules storing a tier right after the data
//! loads, a save in another tab — and a card's own signals would start afresh with it, closing
//! the form being filled. Drafts live with the page instead, and start afresh on another
//! customer.

use std::any::Any;

use leptos::prelude::*;

/// By key, sorted (a profile has a dozen drafts: smaller in wasm than a map).
type Drafts = Vec<(String, Box<dyn Any>)>;

#[derive(Clone)]
struct ProfileDrafts {
    /// The page's owner: a draft made while the profile is drawn must outlive that drawing.
    owner: Owner,
    id: Memo<String>,
    /// The customer the drafts are of, and the drafts.
    drafts: StoredValue<(String, Drafts), LocalStorage>,
}

/// Keeps drafts for the profile of the customer `id` shows (called by the profile page).
pub fn provide_profile_drafts(id: Memo<String>) {
    if let Some(owner) = Owner::current() {
        let drafts = StoredValue::new_local((String::new(), Drafts::new()));
        provide_context(ProfileDrafts { owner, id, drafts });
    }
}

/// The draft `key` of the profile shown (`init` when there is none yet); a signal of its own
/// outside a profile. Each key is used for one type.
pub fn profile_draft<T: Send + Sync + 'static>(key: &str, init: impl FnOnce() -> T) -> RwSignal<T> {
    let Some(p) = use_context::<ProfileDrafts>() else {
        return RwSignal::new(init());
    };
    let id = p.id.get_untracked();
    let kept = p.drafts.try_update_value(|(of, drafts)| {
        if *of != id {
            *of = id;
            drafts.clear();
        }
        let at = drafts.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
        drafts[at].1.downcast_ref::<RwSignal<T>>().copied()
    });
    if let Some(kept) = kept.flatten() {
        return kept;
    }
    let made = p.owner.with(|| RwSignal::new(init()));
    p.drafts.update_value(|(_, d)| {
        let at = d
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .unwrap_or_else(|i| i);
        d.insert(at, (key.to_string(), Box::new(made)));
    });
    made
}

/// Whether a `<details>` is open, from its `toggle` event.
pub fn details_open(ev: &leptos::ev::Event) -> bool {
    event_target::<web_sys::Element>(ev).has_attribute("open")
}
