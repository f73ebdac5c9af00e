//! Customer storage in a real browser: schema upgrade on old data, two tabs editing the same
//! profile, delete with Undo, and all-or-nothing imports.
#![cfg(target_arch = "wasm32")]
// The size rules in clippy.toml are for the app, not its tests.
#![allow(clippy::disallowed_methods)]

use kehu_weihu::domain::money::{Fen, MoneyUnit};
use kehu_weihu::domain::records::{Customer, Order};
use kehu_weihu::domain::settings::DataSettings;
use kehu_weihu::domain::tiering::{Tier, TierDecision, TierState};
use kehu_weihu::store::schema::{self, stores};
use kehu_weihu::store::{Db, Freshness, StoreError};
use serde_json::json;
use wasm_bindgen_test::*;

mod common;
use common::{customer, db_name, set};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn data_written_by_schema_1_is_all_there_after_upgrading_to_the_current_schema() {
    let name = db_name("upgrade");
    let v1 = Db::open_with(&name, schema::SCHEMA_V1).await.unwrap();
    // Records exactly as version 1 of the app wrote them.
    v1.put_in(stores::CUSTOMERS, &json!({"id": "c-1", "name": "科技公司"}))
        .await
        .unwrap();
    v1.put_in(
        stores::CUSTOMERS,
        &json!({"id": "c-2", "name": "YY贸易公司"}),
    )
    .await
    .unwrap();
    v1.close();

    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    assert_eq!(db.version(), schema::CURRENT.version);
    let mut all = db.customers().await.unwrap();
    all.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(
        all,
        vec![customer("c-1", "科技公司"), customer("c-2", "YY贸易公司")]
    );
    // The new stores exist and work.
    db.put_in(
        stores::FOLLOWUPS,
        &json!({"id": "f-1", "customer_id": "c-1"}),
    )
    .await
    .unwrap();
    db.close();
    Db::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_save_based_on_an_old_revision_is_refused_instead_of_overwriting() {
    let name = db_name("conflict");
    let tab_a = Db::open_with(&name, schema::CURRENT).await.unwrap();
    let tab_b = Db::open_with(&name, schema::CURRENT).await.unwrap();

    let created = tab_a
        .save_customer(&customer("c-1", "科技公司"))
        .await
        .unwrap();
    assert_eq!(created.revision, 1);

    // Both tabs start editing revision 1; B saves first.
    let mut in_b = created.clone();
    in_b.industry = "汽车".into();
    let saved_b = tab_b.save_customer(&in_b).await.unwrap();
    assert_eq!(saved_b.revision, 2);

    let mut in_a = created.clone();
    in_a.owner = "王经理".into();
    let err = tab_a.save_customer(&in_a).await.unwrap_err();
    assert_eq!(err, StoreError::Conflict { id: "c-1".into() });
    // B's edit is intact.
    let stored: Customer = tab_a.get("c-1").await.unwrap().unwrap();
    assert_eq!(stored.industry, "汽车");
    assert_eq!(stored.owner, "");

    // A new record may not silently reuse an id either.
    let err = tab_a
        .save_customer(&customer("c-1", "dup"))
        .await
        .unwrap_err();
    assert_eq!(err, StoreError::Conflict { id: "c-1".into() });
    tab_a.close();
    tab_b.close();
    Db::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn undo_puts_back_the_customer_and_everything_attached() {
    let name = db_name("undo");
    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    let mut c = customer("c-1", "科技公司");
    c.orders.push(Order {
        id: "o-1".into(),
        amount_fen: Fen::from_wan(85),
        ..Order::default()
    });
    let saved = db.save_customer(&c).await.unwrap();
    db.save_customer(&customer("c-2", "other")).await.unwrap();
    let followup = json!({"id": "f-1", "customer_id": "c-1", "date": "2024-01-02", "text": "拜访"});
    db.put_in(stores::FOLLOWUPS, &followup).await.unwrap();
    db.put_in(stores::TODOS, &json!({"id": "t-1", "customer_id": "c-1"}))
        .await
        .unwrap();
    db.put_in(stores::TODOS, &json!({"id": "t-2", "customer_id": "c-2"}))
        .await
        .unwrap();

    let deleted = db.delete_customer("c-1").await.unwrap();
    assert_eq!(deleted.customer, saved);
    assert_eq!(deleted.attached.len(), 2);
    assert_eq!(db.customers().await.unwrap().len(), 1);

    db.restore(&deleted).await.unwrap();
    let back: Customer = db.get("c-1").await.unwrap().unwrap();
    assert_eq!(back, saved);
    // Deleting again finds the follow-up and the to-do restored, and leaves c-2's to-do.
    let again = db.delete_customer("c-1").await.unwrap();
    assert_eq!(again.attached, deleted.attached);
    assert_eq!(
        db.delete_customer("c-404").await.unwrap_err(),
        StoreError::Missing { id: "c-404".into() }
    );
    db.close();
    Db::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_failing_import_leaves_the_old_data_exactly_as_it_was() {
    let name = db_name("import");
    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    db.save_customer(&customer("c-1", "旧客户")).await.unwrap();
    let before = db.customers().await.unwrap();

    // The second record has no key: the browser refuses it mid-transaction, after the clear
    // and the first put.
    let incoming = vec![
        json!({"id": "n-1", "name": "新客户"}),
        json!({"name": "no id"}),
    ];
    let err = db
        .write_import(true, &incoming, (&[], &[], &[]), None)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Browser { .. }), "{err:?}");
    assert_eq!(db.customers().await.unwrap(), before);

    // A good import replaces everything, settings included.
    let settings = DataSettings {
        money_unit: MoneyUnit::Yuan,
        ..DataSettings::default()
    };
    let incoming = vec![customer("n-1", "新客户")];
    db.write_import(true, &incoming, (&[], &[], &[]), Some(&settings))
        .await
        .unwrap();
    assert_eq!(db.customers().await.unwrap(), incoming);
    assert_eq!(db.settings().await.unwrap(), settings);
    db.close();
    Db::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn tier_states_are_saved_apart_from_profile_edits() {
    let name = db_name("tiers");
    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    let created = db
        .save_customer(&customer("c-1", "科技公司"))
        .await
        .unwrap();
    let state = TierState {
        current: Some(Tier::A),
        ..TierState::default()
    };
    let saved = db
        .update_tier_states(
            &["c-1".into(), "gone".into()],
            &set(state.clone()),
            Freshness::Unchecked,
        )
        .await
        .unwrap();
    assert_eq!(saved.len(), 1, "a customer deleted meanwhile is skipped");
    assert_eq!(
        saved[0].revision, created.revision,
        "no revision bump: open forms stay valid"
    );

    // A form opened before the tier changed saves its edit without putting the old tier back.
    let mut edit = created.clone();
    edit.industry = "科技".into();
    let after = db.save_customer(&edit).await.unwrap();
    assert_eq!(after.tiering, state);
    let stored: Customer = db.get("c-1").await.unwrap().unwrap();
    assert_eq!((stored.industry.as_str(), stored.tiering), ("科技", state));
    db.close();
    Db::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn many_tier_states_at_once_are_saved_like_a_few() {
    // More than the one-by-one path takes: read in one go, written together.
    let name = db_name("many-tiers");
    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    let all: Vec<Customer> = (0..60)
        .map(|i| customer(&format!("c-{i:02}"), &format!("客户{i}")))
        .collect();
    db.write_import(true, &all, (&[], &[], &[]), None)
        .await
        .unwrap();
    let state = TierState {
        current: Some(Tier::B),
        ..TierState::default()
    };
    // Every other customer, backwards, and one deleted meanwhile; one of them does not move.
    let mut ids: Vec<String> = (0..60)
        .rev()
        .step_by(2)
        .map(|i| format!("c-{i:02}"))
        .collect();
    ids.insert(3, "gone".into());
    let stays = "c-04";
    let saved = db
        .update_tier_states(
            &ids,
            &|c, s| {
                if c.id == stays {
                    return false;
                }
                *s = state.clone();
                true
            },
            Freshness::Unchecked,
        )
        .await
        .unwrap();
    let saved_ids: Vec<&str> = saved.iter().map(|c| c.id.as_str()).collect();
    let wanted: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| *id != "gone" && *id != stays)
        .collect();
    assert_eq!(
        saved_ids, wanted,
        "in the order asked, the deleted and unmoved ones skipped"
    );
    for c in db.customers().await.unwrap() {
        let expected = if wanted.contains(&c.id.as_str()) {
            state.clone()
        } else {
            TierState::default()
        };
        assert_eq!(c.tiering, expected, "{}", c.id);
        assert_eq!(c.revision, 0, "no revision bump");
    }
    db.close();
    Db::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_tier_decision_builds_on_the_stored_state_not_the_one_shown() {
    let name = db_name("tier-decision");
    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    db.save_customer(&customer("c-1", "科技公司"))
        .await
        .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    // The rules store the first tier after the page showed the customer without one.
    db.update_tier_states(
        &["c-1".into()],
        &|_, s| {
            s.current = Some(Tier::B);
            true
        },
        Freshness::Unchecked,
    )
    .await
    .unwrap();
    let decide = |decision: TierDecision| {
        move |_: &Customer, s: &mut TierState| s.decide(&decision, today) == Ok(true)
    };
    let manual = TierDecision::SetManual {
        tier: Tier::A,
        reason: "战略合作伙伴".into(),
        until: None,
    };
    let saved = db
        .update_tier_states(&["c-1".into()], &decide(manual), Freshness::Checked)
        .await
        .unwrap();
    let stored: Customer = db.get("c-1").await.unwrap().unwrap();
    assert_eq!(saved[0].tiering, stored.tiering);
    assert_eq!(
        stored.tiering.current,
        Some(Tier::B),
        "the rules' tier is kept"
    );
    assert_eq!(stored.tiering.manual.map(|m| m.tier), Some(Tier::A));
    // Nothing to confirm: nothing is written.
    let saved = db
        .update_tier_states(
            &["c-1".into()],
            &decide(TierDecision::Confirm),
            Freshness::Checked,
        )
        .await
        .unwrap();
    assert!(saved.is_empty());
    db.close();
    Db::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_follow_up_is_written_with_its_consequences_and_deleted_with_them() {
    use kehu_weihu::domain::cadence::TouchKind;
    use kehu_weihu::domain::closed_loop;
    use kehu_weihu::domain::records::{FollowUp, NextStep, PlanItem, Todo};

    let name = db_name("followup");
    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    let created = db.save_customer(&customer("c1", "科技公司")).await.unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2024, 3, 8).unwrap();
    let followup = FollowUp {
        id: "f1".into(),
        customer_id: "c1".into(),
        date: Some(date),
        kind: TouchKind::Visit,
        score: Some(9),
        next_step: Some(NextStep {
            date: date + chrono::Duration::days(20),
            kind: TouchKind::Online,
            topics: vec![],
        }),
        ..FollowUp::default()
    };
    let todos = vec![Todo {
        id: "t1".into(),
        text: "发报价".into(),
        ..Todo::default()
    }];
    let effects = closed_loop::save(&followup, &todos, &[]);
    let changed = db.apply_effects(&effects).await.unwrap().unwrap();
    assert_eq!(changed.satisfaction.len(), 1);
    assert_eq!(changed.revision, created.revision + 1);
    assert_eq!(
        db.all::<Todo>().await.unwrap().len(),
        2,
        "the to-do and the profile reminder"
    );
    assert_eq!(db.all::<PlanItem>().await.unwrap()[0].id, "next-f1");

    let stored_todos = db.all::<Todo>().await.unwrap();
    db.apply_effects(&closed_loop::delete(&followup, &stored_todos))
        .await
        .unwrap();
    assert!(db.all::<FollowUp>().await.unwrap().is_empty());
    assert!(db.all::<Todo>().await.unwrap().is_empty());
    assert!(db.all::<PlanItem>().await.unwrap().is_empty());
    let after: Customer = db.get("c1").await.unwrap().unwrap();
    assert!(after.satisfaction.is_empty());
    db.close();
    Db::delete(&name).await.unwrap();
}
