//! Text of tiering: tier names per preset, the explanation of a tier in real numbers, the
//! review and the settings.

use super::{catalogue, Lang};
use crate::domain::lifecycle::Stage;
use crate::domain::money::{Fen, MoneyUnit};
use crate::domain::tiering::review::ChangeCause;
use crate::domain::tiering::rules::{Expr, Fact, Flag, Metric, Test};
use crate::domain::tiering::{Explanation, PresetId, Tier};

catalogue! {
    tier_title { zh: "客户分级", en: "Tier" }
    tier_col { zh: "分级", en: "Tier" }
    tier_why_not { zh: "未达更高级别：", en: "Why not higher: " }
    tier_missing { zh: "缺少数据：", en: "Missing data: " }
    tier_observation { zh: "观察期", en: "Under observation" }
    tier_borderline {
        zh: "数据接近分级门槛，处于观察期：级别暂不调整。",
        en: "A figure is close to a threshold: under observation, the tier does not move yet."
    }
    tier_proposed { zh: "建议调整", en: "Proposed change" }
    tier_confirm { zh: "确认调整", en: "Confirm" }
    tier_reject { zh: "保持原级别", en: "Keep current tier" }
    tier_manual { zh: "手动设置级别", en: "Set tier by hand" }
    tier_manual_reason { zh: "原因（必填）", en: "Reason (required)" }
    tier_manual_until { zh: "截止日期（可选）", en: "Until (optional)" }
    tier_manual_set { zh: "设置", en: "Set" }
    tier_manual_clear { zh: "取消手动级别", en: "Remove manual tier" }
    tier_manual_reason_required { zh: "请填写原因", en: "A reason is required" }
    tier_manual_until_past { zh: "截止日期不能早于今天", en: "The end date cannot be before today" }
    tier_history { zh: "分级记录", en: "Tier history" }
    tier_paused_a {
        zh: "A 类客户暂停采购：应临时增加沟通频率（000）。",
        en: "A customer with paused orders: contact more often for now (000)."
    }
    tier_review_title { zh: "分级复核", en: "Re-tier review" }
    tier_review_link { zh: "分级复核", en: "Re-tier review" }
    tier_review_empty { zh: "没有待复核的分级调整。", en: "No proposed tier changes to review." }
    tier_review_due {
        zh: "本季度的分级复核到期了：每个季度复核一次客户分级。",
        en: "This quarter's re-tier review is due: tiers are reviewed every quarter."
    }
    tier_review_confirm_all { zh: "全部确认", en: "Confirm all" }
    tier_review_reject_all { zh: "全部保持", en: "Keep all" }
    tier_review_done { zh: "完成本次复核", en: "Mark review done" }
    tier_review_last { zh: "上次复核：", en: "Last review: " }
    tier_review_never { zh: "尚未复核过", en: "never reviewed" }
    tier_review_hint {
        zh: "规则算出的级别与当前级别不同的客户。确认后立即调整；保持则在一个观察期内不再提示。未处理的建议在观察期满后自动生效。",
        en: "Customers whose computed tier differs from their current one. Confirm to change now; keep to stay silent for one observation period. Proposals left alone apply by themselves when the period ends."
    }
    tier_any { zh: "任一级别", en: "Any tier" }
    settings_tiering_title { zh: "客户分级", en: "Tiering" }
    settings_tiering_preset { zh: "分级方法", en: "Tiering method" }
    settings_tiering_rules { zh: "分级规则（可修改数字）", en: "Rules (edit the numbers)" }
    settings_tiering_reset { zh: "恢复模板默认值", en: "Restore the seed's numbers" }
    settings_tiering_margin { zh: "观察期阈值（接近门槛的百分比）", en: "Observation margin (% of a threshold)" }
    settings_tiering_observation { zh: "观察期（月）", en: "Observation period (months)" }
    settings_tiering_pause { zh: "A 类暂停采购判定（天）", en: "A customer paused after (days)" }
    settings_tiering_surge { zh: "C 类大额需求倍数", en: "C customer large-order multiple" }
    settings_tiering_raise { zh: "临时升级时长（月）", en: "Temporary raise lasts (months)" }
    settings_saved { zh: "设置已保存", en: "Settings saved" }
    rule_and { zh: "且", en: "and" }
    rule_or { zh: "或", en: "or" }
    rule_otherwise { zh: "其余客户", en: "everyone else" }
}

