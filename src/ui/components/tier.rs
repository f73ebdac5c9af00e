//! A customer's tier where it is shown: the badge in lists and the tier card on the profile,
//! with the rule that decided it, the proposal under observation, overrides and history.

use leptos::prelude::*;

use super::profile_drafts::{details_open, profile_draft};
use crate::domain::records::Customer;
use crate::domain::tiering::review::{paused_a, ManualError};
use crate::domain::tiering::{Classification, PresetId, Tier, TierDecision, TierState};
use crate::i18n::Lang;
use crate::ui::workspace::use_workspace;
use crate::ui::{format, tr, use_lang};

/// The letter of the tier a customer is treated as, marked when set by hand, raised, or
/// under observation.
#[component]
pub fn TierBadge(
    tier: Option<Tier>,
    #[prop(optional)] manual: bool,
    #[prop(optional)] watch: bool,
) -> impl IntoView {
    let letter = match tier {
        Some(Tier::A) => "A",
        Some(Tier::B) => "B",
        Some(Tier::C) => "C",
        Some(Tier::D) => "D",
        None => "–",
    };
    let class = format!(
        "tier tier-{}{}{}",
        letter.to_lowercase(),
        if manual { " tier-manual" } else { "" },
        if watch { " tier-watch" } else { "" }
    );
    view! { <span class=class>{letter}</span> }
}

/// Why a customer has its tier, said once and consistently with its badge: the deciding rule
/// and, when the rules compute another tier that is under observation, the current tier with
/// the pending one and the date it applies. The second text is the nearest higher tier's
/// unmet condition ("B: tenure 1 y < 2 y"), when there is a higher tier.
pub fn tier_reason(
    lang: Lang,
    preset: PresetId,
    state: &TierState,
    cl: &Classification,
    unit: crate::domain::money::MoneyUnit,
    observation_months: u32,
    today: chrono::NaiveDate,
) -> (String, Option<String>) {
    let explained = lang.explain(preset, cl.tier, &cl.explanation, unit);
    let effective = state.effective(today);
    let line = match (effective, state.pending) {
        (Some(now), Some(p)) if p.tier == cl.tier && now != cl.tier => {
            let applies = format::date(p.applies_on(observation_months));
            lang.tier_pending_line(
                &lang.tier_name(preset, now),
                &lang.tier_name(preset, p.tier),
                &applies,
                &explained,
            )
        }
        _ => explained,
    };
    let next_up = lang.why_not(preset, &cl.explanation, unit).pop();
    (line, next_up)
}

/// The tier card of a profile.
#[component]
pub fn TierCard(customer: Customer, classification: Option<Classification>) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let today = ws.today.get_untracked();
    let settings = ws.settings.get_untracked().tiering;
    let preset = settings.preset;
    let unit = ws.settings.get_untracked().money_unit;
    let state = customer.tiering.clone();
    let effective = state.effective(today);
    let paused = paused_a(&customer, effective, &settings, today);
    let id = StoredValue::new(customer.id.clone());
    let decide = move |decision: TierDecision| ws.decide_tiers(vec![id.get_value()], decision);

    // Texts follow the language; the classification itself is fixed for this render.
    let observation = settings.observation_months;
    let reason_state = StoredValue::new(state.clone());
    let explanation = classification.map(|c| {
        let c = StoredValue::new(c);
        let line = move || {
            c.with_value(|c| {
                reason_state.with_value(|s| {
                    tier_reason(lang.get(), preset, s, c, unit, observation, today).0
                })
            })
        };
        let why_not = move || c.with_value(|c| lang.get().why_not(preset, &c.explanation, unit));
        let missing = move || {
            let t = lang.get();
            c.with_value(|c| {
                c.explanation
                    .missing
                    .iter()
                    .map(|m| t.missing_input(*m))
                    .collect::<Vec<_>>()
            })
            .join(t.list_separator())
        };
        let has_why_not = c.with_value(|c| !c.explanation.tried_before.is_empty());
        let observation = move || {
            c.with_value(|c| {
                c.borderline
                    .then(|| lang.get().observation_note(&c.near, unit))
            })
        };
        let has_missing = c.with_value(|c| !c.explanation.missing.is_empty());
        (
            line,
            why_not,
            missing,
            has_why_not,
            has_missing,
            observation,
        )
    });
    let pending = state.pending.map(|p| {
        let from = state
            .current
            .map(|t| lang.get_untracked().tier_name(preset, t))
            .unwrap_or_default();
        let to = lang.get_untracked().tier_name(preset, p.tier);
        let applies = format::date(p.applies_on(settings.observation_months));
        (from, to, applies)
    });

    view! {
        <section class="card tier-card" aria-labelledby="tier-title">
            <h2 id="tier-title">{tr(Lang::tier_title)}</h2>
            <p class="tier-line">
                <TierBadge tier=effective manual=state.manual.is_some() watch=state.pending.is_some()/>
                " "
                {move || effective.map(|t| lang.get().tier_name(preset, t)).unwrap_or_default()}
            </p>
            {state.manual.clone().map(|m| view! {
                <p class="tier-note">{move || lang.get().manual_note(&m.reason, m.until.map(format::date).as_deref())}</p>
            })}
            {state.raised.map(|r| view! {
                <p class="tier-note">{move || lang.get().raised_note(&format::date(r.until))}</p>
            })}
            {explanation.map(|(line, why_not, missing, has_why_not, has_missing, observation)| view! {
                <p class="tier-explanation">{line}</p>
                // Every condition each higher tier failed, with the real figures, in sight.
                {has_why_not.then(|| view! {
                    <div class="tier-why-not">
                        <p>{tr(Lang::tier_why_not)}</p>
                        <ul>{move || why_not().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                    </div>
                })}
                {has_missing.then(|| view! {
                    <p class="tier-missing">{tr(Lang::tier_missing)}{missing}</p>
                })}
                {move || observation().map(|note| view! { <p class="notice notice-warn tier-observation">{note}</p> })}
            })}
            {paused.map(|_| view! { <p class="notice notice-warn">{tr(Lang::tier_paused_a)}</p> })}
            {pending.map(|(from, to, applies)| view! {
                <div class="notice notice-warn tier-proposal" role="status">
                    <p><strong>{tr(Lang::tier_proposed)}</strong>": "{move || lang.get().proposal_note(&from, &to, &applies)}</p>
                    <button type="button" class="primary" on:click=move |_| decide(TierDecision::Confirm)>{tr(Lang::tier_confirm)}</button>
                    " "
                    <button type="button" on:click=move |_| decide(TierDecision::Reject)>{tr(Lang::tier_reject)}</button>
                </div>
            })}
            <ManualTierForm preset=preset state=state.clone() on_decide=Callback::new(decide)/>
            <TierHistory state=state preset=preset/>
        </section>
    }
}

