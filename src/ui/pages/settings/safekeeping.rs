//! Settings' "Keeping your data": offline use, whether the browser promised to keep the data
//! and how much space it takes, when the last backup was made, and after how many days Today
//! reminds.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::backup;
use crate::domain::backup_reminder::parse_days;
use crate::i18n::Lang;
use crate::store::backup_clock;
use crate::ui::backup_file::{self, use_backup_file, FileState};
use crate::ui::safekeeping::use_safekeeping;
use crate::ui::workspace::use_workspace;
use crate::ui::{browser, format, tr, use_lang};

#[component]
pub fn SafekeepingSection() -> impl IntoView {
    let lang = use_lang();
    let keep = use_safekeeping();
    let usage = RwSignal::new(None::<(f64, f64)>);
    // Asked here, when someone looks: the answers cost nothing at first paint.
    spawn_local(async move {
        if keep.persisted.get_untracked().is_none() {
            keep.persisted.set(browser::storage_persisted().await);
        }
        usage.set(browser::storage_estimate().await);
    });
    let refused = RwSignal::new(false);
    let ask = move |_| {
        spawn_local(async move {
            let granted = browser::persist_storage().await;
            refused.set(granted != Some(true));
            keep.persisted.set(granted);
            usage.set(browser::storage_estimate().await);
        })
    };
    let last = move || {
        let clock = keep.clock();
        let t = lang.get();
        let mut text = match clock.last_backup {
            Some(ms) => t.backup_last(&format::date(browser::date_of_ms(ms))),
            None => t.backup_never().to_string(),
        };
        if clock.last_backup.is_some() {
            text.push(' ');
            text.push_str(if clock.changed_since.is_some() {
                t.backup_changes_waiting()
            } else {
                t.backup_all_saved()
            });
        }
        text
    };
    let days_error = RwSignal::new(None::<&'static str>);
    let set_days = move |ev: leptos::ev::Event| match parse_days(&event_target_value(&ev)) {
        Some(days) => {
            days_error.set(None);
            keep.set_days(days);
        }
        None => days_error.set(Some(lang.get_untracked().backup_days_invalid())),
    };

    view! {
        <section class="card" aria-labelledby="keep-title" id="keeping">
            <h2 id="keep-title">{tr(Lang::storage_title)}</h2>
            <p class="hint">{tr(Lang::storage_offline_hint)}</p>
            <p class="storage-persisted">{move || match keep.persisted.get() {
                Some(true) => lang.get().storage_persisted(),
                Some(false) => lang.get().storage_not_persisted(),
                None => "",
            }}</p>
            <Show when=move || keep.persisted.get() == Some(false)>
                <p>
                    <button type="button" on:click=ask>{tr(Lang::storage_ask)}</button>
                </p>
                <Show when=move || refused.get()>
                    <p class="hint" role="status">{tr(Lang::storage_refused)}</p>
                </Show>
            </Show>
            <p class="storage-usage">{move || match usage.get() {
                Some((used, quota)) => lang.get().storage_usage(used, quota),
                None => lang.get().storage_unknown().to_string(),
            }}</p>
            <p class="backup-last">{last}</p>
            <div class="field">
                <label for="backup-days">{tr(Lang::backup_days_label)}</label>
                <input id="backup-days" type="number" min="1" max="365" inputmode="numeric"
                    prop:value=move || { keep.clock(); backup_clock::remind_days().to_string() }
                    aria-invalid=move || days_error.get().is_some().then_some("true")
                    aria-describedby="backup-days-error"
                    on:change=set_days/>
                <p class="field-error" id="backup-days-error" role="alert">{move || days_error.get()}</p>
            </div>
            {backup_file::supported().then(BackupFileControls)}
        </section>
    }
}

/// Choosing, pausing and stopping the automatic backup file (where the browser can).
#[allow(non_snake_case)]
fn BackupFileControls() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let keep = use_safekeeping();
    let file = use_backup_file();
    let choose = move |_| {
        file.choose(ws, keep, backup::file_name(ws.today.get_untracked()));
    };
    let name = move || file.name.get().unwrap_or_default();
    view! {
        <h3>{tr(Lang::backup_file_title)}</h3>
        <p class="hint">{tr(Lang::backup_file_hint)}</p>
        {move || match file.state.get() {
            FileState::Off => view! {
                <p><button type="button" on:click=choose>{tr(Lang::backup_file_choose)}</button></p>
            }.into_any(),
            FileState::Writing => view! {
                <p class="backup-file-state">{move || lang.get().backup_file_writing(&name())}</p>
                <p><button type="button" on:click=move |_| file.stop()>{tr(Lang::backup_file_stop)}</button></p>
            }.into_any(),
            FileState::NeedsPermission => view! {
                <p class="backup-file-state">{move || lang.get().backup_file_paused(&name())}</p>
                <p class="actions">
                    <button type="button" class="primary" on:click=move |_| file.allow(ws, keep)>{tr(Lang::backup_file_allow)}</button>
                    <button type="button" on:click=move |_| file.stop()>{tr(Lang::backup_file_stop)}</button>
                </p>
            }.into_any(),
        }}
        <Show when=move || file.error.get().is_some()>
            <p class="field-error" role="alert">{tr(Lang::backup_file_failed)}{move || file.error.get()}</p>
        </Show>
    }
}
