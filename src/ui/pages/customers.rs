//! Customers: every profile in a table with search, filters, sort and the derived figures.
//! Figures are kept per customer (computed again only for a customer whose records changed),
//! and only a page of 50 rows is in the DOM at a time, so 10,000 customers stay quick.

use std::cmp::Ordering;
use std::sync::Arc;

use crate::ui::tr;
use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::calendar::YearsMonths;
use crate::domain::churn::Health;
use crate::domain::figures::{Figures, Verification};
use crate::domain::money::Fen;
use crate::domain::records::{Customer, Tag};
use crate::domain::sorting;
use crate::domain::stable::StableName;
use crate::domain::text::fold;
use crate::domain::tiering::Tier;
use crate::i18n::Lang;
use crate::ui::components::tier::TierBadge;
use crate::ui::components::{EmptyState, PageHeading, ShowMore};
use crate::ui::routes::{customer_href, settings_section_href};
use crate::ui::workspace::per_customer::{churn_signals, per_customer_memo, Reads};
use crate::ui::workspace::{figure, kept, use_workspace, Figure, Status};
use crate::ui::{browser, format};
use crate::ui::{use_base, use_lang};

figure!(CustomersRows: Memo<Arc<Vec<Arc<Row>>>>);
figure!(CustomersNames: Memo<Vec<String>>);
figure!(CustomersNameRanks: Memo<Vec<u32>>);
figure!(CustomersTags: Memo<Vec<Tag>>);
figure!(CustomersOwners: Memo<Vec<String>>);
figure!(CustomersIndustries: Memo<Vec<String>>);

/// The distinct values of one column, sorted: a filter menu offers what the data holds.
fn distinct<F: Figure<Kept = Memo<Vec<String>>>>(
    rows: <CustomersRows as Figure>::Kept,
    pick: fn(&Row) -> &String,
) -> Memo<Vec<String>> {
    kept::<F>(|| {
        Memo::new(move |_| {
            let mut values: Vec<String> = rows.with(|rs| {
                rs.iter()
                    .map(|r| pick(r).clone())
                    .filter(|v| !v.is_empty())
                    .collect()
            });
            sorting::sort(&mut values);
            values.dedup();
            values
        })
    })
}

/// Rows drawn at first and added by "show more": a few dozen customers see all of theirs; a
/// search keystroke that changes which rows lead draws them again (30 would halve that at
/// 10,000 customers, but hide part of a freelancer's list).
const PAGE_SIZE: usize = 50;
/// Of those, drawn before the browser paints (a laptop's screenful); the rest of the page
/// follows in the next frame, so a keystroke's first rows show sooner.
const FIRST_ROWS: usize = 20;

/// One line of the table, with everything sorting and filtering need precomputed.
#[derive(Clone, PartialEq, Hash)]
struct Row {
    id: String,
    health: Health,
    tier: Option<Tier>,
    manual: bool,
    watch: bool,
    name: String,
    industry: String,
    owner: String,
    tags: Vec<Tag>,
    spend_12m: Fen,
    change_3m: Option<i64>,
    orders_12m: usize,
    average_order: Option<Fen>,
    tenure: Option<YearsMonths>,
    last_order: Option<NaiveDate>,
    completeness: u32,
    verification_due: bool,
    /// Folded name, contacts and tags in both languages, for search.
    haystack: String,
}

