//! The one way the pages write: every change goes through [`Workspace::run`], which runs it
//! against the database, patches the signals the pages show, and handles a failure the same
//! way on every path — a stale tab reloads and says so, an outdated tab shows the reload
//! banner, anything else is told in the user's language. No page calls the database itself.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{db, upsert, Status, Workspace};
use crate::domain::closed_loop::Effects;
use crate::domain::records::Customer;
use crate::domain::records::{FollowUp, PlanItem, Todo};
use crate::domain::settings::DataSettings;
use crate::domain::tiering::{TierDecision, TierState};
use crate::store::{Db, Freshness, StoreError};

type Change = Box<dyn FnOnce(&mut Customer)>;
/// A change to a customer, and what runs once it is stored.
pub(super) type QueuedChange = (Change, Box<dyn FnOnce()>);
/// The customers whose write is under way, each with the changes waiting behind it (rarely
/// more than one: a list).
pub(super) type InTurn = Vec<(String, Vec<QueuedChange>)>;

impl Workspace {
    /// Runs `work` (a write, or a read a page needs now) against the database; `done` shows
    /// its result. A failure is handled by [`Workspace::failed`].
    pub fn run<T: 'static>(
        self,
        work: impl AsyncFnOnce(&Db) -> Result<T, StoreError> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.run_or(work, done, |_| {});
    }

    /// [`Workspace::run`], and `failed` also runs on a failure (for a page's own state, such
    /// as a form's "saving…"), after the common handling.
    pub fn run_or<T: 'static>(
        self,
        work: impl AsyncFnOnce(&Db) -> Result<T, StoreError> + 'static,
        done: impl FnOnce(T) + 'static,
        failed: impl FnOnce(&StoreError) + 'static,
    ) {
        spawn_local(async move {
            match async { work(&*db().await?).await }.await {
                Ok(value) => {
                    super::replication::changed();
                    done(value)
                }
                Err(err) => {
                    self.failed(&err);
                    failed(&err);
                }
            }
        });
    }

    /// The one handling of a storage failure: says it in the user's language; a stale tab reads
    /// the latest data (so the next attempt works on it), an outdated one shows the banner.
    fn failed(self, err: &StoreError) {
        // A wrong passphrase is said beside the passphrase field that asked for it.
        if *err == StoreError::WrongPassphrase {
            return;
        }
        if *err == StoreError::Outdated {
            self.status.set(Status::Outdated);
        } else if err.is_stale() {
            self.reload();
        }
        self.toaster
            .error(self.lang.get_untracked().store_error(err));
    }

    /// Moves tier states as the rules compute them and shows the ones that moved: `change`
    /// runs on each stored state in the write's transaction (see [`Db::update_tier_states`]);
    /// never refused as stale, since it builds on what is stored.
    pub fn advance_tier_states(
        self,
        ids: Vec<String>,
        change: impl Fn(&Customer, &mut TierState) -> bool + 'static,
    ) {
        self.run(
            async move |db| {
                db.update_tier_states(&ids, &change, Freshness::Unchecked)
                    .await
            },
            move |saved| self.put_customers(saved),
        );
    }

    /// Stores a user's decision on the tiers of `ids` and shows it. Checked: a tab showing
    /// stale data reloads rather than decide on what the user did not see.
    pub fn decide_tiers(self, ids: Vec<String>, decision: TierDecision) {
        let today = self.today.get_untracked();
        let change = move |_: &Customer, s: &mut TierState| s.decide(&decision, today) == Ok(true);
        self.run(
            async move |db| {
                db.update_tier_states(&ids, &change, Freshness::Checked)
                    .await
            },
            move |saved| self.put_customers(saved),
        );
    }

    /// Stores the data set's settings and shows them; `saved` is said on success.
    pub fn save_settings(self, settings: DataSettings, saved: Option<String>) {
        let stored = settings.clone();
        self.run(
            async move |db| db.save_settings(&stored).await,
            move |()| {
                self.settings.set(settings);
                if let Some(message) = saved {
                    self.toaster.info(message);
                }
            },
        );
    }

    /// Stores a planned touch (new or edited) and shows it.
    pub fn save_plan_item(self, item: PlanItem) {
        let stored = item.clone();
        self.run(
            async move |db| db.put(&stored).await,
            move |()| {
                self.revisions.update_value(|r| r.touch(&item.customer_id));
                self.plans.update(|all| upsert(all, item, |p| &p.id));
            },
        );
    }

    /// Stores a to-do (closed or reopened) and shows it.
    pub fn save_todo(self, todo: Todo) {
        let stored = todo.clone();
        self.run(
            async move |db| db.put(&stored).await,
            move |()| self.todos.update(|all| upsert(all, todo, |t| &t.id)),
        );
    }

    /// Writes a follow-up's effects in one transaction, then shows them; `done` runs after a
    /// successful write.
    pub fn apply_effects(self, effects: Effects, done: impl FnOnce() + 'static) {
        let written = effects.clone();
        self.run(
            async move |db| db.apply_effects(&written).await,
            move |customer| {
                self.touch_customers_of(&effects);
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
            },
        );
    }

    /// Marks the customers whose follow-ups or planned touches `effects` change (their
    /// figures kept per customer are computed again).
    fn touch_customers_of(self, effects: &Effects) {
        let mut ids: Vec<String> = Vec::new();
        self.followups.with_untracked(|all| {
            ids.extend(
                all.iter()
                    .filter(|f| effects.followups_delete.contains(&f.id))
                    .map(|f| f.customer_id.clone()),
            )
        });
        self.plans.with_untracked(|all| {
            ids.extend(
                all.iter()
                    .filter(|p| effects.plans_delete.contains(&p.id))
                    .map(|p| p.customer_id.clone()),
            )
        });
        ids.extend(effects.followups_put.iter().map(|f| f.customer_id.clone()));
        ids.extend(effects.plans_put.iter().map(|p| p.customer_id.clone()));
        self.revisions
            .update_value(|r| ids.iter().for_each(|id| r.touch(id)));
    }

    /// Changes one customer and saves it (a profile edit: the revision check applies, so a
    /// change made meanwhile in another tab is reported instead of overwritten).
    pub fn update_customer(self, id: &str, change: impl FnOnce(&mut Customer) + 'static) {
        self.update_customer_then(id, change, || {});
    }

    /// [`Workspace::update_customer`], and `saved` runs once the change is stored (a "saved"
    /// said before would be wrong when the write fails, or is cut off by leaving the page).
    ///
    /// Changes to one customer are saved in turn: two ticks in quick succession would both
    /// start from the record as it was, and the second would be refused as stale (or, without
    /// the revision check, undo the first). Each waits for the one before it to land.
    pub fn update_customer_then(
        self,
        id: &str,
        change: impl FnOnce(&mut Customer) + 'static,
        saved: impl FnOnce() + 'static,
    ) {
        let queued: QueuedChange = (Box::new(change), Box::new(saved));
        let now = self
            .in_turn
            .try_update_value(|waiting| match queue_of(waiting, id) {
                Some(queue) => {
                    queue.push(queued);
                    None
                }
                None => {
                    waiting.push((id.to_string(), Vec::new()));
                    Some(queued)
                }
            });
        if let Some((change, saved)) = now.flatten() {
            self.save_in_turn(id.to_string(), change, saved);
        }
    }

    fn save_in_turn(self, id: String, change: Change, saved: Box<dyn FnOnce()>) {
        let Some(mut customer) = self.customer(&id) else {
            self.in_turn
                .update_value(|waiting| waiting.retain(|(c, _)| *c != id));
            return;
        };
        change(&mut customer);
        let after_failure = id.clone();
        self.save_customer(
            customer,
            move |_| {
                saved();
                let next = self.in_turn.try_update_value(|waiting| {
                    let queue = queue_of(waiting, &id)?;
                    if queue.is_empty() {
                        waiting.retain(|(c, _)| *c != id);
                        None
                    } else {
                        Some(queue.remove(0))
                    }
                });
                if let Some((change, saved)) = next.flatten() {
                    self.save_in_turn(id, change, saved);
                }
            },
            // Refused (the failure is told): the changes behind it were made on the same
            // record, and would be refused the same way.
            move |_| {
                self.in_turn
                    .update_value(|waiting| waiting.retain(|(c, _)| *c != after_failure));
            },
        );
    }

    /// Saves a whole profile (the form's save); `saved` gets what was stored, `failed` runs
    /// after the common handling (the form keeps what was typed either way).
    pub fn save_customer(
        self,
        customer: Customer,
        saved: impl FnOnce(Customer) + 'static,
        failed: impl FnOnce(&StoreError) + 'static,
    ) {
        self.run_or(
            async move |db| db.save_customer(&customer).await,
            move |stored| {
                self.put_customer(stored.clone());
                saved(stored);
            },
            failed,
        );
    }

    /// Deletes a customer with everything attached; `deleted` gets an Undo that puts it all
    /// back exactly.
    pub fn delete_customer(self, id: String, deleted: impl FnOnce(Callback<()>) + 'static) {
        let removed = id.clone();
        self.run(
            async move |db| db.delete_customer(&removed).await,
            move |record| {
                let undo = Callback::new(move |_| {
                    let record = record.clone();
                    self.run(
                        async move |db| {
                            db.restore(&record).await?;
                            Ok(record)
                        },
                        move |_| self.reload(),
                    );
                });
                self.remove_customer(&id);
                self.followups
                    .update(|all| all.retain(|f| f.customer_id != id));
                self.todos.update(|all| all.retain(|t| t.customer_id != id));
                self.plans.update(|all| all.retain(|p| p.customer_id != id));
                deleted(undo);
            },
        );
    }

    /// Writes an import (or a replace) in one transaction, then reads everything again.
    pub fn write_import(
        self,
        clear_first: bool,
        customers: Vec<Customer>,
        records: (Vec<FollowUp>, Vec<PlanItem>, Vec<Todo>),
        settings: Option<DataSettings>,
        done: impl FnOnce() + 'static,
        failed: impl FnOnce(&StoreError) + 'static,
    ) {
        self.run_or(
            async move |db| {
                let records = (&records.0[..], &records.1[..], &records.2[..]);
                db.write_import(clear_first, &customers, records, settings.as_ref())
                    .await
            },
            move |()| {
                self.reload();
                done();
            },
            failed,
        );
    }

    /// Reads one customer as stored now (the form's "load the latest").
    pub fn read_customer(self, id: String, done: impl FnOnce(Option<Customer>) + 'static) {
        self.run(async move |db| db.get::<Customer>(&id).await, done);
    }

    /// Unlocks encryption at rest for this tab, then reads everything again.
    pub fn unlock(
        self,
        passphrase: String,
        done: impl FnOnce() + 'static,
        failed: impl FnOnce(&StoreError) + 'static,
    ) {
        self.run_or(
            async move |db| db.unlock(&passphrase).await,
            move |()| {
                self.reload();
                done();
            },
            failed,
        );
    }

    /// Turns encryption at rest on (`on`) or off with the passphrase, rewriting every customer
    /// in one transaction, then reads everything again.
    pub fn set_encryption(
        self,
        on: bool,
        passphrase: String,
        done: impl FnOnce() + 'static,
        failed: impl FnOnce(&StoreError) + 'static,
    ) {
        self.run_or(
            async move |db| {
                if on {
                    db.encrypt_at_rest(&passphrase).await
                } else {
                    db.decrypt_at_rest(&passphrase).await
                }
            },
            move |()| {
                self.reload();
                done();
            },
            failed,
        );
    }

    /// Forgets this tab's key (the data stays encrypted), then reads everything again.
    pub fn lock(self) {
        self.run(
            async move |db| {
                db.lock();
                Ok(())
            },
            move |()| self.reload(),
        );
    }
}

/// The changes waiting behind the save of customer `id`, if one is under way.
fn queue_of<'a>(waiting: &'a mut InTurn, id: &str) -> Option<&'a mut Vec<QueuedChange>> {
    waiting.iter_mut().find(|(c, _)| c == id).map(|(_, q)| q)
}
