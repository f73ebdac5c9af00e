//! Money as the UI writes it, in either language.

use super::Lang;
use crate::domain::money::{format_amount, format_rounded, Fen, MoneyUnit};

impl Lang {
    /// "85 万", "0.2 万", "12,500 元", "85 ×10k CNY": as a person reads it — the data set's
    /// unit, at most two decimals, thousands grouped.
    pub fn money(self, amount: Fen, unit: MoneyUnit) -> String {
        format!(
            "{} {}",
            group_thousands(&format_rounded(amount, unit)),
            self.unit_suffix(unit)
        )
    }

    /// The exact amount, for a tooltip: "0.199992 万".
    pub fn money_exact(self, amount: Fen, unit: MoneyUnit) -> String {
        format!(
            "{} {}",
            group_thousands(&format_amount(amount, unit)),
            self.unit_suffix(unit)
        )
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_and_keeps_decimals() {
        assert_eq!(group_thousands("1234567.5"), "1,234,567.5");
        assert_eq!(group_thousands("850"), "850");
        assert_eq!(group_thousands("-50000"), "-50,000");
        assert_eq!(Lang::Zh.money(Fen::from_wan(85), MoneyUnit::Wan), "85 万");
        assert_eq!(
            Lang::Zh.money(Fen::from_yuan(50_000), MoneyUnit::Yuan),
            "50,000 元"
        );
        assert_eq!(Lang::Zh.money(Fen(199_992), MoneyUnit::Wan), "0.2 万");
        assert_eq!(
            Lang::Zh.money_exact(Fen(199_992), MoneyUnit::Wan),
            "0.199992 万"
        );
        assert_eq!(
            Lang::Zh.money(Fen::from_wan(12_345), MoneyUnit::Wan),
            "12,345 万"
        );
    }
}
