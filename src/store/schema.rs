//! The one place that defines the IndexedDB database: its name, its version and, for every
//! version ever shipped, its object stores and indexes.
//!
//! rexie's builder is declarative: opening with a version's full list creates what is missing
//! and deletes stores and indexes that are no longer listed. So each shipped version stays here
//! unchanged, the newest is the one the app opens, and the upgrade tests open the old versions
//! first to write data the way an older app did.

/// Name of the user's database. The training demo uses its own (never mixed with real data).
pub const DB_NAME: &str = "kehu-weihu";

/// The training workspace's database.
pub const DEMO_DB_NAME: &str = "kehu-weihu-demo";

/// An index on an object store.
#[derive(Clone, Copy, Debug)]
pub struct IndexDef {
    pub name: &'static str,
    pub key_path: &'static str,
    pub multi_entry: bool,
}

/// An object store and its indexes.
#[derive(Clone, Copy, Debug)]
pub struct StoreDef {
    pub name: &'static str,
    pub key_path: &'static str,
    pub indexes: &'static [IndexDef],
}

/// A shipped schema version.
#[derive(Clone, Copy, Debug)]
pub struct Schema {
    pub version: u32,
    pub stores: &'static [StoreDef],
}

/// Store names, so code never spells them twice.
pub mod stores {
    pub const CUSTOMERS: &str = "customers";
    /// Rows by `key`: `settings` (the data set's settings) and `generation` (a count of
    /// writes, so a tab can tell it missed another tab's; absent means 0).
    pub const META: &str = "meta";
    pub const FOLLOWUPS: &str = "followups";
    pub const TODOS: &str = "todos";
    pub const PLANS: &str = "plans";
    /// Sync's bookkeeping (`domain::sync::payload::Tracked`) by record key (`customer:…`),
    /// and its state under [`super::SYNC_STATE_KEY`].
    pub const SYNC: &str = "sync";
}

/// The row of the `sync` store that holds the engine's state (no record key starts with `#`).
pub const SYNC_STATE_KEY: &str = "#state";

const fn index(name: &'static str, key_path: &'static str) -> IndexDef {
    IndexDef {
        name,
        key_path,
        multi_entry: false,
    }
}

/// Version 1: customer profiles and a key/value store for database-level facts.
pub const SCHEMA_V1: Schema = Schema {
    version: 1,
    stores: &[
        StoreDef {
            name: stores::CUSTOMERS,
            key_path: "id",
            indexes: &[index("name", "name"), index("updated_at", "updated_at")],
        },
        StoreDef {
            name: stores::META,
            key_path: "key",
            indexes: &[],
        },
    ],
};

/// Version 2: indexes for the Customers page's filters, and the stores the method's dated
/// work lives in — follow-ups (跟进记录), to-dos (闭环) and planned touches — each found by
/// customer and by date.
pub const SCHEMA_V2: Schema = Schema {
    version: 2,
    stores: &[
        StoreDef {
            name: stores::CUSTOMERS,
            key_path: "id",
            indexes: &[
                index("name", "name"),
                index("updated_at", "updated_at"),
                index("owner", "owner"),
                index("industry", "industry"),
            ],
        },
        StoreDef {
            name: stores::META,
            key_path: "key",
            indexes: &[],
        },
        StoreDef {
            name: stores::FOLLOWUPS,
            key_path: "id",
            indexes: &[index("customer_id", "customer_id"), index("date", "date")],
        },
        StoreDef {
            name: stores::TODOS,
            key_path: "id",
            indexes: &[
                index("customer_id", "customer_id"),
                index("due_on", "due_on"),
                index("owner", "owner"),
            ],
        },
        StoreDef {
            name: stores::PLANS,
            key_path: "id",
            indexes: &[index("customer_id", "customer_id"), index("date", "date")],
        },
    ],
};

/// Version 3: the same stores; planned touches' `replaces` keys name the touch kind by its
/// stable name (`c-1:executive_visit:2026-03-01`, not `c-1:ExecutiveVisit:…`). The records
/// are rewritten after opening (see `migrate`); the version bump closes tabs still running
/// the older app, so none of them writes an old key afterwards.
pub const SCHEMA_V3: Schema = Schema {
    version: 3,
    stores: SCHEMA_V2.stores,
};

/// Version 4: the same stores and `sync`, sync's bookkeeping beside the records (additive:
/// no record changes shape).
pub const SCHEMA_V4: Schema = Schema {
    version: 4,
    stores: &[
        SCHEMA_V3.stores[0],
        SCHEMA_V3.stores[1],
        SCHEMA_V3.stores[2],
        SCHEMA_V3.stores[3],
        SCHEMA_V3.stores[4],
        StoreDef {
            name: stores::SYNC,
            key_path: "key",
            indexes: &[],
        },
    ],
};

/// Every schema ever shipped, oldest first.
pub const SCHEMAS: &[Schema] = &[SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4];

/// The schema this build of the app opens.
pub const CURRENT: Schema = SCHEMAS[SCHEMAS.len() - 1];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_increase_one_by_one_and_never_drop_a_store() {
        for (i, pair) in SCHEMAS.windows(2).enumerate() {
            assert_eq!(pair[1].version, pair[0].version + 1, "schema #{i}");
            for old in pair[0].stores {
                assert!(
                    pair[1].stores.iter().any(|s| s.name == old.name),
                    "v{} drops store {} (data would be deleted)",
                    pair[1].version,
                    old.name
                );
            }
        }
        assert_eq!(SCHEMAS[0].version, 1);
        assert_eq!(SCHEMA_V3.stores.len(), 5, "v4 lists every store of v3");
    }
}
