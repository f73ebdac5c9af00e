//! Import problems (backup files and CSV sheets) in the user's language.
//!
//! The domain modules describe each problem in English through `Display`; that text is the
//! English here, unchanged. The Chinese is written per variant, with no catch-all arm, so a
//! new variant does not compile until it has its Chinese. Technical tokens (JSON paths, field
//! names, allowed values, version numbers, `YYYY-MM-DD`) are kept verbatim in both languages.
//!
//! What a message says about a value (the kind of JSON found, the type a field expects, the
//! class of a syntax error, a blank header's position) arrives as a typed value, so no
//! English text is matched here.

use super::Lang;
use crate::domain::backup::{
    self, Expected, Found, ImportErrors, JsonSyntax, TopLevel, FORMAT, FORMAT_VERSION,
};
use crate::domain::csv_import::{self, Column, CsvError, Header, RowError};

impl Lang {
    /// One problem of a backup file.
    pub fn backup_error(self, e: &backup::ImportError) -> String {
        match self {
            Lang::En => e.to_string(),
            Lang::Zh => backup_error_zh(e),
        }
    }

    /// Every problem of a backup file, one a line, then how many were left out (as the
    /// English `Display` of [`ImportErrors`] lays them out).
    pub fn backup_errors(self, e: &ImportErrors) -> String {
        match self {
            Lang::En => e.to_string(),
            Lang::Zh => {
                let mut lines: Vec<String> = e.errors.iter().map(backup_error_zh).collect();
                if e.omitted > 0 {
                    lines.push(format!("另有 {} 处问题未列出", e.omitted));
                }
                lines.join("\n")
            }
        }
    }

    /// The heading over a backup file's problems; `total` counts the unlisted ones too
    /// ([`ImportErrors::total`]).
    pub fn backup_errors_summary(self, total: usize) -> String {
        match self {
            Lang::Zh => format!("文件中有 {total} 处问题，未导入任何数据："),
            Lang::En if total == 1 => "The file has 1 problem; nothing was imported:".into(),
            Lang::En => format!("The file has {total} problems; nothing was imported:"),
        }
    }

    /// Why a CSV file could not be read as a table.
    pub fn csv_table_error(self, e: &CsvError) -> String {
        match self {
            Lang::En => e.to_string(),
            Lang::Zh => match e {
                CsvError::Empty => "文件是空的".into(),
                CsvError::HeaderOnly => "文件只有表头，没有数据行".into(),
                CsvError::UnclosedQuote { line } => {
                    format!("第 {line} 行：有一个单元格的引号没有闭合")
                }
                CsvError::TextAfterQuote { line } => {
                    format!("第 {line} 行：单元格的结束引号后面还有文字")
                }
                // The CSV reader's own words: it has no Chinese, and this should not happen
                // with text the browser has already decoded.
                CsvError::Unreadable { line, message } => {
                    format!("第 {line} 行无法读取（{message}）")
                }
            },
        }
    }

    /// Why a CSV import cannot be written: the mapping, or one cell.
    pub fn csv_error(self, e: &csv_import::ImportError) -> String {
        match self {
            Lang::En => e.to_string(),
            Lang::Zh => match e {
                csv_import::ImportError::NoNameColumn => format!(
                    "没有哪一列对应到「{}」，无法读取任何一行",
                    self.csv_column(Column::Name)
                ),
                csv_import::ImportError::MappedTwice { first, second } => format!(
                    "{}和{}对应到了同一个字段",
                    column_named_zh(first),
                    column_named_zh(second)
                ),
                csv_import::ImportError::SummaryAndOrders { summary, order } => format!(
                    "{}是客户订单的汇总，{}是逐笔订单：只能对应其中一种",
                    column_named_zh(summary),
                    column_named_zh(order)
                ),
                csv_import::ImportError::Cell(RowError {
                    line,
                    column,
                    problem,
                }) => format!(
                    "第 {line} 行，{}：{}",
                    header_zh(column),
                    csv_problem_zh(problem)
                ),
            },
        }
    }