impl Lang {
    pub fn preset_name(self, p: PresetId) -> &'static str {
        match (self, p) {
            (Lang::Zh, PresetId::AbcPareto) => "000 ABC 分类法（按年贡献占比）",
            (Lang::Zh, PresetId::ValuePotential) => "000 价值-潜力四象限",
            (Lang::Zh, PresetId::Abcd001) => "001 ABCD 分级（消费额、合作时长、战略地位）",
            (Lang::Zh, PresetId::Abcd002) => "002 ABCD 分级（D 类为流失预警）",
            (Lang::Zh, PresetId::Classes003) => "003 三类客户（重要 / 一般 / 新客户，金额按元）",
            (Lang::En, PresetId::AbcPareto) => "000 ABC analysis by contribution",
            (Lang::En, PresetId::ValuePotential) => "000 value × potential quadrants",
            (Lang::En, PresetId::Abcd001) => "001 ABCD by spend, tenure and strategy",
            (Lang::En, PresetId::Abcd002) => "002 ABCD with D = churn warning",
            (Lang::En, PresetId::Classes003) => "003 three classes (amounts in CNY)",
        }
    }

    pub fn preset_reading(self, p: PresetId) -> &'static str {
        match (self, p) {
            (Lang::Zh, PresetId::AbcPareto) => "按标准帕累托 ABC 分析理解 000：按近 12 个月贡献从高到低排序，累计占总额前 60% 的客户为 A 类，其后 30% 为 B 类，最后 10% 为 C 类。跨越分界线的客户归入它起始所在的区间。无消费的客户为 C 类。",
            (Lang::En, PresetId::AbcPareto) => "000 is read as standard Pareto ABC analysis: customers are sorted by their contribution over the last 12 months; those making up the first 60 % of the cumulative total are A, the next 30 % B, the last 10 % C. A customer whose spend crosses a line belongs to the band it starts in. Customers with no spend are C.",
            (Lang::Zh, PresetId::ValuePotential) => "两条轴：价值（近 12 个月消费）和潜力（增长潜力或“高潜力”标签）。高价值高潜力为 A，高价值低潜力为 B，低价值高潜力为 C，其余为 D。",
            (Lang::En, PresetId::ValuePotential) => "Two axes: value (12-month spend) and potential (growth potential or the 高潜力 tag). High value and high potential is A, high value only B, high potential only C, the rest D.",
            (Lang::Zh, PresetId::Abcd001) => "从 A 到 D 依次判断，满足的第一条决定级别。不完全符合任何一条的客户（如 60 万但合作 1 年）归入它满足的最近一个较低级别，并显示原因。",
            (Lang::En, PresetId::Abcd001) => "Rules are tried from A to D; the first that holds decides. A customer meeting no rule exactly (say 600,000 CNY but 1 year) lands in the nearest lower tier whose rule it meets, with the reason shown.",
            (Lang::Zh, PresetId::Abcd002) => "D 类（流失预警）优先于其他所有规则：近 3 个月消费较前 3 个月下降 ≥ 50%，或客户反馈 ≤ 3 分。每季度重新分级。",
            (Lang::En, PresetId::Abcd002) => "D (churn warning) wins over every other rule: spend in the last 3 months down ≥ 50 % on the 3 before, or feedback ≤ 3 of 10. Re-tier every quarter.",
            (Lang::Zh, PresetId::Classes003) => "重要客户：年消费 ≥ 50,000 元，或年下单 ≥ 10 次，或处于成熟阶段；一般客户：10,000–50,000 元，或 3–10 次，或处于成长（成交）阶段；其余为新客户。",
            (Lang::En, PresetId::Classes003) => "Important: ≥ 50,000 CNY a year, or ≥ 10 orders a year, or mature; general: 10,000–50,000 CNY, or 3–10 orders, or growing (converted); the rest are new customers.",
        }
    }

    /// "A · 核心客户".
    pub fn tier_name(self, preset: PresetId, tier: Tier) -> String {
        let letter = match tier {
            Tier::A => "A",
            Tier::B => "B",
            Tier::C => "C",
            Tier::D => "D",
        };
        let name = match (self, preset, tier) {
            (Lang::Zh, PresetId::Abcd001, Tier::A) => "核心客户",
            (Lang::Zh, PresetId::Abcd001, Tier::B) => "重要客户",
            (Lang::Zh, PresetId::Abcd001, Tier::C) => "普通客户",
            (Lang::Zh, PresetId::Abcd001, Tier::D) => "潜在客户",
            (Lang::Zh, PresetId::Abcd002, Tier::A) => "高价值高潜力",
            (Lang::Zh, PresetId::Abcd002, Tier::B) => "中等价值稳定型",
            (Lang::Zh, PresetId::Abcd002, Tier::C) => "低价值基础型",
            (Lang::Zh, PresetId::Abcd002, Tier::D) => "流失预警",
            (Lang::Zh, PresetId::Classes003, Tier::A) => "重要客户",
            (Lang::Zh, PresetId::Classes003, Tier::B) => "一般客户",
            (Lang::Zh, PresetId::Classes003, _) => "新客户",
            (Lang::Zh, PresetId::AbcPareto, Tier::A) => "重点维护",
            (Lang::Zh, PresetId::AbcPareto, Tier::B) => "稳定维护",
            (Lang::Zh, PresetId::AbcPareto, _) => "基础维护",
            (Lang::Zh, PresetId::ValuePotential, Tier::A) => "高价值高潜力",
            (Lang::Zh, PresetId::ValuePotential, Tier::B) => "高价值低潜力",
            (Lang::Zh, PresetId::ValuePotential, Tier::C) => "低价值高潜力",
            (Lang::Zh, PresetId::ValuePotential, Tier::D) => "低价值低潜力",
            (Lang::En, PresetId::Abcd001, Tier::A) => "core",
            (Lang::En, PresetId::Abcd001, Tier::B) => "important",
            (Lang::En, PresetId::Abcd001, Tier::C) => "ordinary",
            (Lang::En, PresetId::Abcd001, Tier::D) => "potential",
            (Lang::En, PresetId::Abcd002, Tier::A) => "high value",
            (Lang::En, PresetId::Abcd002, Tier::B) => "steady",
            (Lang::En, PresetId::Abcd002, Tier::C) => "basic",
            (Lang::En, PresetId::Abcd002, Tier::D) => "churn warning",
            (Lang::En, PresetId::Classes003, Tier::A) => "important",
            (Lang::En, PresetId::Classes003, Tier::B) => "general",
            (Lang::En, PresetId::Classes003, _) => "new",
            (Lang::En, PresetId::AbcPareto, Tier::A) => "key",
            (Lang::En, PresetId::AbcPareto, Tier::B) => "steady",
            (Lang::En, PresetId::AbcPareto, _) => "basic",
            (Lang::En, PresetId::ValuePotential, Tier::A) => "high value, high potential",
            (Lang::En, PresetId::ValuePotential, Tier::B) => "high value",
            (Lang::En, PresetId::ValuePotential, Tier::C) => "high potential",
            (Lang::En, PresetId::ValuePotential, Tier::D) => "low value, low potential",
        };
        format!("{letter} · {name}")
    }

    pub fn metric_name(self, m: Metric) -> &'static str {
        match (self, m) {
            (Lang::Zh, Metric::Spend12m) => "年消费",
            (Lang::Zh, Metric::TenureMonths) => "合作",
            (Lang::Zh, Metric::Orders12m) => "年下单",
            (Lang::Zh, Metric::GrowthPct) => "增长潜力",
            (Lang::Zh, Metric::Drop3mPct) => "近3个月消费降幅",
            (Lang::Zh, Metric::LatestFeedback) => "最近反馈",
            (Lang::En, Metric::Spend12m) => "12-month spend",
            (Lang::En, Metric::TenureMonths) => "tenure",
            (Lang::En, Metric::Orders12m) => "orders a year",
            (Lang::En, Metric::GrowthPct) => "growth potential",
            (Lang::En, Metric::Drop3mPct) => "3-month spend drop",
            (Lang::En, Metric::LatestFeedback) => "latest feedback",
        }
    }

    /// The unit a threshold of `m` is typed in.
    pub fn metric_unit(self, m: Metric, unit: MoneyUnit) -> &'static str {
        match (self, m) {
            (_, Metric::Spend12m) => self.unit_suffix(unit),
            (Lang::Zh, Metric::TenureMonths) => "个月",
            (Lang::En, Metric::TenureMonths) => "months",
            (Lang::Zh, Metric::Orders12m) => "次",
            (Lang::En, Metric::Orders12m) => "orders",
            (_, Metric::GrowthPct | Metric::Drop3mPct) => "%",
            (Lang::Zh, Metric::LatestFeedback) => "分",
            (Lang::En, Metric::LatestFeedback) => "/ 10",
        }
    }

    /// A metric's value in the words the seeds use: 85 万, 3 年, 12 次, 40%, 3 分.
    pub fn metric_value(self, m: Metric, v: i64, unit: MoneyUnit) -> String {
        match (self, m) {
            (_, Metric::Spend12m) => self.money(Fen(v), unit),
            (Lang::Zh, Metric::TenureMonths) => years(v, "年"),
            (Lang::En, Metric::TenureMonths) => years(v, "y"),
            (Lang::Zh, Metric::Orders12m) => format!("{v} 次"),
            (Lang::En, Metric::Orders12m) => v.to_string(),
            (_, Metric::GrowthPct | Metric::Drop3mPct) => format!("{v}%"),
            (Lang::Zh, Metric::LatestFeedback) => format!("{v} 分"),
            (Lang::En, Metric::LatestFeedback) => format!("{v}/10"),
        }
    }

    pub fn flag_text(self, f: Flag, holds: bool) -> String {
        let s = match (self, f, holds) {
            (Lang::Zh, Flag::IndustryLeader, true) => "行业龙头",
            (Lang::Zh, Flag::IndustryLeader, false) => "非行业龙头",
            (Lang::Zh, Flag::ChurnRisk, true) => "有流失风险",
            (Lang::Zh, Flag::ChurnRisk, false) => "无流失风险",
            (Lang::Zh, Flag::HighPotential, true) => "高潜力",
            (Lang::Zh, Flag::HighPotential, false) => "非高潜力",
            (Lang::Zh, Flag::HasDeal, true) => "已成交",
            (Lang::Zh, Flag::HasDeal, false) => "未成交",
            (Lang::En, Flag::IndustryLeader, true) => "industry leader",
            (Lang::En, Flag::IndustryLeader, false) => "not an industry leader",
            (Lang::En, Flag::ChurnRisk, true) => "churn risk",
            (Lang::En, Flag::ChurnRisk, false) => "no churn risk",
            (Lang::En, Flag::HighPotential, true) => "high potential",
            (Lang::En, Flag::HighPotential, false) => "not high potential",
            (Lang::En, Flag::HasDeal, true) => "has a deal",
            (Lang::En, Flag::HasDeal, false) => "no deal yet",
            (_, Flag::InStage(stage), holds) => {
                return match (self, holds) {
                    (Lang::Zh, true) => format!("处于{}阶段", self.stage_name(stage)),
                    (Lang::Zh, false) => format!("不在{}阶段", self.stage_name(stage)),
                    (Lang::En, true) => format!("in the {} stage", self.stage_name(stage)),
                    (Lang::En, false) => format!("not in the {} stage", self.stage_name(stage)),
                }
            }
        };
        s.to_string()
    }

    pub fn stage_name(self, s: Stage) -> &'static str {
        match (self, s) {
            (Lang::Zh, Stage::Lead) => "潜在",
            (Lang::Zh, Stage::Nurturing) => "意向",
            (Lang::Zh, Stage::Converted) => "成交",
            (Lang::Zh, Stage::Mature) => "成熟",
            (Lang::Zh, Stage::Churned) => "流失",
            (Lang::En, Stage::Lead) => "lead",
            (Lang::En, Stage::Nurturing) => "nurturing",
            (Lang::En, Stage::Converted) => "converted",
            (Lang::En, Stage::Mature) => "mature",
            (Lang::En, Stage::Churned) => "churned",
        }
    }

    /// One test as it came out: "年消费 85 万 ≥ 50 万", "行业龙头", "无合作时长：缺少首次成交日期".
    pub fn fact(self, fact: &Fact, unit: MoneyUnit) -> String {
        match (fact.test, fact.actual) {
            (Test::AtLeast(m, v) | Test::AtMost(m, v), Some(a)) => {
                let op = match (fact.test, fact.met) {
                    (Test::AtLeast(..), true) | (Test::AtMost(..), false) => "≥",
                    _ => "<",
                };
                let op = match (fact.test, fact.met) {
                    (Test::AtMost(..), true) => "≤",
                    (Test::AtMost(..), false) => ">",
                    _ => op,
                };
                format!(
                    "{} {} {op} {}",
                    self.metric_name(m),
                    self.metric_value(m, a, unit),
                    self.metric_value(m, v, unit)
                )
            }
            (Test::AtLeast(m, _) | Test::AtMost(m, _), None) => self.missing_input(m),
            (Test::Is(f), _) => self.flag_text(f, fact.met),
            (Test::Not(f), _) => self.flag_text(f, !fact.met),
        }
    }

    pub fn missing_input(self, m: Metric) -> String {
        match (self, m) {
            (Lang::Zh, Metric::TenureMonths) => "无合作时长：缺少首次成交日期".into(),
            (Lang::En, Metric::TenureMonths) => "no tenure: first deal date missing".into(),
            (Lang::Zh, Metric::GrowthPct) => "未填写增长潜力".into(),
            (Lang::En, Metric::GrowthPct) => "no growth potential recorded".into(),
            (Lang::Zh, Metric::Drop3mPct) => "无法比较近3个月消费：前3个月没有消费".into(),
            (Lang::En, Metric::Drop3mPct) => {
                "no 3-month comparison: nothing spent in the 3 months before".into()
            }
            (Lang::Zh, Metric::LatestFeedback) => "没有反馈评分".into(),
            (Lang::En, Metric::LatestFeedback) => "no feedback score recorded".into(),
            (Lang::Zh, m) => format!("缺少{}", self.metric_name(m)),
            (Lang::En, m) => format!("no {}", self.metric_name(m)),
        }
    }

    /// The whole explanation on one line: "A · 核心客户 · 年消费 85 万 ≥ 50 万 · 合作 3 年 ≥ 2 年 · …".
    pub fn explain(self, preset: PresetId, tier: Tier, e: &Explanation, unit: MoneyUnit) -> String {
        let mut parts = vec![self.tier_name(preset, tier)];
        if let Some(p) = e.pareto {
            let pct = |bp: u32| format!("{}.{}%", bp / 100, (bp % 100) / 10);
            parts.push(match self {
                Lang::Zh => format!(
                    "排名第 {}，累计贡献 {}–{}（前 {}% 为 A，其后 {}% 为 B）",
                    p.rank,
                    pct(p.share_before_bp),
                    pct(p.share_through_bp),
                    p.a_pct,
                    p.b_pct
                ),
                Lang::En => format!(
                    "rank {}, cumulative share {}–{} (first {}% A, next {}% B)",
                    p.rank,
                    pct(p.share_before_bp),
                    pct(p.share_through_bp),
                    p.a_pct,
                    p.b_pct
                ),
            });
        }
        parts.extend(e.facts.iter().map(|f| self.fact(f, unit)));
        if e.facts.is_empty() && e.pareto.is_none() {
            parts.push(self.rule_otherwise().to_string());
        }
        parts.join(" · ")
    }

    /// The observation note, naming the figures close to a threshold (the generic note for
    /// the Pareto preset, whose figure is the cumulative share shown in the explanation).
    pub fn observation_note(self, near: &[Fact], unit: MoneyUnit) -> String {
        if near.is_empty() {
            return self.tier_borderline().to_string();
        }
        let facts: Vec<String> = near.iter().map(|f| self.fact(f, unit)).collect();
        let facts = facts.join(self.list_separator());
        match self {
            Lang::Zh => format!("观察期：数据接近分级门槛（{facts}），级别暂不调整。"),
            Lang::En => format!(
                "Under observation: a figure is close to a threshold ({facts}); the tier does \
                 not move yet."
            ),
        }
    }

    /// "not A: 合作 1 年 < 2 年" lines for the rules tried before the deciding one.
    pub fn why_not(self, preset: PresetId, e: &Explanation, unit: MoneyUnit) -> Vec<String> {
        e.tried_before
            .iter()
            .map(|(tier, facts)| {
                let facts: Vec<String> = facts.iter().map(|f| self.fact(f, unit)).collect();
                format!(
                    "{}: {}",
                    self.tier_name(preset, *tier),
                    facts.join(self.list_separator())
                )
            })
            .collect()
    }

    pub fn change_cause(self, c: ChangeCause) -> &'static str {
        match (self, c) {
            (Lang::Zh, ChangeCause::Initial) => "首次分级",
            (Lang::Zh, ChangeCause::Confirmed) => "人工确认调整",
            (Lang::Zh, ChangeCause::ObservationPassed) => "观察期满自动调整",
            (Lang::Zh, ChangeCause::Manual) => "手动设置",
            (Lang::Zh, ChangeCause::ManualEnded) => "手动级别结束",
            (Lang::Zh, ChangeCause::RaisedForLargeOrder) => "大额需求临时升级",
            (Lang::Zh, ChangeCause::RaiseEnded) => "临时升级结束",
            (Lang::En, ChangeCause::Initial) => "first tiering",
            (Lang::En, ChangeCause::Confirmed) => "confirmed by user",
            (Lang::En, ChangeCause::ObservationPassed) => "observation period passed",
            (Lang::En, ChangeCause::Manual) => "set by hand",
            (Lang::En, ChangeCause::ManualEnded) => "manual tier ended",
            (Lang::En, ChangeCause::RaisedForLargeOrder) => "raised for a large order",
            (Lang::En, ChangeCause::RaiseEnded) => "temporary raise ended",
        }
    }

    pub fn manual_note(self, reason: &str, until: Option<&str>) -> String {
        match (self, until) {
            (Lang::Zh, Some(u)) => format!("手动设置（{reason}，至 {u}）"),
            (Lang::Zh, None) => format!("手动设置（{reason}）"),
            (Lang::En, Some(u)) => format!("set by hand ({reason}, until {u})"),
            (Lang::En, None) => format!("set by hand ({reason})"),
        }
    }

    pub fn raised_note(self, until: &str) -> String {
        match self {
            Lang::Zh => format!("大额需求，临时升级至 {until}（000）"),
            Lang::En => format!("raised for a large order until {until} (000)"),
        }
    }

    /// The current tier with the one the rules propose, under observation until `applies_on`.
    pub fn tier_pending_line(
        self,
        now: &str,
        proposed: &str,
        applies_on: &str,
        why: &str,
    ) -> String {
        match self {
            Lang::Zh => format!("目前为 {now}；规则建议 {proposed}，观察期至 {applies_on}：{why}"),
            Lang::En => {
                format!(
                    "Now {now}; {proposed} pending, under observation until {applies_on}: {why}"
                )
            }
        }
    }

    pub fn proposal_note(self, from: &str, to: &str, applies_on: &str) -> String {
        match self {
            Lang::Zh => {
                format!("规则建议从 {from} 调整为 {to}；如不处理，将于 {applies_on} 自动生效。")
            }
            Lang::En => {
                format!("The rules propose {from} → {to}; left alone it applies on {applies_on}.")
            }
        }
    }

    pub fn tier_counts(self, counts: &[(String, usize)]) -> String {
        counts
            .iter()
            .map(|(name, n)| match self {
                Lang::Zh => format!("{name}：{n}"),
                Lang::En => format!("{name}: {n}"),
            })
            .collect::<Vec<_>>()
            .join(self.list_separator())
    }
}

