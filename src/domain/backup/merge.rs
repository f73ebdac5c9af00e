//! What an import would change (the preview shown before anything is written) and what it
//! writes, under the strategy the user picks.

use std::collections::HashMap;

use super::settings_merge::SettingsChoice;
use super::Backup;
use crate::domain::records::Customer;
use crate::domain::records::{FollowUp, PlanItem, Todo};
use crate::domain::settings::DataSettings;

/// How an import treats the data already in the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// Wipe everything, then take the file as it is (settings included).
    ReplaceAll,
    /// Add the file's new customers; for a customer on both sides, keep one version.
    /// The app's own settings stay.
    Merge(Keep),
}

/// Under [`Strategy::Merge`], which version of a customer that exists on both sides stays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// The more recently saved one; on a tie, mine (nothing changes when in doubt).
    Newer,
    Mine,
    /// The file's.
    Theirs,
}

/// Which side of a conflict was saved later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Newer {
    Mine,
    Theirs,
    /// Same save time and revision, different content: edited apart on two devices.
    Neither,
}

/// Records in a backup file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub customers: usize,
    pub orders: usize,
    pub contacts: usize,
    pub satisfaction: usize,
    pub followups: usize,
    pub plans: usize,
    pub todos: usize,
}

/// A customer whose id is in the file and in the app, with different content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub id: String,
    pub mine_name: String,
    pub theirs_name: String,
    pub newer: Newer,
}

/// What the user sees before choosing a strategy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    /// In the file.
    pub file: Counts,
    /// Customers in the app now.
    pub existing_customers: usize,
    /// Customers in the file whose id the app does not have.
    pub new_customers: usize,
    /// Customers on both sides with the same content.
    pub unchanged: usize,
    /// In the file's order.
    pub conflicts: Vec<Conflict>,
}

/// What the store is to write, in one transaction.
#[derive(Clone, Debug, PartialEq)]
pub struct WritePlan {
    /// Delete every customer before writing.
    pub clear_first: bool,
    /// Customers to write as they are (insert or overwrite by id).
    pub put: Vec<Customer>,
    /// Settings to write; `None` keeps the app's.
    pub settings: Option<DataSettings>,
}

/// Equal apart from when and how often they were saved: saving without a change, or the same
/// edit made on two devices, is not a conflict.
fn same_content(a: &Customer, b: &Customer) -> bool {
    let mut a = a.clone();
    a.revision = b.revision;
    a.updated_at = b.updated_at;
    a == *b
}

fn newer(mine: &Customer, theirs: &Customer) -> Newer {
    use std::cmp::Ordering;
    match (mine.updated_at, mine.revision).cmp(&(theirs.updated_at, theirs.revision)) {
        Ordering::Greater => Newer::Mine,
        Ordering::Less => Newer::Theirs,
        Ordering::Equal => Newer::Neither,
    }
}

fn by_id(customers: &[Customer]) -> HashMap<&str, &Customer> {
    customers.iter().map(|c| (c.id.as_str(), c)).collect()
}

pub fn preview(incoming: &Backup, existing: &[Customer]) -> Preview {
    let mine = by_id(existing);
    let mut preview = Preview {
        existing_customers: existing.len(),
        ..Preview::default()
    };
    preview.file.followups = incoming.followups.len();
    preview.file.plans = incoming.plans.len();
    preview.file.todos = incoming.todos.len();
    for theirs in &incoming.customers {
        preview.file.customers += 1;
        preview.file.orders += theirs.orders.len();
        preview.file.contacts += theirs.contacts.len();
        preview.file.satisfaction += theirs.satisfaction.len();
        match mine.get(theirs.id.as_str()) {
            None => preview.new_customers += 1,
            Some(m) if same_content(m, theirs) => preview.unchanged += 1,
            Some(m) => preview.conflicts.push(Conflict {
                id: theirs.id.clone(),
                mine_name: m.name.clone(),
                theirs_name: theirs.name.clone(),
                newer: newer(m, theirs),
            }),
        }
    }
    preview
}