impl Row {
    fn new(c: &Customer, today: NaiveDate, health: Health) -> Row {
        let f = Figures::of(c, today);
        let mut haystack = vec![c.name.clone(), c.industry.clone(), c.owner.clone()];
        for k in &c.contacts {
            haystack.extend([
                k.name.clone(),
                k.phone.clone(),
                k.email.clone(),
                k.wechat.clone(),
            ]);
        }
        for t in &c.tags {
            haystack.extend(Lang::ALL.map(|l| l.tag(t)));
        }
        Row {
            id: c.id.clone(),
            health,
            tier: c.tiering.effective(today),
            manual: c.tiering.manual.is_some(),
            watch: c.tiering.pending.is_some(),
            name: c.name.clone(),
            industry: c.industry.clone(),
            owner: c.owner.clone(),
            tags: c.tags.clone(),
            spend_12m: f.spend_12m,
            change_3m: f.last_3m_change_pct(),
            orders_12m: f.orders_12m,
            average_order: f.average_order,
            tenure: f.tenure,
            last_order: f.last_order,
            completeness: f.completeness.percent,
            verification_due: matches!(
                f.verification,
                Verification::Overdue { .. } | Verification::Never
            ),
            haystack: fold(&haystack.join("\u{1}")),
        }
    }
}

/// Keys the table's rows by everything they show, so a row whose figures or tier change is
/// drawn again (a key of the id alone would keep the old row on screen).
fn row_key(row: &Arc<Row>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    row.hash(&mut h);
    h.finish()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SortKey {
    Tier,
    Name,
    Spend,
    LastOrder,
    Tenure,
    Completeness,
}

impl SortKey {
    const ALL: [SortKey; 6] = [
        SortKey::Name,
        SortKey::Tier,
        SortKey::Spend,
        SortKey::LastOrder,
        SortKey::Tenure,
        SortKey::Completeness,
    ];

    fn label(self, t: Lang) -> &'static str {
        match self {
            SortKey::Name => t.customers_sort_name(),
            SortKey::Tier => t.tier_col(),
            SortKey::Spend => t.customers_sort_spend(),
            SortKey::LastOrder => t.customers_sort_last_order(),
            SortKey::Tenure => t.customers_sort_tenure(),
            SortKey::Completeness => t.customers_sort_completeness(),
        }
    }

    /// Amounts, dates and shares read best from the largest (the latest) down; names and
    /// tiers from the top (A first).
    fn descending_first(self) -> bool {
        matches!(
            self,
            SortKey::Spend | SortKey::LastOrder | SortKey::Tenure | SortKey::Completeness
        )
    }

    /// `ranks` are the two rows' places in name order (see `name_ranks`).
    fn compare(self, a: &Row, b: &Row, ranks: (u32, u32)) -> Ordering {
        match self {
            SortKey::Name => ranks.0.cmp(&ranks.1),
            // Best tier first; customers without a tier last.
            SortKey::Tier => (a.tier.is_none(), a.tier).cmp(&(b.tier.is_none(), b.tier)),
            SortKey::Spend => a.spend_12m.cmp(&b.spend_12m),
            SortKey::LastOrder => a.last_order.cmp(&b.last_order),
            SortKey::Tenure => a.tenure.cmp(&b.tenure),
            SortKey::Completeness => a.completeness.cmp(&b.completeness),
        }
    }
}

