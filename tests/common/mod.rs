//! Helpers the browser tests share (each `tests/*_web.rs` is its own crate; not every one uses
//! every helper).
#![allow(dead_code)]

use kehu_weihu::domain::customer::Customer;

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
