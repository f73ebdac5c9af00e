//! Logging (or editing) a follow-up (跟进记录): channel, topics, what was said, feedback,
//! score, needs discovered, to-dos with owners and due dates, and the next step.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::domain::cadence::TouchKind;
use crate::domain::followup_form::{self, FollowUpDraft, FuError, FuField, TodoDraft};
use crate::domain::records::FollowUp;
use crate::i18n::Lang;
use crate::ui::components::PageHeading;
use crate::ui::form::{keep_draft, touch_kind_select, CheckField, RestoredDraftNotice, TextField};
use crate::ui::routes::customer_path;
use crate::ui::toast::use_toaster;
use crate::ui::workspace::{new_id, use_workspace, Status};
use crate::ui::{tr, use_lang};

#[component]
pub fn FollowUpPage() -> impl IntoView {
    let ws = use_workspace();
    // The form starts from the stored records (the customer's name and owner, the follow-up
    // being edited), so it is built once they are read: a reload must not open an empty form.
    let ready = Memo::new(move |_| ws.status.get() == Status::Ready);
    move || {
        if ready.get() {
            // Built untracked: a change to the records afterwards (the rules storing the
            // customer's tier, a save in another tab) must not rebuild what is being typed.
            untrack(follow_up_form)
        } else {
            view! { <p class="hint">{tr(Lang::customers_loading)}</p> }.into_any()
        }
    }
}

