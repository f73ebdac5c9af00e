//! The profile form, for a new customer and for editing one in place. What is typed stays in
//! a [`ProfileDraft`]; nothing is saved while a field is invalid, and nothing typed is lost.

use crate::ui::tr;
use leptos::prelude::*;

use crate::domain::profile_form::{
    ContactDraft, Field, FieldError, OrderDraft, ProfileDraft, RemarkDraft, RowKey,
    SatisfactionDraft,
};
use crate::domain::records::{
    Channel, CompanySize, CreditStatus, Customer, DecisionRole, Level, PreferredTime, RemarkKind,
    SatisfactionKind, Tag,
};
use crate::i18n::Lang;
use crate::ui::form::{keep_draft, CheckField, ChoiceField, RestoredDraftNotice, TextField};
use crate::ui::toast::use_toaster;
use crate::ui::use_lang;
use crate::ui::workspace::{new_id, use_workspace};

/// Where the form is in saving.
#[derive(Clone, Copy, PartialEq)]
enum Saving {
    Idle,
    Busy,
    /// The record changed in another tab since the edit began.
    Conflict,
}

/// A field of a struct, read and written through plain function pointers.
struct Lens<S, T> {
    get: fn(&S) -> &T,
    set: fn(&mut S) -> &mut T,
}

impl<S, T> Clone for Lens<S, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S, T> Copy for Lens<S, T> {}

/// `lens!(ProfileDraft => industry)`.
macro_rules! lens {
    ($ty:ty => $field:ident) => {
        Lens::<$ty, _> {
            get: |x: &$ty| &x.$field,
            set: |x: &mut $ty| &mut x.$field,
        }
    };
}

/// The message for one field, in the current language.
fn field_error(
    errors: Memo<Vec<FieldError>>,
    lang: RwSignal<Lang>,
    field: Field,
) -> Signal<Option<String>> {
    Signal::derive(move || message(errors, lang, field))
}

/// The message for `field`, if it has a problem.
fn message(errors: Memo<Vec<FieldError>>, lang: RwSignal<Lang>, field: Field) -> Option<String> {
    errors.with(|es| {
        es.iter()
            .find(|e| e.field == field)
            .map(|e| lang.get().problem(e.problem))
    })
}

