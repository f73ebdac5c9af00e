//! Reading single cells: dates, amounts, sizes, roles and tags as spreadsheets write them.

use std::fmt;

use chrono::NaiveDate;

use crate::domain::money::{parse_amount, AmountError, Fen, MoneyUnit};
use crate::domain::records::{CompanySize, DecisionRole, Tag};
use crate::domain::text::{fold, split_list};

/// What is wrong with one cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    NotANumber,
    TooPrecise {
        max_decimals: usize,
    },
    TooLarge,
    Negative,
    NotADate,
    InFuture,
    NotASize,
    NotARole,
    /// Two rows of the same customer disagree; `line` holds the value kept.
    Differs {
        line: usize,
    },
    /// An order count that is not a whole number from 0 to `max`.
    NotACount {
        max: u32,
    },
    /// A last order dated before the cooperation began.
    BeforeFirstDeal,
    /// A 12-month spend on a row whose last order is more than 12 months ago.
    NoRecentOrder,
    /// Fewer orders than the row's spend and dates make (1, or 2 when the first deal and the
    /// last order are different days).
    TooFewOrders {
        needed: usize,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Required => write!(f, "is required"),
            Problem::NotANumber => write!(f, "not a number"),
            Problem::TooPrecise { max_decimals } => {
                write!(f, "has more than {max_decimals} decimals")
            }
            Problem::TooLarge => write!(f, "is too large"),
            Problem::Negative => write!(f, "must be ≥ 0"),
            Problem::NotADate => write!(f, "not a date (use YYYY-MM-DD)"),
            Problem::InFuture => write!(f, "is in the future"),
            Problem::NotASize => write!(f, "not a size (微型, 小型, 中型, 大型)"),
            Problem::NotARole => write!(f, "not a role (决策者, 影响者, 使用者)"),
            Problem::Differs { line } => write!(f, "differs from line {line}"),
            Problem::NotACount { max } => {
                write!(f, "not a whole number of orders (0 to {max})")
            }
            Problem::BeforeFirstDeal => write!(f, "is before the cooperation start"),
            Problem::NoRecentOrder => write!(
                f,
                "a 12-month spend needs a last order within the last 12 months"
            ),
            Problem::TooFewOrders { needed } => write!(
                f,
                "is fewer than the {needed} orders the spend and dates on this row make"
            ),
        }
    }
}

/// An order amount: a number in the data set's unit, never negative.
pub fn amount(text: &str, unit: MoneyUnit) -> Result<Fen, Problem> {
    match parse_amount(text, unit) {
        Ok(fen) if fen.0 < 0 => Err(Problem::Negative),
        Ok(fen) => Ok(fen),
        Err(AmountError::Empty) => Err(Problem::Required),
        Err(AmountError::NotANumber) => Err(Problem::NotANumber),
        Err(AmountError::TooPrecise { max_decimals }) => Err(Problem::TooPrecise { max_decimals }),
        Err(AmountError::TooLarge) => Err(Problem::TooLarge),
    }
}