#[component]
fn ManualTierForm(
    preset: PresetId,
    state: TierState,
    on_decide: Callback<TierDecision>,
) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    // Kept by the page: the rules may move this customer's tier while the form is filled.
    let open = profile_draft("tier.manual.open", || false);
    let tier = profile_draft("tier.manual.tier", || {
        state.effective(ws.today.get_untracked()).unwrap_or(Tier::A)
    });
    let reason = profile_draft("tier.manual.reason", String::new);
    let until = profile_draft("tier.manual.until", String::new);
    let error = profile_draft("tier.manual.error", || None::<&'static str>);
    let has_manual = state.manual.is_some();
    let state = StoredValue::new(state);
    let set = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let decision = TierDecision::SetManual {
            tier: tier.get_untracked(),
            reason: reason.get_untracked(),
            until: until.with_untracked(|u| crate::domain::calendar::parse_ymd(u)),
        };
        // Checked here to say what is wrong beside the form; applied again to the stored state.
        match state
            .get_value()
            .decide(&decision, ws.today.get_untracked())
        {
            Ok(_) => {
                error.set(None);
                reason.set(String::new());
                until.set(String::new());
                open.set(false);
                on_decide.run(decision);
            }
            Err(ManualError::ReasonRequired) => {
                error.set(Some(lang.get_untracked().tier_manual_reason_required()))
            }
            Err(ManualError::EndsInThePast) => {
                error.set(Some(lang.get_untracked().tier_manual_until_past()))
            }
        }
    };
    let clear = move |_| {
        // Closed, as after setting one.
        open.set(false);
        on_decide.run(TierDecision::ClearManual);
    };
    view! {
        <details class="tier-manual" prop:open=move || open.get() on:toggle=move |ev| open.set(details_open(&ev))>
            <summary>{tr(Lang::tier_manual)}</summary>
            // Drawn when opened: Chromium may give a date input drawn inside a closed
            // <details> no box at all once it opens (seen on a busy machine).
            <Show when=move || open.get()>
                <form class="inline-form" on:submit=set novalidate>
                    <label class="inline-field">
                        <span>{tr(Lang::tier_col)}</span>
                        <select on:change=move |ev| {
                            if let Some(t) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| preset.tiers().get(i)) {
                                tier.set(*t);
                            }
                        }>
                            {preset.tiers().iter().enumerate().map(|(i, t)| {
                                let t = *t;
                                view! { <option value=i.to_string() selected=move || tier.get() == t>{move || lang.get().tier_name(preset, t)}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="inline-field grow">
                        <span>{tr(Lang::tier_manual_reason)}</span>
                        <input type="text" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))
                            aria-invalid=move || error.get().is_some().then_some("true")/>
                    </label>
                    <label class="inline-field">
                        <span>{tr(Lang::tier_manual_until)}</span>
                        <input type="date" prop:value=move || until.get() on:input=move |ev| until.set(event_target_value(&ev))/>
                    </label>
                    <button type="submit">{tr(Lang::tier_manual_set)}</button>
                    {has_manual.then(|| view! { <button type="button" on:click=clear>{tr(Lang::tier_manual_clear)}</button> })}
                </form>
                <p class="field-error" role="alert">{move || error.get()}</p>
            </Show>
        </details>
    }
}

#[component]
fn TierHistory(state: TierState, preset: PresetId) -> impl IntoView {
    let lang = use_lang();
    if state.history.is_empty() {
        return ().into_any();
    }
    let mut history = state.history;
    history.reverse();
    view! {
        <details class="tier-history">
            <summary>{tr(Lang::tier_history)}</summary>
            <table class="plain">
                <tbody>
                    {history.into_iter().map(|h| view! {
                        <tr>
                            <td>{format::date(h.date)}</td>
                            <td>{move || {
                                let t = lang.get();
                                let from = h.from.map(|f| t.tier_name(preset, f)).unwrap_or_else(|| "—".into());
                                format!("{from} → {}", t.tier_name(preset, h.to))
                            }}</td>
                            <td>{move || lang.get().change_cause(h.cause)}</td>
                            <td>{h.note.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
    .into_any()
}
