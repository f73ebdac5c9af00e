//! When to remind the user to export a backup: some change is in no backup yet, and the last
//! backup (or, before any backup, the first of those changes) is at least N days old. Times
//! are the browser's clock in milliseconds since 1970, passed in like `today` elsewhere.

/// Days a change may wait for a backup before Today mentions it, unless the user picks another.
pub const DEFAULT_DAYS: u32 = 7;
/// The fewest and most days Settings accepts.
pub const DAYS_RANGE: (u32, u32) = (1, 365);

const DAY_MS: i64 = 86_400_000;

/// What is remembered about backups for one workspace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BackupClock {
    /// When a backup was last exported (or written to the chosen backup file).
    pub last_backup: Option<i64>,
    /// When the first change not in that backup was made; `None`: the backup holds everything.
    pub changed_since: Option<i64>,
}

impl BackupClock {
    /// Data was written at `now`.
    pub fn changed(&mut self, now: i64) {
        if self.changed_since.is_none() {
            self.changed_since = Some(now);
        }
    }

    /// A backup of everything was made at `now`.
    pub fn backed_up(&mut self, now: i64) {
        self.last_backup = Some(now);
        self.changed_since = None;
    }

    /// What Today says at `now`, when a backup is due after `days` days.
    pub fn reminder(&self, now: i64, days: u32) -> Option<Reminder> {
        let first = self.changed_since?;
        let age = now - self.last_backup.unwrap_or(first);
        (age >= i64::from(days) * DAY_MS).then_some(Reminder {
            days: age / DAY_MS,
            never_backed_up: self.last_backup.is_none(),
        })
    }

    pub fn due(&self, now: i64, days: u32) -> bool {
        self.reminder(now, days).is_some()
    }
}

/// A backup is due: the last one is `days` old (or, with none yet, the first change is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub days: i64,
    pub never_backed_up: bool,
}

/// The reminder's number of days from what the user typed: a whole number in [`DAYS_RANGE`].
pub fn parse_days(text: &str) -> Option<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (DAYS_RANGE.0..=DAYS_RANGE.1).contains(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_780_000_000_000;

    #[test]
    fn nothing_changed_means_no_reminder_however_old_the_backup() {
        let mut clock = BackupClock::default();
        assert!(!clock.due(T0, 7));
        clock.backed_up(T0);
        assert!(!clock.due(T0 + 400 * DAY_MS, 7));
    }

    #[test]
    fn a_change_never_backed_up_is_due_after_n_days() {
        let mut clock = BackupClock::default();
        clock.changed(T0);
        clock.changed(T0 + 3 * DAY_MS); // the first change counts
        assert!(!clock.due(T0 + 7 * DAY_MS - 1, 7));
        assert!(clock.due(T0 + 7 * DAY_MS, 7));
        assert_eq!(
            clock.reminder(T0 + 8 * DAY_MS + 5, 7),
            Some(Reminder {
                days: 8,
                never_backed_up: true
            })
        );
    }

    #[test]
    fn after_a_backup_the_days_count_from_the_backup() {
        let mut clock = BackupClock::default();
        clock.changed(T0);
        clock.backed_up(T0 + DAY_MS);
        assert!(
            !clock.due(T0 + 30 * DAY_MS, 7),
            "nothing new since the backup"
        );
        // A change six days after the backup: due one day later, not seven.
        clock.changed(T0 + 7 * DAY_MS);
        assert!(!clock.due(T0 + 8 * DAY_MS - 1, 7));
        assert_eq!(
            clock.reminder(T0 + 8 * DAY_MS, 7),
            Some(Reminder {
                days: 7,
                never_backed_up: false
            })
        );
        clock.backed_up(T0 + 9 * DAY_MS);
        assert!(!clock.due(T0 + 9 * DAY_MS, 7));
        assert_eq!(clock.changed_since, None);
    }

    #[test]
    fn the_number_of_days_is_the_users() {
        let mut clock = BackupClock::default();
        clock.changed(T0);
        assert!(clock.due(T0 + DAY_MS, 1));
        assert!(!clock.due(T0 + DAY_MS, 2));
    }

    #[test]
    fn days_typed_are_checked() {
        assert_eq!(parse_days(" 14 "), Some(14));
        assert_eq!(parse_days("1"), Some(1));
        assert_eq!(parse_days("365"), Some(365));
        for bad in ["0", "366", "-3", "7.5", "", "seven"] {
            assert_eq!(parse_days(bad), None, "{bad}");
        }
    }
}
