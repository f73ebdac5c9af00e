//! The presenter's "method" panel: what the seeds say about the page on screen, with the
//! numbers currently in force (tier thresholds, the cadence table), in both languages.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::domain::lifecycle::Stage;
use crate::domain::tiering::Scheme;
use crate::i18n::Lang;
use crate::ui::components::stage::stage_label;
use crate::ui::workspace::use_workspace;
use crate::ui::{tr, use_base, use_lang};

/// What a page is about, in the method's sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Topic {
    Overview,
    Tiering,
    Customer,
    Cadence,
    Today,
    FollowUp,
    Lifecycle,
    Targets,
    Templates,
}

impl Topic {
    fn of(path: &str, base: &str) -> Topic {
        let rest = path.strip_prefix(base).unwrap_or(path);
        match rest.trim_matches('/') {
            "" | "index.html" | "today" => Topic::Today,
            "customers" | "customers/new" | "customers/review" => Topic::Tiering,
            "customer" => Topic::Customer,
            "plan" => Topic::Cadence,
            "followup" | "todos" => Topic::FollowUp,
            "pipeline" => Topic::Lifecycle,
            "dashboard" => Topic::Targets,
            "brief" | "templates" => Topic::Templates,
            _ => Topic::Overview,
        }
    }
}

#[component]
pub fn MethodPanel() -> impl IntoView {
    let location = use_location();
    let base = use_base();
    let topic = Memo::new(move |_| Topic::of(&location.pathname.get(), &base));
    view! {
        <aside class="method-panel" aria-labelledby="method-title">
            <p class="method-kicker" id="method-title">{tr(Lang::method_title)}</p>
            {move || match topic.get() {
                Topic::Overview => section(Lang::method_overview_title, "000–004", Lang::method_overview_text).into_any(),
                Topic::Tiering => view! { <TierRules/> }.into_any(),
                Topic::Customer => view! {
                    <TierRules/>
                    {section(Lang::method_churn_title, "000 · 002 · 004", Lang::method_churn_text)}
                }.into_any(),
                Topic::Cadence => view! { <CadenceTable/> }.into_any(),
                Topic::Today => view! {
                    {section(Lang::method_today_title, "001 · 003", Lang::method_today_text)}
                    <CadenceTable/>
                }.into_any(),
                Topic::FollowUp => section(Lang::method_followup_title, "001 · 002 · 003", Lang::method_followup_text).into_any(),
                Topic::Lifecycle => view! { <LifecycleTable/> }.into_any(),
                Topic::Targets => section(Lang::method_targets_title, "002 · 003", Lang::method_targets_text).into_any(),
                Topic::Templates => section(Lang::method_templates_title, "002", Lang::method_templates_text).into_any(),
            }}
        </aside>
    }
}

fn section(
    title: fn(Lang) -> &'static str,
    source: &'static str,
    text: fn(Lang) -> &'static str,
) -> impl IntoView {
    view! {
        <section class="method-section">
            <h2>{tr(title)}</h2>
            <p>{tr(text)}</p>
            <p class="method-source">{tr(Lang::method_source)}{source}</p>
        </section>
    }
}

/// The tier rules in force, with their current thresholds.
#[component]
fn TierRules() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let rules = move || {
        let t = lang.get();
        ws.settings.with(|s| {
            let preset = s.tiering.preset;
            let lines: Vec<(String, String)> = match s.tiering.scheme(preset) {
                Scheme::Rules(rules) => rules
                    .iter()
                    .map(|r| {
                        (
                            t.tier_name(preset, r.tier),
                            t.rule_text(&r.rule, s.money_unit),
                        )
                    })
                    .collect(),
                Scheme::Pareto { a_pct, b_pct } => {
                    let tiers = preset.tiers();
                    let parts = match t {
                        Lang::Zh => [
                            format!("前 {a_pct}%"),
                            format!("其后 {b_pct}%"),
                            "其余".to_string(),
                        ],
                        Lang::En => [
                            format!("the first {a_pct} %"),
                            format!("the next {b_pct} %"),
                            "the rest".to_string(),
                        ],
                    };
                    tiers
                        .iter()
                        .zip(parts)
                        .map(|(tier, text)| (t.tier_name(preset, *tier), text))
                        .collect()
                }
            };
            (
                t.preset_name(preset),
                lines,
                matches!(s.tiering.scheme(preset), Scheme::Pareto { .. }),
            )
        })
    };
    view! {
        <section class="method-section method-tiers">
            <h2>{tr(Lang::method_tiering_title)}</h2>
            {move || {
                let (preset, lines, pareto) = rules();
                view! {
                    <p><strong>{preset}</strong></p>
                    <p>{if pareto { tr(Lang::method_pareto)() } else { tr(Lang::method_tiering_rules)() }}</p>
                    <dl class="method-rules">
                        {lines.into_iter().map(|(tier, rule)| view! { <dt>{tier}</dt><dd>{rule}</dd> }).collect_view()}
                    </dl>
                }
            }}
            <p>{tr(Lang::method_tiering_review)}</p>
            <p class="method-source">{tr(Lang::method_source)}"000 · 001 · 002 · 003"</p>
        </section>
    }
}

