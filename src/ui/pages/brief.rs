//! The brief before a call or visit (沟通前简报): one printable screen with the profile's
//! essentials, the tier and why, last orders, last follow-ups and their feedback, open
//! to-dos and suggested topics.

use crate::domain::sorting;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::domain::cadence::dates::next_peak_start;
use crate::domain::closed_loop::{last_contact, TodoStatus};
use crate::domain::figures::Figures;
use crate::domain::records::Tag;
use crate::i18n::Lang;
use crate::ui::components::PageHeading;
use crate::ui::workspace::use_workspace;
use crate::ui::{format, tr, use_lang};

#[component]
pub fn BriefPage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let query = use_query_map();
    let id = move || query.with(|q| q.get("customer").unwrap_or_default());
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="page page-brief">
            <div class="page-head">
                <PageHeading title=Lang::brief_title/>
                <button type="button" on:click=print>{tr(Lang::plan_print)}</button>
            </div>
            {move || {
                let t = lang.get();
                let today = ws.today.get();
                let Some(c) = ws.customer(&id()) else {
                    let back = crate::ui::routes::Page::Customers.href(&crate::ui::use_base());
                    return view! {
                        <p>{tr(Lang::customer_missing)}</p>
                        <p><a href=back>{move || format!("← {}", lang.get().back_to_customers())}</a></p>
                    }.into_any();
                };
                let settings = ws.settings.get();
                let unit = settings.money_unit;
                let figures = Figures::of(&c, today);
                let tier_line = ws.tiers.with(|m| m.get(&c.id).map(|k| t.explain(settings.tiering.preset, k.tier, &k.explanation, unit))).unwrap_or_default();
                let mut orders = c.orders.clone();
                sorting::sort_by_key(&mut orders, |o| std::cmp::Reverse(o.date));
                let mut followups: Vec<_> = ws.followups.with(|fs| fs.iter().filter(|f| f.customer_id == c.id).cloned().collect());
                sorting::sort_by_key(&mut followups, |f| std::cmp::Reverse(f.date));
                let open: Vec<_> = ws.todos.with(|ts| ts.iter().filter(|x| x.customer_id == c.id && x.done_on.is_none()).cloned().collect());
                let mut topics: Vec<String> = c.tags.iter().filter(|tag| matches!(tag, Tag::NeedCost | Tag::NeedEfficiency | Tag::NeedQuality | Tag::PainPoint(_))).map(|tag| t.tag(tag)).collect();
                topics.extend(followups.iter().take(3).flat_map(|f| f.needs.clone()));
                if next_peak_start(&c.peak_months, today).is_some_and(|s| (s - today).num_days() <= 60) {
                    topics.push(t.brief_peak().to_string());
                }
                topics.truncate(5);
                let last = ws.followups.with(|fs| last_contact(&c.id, fs, today));
                let contacts: Vec<String> = c.contacts.iter().map(|k| {
                    [Some(k.name.clone()), (!k.title.is_empty()).then(|| k.title.clone()), k.role.map(|r| t.decision_role(r).to_string()), (!k.phone.is_empty()).then(|| k.phone.clone())]
                        .into_iter().flatten().collect::<Vec<_>>().join(" · ")
                }).collect();
                view! {
                    <article class="brief">
                        <h2>{c.name.clone()}</h2>
                        <p class="tier-explanation">{tier_line}</p>
                        <h3>{t.brief_essentials()}</h3>
                        <dl class="details">
                            <div><dt>{t.field_industry()}</dt><dd>{c.industry.clone()}</dd></div>
                            <div><dt>{t.field_owner()}</dt><dd>{c.owner.clone()}</dd></div>
                            <div><dt>{t.customers_sort_spend()}</dt><dd>{t.money(figures.spend_12m, unit)}</dd></div>
                            <div><dt>{t.col_tenure()}</dt><dd>{figures.tenure.map(|x| t.tenure(x)).unwrap_or_else(|| t.no_deal_yet().into())}</dd></div>
                            <div><dt>{t.fu_last_contact()}</dt><dd>{last.map(format::date).unwrap_or_else(|| "—".into())}</dd></div>
                        </dl>
                        <ul class="plain-list">{contacts.into_iter().map(|k| view! { <li>{k}</li> }).collect_view()}</ul>
                        <h3>{t.brief_topics()}</h3>
                        {topics.is_empty().then(|| view! { <p class="hint">{t.none_yet()}</p> })}
                        <ul class="plain-list">{topics.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                        <h3>{t.brief_last_orders()}</h3>
                        {orders.is_empty().then(|| view! { <p class="hint">{t.no_deal_yet()}</p> })}
                        <ul class="plain-list">{orders.into_iter().take(3).map(|o| view! {
                            <li>{o.date.map(format::date).unwrap_or_default()}" · "{t.money(o.amount_fen, unit)}" · "{o.product.clone()}</li>
                        }).collect_view()}</ul>
                        <h3>{t.brief_last_followups()}</h3>
                        {followups.is_empty().then(|| view! { <p class="hint">{t.fu_none()}</p> })}
                        <ul class="plain-list">{followups.into_iter().take(3).map(|f| view! {
                            <li>
                                {f.date.map(format::date).unwrap_or_default()}" · "{t.touch_kind(f.kind)}" · "{f.topics.join("、")}
                                {(!f.feedback.is_empty()).then(|| format!(" — {}", f.feedback))}
                                {f.score.map(|s| format!(" ({s}/10)"))}
                            </li>
                        }).collect_view()}</ul>
                        <h3>{t.brief_open_todos()}</h3>
                        {open.is_empty().then(|| view! { <p class="hint">{t.summary_no_todos()}</p> })}
                        <ul class="plain-list">{open.into_iter().map(|x| {
                            let text = if x.profile_update { t.todo_profile_update().to_string() } else { x.text.clone() };
                            view! { <li>{text}" · "{t.todo_status(TodoStatus::of(&x, today))}{x.due_on.map(|d| format!(" · {}", format::date(d)))}</li> }
                        }).collect_view()}</ul>
                    </article>
                }.into_any()
            }}
        </section>
    }
}
