//! Text about keeping data for years: the offline app's new version, the browser's storage,
//! the backup reminder and the backup file.

use super::{catalogue, Lang};

catalogue! {
    update_ready {
        zh: "有新版本可用。重新加载即可使用新版本（数据不受影响）。",
        en: "A new version is available. Reload to use it (your data stays as it is)."
    }
    backup_now { zh: "立即导出备份", en: "Export backup now" }
    backup_reminder_title { zh: "该备份了", en: "Time for a backup" }
    storage_title { zh: "数据的保存", en: "Keeping your data" }
    storage_offline_hint {
        zh: "打开过一次之后，本应用不联网也能使用；也可以把它安装到电脑桌面或手机主屏幕（浏览器菜单中的“安装”或“添加到主屏幕”）。",
        en: "After one visit the app works without a network connection, and it can be installed to the desktop or home screen (“Install” or “Add to Home screen” in the browser's menu)."
    }
    storage_persisted {
        zh: "浏览器已同意长期保存本应用的数据：即使磁盘空间不足，也不会自动清除；只有你自己清除网站数据时才会删除。",
        en: "The browser has agreed to keep this app's data: it will not delete it by itself when the disk runs low, only when you clear the site's data yourself."
    }
    storage_not_persisted {
        zh: "浏览器尚未承诺长期保存本应用的数据：磁盘空间不足时，它可能会自动清除。请定期导出备份。",
        en: "The browser has not promised to keep this app's data: when the disk runs low it may delete it by itself. Export backups regularly."
    }
    storage_ask { zh: "请求浏览器长期保存", en: "Ask the browser to keep the data" }
    storage_refused {
        zh: "浏览器没有同意。经常使用本应用、把它安装到桌面或加入书签，浏览器更可能同意。",
        en: "The browser said no. Browsers tend to agree for sites used often, installed, or bookmarked."
    }
    storage_unknown { zh: "这个浏览器不提供存储用量。", en: "This browser does not tell how much space is used." }
    backup_days_label { zh: "超过多少天没有备份时在“今天”页提醒", en: "Remind me on Today after this many days without a backup" }
    backup_days_invalid {
        zh: "提醒天数：请输入 1 到 365 之间的整数。",
        en: "Reminder days: enter a whole number from 1 to 365."
    }
    backup_never { zh: "还没有导出过备份。", en: "No backup exported yet." }
    backup_changes_waiting { zh: "之后的改动还没有备份。", en: "Changes made since are in no backup yet." }
    backup_all_saved { zh: "之后没有改动。", en: "Nothing changed since." }
    backup_file_title { zh: "自动备份到文件", en: "Automatic backup to a file" }
    backup_file_hint {
        zh: "选择一个文件（例如放在网盘同步文件夹里），之后每次数据有改动，本应用都会把完整备份写入这个文件。",
        en: "Choose a file (in a synced folder, for example) and every time data changes the app writes a full backup to it."
    }
    backup_file_choose { zh: "选择备份文件…", en: "Choose backup file…" }
    backup_file_stop { zh: "停止写入这个文件", en: "Stop writing to this file" }
    backup_file_allow { zh: "允许写入备份文件", en: "Allow writing the backup file" }
    backup_file_failed { zh: "备份文件写入失败：", en: "Could not write the backup file: " }
}

impl Lang {
    /// An import larger than the room the browser leaves this site, said before writing.
    pub fn import_does_not_fit(self, needed: f64, room: f64) -> String {
        let (needed, room) = (bytes(needed), bytes(room));
        match self {
            Lang::Zh => format!("这次导入大约需要 {needed} 空间，浏览器只给本网站留了约 {room}，所以没有写入任何内容。请在设备上或浏览器设置中释放空间，然后再导入。"),
            Lang::En => format!("This import needs about {needed}, but the browser leaves this site only about {room}, so nothing was written. Free space on the device or in the browser's settings, then import again."),
        }
    }

    /// "Used 3 MB of about 120 GB".
    pub fn storage_usage(self, used: f64, quota: f64) -> String {
        let (used, quota) = (bytes(used), bytes(quota));
        match self {
            Lang::Zh => format!("已使用 {used}，可用空间约 {quota}。"),
            Lang::En => format!("Using {used} of about {quota} available."),
        }
    }

    /// Why Today suggests a backup: `days` since the last one, or since the first change.
    pub fn backup_due(self, days: i64, never: bool) -> String {
        match (self, never) {
            (Lang::Zh, false) => format!("上次备份是 {days} 天前，之后数据有改动。导出一份备份，这个浏览器的数据万一丢失也能找回。"),
            (Lang::Zh, true) => format!("数据已有 {days} 天的改动，还没有任何备份。导出一份备份，这个浏览器的数据万一丢失也能找回。"),
            (Lang::En, false) => format!("Your last backup is {days} days old and data has changed since. Export one, so nothing is lost if this browser's data is."),
            (Lang::En, true) => format!("Data has been changing for {days} days and there is no backup yet. Export one, so nothing is lost if this browser's data is."),
        }
    }

    pub fn backup_last(self, date: &str) -> String {
        match self {
            Lang::Zh => format!("上次备份：{date}。"),
            Lang::En => format!("Last backup: {date}."),
        }
    }

    pub fn backup_file_writing(self, name: &str) -> String {
        match self {
            Lang::Zh => format!("改动会自动写入备份文件“{name}”。"),
            Lang::En => format!("Changes are written to the backup file “{name}”."),
        }
    }

    pub fn backup_file_paused(self, name: &str) -> String {
        match self {
            Lang::Zh => format!("备份文件“{name}”需要你再次允许写入（浏览器每次打开时都会询问）。"),
            Lang::En => format!("The backup file “{name}” needs your permission again (the browser asks once per visit)."),
        }
    }
}

/// Bytes in whole units, as a person reads them: "850 KB", "12 MB", "120 GB".
fn bytes(n: f64) -> String {
    let n = n.max(0.0) as u64;
    let (value, unit) = match n {
        0..1_000_000 => (n.div_ceil(1_000), "KB"),
        1_000_000..1_000_000_000 => (n / 1_000_000, "MB"),
        _ => (n / 1_000_000_000, "GB"),
    };
    format!("{value} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_read_in_whole_units() {
        assert_eq!(bytes(0.0), "0 KB");
        assert_eq!(bytes(1.0), "1 KB");
        assert_eq!(bytes(849_300.0), "850 KB");
        assert_eq!(bytes(12_400_000.0), "12 MB");
        assert_eq!(bytes(120_000_000_000.0), "120 GB");
        assert_eq!(
            Lang::En.storage_usage(2_500_000.0, 3e10),
            "Using 2 MB of about 30 GB available."
        );
    }
}
