//! Real pages mounted in a real browser (Chromium, through wasm-bindgen-test) on a small data
//! set in memory: what a person sees on Today and in the customers table — headings, names,
//! tiers, the reasons behind a warning, the table's roles.
#![cfg(target_arch = "wasm32")]
// The size rules in clippy.toml are for the app, not its tests.
#![allow(clippy::disallowed_methods)]

use chrono::NaiveDate;
use kehu_weihu::domain::money::Fen;
use kehu_weihu::domain::records::{
    Customer, Order, PresetId, SatisfactionEntry, SatisfactionKind, Tier, TierState,
};
use kehu_weihu::i18n::Lang;
use kehu_weihu::store::Loaded;
use kehu_weihu::ui::testing::{mount_page, TestPage};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;
use common::customer;

wasm_bindgen_test_configure!(run_in_browser);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 23);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

fn order(id: &str, on: NaiveDate, wan: i64) -> Order {
    Order {
        id: id.into(),
        date: Some(on),
        amount_fen: Fen::from_wan(wan),
        ..Order::default()
    }
}

/// Three customers under preset 001: one A (84 万 a year, since 2023, an industry leader), one
/// new and small, and one
/// whose latest feedback is 2 of 10 (a churn warning).
fn data() -> Loaded {
    let mut tech = customer("tech", "Tech Co.");
    tech.created_on = Some(day(2023, 1, 10));
    tech.strategy.industry_leader = true;
    tech.orders = (0..4)
        .map(|q| order(&format!("t{q}"), day(2026, 2 + q * 3, 5), 21))
        .chain([order("t-old", day(2023, 3, 1), 80)])
        .collect();
    let mut small = customer("small", "Small Shop");
    small.created_on = Some(day(2026, 9, 1));
    small.orders = vec![order("s1", day(2026, 10, 1), 1)];
    let mut unhappy: Customer = customer("unhappy", "Unhappy Ltd");
    unhappy.created_on = Some(day(2025, 1, 1));
    unhappy.orders = vec![order("u1", day(2026, 6, 1), 12)];
    unhappy.satisfaction = vec![SatisfactionEntry {
        id: "fb".into(),
        date: Some(day(2026, 11, 1)),
        kind: Some(SatisfactionKind::Feedback),
        score: 2,
        ..SatisfactionEntry::default()
    }];
    // As the app stores them: each with the tier its rules gave it.
    for (c, tier) in [
        (&mut tech, Tier::A),
        (&mut small, Tier::D),
        (&mut unhappy, Tier::D),
    ] {
        c.tiering = TierState {
            preset: Some(PresetId::Abcd001),
            current: Some(tier),
            since: Some(day(2026, 10, 1)),
            ..TierState::default()
        };
    }
    Loaded {
        customers: vec![tech, small, unhappy],
        settings: Default::default(),
        followups: Vec::new(),
        plans: Vec::new(),
        todos: Vec::new(),
    }
}

/// A fresh element in the document to mount a page in.
fn host() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// The texts of the elements matching `selector` in `root`, once there are some (the page
/// draws some parts after the first frame); none after 5 s.
async fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    for _ in 0..100 {
        let found = root.query_selector_all(selector).unwrap();
        if found.length() > 0 {
            return (0..found.length())
                .map(|i| found.item(i).unwrap().text_content().unwrap_or_default())
                .map(|t| t.trim().to_string())
                .collect();
        }
        pause(50).await;
    }
    Vec::new()
}

#[wasm_bindgen_test]
async fn today_lists_who_to_contact_and_who_is_at_risk_with_the_reason() {
    let root = host();
    mount_page(root.clone(), TestPage::Today, Lang::En, data(), today());
    assert_eq!(texts(&root, "h1").await, ["Today"]);
    // Nobody has been contacted yet: every customer is due, each with what is due.
    let due = texts(&root, ".today-section .due-who a").await;
    for name in ["Tech Co.", "Small Shop", "Unhappy Ltd"] {
        assert!(
            due.iter().any(|d| d == name),
            "{name} is not listed: {due:?}"
        );
    }
    // Feedback 2 of 10 is a churn warning: listed at risk, with the score and the threshold.
    let at_risk = texts(&root, ".at-risk .due-who a").await;
    assert_eq!(at_risk, ["Unhappy Ltd"]);
    let why = texts(&root, ".at-risk .due-why").await;
    assert_eq!(why.len(), 1);
    assert!(why[0].contains("feedback 2/10 (≤ 3"), "{why:?}");
}

#[wasm_bindgen_test]
async fn the_customers_table_shows_each_customer_with_its_tier() {
    let root = host();
    mount_page(root.clone(), TestPage::Customers, Lang::En, data(), today());
    assert_eq!(texts(&root, "h1").await, ["Customers"]);
    let table = root.query_selector("table").unwrap().expect("a table");
    assert!(
        table.class_list().contains("customers-table"),
        "{}",
        table.class_name()
    );
    let headers = texts(&root, "table thead th").await;
    assert!(headers.iter().any(|h| h.starts_with("Tier")), "{headers:?}");
    let names = texts(&root, "table tbody tr a").await;
    assert_eq!(names.len(), 3, "{names:?}");
    let row_of = |name: &str| {
        let rows = root.query_selector_all("table tbody tr").unwrap();
        (0..rows.length())
            .map(|i| rows.item(i).unwrap().unchecked_into::<web_sys::Element>())
            .find(|r| r.text_content().unwrap_or_default().contains(name))
            .unwrap_or_else(|| panic!("no row for {name}"))
    };
    let tier_of = |name: &str| {
        row_of(name)
            .query_selector(".tier")
            .unwrap()
            .and_then(|t| t.text_content())
            .unwrap_or_default()
    };
    assert_eq!(tier_of("Tech Co."), "A");
    assert_eq!(tier_of("Small Shop"), "D");
}

#[wasm_bindgen_test]
async fn the_pages_speak_chinese_when_asked() {
    let root = host();
    mount_page(root.clone(), TestPage::Today, Lang::Zh, data(), today());
    assert_eq!(texts(&root, "h1").await, ["今日"]);
    let why = texts(&root, ".at-risk .due-why").await;
    assert!(why[0].contains("客户反馈 2 分（≤ 3"), "{why:?}");
}
