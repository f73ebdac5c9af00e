//! The checks run over the parsed JSON before anything is deserialised, so that every problem
//! in the file is found in one pass, each with its path.
//!
//! The checks accept only what the serde model reads (text fields may not be `null`, integers
//! may not have decimals …) and a little less (dates must be exactly `YYYY-MM-DD`, orders may
//! not lie in the future), so a file that passes here deserialises. Fields the app does not
//! know are ignored, as serde ignores them.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::error::{Expected, Found, ImportErrors, Problem};
use super::names::allowed;
use crate::domain::records::{MonthDay, SatisfactionKind};
use crate::domain::stable::{names_carrying, StableName};
use crate::domain::tiering::rules::Flag;

type Object = Map<String, Value>;

/// Checks a backup (already upgraded to the current version), returning every problem.
pub(super) fn check(top: &Object, today: NaiveDate) -> Result<(), ImportErrors> {
    let mut checks = Checks::new(today);
    checks.head(top);
    for list in RecordList::ALL {
        let at = match top.get(list.key()) {
            None => ListAt::Absent,
            Some(Value::Array(_)) => ListAt::List,
            Some(other) => ListAt::Other(other),
        };
        if checks.list(list, at) {
            let items = top.get(list.key()).and_then(Value::as_array);
            for (i, item) in items.into_iter().flatten().enumerate() {
                checks.item(list, i, item);
            }
        }
    }
    checks.finish()
}

/// The lists of records a backup holds, in the order they are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RecordList {
    Customers,
    Followups,
    Plans,
    Todos,
}

impl RecordList {
    pub(super) const ALL: [RecordList; 4] = [
        RecordList::Customers,
        RecordList::Followups,
        RecordList::Plans,
        RecordList::Todos,
    ];

    /// Its key in the top-level object.
    pub(super) fn key(self) -> &'static str {
        match self {
            RecordList::Customers => "customers",
            RecordList::Followups => "followups",
            RecordList::Plans => "plans",
            RecordList::Todos => "todos",
        }
    }
}

/// What the top-level object holds at a list's key (the items themselves come one by one).
pub(super) enum ListAt<'v> {
    Absent,
    List,
    Other(&'v Value),
}

/// The checks, fed the file a piece at a time: the head, then each list and its items, in
/// [`RecordList::ALL`]'s order. What they find, and where each id was first seen, is kept
/// between pieces, so the problems come in the same order as from one pass over the file.
pub(super) struct Checks {
    w: Walker,
    /// Which customer each id was first seen in, so a repeat can name both records.
    first_seen: HashMap<String, usize>,
}

impl Checks {
    pub(super) fn new(today: NaiveDate) -> Checks {
        Checks {
            w: Walker {
                today,
                found: ImportErrors::default(),
            },
            first_seen: HashMap::new(),
        }
    }

    /// Everything but the lists: the export's day and the settings.
    pub(super) fn head(&mut self, top: &Object) {
        let w = &mut self.w;
        w.date(top, "", "exported_on", Need::Required);
        if let Some(settings) = w.object(top, "", "settings", Need::Required) {
            w.settings(settings);
        }
    }

    /// Checks what is at the list's key; `true` when it is a list, whose items follow.
    pub(super) fn list(&mut self, list: RecordList, at: ListAt) -> bool {
        let path = list.key().to_string();
        match at {
            ListAt::List => true,
            ListAt::Absent => {
                if list == RecordList::Customers {
                    self.w.report(path, Problem::Required);
                }
                false
            }
            ListAt::Other(value) => {
                self.w.wrong_type(path, Expected::List, value);
                false
            }
        }
    }

    /// Checks the list's item at `index`.
    pub(super) fn item(&mut self, list: RecordList, index: usize, value: &Value) {
        let path = &format!("{}[{index}]", list.key());
        let w = &mut self.w;
        let Some(record) = w.as_object(path, value) else {
            return;
        };
        match list {
            RecordList::Customers => {
                w.customer(record, path);
                match record.get("id").and_then(Value::as_str) {
                    Some(id) if !id.trim().is_empty() => match self.first_seen.get(id) {
                        Some(first) => {
                            let problem = Problem::DuplicateId {
                                id: id.to_string(),
                                first: format!("{}[{first}]", list.key()),
                            };
                            w.report(join(path, "id"), problem);
                        }
                        None => {
                            self.first_seen.insert(id.to_string(), index);
                        }
                    },
                    _ => {}
                }
            }
            RecordList::Followups => w.followup(record, path),
            RecordList::Plans => w.plan_item(record, path),
            RecordList::Todos => w.todo(record, path),
        }
    }

    /// Forgets up to `batch` of the ids seen, so that freeing them (tens of milliseconds for
    /// 30,000 customers) can be spread over steps; `true` once none is left.
    pub(super) fn forget_ids(&mut self, batch: usize) -> bool {
        let mut forgotten = 0;
        self.first_seen.retain(|_, _| {
            forgotten += 1;
            forgotten > batch
        });
        self.first_seen.is_empty()
    }

    /// Nothing found so far.
    pub(super) fn clean(&self) -> bool {
        self.w.found.errors.is_empty()
    }

    pub(super) fn finish(self) -> Result<(), ImportErrors> {
        if self.clean() {
            Ok(())
        } else {
            Err(self.w.found)
        }
    }
}

