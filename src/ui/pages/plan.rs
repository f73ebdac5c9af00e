//! Plan: the cadence turned into exact dates — a month calendar and each customer's year —
//! editable item by item and kept; exported as an .ics calendar or printed.

use crate::domain::sorting;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::domain::cadence::plan::{
    by_date, customer_plan, finish_plan, months_to_cover, plan_order, PlannedTouch,
};
use crate::domain::cadence::Records;
use crate::domain::cadence::TouchKind;
use crate::domain::ics::{write_calendar, IcsEvent};
use crate::domain::records::PlanItem;
use crate::domain::stable::StableName;
use crate::domain::text::split_list;
use crate::i18n::Lang;
use crate::ui::browser;
use crate::ui::components::authors::{author_of, provide_authors};
use crate::ui::components::PageHeading;
use crate::ui::form::touch_kind_select;
use crate::ui::routes::customer_href;
use crate::ui::toast::use_toaster;
use crate::ui::workspace::per_customer::{per_customer_memo, Reads};
use crate::ui::workspace::{figure, kept, new_id, use_workspace, Workspace};
use crate::ui::{format, tr, use_base, use_lang};

figure!(PlanReach: RwSignal<u32>);
figure!(PlanYear: Memo<Arc<Vec<Arc<Vec<PlannedTouch>>>>>);
figure!(PlanNames: Memo<Vec<(String, String)>>);

const MONTHS_AHEAD: u32 = 12;

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("day 1 exists")
}

/// Every customer's touches as far as the plan reaches (up to a year): one list per
/// customer, each in date order.
type Year = Arc<Vec<Arc<Vec<PlannedTouch>>>>;

/// One customer's touches of the year.
fn of_customer(year: &Year, id: &str) -> Vec<PlannedTouch> {
    year.iter()
        .find(|list| list.first().is_some_and(|t| t.customer_id == id))
        .map(|list| list.to_vec())
        .unwrap_or_default()
}

/// One customer's year: from the kept plan when it reaches a year (or a daily cap weighs
/// everyone's touches together), else generated for that customer alone.
fn customer_year(
    ws: Workspace,
    plan: Memo<Year>,
    reach: RwSignal<u32>,
    id: &str,
) -> Vec<PlannedTouch> {
    let cadence = ws.settings.with(|s| s.cadence.clone());
    if cadence.daily_cap > 0 || reach.get() >= MONTHS_AHEAD {
        return plan.with(|p| of_customer(p, id));
    }
    let Some(customer) = ws
        .customers
        .with(|cs| cs.iter().find(|c| c.id == id).cloned())
    else {
        return Vec::new();
    };
    let tiering = ws.settings.with(|s| s.tiering.clone());
    let lunar = ws.lunar.get();
    let rules = Records::rules_only(&cadence, &tiering, &lunar);
    let today = ws.today.get();
    ws.with_own_records(id, |followups, plans| {
        customer_plan(&customer, followups, plans, &rules, today, MONTHS_AHEAD)
    })
}

/// What a calendar day shows of a touch.
struct DayItem {
    customer_id: String,
    kind: TouchKind,
    moved: bool,
}

/// How many touches a calendar day lists.
const DAY_ITEMS: usize = 6;

