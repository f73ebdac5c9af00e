//! Figures kept per customer. With 10,000 customers, computing every customer's schedule,
//! health or table row again after one follow-up is logged takes longer than a person waits;
//! so each is kept with the revision of the customer's records it was computed from, and
//! only a customer whose records changed since (its profile, follow-ups or planned touches)
//! is computed again. Everything is computed again when the data is read anew or when what
//! the figures read besides (the day, the settings) changed.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use leptos::prelude::*;

use super::{figure, kept, Workspace};
use crate::domain::churn::{self, Signal};
use crate::domain::records::Customer;
use crate::domain::records::{of_customer, FollowUp, OfCustomer, PlanItem};

figure!(PortfolioChurnSignals: Memo<Arc<Vec<Arc<Vec<Signal>>>>>);

/// Which customers' records changed since the data was read: every write the workspace
/// shows (see `writes.rs`) notes the customers it touches, before the signals change.
#[derive(Default)]
pub struct Revisions {
    /// Moves on whenever everything is read again (every kept figure is then stale).
    epoch: u64,
    /// The customers touched since, in order (a figure remembers how far it has read).
    touched: Vec<String>,
}

impl Revisions {
    pub(super) fn touch(&mut self, id: &str) {
        self.touched.push(id.to_string());
    }

    /// Changes whenever any customer's records change (for a figure kept whole).
    pub fn version(&self) -> (u64, usize) {
        (self.epoch, self.touched.len())
    }

    pub(super) fn reset(&mut self) {
        self.epoch += 1;
        self.touched.clear();
    }
}

/// Customer ids: a few are compared one by one (hashing 50,000 follow-ups' customer ids
/// takes longer than the figures of a few customers), many are looked up.
enum Ids<'a> {
    Few(Vec<&'a str>),
    Many(HashSet<&'a str>),
}

impl<'a> Ids<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Ids<'a> {
        let few: Vec<&str> = ids.collect();
        if few.len() <= 32 {
            Ids::Few(few)
        } else {
            Ids::Many(few.into_iter().collect())
        }
    }

    fn contains(&self, id: &str) -> bool {
        match self {
            Ids::Few(ids) => ids.contains(&id),
            Ids::Many(ids) => ids.contains(id),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Ids::Few(ids) => ids.is_empty(),
            Ids::Many(ids) => ids.is_empty(),
        }
    }
}

/// What a per-customer figure reads: the workspace's records and which customers changed
/// (the workspace's tiers are kept per customer too, before the workspace exists).
#[derive(Clone, Copy)]
pub struct Sources {
    pub revisions: StoredValue<Revisions>,
    pub customers: RwSignal<Vec<Customer>>,
    pub followups: RwSignal<Vec<FollowUp>>,
    pub plans: RwSignal<Vec<PlanItem>>,
}

impl From<Workspace> for Sources {
    fn from(ws: Workspace) -> Sources {
        Sources {
            revisions: ws.revisions,
            customers: ws.customers,
            followups: ws.followups,
            plans: ws.plans,
        }
    }
}

/// Values kept per customer for one figure; `K` is what the figure reads besides the
/// customer's own records (a change of it computes everyone again).
pub struct PerCustomer<K, T> {
    inputs: Option<(u64, K)>,
    keeping: Keeping,
    /// The values, in the customers' order of the last update.
    values: Vec<T>,
}

impl<K, T> Default for PerCustomer<K, T> {
    fn default() -> Self {
        PerCustomer {
            inputs: None,
            keeping: Keeping::default(),
            values: Vec::new(),
        }
    }
}

/// One customer's records as `compute` gets them.
pub struct Own<'a> {
    pub index: usize,
    pub customer: &'a Customer,
    pub followups: &'a [&'a FollowUp],
    pub plans: &'a [&'a PlanItem],
}

