//! The day the app treats as today: the browser's, moved by the demo's offset, following
//! the clock past midnight.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::store::settings;
use crate::ui::browser;

/// The day the app treats as today: the real today moved by the demo's offset (0 outside the
/// demo).
pub(super) fn app_today() -> NaiveDate {
    browser::today() + chrono::Duration::days(settings::demo_offset())
}

/// Keeps `today` on the day `now` gives, looking once a minute, so a page left open past
/// midnight moves to the new day by itself (in the manner of leptos-use's `use_interval`);
/// the interval is cleared with the owner it was made under.
pub(super) fn use_today(today: RwSignal<NaiveDate>, now: fn() -> NaiveDate) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let tick = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        let day = now();
        if today.try_get_untracked().is_some_and(|shown| shown != day) {
            today.set(day);
        }
    });
    let Ok(id) = window.set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        60_000,
    ) else {
        return;
    };
    // The closure lives as long as the page (one per workspace); the interval stops with it.
    tick.forget();
    on_cleanup(move || {
        if let Some(window) = web_sys::window() {
            window.clear_interval_with_handle(id);
        }
    });
}
