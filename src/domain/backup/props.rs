//! Property tests of the backup reader: a random valid data set comes back exactly (export →
//! import → export), and random damage to a valid file never panics: the file is either read,
//! or refused with every problem saying where it is.
//!
//! "Saying where" is, for each error of [`ImportError`]:
//! - `Field`: its path leads to a value of the damaged file, or to the object a missing
//!   required field belongs in; a `DuplicateId`'s `first` leads to a record too. A path that
//!   leads nowhere (the `(file)` fallback) fails, and so does `Unreadable` anywhere: it means
//!   the checks let through what the model then refused.
//! - `NotJson`: its line and column lie within the text.
//! - The whole-file errors name the top level (`NotAnObject`), its `format` field
//!   (`NotABackup`) or its `version` field (`MissingVersion`, `UnknownVersion`,
//!   `NewerVersion`), and must be true of the file; `Empty` must be true of it.
//!
//! Files are read as the import page reads them: the bytes decoded as UTF-8 with each broken
//! sequence replaced (`String::from_utf8_lossy`, as `ui::pages::settings::import` does), then
//! [`parse`], then the reference check an import makes ([`check_references`]).
//!
//! Each property runs a fixed number of cases from a fixed seed, so every `cargo test` tries
//! the same files; proptest's `PROPTEST_CASES` and `PROPTEST_RNG_SEED` change them (the long
//! run is in the README, under "What the two commands do").

use std::cell::RefCell;
use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, subsequence, Index};
use proptest::test_runner::{contextualize_config, Config, TestCaseResult};
use serde_json::Value;

use super::fixtures::{date, today};
use super::{check_references, export_all, parse, Backup, Existing, ImportError, Problem, FORMAT};
use crate::domain::cadence::{default_policy, CadenceSettings, Holiday, PolicyId};
use crate::domain::envelope::Sealed;
use crate::domain::kpi::targets::Targets;
use crate::domain::lifecycle::StageName;
use crate::domain::money::{Fen, MoneyUnit};
use crate::domain::records::{
    ActionDone, ChangeCause, Channel, CompanySize, Contact, CreditStatus, Customer, DecisionRole,
    FollowUp, KeyAction, Lang, Level, Lifecycle, ManualTier, MonthDay, NextStep, Order, Outcome,
    Output, OutputNote, PlanAction, PlanItem, PreferredTime, PresetId, Proposal, Reason, Remark,
    RemarkKind, SatisfactionEntry, SatisfactionKind, SignalKind, Stage, StageChange, StageStatus,
    Tag, TemporaryRaise, Tier, TierChange, TierState, Todo, TouchKind, WinBackCase,
};
use crate::domain::settings::DataSettings;
use crate::domain::stable::StableName;
use crate::domain::templates::{CustomWording, TemplateId};
use crate::domain::tiering::{default_scheme, Scheme, TieringSettings};

/// The default run's seed, so that every `cargo test` tries the same cases.
const SEED: u64 = 20_250_615;

/// Runs `test` on `cases` values of `strategy` from this file's seed.
fn check<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> TestCaseResult) {
    crate::domain::props_runner::check(SEED, cases, strategy, test);
}

// Random valid data sets.

/// Text people put into a CRM, and some they should not: Chinese, emoji (𠮷 and 🍜 are
/// outside the BMP), HTML, quotes, backslashes, line breaks, control characters.
const PIECES: &[&str] = &[
    "科技公司",
    "王经理",
    "🍜 面馆",
    "𠮷野家",
    "👨‍👩‍👧",
    "<b>粗体</b>",
    "<script>alert('x')</script>",
    "&amp; &lt;",
    "\"引号\"",
    "back\\slash",
    "第一行\n第二行",
    "tab\there",
    "\r\n",
    " ",
    "\u{feff}",
    "\u{2028}",
    "\u{0}",
    "Ünïcödé",
    "null",
    "{\"a\": [1,",
    "1e309",
    "2025-02-30",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        3 => vec(select(PIECES), 1..4).prop_map(|pieces| pieces.concat()),
        2 => "\\PC{1,12}",
        1 => vec(any::<char>(), 1..8).prop_map(String::from_iter),
    ]
}

/// Text that says something, as ids and names must.
fn required_text() -> impl Strategy<Value = String> {
    text().prop_map(|t| {
        if t.trim().is_empty() {
            format!("名{t}")
        } else {
            t
        }
    })
}

fn one_of<T: Clone + std::fmt::Debug + 'static>(all: &[T]) -> impl Strategy<Value = T> {
    select(all.to_vec())
}

fn day_between(from: NaiveDate, to: NaiveDate) -> impl Strategy<Value = NaiveDate> {
    (from.num_days_from_ce()..=to.num_days_from_ce())
        .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("a day between two days"))
}

/// Any day a file can write as `YYYY-MM-DD`, mostly near today.
fn any_day() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        4 => day_between(date(1990, 1, 1), date(2035, 12, 31)),
        1 => day_between(date(1000, 1, 1), date(9999, 12, 31)),
    ]
}

