//! Text of the dashboard: the KPIs with their formulas, grades, charts, the period picker and
//! the targets editor.

use super::{catalogue, Lang};
use crate::domain::kpi::{Direction, Grade, MissingData, Tenths};

catalogue! {
    dash_period { zh: "期间", en: "Period" }
    period_quarter { zh: "本季度", en: "This quarter" }
    period_year { zh: "今年", en: "This year" }
    period_12m { zh: "近 12 个自然月", en: "Last 12 calendar months" }
    period_custom { zh: "自定义", en: "Custom" }
    period_from { zh: "开始日期", en: "From" }
    period_to { zh: "结束日期", en: "To" }
    dash_print { zh: "打印", en: "Print" }
    dash_targets_title { zh: "目标达成", en: "Targets" }
    dash_trends_title { zh: "每月趋势", en: "Month by month" }
    dash_now_title { zh: "当前状况", en: "Right now" }

    kpi_churn { zh: "年流失率", en: "Churn rate" }
    kpi_churn_formula {
        zh: "流失率 = 期间内流失的客户 ÷ 期初客户数（未成交的线索不计入）",
        en: "Churn = customers lost in the period ÷ customers at its start (leads that never bought are left out)"
    }
    kpi_csat { zh: "满意度（CSAT）", en: "Satisfaction (CSAT)" }
    kpi_csat_formula {
        zh: "CSAT = 评分之和 ÷ 评分数，100 分制；0–10 分的反馈评分 ×10 换算",
        en: "CSAT = sum of the scores ÷ number of scores, on a 100 scale; 0–10 feedback scores are scaled ×10"
    }
    kpi_nps { zh: "净推荐值（NPS）", en: "Net Promoter Score (NPS)" }
    kpi_nps_formula {
        zh: "NPS =（推荐者 9–10 分 − 贬损者 0–6 分）÷ 回答数 × 100",
        en: "NPS = (promoters 9–10 − detractors 0–6) ÷ answers × 100"
    }
    kpi_tracked { zh: "跟踪，不设目标", en: "Tracked, no target" }
    kpi_sat_yoy { zh: "满意度同比提升", en: "Satisfaction, year on year" }
    kpi_sat_yoy_formula {
        zh: "本期 CSAT 平均分 − 去年同期平均分（分）",
        en: "This period's CSAT average − the same period a year before (points)"
    }
    kpi_repeat { zh: "复购率", en: "Repeat-purchase rate" }
    kpi_repeat_formula {
        zh: "复购率 = 本期下单且以前下过单的客户 ÷ 本期下单客户",
        en: "Repeat purchase = customers who ordered in the period and had ordered before ÷ customers who ordered"
    }
    kpi_repeat_yoy { zh: "复购率同比提升", en: "Repeat purchase, year on year" }
    kpi_repeat_yoy_formula {
        zh: "本期复购率 − 去年同期复购率（百分点）",
        en: "This period's repeat-purchase rate − the same period a year before (points)"
    }
    kpi_callback_important { zh: "回访率 · 重要客户", en: "Callback rate · important" }
    kpi_callback_general { zh: "回访率 · 一般客户", en: "Callback rate · general" }
    kpi_callback_new { zh: "回访率 · 新客户", en: "Callback rate · new" }
    kpi_callback_formula {
        zh: "回访率 = 按时完成的到期联系 ÷ 到期联系（按各等级的联系周期；重要 = A，一般 = B，新客户 = C、D）",
        en: "Callback rate = due touches done on time ÷ touches due (by each tier's cadence; important = A, general = B, new = C and D)"
    }
    kpi_referrals { zh: "转介绍占新客户", en: "Referrals among new customers" }
    kpi_referrals_formula {
        zh: "转介绍率 = 有“转介绍人”的新客户 ÷ 本期首次成交的新客户",
        en: "Referral share = new customers with a \"referred by\" ÷ customers whose first deal is in the period"
    }
    kpi_new_points { zh: "新合作点 / 老客户 / 季度", en: "New cooperation points per old customer per quarter" }
    kpi_new_points_formula {
        zh: "跟进中首次记录的需求挖掘点 ÷ 老客户数 ÷ 季度数",
        en: "Needs discovered, first recorded in follow-ups ÷ old customers ÷ quarters"
    }
    kpi_value_added { zh: "增值服务参与率", en: "Value-added service participation" }
    kpi_value_added_formula {
        zh: "参与率 = 本期参加过增值服务的客户 ÷ 已成交客户",
        en: "Participation = customers who took part in a value-added service in the period ÷ customers with a deal"
    }

    grade_met { zh: "达成", en: "Met" }
    grade_close { zh: "接近", en: "Close" }
    grade_missed { zh: "未达成", en: "Missed" }
    missing_prefix { zh: "暂无数据：", en: "No data yet: " }

    chart_churn { zh: "每月流失率（%）", en: "Churn per month (%)" }
    chart_satisfaction { zh: "每月 CSAT 与 NPS", en: "CSAT and NPS per month" }
    chart_callback { zh: "每月按时回访率（%）", en: "On-time callback rate per month (%)" }
    chart_overdue { zh: "每月逾期的联系", en: "Touches gone overdue per month" }
    chart_target { zh: "目标", en: "Target" }
    chart_no_value { zh: "无数据", en: "no data" }
    chart_month { zh: "月份", en: "Month" }
    chart_due { zh: "到期", en: "Due" }
    chart_missed { zh: "逾期", en: "Overdue" }
    chart_tiers { zh: "分级分布", en: "Tier distribution" }
    tiers_now { zh: "现在", en: "Now" }
    tiers_untiered { zh: "未分级", en: "Untiered" }
    tiers_no_review {
        zh: "还没有完成过分级复核；完成一次复核后，这里会显示与那时相比的变化。",
        en: "No re-tier review completed yet; after one, the change since then shows here."
    }
    dash_overdue_now { zh: "逾期联系", en: "Overdue touches" }
    dash_badly_overdue { zh: "严重逾期", en: "Badly overdue" }
    dash_at_risk { zh: "流失风险客户", en: "Customers at risk" }
    dash_watch { zh: "需关注客户", en: "Customers to watch" }

    dash_edit_targets { zh: "修改目标", en: "Edit targets" }
    dash_targets_hint {
        zh: "默认值来自种子模板（002、003）。年流失率按期间长度折算：一个季度允许全年目标的 3/12。",
        en: "The defaults are the seed templates' (002, 003). The annual churn target is prorated: a quarter is allowed 3/12 of it."
    }
    dash_targets_reset { zh: "恢复种子模板的目标", en: "Back to the seeds' targets" }
    target_churn_label { zh: "年流失率不高于（%）", en: "Annual churn at most (%)" }
    target_csat_label { zh: "CSAT 不低于（100 分制）", en: "CSAT at least (100 scale)" }
    target_sat_yoy_label { zh: "满意度同比提升（分）", en: "Satisfaction up year on year (points)" }
    target_repeat_yoy_label { zh: "复购率同比提升（百分点）", en: "Repeat purchase up year on year (points)" }
    target_callback_important_label { zh: "回访率 · 重要客户（%）", en: "Callback rate · important (%)" }
    target_callback_general_label { zh: "回访率 · 一般客户（%）", en: "Callback rate · general (%)" }
    target_callback_new_label { zh: "回访率 · 新客户（%）", en: "Callback rate · new (%)" }
    target_referrals_label { zh: "转介绍占新客户（%）", en: "Referrals among new customers (%)" }
    target_new_points_label { zh: "每季度每个老客户新合作点", en: "New points per old customer per quarter" }
    target_value_added_label { zh: "增值服务参与率（%）", en: "Value-added participation (%)" }
    target_invalid {
        zh: "请输入不小于 0 的数字（新合作点可有一位小数）。",
        en: "Enter a number of 0 or more (new points may have one decimal)."
    }
}

