//! Small settings kept in localStorage (gloo-storage): they must be readable synchronously
//! before the first paint, which IndexedDB cannot do.

use gloo_storage::{LocalStorage, SessionStorage, Storage};

use crate::domain::records::Lang;
use crate::domain::tiering::TierState;

const LANG_KEY: &str = "kehu-weihu.lang";

/// The language the user picked, if any.
pub fn saved_lang() -> Option<Lang> {
    LocalStorage::get(LANG_KEY).ok()
}

/// Remembers the language; a browser refusing storage (private mode) only loses the choice.
pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::set(LANG_KEY, lang);
}

// The demo flag, its clock and the tour live in this tab's session: another tab (or the
// next visit) opens the user's own data, and real data never time-travels.
const DEMO_KEY: &str = "kehu-weihu.demo";
const DEMO_SEED_KEY: &str = "kehu-weihu.demo-seed";
const DEMO_OFFSET_KEY: &str = "kehu-weihu.demo-offset";
const TOUR_KEY: &str = "kehu-weihu.tour";
const PRESENTER_KEY: &str = "kehu-weihu.presenter";
const DEMO_TIERS_KEY: &str = "kehu-weihu.demo-tiers-at-today";

/// Whether this tab is in the training workspace (its own database).
pub fn is_demo() -> bool {
    SessionStorage::get::<bool>(DEMO_KEY).unwrap_or(false)
}

/// Enters the training workspace (with fresh data on the next load) or leaves it.
pub fn set_demo(on: bool) {
    if on {
        let _ = SessionStorage::set(DEMO_KEY, true);
        let _ = SessionStorage::set(DEMO_SEED_KEY, true);
    } else {
        SessionStorage::delete(DEMO_KEY);
        SessionStorage::delete(DEMO_SEED_KEY);
        SessionStorage::delete(DEMO_OFFSET_KEY);
        SessionStorage::delete(DEMO_TIERS_KEY);
        SessionStorage::delete(TOUR_KEY);
    }
}

/// Whether the demo data must be written afresh (just entered); asking clears the request.
pub fn take_demo_seed() -> bool {
    let asked = SessionStorage::get::<bool>(DEMO_SEED_KEY).unwrap_or(false);
    SessionStorage::delete(DEMO_SEED_KEY);
    asked
}

/// Days the demo's "today" is moved from the real one (always 0 outside the demo).
pub fn demo_offset() -> i64 {
    if is_demo() {
        SessionStorage::get(DEMO_OFFSET_KEY).unwrap_or(0)
    } else {
        0
    }
}

pub fn set_demo_offset(days: i64) {
    if is_demo() {
        let _ = SessionStorage::set(DEMO_OFFSET_KEY, days);
    }
}

/// Every demo customer's tier state as it was at the real today, kept while the demo travels
/// in time so that coming back puts every tier back as it was (see `Workspace::travel_to`).
pub fn demo_tiers_at_today() -> Option<std::collections::HashMap<String, TierState>> {
    super::session::get(DEMO_TIERS_KEY)
}

pub fn set_demo_tiers_at_today(states: Option<&std::collections::HashMap<String, TierState>>) {
    match states {
        Some(states) if is_demo() => super::session::set(DEMO_TIERS_KEY, states),
        _ => SessionStorage::delete(DEMO_TIERS_KEY),
    }
}

/// Large type and high contrast, with the method beside each page.
pub fn presenter() -> bool {
    LocalStorage::get::<bool>(PRESENTER_KEY).unwrap_or(false)
}

pub fn set_presenter(on: bool) {
    let _ = LocalStorage::set(PRESENTER_KEY, on);
}

/// The guided tour's current step, while a tour is running.
pub fn tour_step() -> Option<usize> {
    SessionStorage::get(TOUR_KEY).ok()
}

pub fn set_tour_step(step: Option<usize>) {
    match step {
        Some(s) => {
            let _ = SessionStorage::set(TOUR_KEY, s);
        }
        None => SessionStorage::delete(TOUR_KEY),
    }
}
