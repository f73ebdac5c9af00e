//! Tells the app's other open tabs that data changed, so they reload instead of showing (and
//! later saving over) stale records. One BroadcastChannel per tab, kept for its lifetime.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

const CHANNEL: &str = "kehu-weihu";
const DEMO_CHANNEL: &str = "kehu-weihu-demo";

type Listener = Closure<dyn FnMut(web_sys::MessageEvent)>;

thread_local! {
    static CHANNEL_HANDLE: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
    static LISTENER: RefCell<Option<Listener>> = const { RefCell::new(None) };
}

fn with_channel(f: impl FnOnce(&web_sys::BroadcastChannel)) {
    CHANNEL_HANDLE.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            // The training workspace talks on its own channel: its writes never reload a tab
            // that shows real data.
            let name = if super::settings::is_demo() {
                DEMO_CHANNEL
            } else {
                CHANNEL
            };
            *cell = web_sys::BroadcastChannel::new(name).ok();
        }
        if let Some(channel) = cell.as_ref() {
            f(channel);
        }
    });
}

/// Announces a change to the other tabs (a tab does not hear its own messages).
pub fn notify_changed() {
    // Every committed write passes here: the backup reminder's "changed since".
    super::backup_clock::mark_changed();
    with_channel(|channel| {
        let _ = channel.post_message(&JsValue::from_str("changed"));
    });
}

/// Calls `on_change` whenever another tab writes. Replaces any earlier listener.
pub fn listen(mut on_change: impl FnMut() + 'static) {
    let closure = Listener::new(move |_event| on_change());
    with_channel(|channel| channel.set_onmessage(Some(closure.as_ref().unchecked_ref())));
    LISTENER.with(|l| *l.borrow_mut() = Some(closure));
}
