//! Sync against a real CouchDB-compatible server (pouchdb-server, started by scripts/test.sh
//! at SYNC_TEST_SERVER, with a fault proxy at SYNC_TEST_PROXY): devices are separate
//! IndexedDB databases in this browser, each with its own replica of one server database.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::disallowed_methods)]

use kehu_weihu::domain::money::Fen;
use kehu_weihu::domain::records::{Contact, Customer, Order};
use kehu_weihu::domain::sync::replicator::SyncError;
use kehu_weihu::store::replica::{self, Couch, SyncFailure, SyncKey};
use kehu_weihu::store::schema::{self, stores};
use kehu_weihu::store::{Db, StoreError};
use serde_json::{json, Value};
use wasm_bindgen_test::*;

mod common;
use common::{customer, db_name};

wasm_bindgen_test_configure!(run_in_browser);

const SERVER: Option<&str> = option_env!("SYNC_TEST_SERVER");
const PROXY: Option<&str> = option_env!("SYNC_TEST_PROXY");
const ADMIN: (&str, &str) = ("admin", "admin-pass");

fn server() -> &'static str {
    SERVER.expect("SYNC_TEST_SERVER is not set: run the browser tests through scripts/test.sh")
}

/// A database on the server that no other test uses.
fn database() -> String {
    format!("t{}", (js_sys::Math::random() * 1e12) as u64)
}

fn couch(base: &str, db: &str) -> Couch {
    Couch::new(&format!("{base}/{db}"), ADMIN.0, ADMIN.1)
}

async fn device(name: &str) -> Db {
    Db::open_with(&db_name(name), schema::CURRENT)
        .await
        .unwrap()
}

async fn connect(c: &Couch, passphrase: &str) -> SyncKey {
    replica::connect(c, passphrase, true).await.unwrap()
}

async fn sync(db: &Db, c: &Couch, key: &SyncKey) {
    replica::sync(db, c, key, "test").await.unwrap();
}

fn with_contact(id: &str, name: &str, phone: &str) -> Customer {
    Customer {
        contacts: vec![Contact {
            name: "王芳".into(),
            phone: phone.into(),
            ..Contact::default()
        }],
        orders: vec![Order {
            id: format!("{id}-o1"),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 14),
            amount_fen: Fen(987_654),
            product: "年度维保".into(),
        }],
        ..customer(id, name)
    }
}

async fn admin_get(path: &str) -> Value {
    let c = Couch::new(server(), ADMIN.0, ADMIN.1);
    use kehu_weihu::domain::sync::replicator::Server;
    c.request("GET", path, None).await.unwrap().body
}

#[wasm_bindgen_test]
async fn a_customer_made_on_one_device_appears_on_another_and_offline_edits_merge() {
    let name = database();
    let c = couch(server(), &name);
    let (a, b) = (device("sync-a").await, device("sync-b").await);
    let key_a = connect(&c, "correct horse").await;
    a.save_customer(&with_contact("c-1", "华信科技", "13800001111"))
        .await
        .unwrap();
    sync(&a, &c, &key_a).await;

    let key_b = connect(&c, "correct horse").await;
    sync(&b, &c, &key_b).await;
    let got = b.customers().await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].contacts[0].phone, "13800001111");
    assert_eq!(got[0].orders[0].amount_fen, Fen(987_654));

    // Both edit while apart, different fields.
    let mut on_a = a.customers().await.unwrap().remove(0);
    on_a.industry = "制造".into();
    a.save_customer(&on_a).await.unwrap();
    let mut on_b = got[0].clone();
    on_b.owner = "李雷".into();
    b.save_customer(&on_b).await.unwrap();
    sync(&a, &c, &key_a).await;
    sync(&b, &c, &key_b).await;
    sync(&a, &c, &key_a).await;
    let (ca, cb) = (a.customers().await.unwrap(), b.customers().await.unwrap());
    assert_eq!(ca[0].industry, "制造");
    assert_eq!(ca[0].owner, "李雷");
    assert_eq!(strip(&ca[0]), strip(&cb[0]), "the same record on both");

    // The server holds ciphertext only.
    let all = admin_get(&format!("{name}/_all_docs?include_docs=true"))
        .await
        .to_string();
    for plain in [
        "华信",
        "13800001111",
        "987654",
        "2026-03-14",
        "c-1",
        "王芳",
        "制造",
        "李雷",
        "customer",
    ] {
        assert!(!all.contains(plain), "{plain} is readable on the server");
    }
}

