//! Dashboard: the seeds' KPI targets measured from the data (METHOD.md §7), each with its
//! formula, its grade and a bullet chart; monthly trends; tiers, overdue touches and risk
//! now. The period is in the address (`?period=quarter|year|12m|custom&from=&to=`), so a
//! reload or a shared link shows the same figures.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

mod targets;

use crate::domain::cadence::CadenceSettings;
use crate::domain::calendar::parse_ymd;
use crate::domain::kpi::{self, Dashboard, Figure, Measure, Period, Targets, Tenths};
use crate::domain::tiering::{Tier, TieringSettings};
use crate::i18n::Lang;
use crate::ui::chart::{grade_class, nice_max, BarChart, Bullet, LineChart, Series};
use crate::ui::components::PageHeading;
use crate::ui::routes::Page;
use crate::ui::workspace::use_workspace;
use crate::ui::{format, tr, use_base, use_lang};
use targets::TargetsEditor;

/// The period picker's choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Choice {
    Quarter,
    Year,
    Last12,
    Custom,
}

impl Choice {
    const ALL: [Choice; 4] = [
        Choice::Quarter,
        Choice::Year,
        Choice::Last12,
        Choice::Custom,
    ];

    fn slug(self) -> &'static str {
        match self {
            Choice::Quarter => "quarter",
            Choice::Year => "year",
            Choice::Last12 => "12m",
            Choice::Custom => "custom",
        }
    }

    fn label(self) -> fn(Lang) -> &'static str {
        match self {
            Choice::Quarter => Lang::period_quarter,
            Choice::Year => Lang::period_year,
            Choice::Last12 => Lang::period_12m,
            Choice::Custom => Lang::period_custom,
        }
    }
}

/// What the figures were computed from: period, day, records' version and settings.
type Shown = (
    Period,
    chrono::NaiveDate,
    (u64, usize),
    (CadenceSettings, TieringSettings, Targets),
);

