//! The whole-file check an import makes against the app's data: every record that names a
//! customer, a follow-up or a win-back case names one the data will hold once the file is
//! written. The file alone is checked by `walk.rs`; this needs what the app holds.
//!
//! `referred_by` is not checked: it is free text (the profile form and a spreadsheet take a
//! referrer's name, who need not be a customer), so a check would refuse the app's own backups.

use super::error::{ImportErrors, Problem};
use super::merge::Strategy;
use super::Backup;
use crate::domain::records::{Customer, FollowUp};
use crate::domain::sorting;

/// What the app holds now, as far as references go.
pub struct Existing<'a> {
    pub customers: &'a [Customer],
    pub followups: &'a [FollowUp],
}

/// Every reference in `incoming` that names nothing the data holds after the import under
/// `strategy` (the file's records, and the app's unless everything is replaced), with its
/// path in the file.
pub fn check(
    incoming: &Backup,
    existing: &Existing,
    strategy: Strategy,
) -> Result<(), ImportErrors> {
    let keep_mine = !matches!(strategy, Strategy::ReplaceAll);
    // Sorted lists searched by halves (smaller in wasm than sets; as quick for this).
    let mine: &[Customer] = if keep_mine { existing.customers } else { &[] };
    let mut customers: Vec<&str> = incoming
        .customers
        .iter()
        .chain(mine)
        .map(|c| c.id.as_str())
        .collect();
    sorting::sort(&mut customers);
    // A customer's cases: the file's version's, and the app's (either may be the one kept).
    let mut cases: Vec<(&str, &str)> = incoming
        .customers
        .iter()
        .chain(mine)
        .flat_map(|c| c.winback.iter().map(|w| (c.id.as_str(), w.id.as_str())))
        .collect();
    sorting::sort(&mut cases);
    let mine_followups: &[FollowUp] = if keep_mine { existing.followups } else { &[] };
    let mut followups: Vec<&str> = incoming
        .followups
        .iter()
        .chain(mine_followups)
        .map(|f| f.id.as_str())
        .collect();
    sorting::sort(&mut followups);

    // Reported as met, so the problems come in the file's order.
    let mut errors = ImportErrors::default();
    let known_customer = |id: &str| customers.binary_search(&id).is_ok();
    for (i, f) in incoming.followups.iter().enumerate() {
        if !known_customer(&f.customer_id) {
            let id = f.customer_id.clone();
            errors.report(
                format!("followups[{i}].customer_id"),
                Problem::NoSuchCustomer { id },
            );
        } else if let Some(case) = &f.case_id {
            let key = (f.customer_id.as_str(), case.as_str());
            if cases.binary_search(&key).is_err() {
                let (id, customer) = (case.clone(), f.customer_id.clone());
                errors.report(
                    format!("followups[{i}].case_id"),
                    Problem::NoSuchCase { id, customer },
                );
            }
        }
    }
    for (i, p) in incoming.plans.iter().enumerate() {
        if !known_customer(&p.customer_id) {
            let id = p.customer_id.clone();
            errors.report(
                format!("plans[{i}].customer_id"),
                Problem::NoSuchCustomer { id },
            );
        }
    }
    for (i, t) in incoming.todos.iter().enumerate() {
        if !known_customer(&t.customer_id) {
            let id = t.customer_id.clone();
            errors.report(
                format!("todos[{i}].customer_id"),
                Problem::NoSuchCustomer { id },
            );
        }
        if !t.followup_id.is_empty() && followups.binary_search(&t.followup_id.as_str()).is_err() {
            let id = t.followup_id.clone();
            errors.report(
                format!("todos[{i}].followup_id"),
                Problem::NoSuchFollowUp { id },
            );
        }
    }
    if errors.errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::backup::{ImportError, Keep};
    use crate::domain::records::{PlanItem, Todo, WinBackCase};

    fn customer(id: &str, cases: &[&str]) -> Customer {
        Customer {
            id: id.into(),
            name: id.into(),
            winback: cases
                .iter()
                .map(|c| WinBackCase {
                    id: (*c).into(),
                    ..WinBackCase::default()
                })
                .collect(),
            ..Customer::default()
        }
    }

    fn followup(id: &str, customer: &str, case: Option<&str>) -> FollowUp {
        FollowUp {
            id: id.into(),
            customer_id: customer.into(),
            case_id: case.map(Into::into),
            ..FollowUp::default()
        }
    }

    fn todo(id: &str, customer: &str, followup: &str) -> Todo {
        Todo {
            id: id.into(),
            customer_id: customer.into(),
            followup_id: followup.into(),
            ..Todo::default()
        }
    }

    fn problems(result: Result<(), ImportErrors>) -> Vec<(String, Problem)> {
        result
            .err()
            .map(|e| e.errors)
            .unwrap_or_default()
            .into_iter()
            .map(|e| match e {
                ImportError::Field { path, problem } => (path, problem),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    /// Issue 24, finding 2: a follow-up naming a customer that is nowhere was imported.
    #[test]
    fn every_reference_names_what_the_data_holds_after_the_import() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let file = Backup::new(Default::default(), vec![customer("c-1", &["w-1"])], today)
            .with_records(
                vec![
                    followup("f-1", "c-1", Some("w-1")),
                    followup("f-2", "c-9", None),
                    followup("f-3", "c-1", Some("w-9")),
                    followup("f-4", "c-app", Some("w-app")),
                ],
                vec![PlanItem {
                    id: "p-1".into(),
                    customer_id: "c-app".into(),
                    ..PlanItem::default()
                }],
            )
            .with_todos(vec![
                todo("t-1", "c-1", "f-app"),
                todo("t-2", "c-1", "f-8"),
                todo("t-3", "c-1", ""),
            ]);
        let app_customers = [customer("c-app", &["w-app"])];
        let app_followups = [followup("f-app", "c-app", None)];
        let existing = Existing {
            customers: &app_customers,
            followups: &app_followups,
        };
        // Merging: the app's customer, case and follow-up count; the missing ones are named.
        let merged = problems(check(&file, &existing, Strategy::Merge(Keep::Newer)));
        assert_eq!(
            merged,
            [
                (
                    "followups[1].customer_id".to_string(),
                    Problem::NoSuchCustomer { id: "c-9".into() }
                ),
                (
                    "followups[2].case_id".to_string(),
                    Problem::NoSuchCase {
                        id: "w-9".into(),
                        customer: "c-1".into()
                    }
                ),
                (
                    "todos[1].followup_id".to_string(),
                    Problem::NoSuchFollowUp { id: "f-8".into() }
                ),
            ]
        );
        // Replacing everything: what only the app holds goes, so what names it is refused.
        let replaced = problems(check(&file, &existing, Strategy::ReplaceAll));
        let paths: Vec<&str> = replaced.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "followups[1].customer_id",
                "followups[2].case_id",
                "followups[3].customer_id",
                "plans[0].customer_id",
                "todos[0].followup_id",
                "todos[1].followup_id",
            ]
        );
        // A file whose references all hold passes.
        let good = Backup::new(Default::default(), vec![customer("c-1", &["w-1"])], today)
            .with_records(vec![followup("f-1", "c-1", Some("w-1"))], vec![])
            .with_todos(vec![todo("t-1", "c-1", "f-1")]);
        assert_eq!(check(&good, &existing, Strategy::ReplaceAll), Ok(()));
    }
}
