//! Settings → Tiering: the preset, its numbers (editable, the seed's as defaults), and the
//! observation and adjustment settings.

use leptos::prelude::*;

use crate::domain::money::{format_amount, parse_amount, Fen};
use crate::domain::tiering::rules::{Expr, Metric, Test};
use crate::domain::tiering::{default_scheme, PresetId, Scheme, TieringSettings};
use crate::i18n::Lang;
use crate::ui::workspace::use_workspace;
use crate::ui::{tr, use_lang};

#[component]
pub fn TieringSettingsSection() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let draft = RwSignal::new(ws.settings.get_untracked().tiering);
    crate::ui::form::follow_saved(draft, move || ws.settings.with(|s| s.tiering.clone()));
    let preset = Memo::new(move |_| draft.with(|d| d.preset));
    let scheme = Memo::new(move |_| draft.with(|d| d.scheme(d.preset)));

    let save = move |_| {
        let mut settings = ws.settings.get_untracked();
        settings.tiering = draft.get_untracked();
        let saved = lang.get_untracked().settings_saved().to_string();
        ws.save_settings(settings, Some(saved));
    };
    let set_param = move |pick: fn(&mut TieringSettings) -> &mut u32| {
        move |ev: leptos::ev::Event| {
            if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() {
                draft.update(|d| *pick(d) = v);
            }
        }
    };
    let param = move |label: fn(Lang) -> &'static str,
                      id: &'static str,
                      get: fn(&TieringSettings) -> u32,
                      pick: fn(&mut TieringSettings) -> &mut u32| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input id=id type="number" min="0" inputmode="numeric"
                    prop:value=move || draft.with(|d| get(d).to_string())
                    on:change=set_param(pick)/>
            </div>
        }
    };

    view! {
        <section class="card" aria-labelledby="tiering-title" id="tiering">
            <h2 id="tiering-title">{tr(Lang::settings_tiering_title)}</h2>
            <fieldset class="choices">
                <legend>{tr(Lang::settings_tiering_preset)}</legend>
                {PresetId::ALL.into_iter().map(|p| view! {
                    <label class="choice">
                        <input type="radio" name="tiering-preset" prop:checked=move || preset.get() == p
                            on:change=move |_| draft.update(|d| d.preset = p)/>
                        <span>{move || lang.get().preset_name(p)}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <p class="hint preset-reading">{move || lang.get().preset_reading(preset.get())}</p>
            <h3>{tr(Lang::settings_tiering_rules)}</h3>
            {move || {
                let p = preset.get();
                match scheme.get() {
                    Scheme::Pareto { a_pct, b_pct } => view! {
                        <div class="grid">
                            <ParetoField label="A %" value=a_pct on_change=Callback::new(move |v| draft.update(|d| {
                                if let Scheme::Pareto { b_pct, .. } = d.scheme(p) { d.set_scheme(p, Scheme::Pareto { a_pct: v, b_pct }); }
                            }))/>
                            <ParetoField label="B %" value=b_pct on_change=Callback::new(move |v| draft.update(|d| {
                                if let Scheme::Pareto { a_pct, .. } = d.scheme(p) { d.set_scheme(p, Scheme::Pareto { a_pct, b_pct: v }); }
                            }))/>
                        </div>
                    }.into_any(),
                    Scheme::Rules(rules) => {
                        // Each editable number is the n-th test of its rule, counted in order.
                        view! {
                            <ol class="rule-list">
                                {rules.into_iter().enumerate().map(|(r, rule)| view! {
                                    <li>
                                        <strong>{move || lang.get().tier_name(p, rule.tier)}</strong>
                                        ": "
                                        <RuleView expr=rule.rule.clone() rule_index=r draft=draft next=StoredValue::new(0)/>
                                    </li>
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }
                }
            }}
            <button type="button" on:click=move |_| draft.update(|d| { let p = d.preset; d.set_scheme(p, default_scheme(p)); })>
                {tr(Lang::settings_tiering_reset)}
            </button>
            <div class="grid tiering-params">
                {param(Lang::settings_tiering_margin, "tiering-margin", |d| d.margin_pct, |d| &mut d.margin_pct)}
                {param(Lang::settings_tiering_observation, "tiering-observation", |d| d.observation_months, |d| &mut d.observation_months)}
                {param(Lang::settings_tiering_pause, "tiering-pause", |d| d.pause_days, |d| &mut d.pause_days)}
                {param(Lang::settings_tiering_surge, "tiering-surge", |d| d.surge_multiple, |d| &mut d.surge_multiple)}
                {param(Lang::settings_tiering_raise, "tiering-raise", |d| d.raise_months, |d| &mut d.raise_months)}
            </div>
            <div class="form-actions">
                <button type="button" class="primary" on:click=save>{tr(Lang::save)}</button>
            </div>
        </section>
    }
}

#[component]
fn ParetoField(label: &'static str, value: u32, on_change: Callback<u32>) -> impl IntoView {
    view! {
        <label class="inline-field">
            <span>{label}</span>
            <input type="number" min="0" max="100" prop:value=value.to_string()
                on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() {
                        on_change.run(v);
                    }
                }/>
        </label>
    }
}

/// A rule with an input for each number; `next` counts the tests already shown, so each
/// input knows which test of the rule it edits.
#[component]
fn RuleView(
    expr: Expr,
    rule_index: usize,
    draft: RwSignal<TieringSettings>,
    next: StoredValue<usize>,
) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let is_any = matches!(expr, Expr::Any(_));
    match expr {
        Expr::All(parts) | Expr::Any(parts) if parts.is_empty() => {
            view! { <span>{tr(Lang::rule_otherwise)}</span> }.into_any()
        }
        Expr::All(parts) | Expr::Any(parts) => {
            let joiner: fn(Lang) -> &'static str = if is_any {
                Lang::rule_or
            } else {
                Lang::rule_and
            };
            view! {
                <span class="rule-group">
                    {parts.into_iter().enumerate().map(|(i, part)| view! {
                        {(i > 0).then(|| view! { <span class="rule-joiner">{tr(joiner)}</span> })}
                        <RuleView expr=part rule_index=rule_index draft=draft next=next/>
                    }).collect_view()}
                </span>
            }
            .into_any()
        }
        Expr::Test(test) => {
            let n = next.get_value();
            next.set_value(n + 1);
            match test {
                Test::AtLeast(m, v) | Test::AtMost(m, v) => {
                    let op = if matches!(test, Test::AtLeast(..)) { "≥" } else { "≤" };
                    let unit = ws.settings.get_untracked().money_unit;
                    let shown = if m == Metric::Spend12m { format_amount(Fen(v), unit) } else { v.to_string() };
                    let on_change = move |ev: leptos::ev::Event| {
                        let text = event_target_value(&ev);
                        let parsed = if m == Metric::Spend12m {
                            parse_amount(&text, unit).ok().map(|f| f.0)
                        } else {
                            text.trim().parse::<i64>().ok()
                        };
                        if let Some(value) = parsed.filter(|v| *v >= 0) {
                            draft.update(|d| {
                                let p = d.preset;
                                let mut scheme = d.scheme(p);
                                if let Scheme::Rules(rules) = &mut scheme {
                                    if let Some(Test::AtLeast(_, x) | Test::AtMost(_, x)) =
                                        rules.get_mut(rule_index).and_then(|r| r.rule.tests_mut().into_iter().nth(n))
                                    {
                                        *x = value;
                                    }
                                }
                                d.set_scheme(p, scheme);
                            });
                        }
                    };
                    view! {
                        <span class="rule-test">
                            {move || lang.get().metric_name(m)}" "{op}" "
                            <input type="text" inputmode="decimal" class="rule-number"
                                aria-label=move || format!("{} {op}", lang.get().metric_name(m))
                                prop:value=shown on:change=on_change/>
                            " "{move || lang.get().metric_unit(m, unit)}
                        </span>
                    }
                    .into_any()
                }
                Test::Is(f) => view! { <span class="rule-test">{move || lang.get().flag_text(f, true)}</span> }.into_any(),
                Test::Not(f) => view! { <span class="rule-test">{move || lang.get().flag_text(f, false)}</span> }.into_any(),
            }
        }
    }
}
