//! Labelled form controls with their validation message, shared by every form. Each control
//! is bound to a value and a callback, so forms keep what was typed in their own draft.

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use super::use_lang;
use crate::domain::cadence::TouchKind;
use crate::i18n::Lang;
use crate::store::drafts;

/// A labelled text input (also date, email, tel, number-like text).
#[component]
pub fn TextField(
    /// Unique in the page; the label and the message point at it.
    #[prop(into)]
    id: String,
    label: fn(Lang) -> &'static str,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional, into)] error: MaybeProp<String>,
    /// The input's `type`; text when empty.
    #[prop(optional)]
    kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] placeholder: &'static str,
    /// The unit the value is in, named in the label ("Amount (10,000 CNY)").
    #[prop(optional, into)]
    unit: MaybeProp<String>,
    /// The on-screen keyboard a phone opens (`decimal`, `numeric`); its default when empty.
    #[prop(optional)]
    inputmode: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    let kind = if kind.is_empty() { "text" } else { kind };
    let invalid = move || error.get().is_some().then_some("true");
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                rows="3"
                aria-invalid=invalid
                aria-describedby=described.clone()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type=kind
                required=required
                aria-required=required.then_some("true")
                placeholder=placeholder
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                aria-invalid=invalid
                aria-describedby=described.clone()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <span class="field-head">
                <label for=id.clone()>{move || {
                    let lang = lang.get();
                    match unit.get() {
                        Some(unit) => lang.with_unit(label(lang), &unit),
                        None => label(lang).to_string(),
                    }
                }}</label>
                // Outside the label, so the field's accessible name is just its name.
                {required.then_some(view! { <span class="required" aria-hidden="true">"*"</span> })}
            </span>
            {control}
            <p class="field-error" id=error_id>{move || error.get()}</p>
        </div>
    }
}

/// A labelled choice among a type's values, with an empty "not set" option.
///
/// Only the translation between values and their positions in `options` is generic; the
/// markup is built by [`choice`], compiled once for all types (the generic part costs about
/// 2 KB of wasm per type it is used with; the whole component used to cost 2.5 KB).
#[component]
pub fn ChoiceField<T>(
    #[prop(into)] id: String,
    label: fn(Lang) -> &'static str,
    options: Vec<T>,
    option_label: fn(Lang, T) -> &'static str,
    #[prop(into)] value: Signal<Option<T>>,
    on_change: Callback<Option<T>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    // Each option's name in every language (in `Lang::ALL` order), so the markup needs no `T`.
    let names: Vec<[&'static str; 2]> = (options.iter())
        .map(|&o| Lang::ALL.map(|lang| option_label(lang, o)))
        .collect();
    let for_pick = options.clone();
    // A value that is not among the options selects no option (not even "not set").
    let selected = Signal::derive(move || {
        value
            .get()
            .map(|v| options.iter().position(|x| *x == v).unwrap_or(usize::MAX))
    });
    let on_pick = Callback::new(move |i: Option<usize>| {
        on_change.run(i.and_then(|i| for_pick.get(i).copied()));
    });
    choice(id, label, names, selected, on_pick)
}

/// [`ChoiceField`]'s markup, over option positions.
fn choice(
    id: String,
    label: fn(Lang) -> &'static str,
    names: Vec<[&'static str; 2]>,
    selected: Signal<Option<usize>>,
    on_pick: Callback<Option<usize>>,
) -> AnyView {
    let count = names.len();
    let lang = use_lang();
    let items = (names.into_iter().enumerate())
        .map(|(i, names)| {
            view! {
                <option value=i.to_string() selected=move || selected.get() == Some(i)>
                    {move || {
                        let lang = lang.get();
                        names[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)]
                    }}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{move || label(lang.get())}</label>
            <select
                id=id
                on:change=move |ev| {
                    let picked = event_target_value(&ev).parse::<usize>().ok();
                    on_pick.run(picked.filter(|i| *i < count));
                }
            >
                <option value="" selected=move || selected.get().is_none()>
                    {move || format!("— {} —", lang.get().not_set())}
                </option>
                {items}
            </select>
        </div>
    }
    .into_any()
}

/// A labelled checkbox.
#[component]
pub fn CheckField(
    #[prop(into)] id: String,
    label: fn(Lang) -> &'static str,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field field-check">
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{move || label(lang.get())}</label>
        </div>
    }
}

/// Keeps a settings draft in step with the saved settings (loaded late, or changed in another
/// tab) — but only while the user has not changed the draft, so nothing typed is lost.
pub fn follow_saved<T>(draft: RwSignal<T>, saved: impl Fn() -> T + 'static)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let seen = StoredValue::new(draft.get_untracked());
    Effect::new(move |_| {
        let now = saved();
        if draft.with_untracked(|d| seen.with_value(|s| d == s)) {
            draft.set(now.clone());
        }
        seen.set_value(now);
    });
}

/// A `<select>` of touch kinds, in the order of `kinds` (no "not set"); `id` may be empty when
/// a wrapping `<label>` names it. One markup for every form that picks a kind.
pub fn touch_kind_select(
    id: &'static str,
    kinds: &'static [TouchKind],
    current: Signal<TouchKind>,
    on_pick: Callback<TouchKind>,
) -> AnyView {
    let lang = use_lang();
    view! {
        <select id=(!id.is_empty()).then_some(id) on:change=move |ev| {
            if let Some(k) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| kinds.get(i)) {
                on_pick.run(*k);
            }
        }>
            {kinds.iter().enumerate().map(|(i, &k)| view! {
                <option value=i.to_string() selected=move || current.get() == k>{move || lang.get().touch_kind(k)}</option>
            }).collect_view()}
        </select>
    }
    .into_any()
}

/// A form's draft kept in the tab's session while it differs from what the form opened with
/// (see `store::drafts`), so nothing typed is lost to a reload or a move to another page.
pub struct KeptDraft<T: Send + Sync + 'static> {
    /// A draft from before was put back: the form says so and offers to discard it.
    pub restored: RwSignal<bool>,
    /// The revision of the record the kept draft was typed over.
    pub revision: u64,
    form: StoredValue<String>,
    pristine: StoredValue<T>,
    finished: StoredValue<bool>,
}

