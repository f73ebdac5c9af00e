//! Building an import a slice at a time, so checking a large file never holds the page long.
//!
//! `ImportBuilding` does what `build_import` does (which runs it to the end in one go). Each
//! unit of `step` work is one stored customer indexed for the duplicate check, one row read,
//! or one customer of the file finished (given its ids).

use std::borrow::Borrow;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::build::{check_mapping, CsvImport, Draft, ImportError, RowError, RowReader};
use super::mapping::Column;
use super::matching::Identity;
use super::table::Table;
use crate::domain::money::MoneyUnit;
use crate::domain::records::Customer;
use crate::domain::sorting;

/// An import being built from a table; see `step`. It holds its inputs as any owner or
/// reference: `&Table` and `&[Customer]`, or `Rc<Table>` and `Rc<[Customer]>` to keep between
/// the browser's frames.
pub struct ImportBuilding<T, E> {
    table: T,
    mapping: Vec<Column>,
    unit: MoneyUnit,
    existing: E,
    today: NaiveDate,
    /// Whether an order column is mapped: rows of one customer then group into one.
    ordered: bool,
    phase: Phase,
    /// Stored customers by folded name, with their position in `existing`.
    known: HashMap<String, Vec<(Identity, usize)>>,
    groups: Vec<Draft>,
    /// Positions in `groups` by folded name.
    by_name: HashMap<String, Vec<usize>>,
    errors: Vec<RowError>,
    import: CsvImport,
    done: u64,
    /// Units of work the last `step` did, for the tests that bound a step.
    #[cfg(test)]
    pub(super) last_step_units: usize,
}

enum Phase {
    /// Indexing `existing[next]`.
    Known {
        next: usize,
    },
    /// Reading `table.rows[next]`.
    Rows {
        next: usize,
    },
    /// Giving ids to the file's customers, in first-row order.
    Groups(std::vec::IntoIter<Draft>),
    /// `import` is whole and not yet handed over.
    Ready,
    HandedOver,
}

impl<T: Borrow<Table>, E: Borrow<[Customer]>> ImportBuilding<T, E> {
    pub fn new(
        table: T,
        mapping: Vec<Column>,
        unit: MoneyUnit,
        existing: E,
        today: NaiveDate,
    ) -> Self {
        let mut import = CsvImport {
            rows_read: table.borrow().rows.len(),
            ..CsvImport::default()
        };
        let phase = match check_mapping(table.borrow(), &mapping) {
            Ok(()) => Phase::Known { next: 0 },
            Err(error) => {
                import.errors.push(error);
                Phase::Ready
            }
        };
        // Reserved at once: growing a map of 30,000 names rehashes them all in one step.
        let known = existing.borrow().len();
        let mut building = ImportBuilding {
            ordered: mapping.iter().any(|c| c.is_order()),
            table,
            mapping,
            unit,
            existing,
            today,
            phase,
            known: HashMap::with_capacity(known),
            groups: Vec::new(),
            by_name: HashMap::with_capacity(import.rows_read),
            errors: Vec::new(),
            import,
            done: 0,
            #[cfg(test)]
            last_step_units: 0,
        };
        if matches!(building.phase, Phase::Ready) {
            building.done = building.progress().1;
        }
        building
    }

    /// Does about `work` units (at least one) and returns the import once whole, asking
    /// `new_id` for ids in the order `build_import` does. Called again after that, it returns
    /// `None` and does nothing.
    pub fn step(&mut self, work: usize, new_id: &mut dyn FnMut() -> String) -> Option<CsvImport> {
        #[cfg(test)]
        {
            self.last_step_units = 0;
        }
        for _ in 0..work.max(1) {
            match self.phase {
                Phase::Ready => {
                    self.phase = Phase::HandedOver;
                    self.done = self.progress().1;
                    return Some(std::mem::take(&mut self.import));
                }
                Phase::HandedOver => return None,
                _ => self.unit(new_id),
            }
            #[cfg(test)]
            {
                self.last_step_units += 1;
            }
        }
        None
    }

