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
use crate::domain::closed_loop::Effects;
use crate::domain::customer::Customer;
use crate::domain::demo::{self, DemoLang};
use crate::domain::followup::{FollowUp, PlanItem, Todo};
use crate::domain::settings::DataSettings;
use crate::domain::tiering::{classify_portfolio, Classification, TierState};
use crate::store::{settings, sync, AtRest, Db, StoreError};

thread_local! {
    static DB: RefCell<Option<Rc<Db>>> = const { RefCell::new(None) };
}

/// The shared connection, opened on first use.
pub async fn db() -> Result<Rc<Db>, StoreError> {
    if let Some(db) = DB.with(|cell| cell.borrow().clone()) {
        return Ok(db);
    }
    let db = Rc::new(Db::open().await?);
    DB.with(|cell| *cell.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Encryption at rest as the open connection knows it (`Off` until it is open). Not a
/// signal: read it inside something that tracks `customers`, which every change of it reloads.
pub fn at_rest() -> AtRest {
    DB.with(|cell| cell.borrow().as_ref().map(|db| db.at_rest()))
        .unwrap_or(AtRest::Off)
}

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Loading,
    Ready,
    /// The browser refused storage; the text is its own explanation.
    Failed(String),
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
    /// The UI's language (the demo's stories are written in it).
    lang: RwSignal<crate::i18n::Lang>,
}

impl Workspace {
    /// Opens the data set and starts loading it (a side effect, hence no `Default`).
    #[allow(clippy::new_without_default)]
    pub fn new() -> Workspace {
        let customers = RwSignal::new(Vec::<Customer>::new());
        let settings = RwSignal::new(DataSettings::default());
        let today = RwSignal::new(demo_day(settings::demo_offset()));
        let tiers = Memo::new(move |_| {
            let tiering = settings.with(|s| s.tiering.clone());
            let today = today.get();
            customers.with(|cs| {
                let classes = classify_portfolio(cs, &tiering, today);
                Arc::new(cs.iter().map(|c| c.id.clone()).zip(classes).collect())
            })
        });
        let year = Memo::new(move |_| today.get().year());
        let lunar = Memo::new(move |_| {
            let y = year.get();
            Arc::new(browser::lunar_holidays(&[y, y + 1]))
        });
        let ws = Workspace {
            lunar,
            customers,
            followups: RwSignal::new(Vec::new()),
            plans: RwSignal::new(Vec::new()),
            todos: RwSignal::new(Vec::new()),
            settings,
            status: RwSignal::new(Status::Loading),
            today,
            tiers,
            lang: expect_context(),
        };
        ws.reload();
        ws.keep_tiers_current();
        ws.follow_the_clock();
        // Another tab wrote: read again so this tab never shows (or saves over) stale data.
        sync::listen(move || ws.reload());
        ws
    }

    /// Moves each customer's tier state along with what the rules compute (proposals,
    /// observation periods, raises ending) and stores the states that changed.
    fn keep_tiers_current(self) {
        Effect::new(move |_| {
            if self.status.get() != Status::Ready {
                return;
            }
            let today = self.today.get();
            let settings = self.settings.with(|s| s.tiering.clone());
            let tiers = self.tiers.get();
            let changed: Vec<(String, TierState)> = self.customers.with(|cs| {
                cs.iter()
                    .filter_map(|c| {
                        let computed = tiers.get(&c.id)?.tier;
                        let mut state = c.tiering.clone();
                        state
                            .advance(computed, c, settings.preset, &settings, today)
                            .then(|| (c.id.clone(), state))
                    })
                    .collect()
            });
            if !changed.is_empty() {
                self.save_tier_states(changed);
            }
        });
    }

    /// Stores tier states (from the rules or from the user) and shows them.
    pub fn save_tier_states(self, states: Vec<(String, TierState)>) {
        spawn_local(async move {
            match async { db().await?.save_tier_states(&states).await }.await {
                Ok(saved) => {
                    for customer in saved {
                        self.put_customer(customer);
                    }
                }
                Err(err) => self.fail(&err),
            }
        });
    }

    /// A page left open past midnight moves to the new day by itself.
    fn follow_the_clock(self) {
        use wasm_bindgen::JsCast;
        let tick = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            let now = demo_day(settings::demo_offset());
            if now != self.today.get_untracked() {
                self.today.set(now);
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                60_000,
            );
        }
        // Lives as long as the page.
        tick.forget();
    }

    /// Reads everything from the database again.
    pub fn reload(self) {
        spawn_local(async move {
            let loaded = async {
                let db = db().await?;
                Ok::<_, StoreError>((
                    db.customers().await?,
                    db.settings().await?,
                    db.all::<FollowUp>().await?,
                    db.all::<PlanItem>().await?,
                    db.all::<Todo>().await?,
                ))
            }
            .await;
            match loaded {
                // The training workspace starts with the seeds' stories.
                Ok((customers, ..))
                    if settings::is_demo()
                        && (settings::take_demo_seed() || customers.is_empty()) =>
                {
                    self.reset_demo();
                }
                Ok((customers, settings, followups, plans, todos)) => {
                    self.customers.set(customers);
                    self.settings.set(settings);
                    self.followups.set(followups);
                    self.plans.set(plans);
                    self.todos.set(todos);
                    self.status.set(Status::Ready);
                }
                Err(err) => self.fail(&err),
            }
        });
    }

    /// Writes the demo data set afresh (in the UI's language, as of the real today) and shows
    /// it. Only ever called on the demo's own database.
    pub fn reset_demo(self) {
        if !settings::is_demo() {
            return;
        }
        settings::set_demo_offset(0);
        let today = browser::today();
        let lang = match self.lang.get_untracked() {
            crate::i18n::Lang::Zh => DemoLang::Zh,
            crate::i18n::Lang::En => DemoLang::En,
        };
        let data = demo::generate(lang, today);
        let settings = data.settings;
        spawn_local(async move {
            let written = async {
                let records = (&data.followups[..], &[][..], &data.todos[..]);
                db().await?
                    .write_import(true, &data.customers, records, Some(&settings))
                    .await
            }
            .await;
            match written {
                Ok(()) => {
                    self.today.set(today);
                    self.customers.set(data.customers);
                    self.settings.set(settings);
                    self.followups.set(data.followups);
                    self.plans.set(Vec::new());
                    self.todos.set(data.todos);
                    self.status.set(Status::Ready);
                }
                Err(err) => self.fail(&err),
            }
        });
    }

    /// Moves the demo's today to `day` (the real data's today never moves).
    pub fn travel_to(self, day: NaiveDate) {
        if settings::is_demo() {
            settings::set_demo_offset((day - browser::today()).num_days());
            self.today.set(day);
        }
    }

    /// Records a storage failure where the shell shows it.
    pub fn fail(self, err: &StoreError) {
        // Refusals of a locked tab are the caller's to say; storage itself is fine.
        if matches!(err, StoreError::Locked | StoreError::WrongPassphrase) {
            return;
        }
        self.status.set(match err {
            StoreError::Outdated => Status::Outdated,
            other => Status::Failed(other.to_string()),
        });
    }

    /// Replaces (or adds) one customer in memory after a save.
    pub fn put_customer(self, saved: Customer) {
        self.customers
            .update(|all| match all.iter_mut().find(|c| c.id == saved.id) {
                Some(slot) => *slot = saved,
                None => all.push(saved),
            });
    }

    pub fn remove_customer(self, id: &str) {
        self.customers.update(|all| all.retain(|c| c.id != id));
    }

    /// Stores the data set's settings and shows them; `saved` is said on success.
    pub fn save_settings(self, settings: DataSettings, toaster: Toaster, saved: Option<String>) {
        spawn_local(async move {
            match async { db().await?.save_settings(&settings).await }.await {
                Ok(()) => {
                    self.settings.set(settings);
                    if let Some(message) = saved {
                        toaster.info(message);
                    }
                }
                Err(err) => toaster.error(err.to_string()),
            }
        });
    }

    /// Stores a follow-up (new or edited) and shows it.
    pub fn save_followup(self, followup: FollowUp, on_error: impl Fn(String) + 'static) {
        spawn_local(async move {
            match async { db().await?.put(&followup).await }.await {
                Ok(()) => self
                    .followups
                    .update(|all| upsert(all, followup, |f| &f.id)),
                Err(err) => {
                    self.fail(&err);
                    on_error(err.to_string());
                }
            }
        });
    }

    /// Stores a planned touch (new or edited) and shows it.
    pub fn save_plan_item(self, item: PlanItem, on_error: impl Fn(String) + 'static) {
        spawn_local(async move {
            match async { db().await?.put(&item).await }.await {
                Ok(()) => self.plans.update(|all| upsert(all, item, |p| &p.id)),
                Err(err) => {
                    self.fail(&err);
                    on_error(err.to_string());
                }
            }
        });
    }

    /// Writes a follow-up's effects in one transaction, then shows them; `done` runs after a
    /// successful write.
    pub fn apply_effects(
        self,
        effects: Effects,
        done: impl FnOnce() + 'static,
        on_error: impl Fn(String) + 'static,
    ) {
        spawn_local(async move {
            match async { db().await?.apply_effects(&effects).await }.await {
                Ok(customer) => {
                    self.followups.update(|all| {
                        all.retain(|f| !effects.followups_delete.contains(&f.id));
                        for f in &effects.followups_put {
                            upsert(all, f.clone(), |x| &x.id);
                        }
                    });
                    self.todos.update(|all| {
                        all.retain(|t| !effects.todos_delete.contains(&t.id));
                        for t in &effects.todos_put {
                            upsert(all, t.clone(), |x| &x.id);
                        }
                    });
                    self.plans.update(|all| {
                        all.retain(|p| !effects.plans_delete.contains(&p.id));
                        for p in &effects.plans_put {
                            upsert(all, p.clone(), |x| &x.id);
                        }
                    });
                    if let Some(c) = customer {
                        self.put_customer(c);
                    }
                    done();
                }
                Err(err) => {
                    self.fail(&err);
                    on_error(err.to_string());
                }
            }
        });
    }

    /// Changes one customer and saves it (a profile edit: the revision check applies, so a
    /// change made meanwhile in another tab is reported instead of overwritten).
    pub fn update_customer(
        self,
        id: &str,
        change: impl FnOnce(&mut Customer),
        on_error: impl Fn(String) + 'static,
    ) {
        let Some(mut customer) = self.customer(id) else {
            return;
        };
        change(&mut customer);
        spawn_local(async move {
            match async { db().await?.save_customer(&customer).await }.await {
                Ok(saved) => self.put_customer(saved),
                Err(err) => {
                    if matches!(err, StoreError::Conflict { .. }) {
                        self.reload();
                    } else {
                        self.fail(&err);
                    }
                    on_error(err.to_string());
                }
            }
        });
    }

    pub fn customer(self, id: &str) -> Option<Customer> {
        self.customers
            .with(|all| all.iter().find(|c| c.id == id).cloned())
    }
}

/// The real today moved by the demo's offset (0 outside the demo).
fn demo_day(offset: i64) -> NaiveDate {
    browser::today() + chrono::Duration::days(offset)
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