fn follow_up_form() -> AnyView {
    let lang = use_lang();
    let ws = use_workspace();
    let toaster = use_toaster();
    let navigate = use_navigate();
    let query = use_query_map();
    let q = |k: &str| query.with_untracked(|q| q.get(k).unwrap_or_default());
    let existing: Option<FollowUp> = {
        let id = q("id");
        ws.followups
            .with_untracked(|fs| fs.iter().find(|f| !id.is_empty() && f.id == id).cloned())
    };
    let customer_id = existing
        .as_ref()
        .map(|f| f.customer_id.clone())
        .unwrap_or_else(|| q("customer"));
    let customer = ws.customer(&customer_id);
    if customer.is_none() {
        let back = crate::ui::routes::Page::Customers.href(&crate::ui::use_base());
        return view! {
            <section class="page page-followup">
                <PageHeading title=Lang::fu_new/>
                <p class="empty-state">{tr(Lang::fu_choose_customer)}</p>
                <p><a href=back>{move || format!("← {}", lang.get().back_to_customers())}</a></p>
            </section>
        }
        .into_any();
    }
    let kind = TouchKind::from_name(&q("kind"))
        .filter(|k| TouchKind::LOGGABLE.contains(k))
        .unwrap_or(TouchKind::Call);
    let today = ws.today.get_untracked();
    let owner = customer
        .as_ref()
        .map(|c| c.owner.clone())
        .unwrap_or_default();
    let before_todos = ws.todos.with_untracked(|ts| {
        existing
            .as_ref()
            .map(|f| {
                ts.iter()
                    .filter(|t| t.followup_id == f.id)
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let mut draft = match &existing {
        Some(f) => FollowUpDraft::from_record(f, &before_todos),
        None => FollowUpDraft::new(kind, today, &owner),
    };
    if existing.is_none() {
        draft.topics = q("topics");
    }
    let base = existing.clone().unwrap_or_else(|| FollowUp {
        id: new_id(),
        customer_id: customer_id.clone(),
        plan_id: Some(q("plan")).filter(|p| !p.is_empty()),
        case_id: Some(q("case")).filter(|p| !p.is_empty()),
        ..FollowUp::default()
    });
    let draft = RwSignal::new(draft);
    let draft_name = match &existing {
        Some(f) => format!("followup-{}", f.id),
        None => format!("followup-new-{customer_id}"),
    };
    let kept = keep_draft(draft_name, 0, draft);
    let problems = RwSignal::new(Vec::<FuError>::new());
    let error_for = move |field: FuField| {
        Signal::derive(move || {
            problems.with(|ps| {
                ps.iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, p)| lang.get().fu_problem(*p).to_string())
            })
        })
    };
    let back = if q("from") == "today" {
        "/today/".to_string()
    } else {
        customer_path(&customer_id)
    };
    let base = StoredValue::new(base);
    let before_todos = StoredValue::new(before_todos);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let today = ws.today.get_untracked();
        let result = draft.with_untracked(|d| {
            base.with_value(|b| {
                before_todos
                    .with_value(|before| followup_form::save(d, b, before, today, &mut new_id))
            })
        });
        match result {
            Err(ps) => {
                problems.set(ps);
                toaster.error(lang.get_untracked().form_has_errors());
            }
            Ok(effects) => {
                problems.set(Vec::new());
                let navigate = navigate.clone();
                let back = back.clone();
                ws.apply_effects(effects, move || {
                    kept.finish();
                    toaster.info(lang.get_untracked().fu_saved());
                    navigate(&back, Default::default());
                });
            }
        }
    };

    let text = move |id: &'static str,
                     label: fn(Lang) -> &'static str,
                     get: fn(&FollowUpDraft) -> &String,
                     set: fn(&mut FollowUpDraft) -> &mut String,
                     kind: &'static str,
                     multiline: bool,
                     field: Option<FuField>| {
        view! {
            <TextField
                id=id
                label=label
                kind=kind
                multiline=multiline
                value=Signal::derive(move || draft.with(|d| get(d).clone()))
                on_input=Callback::new(move |v| draft.update(|d| *set(d) = v))
                error=field.map(error_for).unwrap_or_else(|| Signal::derive(|| None))
            />
        }
    };
    let kind_select = move |id: &'static str,
                            label: fn(Lang) -> &'static str,
                            get: fn(&FollowUpDraft) -> TouchKind,
                            set: fn(&mut FollowUpDraft, TouchKind)| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                {touch_kind_select(
                    id,
                    &TouchKind::LOGGABLE,
                    Signal::derive(move || draft.with(get)),
                    Callback::new(move |k| draft.update(|d| set(d, k))),
                )}
            </div>
        }
    };
    let todo_count = Memo::new(move |_| draft.with(|d| d.todos.len()));
    let title = if existing.is_some() {
        Lang::fu_edit
    } else {
        Lang::fu_new
    };
    let customer_name = customer.map(|c| c.name).unwrap_or_default();

    view! {
        <section class="page page-followup">
            <PageHeading title=title/>
            <p class="lead">{customer_name}</p>
            <form class="profile-form" on:submit=save novalidate>
                <RestoredDraftNotice restored=kept.restored on_discard=Callback::new(move |_| kept.discard(draft))/>
                <fieldset>
                    <div class="grid">
                        {text("fu-date", Lang::field_date, |d| &d.date, |d| &mut d.date, "date", false, Some(FuField::Date))}
                        {text("fu-time", Lang::fu_time, |d| &d.time, |d| &mut d.time, "", false, Some(FuField::Time))}
                        {kind_select("fu-kind", Lang::fu_channel, |d| d.kind, |d, k| d.kind = k)}
                        {text("fu-owner", Lang::field_owner, |d| &d.owner, |d| &mut d.owner, "", false, None)}
                    </div>
                    {text("fu-topics", Lang::fu_topics, |d| &d.topics, |d| &mut d.topics, "", false, Some(FuField::Topics))}
                    {text("fu-note", Lang::fu_note, |d| &d.note, |d| &mut d.note, "", true, None)}
                    <div class="grid">
                        {text("fu-feedback", Lang::fu_feedback, |d| &d.feedback, |d| &mut d.feedback, "", false, None)}
                        {text("fu-score", Lang::fu_score, |d| &d.score, |d| &mut d.score, "", false, Some(FuField::Score))}
                    </div>
                    {text("fu-needs", Lang::fu_needs, |d| &d.needs, |d| &mut d.needs, "", true, None)}
                    <CheckField id="fu-value-added" label=Lang::fu_value_added
                        checked=Signal::derive(move || draft.with(|d| d.value_added))
                        on_change=Callback::new(move |v| draft.update(|d| d.value_added = v))/>
                </fieldset>
                <fieldset class="rows">
                    <legend>{tr(Lang::fu_todos)}</legend>
                    <button type="button" class="add-row" on:click=move |_| draft.update(|d| {
                        let owner = d.owner.clone();
                        d.todos.push(TodoDraft { owner, ..TodoDraft::default() });
                    })>{move || format!("+ {}", lang.get().fu_add_todo())}</button>
                    {move || (0..todo_count.get()).map(|i| {
                        let field = |get: fn(&TodoDraft) -> &String, set: fn(&mut TodoDraft) -> &mut String| {
                            (
                                Signal::derive(move || draft.with(|d| d.todos.get(i).map(|t| get(t).clone()).unwrap_or_default())),
                                Callback::new(move |v| draft.update(|d| if let Some(t) = d.todos.get_mut(i) { *set(t) = v })),
                            )
                        };
                        let (text_v, text_set) = field(|t| &t.text, |t| &mut t.text);
                        let (owner_v, owner_set) = field(|t| &t.owner, |t| &mut t.owner);
                        let (due_v, due_set) = field(|t| &t.due, |t| &mut t.due);
                        view! {
                            <div class="row-card row-inline">
                                <TextField id=format!("fu-todo-{i}-text") label=Lang::fu_todo_text required=true value=text_v on_input=text_set error=error_for(FuField::TodoText(i))/>
                                <TextField id=format!("fu-todo-{i}-owner") label=Lang::fu_todo_owner value=owner_v on_input=owner_set/>
                                <TextField id=format!("fu-todo-{i}-due") label=Lang::fu_todo_due kind="date" required=true value=due_v on_input=due_set error=error_for(FuField::TodoDue(i))/>
                                <button type="button" class="remove-row" on:click=move |_| draft.update(|d| { d.todos.remove(i); })>{tr(Lang::remove)}</button>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset>
                    <legend>{tr(Lang::fu_next_step)}</legend>
                    <div class="grid">
                        {text("fu-next-date", Lang::fu_next_date, |d| &d.next_date, |d| &mut d.next_date, "date", false, Some(FuField::NextDate))}
                        {kind_select("fu-next-kind", Lang::fu_next_kind, |d| d.next_kind, |d, k| d.next_kind = k)}
                        {text("fu-next-topics", Lang::fu_next_topics, |d| &d.next_topics, |d| &mut d.next_topics, "", false, None)}
                    </div>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="primary">{tr(Lang::save)}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}
