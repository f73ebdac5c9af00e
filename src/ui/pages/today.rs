//! Today: who to contact — overdue first (worst first, then by tier), then today, then the
//! next 7 days — each with what kind of touch, why, and suggested topics; one click logs the
//! touch or snoozes it with a reason.

use crate::domain::sorting;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::demo::TryDemo;
use crate::ui::form::touch_kind_select;

use crate::ui::components::backup_reminder::BackupReminder;
use crate::ui::components::tier::TierBadge;
use crate::ui::components::{PageHeading, ShowAll};

figure!(TodayDues: Memo<Arc<Vec<Arc<Vec<Due>>>>>);
figure!(TodayLines: Memo<Vec<Arc<Line>>>);
figure!(TodayAtRisk: Memo<Vec<(String, String, Vec<crate::domain::churn::Signal>)>>);

/// How many lines a section of the agenda shows before "show all".
const SECTION_LINES: usize = 50;
use crate::domain::cadence::plan::Suggestion;
use crate::domain::cadence::{
    customer_dues, due_order, Due, DueReason, DueStatus, Records, TouchKind,
};
use crate::domain::churn::Health;
use crate::domain::followup_form::{self, FollowUpDraft};
use crate::domain::records::Tag;
use crate::domain::records::{FollowUp, PlanItem};
use crate::domain::stable::StableName;
use crate::i18n::Lang;
use crate::ui::first_paint;
use crate::ui::routes::customer_href;
use crate::ui::toast::use_toaster;
use crate::ui::workspace::per_customer::{churn_signals, per_customer_memo, Reads};
use crate::ui::workspace::{
    at_rest, figure, generation, kept, new_id, opened_as_demo, use_workspace, Status, Workspace,
};
use crate::ui::{format, tr, use_base, use_lang};

/// What the Today page shows for one due touch.
#[derive(Clone, PartialEq)]
struct Line {
    due: Due,
    name: String,
    owner: String,
    topics: Vec<String>,
}

/// Everything a line shows, so a line whose content changes is drawn again.
fn key(l: &Arc<Line>) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    (&l.due, &l.name, &l.topics).hash(&mut h);
    h.finish()
}

/// 1–2 topics for the touch: the seed's quarterly topic for a visit or meeting, and the
/// customer's first need or pain point.
fn topics(due: &Due, tags: &[Tag], t: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if matches!(due.reason, DueReason::Cadence { .. })
        && matches!(
            due.kind,
            TouchKind::Visit | TouchKind::ExecutiveVisit | TouchKind::Online | TouchKind::Contact
        )
    {
        out.push(
            t.suggestion(Suggestion::for_month(chrono::Datelike::month(&due.date)))
                .to_string(),
        );
    }
    if let Some(tag) = tags.iter().find(|tag| {
        matches!(
            tag,
            Tag::NeedCost | Tag::NeedEfficiency | Tag::NeedQuality | Tag::PainPoint(_)
        )
    }) {
        out.push(t.tag(tag));
    }
    out.truncate(2);
    out
}

