//! The second half of a [`Reading`](super::Reading): once the scan has found the pieces of
//! a file, each is read as JSON, upgraded, checked and deserialised on its own, one piece a
//! unit of work, in the order the whole reading checks them (the head, then each list of
//! records, then whatever else the file holds, which is only read as JSON).

use std::ops::Range;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::error::{ImportError, ImportErrors};
use super::parse::{head_version, read_value, unseal, upgrade_head, upgrade_record};
use super::scan::{Scanner, Shape};
use super::walk::{Checks, ListAt, RecordList};
use super::Backup;
use crate::domain::records::{Customer, FollowUp, PlanItem, Todo};

/// The top-level members read together, as the head of the file; never split.
const HEAD: [&str; 4] = ["format", "version", "exported_on", "settings"];

/// Whether the scan splits the list at `key` into items (every list but the head's).
pub(super) fn split(key: &str) -> bool {
    !HEAD.contains(&key)
}

/// What a unit of work did.
pub(super) enum Unit {
    /// Read a piece of this many bytes (0 when it only moved on).
    Read(usize),
    /// Every piece is read: [`Pieces::finish`] is next.
    Last,
    /// Something the whole reading would report differently: read the file whole instead.
    Odd,
}

/// Which piece is next.
#[derive(Clone, Copy)]
enum Next {
    Head,
    /// What is at the key of `RecordList::ALL[list]`.
    List(usize),
    Item {
        list: usize,
        index: usize,
    },
    /// The other members (by their place in the file), and their items.
    Other {
        member: usize,
        index: usize,
    },
    /// Freeing, a batch at a time, what is not needed for the result.
    Forget,
    Finish,
}

pub(super) struct Pieces {
    scan: Scanner,
    next: Next,
    head: Map<String, Value>,
    /// The file's version, or why it cannot be read, once the head is read; the latter is
    /// reported only after every piece has been read as JSON, as the whole reading does.
    version: Result<u32, ImportError>,
    checks: Checks,
    /// The records deserialised, until the checks find something.
    read: Records,
}

#[derive(Default)]
struct Records {
    customers: Vec<Customer>,
    followups: Vec<FollowUp>,
    plans: Vec<PlanItem>,
    todos: Vec<Todo>,
}

impl Records {
    fn reserve(&mut self, list: RecordList, items: usize) {
        match list {
            RecordList::Customers => self.customers.reserve(items),
            RecordList::Followups => self.followups.reserve(items),
            RecordList::Plans => self.plans.reserve(items),
            RecordList::Todos => self.todos.reserve(items),
        }
    }

    /// Frees up to `batch` records of each kind; `true` once none is left.
    fn shed(&mut self, batch: usize) -> bool {
        fn shed<T>(records: &mut Vec<T>, batch: usize) -> bool {
            records.truncate(records.len().saturating_sub(batch));
            records.is_empty()
        }
        let customers = shed(&mut self.customers, batch);
        let followups = shed(&mut self.followups, batch);
        let plans = shed(&mut self.plans, batch);
        let todos = shed(&mut self.todos, batch);
        customers && followups && plans && todos
    }

    fn add(&mut self, list: RecordList, item: &Value) -> Result<(), serde_json::Error> {
        match list {
            RecordList::Customers => {
                let mut customer = Customer::deserialize(item)?;
                unseal(&mut customer);
                self.customers.push(customer);
            }
            RecordList::Followups => self.followups.push(FollowUp::deserialize(item)?),
            RecordList::Plans => self.plans.push(PlanItem::deserialize(item)?),
            RecordList::Todos => self.todos.push(Todo::deserialize(item)?),
        }
        Ok(())
    }
}

impl Pieces {
    pub(super) fn new(scan: Scanner, today: chrono::NaiveDate) -> Pieces {
        Pieces {
            scan,
            next: Next::Head,
            head: Map::new(),
            // Until the head is read, which is first.
            version: Err(ImportError::MissingVersion),
            checks: Checks::new(today),
            read: Records::default(),
        }
    }

    /// Reads the next piece of `text` (the scanned text).
    pub(super) fn unit(&mut self, text: &str) -> Unit {
        let read = match self.next {
            Next::Head => self.read_head(text),
            Next::List(list) => self.list(text, list),
            Next::Item { list, index } => self.item(text, list, index),
            Next::Other { member, index } => self.other(text, member, index),
            Next::Forget => Some(self.forget()),
            Next::Finish => return Unit::Last,
        };
        read.map_or(Unit::Odd, Unit::Read)
    }

