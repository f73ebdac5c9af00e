//! Text of Settings: the money unit, backup and restore, CSV import.

use super::{catalogue, Lang};
use crate::domain::backup::{Counts, Newer};

catalogue! {
    settings_unit_title { zh: "金额单位", en: "Money unit" }
    settings_unit_hint {
        zh: "整套数据用同一个单位输入和显示金额。金额按“分”精确保存，切换单位不会改变任何数值。",
        en: "Amounts in this data set are typed and shown in one unit. They are stored exactly (in fen), so switching the unit changes no value."
    }
    backup_title { zh: "备份与恢复", en: "Backup and restore" }
    backup_hint {
        zh: "数据只保存在这个浏览器里。请定期导出备份文件并妥善保存：换电脑、清理浏览器数据时，它是找回数据的唯一方式。",
        en: "Your data lives only in this browser. Export a backup regularly and keep it safe: it is the only way back after a new computer or a cleared browser."
    }
    backup_export { zh: "导出备份（JSON）", en: "Export backup (JSON)" }
    backup_exported { zh: "备份文件已生成", en: "Backup file created" }
    import_title { zh: "导入", en: "Import" }
    settings_sections { zh: "本页各部分", en: "Sections of this page" }
    settings_stage_names { zh: "阶段名称", en: "Stage names" }
    customers_import { zh: "导入…", en: "Import…" }
    import_hint {
        zh: "可导入本应用的备份文件（.json），或从表格导出的客户名单（.csv，UTF-8 或 GBK 编码均可）。写入前会先检查整个文件并给出预览。",
        en: "Import a backup of this app (.json) or a customer list exported from a spreadsheet (.csv, UTF-8 or GBK). The whole file is checked and previewed before anything is written."
    }
    import_choose_file { zh: "选择文件", en: "Choose file" }
    import_reading { zh: "正在读取文件…", en: "Reading the file…" }
    import_checking { zh: "正在检查文件", en: "Checking the file" }
    import_stop_checking { zh: "停止检查", en: "Stop checking" }
    import_nothing_written { zh: "未写入任何数据。", en: "Nothing was written." }
    import_preview { zh: "导入预览", en: "Import preview" }
    import_strategy { zh: "导入方式", en: "How to import" }
    import_replace { zh: "全部替换：清空现有数据，换成文件中的数据", en: "Replace all: delete the current data and use the file's" }
    import_merge_newer { zh: "合并：同一客户保留较新的版本", en: "Merge: for the same customer keep the newer version" }
    import_merge_mine { zh: "合并：同一客户保留我现在的版本", en: "Merge: for the same customer keep mine" }
    import_merge_theirs { zh: "合并：同一客户使用文件中的版本", en: "Merge: for the same customer take the file's" }
    import_download_current {
        zh: "先下载当前数据作为备份",
        en: "Download the current data first"
    }
    import_replace_warning {
        zh: "全部替换会删除现有的所有客户和记录。建议先下载当前数据。",
        en: "Replace all deletes every current customer and record. Download the current data first."
    }
    import_settings_differ {
        zh: "文件中的以下设置与本应用不同；勾选的部分将采用文件中的设置，其余保留本应用的：",
        en: "These settings in the file differ from this app's; the ticked ones are taken from the file, the rest stay as they are:"
    }
    import_settings_taken {
        zh: "本应用还没有客户：文件中的设置将原样采用（分级、联系节奏、目标、模板、阶段名称）。",
        en: "This app has no customers yet: the file's settings are taken as they are (tiering, cadence, targets, templates, stage names)."
    }
    import_confirm { zh: "确认导入", en: "Import now" }
    import_cancel { zh: "放弃导入", en: "Cancel import" }
    import_conflicts { zh: "两边都有、内容不同的客户", en: "Customers on both sides with different content" }
    import_newer_mine { zh: "我的较新", en: "mine is newer" }
    import_newer_theirs { zh: "文件中的较新", en: "the file's is newer" }
    import_newer_neither { zh: "无法判断新旧", en: "same age" }
    import_writing { zh: "正在写入…", en: "Writing…" }
    csv_mapping { zh: "列对应关系", en: "Column mapping" }
    csv_mapping_hint {
        zh: "请确认每一列对应的字段。有订单列时，同一客户的多行会合并为一位客户的多笔订单。",
        en: "Check which field each column fills. With order columns, rows of the same customer become one customer with one order per row."
    }
    csv_summary_hint {
        zh: "汇总列会变成订单，供分级和各项指标读取：合作开始日期是第一笔订单（合作时长从这一天算起），近 12 个月消费记在最近下单日期（没有该列时记在今天），有订单数时按数量在两个日期之间均匀排开，消费平均分给近 12 个月内的订单。汇总列不能和逐笔订单列同时使用。",
        en: "Summary columns become orders, which the tiering and every figure read: the cooperation start is the first order (tenure counts from it), the 12-month spend is put on the last order date (today when there is none), and an order count spreads that many orders evenly between the two dates, the spend shared by those in the last 12 months. Summary columns cannot be mixed with per-order columns."
    }
    csv_tiers { zh: "每位新客户将得到的等级", en: "The tier each new customer will get" }
    csv_file_column { zh: "文件中的列", en: "Column in the file" }
    csv_sample { zh: "示例", en: "Example" }
    csv_field { zh: "导入为", en: "Import as" }
    csv_encoding { zh: "文字编码", en: "Text encoding" }
    csv_encoding_hint {
        zh: "如果中文显示为乱码，请换一种编码。",
        en: "If Chinese text looks garbled, try the other encoding."
    }
    csv_duplicates { zh: "已存在的客户（按名称 + 联系人识别）", en: "Customers already there (matched by name + contact)" }
    csv_duplicate_skip { zh: "跳过", en: "Skip" }
    csv_duplicate_add_orders { zh: "把订单加到已有客户", en: "Add its orders to the existing customer" }
    csv_errors_block { zh: "请先修正文件中的这些问题，然后重新选择文件：", en: "Fix these problems in the file, then choose it again:" }
}