thread_local! {
    static LAST_SHOWN: std::cell::RefCell<Option<(Shown, Arc<Dashboard>)>> =
        const { std::cell::RefCell::new(None) };
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let query = use_query_map();
    let navigate = use_navigate();
    let choice = Memo::new(move |_| {
        query.with(|q| {
            let slug = q.get("period").unwrap_or_default();
            Choice::ALL
                .into_iter()
                .find(|c| c.slug() == slug)
                .unwrap_or(Choice::Last12)
        })
    });
    let custom_dates = Memo::new(move |_| {
        query.with(|q| {
            (
                q.get("from").and_then(|t| parse_ymd(&t)),
                q.get("to").and_then(|t| parse_ymd(&t)),
            )
        })
    });
    let period = Memo::new(move |_| {
        let today = ws.today.get();
        match choice.get() {
            Choice::Quarter => Period::this_quarter(today),
            Choice::Year => Period::this_year(today),
            Choice::Last12 => Period::last_12_months(today),
            Choice::Custom => {
                let (from, to) = custom_dates.get();
                let last12 = Period::last_12_months(today);
                Period::custom(from.unwrap_or(last12.start), to.unwrap_or(today))
            }
        }
    });
    let set_query = move |choice: Choice, p: Period| {
        let path = match choice {
            Choice::Custom => format!(
                "{}?period=custom&from={}&to={}",
                Page::Dashboard.path(),
                format::date(p.start),
                format::date(p.end)
            ),
            other => format!("{}?period={}", Page::Dashboard.path(), other.slug()),
        };
        navigate(
            &path,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };
    let set_date = {
        let set_query = set_query.clone();
        move |is_start: bool, text: String| {
            if let Some(d) = parse_ymd(&text) {
                let p = period.get_untracked();
                let p = if is_start {
                    Period::custom(d, p.end)
                } else {
                    Period::custom(p.start, d)
                };
                set_query(Choice::Custom, p);
            }
        }
    };
    // The last figures shown are kept between visits: shown again when the period, the day,
    // the settings they read and the records are the same (every KPI, 12 months of charts
    // and every customer's health take a while with 10,000 customers).
    let data = Memo::new(move |_| {
        let today = ws.today.get();
        let p = period.get();
        ws.settings.with(|s| {
            ws.customers.with(|cs| {
                ws.followups.with(|fs| {
                    let key = (
                        p,
                        today,
                        ws.revisions.with_value(|r| r.version()),
                        (s.cadence.clone(), s.tiering.clone(), s.targets),
                    );
                    let hit = LAST_SHOWN.with(|last| {
                        last.borrow()
                            .as_ref()
                            .filter(|(k, _)| *k == key)
                            .map(|(_, d)| d.clone())
                    });
                    hit.unwrap_or_else(|| {
                        let d = Arc::new(kpi::dashboard(
                            cs, fs, &s.cadence, &s.tiering, &s.targets, &p, today,
                        ));
                        LAST_SHOWN.with(|last| *last.borrow_mut() = Some((key, d.clone())));
                        d
                    })
                })
            })
        })
    });
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };

    let picker = {
        let set_query = set_query.clone();
        Choice::ALL
            .into_iter()
            .map(|c| {
                let set_query = set_query.clone();
                view! {
                    <label class="choice">
                        <input type="radio" name="dash-period" prop:checked=move || choice.get() == c
                            on:change=move |_| set_query(c, period.get_untracked())/>
                        <span>{tr(c.label())}</span>
                    </label>
                }
            })
            .collect_view()
    };
    let set_from = set_date.clone();
    let set_to = set_date;

    view! {
        <section class="page page-dashboard">
            <div class="page-head">
                <PageHeading title=Lang::nav_dashboard/>
                <button type="button" on:click=print>{tr(Lang::dash_print)}</button>
            </div>
            <crate::ui::demo::TryDemo/>
            <fieldset class="choices dash-period no-print">
                <legend>{tr(Lang::dash_period)}</legend>
                {picker}
                <Show when=move || choice.get() == Choice::Custom>
                    <span class="dash-dates">
                        <label for="dash-from">{tr(Lang::period_from)}</label>
                        <input id="dash-from" type="date" prop:value=move || format::date(period.get().start)
                            on:change={let f = set_from.clone(); move |ev| f(true, event_target_value(&ev))}/>
                        <label for="dash-to">{tr(Lang::period_to)}</label>
                        <input id="dash-to" type="date" prop:value=move || format::date(period.get().end)
                            on:change={let f = set_to.clone(); move |ev| f(false, event_target_value(&ev))}/>
                    </span>
                </Show>
            </fieldset>
            <p class="hint dash-span">
                {move || {
                    let p = period.get();
                    format!("{} · {}", tr(choice.get().label())(), lang.get().period_span(&format::date(p.start), &format::date(p.end)))
                }}
            </p>

            <h2>{tr(Lang::dash_targets_title)}</h2>
            {move || {
                let t = lang.get();
                let d = data.get();
                view! { <div class="kpi-grid">{figures(t, &d)}</div> }
            }}

            <h2>{tr(Lang::dash_trends_title)}</h2>
            {move || {
                let t = lang.get();
                let d = data.get();
                let targets = ws.settings.with(|s| s.targets);
                trends(t, &d, &targets)
            }}

            <h2>{tr(Lang::dash_now_title)}</h2>
            <div class="chart-grid-2">
                <NowTiles data=data/>
                <div>
                    {move || {
                        let t = lang.get();
                        let d = data.get();
                        let preset = ws.settings.with(|s| s.tiering.preset);
                        tiers(t, &d, preset)
                    }}
                </div>
            </div>

            <TargetsEditor/>
        </section>
    }
}

/// How a figure's value is written and scaled.
struct Shape {
    key: &'static str,
    name: fn(Lang) -> &'static str,
    formula: fn(Lang) -> &'static str,
    unit: &'static str,
    /// The bullet's scale in tenths; `None`: from the value and target.
    scale: Option<(i64, i64)>,
}

fn figures(t: Lang, d: &Dashboard) -> impl IntoView {
    let pct = Some((0, 1000));
    let list: [(Shape, &Figure); 12] = [
        (
            Shape {
                key: "churn",
                name: Lang::kpi_churn,
                formula: Lang::kpi_churn_formula,
                unit: "%",
                scale: None,
            },
            &d.churn,
        ),
        (
            Shape {
                key: "csat",
                name: Lang::kpi_csat,
                formula: Lang::kpi_csat_formula,
                unit: "",
                scale: pct,
            },
            &d.csat,
        ),
        (
            Shape {
                key: "nps",
                name: Lang::kpi_nps,
                formula: Lang::kpi_nps_formula,
                unit: "",
                scale: Some((-1000, 1000)),
            },
            &d.nps,
        ),
        (
            Shape {
                key: "sat_yoy",
                name: Lang::kpi_sat_yoy,
                formula: Lang::kpi_sat_yoy_formula,
                unit: "",
                scale: None,
            },
            &d.satisfaction_yoy,
        ),
        (
            Shape {
                key: "repeat",
                name: Lang::kpi_repeat,
                formula: Lang::kpi_repeat_formula,
                unit: "%",
                scale: pct,
            },
            &d.repeat_purchase,
        ),
        (
            Shape {
                key: "repeat_yoy",
                name: Lang::kpi_repeat_yoy,
                formula: Lang::kpi_repeat_yoy_formula,
                unit: "",
                scale: None,
            },
            &d.repeat_yoy,
        ),
        (
            Shape {
                key: "callback_important",
                name: Lang::kpi_callback_important,
                formula: Lang::kpi_callback_formula,
                unit: "%",
                scale: pct,
            },
            &d.callback_important,
        ),
        (
            Shape {
                key: "callback_general",
                name: Lang::kpi_callback_general,
                formula: Lang::kpi_callback_formula,
                unit: "%",
                scale: pct,
            },
            &d.callback_general,
        ),
        (
            Shape {
                key: "callback_new",
                name: Lang::kpi_callback_new,
                formula: Lang::kpi_callback_formula,
                unit: "%",
                scale: pct,
            },
            &d.callback_new,
        ),
        (
            Shape {
                key: "referrals",
                name: Lang::kpi_referrals,
                formula: Lang::kpi_referrals_formula,
                unit: "%",
                scale: pct,
            },
            &d.referrals,
        ),
        (
            Shape {
                key: "new_points",
                name: Lang::kpi_new_points,
                formula: Lang::kpi_new_points_formula,
                unit: "",
                scale: None,
            },
            &d.new_points,
        ),
        (
            Shape {
                key: "value_added",
                name: Lang::kpi_value_added,
                formula: Lang::kpi_value_added_formula,
                unit: "%",
                scale: pct,
            },
            &d.value_added,
        ),
    ];
    list.into_iter()
        .map(|(shape, f)| figure_card(t, shape, f, d.csat_scaled_feedback))
        .collect_view()
}

