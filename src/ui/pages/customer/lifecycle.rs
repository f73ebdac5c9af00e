//! On a customer's profile: its lifecycle stage (status, checklist, outputs, history), its
//! health with the churn signals behind it, and its win-back cases.

use crate::domain::sorting;
use leptos::prelude::*;

use crate::domain::churn::{new_signals, signals, Health, Signal};
use crate::domain::lifecycle::{inferred_stage, OutputNote, Stage};
use crate::domain::records::Customer;
use crate::domain::records::FollowUp;
use crate::domain::time_node::{done_on, late_node, time_node};
use crate::domain::winback::{CloseError, Outcome, PlanAction, Reason, WinBackCase};
use crate::i18n::Lang;
use crate::ui::components::profile_drafts::profile_draft;
use crate::ui::components::stage::{move_stage, stage_label};
use crate::ui::toast::use_toaster;
use crate::ui::workspace::{new_id, use_workspace, Workspace};
use crate::ui::{format, tr, use_base, use_lang};

/// Health and signals of a customer today.
pub fn health_of(ws: Workspace, c: &Customer) -> (Health, Vec<Signal>) {
    let today = ws.today.get_untracked();
    let tiering = ws.settings.with_untracked(|s| s.tiering.clone());
    let s = ws
        .followups
        .with_untracked(|fs| signals(c, fs, c.tiering.effective(today), &tiering, today));
    (Health::of(&s), s)
}

#[component]
pub fn HealthCard(customer: Customer) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let (health, list) = health_of(ws, &customer);
    let fresh = new_signals(&list, &customer.signals_seen);
    let has_open_case = customer.winback.iter().any(WinBackCase::is_open);
    let id = StoredValue::new(customer.id.clone());
    let seen_all = move |start: bool| {
        let kinds: Vec<_> = fresh.clone();
        let today = ws.today.get_untracked();
        let owner = ws
            .customer(&id.get_value())
            .map(|c| c.owner)
            .unwrap_or_default();
        ws.update_customer(&id.get_value(), move |c| {
            for k in kinds {
                if !c.signals_seen.contains(&k) {
                    c.signals_seen.push(k);
                }
            }
            if start {
                c.winback.push(WinBackCase {
                    id: new_id(),
                    opened_on: Some(today),
                    owner,
                    ..WinBackCase::default()
                });
            }
        });
    };
    let seen_all = StoredValue::new(seen_all);
    let class = match health {
        Health::AtRisk => "health health-risk",
        Health::Watch => "health health-watch",
        Health::Healthy => "health health-ok",
    };
    let has_fresh = !new_signals(&list, &customer.signals_seen).is_empty();
    let signals_view = list.clone();
    view! {
        <section class="card" aria-labelledby="health-title">
            <h2 id="health-title">{tr(Lang::health_title)}": "<span class=class>{move || lang.get().health(health)}</span></h2>
            <ul class="plain-list signals">
                {signals_view.into_iter().map(|s| view! { <li>{move || lang.get().signal(&s)}</li> }).collect_view()}
            </ul>
            {(has_fresh && !has_open_case).then(|| view! {
                <div class="notice notice-warn" role="status">
                    <p>{tr(Lang::health_new_signal)}{move || lang.get().health(health)}</p>
                    <button type="button" class="primary" on:click=move |_| seen_all.with_value(|f| f(true))>{tr(Lang::health_start_winback)}</button>
                    " "
                    <button type="button" on:click=move |_| seen_all.with_value(|f| f(false))>{tr(Lang::health_dismiss)}</button>
                </div>
            })}
        </section>
    }
}

