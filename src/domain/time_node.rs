//! When a lifecycle stage is late (METHOD.md §5, seed 004): its time node passed and the key
//! actions due by then are not done. An action is done when it was checked off by hand *or*
//! when the records show it — a logged conversation is a first contact and, for a mature
//! customer, its quarterly review; an order is a signed deal; a win-back case with reasons
//! and a plan is the churn analysis and the plan. So a well-kept portfolio is not flagged for
//! boxes nobody ticked.

use chrono::NaiveDate;

use super::cadence::TouchKind;
use super::lifecycle::{KeyAction, Output, Stage, StageStatus};
use super::records::FollowUp;
use super::records::{Customer, SatisfactionKind};

/// A time node that passed with key actions undone.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LateNode {
    pub stage: Stage,
    /// The day the node fell on.
    pub due: NaiveDate,
    /// What was due by then and is still not done.
    pub missing: Vec<KeyAction>,
}

/// A conversation with the customer: not an automatic message, a greeting, a letter, a guide
/// or a gift.
fn is_conversation(kind: TouchKind) -> bool {
    use TouchKind::*;
    matches!(
        kind,
        Contact | Call | Online | Visit | ExecutiveVisit | NeedsSurvey
    )
}

/// Whether a follow-up does `action`.
fn followup_does(f: &FollowUp, action: KeyAction) -> bool {
    use KeyAction::*;
    match action {
        Screen | FirstContact | QuarterlyReview => is_conversation(f.kind),
        NeedsSurvey => f.kind == TouchKind::NeedsSurvey || !f.needs.is_empty(),
        SatisfactionCheck => f.score.is_some(),
        ValueAddedService => f.value_added,
        Review => f.case_id.is_some(),
        _ => false,
    }
}

/// The output (成果输出) that shows `action` was done.
fn output_for(action: KeyAction) -> Option<Output> {
    use KeyAction::*;
    Some(match action {
        Collect => Output::LeadList,
        NeedsSurvey => Output::NeedsReport,
        Proposal => Output::Proposal,
        Sign => Output::Contract,
        Deliver => Output::ImplementationPlan,
        QuarterlyReview => Output::VisitRecord,
        ValueAddedService => Output::ServiceReport,
        ReasonAnalysis => Output::ChurnAnalysis,
        WinBackPlan => Output::WinBackPlan,
        _ => return None,
    })
}

/// The latest day on or after `since` that `action` of `stage` was done, from the checklist or
/// from the records. `mine` are the customer's follow-ups.
pub fn done_on(
    c: &Customer,
    mine: &[&FollowUp],
    stage: Stage,
    action: KeyAction,
    since: NaiveDate,
) -> Option<NaiveDate> {
    use KeyAction::*;
    let l = &c.lifecycle;
    let ticked = l
        .actions
        .iter()
        .filter(|a| a.stage == stage && a.action == action)
        .map(|a| a.on);
    let output = output_for(action);
    let outputs = l
        .outputs
        .iter()
        .filter(|o| o.stage == stage && Some(o.output) == output)
        .map(|o| o.on);
    let followups = mine
        .iter()
        .filter(|f| followup_does(f, action))
        .filter_map(|f| f.date);
    // A status chosen by hand within the stage is a judgement made: the lead was screened,
    // the deal signed (or delivered), the churn analysed.
    let chosen = |pick: fn(StageStatus) -> bool| {
        l.history
            .iter()
            .filter(move |h| h.from == Some(stage) && h.to == stage)
            .filter(move |h| h.status.is_some_and(pick))
            .map(|h| h.date)
    };
    // A lead whose profile has a way to reach someone is filed (建立档案), from the start.
    let reachable = c.contacts.iter().any(|k| {
        !(k.phone.trim().is_empty() && k.email.trim().is_empty() && k.wechat.trim().is_empty())
    });
    let records: Vec<NaiveDate> = match action {
        Screen => chosen(|_| true).collect(),
        File => reachable.then_some(since).into_iter().collect(),
        Sign => c
            .orders
            .iter()
            .filter_map(|o| o.date)
            .chain(chosen(|_| true))
            .collect(),
        Deliver => chosen(|s| s == StageStatus::Delivered).collect(),
        ReasonAnalysis | WinBackPlan | Owner | Review => c
            .winback
            .iter()
            .filter(|w| w.closed_on.is_none_or(|d| d >= since))
            .filter(|w| match action {
                ReasonAnalysis => !w.reasons.is_empty(),
                WinBackPlan => !w.actions.is_empty(),
                Owner => !w.owner.trim().is_empty(),
                _ => w.closed_on.is_some() && !w.review.trim().is_empty(),
            })
            .filter_map(|w| w.closed_on.or(w.opened_on).map(|d| d.max(since)))
            .collect(),
        SatisfactionCheck | Nps => c
            .satisfaction
            .iter()
            .filter(|s| action == SatisfactionCheck || s.kind == Some(SatisfactionKind::Nps))
            .filter_map(|s| s.date)
            .collect(),
        _ => Vec::new(),
    };
    ticked
        .chain(outputs)
        .chain(followups)
        .chain(records)
        .filter(|d| *d >= since)
        .max()
}

