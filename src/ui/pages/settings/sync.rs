//! Settings → Sync: the database address, user, password, passphrase and name; a test of the
//! connection that says what is wrong and what to do; on and off (docs/sync.md).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::sync::replicator::SyncError;
use crate::i18n::Lang;
use crate::store::replica::{
    self,
    remember::{self, Account},
    Couch, SyncFailure, SyncKey,
};
use crate::store::AtRest;
use crate::ui::lock::{note_view, passphrase_field, use_at_rest, Note};
use crate::ui::sync_status::{is_on, use_sync_state, SyncStatus};
use crate::ui::tr;
use crate::ui::workspace::{opened_as_demo, replication, use_workspace};

/// Whether an address may be used: https, or http on this machine (the page's policy allows
/// no other).
fn address_ok(url: &str) -> bool {
    let url = url.trim();
    url.starts_with("https://")
        || url.starts_with("http://127.0.0.1")
        || url.starts_with("http://localhost")
}

fn text_field(
    label: fn(Lang) -> &'static str,
    value: RwSignal<String>,
    kind: &'static str,
    auto: &'static str,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{tr(label)}</span>
            <input type=kind autocomplete=auto prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

#[component]
pub fn SyncSection() -> impl IntoView {
    let on = RwSignal::new(is_on());
    view! {
        <section class="card" aria-labelledby="sync-title" id="sync">
            <h2 id="sync-title">{tr(Lang::sync_title)}</h2>
            <p class="hint">{tr(Lang::sync_hint)}</p>
            {move || if opened_as_demo() {
                view! { <p class="hint">{tr(Lang::sync_demo)}</p> }.into_any()
            } else if on.get() {
                view! { <SyncOn on=on/> }.into_any()
            } else {
                view! { <SyncSetup on=on/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn SyncOn(on: RwSignal<bool>) -> impl IntoView {
    let state = use_sync_state();
    let lang = crate::ui::use_lang();
    let status = move || {
        let l = lang.get();
        match state.0.get() {
            SyncStatus::Off => l.sync_state_off().to_string(),
            SyncStatus::Syncing(left) => crate::ui::sync_status::syncing(l, left),
            SyncStatus::Synced(_) => l.sync_state_synced().to_string(),
            SyncStatus::Offline(n) => format!(
                "{} · {n} {}",
                l.sync_state_offline(),
                l.sync_state_waiting()
            ),
            SyncStatus::Failed(message) => format!("{}: {message}", l.sync_state_failed()),
        }
    };
    view! {
        <p data-testid="sync-state">{tr(Lang::sync_is_on)}{status}</p>
        <div class="form-actions">
            <button type="button" class="primary" on:click=move |_| replication::sync_now()>{tr(Lang::sync_now)}</button>
            <button type="button" on:click=move |_| {
                replication::stop(state);
                on.set(false);
            }>{tr(Lang::sync_turn_off)}</button>
        </div>
    }
}

#[component]
fn SyncSetup(on: RwSignal<bool>) -> impl IntoView {
    let ws = use_workspace();
    let state = use_sync_state();
    let at_rest = use_at_rest();
    let lang = crate::ui::use_lang();
    let url = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let passphrase = RwSignal::new(String::new());
    let by = RwSignal::new(String::new());
    let note = RwSignal::new(None::<Note>);
    let ok = RwSignal::new(false);
    let missing_db = RwSignal::new(false);
    // The key a "Test connection" just derived and checked, with what it was checked for:
    // turning sync on with the same entries uses it instead of deriving it again (PBKDF2
    // takes a noticeable moment). The first sync reports anything that changed since.
    let tested = StoredValue::new_local(None::<(String, SyncKey)>);

    // `enable`: keep the connection and start syncing once it checks out.
    let check = move |create: bool, enable: bool| {
        ok.set(false);
        missing_db.set(false);
        if !address_ok(&url.get_untracked()) {
            return note.set(Some(Note::Error(Lang::sync_need_url)));
        }
        if passphrase.get_untracked().is_empty() {
            return note.set(Some(Note::Error(Lang::sync_need_passphrase)));
        }
        if enable && at_rest.get_untracked() == AtRest::Locked {
            return note.set(Some(Note::Error(Lang::sync_locked)));
        }
        note.set(Some(Note::Busy));
        let account = Account {
            url: url.get_untracked().trim().to_string(),
            user: user.get_untracked().trim().to_string(),
            password: password.get_untracked(),
            by: by.get_untracked().trim().to_string(),
        };
        let pass = passphrase.get_untracked();
        let entries = format!(
            "{}\n{}\n{}\n{pass}",
            account.url, account.user, account.password
        );
        let reuse = enable
            .then(|| tested.get_value())
            .flatten()
            .filter(|(e, _)| *e == entries)
            .map(|(_, key)| key);
        spawn_local(async move {
            let couch = Couch::new(&account.url, &account.user, &account.password);
            let connected = match reuse {
                Some(key) => Ok(key),
                None => replica::connect(&couch, &pass, create).await,
            };
            match connected {
                Ok(key) => {
                    ok.set(true);
                    if !enable {
                        tested.set_value(Some((entries, key)));
                        return note.set(None);
                    }
                    tested.set_value(None);
                    if let Err(e) = remember::keep(&account, &key).await {
                        return note.set(Some(Note::Failed(lang.get_untracked().store_error(&e))));
                    }
                    note.set(None);
                    passphrase.set(String::new());
                    password.set(String::new());
                    replication::set_flag(true);
                    on.set(true);
                    replication::begin(ws, state, account, key);
                }
                Err(e) => {
                    tested.set_value(None);
                    missing_db.set(e == SyncFailure::Sync(SyncError::NoDatabase));
                    note.set(Some(Note::Failed(lang.get_untracked().sync_failure(&e))));
                }
            }
        });
    };
    view! {
        <p>{tr(Lang::sync_off_note)}</p>
        <form class="sync-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            check(false, true);
        }>
            {text_field(Lang::sync_url, url, "url", "url")}
            <p class="hint">{tr(Lang::sync_url_hint)}</p>
            {text_field(Lang::sync_user, user, "text", "username")}
            {passphrase_field(Lang::sync_password, password, "current-password")}
            {passphrase_field(Lang::sync_passphrase, passphrase, "off")}
            <p class="hint">{tr(Lang::sync_passphrase_hint)}</p>
            {text_field(Lang::sync_by, by, "text", "name")}
            {note_view(note)}
            <Show when=move || ok.get()>
                <p class="notice" role="status">{tr(Lang::sync_ok)}</p>
            </Show>
            <div class="form-actions">
                <button type="button" on:click=move |_| check(false, false)>{tr(Lang::sync_test)}</button>
                <Show when=move || missing_db.get()>
                    <button type="button" on:click=move |_| check(true, false)>{tr(Lang::sync_create_db)}</button>
                </Show>
                <button type="submit" class="primary">{tr(Lang::sync_turn_on)}</button>
            </div>
        </form>
    }
}
