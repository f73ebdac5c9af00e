//! The replicator against the in-memory server: devices that meet, miss each other, lose
//! connections and edit the same records, and end with the same data.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::rc::Rc;

use serde_json::{json, Value};

use super::fake::{block_on, Couch, Fault, Link, Phone, ToyCipher};
use super::replicator::{
    check_key, read_key_doc, sync, write_key_doc, Report, Server, State, SyncError,
};

struct World {
    couch: Rc<Couch>,
    now: Rc<Cell<u64>>,
    devices: Vec<(Phone, Link)>,
    cipher: ToyCipher,
}

impl World {
    fn new(n: usize) -> World {
        let couch = Rc::new(Couch::new());
        let now = Rc::new(Cell::new(1_000));
        let devices = (0..n)
            .map(|i| {
                let name = ["a", "b", "c", "d"][i];
                (Phone::new(name, now.clone()), Link::new(couch.clone()))
            })
            .collect();
        World {
            couch,
            now,
            devices,
            cipher: ToyCipher { key: "k1".into() },
        }
    }

    /// Device `i` saves customers c-0 … c-(n-1), all named `name`.
    fn save_customers(&self, i: usize, n: usize, name: &str) {
        for c in 0..n {
            self.phone(i).save(
                &format!("customer:c-{c}"),
                customer(&format!("c-{c}"), name),
            );
        }
    }

    fn phone(&self, i: usize) -> &Phone {
        &self.devices[i].0
    }

    fn link(&self, i: usize) -> &Link {
        &self.devices[i].1
    }

    fn sync(&self, i: usize) -> Result<Report, SyncError> {
        self.now.set(self.now.get() + 1);
        let (phone, link) = &self.devices[i];
        block_on(sync(link, phone, &self.cipher))
    }

    fn sync_ok(&self, i: usize) -> Report {
        self.sync(i).unwrap_or_else(|e| panic!("device {i}: {e:?}"))
    }

    /// Everyone syncs until nothing moves.
    fn settle(&self) {
        for _ in 0..3 {
            for i in 0..self.devices.len() {
                self.sync_ok(i);
            }
        }
    }

    fn same_everywhere(&self) {
        let first = self.phone(0).records.borrow().clone();
        for i in 1..self.devices.len() {
            assert_eq!(
                *self.phone(i).records.borrow(),
                first,
                "device {i} differs from 0"
            );
        }
        assert_eq!(self.couch.conflicts(), 0, "every conflict was merged away");
    }
}

fn customer(id: &str, name: &str) -> Value {
    json!({"id": id, "name": name, "industry": "", "owner": "", "orders": [], "remarks": [], "satisfaction": [], "winback": [], "revision": 1, "updated_at": 0})
}

#[test]
fn a_customer_made_on_one_device_appears_on_another() {
    let w = World::new(2);
    w.phone(0).save("customer:c-1", customer("c-1", "华信"));
    let sent = w.sync_ok(0);
    assert_eq!(sent.sent, 1);
    let got = w.sync_ok(1);
    assert_eq!(got.received, 1);
    assert_eq!(
        w.phone(1).get("customer:c-1"),
        w.phone(0).get("customer:c-1")
    );
    assert_eq!(
        w.sync_ok(1),
        Report::default(),
        "a second sync has nothing to do"
    );
    assert_eq!(
        w.sync_ok(0),
        Report::default(),
        "its own change coming back is not news"
    );
}

#[test]
fn offline_edits_of_different_fields_both_stay_and_the_same_field_keeps_the_later_save() {
    let w = World::new(2);
    w.phone(0).save("customer:c-1", customer("c-1", "华信"));
    w.settle();
    let mut a = w.phone(0).get("customer:c-1").unwrap();
    a["industry"] = "制造".into();
    a["name"] = "华信科技".into();
    w.phone(0).save("customer:c-1", a);
    let mut b = w.phone(1).get("customer:c-1").unwrap();
    b["owner"] = "王芳".into();
    b["name"] = "华信集团".into();
    w.phone(1).save("customer:c-1", b); // later than a's save
    w.sync_ok(0);
    w.sync_ok(1);
    w.settle();
    w.same_everywhere();
    let c = w.phone(0).get("customer:c-1").unwrap();
    assert_eq!(c["industry"], "制造");
    assert_eq!(c["owner"], "王芳");
    assert_eq!(
        c["name"], "华信集团",
        "the later save wins the field both changed"
    );
    let note = &w.phone(1).tracked.borrow()["customer:c-1"].overwritten;
    assert_eq!(note.len(), 1, "{note:?}");
    assert_eq!(note[0].path, "name");
    assert_eq!(
        note[0].other,
        Some(json!("华信科技")),
        "the other value stays visible"
    );
    assert_eq!(note[0].by, "a", "with who made it");
    assert_eq!(
        w.phone(0).tracked.borrow()["customer:c-1"].by,
        "b",
        "the version in sync is b's merge"
    );
    assert!(c["revision"].as_u64().unwrap() > 1, "a merge is a new save");
}

