//! Helpers the browser tests share (each `tests/*_web.rs` is its own crate; not every one uses
//! every helper).
#![allow(dead_code)]

use kehu_weihu::domain::records::Customer;
use kehu_weihu::domain::tiering::TierState;

/// A database name no other test (or earlier run) uses.
pub fn db_name(test: &str) -> String {
    format!("test-{test}-{}", js_sys::Math::random())
}

pub fn customer(id: &str, name: &str) -> Customer {
    Customer {
        id: id.into(),
        name: name.into(),
        ..Customer::default()
    }
}

/// A tier change that puts `state` in place, whatever is stored.
pub fn set(state: TierState) -> impl Fn(&Customer, &mut TierState) -> bool {
    move |_, s| {
        *s = state.clone();
        true
    }
}