/// A record without its save bookkeeping (each device counts its own saves).
fn strip(c: &Customer) -> Customer {
    Customer {
        revision: 0,
        updated_at: 0,
        ..c.clone()
    }
}

#[wasm_bindgen_test]
async fn another_passphrase_is_refused_and_nothing_is_read_or_written() {
    let name = database();
    let c = couch(server(), &name);
    let a = device("sync-pass-a").await;
    let key = connect(&c, "first passphrase").await;
    a.save_customer(&customer("c-1", "华信")).await.unwrap();
    sync(&a, &c, &key).await;
    let before = admin_get(&name).await["update_seq"].clone();

    let b = device("sync-pass-b").await;
    b.save_customer(&customer("c-9", "本机")).await.unwrap();
    let refused = replica::connect(&c, "second passphrase", true).await;
    assert!(
        matches!(refused, Err(SyncFailure::Sync(SyncError::WrongPassphrase))),
        "{:?}",
        refused.err()
    );
    assert_eq!(
        admin_get(&name).await["update_seq"],
        before,
        "nothing written to the server"
    );
    let here = b.customers().await.unwrap();
    assert_eq!(here.len(), 1, "nothing received");
    assert_eq!(here[0].id, "c-9");
}

#[wasm_bindgen_test]
async fn the_connection_test_tells_a_missing_database_and_a_wrong_password_apart() {
    let name = database();
    let missing = replica::connect(&couch(server(), &name), "p", false).await;
    assert!(
        matches!(missing, Err(SyncFailure::Sync(SyncError::NoDatabase))),
        "{:?}",
        missing.err()
    );
    let wrong = Couch::new(&format!("{}/{name}", server()), ADMIN.0, "not-the-password");
    let refused = replica::connect(&wrong, "p", true).await;
    assert!(
        matches!(refused, Err(SyncFailure::Sync(SyncError::Unauthorized))),
        "{:?}",
        refused.err()
    );
    let nobody = Couch::new("http://127.0.0.1:9/none", "", "");
    let down = replica::connect(&nobody, "p", true).await;
    assert!(
        matches!(down, Err(SyncFailure::Sync(SyncError::Unreachable(_)))),
        "{:?}",
        down.err()
    );
}

#[wasm_bindgen_test]
async fn a_locked_device_does_not_sync_and_an_unlocked_one_sends_contact_details_opened() {
    let name = database();
    let c = couch(server(), &name);
    let a = device("sync-lock-a").await;
    a.save_customer(&with_contact("c-1", "华信", "13900002222"))
        .await
        .unwrap();
    a.encrypt_at_rest("at rest").await.unwrap();
    a.lock();
    let key = connect(&c, "sync pass").await;
    let locked = replica::sync(&a, &c, &key, "").await;
    assert_eq!(locked.err(), Some(SyncFailure::Store(StoreError::Locked)));
    a.unlock("at rest").await.unwrap();
    sync(&a, &c, &key).await;

    let b = device("sync-lock-b").await;
    sync(&b, &c, &key).await;
    assert_eq!(
        b.customers().await.unwrap()[0].contacts[0].phone,
        "13900002222"
    );
}

#[wasm_bindgen_test]
async fn data_written_by_schema_3_is_all_there_at_schema_4_and_syncs() {
    let name = db_name("sync-upgrade");
    let v3 = Db::open_with(&name, schema::SCHEMA_V3).await.unwrap();
    v3.put_in(stores::CUSTOMERS, &json!({"id": "c-1", "name": "老数据"}))
        .await
        .unwrap();
    v3.close();
    let db = Db::open_with(&name, schema::CURRENT).await.unwrap();
    assert_eq!(db.customers().await.unwrap()[0].name, "老数据");
    let c = couch(server(), &database());
    let key = connect(&c, "p").await;
    sync(&db, &c, &key).await;
    let b = device("sync-upgrade-b").await;
    sync(&b, &c, &key).await;
    assert_eq!(b.customers().await.unwrap()[0].name, "老数据");
}