/// An order date no later than `today`: 2024-03-05, 2024/3/5, 2024.03.05 or 2024年3月5日.
pub fn date(text: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let date = parse_date(text).ok_or(Problem::NotADate)?;
    if date > today {
        return Err(Problem::InFuture);
    }
    Ok(date)
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    let folded = fold(text);
    let parts: Vec<&str> = match folded.strip_suffix('日') {
        Some(rest) => rest.split(['年', '月']).collect(),
        None => {
            // One separator throughout: "2024-03/05" is more likely a typo than a date.
            let sep = folded.chars().find(|c| !c.is_ascii_digit())?;
            if !matches!(sep, '-' | '/' | '.') {
                return None;
            }
            folded.split(sep).collect()
        }
    };
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, lens: std::ops::RangeInclusive<usize>| {
        (lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = digits(y, 4..=4)?;
    NaiveDate::from_ymd_opt(year as i32, digits(m, 1..=2)?, digits(d, 1..=2)?)
}

/// The most orders one summary row may stand for: each becomes a record.
pub const MAX_ORDER_COUNT: u32 = 1000;

/// An order count: a whole number of orders, at most [`MAX_ORDER_COUNT`].
pub fn order_count(text: &str) -> Result<u32, Problem> {
    let not_a_count = Problem::NotACount {
        max: MAX_ORDER_COUNT,
    };
    let folded = fold(text);
    // "12" or "12次"/"12单"; a spreadsheet may also write "12.0".
    let digits = folded.trim_end_matches(['次', '单', '笔']).trim();
    let digits = digits.strip_suffix(".0").unwrap_or(digits);
    match digits.parse::<u32>() {
        Ok(n) if n <= MAX_ORDER_COUNT => Ok(n),
        _ => Err(not_a_count),
    }
}

pub fn size(text: &str) -> Result<CompanySize, Problem> {
    match fold(text).as_str() {
        "微型" | "micro" => Ok(CompanySize::Micro),
        "小型" | "small" => Ok(CompanySize::Small),
        "中型" | "medium" => Ok(CompanySize::Medium),
        "大型" | "large" => Ok(CompanySize::Large),
        _ => Err(Problem::NotASize),
    }
}

pub fn role(text: &str) -> Result<DecisionRole, Problem> {
    match fold(text).as_str() {
        "决策者" | "decision maker" | "decision-maker" => Ok(DecisionRole::DecisionMaker),
        "影响者" | "influencer" => Ok(DecisionRole::Influencer),
        "使用者" | "user" => Ok(DecisionRole::User),
        _ => Err(Problem::NotARole),
    }
}

/// Splits a tag cell on the separators people type in either script and maps the seeds'
/// tags by their Chinese or English name; any other tag is kept as written.
pub fn tags(text: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    // A sheet may also use bars, which a typed list does not.
    for part in text.split(['|', '｜']).flat_map(split_list) {
        let tag = match fold(&part).as_str() {
            "战略客户" | "strategic" => Tag::Strategic,
            "高流失风险" | "high churn risk" => Tag::HighChurnRisk,
            "高潜力" | "high potential" => Tag::HighPotential,
            "价格敏感" | "price sensitive" | "price-sensitive" => Tag::PriceSensitive,
            "降本" | "cost" => Tag::NeedCost,
            "增效" | "efficiency" => Tag::NeedEfficiency,
            "品质" | "quality" => Tag::NeedQuality,
            _ => Tag::Free(part),
        };
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn reads_the_date_formats_spreadsheets_write() {
        let today = ymd(2025, 6, 30);
        let cases = [
            ("2024-03-05", Ok(ymd(2024, 3, 5))),
            ("2024/3/5", Ok(ymd(2024, 3, 5))),
            ("2024.03.05", Ok(ymd(2024, 3, 5))),
            ("2024年3月5日", Ok(ymd(2024, 3, 5))),
            ("２０２４－０３－０５", Ok(ymd(2024, 3, 5))),
            ("2025-06-30", Ok(today)),
            ("2025-07-01", Err(Problem::InFuture)),
            ("2024-02-30", Err(Problem::NotADate)),
            ("2024-03/05", Err(Problem::NotADate)),
            ("24-03-05", Err(Problem::NotADate)),
            ("45000", Err(Problem::NotADate)),
            ("2024年3月", Err(Problem::NotADate)),
            ("2024-3-5-1", Err(Problem::NotADate)),
            ("2024 03 05", Err(Problem::NotADate)),
            ("下周", Err(Problem::NotADate)),
        ];
        for (text, expected) in cases {
            assert_eq!(date(text, today), expected, "{text}");
        }
    }

    #[test]
    fn amounts_are_exact_in_either_unit_and_never_negative() {
        let cases = [
            ("12.5", MoneyUnit::Wan, Ok(Fen(12_500_000))),
            ("12.5", MoneyUnit::Yuan, Ok(Fen(1_250))),
            ("50,000", MoneyUnit::Yuan, Ok(Fen(5_000_000))),
            ("0", MoneyUnit::Wan, Ok(Fen(0))),
            ("-1", MoneyUnit::Wan, Err(Problem::Negative)),
            ("", MoneyUnit::Wan, Err(Problem::Required)),
            ("十万", MoneyUnit::Wan, Err(Problem::NotANumber)),
            (
                "0.001",
                MoneyUnit::Yuan,
                Err(Problem::TooPrecise { max_decimals: 2 }),
            ),
            ("99999999999999999", MoneyUnit::Wan, Err(Problem::TooLarge)),
        ];
        for (text, unit, expected) in cases {
            assert_eq!(amount(text, unit), expected, "{text} in {unit:?}");
        }
    }

    #[test]
    fn reads_order_counts_as_spreadsheets_write_them() {
        let not_a_count = Err(Problem::NotACount { max: 1000 });
        let cases = [
            ("12", Ok(12)),
            ("０", Ok(0)),
            ("12次", Ok(12)),
            ("3 单", Ok(3)),
            ("7.0", Ok(7)),
            ("1000", Ok(1000)),
            ("1001", not_a_count.clone()),
            ("2.5", not_a_count.clone()),
            ("-1", not_a_count.clone()),
            ("很多", not_a_count),
        ];
        for (text, expected) in cases {
            assert_eq!(order_count(text), expected, "{text}");
        }
    }

    #[test]
    fn reads_sizes_and_roles_in_both_languages() {
        assert_eq!(size("小型"), Ok(CompanySize::Small));
        assert_eq!(size("Large"), Ok(CompanySize::Large));
        assert_eq!(size("微型"), Ok(CompanySize::Micro));
        assert_eq!(size("MEDIUM"), Ok(CompanySize::Medium));
        assert_eq!(size("巨型"), Err(Problem::NotASize));
        assert_eq!(role("决策者"), Ok(DecisionRole::DecisionMaker));
        assert_eq!(role("Decision Maker"), Ok(DecisionRole::DecisionMaker));
        assert_eq!(role("影响者"), Ok(DecisionRole::Influencer));
        assert_eq!(role("user"), Ok(DecisionRole::User));
        assert_eq!(role("老板"), Err(Problem::NotARole));
    }

    #[test]
    fn splits_tags_and_recognises_the_seed_tags() {
        assert_eq!(
            tags("战略客户，High Potential、降本; 老客户 |strategic||品质"),
            [
                Tag::Strategic,
                Tag::HighPotential,
                Tag::NeedCost,
                Tag::Free("老客户".into()),
                Tag::NeedQuality,
            ]
        );
        assert_eq!(
            tags("高流失风险、价格敏感、增效、efficiency"),
            [Tag::HighChurnRisk, Tag::PriceSensitive, Tag::NeedEfficiency]
        );
        assert!(tags(" ，、").is_empty());
    }

    #[test]
    fn problems_read_as_the_preview_shows_them() {
        let cases = [
            (Problem::Required, "is required"),
            (Problem::NotANumber, "not a number"),
            (Problem::Negative, "must be ≥ 0"),
            (Problem::InFuture, "is in the future"),
            (Problem::Differs { line: 4 }, "differs from line 4"),
        ];
        for (problem, text) in cases {
            assert_eq!(problem.to_string(), text);
        }
    }
}
