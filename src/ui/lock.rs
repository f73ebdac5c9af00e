//! Encryption at rest in the UI: whether this tab is locked, the banner that unlocks it, and
//! the passphrase field and messages the encryption forms share.

use leptos::prelude::*;

use super::tr;
use super::use_lang;
use super::workspace::{at_rest, use_workspace};
use crate::domain::envelope::passphrase_long_enough;
use crate::i18n::Lang;
use crate::store::{AtRest, StoreError};

/// This tab's encryption state; every change of it reloads the customers, which this follows.
pub fn use_at_rest() -> Memo<AtRest> {
    let ws = use_workspace();
    Memo::new(move |_| {
        ws.customers.track();
        at_rest()
    })
}

/// What a passphrase form says under it.
#[derive(Clone)]
pub enum Note {
    Busy,
    Error(fn(Lang) -> &'static str),
    /// The browser's or the store's own words.
    Failed(String),
}

impl Note {
    pub fn of(err: &StoreError, lang: Lang) -> Note {
        match err {
            StoreError::WrongPassphrase => Note::Error(Lang::enc_wrong_passphrase),
            StoreError::Locked => Note::Error(Lang::enc_locked_banner),
            other => Note::Failed(lang.store_error(other)),
        }
    }
}

pub fn note_view(note: RwSignal<Option<Note>>) -> impl IntoView {
    move || {
        note.get().map(|n| match n {
            Note::Busy => {
                view! { <p class="hint" role="status">{tr(Lang::enc_working)}</p> }.into_any()
            }
            Note::Error(key) => {
                view! { <p class="notice notice-error" role="alert">{tr(key)}</p> }.into_any()
            }
            Note::Failed(text) => {
                view! { <p class="notice notice-error" role="alert">{text}</p> }.into_any()
            }
        })
    }
}

/// A labelled password field bound to `value`.
pub fn passphrase_field(
    label: fn(Lang) -> &'static str,
    value: RwSignal<String>,
    autocomplete: &'static str,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{tr(label)}</span>
            <input type="password" autocomplete=autocomplete
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

/// Why a new passphrase (typed twice) cannot be used, if it cannot.
pub fn new_passphrase_problem(pass: &str, repeat: &str) -> Option<fn(Lang) -> &'static str> {
    if !passphrase_long_enough(pass) {
        Some(Lang::enc_too_short)
    } else if pass != repeat {
        Some(Lang::enc_mismatch)
    } else {
        None
    }
}

/// Above every page of a locked tab: contact details are hidden until the passphrase is typed.
#[component]
pub fn LockBanner() -> impl IntoView {
    let state = use_at_rest();
    view! {
        <Show when=move || state.get() == AtRest::Locked>
            <UnlockForm/>
        </Show>
    }
}

#[component]
fn UnlockForm() -> impl IntoView {
    let ws = use_workspace();
    let lang = use_lang();
    let pass = RwSignal::new(String::new());
    let note = RwSignal::new(None::<Note>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = pass.get_untracked();
        note.set(Some(Note::Busy));
        ws.unlock(
            p,
            move || {
                pass.set(String::new());
                note.set(None);
            },
            move |err| note.set(Some(Note::of(err, lang.get_untracked()))),
        );
    };
    view! {
        <form class="notice notice-warn lock-banner" aria-label=tr(Lang::enc_unlock) on:submit=submit>
            <p>{tr(Lang::enc_locked_banner)}</p>
            <div class="lock-row">
                {passphrase_field(Lang::enc_passphrase, pass, "current-password")}
                <button type="submit" class="primary">{tr(Lang::enc_unlock)}</button>
            </div>
            {note_view(note)}
        </form>
    }
}