/// Each name's place in name order as the UI's language sorts names; names the collator holds
/// equal share a place, so a sort by it keeps their order as a sort by the collator would.
/// The browser sorts the distinct names with its collator (a call from Rust into JS per
/// comparison, with each name copied into a JS string every time, is several times slower).
fn name_ranks(names: &[String], lang: Lang) -> Vec<u32> {
    use wasm_bindgen::{JsCast, JsValue};
    let collator = js_sys::Intl::Collator::new(
        &js_sys::Array::of1(&lang.bcp47().into()),
        &js_sys::Object::new(),
    );
    let compare = collator.compare();
    let mut distinct: Vec<&str> = names.iter().map(String::as_str).collect();
    sorting::sort(&mut distinct);
    distinct.dedup();
    let sorted: js_sys::Array = distinct.iter().map(|n| JsValue::from_str(n)).collect();
    let sort = js_sys::Reflect::get(&sorted, &"sort".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(sort) = sort {
        let _ = sort.call1(&sorted, &compare);
    }
    let mut place_of: std::collections::HashMap<String, u32> =
        std::collections::HashMap::with_capacity(distinct.len());
    let mut place = 0;
    let mut previous = JsValue::UNDEFINED;
    for (pos, name) in sorted.iter().enumerate() {
        let differs = pos > 0
            && compare
                .call2(&JsValue::NULL, &previous, &name)
                .ok()
                .and_then(|v| v.as_f64())
                .is_none_or(|v| v != 0.0);
        if differs {
            place = pos as u32;
        }
        if let Some(text) = name.as_string() {
            place_of.insert(text, place);
        }
        previous = name;
    }
    names
        .iter()
        .map(|n| place_of.get(n).copied().unwrap_or(0))
        .collect()
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let base = use_base();

    // Kept while other pages are shown, and per customer: 10,000 customers' figures, health
    // and search text take a while, so a change computes again only the customers it touched.
    let signals = churn_signals(ws);
    let rows = kept::<CustomersRows>(|| {
        per_customer_memo(
            ws,
            Reads::PROFILE,
            move || {
                signals.track();
                (ws.today.get(), ws.settings.with(|s| s.tiering.clone()))
            },
            move |(today, _), own| {
                let health = signals.with_untracked(|s| {
                    s.get(own.index).map_or(Health::Healthy, |s| Health::of(s))
                });
                Arc::new(Row::new(own.customer, *today, health))
            },
        )
    });
    // Names change far less often than rows: the ranks (a collator call per comparison) are
    // computed again only when a name changes.
    let names = kept::<CustomersNames>(|| {
        Memo::new(move |_| rows.with(|rs| rs.iter().map(|r| r.name.clone()).collect::<Vec<_>>()))
    });
    let ranks = kept::<CustomersNameRanks>(|| {
        Memo::new(move |_| {
            let lang = lang.get();
            names.with(|ns| name_ranks(ns, lang))
        })
    });

    let query = RwSignal::new(String::new());
    let tag = RwSignal::new(None::<Tag>);
    let tier = RwSignal::new(None::<Tier>);
    let at_risk = RwSignal::new(false);
    let owner = RwSignal::new(String::new());
    let industry = RwSignal::new(String::new());
    let sort = RwSignal::new(SortKey::Name);
    let descending = RwSignal::new(false);
    let visible = RwSignal::new(FIRST_ROWS);
    // A new search, filter or order starts from the top: a screenful at once, the rest of the
    // page once that is painted (unless "show more" was clicked meanwhile).
    let restart = move || {
        visible.set(FIRST_ROWS);
        browser::after_paint(move || {
            if visible.try_get_untracked() == Some(FIRST_ROWS) {
                visible.set(PAGE_SIZE);
            }
        });
    };
    restart();

    // The filter menus offer what the data holds.
    let tag_options = kept::<CustomersTags>(|| {
        Memo::new(move |_| {
            let mut tags: Vec<Tag> =
                rows.with(|rs| rs.iter().flat_map(|r| r.tags.clone()).collect());
            sorting::sort(&mut tags);
            tags.dedup();
            tags
        })
    });
    let owner_options = distinct::<CustomersOwners>(rows, |r| &r.owner);
    let industry_options = distinct::<CustomersIndustries>(rows, |r| &r.industry);

    // The rows that pass the search and filters, in order, as positions in `rows` (a
    // keystroke copies no row).
    let filtered = Memo::new(move |_| {
        let needle = fold(&query.get());
        let tag = tag.get();
        let tier = tier.get();
        let at_risk = at_risk.get();
        let owner = owner.get();
        let industry = industry.get();
        let key = sort.get();
        let descending = descending.get();
        rows.with(|rs| {
            let mut out: Vec<usize> = (0..rs.len())
                .filter(|&i| {
                    let r = &rs[i];
                    (needle.is_empty() || r.haystack.contains(&needle))
                        && tag.as_ref().is_none_or(|t| r.tags.contains(t))
                        && (tier.is_none() || r.tier == tier)
                        && (!at_risk || r.health == Health::AtRisk)
                        && (owner.is_empty() || r.owner == owner)
                        && (industry.is_empty() || r.industry == industry)
                })
                .collect();
            let ranks = if key == SortKey::Name {
                ranks.get()
            } else {
                Vec::new()
            };
            let rank = |i: usize| ranks.get(i).copied().unwrap_or(0);
            sorting::sort_by(&mut out, |&a, &b| {
                let ord = key.compare(&rs[a], &rs[b], (rank(a), rank(b)));
                if descending {
                    ord.reverse()
                } else {
                    ord
                }
            });
            out
        })
    });

    let filters_active = move || {
        !query.get().is_empty()
            || tag.get().is_some()
            || tier.get().is_some()
            || at_risk.get()
            || !owner.get().is_empty()
            || !industry.get().is_empty()
    };
    let clear = move |_| {
        query.set(String::new());
        tag.set(None);
        tier.set(None);
        at_risk.set(false);
        owner.set(String::new());
        industry.set(String::new());
        restart();
    };
    // A column heading sorts by its column; again, the other way. `aria-sort` says which.
    let sort_head = move |label: fn(Lang) -> &'static str, key: SortKey, class: &'static str| {
        let state = move || {
            (sort.get() == key).then(|| {
                if descending.get() {
                    "descending"
                } else {
                    "ascending"
                }
            })
        };
        view! {
            <th scope="col" class=class aria-sort=state>
                <button type="button" class="sort-head" on:click=move |_| {
                    if sort.get_untracked() == key {
                        descending.update(|d| *d = !*d);
                    } else {
                        sort.set(key);
                        descending.set(key.descending_first());
                    }
                    restart();
                }>
                    {tr(label)}
                    <span class="sort-mark" aria-hidden="true">{move || match state() {
                        Some("descending") => "▼",
                        Some(_) => "▲",
                        None => "",
                    }}</span>
                </button>
            </th>
        }
    };
    let new_href = format!("{base}/customers/new/");
    let review_href = format!("{base}/customers/review/");
    let review_href2 = review_href.clone();
    let first_entered = Memo::new(move |_| {
        ws.customers
            .with(|cs| cs.iter().filter_map(|c| c.created_on).min())
    });
    let pending_count = Memo::new(move |_| rows.with(|rs| rs.iter().filter(|r| r.watch).count()));
    let unit = move || ws.settings.get().money_unit;

    view! {
        <section class="page page-customers">
            <div class="page-head">
                <PageHeading title=Lang::nav_customers/>
                <div class="actions">
                    <a class="button" href=review_href>
                        {tr(Lang::tier_review_link)}
                        {move || (pending_count.get() > 0).then(|| view! { <span class="count-badge">{pending_count.get()}</span> })}
                    </a>
                    <a class="button" href=settings_section_href(&base, "import")>{tr(Lang::customers_import)}</a>
                    <a class="button primary" href=new_href>{tr(Lang::customers_new)}</a>
                </div>
            </div>
            <Show when=move || ws.status.get() == Status::Ready && !rows.with(|r| r.is_empty()) && ws.settings.with(|s| s.tiering.review_due(ws.today.get(), first_entered.get()))>
                <p class="notice notice-warn">{tr(Lang::tier_review_due)}" "<a href=review_href2.clone()>{tr(Lang::tier_review_link)}</a></p>
            </Show>
            <Show
                when=move || ws.status.get() != Status::Loading
                fallback=move || view! { <p class="hint">{tr(Lang::customers_loading)}</p> }
            >
                <Show
                    when=move || rows.with(|r| !r.is_empty())
                    fallback=|| view! { <EmptyState text=Lang::customers_empty/> }
                >
                    <div class="toolbar" role="search">
                        <input
                            type="search"
                            class="search"
                            aria-label=tr(Lang::customers_search)
                            placeholder=tr(Lang::customers_search)
                            prop:value=move || query.get()
                            on:input=move |ev| { query.set(event_target_value(&ev)); restart(); }
                        />
                        <label class="inline-field">
                            <span>{tr(Lang::customers_filter_tag)}</span>
                            <select on:change=move |ev| {
                                let i = event_target_value(&ev).parse::<usize>().ok();
                                tag.set(i.and_then(|i| tag_options.with(|o| o.get(i).cloned())));
                                restart();
                            }>
                                <option value="" selected=move || tag.get().is_none()>{tr(Lang::customers_filter_any)}</option>
                                {move || tag_options.get().into_iter().enumerate().map(|(i, t)| {
                                    let selected = t.clone();
                                    view! {
                                        <option value=i.to_string() selected=move || tag.get().as_ref() == Some(&selected)>
                                            {lang.get().tag(&t)}
                                        </option>
                                    }
                                }).collect_view()}
                            </select>
                        </label>
                        <label class="inline-field">
                            <span>{tr(Lang::tier_col)}</span>
                            <select on:change=move |ev| {
                                let i = event_target_value(&ev).parse::<usize>().ok();
                                tier.set(i.and_then(|i| Tier::ALL.get(i).copied()));
                                restart();
                            }>
                                <option value="" selected=move || tier.get().is_none()>{tr(Lang::tier_any)}</option>
                                {Tier::ALL.into_iter().enumerate().map(|(i, t)| view! {
                                    <option value=i.to_string() selected=move || tier.get() == Some(t)>{t.name()}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <label class="inline-check">
                            <input type="checkbox" prop:checked=move || at_risk.get() on:change=move |ev| { at_risk.set(event_target_checked(&ev)); restart(); }/>
                            <span>{move || lang.get().health(Health::AtRisk)}</span>
                        </label>
                        <TextFilter label=Lang::customers_filter_owner options=owner_options value=owner on_change=restart/>
                        <TextFilter label=Lang::customers_filter_industry options=industry_options value=industry on_change=restart/>
                        <label class="inline-field">
                            <span>{tr(Lang::customers_sort)}</span>
                            <select on:change=move |ev| {
                                if let Some(k) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| SortKey::ALL.get(i)) {
                                    sort.set(*k);
                                    descending.set(k.descending_first());
                                    restart();
                                }
                            }>
                                {SortKey::ALL.into_iter().enumerate().map(|(i, k)| view! {
                                    <option value=i.to_string() selected=move || sort.get() == k>{move || k.label(lang.get())}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <label class="inline-check">
                            <input type="checkbox" prop:checked=move || descending.get()
                                on:change=move |ev| { descending.set(event_target_checked(&ev)); restart(); }/>
                            <span>{tr(Lang::customers_sort_descending)}</span>
                        </label>
                        <Show when=filters_active>
                            <button type="button" class="link-button" on:click=clear>{tr(Lang::customers_clear_filters)}</button>
                        </Show>
                    </div>
                    <p class="count" aria-live="polite">
                        {move || lang.get().customer_count(filtered.with(Vec::len), rows.with(|r| r.len()))}
                    </p>
                    <Show
                        when=move || filtered.with(|f| !f.is_empty())
                        fallback=move || view! { <p class="empty-state">{tr(Lang::customers_no_match)}</p> }
                    >
                        <div class="table-wrap">
                            <table class="customers-table">
                                <thead>
                                    <tr>
                                        {sort_head(Lang::col_name, SortKey::Name, "")}
                                        {sort_head(Lang::tier_col, SortKey::Tier, "")}
                                        <th scope="col">{tr(Lang::health_filter)}</th>
                                        <th scope="col">{tr(Lang::field_industry)}</th>
                                        <th scope="col">{tr(Lang::field_owner)}</th>
                                        {sort_head(Lang::col_spend_12m, SortKey::Spend, "num")}
                                        <th scope="col" class="num">{tr(Lang::col_trend_3m)}</th>
                                        <th scope="col" class="num">{tr(Lang::col_orders_per_year)}</th>
                                        <th scope="col" class="num">{tr(Lang::col_average_order)}</th>
                                        {sort_head(Lang::col_tenure, SortKey::Tenure, "")}
                                        {sort_head(Lang::col_last_order, SortKey::LastOrder, "")}
                                        {sort_head(Lang::col_completeness, SortKey::Completeness, "num")}
                                    </tr>
                                </thead>
                                <tbody>
                                    <For
                                        each=move || rows.with(|rs| filtered.with(|f| f.iter().take(visible.get()).map(|&i| rs[i].clone()).collect::<Vec<_>>()))
                                        key=row_key
                                        let:row
                                    >
                                        <CustomerRow row=row unit=Signal::derive(unit)/>
                                    </For>
                                </tbody>
                            </table>
                        </div>
                        <ShowMore total=Signal::derive(move || filtered.with(Vec::len)) shown=visible step=PAGE_SIZE/>
                    </Show>
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn TextFilter(
    label: fn(Lang) -> &'static str,
    options: Memo<Vec<String>>,
    value: RwSignal<String>,
    on_change: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <label class="inline-field">
            <span>{move || label(lang.get())}</span>
            <select on:change=move |ev| { value.set(event_target_value(&ev)); on_change(); }>
                <option value="" selected=move || value.get().is_empty()>{tr(Lang::customers_filter_any)}</option>
                {move || options.get().into_iter().map(|o| {
                    let selected = o.clone();
                    let text = o.clone();
                    view! { <option value=o selected=move || value.get() == selected>{text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
fn CustomerRow(row: Arc<Row>, unit: Signal<crate::domain::money::MoneyUnit>) -> impl IntoView {
    let lang = use_lang();
    let href = customer_href(&use_base(), &row.id);
    let Row {
        health,
        tier,
        manual,
        watch,
        name,
        industry,
        owner,
        spend_12m,
        change_3m,
        orders_12m,
        average_order,
        tenure,
        last_order,
        completeness,
        verification_due,
        ..
    } = Arc::unwrap_or_clone(row);
    let change_class = match change_3m {
        Some(c) if c <= -50 => "num trend-down-bad",
        Some(c) if c < 0 => "num trend-down",
        _ => "num",
    };
    view! {
        <tr>
            <th scope="row"><a href=href title=name.clone()>{name.clone()}</a></th>
            <td><TierBadge tier=tier manual=manual watch=watch/></td>
            <td><span class=match health {
                Health::AtRisk => "health health-risk",
                Health::Watch => "health health-watch",
                Health::Healthy => "health health-ok",
            }>{move || lang.get().health(health)}</span></td>
            <td>{industry}</td>
            <td>{owner}</td>
            <td class="num" title=move || format::money_exact(lang.get(), spend_12m, unit.get())>{move || format::money(lang.get(), spend_12m, unit.get())}</td>
            <td class=change_class>{change_3m.map(format::percent_change).unwrap_or_else(|| "—".into())}</td>
            <td class="num">{orders_12m}</td>
            <td class="num" title=move || average_order.map(|a| format::money_exact(lang.get(), a, unit.get()))>{move || average_order.map(|a| format::money(lang.get(), a, unit.get())).unwrap_or_else(|| "—".into())}</td>
            <td>{move || tenure.map(|t| lang.get().tenure(t)).unwrap_or_else(|| "—".into())}</td>
            <td>{last_order.map(format::date).unwrap_or_else(|| "—".into())}</td>
            <td class="num" class:below-target=completeness < 95>
                {format!("{completeness}%")}
                {verification_due.then_some(view! { <span class="flag" title=tr(Lang::verification_reminder)>"!"</span> })}
            </td>
        </tr>
    }
}
