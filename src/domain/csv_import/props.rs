//! Property tests of the CSV reader: a random valid sheet of customers (quoted commas, quotes
//! and line breaks, Chinese or English headers, orders in either unit) reads back into the
//! same customers, and random damage never panics, while every error names its line (and its
//! column's header, where it is a cell's).
//!
//! A sheet is read as the import page reads it: the bytes decoded as UTF-8 with each broken
//! sequence replaced (as the browser's decoder does), then [`read_table`], [`guess_mapping`]
//! and [`build_import`]. What "naming where" means for each error:
//! - `CsvError::UnclosedQuote` and `TextAfterQuote`: a line of the text that holds a quote;
//!   `Unreadable`: a line of the text.
//! - `CsvError::Empty` and `HeaderOnly` concern the whole file and must be true of it: read
//!   with the csv crate (under one of the delimiters), it has no row, or one, with a cell.
//! - A cell's error: the line a row of the table starts on, and the header of a mapped column
//!   (a `Differs` names the line of another row). `NoNameColumn` concerns the header row and
//!   must be true of the mapping; any other error names the headers it is about.
//!
//! Each property runs a fixed number of cases from a fixed seed, so every `cargo test` tries
//! the same sheets; proptest's `PROPTEST_CASES` and `PROPTEST_RNG_SEED` change them (the long
//! run is in the README, under "What the two commands do").

use std::cell::RefCell;
use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, subsequence, Index};
use proptest::test_runner::{contextualize_config, Config, TestCaseResult};

use super::{build_import, guess_mapping, read_table, Column, CsvError, CsvImport, ImportError};
use crate::domain::money::{Fen, MoneyUnit};
use crate::domain::records::{CompanySize, Contact, Customer, DecisionRole, Order, Tag};
use crate::domain::text::fold;

/// The default run's seed, so that every `cargo test` tries the same cases.
const SEED: u64 = 20_250_630;

/// Runs `test` on `cases` values of `strategy` from this file's seed.
fn check<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> TestCaseResult) {
    crate::domain::props_runner::check(SEED, cases, strategy, test);
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("a day")
}

/// Reads `text` as the import page does, with the guessed mapping and no stored customers;
/// new ids are `id-1`, `id-2`, … in the order `build_import` asks for them.
fn import(text: &str, unit: MoneyUnit) -> Result<(super::Table, CsvImport), CsvError> {
    let table = read_table(text)?;
    let mapping = guess_mapping(&table.headers);
    let mut n = 0;
    let mut new_id = || {
        n += 1;
        format!("id-{n}")
    };
    let import = build_import(&table, &mapping, unit, &[], today(), &mut new_id);
    Ok((table, import))
}

// Random valid sheets.

/// Headers people write for each field, in both languages (matched whatever their case and
/// width).
const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Name,
        &[
            "客户名称",
            "客户",
            "公司名称",
            "名称",
            "Customer",
            "Company Name",
        ],
    ),
    (Column::Industry, &["行业", "所属行业", "Industry"]),
    (Column::Size, &["企业规模", "规模", "Company Size", "Size"]),
    (Column::LeadSource, &["线索来源", "来源", "Lead Source"]),
    (
        Column::Owner,
        &["负责人", "客户经理", "Owner", "Account Manager"],
    ),
    (
        Column::ReferredBy,
        &["转介绍人", "推荐人", "Referred by", "Referrer"],
    ),
    (
        Column::ContactName,
        &["联系人", "姓名", "Contact", "Contact Name"],
    ),
    (
        Column::ContactTitle,
        &["职位", "职务", "Title", "Job Title"],
    ),
    (Column::ContactRole, &["角色", "决策角色", "Role"]),
    (
        Column::ContactPhone,
        &["手机", "电话", "联系电话", "Phone", "Mobile", "Tel"],
    ),
    (
        Column::ContactEmail,
        &["邮箱", "电子邮箱", "Email", "E-mail"],
    ),
    (Column::ContactWechat, &["微信", "微信号", "WeChat"]),
    (Column::Tags, &["标签", "Tags"]),
    (
        Column::OrderDate,
        &["下单日期", "订单日期", "日期", "Date", "Order Date"],
    ),
    (
        Column::OrderAmount,
        &["金额", "订单金额", "成交金额", "Amount", "Order Amount"],
    ),
    (
        Column::OrderProduct,
        &["产品", "产品名称", "服务", "Product", "Service"],
    ),
];

/// Headers of columns the import leaves alone.
const IGNORED: &[&str] = &["备注", "Notes", "内部编号"];

/// What spreadsheets add around a header: a required-field star, a colon, a unit.
const DECORATIONS: &[(&str, &str)] = &[
    ("", ""),
    ("", ""),
    ("*", ""),
    ("", "："),
    ("", ":"),
    ("", "（万元）"),
    ("", " (元)"),
    ("", "【必填】"),
];