#[test]
fn orders_added_on_two_devices_are_all_kept_and_a_removed_one_stays_removed() {
    let w = World::new(2);
    let mut c = customer("c-1", "华信");
    c["orders"] = json!([{"id": "o-1", "amount": 100}, {"id": "o-2", "amount": 200}]);
    w.phone(0).save("customer:c-1", c);
    w.settle();
    let mut a = w.phone(0).get("customer:c-1").unwrap();
    a["orders"] = json!([{"id": "o-1", "amount": 100}, {"id": "o-3", "amount": 300}]);
    w.phone(0).save("customer:c-1", a);
    let mut b = w.phone(1).get("customer:c-1").unwrap();
    b["orders"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "o-4", "amount": 400}));
    w.phone(1).save("customer:c-1", b);
    w.settle();
    w.same_everywhere();
    let orders = w.phone(1).get("customer:c-1").unwrap()["orders"].clone();
    let ids: Vec<&str> = orders
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["o-1", "o-4", "o-3"],
        "in the later save's order, then the one it never saw"
    );
}

#[test]
fn an_edit_the_deleting_device_had_not_seen_brings_the_customer_back() {
    let w = World::new(2);
    w.phone(0).save("customer:c-1", customer("c-1", "华信"));
    w.phone(0).save("customer:c-2", customer("c-2", "远航"));
    w.settle();
    w.phone(0).remove("customer:c-1");
    w.phone(0).remove("customer:c-2");
    let mut b = w.phone(1).get("customer:c-1").unwrap();
    b["owner"] = "王芳".into();
    w.phone(1).save("customer:c-1", b);
    w.sync_ok(0);
    w.sync_ok(1);
    w.settle();
    w.same_everywhere();
    let back = w
        .phone(0)
        .get("customer:c-1")
        .expect("the edited customer is back");
    assert_eq!(back["owner"], "王芳");
    assert_eq!(back["name"], "华信", "whole, not only the edited field");
    assert_eq!(
        w.phone(1).get("customer:c-2"),
        None,
        "the one nobody edited stays deleted"
    );
}

#[test]
fn a_record_made_and_removed_before_it_was_sent_never_reaches_the_server() {
    let w = World::new(1);
    w.phone(0)
        .save("todo:t-1", json!({"id": "t-1", "text": "call"}));
    w.phone(0).remove("todo:t-1");
    assert_eq!(w.sync_ok(0).sent, 0);
    assert!(w.phone(0).tracked.borrow().is_empty());
}

#[test]
fn fields_and_kinds_from_a_newer_app_are_kept_and_sent_on_by_an_older_one() {
    let w = World::new(2);
    let mut c = customer("c-1", "华信");
    c["wechat_group"] = "群1".into();
    w.phone(0).save("customer:c-1", c);
    w.phone(0)
        .save("meeting:m-1", json!({"id": "m-1", "room": "3F"}));
    w.sync_ok(0);
    // Phone 1 plays an older app: it stores neither the field nor the kind.
    w.phone(1).unknown_fields.borrow_mut().push("wechat_group");
    w.phone(1).unknown_kinds.borrow_mut().push("meeting");
    w.sync_ok(1);
    assert_eq!(
        w.phone(1).get("customer:c-1").unwrap().get("wechat_group"),
        None
    );
    assert_eq!(
        w.phone(1).get("meeting:m-1"),
        None,
        "a kind it cannot store is kept aside"
    );
    let mut edit = w.phone(1).get("customer:c-1").unwrap();
    edit["owner"] = "王芳".into();
    w.phone(1).save("customer:c-1", edit);
    w.sync_ok(1);
    w.sync_ok(0);
    let back = w.phone(0).get("customer:c-1").unwrap();
    assert_eq!(back["owner"], "王芳");
    assert_eq!(
        back["wechat_group"], "群1",
        "the older app sent the field on unchanged"
    );
    assert_eq!(w.phone(0).get("meeting:m-1").unwrap()["room"], "3F");
}

