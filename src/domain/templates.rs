//! The seeds' templates (002 §8): which there are, the user's own wording, and filling
//! `{placeholders}` from the data. The wording itself lives in the i18n catalogue.

use serde::{Deserialize, Serialize};

use crate::domain::stable::stable_enum;

stable_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum TemplateId {
        /// 客户信息登记表 (模板1): printable blank or pre-filled.
        Registration,
        /// 合作感谢信 (模板2): after the first deal.
        ThankYou,
        /// A类客户跟进报告 (模板3): from an A customer's follow-up.
        AReport,
        /// 客户关怀简报 (模板4): for a group of customers.
        Newsletter,
    }
}

/// Wording the user changed and kept, per template and UI language ("zh", "en").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomWording {
    pub template: TemplateId,
    pub lang: String,
    pub text: String,
}

/// Replaces each `{key}` with its value; placeholders without a value stay as they are, so a
/// typo in a custom wording shows instead of vanishing.
pub fn fill(text: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let key = &after[..end];
                match values.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_placeholders_and_keeps_the_rest() {
        let values = [
            ("customer", "科技公司".to_string()),
            ("first_deal", "2020-10-15".to_string()),
        ];
        assert_eq!(
            fill("感谢{customer}于{first_deal}选择我们，{unknown}", &values),
            "感谢科技公司于2020-10-15选择我们，{unknown}"
        );
        assert_eq!(fill("no braces", &values), "no braces");
        assert_eq!(fill("open { brace", &values), "open { brace");
        assert_eq!(fill("{customer}{customer}", &values), "科技公司科技公司");
    }
}
