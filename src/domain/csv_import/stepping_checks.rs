//! Checks that reading and building in small steps give exactly the one-go result.
//!
//! `read_table` and `build_import` call the two `…_agrees` hooks in tests, so every CSV
//! input of the suite (the examples and the property tests) is also read and built one unit
//! at a time and a thousand units at a time, and compared with the one-go result.

use std::collections::HashMap;
use std::time::Instant;

use chrono::NaiveDate;

use super::build::{check_mapping, Draft, RowReader};
use super::matching::Identity;
use super::reading::SCAN_BYTES;
use super::{
    build_import, guess_mapping, read_table, Column, CsvError, CsvImport, ImportBuilding,
    ImportError, Table, TableReading,
};
use crate::domain::money::MoneyUnit;
use crate::domain::records::{Contact, Customer};
use crate::domain::sorting;

/// The work sizes each input is also stepped with.
const WORKS: [usize; 2] = [1, 1000];

/// Progress as the UI would see it: total fixed, done never going back nor past it.
struct ProgressWatch {
    total: u64,
    done: u64,
}

impl ProgressWatch {
    fn new((done, total): (u64, u64)) -> Self {
        assert!(done <= total, "{done} > {total}");
        ProgressWatch { total, done }
    }

    fn see(&mut self, (done, total): (u64, u64)) {
        assert_eq!(total, self.total, "total changed");
        assert!(
            done >= self.done,
            "progress went back: {} to {done}",
            self.done
        );
        assert!(done <= total, "{done} > {total}");
        self.done = done;
    }

    fn ended(&self) {
        assert_eq!(self.done, self.total, "progress did not end at the total");
    }
}

/// Steps `reading` `work` units at a time to its result, checking progress and, for single
/// units, that a step read at most one record or one scan slice. Returns the steps taken.
fn step_reading(mut reading: TableReading, work: usize) -> (Result<Table, CsvError>, usize) {
    let mut progress = ProgressWatch::new(reading.progress());
    let mut steps = 0;
    loop {
        steps += 1;
        let result = reading.step(work);
        progress.see(reading.progress());
        if work == 1 {
            let cost = reading.last_step;
            assert!(cost.records <= 1, "{cost:?}");
            // A slice is rounded up to a whole character (at most 3 more bytes).
            assert!(cost.scanned_bytes <= SCAN_BYTES + 3, "{cost:?}");
            assert!(cost.records == 0 || cost.scanned_bytes == 0, "{cost:?}");
        }
        if let Some(result) = result {
            progress.ended();
            assert!(reading.step(work).is_none(), "a second result");
            return (result, steps);
        }
    }
}

/// Compares `whole` (read in one go, slices of `SCAN_BYTES`) with the text scanned whole
/// (how `read_table` worked before it was sliced), scanned a byte at a time and stepped a
/// unit at a time, and stepped a thousand units at a time.
pub(super) fn reading_agrees(text: &str, whole: &Result<Table, CsvError>) {
    let unsliced = TableReading::with_scan_bytes(text.to_string(), usize::MAX).finish();
    assert_eq!(whole, &unsliced, "sliced scans: {text:?}");
    let bytewise = TableReading::with_scan_bytes(text.to_string(), 1);
    let (stepped, _) = step_reading(bytewise, 1);
    assert_eq!(&stepped, whole, "a byte at a time: {text:?}");
    for work in WORKS {
        let (stepped, _) = step_reading(TableReading::new(text.to_string()), work);
        assert_eq!(&stepped, whole, "stepping {work} at a time: {text:?}");
    }
}

/// Steps `building` `work` units at a time to its import, checking progress and, for single
/// units, that a step did at most one unit. Returns the steps taken.
fn step_building(
    mut building: ImportBuilding<&Table, &[Customer]>,
    work: usize,
    new_id: &mut dyn FnMut() -> String,
) -> (CsvImport, usize) {
    let mut progress = ProgressWatch::new(building.progress());
    let mut steps = 0;
    loop {
        steps += 1;
        let import = building.step(work, new_id);
        progress.see(building.progress());
        assert!(building.last_step_units <= work);
        if let Some(import) = import {
            progress.ended();
            assert!(building.step(work, new_id).is_none(), "a second import");
            return (import, steps);
        }
    }
}

