//! The kinds of things stored records name: a touch (what a cadence asks for, what a
//! follow-up was), a churn signal (one the user dismissed is kept on the customer).

use serde::{Deserialize, Serialize};

use crate::domain::stable::stable_enum;

stable_enum! {
    /// What kind of touch a contact is (and what a cadence asks for).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum TouchKind {
        /// Any contact at all (000: "at least monthly").
        Contact,
        Call,
        /// Video call or other online meeting.
        Online,
        Visit,
        /// A visit by an executive (高层拜访).
        ExecutiveVisit,
        /// An automatic or bulk message: SMS, mail, push.
        Message,
        /// A needs survey with material (001 D).
        NeedsSurvey,
        /// 合作感谢信 (002 onboarding).
        ThankYouLetter,
        /// 产品使用指南 (002 onboarding, day 7).
        UserGuide,
        /// A small gift (002 onboarding, day 30).
        Gift,
        /// Birthday, anniversary or holiday greetings.
        Greeting,
        /// A salon or event with the customer (000: 客户沙龙/活动).
        Event,
    }
}

stable_enum! {
    /// Which signal.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum SignalKind {
        ContactFalling,
        ComplaintsRising,
        PaymentAnomaly,
        CompetitorContact,
        SpendDrop,
        LowFeedback,
        NpsDetractor,
        PausedA,
    }
}