impl<K: PartialEq, T: Clone> PerCustomer<K, T> {
    /// Every customer's value, in the customers' order: kept ones as they were, the others
    /// computed. Tracks the customers and the records it `reads`, so a memo around it runs
    /// again after any change of them.
    pub fn update(
        &mut self,
        ws: Sources,
        reads: Reads,
        inputs: K,
        mut compute: impl FnMut(Own) -> T,
    ) -> Vec<T> {
        let inputs = (ws.revisions.with_value(|r| r.epoch), inputs);
        if self.inputs.as_ref() != Some(&inputs) {
            self.keeping = Keeping::default();
            self.inputs = Some(inputs);
        }
        let old = std::mem::take(&mut self.values);
        let mut values = Vec::with_capacity(old.len());
        self.keeping.each(ws, reads, &mut |at, own| {
            values.push(match at {
                Some(at) => old[at].clone(),
                None => compute(own),
            })
        });
        self.values = values.clone();
        values
    }
}

/// Which customers a figure's kept values belong to, and how much of the touched customers
/// it has taken into account. Not generic, so the one copy serves every figure (size).
#[derive(Default)]
struct Keeping {
    /// How much of `Revisions::touched` has been taken into account.
    seen: usize,
    /// The customers' ids, in the customers' order of the last update.
    ids: Vec<String>,
    /// What each customer's kept value was computed from, as far as it shows (debug builds:
    /// a write that forgot to touch its customers is caught at the next update).
    #[cfg(debug_assertions)]
    marks: HashMap<String, Mark>,
}

/// A customer's revision and change time, and how many of its follow-ups and planned touches
/// the figure reads.
#[cfg(debug_assertions)]
type Mark = (u64, i64, usize, usize);

impl Keeping {
    /// Calls `visit` for every customer in order: with the position of its kept value, or
    /// with none and the customer's own records when it must be computed.
    fn each(&mut self, ws: Sources, reads: Reads, visit: &mut dyn FnMut(Option<usize>, Own)) {
        ws.revisions.with_value(|revs| {
            if self.seen > revs.touched.len() {
                *self = Keeping::default();
            }
            let touched = Ids::new(revs.touched[self.seen..].iter().map(String::as_str));
            self.seen = revs.touched.len();
            ws.customers.with(|cs| {
                // Where each customer's kept value is: in place unless customers were added,
                // removed or reordered; none for a customer to compute.
                let in_place = self.ids.len() == cs.len()
                    && self.ids.iter().zip(cs).all(|(id, c)| *id == c.id);
                let places: Vec<Option<usize>> = if in_place {
                    cs.iter()
                        .enumerate()
                        .map(|(i, c)| (!touched.contains(&c.id)).then_some(i))
                        .collect()
                } else {
                    let at: HashMap<&str, usize> = self
                        .ids
                        .iter()
                        .enumerate()
                        .map(|(i, id)| (id.as_str(), i))
                        .collect();
                    cs.iter()
                        .map(|c| {
                            at.get(c.id.as_str())
                                .copied()
                                .filter(|_| !touched.contains(&c.id))
                        })
                        .collect()
                };
                let missing = Ids::new(
                    cs.iter()
                        .zip(&places)
                        .filter(|(_, at)| at.is_none())
                        .map(|(c, _)| c.id.as_str()),
                );
                with_records(ws.followups, reads.followups, |fs| {
                    with_records(ws.plans, reads.plans, |ps| {
                        #[cfg(debug_assertions)]
                        self.check_touched(cs, &places, fs, ps);
                        let fs = of_stale(fs, &missing);
                        let ps = of_stale(ps, &missing);
                        for (index, (c, at)) in cs.iter().zip(&places).enumerate() {
                            let own = Own {
                                index,
                                customer: c,
                                followups: of_customer(&fs, &c.id),
                                plans: of_customer(&ps, &c.id),
                            };
                            visit(*at, own);
                        }
                    })
                });
                if !in_place {
                    self.ids = cs.iter().map(|c| c.id.clone()).collect();
                }
            })
        })
    }
}

