//! The top of a profile: what a person needs before a call, on one screen — tier and why,
//! health and its signals, the next touch and its date, stage and status (late or not), open
//! to-dos, the last contact and the year's spend. The details follow below it.

use leptos::prelude::*;

use super::lifecycle::health_of;
use crate::domain::cadence::{customer_dues, sort_dues, Due, DueStatus, Records};
use crate::domain::closed_loop::TodoStatus;
use crate::domain::lifecycle::inferred_stage;
use crate::domain::records::Customer;
use crate::domain::records::FollowUp;
use crate::domain::sorting;
use crate::domain::time_node::late_node;
use crate::i18n::Lang;
use crate::ui::components::stage::stage_label;
use crate::ui::components::tier::{tier_reason, TierBadge};
use crate::ui::workspace::use_workspace;
use crate::ui::{format, tr, use_lang};

/// What the summary shows that depends on other records than the customer's own.
#[derive(Clone, PartialEq)]
struct Facts {
    next: Option<Due>,
    open_todos: usize,
    overdue_todos: usize,
    /// The to-do due first: its text (empty for the profile-update reminder) and due date.
    first_todo: Option<(String, Option<chrono::NaiveDate>)>,
    last: Option<(chrono::NaiveDate, crate::domain::cadence::TouchKind)>,
}

