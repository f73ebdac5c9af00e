//! The layering rules of ARCHITECTURE.md, checked on the source: the domain imports nothing
//! outside it and has no import circle between its modules (test code aside: tests may read
//! the demo data set); no module is mounted with `#[path]`; no page imports another page.

// Reads files: native only. Sorting a few paths needs no size-minded helper.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::disallowed_methods)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The file's code without its test module (everything from the first `#[cfg(test)]`), and
/// none at all for a file that is a test module.
fn code_of(path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    if name == "tests.rs" || name.ends_with("_tests.rs") || name == "fixtures.rs" {
        return String::new();
    }
    let text = fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The identifiers that follow each `prefix` in `code`.
fn names_after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    code.match_indices(prefix)
        .map(|(at, _)| {
            let rest = &code[at + prefix.len()..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|n| !n.is_empty())
        .collect()
}

/// The top-level module of `src/domain` a file belongs to (`tiering` for tiering/rules.rs).
fn domain_module(path: &Path) -> String {
    let rel = path.strip_prefix("src/domain").unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

fn domain_imports() -> BTreeMap<String, BTreeSet<String>> {
    let files = rust_files(Path::new("src/domain"));
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| domain_module(f))
        .filter(|m| m != "mod")
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = domain_module(file);
        if from == "mod" {
            continue;
        }
        let code = code_of(file);
        let mut to: Vec<&str> = names_after(&code, "crate::domain::");
        // In a file directly under src/domain, `super::` is the domain itself.
        if file.parent() == Some(Path::new("src/domain")) {
            to.extend(names_after(&code, "super::"));
        }
        for name in to {
            if name != from && modules.contains(name) {
                edges
                    .entry(from.clone())
                    .or_default()
                    .insert(name.to_string());
            }
        }
    }
    edges
}

/// A path of imports from `start` back to it, if there is one.
fn circle_from(start: &str, edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    let mut stack = vec![vec![start.to_string()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().unwrap();
        for next in edges.get(last).into_iter().flatten() {
            if next == start {
                let mut circle = path.clone();
                circle.push(start.to_string());
                return Some(circle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn the_domain_imports_nothing_outside_it() {
    for file in rust_files(Path::new("src/domain")) {
        let text = fs::read_to_string(&file).unwrap();
        for outside in [
            "crate::i18n",
            "crate::store",
            "crate::ui",
            "web_sys",
            "leptos",
        ] {
            assert!(!text.contains(outside), "{} uses {outside}", file.display());
        }
    }
}

#[test]
fn the_domain_has_no_import_circle() {
    let edges = domain_imports();
    assert!(edges.contains_key("tiering"), "the scan found the imports");
    for module in edges.keys() {
        if let Some(circle) = circle_from(module, &edges) {
            panic!("an import circle: {}", circle.join(" → "));
        }
    }
}

#[test]
fn the_records_import_no_rule_module() {
    let edges = domain_imports();
    let below: BTreeSet<String> = ["calendar", "money", "stable"]
        .into_iter()
        .map(String::from)
        .collect();
    let used = edges.get("records").cloned().unwrap_or_default();
    assert!(
        used.is_subset(&below),
        "records import {:?}",
        used.difference(&below).collect::<Vec<_>>()
    );
}

#[test]
fn the_circle_finder_finds_a_circle() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    edges.entry("a".into()).or_default().insert("b".into());
    edges.entry("b".into()).or_default().insert("c".into());
    assert_eq!(circle_from("a", &edges), None);
    edges.entry("c".into()).or_default().insert("a".into());
    assert_eq!(
        circle_from("a", &edges),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}

#[test]
fn no_module_is_mounted_with_a_path_attribute() {
    for file in rust_files(Path::new("src")) {
        let text = fs::read_to_string(&file).unwrap();
        assert!(!text.contains("#[path"), "{} uses #[path]", file.display());
    }
}

/// The page modules: the files and folders directly under `src/ui/pages`.
fn page_modules() -> BTreeSet<String> {
    fs::read_dir("src/ui/pages")
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
        .filter(|name| name != "mod")
        .collect()
}

#[test]
fn no_page_imports_another_page_and_no_component_imports_a_page() {
    let pages = page_modules();
    assert!(
        pages.contains("today") && pages.contains("customer"),
        "{pages:?}"
    );
    for file in rust_files(Path::new("src/ui/pages")) {
        let rel = file.strip_prefix("src/ui/pages").unwrap();
        let own = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let own = own.trim_end_matches(".rs");
        let code = code_of(&file);
        // From a page's own top file `super::` is `pages`; from one of its parts, the page.
        let mut named = names_after(&code, "crate::ui::pages::");
        let top_file = rel.components().count() == 1 || rel.ends_with("mod.rs");
        if top_file {
            named.extend(names_after(&code, "super::"));
        } else {
            named.extend(names_after(&code, "super::super::"));
        }
        for name in named {
            assert!(
                name == own || !pages.contains(name),
                "{} imports the page {name}",
                file.display()
            );
        }
    }
    for file in rust_files(Path::new("src/ui/components")) {
        let code = code_of(&file);
        assert!(
            !code.contains("crate::ui::pages"),
            "{} imports a page",
            file.display()
        );
    }
}

/// Every database call of the write gateway (`db.<call>(` in `src/ui/workspace/`) is tried by
/// `tests/writes_web.rs` on a stale or an outdated tab, so "refused the same way on every
/// write" covers a write added later too. Calls that write nothing are listed here.
#[test]
fn every_write_of_the_gateway_is_tried_on_an_outdated_tab() {
    const NOT_WRITES: [&str; 7] = ["at_rest", "clone", "get", "load", "lock", "seen", "unlock"];
    let mut calls = BTreeSet::new();
    for file in rust_files(Path::new("src/ui/workspace")) {
        calls.extend(
            names_after(&code_of(&file), "db.")
                .into_iter()
                .map(String::from),
        );
    }
    assert!(calls.contains("save_customer"), "{calls:?}");
    let tests = fs::read_to_string("tests/writes_web.rs").unwrap();
    for call in calls.iter().filter(|c| !NOT_WRITES.contains(&c.as_str())) {
        assert!(
            tests.contains(&format!("db.{call}(")) || tests.contains(&format!("old_tab.{call}(")),
            "the gateway's {call} is not tried in tests/writes_web.rs"
        );
    }
}