impl Lang {
    /// A tier's rule as the seeds state it: "年消费 ≥ 50 万，且 合作 ≥ 2 年，且 行业龙头".
    pub fn rule_text(self, rule: &Expr, unit: MoneyUnit) -> String {
        let (and, or) = match self {
            Lang::Zh => ("，且 ", "，或 "),
            Lang::En => (" and ", " or "),
        };
        let join = |parts: &[Expr], sep: &str| {
            parts
                .iter()
                .map(|p| match p {
                    Expr::Test(_) => self.rule_text(p, unit),
                    _ => format!("({})", self.rule_text(p, unit)),
                })
                .collect::<Vec<_>>()
                .join(sep)
        };
        match rule {
            Expr::All(parts) if parts.is_empty() => match self {
                Lang::Zh => "其余客户".into(),
                Lang::En => "everyone else".into(),
            },
            Expr::All(parts) if parts.len() == 1 => self.rule_text(&parts[0], unit),
            Expr::Any(parts) if parts.len() == 1 => self.rule_text(&parts[0], unit),
            Expr::All(parts) => join(parts, and),
            Expr::Any(parts) => join(parts, or),
            Expr::Test(Test::AtLeast(m, v)) => format!(
                "{} ≥ {}",
                self.metric_name(*m),
                self.metric_value(*m, *v, unit)
            ),
            Expr::Test(Test::AtMost(m, v)) => format!(
                "{} ≤ {}",
                self.metric_name(*m),
                self.metric_value(*m, *v, unit)
            ),
            Expr::Test(Test::Is(f)) => self.flag_text(*f, true),
            Expr::Test(Test::Not(f)) => self.flag_text(*f, false),
        }
    }
}

