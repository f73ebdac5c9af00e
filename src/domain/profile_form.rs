//! The create / edit form of a profile, as data: what was typed (kept verbatim, so nothing is
//! lost while a field is invalid), the per-field validation, and turning a valid draft into
//! a [`Customer`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar;
use super::lifecycle::Stage;
use super::money::{format_amount, parse_amount, AmountError, MoneyUnit};
use super::records::{
    Channel, CompanySize, Contact, CreditStatus, Customer, DecisionRole, Level, MonthDay, Order,
    PreferredTime, Remark, RemarkKind, SatisfactionEntry, SatisfactionKind, Strategy, Tag,
};
use super::sorting;
use super::text::split_list;

/// Also kept in the tab's session while unsaved (`store::drafts`): a draft read back that no
/// longer fits this shape is dropped, never an error.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileDraft {
    pub name: String,
    pub industry: String,
    pub size: Option<CompanySize>,
    pub lead_source: String,
    pub owner: String,
    pub referred_by: String,
    pub contacts: Vec<ContactDraft>,
    pub industry_leader: bool,
    pub brand_influence: Option<Level>,
    pub growth_potential: String,
    pub strategic_fit: String,
    pub credit: Option<CreditStatus>,
    pub competitor_contact: bool,
    /// The seed tags that are ticked.
    pub seed_tags: Vec<Tag>,
    /// Comma-separated, as typed.
    pub pain_points: String,
    pub free_tags: String,
    pub peak_months: Vec<u32>,
    pub stage: Option<Stage>,
    pub verified_on: String,
    pub orders: Vec<OrderDraft>,
    pub satisfaction: Vec<SatisfactionDraft>,
    pub remarks: Vec<RemarkDraft>,
}

/// Which row of the form a contact, order, score or remark is while the form is open: the
/// row editors key their rows by it, so adding or removing a row leaves the other rows (and
/// what has focus in them) as they are. Never stored (a draft read back gets fresh keys) and
/// never compared (two drafts that say the same are equal whatever their rows' keys).
#[derive(Clone, Copy, Debug)]
pub struct RowKey(pub u64);

