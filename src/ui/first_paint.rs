//! A returning visit's first paint (issue 26): Today's first screenful as this browser last
//! showed it, kept (`store/kept_today.rs`) with the data's generation, the day and the
//! language. index.html draws it before the app has loaded, only when all three still match
//! what is stored, so it is the current agenda and never an old one; it is inert (nothing on
//! it can be clicked or focused) and hidden from assistive technology, and the app takes it
//! away as soon as its own page is drawn.
//!
//! Not kept for the training workspace (its day moves) nor with encryption at rest on (the
//! agenda would sit in plain text beside the sealed records).

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::store::{kept_today, AtRest};

/// A larger page is not kept (localStorage is small and shared with the settings).
const MAX_HTML: usize = 200_000;

/// Keeps the app as drawn now: Today, from data at `generation`, on day `date`.
pub fn keep(generation: Option<u64>, date: &str, at_rest: AtRest, demo: bool) {
    if demo {
        return;
    }
    let html = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("body > .app").ok().flatten())
        .map(|app| app.outer_html())
        .filter(|html| html.len() <= MAX_HTML);
    match (generation, html) {
        (Some(generation), Some(html)) if at_rest == AtRest::Off => {
            kept_today::keep(generation, date, html);
        }
        _ => kept_today::forget(),
    }
}

/// The app's own page is drawn: the kept copy goes, and one still being read is not drawn.
pub fn live() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let _ = Reflect::set(&window, &"kehuLive".into(), &JsValue::TRUE);
    let Some(doc) = window.document() else {
        return;
    };
    if let Some(kept) = doc.get_element_by_id("kehu-kept") {
        kept.remove();
    }
    if let Some(root) = doc.document_element() {
        let _ = root.class_list().remove_1("kehu-kept");
    }
}
