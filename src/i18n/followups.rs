//! Text of follow-ups, to-dos, the brief and the seeds' templates (002 §8). Template wording
//! lives here in both languages; users may change it and keep their own (Settings).

use super::{catalogue, Lang};
use crate::domain::closed_loop::TodoStatus;
use crate::domain::followup_form::FuProblem;
use crate::domain::templates::TemplateId;

catalogue! {
    nav_todos { zh: "待办", en: "To-dos" }
    fu_new { zh: "记录跟进", en: "Log a follow-up" }
    fu_edit { zh: "编辑跟进记录", en: "Edit follow-up" }
    fu_title { zh: "跟进记录", en: "Follow-ups" }
    fu_none { zh: "还没有跟进记录。", en: "No follow-ups yet." }
    fu_customer { zh: "客户", en: "Customer" }
    fu_time { zh: "时间", en: "Time" }
    fu_channel { zh: "方式", en: "Channel" }
    fu_topics { zh: "沟通主题（1–2 个，逗号分隔）", en: "Topics (1–2, comma-separated)" }
    fu_note { zh: "沟通内容", en: "What was said" }
    fu_feedback { zh: "客户反馈", en: "Customer's feedback" }
    fu_score { zh: "满意度（0–10，可选）", en: "Satisfaction (0–10, optional)" }
    fu_needs { zh: "需求挖掘点（每行一个）", en: "Needs discovered (one per line)" }
    fu_needs_shown { zh: "需求挖掘点", en: "Needs discovered" }
    fu_value_added { zh: "增值服务（培训、沙龙、资源对接等）", en: "Value-added service (training, salon, resources …)" }
    fu_todos { zh: "待办事项", en: "To-dos" }
    fu_add_todo { zh: "添加待办", en: "Add to-do" }
    fu_todo_text { zh: "事项", en: "To-do" }
    fu_todo_owner { zh: "负责人", en: "Owner" }
    fu_todo_due { zh: "截止日期", en: "Due" }
    fu_next_step { zh: "下一步", en: "Next step" }
    fu_next_date { zh: "下一步日期", en: "Next step on" }
    fu_next_kind { zh: "下一步方式", en: "Next step channel" }
    fu_next_topics { zh: "下一步主题", en: "Next step topics" }
    fu_saved { zh: "跟进记录已保存", en: "Follow-up saved" }
    fu_deleted { zh: "跟进记录已删除", en: "Follow-up deleted" }
    fu_delete_confirm { zh: "删除这条跟进记录及其待办、下一步计划和满意度记录？", en: "Delete this follow-up with its to-dos, next step and satisfaction entry?" }
    fu_open { zh: "未闭环", en: "Open" }
    fu_closed { zh: "已闭环", en: "Closed" }
    fu_full_record { zh: "完整记录", en: "Full record" }
    fu_brief { zh: "沟通前简报", en: "Brief" }
    fu_report { zh: "A类客户跟进报告", en: "A-customer report" }
    fu_last_contact { zh: "最近联系", en: "Last contact" }
    fu_error_date { zh: "请填写不晚于今天的日期", en: "Enter a date no later than today" }
    fu_error_time { zh: "时间格式应为 时:分，如 09:30", en: "Time should be HH:MM, e.g. 09:30" }
    fu_error_topics { zh: "最多 2 个主题", en: "At most 2 topics" }
    fu_error_score { zh: "满意度必须在 0–10 之间", en: "Satisfaction must be between 0 and 10" }
    fu_error_todo_text { zh: "请写明待办事项", en: "Say what is to be done" }
    fu_error_todo_due { zh: "请填写截止日期", en: "A to-do needs a due date" }
    fu_error_next { zh: "下一步日期不能早于跟进日期", en: "The next step cannot be before the follow-up" }
    todo_profile_update { zh: "根据本次跟进更新客户档案（1 个工作日内）", en: "Update the profile from this follow-up (within one working day)" }
    todo_close { zh: "完成", en: "Close" }
    todo_reopen { zh: "重新打开", en: "Reopen" }
    todo_result { zh: "结果", en: "Result" }
    todo_none { zh: "没有符合条件的待办。", en: "No to-dos match." }
    todo_filter_status { zh: "状态", en: "Status" }
    todo_all { zh: "全部", en: "All" }
    brief_title { zh: "沟通前简报", en: "Pre-contact brief" }
    brief_essentials { zh: "客户概况", en: "Essentials" }
    brief_last_orders { zh: "最近订单", en: "Last orders" }
    brief_last_followups { zh: "最近跟进", en: "Last follow-ups" }
    brief_open_todos { zh: "未完成的待办", en: "Open to-dos" }
    brief_topics { zh: "建议沟通主题", en: "Suggested topics" }
    brief_peak { zh: "旺季将至，提前沟通需求", en: "Peak season ahead: talk about needs early" }
    fu_choose_customer {
        zh: "跟进记录属于某位客户：先在客户列表中打开这位客户，再点“记录跟进”。",
        en: "A follow-up belongs to a customer: open the customer from the list first, then choose “Log a follow-up”."
    }
    tpl_pick {
        zh: "选择客户（或跟进记录、收件客户）后，这里显示填好的内容。",
        en: "Choose a customer (or a follow-up, or the recipients) and the filled-in text appears here."
    }
    tpl_title { zh: "模板", en: "Templates" }
    tpl_choose { zh: "模板", en: "Template" }
    tpl_customer { zh: "客户", en: "Customer" }
    tpl_customers { zh: "收件客户（可多选）", en: "Customers (choose several)" }
    tpl_blank { zh: "空白表格", en: "Blank form" }
    tpl_industry_news { zh: "行业动态", en: "Industry news" }
    tpl_company_news { zh: "公司新闻", en: "Company news" }
    tpl_text { zh: "内容（可直接修改）", en: "Text (edit freely)" }
    tpl_copy { zh: "复制", en: "Copy" }
    tpl_copied { zh: "已复制", en: "Copied" }
    tpl_download { zh: "下载", en: "Download" }
    tpl_keep_wording { zh: "保存为我的模板措辞", en: "Keep this wording as my template" }
    tpl_reset_wording { zh: "恢复默认措辞", en: "Restore the default wording" }
    tpl_wording { zh: "模板措辞（{customer} 等占位符会自动填写）", en: "Template wording (placeholders like {customer} are filled in)" }
    tpl_sender { zh: "客户经理", en: "Account manager" }
}

