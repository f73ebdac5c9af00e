//! The "new version — reload" prompt. The worker is registered by a small script in
//! index.html (so it never waits for the wasm); that script sets `window.kehuUpdate.ready` and
//! fires `kehu-update` when a new release is installed and waiting, and `kehuUpdate.apply()`
//! hands over to it and reloads the page.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Lang;
use crate::ui::tr;

fn handle() -> Option<JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &"kehuUpdate".into())
        .ok()
        .filter(JsValue::is_object)
}

fn field(name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(&handle()?, &name.into()).ok()
}

fn apply() {
    if let (Some(update), Some(f)) = (handle(), field("apply")) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(&update);
        }
    }
}

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let ready = RwSignal::new(field("ready").is_some_and(|v| v.is_truthy()));
    if let Some(window) = web_sys::window() {
        let on_update = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || ready.set(true));
        let _ = window
            .add_event_listener_with_callback("kehu-update", on_update.as_ref().unchecked_ref());
        // The shell lives as long as the page.
        on_update.forget();
    }
    view! {
        <Show when=move || ready.get()>
            <div class="notice notice-update" role="status">
                <p>{tr(Lang::update_ready)}</p>
                <button type="button" class="primary" on:click=|_| apply()>{tr(Lang::reload)}</button>
            </div>
        </Show>
    }
}
