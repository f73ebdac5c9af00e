//! Which profile field each column of the file fills, guessed from common header names.

use crate::domain::text::fold;

/// The profile field a column is imported into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Ignore,
    Name,
    Industry,
    Size,
    LeadSource,
    Owner,
    ReferredBy,
    ContactName,
    ContactTitle,
    ContactRole,
    ContactPhone,
    ContactEmail,
    ContactWechat,
    Tags,
    OrderDate,
    OrderAmount,
    OrderProduct,
    /// A customer's spend over the last 12 months (年消费), one figure per row.
    Spend12m,
    /// The day the cooperation began (合作开始日期): the first deal, which tenure reads.
    FirstDeal,
    LastOrder,
    /// How many orders the customer has placed in all.
    OrderCount,
}

impl Column {
    /// Every choice, in the order the mapping menu offers them.
    pub const ALL: [Column; 21] = [
        Column::Ignore,
        Column::Name,
        Column::Industry,
        Column::Size,
        Column::LeadSource,
        Column::Owner,
        Column::ReferredBy,
        Column::ContactName,
        Column::ContactTitle,
        Column::ContactRole,
        Column::ContactPhone,
        Column::ContactEmail,
        Column::ContactWechat,
        Column::Tags,
        Column::OrderDate,
        Column::OrderAmount,
        Column::OrderProduct,
        Column::Spend12m,
        Column::FirstDeal,
        Column::LastOrder,
        Column::OrderCount,
    ];

    /// Columns that describe one order each; mapping any of them makes rows orders.
    pub fn is_order(self) -> bool {
        matches!(
            self,
            Column::OrderDate | Column::OrderAmount | Column::OrderProduct
        )
    }

    /// Columns that sum up a customer's business on one row (a sheet kept per customer, not
    /// per order); they become orders the figures read (see `summary`).
    pub fn is_summary(self) -> bool {
        matches!(
            self,
            Column::Spend12m | Column::FirstDeal | Column::LastOrder | Column::OrderCount
        )
    }
}

/// Header names people use, already folded (lower case, half-width).
const SYNONYMS: &[(Column, &[&str])] = &[
    (
        Column::Name,
        &[
            "客户名称",
            "客户",
            "客户名",
            "公司名称",
            "公司",
            "企业名称",
            "名称",
            "name",
            "customer",
            "customer name",
            "company",
            "company name",
        ],
    ),
    (Column::Industry, &["行业", "所属行业", "industry"]),
    (
        Column::Size,
        &["规模", "企业规模", "公司规模", "size", "company size"],
    ),
    (
        Column::LeadSource,
        &["来源", "线索来源", "客户来源", "source", "lead source"],
    ),
    (
        Column::Owner,
        &["负责人", "客户经理", "跟进人", "owner", "account manager"],
    ),
    (
        Column::ReferredBy,
        &["转介绍人", "介绍人", "推荐人", "referred by", "referrer"],
    ),
    (
        Column::ContactName,
        &["联系人", "联系人姓名", "姓名", "contact", "contact name"],
    ),
    (
        Column::ContactTitle,
        &["职位", "职务", "title", "job title"],
    ),
    (
        Column::ContactRole,
        &["角色", "决策角色", "决策链角色", "role", "decision role"],
    ),
    (
        Column::ContactPhone,
        &[
            "电话",
            "手机",
            "手机号",
            "联系电话",
            "联系方式",
            "phone",
            "mobile",
            "tel",
        ],
    ),
    (
        Column::ContactEmail,
        &["邮箱", "电子邮箱", "邮件", "email", "e-mail", "mail"],
    ),
    (Column::ContactWechat, &["微信", "微信号", "wechat"]),
    (Column::Tags, &["标签", "tags", "tag"]),
    (
        Column::OrderDate,
        &[
            "下单日期",
            "订单日期",
            "成交日期",
            "日期",
            "date",
            "order date",
        ],
    ),
    (
        Column::OrderAmount,
        &[
            "金额",
            "订单金额",
            "消费金额",
            "成交金额",
            "amount",
            "order amount",
        ],
    ),
    (
        Column::OrderProduct,
        &[
            "产品",
            "服务",
            "产品/服务",
            "产品名称",
            "购买产品",
            "product",
            "service",
        ],
    ),
    (
        Column::Spend12m,
        &[
            "年消费",
            "年消费额",
            "年度消费",
            "年消费金额",
            "年采购额",
            "年销售额",
            "近12个月消费",
            "近12个月消费额",
            "近一年消费",
            "annual spend",
            "yearly spend",
            "12-month spend",
            "spend (12 months)",
            "spend 12m",
            "annual revenue",
        ],
    ),
    (
        Column::FirstDeal,
        &[
            "合作开始日期",
            "合作开始时间",
            "合作开始",
            "开始合作日期",
            "首次合作日期",
            "首次成交日期",
            "首单日期",
            "cooperation start",
            "cooperation start date",
            "first deal",
            "first deal date",
            "first order date",
            "customer since",
        ],
    ),
    (
        Column::LastOrder,
        &[
            "最近下单日期",
            "最后下单日期",
            "最近成交日期",
            "最近购买日期",
            "最近一次购买",
            "最后成交日期",
            "last order",
            "last order date",
            "last purchase",
            "last purchase date",
        ],
    ),
    (
        Column::OrderCount,
        &[
            "订单数",
            "订单数量",
            "下单次数",
            "购买次数",
            "成交次数",
            "order count",
            "orders",
            "number of orders",
        ],
    ),
];

