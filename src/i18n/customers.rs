//! Text of the customer profile (客户档案): the list, the profile, the form and its errors.

use super::{catalogue, Lang};
use crate::domain::calendar::YearsMonths;
use crate::domain::figures::ProfileField;
use crate::domain::money::MoneyUnit;
use crate::domain::profile_form::Problem;
use crate::domain::records::{
    Channel, CompanySize, CreditStatus, DecisionRole, Level, PreferredTime, RemarkKind,
    SatisfactionKind, Tag,
};

catalogue! {
    customers_new { zh: "新建客户", en: "New customer" }
    customers_search { zh: "搜索客户、联系人或标签", en: "Search customers, contacts or tags" }
    customers_filter_tag { zh: "标签", en: "Tag" }
    customers_filter_owner { zh: "负责人", en: "Owner" }
    customers_filter_industry { zh: "行业", en: "Industry" }
    customers_filter_any { zh: "全部", en: "All" }
    customers_sort { zh: "排序", en: "Sort by" }
    customers_sort_name { zh: "名称", en: "Name" }
    customers_sort_spend { zh: "近12个月消费", en: "Spend, last 12 months" }
    customers_sort_last_order { zh: "最近下单", en: "Last order" }
    customers_sort_tenure { zh: "合作时长", en: "Tenure" }
    customers_sort_completeness { zh: "档案完整度", en: "Profile completeness" }
    customers_sort_descending { zh: "从高到低", en: "Descending" }
    show_more { zh: "显示更多", en: "Show more" }
    customers_no_match { zh: "没有符合条件的客户。", en: "No customer matches." }
    customers_clear_filters { zh: "清除筛选", en: "Clear filters" }
    customers_loading { zh: "正在读取客户档案…", en: "Loading customer profiles…" }

    col_name { zh: "客户名称", en: "Customer" }
    col_spend_12m { zh: "近12个月", en: "12 months" }
    col_trend_3m { zh: "近3个月 vs 前3个月", en: "Last 3 vs previous 3 months" }
    col_orders_per_year { zh: "年下单次数", en: "Orders / year" }
    col_average_order { zh: "平均订单额", en: "Average order" }
    col_tenure { zh: "合作时长", en: "Tenure" }
    col_last_order { zh: "最近下单", en: "Last order" }
    col_completeness { zh: "完整度", en: "Complete" }

    section_basics { zh: "基本信息", en: "Basics" }
    section_contacts { zh: "联系人", en: "Contacts" }
    section_strategy { zh: "战略与风险", en: "Strategy and risk" }
    section_tags { zh: "标签", en: "Tags" }
    section_dates { zh: "重要日期", en: "Important dates" }
    section_orders { zh: "订单", en: "Orders" }
    section_satisfaction { zh: "满意度", en: "Satisfaction" }
    section_remarks { zh: "投诉与建议", en: "Complaints and suggestions" }
    section_figures { zh: "经营数据", en: "Business figures" }
    section_quality { zh: "档案质量", en: "Profile quality" }

    field_name { zh: "客户名称", en: "Customer name" }
    field_industry { zh: "行业", en: "Industry" }
    field_size { zh: "企业规模", en: "Company size" }
    field_lead_source { zh: "线索来源", en: "Lead source" }
    field_owner { zh: "负责人", en: "Owner" }
    field_referred_by { zh: "推荐人（转介绍）", en: "Referred by" }
    field_contact_name { zh: "姓名", en: "Name" }
    field_contact_title { zh: "职位", en: "Title" }
    field_role { zh: "决策链角色", en: "Role in the decision" }
    field_channel { zh: "偏好渠道", en: "Preferred channel" }
    field_time { zh: "偏好时间", en: "Preferred time" }
    field_phone { zh: "电话", en: "Phone" }
    field_email { zh: "邮箱", en: "Email" }
    field_wechat { zh: "微信", en: "WeChat" }
    field_birthday { zh: "生日（月-日）", en: "Birthday (MM-DD)" }
    birthday_shown { zh: "生日", en: "Birthday" }
    field_leader { zh: "行业龙头 / 标杆", en: "Industry leader / benchmark" }
    field_brand { zh: "品牌影响力", en: "Brand influence" }
    field_growth { zh: "合作增长潜力（%）", en: "Growth potential (%)" }
    growth_shown { zh: "合作增长潜力", en: "Growth potential" }
    field_fit { zh: "战略匹配度", en: "Strategic fit" }
    field_credit { zh: "信用 / 付款状况", en: "Credit / payment" }
    field_competitor { zh: "正在接触竞品", en: "In contact with a competitor" }
    field_pain_points { zh: "痛点（用逗号分隔）", en: "Pain points (comma-separated)" }
    field_free_tags { zh: "其他标签（用逗号分隔）", en: "Other tags (comma-separated)" }
    field_peak { zh: "行业旺季", en: "Peak season" }
    field_verified_on { zh: "信息最近核对日期", en: "Info last verified" }
    field_date { zh: "日期", en: "Date" }
    field_amount { zh: "金额", en: "Amount" }
    field_product { zh: "产品 / 服务", en: "Product / service" }
    field_kind { zh: "类型", en: "Kind" }
    field_score { zh: "分数", en: "Score" }
    field_note { zh: "备注", en: "Note" }
    field_text { zh: "内容", en: "Text" }
    not_set { zh: "未填写", en: "not set" }
    none_yet { zh: "暂无", en: "none yet" }

    add_contact { zh: "添加联系人", en: "Add contact" }
    add_order { zh: "添加订单", en: "Add order" }
    add_score { zh: "添加满意度记录", en: "Add satisfaction entry" }
    add_remark { zh: "添加投诉或建议", en: "Add complaint or suggestion" }
    remove { zh: "移除", en: "Remove" }
    save { zh: "保存", en: "Save" }
    cancel { zh: "取消", en: "Cancel" }
    edit { zh: "编辑", en: "Edit" }
    delete { zh: "删除", en: "Delete" }
    undo { zh: "撤销", en: "Undo" }
    back_to_customers { zh: "返回客户列表", en: "Back to customers" }
    form_has_errors {
        zh: "有字段需要修改，尚未保存。你输入的内容都还在。",
        en: "Some fields need fixing; nothing was saved. Everything you typed is still here."
    }
    saved { zh: "已保存", en: "Saved" }
    save_conflict {
        zh: "这位客户刚在另一个标签页中被修改。你的修改还在表单里：可以载入最新版本后再改，或用你的版本覆盖。",
        en: "This customer was just changed in another tab. Your edits are still in the form: load the latest version and edit again, or overwrite it with yours."
    }
    load_latest { zh: "载入最新版本", en: "Load latest version" }
    overwrite { zh: "用我的版本覆盖", en: "Overwrite with mine" }
    customer_missing {
        zh: "找不到这位客户：可能已在另一个标签页中被删除。",
        en: "This customer was not found: it may have been deleted in another tab."
    }
    confirm_delete_title { zh: "删除这位客户？", en: "Delete this customer?" }
    mark_verified { zh: "今天已核对", en: "Verified today" }
    verified_current { zh: "信息已核对", en: "Info verified" }
    profile_created { zh: "建档于", en: "Profile created" }
    verified_never { zh: "从未核对过信息", en: "Info never verified" }
    verification_reminder { zh: "客户信息需要重新核对", en: "Profile info needs re-verifying" }
    completeness_target { zh: "目标 ≥ 95%", en: "target ≥ 95%" }
    completeness_missing { zh: "缺少：", en: "Missing: " }
    first_deal { zh: "首次成交", en: "First deal" }
    anniversary { zh: "合作周年", en: "Cooperation anniversary" }
    spend_3y { zh: "近3年消费", en: "Spend, last 3 years" }
    no_deal_yet { zh: "尚未成交", en: "no deal yet" }
    amounts_in { zh: "金额单位", en: "Amounts in" }
    list_separator { zh: "、", en: ", " }
    summary_title { zh: "概览", en: "At a glance" }
    summary_next_touch { zh: "下次联系", en: "Next touch" }
    summary_open_todos { zh: "未完成待办", en: "Open to-dos" }
    summary_no_todos { zh: "无", en: "none" }
    summary_no_followup { zh: "尚无跟进记录", en: "no follow-up yet" }
    summary_nothing_due { zh: "暂无需要安排的联系", en: "nothing scheduled" }
    summary_no_signals { zh: "无预警信号", en: "no warning signals" }
    summary_no_tier { zh: "尚未分级", en: "not tiered yet" }
    summary_contacts_jump { zh: "联系人", en: "Contacts" }
}