/// Customer text with what CSV has to quote (commas, semicolons, tabs, quotes, line breaks)
/// and what a CRM should keep as typed (Chinese, emoji, 𠮷, HTML).
const PIECES: &[&str] = &[
    "科技公司",
    "王经理",
    "🍜 面馆",
    "𠮷野家",
    "<b>粗体</b>",
    "&amp;",
    "Acme, Inc.",
    "\"引号\"",
    "a;b",
    "tab\there",
    "第一行\n第二行",
    "CR\r\nLF",
    "'",
    "=1+1",
    "  ",
    "，",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        3 => vec(select(PIECES), 1..4).prop_map(|pieces| pieces.concat()),
        2 => "\\PC{1,10}",
    ]
    // Cells are read trimmed.
    .prop_map(|t| t.trim().to_string())
}

fn one_of<T: Clone + std::fmt::Debug + 'static>(all: &[T]) -> impl Strategy<Value = T> {
    select(all.to_vec())
}

/// How a word is written: as it is, in capitals, or in full-width letters.
fn spelled(word: &str, how: u8) -> String {
    match how % 3 {
        0 => word.to_string(),
        1 => word.to_uppercase(),
        _ => word
            .chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect(),
    }
}

const SIZES: &[(CompanySize, &str, &str)] = &[
    (CompanySize::Micro, "微型", "micro"),
    (CompanySize::Small, "小型", "Small"),
    (CompanySize::Medium, "中型", "Medium"),
    (CompanySize::Large, "大型", "large"),
];

const ROLES: &[(DecisionRole, &str, &str)] = &[
    (DecisionRole::DecisionMaker, "决策者", "Decision Maker"),
    (DecisionRole::DecisionMaker, "决策者", "decision-maker"),
    (DecisionRole::Influencer, "影响者", "Influencer"),
    (DecisionRole::User, "使用者", "user"),
];

const SEED_TAGS: &[(Tag, &str, &str)] = &[
    (Tag::Strategic, "战略客户", "Strategic"),
    (Tag::HighChurnRisk, "高流失风险", "High Churn Risk"),
    (Tag::HighPotential, "高潜力", "High Potential"),
    (Tag::PriceSensitive, "价格敏感", "Price-Sensitive"),
    (Tag::NeedCost, "降本", "Cost"),
    (Tag::NeedEfficiency, "增效", "Efficiency"),
    (Tag::NeedQuality, "品质", "Quality"),
];

/// What a tag cell may separate its tags with.
const TAG_SEPARATORS: &[&str] = &["、", ",", "，", ";", "；", "|", "｜", "\n", " | "];

/// A value written in a Chinese or an English name.
fn named<T: Clone + std::fmt::Debug + 'static>(
    names: &'static [(T, &'static str, &'static str)],
) -> impl Strategy<Value = (T, String)> {
    (select(names), any::<bool>(), any::<u8>()).prop_map(|((value, zh, en), chinese, how)| {
        let written = if chinese {
            zh.to_string()
        } else {
            spelled(en, how)
        };
        (value, written)
    })
}

/// A tag as a cell writes it: a seed tag by name, or any other text, kept as a free tag.
fn tag() -> impl Strategy<Value = (Tag, String)> {
    let free = text().prop_filter_map("a free tag", |t| {
        // Without the separators.
        let t: String = t
            .chars()
            .filter(|c| !"\n,，、;；|｜".contains(*c))
            .collect();
        let t = t.trim().to_string();
        let seed = SEED_TAGS
            .iter()
            .any(|(_, zh, en)| fold(&t) == fold(zh) || fold(&t) == fold(en));
        (!t.is_empty() && !seed).then(|| (Tag::Free(t.clone()), t))
    });
    prop_oneof![named(SEED_TAGS), free]
}

fn day_between(from: NaiveDate, to: NaiveDate) -> impl Strategy<Value = NaiveDate> {
    (from.num_days_from_ce()..=to.num_days_from_ce())
        .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("a day between two days"))
}

/// An order's day (never after the import's) as spreadsheets write it.
fn order_day() -> impl Strategy<Value = (NaiveDate, String)> {
    let day = prop_oneof![
        4 => day_between(NaiveDate::from_ymd_opt(1990, 1, 1).expect("a day"), today()),
        1 => Just(today()),
        1 => day_between(NaiveDate::from_ymd_opt(1000, 1, 1).expect("a day"), today()),
    ];
    (day, 0u8..6).prop_map(|(day, style)| {
        let (y, m, d) = (day.year(), day.month(), day.day());
        let written = match style {
            0 => format!("{y}-{m:02}-{d:02}"),
            1 => format!("{y}/{m}/{d}"),
            2 => format!("{y}/{m:02}/{d:02}"),
            3 => format!("{y}.{m:02}.{d:02}"),
            4 => format!("{y}年{m}月{d}日"),
            _ => spelled(&format!("{y}-{m:02}-{d:02}"), 2),
        };
        (day, written)
    })
}