/// Guesses each header's column. Every column but `Ignore` is given to at most one header,
/// the first that names it, so a file with both 电话 and 手机 does not import two phones.
pub fn guess_mapping(headers: &[String]) -> Vec<Column> {
    let mut taken = Vec::new();
    headers
        .iter()
        .map(|header| {
            let key = header_key(header);
            let column = SYNONYMS
                .iter()
                .find(|(_, names)| names.contains(&key.as_str()))
                .map_or(Column::Ignore, |(column, _)| *column);
            if column == Column::Ignore || taken.contains(&column) {
                return Column::Ignore;
            }
            taken.push(column);
            column
        })
        .collect()
}

/// A header without the decoration spreadsheets add: a unit in brackets ("金额（万元）"),
/// a required-field star, a trailing colon.
fn header_key(header: &str) -> String {
    let folded = fold(header);
    let mut key = folded.as_str();
    if let Some(open) = key.find(['(', '[', '【']) {
        key = &key[..open];
    }
    key.trim_matches(|c: char| c == '*' || c == ':' || c.is_whitespace())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Column::*;

    fn guess(headers: &[&str]) -> Vec<Column> {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        guess_mapping(&headers)
    }

    #[test]
    fn guesses_chinese_headers() {
        let headers = [
            "客户名称",
            "行业",
            "企业规模",
            "线索来源",
            "客户经理",
            "联系人",
            "职位",
            "角色",
            "手机",
            "邮箱",
            "微信",
            "标签",
            "下单日期",
            "订单金额",
            "产品",
            "备注",
        ];
        let expected = [
            Name,
            Industry,
            Size,
            LeadSource,
            Owner,
            ContactName,
            ContactTitle,
            ContactRole,
            ContactPhone,
            ContactEmail,
            ContactWechat,
            Tags,
            OrderDate,
            OrderAmount,
            OrderProduct,
            Ignore,
        ];
        assert_eq!(guess(&headers), expected);
    }

    #[test]
    fn guesses_english_headers_whatever_their_case_and_width() {
        let headers = [
            "Company",
            "INDUSTRY",
            "Size",
            "Lead Source",
            "Owner",
            "Referred by",
            "Contact",
            "Title",
            "Mobile",
            "E-mail",
            "WeChat",
            "Tags",
            "Date",
            "Ａｍｏｕｎｔ",
            "Product",
            "Notes",
        ];
        let expected = [
            Name,
            Industry,
            Size,
            LeadSource,
            Owner,
            ReferredBy,
            ContactName,
            ContactTitle,
            ContactPhone,
            ContactEmail,
            ContactWechat,
            Tags,
            OrderDate,
            OrderAmount,
            OrderProduct,
            Ignore,
        ];
        assert_eq!(guess(&headers), expected);
    }

    #[test]
    fn ignores_units_stars_and_colons_around_the_header() {
        let cases = [
            ("金额（万元）", OrderAmount),
            ("金额(元)", OrderAmount),
            ("*客户名称", Name),
            ("电话：", ContactPhone),
            ("日期【必填】", OrderDate),
            ("客户等级", Ignore),
        ];
        for (header, expected) in cases {
            assert_eq!(guess(&[header]), [expected], "{header}");
        }
    }

    #[test]
    fn guesses_a_freelancers_summary_columns_in_either_language() {
        assert_eq!(
            guess(&[
                "客户名称",
                "联系人",
                "年消费(万元)",
                "合作开始日期",
                "最近下单日期",
                "订单数"
            ]),
            [
                Name,
                ContactName,
                Spend12m,
                FirstDeal,
                LastOrder,
                OrderCount
            ]
        );
        assert_eq!(
            guess(&[
                "Customer",
                "Annual spend (yuan)",
                "Customer since",
                "Last order",
                "Orders"
            ]),
            [Name, Spend12m, FirstDeal, LastOrder, OrderCount]
        );
    }

    #[test]
    fn each_column_goes_to_the_first_header_naming_it() {
        assert_eq!(
            guess(&["电话", "名称", "手机", "客户", "Name"]),
            [ContactPhone, Name, Ignore, Ignore, Ignore]
        );
    }

    #[test]
    fn every_synonym_is_folded_and_unique() {
        // An unfolded synonym could never match, and one listed twice would be ambiguous.
        let mut seen = Vec::new();
        for (column, names) in SYNONYMS {
            for name in *names {
                assert_eq!(fold(name), *name, "{column:?}");
                assert!(!seen.contains(name), "{name} listed twice");
                seen.push(*name);
            }
        }
    }
}