#[component]
pub fn TodayPage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    LineForms::provide();
    // Every schedule, computed when data, settings or the day change — not on a language
    // switch — and kept while other pages are shown; kept per customer too, so a change
    // computes again only the customers it touched.
    let inputs = move || {
        let lunar = ws.lunar.get();
        let (cadence, tiering) = ws.settings.with(|s| (s.cadence.clone(), s.tiering.clone()));
        (ws.today.get(), cadence, tiering, lunar)
    };
    let dues = kept::<TodayDues>(|| {
        per_customer_memo(
            ws,
            Reads::ALL,
            inputs,
            |(today, cadence, tiering, lunar), own| {
                let rules = Records::rules_only(cadence, tiering, lunar);
                Arc::new(customer_dues(
                    own.customer,
                    own.followups,
                    own.plans,
                    &rules,
                    *today,
                    7,
                ))
            },
        )
    });
    // What each due shows (in the UI's language), per customer as well, in the agenda's order.
    let lines = kept::<TodayLines>(|| {
        let per = per_customer_memo(
            ws,
            Reads::PROFILE,
            move || {
                dues.track();
                (lang.get(), inputs())
            },
            move |(t, _), own| {
                let c = own.customer;
                Arc::new(dues.with_untracked(|ds| {
                    ds.get(own.index).map_or_else(Vec::new, |ds| {
                        ds.iter()
                            .map(|due| {
                                Arc::new(Line {
                                    topics: topics(due, &c.tags, *t),
                                    name: c.name.clone(),
                                    owner: c.owner.clone(),
                                    due: due.clone(),
                                })
                            })
                            .collect::<Vec<_>>()
                    })
                }))
            },
        );
        Memo::new(move |_| {
            per.with(|per| {
                let mut all: Vec<Arc<Line>> = per.iter().flat_map(|l| l.iter()).cloned().collect();
                sorting::sort_by(&mut all, |a, b| due_order(&a.due, &b.due));
                all
            })
        })
    });
    let section = move |title: fn(Lang) -> &'static str,
                        pick: fn(DueStatus) -> bool,
                        class: &'static str| {
        let items = Memo::new(move |_| {
            lines.with(|ls| {
                ls.iter()
                    .filter(|l| pick(l.due.status))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        });
        // A long agenda shows its first lines; "show all" draws the rest.
        let shown = RwSignal::new(SECTION_LINES);
        view! {
            <Show when=move || items.with(|i| !i.is_empty())>
                <section class=format!("today-section {class}")>
                    <h2>{tr(title)}" "<span class="count-badge">{move || items.with(Vec::len)}</span></h2>
                    <ul class="due-list">
                        <For each=move || items.with(|i| i.iter().take(shown.get()).cloned().collect::<Vec<_>>()) key=key let:line>
                            <DueLine line=line/>
                        </For>
                    </ul>
                    <ShowAll total=Signal::derive(move || items.with(Vec::len)) shown=shown/>
                </section>
            </Show>
        }
    };

    keep_for_next_visit(ws, lines, lang);

    view! {
        <section class="page page-today">
            <PageHeading title=Lang::nav_today/>
            <p class="hint">{move || format::date(ws.today.get())}</p>
            <TryDemo/>
            <BackupReminder/>
            <AtRisk/>
            <Show
                when=move || ws.status.get() == Status::Loading || lines.with(|l| !l.is_empty())
                fallback=|| view! { <p class="empty-state">{tr(Lang::today_nothing)}</p> }
            >
                {section(Lang::today_overdue, |s| matches!(s, DueStatus::Overdue | DueStatus::BadlyOverdue), "overdue")}
                {section(Lang::today_due, |s| s == DueStatus::Due, "due")}
                {section(Lang::today_next, |s| s == DueStatus::Upcoming, "upcoming")}
            </Show>
        </section>
    }
}

/// Keeps the page as drawn for the next visit's first paint (`ui/first_paint.rs`): once the
/// data is read, and again after every change of what the page is drawn from. The first time,
/// the copy index.html drew goes too (only Today's address draws one).
fn keep_for_next_visit(ws: Workspace, lines: Memo<Vec<Arc<Line>>>, lang: RwSignal<Lang>) {
    Effect::new(move |_| {
        lines.track();
        lang.track();
        ws.customers.track();
        ws.followups.track();
        let status = ws.status.get();
        if status != Status::Loading {
            request_animation_frame(move || {
                if status == Status::Ready {
                    let date = ws.today.get_untracked().to_string();
                    first_paint::keep(generation(), &date, at_rest(), opened_as_demo());
                }
                first_paint::live();
            });
        }
    });
}

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Closed,
    Log,
    Snooze,
}

