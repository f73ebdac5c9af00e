//! A [`Reading`] in steps gives what the whole reading gives, for every file: every file a
//! test reads through [`parse`] is compared (see [`agrees`]), and the files here are the
//! tricky ones. No step does more than its share of the work.

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::fixtures::{followup, maximal_customer, plan_item, today, todo};
use super::parse::parse_whole;
use super::pieces::split;
use super::scan::{Scanned, Scanner};
use super::{parse, Backup, ImportErrors, Reading, FORMAT, MAX_REPORTED};
use crate::domain::demo::{generate, DemoLang};
use crate::domain::records::Customer;
use crate::domain::settings::DataSettings;

/// What [`parse`] gave for `text` (`read`) is what the whole reading gives, and so does a
/// reading in steps of 1 and of 1,000 units, whose progress only goes forward, to its total.
/// The scan finds the same pieces however few bytes it is given at a time.
pub(super) fn agrees(text: &str, today: NaiveDate, read: &Result<Backup, ImportErrors>) {
    let whole = parse_whole(text, today);
    assert_eq!(
        read, &whole,
        "parse differs from the whole reading of {text:.300}"
    );
    for work in [1, 1000] {
        let (stepped, _) = stepped(text, today, work);
        assert_eq!(stepped, whole, "steps of {work} differ on {text:.300}");
    }
    if text.len() < 20_000 {
        let pieces = |budget| scanned(text, budget).map(|s| format!("{:?}", s.members()));
        assert_eq!(pieces(1), pieces(usize::MAX), "{text:.300}");
        assert_eq!(pieces(7), pieces(usize::MAX), "{text:.300}");
    }
}

/// The scanner run to its end with `budget` bytes a call, if it gets there.
fn scanned(text: &str, budget: usize) -> Option<Scanner> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut scanner = Scanner::new(start, split);
    loop {
        match scanner.scan(text, budget) {
            Scanned::More => {}
            Scanned::Done => return Some(scanner),
            Scanned::Empty | Scanned::Odd => return None,
        }
    }
}

/// Facts of a reading in steps of `work` units.
struct Steps {
    /// It fell back on the whole reading.
    whole: bool,
    steps: usize,
    /// The most bytes one step touched.
    most: usize,
}

fn stepped(text: &str, today: NaiveDate, work: usize) -> (Result<Backup, ImportErrors>, Steps) {
    let mut reading = Reading::new(text.to_owned(), today);
    let (mut last, total) = reading.progress();
    assert_eq!(last, 0);
    let mut facts = Steps {
        whole: false,
        steps: 0,
        most: 0,
    };
    loop {
        let result = reading.step(work);
        facts.steps += 1;
        facts.most = facts.most.max(reading.touched);
        let (done, now_total) = reading.progress();
        assert_eq!(now_total, total, "the total never changes");
        assert!(last <= done && done <= total, "{last} → {done} of {total}");
        last = done;
        if let Some(result) = result {
            assert_eq!(done, total, "done at the end");
            assert!(reading.step(1).is_none(), "nothing after the result");
            assert_eq!(reading.progress(), (total, total));
            facts.whole = reading.whole;
            return (result, facts);
        }
    }
}

/// Reads `text` as the app does and says whether it was read in pieces.
fn in_pieces(text: &str) -> bool {
    let read = parse(text, today()); // compares it with the whole reading
    let (stepped, facts) = stepped(text, today(), 1);
    assert_eq!(stepped, read);
    !facts.whole
}

fn file(customers: Value) -> Value {
    json!({
        "format": FORMAT,
        "version": 2,
        "exported_on": "2025-06-15",
        "settings": { "money_unit": "wan" },
        "customers": customers,
    })
}

/// Text that looks like structure to a scanner that forgets it is inside text.
const TRICKY: [&str; 9] = [
    "[",
    "]",
    "{\"a\": [1, }",
    "\"",
    "\\\"",
    "\\",
    "é \u{1F35C} 面馆",
    "\u{2028}",
    "\u{0}",
];

