//! The open data set: the database connection, the customers and settings in memory, the
//! date the app treats as today, and what to tell the user when storage fails.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use super::toast::Toaster;
use crate::domain::cadence::Holiday;
use crate::domain::demo::{self, DemoLang};
use crate::domain::figures::Figures;
use crate::domain::records::Customer;
use crate::domain::records::{FollowUp, PlanItem, Todo};
use crate::domain::settings::DataSettings;
use crate::domain::tiering::{classify_inputs, Classification, Inputs, TierState};
use crate::store::{settings, sync, AtRest, Db, Loaded, StoreError};

mod clock;
mod kept;
pub mod per_customer;
pub mod replication;
mod tier_bookkeeping;
// Every write goes through the gateway in `writes.rs`; only it and this file reach the database.
mod writes;
use clock::{app_today, use_today};
pub(crate) use kept::figure;
pub use kept::{kept, Figure};
use per_customer::{per_customer_memo, Reads, Revisions, Sources};

thread_local! {
    static DB: RefCell<Option<Rc<Db>>> = const { RefCell::new(None) };
    /// Whether this page started in the training workspace (read once, at its start).
    static OPENED_AS_DEMO: std::cell::OnceCell<bool> = const { std::cell::OnceCell::new() };
}

/// The shared connection, opened on first use.
async fn db() -> Result<Rc<Db>, StoreError> {
    if let Some(db) = DB.with(|cell| cell.borrow().clone()) {
        return Ok(db);
    }
    // The database this page started with, not the one the flag names now: entering or
    // leaving the demo sets the flag and then loads the page again, and a load of the old
    // page still in flight must not open (or seed) the other workspace's database.
    let name = if opened_as_demo() {
        crate::store::schema::DEMO_DB_NAME
    } else {
        crate::store::schema::DB_NAME
    };
    let db = Rc::new(Db::open_with(name, crate::store::schema::CURRENT).await?);
    DB.with(|cell| *cell.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Whether this page is the training workspace's: the demo flag as it was when the page
/// started (see [`db`]).
pub fn opened_as_demo() -> bool {
    OPENED_AS_DEMO.with(|d| *d.get_or_init(settings::is_demo))
}

/// Encryption at rest as the open connection knows it (`Off` until it is open). Not a
/// signal: read it inside something that tracks `customers`, which every change of it reloads.
pub fn at_rest() -> AtRest {
    DB.with(|cell| cell.borrow().as_ref().map(|db| db.at_rest()))
        .unwrap_or(AtRest::Off)
}

/// The generation of the data this tab last read or wrote (`None` before the first read).
pub fn generation() -> Option<u64> {
    DB.with(|cell| cell.borrow().as_ref().and_then(|db| db.seen()))
}

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Loading,
    Ready,
    /// The data could not be read; the catalogue words why.
    Failed(StoreError),
    /// Another tab upgraded the database: this tab must reload.
    Outdated,
}

#[derive(Clone, Copy)]
pub struct Workspace {
    pub customers: RwSignal<Vec<Customer>>,
    /// Logged touches and planned ones, every customer's.
    pub followups: RwSignal<Vec<FollowUp>>,
    pub plans: RwSignal<Vec<PlanItem>>,
    pub todos: RwSignal<Vec<Todo>>,
    pub settings: RwSignal<DataSettings>,
    pub status: RwSignal<Status>,
    /// The day every rule is computed for (the demo can move it; real data never does).
    pub today: RwSignal<NaiveDate>,
    /// What the tiering rules compute for each customer today, by id. Computed once per
    /// change of data, settings or day — never while rendering a row.
    pub tiers: Memo<Arc<HashMap<String, Classification>>>,
    /// Lunar holiday dates for this year and the next, from the browser's Chinese calendar.
    pub lunar: Memo<Arc<Vec<(Holiday, NaiveDate)>>>,
    /// Which customers' records changed since they were read (see `per_customer.rs`).
    pub revisions: StoredValue<Revisions>,
    /// Changes to a customer waiting for this tab's write of it to land (see `writes.rs`).
    in_turn: StoredValue<writes::InTurn, LocalStorage>,
    /// The UI's language (the demo's stories and storage failures are worded in it).
    lang: RwSignal<crate::i18n::Lang>,
    /// Where every write failure is told (see `writes.rs`).
    toaster: Toaster,
}

impl Workspace {
    /// One customer's own follow-ups and planned items (tracked), picked out without grouping
    /// everyone's: grouping 50,000 follow-ups for one customer takes longer than its schedule.
    pub fn with_own_records<R>(
        self,
        customer_id: &str,
        f: impl FnOnce(&[&FollowUp], &[&PlanItem]) -> R,
    ) -> R {
        self.followups.with(|fs| {
            self.plans.with(|ps| {
                let followups: Vec<&FollowUp> =
                    fs.iter().filter(|x| x.customer_id == customer_id).collect();
                let plans: Vec<&PlanItem> =
                    ps.iter().filter(|x| x.customer_id == customer_id).collect();
                f(&followups, &plans)
            })
        })
    }

    /// Opens the data set and starts loading it (a side effect, hence no `Default`).
    #[allow(clippy::new_without_default)]
    pub fn new() -> Workspace {
        opened_as_demo();
        let ws = Workspace::in_memory(app_today());
        ws.reload();
        ws.keep_tiers_current();
        use_today(ws.today, app_today);
        // Another tab wrote: read again so this tab never shows (or saves over) stale data.
        sync::listen(move || ws.reload());
        ws
    }

    /// A workspace showing `data` as of `today`, read from nowhere and following no clock:
    /// for tests that mount a page on a small data set (`ui::testing`).
    pub fn showing(data: Loaded, today: NaiveDate) -> Workspace {
        let ws = Workspace::in_memory(today);
        ws.show(data);
        ws
    }

    /// Shows `data` as read afresh: every kept figure is computed again.
    fn show(self, data: Loaded) {
        self.revisions.update_value(Revisions::reset);
        self.customers.set(data.customers);
        self.settings.set(data.settings);
        self.followups.set(data.followups);
        self.plans.set(data.plans);
        self.todos.set(data.todos);
        self.status.set(Status::Ready);
    }

    /// The signals and memos, empty and loading.
    fn in_memory(today: NaiveDate) -> Workspace {
        let customers = RwSignal::new(Vec::<Customer>::new());
        let settings = RwSignal::new(DataSettings::default());
        let today = RwSignal::new(today);
        let sources = Sources {
            revisions: StoredValue::new(Revisions::default()),
            customers,
            followups: RwSignal::new(Vec::new()),
            plans: RwSignal::new(Vec::new()),
        };
        // What the rules read of each customer (its figures today), kept per customer.
        let inputs = per_customer_memo(
            sources,
            Reads::PROFILE,
            move || today.get(),
            |today, own| Inputs::of(own.customer, &Figures::of(own.customer, *today)),
        );
        let tiers = Memo::new(move |_| {
            let tiering = settings.with(|s| s.tiering.clone());
            let classes = inputs.with(|inputs| classify_inputs(inputs, &tiering));
            customers.with(|cs| Arc::new(cs.iter().map(|c| c.id.clone()).zip(classes).collect()))
        });
        let year = Memo::new(move |_| today.get().year());
        let lunar = Memo::new(move |_| {
            let y = year.get();
            Arc::new(browser::lunar_holidays(&[y, y + 1]))
        });
        let ws = Workspace {
            lunar,
            customers,
            followups: sources.followups,
            plans: sources.plans,
            todos: RwSignal::new(Vec::new()),
            settings,
            status: RwSignal::new(Status::Loading),
            today,
            tiers,
            revisions: sources.revisions,
            in_turn: StoredValue::new_local(Vec::new()),
            lang: expect_context(),
            toaster: expect_context(),
        };
        kept::keep_under(Owner::current());
        ws
    }

    /// Reads everything from the database again, in one transaction.
    pub fn reload(self) {
        spawn_local(async move {
            match async { db().await?.load().await }.await {
                // The training workspace starts with the seeds' stories.
                Ok(loaded)
                    if opened_as_demo()
                        && (settings::take_demo_seed() || loaded.customers.is_empty()) =>
                {
                    self.reset_demo();
                }
                Ok(loaded) => self.show(loaded),
                Err(err) => self.status.set(match err {
                    StoreError::Outdated => Status::Outdated,
                    other => Status::Failed(other),
                }),
            }
        });
    }

    /// Writes the demo data set afresh (in the UI's language, as of the real today) and shows
    /// it. Only ever called on the demo's own database.
    pub fn reset_demo(self) {
        if !opened_as_demo() {
            return;
        }
        settings::set_demo_offset(0);
        let today = browser::today();
        let lang = match self.lang.get_untracked() {
            crate::i18n::Lang::Zh => DemoLang::Zh,
            crate::i18n::Lang::En => DemoLang::En,
        };
        let data = demo::generate(lang, today);
        self.run(
            async move |db| {
                let records = (&data.followups[..], &[][..], &data.todos[..]);
                db.write_import(true, &data.customers, records, Some(&data.settings))
                    .await?;
                Ok(data)
            },
            move |data| {
                self.today.set(today);
                self.show(Loaded {
                    customers: data.customers,
                    settings: data.settings,
                    followups: data.followups,
                    plans: Vec::new(),
                    todos: data.todos,
                });
            },
        );
    }

    /// Moves the demo's today to `day` (the real data's today never moves). Time travel is
    /// reversible: leaving the real today keeps every tier state as it is there, and any step
    /// back puts those states back before the rules move them on to `day`, so a trip there and
    /// back leaves every tier as it was (changes the rules made on the way do not stick).
    pub fn travel_to(self, day: NaiveDate) {
        // Not while loading: the tiers kept for the way back would be none.
        if !opened_as_demo() || self.status.get_untracked() != Status::Ready {
            return;
        }
        let from = self.today.get_untracked();
        let real = browser::today();
        let arrive = move || {
            settings::set_demo_offset((day - real).num_days());
            if day == real {
                settings::set_demo_tiers_at_today(None);
            }
            self.today.set(day);
        };
        if from == real && settings::demo_tiers_at_today().is_none() {
            let states: HashMap<String, TierState> = self.customers.with_untracked(|cs| {
                cs.iter()
                    .map(|c| (c.id.clone(), c.tiering.clone()))
                    .collect()
            });
            settings::set_demo_tiers_at_today(Some(&states));
        }
        if let Some(at_today) = settings::demo_tiers_at_today().filter(|_| day < from) {
            // Shown at once (a second click must build on this one), stored behind it.
            let ids: Vec<String> = at_today.keys().cloned().collect();
            let restored: Vec<Customer> = self.customers.with_untracked(|cs| {
                cs.iter()
                    .filter_map(|c| {
                        let kept = at_today.get(&c.id).filter(|k| **k != c.tiering)?;
                        Some(Customer {
                            tiering: kept.clone(),
                            ..c.clone()
                        })
                    })
                    .collect()
            });
            self.put_customers(restored);
            let change = move |c: &Customer, state: &mut TierState| match at_today.get(&c.id) {
                Some(kept) if kept != state => {
                    *state = kept.clone();
                    true
                }
                _ => false,
            };
            self.run(
                async move |db| {
                    db.update_tier_states(&ids, &change, crate::store::Freshness::Unchecked)
                        .await
                },
                move |saved| self.put_customers(saved),
            );
        }
        arrive();
    }

    /// Replaces (or adds) one customer in memory after a save.
    pub fn put_customer(self, saved: Customer) {
        self.revisions.update_value(|r| r.touch(&saved.id));
        self.customers.update(|all| upsert(all, saved, |c| &c.id));
    }

    /// Replaces (or adds) many customers in memory at once: one change for the pages to
    /// follow, found by id (tiering's bookkeeping may move 10,000 customers at a time).
    pub fn put_customers(self, saved: Vec<Customer>) {
        if saved.is_empty() {
            return;
        }
        self.revisions
            .update_value(|r| saved.iter().for_each(|c| r.touch(&c.id)));
        self.customers.update(|all| {
            // The first of an id, as `upsert` finds it.
            let mut at: HashMap<String, usize> = HashMap::new();
            for (i, c) in all.iter().enumerate() {
                at.entry(c.id.clone()).or_insert(i);
            }
            for c in saved {
                match at.get(&c.id) {
                    Some(&i) => all[i] = c,
                    None => {
                        at.insert(c.id.clone(), all.len());
                        all.push(c);
                    }
                }
            }
        });
    }

    pub fn remove_customer(self, id: &str) {
        self.revisions.update_value(|r| r.touch(id));
        self.customers.update(|all| all.retain(|c| c.id != id));
    }

    pub fn customer(self, id: &str) -> Option<Customer> {
        self.customers
            .with(|all| all.iter().find(|c| c.id == id).cloned())
    }
}

pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}

/// A fresh identifier for a record: random, so records made on two devices never collide
/// when their backups are merged.
pub fn new_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{:x}", (js_sys::Math::random() * 1e16) as u64))
}

/// Replaces the record with the same id, or adds it.
fn upsert<T>(all: &mut Vec<T>, record: T, id: impl Fn(&T) -> &String) {
    match all.iter_mut().find(|r| id(r) == id(&record)) {
        Some(slot) => *slot = record,
        None => all.push(record),
    }
}

/// Everything in the data set, as the backup file.
pub fn export_text(ws: Workspace) -> String {
    let today = ws.today.get_untracked();
    ws.customers.with_untracked(|cs| {
        ws.followups.with_untracked(|fs| {
            ws.plans.with_untracked(|ps| {
                ws.todos.with_untracked(|ts| {
                    crate::domain::backup::export_all(
                        &ws.settings.get_untracked(),
                        cs,
                        fs,
                        ps,
                        ts,
                        today,
                    )
                })
            })
        })
    })
}
