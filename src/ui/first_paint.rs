//! A returning visit's first paint (issue 26): the app's page (`body > .app`) as this browser
//! last showed Today, kept with the data's generation, the day and the language. index.html draws it
//! before the app has loaded, only when all three still match what is stored, so it is the
//! current agenda and never an old one; it is inert (nothing on it can be clicked or focused)
//! and hidden from assistive technology, and the app takes it away as soon as its own page is
//! drawn.
//!
//! The keeping itself is index.html's (`window.kehuKept`: plain DOM and localStorage calls,
//! lighter there than in the first load's wasm); the app says when, and from which data.
//! Not kept for the training workspace (its day moves) nor with encryption at rest on (the
//! agenda would sit in plain text beside the sealed records).

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::store::AtRest;

/// `window.kehuKept[name]` and its object, when index.html defined it (tests mount pages
/// without it).
fn method(name: &str) -> Option<(JsValue, Function)> {
    let kept = Reflect::get(&js_sys::global(), &"kehuKept".into()).ok()?;
    let f = Reflect::get(&kept, &name.into()).ok()?.dyn_into().ok()?;
    Some((kept, f))
}

/// Keeps the app as drawn now: Today, from data at `generation`, on day `date`.
pub fn keep(generation: Option<u64>, date: &str, at_rest: AtRest, demo: bool) {
    if demo {
        return;
    }
    match generation.filter(|_| at_rest == AtRest::Off) {
        Some(generation) => {
            if let Some((kept, keep)) = method("keep") {
                let _ = keep.call2(&kept, &(generation as f64).into(), &date.into());
            }
        }
        None => {
            if let Some((kept, forget)) = method("forget") {
                let _ = forget.call0(&kept);
            }
        }
    }
}

/// The app's own page is drawn: the kept copy goes, and one still being read is not drawn.
pub fn live() {
    if let Some((kept, live)) = method("live") {
        let _ = live.call0(&kept);
    }
}