/// What is typed into a line's log and snooze forms, and which is open. Kept by the page per
/// due (not by the row, which is drawn afresh whenever the line changes), so a half-typed log
/// survives its line changing or moving to another section.
#[derive(Clone, Copy)]
struct LineForm {
    open: RwSignal<Open>,
    log_kind: RwSignal<TouchKind>,
    log_date: RwSignal<String>,
    log_topics: RwSignal<String>,
    log_note: RwSignal<String>,
    log_error: RwSignal<Option<&'static str>>,
    snooze_date: RwSignal<String>,
    snooze_reason: RwSignal<String>,
    snooze_error: RwSignal<Option<&'static str>>,
}

/// The page's line forms, made under the page's owner so they outlive the rows.
#[derive(Clone, Copy)]
struct LineForms {
    owner: StoredValue<Option<Owner>, LocalStorage>,
    /// By which due a line is (customer, kind, planned touch, date, kind of reason): the same
    /// while what the line shows changes (its status, its section past midnight, its reason).
    /// Sorted by it (a sorted list is smaller in wasm than a map, and as quick here).
    forms: StoredValue<Vec<(String, LineForm)>, LocalStorage>,
}

impl LineForms {
    fn provide() {
        provide_context(LineForms {
            owner: StoredValue::new_local(Owner::current()),
            forms: StoredValue::new_local(Vec::new()),
        });
    }

    /// The form of the due `line` is, as it was left; a new one starts from `fresh`.
    fn of(self, line: &Line, fresh: impl FnOnce() -> LineForm) -> LineForm {
        let d = &line.due;
        let reason = match d.reason {
            DueReason::Cadence { .. } => "c",
            DueReason::Onboarding(_) => "o",
            DueReason::Birthday { .. } => "b",
            DueReason::Anniversary { .. } => "a",
            DueReason::Holiday(_) => "h",
            DueReason::PeakSeason { .. } => "s",
            DueReason::Planned => "p",
            DueReason::WinBack => "w",
        };
        let id = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{reason}",
            d.customer_id,
            d.kind.name(),
            d.plan_id.as_deref().unwrap_or(""),
            format::date(d.date)
        );
        let at = self
            .forms
            .with_value(|f| f.binary_search_by(|(d, _)| d.as_str().cmp(&id)));
        if let Ok(i) = at {
            return self.forms.with_value(|f| f[i].1);
        }
        let form = match self.owner.get_value() {
            Some(owner) => owner.with(fresh),
            None => fresh(),
        };
        let at = at.unwrap_err();
        self.forms.update_value(|f| f.insert(at, (id, form)));
        form
    }
}