impl<T: Send + Sync + 'static> Clone for KeptDraft<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for KeptDraft<T> {}

/// Keeps what is typed into `draft` under the name `form`; a draft kept from before (different
/// from what the form opened with) is put back at once. `revision` is that of the record being
/// edited (0 for a new one).
pub fn keep_draft<T>(form: String, revision: u64, draft: RwSignal<T>) -> KeptDraft<T>
where
    T: Clone + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static,
{
    let pristine = draft.get_untracked();
    let (restored, revision) = match drafts::load::<T>(&form) {
        Some((kept_over, kept)) if kept != pristine => {
            draft.set(kept);
            (true, kept_over)
        }
        Some(_) => {
            drafts::forget(&form);
            (false, revision)
        }
        None => (false, revision),
    };
    let kept = KeptDraft {
        restored: RwSignal::new(restored),
        revision,
        form: StoredValue::new(form),
        pristine: StoredValue::new(pristine),
        finished: StoredValue::new(false),
    };
    Effect::new(move |_| {
        draft.with(|d| {
            if kept.finished.get_value() {
                return;
            }
            kept.form.with_value(|form| {
                if kept.pristine.with_value(|p| p == d) {
                    drafts::forget(form);
                } else {
                    drafts::keep(form, revision, d);
                }
            })
        })
    });
    kept
}

impl<T: Clone + Send + Sync + 'static> KeptDraft<T> {
    /// The form was saved or cancelled: its draft is no longer kept.
    pub fn finish(self) {
        self.finished.set_value(true);
        self.form.with_value(|form| drafts::forget(form));
    }

    /// Puts the form back as it opened and forgets the kept draft.
    pub fn discard(self, draft: RwSignal<T>) {
        self.restored.set(false);
        draft.set(self.pristine.get_value());
        self.form.with_value(|form| drafts::forget(form));
    }
}

/// "What you typed before is back (not saved yet)" with a Discard button, while it is.
#[component]
pub fn RestoredDraftNotice(restored: RwSignal<bool>, on_discard: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show when=move || restored.get()>
            <div class="notice notice-update" role="status">
                <p>{move || lang.get().draft_restored()}</p>
                <button type="button" on:click=move |_| on_discard.run(())>{move || lang.get().draft_discard()}</button>
            </div>
        </Show>
    }
}
