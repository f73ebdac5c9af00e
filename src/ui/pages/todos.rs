//! To-dos (闭环): every to-do of every follow-up — open, due, overdue, done — by owner and
//! customer; closing one records its result.

use crate::domain::sorting;
use leptos::prelude::*;

use crate::domain::closed_loop::TodoStatus;
use crate::domain::records::Todo;
use crate::i18n::Lang;
use crate::ui::components::todo_line::{todo_row, TodoLine};
use crate::ui::components::PageHeading;
use crate::ui::workspace::use_workspace;
use crate::ui::{tr, use_lang};

const STATUSES: [TodoStatus; 4] = [
    TodoStatus::Overdue,
    TodoStatus::Due,
    TodoStatus::Open,
    TodoStatus::Done,
];

#[component]
pub fn TodosPage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let status = RwSignal::new(None::<TodoStatus>);
    let owner = RwSignal::new(String::new());
    let customer = RwSignal::new(String::new());
    let owners = Memo::new(move |_| {
        let mut o: Vec<String> = ws.todos.with(|ts| {
            ts.iter()
                .map(|t| t.owner.clone())
                .filter(|o| !o.is_empty())
                .collect()
        });
        sorting::sort(&mut o);
        o.dedup();
        o
    });
    let names = Memo::new(move |_| {
        ws.customers.with(|cs| {
            cs.iter()
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect::<std::collections::HashMap<_, _>>()
        })
    });
    let shown = Memo::new(move |_| {
        let today = ws.today.get();
        let (status, owner, customer) = (status.get(), owner.get(), customer.get());
        let mut list: Vec<(TodoStatus, Todo)> = ws.todos.with(|ts| {
            ts.iter()
                .map(|t| (TodoStatus::of(t, today), t.clone()))
                .filter(|(s, _)| status.is_none_or(|want| *s == want))
                .filter(|(_, t)| owner.is_empty() || t.owner == owner)
                .filter(|(_, t)| customer.is_empty() || t.customer_id == customer)
                .collect()
        });
        sorting::sort_by_key(&mut list, |(status, t)| (*status, t.due_on));
        list
    });
    let customer_options = Memo::new(move |_| {
        let ids: std::collections::BTreeSet<String> = ws
            .todos
            .with(|ts| ts.iter().map(|t| t.customer_id.clone()).collect());
        names.with(|n| {
            ids.into_iter()
                .map(|id| (n.get(&id).cloned().unwrap_or_default(), id))
                .collect::<Vec<_>>()
        })
    });

    view! {
        <section class="page page-todos">
            <PageHeading title=Lang::nav_todos/>
            <crate::ui::demo::TryDemo/>
            <div class="toolbar">
                <label class="inline-field">
                    <span>{tr(Lang::todo_filter_status)}</span>
                    <select on:change=move |ev| status.set(event_target_value(&ev).parse::<usize>().ok().and_then(|i| STATUSES.get(i).copied()))>
                        <option value="" selected=move || status.get().is_none()>{tr(Lang::todo_all)}</option>
                        {STATUSES.into_iter().enumerate().map(|(i, s)| view! {
                            <option value=i.to_string() selected=move || status.get() == Some(s)>{move || lang.get().todo_status(s)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="inline-field">
                    <span>{tr(Lang::fu_todo_owner)}</span>
                    <select on:change=move |ev| owner.set(event_target_value(&ev))>
                        <option value="">{tr(Lang::todo_all)}</option>
                        {move || owners.get().into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="inline-field">
                    <span>{tr(Lang::fu_customer)}</span>
                    <select on:change=move |ev| customer.set(event_target_value(&ev))>
                        <option value="">{tr(Lang::todo_all)}</option>
                        {move || customer_options.get().into_iter().map(|(name, id)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <Show when=move || shown.with(|s| !s.is_empty()) fallback=|| view! { <p class="empty-state">{tr(Lang::todo_none)}</p> }>
                <ul class="todo-list">
                    <For each=move || shown.get() key=|item| item.1.id.clone() let:item>
                        <TodoLine name=names.with_untracked(|n| n.get(&item.1.customer_id).cloned().unwrap_or_default()) item=todo_row(shown, &item)/>
                    </For>
                </ul>
            </Show>
        </section>
    }
}
