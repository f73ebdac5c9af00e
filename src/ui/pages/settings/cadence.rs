//! Settings → Cadence: which seed's cadence, its numbers, weekends, a daily cap, holidays,
//! peak-season reminders and onboarding.

use crate::domain::sorting;
use leptos::prelude::*;

use crate::domain::cadence::{default_policy, CadenceSettings, Holiday, Interval, PolicyId};
use crate::i18n::Lang;
use crate::ui::workspace::use_workspace;
use crate::ui::{tr, use_lang};

#[component]
pub fn CadenceSettingsSection() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let draft = RwSignal::new(ws.settings.get_untracked().cadence);
    crate::ui::form::follow_saved(draft, move || ws.settings.with(|s| s.cadence.clone()));
    let preset = move || ws.settings.with(|s| s.tiering.preset);
    let policy = Memo::new(move |_| draft.with(|d| d.policy_id(preset())));

    let save = move |_| {
        let mut settings = ws.settings.get_untracked();
        settings.cadence = draft.get_untracked();
        let saved = lang.get_untracked().settings_saved().to_string();
        ws.save_settings(settings, Some(saved));
    };
    let number = move |label: fn(Lang) -> &'static str,
                       id: &'static str,
                       get: fn(&CadenceSettings) -> u32,
                       set: fn(&mut CadenceSettings, u32)| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input id=id type="number" min="0" prop:value=move || draft.with(|d| get(d).to_string())
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() {
                            draft.update(|d| set(d, v));
                        }
                    }/>
            </div>
        }
    };
    let check = move |label: fn(Lang) -> &'static str,
                      id: &'static str,
                      get: fn(&CadenceSettings) -> bool,
                      set: fn(&mut CadenceSettings, bool)| {
        view! {
            <div class="field field-check">
                <input id=id type="checkbox" prop:checked=move || draft.with(get) on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    draft.update(|d| set(d, on));
                }/>
                <label for=id>{tr(label)}</label>
            </div>
        }
    };

    view! {
        <section class="card" aria-labelledby="cadence-title" id="cadence">
            <h2 id="cadence-title">{tr(Lang::settings_cadence_title)}</h2>
            <fieldset class="choices">
                <legend>{tr(Lang::settings_cadence_policy)}</legend>
                <label class="choice">
                    <input type="radio" name="cadence-policy" prop:checked=move || draft.with(|d| d.policy.is_none())
                        on:change=move |_| draft.update(|d| d.policy = None)/>
                    <span>{tr(Lang::settings_cadence_follow)}</span>
                </label>
                {PolicyId::ALL.into_iter().map(|p| view! {
                    <label class="choice">
                        <input type="radio" name="cadence-policy" prop:checked=move || draft.with(|d| d.policy == Some(p))
                            on:change=move |_| draft.update(|d| d.policy = Some(p))/>
                        <span>{move || lang.get().policy_name(p)}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <h3>{tr(Lang::settings_cadence_table)}</h3>
            {move || {
                let p = policy.get();
                let table = draft.with(|d| d.table(p));
                let preset = preset();
                view! {
                    <div class="table-scroll">
                    <table class="plain cadence-table">
                        <tbody>
                            {table.into_iter().enumerate().map(|(ti, tc)| view! {
                                <tr>
                                    <th scope="row">{move || lang.get().tier_name(preset, tc.tier)}</th>
                                    <td>
                                        {tc.touches.iter().enumerate().map(|(ri, rule)| {
                                            let (n, months) = match rule.every {
                                                Interval::Days(d) => (d, false),
                                                Interval::Months(m) => (m, true),
                                            };
                                            let kind = rule.kind;
                                            view! {
                                                <span class="rule-test">
                                                    {move || lang.get().touch_kind(kind)}" · "{tr(Lang::every_label)}" "
                                                    <input type="number" min="1" class="rule-number"
                                                        aria-label=move || format!("{} {}", lang.get().tier_name(preset, tc.tier), lang.get().touch_kind(kind))
                                                        prop:value=n.to_string()
                                                        on:change=move |ev| {
                                                            if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() {
                                                                if v > 0 {
                                                                    draft.update(|d| {
                                                                        let mut t = d.table(p);
                                                                        if let Some(r) = t.get_mut(ti).and_then(|tc| tc.touches.get_mut(ri)) {
                                                                            r.every = if months { Interval::Months(v) } else { Interval::Days(v) };
                                                                        }
                                                                        d.set_table(p, t);
                                                                    });
                                                                }
                                                            }
                                                        }/>
                                                    " "{if months { tr(Lang::every_months)() } else { tr(Lang::every_days)() }}
                                                </span>
                                            }
                                        }).collect_view()}
                                        {tc.response.map(|r| view! { <span class="hint">" "{move || lang.get().response(r)}</span> })}
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }
            }}
            <button type="button" on:click=move |_| draft.update(|d| { let p = d.policy_id(preset()); d.set_table(p, default_policy(p)); })>
                {tr(Lang::settings_tiering_reset)}
            </button>
            <div class="grid tiering-params">
                {check(Lang::settings_cadence_skip_weekends, "cadence-weekends", |d| d.skip_weekends, |d, v| d.skip_weekends = v)}
                {check(Lang::settings_cadence_onboarding, "cadence-onboarding", |d| d.onboarding, |d, v| d.onboarding = v)}
                {number(Lang::settings_cadence_cap, "cadence-cap", |d| d.daily_cap, |d, v| d.daily_cap = v)}
                {number(Lang::settings_cadence_peak, "cadence-peak", |d| d.peak_lead_days, |d, v| d.peak_lead_days = v)}
            </div>
            <fieldset class="choices holidays">
                <legend>{tr(Lang::settings_cadence_holidays)}</legend>
                {Holiday::ALL.into_iter().map(|h| view! {
                    <label class="chip-check">
                        <input type="checkbox" prop:checked=move || draft.with(|d| d.holidays.contains(&h))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                draft.update(|d| {
                                    d.holidays.retain(|x| *x != h);
                                    if on {
                                        d.holidays.push(h);
                                        sorting::sort(&mut d.holidays);
                                    }
                                });
                            }/>
                        <span>{move || lang.get().holiday(h)}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <div class="form-actions">
                <button type="button" class="primary" on:click=save>{tr(Lang::save)}</button>
            </div>
        </section>
    }
}
