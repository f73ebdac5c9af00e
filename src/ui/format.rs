//! Numbers and dates as the UI shows them.

use chrono::NaiveDate;

use crate::domain::money::{Fen, MoneyUnit};
use crate::i18n::Lang;

/// See [`Lang::money`].
pub fn money(lang: Lang, amount: Fen, unit: MoneyUnit) -> String {
    lang.money(amount, unit)
}

/// See [`Lang::money_exact`]: for the tooltip of a rounded amount.
pub fn money_exact(lang: Lang, amount: Fen, unit: MoneyUnit) -> String {
    lang.money_exact(amount, unit)
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