/// What may group an amount's digits (`1,234,567`).
const GROUP_SEPARATORS: &[&str] = &[",", "，", "_", " "];

/// An amount in `unit` as a sheet writes it: grouped or not, with a sign, trailing zeros or
/// no whole part.
fn amount(unit: MoneyUnit) -> impl Strategy<Value = (Fen, String)> {
    let (per_unit, decimals): (i64, usize) = match unit {
        MoneyUnit::Wan => (1_000_000, 6),
        MoneyUnit::Yuan => (100, 2),
    };
    let fen = prop_oneof![
        3 => 0..=10_000_000_000i64,
        1 => Just(0),
        1 => Just(i64::MAX),
        1 => 0..=i64::MAX,
    ];
    let group = option::of(select(GROUP_SEPARATORS));
    (fen, group, any::<bool>(), 0..=decimals, any::<bool>()).prop_map(
        move |(fen, group, plus, extra_zeros, bare_point)| {
            let whole = (fen / per_unit).to_string();
            let whole = match group {
                Some(sep) => {
                    let digits: Vec<char> = whole.chars().collect();
                    let groups: Vec<String> = digits
                        .rchunks(3)
                        .rev()
                        .map(|g| g.iter().collect())
                        .collect();
                    groups.join(sep)
                }
                None => whole,
            };
            let frac = format!("{:0decimals$}", fen % per_unit);
            let mut frac = frac.trim_end_matches('0').to_string();
            while frac.len() < extra_zeros {
                frac.push('0');
            }
            let mut written = String::from(if plus { "+" } else { "" });
            if !(bare_point && whole == "0" && !frac.is_empty()) {
                written.push_str(&whole);
            }
            if !frac.is_empty() {
                written.push('.');
                written.push_str(&frac);
            }
            (Fen(fen), written)
        },
    )
}

/// What a cell means for the customer it is on.
#[derive(Clone, Debug, PartialEq)]
enum Meaning {
    Nothing,
    Text(String),
    Size(CompanySize),
    Role(DecisionRole),
    Tags(Vec<Tag>),
    Date(NaiveDate),
    Amount(Fen),
}

#[derive(Clone, Debug)]
struct Cell {
    written: String,
    meaning: Meaning,
}

fn blank() -> Cell {
    Cell {
        written: String::new(),
        meaning: Meaning::Nothing,
    }
}

/// A valid cell of `column`.
fn cell(column: Column, unit: MoneyUnit) -> BoxedStrategy<Cell> {
    let texts = |t: String| Cell {
        written: t.clone(),
        meaning: Meaning::Text(t),
    };
    match column {
        Column::Name => text()
            .prop_map(|t| {
                if t.is_empty() {
                    "无名".to_string()
                } else {
                    t
                }
            })
            .prop_map(texts)
            .boxed(),
        Column::Size => option::of(named(SIZES))
            .prop_map(|v| {
                v.map_or_else(blank, |(size, written)| Cell {
                    written,
                    meaning: Meaning::Size(size),
                })
            })
            .boxed(),
        Column::ContactRole => option::of(named(ROLES))
            .prop_map(|v| {
                v.map_or_else(blank, |(role, written)| Cell {
                    written,
                    meaning: Meaning::Role(role),
                })
            })
            .boxed(),
        Column::Tags => (vec(tag(), 0..4), select(TAG_SEPARATORS))
            .prop_map(|(tags, separator)| {
                let written: Vec<&str> = tags.iter().map(|(_, w)| w.as_str()).collect();
                let mut meaning: Vec<Tag> = Vec::new();
                for (tag, _) in tags.iter() {
                    if !meaning.contains(tag) {
                        meaning.push(tag.clone());
                    }
                }
                Cell {
                    written: written.join(separator),
                    meaning: Meaning::Tags(meaning),
                }
            })
            .boxed(),
        Column::OrderDate => option::of(order_day())
            .prop_map(|v| {
                v.map_or_else(blank, |(day, written)| Cell {
                    written,
                    meaning: Meaning::Date(day),
                })
            })
            .boxed(),
        Column::OrderAmount => amount(unit)
            .prop_map(|(fen, written)| Cell {
                written,
                meaning: Meaning::Amount(fen),
            })
            .boxed(),
        Column::Ignore => text()
            .prop_map(|written| Cell {
                written,
                meaning: Meaning::Nothing,
            })
            .boxed(),
        _ => text().prop_map(texts).boxed(),
    }
}

fn is_contact(column: Column) -> bool {
    matches!(
        column,
        Column::ContactName
            | Column::ContactTitle
            | Column::ContactRole
            | Column::ContactPhone
            | Column::ContactEmail
            | Column::ContactWechat
    )
}

