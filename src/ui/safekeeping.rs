//! Keeping data for years: asking the browser to keep it once there is something to keep, and
//! the backup clock the reminder on Today and Settings read.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use super::workspace::{Status, Workspace};
use crate::domain::backup_reminder::{BackupClock, Reminder};
use crate::store::{backup_clock, settings};

#[derive(Clone, Copy)]
pub struct Safekeeping {
    /// Changes whenever the backup clock may have moved (a backup, new reminder days).
    clock: RwSignal<u32>,
    /// The browser's answer about keeping the data (`None`: not known yet, or no answer).
    pub persisted: RwSignal<Option<bool>>,
}

impl Safekeeping {
    pub fn provide(ws: Workspace) -> Safekeeping {
        let keep = Safekeeping {
            clock: RwSignal::new(0),
            persisted: RwSignal::new(None),
        };
        provide_context(keep);
        // After the first customer is saved (not at first paint: a browser may ask the user,
        // and the question only makes sense once there is data to lose), ask once.
        Effect::new(move |_| {
            if ws.status.get() != Status::Ready
                || ws.customers.with(Vec::is_empty)
                || settings::is_demo()
                || backup_clock::persist_asked()
            {
                return;
            }
            backup_clock::set_persist_asked();
            spawn_local(async move { keep.persisted.set(browser::persist_storage().await) });
        });
        keep
    }

    /// A backup of everything was just exported: remember it and take the reminder away.
    pub fn backed_up(self) {
        backup_clock::mark_backed_up();
        self.touch();
    }

    /// The reminder's days were changed.
    pub fn set_days(self, days: u32) {
        backup_clock::set_remind_days(days);
        self.touch();
    }

    fn touch(self) {
        self.clock.update(|n| *n += 1);
    }

    /// The backup clock, read again whenever it may have moved.
    pub fn clock(self) -> BackupClock {
        self.clock.track();
        backup_clock::read()
    }

    /// The reminder for now, if a backup is due (tracked: call inside a memo with the day).
    pub fn reminder(self) -> Option<Reminder> {
        self.clock()
            .reminder(backup_clock::now_ms(), backup_clock::remind_days())
    }
}

pub fn use_safekeeping() -> Safekeeping {
    expect_context::<Safekeeping>()
}
