//! Small settings kept in localStorage (gloo-storage): they must be readable synchronously
//! before the first paint, which IndexedDB cannot do.

use gloo_storage::{LocalStorage, Storage};

use crate::i18n::Lang;

const LANG_KEY: &str = "kehu-weihu.lang";

/// The language the user picked, if any.
pub fn saved_lang() -> Option<Lang> {
    LocalStorage::get(LANG_KEY).ok()
}

/// Remembers the language; a browser refusing storage (private mode) only loses the choice.
pub fn save_lang(lang: Lang) {
    let _ = LocalStorage::set(LANG_KEY, lang);
}