#[cfg(debug_assertions)]
impl Keeping {
    /// Panics when a customer whose value is kept changed since it was computed: the write
    /// that changed it did not call [`Revisions::touch`], and every page showing the figure
    /// would show the old value.
    fn check_touched(
        &mut self,
        cs: &[Customer],
        places: &[Option<usize>],
        fs: &[FollowUp],
        ps: &[PlanItem],
    ) {
        let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
        fs.iter()
            .for_each(|f| counts.entry(f.customer_id()).or_default().0 += 1);
        ps.iter()
            .for_each(|p| counts.entry(p.customer_id()).or_default().1 += 1);
        let mut marks = HashMap::with_capacity(cs.len());
        for (c, at) in cs.iter().zip(places) {
            let (followups, plans) = counts.get(c.id.as_str()).copied().unwrap_or_default();
            let mark = (c.revision, c.updated_at, followups, plans);
            if let (Some(_), Some(before)) = (at, self.marks.get(&c.id)) {
                assert!(
                    *before == mark,
                    "customer {} changed without a touch: a write must call Revisions::touch \
                     for the customers it changes, before it changes a signal",
                    c.id
                );
            }
            marks.insert(c.id.clone(), mark);
        }
        self.marks = marks;
    }
}

/// Which of a customer's records a figure reads (those it does not read are neither tracked
/// nor searched: 50,000 follow-ups take a while to go through).
#[derive(Clone, Copy)]
pub struct Reads {
    pub followups: bool,
    pub plans: bool,
}

impl Reads {
    /// The profile alone (and what other memos computed from the records).
    pub const PROFILE: Reads = Reads {
        followups: false,
        plans: false,
    };
    pub const FOLLOWUPS: Reads = Reads {
        followups: true,
        plans: false,
    };
    pub const ALL: Reads = Reads {
        followups: true,
        plans: true,
    };
}

/// `f` over the records if the figure reads them (tracked), else over none.
fn with_records<T: Send + Sync + 'static, R>(
    records: RwSignal<Vec<T>>,
    read: bool,
    f: impl FnOnce(&[T]) -> R,
) -> R {
    if read {
        records.with(|r| f(r))
    } else {
        f(&[])
    }
}

/// The records of the customers to compute, grouped by customer.
fn of_stale<'a, T: OfCustomer>(records: &'a [T], stale: &Ids) -> HashMap<&'a str, Vec<&'a T>> {
    let mut by: HashMap<&str, Vec<&T>> = HashMap::new();
    if stale.is_empty() {
        return by;
    }
    for r in records {
        if stale.contains(r.customer_id()) {
            by.entry(r.customer_id()).or_default().push(r);
        }
    }
    by
}

/// A memo of every customer's value, kept per customer (see [`PerCustomer`]); `inputs` reads
/// what the figure depends on besides the customer's records (tracked).
pub fn per_customer_memo<K, T>(
    ws: impl Into<Sources>,
    reads: Reads,
    inputs: impl Fn() -> K + Send + Sync + 'static,
    compute: impl Fn(&K, Own) -> T + Send + Sync + 'static,
) -> Memo<Arc<Vec<T>>>
where
    K: PartialEq + Clone + Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let ws = ws.into();
    let cache = Mutex::new(PerCustomer::<K, T>::default());
    Memo::new(move |_| {
        let inputs = inputs();
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        Arc::new(cache.update(ws, reads, inputs.clone(), |own| compute(&inputs, own)))
    })
}

