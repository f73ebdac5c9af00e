//! Settings → Sync and the sync status in the header (docs/sync.md).

use super::{catalogue, Lang};
use crate::domain::sync::replicator::SyncError;
use crate::store::replica::SyncFailure;

catalogue! {
    sync_title { zh: "同步", en: "Sync" }
    sync_hint {
        zh: "通过您自己的 CouchDB 数据库，在笔记本、手机和同事的浏览器之间保持同样的客户数据。记录在离开本设备前用同步口令加密，服务器只保存密文。",
        en: "Keep the same customers on a laptop, a phone and a colleague's browser through your own CouchDB database. Records are encrypted with the sync passphrase before they leave this device; the server only ever holds ciphertext."
    }
    sync_url { zh: "数据库地址", en: "Database address" }
    sync_url_hint { zh: "例如 https://couch.example.com/customers", en: "For example https://couch.example.com/customers" }
    sync_user { zh: "用户名", en: "User name" }
    sync_password { zh: "密码", en: "Password" }
    sync_passphrase { zh: "同步口令", en: "Sync passphrase" }
    sync_passphrase_hint {
        zh: "每台设备、每位同事都用同一个口令。口令是唯一的钥匙：忘记后服务器上的副本无法读取（各设备上的数据仍在）。口令不会保存。",
        en: "Every device and colleague uses the same passphrase. It is the only key: lost, the server's copy cannot be read (the data on each device stays). The passphrase is never stored."
    }
    sync_by { zh: "您的名字（团队中显示谁改了什么）", en: "Your name (a team sees who changed what)" }
    sync_test { zh: "测试连接", en: "Test connection" }
    sync_turn_on { zh: "开启同步", en: "Turn sync on" }
    sync_turn_off { zh: "关闭同步", en: "Turn sync off" }
    sync_now { zh: "立即同步", en: "Sync now" }
    sync_create_db { zh: "创建这个数据库", en: "Create this database" }
    sync_ok { zh: "连接正常，口令正确。", en: "Connected; the passphrase is right." }
    sync_is_on { zh: "同步已开启：", en: "Sync is on: " }
    sync_off_note { zh: "同步已关闭。本设备上的数据保持不变。", en: "Sync is off. The data on this device stays as it is." }
    sync_demo { zh: "培训演示从不同步。", en: "The training demo never syncs." }
    sync_locked { zh: "联系方式已加密且本页未解锁：请先解锁再同步。", en: "Contact details are encrypted and this tab is not unlocked: unlock first to sync." }
    sync_need_url { zh: "数据库地址：请填写 https:// 开头的地址（本机测试可用 http://127.0.0.1）。", en: "Database address: give an address starting with https:// (http://127.0.0.1 for a server on this machine)." }
    sync_need_passphrase { zh: "同步口令：不能为空。", en: "Sync passphrase: cannot be empty." }
    sync_state_off { zh: "未同步", en: "Not syncing" }
    sync_state_syncing { zh: "同步中…", en: "Syncing…" }
    sync_state_synced { zh: "已同步", en: "Synced" }
    sync_state_offline { zh: "离线", en: "Offline" }
    sync_state_waiting { zh: "条待发送", en: "waiting" }
    sync_state_left { zh: "条待同步", en: "left" }
    sync_state_failed { zh: "同步出错", en: "Sync error" }
    sync_notes_title { zh: "同步", en: "Sync" }
    sync_unnamed { zh: "未署名的设备", en: "a device with no name" }
    sync_merged { zh: "已与另一台设备的更改合并", en: "Merged with a change from another device" }
    sync_removed_value { zh: "（已删除）", en: "(removed)" }
    sync_sealed_value { zh: "（联系方式已加密：解锁后可见）", en: "(contact details, encrypted: unlock to see)" }
    sync_field_order { zh: "一笔订单", en: "An order" }
    sync_field_score { zh: "一条满意度", en: "A satisfaction score" }
    sync_field_remark { zh: "一条投诉或建议", en: "A complaint or suggestion" }
    sync_field_winback { zh: "一次挽回", en: "A win-back case" }
}

impl Lang {
    /// Who made a synced follow-up, to-do or planned touch (a team's lists).
    pub fn sync_made_by(self, by: &str) -> String {
        match self {
            Lang::Zh => format!(" · 来自 {by}"),
            Lang::En => format!(" · by {by}"),
        }
    }

    /// Who made the version of a record that is in sync, and when.
    pub fn sync_version_by(self, by: &str, when: &str) -> String {
        match self {
            Lang::Zh => format!("同步中的版本：{by}，{when}"),
            Lang::En => format!("The version in sync: by {by}, {when}"),
        }
    }

    /// A field both devices changed: which value was kept, and the other one's author and time.
    pub fn sync_set_aside(self, field: &str, by: &str, when: &str) -> String {
        match self {
            Lang::Zh => format!("{field}：保留了较晚的更改；另一个值（{by}，{when}）："),
            Lang::En => {
                format!("{field}: the later change was kept; the other value ({by}, {when}):")
            }
        }
    }
}

impl Lang {
    /// A failure to connect or sync, with what to do.
    pub fn sync_failure(self, e: &SyncFailure) -> String {
        let zh = self == Lang::Zh;
        match e {
            SyncFailure::Cors => if zh {
                "服务器有响应，但不允许本页访问：请在 CouchDB 中开启 CORS（[chttpd] enable_cors = true，并在 [cors] origins 中加入本页的地址，credentials = true）。"
            } else {
                "The server answers, but not to this page: enable CORS on CouchDB ([chttpd] enable_cors = true, this page's address in [cors] origins, credentials = true)."
            }.into(),
            SyncFailure::Sync(SyncError::Unreachable(detail)) => if zh {
                format!("无法连接服务器：请检查地址和网络（{detail}）。有更改会在恢复连接后发送。")
            } else {
                format!("The server cannot be reached: check the address and the network ({detail}). Changes are sent once it can.")
            },
            SyncFailure::Sync(SyncError::Unauthorized) => if zh {
                "用户名或密码不对，或此用户无权访问这个数据库。".into()
            } else {
                "Wrong user name or password, or this user may not use this database.".into()
            },
            SyncFailure::Sync(SyncError::NoDatabase) => if zh {
                "服务器上没有这个数据库。可以创建它（需要有权限），或检查地址。".into()
            } else {
                "The server has no such database. Create it (if this user may), or check the address.".into()
            },
            SyncFailure::Sync(SyncError::WrongPassphrase) => if zh {
                "这个数据库是用另一个同步口令建立的：未读取也未写入任何内容。请使用同一个口令。".into()
            } else {
                "This database was set up with another sync passphrase: nothing was read or written. Use the same passphrase.".into()
            },
            SyncFailure::Sync(SyncError::Server { status, path, reason }) => if zh {
                format!("服务器拒绝了请求（{status}，{path}：{reason}）。")
            } else {
                format!("The server refused a request ({status}, {path}: {reason}).")
            },
            SyncFailure::Sync(SyncError::Corrupt { doc, detail }) => if zh {
                format!("服务器上的文档 {doc} 无法读取（{detail}）：它被改动过，或用另一把钥匙加密。")
            } else {
                format!("Document {doc} on the server cannot be read ({detail}): it was changed, or sealed with another key.")
            },
            SyncFailure::Sync(SyncError::Device(detail)) => if zh {
                format!("本设备的存储出错：{detail}")
            } else {
                format!("This device's storage failed: {detail}")
            },
            SyncFailure::Store(e) => self.store_error(e),
            SyncFailure::Crypto(e) => self.crypto_error(e),
        }
    }
}