impl Lang {
    pub fn import_counts(self, c: Counts, existing: usize, new: usize, unchanged: usize) -> String {
        match self {
            Lang::Zh => format!(
                "文件中：{} 位客户、{} 笔订单、{} 位联系人、{} 条满意度记录、{} 条跟进记录、{} 项计划联系、{} 项待办。现有 {existing} 位客户；其中新客户 {new} 位，内容相同 {unchanged} 位。",
                c.customers, c.orders, c.contacts, c.satisfaction, c.followups, c.plans, c.todos
            ),
            Lang::En => format!(
                "In the file: {} customers, {} orders, {} contacts, {} satisfaction entries, {} follow-ups, {} planned touches, {} to-dos. You have {existing} customers now; {new} of the file's are new, {unchanged} identical.",
                c.customers, c.orders, c.contacts, c.satisfaction, c.followups, c.plans, c.todos
            ),
        }
    }

    pub fn import_newer(self, n: Newer) -> &'static str {
        match n {
            Newer::Mine => self.import_newer_mine(),
            Newer::Theirs => self.import_newer_theirs(),
            Newer::Neither => self.import_newer_neither(),
        }
    }

    /// A part of the settings, as the import preview lists it.
    pub fn settings_part(self, p: crate::domain::backup::SettingsPart) -> &'static str {
        use crate::domain::backup::SettingsPart as P;
        match (self, p) {
            (Lang::Zh, P::MoneyUnit) => "金额单位",
            (Lang::Zh, P::Tiering) => "客户分级（预设与门槛）",
            (Lang::Zh, P::Cadence) => "联系节奏",
            (Lang::Zh, P::Targets) => "考核目标",
            (Lang::Zh, P::Templates) => "模板文字",
            (Lang::Zh, P::StageNames) => "生命周期阶段名称",
            (Lang::En, P::MoneyUnit) => "money unit",
            (Lang::En, P::Tiering) => "tiering (preset and thresholds)",
            (Lang::En, P::Cadence) => "contact cadence",
            (Lang::En, P::Targets) => "KPI targets",
            (Lang::En, P::Templates) => "template wording",
            (Lang::En, P::StageNames) => "lifecycle stage names",
        }
    }

    /// Above the references an import would leave pointing at nothing.
    pub fn import_dangling(self, n: usize) -> String {
        match self {
            Lang::Zh => format!(
                "有 {n} 处记录指向导入后不存在的客户、跟进记录或挽回案例；修正文件（或换一种导入方式）后再导入，未写入任何内容。"
            ),
            Lang::En => format!(
                "{n} records name a customer, follow-up or win-back case that would not exist after this import; fix the file (or pick another way to import) first. Nothing was written."
            ),
        }
    }

    pub fn more_problems(self, n: usize) -> String {
        match self {
            Lang::Zh => format!("……另有 {n} 处问题"),
            Lang::En => format!("… and {n} more problems"),
        }
    }

    pub fn imported(self, customers: usize) -> String {
        match self {
            Lang::Zh => format!("导入完成：写入 {customers} 位客户。"),
            Lang::En => format!("Import done: {customers} customers written."),
        }
    }

    pub fn csv_summary(self, rows: usize, new: usize, orders: usize, duplicates: usize) -> String {
        match self {
            Lang::Zh => format!("读取 {rows} 行：新客户 {new} 位，共 {orders} 笔订单；已存在 {duplicates} 位。"),
            Lang::En => format!("{rows} rows read: {new} new customers with {orders} orders; {duplicates} already there."),
        }
    }

    pub fn csv_tiers_more(self, more: usize) -> String {
        match self {
            Lang::Zh => format!("另有 {more} 位未列出"),
            Lang::En => format!("and {more} more"),
        }
    }

    pub fn csv_duplicate_line(self, line: usize, name: &str, earlier: Option<usize>) -> String {
        match (self, earlier) {
            (Lang::Zh, Some(e)) => format!("第 {line} 行「{name}」与第 {e} 行重复"),
            (Lang::Zh, None) => format!("第 {line} 行「{name}」"),
            (Lang::En, Some(e)) => format!("line {line} “{name}” repeats line {e}"),
            (Lang::En, None) => format!("line {line} “{name}”"),
        }
    }
}