/// A day no later than the import's (orders may not lie in the future).
fn past_day() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        4 => day_between(date(1990, 1, 1), today()),
        1 => Just(today()),
        1 => day_between(date(1000, 1, 1), today()),
    ]
}

fn amount() -> impl Strategy<Value = Fen> {
    prop_oneof![
        3 => 0..=10_000_000_000i64,
        1 => Just(0),
        1 => Just(i64::MAX),
        1 => 0..=i64::MAX,
    ]
    .prop_map(Fen)
}

fn birthday() -> impl Strategy<Value = MonthDay> {
    (1u32..=12, 1u32..=31).prop_filter_map("a day some year has", |(m, d)| MonthDay::new(m, d))
}

prop_compose! {
    fn contact()(
        (name, title) in (text(), text()),
        role in option::of(one_of(&DecisionRole::ALL)),
        channel in option::of(one_of(&Channel::ALL)),
        preferred_time in option::of(one_of(&PreferredTime::ALL)),
        (phone, email, wechat) in (text(), text(), text()),
        birthday in option::of(birthday()),
    ) -> Contact {
        Contact { name, title, role, channel, preferred_time, phone, email, wechat, birthday }
    }
}

prop_compose! {
    fn outlook()(
        (industry_leader, competitor_contact) in (any::<bool>(), any::<bool>()),
        brand_influence in option::of(one_of(&Level::ALL)),
        growth_potential_pct in option::of(any::<i32>()),
        strategic_fit in text(),
        credit in option::of(one_of(&CreditStatus::ALL)),
    ) -> crate::domain::records::Strategy {
        crate::domain::records::Strategy {
            industry_leader,
            brand_influence,
            growth_potential_pct,
            strategic_fit,
            credit,
            competitor_contact,
        }
    }
}

prop_compose! {
    fn order()(id in text(), date in option::of(past_day()), amount_fen in amount(), product in text())
        -> Order {
        Order { id, date, amount_fen, product }
    }
}

fn tag() -> impl Strategy<Value = Tag> {
    prop_oneof![
        2 => one_of(&Tag::SEED),
        1 => text().prop_map(Tag::PainPoint),
        1 => text().prop_map(Tag::Free),
    ]
}

fn satisfaction() -> impl Strategy<Value = SatisfactionEntry> {
    option::of(one_of(&SatisfactionKind::ALL)).prop_flat_map(|kind| {
        // Without a kind, the widest scale bounds the score.
        let max = kind.map_or(100, SatisfactionKind::max_score);
        (
            (text(), option::of(any_day()), 0..=max),
            (text(), option::of(text())),
        )
            .prop_map(
                move |((id, date, score), (note, followup_id))| SatisfactionEntry {
                    id,
                    date,
                    kind,
                    score,
                    note,
                    followup_id,
                },
            )
    })
}

prop_compose! {
    fn remark()(id in text(), date in option::of(any_day()),
                kind in option::of(one_of(&RemarkKind::ALL)), text in text()) -> Remark {
        Remark { id, date, kind, text }
    }
}

fn lifecycle() -> impl Strategy<Value = Lifecycle> {
    let change = (
        any_day(),
        option::of(one_of(&Stage::ALL)),
        one_of(&Stage::ALL),
        option::of(one_of(&StageStatus::ALL)),
    )
        .prop_map(|(date, from, to, status)| StageChange {
            date,
            from,
            to,
            status,
        });
    let action = (one_of(&Stage::ALL), one_of(&KeyAction::ALL), any_day())
        .prop_map(|(stage, action, on)| ActionDone { stage, action, on });
    let output = (one_of(&Stage::ALL), one_of(&Output::ALL), text(), any_day()).prop_map(
        |(stage, output, text, on)| OutputNote {
            stage,
            output,
            text,
            on,
        },
    );
    (
        option::of(one_of(&StageStatus::ALL)),
        option::of(any_day()),
        vec(change, 0..3),
        vec(action, 0..3),
        vec(output, 0..2),
    )
        .prop_map(|(status, since, history, actions, outputs)| Lifecycle {
            status,
            since,
            history,
            actions,
            outputs,
        })
}

fn winback_case() -> impl Strategy<Value = WinBackCase> {
    let reason = prop_oneof![
        Just(Reason::Service),
        Just(Reason::Product),
        Just(Reason::Price),
        text().prop_map(Reason::Other),
    ];
    let action = prop_oneof![
        Just(PlanAction::Discount),
        Just(PlanAction::ServiceUpgrade),
        Just(PlanAction::ExecutiveApology),
        text().prop_map(PlanAction::SpecificFix),
    ];
    (
        (required_text(), option::of(any_day()), vec(reason, 0..3)),
        (option::of(any::<bool>()), vec(action, 0..3), text()),
        (
            option::of(one_of(&Outcome::ALL)),
            option::of(any_day()),
            text(),
        ),
    )
        .prop_map(
            |(
                (id, opened_on, reasons),
                (recoverable, actions, owner),
                (outcome, closed_on, review),
            )| {
                WinBackCase {
                    id,
                    opened_on,
                    reasons,
                    recoverable,
                    actions,
                    owner,
                    outcome,
                    closed_on,
                    review,
                }
            },
        )
}

