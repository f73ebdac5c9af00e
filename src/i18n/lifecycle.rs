//! Text of the lifecycle pipeline, churn warning and win-back.

use super::{catalogue, Lang};
use crate::domain::churn::{Health, Signal};
use crate::domain::lifecycle::{KeyAction, Output, StageStatus};
use crate::domain::warning::WARNING;
use crate::domain::winback::{Outcome, PlanAction, Reason};

catalogue! {
    pipe_lifecycle { zh: "生命周期", en: "Lifecycle" }
    pipe_stage { zh: "阶段", en: "Stage" }
    pipe_status { zh: "状态", en: "Status" }
    pipe_days { zh: "天（本阶段）", en: "days in stage" }
    pipe_late { zh: "已超时", en: "late" }
    pipe_inferred { zh: "按订单推断，移动后确定", en: "inferred from orders; move it to set it" }
    pipe_move_left { zh: "移到上一阶段", en: "Move to the previous stage" }
    pipe_move_right { zh: "移到下一阶段", en: "Move to the next stage" }
    pipe_empty { zh: "暂无客户", en: "No customers" }
    pipe_hint {
        zh: "用卡片上的箭头按钮（用鼠标时也可拖动卡片）在阶段之间移动客户。超过时间节点且关键动作未完成的卡片标为超时；已记录的跟进、订单和挽回案例算作完成。",
        en: "Use a card's arrow buttons (or, with a mouse, drag it) to move a customer between stages. Cards past their stage's time node with key actions undone are marked late; logged follow-ups, orders and win-back cases count as done."
    }
    pipe_checklist { zh: "关键动作", en: "Key actions" }
    pipe_outputs { zh: "成果输出", en: "Outputs" }
    pipe_output_add { zh: "添加", en: "Add" }
    pipe_output_text { zh: "备注或链接", en: "Note or link" }
    pipe_history { zh: "阶段记录", en: "Stage history" }
    pipe_time_node { zh: "时间节点", en: "Time node" }
    pipe_names { zh: "阶段名称（可按行业调整，含义不变）", en: "Stage names (adjust to your business; the meaning stays)" }
    pipe_moved { zh: "已移动", en: "Moved" }
    pipe_no_status { zh: "待定", en: "not set" }
    health_title { zh: "客户健康度", en: "Health" }
    health_filter { zh: "健康度", en: "Health" }
    health_new_signal { zh: "新的流失预警信号：", en: "New churn warning: " }
    health_start_winback {
        zh: "启动挽回流程（每周联系两次，持续一个月）",
        en: "Start win-back (contact twice a week for a month)"
    }
    health_dismiss { zh: "已知晓，暂不处理", en: "Noted, no action now" }
    today_at_risk { zh: "流失风险客户", en: "Customers at risk" }
    wb_title { zh: "挽回", en: "Win-back" }
    wb_open { zh: "进行中的挽回", en: "Open win-back case" }
    wb_new { zh: "建立挽回案例", en: "Open a win-back case" }
    wb_reasons { zh: "流失原因", en: "Reasons" }
    wb_other_reason { zh: "其他原因", en: "Other reason" }
    wb_recoverable { zh: "可挽回", en: "Recoverable" }
    wb_not_recoverable { zh: "不可挽回", en: "Not recoverable" }
    wb_actions { zh: "挽回方案", en: "Plan" }
    wb_fix { zh: "问题专项解决（说明）", en: "Specific fix (describe)" }
    wb_owner { zh: "专人负责", en: "Named owner" }
    wb_log { zh: "记录挽回跟进", en: "Log a win-back follow-up" }
    wb_followups { zh: "相关跟进", en: "Follow-ups of the case" }
    wb_close { zh: "结案", en: "Close the case" }
    wb_outcome { zh: "结果", en: "Result" }
    wb_review { zh: "结果复盘（必填，成功与否都要记录）", en: "Review (required, whatever the result)" }
    wb_closed_cases { zh: "历史挽回案例", en: "Closed cases" }
    wb_error_owner { zh: "请指定负责人", en: "Name an owner" }
    wb_error_review { zh: "请填写结果复盘", en: "Write the review" }
    wb_saved { zh: "挽回案例已保存", en: "Win-back case saved" }
    settings_saved_short { zh: "已保存", en: "Saved" }
}

impl Lang {
    /// Which time node passed and what was not done by it: "时间节点 2026-08-22 已过，未完成：季度回访".
    pub fn pipe_node_passed(self, due: &str, missing: &[KeyAction]) -> String {
        let actions = missing
            .iter()
            .map(|a| self.key_action(*a))
            .collect::<Vec<_>>()
            .join(self.list_separator());
        match self {
            Lang::Zh => format!("时间节点 {due} 已过，未完成：{actions}"),
            Lang::En => format!("Time node {due} passed without: {actions}"),
        }
    }

    /// A key action the records show as done (a logged follow-up, an order, a case …).
    pub fn pipe_done_by_records(self, on: &str) -> String {
        match self {
            Lang::Zh => format!("已由记录完成（{on}）"),
            Lang::En => format!("done, from the records ({on})"),
        }
    }