#[test]
fn tricky_text_and_layout_are_read_in_pieces_as_a_whole() {
    let customers: Vec<Value> = TRICKY
        .iter()
        .enumerate()
        .map(|(i, t)| {
            json!({ "id": format!("c-{i}{t}"), "name": format!("名{t}"),
                    "remarks": [{ "text": format!("{t}{t}]}}"), "kind": "complaint" }],
                    format!("key {t}"): [t, { t.to_string(): t }] })
        })
        .collect();
    let mut f = file(json!(customers));
    f["unknown"] = json!({ "nested": [[[["]"]]]], "t": TRICKY });
    f["other_list"] = json!([1, "x]", null, true, -0.5e3, {}, [], { "a": "{" }]);
    f["followups"] = json!([followup()]);
    f["plans"] = json!([plan_item()]);
    f["todos"] = json!([todo()]);
    let compact = f.to_string();
    let pretty = serde_json::to_string_pretty(&f).unwrap();
    let texts = [
        compact.clone(),
        pretty.clone(),
        pretty.replace('\n', "\r\n").replace("  ", "\t"),
        format!("\u{feff}{pretty}"),
        format!(" \n\t{compact}\r\n  \n"),
        // JSON's own escapes for what the other files write as they are.
        compact
            .replace('é', "\\u00e9")
            .replace('\u{1F35C}', "\\ud83c\\udf5c")
            .replace('面', "\\u9762"),
        spaced(&compact),
    ];
    for text in texts {
        assert!(in_pieces(&text), "{text:.200}");
        assert_eq!(parse(&text, today()).unwrap().customers.len(), TRICKY.len());
    }
}