#[component]
pub fn ProfileForm(
    /// The saved profile being edited, or a blank one for a new customer.
    base: Customer,
    /// Called with what was stored.
    on_saved: Callback<Customer>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let toaster = use_toaster();
    let unit = ws.settings.get_untracked().money_unit;
    let draft = RwSignal::new(ProfileDraft::from_customer(&base, unit));
    let kept = keep_draft(profile_draft_name(&base.id), base.revision, draft);
    let mut base = base;
    // A draft typed over an older version saves as a conflict, never over the newer one.
    base.revision = kept.revision;
    let base = RwSignal::new(base);
    let show_errors = RwSignal::new(false);
    let saving = RwSignal::new(Saving::Idle);
    let errors: Memo<Vec<FieldError>> = Memo::new(move |_| {
        if show_errors.get() {
            draft.with(|d| d.validate(ws.today.get(), ws.settings.get().money_unit))
        } else {
            Vec::new()
        }
    });
    let error_for = move |field: Field| field_error(errors, lang, field);

    let save = move |overwrite: bool| {
        show_errors.set(true);
        let today = ws.today.get_untracked();
        let unit = ws.settings.get_untracked().money_unit;
        let mut record = match draft
            .with_untracked(|d| d.to_customer(&base.get_untracked(), today, unit, &mut new_id))
        {
            Ok(record) => record,
            Err(_) => {
                toaster.error(lang.get_untracked().form_has_errors());
                focus_first_invalid();
                return;
            }
        };
        if record.id.is_empty() {
            record.id = new_id();
        }
        saving.set(Saving::Busy);
        let save = move |record: Customer| {
            ws.save_customer(
                record,
                move |saved| {
                    kept.finish();
                    saving.set(Saving::Idle);
                    base.set(saved.clone());
                    toaster.info(lang.get_untracked().saved());
                    on_saved.run(saved);
                },
                // What was typed stays in the form; a change elsewhere offers the choice.
                move |err| {
                    saving.set(if err.is_stale() {
                        Saving::Conflict
                    } else {
                        Saving::Idle
                    })
                },
            )
        };
        if overwrite {
            // Build on whatever is stored now, keeping this form's content.
            ws.read_customer(record.id.clone(), move |latest| {
                if let Some(latest) = latest {
                    record.revision = latest.revision;
                }
                save(record);
            });
        } else {
            save(record);
        }
    };

    let load_latest = move |_| {
        let id = base.get_untracked().id;
        ws.read_customer(id, move |latest| match latest {
            Some(latest) => {
                let unit = ws.settings.get_untracked().money_unit;
                draft.set(ProfileDraft::from_customer(&latest, unit));
                ws.put_customer(latest.clone());
                base.set(latest);
                saving.set(Saving::Idle);
            }
            None => toaster.error(lang.get_untracked().customer_missing()),
        });
    };

    let text = move |id: &'static str,
                     label: fn(Lang) -> &'static str,
                     lens: Lens<ProfileDraft, String>| {
        view! {
            <TextField
                id=format!("pf-{id}")
                label=label
                value=Signal::derive(move || draft.with(|d| (lens.get)(d).clone()))
                on_input=Callback::new(move |v| draft.update(|d| *(lens.set)(d) = v))
            />
        }
    };

    view! {
        <form
            class="profile-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save(false);
            }
        >
            <RestoredDraftNotice restored=kept.restored on_discard=Callback::new(move |_| kept.discard(draft))/>
            <fieldset>
                <legend>{tr(Lang::section_basics)}</legend>
                <div class="grid">
                    <TextField
                        id="pf-name"
                        label=Lang::field_name
                        required=true
                        value=Signal::derive(move || draft.with(|d| d.name.clone()))
                        on_input=Callback::new(move |v| draft.update(|d| d.name = v))
                        error=error_for(Field::Name)
                    />
                    {text("industry", Lang::field_industry, lens!(ProfileDraft => industry))}
                    <ChoiceField
                        id="pf-size"
                        label=Lang::field_size
                        options=CompanySize::ALL.to_vec()
                        option_label=Lang::company_size
                        value=Signal::derive(move || draft.with(|d| d.size))
                        on_change=Callback::new(move |v| draft.update(|d| d.size = v))
                    />
                    {text("lead-source", Lang::field_lead_source, lens!(ProfileDraft => lead_source))}
                    {text("owner", Lang::field_owner, lens!(ProfileDraft => owner))}
                    {text("referred-by", Lang::field_referred_by, lens!(ProfileDraft => referred_by))}
                </div>
            </fieldset>

            <ContactsEditor draft=draft errors=errors/>

            <fieldset>
                <legend>{tr(Lang::section_strategy)}</legend>
                <div class="grid">
                    <CheckField
                        id="pf-leader"
                        label=Lang::field_leader
                        checked=Signal::derive(move || draft.with(|d| d.industry_leader))
                        on_change=Callback::new(move |v| draft.update(|d| d.industry_leader = v))
                    />
                    <CheckField
                        id="pf-competitor"
                        label=Lang::field_competitor
                        checked=Signal::derive(move || draft.with(|d| d.competitor_contact))
                        on_change=Callback::new(move |v| draft.update(|d| d.competitor_contact = v))
                    />
                    <ChoiceField
                        id="pf-brand"
                        label=Lang::field_brand
                        options=Level::ALL.to_vec()
                        option_label=Lang::level
                        value=Signal::derive(move || draft.with(|d| d.brand_influence))
                        on_change=Callback::new(move |v| draft.update(|d| d.brand_influence = v))
                    />
                    <TextField
                        id="pf-growth"
                        label=Lang::field_growth
                        value=Signal::derive(move || draft.with(|d| d.growth_potential.clone()))
                        on_input=Callback::new(move |v| draft.update(|d| d.growth_potential = v))
                        error=error_for(Field::GrowthPotential)
                    />
                    <ChoiceField
                        id="pf-credit"
                        label=Lang::field_credit
                        options=CreditStatus::ALL.to_vec()
                        option_label=Lang::credit
                        value=Signal::derive(move || draft.with(|d| d.credit))
                        on_change=Callback::new(move |v| draft.update(|d| d.credit = v))
                    />
                    {text("fit", Lang::field_fit, lens!(ProfileDraft => strategic_fit))}
                </div>
            </fieldset>

            <fieldset>
                <legend>{tr(Lang::section_tags)}</legend>
                <div class="tag-choices">
                    {Tag::SEED
                        .into_iter()
                        .map(|tag| {
                            let for_check = tag.clone();
                            let for_toggle = tag.clone();
                            let label = tag.clone();
                            view! {
                                <label class="chip-check">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || draft.with(|d| d.seed_tags.contains(&for_check))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let tag = for_toggle.clone();
                                            draft.update(|d| {
                                                d.seed_tags.retain(|t| *t != tag);
                                                if on {
                                                    d.seed_tags.push(tag);
                                                }
                                            });
                                        }
                                    />
                                    <span>{move || lang.get().tag(&label)}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <div class="grid">
                    {text("pain-points", Lang::field_pain_points, lens!(ProfileDraft => pain_points))}
                    {text("free-tags", Lang::field_free_tags, lens!(ProfileDraft => free_tags))}
                </div>
            </fieldset>

            <fieldset>
                <legend>{tr(Lang::section_dates)}</legend>
                <div class="field">
                    <span class="field-label">{tr(Lang::field_peak)}</span>
                    <div class="month-choices">
                        {(1..=12u32)
                            .map(|m| {
                                view! {
                                    <label class="chip-check">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || draft.with(|d| d.peak_months.contains(&m))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                draft.update(|d| {
                                                    d.peak_months.retain(|x| *x != m);
                                                    if on {
                                                        d.peak_months.push(m);
                                                    }
                                                });
                                            }
                                        />
                                        <span>{move || lang.get().month_name(m)}</span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </div>
                <div class="grid">
                    <TextField
                        id="pf-verified-on"
                        label=Lang::field_verified_on
                        kind="date"
                        value=Signal::derive(move || draft.with(|d| d.verified_on.clone()))
                        on_input=Callback::new(move |v| draft.update(|d| d.verified_on = v))
                        error=error_for(Field::VerifiedOn)
                    />
                </div>
            </fieldset>

            <OrdersEditor draft=draft errors=errors/>
            <SatisfactionEditor draft=draft errors=errors/>
            <RemarksEditor draft=draft errors=errors/>

            <Show when=move || saving.get() == Saving::Conflict>
                <div class="notice notice-warn" role="alert">
                    <p>{tr(Lang::save_conflict)}</p>
                    <button type="button" on:click=load_latest>{tr(Lang::load_latest)}</button>
                    " "
                    <button type="button" on:click=move |_| save(true)>{tr(Lang::overwrite)}</button>
                </div>
            </Show>
            <Show when=move || !errors.with(Vec::is_empty)>
                <p class="notice notice-error" role="alert">{tr(Lang::form_has_errors)}</p>
            </Show>
            <div class="form-actions">
                <button type="submit" class="primary" disabled=move || saving.get() == Saving::Busy>
                    {tr(Lang::save)}
                </button>
                <button type="button" on:click=move |_| {
                    kept.finish();
                    on_cancel.run(());
                }>{tr(Lang::cancel)}</button>
            </div>
        </form>
    }
}

/// The name a profile form's unsaved draft is kept under: one per customer, one for a new one.
pub fn profile_draft_name(customer_id: &str) -> String {
    if customer_id.is_empty() {
        "profile-new".into()
    } else {
        format!("profile-{customer_id}")
    }
}

/// Moves focus to the first field with a message, so keyboard users land on the problem.
fn focus_first_invalid() {
    // After the messages render.
    leptos::task::spawn_local(async {
        crate::ui::browser::focus_first("[aria-invalid=\"true\"]");
    });
}

/// A text field of the row at `at` in one of the draft's lists: its value and its setter.
fn row_text<R: 'static>(
    draft: RwSignal<ProfileDraft>,
    list: Lens<ProfileDraft, Vec<R>>,
    field: Lens<R, String>,
    at: At,
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || {
            draft.with(|d| {
                (list.get)(d)
                    .get(at.place(d))
                    .map(|r| (field.get)(r).clone())
                    .unwrap_or_default()
            })
        }),
        Callback::new(move |v| {
            draft.update(|d| {
                let i = at.place(d);
                if let Some(r) = (list.set)(d).get_mut(i) {
                    *(field.set)(r) = v;
                }
            })
        }),
    )
}

/// The keys of a draft list's rows, in order.
fn row_keys<R>(rows: &[R], key: fn(&R) -> RowKey) -> Vec<u64> {
    rows.iter().map(|r| key(r).0).collect()
}

/// Where a row of one of the draft's lists is now: its place follows it when rows before it go.
#[derive(Clone, Copy)]
struct At {
    draft: RwSignal<ProfileDraft>,
    keys: fn(&ProfileDraft) -> Vec<u64>,
    key: u64,
}

impl At {
    /// The row's place in `d`, the draft.
    fn place(self, d: &ProfileDraft) -> usize {
        (self.keys)(d)
            .iter()
            .position(|k| *k == self.key)
            .unwrap_or(usize::MAX)
    }

    /// The row's place, followed (never while the draft is being read or written: read
    /// `place` of it there).
    fn get(self) -> usize {
        self.draft.with(|d| self.place(d))
    }
}

/// The row editors of one of the draft's lists, keyed by their row's key: adding or removing
/// a row leaves the other rows' fields (and what has focus) as they are. `row` is given the
/// row's key and place. One `<For>` for all four lists.
fn keyed_rows(
    draft: RwSignal<ProfileDraft>,
    keys: fn(&ProfileDraft) -> Vec<u64>,
    row: Callback<(u64, At), AnyView>,
) -> impl IntoView {
    view! {
        <For each=move || draft.with(keys) key=|k| *k let:key>
            {row.run((key, At { draft, keys, key }))}
        </For>
    }
}

/// The message for a field of the row at `at`, in the current language.
fn row_error(
    errors: Memo<Vec<FieldError>>,
    lang: RwSignal<Lang>,
    at: At,
    field: fn(usize) -> Field,
) -> Signal<Option<String>> {
    Signal::derive(move || message(errors, lang, field(at.get())))
}

#[component]
fn RowsHeader(
    title: fn(Lang) -> &'static str,
    add_label: fn(Lang) -> &'static str,
    on_add: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <legend>{move || title(lang.get())}</legend>
        <button type="button" class="add-row" on:click=move |_| on_add.run(())>
            {move || format!("+ {}", add_label(lang.get()))}
        </button>
    }
}

#[component]
fn RemoveRow(on_remove: Callback<()>) -> impl IntoView {
    view! {
        <button type="button" class="remove-row" on:click=move |_| on_remove.run(())>
            {tr(Lang::remove)}
        </button>
    }
}

/// A choice of the row at `at` in one of the draft's lists.
macro_rules! row_choice {
    ($draft:ident, $list:ident, $at:ident, $field:ident) => {
        (
            Signal::derive(move || {
                $draft.with(|d| d.$list.get($at.place(d)).and_then(|r| r.$field))
            }),
            Callback::new(move |v| {
                $draft.update(|d| {
                    let i = $at.place(d);
                    if let Some(r) = d.$list.get_mut(i) {
                        r.$field = v;
                    }
                })
            }),
        )
    };
}

/// Removes the row at `at` from one of the draft's lists.
macro_rules! remove_row {
    ($draft:ident, $list:ident, $at:ident) => {
        Callback::new(move |_| {
            $draft.update(|d| {
                let i = $at.place(d);
                if i < d.$list.len() {
                    d.$list.remove(i);
                }
            })
        })
    };
}

#[component]
fn ContactsEditor(draft: RwSignal<ProfileDraft>, errors: Memo<Vec<FieldError>>) -> impl IntoView {
    let lang = use_lang();
    let list = lens!(ProfileDraft => contacts);
    view! {
        <fieldset class="rows">
            <RowsHeader
                title=Lang::section_contacts
                add_label=Lang::add_contact
                on_add=Callback::new(move |_| draft.update(|d| d.contacts.push(ContactDraft::default())))
            />
            {keyed_rows(draft, |d| row_keys(&d.contacts, |r| r.row), Callback::new(move |(k, at): (u64, At)| {
                let text = |id: &str, label: fn(Lang) -> &'static str, field: Lens<ContactDraft, String>, kind: &'static str, error: Option<fn(usize) -> Field>| {
                    let (value, on_input) = row_text(draft, list, field, at);
                    view! {
                        <TextField
                            id=format!("pf-contact-{k}-{id}")
                            label=label
                            kind=kind
                            value=value
                            on_input=on_input
                            error=error.map(|e| row_error(errors, lang, at, e)).unwrap_or_else(|| Signal::derive(|| None))
                        />
                    }
                };
                let (role, on_role) = row_choice!(draft, contacts, at, role);
                let (channel, on_channel) = row_choice!(draft, contacts, at, channel);
                let (time, on_time) = row_choice!(draft, contacts, at, preferred_time);
                view! {
                    <div class="row-card">
                        <div class="grid">
                            {text("name", Lang::field_contact_name, lens!(ContactDraft => name), "", None)}
                            {text("title", Lang::field_contact_title, lens!(ContactDraft => title), "", None)}
                            <ChoiceField
                                id=format!("pf-contact-{k}-role")
                                label=Lang::field_role
                                options=DecisionRole::ALL.to_vec()
                                option_label=Lang::decision_role
                                value=role
                                on_change=on_role
                            />
                            <ChoiceField
                                id=format!("pf-contact-{k}-channel")
                                label=Lang::field_channel
                                options=Channel::ALL.to_vec()
                                option_label=Lang::channel
                                value=channel
                                on_change=on_channel
                            />
                            <ChoiceField
                                id=format!("pf-contact-{k}-time")
                                label=Lang::field_time
                                options=PreferredTime::ALL.to_vec()
                                option_label=Lang::preferred_time
                                value=time
                                on_change=on_time
                            />
                            {text("phone", Lang::field_phone, lens!(ContactDraft => phone), "tel", None)}
                            {text("email", Lang::field_email, lens!(ContactDraft => email), "email", Some(Field::ContactEmail))}
                            {text("wechat", Lang::field_wechat, lens!(ContactDraft => wechat), "", None)}
                            {text("birthday", Lang::field_birthday, lens!(ContactDraft => birthday), "", Some(Field::ContactBirthday))}
                        </div>
                        <RemoveRow on_remove=remove_row!(draft, contacts, at)/>
                    </div>
                }.into_any()
            }))}
        </fieldset>
    }
}

#[component]
fn OrdersEditor(draft: RwSignal<ProfileDraft>, errors: Memo<Vec<FieldError>>) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let list = lens!(ProfileDraft => orders);
    view! {
        <fieldset class="rows">
            <RowsHeader
                title=Lang::section_orders
                add_label=Lang::add_order
                on_add=Callback::new(move |_| draft.update(|d| d.orders.push(OrderDraft::default())))
            />
            <p class="hint">
                {move || format!("{}: {}", lang.get().amounts_in(), lang.get().unit_name(ws.settings.get().money_unit))}
            </p>
            {keyed_rows(draft, |d| row_keys(&d.orders, |r| r.row), Callback::new(move |(k, at): (u64, At)| {
                let (date, on_date) = row_text(draft, list, lens!(OrderDraft => date), at);
                let (amount, on_amount) = row_text(draft, list, lens!(OrderDraft => amount), at);
                let (product, on_product) = row_text(draft, list, lens!(OrderDraft => product), at);
                view! {
                    <div class="row-card row-inline">
                        <TextField id=format!("pf-order-{k}-date") label=Lang::field_date kind="date" value=date on_input=on_date error=row_error(errors, lang, at, Field::OrderDate)/>
                        <TextField id=format!("pf-order-{k}-amount") label=Lang::field_amount value=amount on_input=on_amount error=row_error(errors, lang, at, Field::OrderAmount)
                            unit=Signal::derive(move || lang.get().label_unit(ws.settings.get().money_unit).to_string()) inputmode="decimal"/>
                        <TextField id=format!("pf-order-{k}-product") label=Lang::field_product value=product on_input=on_product/>
                        <RemoveRow on_remove=remove_row!(draft, orders, at)/>
                    </div>
                }.into_any()
            }))}
        </fieldset>
    }
}

