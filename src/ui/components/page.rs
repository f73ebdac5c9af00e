//! What every page is made of: its heading (which names the browser tab), an empty state,
//! and "show more" / "show all" under a long list.

use leptos::prelude::*;

use crate::i18n::Lang;
use crate::ui::{browser, use_lang};

/// Keeps the browser tab's title on the page's name, in the current language.
pub fn use_page_title(title: fn(Lang) -> &'static str) {
    let lang = use_lang();
    Effect::new(move |_| {
        let lang = lang.get();
        browser::set_title(&lang.page_title(title(lang)));
    });
}

/// A page's heading, which also names the browser tab.
#[component]
pub fn PageHeading(title: fn(Lang) -> &'static str) -> impl IntoView {
    let lang = use_lang();
    use_page_title(title);
    view! { <h1 class="page-title">{move || title(lang.get())}</h1> }
}

/// What a page shows before it has anything to show: what will appear here, and why.
#[component]
pub fn EmptyState(text: fn(Lang) -> &'static str) -> impl IntoView {
    let lang = use_lang();
    view! { <p class="empty-state">{move || text(lang.get())}</p> }
}

/// How many entries a long list on a profile shows before "show all": the latest few.
pub const LATEST: usize = 5;

/// "Show more (9,950)" under a long list drawn a page at a time: each click draws `step` more
/// (10,000 rows at once would take seconds).
#[component]
pub fn ShowMore(
    #[prop(into)] total: Signal<usize>,
    shown: RwSignal<usize>,
    step: usize,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show when=move || { total.get() > shown.get() }>
            <button type="button" class="show-more" on:click=move |_| shown.update(|v| *v += step)>
                {move || format!("{} ({})", lang.get().show_more(), total.get().saturating_sub(shown.get()))}
            </button>
        </Show>
    }
}

/// "Show all (60)" under a list cut to its latest few; the rest is drawn only when asked for.
#[component]
pub fn ShowAll(#[prop(into)] total: Signal<usize>, shown: RwSignal<usize>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show when=move || { total.get() > shown.get() }>
            <button type="button" class="show-more" on:click=move |_| shown.set(usize::MAX)>
                {move || lang.get().show_all(total.get())}
            </button>
        </Show>
    }
}
