//! One to-do with its close / reopen control: on the to-do list and on a customer's page.

use leptos::prelude::*;

use crate::domain::closed_loop::TodoStatus;
use crate::domain::records::Todo;
use crate::i18n::Lang;
use crate::ui::components::authors::author_of;
use crate::ui::components::keyed::Row;
use crate::ui::routes::customer_href;
use crate::ui::workspace::use_workspace;
use crate::ui::{format, tr, use_base, use_lang};

/// A to-do and its status as a list shows them.
pub type TodoItem = (TodoStatus, Todo);

/// The row of to-do `first` in `list`, following its changes: a row being closed (its result
/// half typed) stays as it is when the to-do or another one changes.
pub fn todo_row(list: Memo<Vec<TodoItem>>, first: &TodoItem) -> Row<TodoItem> {
    Row::new(list, first, |(_, t)| t.id.as_str())
}

/// One to-do with its close / reopen control; also used on the customer page.
#[component]
pub fn TodoLine(item: Row<TodoItem>, #[prop(optional)] name: String) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let base = use_base();
    // The row's own state: kept while the to-do changes under it.
    let result = RwSignal::new(
        item.with_untracked(|(_, t)| t.result.clone())
            .unwrap_or_default(),
    );
    let closing = RwSignal::new(false);
    let save = move |done: bool| {
        let Some(mut t) = item.with_untracked(|(_, t)| t.clone()) else {
            return;
        };
        t.done_on = done.then(|| ws.today.get_untracked());
        t.result = result.get_untracked();
        ws.save_todo(t);
        closing.set(false);
    };
    let todo = move |f: fn(&Todo) -> Option<String>| move || item.with(|(_, t)| f(t)).flatten();
    let text = move || {
        item.with(|(_, t)| {
            if t.profile_update {
                lang.get().todo_profile_update().to_string()
            } else {
                t.text.clone()
            }
        })
        .unwrap_or_default()
    };
    let href = item
        .with_untracked(|(_, t)| customer_href(&base, &t.customer_id))
        .unwrap_or_default();
    let status = move || item.with(|(s, _)| *s).unwrap_or(TodoStatus::Open);
    let by = author_of(format!("todo:{}", item.id()));
    let class = move || match status() {
        TodoStatus::Overdue => "todo late-red",
        TodoStatus::Due => "todo due-today",
        TodoStatus::Done => "todo done",
        TodoStatus::Open => "todo",
    };
    view! {
        <li class=class>
            <div>
                <p class="todo-text">{text}</p>
                <p class="hint">
                    <span class="todo-status">{move || lang.get().todo_status(status())}</span>
                    {todo(|t| t.due_on.map(|d| format!(" · {}", format::date(d))))}
                    {todo(|t| (!t.owner.is_empty()).then(|| format!(" · {}", t.owner)))}
                    {(!name.is_empty()).then(|| view! { " · " <a href=href>{name}</a> })}
                    <span class="made-by">{move || by.get().map(|b| lang.get().sync_made_by(&b))}</span>
                    {move || item.with(|(_, t)| (!t.result.is_empty()).then(|| format!(" · {}: {}", lang.get_untracked().todo_result(), t.result))).flatten()}
                </p>
            </div>
            {move || if status() == TodoStatus::Done {
                view! { <button type="button" on:click=move |_| save(false)>{tr(Lang::todo_reopen)}</button> }.into_any()
            } else {
                view! {
                    <div class="todo-close">
                        <Show when=move || closing.get() fallback=move || view! {
                            <button type="button" on:click=move |_| closing.set(true)>{tr(Lang::todo_close)}</button>
                        }>
                            <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); save(true); }>
                                <label class="inline-field grow">
                                    <span>{tr(Lang::todo_result)}</span>
                                    <input type="text" prop:value=move || result.get() on:input=move |ev| result.set(event_target_value(&ev))/>
                                </label>
                                <button type="submit" class="primary">{tr(Lang::todo_close)}</button>
                            </form>
                        </Show>
                    </div>
                }.into_any()
            }}
        </li>
    }
}