fn proposal() -> impl Strategy<Value = Proposal> {
    (one_of(&Tier::ALL), any_day()).prop_map(|(tier, since)| Proposal { tier, since })
}

fn tier_state() -> impl Strategy<Value = TierState> {
    let manual = (
        one_of(&Tier::ALL),
        required_text(),
        option::of(any_day()),
        any_day(),
    )
        .prop_map(|(tier, reason, until, set_on)| ManualTier {
            tier,
            reason,
            until,
            set_on,
        });
    let raised = (one_of(&Tier::ALL), any_day(), amount(), amount()).prop_map(
        |(tier, until, order, average)| TemporaryRaise {
            tier,
            until,
            order,
            average,
        },
    );
    let change = (
        any_day(),
        option::of(one_of(&Tier::ALL)),
        one_of(&Tier::ALL),
        one_of(&ChangeCause::ALL),
        text(),
    )
        .prop_map(|(date, from, to, cause, note)| TierChange {
            date,
            from,
            to,
            cause,
            note,
        });
    (
        (
            option::of(one_of(&PresetId::ALL)),
            option::of(one_of(&Tier::ALL)),
            option::of(any_day()),
        ),
        (
            option::of(proposal()),
            option::of(proposal()),
            option::of(manual),
            option::of(raised),
        ),
        vec(change, 0..3),
    )
        .prop_map(
            |((preset, current, since), (pending, rejected, manual, raised), history)| TierState {
                preset,
                current,
                since,
                pending,
                rejected,
                manual,
                raised,
                history,
            },
        )
}

fn customer() -> impl Strategy<Value = Customer> {
    let profile = (
        (required_text(), required_text(), text()),
        (
            option::of(one_of(&CompanySize::ALL)),
            text(),
            text(),
            text(),
        ),
        (vec(contact(), 0..3), outlook()),
    );
    let business = (
        vec(order(), 0..4),
        vec(tag(), 0..4),
        vec(1u32..=12, 0..3),
        vec(satisfaction(), 0..3),
        vec(remark(), 0..3),
    );
    let history = (
        (option::of(one_of(&Stage::ALL)), lifecycle()),
        (
            vec(winback_case(), 0..3),
            vec(one_of(&SignalKind::ALL), 0..3),
        ),
        tier_state(),
        (option::of(any_day()), option::of(any_day())),
        (0..=i64::MAX as u64, any::<i64>()),
        // A database's sealed contacts, which an export must leave behind.
        option::weighted(
            0.1,
            (text(), text()).prop_map(|(nonce, data)| Sealed { nonce, data }),
        ),
    );
    (profile, business, history).prop_map(
        |(
            ((id, name, industry), (size, lead_source, owner, referred_by), (contacts, strategy)),
            (orders, tags, peak_months, satisfaction, remarks),
            (
                (stage, lifecycle),
                (winback, signals_seen),
                tiering,
                (verified_on, created_on),
                (revision, updated_at),
                sealed,
            ),
        )| Customer {
            id,
            name,
            industry,
            size,
            lead_source,
            owner,
            referred_by,
            contacts,
            strategy,
            orders,
            tags,
            peak_months,
            satisfaction,
            remarks,
            stage,
            lifecycle,
            winback,
            signals_seen,
            tiering,
            verified_on,
            created_on,
            revision,
            updated_at,
            sealed,
        },
    )
}