impl Lang {
    pub fn grade(self, g: Grade) -> &'static str {
        match g {
            Grade::Met => self.grade_met(),
            Grade::Close => self.grade_close(),
            Grade::Missed => self.grade_missed(),
        }
    }

    /// "目标 ≤ 15%", "target ≥ 85".
    pub fn target_text(self, direction: Direction, value: Tenths, unit: &str) -> String {
        let op = match direction {
            Direction::AtLeast => "≥",
            Direction::AtMost => "≤",
        };
        match self {
            Lang::Zh => format!("目标 {op} {value}{unit}"),
            Lang::En => format!("target {op} {value}{unit}"),
        }
    }

    /// The formula's two counts, as the figure's footnote.
    pub fn counts(self, part_name: &str, part: i64, whole_name: &str, whole: i64) -> String {
        match self {
            Lang::Zh => format!("{part_name} {part} ÷ {whole_name} {whole}"),
            Lang::En => format!("{part_name} {part} ÷ {whole_name} {whole}"),
        }
    }

    /// Names of each figure's part and whole.
    pub fn count_names(self, figure: &str) -> (&'static str, &'static str) {
        match (self, figure) {
            (Lang::Zh, "churn") => ("流失", "期初客户"),
            (Lang::En, "churn") => ("lost", "at the start"),
            (Lang::Zh, "csat") => ("总分", "评分"),
            (Lang::En, "csat") => ("points", "scores"),
            (Lang::Zh, "nps") => ("推荐者 − 贬损者", "回答"),
            (Lang::En, "nps") => ("promoters − detractors", "answers"),
            (Lang::Zh, "repeat") => ("复购客户", "下单客户"),
            (Lang::En, "repeat") => ("repeat buyers", "buyers"),
            (Lang::Zh, "callback") => ("按时", "到期"),
            (Lang::En, "callback") => ("on time", "due"),
            (Lang::Zh, "referrals") => ("转介绍", "新客户"),
            (Lang::En, "referrals") => ("referred", "new customers"),
            (Lang::Zh, "new_points") => ("新合作点", "老客户"),
            (Lang::En, "new_points") => ("new points", "old customers"),
            (Lang::Zh, "value_added") => ("参与客户", "客户"),
            (Lang::En, "value_added") => ("took part", "customers"),
            (Lang::Zh, _) => ("", ""),
            (Lang::En, _) => ("", ""),
        }
    }

    pub fn csat_scaled(self, scaled: u32) -> String {
        match self {
            Lang::Zh => format!("其中 {scaled} 份为 0–10 分反馈，已 ×10 换算"),
            Lang::En => format!("{scaled} of them 0–10 feedback scores, scaled ×10"),
        }
    }

    /// What to record to get a figure that has no data yet.
    pub fn missing_data(self, m: MissingData) -> &'static str {
        use MissingData::*;
        match (self, m) {
            (Lang::Zh, LifecycleStages) => "在生命周期中移动客户——移入“流失”阶段的客户才计入流失。",
            (Lang::En, LifecycleStages) => "move customers through the lifecycle — a move into churned is what churn counts.",
            (Lang::Zh, CustomerDates) => "记录客户的建档日期或首次成交日期，才能知道期初有哪些客户。",
            (Lang::En, CustomerDates) => "record when customers were created or first bought, so the customers at the start are known.",
            (Lang::Zh, CsatScores) => "在客户档案中记录本期的满意度评分（CSAT 0–100 或反馈 0–10）。",
            (Lang::En, CsatScores) => "record satisfaction scores in the period on the profile (CSAT 0–100 or feedback 0–10).",
            (Lang::Zh, NpsAnswers) => "在客户档案中记录本期的 NPS 回答（0–10）。",
            (Lang::En, NpsAnswers) => "record NPS answers (0–10) in the period on the profile.",
            (Lang::Zh, Orders) => "记录带日期的订单。",
            (Lang::En, Orders) => "record dated orders.",
            (Lang::Zh, Tiers) => "先给客户分级——回访率按各等级的联系周期计算。",
            (Lang::En, Tiers) => "tier your customers — the callback rate follows each tier's cadence.",
            (Lang::Zh, Cadence) => "本期这一类客户没有到期的联系。",
            (Lang::En, Cadence) => "no touch of this class fell due in the period.",
            (Lang::Zh, NewCustomers) => "本期没有新客户——记录新客户的首次成交。",
            (Lang::En, NewCustomers) => "no new customers in the period — record new customers' first deals.",
            (Lang::Zh, FollowUpNeeds) => "在跟进记录中填写“需求挖掘点”。",
            (Lang::En, FollowUpNeeds) => "fill in \"needs found\" in follow-ups.",
            (Lang::Zh, ValueAddedServices) => "把属于增值服务的跟进（培训、沙龙、资源对接……）勾选为增值服务。",
            (Lang::En, ValueAddedServices) => "tick \"value-added service\" on follow-ups that were one (training, salons, resources …).",
            (Lang::Zh, LastYear) => "需要去年同期的数据才能比较。",
            (Lang::En, LastYear) => "the same period a year before has no data to compare with.",
        }
    }

    pub fn period_span(self, from: &str, to: &str) -> String {
        format!("{from} – {to}")
    }

    pub fn tiers_at_review(self, date: &str) -> String {
        match self {
            Lang::Zh => format!("上次复核（{date}）"),
            Lang::En => format!("At the last review ({date})"),
        }
    }

    /// "A +2", "B −1" since the review.
    pub fn tier_change(self, tier: &str, change: i64) -> String {
        let sign = match change.signum() {
            1 => "+",
            -1 => "−",
            _ => "±",
        };
        format!("{tier} {sign}{}", change.abs())
    }

    pub fn month_short(self, year: i32, month: u32) -> String {
        match self {
            Lang::Zh => format!("{:02}年{month}月", year % 100),
            Lang::En => format!(
                "{} {:02}",
                [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec"
                ][(month as usize).saturating_sub(1) % 12],
                year % 100
            ),
        }
    }
}