/// `json` with whitespace around every comma, colon and bracket outside text.
fn spaced(json: &str) -> String {
    let (mut out, mut in_text, mut escaped) = (String::new(), false, false);
    for c in json.chars() {
        match c {
            _ if in_text => {
                in_text = escaped || c != '"';
                escaped = !escaped && c == '\\';
                out.push(c);
            }
            '"' => {
                in_text = true;
                out.push(c);
            }
            ',' | ':' | '[' | ']' | '{' | '}' => {
                out.push_str(" \r\n");
                out.push(c);
                out.push_str("\t ");
            }
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn files_of_every_shape_are_read_in_pieces_as_a_whole() {
    let mut files = Vec::new();
    let full = serde_json::to_value(
        Backup::new(DataSettings::default(), vec![maximal_customer()], today())
            .with_records(vec![followup()], vec![plan_item()])
            .with_todos(vec![todo()]),
    )
    .unwrap();
    files.push(full.clone());
    // Version 1, with plan keys to upgrade.
    let mut v1 = full.clone();
    v1["version"] = json!(1);
    v1["plans"] = json!([
        { "id": "p-1", "customer_id": "c-max", "date": "2026-03-03", "kind": "executive_visit",
          "replaces": "c-max:ExecutiveVisit:2026-03-01" },
        { "id": "p-2", "customer_id": "c-max", "replaces": 5 },
    ]);
    files.push(v1);
    // Lists missing, empty, or not lists.
    for (key, value) in [
        ("customers", None),
        ("customers", Some(json!("x"))),
        ("customers", Some(json!({}))),
        ("followups", None),
        ("followups", Some(json!(null))),
        ("plans", Some(json!(5))),
        ("todos", Some(json!([]))),
        ("settings", None),
        ("settings", Some(json!([{}]))),
        ("exported_on", Some(json!([]))),
    ] {
        let mut f = full.clone();
        match value {
            None => f.as_object_mut().unwrap().remove(key),
            Some(v) => f.as_object_mut().unwrap().insert(key.into(), v),
        };
        files.push(f);
    }
    // Problems in several records and lists, and ids repeated across records.
    let mut errors = full.clone();
    errors["customers"] = json!([
        { "id": "a", "name": "" }, "not a record", { "id": "b", "name": "乙" },
        { "id": "a", "name": "甲", "orders": [{ "date": "2099-01-01", "amount_fen": -1 }] },
        { "id": "b", "name": "丙" },
    ]);
    errors["followups"] = json!([{ "id": "" }, 7, followup()]);
    errors["todos"] = json!([todo(), { "id": "t", "customer_id": "a", "done_on": "x" }]);
    errors["settings"]["money_unit"] = json!("usd");
    files.push(errors);
    // More problems than are listed.
    let many: Vec<Value> = (0..MAX_REPORTED + 30)
        .map(|i| json!({ "id": format!("c-{}", i % 7), "name": "" }))
        .collect();
    files.push(file(json!(many)));
    // Refused for its head, however the rest looks.
    for (key, value) in [
        ("format", json!("other")),
        ("format", json!(["kehu-weihu-backup"])),
        ("version", json!(3)),
        ("version", json!("2")),
        ("version", json!(0)),
        ("version", json!(null)),
    ] {
        let mut f = full.clone();
        f[key] = value;
        f["customers"] = json!([{ "id": "" }, 1]);
        files.push(f);
    }
    for f in files {
        assert!(in_pieces(&f.to_string()), "{f:.200}");
    }
    // The order of the members does not change the order of the problems.
    let text = "{\"todos\": [{\"id\": \"\"}], \"customers\": [{\"id\": \"c\"}], \"x\": [1], \
                \"settings\": {\"money_unit\": 1}, \"version\": 2, \"format\": \"kehu-weihu-backup\"}";
    assert!(in_pieces(text));
    let errors = parse(text, today()).unwrap_err().to_string();
    assert!(
        errors.starts_with("exported_on: is required\nsettings.money_unit"),
        "{errors}"
    );
    assert!(
        errors.ends_with("todos[0].customer_id: is required"),
        "{errors}"
    );
}

#[test]
fn whatever_the_scan_does_not_expect_is_read_whole() {
    let good = file(json!([{ "id": "c", "name": "n" }])).to_string();
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let texts = [
        String::new(),
        " \n ".into(),
        "\u{3000}".into(),
        "\u{feff}".into(),
        "[1, 2]".into(),
        "\"text\"".into(),
        "null".into(),
        good.replace("}]", "},]"),
        good.replace("[{", "[,{"),
        good.replace(",\"version\"", "\"version\""),
        good.replace("\"name\":\"n\"", "\"name\":\"n\\x\""),
        good.replace("\"name\":\"n\"", "\"name\":n"),
        good.replace("\"format\"", "\"\\u0066ormat\""),
        good.replace("\"settings\"", "\"version\":2,\"settings\""),
        good[..good.len() - 1].to_string(),
        good[..good.len() / 2].to_string(),
        format!("{good} x"),
        format!("{good}{{}}"),
        good.replace("{\"id\"", "{\"id\":1,\"id\""),
        good.replace("\"version\":2", "\"version\":2e999"),
        good.replace(
            "\"version\":2",
            &format!("\"version\":2,\"x\":{}", deep(97)),
        ),
        good.replace(
            "\"version\":2",
            &format!("\"version\":2,\"x\":{}", deep(130)),
        ),
        good.replace("[{", &format!("[{},{{", deep(126))),
        // A mistake in what the app does not know, or in a file refused for its head.
        good.replace("\"version\":2", "\"version\":2,\"x\":[1,tru]"),
        good.replace("\"version\":2", "\"version\":2,\"x\":{\"a\":01}"),
        good.replace("\"version\":2", "\"version\":3")
            .replace("\"n\"", "\"\\ud800\""),
    ];
    for text in &texts {
        // Compared with the whole reading, whichever way it went.
        parse(text, today()).ok();
    }
    let read_whole: Vec<bool> = texts.iter().map(|t| !in_pieces(t)).collect();
    // Only an empty file is told without the whole reading; so are duplicate keys inside a
    // record (the reader keeps the last), and a nesting the whole file allows.
    let pieces = [0, 1, 3, 18, 20];
    for (i, whole) in read_whole.iter().enumerate() {
        assert_eq!(!whole, pieces.contains(&i), "{:.120}", texts[i]);
    }
}

/// A file of `n` customers, each with some of the orders, remarks and contacts of one of the
/// demo's, and the demo's follow-ups and to-dos.
fn big_file(n: usize) -> String {
    let demo = generate(DemoLang::Zh, today());
    let customers: Vec<Customer> = (0..n)
        .map(|i| {
            let mut c = demo.customers[i % demo.customers.len()].clone();
            c.id = format!("c-{i:05}");
            c.name = format!("{} {i}", c.name);
            // About the size of a customer in the 33 MB file of 30,000 that froze the page.
            c.orders.truncate(3);
            c.remarks.truncate(1);
            c.contacts.truncate(1);
            c.satisfaction.truncate(1);
            c.winback.clear();
            c.lifecycle.history.truncate(1);
            c.lifecycle.actions.clear();
            c.lifecycle.outputs.clear();
            c.tiering.history.clear();
            c
        })
        .collect();
    let backup = Backup::new(demo.settings, customers, today())
        .with_records(demo.followups, Vec::new())
        .with_todos(demo.todos);
    backup.to_json()
}

#[test]
fn no_step_reads_more_than_a_chunk_or_a_record() {
    let text = big_file(2_000);
    let most_record = 16 * 1024;
    assert!(
        text.len() > 10 * (64 * 1024 + most_record),
        "{} bytes",
        text.len()
    );
    let (read, facts) = stepped(&text, today(), 1);
    assert!(!facts.whole);
    assert_eq!(read.unwrap().customers.len(), 2_000);
    assert!(
        facts.most <= 64 * 1024 + most_record,
        "a step read {} bytes",
        facts.most
    );
    assert!(facts.steps > 2_000, "{} steps", facts.steps);
}

/// Prints how long a 30,000-customer file takes natively, whole and in steps:
/// `cargo test --release --lib reading_tests::timing -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a test"]
fn timing() {
    use std::time::{Duration, Instant};
    let text = big_file(30_000);
    let mut whole = Duration::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        parse_whole(&text, today()).unwrap();
        whole = whole.min(start.elapsed());
    }
    let (mut dropped, mut scan) = (Duration::MAX, Duration::ZERO);
    for work in [1, 16, 256] {
        let (mut total, mut steps) = (Duration::MAX, Vec::new());
        for _ in 0..5 {
            let start = Instant::now();
            let mut reading = Reading::new(text.clone(), today());
            loop {
                let scanning = reading.progress().0 < text.len() as u64;
                let step = Instant::now();
                let done = reading.step(work);
                steps.push(step.elapsed());
                if scanning && work == 1 {
                    scan += step.elapsed();
                }
                if let Some(result) = done {
                    let dropping = Instant::now();
                    drop(result.unwrap());
                    dropped = dropped.min(dropping.elapsed());
                    break;
                }
            }
            total = total.min(start.elapsed());
        }
        steps.sort();
        let at = |share: f64| steps[((steps.len() - 1) as f64 * share) as usize];
        let ratio = total.as_secs_f64() / whole.as_secs_f64();
        println!(
            "{:.1} MB: whole {whole:?}; steps of {work}: {total:?} ({ratio:.2}×); a step takes \
             {:?} (median), {:?} (99.9 %), {:?} (longest, of {} over 5 runs)",
            text.len() as f64 / 1e6,
            at(0.5),
            at(0.999),
            at(1.0),
            steps.len(),
        );
    }
    println!(
        "scanning, of the steps of 1: {:?} a run; dropping the backup read: {dropped:?}",
        scan / 5
    );
}