#[component]
fn DueLine(line: Arc<Line>) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let toaster = use_toaster();
    let base = use_base();
    let forms = expect_context::<LineForms>();
    let form = forms.of(&line, || {
        let kind = line.due.kind;
        LineForm {
            open: RwSignal::new(Open::Closed),
            log_kind: RwSignal::new(if TouchKind::LOGGABLE.contains(&kind) {
                kind
            } else {
                TouchKind::Call
            }),
            log_date: RwSignal::new(format::date(ws.today.get_untracked())),
            log_topics: RwSignal::new(line.topics.join(", ")),
            log_note: RwSignal::new(String::new()),
            log_error: RwSignal::new(None),
            snooze_date: RwSignal::new(format::date(
                ws.today.get_untracked() + chrono::Duration::days(3),
            )),
            snooze_reason: RwSignal::new(String::new()),
            snooze_error: RwSignal::new(None),
        }
    });
    let LineForm {
        open,
        log_kind,
        log_date,
        log_topics,
        log_note,
        log_error,
        snooze_date,
        snooze_reason,
        snooze_error,
    } = form;
    let Line {
        due,
        name,
        owner,
        topics,
    } = Arc::unwrap_or_clone(line);
    let status_class = match due.status {
        DueStatus::BadlyOverdue => "due-line late-red",
        DueStatus::Overdue => "due-line late-amber",
        DueStatus::Due => "due-line due-today",
        DueStatus::Upcoming => "due-line",
    };
    let href = customer_href(&base, &due.customer_id);
    let full_href = format!(
        "{base}/followup/?customer={}&kind={}&from=today{}{}",
        due.customer_id,
        due.kind.name(),
        due.plan_id
            .as_ref()
            .map(|p| format!("&plan={p}"))
            .unwrap_or_default(),
        if topics.is_empty() {
            String::new()
        } else {
            format!(
                "&topics={}",
                js_sys::encode_uri_component(&topics.join(", "))
            )
        }
    );
    let due = StoredValue::new(due);
    let reason = move || {
        due.with_value(|d| {
            let last = d.last.map(format::date);
            lang.get().due_reason(&d.reason, last.as_deref())
        })
    };
    let kind = due.with_value(|d| d.kind);
    let date = due.with_value(|d| d.date);
    let moved = due.with_value(|d| d.moved_from);

    // Log: the few fields a call needs, saved as the full form saves (closed loop included).
    let owner_for_log = owner.clone();
    let save_log = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = lang.get_untracked();
        let today = ws.today.get_untracked();
        let draft = FollowUpDraft {
            date: log_date.get_untracked(),
            topics: log_topics.get_untracked(),
            note: log_note.get_untracked(),
            ..FollowUpDraft::new(log_kind.get_untracked(), today, &owner_for_log)
        };
        let base = due.with_value(|d| FollowUp {
            id: new_id(),
            customer_id: d.customer_id.clone(),
            plan_id: d.plan_id.clone(),
            ..FollowUp::default()
        });
        match followup_form::save(&draft, &base, &[], today, &mut new_id) {
            Err(problems) => log_error.set(problems.first().map(|(_, p)| t.fu_problem(*p))),
            Ok(effects) => {
                log_error.set(None);
                ws.apply_effects(effects, move || toaster.info(t.today_logged()));
                open.set(Open::Closed);
            }
        }
    };

    // Snooze: the touch moves to a later exact date, with the reason kept.
    let save_snooze = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = lang.get_untracked();
        let today = ws.today.get_untracked();
        let Some(to) =
            crate::domain::calendar::parse_ymd(&snooze_date.get_untracked()).filter(|d| *d > today)
        else {
            return snooze_error.set(Some(t.today_snooze_date_invalid()));
        };
        let reason = snooze_reason.get_untracked().trim().to_string();
        if reason.is_empty() {
            return snooze_error.set(Some(t.today_snooze_reason_required()));
        }
        let existing = due.with_value(|d| d.plan_id.clone()).and_then(|id| {
            ws.plans
                .with_untracked(|ps| ps.iter().find(|p| p.id == id).cloned())
        });
        let item = match existing {
            Some(p) => PlanItem {
                date: to,
                snoozed_from: Some(p.date),
                snooze_reason: reason,
                ..p
            },
            None => due.with_value(|d| PlanItem {
                id: new_id(),
                customer_id: d.customer_id.clone(),
                date: to,
                kind: d.kind,
                owner: owner.clone(),
                snoozed_from: Some(d.date),
                snooze_reason: reason,
                ..PlanItem::default()
            }),
        };
        ws.save_plan_item(item);
        toaster.info(t.today_snoozed());
        open.set(Open::Closed);
    };
    let topics_view = topics.clone();

    view! {
        <li class=status_class>
            <div class="due-main">
                <TierBadge tier=due.with_value(|d| d.tier)/>
                <div>
                    <p class="due-who"><a href=href>{name}</a>" · "<strong>{move || lang.get().touch_kind(kind)}</strong>" · "<span class="nowrap">{format::date(date)}</span></p>
                    <p class="due-why">{reason}</p>
                    {moved.map(|from| view! { <p class="due-why">{move || lang.get().move_reason(&format::date(from), crate::domain::cadence::plan::MoveReason::Weekend)}</p> })}
                    {(!topics_view.is_empty()).then(|| view! { <p class="due-topics">{tr(Lang::today_suggested)}{topics_view.join(" · ")}</p> })}
                </div>
            </div>
            <div class="actions">
                <a class="button" href=full_href>{tr(Lang::fu_full_record)}</a>
                <button type="button" class="primary" aria-expanded=move || (open.get() == Open::Log).to_string()
                    on:click=move |_| open.update(|o| *o = if *o == Open::Log { Open::Closed } else { Open::Log })>{tr(Lang::today_log)}</button>
                <button type="button" aria-expanded=move || (open.get() == Open::Snooze).to_string()
                    on:click=move |_| open.update(|o| *o = if *o == Open::Snooze { Open::Closed } else { Open::Snooze })>{tr(Lang::today_snooze)}</button>
            </div>
            <Show when=move || open.get() == Open::Log>
                <form class="inline-form due-form" on:submit=save_log.clone()>
                    <label class="inline-field">
                        <span>{tr(Lang::today_kind)}</span>
                        {touch_kind_select("", &TouchKind::LOGGABLE, log_kind.into(), Callback::new(move |k| log_kind.set(k)))}
                    </label>
                    <label class="inline-field">
                        <span>{tr(Lang::today_date)}</span>
                        <input type="date" prop:value=move || log_date.get() on:input=move |ev| log_date.set(event_target_value(&ev))/>
                    </label>
                    <label class="inline-field grow">
                        <span>{tr(Lang::today_topics)}</span>
                        <input type="text" prop:value=move || log_topics.get() on:input=move |ev| log_topics.set(event_target_value(&ev))/>
                    </label>
                    <label class="inline-field grow">
                        <span>{tr(Lang::today_note)}</span>
                        <input type="text" prop:value=move || log_note.get() on:input=move |ev| log_note.set(event_target_value(&ev))/>
                    </label>
                    <button type="submit" class="primary">{tr(Lang::save)}</button>
                    <p class="field-error" role="alert">{move || log_error.get()}</p>
                </form>
            </Show>
            <Show when=move || open.get() == Open::Snooze>
                <form class="inline-form due-form" on:submit=save_snooze.clone() novalidate>
                    <label class="inline-field">
                        <span>{tr(Lang::today_snooze_to)}</span>
                        <input type="date" prop:value=move || snooze_date.get() on:input=move |ev| snooze_date.set(event_target_value(&ev))/>
                    </label>
                    <label class="inline-field grow">
                        <span>{tr(Lang::today_snooze_reason)}</span>
                        <input type="text" prop:value=move || snooze_reason.get() on:input=move |ev| snooze_reason.set(event_target_value(&ev))/>
                    </label>
                    <button type="submit">{tr(Lang::today_snooze)}</button>
                    <p class="field-error" role="alert">{move || snooze_error.get()}</p>
                </form>
            </Show>
        </li>
    }
}

