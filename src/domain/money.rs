//! Money, stored exactly.
//!
//! The seeds quote amounts in 万元 (001, 002: "年消费 ≥ 50 万") and in 元 (003: "50,000 元");
//! a data set states its unit once. Amounts are kept as integer 分 (1/100 元) so that adding a
//! few thousand orders never drifts the way floating point would.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::domain::stable::stable_enum;

/// An amount of money in 分 (fen, 1/100 yuan). Negative values are representable so that
/// validation can name them; orders themselves must be ≥ 0.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    pub const ZERO: Fen = Fen(0);

    /// Whole yuan, for comparisons against thresholds stated in yuan.
    pub fn from_yuan(yuan: i64) -> Fen {
        Fen(yuan * 100)
    }

    /// Whole 万元.
    pub fn from_wan(wan: i64) -> Fen {
        Fen(wan * 1_000_000)
    }

    pub fn saturating_add(self, other: Fen) -> Fen {
        Fen(self.0.saturating_add(other.0))
    }
}

impl std::iter::Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        iter.fold(Fen::ZERO, Fen::saturating_add)
    }
}

stable_enum! {
    /// The unit a data set states its amounts in (Settings).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum MoneyUnit {
        /// 万元 — the unit of seeds 000, 001 and 002.
        #[default]
        Wan,
        /// 元 — the unit of seed 003.
        Yuan,
    }
}

impl MoneyUnit {
    fn fen_per_unit(self) -> i64 {
        match self {
            MoneyUnit::Wan => 1_000_000,
            MoneyUnit::Yuan => 100,
        }
    }

    /// Digits after the decimal point that still name a whole 分.
    fn max_decimals(self) -> usize {
        match self {
            MoneyUnit::Wan => 6,
            MoneyUnit::Yuan => 2,
        }
    }
}

/// Why a typed amount could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    NotANumber,
    /// More decimals than the unit can hold exactly (e.g. 0.001 元).
    TooPrecise {
        max_decimals: usize,
    },
    TooLarge,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::Empty => write!(f, "is empty"),
            AmountError::NotANumber => write!(f, "is not a number"),
            AmountError::TooPrecise { max_decimals } => {
                write!(f, "has more than {max_decimals} decimals")
            }
            AmountError::TooLarge => write!(f, "is too large"),
        }
    }
}

impl std::error::Error for AmountError {}

/// Reads an amount typed in `unit`, exactly: "12.5" 万 is 12,500,000 分.
/// Accepts thousands separators (`,` and `，`), surrounding spaces and a leading sign.
pub fn parse_amount(text: &str, unit: MoneyUnit) -> Result<Fen, AmountError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '_'))
        .collect();
    if cleaned.is_empty() {
        return Err(AmountError::Empty);
    }
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !all_digits(whole) || !all_digits(frac) {
        return Err(AmountError::NotANumber);
    }
    let max_decimals = unit.max_decimals();
    if frac.len() > max_decimals {
        return Err(AmountError::TooPrecise { max_decimals });
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| AmountError::TooLarge)?
    };
    // Pad the fraction to the unit's full precision: "5" 万 → 500000 分 of the 万.
    let scale = unit.fen_per_unit();
    let frac_fen: i64 = if frac.is_empty() {
        0
    } else {
        let padded = format!("{frac:0<max_decimals$}");
        padded.parse().map_err(|_| AmountError::NotANumber)?
    };
    let fen = whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(frac_fen))
        .ok_or(AmountError::TooLarge)?;
    Ok(Fen(if negative { -fen } else { fen }))
}

/// Writes an amount in `unit` with no trailing zeros: 12,500,000 分 in 万 is "12.5".
pub fn format_amount(amount: Fen, unit: MoneyUnit) -> String {
    let scale = unit.fen_per_unit();
    let sign = if amount.0 < 0 { "-" } else { "" };
    let abs = amount.0.unsigned_abs();
    let whole = abs / scale as u64;
    let frac = abs % scale as u64;
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let frac = format!("{frac:0width$}", width = unit.max_decimals());
    format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
}