#[test]
fn a_connection_cut_during_bulk_docs_or_a_reply_delivered_twice_loses_and_doubles_nothing() {
    for fault in [Fault::CutAfter, Fault::Drop, Fault::Duplicate, Fault::Error] {
        let w = World::new(2);
        w.save_customers(0, 5, "x");
        w.link(0)
            .faults
            .borrow_mut()
            .push_back(("_bulk_docs", fault));
        let first = w.sync(0);
        assert_eq!(first.is_err(), fault != Fault::Duplicate, "{fault:?}");
        w.sync_ok(0);
        w.link(1).faults.borrow_mut().push_back(("_changes", fault));
        let _ = w.sync(1);
        w.settle();
        w.same_everywhere();
        assert_eq!(w.phone(1).records.borrow().len(), 5, "{fault:?}");
        let bodies = w
            .couch
            .all_bodies()
            .iter()
            .filter(|b| b.get("ct").is_some())
            .count();
        assert_eq!(
            bodies, 5,
            "{fault:?}: one revision per customer, none doubled"
        );
    }
}

/// How many `_revs_diff` requests the server has had.
fn asked(w: &World) -> usize {
    let requests = w.couch.requests.borrow();
    requests.iter().filter(|r| r.contains("_revs_diff")).count()
}

/// The second `_bulk_docs` of the next sync is done by the server but its reply is lost.
fn lose_the_second_reply(w: &World) {
    let faults = &w.link(0).faults;
    faults
        .borrow_mut()
        .push_back(("_bulk_docs", Fault::Duplicate));
    faults
        .borrow_mut()
        .push_back(("_bulk_docs", Fault::CutAfter));
}

#[test]
fn each_row_is_written_once_and_those_on_their_way_are_named_in_the_state() {
    let w = World::new(2);
    w.save_customers(0, 7, "x");
    lose_the_second_reply(&w);
    assert!(w.sync(0).is_err());
    assert_eq!(
        asked(&w),
        0,
        "revisions made in the run are sent without asking"
    );
    // Batches of 2, 3 and 2 (the first is smaller), each record's row written as sent
    // before its batch goes (once, not a mark and then the row); the state names the second
    // and third as on their way.
    assert_eq!(w.phone(0).tracked.borrow().len(), 7);
    let sending: Vec<String> = {
        let state = w.phone(0).state.borrow();
        state.sending.iter().map(|s| s.key.clone()).collect()
    };
    assert_eq!(sending.len(), 5, "{sending:?}");
    assert!(
        !sending.contains(&"customer:c-0".to_string()),
        "its reply came"
    );
    w.sync_ok(0);
    // The second batch's revisions are found by the pull; the third, marked on its way while
    // the second went, is asked about.
    assert_eq!(asked(&w), 1, "those still on their way are asked about");
    assert!(w.phone(0).state.borrow().sending.is_empty());
    assert_eq!(w.phone(0).tracked.borrow().len(), 7);
    w.sync_ok(1);
    w.same_everywhere();
    let bodies = w.couch.all_bodies();
    assert_eq!(bodies.iter().filter(|b| b.get("ct").is_some()).count(), 7);
}

#[test]
fn edits_left_on_their_way_are_asked_about() {
    let w = World::new(2);
    w.save_customers(0, 7, "x");
    w.sync_ok(0);
    w.save_customers(0, 7, "y");
    let before = asked(&w);
    lose_the_second_reply(&w);
    assert!(w.sync(0).is_err());
    assert_eq!(
        asked(&w),
        before,
        "edits made in the run are sent without asking"
    );
    w.sync_ok(0);
    // The second's answer was lost, but the next pull finds those revisions on the server;
    // the third was marked on its way while the second went, so it is asked about.
    assert_eq!(
        asked(&w),
        before + 1,
        "those still on their way are asked about"
    );
    w.sync_ok(1);
    w.same_everywhere();
    assert_eq!(w.phone(1).get("customer:c-6").unwrap()["name"], "y");
    let names: Vec<_> = w
        .phone(1)
        .records
        .borrow()
        .values()
        .map(|r| r["name"].clone())
        .collect();
    assert!(names.iter().all(|n| n == "y"), "{names:?}");
}