    /// The backup, or what is wrong with it; `None` if only the whole reading can tell.
    pub(super) fn finish(mut self) -> Option<Result<Backup, ImportErrors>> {
        if let Err(refused) = self.version {
            return Some(Err(refused.into()));
        }
        if let Err(found) = self.checks.finish() {
            return Some(Err(found));
        }
        // The lists are read already; the model needs one to be there.
        self.head
            .insert("customers".into(), Value::Array(Vec::new()));
        let mut backup = Backup::deserialize(&Value::Object(self.head)).ok()?;
        let read = self.read;
        backup.customers = read.customers;
        backup.followups = read.followups;
        backup.plans = read.plans;
        backup.todos = read.todos;
        Some(Ok(backup))
    }

    fn read_head(&mut self, text: &str) -> Option<usize> {
        let mut bytes = 0;
        for key in HEAD {
            if let Some(Shape::Whole(range)) = self.scan.member(key) {
                bytes += range.len();
                let value = read_value(&text[range.clone()]).ok()?;
                self.head.insert(key.into(), value);
            }
        }
        self.version = head_version(&self.head);
        if let Ok(from) = self.version {
            upgrade_head(&mut self.head, from);
            self.checks.head(&self.head);
        }
        self.next = Next::List(0);
        Some(bytes)
    }

    fn list(&mut self, text: &str, list: usize) -> Option<usize> {
        let records = RecordList::ALL[list];
        let member = self.scan.member(records.key());
        let other = match member {
            Some(Shape::Whole(range)) => {
                Some((read_value(&text[range.clone()]).ok()?, range.len()))
            }
            _ => None,
        };
        let (at, bytes) = match (member, &other) {
            (_, Some((value, bytes))) => (ListAt::Other(value), *bytes),
            (Some(Shape::Items(items)), None) => {
                if self.version.is_ok() {
                    self.read.reserve(records, room(items));
                }
                (ListAt::List, 0)
            }
            _ => (ListAt::Absent, 0),
        };
        let items = self.version.is_err() || self.checks.list(records, at);
        self.next = if items {
            Next::Item { list, index: 0 }
        } else {
            after_list(list)
        };
        Some(bytes)
    }

    fn item(&mut self, text: &str, list: usize, index: usize) -> Option<usize> {
        let records = RecordList::ALL[list];
        let range = match self.scan.member(records.key()) {
            Some(Shape::Items(items)) => items.get(index),
            _ => None,
        };
        let Some(range) = range.cloned() else {
            self.next = after_list(list);
            return Some(0);
        };
        self.next = Next::Item {
            list,
            index: index + 1,
        };
        let mut value = read_value(&text[range.clone()]).ok()?;
        if let Ok(from) = self.version {
            upgrade_record(records, &mut value, from);
            self.checks.item(records, index, &value);
            if self.checks.clean() {
                self.read.add(records, &value).ok()?;
            }
        }
        Some(range.len())
    }

    /// Frees a batch of the ids seen, and of the records read if the result is the problems
    /// found, so that no step frees them all.
    fn forget(&mut self) -> usize {
        let ids = self.checks.forget_ids(4096);
        let records = self.checks.clean() || self.read.shed(256);
        if ids && records {
            self.next = Next::Finish;
        }
        0
    }

    fn other(&mut self, text: &str, member: usize, index: usize) -> Option<usize> {
        let Some(m) = self.scan.members().get(member) else {
            self.next = Next::Forget;
            return Some(0);
        };
        let next_member = Next::Other {
            member: member + 1,
            index: 0,
        };
        let known = !split(&m.key) || RecordList::ALL.iter().any(|l| l.key() == m.key);
        let range = match &m.value {
            _ if known => None,
            Shape::Whole(range) => Some(range),
            Shape::Items(items) => items.get(index),
        };
        let Some(range) = range.cloned() else {
            self.next = next_member;
            return Some(0);
        };
        self.next = match m.value {
            Shape::Whole(_) => next_member,
            Shape::Items(_) => Next::Other {
                member,
                index: index + 1,
            },
        };
        // Unknown to the app, so only its JSON matters.
        read_value(&text[range.clone()]).ok()?;
        Some(range.len())
    }
}

/// How many records to make room for from the start, since growing a list of 30,000 copies
/// it whole: all the items, unless they are too small to be real records, for room made for
/// millions of `{}` would take far more memory than the file.
fn room(items: &[Range<usize>]) -> usize {
    let bytes = match (items.first(), items.last()) {
        (Some(first), Some(last)) => last.end - first.start,
        _ => 0,
    };
    items.len().min(bytes / 256)
}

fn after_list(list: usize) -> Next {
    if list + 1 < RecordList::ALL.len() {
        Next::List(list + 1)
    } else {
        Next::Other {
            member: 0,
            index: 0,
        }
    }
}
