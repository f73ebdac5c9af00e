//! The follow-up form as data: what was typed, kept verbatim; its checks; and the record it
//! becomes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::cadence::TouchKind;
use super::calendar::parse_ymd;
use super::closed_loop::{self, Effects};
use super::records::{FollowUp, NextStep, Todo};
use super::text::{split_lines, split_list};

/// Also kept in the tab's session while unsaved (`store::drafts`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUpDraft {
    pub date: String,
    pub time: String,
    pub kind: TouchKind,
    pub topics: String,
    pub note: String,
    pub feedback: String,
    pub score: String,
    /// One need a line.
    pub needs: String,
    pub value_added: bool,
    pub owner: String,
    pub todos: Vec<TodoDraft>,
    pub next_date: String,
    pub next_kind: TouchKind,
    pub next_topics: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TodoDraft {
    /// Empty for a new to-do.
    pub id: String,
    pub text: String,
    pub owner: String,
    pub due: String,
    /// Kept as they were when editing.
    pub done_on: Option<NaiveDate>,
    pub result: String,
}

/// A problem and the field it is in.
pub type FuError = (FuField, FuProblem);

/// Which field a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuField {
    Date,
    Time,
    Topics,
    Score,
    /// The to-do's text, of row `i`.
    TodoText(usize),
    /// The to-do's due date, of row `i`.
    TodoDue(usize),
    NextDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuProblem {
    /// Missing, not a date, or after today.
    BadDate,
    BadTime,
    TooManyTopics,
    ScoreOutOfRange,
    /// A to-do with a due date but no text.
    TodoTextMissing,
    /// A to-do without a due date (or with one that is not a date).
    TodoDueMissing,
    /// The next step comes before the follow-up.
    NextBeforeFollowUp,
}

impl FollowUpDraft {
    pub fn new(kind: TouchKind, today: NaiveDate, owner: &str) -> FollowUpDraft {
        FollowUpDraft {
            date: today.to_string(),
            time: String::new(),
            kind,
            topics: String::new(),
            note: String::new(),
            feedback: String::new(),
            score: String::new(),
            needs: String::new(),
            value_added: false,
            owner: owner.to_string(),
            todos: Vec::new(),
            next_date: String::new(),
            next_kind: kind,
            next_topics: String::new(),
        }
    }

    pub fn from_record(f: &FollowUp, todos: &[Todo]) -> FollowUpDraft {
        FollowUpDraft {
            date: f.date.map(|d| d.to_string()).unwrap_or_default(),
            time: f.time.clone(),
            kind: f.kind,
            topics: f.topics.join(", "),
            note: f.note.clone(),
            feedback: f.feedback.clone(),
            score: f.score.map(|s| s.to_string()).unwrap_or_default(),
            needs: f.needs.join("\n"),
            value_added: f.value_added,
            owner: f.owner.clone(),
            todos: todos
                .iter()
                .filter(|t| t.followup_id == f.id && !t.profile_update)
                .map(|t| TodoDraft {
                    id: t.id.clone(),
                    text: t.text.clone(),
                    owner: t.owner.clone(),
                    due: t.due_on.map(|d| d.to_string()).unwrap_or_default(),
                    done_on: t.done_on,
                    result: t.result.clone(),
                })
                .collect(),
            next_date: f
                .next_step
                .as_ref()
                .map(|n| n.date.to_string())
                .unwrap_or_default(),
            next_kind: f.next_step.as_ref().map_or(f.kind, |n| n.kind),
            next_topics: f
                .next_step
                .as_ref()
                .map(|n| n.topics.join(", "))
                .unwrap_or_default(),
        }
    }