/// The cadence table in force: each tier's touches and how often.
#[component]
fn CadenceTable() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let rows = move || {
        let t = lang.get();
        ws.settings.with(|s| {
            let preset = s.tiering.preset;
            let policy = s.cadence.policy_id(preset);
            s.cadence
                .table(policy)
                .into_iter()
                .map(|tc| {
                    let touches = tc
                        .touches
                        .iter()
                        .map(|r| format!("{} {}", t.touch_kind(r.kind), t.interval(r.every)))
                        .collect::<Vec<_>>()
                        .join(t.list_separator());
                    (t.tier_name(preset, tc.tier), touches)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="method-section method-cadence">
            <h2>{tr(Lang::method_cadence_title)}</h2>
            <p>{tr(Lang::method_cadence_table)}</p>
            <dl class="method-rules">
                {move || rows().into_iter().map(|(tier, touches)| view! { <dt>{tier}</dt><dd>{touches}</dd> }).collect_view()}
            </dl>
            <p>{tr(Lang::method_cadence_rules)}</p>
            <p class="method-source">{tr(Lang::method_source)}"000 · 001 · 002 · 003"</p>
        </section>
    }
}

/// The lifecycle table: stage, key actions, time node, outputs.
#[component]
fn LifecycleTable() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    view! {
        <section class="method-section method-lifecycle">
            <h2>{tr(Lang::method_lifecycle_title)}</h2>
            <table class="plain">
                <thead>
                    <tr>
                        <th scope="col">{tr(Lang::method_lifecycle_stage)}</th>
                        <th scope="col">{tr(Lang::method_lifecycle_actions)}</th>
                        <th scope="col">{tr(Lang::method_lifecycle_time)}</th>
                        <th scope="col">{tr(Lang::method_lifecycle_outputs)}</th>
                    </tr>
                </thead>
                <tbody>
                    {Stage::ALL.into_iter().map(|stage| view! {
                        <tr>
                            <th scope="row">{move || stage_label(ws, lang.get(), stage)}</th>
                            <td>{move || join(lang.get(), stage.actions().iter().map(|a| lang.get().key_action(*a)))}</td>
                            <td>{tr(time_node(stage))}</td>
                            <td>{move || join(lang.get(), stage.outputs().iter().map(|o| lang.get().stage_output(*o)))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="method-source">{tr(Lang::method_source)}"004"</p>
        </section>
    }
}

fn join<'a>(t: Lang, parts: impl Iterator<Item = &'a str>) -> String {
    parts.collect::<Vec<_>>().join(t.list_separator())
}

fn time_node(stage: Stage) -> fn(Lang) -> &'static str {
    match stage {
        Stage::Lead => Lang::time_node_lead,
        Stage::Nurturing => Lang::time_node_nurturing,
        Stage::Converted => Lang::time_node_converted,
        Stage::Mature => Lang::time_node_mature,
        Stage::Churned => Lang::time_node_churned,
    }
}

#[cfg(test)]
mod tests {
    use super::Topic;

    #[test]
    fn each_page_has_its_part_of_the_method() {
        assert_eq!(Topic::of("/tools/crm/plan/", "/tools/crm"), Topic::Cadence);
        assert_eq!(Topic::of("/", ""), Topic::Today);
        assert_eq!(Topic::of("/customer/", ""), Topic::Customer);
        assert_eq!(Topic::of("/customers/review/", ""), Topic::Tiering);
        assert_eq!(Topic::of("/dashboard/", ""), Topic::Targets);
        assert_eq!(Topic::of("/settings/", ""), Topic::Overview);
    }
}