/// One customer of a sheet: a cell per column, and in an order sheet its orders.
#[derive(Clone, Debug)]
struct Person {
    profile: Vec<Cell>,
    /// An order's cells per column (blank outside the order columns).
    orders: Vec<Vec<Cell>>,
    /// For each order row after the first, whether it repeats the contact's cells, and
    /// which other cells it repeats (a row may leave the customer's cells blank).
    repeats: Vec<(bool, Vec<bool>)>,
}

fn person(columns: &[Column], unit: MoneyUnit) -> impl Strategy<Value = Person> {
    let profile: Vec<BoxedStrategy<Cell>> = columns
        .iter()
        .map(|&c| {
            if c.is_order() {
                Just(blank()).boxed()
            } else {
                cell(c, unit)
            }
        })
        .collect();
    let order: Vec<BoxedStrategy<Cell>> = columns
        .iter()
        .map(|&c| {
            if c.is_order() {
                cell(c, unit)
            } else {
                Just(blank()).boxed()
            }
        })
        .collect();
    let ordered = columns.iter().any(|c| c.is_order());
    let orders = vec(order, if ordered { 0..4 } else { 0..1 });
    let repeats = vec((any::<bool>(), vec(any::<bool>(), columns.len())), 3);
    (profile, orders, repeats).prop_map(|(profile, orders, repeats)| Person {
        profile,
        orders,
        repeats,
    })
}

/// A sheet's columns: the name, some profile fields, maybe orders, maybe columns to ignore,
/// in any order, each under one of its headers.
fn columns() -> impl Strategy<Value = Vec<(String, Column)>> {
    let profile: Vec<Column> = HEADERS
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| *c != Column::Name && !c.is_order())
        .collect();
    let orders = vec![Column::OrderDate, Column::OrderAmount, Column::OrderProduct];
    let header = |column: Column| {
        let names = HEADERS
            .iter()
            .find(|(c, _)| *c == column)
            .map_or(&[][..], |(_, names)| names);
        (select(names), select(DECORATIONS), any::<u8>()).prop_map(
            |(name, (before, after), how)| format!("{before}{}{after}", spelled(name, how)),
        )
    };
    (
        subsequence(profile.clone(), 0..=profile.len()),
        prop_oneof![Just(Vec::new()), subsequence(orders, 1..=3)],
        subsequence(IGNORED.to_vec(), 0..=2),
    )
        .prop_flat_map(move |(profile, orders, ignored)| {
            let mut columns: Vec<BoxedStrategy<(String, Column)>> =
                vec![header(Column::Name).prop_map(|h| (h, Column::Name)).boxed()];
            for c in profile.into_iter().chain(orders) {
                columns.push(header(c).prop_map(move |h| (h, c)).boxed());
            }
            for h in ignored {
                columns.push(Just((h.to_string(), Column::Ignore)).boxed());
            }
            Just(columns).prop_shuffle()
        })
        .prop_flat_map(|columns| columns)
}

/// A sheet of customers as cells, with the customers an import must make of it.
#[derive(Clone, Debug)]
struct Sheet {
    unit: MoneyUnit,
    headers: Vec<String>,
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
    customers: Vec<Customer>,
}

/// Puts what a cell means into the customer (or their contact).
fn fill(customer: &mut Customer, contact: &mut Contact, column: Column, meaning: &Meaning) {
    match (column, meaning.clone()) {
        (_, Meaning::Nothing) => {}
        (Column::Name, Meaning::Text(t)) => customer.name = t,
        (Column::Industry, Meaning::Text(t)) => customer.industry = t,
        (Column::LeadSource, Meaning::Text(t)) => customer.lead_source = t,
        (Column::Owner, Meaning::Text(t)) => customer.owner = t,
        (Column::ReferredBy, Meaning::Text(t)) => customer.referred_by = t,
        (Column::ContactName, Meaning::Text(t)) => contact.name = t,
        (Column::ContactTitle, Meaning::Text(t)) => contact.title = t,
        (Column::ContactPhone, Meaning::Text(t)) => contact.phone = t,
        (Column::ContactEmail, Meaning::Text(t)) => contact.email = t,
        (Column::ContactWechat, Meaning::Text(t)) => contact.wechat = t,
        (Column::Size, Meaning::Size(s)) => customer.size = Some(s),
        (Column::ContactRole, Meaning::Role(r)) => contact.role = Some(r),
        (Column::Tags, Meaning::Tags(t)) => customer.tags = t,
        (column, meaning) => panic!("no {meaning:?} in a {column:?} column"),
    }
}