/// The KPI targets' fields (all whole numbers; see `kpi::Targets`).
const TARGET_FIELDS: [&str; 10] = [
    "churn_max_pct",
    "csat_min",
    "satisfaction_yoy_points",
    "repeat_yoy_points",
    "callback_important_pct",
    "callback_general_pct",
    "callback_new_pct",
    "referral_min_pct",
    "new_points_per_quarter_tenths",
    "value_added_min_pct",
];

/// How deep tiering rules may nest (a file nested deeper is a mistake or an attack).
const MAX_RULE_DEPTH: usize = 16;

/// Whether a field may be absent or `null`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Must be present (and not `null`).
    Required,
    /// May be absent (serde fills in the default) but not `null`.
    Optional,
    /// May be absent or `null` (an `Option`).
    Nullable,
}

struct Walker {
    today: NaiveDate,
    found: ImportErrors,
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// A value as a message shows it: numbers and short text as they are, containers by kind.
fn describe(value: &Value) -> Found {
    Found::Written(match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.chars().count() > 40 => {
            format!("\"{}…\"", s.chars().take(40).collect::<String>())
        }
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) => return Found::List,
        Value::Object(_) => return Found::Object,
    })
}

/// Exactly `YYYY-MM-DD`, and a day that exists.
fn read_date(text: &str) -> Result<NaiveDate, Problem> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    let found = format!("\"{text}\"");
    if !shaped {
        return Err(Problem::NotADate { found });
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(0);
    NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))
        .ok_or(Problem::NoSuchDate { found })
}

impl Walker {
    fn settings(&mut self, settings: &Object) {
        self.choice(
            settings,
            "settings",
            "money_unit",
            "money_unit",
            Need::Optional,
        );
        if let Some(tiering) = self.object(settings, "settings", "tiering", Need::Optional) {
            self.tiering_settings(tiering, "settings.tiering");
        }
        if let Some(cadence) = self.object(settings, "settings", "cadence", Need::Optional) {
            self.cadence_settings(cadence, "settings.cadence");
        }
        self.records(settings, "settings", "stage_names", |w, n, path| {
            w.choice(n, path, "stage", "lifecycle_stage", Need::Required);
            w.text(n, path, "name", Need::Required);
        });
        if let Some(targets) = self.object(settings, "settings", "targets", Need::Optional) {
            for key in TARGET_FIELDS {
                self.integer_field(
                    targets,
                    "settings.targets",
                    key,
                    Need::Optional,
                    (0, i64::from(u32::MAX)),
                );
            }
        }
        self.records(settings, "settings", "templates", |w, t, path| {
            w.choice(t, path, "template", "template", Need::Required);
            w.choice(t, path, "lang", "ui_lang", Need::Required);
            w.text(t, path, "text", Need::Required);
        });
    }

    fn report(&mut self, path: String, problem: Problem) {
        self.found.report(path, problem);
    }

    fn wrong_type(&mut self, path: String, expected: Expected, value: &Value) {
        let found = describe(value);
        self.report(path, Problem::WrongType { expected, found });
    }