fn figure_card(t: Lang, shape: Shape, f: &Figure, scaled: u32) -> impl IntoView {
    let grade = f.grade();
    let class = format!("kpi kpi-{} {}", shape.key, grade_class(grade));
    let name = (shape.name)(t);
    let value = match f.measure {
        Measure::Value(v) => {
            let signed = matches!(shape.key, "sat_yoy" | "repeat_yoy") && v.0 > 0;
            view! { <p class="kpi-value">{if signed { "+" } else { "" }}{v.to_string()}<span class="kpi-unit">{shape.unit}</span></p> }.into_any()
        }
        Measure::Missing(m) => {
            view! { <p class="kpi-missing">{t.missing_prefix()}{t.missing_data(m)}</p> }.into_any()
        }
    };
    let bullet = f.target.map(|target| {
        let v = f.measure.value();
        let (min, max) = shape.scale.unwrap_or_else(|| {
            let top = nice_max([v.map_or(0, |v| v.0.abs()), target.value.0 * 2], 10);
            let bottom = if v.is_some_and(|v| v.0 < 0) { -top } else { 0 };
            (bottom, top)
        });
        let label = format!(
            "{name}: {} · {}",
            v.map_or_else(|| t.chart_no_value().to_string(), |v| format!("{v}{}", shape.unit)),
            t.target_text(target.direction, target.value, shape.unit)
        );
        view! {
            <Bullet value=v target=target.value direction=target.direction grade=grade min=min max=max label=label/>
        }
    });
    let target_line = match (f.target, grade) {
        (Some(target), g) => {
            let badge = g.map(|g| view! { <span class=format!("grade-badge {}", grade_class(Some(g)))>{t.grade(g)}</span> });
            view! { <p class="kpi-target">{t.target_text(target.direction, target.value, shape.unit)}" "{badge}</p> }.into_any()
        }
        (None, _) => view! { <p class="kpi-target">{t.kpi_tracked()}</p> }.into_any(),
    };
    let counts = (f.whole > 0 && !matches!(shape.key, "sat_yoy" | "repeat_yoy")).then(|| {
        let (part_name, whole_name) = t.count_names(match shape.key {
            k if k.starts_with("callback") => "callback",
            k => k,
        });
        let part = if shape.key == "csat" {
            f.part / 10
        } else {
            f.part
        };
        let mut text = t.counts(part_name, part, whole_name, f.whole);
        if shape.key == "csat" && scaled > 0 {
            text = format!("{text}{}{}", t.list_separator(), t.csat_scaled(scaled));
        }
        view! { <p class="kpi-counts">{text}</p> }
    });
    view! {
        <article class=class data-kpi=shape.key>
            <h3>{name}</h3>
            {value}
            {bullet}
            {target_line}
            <p class="kpi-formula">{(shape.formula)(t)}</p>
            {counts}
        </article>
    }
}