impl Sheet {
    fn of(columns: Vec<(String, Column)>, unit: MoneyUnit, mut people: Vec<Person>) -> Sheet {
        let (headers, columns): (Vec<String>, Vec<Column>) = columns.into_iter().unzip();
        let name_at = columns
            .iter()
            .position(|c| *c == Column::Name)
            .expect("a name");
        // Two customers of one name would be one customer (or a duplicate) to the import.
        let mut names = HashSet::new();
        for (i, p) in people.iter_mut().enumerate() {
            let name = &mut p.profile[name_at];
            while !names.insert(fold(&name.written)) {
                name.written.push_str(&format!("#{i}"));
            }
            name.meaning = Meaning::Text(name.written.clone());
        }
        let ordered = columns.iter().any(|c| c.is_order());
        let mut next_id = 0;
        let mut new_id = || {
            next_id += 1;
            format!("id-{next_id}")
        };
        let mut rows = Vec::new();
        let mut customers = Vec::new();
        for person in people {
            let mut customer = Customer {
                id: new_id(),
                created_on: Some(today()),
                ..Customer::default()
            };
            let mut contact = Contact::default();
            for (&column, cell) in columns.iter().zip(&person.profile) {
                fill(&mut customer, &mut contact, column, &cell.meaning);
            }
            if contact != Contact::default() {
                customer.contacts.push(contact);
            }
            // A customer without orders is still a row.
            let orders = if person.orders.is_empty() {
                vec![vec![blank(); columns.len()]]
            } else {
                person.orders
            };
            for (k, order) in orders.iter().enumerate() {
                let (repeat_contact, repeat) = &person.repeats[k.saturating_sub(1) % 3];
                let row = (columns.iter().enumerate())
                    .map(|(i, &column)| {
                        let kept = k == 0
                            || column == Column::Name
                            || if is_contact(column) {
                                *repeat_contact
                            } else {
                                repeat[i]
                            };
                        if column.is_order() {
                            order[i].written.clone()
                        } else if kept {
                            person.profile[i].written.clone()
                        } else {
                            String::new()
                        }
                    })
                    .collect();
                rows.push(row);
                // A row is an order when any of its order cells says something.
                let cells = || columns.iter().zip(order).filter(|(c, _)| c.is_order());
                if ordered && cells().any(|(_, cell)| !cell.written.is_empty()) {
                    let mut o = Order::default();
                    for (_, cell) in cells() {
                        match &cell.meaning {
                            Meaning::Date(day) => o.date = Some(*day),
                            Meaning::Amount(fen) => o.amount_fen = *fen,
                            Meaning::Text(product) => o.product = product.clone(),
                            _ => {}
                        }
                    }
                    customer.orders.push(o);
                }
            }
            for o in &mut customer.orders {
                o.id = new_id();
            }
            customers.push(customer);
        }
        Sheet {
            unit,
            headers,
            columns,
            rows,
            customers,
        }
    }
}

fn sheet() -> impl Strategy<Value = Sheet> {
    (columns(), one_of(&MoneyUnit::ALL))
        .prop_flat_map(|(columns, unit)| {
            let kinds: Vec<Column> = columns.iter().map(|(_, c)| *c).collect();
            (Just(columns), Just(unit), vec(person(&kinds, unit), 1..6))
        })
        .prop_map(|(columns, unit, people)| Sheet::of(columns, unit, people))
}

/// How a sheet is written out: its delimiter, line breaks, quoting and blank lines.
#[derive(Clone, Debug)]
struct Layout {
    delimiter: char,
    line_break: &'static str,
    bom: bool,
    final_break: bool,
    /// Per cell, taken in turn: whether to quote a cell that needs no quotes, and how many
    /// spaces to pad it with.
    cells: Vec<(bool, u8)>,
    /// Per row, taken in turn: the blank lines before it (some of them only delimiters).
    blank_lines: Vec<(u8, bool)>,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        select(vec![',', '\t', ';']),
        select(LINE_BREAKS),
        (any::<bool>(), any::<bool>()),
        vec((prop::bool::weighted(0.2), 0u8..3), 1..16),
        vec(
            (prop_oneof![6 => Just(0u8), 1 => 1u8..3], any::<bool>()),
            1..8,
        ),
    )
        .prop_map(
            |(delimiter, line_break, (bom, final_break), cells, blank_lines)| Layout {
                delimiter,
                line_break,
                bom,
                final_break,
                cells,
                blank_lines,
            },
        )
}

/// Line breaks as spreadsheets write them, `\r` alone being Excel for Mac's "CSV (Macintosh)".
const LINE_BREAKS: &[&str] = &["\n", "\r\n", "\r"];

/// The lines of `text` as an editor counts them (`\r\n`, `\n` and `\r` each end one).
fn line_count(text: &str) -> usize {
    text.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1
}

