//! Text of the contact cadence: Today, the plan, the cadence settings.

use super::{catalogue, Lang};
use crate::domain::cadence::plan::{MoveReason, Suggestion};
use crate::domain::cadence::{DueReason, Holiday, Interval, PolicyId, Response, Step, TouchKind};

catalogue! {
    today_overdue { zh: "逾期", en: "Overdue" }
    today_due { zh: "今天到期", en: "Due today" }
    today_next { zh: "未来 7 天", en: "Next 7 days" }
    today_nothing {
        zh: "今天没有需要联系的客户。按联系周期到期的联系会出现在这里。",
        en: "Nobody to contact today. Touches due by the cadence appear here."
    }
    today_log { zh: "记录联系", en: "Log touch" }
    today_snooze { zh: "延后", en: "Snooze" }
    today_snooze_to { zh: "延后到", en: "Move to" }
    today_snooze_reason { zh: "原因（必填）", en: "Reason (required)" }
    today_snooze_reason_required { zh: "请填写延后原因", en: "Say why it moves" }
    today_snooze_date_invalid { zh: "请选择今天之后的日期", en: "Pick a date after today" }
    today_logged { zh: "已记录", en: "Logged" }
    today_snoozed { zh: "已延后", en: "Snoozed" }
    today_topics { zh: "主题（1–2 个，逗号分隔）", en: "Topics (1–2, comma-separated)" }
    today_note { zh: "沟通内容", en: "What was said" }
    today_kind { zh: "联系方式", en: "Kind of touch" }
    today_suggested { zh: "建议主题：", en: "Suggested topics: " }
    today_last_touch { zh: "上次", en: "last" }
    today_never_touched { zh: "尚未联系过", en: "never contacted" }
    today_date { zh: "日期", en: "Date" }
    plan_month { zh: "月历", en: "Month" }
    plan_prev { zh: "上个月", en: "Previous month" }
    plan_next { zh: "下个月", en: "Next month" }
    plan_customer { zh: "客户年度计划", en: "A customer's year" }
    plan_choose_customer { zh: "选择客户", en: "Choose a customer" }
    plan_export_ics { zh: "导出日历（.ics）", en: "Export calendar (.ics)" }
    plan_print { zh: "打印", en: "Print" }
    plan_edit { zh: "修改", en: "Edit" }
    plan_remove { zh: "从计划中删除", en: "Remove from plan" }
    plan_owner { zh: "负责人", en: "Owner" }
    plan_topics_limit { zh: "每次最多 2 个主题", en: "At most 2 topics per touch" }
    plan_empty_day { zh: "无", en: "—" }
    plan_items_month { zh: "本月计划联系", en: "Touches planned this month" }
    plan_moved_weekend { zh: "避开周末", en: "moved off a weekend" }
    settings_cadence_title { zh: "联系周期", en: "Contact cadence" }
    settings_cadence_policy { zh: "周期方案", en: "Cadence" }
    settings_cadence_follow { zh: "跟随分级方法", en: "Follow the tiering method" }
    settings_cadence_skip_weekends { zh: "跳过周末（顺延到周一；有期限的事和祝福提前到周五）", en: "Skip weekends (to Monday; deadlines and greetings to the Friday before)" }
    settings_cadence_cap { zh: "每位负责人每天最多联系数（0 = 不限）", en: "Touches per owner per day at most (0 = no cap)" }
    settings_cadence_holidays { zh: "节日问候", en: "Holiday greetings" }
    settings_cadence_peak { zh: "旺季前提醒（天）", en: "Remind before peak season (days)" }
    settings_cadence_onboarding { zh: "首次成交后的新客户流程（002/003）", en: "Onboarding after a first deal (002/003)" }
    settings_cadence_table { zh: "各级别的联系频率（可修改数字）", en: "Touches per tier (edit the numbers)" }
    every_days { zh: "天", en: "days" }
    every_months { zh: "个月", en: "months" }
    every_label { zh: "每", en: "every" }
}