#[component]
fn SatisfactionEditor(
    draft: RwSignal<ProfileDraft>,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let lang = use_lang();
    let list = lens!(ProfileDraft => satisfaction);
    view! {
        <fieldset class="rows">
            <RowsHeader
                title=Lang::section_satisfaction
                add_label=Lang::add_score
                on_add=Callback::new(move |_| draft.update(|d| d.satisfaction.push(SatisfactionDraft::default())))
            />
            {keyed_rows(draft, |d| row_keys(&d.satisfaction, |r| r.row), Callback::new(move |(k, at): (u64, At)| {
                let (date, on_date) = row_text(draft, list, lens!(SatisfactionDraft => date), at);
                let (score, on_score) = row_text(draft, list, lens!(SatisfactionDraft => score), at);
                let (note, on_note) = row_text(draft, list, lens!(SatisfactionDraft => note), at);
                view! {
                    <div class="row-card row-inline">
                        <TextField id=format!("pf-score-{k}-date") label=Lang::field_date kind="date" value=date on_input=on_date error=row_error(errors, lang, at, Field::ScoreDate)/>
                        <ChoiceField
                            id=format!("pf-score-{k}-kind")
                            label=Lang::field_kind
                            options=SatisfactionKind::ALL.to_vec()
                            option_label=Lang::satisfaction_kind
                            value=Signal::derive(move || draft.with(|d| d.satisfaction.get(at.place(d)).map(|s| s.kind)))
                            on_change=Callback::new(move |v: Option<SatisfactionKind>| draft.update(|d| { let i = at.place(d); if let (Some(s), Some(v)) = (d.satisfaction.get_mut(i), v) { s.kind = v } }))
                        />
                        <TextField id=format!("pf-score-{k}-score") label=Lang::field_score inputmode="decimal" value=score on_input=on_score error=row_error(errors, lang, at, Field::Score)/>
                        <TextField id=format!("pf-score-{k}-note") label=Lang::field_note value=note on_input=on_note/>
                        <RemoveRow on_remove=remove_row!(draft, satisfaction, at)/>
                    </div>
                }.into_any()
            }))}
        </fieldset>
    }
}

