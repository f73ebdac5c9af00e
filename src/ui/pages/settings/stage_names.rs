//! Settings → lifecycle stage names, adjusted to the business (004: 阶段灵活调整); each keeps
//! its meaning (statuses, time nodes, what tiering and cadence read).

use leptos::prelude::*;

use crate::domain::lifecycle::{Stage, StageName};
use crate::i18n::Lang;
use crate::ui::workspace::use_workspace;
use crate::ui::{tr, use_lang};

#[component]
pub fn StageNamesSection() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let draft = RwSignal::new(ws.settings.get_untracked().stage_names);
    crate::ui::form::follow_saved(draft, move || ws.settings.with(|s| s.stage_names.clone()));
    let save = move |_| {
        let mut settings = ws.settings.get_untracked();
        settings.stage_names = draft
            .get_untracked()
            .into_iter()
            .filter(|n| !n.name.trim().is_empty())
            .collect();
        let saved = lang.get_untracked().settings_saved().to_string();
        ws.save_settings(settings, Some(saved));
    };
    view! {
        <section class="card" aria-labelledby="stage-names-title" id="stage-names">
            <h2 id="stage-names-title">{tr(Lang::pipe_names)}</h2>
            <div class="grid">
                {Stage::ALL.into_iter().map(|stage| view! {
                    <label class="field">
                        <span class="field-label">{move || lang.get().stage_name(stage)}</span>
                        <input type="text"
                            placeholder=move || lang.get().stage_name(stage)
                            prop:value=move || draft.with(|d| d.iter().find(|n| n.stage == stage).map(|n| n.name.clone()).unwrap_or_default())
                            on:input=move |ev| {
                                let name = event_target_value(&ev);
                                draft.update(|d| {
                                    d.retain(|n| n.stage != stage);
                                    d.push(StageName { stage, name });
                                });
                            }/>
                    </label>
                }).collect_view()}
            </div>
            <div class="form-actions">
                <button type="button" class="primary" on:click=save>{tr(Lang::save)}</button>
            </div>
        </section>
    }
}