fn settings() -> impl Strategy<Value = DataSettings> {
    let scheme = |preset: PresetId| {
        prop_oneof![
            Just(default_scheme(preset)),
            (0u32..=100, 0u32..=100).prop_map(|(a_pct, b_pct)| Scheme::Pareto { a_pct, b_pct }),
        ]
    };
    let schemes = subsequence(PresetId::ALL.to_vec(), 0..=2).prop_flat_map(move |presets| {
        let pairs: Vec<_> = presets.into_iter().map(|p| (Just(p), scheme(p))).collect();
        pairs
    });
    let tiering = (
        one_of(&PresetId::ALL),
        schemes,
        prop::array::uniform5(any::<u32>()),
        option::of(any_day()),
    )
        .prop_map(|(preset, schemes, numbers, last_review)| {
            let [margin_pct, observation_months, pause_days, surge_multiple, raise_months] =
                numbers;
            TieringSettings {
                preset,
                schemes,
                margin_pct,
                observation_months,
                pause_days,
                surge_multiple,
                raise_months,
                last_review,
            }
        });
    let cadence = (
        option::of(one_of(&PolicyId::ALL)),
        subsequence(PolicyId::ALL.to_vec(), 0..=2),
        (any::<bool>(), any::<bool>()),
        (any::<u32>(), any::<u32>()),
        subsequence(Holiday::ALL.to_vec(), 0..=Holiday::ALL.len()),
    )
        .prop_map(
            |(
                policy,
                edited,
                (skip_weekends, onboarding),
                (daily_cap, peak_lead_days),
                holidays,
            )| {
                CadenceSettings {
                    policy,
                    custom: edited
                        .into_iter()
                        .map(|id| (id, default_policy(id)))
                        .collect(),
                    skip_weekends,
                    daily_cap,
                    holidays,
                    peak_lead_days,
                    onboarding,
                }
            },
        );
    let wording = (one_of(&TemplateId::ALL), one_of(&Lang::ALL), text()).prop_map(
        |(template, lang, text)| CustomWording {
            template,
            lang: lang.name().to_string(),
            text,
        },
    );
    let stage_name =
        (one_of(&Stage::ALL), text()).prop_map(|(stage, name)| StageName { stage, name });
    (
        one_of(&MoneyUnit::ALL),
        tiering,
        cadence,
        vec(wording, 0..3),
        vec(stage_name, 0..3),
        prop::array::uniform10(any::<u32>()),
    )
        .prop_map(
            |(money_unit, tiering, cadence, templates, stage_names, numbers)| {
                let [churn_max_pct, csat_min, satisfaction_yoy_points, repeat_yoy_points, callback_important_pct, callback_general_pct, callback_new_pct, referral_min_pct, new_points_per_quarter_tenths, value_added_min_pct] =
                    numbers;
                DataSettings {
                    money_unit,
                    tiering,
                    cadence,
                    templates,
                    stage_names,
                    targets: Targets {
                        churn_max_pct,
                        csat_min,
                        satisfaction_yoy_points,
                        repeat_yoy_points,
                        callback_important_pct,
                        callback_general_pct,
                        callback_new_pct,
                        referral_min_pct,
                        new_points_per_quarter_tenths,
                        value_added_min_pct,
                    },
                }
            },
        )
}

/// A record that names a customer and maybe another record by position, since which
/// customers there are is known only once they are drawn.
#[derive(Clone, Debug)]
struct Naming<T> {
    record: T,
    customer: Index,
    /// A follow-up's win-back case of its customer, or a to-do's follow-up.
    other: Option<Index>,
}

fn naming<T: std::fmt::Debug>(
    record: impl Strategy<Value = T>,
) -> impl Strategy<Value = Naming<T>> {
    (record, any::<Index>(), option::of(any::<Index>())).prop_map(|(record, customer, other)| {
        Naming {
            record,
            customer,
            other,
        }
    })
}

fn texts() -> impl Strategy<Value = Vec<String>> {
    vec(text(), 0..3)
}

fn followup() -> impl Strategy<Value = FollowUp> {
    let next_step = (any_day(), one_of(&TouchKind::ALL), texts())
        .prop_map(|(date, kind, topics)| NextStep { date, kind, topics });
    (
        (
            required_text(),
            option::of(any_day()),
            text(),
            one_of(&TouchKind::ALL),
        ),
        (texts(), text(), text(), option::of(0u32..=10)),
        (texts(), option::of(next_step), any::<bool>()),
        (text(), option::of(text())),
    )
        .prop_map(
            |(
                (id, date, time, kind),
                (topics, note, feedback, score),
                (needs, next_step, value_added),
                (owner, plan_id),
            )| FollowUp {
                id,
                customer_id: String::new(),
                date,
                time,
                kind,
                topics,
                note,
                feedback,
                score,
                needs,
                next_step,
                value_added,
                owner,
                plan_id,
                case_id: None,
            },
        )
}

fn plan_item() -> impl Strategy<Value = PlanItem> {
    (
        (required_text(), any_day(), one_of(&TouchKind::ALL), texts()),
        (text(), text(), option::of(text())),
        (option::of(any_day()), text(), any::<bool>()),
    )
        .prop_map(
            |(
                (id, date, kind, topics),
                (owner, note, replaces),
                (snoozed_from, snooze_reason, cancelled),
            )| {
                PlanItem {
                    id,
                    customer_id: String::new(),
                    date,
                    kind,
                    topics,
                    owner,
                    note,
                    replaces,
                    snoozed_from,
                    snooze_reason,
                    cancelled,
                }
            },
        )
}

fn todo() -> impl Strategy<Value = Todo> {
    (
        (required_text(), text(), text()),
        (option::of(any_day()), option::of(any_day())),
        (text(), any::<bool>()),
    )
        .prop_map(
            |((id, text, owner), (due_on, done_on), (result, profile_update))| Todo {
                id,
                followup_id: String::new(),
                customer_id: String::new(),
                text,
                owner,
                due_on,
                done_on,
                result,
                profile_update,
            },
        )
}