#[component]
pub fn ProfileSummary(customer: Customer) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let today = ws.today.get_untracked();
    let unit = ws.settings.with_untracked(|s| s.money_unit);
    let preset = ws.settings.with_untracked(|s| s.tiering.preset);
    let tier = customer.tiering.effective(today);
    let manual = customer.tiering.manual.is_some();
    let watch = customer.tiering.pending.is_some();
    let classification = ws.tiers.with_untracked(|t| t.get(&customer.id).cloned());
    let (health, signals) = health_of(ws, &customer);
    let spend = crate::domain::figures::Figures::of(&customer, today).spend_12m;
    let stage = customer.stage;
    let shown_stage = stage.unwrap_or_else(|| inferred_stage(customer.first_deal(), today));
    let status = customer.lifecycle.status.filter(|_| stage.is_some());
    let late = ws.followups.with_untracked(|fs| {
        let mine: Vec<&FollowUp> = fs.iter().filter(|f| f.customer_id == customer.id).collect();
        late_node(&customer, &mine, today)
    });
    let state = customer.tiering.clone();
    let c = StoredValue::new(customer);
    let facts = Memo::new(move |_| {
        let today = ws.today.get();
        let settings = ws.settings.get();
        let lunar = ws.lunar.get();
        c.with_value(|c| {
            let (next, last) = ws.with_own_records(&c.id, |own, own_plans| {
                let rules = Records::rules_only(&settings.cadence, &settings.tiering, &lunar);
                let mut dues = customer_dues(c, own, own_plans, &rules, today, 400);
                sort_dues(&mut dues);
                let next = dues.into_iter().min_by_key(|d| d.date);
                let last = own
                    .iter()
                    .filter_map(|f| f.date.filter(|d| *d <= today).map(|d| (d, f.kind)))
                    .max_by_key(|(d, _)| *d);
                (next, last)
            });
            let (open_todos, overdue_todos, first_todo) = ws.todos.with(|ts| {
                let mut open: Vec<_> = ts
                    .iter()
                    .filter(|t| t.customer_id == c.id && t.done_on.is_none())
                    .collect();
                sorting::sort_by_key(&mut open, |t| (t.due_on.is_none(), t.due_on));
                let overdue = open
                    .iter()
                    .filter(|t| TodoStatus::of(t, today) == TodoStatus::Overdue)
                    .count();
                let first = open.first().map(|t| {
                    let text = if t.profile_update {
                        String::new()
                    } else {
                        t.text.clone()
                    };
                    (text, t.due_on)
                });
                (open.len(), overdue, first)
            });
            Facts {
                next,
                open_todos,
                overdue_todos,
                first_todo,
                last,
            }
        })
    });

    let observation = ws.settings.with_untracked(|s| s.tiering.observation_months);
    // The deciding reason beside the badge, and what the next tier up still needs.
    let reason = move || {
        let t = lang.get();
        match (&classification, tier) {
            (Some(cl), Some(_)) if !manual => {
                tier_reason(t, preset, &state, cl, unit, observation, today)
            }
            (_, Some(tier)) => (t.tier_name(preset, tier), None),
            (_, None) => (t.summary_no_tier().to_string(), None),
        }
    };
    let tier_line = {
        let reason = reason.clone();
        move || reason().0
    };
    let next_up = move || {
        reason()
            .1
            .map(|n| view! { <span class="summary-next-up">{format!(" · {}{n}", lang.get().tier_why_not())}</span> })
    };
    let health_class = match health {
        crate::domain::churn::Health::AtRisk => "health health-risk",
        crate::domain::churn::Health::Watch => "health health-watch",
        crate::domain::churn::Health::Healthy => "health health-ok",
    };
    let signals_line = move || {
        let t = lang.get();
        if signals.is_empty() {
            t.summary_no_signals().to_string()
        } else {
            signals
                .iter()
                .map(|s| t.signal(s))
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    let next_line = move || {
        let t = lang.get();
        facts.with(|f| match &f.next {
            None => (t.summary_nothing_due().to_string(), String::new(), ""),
            Some(d) => {
                let when = match d.status {
                    DueStatus::BadlyOverdue | DueStatus::Overdue => {
                        format!(" · {}", t.today_overdue())
                    }
                    DueStatus::Due => format!(" · {}", t.today_due()),
                    DueStatus::Upcoming => String::new(),
                };
                let class = match d.status {
                    DueStatus::BadlyOverdue => "late-red",
                    DueStatus::Overdue => "late-amber",
                    _ => "",
                };
                let last = d.last.map(format::date);
                (
                    format!("{} · {}{when}", format::date(d.date), t.touch_kind(d.kind)),
                    t.due_reason(&d.reason, last.as_deref()),
                    class,
                )
            }
        })
    };
    let todos_line = move || {
        let t = lang.get();
        facts.with(|f| {
            if f.open_todos == 0 {
                return t.summary_no_todos().to_string();
            }
            let first = f
                .first_todo
                .as_ref()
                .map(|(text, due)| {
                    let text = if text.is_empty() {
                        t.todo_profile_update()
                    } else {
                        text
                    };
                    match due {
                        Some(d) => format!(" · {text} ({})", format::date(*d)),
                        None => format!(" · {text}"),
                    }
                })
                .unwrap_or_default();
            format!("{}{first}", t.summary_todos(f.open_todos, f.overdue_todos))
        })
    };
    let last_line = move || {
        let t = lang.get();
        facts.with(|f| match f.last {
            Some((d, kind)) => format!("{} · {}", format::date(d), t.touch_kind(kind)),
            None => t.summary_no_followup().to_string(),
        })
    };
    let stage_line = move || {
        let t = lang.get();
        let name = stage_label(ws, t, shown_stage);
        match (stage, status) {
            (None, _) => format!("{name} ({})", t.pipe_inferred()),
            (Some(_), Some(s)) => format!("{name} · {}", t.stage_status(s)),
            (Some(_), None) => name,
        }
    };

    view! {
        <section class="card summary" aria-labelledby="summary-title">
            <h2 id="summary-title" class="visually-hidden">{tr(Lang::summary_title)}</h2>
            <dl class="summary-list">
                <div class="summary-tier">
                    <dt>{tr(Lang::tier_title)}</dt>
                    <dd><TierBadge tier=tier manual=manual watch=watch/>" "<span class="summary-reason">{tier_line}</span>{next_up}</dd>
                </div>
                <div class="summary-health">
                    <dt>{tr(Lang::health_title)}</dt>
                    <dd><span class=health_class>{move || lang.get().health(health)}</span>" "<span class="hint">{signals_line}</span></dd>
                </div>
                <div class="summary-next">
                    <dt>{tr(Lang::summary_next_touch)}</dt>
                    <dd>
                        <span class=move || next_line().2>{move || next_line().0}</span>
                        " "<span class="hint">{move || next_line().1}</span>
                    </dd>
                </div>
                <div class="summary-stage">
                    <dt>{tr(Lang::pipe_stage)}</dt>
                    <dd>
                        {stage_line}
                        {late.map(|n| view! {
                            " "<span class="late-flag">{tr(Lang::pipe_late)}</span>
                            " "<span class="hint late-node">{move || lang.get().pipe_node_passed(&format::date(n.due), &n.missing)}</span>
                        })}
                    </dd>
                </div>
                <div class="summary-todos">
                    <dt>{tr(Lang::summary_open_todos)}</dt>
                    <dd>{todos_line}</dd>
                </div>
                <div class="summary-last">
                    <dt>{tr(Lang::fu_last_contact)}</dt>
                    <dd>{last_line}</dd>
                </div>
                <div class="summary-spend">
                    <dt>{tr(Lang::customers_sort_spend)}</dt>
                    <dd title=move || format::money_exact(lang.get(), spend, unit)>{move || format::money(lang.get(), spend, unit)}</dd>
                </div>
            </dl>
        </section>
    }
}