/// Every customer's churn signals (METHOD.md §6), in the customers' order: read by the
/// customer table's health column and Today's "at risk" list.
pub fn churn_signals(ws: Workspace) -> Memo<Arc<Vec<Arc<Vec<Signal>>>>> {
    kept::<PortfolioChurnSignals>(|| {
        per_customer_memo(
            ws,
            Reads::FOLLOWUPS,
            move || (ws.today.get(), ws.settings.with(|s| s.tiering.clone())),
            |(today, tiering): &(NaiveDate, _), own| {
                let c = own.customer;
                Arc::new(churn::signals(
                    c,
                    own.followups.iter().copied(),
                    c.tiering.effective(*today),
                    tiering,
                    *today,
                ))
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(id: &str) -> Customer {
        Customer {
            id: id.into(),
            name: id.to_uppercase(),
            ..Customer::default()
        }
    }

    fn sources(ids: &[&str]) -> Sources {
        Sources {
            revisions: StoredValue::new(Revisions::default()),
            customers: RwSignal::new(ids.iter().map(|id| customer(id)).collect()),
            followups: RwSignal::new(Vec::new()),
            plans: RwSignal::new(Vec::new()),
        }
    }

    /// A figure of each customer's name and follow-up count (`day` stands for the day and the
    /// settings it reads besides); returns the values and which customers were computed.
    fn figure(
        cache: &mut PerCustomer<u32, String>,
        ws: Sources,
        day: u32,
    ) -> (Vec<String>, Vec<String>) {
        let mut computed = Vec::new();
        let values = cache.update(ws, Reads::FOLLOWUPS, day, |own| {
            computed.push(own.customer.id.clone());
            format!("{} {}", own.customer.name, own.followups.len())
        });
        (values, computed)
    }

    /// A write as the workspace makes it: the store moves the revision on, the customer is
    /// touched, then the signal changes.
    fn rename(ws: Sources, id: &str, name: &str, touch: bool) {
        if touch {
            ws.revisions.update_value(|r| r.touch(id));
        }
        ws.customers.update(|cs| {
            let c = cs.iter_mut().find(|c| c.id == id).unwrap();
            c.name = name.into();
            c.revision += 1;
        });
    }

    #[test]
    fn a_change_to_one_customer_computes_that_customer_only() {
        let ws = sources(&["a", "b", "c"]);
        let mut cache = PerCustomer::default();
        let (values, computed) = figure(&mut cache, ws, 1);
        assert_eq!(values, ["A 0", "B 0", "C 0"]);
        assert_eq!(computed, ["a", "b", "c"]);

        assert_eq!(figure(&mut cache, ws, 1).1, Vec::<String>::new());

        rename(ws, "b", "Bee", true);
        let (values, computed) = figure(&mut cache, ws, 1);
        assert_eq!(values, ["A 0", "Bee 0", "C 0"]);
        assert_eq!(computed, ["b"]);

        // A follow-up logged for c (the write touches c).
        ws.revisions.update_value(|r| r.touch("c"));
        ws.followups.update(|fs| {
            fs.push(FollowUp {
                customer_id: "c".into(),
                ..FollowUp::default()
            })
        });
        let (values, computed) = figure(&mut cache, ws, 1);
        assert_eq!(values, ["A 0", "Bee 0", "C 1"]);
        assert_eq!(computed, ["c"]);
    }

    #[test]
    fn a_change_of_day_or_settings_or_a_fresh_read_computes_everyone() {
        let ws = sources(&["a", "b"]);
        let mut cache = PerCustomer::default();
        figure(&mut cache, ws, 1);
        assert_eq!(figure(&mut cache, ws, 2).1, ["a", "b"]);
        assert_eq!(figure(&mut cache, ws, 2).1, Vec::<String>::new());
        ws.revisions.update_value(Revisions::reset);
        assert_eq!(figure(&mut cache, ws, 2).1, ["a", "b"]);
    }

    #[test]
    fn customers_added_removed_or_reordered_keep_the_others_values() {
        let ws = sources(&["a", "b", "c"]);
        let mut cache = PerCustomer::default();
        figure(&mut cache, ws, 1);
        ws.revisions.update_value(|r| r.touch("d"));
        ws.customers.update(|cs| {
            cs.remove(0);
            cs.reverse();
            cs.push(customer("d"));
        });
        let (values, computed) = figure(&mut cache, ws, 1);
        assert_eq!(values, ["C 0", "B 0", "D 0"]);
        assert_eq!(computed, ["d"]);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "customer b changed without a touch")]
    fn a_write_that_forgot_to_touch_is_caught() {
        let ws = sources(&["a", "b"]);
        let mut cache = PerCustomer::default();
        figure(&mut cache, ws, 1);
        rename(ws, "b", "Bee", false);
        figure(&mut cache, ws, 1);
    }
}