/// Everything a backup holds.
#[derive(Clone, Debug)]
struct DataSet {
    settings: DataSettings,
    customers: Vec<Customer>,
    followups: Vec<FollowUp>,
    plans: Vec<PlanItem>,
    todos: Vec<Todo>,
    exported_on: NaiveDate,
}

impl DataSet {
    fn export(&self) -> String {
        export_all(
            &self.settings,
            &self.customers,
            &self.followups,
            &self.plans,
            &self.todos,
            self.exported_on,
        )
    }
}

/// Makes each id unique in its list, as the app's ids are.
fn unique_ids<T>(records: &mut [T], id: impl Fn(&mut T) -> &mut String) {
    let mut seen = HashSet::new();
    for (i, record) in records.iter_mut().enumerate() {
        let id = id(record);
        while seen.contains(id.as_str()) {
            id.push_str(&format!("#{i}"));
        }
        seen.insert(id.clone());
    }
}

/// A valid data set: unique ids, and every follow-up, planned touch and to-do naming one of
/// its customers (a follow-up's case one of that customer's, a to-do's follow-up one of the
/// file's).
fn data_set() -> impl Strategy<Value = DataSet> {
    (
        settings(),
        vec(customer(), 0..6),
        vec(naming(followup()), 0..6),
        vec(naming(plan_item()), 0..4),
        vec(naming(todo()), 0..4),
        any_day(),
    )
        .prop_map(
            |(settings, mut customers, followups, plans, todos, exported_on)| {
                unique_ids(&mut customers, |c| &mut c.id);
                if customers.is_empty() {
                    return DataSet {
                        settings,
                        customers,
                        followups: Vec::new(),
                        plans: Vec::new(),
                        todos: Vec::new(),
                        exported_on,
                    };
                }
                let of = |at: &Index| &customers[at.index(customers.len())];
                let mut followups: Vec<FollowUp> = followups
                    .into_iter()
                    .map(|n| {
                        let customer = of(&n.customer);
                        let cases = &customer.winback;
                        let case = n.other.filter(|_| !cases.is_empty());
                        FollowUp {
                            customer_id: customer.id.clone(),
                            case_id: case.map(|at| cases[at.index(cases.len())].id.clone()),
                            ..n.record
                        }
                    })
                    .collect();
                unique_ids(&mut followups, |f| &mut f.id);
                let mut plans: Vec<PlanItem> = plans
                    .into_iter()
                    .map(|n| PlanItem {
                        customer_id: of(&n.customer).id.clone(),
                        ..n.record
                    })
                    .collect();
                unique_ids(&mut plans, |p| &mut p.id);
                let mut todos: Vec<Todo> = todos
                    .into_iter()
                    .map(|n| Todo {
                        customer_id: of(&n.customer).id.clone(),
                        followup_id: n
                            .other
                            .filter(|_| !followups.is_empty())
                            .map(|at| followups[at.index(followups.len())].id.clone())
                            .unwrap_or_default(),
                        ..n.record
                    })
                    .collect();
                unique_ids(&mut todos, |t| &mut t.id);
                DataSet {
                    settings,
                    customers,
                    followups,
                    plans,
                    todos,
                    exported_on,
                }
            },
        )
}

/// What an import of `text` on [`today`] does with no data in the app: the file's problems,
/// else the references that name nothing.
fn import(text: &str) -> Result<Backup, Vec<ImportError>> {
    let backup = parse(text, today()).map_err(|e| e.errors)?;
    let nothing = Existing {
        customers: &[],
        followups: &[],
    };
    check_references(&backup, &nothing, super::Strategy::ReplaceAll).map_err(|e| e.errors)?;
    Ok(backup)
}

#[test]
fn a_random_data_set_comes_back_exactly() {
    check(128, data_set(), |data| {
        let first = data.export();
        let parsed = import(&first).map_err(|errors| {
            let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
            TestCaseError::fail(format!("a valid file was refused: {listed:#?}"))
        })?;
        let written = Backup::new(
            data.settings.clone(),
            data.customers.clone(),
            data.exported_on,
        )
        .with_records(data.followups.clone(), data.plans.clone())
        .with_todos(data.todos.clone());
        prop_assert_eq!(&parsed, &written);
        let second = export_all(
            &parsed.settings,
            &parsed.customers,
            &parsed.followups,
            &parsed.plans,
            &parsed.todos,
            parsed.exported_on,
        );
        prop_assert_eq!(first, second, "the second export differs");
        Ok(())
    });
}

// Random damage.

/// A place in a JSON document, from the top.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    At(usize),
}

/// Every place below the top of `value`.
fn places(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, at: &mut Vec<Step>, all: &mut Vec<Vec<Step>>) {
        let children: Vec<(Step, &Value)> = match value {
            Value::Object(o) => o.iter().map(|(k, v)| (Step::Key(k.clone()), v)).collect(),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, v)| (Step::At(i), v))
                .collect(),
            _ => Vec::new(),
        };
        for (step, child) in children {
            at.push(step);
            all.push(at.clone());
            walk(child, at, all);
            at.pop();
        }
    }
    let mut all = Vec::new();
    walk(value, &mut Vec::new(), &mut all);
    all
}