impl Lang {
    /// Under a list cut to its latest few: "显示全部（共 60 条）".
    pub fn show_all(self, total: usize) -> String {
        match self {
            Lang::Zh => format!("显示全部（共 {total} 条）"),
            Lang::En => format!("Show all ({total})"),
        }
    }

    /// Open to-dos of a customer: "2 项，其中 1 项逾期".
    pub fn summary_todos(self, open: usize, overdue: usize) -> String {
        match (self, overdue) {
            (Lang::Zh, 0) => format!("{open} 项"),
            (Lang::Zh, _) => format!("{open} 项，其中 {overdue} 项逾期"),
            (Lang::En, 0) => format!("{open}"),
            (Lang::En, _) => format!("{open}, {overdue} overdue"),
        }
    }

    pub fn unit_suffix(self, unit: MoneyUnit) -> &'static str {
        match (self, unit) {
            (Lang::Zh, MoneyUnit::Wan) => "万",
            (Lang::Zh, MoneyUnit::Yuan) => "元",
            (Lang::En, MoneyUnit::Wan) => "×10k CNY",
            (Lang::En, MoneyUnit::Yuan) => "CNY",
        }
    }

    /// The unit as a field's label names it: "金额（万元）", "Amount (×10k CNY)".
    pub fn label_unit(self, unit: MoneyUnit) -> &'static str {
        match self {
            Lang::Zh => self.unit_name(unit),
            Lang::En => self.unit_suffix(unit),
        }
    }

    /// A field's label with the unit its value is in.
    pub fn with_unit(self, label: &str, unit: &str) -> String {
        match self {
            Lang::Zh => format!("{label}（{unit}）"),
            Lang::En => format!("{label} ({unit})"),
        }
    }

    pub fn unit_name(self, unit: MoneyUnit) -> &'static str {
        match (self, unit) {
            (Lang::Zh, MoneyUnit::Wan) => "万元",
            (Lang::Zh, MoneyUnit::Yuan) => "元",
            (Lang::En, MoneyUnit::Wan) => "10,000 CNY (万元)",
            (Lang::En, MoneyUnit::Yuan) => "CNY (元)",
        }
    }

    pub fn customer_count(self, shown: usize, total: usize) -> String {
        match self {
            Lang::Zh if shown == total => format!("共 {total} 位客户"),
            Lang::Zh => format!("{shown} / {total} 位客户"),
            Lang::En if shown == total => format!("{total} customers"),
            Lang::En => format!("{shown} of {total} customers"),
        }
    }

    pub fn tenure(self, t: YearsMonths) -> String {
        match (self, t.years, t.months) {
            (Lang::Zh, 0, m) => format!("{m} 个月"),
            (Lang::Zh, y, 0) => format!("{y} 年"),
            (Lang::Zh, y, m) => format!("{y} 年 {m} 个月"),
            (Lang::En, 0, m) => format!("{m} mo"),
            (Lang::En, y, 0) => format!("{y} y"),
            (Lang::En, y, m) => format!("{y} y {m} mo"),
        }
    }

    pub fn confirm_delete_body(self, name: &str, orders: usize) -> String {
        match self {
            Lang::Zh => format!("将删除「{name}」及其 {orders} 笔订单、联系人和全部记录。删除后可以立即撤销。"),
            Lang::En => format!("This deletes “{name}” with its {orders} orders, contacts and every record attached. You can undo right after."),
        }
    }

    pub fn deleted_customer(self, name: &str) -> String {
        match self {
            Lang::Zh => format!("已删除「{name}」"),
            Lang::En => format!("Deleted “{name}”"),
        }
    }

    pub fn verification_overdue(self, since: &str) -> String {
        match self {
            Lang::Zh => format!("信息上次核对于 {since}，已超过 6 个月，请与客户确认"),
            Lang::En => format!(
                "Info last verified {since}, over 6 months ago: confirm it with the customer"
            ),
        }
    }

    pub fn verification_due(self, due: &str) -> String {
        match self {
            Lang::Zh => format!("下次核对：{due}"),
            Lang::En => format!("Next check: {due}"),
        }
    }

    pub fn problem(self, p: Problem) -> String {
        match (self, p) {
            (Lang::Zh, Problem::Required) => "必填".into(),
            (Lang::En, Problem::Required) => "is required".into(),
            (Lang::Zh, Problem::NotADate) => "不是有效日期（年-月-日）".into(),
            (Lang::En, Problem::NotADate) => "is not a valid date (YYYY-MM-DD)".into(),
            (Lang::Zh, Problem::InFuture) => "不能晚于今天".into(),
            (Lang::En, Problem::InFuture) => "cannot be after today".into(),
            (Lang::Zh, Problem::NotANumber) => "不是数字".into(),
            (Lang::En, Problem::NotANumber) => "is not a number".into(),
            (Lang::Zh, Problem::Negative) => "必须 ≥ 0".into(),
            (Lang::En, Problem::Negative) => "must be ≥ 0".into(),
            (Lang::Zh, Problem::TooPrecise { max_decimals }) => {
                format!("最多 {max_decimals} 位小数")
            }
            (Lang::En, Problem::TooPrecise { max_decimals }) => {
                format!("has more than {max_decimals} decimals")
            }
            (Lang::Zh, Problem::TooLarge) => "数值太大".into(),
            (Lang::En, Problem::TooLarge) => "is too large".into(),
            (Lang::Zh, Problem::OutOfRange { min, max }) => format!("必须在 {min}–{max} 之间"),
            (Lang::En, Problem::OutOfRange { min, max }) => {
                format!("must be between {min} and {max}")
            }
            (Lang::Zh, Problem::NotAnEmail) => "不是有效的邮箱地址".into(),
            (Lang::En, Problem::NotAnEmail) => "is not an email address".into(),
            (Lang::Zh, Problem::NotAMonthDay) => "应为 月-日，如 05-20".into(),
            (Lang::En, Problem::NotAMonthDay) => "should be month-day, e.g. 05-20".into(),
        }
    }

    pub fn company_size(self, s: CompanySize) -> &'static str {
        match (self, s) {
            (Lang::Zh, CompanySize::Micro) => "微型",
            (Lang::Zh, CompanySize::Small) => "小型",
            (Lang::Zh, CompanySize::Medium) => "中型",
            (Lang::Zh, CompanySize::Large) => "大型",
            (Lang::En, CompanySize::Micro) => "Micro",
            (Lang::En, CompanySize::Small) => "Small",
            (Lang::En, CompanySize::Medium) => "Medium",
            (Lang::En, CompanySize::Large) => "Large",
        }
    }

    pub fn decision_role(self, r: DecisionRole) -> &'static str {
        match (self, r) {
            (Lang::Zh, DecisionRole::DecisionMaker) => "决策者",
            (Lang::Zh, DecisionRole::Influencer) => "影响者",
            (Lang::Zh, DecisionRole::User) => "使用者",
            (Lang::En, DecisionRole::DecisionMaker) => "Decision maker",
            (Lang::En, DecisionRole::Influencer) => "Influencer",
            (Lang::En, DecisionRole::User) => "User",
        }
    }

    pub fn channel(self, c: Channel) -> &'static str {
        match (self, c) {
            (Lang::Zh, Channel::Phone) => "电话",
            (Lang::Zh, Channel::Wechat) => "微信",
            (Lang::Zh, Channel::Email) => "邮件",
            (Lang::Zh, Channel::Visit) => "拜访",
            (Lang::En, Channel::Phone) => "Phone",
            (Lang::En, Channel::Wechat) => "WeChat",
            (Lang::En, Channel::Email) => "Email",
            (Lang::En, Channel::Visit) => "Visit",
        }
    }

    pub fn preferred_time(self, t: PreferredTime) -> &'static str {
        match (self, t) {
            (Lang::Zh, PreferredTime::WeekdayMorning) => "工作日上午",
            (Lang::Zh, PreferredTime::WeekdayAfternoon) => "工作日下午",
            (Lang::En, PreferredTime::WeekdayMorning) => "Weekday mornings",
            (Lang::En, PreferredTime::WeekdayAfternoon) => "Weekday afternoons",
        }
    }

    pub fn level(self, l: Level) -> &'static str {
        match (self, l) {
            (Lang::Zh, Level::Low) => "低",
            (Lang::Zh, Level::Medium) => "中",
            (Lang::Zh, Level::High) => "高",
            (Lang::En, Level::Low) => "Low",
            (Lang::En, Level::Medium) => "Medium",
            (Lang::En, Level::High) => "High",
        }
    }

    pub fn credit(self, c: CreditStatus) -> &'static str {
        match (self, c) {
            (Lang::Zh, CreditStatus::Good) => "良好",
            (Lang::Zh, CreditStatus::Late) => "偶有延迟",
            (Lang::Zh, CreditStatus::Overdue) => "付款异常",
            (Lang::En, CreditStatus::Good) => "Good",
            (Lang::En, CreditStatus::Late) => "Sometimes late",
            (Lang::En, CreditStatus::Overdue) => "Payment anomaly",
        }
    }

    pub fn satisfaction_kind(self, k: SatisfactionKind) -> &'static str {
        match (self, k) {
            (Lang::Zh, SatisfactionKind::Csat) => "CSAT（0–100）",
            (Lang::Zh, SatisfactionKind::Feedback) => "反馈评分（0–10）",
            (Lang::Zh, SatisfactionKind::Nps) => "NPS 推荐意愿（0–10）",
            (Lang::En, SatisfactionKind::Csat) => "CSAT (0–100)",
            (Lang::En, SatisfactionKind::Feedback) => "Feedback (0–10)",
            (Lang::En, SatisfactionKind::Nps) => "NPS answer (0–10)",
        }
    }

    pub fn remark_kind(self, k: RemarkKind) -> &'static str {
        match (self, k) {
            (Lang::Zh, RemarkKind::Complaint) => "投诉",
            (Lang::Zh, RemarkKind::Suggestion) => "建议",
            (Lang::En, RemarkKind::Complaint) => "Complaint",
            (Lang::En, RemarkKind::Suggestion) => "Suggestion",
        }
    }

    pub fn month_name(self, month: u32) -> String {
        match self {
            Lang::Zh => format!("{month}月"),
            Lang::En => [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ]
            .get(month.saturating_sub(1) as usize)
            .unwrap_or(&"?")
            .to_string(),
        }
    }

    /// A tag in the user's language; the seeds' tags keep the seeds' words in Chinese.
    pub fn tag(self, tag: &Tag) -> String {
        let fixed = |zh: &str, en: &str| match self {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        };
        match tag {
            Tag::Strategic => fixed("战略客户", "Strategic"),
            Tag::HighChurnRisk => fixed("高流失风险", "High churn risk"),
            Tag::HighPotential => fixed("高潜力", "High potential"),
            Tag::PriceSensitive => fixed("价格敏感", "Price-sensitive"),
            Tag::NeedCost => fixed("需求：降本", "Needs: lower cost"),
            Tag::NeedEfficiency => fixed("需求：增效", "Needs: efficiency"),
            Tag::NeedQuality => fixed("需求：品质", "Needs: quality"),
            Tag::PainPoint(text) => match self {
                Lang::Zh => format!("痛点：{text}"),
                Lang::En => format!("Pain point: {text}"),
            },
            Tag::Free(text) => text.clone(),
        }
    }

    pub fn profile_field(self, f: ProfileField) -> &'static str {
        match f {
            ProfileField::Industry => self.field_industry(),
            ProfileField::Size => self.field_size(),
            ProfileField::LeadSource => self.field_lead_source(),
            ProfileField::Owner => self.field_owner(),
            ProfileField::Contact => match self {
                Lang::Zh => "联系人",
                Lang::En => "a contact",
            },
            ProfileField::ContactTitle => match self {
                Lang::Zh => "联系人职位",
                Lang::En => "contact's title",
            },
            ProfileField::DecisionRole => self.field_role(),
            ProfileField::PreferredChannel => self.field_channel(),
            ProfileField::PreferredTime => self.field_time(),
            ProfileField::ContactDetails => match self {
                Lang::Zh => "联系方式",
                Lang::En => "contact details",
            },
            ProfileField::Birthday => match self {
                Lang::Zh => "联系人生日",
                Lang::En => "a contact's birthday",
            },
            ProfileField::BrandInfluence => self.field_brand(),
            ProfileField::GrowthPotential => self.growth_shown(),
            ProfileField::Credit => self.field_credit(),
            ProfileField::Tags => self.section_tags(),
            ProfileField::Needs => match self {
                Lang::Zh => "需求标签（降本/增效/品质）",
                Lang::En => "needs (cost / efficiency / quality)",
            },
            ProfileField::PeakSeason => self.field_peak(),
        }
    }
}