#[component]
pub fn LifecycleCard(customer: Customer) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let today = ws.today.get_untracked();
    let stage = customer.stage;
    let shown = stage.unwrap_or_else(|| inferred_stage(customer.first_deal(), today));
    let l = customer.lifecycle.clone();
    // The node and the checklist as the records show them (a logged review, an order …).
    let (late, node, from_records) = ws.followups.with_untracked(|fs| {
        let mine: Vec<&FollowUp> = fs.iter().filter(|f| f.customer_id == customer.id).collect();
        let from_records: Vec<_> = match (stage, l.since) {
            (Some(s), Some(since)) => s
                .actions()
                .iter()
                .map(|a| done_on(&customer, &mine, s, *a, since))
                .collect(),
            _ => Vec::new(),
        };
        (
            late_node(&customer, &mine, today),
            time_node(&customer, &mine),
            from_records,
        )
    });
    let id = StoredValue::new(customer.id.clone());
    let update = move |f: Box<dyn FnOnce(&mut Customer) + Send>| {
        ws.update_customer(&id.get_value(), f);
    };
    // Kept by the page: a record change redraws the card while the note is typed.
    let output_kind = profile_draft("lifecycle.output.kind", || 0usize);
    let output_text = profile_draft("lifecycle.output.text", String::new);
    let since = l.since;
    let history = l.history.clone();
    let outputs: Vec<OutputNote> = l
        .outputs
        .iter()
        .filter(|o| Some(o.stage) == stage)
        .cloned()
        .collect();
    let l = StoredValue::new(l);
    view! {
        <section class="card" aria-labelledby="lifecycle-title">
            <h2 id="lifecycle-title">{tr(Lang::pipe_lifecycle)}</h2>
            <div class="inline-form">
                <label class="inline-field">
                    <span>{tr(Lang::pipe_stage)}</span>
                    <select on:change=move |ev| {
                        if let Some(s) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| Stage::ALL.get(i)) {
                            move_stage(ws, &id.get_value(), *s);
                        }
                    }>
                        {stage.is_none().then(|| view! { <option value="" selected=true>"—"</option> })}
                        {Stage::ALL.into_iter().enumerate().map(|(i, s)| view! {
                            <option value=i.to_string() selected=stage == Some(s)>{move || stage_label(ws, lang.get(), s)}</option>
                        }).collect_view()}
                    </select>
                </label>
                {stage.map(|s| view! {
                    <label class="inline-field">
                        <span>{tr(Lang::pipe_status)}</span>
                        <select on:change=move |ev| {
                            if let Some(st) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| s.statuses().get(i).copied()) {
                                let today = ws.today.get_untracked();
                                update(Box::new(move |c| c.lifecycle.move_to(Some(s), s, Some(st), today)));
                            }
                        }>
                            {l.with_value(|l| l.status.is_none()).then(|| view! { <option value="" selected=true>{tr(Lang::pipe_no_status)}</option> })}
                            {s.statuses().into_iter().enumerate().map(|(i, st)| view! {
                                <option value=i.to_string() selected=l.with_value(|l| l.status == Some(st))>{move || lang.get().stage_status(st)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                })}
            </div>
            {stage.is_none().then(|| view! { <p class="hint">{move || format!("{} — {}", stage_label(ws, lang.get(), shown), lang.get().pipe_inferred())}</p> })}
            {stage.map(|s| view! {
                <p class="hint">
                    {tr(Lang::pipe_time_node)}": "{node.map(format::date).unwrap_or_default()}
                    {late.clone().map(|n| view! {
                        " " <span class="late-flag">{tr(Lang::pipe_late)}</span>
                        <span class="late-node">" "{move || lang.get().pipe_node_passed(&format::date(n.due), &n.missing)}</span>
                    })}
                </p>
                <h3>{tr(Lang::pipe_checklist)}</h3>
                <ul class="plain-list checklist">
                    {s.actions().iter().enumerate().map(|(i, a)| {
                        let a = *a;
                        let done = l.with_value(|l| l.is_done(s, a, since));
                        let by_records = from_records.get(i).copied().flatten().filter(|_| !done);
                        view! {
                            <li>
                                <label class="inline-check">
                                    <input type="checkbox" prop:checked=done on:change=move |_| {
                                        let today = ws.today.get_untracked();
                                        update(Box::new(move |c| c.lifecycle.toggle(s, a, today)));
                                    }/>
                                    <span>{move || lang.get().key_action(a)}</span>
                                </label>
                                {by_records.map(|d| view! { " "<span class="hint small">{move || lang.get().pipe_done_by_records(&format::date(d))}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <h3>{tr(Lang::pipe_outputs)}</h3>
                <ul class="plain-list">
                    {outputs.iter().cloned().map(|o| view! {
                        <li><strong>{move || lang.get().stage_output(o.output)}</strong>" · "{o.text.clone()}" · "{format::date(o.on)}</li>
                    }).collect_view()}
                </ul>
                <form class="inline-form" on:submit=move |ev| {
                    ev.prevent_default();
                    let text = output_text.get_untracked().trim().to_string();
                    let Some(output) = s.outputs().get(output_kind.get_untracked()).copied() else { return };
                    if text.is_empty() { return; }
                    let today = ws.today.get_untracked();
                    update(Box::new(move |c| c.lifecycle.outputs.push(OutputNote { stage: s, output, text, on: today })));
                    output_text.set(String::new());
                }>
                    <select aria-label=tr(Lang::pipe_outputs) on:change=move |ev| output_kind.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {s.outputs().iter().enumerate().map(|(i, o)| {
                            let o = *o;
                            view! { <option value=i.to_string() selected=move || output_kind.get() == i>{move || lang.get().stage_output(o)}</option> }
                        }).collect_view()}
                    </select>
                    <input type="text" aria-label=tr(Lang::pipe_output_text) placeholder=tr(Lang::pipe_output_text)
                        prop:value=move || output_text.get() on:input=move |ev| output_text.set(event_target_value(&ev))/>
                    <button type="submit">{tr(Lang::pipe_output_add)}</button>
                </form>
            })}
            {(!history.is_empty()).then(|| view! {
                <details class="stage-history">
                    <summary>{tr(Lang::pipe_history)}</summary>
                    <ul class="plain-list">
                        {history.iter().rev().cloned().map(|h| view! {
                            <li>
                                {format::date(h.date)}" · "
                                {move || h.from.map(|f| format!("{} → ", stage_label(ws, lang.get(), f))).unwrap_or_default()}
                                {move || stage_label(ws, lang.get(), h.to)}
                                {move || h.status.map(|s| format!(" ({})", lang.get().stage_status(s))).unwrap_or_default()}
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </section>
    }
}

const REASONS: [Reason; 3] = [Reason::Service, Reason::Product, Reason::Price];
const ACTIONS: [PlanAction; 3] = [
    PlanAction::Discount,
    PlanAction::ServiceUpgrade,
    PlanAction::ExecutiveApology,
];

#[component]
pub fn WinBackCard(customer: Customer) -> impl IntoView {
    let lang = use_lang();
    let open = customer.winback.iter().find(|w| w.is_open()).cloned();
    let closed: Vec<WinBackCase> = customer
        .winback
        .iter()
        .filter(|w| !w.is_open())
        .cloned()
        .collect();
    if open.is_none() && closed.is_empty() {
        return ().into_any();
    }
    let cid = customer.id.clone();
    view! {
        <section class="card" aria-labelledby="winback-title">
            <h2 id="winback-title">{tr(Lang::wb_title)}</h2>
            {open.map(|case| view! { <OpenCase customer_id=cid.clone() case=case/> })}
            {(!closed.is_empty()).then(|| view! {
                <h3>{tr(Lang::wb_closed_cases)}</h3>
                <ul class="plain-list">
                    {closed.into_iter().map(|c| view! {
                        <li>
                            {c.opened_on.map(format::date).unwrap_or_default()}" → "{c.closed_on.map(format::date).unwrap_or_default()}" · "
                            <strong>{move || c.outcome.map(|o| lang.get().winback_outcome(o)).unwrap_or_default()}</strong>
                            " · "{c.review.clone()}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn OpenCase(customer_id: String, case: WinBackCase) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let toaster = use_toaster();
    let base = use_base();
    // Kept by the page, per case: a record change redraws the card while the case is filled.
    let key = |field: &str| format!("winback.{}.{field}", case.id);
    let draft = profile_draft(&key("case"), || case.clone());
    let other = profile_draft(&key("other"), || {
        case.reasons
            .iter()
            .find_map(|r| match r {
                Reason::Other(t) => Some(t.clone()),
                _ => None,
            })
            .unwrap_or_default()
    });
    let fix = profile_draft(&key("fix"), || {
        case.actions
            .iter()
            .find_map(|a| match a {
                PlanAction::SpecificFix(t) => Some(t.clone()),
                _ => None,
            })
            .unwrap_or_default()
    });
    let outcome = profile_draft(&key("outcome"), || Outcome::Recovered);
    let review = profile_draft(&key("review"), String::new);
    let error = profile_draft(&key("error"), || None::<&'static str>);
    let cid = StoredValue::new(customer_id.clone());
    let case_id = case.id.clone();
    let assemble = move || {
        let mut c = draft.get_untracked();
        c.reasons.retain(|r| !matches!(r, Reason::Other(_)));
        if !other.get_untracked().trim().is_empty() {
            c.reasons
                .push(Reason::Other(other.get_untracked().trim().to_string()));
        }
        c.actions
            .retain(|a| !matches!(a, PlanAction::SpecificFix(_)));
        if !fix.get_untracked().trim().is_empty() {
            c.actions.push(PlanAction::SpecificFix(
                fix.get_untracked().trim().to_string(),
            ));
        }
        c
    };
    let store = move |case: WinBackCase, message: &'static str| {
        let change = move |c: &mut Customer| {
            if let Some(slot) = c.winback.iter_mut().find(|w| w.id == case.id) {
                // Closing records the result as the churned stage's status (004).
                if let Some(o) = case.outcome {
                    let today = case.closed_on.unwrap_or_default();
                    c.lifecycle
                        .move_to(c.stage, Stage::Churned, Some(o.stage_status()), today);
                    c.stage = Some(Stage::Churned);
                }
                *slot = case;
            }
        };
        ws.update_customer_then(&cid.get_value(), change, move || toaster.info(message));
    };
    let save = move |_| store(assemble(), lang.get_untracked().wb_saved());
    let close = move |_| {
        let mut c = assemble();
        match c.close(
            outcome.get_untracked(),
            &review.get_untracked(),
            ws.today.get_untracked(),
        ) {
            Ok(()) => store(c, lang.get_untracked().wb_saved()),
            Err(CloseError::OwnerRequired) => {
                error.set(Some(lang.get_untracked().wb_error_owner()))
            }
            Err(CloseError::ReviewRequired) => {
                error.set(Some(lang.get_untracked().wb_error_review()))
            }
        }
    };
    let linked = Memo::new(move |_| {
        let id = case_id.clone();
        let mut fs: Vec<_> = ws.followups.with(|fs| {
            fs.iter()
                .filter(|f| f.case_id.as_deref() == Some(&id))
                .cloned()
                .collect()
        });
        sorting::sort_by_key(&mut fs, |f| f.date);
        fs
    });
    let log_href = format!(
        "{base}/followup/?customer={customer_id}&case={}&kind=call",
        case.id
    );
    view! {
        <div class="winback-case">
            <h3>{tr(Lang::wb_open)}" · "{case.opened_on.map(format::date).unwrap_or_default()}</h3>
            <fieldset class="choices">
                <legend>{tr(Lang::wb_reasons)}</legend>
                {REASONS.into_iter().map(|r| {
                    let r2 = r.clone();
                    let label = r.clone();
                    view! {
                        <label class="chip-check">
                            <input type="checkbox" prop:checked=move || draft.with(|d| d.reasons.contains(&r))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let r = r2.clone();
                                    draft.update(|d| { d.reasons.retain(|x| *x != r); if on { d.reasons.push(r); } });
                                }/>
                            <span>{move || lang.get().winback_reason(&label)}</span>
                        </label>
                    }
                }).collect_view()}
                <label class="inline-field grow"><span>{tr(Lang::wb_other_reason)}</span>
                    <input type="text" prop:value=move || other.get() on:input=move |ev| other.set(event_target_value(&ev))/></label>
            </fieldset>
            <div class="inline-form">
                <label class="inline-check">
                    <input type="radio" name="recoverable" prop:checked=move || draft.with(|d| d.recoverable == Some(true)) on:change=move |_| draft.update(|d| d.recoverable = Some(true))/>
                    <span>{tr(Lang::wb_recoverable)}</span>
                </label>
                <label class="inline-check">
                    <input type="radio" name="recoverable" prop:checked=move || draft.with(|d| d.recoverable == Some(false)) on:change=move |_| draft.update(|d| d.recoverable = Some(false))/>
                    <span>{tr(Lang::wb_not_recoverable)}</span>
                </label>
            </div>
            <fieldset class="choices">
                <legend>{tr(Lang::wb_actions)}</legend>
                {ACTIONS.into_iter().map(|a| {
                    let a2 = a.clone();
                    let label = a.clone();
                    view! {
                        <label class="chip-check">
                            <input type="checkbox" prop:checked=move || draft.with(|d| d.actions.contains(&a))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let a = a2.clone();
                                    draft.update(|d| { d.actions.retain(|x| *x != a); if on { d.actions.push(a); } });
                                }/>
                            <span>{move || lang.get().winback_action(&label)}</span>
                        </label>
                    }
                }).collect_view()}
                <label class="inline-field grow"><span>{tr(Lang::wb_fix)}</span>
                    <input type="text" prop:value=move || fix.get() on:input=move |ev| fix.set(event_target_value(&ev))/></label>
            </fieldset>
            <label class="inline-field"><span>{tr(Lang::wb_owner)}</span>
                <input type="text" prop:value=move || draft.with(|d| d.owner.clone()) on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.owner = v); }/></label>
            <div class="actions">
                <button type="button" on:click=save>{tr(Lang::save)}</button>
                <a class="button" href=log_href>{tr(Lang::wb_log)}</a>
            </div>
            <h4>{tr(Lang::wb_followups)}</h4>
            <ul class="plain-list">
                {move || linked.get().into_iter().map(|f| view! {
                    <li>{f.date.map(format::date).unwrap_or_default()}" · "{lang.get().touch_kind(f.kind)}" · "{f.topics.join("、")}</li>
                }).collect_view()}
            </ul>
            <div class="inline-form close-case">
                <label class="inline-field"><span>{tr(Lang::wb_outcome)}</span>
                    <select on:change=move |ev| {
                        if let Some(o) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| Outcome::ALL.get(i)) { outcome.set(*o); }
                    }>
                        {Outcome::ALL.into_iter().enumerate().map(|(i, o)| view! {
                            <option value=i.to_string()>{move || lang.get().winback_outcome(o)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="inline-field grow"><span>{tr(Lang::wb_review)}</span>
                    <input type="text" prop:value=move || review.get() on:input=move |ev| review.set(event_target_value(&ev))/></label>
                <button type="button" class="primary" on:click=close>{tr(Lang::wb_close)}</button>
            </div>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </div>
    }
}
