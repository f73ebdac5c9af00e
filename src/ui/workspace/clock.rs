//! The day the app treats as today: the browser's, moved by the demo's offset, following
//! the clock past midnight.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::Workspace;
use crate::store::settings;
use crate::ui::browser;

impl Workspace {
    /// A page left open past midnight moves to the new day by itself.
    pub(super) fn follow_the_clock(self) {
        use wasm_bindgen::JsCast;
        let tick = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            let now = demo_day(settings::demo_offset());
            if now != self.today.get_untracked() {
                self.today.set(now);
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                60_000,
            );
        }
        // Lives as long as the page.
        tick.forget();
    }
}

/// The real today moved by the demo's offset (0 outside the demo).
pub(super) fn demo_day(offset: i64) -> NaiveDate {
    browser::today() + chrono::Duration::days(offset)
}
