//! Pipeline: the five lifecycle stages as a board (004). Cards move by drag and drop or by
//! their arrow buttons; each shows status, owner, days in stage and a late flag.

use std::sync::Arc;

use crate::domain::sorting;
use leptos::prelude::*;

use crate::ui::components::stage::{move_stage, stage_label};
use crate::ui::components::{PageHeading, ShowMore};

figure!(PipelineCards: Memo<Vec<Arc<Card>>>);

/// How many cards a column shows at first, and "show more" adds (five columns of 50 cards
/// took over 100 ms to draw; a column shows about six at a time on a laptop).
const COLUMN_CARDS: usize = 20;
use crate::domain::lifecycle::{inferred_stage, Stage};
use crate::domain::time_node::{late_node, LateNode};
use crate::i18n::Lang;
use crate::ui::components::keyed::Row;
use crate::ui::routes::customer_href;
use crate::ui::workspace::per_customer::{per_customer_memo, Reads};
use crate::ui::workspace::{figure, kept, use_workspace};
use crate::ui::{format, tr, use_base, use_lang};

#[derive(Clone, PartialEq, Eq)]
struct Card {
    id: String,
    name: String,
    owner: String,
    stage: Stage,
    inferred: bool,
    status: Option<crate::domain::lifecycle::StageStatus>,
    days: Option<i64>,
    late: Option<LateNode>,
}

#[component]
pub fn PipelinePage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    // Kept while other pages are shown (every customer's late node takes a while).
    // Kept while other pages are shown, and per customer: a change computes again only the
    // cards of the customers it touched (every customer's late node takes a while).
    let cards = kept::<PipelineCards>(|| {
        let per = per_customer_memo(
            ws,
            Reads::FOLLOWUPS,
            move || ws.today.get(),
            |today, own| {
                let c = own.customer;
                let today = *today;
                let stage = c
                    .stage
                    .unwrap_or_else(|| inferred_stage(c.first_deal(), today));
                Arc::new(Card {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    owner: c.owner.clone(),
                    stage,
                    inferred: c.stage.is_none(),
                    status: c.lifecycle.status.filter(|_| c.stage.is_some()),
                    days: c
                        .lifecycle
                        .days_in_stage(today)
                        .filter(|_| c.stage.is_some()),
                    late: late_node(c, own.followups, today),
                })
            },
        );
        Memo::new(move |_| {
            let mut cards: Vec<Arc<Card>> = per.with(|p| p.to_vec());
            sorting::sort_by(&mut cards, |a, b| {
                (a.late.is_none(), &a.name).cmp(&(b.late.is_none(), &b.name))
            });
            cards
        })
    });
    let dragging = RwSignal::new(None::<String>);
    let drop_on = move |stage: Stage| {
        if let Some(id) = dragging.get_untracked() {
            dragging.set(None);
            move_stage(ws, &id, stage);
        }
    };

    view! {
        <section class="page page-pipeline">
            <PageHeading title=Lang::nav_pipeline/>
            <crate::ui::demo::TryDemo/>
            <p class="hint">{tr(Lang::pipe_hint)}</p>
            <div class="board">
                {Stage::ALL.into_iter().enumerate().map(|(i, stage)| {
                    let column = Memo::new(move |_| cards.with(|cs| cs.iter().filter(|c| c.stage == stage).cloned().collect::<Vec<_>>()));
                    // A long column shows its first cards (late ones first); "show more" draws more.
                    let shown = RwSignal::new(COLUMN_CARDS);
                    view! {
                        <section
                            class="board-column"
                            aria-labelledby=format!("stage-{i}")
                            on:dragover=move |ev| ev.prevent_default()
                            on:drop=move |ev| {
                                ev.prevent_default();
                                drop_on(stage);
                            }
                        >
                            <h2 id=format!("stage-{i}")>
                                {move || stage_label(ws, lang.get(), stage)}
                                " "<span class="count-badge">{move || column.with(Vec::len)}</span>
                            </h2>
                            <ul class="cards">
                                <For each=move || column.with(|c| c.iter().take(shown.get()).cloned().collect::<Vec<_>>()) key=|c| c.id.clone() let:card>
                                    <PipelineCard card=Row::new(column, &card, |c| c.id.as_str()) index=i dragging=dragging/>
                                </For>
                            </ul>
                            <ShowMore total=Signal::derive(move || column.with(Vec::len)) shown=shown step=COLUMN_CARDS/>
                            <Show when=move || column.with(Vec::is_empty)>
                                <p class="hint">{tr(Lang::pipe_empty)}</p>
                            </Show>
                        </section>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn PipelineCard(
    card: Row<Arc<Card>>,
    index: usize,
    dragging: RwSignal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let href = customer_href(&use_base(), &card.id());
    let step = move |delta: i64| {
        let to = Stage::ALL[(index as i64 + delta) as usize];
        move_stage(ws, &card.id(), to);
    };
    // What the card shows follows its customer; the card itself (and a drag) stays.
    let shows = move || {
        let card = card.with(Arc::clone)?;
        let Card {
            name,
            owner,
            inferred,
            status,
            days,
            late,
            ..
        } = Arc::unwrap_or_clone(card);
        Some(view! {
            <a href=href.clone() class="card-name">{name}</a>
            <p class="hint">
                {move || status.map(|s| lang.get().stage_status(s)).unwrap_or_else(|| if inferred { "" } else { lang.get().pipe_no_status() })}
                {(!owner.is_empty()).then(|| format!(" · {owner}"))}
                {move || days.map(|d| format!(" · {d} {}", lang.get().pipe_days()))}
            </p>
            {late.map(|n| view! {
                <span class="late-flag">{tr(Lang::pipe_late)}</span>
                <p class="late-node">{move || lang.get().pipe_node_passed(&format::date(n.due), &n.missing)}</p>
            })}
            {inferred.then(|| view! { <p class="hint small">{tr(Lang::pipe_inferred)}</p> })}
        })
    };
    view! {
        <li
            class="card-item"
            class:late=move || card.with(|c| c.late.is_some()).unwrap_or(false)
            class:inferred=move || card.with(|c| c.inferred).unwrap_or(false)
            draggable="true"
            on:dragstart=move |_| dragging.set(Some(card.id()))
            on:dragend=move |_| dragging.set(None)
        >
            {shows}
            <div class="card-moves">
                {(index > 0).then(|| view! {
                    <button type="button" aria-label=tr(Lang::pipe_move_left) title=tr(Lang::pipe_move_left) on:click=move |_| step(-1)>"←"</button>
                })}
                {(index + 1 < Stage::ALL.len()).then(|| view! {
                    <button type="button" aria-label=tr(Lang::pipe_move_right) title=tr(Lang::pipe_move_right) on:click=move |_| step(1)>"→"</button>
                })}
            </div>
        </li>
    }
}