#[component]
fn RemarksEditor(draft: RwSignal<ProfileDraft>, errors: Memo<Vec<FieldError>>) -> impl IntoView {
    let lang = use_lang();
    let list = lens!(ProfileDraft => remarks);
    view! {
        <fieldset class="rows">
            <RowsHeader
                title=Lang::section_remarks
                add_label=Lang::add_remark
                on_add=Callback::new(move |_| draft.update(|d| d.remarks.push(RemarkDraft::default())))
            />
            {keyed_rows(draft, |d| row_keys(&d.remarks, |r| r.row), Callback::new(move |(k, at): (u64, At)| {
                let (date, on_date) = row_text(draft, list, lens!(RemarkDraft => date), at);
                let (text, on_text) = row_text(draft, list, lens!(RemarkDraft => text), at);
                view! {
                    <div class="row-card row-inline">
                        <TextField id=format!("pf-remark-{k}-date") label=Lang::field_date kind="date" value=date on_input=on_date error=row_error(errors, lang, at, Field::RemarkDate)/>
                        <ChoiceField
                            id=format!("pf-remark-{k}-kind")
                            label=Lang::field_kind
                            options=vec![RemarkKind::Complaint, RemarkKind::Suggestion]
                            option_label=Lang::remark_kind
                            value=Signal::derive(move || draft.with(|d| d.remarks.get(at.place(d)).map(|r| r.kind)))
                            on_change=Callback::new(move |v: Option<RemarkKind>| draft.update(|d| { let i = at.place(d); if let (Some(r), Some(v)) = (d.remarks.get_mut(i), v) { r.kind = v } }))
                        />
                        <TextField id=format!("pf-remark-{k}-text") label=Lang::field_text value=text on_input=on_text error=row_error(errors, lang, at, Field::RemarkText)/>
                        <RemoveRow on_remove=remove_row!(draft, remarks, at)/>
                    </div>
                }.into_any()
            }))}
        </fieldset>
    }
}
