//! Storage failures in the user's language. The browser's own message (its words, not ours)
//! is kept verbatim in brackets, as evidence for whoever helps.

use super::Lang;
use crate::store::{Op, StoreError};

impl Lang {
    /// What the user reads when the data could not be read or written; every write path shows
    /// the same sentence for the same cause.
    pub fn store_error(self, e: &StoreError) -> String {
        let op = self.store_op(match e {
            StoreError::Browser { op, .. }
            | StoreError::Corrupt { op, .. }
            | StoreError::Full { op }
            | StoreError::NotKept { op } => *op,
            _ => Op::Save,
        });
        match (self, e) {
            (Lang::Zh, StoreError::Outdated) => {
                "应用已在另一个标签页中更新，本页与数据的连接已关闭，刚才的更改没有保存。请重新加载本页。".into()
            }
            (Lang::En, StoreError::Outdated) => "The app was updated in another tab, which closed this page's connection to the data: the last change was not saved. Reload this page.".into(),
            (Lang::Zh, e) if e.is_stale() => {
                "另一个标签页修改了数据，本页显示的是旧数据，所以这次更改没有保存。最新数据已重新载入，请再做一次更改。".into()
            }
            (Lang::En, e) if e.is_stale() => "Another tab changed the data after this page read it, so this change was not saved. The latest data is shown now: please make the change again.".into(),
            (Lang::Zh, StoreError::Full { .. }) => format!(
                "{op}失败：浏览器没有空间保存本网站的更多数据，没有写入任何内容。请先导出备份，再在浏览器设置中为本网站释放空间。"
            ),
            (Lang::En, StoreError::Full { .. }) => format!(
                "Could not {op}: the browser has no room left for this site's data, so nothing was written. Export a backup, then free space for this site in the browser's settings."
            ),
            (Lang::Zh, StoreError::NotKept { .. }) => format!(
                "{op}失败：浏览器没有保存这次更改（通常是因为本网站的存储空间已满），没有写入任何内容。请先导出备份，再在浏览器设置中为本网站释放空间。"
            ),
            (Lang::En, StoreError::NotKept { .. }) => format!(
                "Could not {op}: the browser did not keep the change (usually because this site's storage is full), so nothing was written. Export a backup, then free space for this site in the browser's settings."
            ),
            (Lang::Zh, StoreError::Corrupt { detail, .. }) => {
                format!("{op}失败：保存的数据无法读取（{detail}）。")
            }
            (Lang::En, StoreError::Corrupt { detail, .. }) => {
                format!("Could not {op}: stored data could not be read ({detail}).")
            }
            (Lang::Zh, StoreError::Browser { detail, .. }) => {
                format!("{op}失败：浏览器拒绝了这次操作（{detail}）。")
            }
            (Lang::En, StoreError::Browser { detail, .. }) => {
                format!("Could not {op}: the browser refused ({detail}).")
            }
            (Lang::Zh, StoreError::Locked) => {
                "联系方式已加密，而本标签页尚未解锁：请先用口令解锁（没有保存任何内容）。".into()
            }
            (Lang::En, StoreError::Locked) => "Contact details are encrypted and this tab is not unlocked: unlock with the passphrase first (nothing was saved).".into(),
            (Lang::Zh, StoreError::WrongPassphrase) => "口令不正确：没有做任何更改。".into(),
            (Lang::En, StoreError::WrongPassphrase) => "Wrong passphrase: nothing was changed.".into(),
            // Stale, Conflict and Missing are all `is_stale` above.
            (Lang::Zh, _) => "数据没有保存。".into(),
            (Lang::En, _) => "The data was not saved.".into(),
        }
    }

    fn store_op(self, op: Op) -> &'static str {
        match (self, op) {
            (Lang::Zh, Op::Open) => "打开本地数据库",
            (Lang::En, Op::Open) => "open the local database",
            (Lang::Zh, Op::Read) => "读取数据",
            (Lang::En, Op::Read) => "read the data",
            (Lang::Zh, Op::Save) => "保存",
            (Lang::En, Op::Save) => "save",
            (Lang::Zh, Op::Delete) => "删除",
            (Lang::En, Op::Delete) => "delete",
            (Lang::Zh, Op::Import) => "导入",
            (Lang::En, Op::Import) => "import",
            (Lang::Zh, Op::Undo) => "撤销",
            (Lang::En, Op::Undo) => "undo",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_error() -> Vec<StoreError> {
        let ops = [
            Op::Open,
            Op::Read,
            Op::Save,
            Op::Delete,
            Op::Import,
            Op::Undo,
        ];
        let mut all = vec![
            StoreError::Outdated,
            StoreError::Stale,
            StoreError::Conflict { id: "c-1".into() },
            StoreError::Missing { id: "c-1".into() },
            StoreError::Locked,
            StoreError::WrongPassphrase,
        ];
        for op in ops {
            all.push(StoreError::Full { op });
            all.push(StoreError::NotKept { op });
            all.push(StoreError::Browser {
                op,
                detail: "UnknownError: disk".into(),
            });
            all.push(StoreError::Corrupt {
                op,
                detail: "SyntaxError: x".into(),
            });
        }
        all
    }

    #[test]
    fn every_storage_failure_is_worded_in_both_languages_without_english_in_chinese() {
        for e in every_error() {
            let zh = Lang::Zh.store_error(&e);
            let en = Lang::En.store_error(&e);
            assert_ne!(zh, en);
            // Only the browser's own words (kept as evidence) may be Latin in Chinese text.
            let without_detail = match &e {
                StoreError::Browser { detail, .. } | StoreError::Corrupt { detail, .. } => {
                    zh.replace(detail.as_str(), "")
                }
                _ => zh.clone(),
            };
            assert!(
                !without_detail.chars().any(|c| c.is_ascii_alphabetic()),
                "{zh}"
            );
        }
    }

    #[test]
    fn a_stale_tab_reads_the_same_sentence_whatever_the_write() {
        let stale = [
            StoreError::Stale,
            StoreError::Conflict { id: "a".into() },
            StoreError::Missing { id: "b".into() },
        ];
        for lang in Lang::ALL {
            let first = lang.store_error(&stale[0]);
            assert!(stale.iter().all(|e| lang.store_error(e) == first));
            assert_ne!(first, lang.store_error(&StoreError::Outdated));
        }
    }

    #[test]
    fn the_browsers_words_sort_into_what_the_user_can_do() {
        let sorted = |d: &str| StoreError::from_detail(Op::Save, d.into());
        assert_eq!(
            sorted("InvalidStateError: The database connection is closing."),
            StoreError::Outdated
        );
        assert_eq!(
            sorted("VersionError: requested 3 < 4"),
            StoreError::Outdated
        );
        assert_eq!(
            sorted("QuotaExceededError: quota"),
            StoreError::Full { op: Op::Save }
        );
        assert!(matches!(
            sorted("UnknownError: disk"),
            StoreError::Browser { op: Op::Save, .. }
        ));
    }
}
