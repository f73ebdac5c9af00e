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

/// The separators people type between items of a list in one field, in either script: a
/// new line, commas (`,` `，`), the enumeration comma `、` and semicolons (`;` `；`).
pub const LIST_SEPARATORS: [char; 6] = ['\n', ',', '，', '、', ';', '；'];

/// The items of a list typed in one field (topics, pain points, free tags), trimmed, blanks
/// dropped.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(LIST_SEPARATORS)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// One item a line (needs, which may hold commas of their own), trimmed, blanks dropped.
pub fn split_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_splits_on_every_separator_people_type() {
        let cases = [
            ("采购计划，新品", vec!["采购计划", "新品"]),
            ("采购计划、新品", vec!["采购计划", "新品"]),
            ("采购计划；新品", vec!["采购计划", "新品"]),
            ("price, delivery", vec!["price", "delivery"]),
            ("price; delivery", vec!["price", "delivery"]),
            ("采购计划\r\n新品\n", vec!["采购计划", "新品"]),
            (" a ,, 、 b ", vec!["a", "b"]),
            ("", vec![]),
            ("  ", vec![]),
            // A space is part of an item: "new product" is one topic.
            ("new product", vec!["new product"]),
        ];
        for (text, expected) in cases {
            assert_eq!(split_list(text), expected, "{text:?}");
        }
        assert_eq!(
            split_lines("新能源产线，二期\n\n 降本方案 "),
            vec!["新能源产线，二期", "降本方案"]
        );
    }

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
