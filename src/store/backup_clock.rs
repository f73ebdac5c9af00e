//! What the app remembers about backups and this browser's storage, per workspace: when the
//! last backup was made, since when data changed, after how many days to remind. Plain
//! numbers in localStorage (the training workspace's in this tab's session, so it has its own
//! and real data's reminder never hears of it).

use gloo_storage::{LocalStorage, SessionStorage, Storage};

use super::settings::{demo_offset, is_demo};
use crate::domain::backup_reminder::{BackupClock, DEFAULT_DAYS};

const LAST_BACKUP: &str = "kehu-weihu.last-backup";
const CHANGED_SINCE: &str = "kehu-weihu.changed-since";
const REMIND_DAYS: &str = "kehu-weihu.backup-days";
const PERSIST_ASKED: &str = "kehu-weihu.persist-asked";

fn get<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    if is_demo() {
        SessionStorage::get(key).ok()
    } else {
        LocalStorage::get(key).ok()
    }
}

fn set<T: serde::Serialize>(key: &str, value: T) {
    // A browser refusing storage (private mode) only loses the reminder.
    let _ = if is_demo() {
        SessionStorage::set(key, value)
    } else {
        LocalStorage::set(key, value)
    };
}

fn delete(key: &str) {
    if is_demo() {
        SessionStorage::delete(key)
    } else {
        LocalStorage::delete(key)
    }
}

/// The browser's clock in ms — moved with the demo's day, so time travel shows the reminder.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64 + demo_offset() * 86_400_000
}

pub fn read() -> BackupClock {
    BackupClock {
        last_backup: get(LAST_BACKUP),
        changed_since: get(CHANGED_SINCE),
    }
}

/// Data was written (called for every committed write, with the other tabs' notice).
pub fn mark_changed() {
    if get::<i64>(CHANGED_SINCE).is_none() {
        set(CHANGED_SINCE, now_ms());
    }
}

/// A backup of everything was exported or written to the backup file.
pub fn mark_backed_up() {
    set(LAST_BACKUP, now_ms());
    delete(CHANGED_SINCE);
}

pub fn remind_days() -> u32 {
    get(REMIND_DAYS).unwrap_or(DEFAULT_DAYS)
}

pub fn set_remind_days(days: u32) {
    set(REMIND_DAYS, days);
}

/// Whether the app already asked the browser to keep this site's data.
pub fn persist_asked() -> bool {
    LocalStorage::get(PERSIST_ASKED).unwrap_or(false)
}

pub fn set_persist_asked() {
    let _ = LocalStorage::set(PERSIST_ASKED, true);
}