/// The text of a sheet, and the line each data row starts on.
fn write(headers: &[String], rows: &[Vec<String>], layout: &Layout) -> (String, Vec<usize>) {
    // A one-column file has no delimiter to find: the reader takes a comma.
    let width = std::iter::once(headers.len())
        .chain(rows.iter().map(Vec::len))
        .max()
        .unwrap_or(0);
    let delimiter = if width > 1 { layout.delimiter } else { ',' };
    let line_break = layout.line_break;
    let mut text = String::from(if layout.bom { "\u{feff}" } else { "" });
    let mut lines = Vec::new();
    let mut cell_at = 0;
    let mut write_row = |text: &mut String, cells: &[String]| {
        let written: Vec<String> = cells
            .iter()
            .map(|cell| {
                let (quote_anyway, pad) = layout.cells[cell_at % layout.cells.len()];
                cell_at += 1;
                let pad = " ".repeat(usize::from(pad));
                let needs_quotes = cell.contains([delimiter, '"', '\n', '\r']);
                if needs_quotes || quote_anyway {
                    format!("\"{pad}{}{pad}\"", cell.replace('"', "\"\""))
                } else {
                    format!("{pad}{cell}{pad}")
                }
            })
            .collect();
        text.push_str(&written.join(&delimiter.to_string()));
    };
    write_row(&mut text, headers);
    for (i, row) in rows.iter().enumerate() {
        text.push_str(line_break);
        let (blanks, only_delimiters) = layout.blank_lines[i % layout.blank_lines.len()];
        for _ in 0..blanks {
            if only_delimiters {
                text.push_str(&delimiter.to_string().repeat(width.saturating_sub(1)));
            }
            text.push_str(line_break);
        }
        lines.push(line_count(&text));
        write_row(&mut text, row);
    }
    if layout.final_break {
        text.push_str(line_break);
    }
    (text, lines)
}

#[test]
fn a_random_sheet_reads_back_into_the_same_customers() {
    check(256, (sheet(), layout()), |(sheet, layout)| {
        let (text, lines) = write(&sheet.headers, &sheet.rows, &layout);
        let (table, import) =
            import(&text, sheet.unit).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(&table.headers, &sheet.headers);
        let read_lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        prop_assert_eq!(read_lines, lines, "the rows' lines");
        prop_assert_eq!(guess_mapping(&table.headers), sheet.columns.clone());
        let errors: Vec<String> = import.errors.iter().map(ToString::to_string).collect();
        prop_assert!(errors.is_empty(), "a valid sheet has errors: {errors:#?}");
        prop_assert!(import.duplicates.is_empty(), "{:?}", import.duplicates);
        prop_assert_eq!(import.rows_read, sheet.rows.len());
        prop_assert_eq!(import.customers, sheet.customers);
        Ok(())
    });
}

/// Found by the round trip with `\r` in [`LINE_BREAKS`]: the csv crate ends a row at a `\r`
/// alone, but `table.rs` counted only `\n` (its `LineCounter` and `check_quotes`), so in a
/// file whose lines end in `\r` every row, and every error, was on "line 1".
#[test]
fn lines_ended_by_cr_alone_are_numbered() {
    let text = "名称,金额\rA,1\rB,x\r";
    let table = read_table(text).expect("a table");
    let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 3]);
    let (_, import) = import(text, MoneyUnit::Wan).expect("a table");
    let errors: Vec<String> = import.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors, ["line 3, 金额: not a number"]);
    assert_eq!(
        read_table("名称,备注\rA,ok\rB,\"never closed\rC,x\r"),
        Err(CsvError::UnclosedQuote { line: 3 })
    );
    // The delimiter is guessed from the first line, not from the whole file.
    let one_column = read_table("客户名称\ra;b\r").expect("a table");
    assert_eq!(one_column.rows[0].cell(0), "a;b");
}

// Random damage.

/// Cells no field takes: bad numbers and dates, unknown sizes and roles, odd text.
const BAD_CELLS: &[&str] = &[
    "abc",
    "-5",
    "1e5",
    "12.3.4",
    "99999999999999999999",
    "92233720368547.75808",
    "0.0000001",
    "2024-13-01",
    "2024/02/30",
    "2099-01-01",
    "2025-07-01",
    "24-03-05",
    "45000",
    "昨天",
    "十万",
    "１２",
    "NaN",
    "+",
    ".",
    "-",
    "巨型",
    "老板",
    "\"",
    "\"\"",
    "",
    "  ",
];

