//! Sync's state at a glance, in the header: synced (when), syncing (n left), offline (n waiting), or an
//! error (its words on hover, and a link to Settings → Sync). Only this and the start call
//! are in the first load; the sync code is in the settings module, fetched when sync is on.

use leptos::prelude::*;

use crate::ui::{use_base, use_lang};

/// Where sync stands in this tab.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncStatus {
    Off,
    /// With the records it has still to send, once it knows.
    Syncing(Option<usize>),
    /// Milliseconds since the epoch of the last sync that finished.
    Synced(f64),
    /// Records with changes not yet sent.
    Offline(usize),
    /// What went wrong and what to do, in the user's language.
    Failed(String),
}

/// The localStorage flag that sync is on here (read before anything else is loaded).
pub const SYNC_ON: &str = "kehu-weihu-sync-on";

#[derive(Clone, Copy)]
pub struct SyncState(pub RwSignal<SyncStatus>);

pub fn provide() -> SyncState {
    let state = SyncState(RwSignal::new(SyncStatus::Off));
    provide_context(state);
    state
}

pub fn use_sync_state() -> SyncState {
    use_context::<SyncState>().unwrap_or_else(provide)
}

/// Whether sync was turned on in this browser.
pub fn is_on() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(SYNC_ON).ok().flatten())
        .is_some_and(|v| v == "1")
}

fn clock(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
}

/// "Syncing…", with how many records are left once that is known.
pub fn syncing(l: crate::i18n::Lang, left: Option<usize>) -> String {
    match left {
        Some(n) if n > 0 => format!("{} · {n} {}", l.sync_state_syncing(), l.sync_state_left()),
        _ => l.sync_state_syncing().to_string(),
    }
}

#[component]
pub fn SyncIndicator() -> impl IntoView {
    let state = use_sync_state();
    let lang = use_lang();
    let base = use_base();
    let text = move || {
        let l = lang.get();
        match state.0.get() {
            SyncStatus::Off => String::new(),
            SyncStatus::Syncing(left) => syncing(l, left),
            SyncStatus::Synced(at) => format!("{} {}", l.sync_state_synced(), clock(at)),
            SyncStatus::Offline(0) => l.sync_state_offline().to_string(),
            SyncStatus::Offline(n) => format!(
                "{} · {n} {}",
                l.sync_state_offline(),
                l.sync_state_waiting()
            ),
            SyncStatus::Failed(_) => l.sync_state_failed().to_string(),
        }
    };
    let title = move || match state.0.get() {
        SyncStatus::Failed(message) => message,
        _ => String::new(),
    };
    view! {
        <Show when=move || state.0.get() != SyncStatus::Off>
            <a class="sync-status" href=format!("{base}/settings/?section=sync")
                class:sync-failed=move || matches!(state.0.get(), SyncStatus::Failed(_))
                title=title aria-live="polite" data-testid="sync-status">
                {text}
            </a>
        </Show>
    }
}