/// Customers at risk of churning, with the signals behind it (METHOD.md §6).
#[component]
fn AtRisk() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let base = use_base();
    let signals = churn_signals(ws);
    let risky = kept::<TodayAtRisk>(|| {
        Memo::new(move |_| {
            ws.customers.with(|cs| {
                signals.with(|ss| {
                    cs.iter()
                        .zip(ss.iter())
                        .filter(|(_, s)| Health::of(s) == Health::AtRisk)
                        .map(|(c, s)| (c.id.clone(), c.name.clone(), Vec::clone(s)))
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let shown = RwSignal::new(SECTION_LINES);
    let base = StoredValue::new(base);
    view! {
        <Show when=move || risky.with(|r| !r.is_empty())>
            <section class="today-section at-risk">
                <h2>{tr(Lang::today_at_risk)}" "<span class="count-badge">{move || risky.with(Vec::len)}</span></h2>
                <ul class="due-list">
                    {move || risky.with(|r| r.iter().take(shown.get()).cloned().collect::<Vec<_>>()).into_iter().map(|(id, name, signals)| {
                        let href = base.with_value(|b| customer_href(b, &id));
                        view! {
                            <li class="due-line late-red">
                                <div>
                                    <p class="due-who"><a href=href>{name}</a></p>
                                    <p class="due-why">{signals.iter().map(|s| lang.get().signal(s)).collect::<Vec<_>>().join(" · ")}</p>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <ShowAll total=Signal::derive(move || risky.with(Vec::len)) shown=shown/>
            </section>
        </Show>
    }
}
