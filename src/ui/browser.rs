//! The few browser facts the UI needs, read in one place.

use chrono::NaiveDate;

use crate::i18n::Lang;

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

/// Whether this page was served by the offline worker (`navigator.serviceWorker.controller`),
/// i.e. every file of the app is on this device.
pub fn served_by_offline_worker() -> bool {
    let navigator = web_sys::window().map(|w| w.navigator());
    navigator
        .and_then(|n| js_sys::Reflect::get(&n, &"serviceWorker".into()).ok())
        .filter(|sw| sw.is_object())
        .and_then(|sw| js_sys::Reflect::get(&sw, &"controller".into()).ok())
        .is_some_and(|c| c.is_object())
}

pub fn set_title(title: &str) {
    document().set_title(title);
}

pub fn set_html_lang(tag: &str) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", tag);
    }
}

/// What the browser refused at this edge; `detail` is its own short reason (never Debug text).
/// [`BrowserError::message`] words it for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BrowserError {
    /// A file could not be offered for download.
    Download { detail: String },
    /// A file the user picked could not be read.
    ReadFile { detail: String },
    /// Text could not be decoded as `encoding`.
    Decode { encoding: Encoding, detail: String },
}

impl BrowserError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            BrowserError::Download { detail } => lang.download_failed(detail),
            BrowserError::ReadFile { detail } => lang.file_read_failed(detail),
            BrowserError::Decode { encoding, detail } => {
                lang.decode_failed(encoding.name(), detail)
            }
        }
    }
}

/// A browser error's name and message ("NotReadableError: …"), or its text.
fn detail(err: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match err.dyn_ref::<js_sys::Error>() {
        Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
        None => err.as_string().unwrap_or_else(|| "unknown".into()),
    }
}

/// Offers `text` to the user as a file download (the browser's own save dialog or folder).
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), BrowserError> {
    use wasm_bindgen::JsCast;
    let failed = |e| BrowserError::Download { detail: detail(e) };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let anchor: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(failed)?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Give the download a moment to start before the URL is released.
    after_ms(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}

/// The bytes of a file the user picked.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, BrowserError> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| BrowserError::ReadFile { detail: detail(e) })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The text encodings a spreadsheet export may come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// GBK / GB18030: what Excel in China saves "CSV" as.
    Gb18030,
}

impl Encoding {
    /// As people know it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Gb18030 => "gb18030",
        }
    }
}

/// Decodes text with the browser's own decoder (no encoding tables in the wasm). `None`
/// guesses: UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK).
pub fn decode_text(
    bytes: &[u8],
    encoding: Option<Encoding>,
) -> Result<(String, Encoding), BrowserError> {
    let decode = |enc: Encoding, fatal: bool| -> Result<String, BrowserError> {
        let failed = |e| BrowserError::Decode {
            encoding: enc,
            detail: detail(e),
        };
        let options = web_sys::TextDecoderOptions::new();
        options.set_fatal(fatal);
        let decoder = web_sys::TextDecoder::new_with_label_and_options(enc.label(), &options)
            .map_err(failed)?;
        decoder.decode_with_u8_array(bytes).map_err(failed)
    };
    match encoding {
        Some(enc) => decode(enc, false).map(|t| (t, enc)),
        None => match decode(Encoding::Utf8, true) {
            Ok(text) => Ok((text, Encoding::Utf8)),
            Err(_) => decode(Encoding::Gb18030, false).map(|t| (t, Encoding::Gb18030)),
        },
    }
}

/// The dates of the lunar holidays in `years`, from the browser's own Chinese calendar
/// (`Intl`, so no lunar tables ship in the app). Days are read in China's time zone.
pub fn lunar_holidays(years: &[i32]) -> Vec<(crate::domain::cadence::Holiday, NaiveDate)> {
    use crate::domain::cadence::Holiday;
    use chrono::Datelike;
    let options = js_sys::Object::new();
    for (k, v) in [
        ("month", "numeric"),
        ("day", "numeric"),
        ("timeZone", "Asia/Shanghai"),
    ] {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    }
    let format =
        js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&"en-u-ca-chinese".into()), &options);
    let mut found = Vec::new();
    for &year in years {
        let Some(mut day) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            continue;
        };
        while day.year() == year {
            // Noon in China: the same calendar day whatever the browser's own zone.
            let ms = js_sys::Date::utc(day.year() as f64, day.month0() as f64)
                + (day.day() as f64 - 1.0) * 86_400_000.0
                + 4.0 * 3_600_000.0;
            let parts = format.format_to_parts(&js_sys::Date::new(&ms.into()));
            let mut month = None;
            let mut dom = None;
            for part in parts.iter() {
                let kind = js_sys::Reflect::get(&part, &"type".into())
                    .ok()
                    .and_then(|v| v.as_string());
                let value = js_sys::Reflect::get(&part, &"value".into())
                    .ok()
                    .and_then(|v| v.as_string());
                match (kind.as_deref(), value) {
                    // A leap month reads "6bis": not a festival month.
                    (Some("month"), Some(v)) => month = v.parse::<u32>().ok(),
                    (Some("day"), Some(v)) => dom = v.parse::<u32>().ok(),
                    _ => {}
                }
            }
            if let (Some(m), Some(d)) = (month, dom) {
                for h in Holiday::ALL {
                    if h.lunar() == Some((m, d)) {
                        found.push((h, day));
                    }
                }
            }
            day = day.succ_opt().expect("within range");
        }
    }
    found
}

