//! The re-tier review (002: every quarter): every proposed change since the last review,
//! confirmed or kept one by one or all at once, and the review's date recorded.

use crate::domain::sorting;
use leptos::prelude::*;

use crate::domain::tiering::{TierDecision, TierState};
use crate::i18n::Lang;
use crate::ui::components::tier::TierBadge;
use crate::ui::components::PageHeading;
use crate::ui::routes::customer_href;
use crate::ui::workspace::use_workspace;
use crate::ui::{format, tr, use_base, use_lang};

#[component]
pub fn TierReviewPage() -> impl IntoView {
    let lang = use_lang();
    let ws = use_workspace();
    let base = StoredValue::new(use_base());
    // Customers with a proposal, with the text of each line.
    let proposals = Memo::new(move |_| {
        let t = lang.get();
        let settings = ws.settings.with(|s| s.tiering.clone());
        let unit = ws.settings.with(|s| s.money_unit);
        let tiers = ws.tiers.get();
        ws.customers.with(|cs| {
            let mut list: Vec<(String, String, TierState, String, String)> = cs
                .iter()
                .filter(|c| c.tiering.pending.is_some())
                .map(|c| {
                    let p = c.tiering.pending.unwrap();
                    // What the rules say now, and why the current tier no longer holds.
                    let why = tiers
                        .get(&c.id)
                        .map(|k| {
                            let mut lines =
                                vec![t.explain(settings.preset, k.tier, &k.explanation, unit)];
                            lines.extend(t.why_not(settings.preset, &k.explanation, unit));
                            lines.join(" — ")
                        })
                        .unwrap_or_default();
                    let applies = format::date(p.applies_on(settings.observation_months));
                    (
                        c.id.clone(),
                        c.name.clone(),
                        c.tiering.clone(),
                        why,
                        applies,
                    )
                })
                .collect();
            sorting::sort_by(&mut list, |a, b| a.1.cmp(&b.1));
            list
        })
    });
    let decide = move |ids: Vec<String>, confirm: bool| {
        let decision = if confirm {
            TierDecision::Confirm
        } else {
            TierDecision::Reject
        };
        ws.decide_tiers(ids, decision);
    };
    let all_ids =
        move || proposals.with_untracked(|ps| ps.iter().map(|p| p.0.clone()).collect::<Vec<_>>());
    let mark_done = move |_| {
        let mut settings = ws.settings.get_untracked();
        settings.tiering.last_review = Some(ws.today.get_untracked());
        let saved = lang.get_untracked().saved().to_string();
        ws.save_settings(settings, Some(saved));
    };
    let preset = move || ws.settings.with(|s| s.tiering.preset);

    view! {
        <section class="page page-tier-review">
            <PageHeading title=Lang::tier_review_title/>
            <p class="hint">{tr(Lang::tier_review_hint)}</p>
            <p class="hint">
                {tr(Lang::tier_review_last)}
                {move || ws.settings.with(|s| s.tiering.last_review).map(format::date).unwrap_or_else(|| lang.get().tier_review_never().to_string())}
            </p>
            <Show
                when=move || proposals.with(|p| !p.is_empty())
                fallback=|| view! { <p class="empty-state">{tr(Lang::tier_review_empty)}</p> }
            >
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| decide(all_ids(), true)>{tr(Lang::tier_review_confirm_all)}</button>
                    <button type="button" on:click=move |_| decide(all_ids(), false)>{tr(Lang::tier_review_reject_all)}</button>
                </div>
                <ul class="review-list">
                    <For each=move || proposals.get() key=|p| (p.0.clone(), p.2.pending) let:p>
                        {
                            let (id, name, state, why, applies) = p;
                            let href = base.with_value(|b| customer_href(b, &id));
                            let pending = state.pending.unwrap();
                            let one = id.clone();
                            let other = id.clone();
                            view! {
                                <li class="review-item">
                                    <div>
                                        <a href=href><strong>{name}</strong></a>
                                        " "
                                        <TierBadge tier=state.current/>
                                        " → "
                                        <TierBadge tier=Some(pending.tier)/>
                                        <p class="hint">{why}</p>
                                        <p class="hint">{move || lang.get().proposal_note(
                                            &state.current.map(|t| lang.get().tier_name(preset(), t)).unwrap_or_default(),
                                            &lang.get().tier_name(preset(), pending.tier),
                                            &applies,
                                        )}</p>
                                    </div>
                                    <div class="actions">
                                        <button type="button" class="primary" on:click=move |_| decide(vec![one.clone()], true)>{tr(Lang::tier_confirm)}</button>
                                        <button type="button" on:click=move |_| decide(vec![other.clone()], false)>{tr(Lang::tier_reject)}</button>
                                    </div>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
            <p><button type="button" on:click=mark_done>{tr(Lang::tier_review_done)}</button></p>
        </section>
    }
}
