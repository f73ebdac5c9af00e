//! One customer's profile: figures, quality, every field, orders and dated satisfaction;
//! edit in place, delete with Undo.

use crate::ui::tr;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

mod followups;
mod lifecycle;
mod summary;
mod sync_notes;

use crate::domain::cadence::next_anniversary;
use crate::domain::figures::{Completeness, Figures, Verification};
use crate::domain::records::Customer;
use crate::domain::sorting;
use crate::i18n::Lang;
use crate::store::drafts;
use crate::ui::components::profile_drafts::provide_profile_drafts;
use crate::ui::components::profile_form::{profile_draft_name, ProfileForm};
use crate::ui::components::tier::TierCard;
use crate::ui::components::{use_page_title, ShowAll, LATEST};
use crate::ui::format;
use crate::ui::routes::Page;
use crate::ui::toast::use_toaster;
use crate::ui::workspace::{use_workspace, Status};
use crate::ui::{browser, use_base, use_lang};
use followups::CustomerFollowUps;
use lifecycle::{HealthCard, LifecycleCard, WinBackCard};
use summary::ProfileSummary;
use sync_notes::SyncNotes;

#[component]
pub fn CustomerPage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let query = use_query_map();
    let id = Memo::new(move |_| query.with(|q| q.get("id").unwrap_or_default()));
    let customer = Memo::new(move |_| id.with(|id| ws.customer(id)));
    // An edit left unsaved (a reload, another page) opens again with what was typed.
    let editing = RwSignal::new(drafts::exists(&profile_draft_name(&id.get_untracked())));
    let loaded = Memo::new(move |_| customer.with(Option::is_some));
    provide_profile_drafts(id);
    use_page_title(Lang::nav_customers);
    Effect::new(move |_| {
        if let Some(c) = customer.get() {
            browser::set_title(&lang.get().page_title(&c.name));
        }
    });
    let back = Page::Customers.href(&use_base());

    view! {
        <section class="page page-customer">
            <p class="breadcrumb"><a href=back>{move || format!("← {}", lang.get().back_to_customers())}</a></p>
            {move || {
                // The form is built once per edit from the version it started on: a save in
                // another tab must not replace what is being typed (the save then reports
                // the conflict instead).
                if editing.get() && loaded.get() {
                    if let Some(c) = customer.get_untracked() {
                        return view! {
                            <h1 class="page-title">{c.name.clone()}</h1>
                            <ProfileForm
                                base=c
                                on_saved=Callback::new(move |_| editing.set(false))
                                on_cancel=Callback::new(move |_| editing.set(false))
                            />
                        }
                        .into_any();
                    }
                }
                view! {
                    {move || match (customer.get(), ws.status.get()) {
                        (Some(c), _) => view! { <Profile customer=c editing=editing/> }.into_any(),
                        (None, Status::Loading) => view! { <p class="hint">{tr(Lang::customers_loading)}</p> }.into_any(),
                        (None, _) => view! {
                            <h1 class="page-title">{tr(Lang::not_found_title)}</h1>
                            <p>{tr(Lang::customer_missing)}</p>
                        }.into_any(),
                    }}
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn Profile(customer: Customer, editing: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let toaster = use_toaster();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let plan_href = format!("{}/plan/?customer={}", crate::ui::use_base(), customer.id);
    let today = ws.today.get_untracked();
    let unit = move || ws.settings.get().money_unit;
    let figures = Figures::of(&customer, today);
    let c = StoredValue::new(customer.clone());

    let delete = move |_| {
        let id = c.with_value(|c| c.id.clone());
        let navigate = navigate.clone();
        let list = Page::Customers.path();
        ws.delete_customer(id, move |undo| {
            let t = lang.get_untracked();
            toaster.with_action(
                t.deleted_customer(&c.with_value(|c| c.name.clone())),
                t.undo(),
                undo,
            );
            navigate(&list, Default::default());
        });
    };

    let mark_verified = move |_| {
        let today = ws.today.get_untracked();
        let id = c.with_value(|c| c.id.clone());
        ws.update_customer(&id, move |c| c.verified_on = Some(today));
    };

    let money = move |f| format::money(lang.get(), f, unit());
    let order_count = customer.orders.len();
    let Figures {
        spend_12m,
        spend_last_3m,
        spend_prev_3m,
        spend_3y,
        average_order,
        orders_12m,
        tenure,
        first_deal,
        completeness,
        verification,
        ..
    } = figures.clone();
    let change = figures.last_3m_change_pct();
    let never_verified = customer.verified_on.is_none();
    let next_anniversary = first_deal.map(|d| next_anniversary(d, today).0);

    view! {
        <div class="profile-head">
            <h1 class="page-title">{customer.name.clone()}</h1>
            <div class="actions">
                <a class="button" href=plan_href>{tr(Lang::plan_customer)}</a>
                <button type="button" on:click=move |_| editing.set(true)>{tr(Lang::edit)}</button>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>{tr(Lang::delete)}</button>
            </div>
        </div>
        <Show when=move || confirming.get()>
            <div class="notice notice-warn" role="alertdialog" aria-labelledby="confirm-delete-title">
                <h2 id="confirm-delete-title">{tr(Lang::confirm_delete_title)}</h2>
                <p>{move || lang.get().confirm_delete_body(&c.with_value(|c| c.name.clone()), order_count)}</p>
                <button type="button" class="danger" on:click=delete.clone()>{tr(Lang::delete)}</button>
                " "
                <button type="button" on:click=move |_| confirming.set(false)>{tr(Lang::cancel)}</button>
            </div>
        </Show>

        <ProfileSummary customer=customer.clone()/>
        <Contacts customer=c/>
        <CustomerFollowUps customer_id=customer.id.clone() tier=customer.tiering.effective(today)/>
        <HealthCard customer=customer.clone()/>
        <WinBackCard customer=customer.clone()/>
        <LifecycleCard customer=customer.clone()/>

        <TierCard
            customer=customer.clone()
            classification=ws.tiers.with_untracked(|t| t.get(&customer.id).cloned())
        />

        <section class="card">
            <h2>{tr(Lang::section_figures)}</h2>
            <dl class="figures">
                <div><dt>{tr(Lang::customers_sort_spend)}</dt><dd title=move || format::money_exact(lang.get(), spend_12m, unit())>{move || money(spend_12m)}</dd></div>
                <div>
                    <dt>{tr(Lang::col_trend_3m)}</dt>
                    <dd>
                        {move || format!("{} / {}", money(spend_last_3m), money(spend_prev_3m))}
                        {change.map(|c| view! { <span class="trend" class:trend-down-bad=c <= -50>{format!(" ({})", format::percent_change(c))}</span> })}
                    </dd>
                </div>
                <div><dt>{tr(Lang::spend_3y)}</dt><dd title=move || format::money_exact(lang.get(), spend_3y, unit())>{move || money(spend_3y)}</dd></div>
                <div><dt>{tr(Lang::col_average_order)}</dt><dd>{move || average_order.map(money).unwrap_or_else(|| "—".into())}</dd></div>
                <div><dt>{tr(Lang::col_orders_per_year)}</dt><dd>{orders_12m}</dd></div>
                <div><dt>{tr(Lang::col_tenure)}</dt><dd>{move || tenure.map(|t| lang.get().tenure(t)).unwrap_or_else(|| lang.get().no_deal_yet().into())}</dd></div>
                <div><dt>{tr(Lang::first_deal)}</dt><dd>{first_deal.map(format::date).unwrap_or_else(|| "—".into())}</dd></div>
                <div><dt>{tr(Lang::anniversary)}</dt><dd>{next_anniversary.map(format::date).unwrap_or_else(|| "—".into())}</dd></div>
            </dl>
        </section>

        <section class="card">
            <h2>{tr(Lang::section_quality)}</h2>
            <CompletenessView completeness=completeness/>
            <p class="verification" class:overdue=verification.needs_reminder()>
                {move || match verification {
                    // Counted from the day the profile was made, which is not a check by anyone
                    // (an imported spreadsheet's facts may be years old): say which it is.
                    Verification::Current { since, due } => format!("{} {} · {}", if never_verified { lang.get().profile_created() } else { lang.get().verified_current() }, format::date(since), lang.get().verification_due(&format::date(due))),
                    Verification::Overdue { since, .. } => lang.get().verification_overdue(&format::date(since)),
                    Verification::Never => lang.get().verified_never().to_string(),
                }}
                " "
                <button type="button" on:click=mark_verified>{tr(Lang::mark_verified)}</button>
            </p>
        </section>

        <SyncNotes customer_id=customer.id.clone()/>
        <ProfileDetails customer=customer/>
    }
}

#[component]
fn CompletenessView(completeness: Completeness) -> impl IntoView {
    let lang = use_lang();
    let Completeness { percent, missing } = completeness;
    let meets = percent >= Completeness::TARGET_PERCENT;
    view! {
        <div class="completeness">
            <div class="meter" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent
                aria-label=tr(Lang::col_completeness)>
                <div class="meter-fill" class:meter-ok=meets style:width=format!("{percent}%")></div>
            </div>
            <p>
                <strong>{format!("{percent}%")}</strong>
                " "
                <span class="hint">{move || format!("({})", lang.get().completeness_target())}</span>
            </p>
            {(!missing.is_empty()).then(|| view! {
                <p class="missing">
                    {tr(Lang::completeness_missing)}
                    {move || missing.iter().map(|f| lang.get().profile_field(*f)).collect::<Vec<_>>().join(lang.get().list_separator())}
                </p>
            })}
        </div>
    }
}

#[component]
fn ProfileDetails(customer: Customer) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let c = StoredValue::new(customer);
    let text_or_dash = |s: &str| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s.to_string()
        }
    };
    let opt = move |v: Option<&'static str>| v.map(String::from).unwrap_or_else(|| "—".into());
    let mut orders = c.with_value(|c| c.orders.clone());
    sorting::sort_by_key(&mut orders, |o| std::cmp::Reverse(o.date));
    let mut scores = c.with_value(|c| c.satisfaction.clone());
    sorting::sort_by_key(&mut scores, |s| std::cmp::Reverse(s.date));
    let mut remarks = c.with_value(|c| c.remarks.clone());
    sorting::sort_by_key(&mut remarks, |r| std::cmp::Reverse(r.date));
    // Long lists show their latest few; the rest is drawn only when asked for.
    let (orders_total, scores_total, remarks_total) = (orders.len(), scores.len(), remarks.len());
    let (orders_empty, scores_empty, remarks_empty) =
        (orders.is_empty(), scores.is_empty(), remarks.is_empty());
    let (orders, scores, remarks) = (
        StoredValue::new(orders),
        StoredValue::new(scores),
        StoredValue::new(remarks),
    );
    let orders_shown = RwSignal::new(LATEST);
    let scores_shown = RwSignal::new(LATEST);
    let remarks_shown = RwSignal::new(LATEST);
    let unit = move || ws.settings.with(|s| s.money_unit);

    view! {
        <section class="card">
            <h2>{tr(Lang::section_basics)}</h2>
            <dl class="details">
                <div><dt>{tr(Lang::field_industry)}</dt><dd>{text_or_dash(&c.with_value(|c| c.industry.clone()))}</dd></div>
                <div><dt>{tr(Lang::field_size)}</dt><dd>{move || opt(c.with_value(|c| c.size).map(|s| lang.get().company_size(s)))}</dd></div>
                <div><dt>{tr(Lang::field_lead_source)}</dt><dd>{text_or_dash(&c.with_value(|c| c.lead_source.clone()))}</dd></div>
                <div><dt>{tr(Lang::field_owner)}</dt><dd>{text_or_dash(&c.with_value(|c| c.owner.clone()))}</dd></div>
                <div><dt>{tr(Lang::field_referred_by)}</dt><dd>{text_or_dash(&c.with_value(|c| c.referred_by.clone()))}</dd></div>
            </dl>
        </section>

        <section class="card">
            <h2>{tr(Lang::section_strategy)}</h2>
            {move || {
                let s = c.with_value(|c| c.strategy.clone());
                let t = lang.get();
                let yes_no = |b: bool| if b { "✓" } else { "—" };
                view! {
                    <dl class="details">
                        <div><dt>{t.field_leader()}</dt><dd>{yes_no(s.industry_leader)}</dd></div>
                        <div><dt>{t.field_brand()}</dt><dd>{opt(s.brand_influence.map(|l| t.level(l)))}</dd></div>
                        <div><dt>{t.growth_shown()}</dt><dd>{s.growth_potential_pct.map(|p| format!("{p}%")).unwrap_or_else(|| "—".into())}</dd></div>
                        <div><dt>{t.field_credit()}</dt><dd>{opt(s.credit.map(|x| t.credit(x)))}</dd></div>
                        <div><dt>{t.field_competitor()}</dt><dd>{yes_no(s.competitor_contact)}</dd></div>
                        <div><dt>{t.field_fit()}</dt><dd>{text_or_dash(&s.strategic_fit)}</dd></div>
                    </dl>
                }
            }}
        </section>

        <section class="card">
            <h2>{tr(Lang::section_tags)}</h2>
            <p class="chips">
                {move || {
                    let tags = c.with_value(|c| c.tags.clone());
                    if tags.is_empty() {
                        return lang.get().none_yet().into_any();
                    }
                    tags.iter().map(|t| view! { <span class="chip">{lang.get().tag(t)}</span> }).collect_view().into_any()
                }}
            </p>
            <p>
                <strong>{tr(Lang::field_peak)}</strong>": "
                {move || {
                    let months = c.with_value(|c| c.peak_months.clone());
                    if months.is_empty() { "—".to_string() } else {
                        months.iter().map(|m| lang.get().month_name(*m)).collect::<Vec<_>>().join(lang.get().list_separator())
                    }
                }}
            </p>
        </section>

        <section class="card">
            <h2>{tr(Lang::section_orders)}</h2>
            {if orders_empty {
                view! { <p class="hint">{tr(Lang::no_deal_yet)}</p> }.into_any()
            } else {
                view! {
                    <table class="plain orders">
                        <thead><tr>
                            <th scope="col">{tr(Lang::field_date)}</th>
                            <th scope="col" class="num">{tr(Lang::field_amount)}</th>
                            <th scope="col">{tr(Lang::field_product)}</th>
                        </tr></thead>
                        <tbody>
                            {move || orders.with_value(|os| os.iter().take(orders_shown.get()).cloned().map(|o| view! {
                                <tr>
                                    <td>{o.date.map(format::date).unwrap_or_default()}</td>
                                    <td class="num" title=move || format::money_exact(lang.get(), o.amount_fen, unit())>{move || format::money(lang.get(), o.amount_fen, unit())}</td>
                                    <td>{o.product.clone()}</td>
                                </tr>
                            }).collect_view())}
                        </tbody>
                    </table>
                    <ShowAll total=orders_total shown=orders_shown/>
                }.into_any()
            }}
        </section>

        <section class="card">
            <h2>{tr(Lang::section_satisfaction)}</h2>
            {if scores_empty {
                view! { <p class="hint">{tr(Lang::none_yet)}</p> }.into_any()
            } else {
                view! {
                    <table class="plain">
                        <thead><tr>
                            <th scope="col">{tr(Lang::field_date)}</th>
                            <th scope="col">{tr(Lang::field_kind)}</th>
                            <th scope="col" class="num">{tr(Lang::field_score)}</th>
                            <th scope="col">{tr(Lang::field_note)}</th>
                        </tr></thead>
                        <tbody>
                            {move || scores.with_value(|ss| ss.iter().take(scores_shown.get()).cloned().map(|s| view! {
                                <tr>
                                    <td>{s.date.map(format::date).unwrap_or_default()}</td>
                                    <td>{move || s.kind.map(|k| lang.get().satisfaction_kind(k)).unwrap_or("—")}</td>
                                    <td class="num">{s.score}</td>
                                    <td>{s.note.clone()}</td>
                                </tr>
                            }).collect_view())}
                        </tbody>
                    </table>
                    <ShowAll total=scores_total shown=scores_shown/>
                }.into_any()
            }}
        </section>

        <section class="card">
            <h2>{tr(Lang::section_remarks)}</h2>
            {if remarks_empty {
                view! { <p class="hint">{tr(Lang::none_yet)}</p> }.into_any()
            } else {
                view! {
                    <ul class="remarks">
                        {move || remarks.with_value(|rs| rs.iter().take(remarks_shown.get()).cloned().map(|r| view! {
                            <li>
                                <span class="chip">{move || r.kind.map(|k| lang.get().remark_kind(k)).unwrap_or("—")}</span>
                                " " {r.date.map(format::date).unwrap_or_default()} " · " {r.text.clone()}
                            </li>
                        }).collect_view())}
                    </ul>
                    <ShowAll total=remarks_total shown=remarks_shown/>
                }.into_any()
            }}
        </section>
    }
}

/// The people to talk to, high on the profile: whom to call is the first thing a call needs.
#[component]
fn Contacts(customer: StoredValue<Customer>) -> impl IntoView {
    let lang = use_lang();
    let c = customer;
    view! {
        <section class="card">
            <h2>{tr(Lang::section_contacts)}</h2>
            {move || {
                let contacts = c.with_value(|c| c.contacts.clone());
                if contacts.is_empty() {
                    return view! { <p class="hint">{lang.get().none_yet()}</p> }.into_any();
                }
                let t = lang.get();
                view! {
                    <ul class="contacts">
                        {contacts.into_iter().map(|k| view! {
                            <li>
                                <strong>{k.name.clone()}</strong>
                                {(!k.title.is_empty()).then(|| format!(" · {}", k.title))}
                                {k.role.map(|r| view! { <span class="chip">{t.decision_role(r)}</span> })}
                                <div class="hint">
                                    {[
                                        k.channel.map(|ch| format!("{}: {}", t.field_channel(), t.channel(ch))),
                                        k.preferred_time.map(|p| t.preferred_time(p).to_string()),
                                        (!k.phone.is_empty()).then(|| k.phone.clone()),
                                        (!k.email.is_empty()).then(|| k.email.clone()),
                                        (!k.wechat.is_empty()).then(|| format!("{}: {}", t.field_wechat(), k.wechat)),
                                        k.birthday.map(|b| format!("{}: {:02}-{:02}", t.birthday_shown(), b.month, b.day)),
                                    ].into_iter().flatten().collect::<Vec<_>>().join(" · ")}
                                </div>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
