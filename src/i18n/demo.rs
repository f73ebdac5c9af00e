//! Text of the training mode: the demo banner, time travel, the presenter's method panel and
//! the guided tour.

use super::{catalogue, Lang};

catalogue! {
    demo_banner_title { zh: "演示工作区", en: "Demo workspace" }
    demo_banner_note {
        zh: "培训用的示例数据，与你自己的数据完全分开。",
        en: "Training data, kept apart from your own."
    }
    demo_leave { zh: "离开演示", en: "Leave demo" }
    demo_reset { zh: "重置演示", en: "Reset demo" }
    demo_reset_done { zh: "演示数据已重置为初始状态", en: "The demo data is back to its start" }
    demo_time_travel { zh: "时间旅行", en: "Time travel" }
    demo_back_month { zh: "−1 月", en: "−1 month" }
    demo_back_week { zh: "−1 周", en: "−1 week" }
    demo_back_day { zh: "−1 天", en: "−1 day" }
    demo_forward_day { zh: "+1 天", en: "+1 day" }
    demo_forward_week { zh: "+1 周", en: "+1 week" }
    demo_forward_month { zh: "+1 月", en: "+1 month" }
    demo_real_today { zh: "回到今天", en: "Back to today" }
    presenter_view { zh: "演示者视图", en: "Presenter view" }
    presenter_hint {
        zh: "大字号、高对比度，适合投影；每页旁边显示种子模板对这一页的要求。",
        en: "Large type and high contrast for a projector, with what the seed templates say beside each page."
    }
    training_title { zh: "培训模式", en: "Training mode" }
    training_hint {
        zh: "打开一个独立的演示工作区：种子模板中的示例客户（科技公司、YY贸易公司、A 客户 *总……）和约四十个客户两年的订单与跟进。可以移动日期、重置，离开后回到你自己的数据，它不会被改动。",
        en: "Open a separate demo workspace: the seed templates' example customers (Tech Co., YY Trading, Customer A …) and about forty customers with two years of orders and follow-ups. Move the date, reset it, and leave to find your own data untouched."
    }
    training_enter { zh: "打开演示工作区", en: "Open the demo workspace" }
    today_try_demo {
        zh: "还没有客户。可以先添加客户，或打开演示工作区，看看这套方法如何运作。",
        en: "No customers yet. Add one, or open the demo workspace to see the method at work."
    }
    tour_start { zh: "导览", en: "Guided tour" }
    tour_back { zh: "上一步", en: "Back" }
    tour_next { zh: "下一步", en: "Next" }
    tour_finish { zh: "完成", en: "Finish" }
    tour_close { zh: "关闭导览", en: "Close the tour" }

    method_title { zh: "方法", en: "The method" }
    method_source { zh: "来源：", en: "Source: " }

    method_tiering_title { zh: "客户分级", en: "Tiering" }
    method_tiering_rules {
        zh: "当前分级规则（阈值可在设置中修改）：",
        en: "The rules in force (thresholds are editable in Settings):"
    }
    method_tiering_review {
        zh: "每季度复核一次分级。处于临界的客户先进入观察期，再调整等级；手动调整必须写明原因。A 类客户出现异常（如暂停下单）加密联系，C 类客户突然有大需求可临时升为 B 类。",
        en: "Tiers are reviewed every quarter. A borderline customer gets an observation period before the tier changes; a manual override needs a reason. An A customer with an anomaly (paused orders) is contacted more often; a C customer with a sudden large need is raised to B for a while."
    }
    method_pareto {
        zh: "按近 12 个月消费从高到低累计：",
        en: "By 12-month spend, highest first, cumulatively:"
    }

    method_cadence_title { zh: "联系周期", en: "Contact cadence" }
    method_cadence_table {
        zh: "每个等级的联系频率（当前设置）：",
        en: "How often each tier is contacted (current settings):"
    }
    method_cadence_rules {
        zh: "计划写明具体日期（年/月/日，不写“下季度”）、1–2 个话题、渠道和负责人。成交后：24 小时内感谢信和简短电话，第 7 天使用指南，第 30 天回访。",
        en: "A plan names an exact date (never \"next quarter\"), one or two topics, the channel and the owner. After the first deal: a thank-you letter and a short call within 24 hours, a user guide on day 7, a review on day 30."
    }

    method_today_title { zh: "今天要做的联系", en: "Today's touches" }
    method_today_text {
        zh: "联系周期到期的客户出现在这里，逾期的排在最前，重要客户优先。联系之前先看档案、订单和过往跟进；联系之后一个工作日内记录跟进、更新档案。",
        en: "Customers whose cadence falls due appear here, overdue first, important tiers first. Before a call, review the profile, orders and past follow-ups; afterwards, log the follow-up and update the profile within one working day."
    }

    method_followup_title { zh: "跟进记录与闭环", en: "Follow-ups and the closed loop" }
    method_followup_text {
        zh: "每次跟进记录：客户、日期、渠道、话题、客户反馈、满意度、待办、负责人和下一步。每条待办都要关闭（闭环）。A 类客户的跟进形成报告：需求挖掘点和下一步计划。",
        en: "Every follow-up records the customer, date, channel, topics, feedback, satisfaction, to-dos, owner and next step. Every to-do gets closed (the closed loop). An A customer's follow-ups make a report: the needs found and the next plan."
    }

    method_lifecycle_title { zh: "客户生命周期", en: "Customer lifecycle" }
    method_lifecycle_stage { zh: "阶段", en: "Stage" }
    method_lifecycle_actions { zh: "关键动作", en: "Key actions" }
    method_lifecycle_time { zh: "时间节点", en: "Time node" }
    method_lifecycle_outputs { zh: "产出", en: "Output" }
    time_node_lead { zh: "1 个工作日内", en: "within 1 working day" }
    time_node_nurturing { zh: "接触后 2 周内", en: "within 2 weeks of contact" }
    time_node_converted { zh: "1 周内签约；交付后 1 周内回访", en: "sign within 1 week; check within 1 week of delivery" }
    time_node_mature { zh: "每季度", en: "every quarter" }
    time_node_churned { zh: "流失后 1 个月内", en: "within 1 month of churn" }

    method_churn_title { zh: "流失预警与挽回", en: "Churn warning and win-back" }
    method_churn_text {
        zh: "预警信号：互动频率下降、投诉增加、付款异常、接触竞争对手、近 3 个月消费下降 ≥ 50%、反馈 ≤ 3 分（10 分制）、NPS 偏低。挽回：分析原因（服务、产品、价格……），判断能否挽回，制定方案（优惠、升级、整改），指定负责人，无论成败都记录结果。",
        en: "Signals: falling interaction, rising complaints, payment anomalies, competitor contact, 3-month spend down ≥ 50 %, feedback ≤ 3 of 10, low NPS. Win-back: find the reasons (service, product, price …), judge whether it is recoverable, plan (discount, upgrade, fix), name an owner, and record the result either way."
    }

    method_targets_title { zh: "考核目标", en: "Targets" }
    method_targets_text {
        zh: "年流失率 ≤ 15%；满意度（CSAT）≥ 85 分；转介绍占新客户 ≥ 30%；每个老客户每季度挖掘 ≥ 1 个新合作点；回访率：重要客户 100%、一般客户 90%、新客户 95%；增值服务参与率 ≥ 60%；满意度和复购率逐年提升；跟踪 NPS。",
        en: "Annual churn ≤ 15 %; CSAT ≥ 85; referrals ≥ 30 % of new customers; at least one new cooperation point per old customer per quarter; callback rate 100 % important, 90 % general, 95 % new; value-added service participation ≥ 60 %; satisfaction and repeat purchase up year on year; NPS tracked."
    }

    method_templates_title { zh: "模板", en: "Templates" }
    method_templates_text {
        zh: "客户信息登记表、合作感谢信、A 类客户跟进报告、客户关怀简报：从客户档案和跟进记录自动填写。",
        en: "The customer registration form, the thank-you letter, the A-customer follow-up report and the care newsletter, filled in from the profile and the follow-ups."
    }

    method_overview_title { zh: "这套方法", en: "The method" }
    method_overview_text {
        zh: "五份客户关系维护模板（000–004）组成一套方法：建立客户档案，按价值分级，按等级安排联系周期，每次跟进都记录并闭环，按生命周期推进，及早发现流失并挽回，用考核目标检验效果。",
        en: "Five customer-maintenance templates (000–004) make one method: keep a profile per customer, tier customers by value, contact each tier on its cadence, record and close every follow-up, move customers through the lifecycle, catch churn early and win customers back, and check it all against targets."
    }

    tour_tiering_title { zh: "分级", en: "Tiering" }
    tour_tiering_text {
        zh: "科技公司：年消费 85 万、合作 3 年、行业龙头、无流失风险——满足 001 的 A 类全部条件。分级卡片列出每条规则和对应的事实，也说明为什么不是更高一级。",
        en: "Tech Co.: 850,000 a year, three years, an industry leader, no churn risk — every condition of 001's tier A. The tier card lists each rule with the facts behind it, and why the customer is not a tier higher."
    }
    tour_cadence_title { zh: "联系周期", en: "Cadence" }
    tour_cadence_text {
        zh: "每个等级按联系周期生成具体日期的联系计划，避开周末和节假日，每天有上限。用“时间旅行”往后移一个月，看新的联系到期。",
        en: "Each tier's cadence becomes dated touches, moved off weekends and holidays, with a daily cap. Use time travel to move a month ahead and watch new touches fall due."
    }
    tour_today_title { zh: "今天", en: "Today" }
    tour_today_text {
        zh: "今天到期和逾期的联系，每条都说明为什么今天要联系。点“记录跟进”完成一次联系。",
        en: "Touches due today and overdue, each saying why it is due. \"Log a follow-up\" completes one."
    }
    tour_followup_title { zh: "跟进记录", en: "Follow-up" }
    tour_followup_text {
        zh: "记录渠道、话题、反馈、满意度、待办和下一步。保存后，待办进入清单，下一次联系自动排期——这就是闭环。",
        en: "Record the channel, topics, feedback, satisfaction, to-dos and next step. Saving puts the to-dos on the list and schedules the next touch — the closed loop."
    }
    tour_lifecycle_title { zh: "生命周期", en: "Lifecycle" }
    tour_lifecycle_text {
        zh: "五个阶段，每个阶段有关键动作、时间节点和产出。超过时间节点的客户会标红；用卡片上的箭头按钮（用鼠标时也可拖动）移动阶段。",
        en: "Five stages, each with key actions, a time node and outputs. A customer past the time node is flagged; a card's arrow buttons (or, with a mouse, a drag) move it."
    }
    tour_churn_title { zh: "流失预警", en: "Churn warning" }
    tour_churn_text {
        zh: "这个客户近 3 个月消费大幅下降、有投诉、反馈只有 3 分，还接触了竞争对手：健康状况为“流失预警”。在这里开启挽回方案。",
        en: "This customer's spend fell sharply, with a complaint, feedback of 3 and a competitor in contact: its health is \"at risk\". Open a win-back case here."
    }
    tour_dashboard_title { zh: "看板", en: "Dashboard" }
    tour_dashboard_text {
        zh: "考核目标一目了然：流失率、满意度、回访率、转介绍……每项都对照目标标出达成、接近或未达成。",
        en: "The targets at a glance: churn, satisfaction, callback rate, referrals … each marked met, close or missed against its target."
    }
}

impl Lang {
    /// How far the demo's date is from the real one: "（比今天晚 30 天）".
    pub fn demo_shift(self, days: i64) -> String {
        match (self, days.signum()) {
            (_, 0) => String::new(),
            (Lang::Zh, 1) => format!("（比今天晚 {days} 天）"),
            (Lang::Zh, _) => format!("（比今天早 {} 天）", -days),
            (Lang::En, 1) => format!(" ({days} days after today)"),
            (Lang::En, _) => format!(" ({} days before today)", -days),
        }
    }

    pub fn tour_step_of(self, step: usize, total: usize) -> String {
        match self {
            Lang::Zh => format!("导览 {step} / {total}"),
            Lang::En => format!("Tour {step} of {total}"),
        }
    }
}