    /// Runs to the end.
    pub fn finish(mut self, new_id: &mut dyn FnMut() -> String) -> CsvImport {
        loop {
            if let Some(import) = self.step(usize::MAX, new_id) {
                return import;
            }
        }
    }

    /// (done, total) in units: `total` is fixed when the building starts (stored customers
    /// plus twice the rows, since the file's customers are at most as many as its rows);
    /// `done` never decreases and is `total` once the import is whole.
    pub fn progress(&self) -> (u64, u64) {
        let total = self.existing.borrow().len() + 2 * self.table.borrow().rows.len();
        (self.done, total as u64)
    }

    fn unit(&mut self, new_id: &mut dyn FnMut() -> String) {
        let existing = self.existing.borrow().len() as u64;
        let rows = self.table.borrow().rows.len();
        match &mut self.phase {
            Phase::Known { next } if *next < existing as usize => {
                let customer = &self.existing.borrow()[*next];
                let identity = Identity::of(customer);
                (self.known.entry(identity.name.clone()).or_default()).push((identity, *next));
                *next += 1;
                self.done = *next as u64;
            }
            Phase::Known { .. } => self.phase = Phase::Rows { next: 0 },
            Phase::Rows { next } if *next < rows => {
                let index = *next;
                *next += 1;
                self.done = existing + *next as u64;
                self.read_row(index, new_id);
            }
            Phase::Rows { .. } => {
                let groups = std::mem::take(&mut self.groups);
                // Growing a list of 30,000 customers would copy them all in one step.
                self.import.customers.reserve(groups.len());
                self.phase = Phase::Groups(groups.into_iter());
            }
            Phase::Groups(groups) => match groups.next() {
                Some(draft) => {
                    self.done += 1;
                    match self.find_known(&draft.identity()) {
                        Some(id) => {
                            (self.import.duplicates).push(draft.duplicate(Some(id), None, new_id))
                        }
                        None => {
                            (self.import.customers).push(draft.into_customer(self.today, new_id))
                        }
                    }
                }
                None => {
                    sorting::sort_by_key(&mut self.import.duplicates, |d| d.line);
                    let errors = std::mem::take(&mut self.errors);
                    self.import.errors = errors.into_iter().map(ImportError::Cell).collect();
                    self.phase = Phase::Ready;
                }
            },
            Phase::Ready | Phase::HandedOver => {}
        }
    }

    /// Without order columns each row is one customer, and a row naming the same customer as
    /// an earlier row is a duplicate; with them, rows of one customer merge into one.
    fn read_row(&mut self, index: usize, new_id: &mut dyn FnMut() -> String) {
        let table = self.table.borrow();
        let reader = RowReader {
            table,
            mapping: &self.mapping,
            unit: self.unit,
            today: self.today,
        };
        let Some(draft) = reader.read(&table.rows[index], &mut self.errors) else {
            return;
        };
        let identity = draft.identity();
        if !self.ordered {
            if let Some(id) = self.find_known(&identity) {
                (self.import.duplicates).push(draft.duplicate(Some(id), None, new_id));
                return;
            }
        }
        let groups = &mut self.groups;
        let earlier = self.by_name.get(&identity.name).and_then(|indices| {
            (indices.iter().copied()).find(|&i| groups[i].identity().same_customer(&identity))
        });
        match earlier {
            Some(i) if self.ordered => groups[i].merge(draft, &reader, &mut self.errors),
            Some(i) => {
                let earlier_line = Some(groups[i].line);
                (self.import.duplicates).push(draft.duplicate(None, earlier_line, new_id));
            }
            None => {
                (self.by_name.entry(identity.name))
                    .or_default()
                    .push(groups.len());
                groups.push(draft);
            }
        }
    }

    /// The id of the stored customer `identity` is, if any.
    fn find_known(&self, identity: &Identity) -> Option<String> {
        let candidates = self.known.get(&identity.name)?;
        let (_, index) = candidates
            .iter()
            .find(|(other, _)| other.same_customer(identity))?;
        Some(self.existing.borrow()[*index].id.clone())
    }
}
