//! One to-do with its close / reopen control: on the to-do list and on a customer's page.

use leptos::prelude::*;

use crate::domain::closed_loop::TodoStatus;
use crate::domain::records::Todo;
use crate::i18n::Lang;
use crate::ui::routes::customer_href;
use crate::ui::workspace::use_workspace;
use crate::ui::{format, tr, use_base, use_lang};

/// One to-do with its close / reopen control; also used on the customer page.
#[component]
pub fn TodoLine(status: TodoStatus, todo: Todo, #[prop(optional)] name: String) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let base = use_base();
    let result = RwSignal::new(todo.result.clone());
    let closing = RwSignal::new(false);
    let todo = StoredValue::new(todo);
    let save = move |done: bool| {
        let mut t = todo.get_value();
        t.done_on = done.then(|| ws.today.get_untracked());
        t.result = result.get_untracked();
        ws.save_todo(t);
        closing.set(false);
    };
    let text = move || {
        todo.with_value(|t| {
            if t.profile_update {
                lang.get().todo_profile_update().to_string()
            } else {
                t.text.clone()
            }
        })
    };
    let href = todo.with_value(|t| customer_href(&base, &t.customer_id));
    let class = match status {
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
                    <span class="todo-status">{move || lang.get().todo_status(status)}</span>
                    {todo.with_value(|t| t.due_on.map(|d| format!(" · {}", format::date(d))))}
                    {todo.with_value(|t| (!t.owner.is_empty()).then(|| format!(" · {}", t.owner)))}
                    {(!name.is_empty()).then(|| view! { " · " <a href=href>{name}</a> })}
                    {todo.with_value(|t| (!t.result.is_empty()).then(|| format!(" · {}: {}", lang.get_untracked().todo_result(), t.result)))}
                </p>
            </div>
            {if status == TodoStatus::Done {
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