#[test]
fn a_record_removed_here_after_its_first_send_lost_its_reply_stays_removed() {
    let w = World::new(2);
    w.save_customers(0, 2, "x");
    w.link(0)
        .faults
        .borrow_mut()
        .push_back(("_bulk_docs", Fault::CutAfter));
    assert!(w.sync(0).is_err());
    assert_eq!(
        w.phone(0).state.borrow().sending.len(),
        2,
        "on their way, no reply"
    );
    // The server has both; this device no longer wants one.
    w.phone(0).remove("customer:c-1");
    w.sync_ok(0);
    assert_eq!(
        w.phone(0).get("customer:c-1"),
        None,
        "not brought back by the pull"
    );
    w.sync_ok(1);
    assert_eq!(
        w.phone(1).get("customer:c-1"),
        None,
        "the removal reached the server"
    );
    assert!(w.phone(1).get("customer:c-0").is_some());
    w.settle();
    w.same_everywhere();
}

#[test]
fn a_second_sync_resumes_from_its_checkpoint_and_a_replaced_database_starts_over() {
    let w = World::new(2);
    for i in 0..3 {
        w.phone(0)
            .save(&format!("plan:p-{i}"), json!({"id": format!("p-{i}")}));
    }
    w.settle();
    w.couch.requests.borrow_mut().clear();
    w.phone(0).save("plan:p-9", json!({"id": "p-9"}));
    w.sync_ok(0);
    w.sync_ok(1);
    let asked: Vec<String> = w
        .couch
        .requests
        .borrow()
        .iter()
        .filter(|r| r.contains("_changes"))
        .cloned()
        .collect();
    assert!(asked.iter().all(|r| !r.contains("since=0&")), "{asked:?}");

    // A new, empty database at the same address: everything is sent again.
    let fresh = Rc::new(Couch::new());
    let link = Link::new(fresh.clone());
    let report = block_on(sync(&link, w.phone(1), &w.cipher)).unwrap();
    assert_eq!(report.sent, 4);
}

#[test]
fn a_server_without_bulk_get_is_read_with_open_revs() {
    let w = World::new(2);
    w.couch.no_bulk_get.set(true);
    // Device 1 holds a synced record, so its pulls ask for the documents they lack.
    w.phone(1).save("customer:c-2", customer("c-2", "恒达"));
    w.sync_ok(1);
    w.phone(0).save("customer:c-1", customer("c-1", "华信"));
    w.settle();
    w.same_everywhere();
    assert!(w
        .couch
        .requests
        .borrow()
        .iter()
        .any(|r| r.contains("open_revs=")));
}

#[test]
fn the_server_holds_no_name_amount_or_date_and_its_ids_say_nothing() {
    let w = World::new(1);
    let mut c = customer("c-1", "华信科技");
    c["orders"] = json!([{"id": "o-1", "amount": 123456, "date": "2026-03-01"}]);
    w.phone(0).save("customer:c-1", c);
    w.phone(0).save(
        "followup:f-1",
        json!({"id": "f-1", "customer_id": "c-1", "note": "报价"}),
    );
    w.sync_ok(0);
    let text = format!("{:?}", w.couch.all_bodies());
    for secret in ["华信", "123456", "2026-03-01", "c-1", "报价", "customer"] {
        assert!(!text.contains(secret), "{secret} found on the server");
    }
}

#[test]
fn another_passphrase_is_refused_before_anything_is_read() {
    let w = World::new(1);
    block_on(async {
        assert!(read_key_doc(w.link(0)).await.unwrap().is_none());
        assert!(write_key_doc(w.link(0), &w.cipher, json!({"salt": "s"}))
            .await
            .unwrap());
        let doc = read_key_doc(w.link(0)).await.unwrap().unwrap();
        assert_eq!(doc["kdf"]["salt"], "s");
        assert_eq!(check_key(&w.cipher, &doc).await, Ok(()));
        let other = ToyCipher { key: "k2".into() };
        assert_eq!(
            check_key(&other, &doc).await,
            Err(SyncError::WrongPassphrase)
        );
        assert!(
            !write_key_doc(w.link(0), &other, json!({})).await.unwrap(),
            "the first one stays"
        );
    });
}

