//! Text of the app shell: name, navigation, page titles and the empty states.

use super::catalogue;

catalogue! {
    app_name { zh: "客户维护", en: "Customer Care" }
    app_tagline { zh: "让每一段客户关系保持温度", en: "Keep every customer relationship alive" }
    skip_to_content { zh: "跳到正文", en: "Skip to content" }
    draft_restored { zh: "已恢复你上次在这里填写但未保存的内容。", en: "What you typed here before is back; it is not saved yet." }
    draft_discard { zh: "放弃这些内容", en: "Discard it" }
    main_navigation { zh: "主导航", en: "Main navigation" }
    language_switch { zh: "界面语言", en: "Interface language" }

    nav_today { zh: "今日", en: "Today" }
    nav_customers { zh: "客户", en: "Customers" }
    nav_plan { zh: "计划", en: "Plan" }
    nav_pipeline { zh: "生命周期", en: "Pipeline" }
    nav_dashboard { zh: "仪表盘", en: "Dashboard" }
    nav_settings { zh: "设置", en: "Settings" }

    today_empty {
        zh: "今天需要联系的客户会出现在这里：逾期的排在最前，然后是今天到期和未来 7 天的联系。",
        en: "The customers to contact today will appear here: overdue touches first, then those due today and in the next 7 days."
    }
    customers_empty {
        zh: "还没有客户档案。添加客户或导入表格后，这里会列出每位客户的分级、消费和最近联系。",
        en: "No customer profiles yet. Once you add or import customers, each one is listed here with its tier, spend and last contact."
    }
    plan_empty {
        zh: "按联系周期生成的日程会出现在这里：月历和每位客户的年度计划，精确到年/月/日。",
        en: "The schedule generated from the contact cadence will appear here: a month calendar and each customer's year plan, to the exact day."
    }
    pipeline_empty {
        zh: "客户会按生命周期的五个阶段排列在这里：潜在、意向、成交、成熟、流失。",
        en: "Customers will be arranged here by the five lifecycle stages: lead, nurturing, converted, mature, churned."
    }
    dashboard_empty {
        zh: "流失率、满意度、回访率等指标会在这里与目标对照显示。",
        en: "Churn rate, satisfaction, callback rate and the other targets will be shown here against their goals."
    }
    settings_language_hint {
        zh: "界面语言会被记住；第一次打开时跟随浏览器的语言。",
        en: "The interface language is remembered; the first time, it follows your browser's language."
    }

    not_found_title { zh: "找不到这个页面", en: "Page not found" }
    not_found_body { zh: "这个地址没有对应的页面。", en: "There is no page at this address." }
    not_found_back { zh: "回到今日", en: "Back to Today" }

    page_loading { zh: "正在打开页面…", en: "Opening the page…" }
    page_load_failed {
        zh: "这个页面没能载入：网络可能断开了。你的数据都在本机，没有受影响。",
        en: "This page could not be loaded: the network may be down. Your data is on this device and unaffected."
    }
    page_load_retry { zh: "重试", en: "Try again" }

    reload { zh: "重新加载", en: "Reload" }
    dismiss { zh: "关闭", en: "Dismiss" }
}

impl super::Lang {
    /// The browser tab's title: the page first, so tabs stay tellable apart.
    pub fn page_title(self, page: &str) -> String {
        format!("{page} · {}", self.app_name())
    }
}