/// The customer's current time node: counted from entering the stage, or for a mature
/// customer a quarter after its last review (a logged conversation counts).
pub fn time_node(c: &Customer, mine: &[&FollowUp]) -> Option<NaiveDate> {
    let stage = c.stage?;
    let since = c.lifecycle.since?;
    let start = if stage == Stage::Mature {
        done_on(c, mine, stage, KeyAction::QuarterlyReview, since).unwrap_or(since)
    } else {
        since
    };
    Some(stage.deadline(start))
}

/// The stage's time node for a customer, if it passed with key actions undone. A mature
/// customer's node recurs (see [`time_node`]); a churned customer whose case has a final
/// result is no longer waiting on anything.
pub fn late_node(c: &Customer, mine: &[&FollowUp], today: NaiveDate) -> Option<LateNode> {
    let stage = c.stage?;
    let since = c.lifecycle.since?;
    let due = time_node(c, mine)?;
    if stage == Stage::Mature {
        return (today > due).then(|| LateNode {
            stage,
            due,
            missing: vec![KeyAction::QuarterlyReview],
        });
    }
    let result_recorded = c
        .winback
        .iter()
        .any(|w| w.outcome.is_some() && w.closed_on.is_some_and(|d| d >= since));
    if stage == Stage::Churned && result_recorded {
        return None;
    }
    if today <= due {
        return None;
    }
    let missing: Vec<KeyAction> = stage
        .due_actions()
        .iter()
        .copied()
        .filter(|a| done_on(c, mine, stage, *a, since).is_none())
        .collect();
    (!missing.is_empty()).then_some(LateNode {
        stage,
        due,
        missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{Lifecycle, OutputNote};
    use crate::domain::money::Fen;
    use crate::domain::records::{Contact, Order, SatisfactionEntry};
    use crate::domain::winback::{PlanAction, Reason, WinBackCase};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn staged(stage: Stage, since: NaiveDate) -> Customer {
        let mut lifecycle = Lifecycle::default();
        lifecycle.move_to(None, stage, None, since);
        Customer {
            id: "c".into(),
            stage: Some(stage),
            lifecycle,
            ..Customer::default()
        }
    }

    fn touch(kind: TouchKind, date: NaiveDate) -> FollowUp {
        FollowUp {
            customer_id: "c".into(),
            kind,
            date: Some(date),
            ..FollowUp::default()
        }
    }

    fn late(c: &Customer, fs: &[FollowUp], today: NaiveDate) -> Option<LateNode> {
        let mine: Vec<&FollowUp> = fs.iter().collect();
        late_node(c, &mine, today)
    }

    #[test]
    fn a_mature_customer_is_late_only_a_quarter_after_its_last_review() {
        let c = staged(Stage::Mature, d(2024, 1, 10));
        // The node is the day itself: late the day after.
        assert_eq!(late(&c, &[], d(2024, 4, 10)), None);
        let node = late(&c, &[], d(2024, 4, 11)).unwrap();
        assert_eq!(node.due, d(2024, 4, 10));
        assert_eq!(node.missing, vec![KeyAction::QuarterlyReview]);
        // A visit logged on 2024-03-01 moves the node to 2024-06-01.
        let visit = [touch(TouchKind::Visit, d(2024, 3, 1))];
        assert_eq!(late(&c, &visit, d(2024, 6, 1)), None);
        assert_eq!(late(&c, &visit, d(2024, 6, 2)).unwrap().due, d(2024, 6, 1));
        // A call is a review too; an automatic message or a greeting is not.
        let call = [touch(TouchKind::Call, d(2024, 3, 1))];
        assert_eq!(late(&c, &call, d(2024, 5, 1)), None);
        for kind in [TouchKind::Message, TouchKind::Greeting, TouchKind::Gift] {
            assert!(late(&c, &[touch(kind, d(2024, 3, 1))], d(2024, 5, 1)).is_some());
        }
        // A conversation from before the stage began does not count.
        let before = [touch(TouchKind::Visit, d(2024, 1, 9))];
        assert!(late(&c, &before, d(2024, 4, 11)).is_some());
        // A visit record (the stage's output) counts as a review.
        let mut with_record = c.clone();
        with_record.lifecycle.outputs.push(OutputNote {
            stage: Stage::Mature,
            output: Output::VisitRecord,
            text: "Q1".into(),
            on: d(2024, 3, 20),
        });
        assert_eq!(late(&with_record, &[], d(2024, 6, 20)), None);
    }

    #[test]
    fn a_lead_is_late_a_working_day_on_until_screened_and_filed() {
        let friday = d(2024, 3, 8);
        let c = staged(Stage::Lead, friday);
        assert_eq!(late(&c, &[], d(2024, 3, 11)), None);
        let node = late(&c, &[], d(2024, 3, 12)).unwrap();
        assert_eq!(node.due, d(2024, 3, 11));
        assert_eq!(node.missing, vec![KeyAction::Screen, KeyAction::File]);
        // A first call screens the lead; filing is still to be ticked.
        let call = [touch(TouchKind::Call, d(2024, 3, 12))];
        assert_eq!(
            late(&c, &call, d(2024, 3, 12)).unwrap().missing,
            vec![KeyAction::File]
        );
        let mut filed = c.clone();
        filed
            .lifecycle
            .toggle(Stage::Lead, KeyAction::File, d(2024, 3, 12));
        assert_eq!(late(&filed, &call, d(2024, 3, 12)), None);
        // A profile with a way to reach someone is filed already.
        let mut reachable = c.clone();
        reachable.contacts.push(Contact {
            name: "Chen".into(),
            phone: "13900000000".into(),
            ..Contact::default()
        });
        assert_eq!(late(&reachable, &call, d(2024, 3, 12)), None);
        // Judging the intent (a status chosen by hand) is screening too.
        let mut judged = filed.clone();
        judged.lifecycle.move_to(
            Some(Stage::Lead),
            Stage::Lead,
            Some(StageStatus::HighIntent),
            d(2024, 3, 9),
        );
        assert_eq!(late(&judged, &[], d(2024, 3, 20)), None);
    }

    #[test]
    fn a_converted_customer_with_an_order_has_signed() {
        let mut c = staged(Stage::Converted, d(2024, 5, 1));
        assert_eq!(late(&c, &[], d(2024, 5, 8)), None);
        assert_eq!(
            late(&c, &[], d(2024, 5, 9)).unwrap().missing,
            vec![KeyAction::Sign]
        );
        c.orders.push(Order {
            date: Some(d(2024, 5, 1)),
            amount_fen: Fen::from_wan(1),
            ..Order::default()
        });
        assert_eq!(late(&c, &[], d(2024, 9, 1)), None);
    }

    #[test]
    fn nurturing_needs_the_survey_and_the_proposal_within_two_weeks() {
        let c = staged(Stage::Nurturing, d(2024, 5, 1));
        let survey = [FollowUp {
            needs: vec!["more capacity".into()],
            ..touch(TouchKind::Call, d(2024, 5, 3))
        }];
        assert_eq!(late(&c, &survey, d(2024, 5, 15)), None);
        assert_eq!(
            late(&c, &survey, d(2024, 5, 16)).unwrap().missing,
            vec![KeyAction::Proposal]
        );
        let mut proposed = c.clone();
        proposed.lifecycle.outputs.push(OutputNote {
            stage: Stage::Nurturing,
            output: Output::Proposal,
            text: "v1".into(),
            on: d(2024, 5, 20),
        });
        assert_eq!(late(&proposed, &survey, d(2024, 5, 21)), None);
    }

    #[test]
    fn a_churned_customer_needs_its_analysis_and_plan_within_a_month() {
        let c = staged(Stage::Churned, d(2024, 1, 31));
        assert_eq!(late(&c, &[], d(2024, 2, 29)), None);
        let node = late(&c, &[], d(2024, 3, 1)).unwrap();
        assert_eq!(
            node.missing,
            vec![KeyAction::ReasonAnalysis, KeyAction::WinBackPlan]
        );
        let mut with_case = c.clone();
        with_case.winback.push(WinBackCase {
            opened_on: Some(d(2024, 2, 5)),
            reasons: vec![Reason::Price],
            actions: vec![PlanAction::Discount],
            ..WinBackCase::default()
        });
        assert_eq!(late(&with_case, &[], d(2024, 6, 1)), None);
        // A case closed before this churn does not count for it.
        let mut old_case = c.clone();
        old_case.winback.push(WinBackCase {
            opened_on: Some(d(2023, 1, 5)),
            closed_on: Some(d(2023, 2, 5)),
            reasons: vec![Reason::Price],
            actions: vec![PlanAction::Discount],
            ..WinBackCase::default()
        });
        assert!(late(&old_case, &[], d(2024, 6, 1)).is_some());
    }

    #[test]
    fn records_before_the_stage_do_not_count_and_no_stage_is_never_late() {
        let mut c = staged(Stage::Lead, d(2024, 3, 8));
        c.satisfaction.push(SatisfactionEntry {
            date: Some(d(2024, 1, 1)),
            ..SatisfactionEntry::default()
        });
        let old = [touch(TouchKind::Call, d(2024, 3, 7))];
        assert!(late(&c, &old, d(2024, 4, 1)).is_some());
        c.stage = None;
        assert_eq!(late(&c, &old, d(2024, 4, 1)), None);
    }
}