/// Loads `url` as a new page (the demo switch needs a fresh start on another database).
pub fn go_to(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(url);
    }
}

/// Adds or removes a class on `<html>` (the presenter view styles the whole page).
pub fn set_root_class(name: &str, on: bool) {
    if let Some(html) = document().document_element() {
        let list = html.class_list();
        let _ = if on {
            list.add_1(name)
        } else {
            list.remove_1(name)
        };
    }
}

/// Calls `navigator.storage.<method>()` and waits for its answer; `None` where the browser
/// has no StorageManager (an old browser, or a page not served over https).
async fn storage_manager(method: &str) -> Option<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &"storage".into())
        .ok()
        .filter(wasm_bindgen::JsValue::is_object)?;
    let call = js_sys::Reflect::get(&storage, &method.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = call
        .call0(&storage)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()
}

/// Whether the browser promised to keep this site's data (`navigator.storage.persisted()`).
pub async fn storage_persisted() -> Option<bool> {
    storage_manager("persisted").await.map(|v| v.is_truthy())
}

/// Asks the browser to keep this site's data (`navigator.storage.persist()`); its answer.
pub async fn persist_storage() -> Option<bool> {
    storage_manager("persist").await.map(|v| v.is_truthy())
}

/// Bytes this site uses and may use, as the browser estimates them.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    let estimate = storage_manager("estimate").await?;
    let number = |key: &str| {
        js_sys::Reflect::get(&estimate, &key.into())
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some((number("usage")?, number("quota")?))
}

/// The browser's clock as a date, from milliseconds since 1970.
pub fn date_of_ms(ms: i64) -> NaiveDate {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// Runs `f` at the start of the next frame, once the browser has painted this one (an
/// animation frame queued from the next one): work that can wait a frame, so what is already
/// drawn shows sooner.
pub fn after_paint(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    let next = wasm_bindgen::closure::Closure::once_into_js(f);
    let queue = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(next.unchecked_ref());
        }
    });
    let _ = w.request_animation_frame(queue.unchecked_ref());
}

/// Resolves in a task of its own, after the browser has had its turn (to draw a frame, take
/// a click): long work awaits it between slices.
pub async fn next_task() {
    use wasm_bindgen::JsCast;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `f` once after `ms` milliseconds.
pub fn after_ms(ms: i32, f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms);
}

/// Moves keyboard focus to the first element matching `selector` (made focusable by script
/// where it is not, e.g. a heading) and scrolls it into view; false when there is none.
pub fn focus_first(selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(el) = document().query_selector(selector).ok().flatten() else {
        return false;
    };
    let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() else {
        return false;
    };
    // A field or link is focusable already (and tabindex -1 would take it out of the Tab order).
    if el.tab_index() < 0 && !el.has_attribute("tabindex") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    el.focus().is_ok()
}

/// Whether keyboard focus is inside the element matching `selector`.
pub fn focus_within(selector: &str) -> bool {
    let doc = document();
    let (Some(active), Some(el)) = (
        doc.active_element(),
        doc.query_selector(selector).ok().flatten(),
    ) else {
        return false;
    };
    el.contains(Some(&active)) && !active.is_same_node(Some(&el))
}

/// Whether keyboard focus rests on nothing a person chose: the body, or the navigation (where
/// a click on a page's link leaves it).
pub fn focus_is_idle() -> bool {
    let doc = document();
    match doc.active_element() {
        None => true,
        Some(el) => {
            doc.body().is_some_and(|b| el.is_same_node(Some(&b)))
                || el.closest(".app-nav").ok().flatten().is_some()
        }
    }
}

/// Gives `class` to the first element matching `selector` alone (taken from any other), and
/// scrolls it to the top of the view; with no selector, to none. False when nothing matches.
pub fn mark_only(class: &str, selector: Option<&str>) -> bool {
    let doc = document();
    let target = selector.and_then(|s| doc.query_selector(s).ok().flatten());
    while let Some(other) = doc.query_selector(&format!(".{class}")).ok().flatten() {
        if target
            .as_ref()
            .is_some_and(|t| t.is_same_node(Some(&other)))
        {
            break;
        }
        let _ = other.class_list().remove_1(class);
    }
    match target {
        Some(el) => {
            if !el.class_list().contains(class) {
                let _ = el.class_list().add_1(class);
                el.scroll_into_view_with_bool(true);
            }
            true
        }
        None => selector.is_none(),
    }
}
