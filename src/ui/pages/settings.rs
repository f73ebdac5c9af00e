//! Settings: the data set's money unit, backup and restore, imports.

use leptos::prelude::*;

use super::cadence_settings::CadenceSettingsSection;
use super::import::ImportPanel;
use super::safekeeping_settings::SafekeepingSection;
use super::stage_names::StageNamesSection;
use super::tiering_settings::TieringSettingsSection;
use super::PageHeading;
use crate::domain::backup;
use crate::domain::money::MoneyUnit;
use crate::i18n::Lang;
use crate::ui::browser;
use crate::ui::demo::TrainingSection;
use crate::ui::toast::use_toaster;
use crate::ui::workspace::use_workspace;
use crate::ui::{tr, use_lang};

/// Everything in the data set, as the backup file.
pub fn export_text(ws: crate::ui::workspace::Workspace) -> String {
    let today = ws.today.get_untracked();
    ws.customers.with_untracked(|cs| {
        ws.followups.with_untracked(|fs| {
            ws.plans.with_untracked(|ps| {
                ws.todos.with_untracked(|ts| {
                    backup::export_all(&ws.settings.get_untracked(), cs, fs, ps, ts, today)
                })
            })
        })
    })
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let toaster = use_toaster();
    let keep = crate::ui::safekeeping::use_safekeeping();

    let set_unit = move |unit: MoneyUnit| {
        let mut settings = ws.settings.get_untracked();
        settings.money_unit = unit;
        ws.save_settings(settings, None);
    };

    let export = move |_| {
        let today = ws.today.get_untracked();
        let text = export_text(ws);
        match browser::download(&backup::file_name(today), "application/json", &text) {
            Ok(()) => {
                keep.backed_up();
                toaster.info(lang.get_untracked().backup_exported());
            }
            Err(e) => toaster.error(e),
        }
    };

    view! {
        <section class="page page-settings">
            <PageHeading title=Lang::nav_settings/>

            <section class="card" aria-labelledby="unit-title">
                <h2 id="unit-title">{tr(Lang::settings_unit_title)}</h2>
                <p class="hint">{tr(Lang::settings_unit_hint)}</p>
                <div class="choices" role="radiogroup" aria-labelledby="unit-title">
                    {[MoneyUnit::Wan, MoneyUnit::Yuan].into_iter().map(|unit| view! {
                        <label class="choice">
                            <input type="radio" name="money-unit"
                                prop:checked=move || ws.settings.get().money_unit == unit
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
                <button type="button" class="primary" on:click=export>{tr(Lang::backup_export)}</button>
            </section>

            <SafekeepingSection/>

            <section class="card" aria-labelledby="import-title">
                <h2 id="import-title">{tr(Lang::import_title)}</h2>
                <ImportPanel/>
            </section>

            <TrainingSection/>

            <p class="hint">{tr(Lang::settings_language_hint)}</p>
        </section>
    }
}
