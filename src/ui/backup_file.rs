//! Automatic backup to a file chosen once (the File System Access API, in Chromium-based
//! browsers on a computer): after changes, the whole backup is written to it, a few seconds
//! after the last one. Elsewhere the choice is not offered and Today's reminder remains.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

use super::safekeeping::Safekeeping;
use super::workspace::{Status, Workspace};
use crate::store::{backup_clock, backup_file, settings};

thread_local! {
    static HANDLE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Quiet time after the last change before the file is written.
const DEBOUNCE_MS: i32 = 2_000;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FileState {
    /// No file chosen.
    Off,
    /// Changes are written to the file.
    Writing,
    /// A file is chosen, but this visit needs the user's permission (a click) to write it.
    NeedsPermission,
}

#[derive(Clone, Copy)]
pub struct BackupFile {
    pub name: RwSignal<Option<String>>,
    pub state: RwSignal<FileState>,
    /// The last write's failure, shown in Settings.
    pub error: RwSignal<Option<String>>,
    pending: StoredValue<u32>,
}

/// Whether this browser lets a page write to a file the user picked (and this is real data).
pub fn supported() -> bool {
    !settings::is_demo()
        && web_sys::window().is_some_and(|w| {
            js_sys::Reflect::has(&w, &"showSaveFilePicker".into()).unwrap_or(false)
        })
}

/// Calls `target.method(args…)` and awaits the result when it is a promise.
async fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &method.into())?.dyn_into()?;
    let result = f.apply(target, &args.iter().collect::<js_sys::Array>())?;
    match result.dyn_into::<js_sys::Promise>() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await,
        Err(value) => Ok(value),
    }
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &(*k).into(), v);
    }
    o.into()
}

fn read_write() -> JsValue {
    object(&[("mode", "readwrite".into())])
}

fn handle_name(handle: &JsValue) -> Option<String> {
    js_sys::Reflect::get(handle, &"name".into())
        .ok()?
        .as_string()
}

/// The browser's message for a failure.
fn message(err: &JsValue) -> String {
    js_sys::Reflect::get(err, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| String::from("?"))
}

impl BackupFile {
    pub fn provide(ws: Workspace, keep: Safekeeping) {
        let file = BackupFile {
            name: RwSignal::new(None),
            state: RwSignal::new(FileState::Off),
            error: RwSignal::new(None),
            pending: StoredValue::new(0),
        };
        provide_context(file);
        if !supported() {
            return;
        }
        spawn_local(async move {
            let Some(handle) = backup_file::load().await else {
                return;
            };
            let granted = call(&handle, "queryPermission", &[read_write()])
                .await
                .ok()
                .and_then(|v| v.as_string())
                .is_some_and(|s| s == "granted");
            file.name.set(handle_name(&handle));
            HANDLE.with(|h| *h.borrow_mut() = Some(handle));
            file.state.set(if granted {
                FileState::Writing
            } else {
                FileState::NeedsPermission
            });
        });
        // Any data shown changed (a write here, or another tab's): write the file soon, if
        // something is in no backup yet.
        Effect::new(move |_| {
            ws.customers.track();
            ws.followups.track();
            ws.plans.track();
            ws.todos.track();
            ws.settings.track();
            if file.state.get() == FileState::Writing && ws.status.get() == Status::Ready {
                file.schedule(ws, keep);
            }
        });
    }

    fn schedule(self, ws: Workspace, keep: Safekeeping) {
        let turn = self.pending.get_value().wrapping_add(1);
        self.pending.set_value(turn);
        let later = wasm_bindgen::closure::Closure::once_into_js(move || {
            if self.pending.get_value() == turn && backup_clock::read().changed_since.is_some() {
                spawn_local(self.write(ws, keep));
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                later.unchecked_ref(),
                DEBOUNCE_MS,
            );
        }
    }

    /// Writes the whole backup to the chosen file now.
    async fn write(self, ws: Workspace, keep: Safekeeping) {
        let Some(handle) = HANDLE.with(|h| h.borrow().clone()) else {
            return;
        };
        // Never from data not read yet: a file chosen while the data loads would be written
        // empty, over a good backup. Try again once it is in (not at all if it fails to load).
        match ws.status.get_untracked() {
            Status::Ready => {}
            Status::Loading => {
                return crate::ui::browser::after_ms(200, move || spawn_local(self.write(ws, keep)))
            }
            _ => return,
        }
        let text = crate::ui::workspace::export_text(ws);
        let written = async {
            let stream = call(&handle, "createWritable", &[]).await?;
            call(&stream, "write", &[text.into()]).await?;
            call(&stream, "close", &[]).await
        }
        .await;
        match written {
            Ok(_) => {
                self.error.set(None);
                keep.backed_up();
            }
            Err(err) => {
                if js_sys::Reflect::get(&err, &"name".into())
                    .ok()
                    .and_then(|n| n.as_string())
                    .is_some_and(|n| n == "NotAllowedError")
                {
                    self.state.set(FileState::NeedsPermission);
                }
                self.error.set(Some(message(&err)));
            }
        }
    }

    /// Lets the user pick (or create) the backup file, then writes it at once.
    pub fn choose(self, ws: Workspace, keep: Safekeeping, file_name: String) {
        spawn_local(async move {
            let Some(window) = web_sys::window() else {
                return;
            };
            let accept = object(&[(
                "application/json",
                js_sys::Array::of1(&".json".into()).into(),
            )]);
            let options = object(&[
                ("suggestedName", file_name.into()),
                (
                    "types",
                    js_sys::Array::of1(&object(&[("accept", accept)])).into(),
                ),
            ]);
            // Cancelled by the user: nothing changes.
            let Ok(handle) = call(&window, "showSaveFilePicker", &[options]).await else {
                return;
            };
            // A handle the browser cannot store still works for this visit.
            let _ = backup_file::save(&handle).await;
            self.name.set(handle_name(&handle));
            HANDLE.with(|h| *h.borrow_mut() = Some(handle));
            self.state.set(FileState::Writing);
            self.write(ws, keep).await;
        });
    }

    /// Asks for this visit's permission to write the chosen file (needs the user's click).
    pub fn allow(self, ws: Workspace, keep: Safekeeping) {
        let Some(handle) = HANDLE.with(|h| h.borrow().clone()) else {
            return;
        };
        spawn_local(async move {
            let answer = call(&handle, "requestPermission", &[read_write()]).await;
            if answer.ok().and_then(|v| v.as_string()).as_deref() == Some("granted") {
                self.state.set(FileState::Writing);
                self.write(ws, keep).await;
            }
        });
    }

    /// Stops writing to the file (the file itself stays where it is).
    pub fn stop(self) {
        HANDLE.with(|h| *h.borrow_mut() = None);
        self.state.set(FileState::Off);
        self.name.set(None);
        self.error.set(None);
        spawn_local(async {
            let _ = backup_file::forget().await;
        });
    }
}

pub fn use_backup_file() -> BackupFile {
    expect_context::<BackupFile>()
}
