//! Short messages under the header, some with an action (Undo). One with an action stays
//! until dismissed or replaced, so nobody loses an Undo by reading slowly; a plain one goes by
//! itself after a few seconds (an error a little later), so it never follows the person to
//! the next page. Shown at the top, they never cover a form's sticky Save bar.

use crate::ui::tr;
use leptos::prelude::*;

use crate::i18n::Lang;

#[derive(Clone)]
pub struct Toast {
    pub id: u64,
    pub message: String,
    pub is_error: bool,
    pub action: Option<(&'static str, Callback<()>)>,
}

#[derive(Clone, Copy)]
pub struct Toaster {
    items: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

impl Toaster {
    #[allow(clippy::new_without_default)]
    pub fn new() -> Toaster {
        Toaster {
            items: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
        }
    }

    fn push(self, message: String, is_error: bool, action: Option<(&'static str, Callback<()>)>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        // One message at a time: a newer one replaces the older.
        let lasts = match (&action, is_error) {
            (Some(_), _) => None,
            (None, false) => Some(Self::INFO_MS),
            (None, true) => Some(Self::ERROR_MS),
        };
        self.items.set(vec![Toast {
            id,
            message,
            is_error,
            action,
        }]);
        if let Some(ms) = lasts {
            crate::ui::browser::after_ms(ms, move || self.dismiss(id));
        }
    }

    /// How long a plain message shows; an error, which may need reading twice, shows longer.
    const INFO_MS: i32 = 4_000;
    const ERROR_MS: i32 = 8_000;

    pub fn info(self, message: impl Into<String>) {
        self.push(message.into(), false, None);
    }

    pub fn error(self, message: impl Into<String>) {
        self.push(message.into(), true, None);
    }

    pub fn with_action(
        self,
        message: impl Into<String>,
        label: &'static str,
        action: Callback<()>,
    ) {
        self.push(message.into(), false, Some((label, action)));
    }

    pub fn dismiss(self, id: u64) {
        self.items.update(|items| items.retain(|t| t.id != id));
    }
}

pub fn use_toaster() -> Toaster {
    expect_context::<Toaster>()
}

#[component]
pub fn Toasts() -> impl IntoView {
    let toaster = use_toaster();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toaster.items.get() key=|t| t.id let:toast>
                <div class="toast" class:toast-error=toast.is_error>
                    <span>{toast.message.clone()}</span>
                    {toast.action.map(|(label, action)| {
                        let id = toast.id;
                        view! {
                            <button type="button" class="toast-action" on:click=move |_| {
                                toaster.dismiss(id);
                                action.run(());
                            }>{label}</button>
                        }
                    })}
                    <button
                        type="button"
                        class="toast-close"
                        aria-label=tr(Lang::dismiss)
                        on:click={
                            let id = toast.id;
                            move |_| toaster.dismiss(id)
                        }
                    >"×"</button>
                </div>
            </For>
        </div>
    }
}