fn trends(t: Lang, d: &Dashboard, targets: &Targets) -> impl IntoView {
    let labels: Vec<String> = d
        .months
        .iter()
        .map(|m| t.month_short(m.year, m.month))
        .collect();
    let series = |name: &str, class: &'static str, pick: fn(&kpi::MonthPoint) -> Measure| Series {
        name: name.to_string(),
        class,
        points: d.months.iter().map(|m| pick(m).value()).collect(),
    };
    let churn = series(t.kpi_churn(), "series-churn", |m| m.churn_pct);
    let churn_max = nice_max(churn.points.iter().flatten().map(|v| v.0), 50);
    let monthly_target = Tenths::ratio(targets.churn_max_pct as i64, 12, 1).unwrap_or_default();
    let csat = series("CSAT", "series-csat", |m| m.csat);
    let nps = series("NPS", "series-nps", |m| m.nps);
    let nps_negative = nps.points.iter().flatten().any(|v| v.0 < 0);
    let callback = series(t.chart_callback(), "series-callback", |m| m.callback_pct);
    let due: Vec<i64> = d.months.iter().map(|m| m.due_touches as i64).collect();
    let missed: Vec<i64> = d.months.iter().map(|m| m.missed_touches as i64).collect();
    view! {
        <div class="chart-grid-2">
            <LineChart title=t.chart_churn().to_string() labels=labels.clone() series=vec![churn]
                min=0 max=churn_max.max(monthly_target.0 * 2) target=(monthly_target, t.chart_target().to_string())
                unit="%" no_value=t.chart_no_value().to_string()/>
            <LineChart title=t.chart_satisfaction().to_string() labels=labels.clone() series=vec![csat, nps]
                min=if nps_negative { -1000 } else { 0 } max=1000 target=(Tenths::whole(targets.csat_min as i64), format!("CSAT {}", t.chart_target()))
                unit="" no_value=t.chart_no_value().to_string()/>
            <LineChart title=t.chart_callback().to_string() labels=labels.clone() series=vec![callback]
                min=0 max=1000 unit="%" no_value=t.chart_no_value().to_string()/>
            <BarChart title=t.chart_overdue().to_string() labels=labels
                groups=vec![(t.chart_due().to_string(), "bars-due", due), (t.chart_missed().to_string(), "bars-missed", missed)]/>
        </div>
    }
}

#[component]
fn NowTiles(data: Memo<Arc<Dashboard>>) -> impl IntoView {
    let base = use_base();
    let today = Page::Today.href(&base);
    let tile = move |label: fn(Lang) -> &'static str,
                     class: &'static str,
                     value: fn(&Dashboard) -> u32,
                     href: Option<String>| {
        let number = move || data.with(|d| value(d));
        view! {
            <div class=format!("stat-tile {class}")>
                <p class="stat-number">{number}</p>
                <p class="stat-label">{match href {
                    Some(h) => view! { <a href=h>{tr(label)}</a> }.into_any(),
                    None => tr(label).into_any(),
                }}</p>
            </div>
        }
    };
    view! {
        <div class="stat-tiles">
            {tile(Lang::dash_overdue_now, "stat-overdue", |d| d.overdue_now, Some(today.clone()))}
            {tile(Lang::dash_badly_overdue, "stat-badly-overdue", |d| d.badly_overdue_now, Some(today.clone()))}
            {tile(Lang::dash_at_risk, "stat-at-risk", |d| d.at_risk, Some(today))}
            {tile(Lang::dash_watch, "stat-watch", |d| d.watch, None)}
        </div>
    }
}

fn tiers(t: Lang, d: &Dashboard, preset: crate::domain::tiering::PresetId) -> impl IntoView {
    let tiers: Vec<Tier> = preset.tiers().to_vec();
    let mut labels: Vec<String> = tiers
        .iter()
        .map(|tier| t.tier_name(preset, *tier))
        .collect();
    labels.push(t.tiers_untiered().to_string());
    let counts = |c: &kpi::TierCounts| -> Vec<i64> {
        tiers
            .iter()
            .map(|tier| c.of(*tier) as i64)
            .chain([c.untiered as i64])
            .collect()
    };
    let mut groups = vec![(t.tiers_now().to_string(), "bars-now", counts(&d.tiers_now))];
    let change = match d.tiers_at_review {
        Some((date, before)) => {
            groups.push((
                t.tiers_at_review(&format::date(date)),
                "bars-review",
                counts(&before),
            ));
            let text = tiers
                .iter()
                .map(|tier| {
                    let letter = t.tier_name(preset, *tier);
                    let letter = letter.split(' ').next().unwrap_or_default().to_string();
                    t.tier_change(
                        &letter,
                        d.tiers_now.of(*tier) as i64 - before.of(*tier) as i64,
                    )
                })
                .collect::<Vec<_>>()
                .join(" · ");
            view! { <p class="tier-change">{t.tiers_at_review(&format::date(date))}" → "{t.tiers_now()}": "{text}</p> }.into_any()
        }
        None => view! { <p class="hint">{t.tiers_no_review()}</p> }.into_any(),
    };
    view! {
        <BarChart title=t.chart_tiers().to_string() labels=labels groups=groups/>
        {change}
    }
}