/// What an import writes under `strategy`; a merge writes the settings `settings` says
/// (`settings_merge`): the file's into an app with no customers, else the chosen parts.
pub fn plan(
    incoming: &Backup,
    existing: &[Customer],
    strategy: Strategy,
    settings: SettingsChoice,
) -> WritePlan {
    let keep = match strategy {
        Strategy::ReplaceAll => {
            return WritePlan {
                clear_first: true,
                put: incoming.customers.clone(),
                settings: Some(incoming.settings.clone()),
            }
        }
        Strategy::Merge(keep) => keep,
    };
    let mine = by_id(existing);
    let put = incoming
        .customers
        .iter()
        .filter_map(|theirs| match mine.get(theirs.id.as_str()) {
            None => Some(theirs.clone()),
            Some(m) if same_content(m, theirs) => None,
            Some(m) => {
                let take_theirs = match keep {
                    Keep::Mine => false,
                    Keep::Theirs => true,
                    Keep::Newer => newer(m, theirs) == Newer::Theirs,
                };
                // Above both revisions, so a tab still editing the replaced version is refused
                // when it saves instead of overwriting the import.
                take_theirs.then(|| Customer {
                    revision: m.revision.max(theirs.revision) + 1,
                    ..theirs.clone()
                })
            }
        })
        .collect();
    WritePlan {
        clear_first: false,
        put,
        settings: super::settings_merge::merged(&incoming.settings, settings, !existing.is_empty()),
    }
}

