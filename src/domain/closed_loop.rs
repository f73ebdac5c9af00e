//! The consequences of a follow-up (METHOD.md §4) and its closed loop (闭环).
//!
//! Saving a follow-up resets its cadence (the schedule reads follow-ups), turns its next step
//! into a planned touch on that exact date, turns its score into a dated satisfaction entry,
//! and reminds the owner to update the profile within one working day (002). Editing and
//! deleting keep all of it consistent. A follow-up is closed only when all its to-dos are.

use chrono::{Datelike, NaiveDate, Weekday};

use super::records::{Customer, SatisfactionEntry, SatisfactionKind};
use super::records::{FollowUp, PlanItem, Todo};

/// Ids of the records a follow-up owns, derived from its own id so that saving it again
/// updates them instead of adding more.
pub fn next_step_id(followup_id: &str) -> String {
    format!("next-{followup_id}")
}

pub fn score_id(followup_id: &str) -> String {
    format!("score-{followup_id}")
}

pub fn profile_todo_id(followup_id: &str) -> String {
    format!("profile-{followup_id}")
}

/// The working day after `date` (Saturday and Sunday are not working days).
pub fn next_working_day(date: NaiveDate) -> NaiveDate {
    let mut d = date + chrono::Duration::days(1);
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        d += chrono::Duration::days(1);
    }
    d
}

/// What to write, all in one transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Effects {
    pub followups_put: Vec<FollowUp>,
    pub followups_delete: Vec<String>,
    pub todos_put: Vec<Todo>,
    pub todos_delete: Vec<String>,
    pub plans_put: Vec<PlanItem>,
    pub plans_delete: Vec<String>,
    /// The follow-up's satisfaction entry on its customer: the entry with `remove` as id goes,
    /// `add` (if any) comes. Applied to the stored customer inside the transaction, so a
    /// profile saved meanwhile keeps its other changes.
    pub score: Option<ScoreChange>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScoreChange {
    pub customer_id: String,
    pub remove: String,
    pub add: Option<SatisfactionEntry>,
}

impl ScoreChange {
    /// The customer's entries after the change; `None` when nothing changes.
    pub fn apply(&self, customer: &Customer) -> Option<Vec<SatisfactionEntry>> {
        let mut entries: Vec<SatisfactionEntry> = customer
            .satisfaction
            .iter()
            .filter(|s| s.id != self.remove)
            .cloned()
            .collect();
        entries.extend(self.add.clone());
        (entries != customer.satisfaction).then_some(entries)
    }
}

/// Saving `followup` with its to-dos as edited (`todos`; new ones with fresh ids), given the
/// to-dos it had before (`before`).
pub fn save(followup: &FollowUp, todos: &[Todo], before: &[Todo]) -> Effects {
    let mut effects = Effects {
        followups_put: vec![followup.clone()],
        ..Effects::default()
    };
    let date = followup.date;

    // To-dos: the edited list, each tied to the follow-up; removed ones deleted.
    for t in todos {
        effects.todos_put.push(Todo {
            followup_id: followup.id.clone(),
            customer_id: followup.customer_id.clone(),
            ..t.clone()
        });
    }
    let reminder = profile_todo_id(&followup.id);
    for old in before {
        if old.id != reminder && !todos.iter().any(|t| t.id == old.id) {
            effects.todos_delete.push(old.id.clone());
        }
    }
    // The profile reminder is made once; the user closes it like any other to-do.
    if let Some(date) = date {
        if !before.iter().any(|t| t.id == reminder) {
            effects.todos_put.push(Todo {
                id: reminder,
                followup_id: followup.id.clone(),
                customer_id: followup.customer_id.clone(),
                owner: followup.owner.clone(),
                due_on: Some(next_working_day(date)),
                profile_update: true,
                ..Todo::default()
            });
        }
    }

    // The next step becomes a planned touch on its exact date.
    let plan_id = next_step_id(&followup.id);
    match &followup.next_step {
        Some(step) => effects.plans_put.push(PlanItem {
            id: plan_id,
            customer_id: followup.customer_id.clone(),
            date: step.date,
            kind: step.kind,
            topics: step.topics.clone(),
            owner: followup.owner.clone(),
            ..PlanItem::default()
        }),
        None => effects.plans_delete.push(plan_id),
    }

    // The score becomes (or stops being) a dated satisfaction entry.
    let add = match (followup.score, date) {
        (Some(score), Some(date)) => Some(SatisfactionEntry {
            id: score_id(&followup.id),
            date: Some(date),
            kind: Some(SatisfactionKind::Feedback),
            score,
            note: followup.feedback.clone(),
            followup_id: Some(followup.id.clone()),
        }),
        _ => None,
    };
    effects.score = Some(ScoreChange {
        customer_id: followup.customer_id.clone(),
        remove: score_id(&followup.id),
        add,
    });
    effects
}

/// Deleting a follow-up takes everything it made with it: to-dos, the planned next step and
/// the satisfaction entry. The cadence moves back by itself, since it reads follow-ups.
pub fn delete(followup: &FollowUp, todos: &[Todo]) -> Effects {
    Effects {
        followups_delete: vec![followup.id.clone()],
        todos_delete: todos.iter().map(|t| t.id.clone()).collect(),
        plans_delete: vec![next_step_id(&followup.id)],
        score: Some(ScoreChange {
            customer_id: followup.customer_id.clone(),
            remove: score_id(&followup.id),
            add: None,
        }),
        ..Effects::default()
    }
}

/// Where a to-do stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TodoStatus {
    Overdue,
    Due,
    Open,
    Done,
}