    /// The field a CSV column is imported into, as the mapping menu offers it.
    pub fn csv_column(self, c: Column) -> &'static str {
        let pick = |zh, en| match self {
            Lang::Zh => zh,
            Lang::En => en,
        };
        match c {
            Column::Ignore => pick("不导入", "Don't import"),
            Column::Name => self.field_name(),
            Column::Industry => self.field_industry(),
            Column::Size => self.field_size(),
            Column::LeadSource => self.field_lead_source(),
            Column::Owner => self.field_owner(),
            Column::ReferredBy => self.field_referred_by(),
            Column::ContactName => pick("联系人姓名", "Contact name"),
            Column::ContactTitle => pick("联系人职位", "Contact title"),
            Column::ContactRole => pick("联系人决策链角色", "Contact's role in the decision"),
            Column::ContactPhone => pick("联系人电话", "Contact phone"),
            Column::ContactEmail => pick("联系人邮箱", "Contact email"),
            Column::ContactWechat => pick("联系人微信", "Contact WeChat"),
            Column::Tags => self.section_tags(),
            Column::OrderDate => pick("下单日期", "Order date"),
            Column::OrderAmount => pick("订单金额", "Order amount"),
            Column::OrderProduct => pick("订单产品 / 服务", "Order product / service"),
            Column::Spend12m => pick("近 12 个月消费（汇总）", "12-month spend (summary)"),
            Column::FirstDeal => pick("合作开始日期（首次成交）", "Cooperation start (first deal)"),
            Column::LastOrder => pick("最近下单日期（汇总）", "Last order date (summary)"),
            Column::OrderCount => pick("订单总数（汇总）", "Order count (summary)"),
        }
    }
}

fn backup_error_zh(e: &backup::ImportError) -> String {
    use backup::ImportError as E;
    const NOT_A_BACKUP: &str = "这不是客户维护的备份文件";
    match e {
        E::Empty => "文件是空的".into(),
        E::NotJson {
            line,
            column,
            syntax: JsonSyntax::CutOff,
        } => format!(
            "文件不是有效的 JSON：文件提前结束了，像是被截断了（第 {line} 行，第 {column} 列）"
        ),
        E::NotJson {
            line,
            column,
            syntax: JsonSyntax::Invalid,
        } => format!(
            "文件不是有效的 JSON：第 {line} 行第 {column} 列有错误\
             （常见原因是缺少或多出逗号、引号或括号）"
        ),
        E::NotJson {
            line,
            column,
            syntax,
        } => {
            let what = match syntax {
                JsonSyntax::OutOfRange => "数字过大或过小，超出任何金额或数值的范围",
                JsonSyntax::BadNumber => "看似数字却不是有效的数字",
                JsonSyntax::TooDeep => "列表或对象嵌套过深，任何备份都不会嵌套这么多层",
                JsonSyntax::BadText => "文本中有 JSON 不允许的字符（错误的 \\ 转义或控制字符）",
                JsonSyntax::TrailingComma => "右括号前多了一个逗号",
                JsonSyntax::AfterEnd => "JSON 结束后还有多余的内容",
                JsonSyntax::CutOff | JsonSyntax::Invalid => "有错误",
            };
            format!("文件不是有效的 JSON：第 {line} 行第 {column} 列{what}")
        }
        E::NotAnObject { found } => {
            let what = match found {
                TopLevel::List => "一个列表",
                TopLevel::Text => "一段文本",
                TopLevel::Number => "一个数字",
                TopLevel::Single => "单个值",
            };
            format!("{NOT_A_BACKUP}：文件内容是{what}，而不是 JSON 对象")
        }
        E::NotABackup { found: None } => format!(
            "{NOT_A_BACKUP}：缺少 \"format\" 字段（备份文件中写的是 \"format\": \"{FORMAT}\"）"
        ),
        E::NotABackup { found: Some(found) } => {
            format!("{NOT_A_BACKUP}：它的 \"format\" 是 {found}，而不是 \"{FORMAT}\"")
        }
        E::NewerVersion { found, supported } => format!(
            "这个备份由更新版本的应用生成（备份格式 {found}；当前版本最高只能读取格式 \
             {supported}）。请先更新应用，再重新导入"
        ),
        E::MissingVersion => "这个备份没有注明格式版本（缺少 \"version\"），无法安全读取".into(),
        E::UnknownVersion { found } => format!(
            "\"version\" 为 {found}，任何版本的应用都没有写出过这个值（备份格式从 1 开始；\
             当前应用写出的是 {FORMAT_VERSION}）"
        ),
        E::Field { path, problem } => format!("{path}：{}", backup_problem_zh(problem)),
    }
}

fn backup_problem_zh(p: &backup::Problem) -> String {
    use backup::Problem as P;
    match p {
        P::Required => "必填，不能为空".into(),
        P::WrongType { expected, found } => {
            format!("应为{}，当前为{}", expected_zh(*expected), found_zh(found))
        }
        P::NotADate { found } => format!("应为 YYYY-MM-DD 格式的日期，当前为 {found}"),
        P::NoSuchDate { found } => format!("{found} 这一天并不存在"),
        P::InFuture { today } => format!("是将来的日期（晚于 {today}）"),
        P::Range { min, max: None, .. } => format!("必须 ≥ {min}"),
        P::Range {
            min,
            max: Some(max),
            found,
        } => format!("必须在 {min} 到 {max} 之间，当前为 {found}"),
        P::TooLarge { found } => format!("数值太大（{found}）"),
        P::UnknownValue { found, allowed } => {
            format!(
                "必须是 {} 之一，当前为{}",
                allowed.join("、"),
                found_zh(found)
            )
        }
        P::TagHasNoText { kind } => format!("应当省略，因为 \"{kind}\" 标签不带文字"),
        P::NoSuchDay { month, day } => format!("{month} 月没有 {day} 日"),
        P::DuplicateId { id, first } => format!("id \"{id}\" 已被 {first} 使用"),
        P::NoSuchCustomer { id } => format!("指向客户 \"{id}\"，但文件和本应用中都没有这个客户"),
        P::NoSuchFollowUp { id } => {
            format!("指向跟进记录 \"{id}\"，但文件和本应用中都没有这条记录")
        }
        P::NoSuchCase { id, customer } => {
            format!("指向挽回案例 \"{id}\"，但客户 \"{customer}\" 没有这个案例")
        }
        // The JSON reader's own words; the checks before it should leave nothing for it.
        P::Unreadable { message } => format!("无法读取（{message}）"),
    }
}