/// The first `DAY_ITEMS` touches of each day from `first` to `last`, in the plan's order
/// (10,000 customers have over 15,000 touches a month: none is copied but those shown).
fn in_month(year: &Year, first: NaiveDate, last: NaiveDate) -> Vec<Vec<DayItem>> {
    let days = (last - first).num_days() as usize + 1;
    let mut per_day: Vec<Vec<&PlannedTouch>> = vec![Vec::new(); days];
    for list in year.iter() {
        let from = list.partition_point(|t| t.date < first);
        for t in list[from..].iter().take_while(|t| t.date <= last) {
            per_day[(t.date - first).num_days() as usize].push(t);
        }
    }
    per_day
        .into_iter()
        .map(|mut touches| {
            sorting::sort_by(&mut touches, |a, b| plan_order(a, b));
            touches
                .into_iter()
                .take(DAY_ITEMS)
                .map(|t| DayItem {
                    customer_id: t.customer_id.clone(),
                    kind: t.kind,
                    moved: t.moved.is_some(),
                })
                .collect()
        })
        .collect()
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let toaster = use_toaster();
    let query = use_query_map();
    // How many months ahead the plan is generated: only as far as the calendar has been
    // shown (a year of 10,000 customers' touches takes a while), the whole year for a daily
    // cap (it weighs every touch of the year together) and for the export.
    let reach = kept::<PlanReach>(|| {
        RwSignal::new(months_to_cover(
            ws.today.get_untracked(),
            ws.today.get_untracked(),
            MONTHS_AHEAD,
        ))
    });
    // Kept while other pages are shown, and per customer: a change computes again only the
    // plan of the customers it touched.
    let plan = kept::<PlanYear>(|| {
        let per = per_customer_memo(
            ws,
            Reads::ALL,
            move || {
                let lunar = ws.lunar.get();
                let (cadence, tiering) =
                    ws.settings.with(|s| (s.cadence.clone(), s.tiering.clone()));
                let months = if cadence.daily_cap > 0 {
                    MONTHS_AHEAD
                } else {
                    reach.get()
                };
                (ws.today.get(), cadence, tiering, lunar, months)
            },
            |(today, cadence, tiering, lunar, months), own| {
                let rules = Records::rules_only(cadence, tiering, lunar);
                Arc::new(customer_plan(
                    own.customer,
                    own.followups,
                    own.plans,
                    &rules,
                    *today,
                    *months,
                ))
            },
        );
        Memo::new(move |_| {
            let cadence = ws.settings.with(|s| s.cadence.clone());
            let today = ws.today.get();
            let per = per.get();
            if cadence.daily_cap == 0 {
                return per;
            }
            // A daily cap weighs every customer's touches together.
            let mut all: Vec<PlannedTouch> = per.iter().flat_map(|p| p.iter().cloned()).collect();
            finish_plan(&mut all, &cadence, today);
            let mut of: HashMap<String, Vec<PlannedTouch>> = HashMap::new();
            for t in all {
                of.entry(t.customer_id.clone()).or_default().push(t);
            }
            Arc::new(ws.customers.with(|cs| {
                cs.iter()
                    .map(|c| Arc::new(of.remove(&c.id).unwrap_or_default()))
                    .collect()
            }))
        })
    });
    let month = RwSignal::new(first_of_month(ws.today.get_untracked()));
    let customer = RwSignal::new(query.with_untracked(|q| q.get("customer").unwrap_or_default()));
    let every_name = RwSignal::new(false);
    let names = kept::<PlanNames>(|| {
        Memo::new(move |_| {
            let mut names: Vec<(String, String)> = ws
                .customers
                .with(|cs| cs.iter().map(|c| (c.id.clone(), c.name.clone())).collect());
            sorting::sort_by(&mut names, |a, b| a.1.cmp(&b.1));
            names
        })
    });

    // Who planned or changed the chosen customer's stored touches (a team syncing one database).
    provide_authors(Signal::derive(move || {
        let id = customer.get();
        ws.plans.with(|ps| {
            ps.iter()
                .filter(|p| !id.is_empty() && p.customer_id == id)
                .map(|p| format!("plan:{}", p.id))
                .collect()
        })
    }));

    let export = move |_| {
        reach.set(MONTHS_AHEAD);
        let t = lang.get_untracked();
        let only = customer.get_untracked();
        let mut items: Vec<PlannedTouch> = plan.with_untracked(|p| {
            p.iter()
                .flat_map(|list| list.iter())
                .filter(|item| only.is_empty() || item.customer_id == only)
                .cloned()
                .collect()
        });
        by_date(&mut items);
        let events: Vec<IcsEvent> = items.iter().map(|item| ics_event(ws, item, t)).collect();
        let stamp = ws
            .today
            .get_untracked()
            .and_hms_opt(0, 0, 0)
            .expect("midnight");
        let text = write_calendar(t.app_name(), &events, stamp);
        let name = format!("plan-{}.ics", format::date(ws.today.get_untracked()));
        if let Err(e) = browser::download(&name, "text/calendar", &text) {
            toaster.error(e.message(lang.get_untracked()));
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };

    view! {
        <section class="page page-plan">
            <div class="page-head">
                <PageHeading title=Lang::nav_plan/>
                <div class="actions">
                    <button type="button" on:click=export>{tr(Lang::plan_export_ics)}</button>
                    <button type="button" on:click=print>{tr(Lang::plan_print)}</button>
                </div>
            </div>
            <crate::ui::demo::TryDemo/>
            <MonthCalendar plan=plan month=month reach=reach customer=customer/>
            <section class="card customer-plan" aria-labelledby="customer-plan-title">
                <h2 id="customer-plan-title">{tr(Lang::plan_customer)}</h2>
                <label class="inline-field">
                    <span>{tr(Lang::plan_choose_customer)}</span>
                    // One reactive value for the list, not one per option (10,000 customers);
                    // `selected` places the choice the page opened with, as the value is set
                    // before the options exist.
                    <select on:change=move |ev| customer.set(event_target_value(&ev)) prop:value=move || customer.get()
                        on:focus=move |_| every_name.set(true) on:pointerdown=move |_| every_name.set(true)>
                        <option value="">"—"</option>
                        {move || {
                            // Until the list is opened (pointer or keyboard focus), only the
                            // chosen customer is an option: 10,000 options take a while to
                            // draw, and most visits only look at the calendar.
                            let every = every_name.get();
                            let chosen = if every { customer.get_untracked() } else { customer.get() };
                            names.with(|n| n.iter().filter(|(id, _)| every || *id == chosen).map(|(id, name)| {
                                let selected = *id == chosen;
                                view! { <option value=id.clone() selected=selected>{name.clone()}</option> }
                            }).collect_view())
                        }}
                    </select>
                </label>
                {move || {
                    let id = customer.get();
                    (!id.is_empty()).then(|| {
                        let items = customer_year(ws, plan, reach, &id);
                        view! {
                            <table class="plain year-plan">
                                <tbody>
                                    {items.into_iter().map(|item| view! { <PlanRow item=item/> }).collect_view()}
                                </tbody>
                            </table>
                        }
                    })
                }}
            </section>
        </section>
    }
}

fn ics_event(ws: Workspace, item: &PlannedTouch, t: Lang) -> IcsEvent {
    let name = ws
        .customers
        .with_untracked(|cs| {
            cs.iter()
                .find(|c| c.id == item.customer_id)
                .map(|c| c.name.clone())
        })
        .unwrap_or_default();
    let mut description = vec![t.due_rule(&item.reason)];
    description.extend(item.topics.iter().cloned());
    description.extend(item.suggestion.map(|s| t.suggestion(s).to_string()));
    IcsEvent {
        uid: format!("{}@kehu-weihu", item.uid()),
        date: item.date,
        summary: format!("{name} · {}", t.touch_kind(item.kind)),
        description: description.join("\n"),
        categories: item
            .tier
            .map(|tier| vec![tier.name().to_string()])
            .unwrap_or_default(),
    }
}

#[component]
fn MonthCalendar(
    plan: Memo<Year>,
    month: RwSignal<NaiveDate>,
    reach: RwSignal<u32>,
    customer: RwSignal<String>,
) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let shift = move |months: i32| {
        let shown = crate::domain::calendar::add_months(month.get_untracked(), months);
        let needed = months_to_cover(ws.today.get_untracked(), shown, MONTHS_AHEAD);
        if needed > reach.get_untracked() {
            reach.set(needed);
        }
        month.set(shown);
    };
    view! {
        <section class="card month" aria-labelledby="month-title">
            <div class="month-head">
                <button type="button" aria-label=tr(Lang::plan_prev) on:click=move |_| shift(-1)>"‹"</button>
                <h2 id="month-title">{move || { let m = month.get(); lang.get().month_title(m.year(), m.month()) }}</h2>
                <button type="button" aria-label=tr(Lang::plan_next) on:click=move |_| shift(1)>"›"</button>
            </div>
            <div class="month-grid" role="grid">
                {move || (0..7).map(|i| view! { <div class="month-weekday" role="columnheader">{lang.get().weekday_short(i)}</div> }).collect_view()}
                {move || {
                    let first = month.get();
                    let lead = first.weekday().num_days_from_monday() as i64;
                    let days = crate::domain::calendar::last_day_of_month(first.year(), first.month());
                    let today = ws.today.get();
                    // This month's touches only (a year of every customer's is long).
                    let last = first.with_day(days).expect("in month");
                    let mut items = plan.with(|p| in_month(p, first, last));
                    // The names of the customers shown, not of all 10,000.
                    let shown: std::collections::HashSet<&str> = items.iter().flatten().map(|i| i.customer_id.as_str()).collect();
                    let names: HashMap<String, String> = ws.customers.with(|cs| {
                        cs.iter().filter(|c| shown.contains(c.id.as_str())).map(|c| (c.id.clone(), c.name.clone())).collect()
                    });
                    let blanks = (0..lead).map(|_| view! { <div class="month-day blank"></div> }.into_any());
                    let cells = (1..=days).map(move |n| {
                        let day = first.with_day(n).expect("in month");
                        let todays = std::mem::take(&mut items[n as usize - 1]);
                        let t = lang.get();
                        view! {
                            <div class="month-day" class:today=day == today role="gridcell" aria-label=format::date(day)>
                                <span class="day-number">{n}</span>
                                <ul>
                                    {todays.into_iter().map(|item| {
                                        let label = format!("{} · {}", names.get(&item.customer_id).cloned().unwrap_or_default(), t.touch_kind(item.kind));
                                        let id = item.customer_id;
                                        view! {
                                            <li class:moved=item.moved>
                                                <button type="button" class="link-button" on:click=move |_| customer.set(id.clone())>{label}</button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </div>
                        }
                        .into_any()
                    });
                    blanks.chain(cells).collect_view()
                }}
            </div>
        </section>
    }
}

#[component]
fn PlanRow(item: PlannedTouch) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let editing = RwSignal::new(false);
    let date = RwSignal::new(format::date(item.date));
    let kind = RwSignal::new(item.kind);
    let topics = RwSignal::new(item.topics.join(", "));
    let owner = RwSignal::new(item.owner.clone());
    let error = RwSignal::new(None::<&'static str>);
    let item = StoredValue::new(item);
    let stored = move || {
        item.with_value(|i| i.stored.clone()).and_then(|id| {
            ws.plans
                .with_untracked(|ps| ps.iter().find(|p| p.id == id).cloned())
        })
    };
    let base_item = move || {
        stored().unwrap_or_else(|| {
            item.with_value(|i| PlanItem {
                id: new_id(),
                customer_id: i.customer_id.clone(),
                date: i.date,
                kind: i.kind,
                owner: i.owner.clone(),
                replaces: Some(i.key()),
                ..PlanItem::default()
            })
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = lang.get_untracked();
        let list = split_list(&topics.get_untracked());
        if list.len() > 2 {
            return error.set(Some(t.plan_topics_limit()));
        }
        let Some(day) = crate::domain::calendar::parse_ymd(&date.get_untracked()) else {
            return;
        };
        let updated = PlanItem {
            date: day,
            kind: kind.get_untracked(),
            topics: list,
            owner: owner.get_untracked(),
            ..base_item()
        };
        ws.save_plan_item(updated);
        editing.set(false);
    };
    let remove = move |_| {
        let updated = PlanItem {
            cancelled: true,
            ..base_item()
        };
        ws.save_plan_item(updated);
    };
    let href = customer_href(&use_base(), &item.with_value(|i| i.customer_id.clone()));
    let by = item
        .with_value(|i| i.stored.clone())
        .map(|id| author_of(format!("plan:{id}")));
    view! {
        <tr>
            <td>{format::date(item.with_value(|i| i.date))}</td>
            <td><strong>{move || lang.get().touch_kind(item.with_value(|i| i.kind))}</strong></td>
            <td>
                {move || {
                    let t = lang.get();
                    item.with_value(|i| {
                        let mut parts: Vec<String> = i.topics.clone();
                        parts.extend(i.suggestion.map(|s| t.suggestion(s).to_string()));
                        parts.join(" · ")
                    })
                }}
                <div class="hint">
                    {move || item.with_value(|i| lang.get().due_rule(&i.reason))}
                    {move || item.with_value(|i| i.moved.map(|(from, why)| format!(" · {}", lang.get().move_reason(&format::date(from), why))))}
                    {by.map(|by| view! { <span class="made-by">{move || by.get().map(|b| lang.get().sync_made_by(&b))}</span> })}
                </div>
            </td>
            <td>{item.with_value(|i| i.owner.clone())}</td>
            <td class="actions">
                <button type="button" on:click=move |_| editing.update(|e| *e = !*e)>{tr(Lang::plan_edit)}</button>
                <button type="button" on:click=remove>{tr(Lang::plan_remove)}</button>
                <a class="visually-hidden" href=href>{tr(Lang::nav_customers)}</a>
            </td>
        </tr>
        <Show when=move || editing.get()>
            <tr class="edit-row">
                <td colspan="5">
                    <form class="inline-form" on:submit=save novalidate>
                        <label class="inline-field">
                            <span>{tr(Lang::today_date)}</span>
                            <input type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                        </label>
                        <label class="inline-field">
                            <span>{tr(Lang::today_kind)}</span>
                            {touch_kind_select("", &TouchKind::ALL, kind.into(), Callback::new(move |k| kind.set(k)))}
                        </label>
                        <label class="inline-field grow">
                            <span>{tr(Lang::today_topics)}</span>
                            <input type="text" prop:value=move || topics.get() on:input=move |ev| topics.set(event_target_value(&ev))/>
                        </label>
                        <label class="inline-field">
                            <span>{tr(Lang::plan_owner)}</span>
                            <input type="text" prop:value=move || owner.get() on:input=move |ev| owner.set(event_target_value(&ev))/>
                        </label>
                        <button type="submit" class="primary">{tr(Lang::save)}</button>
                        <p class="field-error" role="alert">{move || error.get()}</p>
                    </form>
                </td>
            </tr>
        </Show>
    }
}