/// Sets the fault proxy's next faults (tests/e2e/couch/fault-proxy.js).
async fn fault(mode: &str, path: &str, count: u32) {
    let proxy = PROXY.expect("SYNC_TEST_PROXY is not set");
    let c = Couch::new(proxy, "", "");
    use kehu_weihu::domain::sync::replicator::Server;
    let body = json!({"mode": mode, "count": count, "path": path});
    let reply = c.request("POST", "__fault", Some(body)).await.unwrap();
    assert!(reply.status < 300, "fault proxy: {}", reply.status);
}

#[wasm_bindgen_test]
async fn a_connection_cut_in_the_middle_of_bulk_docs_loses_and_doubles_nothing() {
    let name = database();
    let direct = couch(server(), &name);
    let through = couch(PROXY.expect("SYNC_TEST_PROXY is not set"), &name);
    let a = device("sync-cut-a").await;
    let key = connect(&direct, "p").await;
    for i in 0..30 {
        a.save_customer(&customer(&format!("c-{i}"), &format!("客户{i}")))
            .await
            .unwrap();
    }
    for mode in ["cut-mid", "cut-after", "duplicate", "drop"] {
        fault(mode, "_bulk_docs", 1).await;
        let _ = replica::sync(&a, &through, &key, "").await;
        let mut c = a.customers().await.unwrap().remove(0);
        c.remarks.clear();
        c.industry = mode.into();
        a.save_customer(&c).await.unwrap();
    }
    sync(&a, &through, &key).await;
    let b = device("sync-cut-b").await;
    fault("cut-after", "_changes", 1).await;
    let _ = replica::sync(&b, &through, &key, "").await;
    fault("duplicate", "_bulk_get", 1).await;
    let _ = replica::sync(&b, &through, &key, "").await;
    sync(&b, &through, &key).await;
    let (ca, cb) = (a.customers().await.unwrap(), b.customers().await.unwrap());
    assert_eq!(cb.len(), 30, "nothing lost, nothing doubled");
    let strip_all = |v: Vec<Customer>| {
        let mut v: Vec<Customer> = v.iter().map(strip).collect();
        v.sort_by(|x, y| x.id.cmp(&y.id));
        v
    };
    assert_eq!(strip_all(ca), strip_all(cb));
    let docs = admin_get(&format!("{name}/_all_docs")).await["total_rows"].clone();
    assert_eq!(docs, json!(31), "30 customers and the key check");
}

/// A small deterministic generator, so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[wasm_bindgen_test]
async fn three_devices_in_a_seeded_random_run_end_with_the_same_data() {
    let seed = option_env!("SYNC_SEED")
        .and_then(|s| s.parse().ok())
        .unwrap_or((js_sys::Math::random() * 1e9) as u64 + 1);
    web_sys::console::log_1(&format!("sync random run: SYNC_SEED={seed}").into());
    let mut rng = Rng(seed);
    let name = database();
    let (direct, through) = (
        couch(server(), &name),
        couch(PROXY.unwrap_or(server()), &name),
    );
    let key = connect(&direct, "p").await;
    let devices = [device("r0").await, device("r1").await, device("r2").await];
    let mut made = std::collections::BTreeSet::new();
    let mut deleted = std::collections::BTreeSet::new();
    for step in 0..60 {
        let d = &devices[rng.below(3)];
        let here = d.customers().await.unwrap();
        match rng.below(6) {
            0 | 1 => {
                let id = format!("c-{step}");
                d.save_customer(&customer(&id, &format!("客户{step}")))
                    .await
                    .unwrap();
                made.insert(id);
            }
            2 if !here.is_empty() => {
                let mut c = here[rng.below(here.len())].clone();
                c.owner = format!("owner-{step}");
                c.orders.push(Order {
                    id: format!("o-{step}"),
                    amount_fen: Fen(step as i64),
                    ..Order::default()
                });
                d.save_customer(&c).await.unwrap();
            }
            3 if !here.is_empty() && rng.below(3) == 0 => {
                let id = here[rng.below(here.len())].id.clone();
                d.delete_customer(&id).await.unwrap();
                deleted.insert(id);
            }
            _ => {
                if rng.below(3) == 0 {
                    let mode = ["drop", "cut-after", "cut-mid", "duplicate", "error"][rng.below(5)];
                    let path = [
                        "_bulk_docs",
                        "_changes",
                        "_revs_diff",
                        "_bulk_get",
                        "_local",
                    ][rng.below(5)];
                    fault(mode, path, 1).await;
                }
                let _ = replica::sync(d, &through, &key, "").await;
            }
        }
    }
    let _ = clear_faults().await;
    for _ in 0..2 {
        for d in &devices {
            replica::sync(d, &direct, &key, "")
                .await
                .unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
        }
    }
    let all: Vec<Vec<Customer>> = customers_of(&devices).await;
    for (i, v) in all.iter().enumerate() {
        assert_eq!(v, &all[0], "seed {seed}: device {i} differs");
    }
    for id in made.difference(&deleted) {
        assert!(
            all[0].iter().any(|c| &c.id == id),
            "seed {seed}: {id} was lost"
        );
    }
}