    /// The value at `key` with its path, or `None` when there is nothing to check further.
    fn get<'v>(
        &mut self,
        obj: &'v Object,
        parent: &str,
        key: &str,
        need: Need,
    ) -> Option<(&'v Value, String)> {
        let path = join(parent, key);
        match obj.get(key) {
            None => {
                if need == Need::Required {
                    self.report(path, Problem::Required);
                }
                None
            }
            Some(Value::Null) if need == Need::Nullable => None,
            Some(value) => Some((value, path)),
        }
    }

    fn text<'v>(
        &mut self,
        obj: &'v Object,
        parent: &str,
        key: &str,
        need: Need,
    ) -> Option<&'v str> {
        let (value, path) = self.get(obj, parent, key, need)?;
        match value {
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(path, Expected::Text, value);
                None
            }
        }
    }

    /// Text that must be there and say something (ids, names).
    fn required_text(&mut self, obj: &Object, parent: &str, key: &str) {
        if let Some(text) = self.text(obj, parent, key, Need::Required) {
            if text.trim().is_empty() {
                self.report(join(parent, key), Problem::Required);
            }
        }
    }

    fn boolean(&mut self, obj: &Object, parent: &str, key: &str) {
        if let Some((value, path)) = self.get(obj, parent, key, Need::Optional) {
            if !value.is_boolean() {
                self.wrong_type(path, Expected::TrueOrFalse, value);
            }
        }
    }

    fn date(&mut self, obj: &Object, parent: &str, key: &str, need: Need) -> Option<NaiveDate> {
        let (value, path) = self.get(obj, parent, key, need)?;
        let Value::String(text) = value else {
            self.wrong_type(path, Expected::Date, value);
            return None;
        };
        match read_date(text) {
            Ok(date) => Some(date),
            Err(problem) => {
                self.report(path, problem);
                None
            }
        }
    }

    /// A whole number in `min..=max` (`max` = `i64::MAX` means "no upper bound").
    fn integer(&mut self, path: String, value: &Value, min: i64, max: i64) -> Option<i64> {
        let Value::Number(n) = value else {
            self.wrong_type(path, Expected::WholeNumber, value);
            return None;
        };
        let Some(i) = n.as_i64() else {
            if n.is_u64() {
                self.report(
                    path,
                    Problem::TooLarge {
                        found: n.to_string(),
                    },
                );
            } else {
                self.wrong_type(path, Expected::WholeNumber, value);
            }
            return None;
        };
        if (min..=max).contains(&i) {
            return Some(i);
        }
        let max = (max != i64::MAX).then_some(max);
        let found = i.to_string();
        self.report(path, Problem::Range { min, max, found });
        None
    }

    fn integer_field(
        &mut self,
        obj: &Object,
        parent: &str,
        key: &str,
        need: Need,
        (min, max): (i64, i64),
    ) -> Option<i64> {
        let (value, path) = self.get(obj, parent, key, need)?;
        self.integer(path, value, min, max)
    }

    /// One of the names of the enum `kind` (see `names::all_enums`).
    fn choice<'v>(
        &mut self,
        obj: &'v Object,
        parent: &str,
        key: &str,
        kind: &str,
        need: Need,
    ) -> Option<&'v str> {
        let (value, path) = self.get(obj, parent, key, need)?;
        let allowed = allowed(kind);
        match value {
            Value::String(s) if allowed.contains(&s.as_str()) => Some(s),
            _ => {
                self.unknown(path, value, &allowed);
                None
            }
        }
    }

    fn as_object<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v Object> {
        match value {
            Value::Object(obj) => Some(obj),
            _ => {
                self.wrong_type(path.to_string(), Expected::Object, value);
                None
            }
        }
    }

    fn object<'v>(
        &mut self,
        obj: &'v Object,
        parent: &str,
        key: &str,
        need: Need,
    ) -> Option<&'v Object> {
        let (value, path) = self.get(obj, parent, key, need)?;
        self.as_object(&path, value)
    }

    /// Runs `each` on every item of the list at `key`, with the item's path.
    fn list<'v>(
        &mut self,
        obj: &'v Object,
        parent: &str,
        key: &str,
        need: Need,
        mut each: impl FnMut(&mut Walker, &str, &'v Value),
    ) {
        let Some((value, path)) = self.get(obj, parent, key, need) else {
            return;
        };
        let Value::Array(items) = value else {
            self.wrong_type(path, Expected::List, value);
            return;
        };
        for (i, item) in items.iter().enumerate() {
            each(self, &format!("{path}[{i}]"), item);
        }
    }

    /// Runs `check` on every object in the list at `key`.
    fn records(
        &mut self,
        obj: &Object,
        parent: &str,
        key: &str,
        check: fn(&mut Walker, &Object, &str),
    ) {
        self.list(obj, parent, key, Need::Optional, |w, path, value| {
            if let Some(record) = w.as_object(path, value) {
                check(w, record, path);
            }
        });
    }

    fn customer(&mut self, c: &Object, path: &str) {
        self.required_text(c, path, "id");
        self.required_text(c, path, "name");
        for key in ["industry", "lead_source", "owner", "referred_by"] {
            self.text(c, path, key, Need::Optional);
        }
        self.choice(c, path, "size", "company_size", Need::Nullable);
        self.records(c, path, "contacts", Walker::contact);
        if let Some(strategy) = self.object(c, path, "strategy", Need::Optional) {
            self.strategy(strategy, &join(path, "strategy"));
        }
        self.records(c, path, "orders", Walker::order);
        self.records(c, path, "tags", Walker::tag);
        self.list(c, path, "peak_months", Need::Optional, |w, path, value| {
            w.integer(path.to_string(), value, 1, 12);
        });
        self.records(c, path, "satisfaction", Walker::satisfaction);
        self.records(c, path, "remarks", Walker::remark);
        self.choice(c, path, "stage", "lifecycle_stage", Need::Nullable);
        if let Some(l) = self.object(c, path, "lifecycle", Need::Optional) {
            self.lifecycle(l, &join(path, "lifecycle"));
        }
        self.records(c, path, "winback", Walker::winback_case);
        self.list(c, path, "signals_seen", Need::Optional, |w, path, value| {
            w.named(path, value, "signal_kind");
        });
        if let Some(tiering) = self.object(c, path, "tiering", Need::Optional) {
            self.tier_state(tiering, &join(path, "tiering"));
        }
        self.date(c, path, "verified_on", Need::Nullable);
        self.date(c, path, "created_on", Need::Nullable);
        self.integer_field(c, path, "revision", Need::Optional, (0, i64::MAX));
        self.integer_field(c, path, "updated_at", Need::Optional, (i64::MIN, i64::MAX));
    }

    fn contact(&mut self, c: &Object, path: &str) {
        self.text(c, path, "name", Need::Optional);
        self.text(c, path, "title", Need::Optional);
        self.choice(c, path, "role", "decision_role", Need::Nullable);
        self.choice(c, path, "channel", "channel", Need::Nullable);
        self.choice(c, path, "preferred_time", "preferred_time", Need::Nullable);
        for key in ["phone", "email", "wechat"] {
            self.text(c, path, key, Need::Optional);
        }
        if let Some(birthday) = self.object(c, path, "birthday", Need::Nullable) {
            let path = join(path, "birthday");
            let month = self.integer_field(birthday, &path, "month", Need::Required, (1, 12));
            let day = self.integer_field(birthday, &path, "day", Need::Required, (1, 31));
            if let (Some(month), Some(day)) = (month, day) {
                let (month, day) = (month as u32, day as u32);
                if MonthDay::new(month, day).is_none() {
                    self.report(path, Problem::NoSuchDay { month, day });
                }
            }
        }
    }

    fn strategy(&mut self, s: &Object, path: &str) {
        self.boolean(s, path, "industry_leader");
        self.choice(s, path, "brand_influence", "level", Need::Nullable);
        let pct = (i64::from(i32::MIN), i64::from(i32::MAX));
        self.integer_field(s, path, "growth_potential_pct", Need::Nullable, pct);
        self.text(s, path, "strategic_fit", Need::Optional);
        self.choice(s, path, "credit", "credit_status", Need::Nullable);
        self.boolean(s, path, "competitor_contact");
    }

    fn order(&mut self, o: &Object, path: &str) {
        self.text(o, path, "id", Need::Optional);
        if let Some(date) = self.date(o, path, "date", Need::Nullable) {
            if date > self.today {
                let today = self.today;
                self.report(join(path, "date"), Problem::InFuture { today });
            }
        }
        self.integer_field(o, path, "amount_fen", Need::Optional, (0, i64::MAX));
        self.text(o, path, "product", Need::Optional);
    }

    fn tag(&mut self, t: &Object, path: &str) {
        let Some(kind) = self.choice(t, path, "kind", "tag_kind", Need::Required) else {
            return;
        };
        if allowed("text_tag_kind").contains(&kind) {
            self.text(t, path, "text", Need::Required);
        } else if let Some((_, path)) = self.get(t, path, "text", Need::Nullable) {
            let kind = kind.to_string();
            self.report(path, Problem::TagHasNoText { kind });
        }
    }

    fn satisfaction(&mut self, s: &Object, path: &str) {
        self.text(s, path, "id", Need::Optional);
        self.date(s, path, "date", Need::Nullable);
        let kind = self.choice(s, path, "kind", "satisfaction_kind", Need::Nullable);
        // The scale depends on the kind; without one, the widest scale bounds it.
        let max = SatisfactionKind::ALL
            .into_iter()
            .filter(|k| kind.is_none_or(|kind| kind == k.name()))
            .map(SatisfactionKind::max_score)
            .max()
            .unwrap_or_default();
        let max = i64::from(max);
        self.integer_field(s, path, "score", Need::Optional, (0, max));
        self.text(s, path, "note", Need::Optional);
        self.text(s, path, "followup_id", Need::Nullable);
    }

    fn tiering_settings(&mut self, t: &Object, path: &str) {
        self.choice(t, path, "preset", "tiering_preset", Need::Optional);
        for key in [
            "margin_pct",
            "observation_months",
            "pause_days",
            "surge_multiple",
            "raise_months",
        ] {
            self.integer_field(t, path, key, Need::Optional, (0, i64::from(u32::MAX)));
        }
        self.date(t, path, "last_review", Need::Nullable);
        // Each edited preset is a pair: [preset, scheme].
        self.list(
            t,
            path,
            "schemes",
            Need::Optional,
            |w, path, value| match value.as_array().map(Vec::as_slice) {
                Some([preset, scheme]) => {
                    w.named(&format!("{path}[0]"), preset, "tiering_preset");
                    w.scheme(&format!("{path}[1]"), scheme);
                }
                _ => w.wrong_type(path.to_string(), Expected::PresetSchemePair, value),
            },
        );
    }

    fn cadence_settings(&mut self, c: &Object, path: &str) {
        self.choice(c, path, "policy", "cadence_policy", Need::Nullable);
        self.boolean(c, path, "skip_weekends");
        self.boolean(c, path, "onboarding");
        for key in ["daily_cap", "peak_lead_days"] {
            self.integer_field(c, path, key, Need::Optional, (0, i64::from(u32::MAX)));
        }
        self.list(c, path, "holidays", Need::Optional, |w, path, value| {
            w.named(path, value, "holiday");
        });
        self.list(
            c,
            path,
            "custom",
            Need::Optional,
            |w, path, value| match value.as_array().map(Vec::as_slice) {
                Some([policy, table]) => {
                    w.named(&format!("{path}[0]"), policy, "cadence_policy");
                    let path = format!("{path}[1]");
                    let Some(tiers) = table.as_array() else {
                        return w.wrong_type(path, Expected::List, table);
                    };
                    for (i, tier) in tiers.iter().enumerate() {
                        let path = format!("{path}[{i}]");
                        if let Some(t) = w.as_object(&path, tier) {
                            w.tier_cadence(t, &path);
                        }
                    }
                }
                _ => w.wrong_type(path.to_string(), Expected::PolicyTablePair, value),
            },
        );
    }

    fn tier_cadence(&mut self, t: &Object, path: &str) {
        self.choice(t, path, "tier", "tier", Need::Required);
        self.choice(t, path, "response", "response", Need::Nullable);
        self.list(t, path, "touches", Need::Required, |w, path, value| {
            let Some(rule) = w.as_object(path, value) else {
                return;
            };
            w.choice(rule, path, "kind", "touch_kind", Need::Required);
            w.integer_field(
                rule,
                path,
                "for_days",
                Need::Nullable,
                (0, i64::from(u32::MAX)),
            );
            if let Some((every, path)) = w.get(rule, path, "every", Need::Required) {
                if let Some((_, n)) = w.variant(&path, every, &["days", "months"]) {
                    w.integer(path, n, 1, i64::from(u32::MAX));
                }
            }
        });
    }

    /// A value that must be one of the names of `kind`.
    fn named(&mut self, path: &str, value: &Value, kind: &str) {
        let allowed = allowed(kind);
        if !matches!(value, Value::String(s) if allowed.contains(&s.as_str())) {
            self.unknown(path.to_string(), value, &allowed);
        }
    }

    fn unknown(&mut self, path: String, value: &Value, allowed: &[&str]) {
        let found = describe(value);
        let allowed = allowed.iter().map(|n| n.to_string()).collect();
        self.report(path, Problem::UnknownValue { found, allowed });
    }

    /// `{"key": inner}`: a single-key object naming an enum variant with content.
    fn variant<'v>(
        &mut self,
        path: &str,
        value: &'v Value,
        keys: &[&str],
    ) -> Option<(String, &'v Value)> {
        let allowed: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        match value.as_object() {
            Some(o) if o.len() == 1 => {
                let (k, v) = o.iter().next()?;
                if keys.contains(&k.as_str()) {
                    return Some((k.clone(), v));
                }
                let found = Found::Written(format!("\"{k}\""));
                self.report(path.to_string(), Problem::UnknownValue { found, allowed });
                None
            }
            _ => {
                self.wrong_type(path.to_string(), Expected::ObjectWithOneKey, value);
                None
            }
        }
    }

    fn scheme(&mut self, path: &str, value: &Value) {
        match self.variant(path, value, &["rules", "pareto"]) {
            Some((k, inner)) if k == "rules" => {
                let path = join(path, "rules");
                let Some(items) = inner.as_array() else {
                    return self.wrong_type(path, Expected::List, inner);
                };
                for (i, item) in items.iter().enumerate() {
                    let path = format!("{path}[{i}]");
                    if let Some(rule) = self.as_object(&path, item) {
                        self.choice(rule, &path, "tier", "tier", Need::Required);
                        if let Some((expr, path)) = self.get(rule, &path, "rule", Need::Required) {
                            self.expr(&path, expr, 0);
                        }
                    }
                }
            }
            Some((_, inner)) => {
                let path = join(path, "pareto");
                if let Some(p) = self.as_object(&path, inner) {
                    self.integer_field(p, &path, "a_pct", Need::Required, (0, 100));
                    self.integer_field(p, &path, "b_pct", Need::Required, (0, 100));
                }
            }
            None => {}
        }
    }

    fn expr(&mut self, path: &str, value: &Value, depth: usize) {
        if depth > MAX_RULE_DEPTH {
            return self.wrong_type(
                path.to_string(),
                Expected::NestedRule {
                    max_depth: MAX_RULE_DEPTH,
                },
                value,
            );
        }
        match self.variant(path, value, &["all", "any", "test"]) {
            Some((k, inner)) if k == "test" => self.rule_test(&join(path, "test"), inner),
            Some((k, inner)) => {
                let path = join(path, &k);
                let Some(parts) = inner.as_array() else {
                    return self.wrong_type(path, Expected::List, inner);
                };
                for (i, part) in parts.iter().enumerate() {
                    self.expr(&format!("{path}[{i}]"), part, depth + 1);
                }
            }
            None => {}
        }
    }

    fn rule_test(&mut self, path: &str, value: &Value) {
        match self.variant(path, value, &["at_least", "at_most", "is", "not"]) {
            Some((k, inner)) if k == "at_least" || k == "at_most" => {
                let path = join(path, &k);
                match inner.as_array().map(Vec::as_slice) {
                    Some([metric, number]) => {
                        self.named(&format!("{path}[0]"), metric, "tiering_metric");
                        self.integer(format!("{path}[1]"), number, i64::MIN, i64::MAX);
                    }
                    _ => self.wrong_type(path, Expected::MetricNumberPair, inner),
                }
            }
            Some((k, flag)) => {
                let path = join(path, &k);
                match flag {
                    Value::Object(_) => {
                        let with_stage = names_carrying::<Flag>(true);
                        if let Some((k, stage)) = self.variant(&path, flag, &with_stage) {
                            self.named(&join(&path, &k), stage, "lifecycle_stage");
                        }
                    }
                    _ => self.named(&path, flag, "tiering_flag"),
                }
            }
            None => {}
        }
    }

    fn followup(&mut self, f: &Object, path: &str) {
        self.required_text(f, path, "id");
        self.required_text(f, path, "customer_id");
        self.date(f, path, "date", Need::Nullable);
        self.choice(f, path, "kind", "touch_kind", Need::Optional);
        self.list(f, path, "topics", Need::Optional, |w, path, value| {
            if !value.is_string() {
                w.wrong_type(path.to_string(), Expected::Text, value);
            }
        });
        self.text(f, path, "note", Need::Optional);
        self.text(f, path, "owner", Need::Optional);
        self.text(f, path, "plan_id", Need::Nullable);
        self.text(f, path, "time", Need::Optional);
        self.text(f, path, "feedback", Need::Optional);
        self.integer_field(f, path, "score", Need::Nullable, (0, 10));
        self.texts(f, path, "needs");
        self.boolean(f, path, "value_added");
        self.text(f, path, "case_id", Need::Nullable);
        if let Some(next) = self.object(f, path, "next_step", Need::Nullable) {
            let path = join(path, "next_step");
            self.date(next, &path, "date", Need::Required);
            self.choice(next, &path, "kind", "touch_kind", Need::Required);
            self.texts(next, &path, "topics");
        }
    }

    /// A list of texts at `key`.
    fn texts(&mut self, obj: &Object, parent: &str, key: &str) {
        self.list(obj, parent, key, Need::Optional, |w, path, value| {
            if !value.is_string() {
                w.wrong_type(path.to_string(), Expected::Text, value);
            }
        });
    }

    fn todo(&mut self, t: &Object, path: &str) {
        self.required_text(t, path, "id");
        self.required_text(t, path, "customer_id");
        for key in ["followup_id", "text", "owner", "result"] {
            self.text(t, path, key, Need::Optional);
        }
        self.date(t, path, "due_on", Need::Nullable);
        self.date(t, path, "done_on", Need::Nullable);
        self.boolean(t, path, "profile_update");
    }

    fn plan_item(&mut self, p: &Object, path: &str) {
        self.required_text(p, path, "id");
        self.required_text(p, path, "customer_id");
        self.date(p, path, "date", Need::Optional);
        self.choice(p, path, "kind", "touch_kind", Need::Optional);
        self.list(p, path, "topics", Need::Optional, |w, path, value| {
            if !value.is_string() {
                w.wrong_type(path.to_string(), Expected::Text, value);
            }
        });
        self.text(p, path, "owner", Need::Optional);
        self.text(p, path, "note", Need::Optional);
        self.text(p, path, "replaces", Need::Nullable);
        self.date(p, path, "snoozed_from", Need::Nullable);
        self.text(p, path, "snooze_reason", Need::Optional);
        self.boolean(p, path, "cancelled");
    }

    fn lifecycle(&mut self, l: &Object, path: &str) {
        self.choice(l, path, "status", "stage_status", Need::Nullable);
        self.date(l, path, "since", Need::Nullable);
        self.records(l, path, "history", |w, h, path| {
            w.date(h, path, "date", Need::Required);
            w.choice(h, path, "from", "lifecycle_stage", Need::Nullable);
            w.choice(h, path, "to", "lifecycle_stage", Need::Required);
            w.choice(h, path, "status", "stage_status", Need::Nullable);
        });
        self.records(l, path, "actions", |w, a, path| {
            w.choice(a, path, "stage", "lifecycle_stage", Need::Required);
            w.choice(a, path, "action", "key_action", Need::Required);
            w.date(a, path, "on", Need::Required);
        });
        self.records(l, path, "outputs", |w, o, path| {
            w.choice(o, path, "stage", "lifecycle_stage", Need::Required);
            w.choice(o, path, "output", "stage_output", Need::Required);
            w.text(o, path, "text", Need::Required);
            w.date(o, path, "on", Need::Required);
        });
    }

    fn winback_case(&mut self, w: &Object, path: &str) {
        self.required_text(w, path, "id");
        self.date(w, path, "opened_on", Need::Nullable);
        self.date(w, path, "closed_on", Need::Nullable);
        self.text(w, path, "owner", Need::Optional);
        self.text(w, path, "review", Need::Optional);
        self.choice(w, path, "outcome", "winback_outcome", Need::Nullable);
        if let Some((value, p)) = self.get(w, path, "recoverable", Need::Nullable) {
            if !value.is_boolean() {
                self.wrong_type(p, Expected::TrueOrFalse, value);
            }
        }
        self.records(w, path, "reasons", |w, r, path| {
            w.tagged(r, path, "winback_reason", "other")
        });
        self.records(w, path, "actions", |w, a, path| {
            w.tagged(a, path, "winback_action", "specific_fix")
        });
    }

    /// `{"kind": …}` with a `text` only for the one kind that carries it.
    fn tagged(&mut self, t: &Object, path: &str, kind_name: &str, with_text: &str) {
        let Some(kind) = self.choice(t, path, "kind", kind_name, Need::Required) else {
            return;
        };
        if kind == with_text {
            self.text(t, path, "text", Need::Required);
        } else if let Some((_, path)) = self.get(t, path, "text", Need::Nullable) {
            let kind = kind.to_string();
            self.report(path, Problem::TagHasNoText { kind });
        }
    }

    fn tier_state(&mut self, t: &Object, path: &str) {
        self.choice(t, path, "preset", "tiering_preset", Need::Nullable);
        self.choice(t, path, "current", "tier", Need::Nullable);
        self.date(t, path, "since", Need::Nullable);
        for key in ["pending", "rejected"] {
            if let Some(p) = self.object(t, path, key, Need::Nullable) {
                let path = join(path, key);
                self.choice(p, &path, "tier", "tier", Need::Required);
                self.date(p, &path, "since", Need::Required);
            }
        }
        if let Some(m) = self.object(t, path, "manual", Need::Nullable) {
            let path = join(path, "manual");
            self.choice(m, &path, "tier", "tier", Need::Required);
            self.required_text(m, &path, "reason");
            self.date(m, &path, "until", Need::Nullable);
            self.date(m, &path, "set_on", Need::Required);
        }
        if let Some(r) = self.object(t, path, "raised", Need::Nullable) {
            let path = join(path, "raised");
            self.choice(r, &path, "tier", "tier", Need::Required);
            self.date(r, &path, "until", Need::Required);
            for key in ["order", "average"] {
                self.integer_field(r, &path, key, Need::Required, (0, i64::MAX));
            }
        }
        self.records(t, path, "history", Walker::tier_change);
    }

    fn tier_change(&mut self, h: &Object, path: &str) {
        self.date(h, path, "date", Need::Required);
        self.choice(h, path, "from", "tier", Need::Nullable);
        self.choice(h, path, "to", "tier", Need::Required);
        self.choice(h, path, "cause", "tier_change_cause", Need::Required);
        self.text(h, path, "note", Need::Required);
    }

    fn remark(&mut self, r: &Object, path: &str) {
        self.text(r, path, "id", Need::Optional);
        self.date(r, path, "date", Need::Nullable);
        self.choice(r, path, "kind", "remark_kind", Need::Nullable);
        self.text(r, path, "text", Need::Optional);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::fixtures::{maximal_customer, today};
    use super::super::{parse, Backup, ImportErrors};
    use super::*;
    use crate::domain::backup::{ImportError, MAX_REPORTED};
    use crate::domain::settings::DataSettings;

    fn file(customers: Value) -> Value {
        json!({
            "format": "kehu-weihu-backup",
            "version": 1,
            "exported_on": "2025-06-15",
            "settings": { "money_unit": "wan" },
            "customers": customers,
        })
    }

    fn problems(file: &Value) -> Vec<String> {
        match parse(&file.to_string(), today()) {
            Ok(_) => Vec::new(),
            Err(e) => e.errors.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn reports_every_problem_at_once_with_its_path() {
        let mut f = file(json!([
            { "id": "c-1", "name": "甲" },
            { "id": "c-2", "name": "  " },
            { "id": "c-1", "name": "丙", "size": "huge" },
            { "id": "c-4", "name": "丁", "orders": [
                { "amount_fen": -5, "date": "2025-06-16" },
                { "amount_fen": 1.5, "date": "2025-02-30" },
                { "amount_fen": 0, "date": "2025-06-15" },
            ] },
            { "name": "戊", "peak_months": [0, 12, 13], "contacts": [
                { "birthday": { "month": 2, "day": 30 } },
                { "role": "boss", "birthday": { "month": 13, "day": 1 } },
                { "birthday": { "month": 2 } },
            ] },
            { "id": "c-6", "name": "己",
              "satisfaction": [
                { "kind": "nps", "score": 11 },
                { "kind": "csat", "score": 100 },
                { "kind": "feedback", "score": -1 },
              ],
              "strategy": { "growth_potential_pct": 12.5, "industry_leader": "yes" },
              "tags": [
                { "kind": "strategic", "text": "x" },
                { "kind": "pain_point" },
                { "kind": "vip" },
              ],
              "remarks": [{ "kind": "praise", "text": 5 }],
              "verified_on": "2025/06/01",
              "revision": -1,
              "some_future_field": { "anything": true } },
            "not an object",
        ]));
        f["settings"]["money_unit"] = json!("usd");
        let tag_kinds = "strategic, high_churn_risk, high_potential, price_sensitive, \
                         need_cost, need_efficiency, need_quality, pain_point, free";
        assert_eq!(
            problems(&f),
            [
                "settings.money_unit: must be one of wan, yuan, not \"usd\"",
                "customers[1].name: is required",
                "customers[2].size: must be one of micro, small, medium, large, not \"huge\"",
                "customers[2].id: the id \"c-1\" is already used by customers[0]",
                "customers[3].orders[0].date: is in the future (after 2025-06-15)",
                "customers[3].orders[0].amount_fen: must be ≥ 0",
                "customers[3].orders[1].date: \"2025-02-30\" is not a real date",
                "customers[3].orders[1].amount_fen: must be a whole number, not 1.5",
                "customers[4].id: is required",
                "customers[4].contacts[0].birthday: month 2 has no day 30",
                "customers[4].contacts[1].role: must be one of decision_maker, influencer, \
                 user, not \"boss\"",
                "customers[4].contacts[1].birthday.month: must be between 1 and 12, not 13",
                "customers[4].contacts[2].birthday.day: is required",
                "customers[4].peak_months[0]: must be between 1 and 12, not 0",
                "customers[4].peak_months[2]: must be between 1 and 12, not 13",
                "customers[5].strategy.industry_leader: must be true or false, not \"yes\"",
                "customers[5].strategy.growth_potential_pct: must be a whole number, not 12.5",
                "customers[5].tags[0].text: must be left out, since a \"strategic\" tag has \
                 no text",
                "customers[5].tags[1].text: is required",
                &format!("customers[5].tags[2].kind: must be one of {tag_kinds}, not \"vip\""),
                "customers[5].satisfaction[0].score: must be between 0 and 10, not 11",
                "customers[5].satisfaction[2].score: must be between 0 and 10, not -1",
                "customers[5].remarks[0].kind: must be one of complaint, suggestion, \
                 not \"praise\"",
                "customers[5].remarks[0].text: must be text, not 5",
                "customers[5].verified_on: must be a date written YYYY-MM-DD, \
                 not \"2025/06/01\"",
                "customers[5].revision: must be ≥ 0",
                "customers[6]: must be an object, not \"not an object\"",
            ]
        );
    }

    #[test]
    fn names_missing_and_null_fields() {
        let cases = [
            (
                json!({ "format": "kehu-weihu-backup", "version": 1 }),
                vec![
                    "exported_on: is required",
                    "settings: is required",
                    "customers: is required",
                ],
            ),
            (
                file(
                    json!([{ "id": "c", "name": "n", "industry": null, "contacts": null,
                              "strategy": null, "size": null, "created_on": null }]),
                ),
                vec![
                    "customers[0].industry: must be text, not null",
                    "customers[0].contacts: must be a list, not null",
                    "customers[0].strategy: must be an object, not null",
                ],
            ),
            (
                json!({ "format": "kehu-weihu-backup", "version": 1, "exported_on": 20250615,
                        "settings": [], "customers": {} }),
                vec![
                    "exported_on: must be a date written YYYY-MM-DD, not 20250615",
                    "settings: must be an object, not a list",
                    "customers: must be a list, not an object",
                ],
            ),
            (
                file(json!([{ "id": 7, "name": "n", "updated_at": 18446744073709551615u64 }])),
                vec![
                    "customers[0].id: must be text, not 7",
                    "customers[0].updated_at: is too large (18446744073709551615)",
                ],
            ),
            (file(json!([{ "id": "c", "name": "n" }])), vec![]),
        ];
        for (f, expected) in cases {
            assert_eq!(problems(&f), expected, "{f}");
        }
    }

    #[test]
    fn dates_must_be_written_exactly_and_exist() {
        let cases = [
            ("2024-02-29", None),
            ("2023-02-29", Some("\"2023-02-29\" is not a real date")),
            (
                "2024-1-5",
                Some("must be a date written YYYY-MM-DD, not \"2024-1-5\""),
            ),
            (
                " 2024-01-05",
                Some("must be a date written YYYY-MM-DD, not \" 2024-01-05\""),
            ),
            (
                "2024-01-05T10:00",
                Some("must be a date written YYYY-MM-DD, not \"2024-01-05T10:00\""),
            ),
            ("2024-13-01", Some("\"2024-13-01\" is not a real date")),
        ];
        for (text, expected) in cases {
            let f = file(json!([{ "id": "c", "name": "n", "created_on": text }]));
            let expected: Vec<String> = expected
                .map(|p| format!("customers[0].created_on: {p}"))
                .into_iter()
                .collect();
            assert_eq!(problems(&f), expected, "{text}");
        }
    }

    #[test]
    fn the_scale_depends_on_the_kind_of_score() {
        let cases = [
            (Some("csat"), 100, true),
            (Some("csat"), 101, false),
            (Some("feedback"), 10, true),
            (Some("feedback"), 11, false),
            (Some("nps"), 0, true),
            (Some("nps"), 11, false),
            (None, 100, true), // no kind: the widest scale
            (None, 101, false),
        ];
        for (kind, score, ok) in cases {
            let f = file(json!([{ "id": "c", "name": "n",
                                  "satisfaction": [{ "kind": kind, "score": score }] }]));
            assert_eq!(problems(&f).is_empty(), ok, "{kind:?} {score}");
        }
    }

    #[test]
    fn caps_the_list_and_counts_the_rest() {
        let customers: Vec<Value> = (0..250)
            .map(|i| json!({ "id": format!("c-{i}"), "name": "" }))
            .collect();
        let e: ImportErrors = parse(&file(json!(customers)).to_string(), today()).unwrap_err();
        assert_eq!((e.errors.len(), e.omitted), (MAX_REPORTED, 50));
        assert_eq!(e.errors[0].to_string(), "customers[0].name: is required");
        assert!(e
            .to_string()
            .ends_with("customers[199].name: is required\nand 50 more problems"));
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let mut f = file(json!([{ "id": "c", "name": "n", "loyalty": 3,
                                  "tags": [{ "kind": "free", "text": "x", "colour": "red" }],
                                  "strategy": { "moat": "deep" } }]));
        f["surveys"] = json!([{ "id": "f-1" }]);
        f["settings"]["theme"] = json!("dark");
        let backup = parse(&f.to_string(), today()).unwrap();
        assert_eq!(backup.customers[0].name, "n");
    }

    /// Every position in a full file, replaced by each kind of odd value: whatever the model
    /// cannot read, the checks must have reported first, with its path.
    #[test]
    fn the_checks_are_at_least_as_strict_as_the_model() {
        let backup = Backup::new(DataSettings::default(), vec![maximal_customer()], today())
            .with_records(
                vec![super::super::fixtures::followup()],
                vec![super::super::fixtures::plan_item()],
            )
            .with_todos(vec![super::super::fixtures::todo()]);
        let full = serde_json::to_value(&backup).unwrap();
        let odd = [
            json!(null),
            json!("x"),
            json!(""),
            json!(1.5),
            json!(-1),
            json!(0),
            json!(13),
            json!(true),
            json!([]),
            json!({}),
        ];
        let mut checked = 0;
        for pointer in pointers(&full, String::new()) {
            for value in &odd {
                let mut f = full.clone();
                *f.pointer_mut(&pointer).unwrap() = value.clone();
                let unreadable = match parse(&f.to_string(), today()) {
                    Ok(_) => None,
                    Err(e) => e.errors.into_iter().find(|e| {
                        matches!(
                            e,
                            ImportError::Field {
                                problem: Problem::Unreadable { .. },
                                ..
                            }
                        )
                    }),
                };
                assert_eq!(
                    unreadable, None,
                    "{pointer} = {value}: the checks missed it"
                );
                checked += 1;
            }
        }
        assert!(checked > 1000, "only {checked} variations");
        assert!(check(full.as_object().unwrap(), today()).is_ok());
    }

    /// JSON pointers to every value below `value`.
    fn pointers(value: &Value, at: String) -> Vec<String> {
        let children: Vec<(String, &Value)> = match value {
            Value::Object(o) => o.iter().map(|(k, v)| (format!("{at}/{k}"), v)).collect(),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{at}/{i}"), v))
                .collect(),
            _ => Vec::new(),
        };
        let mut all = Vec::new();
        for (pointer, child) in children {
            all.extend(pointers(child, pointer.clone()));
            all.push(pointer);
        }
        all
    }
}
