//! The storage layer in a real browser (headless Chromium via wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]
// The size rules in clippy.toml are for the app, not its tests.
#![allow(clippy::disallowed_methods)]

use kehu_weihu::domain::customer::Customer;
use kehu_weihu::store::schema::{self, Schema};
use kehu_weihu::store::{Db, StoreError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A database of its own per test, so tests never see each other's data.
fn db_name(test: &str) -> String {
    format!("test-{test}-{}", js_sys::Math::random())
}

fn customer(id: &str, name: &str) -> Customer {
    Customer {
        id: id.into(),
        name: name.into(),
        ..Customer::default()
    }
}

#[wasm_bindgen_test]
async fn a_customer_survives_closing_and_reopening_the_database() {
    let name = db_name("reopen");
    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    assert_eq!(db.version(), schema::CURRENT.version);
    let written = customer("c-1", "科技公司 🚀");
    db.put(&written).await.unwrap();
    db.put(&customer("c-2", "YY贸易公司")).await.unwrap();
    db.close();

    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    let read: Option<Customer> = db.get("c-1").await.unwrap();
    assert_eq!(read, Some(written));
    let missing: Option<Customer> = db.get("c-404").await.unwrap();
    assert_eq!(missing, None);
    let mut all: Vec<Customer> = db.all().await.unwrap();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(
        all.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["科技公司 🚀", "YY贸易公司"]
    );
    db.close();
    Db::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn putting_the_same_id_replaces_the_record() {
    let name = db_name("replace");
    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    db.put(&customer("c-1", "旧名")).await.unwrap();
    db.put(&customer("c-1", "新名")).await.unwrap();
    let all: Vec<Customer> = db.all().await.unwrap();
    assert_eq!(all, vec![customer("c-1", "新名")]);
    db.close();
    Db::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_tab_whose_database_was_upgraded_elsewhere_is_told_to_reload() {
    let name = db_name("outdated");
    let old_tab = Db::open_with(&name, schema::CURRENT).await.unwrap();
    // Another tab opens a newer version: the browser closes the old tab's connection.
    let newer = Schema {
        version: schema::CURRENT.version + 1,
        stores: schema::CURRENT.stores,
    };
    let new_tab = Db::open_with(&name, newer).await.unwrap();
    let err = old_tab.put(&customer("c-1", "x")).await.unwrap_err();
    assert_eq!(err, StoreError::Outdated);
    // And an old app meeting the newer database is told the same, not a bare failure.
    let err = Db::open_with(&name, schema::CURRENT).await.err().unwrap();
    assert_eq!(err, StoreError::Outdated);
    new_tab.close();
    Db::delete(&name).await.unwrap();
}