impl Default for RowKey {
    fn default() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        RowKey(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

impl PartialEq for RowKey {
    fn eq(&self, _: &RowKey) -> bool {
        true
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ContactDraft {
    #[serde(skip)]
    pub row: RowKey,
    pub name: String,
    pub title: String,
    pub role: Option<DecisionRole>,
    pub channel: Option<Channel>,
    pub preferred_time: Option<PreferredTime>,
    pub phone: String,
    pub email: String,
    pub wechat: String,
    /// "MM-DD".
    pub birthday: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderDraft {
    #[serde(skip)]
    pub row: RowKey,
    /// Empty for an order added in this form.
    pub id: String,
    /// "YYYY-MM-DD", as a date input gives it.
    pub date: String,
    pub amount: String,
    pub product: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SatisfactionDraft {
    #[serde(skip)]
    pub row: RowKey,
    pub id: String,
    pub date: String,
    pub kind: SatisfactionKind,
    pub score: String,
    pub note: String,
    pub followup_id: Option<String>,
}

impl Default for SatisfactionDraft {
    fn default() -> Self {
        SatisfactionDraft {
            row: RowKey::default(),
            id: String::new(),
            date: String::new(),
            kind: SatisfactionKind::Feedback,
            score: String::new(),
            note: String::new(),
            followup_id: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RemarkDraft {
    #[serde(skip)]
    pub row: RowKey,
    pub id: String,
    pub date: String,
    pub kind: RemarkKind,
    pub text: String,
}

impl Default for RemarkDraft {
    fn default() -> Self {
        RemarkDraft {
            row: RowKey::default(),
            id: String::new(),
            date: String::new(),
            kind: RemarkKind::Complaint,
            text: String::new(),
        }
    }
}

/// Which field a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    GrowthPotential,
    VerifiedOn,
    ContactEmail(usize),
    ContactBirthday(usize),
    OrderDate(usize),
    OrderAmount(usize),
    ScoreDate(usize),
    Score(usize),
    RemarkDate(usize),
    RemarkText(usize),
}

/// What is wrong with a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    NotADate,
    /// A date after today where only the past makes sense (a past order, a score given).
    InFuture,
    NotANumber,
    Negative,
    TooPrecise {
        max_decimals: usize,
    },
    TooLarge,
    OutOfRange {
        min: i64,
        max: i64,
    },
    NotAnEmail,
    NotAMonthDay,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// A past date typed as YYYY-MM-DD: required, real, not after today.
fn past_date(text: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    if is_blank(text) {
        return Err(Problem::Required);
    }
    let date = calendar::parse_ymd(text.trim()).ok_or(Problem::NotADate)?;
    if date > today {
        return Err(Problem::InFuture);
    }
    Ok(date)
}

fn month_day(text: &str) -> Result<Option<MonthDay>, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (m, d) = text
        .split_once(['-', '/', '.', '月'])
        .ok_or(Problem::NotAMonthDay)?;
    let m: u32 = m.trim().parse().map_err(|_| Problem::NotAMonthDay)?;
    let d: u32 = d
        .trim()
        .trim_end_matches('日')
        .parse()
        .map_err(|_| Problem::NotAMonthDay)?;
    MonthDay::new(m, d).map(Some).ok_or(Problem::NotAMonthDay)
}

impl ContactDraft {
    fn is_blank(&self) -> bool {
        [
            &self.name,
            &self.title,
            &self.phone,
            &self.email,
            &self.wechat,
            &self.birthday,
        ]
        .iter()
        .all(|s| is_blank(s))
            && self.role.is_none()
            && self.channel.is_none()
            && self.preferred_time.is_none()
    }
}

impl OrderDraft {
    fn is_blank(&self) -> bool {
        is_blank(&self.date) && is_blank(&self.amount) && is_blank(&self.product)
    }
}

impl SatisfactionDraft {
    fn is_blank(&self) -> bool {
        is_blank(&self.date) && is_blank(&self.score) && is_blank(&self.note)
    }
}

impl RemarkDraft {
    fn is_blank(&self) -> bool {
        is_blank(&self.date) && is_blank(&self.text)
    }
}

impl ProfileDraft {
    /// The form filled with a saved profile, amounts written in the data set's unit.
    pub fn from_customer(c: &Customer, unit: MoneyUnit) -> ProfileDraft {
        let text_tags = |pick: fn(&Tag) -> Option<&String>| {
            c.tags
                .iter()
                .filter_map(pick)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        };
        ProfileDraft {
            name: c.name.clone(),
            industry: c.industry.clone(),
            size: c.size,
            lead_source: c.lead_source.clone(),
            owner: c.owner.clone(),
            referred_by: c.referred_by.clone(),
            contacts: c
                .contacts
                .iter()
                .map(|k| ContactDraft {
                    row: RowKey::default(),
                    name: k.name.clone(),
                    title: k.title.clone(),
                    role: k.role,
                    channel: k.channel,
                    preferred_time: k.preferred_time,
                    phone: k.phone.clone(),
                    email: k.email.clone(),
                    wechat: k.wechat.clone(),
                    birthday: k
                        .birthday
                        .map(|b| format!("{:02}-{:02}", b.month, b.day))
                        .unwrap_or_default(),
                })
                .collect(),
            industry_leader: c.strategy.industry_leader,
            brand_influence: c.strategy.brand_influence,
            growth_potential: c
                .strategy
                .growth_potential_pct
                .map(|p| p.to_string())
                .unwrap_or_default(),
            strategic_fit: c.strategy.strategic_fit.clone(),
            credit: c.strategy.credit,
            competitor_contact: c.strategy.competitor_contact,
            seed_tags: c
                .tags
                .iter()
                .filter(|t| Tag::SEED.contains(t))
                .cloned()
                .collect(),
            pain_points: text_tags(|t| match t {
                Tag::PainPoint(s) => Some(s),
                _ => None,
            }),
            free_tags: text_tags(|t| match t {
                Tag::Free(s) => Some(s),
                _ => None,
            }),
            peak_months: c.peak_months.clone(),
            stage: c.stage,
            verified_on: c.verified_on.map(|d| d.to_string()).unwrap_or_default(),
            orders: c
                .orders
                .iter()
                .map(|o| OrderDraft {
                    row: RowKey::default(),
                    id: o.id.clone(),
                    date: o.date.map(|d| d.to_string()).unwrap_or_default(),
                    amount: format_amount(o.amount_fen, unit),
                    product: o.product.clone(),
                })
                .collect(),
            satisfaction: c
                .satisfaction
                .iter()
                .map(|s| SatisfactionDraft {
                    row: RowKey::default(),
                    id: s.id.clone(),
                    date: s.date.map(|d| d.to_string()).unwrap_or_default(),
                    kind: s.kind.unwrap_or(SatisfactionKind::Feedback),
                    score: s.score.to_string(),
                    note: s.note.clone(),
                    followup_id: s.followup_id.clone(),
                })
                .collect(),
            remarks: c
                .remarks
                .iter()
                .map(|r| RemarkDraft {
                    row: RowKey::default(),
                    id: r.id.clone(),
                    date: r.date.map(|d| d.to_string()).unwrap_or_default(),
                    kind: r.kind.unwrap_or(RemarkKind::Complaint),
                    text: r.text.clone(),
                })
                .collect(),
        }
    }

    /// Every problem in the form, in the order the fields appear.
    pub fn validate(&self, today: NaiveDate, unit: MoneyUnit) -> Vec<FieldError> {
        match self.to_customer(&Customer::default(), today, unit, &mut String::new) {
            Ok(_) => Vec::new(),
            Err(errors) => errors,
        }
    }

    /// The profile the form describes, built on `base` (the saved record, or a default for a
    /// new one) so that what the form does not show — id, revision, follow-up links — is
    /// kept. Blank rows (a contact or order with nothing typed) are dropped, not refused.
    pub fn to_customer(
        &self,
        base: &Customer,
        today: NaiveDate,
        unit: MoneyUnit,
        new_id: &mut dyn FnMut() -> String,
    ) -> Result<Customer, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |field: Field, result: Result<(), Problem>| {
            if let Err(problem) = result {
                errors.push(FieldError { field, problem });
            }
        };

        check(
            Field::Name,
            if is_blank(&self.name) {
                Err(Problem::Required)
            } else {
                Ok(())
            },
        );

        let growth_potential_pct = if is_blank(&self.growth_potential) {
            None
        } else {
            let text = self.growth_potential.trim().trim_end_matches('%').trim();
            match text.parse::<i32>() {
                Ok(p) if (-100..=1000).contains(&p) => Some(p),
                Ok(_) => {
                    check(
                        Field::GrowthPotential,
                        Err(Problem::OutOfRange {
                            min: -100,
                            max: 1000,
                        }),
                    );
                    None
                }
                Err(_) => {
                    check(Field::GrowthPotential, Err(Problem::NotANumber));
                    None
                }
            }
        };

        let verified_on = if is_blank(&self.verified_on) {
            None
        } else {
            match past_date(&self.verified_on, today) {
                Ok(d) => Some(d),
                Err(p) => {
                    check(Field::VerifiedOn, Err(p));
                    None
                }
            }
        };

        let mut contacts = Vec::new();
        for (i, k) in self.contacts.iter().enumerate() {
            if k.is_blank() {
                continue;
            }
            let email = k.email.trim();
            if !email.is_empty() && !looks_like_email(email) {
                check(Field::ContactEmail(i), Err(Problem::NotAnEmail));
            }
            let birthday = month_day(&k.birthday).unwrap_or_else(|p| {
                check(Field::ContactBirthday(i), Err(p));
                None
            });
            contacts.push(Contact {
                name: k.name.trim().to_string(),
                title: k.title.trim().to_string(),
                role: k.role,
                channel: k.channel,
                preferred_time: k.preferred_time,
                phone: k.phone.trim().to_string(),
                email: email.to_string(),
                wechat: k.wechat.trim().to_string(),
                birthday,
            });
        }

        let mut orders = Vec::new();
        for (i, o) in self.orders.iter().enumerate() {
            if o.is_blank() {
                continue;
            }
            let date = past_date(&o.date, today)
                .map_err(|p| check(Field::OrderDate(i), Err(p)))
                .ok();
            let amount = match parse_amount(&o.amount, unit) {
                Ok(a) if a.0 < 0 => {
                    check(Field::OrderAmount(i), Err(Problem::Negative));
                    None
                }
                Ok(a) => Some(a),
                Err(e) => {
                    check(Field::OrderAmount(i), Err(amount_problem(e)));
                    None
                }
            };
            if let (Some(date), Some(amount_fen)) = (date, amount) {
                orders.push(Order {
                    id: if o.id.is_empty() {
                        new_id()
                    } else {
                        o.id.clone()
                    },
                    date: Some(date),
                    amount_fen,
                    product: o.product.trim().to_string(),
                });
            }
        }

        let mut satisfaction = Vec::new();
        for (i, s) in self.satisfaction.iter().enumerate() {
            if s.is_blank() {
                continue;
            }
            let date = past_date(&s.date, today)
                .map_err(|p| check(Field::ScoreDate(i), Err(p)))
                .ok();
            let max = s.kind.max_score();
            let score = match s.score.trim().parse::<i64>() {
                _ if is_blank(&s.score) => Err(Problem::Required),
                Ok(v) if (0..=max as i64).contains(&v) => Ok(v as u32),
                Ok(_) => Err(Problem::OutOfRange {
                    min: 0,
                    max: max as i64,
                }),
                Err(_) => Err(Problem::NotANumber),
            }
            .map_err(|p| check(Field::Score(i), Err(p)))
            .ok();
            if let (Some(date), Some(score)) = (date, score) {
                satisfaction.push(SatisfactionEntry {
                    id: if s.id.is_empty() {
                        new_id()
                    } else {
                        s.id.clone()
                    },
                    date: Some(date),
                    kind: Some(s.kind),
                    score,
                    note: s.note.trim().to_string(),
                    followup_id: s.followup_id.clone(),
                });
            }
        }

        let mut remarks = Vec::new();
        for (i, r) in self.remarks.iter().enumerate() {
            if r.is_blank() {
                continue;
            }
            let date = past_date(&r.date, today)
                .map_err(|p| check(Field::RemarkDate(i), Err(p)))
                .ok();
            if is_blank(&r.text) {
                check(Field::RemarkText(i), Err(Problem::Required));
            }
            if let Some(date) = date {
                remarks.push(Remark {
                    id: if r.id.is_empty() {
                        new_id()
                    } else {
                        r.id.clone()
                    },
                    date: Some(date),
                    kind: Some(r.kind),
                    text: r.text.trim().to_string(),
                });
            }
        }

        if !errors.is_empty() {
            return Err(errors);
        }

        let mut tags: Vec<Tag> = Tag::SEED
            .iter()
            .filter(|t| self.seed_tags.contains(t))
            .cloned()
            .collect();
        tags.extend(
            split_list(&self.pain_points)
                .into_iter()
                .map(Tag::PainPoint),
        );
        tags.extend(split_list(&self.free_tags).into_iter().map(Tag::Free));
        tags.dedup();
        let mut peak_months: Vec<u32> = self
            .peak_months
            .iter()
            .copied()
            .filter(|m| (1..=12).contains(m))
            .collect();
        sorting::sort(&mut peak_months);
        peak_months.dedup();

        Ok(Customer {
            id: base.id.clone(),
            name: self.name.trim().to_string(),
            industry: self.industry.trim().to_string(),
            size: self.size,
            lead_source: self.lead_source.trim().to_string(),
            owner: self.owner.trim().to_string(),
            referred_by: self.referred_by.trim().to_string(),
            contacts,
            strategy: Strategy {
                industry_leader: self.industry_leader,
                brand_influence: self.brand_influence,
                growth_potential_pct,
                strategic_fit: self.strategic_fit.trim().to_string(),
                credit: self.credit,
                competitor_contact: self.competitor_contact,
            },
            orders,
            tags,
            peak_months,
            satisfaction,
            remarks,
            stage: self.stage,
            tiering: base.tiering.clone(),
            lifecycle: base.lifecycle.clone(),
            winback: base.winback.clone(),
            signals_seen: base.signals_seen.clone(),
            verified_on,
            created_on: base.created_on.or(Some(today)),
            revision: base.revision,
            updated_at: base.updated_at,
            // A locked tab's form has no contacts to show: the stored blob is kept as it is.
            sealed: base.sealed.clone(),
        })
    }
}

fn amount_problem(e: AmountError) -> Problem {
    match e {
        AmountError::Empty => Problem::Required,
        AmountError::NotANumber => Problem::NotANumber,
        AmountError::TooPrecise { max_decimals } => Problem::TooPrecise { max_decimals },
        AmountError::TooLarge => Problem::TooLarge,
    }
}

/// Something@something.something, without pretending to be RFC 5322.
fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Fen;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: fn() -> NaiveDate = || d(2024, 6, 30);

    fn ids() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("id-{n}")
        }
    }

    fn errors_of(draft: &ProfileDraft) -> Vec<(Field, Problem)> {
        draft
            .validate(TODAY(), MoneyUnit::Wan)
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn the_issue_s_four_invalid_inputs_are_each_named() {
        let draft = ProfileDraft {
            name: "   ".into(),
            orders: vec![
                OrderDraft {
                    date: "2024-01-05".into(),
                    amount: "-3".into(),
                    ..OrderDraft::default()
                },
                OrderDraft {
                    date: "2024-07-01".into(),
                    amount: "3".into(),
                    ..OrderDraft::default()
                },
            ],
            satisfaction: vec![SatisfactionDraft {
                date: "2024-06-01".into(),
                score: "11".into(),
                ..SatisfactionDraft::default()
            }],
            ..ProfileDraft::default()
        };
        assert_eq!(
            errors_of(&draft),
            vec![
                (Field::Name, Problem::Required),
                (Field::OrderAmount(0), Problem::Negative),
                (Field::OrderDate(1), Problem::InFuture),
                (Field::Score(0), Problem::OutOfRange { min: 0, max: 10 }),
            ]
        );
    }

    #[test]
    fn more_field_problems() {
        let draft = ProfileDraft {
            name: "科技公司".into(),
            growth_potential: "lots".into(),
            verified_on: "2024-02-30".into(),
            contacts: vec![ContactDraft {
                name: "张总".into(),
                email: "zhang at example".into(),
                birthday: "2-30".into(),
                ..ContactDraft::default()
            }],
            orders: vec![OrderDraft {
                date: "".into(),
                amount: "1.0000001".into(),
                ..OrderDraft::default()
            }],
            satisfaction: vec![SatisfactionDraft {
                kind: SatisfactionKind::Csat,
                date: "2024-06-01".into(),
                score: "101".into(),
                ..SatisfactionDraft::default()
            }],
            remarks: vec![
                RemarkDraft {
                    date: "2024-06-01".into(),
                    text: " ".into(),
                    ..RemarkDraft::default()
                },
                RemarkDraft {
                    date: "2024-06-01".into(),
                    text: "交付慢".into(),
                    ..RemarkDraft::default()
                },
            ],
            ..ProfileDraft::default()
        };
        assert_eq!(
            errors_of(&draft),
            vec![
                (Field::GrowthPotential, Problem::NotANumber),
                (Field::VerifiedOn, Problem::NotADate),
                (Field::ContactEmail(0), Problem::NotAnEmail),
                (Field::ContactBirthday(0), Problem::NotAMonthDay),
                (Field::OrderDate(0), Problem::Required),
                (
                    Field::OrderAmount(0),
                    Problem::TooPrecise { max_decimals: 6 }
                ),
                (Field::Score(0), Problem::OutOfRange { min: 0, max: 100 }),
                // A remark with a date but no text is not blank: its text is required.
                (Field::RemarkText(0), Problem::Required),
            ]
        );
    }

    #[test]
    fn a_valid_form_becomes_a_profile_and_back() {
        let draft = ProfileDraft {
            name: " 科技公司 ".into(),
            industry: "科技".into(),
            owner: "王经理".into(),
            contacts: vec![
                ContactDraft {
                    name: "张经理".into(),
                    role: Some(DecisionRole::DecisionMaker),
                    phone: "138 0000 0000".into(),
                    birthday: "05-20".into(),
                    ..ContactDraft::default()
                },
                ContactDraft::default(), // a blank row is dropped
            ],
            growth_potential: "30%".into(),
            seed_tags: vec![Tag::NeedQuality, Tag::Strategic],
            pain_points: "交付慢，服务响应慢".into(),
            free_tags: "季度返单".into(),
            peak_months: vec![12, 11, 11],
            orders: vec![
                OrderDraft {
                    date: "2023-10-15".into(),
                    amount: "40".into(),
                    product: "定制方案".into(),
                    ..OrderDraft::default()
                },
                OrderDraft {
                    date: "2024-03-01".into(),
                    amount: "45.5".into(),
                    ..OrderDraft::default()
                },
                OrderDraft::default(),
            ],
            ..ProfileDraft::default()
        };
        let c = draft
            .to_customer(&Customer::default(), TODAY(), MoneyUnit::Wan, &mut ids())
            .unwrap();
        assert_eq!(c.name, "科技公司");
        assert_eq!(c.contacts.len(), 1);
        assert_eq!(c.contacts[0].birthday, MonthDay::new(5, 20));
        assert_eq!(c.strategy.growth_potential_pct, Some(30));
        assert_eq!(
            c.tags,
            vec![
                Tag::Strategic,
                Tag::NeedQuality,
                Tag::PainPoint("交付慢".into()),
                Tag::PainPoint("服务响应慢".into()),
                Tag::Free("季度返单".into()),
            ]
        );
        assert_eq!(c.peak_months, vec![11, 12]);
        assert_eq!(
            c.orders
                .iter()
                .map(|o| (o.id.as_str(), o.amount_fen))
                .collect::<Vec<_>>(),
            vec![("id-1", Fen::from_wan(40)), ("id-2", Fen(45_500_000))]
        );
        assert_eq!(c.created_on, Some(TODAY()));

        // Editing the saved profile shows exactly what it holds, and saving it unchanged
        // changes nothing (ids are kept).
        let again = ProfileDraft::from_customer(&c, MoneyUnit::Wan);
        assert_eq!(again.orders[1].amount, "45.5");
        assert_eq!(again.pain_points, "交付慢, 服务响应慢");
        let resaved = again
            .to_customer(&c, TODAY(), MoneyUnit::Wan, &mut || {
                unreachable!("no new rows")
            })
            .unwrap();
        assert_eq!(resaved, c);
    }

    /// Rows' keys are the form's own: not in the kept draft's shape, fresh and distinct for
    /// every row read back, and no part of what two drafts say.
    #[test]
    fn row_keys_are_never_stored_and_never_compared() {
        let draft = ProfileDraft {
            contacts: vec![ContactDraft::default(), ContactDraft::default()],
            orders: vec![OrderDraft::default()],
            satisfaction: vec![SatisfactionDraft::default()],
            remarks: vec![RemarkDraft::default()],
            ..ProfileDraft::default()
        };
        let kept = serde_json::to_value(&draft).unwrap();
        assert!(!kept.to_string().contains("\"row\""), "{kept}");
        let back: ProfileDraft = serde_json::from_value(kept.clone()).unwrap();
        assert_eq!(back, draft);
        let mut keys: Vec<u64> = back.contacts.iter().map(|c| c.row.0).collect();
        keys.extend(draft.contacts.iter().map(|c| c.row.0));
        keys.extend([
            back.orders[0].row.0,
            back.satisfaction[0].row.0,
            back.remarks[0].row.0,
        ]);
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), keys.len(), "{keys:?}");
        // A draft kept before rows had keys reads back the same.
        let old: ProfileDraft = serde_json::from_str(
            r#"{"name":"甲","contacts":[{"name":"张","title":"","role":null,"channel":null,"preferred_time":null,"phone":"1","email":"","wechat":"","birthday":""}]}"#,
        )
        .unwrap();
        assert_eq!(old.contacts[0].name, "张");
        assert_eq!(
            serde_json::to_value(&old).unwrap()["contacts"][0]
                .as_object()
                .unwrap()
                .len(),
            9
        );
    }
}