async fn clear_faults() -> Option<()> {
    let c = Couch::new(PROXY?, "", "");
    use kehu_weihu::domain::sync::replicator::Server;
    c.request("DELETE", "__fault", None).await.ok().map(|_| ())
}

async fn customers_of(devices: &[Db; 3]) -> Vec<Vec<Customer>> {
    let mut out = Vec::new();
    for d in devices {
        let mut v: Vec<Customer> = d.customers().await.unwrap().iter().map(strip).collect();
        v.sort_by(|x, y| x.id.cmp(&y.id));
        out.push(v);
    }
    out
}

/// A row of the `sync` store as stored (the bookkeeping by record key).
#[derive(serde::Serialize, serde::Deserialize)]
struct SyncRow {
    key: String,
    value: Value,
}

impl kehu_weihu::store::Record for SyncRow {
    const STORE: &'static str = stores::SYNC;
}

async fn sync_row(db: &Db, key: &str) -> String {
    let rows: Vec<SyncRow> = db.all().await.unwrap();
    let row = rows.iter().find(|r| r.key == key).expect("a sync row");
    row.value.to_string()
}

#[wasm_bindgen_test]
async fn a_contact_set_aside_by_a_merge_says_who_made_it_and_stays_sealed_at_rest() {
    let name = database();
    let c = couch(server(), &name);
    let (a, b) = (device("sync-aside-a").await, device("sync-aside-b").await);
    a.encrypt_at_rest("at rest").await.unwrap();
    a.save_customer(&with_contact("c-1", "华信", "13900003333"))
        .await
        .unwrap();
    let key = connect(&c, "sync pass").await;
    replica::sync(&a, &c, &key, "王芳").await.unwrap();
    replica::sync(&b, &c, &key, "李明").await.unwrap();

    // Both change the same phone while apart; A's save is the later one.
    let mut on_b = b.customers().await.unwrap().remove(0);
    on_b.contacts[0].phone = "13900005555".into();
    b.save_customer(&on_b).await.unwrap();
    let mut on_a = a.customers().await.unwrap().remove(0);
    on_a.contacts[0].phone = "13900004444".into();
    on_a.updated_at = js_sys::Date::now() as i64 + 60_000;
    a.save_customer(&on_a).await.unwrap();
    replica::sync(&b, &c, &key, "李明").await.unwrap();
    replica::sync(&a, &c, &key, "王芳").await.unwrap();
    replica::sync(&b, &c, &key, "李明").await.unwrap();
    assert_eq!(
        b.customers().await.unwrap()[0].contacts[0].phone,
        "13900004444",
        "the later change wins on both"
    );

    let notes = replica::set_aside::of(&a, &["customer:c-1".into()])
        .await
        .unwrap();
    let t = &notes["customer:c-1"];
    assert_eq!(t.by, "王芳", "A's merge is the version in sync");
    assert_eq!(t.overwritten.len(), 1, "{t:?}");
    let o = &t.overwritten[0];
    assert_eq!((o.path.as_str(), o.by.as_str()), ("contacts", "李明"));
    assert!(
        o.other
            .as_ref()
            .unwrap()
            .to_string()
            .contains("13900005555"),
        "the other device's value stays visible: {o:?}"
    );
    // Kept sealed like the record's own contact details.
    let stored = sync_row(&a, "customer:c-1").await;
    assert!(!stored.contains("13900005555"), "{stored}");
    a.lock();
    let locked = replica::set_aside::of(&a, &["customer:c-1".into()])
        .await
        .unwrap();
    let o = &locked["customer:c-1"].overwritten[0];
    assert!(o.other.is_none() && o.sealed.is_some(), "{o:?}");

    // Turning encryption at rest off opens it; on again seals it.
    a.unlock("at rest").await.unwrap();
    a.decrypt_at_rest("at rest").await.unwrap();
    assert!(sync_row(&a, "customer:c-1").await.contains("13900005555"));
    a.encrypt_at_rest("again").await.unwrap();
    assert!(!sync_row(&a, "customer:c-1").await.contains("13900005555"));
    let again = replica::set_aside::of(&a, &["customer:c-1".into()])
        .await
        .unwrap();
    assert!(again["customer:c-1"].overwritten[0]
        .other
        .as_ref()
        .is_some_and(|v| v.to_string().contains("13900005555")));

    // B changed nothing meanwhile: nothing set aside there, and it names A's merge.
    let on_b = replica::set_aside::of(&b, &["customer:c-1".into()])
        .await
        .unwrap();
    assert!(on_b["customer:c-1"].overwritten.is_empty());
    assert_eq!(on_b["customer:c-1"].by, "王芳");
}