    pub fn stage_status(self, s: StageStatus) -> &'static str {
        use StageStatus::*;
        match (self, s) {
            (Lang::Zh, ToNurture) => "待培育",
            (Lang::Zh, LowIntent) => "低意向",
            (Lang::Zh, HighIntent) => "高意向",
            (Lang::Zh, ClearIntent) => "意向明确",
            (Lang::Zh, NeedsFollowUp) => "需跟进",
            (Lang::Zh, ToAbandon) => "待放弃",
            (Lang::Zh, Signed) => "已签约",
            (Lang::Zh, Implementing) => "实施中",
            (Lang::Zh, Delivered) => "已交付",
            (Lang::Zh, Loyal) => "高忠诚度",
            (Lang::Zh, Stable) => "稳定",
            (Lang::Zh, NeedsAttention) => "需关注",
            (Lang::Zh, Recovered) => "已挽回",
            (Lang::Zh, RecoveryFailed) => "挽回失败",
            (Lang::Zh, Unrecoverable) => "不可挽回",
            (Lang::En, ToNurture) => "to nurture",
            (Lang::En, LowIntent) => "low intent",
            (Lang::En, HighIntent) => "high intent",
            (Lang::En, ClearIntent) => "clear intent",
            (Lang::En, NeedsFollowUp) => "needs follow-up",
            (Lang::En, ToAbandon) => "to abandon",
            (Lang::En, Signed) => "signed",
            (Lang::En, Implementing) => "implementing",
            (Lang::En, Delivered) => "delivered",
            (Lang::En, Loyal) => "loyal",
            (Lang::En, Stable) => "stable",
            (Lang::En, NeedsAttention) => "needs attention",
            (Lang::En, Recovered) => "recovered",
            (Lang::En, RecoveryFailed) => "recovery failed",
            (Lang::En, Unrecoverable) => "unrecoverable",
        }
    }

    pub fn key_action(self, a: KeyAction) -> &'static str {
        use KeyAction::*;
        match (self, a) {
            (Lang::Zh, Collect) => "线索收集",
            (Lang::Zh, Screen) => "初步筛选",
            (Lang::Zh, File) => "建立档案",
            (Lang::Zh, FirstContact) => "首次接触",
            (Lang::Zh, NeedsSurvey) => "需求调研",
            (Lang::Zh, Proposal) => "方案定制",
            (Lang::Zh, Objections) => "异议处理",
            (Lang::Zh, Negotiate) => "商务谈判",
            (Lang::Zh, Sign) => "签约启动",
            (Lang::Zh, Deliver) => "交接落地",
            (Lang::Zh, SatisfactionCheck) => "满意度确认（交付后 1 周内）",
            (Lang::Zh, QuarterlyReview) => "季度回访",
            (Lang::Zh, ValueAddedService) => "增值服务",
            (Lang::Zh, CrossSell) => "交叉销售",
            (Lang::Zh, Nps) => "NPS 调研",
            (Lang::Zh, ReasonAnalysis) => "流失原因分析",
            (Lang::Zh, WinBackPlan) => "制定挽回策略",
            (Lang::Zh, Owner) => "专人跟进",
            (Lang::Zh, Review) => "结果复盘",
            (Lang::En, Collect) => "collect the lead",
            (Lang::En, Screen) => "screen",
            (Lang::En, File) => "file a profile",
            (Lang::En, FirstContact) => "first contact",
            (Lang::En, NeedsSurvey) => "needs survey",
            (Lang::En, Proposal) => "proposal",
            (Lang::En, Objections) => "handle objections",
            (Lang::En, Negotiate) => "negotiate",
            (Lang::En, Sign) => "sign",
            (Lang::En, Deliver) => "deliver",
            (Lang::En, SatisfactionCheck) => "satisfaction check (within a week of delivery)",
            (Lang::En, QuarterlyReview) => "quarterly review",
            (Lang::En, ValueAddedService) => "value-added service",
            (Lang::En, CrossSell) => "cross-sell",
            (Lang::En, Nps) => "NPS survey",
            (Lang::En, ReasonAnalysis) => "analyse the reasons",
            (Lang::En, WinBackPlan) => "win-back plan",
            (Lang::En, Owner) => "name an owner",
            (Lang::En, Review) => "review the result",
        }
    }

    pub fn stage_output(self, o: Output) -> &'static str {
        use Output::*;
        match (self, o) {
            (Lang::Zh, LeadList) => "潜在客户清单",
            (Lang::Zh, NeedsReport) => "客户需求分析报告",
            (Lang::Zh, Proposal) => "解决方案",
            (Lang::Zh, Contract) => "合作协议",
            (Lang::Zh, ImplementationPlan) => "项目实施计划",
            (Lang::Zh, VisitRecord) => "客户回访记录",
            (Lang::Zh, ServiceReport) => "增值服务报告",
            (Lang::Zh, ChurnAnalysis) => "流失客户分析报告",
            (Lang::Zh, WinBackPlan) => "挽回方案",
            (Lang::En, LeadList) => "lead list",
            (Lang::En, NeedsReport) => "needs report",
            (Lang::En, Proposal) => "proposal",
            (Lang::En, Contract) => "contract",
            (Lang::En, ImplementationPlan) => "implementation plan",
            (Lang::En, VisitRecord) => "visit record",
            (Lang::En, ServiceReport) => "service report",
            (Lang::En, ChurnAnalysis) => "churn analysis",
            (Lang::En, WinBackPlan) => "win-back plan",
        }
    }

    pub fn health(self, h: Health) -> &'static str {
        match (self, h) {
            (Lang::Zh, Health::Healthy) => "健康",
            (Lang::Zh, Health::Watch) => "关注",
            (Lang::Zh, Health::AtRisk) => "有流失风险",
            (Lang::En, Health::Healthy) => "healthy",
            (Lang::En, Health::Watch) => "watch",
            (Lang::En, Health::AtRisk) => "at risk",
        }
    }

    /// A signal with its evidence.
    pub fn signal(self, s: &Signal) -> String {
        match (self, s) {
            (Lang::Zh, Signal::ContactFalling { last, before }) => {
                format!(
                    "联系频率下降：近 {w} 天 {last} 次，之前 {w} 天 {before} 次",
                    w = WARNING.window_days
                )
            }
            (Lang::En, Signal::ContactFalling { last, before }) => {
                format!(
                    "contact falling: {last} in the last {w} days, {before} in the {w} before",
                    w = WARNING.window_days
                )
            }
            (Lang::Zh, Signal::ComplaintsRising { last, before }) => {
                format!(
                    "投诉增加：近 {w} 天 {last} 次，之前 {w} 天 {before} 次",
                    w = WARNING.window_days
                )
            }
            (Lang::En, Signal::ComplaintsRising { last, before }) => {
                format!(
                    "complaints rising: {last} in the last {w} days, {before} in the {w} before",
                    w = WARNING.window_days
                )
            }
            (Lang::Zh, Signal::PaymentAnomaly) => "付款异常".into(),
            (Lang::En, Signal::PaymentAnomaly) => "payment anomaly".into(),
            (Lang::Zh, Signal::CompetitorContact) => "正在接触竞品".into(),
            (Lang::En, Signal::CompetitorContact) => "in contact with a competitor".into(),
            (Lang::Zh, Signal::SpendDrop { drop_pct }) => {
                format!(
                    "近 3 个月消费比前 3 个月下降 {drop_pct}%（≥ {}%）",
                    WARNING.spend_drop_pct
                )
            }
            (Lang::En, Signal::SpendDrop { drop_pct }) => {
                format!(
                    "last 3 months' spend down {drop_pct}% on the 3 before (≥ {}%)",
                    WARNING.spend_drop_pct
                )
            }
            (Lang::Zh, Signal::LowFeedback { score, on }) => {
                format!("客户反馈 {score} 分（≤ {}，{on}）", WARNING.low_feedback)
            }
            (Lang::En, Signal::LowFeedback { score, on }) => {
                format!("feedback {score}/10 (≤ {}, {on})", WARNING.low_feedback)
            }
            (Lang::Zh, Signal::NpsDetractor { score, on }) => {
                format!(
                    "NPS 贬损者：{score} 分（0–{}，{on}）",
                    WARNING.nps_detractor
                )
            }
            (Lang::En, Signal::NpsDetractor { score, on }) => {
                format!("NPS detractor: {score} (0–{}, {on})", WARNING.nps_detractor)
            }
            (Lang::Zh, Signal::PausedA { days }) => format!("A 类客户 {days} 天未下单"),
            (Lang::En, Signal::PausedA { days }) => {
                format!("A customer without an order for {days} days")
            }
        }
    }

    pub fn winback_reason(self, r: &Reason) -> String {
        match (self, r) {
            (Lang::Zh, Reason::Service) => "服务质量".into(),
            (Lang::Zh, Reason::Product) => "产品竞争力".into(),
            (Lang::Zh, Reason::Price) => "价格".into(),
            (Lang::En, Reason::Service) => "service quality".into(),
            (Lang::En, Reason::Product) => "product competitiveness".into(),
            (Lang::En, Reason::Price) => "price".into(),
            (_, Reason::Other(t)) => t.clone(),
        }
    }

    pub fn winback_action(self, a: &PlanAction) -> String {
        match (self, a) {
            (Lang::Zh, PlanAction::Discount) => "价格优惠".into(),
            (Lang::Zh, PlanAction::ServiceUpgrade) => "服务升级".into(),
            (Lang::Zh, PlanAction::ExecutiveApology) => "高层道歉沟通".into(),
            (Lang::Zh, PlanAction::SpecificFix(t)) => format!("问题专项解决：{t}"),
            (Lang::En, PlanAction::Discount) => "discount".into(),
            (Lang::En, PlanAction::ServiceUpgrade) => "service upgrade".into(),
            (Lang::En, PlanAction::ExecutiveApology) => "executive apology".into(),
            (Lang::En, PlanAction::SpecificFix(t)) => format!("specific fix: {t}"),
        }
    }

    pub fn winback_outcome(self, o: Outcome) -> &'static str {
        self.stage_status(o.stage_status())
    }
}