impl Lang {
    /// What is wrong with a follow-up as typed (the full form or Today's quick log).
    pub fn fu_problem(self, p: FuProblem) -> &'static str {
        match p {
            FuProblem::BadDate => self.fu_error_date(),
            FuProblem::BadTime => self.fu_error_time(),
            FuProblem::TooManyTopics => self.fu_error_topics(),
            FuProblem::ScoreOutOfRange => self.fu_error_score(),
            FuProblem::TodoTextMissing => self.fu_error_todo_text(),
            FuProblem::TodoDueMissing => self.fu_error_todo_due(),
            FuProblem::NextBeforeFollowUp => self.fu_error_next(),
        }
    }

    pub fn todo_status(self, s: TodoStatus) -> &'static str {
        match (self, s) {
            (Lang::Zh, TodoStatus::Overdue) => "逾期",
            (Lang::Zh, TodoStatus::Due) => "今天到期",
            (Lang::Zh, TodoStatus::Open) => "进行中",
            (Lang::Zh, TodoStatus::Done) => "已完成",
            (Lang::En, TodoStatus::Overdue) => "Overdue",
            (Lang::En, TodoStatus::Due) => "Due today",
            (Lang::En, TodoStatus::Open) => "Open",
            (Lang::En, TodoStatus::Done) => "Done",
        }
    }

    pub fn template_name(self, t: TemplateId) -> &'static str {
        match (self, t) {
            (Lang::Zh, TemplateId::Registration) => "客户信息登记表",
            (Lang::Zh, TemplateId::ThankYou) => "合作感谢信",
            (Lang::Zh, TemplateId::AReport) => "A类客户跟进报告",
            (Lang::Zh, TemplateId::Newsletter) => "客户关怀简报",
            (Lang::En, TemplateId::Registration) => "Customer registration form",
            (Lang::En, TemplateId::ThankYou) => "Thank-you letter",
            (Lang::En, TemplateId::AReport) => "A-customer follow-up report",
            (Lang::En, TemplateId::Newsletter) => "Customer care newsletter",
        }
    }

    /// The seeds' template wording; `{…}` placeholders are filled from the data.
    pub fn template_default(self, t: TemplateId) -> &'static str {
        match (self, t) {
            (Lang::Zh, TemplateId::Registration) => "客户信息登记表\n\n客户名称：{customer}\n行业：{industry}\n企业规模：{size}\n线索来源：{lead_source}\n负责人：{owner}\n\n联系人：{contact}\n职位：{title}\n决策链角色：{role}\n联系电话：{phone}\n邮箱：{email}\n微信：{wechat}\n偏好渠道：{channel}\n偏好时间：{time}\n\n核心需求：{needs}\n痛点：{pain_points}\n行业旺季：{peak}\n\n以上信息经客户确认无误。\n客户签字：__________　日期：__________\n",
            (Lang::En, TemplateId::Registration) => "Customer registration form\n\nCustomer: {customer}\nIndustry: {industry}\nCompany size: {size}\nLead source: {lead_source}\nOwner: {owner}\n\nContact: {contact}\nTitle: {title}\nRole in the decision: {role}\nPhone: {phone}\nEmail: {email}\nWeChat: {wechat}\nPreferred channel: {channel}\nPreferred time: {time}\n\nCore needs: {needs}\nPain points: {pain_points}\nPeak season: {peak}\n\nConfirmed as correct by the customer.\nSignature: __________  Date: __________\n",
            (Lang::Zh, TemplateId::ThankYou) => "尊敬的{contact}：\n\n感谢{customer}于{first_deal}选择与我们合作！我们承诺以专业、及时的服务回报您的信任：工作日 4 小时内响应需求，定期回访，确保产品与服务顺利交付。\n\n您的专属对接人是{owner}，有任何问题，欢迎随时联系。\n\n期待与贵公司长期合作、共同成长！\n\n{owner}\n{today}\n",
            (Lang::En, TemplateId::ThankYou) => "Dear {contact},\n\nThank you for choosing to work with us since {first_deal}. We will repay {customer}'s trust with professional, timely service: a response within 4 working hours, regular check-ins, and a smooth delivery of every product and service.\n\nYour dedicated contact is {owner}; please reach out any time.\n\nWe look forward to a long partnership.\n\n{owner}\n{today}\n",
            (Lang::Zh, TemplateId::AReport) => "A类客户跟进报告\n\n客户：{customer}（{tier}）\n跟进日期：{date}　方式：{channel}　负责人：{owner}\n沟通主题：{topics}\n\n沟通内容：\n{note}\n\n客户反馈：{feedback}　满意度：{score}\n\n需求挖掘点：\n{needs}\n\n待办事项：\n{todos}\n\n下一步计划：{next_step}\n",
            (Lang::En, TemplateId::AReport) => "A-customer follow-up report\n\nCustomer: {customer} ({tier})\nDate: {date}  Channel: {channel}  Owner: {owner}\nTopics: {topics}\n\nWhat was said:\n{note}\n\nFeedback: {feedback}  Satisfaction: {score}\n\nNeeds discovered:\n{needs}\n\nTo-dos:\n{todos}\n\nNext plan: {next_step}\n",
            (Lang::Zh, TemplateId::Newsletter) => "客户关怀简报 · {month}\n\n尊敬的{contact}，您好！感谢{customer}一直以来的信任与支持。\n\n【行业动态】\n{industry_news}\n\n【公司新闻】\n{company_news}\n\n如需了解详情，请联系您的客户经理{owner}。\n",
            (Lang::En, TemplateId::Newsletter) => "Customer care newsletter · {month}\n\nDear {contact}, thank you for {customer}'s continued trust.\n\nIndustry news\n{industry_news}\n\nCompany news\n{company_news}\n\nFor details, contact your account manager {owner}.\n",
        }
    }
}