/// An amount as a person reads it in `unit`: rounded half away from zero to at most two
/// decimals, trailing zeros dropped (0.199992 万 → "0.2", 0.005 万 → "0.01", 12.5 万 →
/// "12.5"). An amount that is not zero but rounds to it reads "<0.01", never "0".
pub fn format_rounded(amount: Fen, unit: MoneyUnit) -> String {
    // Hundredths of the unit: 10,000 分 for 万, 1 分 for 元.
    let step = unit.fen_per_unit() / 100;
    let sign = if amount.0 < 0 { "-" } else { "" };
    let abs = amount.0.unsigned_abs();
    let step = step as u64;
    let hundredths = abs / step + u64::from(abs % step * 2 >= step);
    if hundredths == 0 && abs != 0 {
        return format!("{sign}<0.01");
    }
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_seeds_amounts_exactly() {
        // 001's worked example in 万元, 003's thresholds in 元.
        let cases = [
            ("85", MoneyUnit::Wan, Fen::from_wan(85)),
            ("12.5", MoneyUnit::Wan, Fen(12_500_000)),
            ("0.000001", MoneyUnit::Wan, Fen(1)),
            ("50,000", MoneyUnit::Yuan, Fen::from_yuan(50_000)),
            ("10，000.5", MoneyUnit::Yuan, Fen(1_000_050)),
            ("  3.07 ", MoneyUnit::Yuan, Fen(307)),
            (".5", MoneyUnit::Yuan, Fen(50)),
            ("-2", MoneyUnit::Yuan, Fen(-200)),
        ];
        for (text, unit, expected) in cases {
            assert_eq!(parse_amount(text, unit), Ok(expected), "{text} in {unit:?}");
        }
    }

    #[test]
    fn names_what_is_wrong_with_a_bad_amount() {
        let cases = [
            ("", MoneyUnit::Wan, AmountError::Empty),
            ("abc", MoneyUnit::Wan, AmountError::NotANumber),
            ("1.2.3", MoneyUnit::Wan, AmountError::NotANumber),
            (".", MoneyUnit::Wan, AmountError::NotANumber),
            (
                "0.001",
                MoneyUnit::Yuan,
                AmountError::TooPrecise { max_decimals: 2 },
            ),
            (
                "99999999999999999999",
                MoneyUnit::Yuan,
                AmountError::TooLarge,
            ),
        ];
        for (text, unit, expected) in cases {
            assert_eq!(parse_amount(text, unit), Err(expected), "{text:?}");
        }
    }

    #[test]
    fn format_and_parse_round_trip() {
        for fen in [0, 1, 99, 100, 12_500_000, 850_000_000, -307, 1_000_050] {
            for unit in [MoneyUnit::Wan, MoneyUnit::Yuan] {
                let text = format_amount(Fen(fen), unit);
                assert_eq!(
                    parse_amount(&text, unit),
                    Ok(Fen(fen)),
                    "{text} in {unit:?}"
                );
            }
        }
        assert_eq!(format_amount(Fen(12_500_000), MoneyUnit::Wan), "12.5");
        assert_eq!(format_amount(Fen(12_500_000), MoneyUnit::Yuan), "125000");
    }

    #[test]
    fn amounts_read_rounded_to_two_decimals() {
        let cases = [
            // The list's small amounts: 1,999.92 元 and 166.66 元 in 万.
            (Fen(199_992), MoneyUnit::Wan, "0.2"),
            (Fen(16_666), MoneyUnit::Wan, "0.02"),
            (Fen::from_wan(85), MoneyUnit::Wan, "85"),
            (Fen(12_500_000), MoneyUnit::Wan, "12.5"),
            (Fen(0), MoneyUnit::Wan, "0"),
            // 0.005 万 rounds up, just below it down; negatives mirror.
            (Fen(5_000), MoneyUnit::Wan, "0.01"),
            (Fen(4_999), MoneyUnit::Wan, "<0.01"),
            (Fen(1), MoneyUnit::Wan, "<0.01"),
            (Fen(-5_000), MoneyUnit::Wan, "-0.01"),
            (Fen(-199_992), MoneyUnit::Wan, "-0.2"),
            (Fen(-1), MoneyUnit::Wan, "-<0.01"),
            (Fen(1_234_950_000), MoneyUnit::Wan, "1234.95"),
            (Fen(1_234_995_000), MoneyUnit::Wan, "1235"),
            (Fen(1_234_994_999), MoneyUnit::Wan, "1234.99"),
            // 元 already has two decimals: exact.
            (Fen(307), MoneyUnit::Yuan, "3.07"),
            (Fen(1_000_050), MoneyUnit::Yuan, "10000.5"),
            (Fen(-5), MoneyUnit::Yuan, "-0.05"),
        ];
        for (fen, unit, expected) in cases {
            assert_eq!(format_rounded(fen, unit), expected, "{fen:?} in {unit:?}");
        }
    }

    #[test]
    fn thousands_of_small_orders_add_up_exactly() {
        // 0.1 元 ten thousand times is exactly 1,000 元: the drift floats would show.
        let total: Fen = std::iter::repeat_n(Fen(10), 10_000).sum();
        assert_eq!(total, Fen::from_yuan(1_000));
    }
}