#[test]
fn a_person_typing_while_a_sync_runs_keeps_what_they_typed() {
    let w = World::new(2);
    w.phone(0).save("customer:c-1", customer("c-1", "华信"));
    w.settle();
    let mut a = w.phone(0).get("customer:c-1").unwrap();
    a["owner"] = "李雷".into();
    w.phone(0).save("customer:c-1", a);
    w.sync_ok(0);
    *w.phone(1).typing.borrow_mut() = Some(Box::new(|p: &Phone| {
        let mut c = p.get("customer:c-1").unwrap();
        c["industry"] = "物流".into();
        p.save("customer:c-1", c);
    }));
    w.sync_ok(1);
    let c = w.phone(1).get("customer:c-1").unwrap();
    assert_eq!(
        c["industry"], "物流",
        "what was typed during the sync is there"
    );
    assert_eq!(c["owner"], "李雷", "and the server's change too");
    w.settle();
    w.same_everywhere();
}

#[test]
fn a_second_device_joining_with_the_same_data_merges_without_sending_it_all_again() {
    let w = World::new(2);
    for i in 0..4 {
        let c = customer(&format!("c-{i}"), "same");
        w.phone(0)
            .records
            .borrow_mut()
            .insert(format!("customer:c-{i}"), c.clone());
        w.phone(1)
            .records
            .borrow_mut()
            .insert(format!("customer:c-{i}"), c);
    }
    let mut newer = customer("c-0", "newer on b");
    newer["updated_at"] = 5_000.into();
    w.phone(1)
        .records
        .borrow_mut()
        .insert("customer:c-0".into(), newer);
    w.phone(1).save("customer:c-9", customer("c-9", "only b"));
    assert_eq!(w.sync_ok(0).sent, 4);
    let joined = w.sync_ok(1);
    assert_eq!(joined.sent, 2, "only what differs: the newer c-0 and c-9");
    w.settle();
    w.same_everywhere();
    assert_eq!(
        w.phone(0).get("customer:c-0").unwrap()["name"],
        "newer on b"
    );
    assert_eq!(w.phone(0).records.borrow().len(), 5);
}

