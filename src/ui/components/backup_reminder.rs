//! Today's quiet reminder to export a backup when changes have waited N days for one, with the
//! export one click away.

use leptos::prelude::*;

use crate::domain::backup;
use crate::i18n::Lang;
use crate::ui::backup_file::{use_backup_file, FileState};
use crate::ui::browser;
use crate::ui::safekeeping::{use_safekeeping, Safekeeping};
use crate::ui::toast::{use_toaster, Toaster};
use crate::ui::workspace::{use_workspace, Workspace};
use crate::ui::{tr, use_lang};

/// Downloads a backup of everything and remembers it (Settings' export does the same).
pub fn export_backup(ws: Workspace, keep: Safekeeping, toaster: Toaster, lang: Lang) {
    let text = crate::ui::workspace::export_text(ws);
    match browser::download(
        &backup::file_name(ws.today.get_untracked()),
        "application/json",
        &text,
    ) {
        Ok(()) => {
            keep.backed_up();
            toaster.info(lang.backup_exported());
        }
        Err(e) => toaster.error(e.message(lang)),
    }
}

#[component]
pub fn BackupReminder() -> impl IntoView {
    let ws = use_workspace();
    let keep = use_safekeeping();
    let toaster = use_toaster();
    let lang = use_lang();
    let file = use_backup_file();
    let due = Memo::new(move |_| {
        // Read again when the day moves or data is reloaded (another tab may have exported).
        ws.today.track();
        ws.customers.track();
        // The demo's data is the seeds' and comes back with Reset: no backup to ask for.
        keep.reminder()
            .filter(|_| !crate::store::settings::is_demo())
    });
    move || {
        due.get().map(|r| {
            view! {
                <aside class="notice notice-backup" aria-labelledby="backup-reminder-title">
                    <h2 id="backup-reminder-title">{tr(Lang::backup_reminder_title)}</h2>
                    <p>{move || lang.get().backup_due(r.days, r.never_backed_up)}</p>
                    <p class="actions">
                        <button type="button" on:click=move |_| {
                            export_backup(ws, keep, toaster, lang.get_untracked())
                        }>{tr(Lang::backup_now)}</button>
                        <Show when=move || file.state.get() == FileState::NeedsPermission>
                            <button type="button" on:click=move |_| file.allow(ws, keep)>{tr(Lang::backup_file_allow)}</button>
                        </Show>
                    </p>
                </aside>
            }
        })
    }
}
