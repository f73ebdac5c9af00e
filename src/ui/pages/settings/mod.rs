//! Settings: the data set's money unit, backup and restore, imports.

use leptos::prelude::*;

use leptos::task::spawn_local;

mod cadence;
mod encryption;
mod import;
mod safekeeping;
mod stage_names;
mod sync;
mod tiering;

use crate::domain::money::MoneyUnit;
use crate::domain::{backup, envelope};
use crate::i18n::Lang;
use crate::store::{crypto, AtRest};
use crate::ui::browser;
use crate::ui::components::PageHeading;
use crate::ui::demo::TrainingSection;
use crate::ui::lock::{new_passphrase_problem, note_view, passphrase_field, use_at_rest, Note};
use crate::ui::toast::use_toaster;
use crate::ui::workspace::{use_workspace, Status};
use crate::ui::{tr, use_lang};
use cadence::CadenceSettingsSection;
use encryption::EncryptionSection;
use import::ImportPanel;
use safekeeping::SafekeepingSection;
use stage_names::StageNamesSection;
use sync::SyncSection;
use tiering::TieringSettingsSection;

/// A section's id and its heading's text.
type Section = (&'static str, fn(Lang) -> &'static str);

/// Settings' sections, in page order.
const SECTIONS: [Section; 10] = [
    ("unit", Lang::settings_unit_title),
    ("tiering", Lang::settings_tiering_title),
    ("cadence", Lang::settings_cadence_title),
    ("stage-names", Lang::settings_stage_names),
    ("backup", Lang::backup_title),
    ("keeping", Lang::storage_title),
    ("import", Lang::import_title),
    ("encryption", Lang::enc_title),
    ("sync", Lang::sync_title),
    ("training", Lang::training_title),
];

/// A long page's sections, one link each, kept in view at the top (so it is also the way back
/// from any section to another). Links are handled here: a `#fragment` resolves against the
/// page's <base href> and would leave the page.
#[component]
fn SectionNav() -> impl IntoView {
    let links = SECTIONS
        .into_iter()
        .map(|(id, title)| {
            view! {
                <li><a href=format!("#{id}") on:click=move |ev| {
                    ev.prevent_default();
                    browser::focus_first(&format!("#{id} h2"));
                }>{tr(title)}</a></li>
            }
        })
        .collect_view();
    view! {
        <nav class="section-nav no-print" aria-label=tr(Lang::settings_sections)>
            <ul>{links}</ul>
        </nav>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let toaster = use_toaster();
    let keep = crate::ui::safekeeping::use_safekeeping();

    // Opened at a section (`?section=import`): that section's heading gets focus, once the
    // page is drawn (after the shell's move of focus to the page heading).
    let section = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("section"))
        .filter(|s| SECTIONS.iter().any(|(id, _)| id == s));
    if let Some(section) = section {
        browser::after_paint(move || {
            browser::after_ms(150, move || {
                browser::focus_first(&format!("#{section} h2"));
            })
        });
    }

    let set_unit = move |unit: MoneyUnit| {
        let mut settings = ws.settings.get_untracked();
        settings.money_unit = unit;
        ws.save_settings(settings, None);
    };

    // A plain file when this tab is unlocked (or encryption is off), encrypted when asked;
    // never from a locked tab, whose customers hold no contact details.
    let state = use_at_rest();
    let encrypt = RwSignal::new(false);
    let pass = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let note = RwSignal::new(None::<Note>);
    let export = move |_| {
        if state.get_untracked() == AtRest::Locked {
            return note.set(Some(Note::Error(Lang::backup_locked)));
        }
        let name = backup::file_name(ws.today.get_untracked());
        let text = crate::ui::workspace::export_text(ws);
        let done =
            move |name: &str, text: &str| match browser::download(name, "application/json", text) {
                Ok(()) => {
                    keep.backed_up();
                    toaster.info(lang.get_untracked().backup_exported());
                }
                Err(e) => toaster.error(e.message(lang.get_untracked())),
            };
        if !encrypt.get_untracked() {
            return done(&name, &text);
        }
        let p = pass.get_untracked();
        if let Some(problem) = new_passphrase_problem(&p, &repeat.get_untracked()) {
            return note.set(Some(Note::Error(problem)));
        }
        note.set(Some(Note::Busy));
        spawn_local(async move {
            match crypto::seal_backup(&p, &text).await {
                Ok(sealed) => {
                    note.set(None);
                    done(&envelope::file_name(&name), &sealed);
                }
                Err(e) => note.set(Some(Note::Failed(lang.get_untracked().crypto_error(&e)))),
            }
        });
    };

    view! {
        <section class="page page-settings">
            <PageHeading title=Lang::nav_settings/>
            <SectionNav/>

            <section class="card" aria-labelledby="unit-title" id="unit">
                <h2 id="unit-title">{tr(Lang::settings_unit_title)}</h2>
                <p class="hint">{tr(Lang::settings_unit_hint)}</p>
                <div class="choices" role="radiogroup" aria-labelledby="unit-title">
                    {[MoneyUnit::Wan, MoneyUnit::Yuan].into_iter().map(|unit| view! {
                        <label class="choice">
                            <input type="radio" name="money-unit"
                                prop:checked=move || ws.settings.get().money_unit == unit
                                // Until the saved settings are read, a choice would be
                                // overwritten by them (or refused as made on old data).
                                prop:disabled=move || ws.status.get() != Status::Ready
                                on:change=move |_| set_unit(unit)/>
                            <span>{move || lang.get().unit_name(unit)}</span>
                        </label>
                    }).collect_view()}
                </div>
            </section>

            <TieringSettingsSection/>
            <CadenceSettingsSection/>
            <StageNamesSection/>

            <section class="card" aria-labelledby="backup-title" id="backup">
                <h2 id="backup-title">{tr(Lang::backup_title)}</h2>
                <p class="hint">{tr(Lang::backup_hint)}</p>
                <label class="inline-check">
                    <input type="checkbox" prop:checked=move || encrypt.get()
                        on:change=move |ev| encrypt.set(event_target_checked(&ev))/>
                    <span>{tr(Lang::backup_encrypt)}</span>
                </label>
                <Show when=move || encrypt.get() fallback=|| view! { <p class="hint">{tr(Lang::backup_plain_note)}</p> }>
                    <p class="hint">{tr(Lang::backup_encrypt_hint)}</p>
                    {passphrase_field(Lang::enc_passphrase, pass, "new-password")}
                    {passphrase_field(Lang::enc_passphrase_repeat, repeat, "new-password")}
                </Show>
                <Show when=move || state.get() == AtRest::Locked>
                    <p class="hint">{tr(Lang::backup_locked)}</p>
                </Show>
                {note_view(note)}
                <button type="button" class="primary" on:click=export
                    disabled=move || state.get() == AtRest::Locked>{tr(Lang::backup_export)}</button>
            </section>

            <SafekeepingSection/>

            <section class="card" aria-labelledby="import-title" id="import">
                <h2 id="import-title">{tr(Lang::import_title)}</h2>
                <ImportPanel/>
            </section>

            <EncryptionSection/>

            <SyncSection/>

            <TrainingSection/>

            <p class="hint">{tr(Lang::settings_language_hint)}</p>
        </section>
    }
}