/// The type a field needs, after "应为".
fn expected_zh(expected: Expected) -> String {
    match expected {
        Expected::Text => "文本".into(),
        Expected::TrueOrFalse => " true 或 false".into(),
        Expected::Date => " YYYY-MM-DD 格式的日期".into(),
        Expected::WholeNumber => "整数".into(),
        Expected::Object => "对象".into(),
        Expected::List => "列表".into(),
        Expected::ObjectWithOneKey => "只有一个键的对象".into(),
        Expected::NestedRule { max_depth } => format!("嵌套不超过 {max_depth} 层的规则"),
        Expected::PresetSchemePair => "［预设，分级方案］两项列表".into(),
        Expected::PolicyTablePair => "［节奏策略，节奏表］两项列表".into(),
        Expected::MetricNumberPair => "［指标，数值］两项列表".into(),
    }
}

/// A value found in the file, after "当前为": containers by kind, anything else as written
/// (numbers, `true`, `null`, quoted text), after a space.
fn found_zh(found: &Found) -> String {
    match found {
        Found::List => "列表".into(),
        Found::Object => "对象".into(),
        Found::Written(text) => format!(" {text}"),
    }
}

/// A column as a cell's place names it: its header, or "第 3 列" when the header is blank.
fn header_zh(header: &Header) -> String {
    match header {
        Header::Named(h) => h.clone(),
        Header::Blank { position } => format!("第 {position} 列"),
    }
}

/// A column named on its own: "「电话」列", or "第 3 列".
fn column_named_zh(header: &Header) -> String {
    match header {
        Header::Named(h) => format!("「{h}」列"),
        Header::Blank { position } => format!("第 {position} 列"),
    }
}