/// The follow-ups and planned touches to write: all of the file's when replacing; when
/// merging, those whose id is new here (and, keeping theirs, those with the same id too).
/// Records carry no save time, so "keep newer" keeps mine.
pub fn plan_records(
    incoming: &Backup,
    existing_followups: &[FollowUp],
    existing_plans: &[PlanItem],
    existing_todos: &[Todo],
    strategy: Strategy,
) -> (Vec<FollowUp>, Vec<PlanItem>, Vec<Todo>) {
    let take = |id: &str, mine: &[&str]| match strategy {
        Strategy::ReplaceAll | Strategy::Merge(Keep::Theirs) => true,
        Strategy::Merge(_) => !mine.contains(&id),
    };
    let mine_f: Vec<&str> = existing_followups.iter().map(|m| m.id.as_str()).collect();
    let mine_p: Vec<&str> = existing_plans.iter().map(|m| m.id.as_str()).collect();
    let mine_t: Vec<&str> = existing_todos.iter().map(|m| m.id.as_str()).collect();
    let todos = incoming
        .todos
        .iter()
        .filter(|t| take(&t.id, &mine_t))
        .cloned()
        .collect();
    let followups = incoming
        .followups
        .iter()
        .filter(|f| take(&f.id, &mine_f))
        .cloned()
        .collect();
    let plans = incoming
        .plans
        .iter()
        .filter(|p| take(&p.id, &mine_p))
        .cloned()
        .collect();
    (followups, plans, todos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_merge_by_id_and_replace_takes_them_all() {
        let mut theirs = Backup::new(DataSettings::default(), vec![], today());
        let f = |id: &str| FollowUp {
            id: id.into(),
            customer_id: "c".into(),
            ..FollowUp::default()
        };
        theirs.followups = vec![f("f-1"), f("f-2")];
        let mine = vec![f("f-1")];
        let ids = |s| {
            plan_records(&theirs, &mine, &[], &[], s)
                .0
                .into_iter()
                .map(|x| x.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(Strategy::Merge(Keep::Newer)), vec!["f-2"]);
        assert_eq!(ids(Strategy::Merge(Keep::Mine)), vec!["f-2"]);
        assert_eq!(ids(Strategy::Merge(Keep::Theirs)), vec!["f-1", "f-2"]);
        assert_eq!(ids(Strategy::ReplaceAll), vec!["f-1", "f-2"]);
        assert_eq!(preview(&theirs, &[]).file.followups, 2);
    }
    use crate::domain::backup::fixtures::{empty_customer, maximal_customer, today};
    use crate::domain::money::MoneyUnit;

    static DEFAULT_SETTINGS: std::sync::LazyLock<DataSettings> =
        std::sync::LazyLock::new(DataSettings::default);

    /// A merge that keeps every setting of the app's (the default app's).
    fn keep_mine() -> SettingsChoice<'static> {
        SettingsChoice {
            mine: &DEFAULT_SETTINGS,
            take: &[],
        }
    }

    fn customer(id: &str, name: &str, updated_at: i64, revision: u64) -> Customer {
        Customer {
            updated_at,
            revision,
            ..empty_customer(id, name)
        }
    }

    /// Mine and theirs, one pair per case the merge distinguishes.
    fn sides() -> (Vec<Customer>, Backup) {
        let mine = vec![
            customer("a", "only mine", 10, 1),
            customer("c", "same", 10, 1),
            customer("d", "d mine", 10, 1),
            customer("e", "e mine", 30, 1),
            customer("f", "f mine", 10, 1),
            customer("g", "g mine", 10, 1),
            customer("h", "saved again", 10, 1),
        ];
        let theirs = vec![
            customer("b", "only theirs", 10, 1),
            customer("c", "same", 10, 1),
            customer("d", "d theirs", 20, 1), // saved later
            customer("e", "e theirs", 20, 5), // saved earlier, more often
            customer("f", "f theirs", 10, 2), // same time, more saves
            customer("g", "g theirs", 10, 1), // indistinguishable
            customer("h", "saved again", 99, 7),
        ];
        let settings = DataSettings {
            money_unit: MoneyUnit::Yuan,
            ..DataSettings::default()
        };
        (mine, Backup::new(settings, theirs, today()))
    }

    #[test]
    fn preview_counts_the_file_and_names_each_conflict_with_its_newer_side() {
        let (mine, mut theirs) = sides();
        theirs.customers.push(maximal_customer());
        let p = preview(&theirs, &mine);
        let m = maximal_customer();
        let expected_file = Counts {
            customers: 8,
            orders: m.orders.len(),
            contacts: m.contacts.len(),
            satisfaction: m.satisfaction.len(),
            ..Counts::default()
        };
        assert_eq!(p.file, expected_file);
        assert!(expected_file.orders > 1 && expected_file.contacts > 1);
        assert_eq!(
            (p.existing_customers, p.new_customers, p.unchanged),
            (7, 2, 2)
        );
        let conflicts: Vec<_> = p
            .conflicts
            .iter()
            .map(|c| {
                (
                    c.id.as_str(),
                    c.mine_name.as_str(),
                    c.theirs_name.as_str(),
                    c.newer,
                )
            })
            .collect();
        assert_eq!(
            conflicts,
            [
                ("d", "d mine", "d theirs", Newer::Theirs),
                ("e", "e mine", "e theirs", Newer::Mine),
                ("f", "f mine", "f theirs", Newer::Theirs),
                ("g", "g mine", "g theirs", Newer::Neither),
            ]
        );
    }

    #[test]
    fn each_strategy_writes_what_it_promises() {
        let (mine, theirs) = sides();
        let cases: [(Strategy, bool, &[&str], bool); 4] = [
            (
                Strategy::ReplaceAll,
                true,
                &["b", "c", "d", "e", "f", "g", "h"],
                true,
            ),
            (Strategy::Merge(Keep::Newer), false, &["b", "d", "f"], false),
            (Strategy::Merge(Keep::Mine), false, &["b"], false),
            (
                Strategy::Merge(Keep::Theirs),
                false,
                &["b", "d", "e", "f", "g"],
                false,
            ),
        ];
        for (strategy, clear_first, ids, takes_settings) in cases {
            let p = plan(&theirs, &mine, strategy, keep_mine());
            let put: Vec<&str> = p.put.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(put, ids, "{strategy:?}");
            assert_eq!(p.clear_first, clear_first, "{strategy:?}");
            let expected_settings = takes_settings.then(|| theirs.settings.clone());
            assert_eq!(p.settings, expected_settings, "{strategy:?}");
            // Whatever is written is the file's version of it.
            for c in &p.put {
                assert!(!c.name.contains("mine"), "{strategy:?} wrote {}", c.name);
            }
        }
    }

    #[test]
    fn replace_all_writes_the_file_unchanged() {
        let (mine, theirs) = sides();
        assert_eq!(
            plan(&theirs, &mine, Strategy::ReplaceAll, keep_mine()).put,
            theirs.customers
        );
    }

    #[test]
    fn a_merged_customer_outranks_both_revisions() {
        let (mine, theirs) = sides();
        let p = plan(&theirs, &mine, Strategy::Merge(Keep::Theirs), keep_mine());
        let revision = |id: &str| p.put.iter().find(|c| c.id == id).unwrap().revision;
        // d: 1 and 1 → 2; e: mine 1, theirs 5 → 6. A new customer keeps its own.
        assert_eq!((revision("d"), revision("e"), revision("b")), (2, 6, 1));
        let d = p.put.iter().find(|c| c.id == "d").unwrap();
        assert_eq!((d.name.as_str(), d.updated_at), ("d theirs", 20));
    }

    #[test]
    fn merging_into_an_empty_app_adds_everything() {
        let (_, theirs) = sides();
        for keep in [Keep::Newer, Keep::Mine, Keep::Theirs] {
            let p = plan(&theirs, &[], Strategy::Merge(keep), keep_mine());
            assert_eq!(p.put, theirs.customers, "{keep:?}");
            // A restore into an empty app takes the file's settings (issue 24, finding 1).
            let expected =
                (theirs.settings != DataSettings::default()).then(|| theirs.settings.clone());
            assert_eq!(p.settings, expected, "{keep:?}");
        }
        let p = preview(&theirs, &[]);
        assert_eq!((p.new_customers, p.conflicts.len()), (7, 0));
    }
}