/// Every document's current revision on the server.
async fn revisions(db: &str) -> Vec<String> {
    admin_get(&format!("{db}/_all_docs")).await["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["value"]["rev"].to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn a_device_that_kept_its_snapshot_still_sends_every_edit_and_sees_another_tabs_sync() {
    let name = database();
    let c = couch(server(), &name);
    let key = connect(&c, "kept").await;
    let a_name = db_name("sync-kept-a");
    let a = Db::open_with(&a_name, schema::CURRENT).await.unwrap();
    let b = device("sync-kept-b").await;
    a.save_customer(&with_contact("c-1", "华信", "13900006666"))
        .await
        .unwrap();
    sync(&a, &c, &key).await; // reads A whole and keeps it
    sync(&a, &c, &key).await; // nothing changed: from what was kept
    sync(&b, &c, &key).await;

    // B changes the customer; A takes it in from its kept snapshot, then edits it itself.
    let mut on_b = b.customers().await.unwrap().remove(0);
    on_b.industry = "物流".into();
    b.save_customer(&on_b).await.unwrap();
    sync(&b, &c, &key).await;
    sync(&a, &c, &key).await;
    sync(&a, &c, &key).await;
    let mut on_a = a.customers().await.unwrap().remove(0);
    assert_eq!(on_a.industry, "物流");
    on_a.owner = "王芳".into();
    a.save_customer(&on_a).await.unwrap(); // a write the kept snapshot does not hold
    sync(&a, &c, &key).await;
    sync(&b, &c, &key).await;
    assert_eq!(
        b.customers().await.unwrap()[0].owner,
        "王芳",
        "A's edit was sent"
    );

    // Another tab on A's database syncs (its own connection): A's next run must not go on
    // from what it kept, or it would offer B's change back as its own.
    on_b = b.customers().await.unwrap().remove(0);
    on_b.lead_source = "展会".into();
    b.save_customer(&on_b).await.unwrap();
    sync(&b, &c, &key).await;
    let other_tab = Db::open_with(&a_name, schema::CURRENT).await.unwrap();
    sync(&other_tab, &c, &key).await;
    let before = revisions(&name).await;
    sync(&a, &c, &key).await;
    assert_eq!(
        before,
        revisions(&name).await,
        "A sent nothing it did not change"
    );
    let on_a = a.customers().await.unwrap().remove(0);
    assert_eq!(
        (
            on_a.industry.as_str(),
            on_a.owner.as_str(),
            on_a.lead_source.as_str()
        ),
        ("物流", "王芳", "展会")
    );
    assert_eq!(strip(&on_a), strip(&b.customers().await.unwrap()[0]));
}

#[wasm_bindgen_test]
async fn an_edit_a_failed_run_left_unsent_goes_with_the_next_run_and_so_do_later_ones() {
    // The device compares only the records changed since its last complete push: a run that
    // failed before pushing must leave them to the next, even when more edits come between.
    let name = database();
    let direct = couch(server(), &name);
    let through = couch(PROXY.expect("SYNC_TEST_PROXY is not set"), &name);
    let key = connect(&direct, "changed").await;
    let a = device("sync-changed-a").await;
    let b = device("sync-changed-b").await;
    a.save_customer(&with_contact("c-1", "华信", "13900007777"))
        .await
        .unwrap();
    a.save_customer(&customer("c-2", "远大")).await.unwrap();
    a.save_customer(&customer("c-3", "恒通")).await.unwrap();
    sync(&a, &direct, &key).await; // complete: nothing is left to compare
    sync(&a, &direct, &key).await;

    let by_id = |v: Vec<Customer>, id: &str| v.into_iter().find(|c| c.id == id).unwrap();
    let mut c1 = by_id(a.customers().await.unwrap(), "c-1");
    c1.industry = "物流".into();
    a.save_customer(&c1).await.unwrap();
    fault("error", "_changes", 1).await;
    let failed = replica::sync(&a, &through, &key, "").await;
    assert!(failed.is_err(), "the injected error fails the run");
    let mut c2 = by_id(a.customers().await.unwrap(), "c-2");
    c2.owner = "李雷".into();
    a.save_customer(&c2).await.unwrap();
    sync(&a, &direct, &key).await;
    sync(&b, &direct, &key).await;
    let on_b = b.customers().await.unwrap();
    assert_eq!(
        by_id(on_b.clone(), "c-1").industry,
        "物流",
        "the edit the failed run left went with the next"
    );
    assert_eq!(by_id(on_b, "c-2").owner, "李雷", "so did the one after it");

    let mut c3 = by_id(a.customers().await.unwrap(), "c-3");
    c3.owner = "韩梅".into();
    a.save_customer(&c3).await.unwrap();
    a.delete_customer("c-1").await.unwrap();
    sync(&a, &direct, &key).await;
    sync(&b, &direct, &key).await;
    let on_b = b.customers().await.unwrap();
    assert_eq!(on_b.len(), 2, "the deletion after a complete push was sent");
    assert_eq!(by_id(on_b, "c-3").owner, "韩梅", "so was the edit");
}

#[wasm_bindgen_test]
async fn a_sync_tells_how_many_records_it_has_left_to_send_down_to_none() {
    let name = database();
    let direct = couch(server(), &name);
    let key = connect(&direct, "left").await;
    let a = device("sync-left-a").await;
    for i in 0..3 {
        a.save_customer(&customer(&format!("c-{i}"), "华信"))
            .await
            .unwrap();
    }
    let told = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let heard = told.clone();
    replica::sync_telling(&a, &direct, &key, "", move |n| heard.borrow_mut().push(n))
        .await
        .unwrap();
    let told = told.borrow().clone();
    assert!(told.first().is_some_and(|n| *n >= 3), "{told:?}");
    assert_eq!(told.last(), Some(&0), "{told:?}");
    assert!(told.windows(2).all(|w| w[0] >= w[1]), "{told:?}");
    let again = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let heard = again.clone();
    replica::sync_telling(&a, &direct, &key, "", move |n| heard.borrow_mut().push(n))
        .await
        .unwrap();
    assert!(again.borrow().is_empty(), "nothing to send, nothing told");

    // A device that holds nothing is told how many it has left to receive.
    let b = device("sync-left-b").await;
    let told = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let heard = told.clone();
    let report = replica::sync_telling(&b, &direct, &key, "", move |n| heard.borrow_mut().push(n))
        .await
        .unwrap();
    assert!(report.received >= 3, "{report:?}");
    assert_eq!(
        *told.borrow(),
        vec![report.received],
        "one batch, all of it"
    );
}