/// One change to a valid sheet's cells.
#[derive(Clone, Debug)]
enum CellDamage {
    /// Writes a bad value into a cell.
    Replace(Index, Index, &'static str),
    /// Takes a cell out of a row, moving the rest of the row left.
    Remove(Index, Index),
    /// Adds cells at the end of a row.
    Extra(Index, usize),
    /// Ends a row early.
    Shorten(Index, Index),
    /// Changes a header.
    Header(Index, &'static str),
    /// Writes a row twice.
    Repeat(Index),
}

/// One change to the written text's bytes.
#[derive(Clone, Debug)]
enum ByteDamage {
    /// Ends the file early, as a cut-off download does.
    Cut(Index),
    /// Takes out up to 8 bytes.
    Drop(Index, usize),
    Insert(Index, &'static [u8]),
}

/// Bytes to insert: quotes that break the quoting, delimiters, line breaks, broken UTF-8.
const RAW_BYTES: &[&[u8]] = &[
    b"\"",
    b"\"x",
    b"x\"",
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b"\xff",
    b"\xe4\xb8",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\x00",
];

fn cell_damage() -> impl Strategy<Value = CellDamage> {
    prop_oneof![
        4 => (any::<Index>(), any::<Index>(), select(BAD_CELLS))
            .prop_map(|(row, at, bad)| CellDamage::Replace(row, at, bad)),
        1 => any::<(Index, Index)>().prop_map(|(row, at)| CellDamage::Remove(row, at)),
        1 => (any::<Index>(), 1..4usize).prop_map(|(row, n)| CellDamage::Extra(row, n)),
        1 => any::<(Index, Index)>().prop_map(|(row, at)| CellDamage::Shorten(row, at)),
        1 => (any::<Index>(), select(BAD_CELLS)).prop_map(|(at, bad)| CellDamage::Header(at, bad)),
        1 => any::<Index>().prop_map(CellDamage::Repeat),
    ]
}

fn byte_damage() -> impl Strategy<Value = ByteDamage> {
    prop_oneof![
        2 => any::<Index>().prop_map(ByteDamage::Cut),
        1 => (any::<Index>(), 1..=8usize).prop_map(|(at, n)| ByteDamage::Drop(at, n)),
        3 => (any::<Index>(), select(RAW_BYTES)).prop_map(|(at, b)| ByteDamage::Insert(at, b)),
    ]
}

fn damage_cells(headers: &mut [String], rows: &mut Vec<Vec<String>>, damage: &CellDamage) {
    let row_at = |rows: &[Vec<String>], i: &Index| i.index(rows.len());
    match damage {
        CellDamage::Replace(row, at, bad) => {
            let row = row_at(rows, row);
            let cells = &mut rows[row];
            if !cells.is_empty() {
                let at = at.index(cells.len());
                cells[at] = bad.to_string();
            }
        }
        CellDamage::Remove(row, at) => {
            let row = row_at(rows, row);
            let cells = &mut rows[row];
            if !cells.is_empty() {
                cells.remove(at.index(cells.len()));
            }
        }
        CellDamage::Extra(row, n) => {
            let row = row_at(rows, row);
            rows[row].extend(std::iter::repeat_n("多余".to_string(), *n));
        }
        CellDamage::Shorten(row, keep) => {
            let row = row_at(rows, row);
            let keep = keep.index(rows[row].len() + 1);
            rows[row].truncate(keep);
        }
        CellDamage::Header(at, bad) => {
            let at = at.index(headers.len());
            headers[at] = bad.to_string();
        }
        CellDamage::Repeat(row) => {
            let row = row_at(rows, row);
            rows.insert(row, rows[row].clone());
        }
    }
}

fn damage_bytes(bytes: &mut Vec<u8>, damage: &ByteDamage) {
    let at = |i: &Index| i.index(bytes.len() + 1);
    match damage {
        ByteDamage::Cut(i) => bytes.truncate(at(i)),
        ByteDamage::Drop(i, n) => {
            let from = at(i);
            bytes.drain(from..(from + n).min(bytes.len()));
        }
        ByteDamage::Insert(i, inserted) => {
            let from = at(i);
            bytes.splice(from..from, inserted.iter().copied());
        }
    }
}

/// How many rows with a cell the csv crate reads in `text` under `delimiter`, as a check of
/// the reader's whole-file errors.
fn rows_with_a_cell(text: &str, delimiter: u8) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .count()
}

/// `Ok` when `holds`, else why not.
fn require(holds: bool, why: impl FnOnce() -> String) -> Result<(), String> {
    if holds {
        Ok(())
    } else {
        Err(why())
    }
}

/// Why a reading error does not name its line (or is not true of the file), if it does not.
fn csv_error_says_where(error: &CsvError, text: &str) -> Result<(), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // As an editor counts them: `\r\n`, `\n` and `\r` each end one.
    let joined = text.replace("\r\n", "\n");
    let lines: Vec<&str> = joined.split(['\n', '\r']).collect();
    let line_of = |line: usize| {
        line.checked_sub(1)
            .and_then(|i| lines.get(i))
            .ok_or_else(|| format!("{error:?}: the text has {} lines", lines.len()))
    };
    let at_most = |n: usize| {
        let holds = [b',', b'\t', b';']
            .into_iter()
            .any(|d| rows_with_a_cell(text, d) <= n);
        require(holds, || format!("{error:?} is not true of the file"))
    };
    match error {
        CsvError::Empty => at_most(0),
        CsvError::HeaderOnly => at_most(1),
        CsvError::UnclosedQuote { line } | CsvError::TextAfterQuote { line } => {
            let quoted = line_of(*line)?.contains('"');
            require(quoted, || format!("{error:?}: that line has no quote"))
        }
        CsvError::Unreadable { line, .. } => line_of(*line).map(drop),
    }
}

/// Why an import error does not name its line and column (see the module's doc).
fn import_error_says_where(
    error: &ImportError,
    table: &super::Table,
    mapping: &[Column],
) -> Result<(), String> {
    let row_lines: HashSet<usize> = table.rows.iter().map(|r| r.line).collect();
    let labels: Vec<super::Header> = (0..table.headers.len().max(mapping.len()))
        .map(|i| table.header_label(i))
        .collect();
    match error {
        ImportError::Cell(cell) => {
            if !row_lines.contains(&cell.line) {
                return Err(format!("{error}: no row starts on line {}", cell.line));
            }
            let mapped = (labels.iter().zip(mapping))
                .any(|(label, column)| *label == cell.column && *column != Column::Ignore);
            if !mapped {
                return Err(format!("{error}: not the header of a mapped column"));
            }
            if let super::Problem::Differs { line } = cell.problem {
                if !row_lines.contains(&line) {
                    return Err(format!("{error}: no row starts on line {line}"));
                }
            }
            Ok(())
        }
        ImportError::NoNameColumn => {
            let named = mapping.contains(&Column::Name);
            require(!named, || format!("{error}, but one is"))
        }
        _ => {
            let message = error.to_string();
            let names_one = labels.iter().any(|l| message.contains(&l.to_string()));
            require(names_one, || format!("{error}: names no header"))
        }
    }
}

/// How damaged sheets fared, to show that the damage reaches each kind of check.
#[derive(Debug, Default)]
struct Outcomes {
    read: usize,
    unreadable: usize,
    whole_table: usize,
    cells: usize,
}

#[test]
fn a_damaged_sheet_is_read_or_refused_naming_lines_and_headers() {
    const CASES: u32 = 512;
    let outcomes = RefCell::new(Outcomes::default());
    let cases = (
        sheet(),
        layout(),
        vec(cell_damage(), 0..4),
        // Most broken bytes stop the reader before the cells, so they are in only some files.
        prop_oneof![2 => Just(Vec::new()), 1 => vec(byte_damage(), 1..3)],
    )
        .prop_filter("some damage", |(_, _, c, b)| !c.is_empty() || !b.is_empty());
    check(
        CASES,
        cases,
        |(sheet, layout, cell_damages, byte_damages)| {
            let (mut headers, mut rows) = (sheet.headers.clone(), sheet.rows.clone());
            for damage in &cell_damages {
                damage_cells(&mut headers, &mut rows, damage);
            }
            let mut bytes = write(&headers, &rows, &layout).0.into_bytes();
            for damage in &byte_damages {
                damage_bytes(&mut bytes, damage);
            }
            let text = String::from_utf8_lossy(&bytes);
            let (table, import) = match import(&text, sheet.unit) {
                Ok(read) => read,
                Err(error) => {
                    csv_error_says_where(&error, &text).map_err(TestCaseError::fail)?;
                    outcomes.borrow_mut().unreadable += 1;
                    return Ok(());
                }
            };
            let mapping = guess_mapping(&table.headers);
            for error in &import.errors {
                import_error_says_where(error, &table, &mapping).map_err(TestCaseError::fail)?;
            }
            let mut o = outcomes.borrow_mut();
            match import.errors.first() {
                None => {
                    // What an import takes is whole: named, dated no later than today, never
                    // negative, every id its own.
                    let mut ids = HashSet::new();
                    for c in &import.customers {
                        prop_assert!(!c.name.is_empty() && ids.insert(c.id.clone()), "{c:?}");
                        for order in &c.orders {
                            prop_assert!(order.date.is_none_or(|d| d <= today()), "{order:?}");
                            prop_assert!(order.amount_fen.0 >= 0 && ids.insert(order.id.clone()));
                        }
                    }
                    o.read += 1;
                }
                Some(ImportError::Cell(_)) => o.cells += 1,
                Some(_) => o.whole_table += 1,
            }
            Ok(())
        },
    );
    let o = outcomes.into_inner();
    // Shown with `--nocapture`: what a run tried.
    eprintln!("{o:?}");
    // With the default number of cases, every outcome happens (a smaller run may miss some).
    if contextualize_config(Config::with_cases(CASES)).cases >= CASES {
        assert!(
            o.read > 0 && o.unreadable > 0 && o.whole_table > 0 && o.cells > 0,
            "the damage missed a kind of check: {o:?}"
        );
    }
}