/// A small deterministic generator (xorshift), so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Three devices, random creates, edits and deletes, syncs in random order with offline gaps
/// and faults: at the end every device holds the same data, every customer made and never
/// deleted is there, and every order added and never removed is there.
fn random_run(seed: u64, steps: usize) {
    let w = World::new(3);
    let mut rng = Rng(seed | 1);
    let mut made = BTreeSet::new();
    let mut deleted = BTreeSet::new();
    let mut orders_added = std::collections::BTreeMap::new();
    let mut orders_removed = BTreeSet::new();
    let mut values: std::collections::BTreeMap<(String, &str), BTreeSet<String>> =
        Default::default();
    let trace = std::env::var("SYNC_TRACE").ok();
    for step in 0..steps {
        if let Some(t) = &trace {
            let (key, path) = t.split_once('@').unwrap_or((t, ""));
            for i in 0..3 {
                let has = w.phone(i).get(key).map(|c| c["orders"].to_string());
                let st = w.phone(i).tracked.borrow().get(key).map(|t| {
                    (
                        t.rev.clone(),
                        t.stamps.get(path).map(|s| s.to_string()),
                        t.digests.contains_key(path),
                        t.pending,
                    )
                });
                println!("  step {step} dev {i}: {has:?} {st:?}");
            }
        }
        let d = rng.below(3);
        let phone = w.phone(d);
        let keys: Vec<String> = phone.records.borrow().keys().cloned().collect();
        match rng.below(10) {
            0 | 1 => {
                let id = format!("c-{seed}-{step}");
                let key = format!("customer:{id}");
                phone.save(&key, customer(&id, &format!("n{step}")));
                values
                    .entry((key.clone(), "name"))
                    .or_default()
                    .insert(format!("n{step}"));
                made.insert(key);
            }
            2..=4 if !keys.is_empty() => {
                let key = &keys[rng.below(keys.len())];
                let field = ["name", "industry", "owner"][rng.below(3)];
                let mut c = phone.get(key).unwrap();
                let value = format!("{field}-{d}-{step}");
                c[field] = value.clone().into();
                phone.save(key, c);
                values
                    .entry((key.clone(), field))
                    .or_default()
                    .insert(value);
            }
            5 if !keys.is_empty() => {
                let key = &keys[rng.below(keys.len())];
                let mut c = phone.get(key).unwrap();
                let id = format!("o-{step}");
                c["orders"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"id": id, "amount": step}));
                phone.save(key, c);
                if trace.is_some() {
                    println!("step {step}: dev {d} adds {id} to {key}");
                }
                orders_added.insert(id, key.clone());
            }
            6 if !keys.is_empty() => {
                let key = &keys[rng.below(keys.len())];
                let mut c = phone.get(key).unwrap();
                let orders = c["orders"].as_array_mut().unwrap();
                if !orders.is_empty() {
                    let gone = orders.remove(rng.below(orders.len()));
                    orders_removed.insert(gone["id"].as_str().unwrap().to_string());
                    if trace.is_some() {
                        println!("step {step}: dev {d} removes {} from {key}", gone["id"]);
                    }
                    phone.save(key, c);
                }
            }
            7 if !keys.is_empty() && rng.below(3) == 0 => {
                let key = keys[rng.below(keys.len())].clone();
                phone.remove(&key);
                deleted.insert(key);
            }
            _ => {
                let link = w.link(d);
                link.offline.set(rng.below(4) == 0);
                if rng.below(3) == 0 {
                    let at = [
                        "",
                        "_changes",
                        "_bulk_docs",
                        "_bulk_get",
                        "_revs_diff",
                        "_local",
                    ][rng.below(6)];
                    let fault = [Fault::Drop, Fault::CutAfter, Fault::Duplicate, Fault::Error]
                        [rng.below(4)];
                    link.faults.borrow_mut().push_back((at, fault));
                }
                let r = w.sync(d);
                if trace.is_some() {
                    println!("step {step}: sync {d} -> {r:?}");
                }
            }
        }
    }
    for (_, link) in &w.devices {
        link.offline.set(false);
        link.faults.borrow_mut().clear();
    }
    w.settle();
    w.same_everywhere();
    let records = w.phone(0).records.borrow().clone();
    for key in &made {
        if !deleted.contains(key) {
            assert!(records.contains_key(key), "seed {seed}: {key} was lost");
        }
    }
    for (key, c) in &records {
        assert!(made.contains(key), "seed {seed}: {key} came from nowhere");
        for field in ["name", "industry", "owner"] {
            let v = c[field].as_str().unwrap_or("");
            let written = values.get(&(key.clone(), field));
            assert!(
                v.is_empty() || written.is_some_and(|w| w.contains(v)),
                "seed {seed}: {key}.{field} = {v} was never written"
            );
        }
        // A customer deleted somewhere and brought back by an edit its deleting device had
        // not seen comes back as that device last synced it: an order removed there just
        // before the deletion may return with it (docs/sync.md, edit against delete).
        for o in c["orders"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|_| !deleted.contains(key))
        {
            let id = o["id"].as_str().unwrap();
            assert!(
                !orders_removed.contains(id),
                "seed {seed}: removed {id} came back in {key}"
            );
        }
    }
    let kept: BTreeSet<String> = records
        .values()
        .flat_map(|c| {
            c["orders"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_str().unwrap().to_string())
        })
        .collect();
    for (id, key) in &orders_added {
        // An order on a customer that was deleted goes with it (or comes back with it).
        if !orders_removed.contains(id) && !deleted.contains(key) {
            assert!(
                kept.contains(id),
                "seed {seed}: order {id} on {key} was lost"
            );
        }
    }
}

