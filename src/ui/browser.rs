//! The few browser facts the UI needs, read in one place.

use chrono::NaiveDate;

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("the app runs in a page with a document")
}

/// The path the app is served under, without a trailing slash: "" at a host's root,
/// "/tools/crm" under a sub-path. Read from the document's base URL, which `index.html` sets
/// relative to itself, so one `dist/` works under any path.
pub fn app_base() -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_default();
    let path = web_sys::Url::new(&base)
        .map(|u| u.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_string()
}

/// `navigator.languages`, most preferred first.
pub fn preferred_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let navigator = window.navigator();
    let list: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

/// Today's date on the user's clock.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

pub fn set_title(title: &str) {
    document().set_title(title);
}

pub fn set_html_lang(tag: &str) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", tag);
    }
}