fn at<'v>(mut value: &'v Value, place: &[Step]) -> Option<&'v Value> {
    for step in place {
        value = match step {
            Step::Key(k) => value.get(k.as_str())?,
            Step::At(i) => value.get(*i)?,
        };
    }
    Some(value)
}

fn at_mut<'v>(mut value: &'v mut Value, place: &[Step]) -> Option<&'v mut Value> {
    for step in place {
        value = match step {
            Step::Key(k) => value.get_mut(k.as_str())?,
            Step::At(i) => value.get_mut(*i)?,
        };
    }
    Some(value)
}

/// Values of the wrong type, or of the right type and impossible.
fn odd_values() -> Vec<Value> {
    use serde_json::json;
    vec![
        json!(null),
        json!(true),
        json!(""),
        json!("  "),
        json!("x"),
        json!(0),
        json!(-1),
        json!(13),
        json!(1.5),
        json!(u64::MAX),
        json!(i64::MIN),
        json!([]),
        json!([1, 2]),
        json!({}),
        json!({ "kind": "vip" }),
        json!("2025-02-30"),
        json!("2025-06-16"),
        json!("2025-6-1"),
        json!("9999-99-99"),
        json!("c-1"),
    ]
}

/// Numbers no field can hold, or that JSON does not allow, written as they stand.
const RAW_NUMBERS: &[&str] = &[
    "1e309",
    "-1e309",
    "1E400",
    "18446744073709551616",
    "9223372036854775808",
    "-9223372036854775809",
    "4294967296",
    "99999999999999999999999999999",
    "1.0",
    "1e2",
    "-0",
    "0.5",
    "01",
    "0x10",
    "NaN",
    "Infinity",
    "-",
];

/// Bytes to insert: broken UTF-8 and JSON's punctuation.
const RAW_BYTES: &[&[u8]] = &[
    b"\xff",
    b"\xc3",
    b"\xe4\xb8",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xc0\x80",
    b"\x00",
    b"\"",
    b",",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"\\",
    b"\\ud800",
    b"\n",
];

/// The top-level fields a file is recognised by.
const TOP_FIELDS: &[&str] = &["format", "version", "exported_on", "settings", "customers"];