#[test]
fn three_devices_in_random_runs_end_with_the_same_data_and_nothing_lost() {
    let runs: u64 = std::env::var("SYNC_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let first: u64 = std::env::var("SYNC_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    for seed in first..first + runs {
        println!("sync random run, seed {seed}");
        random_run(seed, 120);
    }
}

#[test]
fn the_count_of_waiting_changes_goes_up_with_each_changed_record_and_to_zero_after_a_sync() {
    use super::replicator::waiting;
    let w = World::new(1);
    assert_eq!(block_on(waiting(w.phone(0))), Ok(0));
    w.phone(0).save("customer:c-1", customer("c-1", "华信"));
    w.phone(0).save("todo:t-1", json!({"id": "t-1"}));
    assert_eq!(block_on(waiting(w.phone(0))), Ok(2));
    w.link(0).offline.set(true);
    assert!(matches!(w.sync(0), Err(SyncError::Unreachable(_))));
    assert_eq!(
        block_on(waiting(w.phone(0))),
        Ok(2),
        "still waiting while offline"
    );
    w.link(0).offline.set(false);
    w.sync_ok(0);
    assert_eq!(block_on(waiting(w.phone(0))), Ok(0));
    w.phone(0).remove("todo:t-1");
    assert_eq!(block_on(waiting(w.phone(0))), Ok(1), "a deletion waits too");
}

#[test]
fn the_engine_state_as_an_older_version_wrote_it_still_reads_and_an_empty_sending_is_not_written() {
    let old = json!({"clock": null, "since": "12-abc", "secret": "s", "by": "Li"});
    let state: State = serde_json::from_value(old.clone()).unwrap();
    assert_eq!(state.since, json!("12-abc"));
    assert!(state.sending.is_empty());
    assert_eq!(
        serde_json::to_value(&state).unwrap(),
        old,
        "the same shape back"
    );
    let mark = super::replicator::OnItsWay {
        key: "customer:c-1".into(),
        rev: "2-b".into(),
        parent: Some("1-a".into()),
        losers: Vec::new(),
    };
    let on_the_way = State {
        sending: vec![mark],
        ..state
    };
    let written = serde_json::to_value(&on_the_way).unwrap();
    assert_eq!(
        written["sending"],
        json!([{"key": "customer:c-1", "rev": "2-b", "parent": "1-a"}])
    );
    let back: State = serde_json::from_value(written).unwrap();
    assert_eq!(back, on_the_way);
}

#[test]
fn a_pull_that_brings_only_the_devices_own_changes_back_moves_its_checkpoint_once() {
    let w = World::new(1);
    w.save_customers(0, 7, "x");
    w.sync_ok(0);
    let checkpoints = |w: &World| {
        let requests = w.couch.requests.borrow();
        let puts = requests.iter().filter(|r| r.starts_with("PUT _local/"));
        puts.count()
    };
    let before = checkpoints(&w);
    // Three batches of its own seven changes: the last moves the checkpoint.
    w.sync_ok(0);
    assert_eq!(checkpoints(&w), before + 1);
    // Nothing new at all: no checkpoint to move.
    w.sync_ok(0);
    assert_eq!(checkpoints(&w), before + 1);
    let since = w.phone(0).state.borrow().since.clone();
    w.phone(0).save("customer:c-0", customer("c-0", "z"));
    w.sync_ok(0);
    w.sync_ok(0);
    assert_ne!(
        w.phone(0).state.borrow().since,
        since,
        "a new change still moves it"
    );
}

#[test]
fn a_checkpoint_the_server_does_not_know_offers_everything_again_without_making_conflicts() {
    // Found by the random run (seed 1, with a checkpoint left unsaved): the first batch of
    // the pull from 0 was looked at before its records were offered again, so they went up
    // as new trees beside the server's.
    let w = World::new(2);
    w.save_customers(0, 2, "x");
    w.sync_ok(0);
    w.save_customers(0, 2, "y");
    w.sync_ok(0);
    w.sync_ok(1);
    // The device was restored from an older copy: its checkpoint is not the server's.
    w.phone(0).state.borrow_mut().since = json!(999);
    w.sync_ok(0);
    assert_eq!(
        w.couch.conflicts(),
        0,
        "no second tree for a record the server has"
    );
    w.settle();
    w.same_everywhere();
}

#[test]
fn a_version_taken_in_by_the_pull_is_no_longer_on_its_way_when_the_push_then_fails() {
    // Found by the random run (seed 144): the record's entry outlived the pull that found it
    // on the server, so a later read took it as never sent and its removal was never told.
    let w = World::new(2);
    w.phone(0).save("customer:c-1", customer("c-1", "x"));
    let faults = &w.link(0).faults;
    faults
        .borrow_mut()
        .push_back(("_bulk_docs", Fault::CutAfter));
    assert!(w.sync(0).is_err());
    // The pull finds c-1 on the server; the push of another record is cut.
    w.phone(0).save("customer:c-2", customer("c-2", "y"));
    faults.borrow_mut().push_back(("_bulk_docs", Fault::Drop));
    assert!(w.sync(0).is_err());
    w.phone(0).remove("customer:c-1");
    w.sync_ok(0);
    w.sync_ok(1);
    assert_eq!(
        w.phone(1).get("customer:c-1"),
        None,
        "the removal reached the server"
    );
    assert!(w.phone(1).get("customer:c-2").is_some());
    w.settle();
    w.same_everywhere();
}

#[test]
fn the_random_run_that_found_a_removal_left_untold_stays_fixed() {
    random_run(144, 120);
}

#[test]
fn a_push_says_how_many_records_are_left_after_each_batch() {
    let w = World::new(1);
    w.save_customers(0, 7, "x");
    w.sync_ok(0);
    // Batches of 2, 3 and 2.
    assert_eq!(*w.phone(0).lefts.borrow(), vec![7, 5, 2, 0]);
    w.phone(0).lefts.borrow_mut().clear();
    w.sync_ok(0);
    assert!(
        w.phone(0).lefts.borrow().is_empty(),
        "nothing to send, nothing said"
    );
}

#[test]
fn a_device_that_holds_nothing_gets_the_documents_with_the_changes_and_says_how_many_are_left() {
    let w = World::new(2);
    w.save_customers(0, 7, "x");
    w.sync_ok(0);
    w.couch.requests.borrow_mut().clear();
    let got = w.sync_ok(1);
    assert_eq!(got.received, 7);
    w.same_everywhere();
    let requests = w.couch.requests.borrow().clone();
    assert!(
        requests.iter().all(|r| !r.contains("_bulk_get")),
        "{requests:?}"
    );
    assert!(requests.iter().any(|r| r.contains("include_docs=true")));
    // Batches of 2, 3 and 2: what is left counts the batch in hand and the server's pending.
    assert_eq!(*w.phone(1).lefts.borrow(), vec![7, 5, 2]);

    // A device that holds records asks for what it lacks instead.
    w.phone(0).save("customer:c-1", customer("c-1", "y"));
    w.sync_ok(0);
    w.couch.requests.borrow_mut().clear();
    w.sync_ok(1);
    w.same_everywhere();
    let requests = w.couch.requests.borrow().clone();
    assert!(requests.iter().any(|r| r.contains("_bulk_get")));
    assert!(requests.iter().all(|r| !r.contains("include_docs")));
}

#[test]
fn a_server_that_gives_no_pending_count_is_estimated_from_its_sequence_number() {
    let w = World::new(2);
    w.couch.no_pending.set(true);
    w.save_customers(0, 7, "x");
    w.sync_ok(0);
    w.sync_ok(1);
    w.same_everywhere();
    assert_eq!(*w.phone(1).lefts.borrow(), vec![7, 5, 2]);
}

#[test]
fn a_document_in_conflict_on_the_server_is_fetched_whole_by_a_device_that_holds_nothing() {
    let w = World::new(2);
    w.phone(0).save("customer:c-1", customer("c-1", "华信"));
    w.sync_ok(0);
    // Two children of the one revision, as two devices cut off mid-push would leave them.
    let body = w
        .couch
        .all_bodies()
        .into_iter()
        .find(|b| b.get("ct").is_some());
    let body = body.expect("the customer's document");
    let (id, rev) = (
        body["_id"].clone(),
        body["_rev"].as_str().unwrap().to_string(),
    );
    let hash = rev.split_once('-').unwrap().1.to_string();
    let docs: Vec<Value> = ["aaa", "bbb"]
        .iter()
        .map(|h| {
            json!({"_id": id, "_rev": format!("2-{h}"), "ct": body["ct"], "kid": body["kid"],
                "v": body["v"], "_revisions": {"start": 2, "ids": [h, hash]}})
        })
        .collect();
    let reply = block_on(w.link(0).request(
        "POST",
        "_bulk_docs",
        Some(json!({"docs": docs, "new_edits": false})),
    ))
    .unwrap();
    assert!(reply.status < 300, "{}", reply.body);
    assert_eq!(w.couch.conflicts(), 1);
    w.couch.requests.borrow_mut().clear();
    w.sync_ok(1);
    assert!(w
        .couch
        .requests
        .borrow()
        .iter()
        .any(|r| r.contains("_bulk_get")));
    w.settle();
    w.same_everywhere();
}
