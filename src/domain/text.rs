//! Text normalisation for search and duplicate detection, in Chinese and Latin script alike.

/// Folds text so that what a person would call "the same" compares equal: full-width
/// letters, digits and punctuation (common in Chinese input) become half-width, Latin letters
/// become lower case, and runs of whitespace become one space. Chinese characters are kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let c = match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Digits only: phone numbers written "138-0000 0000", "+86 13800000000" or "138 0000 0000"
/// compare by their last 11 digits (a mainland mobile number) or all of them when shorter.
pub fn phone_key(phone: &str) -> String {
    let digits: String = fold(phone).chars().filter(char::is_ascii_digit).collect();
    let skip = digits.len().saturating_sub(11);
    digits[skip..].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_and_spaces() {
        let cases = [
            ("ＡＢＣ公司", "abc公司"),
            ("  YY贸易  公司 ", "yy贸易 公司"),
            ("科技公司", "科技公司"),
            ("Zhang\u{3000}San", "zhang san"),
            ("１２３", "123"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "{input:?}");
        }
    }

    #[test]
    fn phone_numbers_compare_by_their_digits() {
        assert_eq!(phone_key("+86 138-0000 0000"), "13800000000");
        assert_eq!(phone_key("138 0000 0000"), "13800000000");
        assert_eq!(phone_key("010-1234"), "0101234");
        assert_eq!(phone_key(""), "");
    }
}
