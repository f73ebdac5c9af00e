//! The one write path in a real browser: a tab that missed another tab's write (stale) and a
//! tab whose database was upgraded elsewhere (outdated) are refused the same way on every
//! write, and nothing of the refused write is kept.
#![cfg(target_arch = "wasm32")]
// The size rules in clippy.toml are for the app, not its tests.
#![allow(clippy::disallowed_methods)]

use kehu_weihu::domain::closed_loop::Effects;
use kehu_weihu::domain::money::MoneyUnit;
use kehu_weihu::domain::records::Customer;
use kehu_weihu::domain::records::{FollowUp, PlanItem, Todo};
use kehu_weihu::domain::settings::DataSettings;
use kehu_weihu::domain::tiering::{Tier, TierState};
use kehu_weihu::store::schema::{self, Schema};
use kehu_weihu::store::{Db, Deleted, Freshness, StoreError};
use wasm_bindgen_test::*;

mod common;
use common::{customer, db_name, set};

wasm_bindgen_test_configure!(run_in_browser);

fn todo(id: &str) -> Todo {
    Todo {
        id: id.into(),
        customer_id: "c-1".into(),
        text: "寄样品".into(),
        ..Todo::default()
    }
}

/// Every write the gateway (`ui/workspace/writes.rs`) makes, each tried once on `db`, as a
/// tab that read `c1` would make it; what each returned.
async fn every_write(db: &Db, mut c1: Customer) -> Vec<(&'static str, Option<StoreError>)> {
    c1.name = "改名".into();
    let followup = FollowUp {
        id: "f-9".into(),
        customer_id: "c-1".into(),
        ..FollowUp::default()
    };
    let plan = PlanItem {
        id: "p-9".into(),
        customer_id: "c-1".into(),
        ..PlanItem::default()
    };
    let effects = Effects {
        followups_put: vec![followup.clone()],
        todos_put: vec![todo("t-9")],
        ..Effects::default()
    };
    let manual = TierState {
        current: Some(Tier::A),
        ..TierState::default()
    };
    let settings = DataSettings {
        money_unit: MoneyUnit::Yuan,
        ..DataSettings::default()
    };
    let results = vec![
        ("save customer", db.save_customer(&c1).await.err()),
        (
            "new customer",
            db.save_customer(&customer("c-new", "新客户")).await.err(),
        ),
        ("follow-up", db.put(&followup).await.err()),
        ("planned touch", db.put(&plan).await.err()),
        ("to-do", db.put(&todo("t-1")).await.err()),
        ("remove to-do", db.remove::<Todo>("t-1").await.err()),
        ("follow-up effects", db.apply_effects(&effects).await.err()),
        (
            "manual tier",
            db.update_tier_states(&["c-1".into()], &set(manual), Freshness::Checked)
                .await
                .err(),
        ),
        ("settings", db.save_settings(&settings).await.err()),
        (
            "import",
            db.write_import(false, &[customer("c-imp", "导入")], (&[], &[], &[]), None)
                .await
                .err(),
        ),
        ("delete customer", db.delete_customer("c-1").await.err()),
        // Last: it reads every record first, then rewrites them all in one transaction.
        (
            "encrypt at rest",
            db.encrypt_at_rest("correct horse battery").await.err(),
        ),
    ];
    results
}

/// The customer `c-1` as `db` has it.
async fn c1_of(db: &Db) -> Customer {
    db.get::<Customer>("c-1").await.unwrap().unwrap()
}

/// Writes the starting data as another tab would and returns a tab that has read it.
async fn tab_with_data(name: &str) -> Db {
    let writer = Db::open_with(name, schema::CURRENT).await.unwrap();
    writer
        .save_customer(&customer("c-1", "科技公司"))
        .await
        .unwrap();
    writer.put(&todo("t-1")).await.unwrap();
    writer.close();
    let tab = Db::open_with(name, schema::CURRENT).await.unwrap();
    tab.load().await.unwrap();
    tab
}

