//! Settings: turning encryption at rest on (passphrase twice, the no-recovery warning
//! acknowledged) and off (with the passphrase), and locking the tab again.

use leptos::prelude::*;

use crate::i18n::Lang;
use crate::store::AtRest;
use crate::ui::lock::{new_passphrase_problem, note_view, passphrase_field, use_at_rest, Note};
use crate::ui::toast::use_toaster;
use crate::ui::tr;
use crate::ui::workspace::use_workspace;

#[component]
pub fn EncryptionSection() -> impl IntoView {
    let state = use_at_rest();
    view! {
        <section class="card" aria-labelledby="encryption-title" id="encryption">
            <h2 id="encryption-title">{tr(Lang::enc_title)}</h2>
            <p class="hint">{tr(Lang::enc_hint)}</p>
            <p class="notice notice-warn">{tr(Lang::enc_no_recovery)}</p>
            {move || match state.get() {
                AtRest::Off => view! { <TurnOn/> }.into_any(),
                AtRest::Locked => view! { <p>{tr(Lang::enc_is_locked)}</p> }.into_any(),
                AtRest::Unlocked => view! { <TurnOff/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn TurnOn() -> impl IntoView {
    let ws = use_workspace();
    let toaster = use_toaster();
    let lang = crate::ui::use_lang();
    let pass = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let understood = RwSignal::new(false);
    let note = RwSignal::new(None::<Note>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = pass.get_untracked();
        if let Some(problem) = new_passphrase_problem(&p, &repeat.get_untracked()) {
            return note.set(Some(Note::Error(problem)));
        }
        if !understood.get_untracked() {
            return note.set(Some(Note::Error(Lang::enc_must_understand)));
        }
        note.set(Some(Note::Busy));
        ws.set_encryption(
            true,
            p,
            move || toaster.info(lang.get_untracked().enc_turned_on()),
            move |err| note.set(Some(Note::of(err, lang.get_untracked()))),
        );
    };
    view! {
        <p>{tr(Lang::enc_is_off)}</p>
        <form class="encryption-form" on:submit=submit>
            {passphrase_field(Lang::enc_passphrase, pass, "new-password")}
            {passphrase_field(Lang::enc_passphrase_repeat, repeat, "new-password")}
            <label class="inline-check">
                <input type="checkbox" prop:checked=move || understood.get()
                    on:change=move |ev| understood.set(event_target_checked(&ev))/>
                <span>{tr(Lang::enc_understand)}</span>
            </label>
            {note_view(note)}
            <div class="form-actions">
                <button type="submit" class="primary">{tr(Lang::enc_turn_on)}</button>
            </div>
        </form>
    }
}

#[component]
fn TurnOff() -> impl IntoView {
    let ws = use_workspace();
    let toaster = use_toaster();
    let lang = crate::ui::use_lang();
    let pass = RwSignal::new(String::new());
    let note = RwSignal::new(None::<Note>);
    let lock = move |_| ws.lock();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = pass.get_untracked();
        note.set(Some(Note::Busy));
        ws.set_encryption(
            false,
            p,
            move || toaster.info(lang.get_untracked().enc_turned_off()),
            move |err| note.set(Some(Note::of(err, lang.get_untracked()))),
        );
    };
    view! {
        <p>{tr(Lang::enc_is_unlocked)}</p>
        <div class="form-actions">
            <button type="button" on:click=lock>{tr(Lang::enc_lock_now)}</button>
        </div>
        <form class="encryption-form" on:submit=submit>
            <p class="hint">{tr(Lang::enc_turn_off_hint)}</p>
            {passphrase_field(Lang::enc_passphrase, pass, "current-password")}
            {note_view(note)}
            <div class="form-actions">
                <button type="submit">{tr(Lang::enc_turn_off)}</button>
            </div>
        </form>
    }
}