impl TodoStatus {
    pub fn of(todo: &Todo, today: NaiveDate) -> TodoStatus {
        match (todo.done_on, todo.due_on) {
            (Some(_), _) => TodoStatus::Done,
            (None, Some(d)) if d < today => TodoStatus::Overdue,
            (None, Some(d)) if d == today => TodoStatus::Due,
            _ => TodoStatus::Open,
        }
    }
}

/// A follow-up's loop is closed when every to-do it made is done (one without to-dos is
/// closed at once).
pub fn is_closed(followup_id: &str, todos: &[Todo]) -> bool {
    todos
        .iter()
        .filter(|t| t.followup_id == followup_id)
        .all(|t| t.done_on.is_some())
}

/// The last real contact with a customer (the profile's "last contact").
pub fn last_contact(
    customer_id: &str,
    followups: &[FollowUp],
    today: NaiveDate,
) -> Option<NaiveDate> {
    followups
        .iter()
        .filter(|f| f.customer_id == customer_id)
        .filter_map(|f| f.date)
        .filter(|d| *d <= today)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cadence::TouchKind;
    use crate::domain::records::NextStep;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn followup() -> FollowUp {
        FollowUp {
            id: "f1".into(),
            customer_id: "c1".into(),
            date: Some(d(2024, 3, 8)), // a Friday
            kind: TouchKind::Visit,
            owner: "王经理".into(),
            score: Some(8),
            feedback: "满意".into(),
            next_step: Some(NextStep {
                date: d(2024, 4, 2),
                kind: TouchKind::Online,
                topics: vec!["方案评审".into()],
            }),
            ..FollowUp::default()
        }
    }

    fn todo(id: &str, text: &str) -> Todo {
        Todo {
            id: id.into(),
            text: text.into(),
            owner: "王经理".into(),
            due_on: Some(d(2024, 3, 15)),
            ..Todo::default()
        }
    }

    fn customer() -> Customer {
        Customer {
            id: "c1".into(),
            name: "科技公司".into(),
            ..Customer::default()
        }
    }

    #[test]
    fn saving_makes_the_next_step_the_score_and_the_profile_reminder() {
        let e = save(
            &followup(),
            &[todo("t1", "发报价"), todo("t2", "安排试用")],
            &[],
        );
        assert_eq!(e.followups_put.len(), 1);
        let plan = &e.plans_put[0];
        assert_eq!(
            (plan.id.as_str(), plan.date, plan.kind),
            ("next-f1", d(2024, 4, 2), TouchKind::Online)
        );
        let entries = e.score.as_ref().unwrap().apply(&customer()).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(
            (entries[0].score, entries[0].date),
            (8, Some(d(2024, 3, 8)))
        );
        assert_eq!(entries[0].followup_id.as_deref(), Some("f1"));
        // Friday's follow-up: the profile is to be updated by Monday.
        let reminder = e.todos_put.iter().find(|t| t.profile_update).unwrap();
        assert_eq!(reminder.due_on, Some(d(2024, 3, 11)));
        assert!(e
            .todos_put
            .iter()
            .all(|t| t.followup_id == "f1" && t.customer_id == "c1"));
        assert_eq!(e.todos_put.len(), 3);
    }

    #[test]
    fn editing_keeps_things_consistent_and_deleting_takes_everything_along() {
        let first = save(
            &followup(),
            &[todo("t1", "发报价"), todo("t2", "安排试用")],
            &[],
        );
        let stored_customer = Customer {
            satisfaction: first.score.as_ref().unwrap().apply(&customer()).unwrap(),
            ..customer()
        };
        let stored_todos = first.todos_put.clone();

        // Edit: no score, no next step, one to-do removed.
        let mut edited = followup();
        edited.score = None;
        edited.next_step = None;
        let e = save(&edited, &[todo("t1", "发报价")], &stored_todos);
        assert_eq!(e.plans_delete, vec!["next-f1".to_string()]);
        assert_eq!(e.todos_delete, vec!["t2".to_string()]);
        assert_eq!(e.score.unwrap().apply(&stored_customer), Some(vec![]));
        assert!(
            !e.todos_put.iter().any(|t| t.profile_update),
            "the reminder is not made twice"
        );

        let e = delete(&followup(), &stored_todos);
        assert_eq!(e.followups_delete, vec!["f1".to_string()]);
        assert_eq!(e.todos_delete.len(), 3);
        assert_eq!(e.plans_delete, vec!["next-f1".to_string()]);
        assert_eq!(e.score.unwrap().apply(&stored_customer), Some(vec![]));
        // Saving the same thing again changes nothing on the customer.
        let again = save(&followup(), &[], &stored_todos);
        assert_eq!(again.score.unwrap().apply(&stored_customer), None);
    }

    #[test]
    fn a_loop_closes_when_every_to_do_is_done() {
        let mut todos = vec![
            Todo {
                followup_id: "f1".into(),
                ..todo("t1", "a")
            },
            Todo {
                followup_id: "f1".into(),
                ..todo("t2", "b")
            },
            Todo {
                followup_id: "f2".into(),
                ..todo("t3", "c")
            },
        ];
        assert!(!is_closed("f1", &todos));
        todos[0].done_on = Some(d(2024, 3, 10));
        assert!(!is_closed("f1", &todos));
        todos[1].done_on = Some(d(2024, 3, 11));
        assert!(is_closed("f1", &todos));
        assert!(is_closed("f-none", &todos));
        let today = d(2024, 3, 15);
        assert_eq!(TodoStatus::of(&todos[2], today), TodoStatus::Due);
        assert_eq!(
            TodoStatus::of(&todos[2], d(2024, 3, 16)),
            TodoStatus::Overdue
        );
        assert_eq!(TodoStatus::of(&todos[0], today), TodoStatus::Done);
    }
}
