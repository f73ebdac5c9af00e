//! The names the plan gives its generated touches: the key an edited item stores to stand
//! in for one (`replaces`), and the calendar UID an exported event keeps across exports.
//! Both outlive the app version that wrote them, so both use the kind's stable name.

use chrono::NaiveDate;

use super::TouchKind;
use crate::domain::stable::StableName;

/// Names a generated touch (customer, kind, the date its rule gave), so an edit of it in the
/// plan can stand in for it: `c-1:executive_visit:2026-03-01`. It is stored (a plan item's
/// `replaces`), so the kind is written by its stable name.
pub fn generated_key(customer_id: &str, kind: TouchKind, date: NaiveDate) -> String {
    format!("{customer_id}:{}:{date}", kind.name())
}

/// A key as written before kinds had stable names — the kind's Rust name,
/// `c-1:ExecutiveVisit:2026-03-01` (database version 2, backup format 1) — in today's form;
/// `None` for a key already in today's form, or not a generated key at all.
pub fn upgrade_generated_key(key: &str) -> Option<String> {
    let mut parts = key.rsplitn(3, ':');
    let (date, old, customer_id) = (parts.next()?, parts.next()?, parts.next()?);
    // The Rust names of that time are the stable names in UpperCamelCase; a variant renamed
    // since keeps its stable name, so this still finds it.
    let kind = TouchKind::ALL
        .into_iter()
        .find(|k| upper_camel(k.name()) == old)?;
    Some(format!("{customer_id}:{}:{date}", kind.name()))
}

/// `executive_visit` → `ExecutiveVisit`.
fn upper_camel(snake: &str) -> String {
    snake
        .split('_')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// The UID of the `n`th planned touch of a kind for a customer in a calendar export:
/// `c-1-executivevisit-0`. The kind is its stable name without underscores, which is the text
/// earlier versions wrote (their lowercased Rust name), so a calendar that imported an older
/// export updates its events instead of doubling them.
pub fn calendar_uid(customer_id: &str, kind: TouchKind, n: usize) -> String {
    format!("{customer_id}-{}-{n}", kind.name().replace('_', "")).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The day of every key below.
    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    #[test]
    fn keys_name_the_kind_by_its_stable_name() {
        let key = generated_key("c-1", TouchKind::ExecutiveVisit, day());
        assert_eq!(key, "c-1:executive_visit:2026-03-01");
    }

    /// Keys exactly as the app wrote them before stable names, one per kind.
    const OLD_KEYS: [(&str, &str); 12] = [
        ("cust1:Contact:2026-03-01", "cust1:contact:2026-03-01"),
        ("cust1:Call:2026-03-01", "cust1:call:2026-03-01"),
        ("cust1:Online:2026-03-01", "cust1:online:2026-03-01"),
        ("cust1:Visit:2026-03-01", "cust1:visit:2026-03-01"),
        (
            "cust1:ExecutiveVisit:2026-03-01",
            "cust1:executive_visit:2026-03-01",
        ),
        ("cust1:Message:2026-03-01", "cust1:message:2026-03-01"),
        (
            "cust1:NeedsSurvey:2026-03-01",
            "cust1:needs_survey:2026-03-01",
        ),
        (
            "cust1:ThankYouLetter:2026-03-01",
            "cust1:thank_you_letter:2026-03-01",
        ),
        ("cust1:UserGuide:2026-03-01", "cust1:user_guide:2026-03-01"),
        ("cust1:Gift:2026-03-01", "cust1:gift:2026-03-01"),
        ("cust1:Greeting:2026-03-01", "cust1:greeting:2026-03-01"),
        ("cust1:Event:2026-03-01", "cust1:event:2026-03-01"),
    ];

    #[test]
    fn old_keys_of_every_kind_become_todays_keys() {
        for (old, new) in OLD_KEYS {
            assert_eq!(upgrade_generated_key(old).as_deref(), Some(new), "{old}");
        }
        // Every kind is covered, and the old text was the Debug name of then.
        for (kind, (old, new)) in TouchKind::ALL.into_iter().zip(OLD_KEYS) {
            assert_eq!(old, format!("cust1:{kind:?}:2026-03-01"));
            assert_eq!(new, generated_key("cust1", kind, day()));
        }
    }

    #[test]
    fn upgrading_keeps_customer_ids_with_colons_and_leaves_new_or_foreign_keys() {
        assert_eq!(
            upgrade_generated_key("imp:42:Visit:2025-12-31").as_deref(),
            Some("imp:42:visit:2025-12-31")
        );
        for key in [
            "cust1:visit:2026-03-01",
            "cust1:executive_visit:2026-03-01",
            "cust1:Lunch:2026-03-01",
            "Visit:2026-03-01",
            "",
            "free text",
        ] {
            assert_eq!(upgrade_generated_key(key), None, "{key}");
        }
    }

    #[test]
    fn calendar_uids_are_those_of_earlier_exports() {
        for kind in TouchKind::ALL {
            let before = format!("{}-{:?}-{}", "C-1", kind, 3).to_lowercase();
            assert_eq!(calendar_uid("C-1", kind, 3), before);
        }
        // Distinct per kind, so two kinds never share an event.
        let mut uids: Vec<String> = TouchKind::ALL
            .into_iter()
            .map(|k| calendar_uid("c", k, 0))
            .collect();
        uids.sort();
        uids.dedup();
        assert_eq!(uids.len(), TouchKind::ALL.len());
    }
}
