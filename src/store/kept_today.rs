//! Today's first screenful as last drawn, for the next visit's first paint (index.html reads
//! it before the app loads; `ui/first_paint.rs` says when it is kept). In localStorage: it
//! must be readable before any code of the app has run.

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::JsValue;

/// The key index.html reads; its value: `{v, generation, date, lang, html}`.
const KEY: &str = "kehu-weihu.today-kept";
/// The format index.html understands.
const VERSION: f64 = 1.0;
/// The language setting's key (`settings.rs`), as its raw text: index.html compares the two.
const LANG_KEY: &str = "kehu-weihu.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Keeps `html`, the page as drawn from data at `generation` on day `date` (YYYY-MM-DD).
pub fn keep(generation: u64, date: &str, html: String) {
    let Some(storage) = storage() else {
        return;
    };
    let lang = storage.get_item(LANG_KEY).ok().flatten();
    let kept = Object::new();
    for (k, v) in [
        ("v", JsValue::from(VERSION)),
        ("generation", JsValue::from(generation as f64)),
        ("date", JsValue::from(date)),
        ("lang", lang.map_or(JsValue::NULL, JsValue::from)),
        ("html", JsValue::from(html)),
    ] {
        let _ = Reflect::set(&kept, &k.into(), &v);
    }
    if let Some(text) = JSON::stringify(&kept).ok().and_then(|t| t.as_string()) {
        // Storage full or refused: the next visit just draws the usual way.
        if storage.set_item(KEY, &text).is_err() {
            forget();
        }
    }
}

/// Forgets the kept page.
pub fn forget() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
    }
}