fn csv_problem_zh(p: &csv_import::Problem) -> String {
    use csv_import::Problem as P;
    match p {
        P::Required => "不能为空".into(),
        P::NotANumber => "不是数字".into(),
        P::TooPrecise { max_decimals } => format!("最多 {max_decimals} 位小数"),
        P::TooLarge => "数值太大".into(),
        P::Negative => "必须 ≥ 0".into(),
        P::NotADate => "不是日期（请写成 YYYY-MM-DD）".into(),
        P::InFuture => "不能晚于今天".into(),
        P::NotASize => "不是有效的企业规模（微型、小型、中型、大型）".into(),
        P::NotARole => "不是有效的角色（决策者、影响者、使用者）".into(),
        P::Differs { line } => format!("与第 {line} 行不一致"),
        P::NotACount { max } => format!("不是有效的订单数（0 到 {max} 的整数）"),
        P::BeforeFirstDeal => "早于合作开始日期".into(),
        P::NoRecentOrder => "有近 12 个月的消费，最近下单日期却在 12 个月以前".into(),
        P::TooFewOrders { needed } => {
            format!("少于这一行的消费和日期所需的 {needed} 笔订单")
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::backup::{ImportError, Problem};
    use crate::domain::csv_import::{build_import, read_table, Problem as CellProblem};
    use crate::domain::money::MoneyUnit;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()
    }

    fn field(path: &str, problem: Problem) -> ImportError {
        ImportError::Field {
            path: path.into(),
            problem,
        }
    }

    fn named(header: &str) -> Header {
        Header::Named(header.into())
    }

    fn cell(line: usize, column: Header, problem: CellProblem) -> csv_import::ImportError {
        csv_import::ImportError::Cell(RowError {
            line,
            column,
            problem,
        })
    }

    /// The problems of a backup file, as `parse` finds them.
    fn parse_errors(text: &str) -> Vec<ImportError> {
        match backup::parse(text, today()) {
            Ok(_) => panic!("{text:?} imports"),
            Err(e) => e.errors,
        }
    }

    /// The problems of a CSV file read with its guessed mapping.
    fn csv_errors(text: &str) -> Vec<csv_import::ImportError> {
        let table = read_table(text).unwrap();
        let mapping = csv_import::guess_mapping(&table.headers);
        let mut n = 0;
        let mut new_id = || {
            n += 1;
            format!("id-{n}")
        };
        build_import(&table, &mapping, MoneyUnit::Wan, &[], today(), &mut new_id).errors
    }

    /// Every backup problem, each variant at least once, with the verbatim tokens it carries.
    fn every_backup_error() -> Vec<(ImportError, Vec<&'static str>)> {
        let path = "customers[3].orders[0].amount_fen";
        let problems: Vec<(Problem, Vec<&str>)> = vec![
            (Problem::Required, vec![]),
            (
                Problem::WrongType {
                    expected: Expected::WholeNumber,
                    found: Found::Written("1.5".into()),
                },
                vec![],
            ),
            (
                Problem::WrongType {
                    expected: Expected::Text,
                    found: Found::List,
                },
                vec![],
            ),
            (
                Problem::WrongType {
                    expected: Expected::TrueOrFalse,
                    found: Found::Written("\"yes\"".into()),
                },
                vec!["\"yes\""],
            ),
            (
                Problem::WrongType {
                    expected: Expected::Date,
                    found: Found::Object,
                },
                vec![],
            ),
            (
                Problem::WrongType {
                    expected: Expected::Object,
                    found: Found::Written("\"not an object\"".into()),
                },
                vec!["\"not an object\""],
            ),
            (
                Problem::WrongType {
                    expected: Expected::List,
                    found: Found::Written("null".into()),
                },
                vec![],
            ),
            (
                Problem::WrongType {
                    expected: Expected::ObjectWithOneKey,
                    found: Found::Written("\"all\"".into()),
                },
                vec!["\"all\""],
            ),
            (
                Problem::WrongType {
                    expected: Expected::NestedRule { max_depth: 16 },
                    found: Found::Object,
                },
                vec![],
            ),
            (
                Problem::WrongType {
                    expected: Expected::PresetSchemePair,
                    found: Found::List,
                },
                vec![],
            ),
            (
                Problem::WrongType {
                    expected: Expected::PolicyTablePair,
                    found: Found::Written("3".into()),
                },
                vec![],
            ),
            (
                Problem::WrongType {
                    expected: Expected::MetricNumberPair,
                    found: Found::Written("true".into()),
                },
                vec![],
            ),
            (
                Problem::UnknownValue {
                    found: Found::Object,
                    allowed: vec!["wan".into(), "yuan".into()],
                },
                vec!["wan", "yuan"],
            ),
            (
                Problem::NotADate {
                    found: "\"2025/06/01\"".into(),
                },
                vec![],
            ),
            (
                Problem::NoSuchDate {
                    found: "\"2025-02-30\"".into(),
                },
                vec![],
            ),
            (Problem::InFuture { today: today() }, vec![]),
            (
                Problem::Range {
                    min: 0,
                    max: None,
                    found: "-5".into(),
                },
                vec![],
            ),
            (
                Problem::Range {
                    min: 1,
                    max: Some(12),
                    found: "13".into(),
                },
                vec![],
            ),
            (
                Problem::TooLarge {
                    found: "18446744073709551615".into(),
                },
                vec![],
            ),
            (
                Problem::UnknownValue {
                    found: Found::Written("\"usd\"".into()),
                    allowed: vec!["wan".into(), "yuan".into()],
                },
                vec!["wan", "yuan", "\"usd\""],
            ),
            (
                Problem::TagHasNoText {
                    kind: "strategic".into(),
                },
                vec!["strategic"],
            ),
            (Problem::NoSuchDay { month: 2, day: 30 }, vec![]),
            (
                Problem::DuplicateId {
                    id: "c-1".into(),
                    first: "customers[1]".into(),
                },
                vec!["c-1", "customers[1]"],
            ),
            (Problem::NoSuchCustomer { id: "c-9".into() }, vec!["c-9"]),
            (Problem::NoSuchFollowUp { id: "f-9".into() }, vec!["f-9"]),
            (
                Problem::NoSuchCase {
                    id: "w-9".into(),
                    customer: "c-1".into(),
                },
                vec!["w-9", "c-1"],
            ),
            (
                Problem::Unreadable {
                    message: "invalid type: integer `5`, expected a string".into(),
                },
                vec!["invalid type: integer `5`, expected a string"],
            ),
        ];
        let mut all = vec![
            (ImportError::Empty, vec![]),
            (
                ImportError::NotJson {
                    line: 3,
                    column: 7,
                    syntax: JsonSyntax::Invalid,
                },
                vec![],
            ),
            (
                ImportError::NotJson {
                    line: 1,
                    column: 1,
                    syntax: JsonSyntax::CutOff,
                },
                vec![],
            ),
            (
                ImportError::NotAnObject {
                    found: TopLevel::List,
                },
                vec![],
            ),
            (
                ImportError::NotAnObject {
                    found: TopLevel::Text,
                },
                vec![],
            ),
            (
                ImportError::NotAnObject {
                    found: TopLevel::Number,
                },
                vec![],
            ),
            (
                ImportError::NotAnObject {
                    found: TopLevel::Single,
                },
                vec![],
            ),
            (ImportError::NotABackup { found: None }, vec![]),
            (
                ImportError::NotABackup {
                    found: Some("\"other-app\"".into()),
                },
                vec!["\"other-app\""],
            ),
            (
                ImportError::NewerVersion {
                    found: 2,
                    supported: 1,
                },
                vec![],
            ),
            (ImportError::MissingVersion, vec![]),
            (
                ImportError::UnknownVersion {
                    found: "\"one\"".into(),
                },
                vec!["\"one\""],
            ),
        ];
        for (problem, mut tokens) in problems {
            tokens.push(path);
            all.push((field(path, problem), tokens));
        }
        all
    }

    /// Every CSV problem, each variant at least once, with the verbatim tokens it carries.
    fn every_csv_error() -> Vec<(String, Vec<&'static str>)> {
        let mut all: Vec<(String, Vec<&str>)> = vec![
            (Lang::Zh.csv_table_error(&CsvError::Empty), vec![]),
            (Lang::Zh.csv_table_error(&CsvError::HeaderOnly), vec![]),
            (
                Lang::Zh.csv_table_error(&CsvError::UnclosedQuote { line: 4 }),
                vec![],
            ),
            (
                Lang::Zh.csv_table_error(&CsvError::TextAfterQuote { line: 4 }),
                vec![],
            ),
            (
                Lang::Zh.csv_table_error(&CsvError::Unreadable {
                    line: 4,
                    message: "CSV error: something".into(),
                }),
                vec!["CSV error: something"],
            ),
            (
                Lang::Zh.csv_error(&csv_import::ImportError::NoNameColumn),
                vec![],
            ),
            (
                Lang::Zh.csv_error(&csv_import::ImportError::MappedTwice {
                    first: named("Phone"),
                    second: Header::Blank { position: 3 },
                }),
                vec!["Phone"],
            ),
        ];
        let problems = [
            CellProblem::Required,
            CellProblem::NotANumber,
            CellProblem::TooPrecise { max_decimals: 2 },
            CellProblem::TooLarge,
            CellProblem::Negative,
            CellProblem::NotADate,
            CellProblem::InFuture,
            CellProblem::NotASize,
            CellProblem::NotARole,
            CellProblem::Differs { line: 2 },
        ];
        for problem in problems {
            for column in [named("Amount"), Header::Blank { position: 12 }] {
                let e = cell(5, column, problem.clone());
                all.push((Lang::Zh.csv_error(&e), vec!["Amount"]));
            }
        }
        all
    }

    /// Fails unless the message, without the verbatim tokens, has no Latin letters left but
    /// the few technical words the Chinese keeps.
    fn assert_all_chinese(message: &str, tokens: &[&str]) {
        assert!(!message.contains("must"), "{message}");
        assert!(!message.contains("line "), "{message}");
        let mut rest = message.to_string();
        let mut tokens = tokens.to_vec();
        tokens.extend([
            "YYYY-MM-DD",
            "JSON",
            "Unicode",
            "\"format\"",
            "\"version\"",
            FORMAT,
            "true",
            "false",
            "null",
            "id",
        ]);
        // Longest first, so a token inside another (a path holding "id") goes with it.
        tokens.sort_by_key(|t| std::cmp::Reverse(t.len()));
        for token in tokens {
            rest = rest.replace(token, "");
        }
        assert!(
            !rest.chars().any(|c| c.is_ascii_alphabetic()),
            "English left in {message:?}: {rest:?}"
        );
    }

    #[test]
    fn english_is_the_domain_text_unchanged() {
        for (e, _) in every_backup_error() {
            assert_eq!(Lang::En.backup_error(&e), e.to_string());
        }
        assert_eq!(
            Lang::En.backup_error(&field(
                "customers[3].orders[0].amount_fen",
                Problem::Range {
                    min: 0,
                    max: None,
                    found: "-5".into()
                }
            )),
            "customers[3].orders[0].amount_fen: must be ≥ 0"
        );
        let csv = [
            csv_import::ImportError::NoNameColumn,
            csv_import::ImportError::MappedTwice {
                first: named("电话"),
                second: named("手机"),
            },
            cell(5, named("金额"), CellProblem::NotANumber),
        ];
        for e in &csv {
            assert_eq!(Lang::En.csv_error(e), e.to_string());
        }
        assert_eq!(
            Lang::En.csv_error(&csv[2]),
            "line 5, 金额: not a number".to_string()
        );
        for e in [
            CsvError::Empty,
            CsvError::UnclosedQuote { line: 3 },
            CsvError::Unreadable {
                line: 2,
                message: "x".into(),
            },
        ] {
            assert_eq!(Lang::En.csv_table_error(&e), e.to_string());
        }
        let errors = ImportErrors {
            errors: vec![ImportError::Empty, ImportError::MissingVersion],
            omitted: 37,
        };
        assert_eq!(Lang::En.backup_errors(&errors), errors.to_string());
    }

    #[test]
    fn chinese_backup_problems_name_the_path_then_the_problem() {
        let path = "customers[3].orders[0].amount_fen";
        let cases = [
            (
                field(
                    path,
                    Problem::Range {
                        min: 0,
                        max: None,
                        found: "-5".into(),
                    },
                ),
                "customers[3].orders[0].amount_fen：必须 ≥ 0",
            ),
            (
                field("customers[1].name", Problem::Required),
                "customers[1].name：必填，不能为空",
            ),
            (
                field(
                    path,
                    Problem::WrongType {
                        expected: Expected::WholeNumber,
                        found: Found::Written("1.5".into()),
                    },
                ),
                "customers[3].orders[0].amount_fen：应为整数，当前为 1.5",
            ),
            (
                field(
                    "customers[0].contacts",
                    Problem::WrongType {
                        expected: Expected::List,
                        found: Found::Object,
                    },
                ),
                "customers[0].contacts：应为列表，当前为对象",
            ),
            (
                field(
                    "customers[0].peak_months[2]",
                    Problem::Range {
                        min: 1,
                        max: Some(12),
                        found: "13".into(),
                    },
                ),
                "customers[0].peak_months[2]：必须在 1 到 12 之间，当前为 13",
            ),
            (
                field(
                    "settings.money_unit",
                    Problem::UnknownValue {
                        found: Found::Written("\"usd\"".into()),
                        allowed: vec!["wan".into(), "yuan".into()],
                    },
                ),
                "settings.money_unit：必须是 wan、yuan 之一，当前为 \"usd\"",
            ),
            (
                field(
                    "customers[3].orders[1].date",
                    Problem::NoSuchDate {
                        found: "\"2025-02-30\"".into(),
                    },
                ),
                "customers[3].orders[1].date：\"2025-02-30\" 这一天并不存在",
            ),
            (
                field(
                    "customers[3].orders[0].date",
                    Problem::InFuture { today: today() },
                ),
                "customers[3].orders[0].date：是将来的日期（晚于 2025-06-15）",
            ),
            (
                field(
                    "customers[4].contacts[0].birthday",
                    Problem::NoSuchDay { month: 2, day: 30 },
                ),
                "customers[4].contacts[0].birthday：2 月没有 30 日",
            ),
            (
                field(
                    "customers[4].id",
                    Problem::DuplicateId {
                        id: "c-1".into(),
                        first: "customers[1]".into(),
                    },
                ),
                "customers[4].id：id \"c-1\" 已被 customers[1] 使用",
            ),
            (
                field(
                    "customers[5].tags[0].text",
                    Problem::TagHasNoText {
                        kind: "strategic".into(),
                    },
                ),
                "customers[5].tags[0].text：应当省略，因为 \"strategic\" 标签不带文字",
            ),
            (
                ImportError::NewerVersion {
                    found: 2,
                    supported: 1,
                },
                "这个备份由更新版本的应用生成（备份格式 2；当前版本最高只能读取格式 1）。\
                 请先更新应用，再重新导入",
            ),
            (
                ImportError::NotABackup { found: None },
                "这不是客户维护的备份文件：缺少 \"format\" 字段\
                 （备份文件中写的是 \"format\": \"kehu-weihu-backup\"）",
            ),
            (
                ImportError::UnknownVersion { found: "0".into() },
                "\"version\" 为 0，任何版本的应用都没有写出过这个值\
                 （备份格式从 1 开始；当前应用写出的是 2）",
            ),
        ];
        for (e, expected) in cases {
            assert_eq!(Lang::Zh.backup_error(&e), expected);
        }
    }

    #[test]
    fn chinese_backup_errors_read_from_real_files() {
        let cases = [
            ("   ", "文件是空的"),
            (
                "[1, 2]",
                "这不是客户维护的备份文件：文件内容是一个列表，而不是 JSON 对象",
            ),
            (
                "{\"format\": \"kehu-weihu-backup\", \"version\": 1,",
                "文件不是有效的 JSON：文件提前结束了，像是被截断了（第 1 行，第 45 列）",
            ),
            (
                "{\"format\": \"kehu-weihu-backup\" \"version\": 1}",
                "文件不是有效的 JSON：第 1 行第 32 列有错误\
                 （常见原因是缺少或多出逗号、引号或括号）",
            ),
            (
                "{\"format\": \"kehu-weihu-backup\", \"version\": 9}",
                "这个备份由更新版本的应用生成（备份格式 9；当前版本最高只能读取格式 2）。\
                 请先更新应用，再重新导入",
            ),
        ];
        for (text, expected) in cases {
            let errors = parse_errors(text);
            assert_eq!(Lang::Zh.backup_error(&errors[0]), expected, "{text:?}");
        }
        // The kinds of JSON value the checks find.
        let file = r#"{"format": "kehu-weihu-backup", "version": 1, "exported_on": [],
            "settings": {}, "customers": [{"id": "c-1", "name": {}}]}"#;
        let shown: Vec<String> = parse_errors(file)
            .iter()
            .map(|e| Lang::Zh.backup_error(e))
            .collect();
        assert_eq!(
            shown,
            [
                "exported_on：应为 YYYY-MM-DD 格式的日期，当前为列表",
                "customers[0].name：应为文本，当前为对象",
            ]
        );
    }

    #[test]
    fn every_json_syntax_error_the_reader_gives_is_classified_with_its_position() {
        use JsonSyntax::*;
        // (text, class, line, column): every reason serde_json gives, so an upgrade that words
        // one differently fails here.
        let broken: [(&str, JsonSyntax, usize, usize); 18] = [
            ("{\"a\" 1}", Invalid, 1, 6),
            ("{\"a\": 1 \"b\": 2}", Invalid, 1, 9),
            ("[1 2]", Invalid, 1, 4),
            ("{\"a\": }", Invalid, 1, 7),
            ("{\"a\": tru}", Invalid, 1, 10),
            ("{a: 1}", Invalid, 1, 2),
            ("{\"a\": 1,}", TrailingComma, 1, 9),
            ("{\"a\": 1} x", AfterEnd, 1, 10),
            ("{\"a\": \"\\q\"}", BadText, 1, 9),
            ("{\"a\": -}", BadNumber, 1, 8),
            ("{\"a\": 1e999999}", OutOfRange, 1, 14),
            ("{\"amount_fen\": 1e309}", OutOfRange, 1, 20),
            ("{\"a\": \"\\uDC00\"}", BadText, 1, 13),
            ("{\"a\": \"\u{1}\"}", BadText, 1, 8),
            ("{\"a\":\n\"\\uD800\\u0041\"}", BadText, 2, 13),
            ("{\"a\": \"\\u12\"}", BadText, 1, 13),
            ("{\"a\": \"abc", CutOff, 1, 10),
            ("[[[[", CutOff, 1, 4),
        ];
        for (text, syntax, line, column) in broken {
            let errors = parse_errors(text);
            assert_eq!(
                errors,
                [ImportError::NotJson {
                    line,
                    column,
                    syntax
                }],
                "{text:?}"
            );
            assert_all_chinese(&Lang::Zh.backup_error(&errors[0]), &[]);
        }
        let deep = parse_errors(&"[".repeat(200));
        assert!(matches!(
            deep.as_slice(),
            [ImportError::NotJson {
                syntax: TooDeep,
                ..
            }]
        ));
    }

    /// Issue 24, finding 7: a valid file with a number out of range was "not valid JSON … often
    /// a missing or extra comma".
    #[test]
    fn a_number_out_of_range_is_named_as_such_in_both_languages() {
        let file = r#"{"format": "kehu-weihu-backup", "version": 1, "exported_on": "2026-03-01",
            "settings": {}, "customers": [{"id": "c-1", "name": "甲", "orders": [{"id": "o-1", "amount_fen": 1e309}]}]}"#;
        let errors = parse_errors(file);
        assert_eq!(
            errors,
            [ImportError::NotJson {
                line: 2,
                column: 115,
                syntax: JsonSyntax::OutOfRange
            }]
        );
        assert_eq!(
            Lang::En.backup_error(&errors[0]),
            "the file is not valid JSON: a number too large or too small for any amount or figure \
             at line 2, column 115"
        );
        assert_eq!(
            Lang::Zh.backup_error(&errors[0]),
            "文件不是有效的 JSON：第 2 行第 115 列数字过大或过小，超出任何金额或数值的范围"
        );
        assert!(!Lang::En.backup_error(&errors[0]).contains("comma"));
    }

    #[test]
    fn chinese_backup_list_counts_what_was_left_out() {
        let errors = ImportErrors {
            errors: vec![ImportError::Empty, ImportError::MissingVersion],
            omitted: 37,
        };
        assert_eq!(
            Lang::Zh.backup_errors(&errors),
            "文件是空的\n这个备份没有注明格式版本（缺少 \"version\"），无法安全读取\n\
             另有 37 处问题未列出"
        );
        assert_eq!(
            Lang::Zh.backup_errors_summary(errors.total()),
            "文件中有 39 处问题，未导入任何数据："
        );
        assert_eq!(
            Lang::En.backup_errors_summary(3),
            "The file has 3 problems; nothing was imported:"
        );
        assert_eq!(
            Lang::En.backup_errors_summary(1),
            "The file has 1 problem; nothing was imported:"
        );
    }

    #[test]
    fn chinese_csv_problems_name_the_line_and_header() {
        let cases = [
            (
                cell(5, named("金额"), CellProblem::NotANumber),
                "第 5 行，金额：不是数字",
            ),
            (
                cell(4, named("金额"), CellProblem::Negative),
                "第 4 行，金额：必须 ≥ 0",
            ),
            (
                cell(
                    4,
                    named("金额"),
                    CellProblem::TooPrecise { max_decimals: 2 },
                ),
                "第 4 行，金额：最多 2 位小数",
            ),
            (
                cell(3, named("下单日期"), CellProblem::NotADate),
                "第 3 行，下单日期：不是日期（请写成 YYYY-MM-DD）",
            ),
            (
                cell(3, named("企业规模"), CellProblem::NotASize),
                "第 3 行，企业规模：不是有效的企业规模（微型、小型、中型、大型）",
            ),
            (
                cell(6, named("企业规模"), CellProblem::Differs { line: 2 }),
                "第 6 行，企业规模：与第 2 行不一致",
            ),
            (
                cell(4, named("客户名称"), CellProblem::Required),
                "第 4 行，客户名称：不能为空",
            ),
            (
                cell(7, Header::Blank { position: 3 }, CellProblem::InFuture),
                "第 7 行，第 3 列：不能晚于今天",
            ),
            (
                csv_import::ImportError::MappedTwice {
                    first: named("电话"),
                    second: named("手机"),
                },
                "「电话」列和「手机」列对应到了同一个字段",
            ),
            (
                csv_import::ImportError::NoNameColumn,
                "没有哪一列对应到「客户名称」，无法读取任何一行",
            ),
        ];
        for (e, expected) in cases {
            assert_eq!(Lang::Zh.csv_error(&e), expected);
        }
        assert_eq!(
            Lang::Zh.csv_table_error(&CsvError::UnclosedQuote { line: 3 }),
            "第 3 行：有一个单元格的引号没有闭合"
        );
        assert_eq!(
            Lang::Zh.csv_table_error(&CsvError::HeaderOnly),
            "文件只有表头，没有数据行"
        );
    }

    #[test]
    fn chinese_csv_problems_read_from_a_real_sheet() {
        // The third header is blank: the table calls it "column 3".
        let text = "客户名称,金额,\nA公司,abc,\nA公司,1,x\n";
        let mut shown: Vec<String> = csv_errors(text)
            .iter()
            .map(|e| Lang::Zh.csv_error(e))
            .collect();
        assert_eq!(shown, ["第 2 行，金额：不是数字"]);

        let table = read_table(text).unwrap();
        let mapping = [Column::Name, Column::Ignore, Column::Industry];
        let mut new_id = || "id".to_string();
        let import = build_import(&table, &mapping, MoneyUnit::Wan, &[], today(), &mut new_id);
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        let twice = [Column::Name, Column::Industry, Column::Industry];
        let import = build_import(&table, &twice, MoneyUnit::Wan, &[], today(), &mut new_id);
        shown = import
            .errors
            .iter()
            .map(|e| Lang::Zh.csv_error(e))
            .collect();
        assert_eq!(shown, ["「金额」列和第 3 列对应到了同一个字段"]);
    }

    #[test]
    fn no_chinese_message_has_english_words_left() {
        for (e, tokens) in every_backup_error() {
            assert_all_chinese(&Lang::Zh.backup_error(&e), &tokens);
        }
        for (message, tokens) in every_csv_error() {
            assert_all_chinese(&message, &tokens);
        }
        let errors = ImportErrors {
            errors: vec![ImportError::Empty],
            omitted: 1,
        };
        assert_all_chinese(&Lang::Zh.backup_errors(&errors), &[]);
        assert_all_chinese(&Lang::Zh.backup_errors_summary(3), &[]);
        for column in Column::ALL {
            assert_all_chinese(Lang::Zh.csv_column(column), &[]);
        }
    }

    #[test]
    fn every_mapping_choice_has_its_own_name_in_both_languages() {
        for lang in Lang::ALL {
            let mut names: Vec<&str> = Column::ALL.iter().map(|&c| lang.csv_column(c)).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), Column::ALL.len(), "{lang:?}");
        }
        assert_eq!(Lang::Zh.csv_column(Column::Name), "客户名称");
        assert_eq!(Lang::En.csv_column(Column::Name), "Customer name");
        assert_eq!(Lang::Zh.csv_column(Column::Ignore), "不导入");
        assert_eq!(Lang::En.csv_column(Column::Ignore), "Don't import");
        assert_eq!(Lang::Zh.csv_column(Column::OrderAmount), "订单金额");
    }
}
