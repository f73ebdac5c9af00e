//! A lifecycle stage as this data set names it, and a move to another stage.

use leptos::prelude::*;

use crate::domain::lifecycle::Stage;
use crate::i18n::Lang;
use crate::ui::workspace::Workspace;

/// The name a stage goes by in this data set.
pub fn stage_label(ws: Workspace, t: Lang, stage: Stage) -> String {
    ws.settings.with(|s| {
        s.stage_names
            .iter()
            .find(|n| n.stage == stage && !n.name.trim().is_empty())
            .map(|n| n.name.clone())
            .unwrap_or_else(|| t.stage_name(stage).to_string())
    })
}

/// Moves a customer to another stage (today), recording it in the stage history.
pub fn move_stage(ws: Workspace, id: &str, to: Stage) {
    let today = ws.today.get_untracked();
    ws.update_customer(id, move |c| {
        let from = c.stage;
        if from != Some(to) {
            c.lifecycle.move_to(from, to, None, today);
            c.stage = Some(to);
        }
    });
}