#[wasm_bindgen_test]
async fn a_stale_tab_is_refused_the_same_way_on_every_write_and_nothing_is_kept() {
    let name = db_name("stale");
    let stale = tab_with_data(&name).await;
    let other = Db::open_with(&name, schema::CURRENT).await.unwrap();
    other.load().await.unwrap();
    // The other tab writes; this tab misses the news (a sleeping tab, a lost message).
    let mut c1 = other.get::<Customer>("c-1").await.unwrap().unwrap();
    c1.owner = "王经理".into();
    other.save_customer(&c1).await.unwrap();
    let after_other = other.load().await.unwrap();

    let c1 = c1_of(&stale).await;
    for (write, err) in every_write(&stale, c1).await {
        assert_eq!(err, Some(StoreError::Stale), "{write}");
    }
    // Nothing of any refused write is stored.
    let now = other.load().await.unwrap();
    assert_eq!(now.customers, after_other.customers);
    assert_eq!(now.todos, after_other.todos);
    assert_eq!(now.followups, after_other.followups);
    assert_eq!(now.plans, after_other.plans);
    assert_eq!(now.settings, after_other.settings);

    // Once it has read the latest data, the same tab writes again.
    stale.load().await.unwrap();
    let mut latest = stale.get::<Customer>("c-1").await.unwrap().unwrap();
    latest.name = "科技公司（新）".into();
    stale.save_customer(&latest).await.unwrap();
    // And the other tab is now the stale one.
    assert_eq!(
        other.put(&todo("t-2")).await.unwrap_err(),
        StoreError::Stale
    );
    stale.close();
    other.close();
    Db::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_tabs_own_writes_in_flight_at_once_never_make_each_other_stale() {
    // The rules' bookkeeping and a user's edit started together (time travel, then Reset demo):
    // the edit waits for the bookkeeping's transaction and must count it as this tab's own.
    let name = db_name("in-flight");
    let tab = tab_with_data(&name).await;
    let state = TierState {
        current: Some(Tier::C),
        ..TierState::default()
    };
    let ids = ["c-1".to_string()];
    let change = set(state);
    let bookkeeping = tab.update_tier_states(&ids, &change, Freshness::Unchecked);
    let t5 = todo("t-5");
    let edit = tab.put(&t5);
    let (moved, edited) = futures_join(bookkeeping, edit).await;
    moved.unwrap();
    edited.unwrap();
    // And the tab is still current afterwards.
    tab.put(&todo("t-6")).await.unwrap();
    tab.close();
    Db::delete(&name).await.unwrap();
}

/// Both futures polled together, as two `spawn_local` tasks of a page would be.
async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (ra.unwrap(), rb.unwrap())
}

#[wasm_bindgen_test]
async fn the_rules_own_tier_moves_are_never_refused_as_stale() {
    let name = db_name("tiers");
    let stale = tab_with_data(&name).await;
    let other = Db::open_with(&name, schema::CURRENT).await.unwrap();
    other.load().await.unwrap();
    other.put(&todo("t-3")).await.unwrap();
    let proposal = TierState {
        current: Some(Tier::B),
        ..TierState::default()
    };
    let saved = stale
        .update_tier_states(
            &["c-1".into()],
            &set(proposal.clone()),
            Freshness::Unchecked,
        )
        .await
        .unwrap();
    assert_eq!(saved[0].tiering, proposal);
    // The bookkeeping does not make a stale tab current: its next edit is still refused.
    assert_eq!(
        stale.put(&todo("t-4")).await.unwrap_err(),
        StoreError::Stale
    );
    stale.close();
    other.close();
    Db::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_outdated_tab_is_refused_the_same_way_on_every_write() {
    let name = db_name("outdated-writes");
    let old_tab = tab_with_data(&name).await;
    // Read what the writes need before the upgrade closes the connection.
    let c1 = old_tab.get::<Customer>("c-1").await.unwrap();
    assert!(c1.is_some());
    let newer = Schema {
        version: schema::CURRENT.version + 1,
        stores: schema::CURRENT.stores,
    };
    let new_tab = Db::open_with(&name, newer).await.unwrap();
    let mut results = every_write(&old_tab, c1.clone().unwrap()).await;
    // And the writes never refused as stale (they build on what is stored), and a read.
    let deleted = Deleted {
        customer: customer("c-del", "已删除"),
        attached: Vec::new(),
    };
    results.extend([
        ("undo delete", old_tab.restore(&deleted).await.err()),
        (
            "decrypt at rest",
            old_tab.decrypt_at_rest("correct horse battery").await.err(),
        ),
        (
            "tier states",
            old_tab
                .update_tier_states(
                    &["c-1".into()],
                    &set(TierState::default()),
                    Freshness::Unchecked,
                )
                .await
                .err(),
        ),
        ("read", old_tab.load().await.err()),
    ]);
    for (write, err) in results {
        assert_eq!(err, Some(StoreError::Outdated), "{write}");
    }
    // The newer tab still has the data, untouched.
    let data = new_tab.load().await.unwrap();
    assert_eq!(data.customers.len(), 1);
    assert_eq!(data.todos.len(), 1);
    new_tab.close();
    Db::delete(&name).await.unwrap();
}