impl Lang {
    pub fn touch_kind(self, k: TouchKind) -> &'static str {
        match (self, k) {
            (Lang::Zh, TouchKind::Contact) => "联系",
            (Lang::Zh, TouchKind::Call) => "电话",
            (Lang::Zh, TouchKind::Online) => "视频/线上沟通",
            (Lang::Zh, TouchKind::Visit) => "上门拜访",
            (Lang::Zh, TouchKind::ExecutiveVisit) => "高层拜访",
            (Lang::Zh, TouchKind::Message) => "短信/邮件",
            (Lang::Zh, TouchKind::NeedsSurvey) => "需求调研与资料",
            (Lang::Zh, TouchKind::ThankYouLetter) => "合作感谢信",
            (Lang::Zh, TouchKind::UserGuide) => "产品使用指南",
            (Lang::Zh, TouchKind::Gift) => "小礼品",
            (Lang::Zh, TouchKind::Greeting) => "问候",
            (Lang::Zh, TouchKind::Event) => "沙龙/活动",
            (Lang::En, TouchKind::Event) => "Salon / event",
            (Lang::En, TouchKind::Contact) => "Contact",
            (Lang::En, TouchKind::Call) => "Call",
            (Lang::En, TouchKind::Online) => "Video / online",
            (Lang::En, TouchKind::Visit) => "Visit",
            (Lang::En, TouchKind::ExecutiveVisit) => "Executive visit",
            (Lang::En, TouchKind::Message) => "Message",
            (Lang::En, TouchKind::NeedsSurvey) => "Needs survey",
            (Lang::En, TouchKind::ThankYouLetter) => "Thank-you letter",
            (Lang::En, TouchKind::UserGuide) => "User guide",
            (Lang::En, TouchKind::Gift) => "Small gift",
            (Lang::En, TouchKind::Greeting) => "Greeting",
        }
    }

    pub fn interval(self, i: Interval) -> String {
        match (self, i) {
            (Lang::Zh, Interval::Days(7)) => "每周".into(),
            (Lang::Zh, Interval::Days(14)) => "每两周".into(),
            (Lang::Zh, Interval::Days(d)) => format!("每 {d} 天"),
            (Lang::Zh, Interval::Months(1)) => "每月".into(),
            (Lang::Zh, Interval::Months(3)) => "每季度".into(),
            (Lang::Zh, Interval::Months(6)) => "每半年".into(),
            (Lang::Zh, Interval::Months(m)) => format!("每 {m} 个月"),
            (Lang::En, Interval::Days(7)) => "weekly".into(),
            (Lang::En, Interval::Days(14)) => "every two weeks".into(),
            (Lang::En, Interval::Days(d)) => format!("every {d} days"),
            (Lang::En, Interval::Months(1)) => "monthly".into(),
            (Lang::En, Interval::Months(3)) => "quarterly".into(),
            (Lang::En, Interval::Months(6)) => "every six months".into(),
            (Lang::En, Interval::Months(m)) => format!("every {m} months"),
        }
    }

    pub fn policy_name(self, p: PolicyId) -> &'static str {
        match (self, p) {
            (Lang::Zh, PolicyId::P000) => "000：A 每月、B 每季度、C 每半年",
            (Lang::Zh, PolicyId::P001) => "001：A 高层拜访+电话、B 季度拜访、C 半年回访、D 月度需求调研",
            (Lang::Zh, PolicyId::P002) => "002：A 每周、B 每两周、C 每月、D 每周两次（一个月）",
            (Lang::Zh, PolicyId::P003) => "003：重要客户月度电话与季度拜访、一般客户双月电话、新客户三步",
            (Lang::En, PolicyId::P000) => "000: A monthly, B quarterly, C every six months",
            (Lang::En, PolicyId::P001) => "001: A executive visits + calls, B quarterly visit, C six-monthly call, D monthly survey",
            (Lang::En, PolicyId::P002) => "002: A weekly, B every two weeks, C monthly, D twice a week for a month",
            (Lang::En, PolicyId::P003) => "003: important monthly calls + quarterly visits, general every two months, new-customer steps",
        }
    }

    pub fn response(self, r: Response) -> &'static str {
        match (self, r) {
            (Lang::Zh, Response::AroundTheClock) => "7×24 小时响应",
            (Lang::Zh, Response::FourHoursWorkdays) => "工作日 4 小时内响应",
            (Lang::En, Response::AroundTheClock) => "7×24 response",
            (Lang::En, Response::FourHoursWorkdays) => "4-hour response on workdays",
        }
    }

    pub fn holiday(self, h: Holiday) -> &'static str {
        match (self, h) {
            (Lang::Zh, Holiday::NewYear) => "元旦",
            (Lang::Zh, Holiday::SpringFestival) => "春节",
            (Lang::Zh, Holiday::LanternFestival) => "元宵节",
            (Lang::Zh, Holiday::LabourDay) => "劳动节",
            (Lang::Zh, Holiday::DragonBoat) => "端午节",
            (Lang::Zh, Holiday::MidAutumn) => "中秋节",
            (Lang::Zh, Holiday::NationalDay) => "国庆节",
            (Lang::En, Holiday::NewYear) => "New Year's Day",
            (Lang::En, Holiday::SpringFestival) => "Spring Festival",
            (Lang::En, Holiday::LanternFestival) => "Lantern Festival",
            (Lang::En, Holiday::LabourDay) => "Labour Day",
            (Lang::En, Holiday::DragonBoat) => "Dragon Boat Festival",
            (Lang::En, Holiday::MidAutumn) => "Mid-Autumn Festival",
            (Lang::En, Holiday::NationalDay) => "National Day",
        }
    }

    pub fn step(self, s: Step) -> &'static str {
        match (self, s) {
            (Lang::Zh, Step::ThankYou) => "首次合作后 24 小时内：发送合作感谢信",
            (Lang::Zh, Step::WelcomeCall) => "首次合作后 24 小时内：电话回访",
            (Lang::Zh, Step::Guide) => "首次合作后第 7 天：提供产品使用指南",
            (Lang::Zh, Step::Review) => "首次合作后第 30 天：拜访或视频会议复盘",
            (Lang::Zh, Step::Gift) => "首次合作后第 30 天：赠送定制小礼品",
            (Lang::Zh, Step::FirstWeekCall) => "新客户：首次购买后 1 周内电话回访",
            (Lang::Zh, Step::FirstMonthCall) => "新客户：1 个月内再次电话回访",
            (Lang::Zh, Step::FirstQuarterVisit) => "新客户：3 个月内上门回访",
            (Lang::En, Step::ThankYou) => "within 24 h of the first deal: thank-you letter",
            (Lang::En, Step::WelcomeCall) => "within 24 h of the first deal: short call",
            (Lang::En, Step::Guide) => "day 7 after the first deal: user guide",
            (Lang::En, Step::Review) => "day 30: review visit or video meeting",
            (Lang::En, Step::Gift) => "day 30: a small gift",
            (Lang::En, Step::FirstWeekCall) => {
                "new customer: a call within 1 week of the first purchase"
            }
            (Lang::En, Step::FirstMonthCall) => "new customer: another call within 1 month",
            (Lang::En, Step::FirstQuarterVisit) => "new customer: a visit within 3 months",
        }
    }

    /// Why a touch is due, with the rule and the last touch: "B · 每季度 · 上次 2024-01-10".
    pub fn due_reason(self, reason: &DueReason, last: Option<&str>) -> String {
        let last = match (self, last) {
            (Lang::Zh, Some(d)) => format!("上次 {d}"),
            (Lang::En, Some(d)) => format!("last {d}"),
            (_, None) => self.today_never_touched().to_string(),
        };
        self.reason_with(reason, Some(&last))
    }

    /// The rule alone, for a touch in the plan ahead: "B · 每季度".
    pub fn due_rule(self, reason: &DueReason) -> String {
        self.reason_with(reason, None)
    }

    fn reason_with(self, reason: &DueReason, last: Option<&str>) -> String {
        let tail = |s: String| match last {
            Some(l) => format!("{s} · {l}"),
            None => s,
        };
        match reason {
            DueReason::Cadence {
                tier,
                every,
                paused,
            } => {
                let paused = match (self, paused) {
                    (Lang::Zh, true) => "（暂停采购的 A 类客户，频率加倍）",
                    (Lang::En, true) => " (paused A customer: twice as often)",
                    _ => "",
                };
                tail(format!("{tier:?} · {}{paused}", self.interval(*every)))
            }
            DueReason::Onboarding(step) => self.step(*step).to_string(),
            DueReason::Birthday { contact } => match self {
                Lang::Zh => format!("{contact} 生日"),
                Lang::En => format!("{contact}'s birthday"),
            },
            DueReason::Anniversary { years } => match self {
                Lang::Zh => format!("合作 {years} 周年"),
                Lang::En => format!("{years} years of cooperation"),
            },
            DueReason::Holiday(h) => self.holiday(*h).to_string(),
            DueReason::PeakSeason { starts } => match self {
                Lang::Zh => format!("客户旺季 {starts} 开始，提前沟通"),
                Lang::En => {
                    format!("the customer's peak season starts {starts}: get in touch before")
                }
            },
            DueReason::WinBack => tail(match self {
                Lang::Zh => "挽回跟进（每周两次，持续一个月）".to_string(),
                Lang::En => "win-back (twice a week for a month)".to_string(),
            }),
            DueReason::Planned => tail(match self {
                Lang::Zh => "计划的联系".to_string(),
                Lang::En => "planned touch".to_string(),
            }),
        }
    }

    pub fn suggestion(self, s: Suggestion) -> &'static str {
        match (self, s) {
            (Lang::Zh, Suggestion::WhitePaper) => "带去行业白皮书，沟通本季度需求",
            (Lang::Zh, Suggestion::HalfYearReview) => "反馈上半年问题处理结果，探讨下半年方案",
            (Lang::Zh, Suggestion::SummitInvitation) => "邀请参加客户峰会，对接上下游资源",
            (Lang::Zh, Suggestion::AnnualReview) => "年度总结，制定下一年度合作框架",
            (Lang::En, Suggestion::WhitePaper) => {
                "bring an industry white paper; this quarter's needs"
            }
            (Lang::En, Suggestion::HalfYearReview) => {
                "results on the half-year's issues; plans for the second half"
            }
            (Lang::En, Suggestion::SummitInvitation) => {
                "invite to the customer summit; connect partners"
            }
            (Lang::En, Suggestion::AnnualReview) => "annual review; next year's framework",
        }
    }

    pub fn move_reason(self, from: &str, why: MoveReason) -> String {
        match (self, why) {
            (Lang::Zh, MoveReason::Weekend) => format!("原定 {from}，避开周末"),
            (Lang::En, MoveReason::Weekend) => format!("moved from {from}: weekend"),
            (Lang::Zh, MoveReason::DailyCap { cap }) => {
                format!("原定 {from}，当天已有 {cap} 次联系，顺延以分散工作量")
            }
            (Lang::En, MoveReason::DailyCap { cap }) => {
                format!("moved from {from}: the owner already had {cap} touches that day")
            }
        }
    }

    pub fn snoozed_note(self, from: &str, reason: &str) -> String {
        match self {
            Lang::Zh => format!("从 {from} 延后：{reason}"),
            Lang::En => format!("snoozed from {from}: {reason}"),
        }
    }

    pub fn month_title(self, year: i32, month: u32) -> String {
        match self {
            Lang::Zh => format!("{year} 年 {month} 月"),
            Lang::En => format!("{} {year}", self.month_name(month)),
        }
    }

    pub fn weekday_short(self, i: usize) -> &'static str {
        let zh = ["一", "二", "三", "四", "五", "六", "日"];
        let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        match self {
            Lang::Zh => zh[i % 7],
            Lang::En => en[i % 7],
        }
    }
}
