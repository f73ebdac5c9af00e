//! The storage layer in a real browser (headless Chromium via wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]
// The size rules in clippy.toml are for the app, not its tests.
#![allow(clippy::disallowed_methods)]

use chrono::NaiveDate;
use kehu_weihu::domain::cadence::plan::plan_ahead;
use kehu_weihu::domain::cadence::{CadenceSettings, PolicyId, Records, TouchKind};
use kehu_weihu::domain::records::Customer;
use kehu_weihu::domain::records::PlanItem;
use kehu_weihu::domain::tiering::{PresetId, Tier, TierState, TieringSettings};
use kehu_weihu::store::schema::stores;
use kehu_weihu::store::schema::{self, Schema};
use kehu_weihu::store::{Db, Record, StoreError};
use wasm_bindgen_test::*;

mod common;
use common::{customer, db_name};

wasm_bindgen_test_configure!(run_in_browser);

/// A database of its own per test, so tests never see each other's data.

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

/// A planned touch as stored, every field included.
#[derive(serde::Serialize, serde::Deserialize)]
struct RawPlan(serde_json::Value);

impl Record for RawPlan {
    const STORE: &'static str = stores::PLANS;
}

#[wasm_bindgen_test]
async fn plan_keys_written_before_stable_names_are_rewritten_and_still_stand_in() {
    // A customer in tier A of 003: an executive visit every half year, from 2026-01-05.
    let today = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let c = Customer {
        id: "c-1".into(),
        name: "科技公司".into(),
        tiering: TierState {
            preset: Some(PresetId::Abcd001),
            current: Some(Tier::A),
            since: Some(today),
            ..TierState::default()
        },
        ..Customer::default()
    };
    let cadence = CadenceSettings {
        policy: Some(PolicyId::P003),
        skip_weekends: false,
        holidays: vec![],
        onboarding: false,
        ..CadenceSettings::default()
    };
    let plan = |plans: &[PlanItem]| {
        let tiering = TieringSettings::default();
        let records = Records {
            customers: std::slice::from_ref(&c),
            followups: &[],
            plans,
            cadence: &cadence,
            tiering: &tiering,
            lunar: &[],
        };
        plan_ahead(&records, today, 12)
    };
    let generated = plan(&[]);
    let visit = generated
        .iter()
        .find(|t| t.kind == TouchKind::ExecutiveVisit)
        .expect("an executive visit is planned");
    let old_key = format!("c-1:ExecutiveVisit:{}", visit.date);

    // The user moved that visit, in an app of schema version 2.
    let name = db_name("stable-keys");
    let v2 = Db::open_with(&name, schema::SCHEMA_V2).await.unwrap();
    let moved_to = visit.date + chrono::Duration::days(3);
    let old_item = serde_json::json!({
        "id": "p-1", "customer_id": "c-1", "date": moved_to.to_string(),
        "kind": "executive_visit", "topics": ["半年复盘"], "owner": "", "note": "",
        "replaces": old_key, "snoozed_from": null, "snooze_reason": "", "cancelled": false,
        "from_a_newer_app": 7
    });
    v2.put_in(stores::PLANS, &old_item).await.unwrap();
    v2.put_in(
        stores::PLANS,
        &serde_json::json!({ "id": "p-2", "customer_id": "c-1", "date": "2026-02-02",
                             "kind": "call", "replaces": null }),
    )
    .await
    .unwrap();
    v2.close();

    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    let mut items: Vec<PlanItem> = db.all().await.unwrap();
    items.sort_by(|a, b| a.id.cmp(&b.id));
    let replaces: Vec<_> = items.iter().map(|p| p.replaces.clone()).collect();
    assert_eq!(replaces, [Some(visit.key()), None]);
    assert_eq!(visit.key(), format!("c-1:executive_visit:{}", visit.date));
    // The moved visit still stands in for the generated one: that one is gone, it is there.
    let after = plan(&items);
    assert!(after.iter().all(|t| t.key() != visit.key()));
    assert!(after
        .iter()
        .any(|t| t.stored.as_deref() == Some("p-1") && t.date == moved_to));
    // (With the key left as it was, the generated visit would come back beside it.)
    let mut unmigrated = items.clone();
    unmigrated[0].replaces = Some(old_key);
    assert!(plan(&unmigrated).iter().any(|t| t.key() == visit.key()));
    db.close();

    // Opening again changes nothing more; fields this app does not know were kept.
    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    let again: Vec<PlanItem> = db.all().await.unwrap();
    assert_eq!(again.len(), 2);
    let raw: Option<RawPlan> = db.get("p-1").await.unwrap();
    assert_eq!(raw.unwrap().0["from_a_newer_app"], 7);
    db.close();
    Db::delete(&name).await.unwrap();
}
