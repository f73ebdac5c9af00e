//! When two records are the same customer: the same name, told apart by their contacts.
//!
//! Two companies can share a name (branches, 同名公司), so a name alone decides only when one
//! side knows no contact to compare.

use crate::domain::records::{Contact, Customer, Order};
use crate::domain::text::{fold, phone_key};

/// What identifies a customer in a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Identity {
    pub name: String,
    pub contacts: Vec<ContactKey>,
}

/// The parts of a contact that identify a person, normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ContactKey {
    name: String,
    phone: String,
    email: String,
}

impl ContactKey {
    /// `None` when the contact has nothing to compare (only a title or a WeChat id).
    fn of(contact: &Contact) -> Option<ContactKey> {
        let key = ContactKey {
            name: fold(&contact.name),
            phone: phone_key(&contact.phone),
            email: fold(&contact.email),
        };
        let empty = key.name.is_empty() && key.phone.is_empty() && key.email.is_empty();
        (!empty).then_some(key)
    }

    fn matches(&self, other: &ContactKey) -> bool {
        let same = |a: &str, b: &str| !a.is_empty() && a == b;
        same(&self.name, &other.name)
            || same(&self.phone, &other.phone)
            || same(&self.email, &other.email)
    }
}

impl Identity {
    pub fn of(customer: &Customer) -> Identity {
        Identity {
            name: fold(&customer.name),
            contacts: customer
                .contacts
                .iter()
                .filter_map(ContactKey::of)
                .collect(),
        }
    }

    /// Equal folded names and, when both sides know contacts, one contact in common by folded
    /// name, phone digits or folded email.
    pub fn same_customer(&self, other: &Identity) -> bool {
        self.name == other.name
            && (self.contacts.is_empty()
                || other.contacts.is_empty()
                || self
                    .contacts
                    .iter()
                    .any(|a| other.contacts.iter().any(|b| a.matches(b))))
    }
}

/// Appends a duplicate's orders to the existing customer it matched, skipping those it already
/// has (same date, amount and product), so importing the same sheet twice adds nothing.
/// Returns how many orders were added.
pub fn merge_duplicate_orders(existing: &mut Customer, orders: &[Order]) -> usize {
    let same = |a: &Order, b: &Order| {
        a.date == b.date && a.amount_fen == b.amount_fen && fold(&a.product) == fold(&b.product)
    };
    let mut added = 0;
    for order in orders {
        if !existing.orders.iter().any(|o| same(o, order)) {
            existing.orders.push(order.clone());
            added += 1;
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Fen;
    use chrono::NaiveDate;

    fn customer(name: &str, contacts: &[(&str, &str, &str)]) -> Customer {
        Customer {
            name: name.into(),
            contacts: contacts
                .iter()
                .map(|(name, phone, email)| Contact {
                    name: name.to_string(),
                    phone: phone.to_string(),
                    email: email.to_string(),
                    ..Contact::default()
                })
                .collect(),
            ..Customer::default()
        }
    }

    #[test]
    fn same_name_is_the_same_customer_unless_both_know_different_contacts() {
        let existing = customer(
            "ＹＹ贸易公司",
            &[("王经理", "138 0000 0000", ""), ("李工", "", "li@yy.cn")],
        );
        let cases = [
            (customer("yy贸易公司", &[]), true),
            (customer("YY贸易公司", &[("王经理", "", "")]), true),
            (
                customer("YY贸易公司", &[("", "+86 138-0000-0000", "")]),
                true,
            ),
            (customer("YY贸易公司", &[("", "", "LI@YY.CN")]), true),
            (
                customer("YY贸易公司", &[("赵总", "139", "zhao@yy.cn")]),
                false,
            ),
            (customer("YY贸易", &[]), false),
            // A contact with only a title or WeChat has nothing to compare.
            (
                Customer {
                    contacts: vec![Contact {
                        wechat: "wx1".into(),
                        ..Contact::default()
                    }],
                    ..customer("YY贸易公司", &[])
                },
                true,
            ),
        ];
        let existing = Identity::of(&existing);
        for (candidate, expected) in cases {
            let candidate = Identity::of(&candidate);
            assert_eq!(
                candidate.same_customer(&existing),
                expected,
                "{candidate:?}"
            );
            assert_eq!(existing.same_customer(&candidate), expected, "symmetric");
        }
    }

    #[test]
    fn merging_orders_skips_those_already_there() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 5);
        let order = |id: &str, fen: i64, product: &str| Order {
            id: id.into(),
            date: day,
            amount_fen: Fen(fen),
            product: product.into(),
        };
        let mut existing = customer("科技公司", &[]);
        existing.orders.push(order("o-1", 100, "咨询"));
        let incoming = [
            order("o-2", 100, "咨询"),
            order("o-3", 100, "培训"),
            order("o-4", 200, "咨询"),
        ];
        assert_eq!(merge_duplicate_orders(&mut existing, &incoming), 2);
        let ids: Vec<&str> = existing.orders.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["o-1", "o-3", "o-4"]);
        assert_eq!(merge_duplicate_orders(&mut existing, &incoming), 0);
    }
}