    /// The record and its to-dos, or every problem. `base` carries what the form does not
    /// show (id, customer, plan and case links); `new_id` names new to-dos.
    pub fn to_record(
        &self,
        base: &FollowUp,
        today: NaiveDate,
        new_id: &mut dyn FnMut() -> String,
    ) -> Result<(FollowUp, Vec<Todo>), Vec<FuError>> {
        let mut problems = Vec::new();
        let date = parse_ymd(self.date.trim()).filter(|d| *d <= today);
        if date.is_none() {
            problems.push((FuField::Date, FuProblem::BadDate));
        }
        let time = self.time.trim();
        let time_ok = time.is_empty()
            || time.split_once(':').is_some_and(|(h, m)| {
                h.parse::<u32>().is_ok_and(|h| h < 24)
                    && m.len() == 2
                    && m.parse::<u32>().is_ok_and(|m| m < 60)
            });
        if !time_ok {
            problems.push((FuField::Time, FuProblem::BadTime));
        }
        let topic_list = split_list(&self.topics);
        if topic_list.len() > 2 {
            problems.push((FuField::Topics, FuProblem::TooManyTopics));
        }
        let score = match self.score.trim() {
            "" => None,
            s => match s.parse::<u32>() {
                Ok(v) if v <= 10 => Some(v),
                _ => {
                    problems.push((FuField::Score, FuProblem::ScoreOutOfRange));
                    None
                }
            },
        };
        let mut todos = Vec::new();
        for (i, t) in self.todos.iter().enumerate() {
            let (text, due_text) = (t.text.trim(), t.due.trim());
            if text.is_empty() && due_text.is_empty() {
                continue;
            }
            let due = parse_ymd(due_text);
            if text.is_empty() {
                problems.push((FuField::TodoText(i), FuProblem::TodoTextMissing));
            }
            if due.is_none() {
                problems.push((FuField::TodoDue(i), FuProblem::TodoDueMissing));
            }
            if let (false, Some(due)) = (text.is_empty(), due) {
                todos.push(Todo {
                    id: if t.id.is_empty() {
                        new_id()
                    } else {
                        t.id.clone()
                    },
                    followup_id: base.id.clone(),
                    customer_id: base.customer_id.clone(),
                    text: text.to_string(),
                    owner: t.owner.trim().to_string(),
                    due_on: Some(due),
                    done_on: t.done_on,
                    result: t.result.clone(),
                    profile_update: false,
                });
            }
        }
        let next_step = match self.next_date.trim() {
            "" => None,
            text => match (parse_ymd(text).ok_or(()), date) {
                (Ok(next), Some(d)) if next >= d => Some(NextStep {
                    date: next,
                    kind: self.next_kind,
                    topics: split_list(&self.next_topics).into_iter().take(2).collect(),
                }),
                _ => {
                    problems.push((FuField::NextDate, FuProblem::NextBeforeFollowUp));
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok((
            FollowUp {
                date,
                time: time.to_string(),
                kind: self.kind,
                topics: topic_list,
                note: self.note.trim().to_string(),
                feedback: self.feedback.trim().to_string(),
                score,
                needs: split_lines(&self.needs),
                next_step,
                value_added: self.value_added,
                owner: self.owner.trim().to_string(),
                ..base.clone()
            },
            todos,
        ))
    }
}

/// Saving a follow-up as typed: its record and to-dos, and all that follows from them (the
/// closed loop: the profile-update to-do, the planned next step, the satisfaction entry).
/// The full form and Today's quick log both save through here. `before` holds the to-dos
/// the follow-up had (none for a new one).
pub fn save(
    draft: &FollowUpDraft,
    base: &FollowUp,
    before: &[Todo],
    today: NaiveDate,
    new_id: &mut dyn FnMut() -> String,
) -> Result<Effects, Vec<FuError>> {
    let (followup, todos) = draft.to_record(base, today, new_id)?;
    Ok(closed_loop::save(&followup, &todos, before))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_problem_is_named_and_a_good_form_becomes_a_record() {
        let today = d(2024, 3, 8);
        let mut draft = FollowUpDraft::new(TouchKind::Visit, today, "王经理");
        draft.date = "2024-03-09".into();
        draft.time = "9:7".into();
        draft.topics = "a, b, c".into();
        draft.score = "11".into();
        draft.todos = vec![TodoDraft {
            text: "报价".into(),
            ..TodoDraft::default()
        }];
        draft.next_date = "2024-03-01".into();
        let base = FollowUp {
            id: "f1".into(),
            customer_id: "c1".into(),
            ..FollowUp::default()
        };
        let problems = draft
            .to_record(&base, today, &mut || "x".into())
            .unwrap_err();
        assert_eq!(
            problems,
            vec![
                (FuField::Date, FuProblem::BadDate),
                (FuField::Time, FuProblem::BadTime),
                (FuField::Topics, FuProblem::TooManyTopics),
                (FuField::Score, FuProblem::ScoreOutOfRange),
                (FuField::TodoDue(0), FuProblem::TodoDueMissing),
                (FuField::NextDate, FuProblem::NextBeforeFollowUp),
            ]
        );

        draft.date = "2024-03-08".into();
        draft.time = "09:30".into();
        draft.topics = "采购计划，新品".into();
        draft.score = "9".into();
        draft.needs = "新能源产线\n\n降本方案".into();
        draft.todos = vec![
            TodoDraft {
                text: "报价".into(),
                due: "2024-03-12".into(),
                ..TodoDraft::default()
            },
            TodoDraft::default(),
        ];
        draft.next_date = "2024-04-02".into();
        let mut n = 0;
        let (f, todos) = draft
            .to_record(&base, today, &mut || {
                n += 1;
                format!("t{n}")
            })
            .unwrap();
        assert_eq!(f.topics, vec!["采购计划", "新品"]);
        assert_eq!(f.needs, vec!["新能源产线", "降本方案"]);
        assert_eq!(f.score, Some(9));
        assert_eq!(f.next_step.unwrap().date, d(2024, 4, 2));
        assert_eq!(todos.len(), 1);
        assert_eq!(
            (todos[0].id.as_str(), todos[0].followup_id.as_str()),
            ("t1", "f1")
        );
        // And back into the form for editing.
        let again = FollowUpDraft::from_record(&f_with_id(&draft, &base, today), &todos);
        assert_eq!(again.todos.len(), 1);
    }

    fn f_with_id(draft: &FollowUpDraft, base: &FollowUp, today: NaiveDate) -> FollowUp {
        draft.to_record(base, today, &mut || "t1".into()).unwrap().0
    }

    #[test]
    fn a_quick_log_closes_the_loop_as_the_full_form_does() {
        let today = d(2024, 3, 8); // a Friday
        let base = FollowUp {
            id: "f1".into(),
            customer_id: "c1".into(),
            plan_id: Some("p1".into()),
            ..FollowUp::default()
        };
        // What Today's quick log fills in: channel, day, topics, note.
        let quick = FollowUpDraft {
            date: "2024-03-08".into(),
            topics: "采购计划、新品".into(),
            note: "谈了二期".into(),
            ..FollowUpDraft::new(TouchKind::Call, today, "王经理")
        };
        let effects = save(&quick, &base, &[], today, &mut || "t".into()).unwrap();
        let reminder = &effects.todos_put[..];
        assert_eq!(reminder.len(), 1);
        assert!(reminder[0].profile_update);
        assert_eq!(reminder[0].id, closed_loop::profile_todo_id("f1"));
        assert_eq!(
            reminder[0].due_on,
            Some(d(2024, 3, 11)),
            "the next working day"
        );
        assert_eq!(reminder[0].owner, "王经理");
        let f = &effects.followups_put[0];
        assert_eq!(f.topics, vec!["采购计划", "新品"]);
        assert_eq!(f.plan_id.as_deref(), Some("p1"));

        // The same follow-up typed into the full form makes the same to-dos, and the full
        // form's extra to-do comes on top.
        let mut full = quick.clone();
        full.todos = vec![TodoDraft {
            text: "报价".into(),
            due: "2024-03-12".into(),
            ..TodoDraft::default()
        }];
        let full_effects = save(&full, &base, &[], today, &mut || "t".into()).unwrap();
        assert_eq!(full_effects.todos_put.len(), 2);
        assert!(full_effects.todos_put.contains(&reminder[0]));
        assert_eq!(full_effects.followups_put, effects.followups_put);

        // A quick log is checked as the form is.
        let too_many = FollowUpDraft {
            topics: "a, b, c".into(),
            ..quick
        };
        assert_eq!(
            save(&too_many, &base, &[], today, &mut || "t".into()),
            Err(vec![(FuField::Topics, FuProblem::TooManyTopics)])
        );
    }

    #[test]
    fn a_to_do_names_the_field_that_is_missing() {
        let today = d(2024, 3, 10);
        let base = FollowUp {
            id: "f1".into(),
            customer_id: "c1".into(),
            ..FollowUp::default()
        };
        let mut draft = FollowUpDraft::new(TouchKind::Call, today, "");
        draft.todos = vec![
            TodoDraft {
                due: "2024-03-12".into(),
                ..TodoDraft::default()
            },
            TodoDraft {
                text: "报价".into(),
                due: "next week".into(),
                ..TodoDraft::default()
            },
        ];
        assert_eq!(
            draft
                .to_record(&base, today, &mut || "x".into())
                .unwrap_err(),
            vec![
                (FuField::TodoText(0), FuProblem::TodoTextMissing),
                (FuField::TodoDue(1), FuProblem::TodoDueMissing),
            ]
        );
    }
}
