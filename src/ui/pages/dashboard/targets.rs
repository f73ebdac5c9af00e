//! Dashboard → Edit targets: the seeds' KPI targets as defaults, each editable; saving
//! regrades every indicator at once.

use leptos::prelude::*;

use crate::domain::kpi::{Targets, Tenths};
use crate::i18n::Lang;
use crate::ui::toast::use_toaster;
use crate::ui::workspace::use_workspace;
use crate::ui::{tr, use_lang};

/// "1", "1.5" → tenths; at most one decimal, never negative.
fn parse_tenths(text: &str) -> Option<u32> {
    let text = text.trim();
    let (whole, tenth) = match text.split_once(['.', '。']) {
        Some((w, t)) if t.len() == 1 => (w, t.parse::<u32>().ok()?),
        Some((w, "")) => (w, 0),
        Some(_) => return None,
        None => (text, 0),
    };
    whole
        .parse::<u32>()
        .ok()?
        .checked_mul(10)?
        .checked_add(tenth)
}

type Field = (
    fn(Lang) -> &'static str,
    &'static str,
    fn(&Targets) -> u32,
    fn(&mut Targets, u32),
);

const FIELDS: [Field; 10] = [
    (
        Lang::target_churn_label,
        "target-churn",
        |t| t.churn_max_pct,
        |t, v| t.churn_max_pct = v,
    ),
    (
        Lang::target_csat_label,
        "target-csat",
        |t| t.csat_min,
        |t, v| t.csat_min = v,
    ),
    (
        Lang::target_sat_yoy_label,
        "target-sat-yoy",
        |t| t.satisfaction_yoy_points,
        |t, v| t.satisfaction_yoy_points = v,
    ),
    (
        Lang::target_repeat_yoy_label,
        "target-repeat-yoy",
        |t| t.repeat_yoy_points,
        |t, v| t.repeat_yoy_points = v,
    ),
    (
        Lang::target_callback_important_label,
        "target-callback-important",
        |t| t.callback_important_pct,
        |t, v| t.callback_important_pct = v,
    ),
    (
        Lang::target_callback_general_label,
        "target-callback-general",
        |t| t.callback_general_pct,
        |t, v| t.callback_general_pct = v,
    ),
    (
        Lang::target_callback_new_label,
        "target-callback-new",
        |t| t.callback_new_pct,
        |t, v| t.callback_new_pct = v,
    ),
    (
        Lang::target_referrals_label,
        "target-referrals",
        |t| t.referral_min_pct,
        |t, v| t.referral_min_pct = v,
    ),
    // Kept in tenths: typed as "1" or "1.5".
    (
        Lang::target_new_points_label,
        "target-new-points",
        |t| t.new_points_per_quarter_tenths,
        |t, v| t.new_points_per_quarter_tenths = v,
    ),
    (
        Lang::target_value_added_label,
        "target-value-added",
        |t| t.value_added_min_pct,
        |t, v| t.value_added_min_pct = v,
    ),
];

#[component]
pub fn TargetsEditor() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let toaster = use_toaster();
    let draft = RwSignal::new(ws.settings.get_untracked().targets);
    crate::ui::form::follow_saved(draft, move || ws.settings.with(|s| s.targets));
    // Fields whose text cannot be read, by id.
    let invalid = RwSignal::new(Vec::<&'static str>::new());

    let save = move |_| {
        if !invalid.with(Vec::is_empty) {
            toaster.error(lang.get_untracked().target_invalid());
            return;
        }
        let mut settings = ws.settings.get_untracked();
        settings.targets = draft.get_untracked();
        let saved = lang.get_untracked().settings_saved().to_string();
        ws.save_settings(settings, Some(saved));
    };

    let inputs = FIELDS
        .into_iter()
        .map(|(label, id, get, set)| {
            let tenths = id == "target-new-points";
            let shown = move || {
                let v = draft.with(get);
                if tenths {
                    Tenths(v as i64).to_string()
                } else {
                    v.to_string()
                }
            };
            let bad = move || invalid.with(|i| i.contains(&id));
            view! {
                <div class="field">
                    <label for=id>{tr(label)}</label>
                    <input id=id type="text" inputmode="decimal" prop:value=shown
                        aria-invalid=move || if bad() { "true" } else { "false" }
                        aria-describedby=format!("{id}-error")
                        on:change=move |ev| {
                            let text = event_target_value(&ev);
                            let parsed = if tenths { parse_tenths(&text) } else { text.trim().parse::<u32>().ok() };
                            invalid.update(|i| i.retain(|x| *x != id));
                            match parsed {
                                Some(v) => draft.update(|d| set(d, v)),
                                None => invalid.update(|i| i.push(id)),
                            }
                        }/>
                    <p class="field-error" id=format!("{id}-error") role="alert">
                        {move || bad().then(|| lang.get().target_invalid())}
                    </p>
                </div>
            }
        })
        .collect_view();

    view! {
        <section class="card no-print dash-targets" aria-labelledby="targets-title" id="targets">
            <h2 id="targets-title">{tr(Lang::dash_edit_targets)}</h2>
            <p class="hint">{tr(Lang::dash_targets_hint)}</p>
            <div class="grid">{inputs}</div>
            <div class="form-actions">
                <button type="button" on:click=move |_| {
                    invalid.set(Vec::new());
                    draft.set(Targets::default());
                }>{tr(Lang::dash_targets_reset)}</button>
                <button type="button" class="primary" on:click=save>{tr(Lang::save)}</button>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_tenths;

    #[test]
    fn targets_are_typed_with_at_most_one_decimal() {
        assert_eq!(parse_tenths("1"), Some(10));
        assert_eq!(parse_tenths(" 1.5 "), Some(15));
        assert_eq!(parse_tenths("2."), Some(20));
        assert_eq!(parse_tenths("0.25"), None);
        assert_eq!(parse_tenths("-1"), None);
        assert_eq!(parse_tenths("abc"), None);
    }
}
