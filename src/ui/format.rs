//! Numbers and dates as the UI shows them.

use chrono::NaiveDate;

use crate::domain::money::{format_amount, Fen, MoneyUnit};
use crate::i18n::Lang;

/// "85 万", "12,500 元", "85 ×10k CNY": the data set's unit, thousands grouped.
pub fn money(lang: Lang, amount: Fen, unit: MoneyUnit) -> String {
    format!(
        "{} {}",
        group_thousands(&format_amount(amount, unit)),
        lang.unit_suffix(unit)
    )
}

fn group_thousands(number: &str) -> String {
    let (sign, rest) = number.strip_prefix('-').map_or(("", number), |r| ("-", r));
    let (whole, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Dates are exact and unambiguous in both languages: 2024-03-15.
pub fn date(d: NaiveDate) -> String {
    d.to_string()
}

pub fn percent_change(change: i64) -> String {
    if change > 0 {
        format!("+{change}%")
    } else {
        format!("{change}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_and_keeps_decimals() {
        assert_eq!(group_thousands("1234567.5"), "1,234,567.5");
        assert_eq!(group_thousands("850"), "850");
        assert_eq!(group_thousands("-50000"), "-50,000");
        assert_eq!(money(Lang::Zh, Fen::from_wan(85), MoneyUnit::Wan), "85 万");
        assert_eq!(
            money(Lang::Zh, Fen::from_yuan(50_000), MoneyUnit::Yuan),
            "50,000 元"
        );
    }
}