/// Months as years the way the seeds write them: 3 年, 1.5 年, 8 个月.
fn years(months: i64, unit: &str) -> String {
    if months % 12 == 0 {
        format!("{} {unit}", months / 12)
    } else if months % 6 == 0 {
        format!("{}.5 {unit}", months / 12)
    } else if months < 12 {
        match unit {
            "年" => format!("{months} 个月"),
            _ => format!("{months} mo"),
        }
    } else {
        // In tenths, rounded half up, without bringing float formatting into the build.
        let tenths = crate::domain::kpi::Tenths::ratio(months, 12, 1).unwrap_or_default();
        format!("{tenths} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tiering::rules::Fact;
    use crate::domain::tiering::{default_scheme, Scheme};

    #[test]
    fn a_rule_reads_with_its_thresholds() {
        let Scheme::Rules(rules) = default_scheme(PresetId::Abcd001) else {
            panic!("001 is a rule scheme");
        };
        assert_eq!(
            Lang::Zh.rule_text(&rules[0].rule, MoneyUnit::Wan),
            "年消费 ≥ 50 万，且 合作 ≥ 2 年，且 行业龙头，且 无流失风险"
        );
        assert_eq!(
            Lang::En.rule_text(rules.last().map(|r| &r.rule).unwrap(), MoneyUnit::Wan),
            "everyone else"
        );
        let Scheme::Rules(vp) = default_scheme(PresetId::ValuePotential) else {
            panic!("value × potential is a rule scheme");
        };
        assert_eq!(
            Lang::En.rule_text(&vp[0].rule, MoneyUnit::Wan),
            "12-month spend ≥ 100 ×10k CNY and (growth potential ≥ 30% or high potential)"
        );
    }

    /// Issue 24, finding 5: under 001, 60 万 in 12 months, 1 year of tenure and no industry
    /// leadership is B; why not A lists both failed conditions with the figures, and the
    /// observation note names the figure close to B's threshold instead of standing for them.
    #[test]
    fn why_not_higher_lists_every_failed_condition_and_the_note_names_its_figure() {
        use crate::domain::calendar::add_months;
        use crate::domain::records::{Customer, Order};
        use crate::domain::tiering::{classify_portfolio, TieringSettings};
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let order = |id: &str, months: i32, wan: i64| Order {
            id: id.into(),
            date: Some(add_months(today, -months)),
            amount_fen: Fen::from_wan(wan),
            ..Order::default()
        };
        let c = Customer {
            id: "x".into(),
            name: "X".into(),
            orders: vec![
                order("first", 12, 0),
                order("o1", 2, 30),
                order("o2", 1, 30),
            ],
            ..Customer::default()
        };
        let settings = TieringSettings {
            preset: PresetId::Abcd001,
            ..TieringSettings::default()
        };
        let cl = &classify_portfolio(&[c], &settings, today)[0];
        assert_eq!(cl.tier, Tier::B);
        assert_eq!(
            Lang::En.why_not(PresetId::Abcd001, &cl.explanation, MoneyUnit::Wan),
            ["A · core: tenure 1 y < 2 y, not an industry leader"]
        );
        assert_eq!(
            Lang::Zh.why_not(PresetId::Abcd001, &cl.explanation, MoneyUnit::Wan),
            ["A · 核心客户: 合作 1 年 < 2 年、非行业龙头"]
        );
        assert!(cl.borderline);
        assert_eq!(
            Lang::En.observation_note(&cl.near, MoneyUnit::Wan),
            "Under observation: a figure is close to a threshold (tenure 1 y ≥ 1 y); the tier \
             does not move yet."
        );
        assert_eq!(
            Lang::Zh.observation_note(&cl.near, MoneyUnit::Wan),
            "观察期：数据接近分级门槛（合作 1 年 ≥ 1 年），级别暂不调整。"
        );
    }

    #[test]
    fn the_issue_s_example_reads_as_written() {
        let facts = vec![
            Fact {
                test: Test::AtLeast(Metric::Spend12m, Fen::from_wan(50).0),
                actual: Some(Fen::from_wan(85).0),
                met: true,
            },
            Fact {
                test: Test::AtLeast(Metric::TenureMonths, 24),
                actual: Some(36),
                met: true,
            },
            Fact {
                test: Test::Is(Flag::IndustryLeader),
                actual: None,
                met: true,
            },
            Fact {
                test: Test::Not(Flag::ChurnRisk),
                actual: None,
                met: true,
            },
        ];
        let e = Explanation {
            facts,
            ..Explanation::default()
        };
        assert_eq!(
            Lang::Zh.explain(PresetId::Abcd001, Tier::A, &e, MoneyUnit::Wan),
            "A · 核心客户 · 年消费 85 万 ≥ 50 万 · 合作 3 年 ≥ 2 年 · 行业龙头 · 无流失风险"
        );
        assert_eq!(
            Lang::En.explain(PresetId::Abcd001, Tier::A, &e, MoneyUnit::Wan),
            "A · core · 12-month spend 85 ×10k CNY ≥ 50 ×10k CNY · tenure 3 y ≥ 2 y · industry leader · no churn risk"
        );
    }

    #[test]
    fn failed_and_missing_tests_say_so() {
        let f = Fact {
            test: Test::AtLeast(Metric::TenureMonths, 24),
            actual: Some(12),
            met: false,
        };
        assert_eq!(Lang::Zh.fact(&f, MoneyUnit::Wan), "合作 1 年 < 2 年");
        let f = Fact {
            test: Test::AtMost(Metric::LatestFeedback, 3),
            actual: Some(3),
            met: true,
        };
        assert_eq!(Lang::Zh.fact(&f, MoneyUnit::Wan), "最近反馈 3 分 ≤ 3 分");
        let f = Fact {
            test: Test::AtLeast(Metric::TenureMonths, 24),
            actual: None,
            met: false,
        };
        assert_eq!(
            Lang::En.fact(&f, MoneyUnit::Wan),
            "no tenure: first deal date missing"
        );
        assert_eq!(years(18, "年"), "1.5 年");
        assert_eq!(years(8, "年"), "8 个月");
        assert_eq!(years(14, "y"), "1.2 y");
        assert_eq!(years(15, "y"), "1.3 y");
        assert_eq!(years(35, "年"), "2.9 年");
    }
}