/// Builds in one go with `new_id`, then with the same ids replayed: the way `build_import`
/// worked before it was stepped, and in steps. Equal imports then also mean ids asked for in
/// the same order. Returns the one-go import.
pub(super) fn building_agrees(
    table: &Table,
    mapping: &[Column],
    unit: MoneyUnit,
    existing: &[Customer],
    today: NaiveDate,
    new_id: &mut dyn FnMut() -> String,
) -> CsvImport {
    let building = || ImportBuilding::new(table, mapping.to_vec(), unit, existing, today);
    let mut ids = Vec::new();
    let whole = building().finish(&mut || {
        let id = new_id();
        ids.push(id.clone());
        id
    });
    let replaying = |what: &str, run: &dyn Fn(&mut dyn FnMut() -> String) -> CsvImport| {
        let mut replay = ids.iter().cloned();
        let stepped = run(&mut || replay.next().expect("more ids asked for than in one go"));
        assert_eq!(stepped, whole, "{what}");
        assert!(
            replay.next().is_none(),
            "{what}: fewer ids asked for than in one go"
        );
    };
    replaying("unstepped", &|new_id| {
        unstepped(table, mapping, unit, existing, today, new_id)
    });
    for work in WORKS {
        replaying(&format!("stepping {work} at a time"), &|new_id| {
            step_building(building(), work, new_id).0
        });
    }
    whole
}

/// `build_import` as it was before it was stepped, to compare with.
fn unstepped(
    table: &Table,
    mapping: &[Column],
    unit: MoneyUnit,
    existing: &[Customer],
    today: NaiveDate,
    new_id: &mut dyn FnMut() -> String,
) -> CsvImport {
    let mut import = CsvImport {
        rows_read: table.rows.len(),
        ..CsvImport::default()
    };
    if let Err(error) = check_mapping(table, mapping) {
        import.errors.push(error);
        return import;
    }
    let reader = RowReader {
        table,
        mapping,
        unit,
        today,
    };
    let ordered = mapping.iter().any(|c| c.is_order());
    let mut known: HashMap<String, Vec<(Identity, &str)>> = HashMap::new();
    for customer in existing {
        let identity = Identity::of(customer);
        (known.entry(identity.name.clone()).or_default()).push((identity, customer.id.as_str()));
    }
    let find_known = |identity: &Identity| {
        known.get(&identity.name).and_then(|candidates| {
            (candidates.iter())
                .find(|(other, _)| other.same_customer(identity))
                .map(|(_, id)| id.to_string())
        })
    };
    let mut groups: Vec<Draft> = Vec::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    let mut errors = Vec::new();
    for row in &table.rows {
        let Some(draft) = reader.read(row, &mut errors) else {
            continue;
        };
        let identity = draft.identity();
        if !ordered {
            if let Some(id) = find_known(&identity) {
                (import.duplicates).push(draft.duplicate(Some(id), None, new_id));
                continue;
            }
        }
        let earlier = by_name.get(&identity.name).and_then(|indices| {
            (indices.iter().copied()).find(|&i| groups[i].identity().same_customer(&identity))
        });
        match earlier {
            Some(i) if ordered => groups[i].merge(draft, &reader, &mut errors),
            Some(i) => {
                let earlier_line = Some(groups[i].line);
                (import.duplicates).push(draft.duplicate(None, earlier_line, new_id));
            }
            None => {
                by_name.entry(identity.name).or_default().push(groups.len());
                groups.push(draft);
            }
        }
    }
    for draft in groups {
        match find_known(&draft.identity()) {
            Some(id) => (import.duplicates).push(draft.duplicate(Some(id), None, new_id)),
            None => import.customers.push(draft.into_customer(today, new_id)),
        }
    }
    sorting::sort_by_key(&mut import.duplicates, |d| d.line);
    import.errors = errors.into_iter().map(ImportError::Cell).collect();
    import
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

/// A sheet of `rows` order rows: every third customer has two orders, every hundredth row
/// has bad cells, and some rows repeat stored customers.
fn order_sheet(rows: usize) -> String {
    let mut text = String::from("\u{FEFF}客户名称,联系人,手机,企业规模,下单日期,金额,备注\n");
    for i in 0..rows {
        let customer = if i % 3 == 1 { i - 1 } else { i };
        let (size, date) = if i % 100 == 99 {
            ("巨型", "2024-13-01")
        } else {
            ("小型", "2024-05-01")
        };
        let note = if i % 7 == 0 {
            "\"第一行\n第二行, 逗号\""
        } else {
            ""
        };
        text.push_str(&format!(
            "公司{customer},联系人{customer},138{customer:08},{size},{date},{}.5,{note}\n",
            i % 50
        ));
        if i % 10 == 0 {
            text.push_str(",,,,,,\n\n");
        }
    }
    text
}

/// Stored customers, half of them named in `order_sheet`.
fn stored(count: usize) -> Vec<Customer> {
    (0..count)
        .map(|i| Customer {
            id: format!("c-{i}"),
            name: format!("公司{}", i * 2),
            contacts: vec![Contact {
                phone: format!("138{:08}", i * 2),
                ..Contact::default()
            }],
            ..Customer::default()
        })
        .collect()
}

fn counter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("id-{n}")
    }
}

