//! A customer's follow-ups on its profile: open loops first, each with its to-dos; and the
//! ways into a contact — log one, the brief, the report, the letter.

use crate::domain::sorting;
use leptos::prelude::*;

use crate::domain::closed_loop::{self, is_closed, TodoStatus};
use crate::domain::records::FollowUp;
use crate::domain::tiering::Tier;
use crate::i18n::Lang;
use crate::ui::components::authors::{author_of, provide_authors};
use crate::ui::components::keyed::Row;
use crate::ui::components::todo_line::{todo_row, TodoLine};
use crate::ui::components::{ShowAll, LATEST};
use crate::ui::toast::use_toaster;
use crate::ui::workspace::use_workspace;
use crate::ui::{format, tr, use_base, use_lang};

#[component]
pub fn CustomerFollowUps(customer_id: String, tier: Option<Tier>) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let base = use_base();
    let id = StoredValue::new(customer_id.clone());
    let list = Memo::new(move |_| {
        let mut fs: Vec<(bool, FollowUp)> = ws.followups.with(|fs| {
            ws.todos.with(|ts| {
                fs.iter()
                    .filter(|f| id.with_value(|id| f.customer_id == *id))
                    .map(|f| (is_closed(&f.id, ts), f.clone()))
                    .collect()
            })
        });
        // Open loops first, newest first within each.
        sorting::sort_by_key(&mut fs, |(closed, f)| (*closed, std::cmp::Reverse(f.date)));
        fs
    });
    // The latest few (open loops first); a long history is drawn only when asked for.
    let shown = RwSignal::new(LATEST);
    // Who made each follow-up and to-do shown (a team syncing one database).
    provide_authors(Signal::derive(move || {
        let n = shown.get();
        list.with(|l| {
            ws.todos.with(|ts| {
                let fs = l.iter().take(n).map(|(_, f)| f.id.as_str());
                let mut keys: Vec<String> = fs.clone().map(|id| format!("followup:{id}")).collect();
                keys.extend(fs.flat_map(|id| {
                    ts.iter()
                        .filter(move |t| t.followup_id == id)
                        .map(|t| format!("todo:{}", t.id))
                }));
                keys
            })
        })
    }));
    let new_href = format!("{base}/followup/?customer={customer_id}");
    let brief_href = format!("{base}/brief/?customer={customer_id}");
    let letter_href = format!("{base}/templates/?template=thank_you&customer={customer_id}");
    let report_href = format!("{base}/templates/?template=a_report&customer={customer_id}");
    let registration_href =
        format!("{base}/templates/?template=registration&customer={customer_id}");
    view! {
        <section class="card" aria-labelledby="followups-title">
            <div class="profile-head">
                <h2 id="followups-title">{tr(Lang::fu_title)}</h2>
                <div class="actions">
                    <a class="button primary" href=new_href>{tr(Lang::fu_new)}</a>
                    <a class="button" href=brief_href>{tr(Lang::fu_brief)}</a>
                    {(tier == Some(Tier::A)).then(|| view! { <a class="button" href=report_href>{tr(Lang::fu_report)}</a> })}
                    <a class="button" href=letter_href>{move || lang.get().template_name(crate::domain::templates::TemplateId::ThankYou)}</a>
                    <a class="button" href=registration_href>{move || lang.get().template_name(crate::domain::templates::TemplateId::Registration)}</a>
                </div>
            </div>
            <Show when=move || list.with(|l| !l.is_empty()) fallback=|| view! { <p class="hint">{tr(Lang::fu_none)}</p> }>
                <ul class="followup-list">
                    <For each=move || list.with(|l| l.iter().take(shown.get()).cloned().collect::<Vec<_>>()) key=|item| item.1.id.clone() let:item>
                        <FollowUpItem item=Row::new(list, &item, |(_, f)| f.id.as_str())/>
                    </For>
                </ul>
                <ShowAll total=Signal::derive(move || list.with(Vec::len)) shown=shown/>
            </Show>
        </section>
    }
}

#[component]
fn FollowUpItem(item: Row<(bool, FollowUp)>) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let toaster = use_toaster();
    let base = use_base();
    // The row's own state: kept while the follow-up changes under it.
    let confirming = RwSignal::new(false);
    let id = StoredValue::new(item.id());
    let edit_href = format!("{base}/followup/?id={}", id.get_value());
    let by = author_of(format!("followup:{}", id.get_value()));
    let todos = Memo::new(move |_| {
        let today = ws.today.get();
        ws.todos.with(|ts| {
            id.with_value(|id| {
                ts.iter()
                    .filter(|t| t.followup_id == *id)
                    .map(|t| (TodoStatus::of(t, today), t.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let delete = move |_| {
        let Some(effects) = item.with_untracked(|(_, f)| {
            ws.todos.with_untracked(|ts| {
                let mine: Vec<_> = ts
                    .iter()
                    .filter(|t| t.followup_id == f.id)
                    .cloned()
                    .collect();
                closed_loop::delete(f, &mine)
            })
        }) else {
            return;
        };
        ws.apply_effects(effects, move || {
            toaster.info(lang.get_untracked().fu_deleted())
        });
    };
    let closed = move || item.with(|(closed, _)| *closed).unwrap_or(true);
    // What the follow-up says, drawn again when it changes.
    let shows = move || {
        let f = item.with(|(_, f)| f.clone())?;
        Some(view! {
            <p class="followup-head">
                <span class="chip" class:chip-warn=move || !closed()>{move || if closed() { lang.get().fu_closed() } else { lang.get().fu_open() }}</span>
                " "<strong>{f.date.map(format::date).unwrap_or_default()}</strong>
                {(!f.time.is_empty()).then(|| format!(" {}", f.time))}
                " · "{move || lang.get().touch_kind(f.kind)}
                {(!f.topics.is_empty()).then(|| format!(" · {}", f.topics.join("、")))}
                <span class="made-by">{move || by.get().map(|b| lang.get().sync_made_by(&b))}</span>
            </p>
            {(!f.note.is_empty()).then(|| view! { <p>{f.note.clone()}</p> })}
            {(!f.feedback.is_empty() || f.score.is_some()).then(|| {
                let text = format!("{}{}", f.feedback, f.score.map(|s| format!(" ({s}/10)")).unwrap_or_default());
                view! { <p class="hint">{tr(Lang::fu_feedback)}": "{text}</p> }
            })}
            {(!f.needs.is_empty()).then(|| {
                let needs = f.needs.join("、");
                view! { <p class="hint">{tr(Lang::fu_needs_shown)}": "{needs}</p> }
            })}
            {f.next_step.clone().map(|n| view! {
                <p class="hint">{tr(Lang::fu_next_step)}": "{format::date(n.date)}" · "{move || lang.get().touch_kind(n.kind)}</p>
            })}
        })
    };
    view! {
        <li class="followup" class:loop-open=move || !closed()>
            {shows}
            <ul class="todo-list">
                <For each=move || todos.get() key=|item| item.1.id.clone() let:item>
                    <TodoLine item=todo_row(todos, &item)/>
                </For>
            </ul>
            <div class="actions">
                <a class="button" href=edit_href>{tr(Lang::edit)}</a>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>{tr(Lang::delete)}</button>
            </div>
            <Show when=move || confirming.get()>
                <div class="notice notice-warn" role="alertdialog">
                    <p>{tr(Lang::fu_delete_confirm)}</p>
                    <button type="button" class="danger" on:click=delete>{tr(Lang::delete)}</button>
                    " "
                    <button type="button" on:click=move |_| confirming.set(false)>{tr(Lang::cancel)}</button>
                </div>
            </Show>
        </li>
    }
}
