//! CSV import for people coming from a spreadsheet (客户名单, 订单明细).
//!
//! Three steps, each shown to the user before the next: `read_table` reads the text the
//! browser decoded (UTF-8 or GBK alike), `guess_mapping` proposes a field for each header and
//! the user corrects it, `build_import` checks every row against the mapping and the stored
//! customers. Nothing is written while any error remains, so an import is never half done.
//!
//! A large file is read and checked a slice at a time so the page keeps drawing:
//! `TableReading` and `ImportBuilding` do what `read_table` and `build_import` do (which run
//! them to the end), with progress, and stop wherever their caller stops stepping them.

mod build;
mod building;
mod fields;
mod mapping;
mod matching;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
mod reading;
#[cfg(test)]
mod stepping_checks;
mod summary;
mod table;

pub use build::{build_import, CsvImport, Duplicate, ImportError, RowError};
pub use building::ImportBuilding;
pub use fields::Problem;
pub use mapping::{guess_mapping, Column};
pub use matching::merge_duplicate_orders;
pub use reading::TableReading;
pub use table::{read_table, CsvError, Header, Row, Table};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::{Fen, MoneyUnit};
    use crate::domain::records::{CompanySize, Contact, Customer, DecisionRole, Order, Tag};
    use chrono::NaiveDate;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2025, 6, 30);

    /// The whole path the UI takes, with the guessed mapping and ids id-1, id-2, ….
    fn import(text: &str, unit: MoneyUnit, existing: &[Customer]) -> CsvImport {
        let table = read_table(text).unwrap();
        let mapping = guess_mapping(&table.headers);
        let mut n = 0;
        let mut new_id = || {
            n += 1;
            format!("id-{n}")
        };
        let (y, m, d) = TODAY;
        build_import(&table, &mapping, unit, existing, ymd(y, m, d), &mut new_id)
    }

    fn messages(import: &CsvImport) -> Vec<String> {
        import.errors.iter().map(ToString::to_string).collect()
    }

    fn order(id: &str, date: NaiveDate, fen: i64, product: &str) -> Order {
        Order {
            id: id.into(),
            date: Some(date),
            amount_fen: Fen(fen),
            product: product.into(),
        }
    }

    #[test]
    fn a_freelancers_summary_sheet_brings_its_spend_and_tenure() {
        use crate::domain::calendar::YearsMonths;
        use crate::domain::figures::Figures;
        // The sheet: one row per customer, a yearly spend and a cooperation start.
        let text = "客户名称,联系人,年消费(万元),合作开始日期\n\
                    科技公司,张三,60,2024-06-30\n\
                    新客户,李四,,\n";
        let import = import(text, MoneyUnit::Wan, &[]);
        assert!(import.errors.is_empty(), "{:?}", messages(&import));
        let (y, m, d) = TODAY;
        let today = ymd(y, m, d);
        let [tech, new] = import.customers.as_slice() else {
            panic!("{:?}", import.customers);
        };
        let figures = Figures::of(tech, today);
        assert_eq!(figures.spend_12m, Fen(600_000 * 100));
        assert_eq!(figures.first_deal, Some(ymd(2024, 6, 30)));
        assert_eq!(
            figures.tenure,
            Some(YearsMonths {
                years: 1,
                months: 0
            })
        );
        assert_eq!(tech.contacts[0].name, "张三");
        assert_eq!(tech.orders.len(), 2);
        assert!(
            tech.orders.iter().all(|o| !o.id.is_empty()),
            "orders get ids"
        );
        assert!(new.orders.is_empty(), "blank summary cells make no order");
    }

    #[test]
    fn summary_columns_with_per_order_columns_or_contradicting_cells_are_refused() {
        let mixed = import(
            "客户名称,年消费,订单金额\nA公司,10,5\n",
            MoneyUnit::Wan,
            &[],
        );
        assert_eq!(
            messages(&mixed),
            ["column 年消费 sums up a customer's orders and column 订单金额 lists orders: map one kind only"]
        );
        let text = "客户名称,年消费,合作开始日期,最近下单日期,订单数\n\
                    A公司,10,2025-01-01,2024-12-31,\n\
                    B公司,10,,2024-01-01,\n\
                    C公司,,2024-01-01,2025-01-01,1\n\
                    D公司,,,,1.5\n";
        let refused = import(text, MoneyUnit::Wan, &[]);
        assert_eq!(
            messages(&refused),
            [
                "line 2, 最近下单日期: is before the cooperation start",
                "line 3, 年消费: a 12-month spend needs a last order within the last 12 months",
                "line 4, 订单数: is fewer than the 2 orders the spend and dates on this row make",
                "line 5, 订单数: not a whole number of orders (0 to 1000)",
            ]
        );
    }

    #[test]
    fn chinese_headers_fill_the_whole_profile() {
        let text = "客户名称,行业,企业规模,线索来源,负责人,转介绍人,联系人,职位,角色,手机,邮箱,微信,标签\n\
                    科技公司,制造,大型,展会,王芳,YY贸易公司,张三,采购总监,决策者,138-0000-0000,zs@tech.cn,zs_wx,战略客户、降本、老朋友\n";
        let import = import(text, MoneyUnit::Wan, &[]);
        assert!(import.errors.is_empty(), "{:?}", messages(&import));
        let expected = Customer {
            id: "id-1".into(),
            name: "科技公司".into(),
            industry: "制造".into(),
            size: Some(CompanySize::Large),
            lead_source: "展会".into(),
            owner: "王芳".into(),
            referred_by: "YY贸易公司".into(),
            contacts: vec![Contact {
                name: "张三".into(),
                title: "采购总监".into(),
                role: Some(DecisionRole::DecisionMaker),
                phone: "138-0000-0000".into(),
                email: "zs@tech.cn".into(),
                wechat: "zs_wx".into(),
                ..Contact::default()
            }],
            tags: vec![Tag::Strategic, Tag::NeedCost, Tag::Free("老朋友".into())],
            created_on: Some(ymd(2025, 6, 30)),
            ..Customer::default()
        };
        assert_eq!(import.customers, [expected]);
        assert_eq!(import.rows_read, 1);
    }

    #[test]
    fn english_headers_in_a_tab_separated_file_with_orders_in_yuan() {
        let text = "Customer\tSize\tContact\tRole\tDate\tAmount\tProduct\n\
                    Acme Ltd\tsmall\tJane\tInfluencer\t2024-05-01\t50,000\tTraining\n\
                    acme ltd\t\tjane\t\t2024/06/01\t0.5\tSupport\n";
        let import = import(text, MoneyUnit::Yuan, &[]);
        assert!(import.errors.is_empty(), "{:?}", messages(&import));
        let [acme] = import.customers.as_slice() else {
            panic!("{:?}", import.customers);
        };
        assert_eq!(acme.name, "Acme Ltd");
        assert_eq!(acme.size, Some(CompanySize::Small));
        assert_eq!(acme.contacts[0].role, Some(DecisionRole::Influencer));
        assert_eq!(
            acme.orders,
            [
                order("id-2", ymd(2024, 5, 1), 5_000_000, "Training"),
                order("id-3", ymd(2024, 6, 1), 50, "Support"),
            ]
        );
    }

    #[test]
    fn bom_and_quoted_cells_with_commas_and_line_breaks() {
        let text = "\u{FEFF}客户名称,备注,标签\n\
                    \"Acme, Inc.\",\"第一行\n第二行, 还有逗号\",\"高潜力,价格敏感\"\n\
                    \"引号\"\"公司\"\"\",,\n\
                    B公司,,\"高潜力\"\n";
        let import = import(text, MoneyUnit::Wan, &[]);
        assert!(import.errors.is_empty(), "{:?}", messages(&import));
        let names: Vec<&str> = import.customers.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Acme, Inc.", "引号\"公司\"", "B公司"]);
        assert_eq!(
            import.customers[0].tags,
            [Tag::HighPotential, Tag::PriceSensitive]
        );
        // The header and a two-line row come first, so B公司 is on line 5.
        let table = read_table(text).unwrap();
        let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 5]);
    }

    #[test]
    fn order_rows_group_into_customers_by_name_and_contact() {
        let text = "客户名称,联系人,手机,下单日期,金额（万元）,产品\n\
                    科技公司,张三,13800000000,2024-01-15,85,咨询\n\
                    YY贸易公司,李四,,2024/02/01,35,培训\n\
                    科技公司,,,2024年3月5日,12.5,培训\n\
                    科技公司,王五,13900000000,2024.04.01,1,咨询\n\
                    ＹＹ贸易公司,李四,,2024-05-01,\"0.5\",\n";
        let import = import(text, MoneyUnit::Wan, &[]);
        assert!(import.errors.is_empty(), "{:?}", messages(&import));
        assert!(import.duplicates.is_empty());
        let summary: Vec<(&str, &str, &str, Vec<&Order>)> = import
            .customers
            .iter()
            .map(|c| {
                let contact = c.contacts.first().map_or("", |p| p.name.as_str());
                (
                    c.id.as_str(),
                    c.name.as_str(),
                    contact,
                    c.orders.iter().collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "id-1",
                    "科技公司",
                    "张三",
                    vec![
                        &order("id-2", ymd(2024, 1, 15), 85_000_000, "咨询"),
                        &order("id-3", ymd(2024, 3, 5), 12_500_000, "培训"),
                    ]
                ),
                (
                    "id-4",
                    "YY贸易公司",
                    "李四",
                    vec![
                        &order("id-5", ymd(2024, 2, 1), 35_000_000, "培训"),
                        &order("id-6", ymd(2024, 5, 1), 500_000, ""),
                    ]
                ),
                // Same name, another contact: another company of that name.
                (
                    "id-7",
                    "科技公司",
                    "王五",
                    vec![&order("id-8", ymd(2024, 4, 1), 1_000_000, "咨询")]
                ),
            ]
        );
    }

    #[test]
    fn amounts_are_exact_in_wan_and_in_yuan() {
        let text = "客户名称,金额\nA公司,12.5\nB公司,\"1,234.56\"\nC公司,0.000001\n";
        let amounts = |unit| -> Vec<Result<Fen, Vec<String>>> {
            let import = import(text, unit, &[]);
            if !import.errors.is_empty() {
                return vec![Err(messages(&import))];
            }
            (import.customers.iter())
                .map(|c| Ok(c.orders[0].amount_fen))
                .collect()
        };
        assert_eq!(
            amounts(MoneyUnit::Wan),
            [Ok(Fen(12_500_000)), Ok(Fen(1_234_560_000)), Ok(Fen(1))]
        );
        assert_eq!(
            amounts(MoneyUnit::Yuan),
            [Err(vec![
                "line 4, 金额: has more than 2 decimals".to_string()
            ])]
        );
        let yuan = import(
            "客户名称,金额\nA公司,12.5\nB公司,\"1,234.56\"\n",
            MoneyUnit::Yuan,
            &[],
        );
        let fen: Vec<Fen> = yuan
            .customers
            .iter()
            .map(|c| c.orders[0].amount_fen)
            .collect();
        assert_eq!(fen, [Fen(1_250), Fen(123_456)]);
    }

    #[test]
    fn reports_every_problem_at_once_naming_line_and_header() {
        let text = "客户名称,企业规模,角色,下单日期,金额\n\
                    A公司,小型,决策者,2024-01-01,10\n\
                    B公司,巨型,老板,2024-13-01,abc\n\
                    ,,,2024-01-01,-5\n\
                    C公司,,,2025-07-01,\n\
                    A公司,中型,,2024-02-01,1\n\
                    \n\
                    D公司,,,2025-06-30,1.5\n";
        let import = import(text, MoneyUnit::Wan, &[]);
        assert_eq!(
            messages(&import),
            [
                "line 3, 企业规模: not a size (微型, 小型, 中型, 大型)",
                "line 3, 角色: not a role (决策者, 影响者, 使用者)",
                "line 3, 下单日期: not a date (use YYYY-MM-DD)",
                "line 3, 金额: not a number",
                "line 4, 客户名称: is required",
                "line 4, 金额: must be ≥ 0",
                "line 5, 下单日期: is in the future",
                "line 5, 金额: is required",
                "line 6, 企业规模: differs from line 2",
            ]
        );
        // Still read, for the preview's counts: the rows with a name.
        let names: Vec<&str> = import.customers.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["A公司", "B公司", "C公司", "D公司"]);
        assert_eq!(import.rows_read, 6);
        // Bad orders are dropped, good ones kept; D公司's order is dated today.
        let orders: Vec<usize> = import.customers.iter().map(|c| c.orders.len()).collect();
        assert_eq!(orders, [2, 0, 0, 1]);
    }

    #[test]
    fn duplicates_of_stored_customers_are_set_aside_with_their_orders() {
        let stored = |id: &str, name: &str, phone: &str| Customer {
            id: id.into(),
            name: name.into(),
            contacts: vec![Contact {
                phone: phone.into(),
                ..Contact::default()
            }],
            ..Customer::default()
        };
        let existing = [
            stored("c-tech", "科技公司", "138 0000 0000"),
            stored("c-yy", "YY贸易公司", ""),
        ];
        let text = "客户名称,联系人,电话,下单日期,金额\n\
                    科技公司,张三,+86 138-0000-0000,2024-01-15,85\n\
                    新公司,,,2024-02-01,3\n\
                    科技公司,张三,,2024-03-01,2\n\
                    yy贸易公司,李四,,2024-04-01,1\n\
                    科技公司,王五,13900000000,2024-05-01,4\n";
        let import = import(text, MoneyUnit::Wan, &existing);
        assert!(import.errors.is_empty(), "{:?}", messages(&import));
        assert_eq!(
            import.duplicates,
            [
                Duplicate {
                    line: 2,
                    name: "科技公司".into(),
                    existing_id: Some("c-tech".into()),
                    earlier_line: None,
                    orders: vec![
                        order("id-1", ymd(2024, 1, 15), 85_000_000, ""),
                        order("id-2", ymd(2024, 3, 1), 2_000_000, ""),
                    ],
                },
                // The stored YY贸易公司 knows no contact, so the name decides.
                Duplicate {
                    line: 5,
                    name: "yy贸易公司".into(),
                    existing_id: Some("c-yy".into()),
                    earlier_line: None,
                    orders: vec![order("id-5", ymd(2024, 4, 1), 1_000_000, "")],
                },
            ]
        );
        let new: Vec<(&str, &str)> = (import.customers.iter())
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect();
        assert_eq!(new, [("id-3", "新公司"), ("id-6", "科技公司")]);

        // Keeping the orders: appended once, and not again on a second import.
        let mut tech = existing[0].clone();
        let orders = &import.duplicates[0].orders;
        assert_eq!(merge_duplicate_orders(&mut tech, orders), 2);
        assert_eq!(merge_duplicate_orders(&mut tech, orders), 0);
        assert_eq!(tech.orders.len(), 2);
    }

    #[test]
    fn without_order_columns_a_repeated_row_is_a_duplicate_within_the_file() {
        let existing = [Customer {
            id: "c-old".into(),
            name: "老客户".into(),
            ..Customer::default()
        }];
        let text = "客户名称,联系人,邮箱,行业\n\
                    甲公司,张三,zs@jia.cn,制造\n\
                    乙公司,,,贸易\n\
                    甲公司,,ZS@JIA.CN,制造\n\
                    老客户,,,\n\
                    甲公司,李四,ls@jia.cn,\n\
                    乙公司,,,\n";
        let import = import(text, MoneyUnit::Wan, &existing);
        assert!(import.errors.is_empty(), "{:?}", messages(&import));
        let duplicates: Vec<(usize, &str, Option<&str>, Option<usize>)> = import
            .duplicates
            .iter()
            .map(|d| {
                (
                    d.line,
                    d.name.as_str(),
                    d.existing_id.as_deref(),
                    d.earlier_line,
                )
            })
            .collect();
        assert_eq!(
            duplicates,
            [
                (4, "甲公司", None, Some(2)),
                (5, "老客户", Some("c-old"), None),
                (7, "乙公司", None, Some(3)),
            ]
        );
        let new: Vec<(&str, &str)> = (import.customers.iter())
            .map(|c| {
                (
                    c.id.as_str(),
                    c.contacts.first().map_or("", |p| p.name.as_str()),
                )
            })
            .collect();
        assert_eq!(new, [("id-1", "张三"), ("id-2", ""), ("id-3", "李四")]);
    }

    #[test]
    fn a_fifty_row_order_sheet() {
        // 10 customers × 5 monthly orders, 1.5 万 each, written the way Excel exports them.
        let mut text = String::from("客户名称,联系人,下单日期,金额,产品\n");
        for month in 1..=5 {
            for n in 0..10 {
                text.push_str(&format!(
                    "客户{n:02},联系人{n},2024/{month}/15,1.5,产品{n}\n"
                ));
            }
        }
        let import = import(&text, MoneyUnit::Wan, &[]);
        assert!(import.errors.is_empty(), "{:?}", messages(&import));
        assert_eq!(import.rows_read, 50);
        assert_eq!(import.customers.len(), 10);
        for (n, customer) in import.customers.iter().enumerate() {
            assert_eq!(customer.name, format!("客户{n:02}"));
            assert_eq!(customer.orders.len(), 5);
            let total: Fen = customer.orders.iter().map(|o| o.amount_fen).sum();
            assert_eq!(total, Fen(7_500_000));
            assert_eq!(customer.first_deal(), Some(ymd(2024, 1, 15)));
            assert_eq!(customer.last_order(), Some(ymd(2024, 5, 15)));
        }
        // 10 customer ids and 50 order ids, none repeated.
        let mut ids: Vec<&str> = (import.customers.iter())
            .flat_map(|c| {
                std::iter::once(c.id.as_str()).chain(c.orders.iter().map(|o| o.id.as_str()))
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 60);
    }
}