/// One change to a valid file.
#[derive(Clone, Debug)]
enum Damage {
    /// Takes a field out of its object, or an item out of its list.
    Remove(Index),
    /// Puts another value in a place.
    Retype(Index, Value),
    /// Writes a number that is out of range or not JSON in a place.
    Number(Index, &'static str),
    /// Gives a record the id of another record of the same list.
    DuplicateId(Index, Index, Index),
    /// Repeats an item of a list.
    Repeat(Index, Index),
    /// Removes or changes a top-level field (`None` removes it).
    Top(&'static str, Option<Value>),
}

/// One change to the file's bytes, after the changes to its JSON.
#[derive(Clone, Debug)]
enum ByteDamage {
    /// Ends the file early, as a cut-off download does.
    Cut(Index),
    /// Takes out up to 16 bytes.
    Drop(Index, usize),
    Insert(Index, &'static [u8]),
    /// Changes one byte.
    Flip(Index, u8),
}

fn damage() -> impl Strategy<Value = Damage> {
    let top_value = prop_oneof![
        Just(None),
        select(odd_values()).prop_map(Some),
        select(vec![0u64, 1, 3, u64::MAX]).prop_map(|v| Some(Value::from(v))),
    ];
    prop_oneof![
        3 => any::<Index>().prop_map(Damage::Remove),
        3 => (any::<Index>(), select(odd_values())).prop_map(|(at, v)| Damage::Retype(at, v)),
        2 => (any::<Index>(), select(RAW_NUMBERS)).prop_map(|(at, n)| Damage::Number(at, n)),
        2 => any::<(Index, Index, Index)>().prop_map(|(l, a, b)| Damage::DuplicateId(l, a, b)),
        1 => any::<(Index, Index)>().prop_map(|(l, a)| Damage::Repeat(l, a)),
        1 => (select(TOP_FIELDS), top_value).prop_map(|(k, v)| Damage::Top(k, v)),
    ]
}

fn byte_damage() -> impl Strategy<Value = ByteDamage> {
    prop_oneof![
        2 => any::<Index>().prop_map(ByteDamage::Cut),
        1 => (any::<Index>(), 1..=16usize).prop_map(|(at, n)| ByteDamage::Drop(at, n)),
        2 => (any::<Index>(), select(RAW_BYTES)).prop_map(|(at, b)| ByteDamage::Insert(at, b)),
        1 => (any::<Index>(), 1..=255u8).prop_map(|(at, x)| ByteDamage::Flip(at, x)),
    ]
}

/// Marks a place whose raw number is written in after serialising (a text no generated one
/// is equal to, in practice).
const RAW_MARK: &str = "\u{e000}raw-number-";

/// Applies `damage` to `file`; raw numbers are kept in `raw` to write in later.
fn apply(file: &mut Value, damage: &Damage, raw: &mut Vec<&'static str>) {
    let all = places(file);
    let pick = |at: &Index| all.get(at.index(all.len().max(1))).cloned();
    match damage {
        Damage::Remove(at) => {
            let Some(place) = pick(at) else { return };
            let (last, parent) = place.split_last().expect("below the top");
            match (at_mut(file, parent), last) {
                (Some(Value::Object(o)), Step::Key(k)) => {
                    o.remove(k);
                }
                (Some(Value::Array(a)), Step::At(i)) => {
                    a.remove(*i);
                }
                _ => {}
            }
        }
        Damage::Retype(at, value) => {
            if let Some(place) = pick(at).and_then(|p| at_mut(file, &p)) {
                *place = value.clone();
            }
        }
        Damage::Number(at, number) => {
            if let Some(place) = pick(at).and_then(|p| at_mut(file, &p)) {
                *place = Value::String(format!("{RAW_MARK}{}", raw.len()));
                raw.push(number);
            }
        }
        Damage::DuplicateId(list, a, b) => {
            let lists: Vec<&Vec<Step>> = all
                .iter()
                .filter(|p| {
                    let items = at(file, p).and_then(Value::as_array);
                    items.is_some_and(|items| items.len() >= 2 && items[0].get("id").is_some())
                })
                .collect();
            if lists.is_empty() {
                return;
            }
            let place = lists[list.index(lists.len())].clone();
            let Some(Value::Array(items)) = at_mut(file, &place) else {
                return;
            };
            let (a, b) = (a.index(items.len()), b.index(items.len()));
            if let Some(id) = items[a].get("id").cloned() {
                if let Some(record) = items[b].as_object_mut() {
                    record.insert("id".into(), id);
                }
            }
        }
        Damage::Repeat(list, item) => {
            let lists: Vec<&Vec<Step>> = all
                .iter()
                .filter(|p| {
                    at(file, p)
                        .and_then(Value::as_array)
                        .is_some_and(|a| !a.is_empty())
                })
                .collect();
            if lists.is_empty() {
                return;
            }
            let place = lists[list.index(lists.len())].clone();
            if let Some(Value::Array(items)) = at_mut(file, &place) {
                let copy = items[item.index(items.len())].clone();
                items.push(copy);
            }
        }
        Damage::Top(key, value) => {
            if let Value::Object(top) = file {
                match value {
                    None => top.remove(*key),
                    Some(v) => top.insert(key.to_string(), v.clone()),
                };
            }
        }
    }
}

fn apply_to_bytes(bytes: &mut Vec<u8>, damage: &ByteDamage) {
    let at = |i: &Index| i.index(bytes.len() + 1);
    match damage {
        ByteDamage::Cut(i) => bytes.truncate(at(i)),
        ByteDamage::Drop(i, n) => {
            let from = at(i);
            bytes.drain(from..(from + n).min(bytes.len()));
        }
        ByteDamage::Insert(i, inserted) => {
            let from = at(i);
            bytes.splice(from..from, inserted.iter().copied());
        }
        ByteDamage::Flip(i, x) => {
            if !bytes.is_empty() {
                let i = i.index(bytes.len());
                bytes[i] ^= x;
            }
        }
    }
}

/// A valid file with its damage, as the import page would read it.
fn damaged(
    data: &DataSet,
    damages: &[Damage],
    compact: bool,
    byte_damages: &[ByteDamage],
) -> String {
    let mut text = data.export();
    if !damages.is_empty() {
        let mut file: Value = serde_json::from_str(&text).expect("an export is JSON");
        let mut raw = Vec::new();
        for damage in damages {
            apply(&mut file, damage, &mut raw);
        }
        text = if compact {
            serde_json::to_string(&file)
        } else {
            serde_json::to_string_pretty(&file)
        }
        .expect("a Value serialises");
        for (i, number) in raw.iter().enumerate() {
            text = text.replace(&format!("\"{RAW_MARK}{i}\""), number);
        }
    }
    let mut bytes = text.into_bytes();
    for damage in byte_damages {
        apply_to_bytes(&mut bytes, damage);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Where a path such as `customers[3].orders[0].amount_fen` leads in `file`: `Ok(true)` to a
/// value, `Ok(false)` to a missing field of an object that is there.
fn follow(file: &Value, path: &str) -> Result<bool, String> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let mut pieces = part.split('[');
        steps.push(Step::Key(pieces.next().unwrap_or_default().to_string()));
        for index in pieces {
            let index = index.strip_suffix(']').and_then(|i| i.parse().ok());
            steps.push(Step::At(
                index.ok_or_else(|| format!("{path}: not a path"))?,
            ));
        }
    }
    let mut value = file;
    for (i, step) in steps.iter().enumerate() {
        let next = match step {
            Step::Key(k) => value.as_object().and_then(|o| o.get(k.as_str())),
            Step::At(n) => value.as_array().and_then(|a| a.get(*n)),
        };
        match next {
            Some(next) => value = next,
            None if i + 1 == steps.len() && value.is_object() => return Ok(false),
            None => return Err(format!("{path} leads nowhere in the file")),
        }
    }
    Ok(true)
}

/// `Ok` when `holds`, else why not.
fn require(holds: bool, why: impl FnOnce() -> String) -> Result<(), String> {
    if holds {
        Ok(())
    } else {
        Err(why())
    }
}

/// Why `error` does not say where its problem is in `text`, if it does not (see the module's
/// doc for what each error must say).
fn says_where(error: &ImportError, text: &str) -> Result<(), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: Option<Value> = serde_json::from_str(text).ok();
    let top = file.as_ref().and_then(Value::as_object);
    let true_of_file = |holds| require(holds, || format!("{error:?} is not true of the file"));
    match error {
        ImportError::Empty => true_of_file(text.trim().is_empty()),
        ImportError::NotJson { line, column, .. } => {
            let lines: Vec<&str> = text.split('\n').collect();
            let within = (1..=lines.len()).contains(line) && *column <= lines[line - 1].len() + 1;
            require(within, || format!("{error:?} is outside the text"))
        }
        ImportError::NotAnObject { .. } => true_of_file(file.is_some() && top.is_none()),
        ImportError::NotABackup { found } => {
            let format = top.and_then(|t| t.get("format"));
            let written = format.map(Value::to_string);
            true_of_file(format.and_then(Value::as_str) != Some(FORMAT) && *found == written)
        }
        ImportError::MissingVersion => {
            true_of_file(top.is_some_and(|t| !t.contains_key("version")))
        }
        ImportError::UnknownVersion { .. } | ImportError::NewerVersion { .. } => {
            let version = top.and_then(|t| t.get("version"));
            true_of_file(version.is_some_and(|v| !matches!(v.as_u64(), Some(1 | 2))))
        }
        ImportError::Field {
            problem: Problem::Unreadable { .. },
            ..
        } => Err(format!(
            "the checks missed what the reader refused: {error}"
        )),
        ImportError::Field { path, problem } => {
            let file = file
                .as_ref()
                .ok_or("a field error in a file that is not JSON")?;
            let there = follow(file, path).map_err(|e| format!("{e} ({error})"))?;
            if !there && *problem != Problem::Required {
                return Err(format!("{path} is not in the file ({error})"));
            }
            if let Problem::DuplicateId { first, .. } = problem {
                follow(file, first).map_err(|e| format!("{e} ({error})"))?;
            }
            Ok(())
        }
    }
}

/// How damaged files fared, to show that the damage reaches each kind of check.
#[derive(Debug, Default)]
struct Outcomes {
    read: usize,
    not_json: usize,
    whole_file: usize,
    fields: usize,
}

#[test]
fn a_damaged_file_is_read_or_refused_saying_where() {
    const CASES: u32 = 256;
    let outcomes = RefCell::new(Outcomes::default());
    let cases = (
        data_set(),
        vec(damage(), 0..4),
        any::<bool>(),
        // Most broken bytes stop the JSON reader, so they are in only some files.
        prop_oneof![3 => Just(Vec::new()), 1 => vec(byte_damage(), 1..3)],
    )
        .prop_filter("some damage", |(_, d, _, b)| !d.is_empty() || !b.is_empty());
    check(CASES, cases, |(data, damages, compact, byte_damages)| {
        let text = damaged(&data, &damages, compact, &byte_damages);
        match import(&text) {
            Ok(backup) => {
                // What was read is what the app keeps: its own export reads back the same.
                let again = import(&backup.to_json()).map_err(|errors| {
                    let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
                    TestCaseError::fail(format!(
                        "the export of a file read is refused: {listed:#?}"
                    ))
                })?;
                prop_assert_eq!(again, backup);
                outcomes.borrow_mut().read += 1;
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                for error in &errors {
                    says_where(error, &text).map_err(TestCaseError::fail)?;
                }
                let mut o = outcomes.borrow_mut();
                match errors[0] {
                    ImportError::NotJson { .. } => o.not_json += 1,
                    ImportError::Field { .. } => o.fields += 1,
                    _ => o.whole_file += 1,
                }
            }
        }
        Ok(())
    });
    let o = outcomes.into_inner();
    // Shown with `--nocapture`: what a run tried.
    eprintln!("{o:?}");
    // With the default number of cases, every outcome happens (a smaller run may miss some).
    if contextualize_config(Config::with_cases(CASES)).cases >= CASES {
        assert!(
            o.read > 0 && o.not_json > 0 && o.whole_file > 0 && o.fields > 0,
            "the damage missed a kind of check: {o:?}"
        );
    }
}
