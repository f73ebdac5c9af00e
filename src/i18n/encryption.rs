//! Text of encryption: the passphrase, encrypted backups, encryption at rest, unlocking.

use super::{catalogue, Lang};
use crate::domain::envelope::{EnvelopeError, MAX_ITERATIONS, MIN_ITERATIONS};

catalogue! {
    enc_title { zh: "加密", en: "Encryption" }
    enc_hint {
        zh: "开启后，每位客户的联系人（姓名、电话、邮箱、微信、生日）和投诉/建议会用你的口令加密后保存在这个浏览器里。客户名称、订单和日期仍可读取，用于列表、分级和日程。每次打开应用需输入一次口令才能看到联系方式。",
        en: "When on, each customer's contacts (names, phones, e-mails, WeChat, birthdays) and complaints/suggestions are stored encrypted with your passphrase in this browser. Customer names, orders and dates stay readable for lists, tiers and schedules. Each time the app is opened, enter the passphrase once to see contact details."
    }
    enc_no_recovery {
        zh: "请牢记口令：忘记口令无法找回，也无法重置——加密的联系方式将永远无法读取。建议同时保存一份备份文件。",
        en: "Remember the passphrase: a forgotten passphrase cannot be recovered or reset, and the encrypted contact details can then never be read again. Keep a backup file as well."
    }
    enc_passphrase { zh: "口令", en: "Passphrase" }
    enc_passphrase_repeat { zh: "再次输入口令", en: "Repeat the passphrase" }
    enc_understand { zh: "我明白：忘记口令，数据无法恢复", en: "I understand: a forgotten passphrase means the data cannot be recovered" }
    enc_turn_on { zh: "开启加密", en: "Turn on encryption" }
    enc_turn_off { zh: "关闭加密", en: "Turn off encryption" }
    enc_turn_off_hint {
        zh: "关闭加密需要输入口令，所有客户会以明文重新保存。",
        en: "Turning encryption off needs the passphrase; every customer is then stored in plain text again."
    }
    enc_is_off { zh: "加密未开启：数据以明文保存在这个浏览器里。", en: "Encryption is off: data is stored in plain text in this browser." }
    enc_is_unlocked { zh: "加密已开启，本标签页已解锁。", en: "Encryption is on, and this tab is unlocked." }
    enc_is_locked { zh: "加密已开启，本标签页尚未解锁：请在页面上方输入口令。", en: "Encryption is on, and this tab is locked: enter the passphrase at the top of the page." }
    enc_lock_now { zh: "立即锁定", en: "Lock now" }
    enc_unlock { zh: "解锁", en: "Unlock" }
    enc_locked_banner {
        zh: "联系方式已加密。输入口令后才会显示；未解锁时不能保存联系人。",
        en: "Contact details are encrypted. Enter the passphrase to see them; contacts cannot be saved until then."
    }
    enc_working { zh: "正在处理…（派生密钥需要几秒钟）", en: "Working… (deriving the key takes a few seconds)" }
    enc_wrong_passphrase { zh: "口令错误，未做任何更改。", en: "Wrong passphrase. Nothing was changed." }
    enc_too_short { zh: "口令至少需要 8 个字符。", en: "The passphrase needs at least 8 characters." }
    enc_mismatch { zh: "两次输入的口令不一致。", en: "The two passphrases differ." }
    enc_must_understand { zh: "请先确认你明白忘记口令的后果。", en: "Confirm first that you understand what a forgotten passphrase means." }
    enc_turned_on { zh: "加密已开启。", en: "Encryption is on." }
    enc_turned_off { zh: "加密已关闭。", en: "Encryption is off." }
    enc_unlocked { zh: "已解锁。", en: "Unlocked." }
    backup_encrypt { zh: "用口令加密备份文件", en: "Encrypt the backup file with a passphrase" }
    backup_encrypt_hint {
        zh: "加密的备份文件只能用这个口令导入；忘记口令，文件无法恢复。",
        en: "An encrypted backup can only be imported with this passphrase; if it is forgotten, the file cannot be recovered."
    }
    backup_locked {
        zh: "本标签页尚未解锁，没有联系方式可导出：请先解锁。",
        en: "This tab is locked and holds no contact details to export: unlock first."
    }
    backup_plain_note {
        zh: "未勾选加密时，导出的是明文文件（含联系方式）。",
        en: "Without encryption the file is plain text, contact details included."
    }
    import_encrypted {
        zh: "这是一个加密的备份文件。请输入导出时设置的口令。",
        en: "This backup file is encrypted. Enter the passphrase it was exported with."
    }
    import_decrypt { zh: "解密并预览", en: "Decrypt and preview" }
    import_wrong_passphrase {
        zh: "口令错误（或文件已被改动），无法解密。未写入任何数据。",
        en: "Wrong passphrase (or the file was changed): it cannot be decrypted. Nothing was written."
    }
}

impl Lang {
    /// Why an encrypted file cannot be read, naming the field.
    pub fn envelope_error(self, e: &EnvelopeError) -> String {
        let zh = self == Lang::Zh;
        match e {
            EnvelopeError::NotJson => self.enc_not_json().to_string(),
            EnvelopeError::NewerVersion { found } if zh => {
                format!("该加密文件由更新版本的应用生成（加密格式 {found}），请先更新应用")
            }
            EnvelopeError::NewerVersion { found } => format!(
                "this encrypted file was made by a newer version of the app (encryption format {found}); update the app first"
            ),
            EnvelopeError::UnknownVersion { found } if zh => {
                format!("version：{found} 不是任何版本写出的格式")
            }
            EnvelopeError::UnknownVersion { found } => {
                format!("version: {found} is not a format any version wrote")
            }
            EnvelopeError::Missing { field } if zh => format!("{field}：缺失或类型不对"),
            EnvelopeError::Missing { field } => format!("{field}: missing or of the wrong type"),
            EnvelopeError::Unsupported { field, found } if zh => {
                format!("{field}：不支持 {found}")
            }
            EnvelopeError::Unsupported { field, found } => {
                format!("{field}: {found} is not supported")
            }
            EnvelopeError::Iterations { found } if zh => format!(
                "kdf.iterations：应在 {MIN_ITERATIONS} 到 {MAX_ITERATIONS} 之间，而不是 {found}"
            ),
            EnvelopeError::Iterations { found } => format!(
                "kdf.iterations: must be between {MIN_ITERATIONS} and {MAX_ITERATIONS}, not {found}"
            ),
            EnvelopeError::BadBase64 { field } if zh => format!("{field}：不是 base64"),
            EnvelopeError::BadBase64 { field } => format!("{field}: is not base64"),
            EnvelopeError::WrongLength {
                field,
                expected,
                found,
            } if zh => format!("{field}：应为 {expected} 字节，而不是 {found}"),
            EnvelopeError::WrongLength {
                field,
                expected,
                found,
            } => format!("{field}: must be {expected} bytes, not {found}"),
        }
    }
}

catalogue! {
    enc_not_json { zh: "加密文件不是 JSON 对象", en: "the encrypted file is not a JSON object" }
}