#[test]
fn a_large_order_sheet_stepped_one_unit_at_a_time_gives_the_one_go_result() {
    // read_table and build_import compare stepping with the one-go result themselves.
    let table = read_table(&order_sheet(600)).unwrap();
    let mapping = guess_mapping(&table.headers);
    let existing = stored(200);
    let import = build_import(
        &table,
        &mapping,
        MoneyUnit::Wan,
        &existing,
        today(),
        &mut counter(),
    );
    assert!(!import.errors.is_empty() && !import.duplicates.is_empty());
    assert!(!import.customers.is_empty());
}

#[test]
fn single_units_take_as_many_steps_as_there_are_rows_and_slices() {
    let text = order_sheet(300);
    let (table, steps) = step_reading(TableReading::new(text.clone()), 1);
    let table = table.unwrap();
    let slices = text.len().div_ceil(SCAN_BYTES);
    assert!(steps >= table.rows.len() + slices, "{steps} steps");
    let existing = stored(50);
    let mapping = guess_mapping(&table.headers);
    let building = ImportBuilding::new(&table, mapping, MoneyUnit::Wan, &existing[..], today());
    let (_, steps) = step_building(building, 1, &mut counter());
    assert!(steps >= existing.len() + table.rows.len(), "{steps} steps");
}

#[test]
fn a_refused_mapping_or_file_ends_at_once_with_progress_at_the_total() {
    let table = read_table("电话,行业\n138,制造\n").unwrap();
    let mut building = ImportBuilding::new(
        &table,
        guess_mapping(&table.headers),
        MoneyUnit::Wan,
        &[][..],
        today(),
    );
    let (done, total) = building.progress();
    assert_eq!(done, total);
    let import = building.step(1, &mut counter()).unwrap();
    assert_eq!(import.errors.len(), 1);
    let mut reading = TableReading::new("名称,备注\nA,\"x\"y\n".to_string());
    let (_, total) = reading.progress();
    let result = std::iter::from_fn(|| Some(reading.step(1)))
        .flatten()
        .next();
    assert_eq!(result, Some(Err(CsvError::TextAfterQuote { line: 2 })));
    assert_eq!(reading.progress(), (total, total));
}

/// Native times for a 30,000-row sheet, in one go and in steps of a chosen size, and the
/// longest single step: `cargo test --release --lib stepping_times -- --ignored --nocapture`.
#[test]
#[ignore = "timing, not a check"]
fn stepping_times_for_a_30000_row_sheet() {
    const READ_WORK: usize = 256;
    const BUILD_WORK: usize = 256;
    let text = order_sheet(30_000);
    println!(
        "{} MB, {} units per step",
        text.len() / 1_000_000,
        READ_WORK
    );

    let start = Instant::now();
    let table = TableReading::new(text.clone()).finish().unwrap();
    println!("read in one go: {:?}", start.elapsed());
    let mut reading = TableReading::new(text);
    let (start, mut longest, mut steps) = (Instant::now(), Default::default(), 0);
    loop {
        let step = Instant::now();
        let result = reading.step(READ_WORK);
        longest = step.elapsed().max(longest);
        steps += 1;
        if result.is_some() {
            break;
        }
    }
    println!(
        "read in {steps} steps: {:?}, longest {longest:?}",
        start.elapsed()
    );

    let existing = stored(30_000);
    let mapping = guess_mapping(&table.headers);
    let building = || {
        ImportBuilding::new(
            &table,
            mapping.clone(),
            MoneyUnit::Wan,
            &existing[..],
            today(),
        )
    };
    let start = Instant::now();
    building().finish(&mut counter());
    println!("built in one go: {:?}", start.elapsed());
    let mut building = building();
    let mut new_id = counter();
    let (start, mut longest, mut steps) = (Instant::now(), Default::default(), 0);
    let mut longest_at = (0, 0);
    loop {
        let (at, step) = (building.progress(), Instant::now());
        let result = building.step(BUILD_WORK, &mut new_id);
        if step.elapsed() > longest {
            (longest, longest_at) = (step.elapsed(), at);
        }
        steps += 1;
        if result.is_some() {
            break;
        }
    }
    println!(
        "built in {steps} steps: {:?}, longest {longest:?} from {longest_at:?}",
        start.elapsed()
    );
}
