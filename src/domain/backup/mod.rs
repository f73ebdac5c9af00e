//! JSON backup and restore: the one file a user keeps their whole data set in.
//!
//! The flow is export → (a file on disk) → [`parse`] → [`preview`] → [`plan`] → the store
//! writes the plan. Nothing is written until [`parse`] has checked the whole file and reported
//! every problem in it, each with the JSON path it is at. A large file is read in steps
//! ([`Reading`]), so the page can draw, show progress and offer to cancel in between.
//!
//! The file format is described for people in `docs/backup-format.md` and for machines in
//! `docs/backup-format.schema.json`.

mod error;
mod merge;
mod names;
mod parse;
mod pieces;
mod reading;
mod references;
mod scan;
mod settings_merge;
mod walk;

#[cfg(test)]
mod fixtures;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
#[cfg(test)]
mod reading_tests;
#[cfg(test)]
mod schema_tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar;
use super::records::Customer;
use super::records::{FollowUp, PlanItem, Todo};
use super::settings::DataSettings;
use super::sorting;

pub use error::{
    Expected, Found, ImportError, ImportErrors, JsonSyntax, Problem, TopLevel, MAX_REPORTED,
};
pub use merge::{
    plan, plan_records, preview, Conflict, Counts, Keep, Newer, Preview, Strategy, WritePlan,
};
pub use parse::parse;
pub use reading::Reading;
pub use references::{check as check_references, Existing};
pub use settings_merge::{differing as differing_settings, SettingsChoice, SettingsPart};

/// What every backup file says in its `format` field, so any other JSON file is recognised
/// as "not a backup" before its contents are judged.
pub const FORMAT: &str = "kehu-weihu-backup";

/// The version of the file layout this app writes. Older files are upgraded on import
/// (see `parse::upgrade`); newer ones are refused, since this app cannot know what they hold.
/// Version 2: planned touches' `replaces` keys name the kind by its stable name.
pub const FORMAT_VERSION: u32 = 2;

/// A whole data set as one JSON document.
///
/// Further kinds of records (follow-ups, to-dos, contact plans) are added later as further
/// `Vec` fields marked `#[serde(default)]`, so that a file written before they existed still
/// reads, and an older app reading a newer file of its own version ignores what it does not
/// know.
/// A change that an older app would misread instead raises [`FORMAT_VERSION`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`] when written; an imported older file has been upgraded to it.
    pub version: u32,
    /// The day of the export. Deliberately no finer timestamp: exporting the same data on the
    /// same day gives a byte-identical file.
    #[serde(deserialize_with = "calendar::deserialize_date")]
    pub exported_on: NaiveDate,
    pub settings: DataSettings,
    /// Sorted by id.
    pub customers: Vec<Customer>,
    /// Logged touches (跟进记录), sorted by id. Absent from files made before they existed.
    #[serde(default)]
    pub followups: Vec<FollowUp>,
    /// Touches planned for exact dates, sorted by id.
    #[serde(default)]
    pub plans: Vec<PlanItem>,
    /// To-dos of follow-ups, sorted by id.
    #[serde(default)]
    pub todos: Vec<Todo>,
}

impl Backup {
    /// A backup of the given data, with customers sorted by id so the file does not depend on
    /// the order the store returned them in.
    pub fn new(settings: DataSettings, mut customers: Vec<Customer>, today: NaiveDate) -> Backup {
        sorting::sort_by(&mut customers, |a, b| a.id.cmp(&b.id));
        // A sealed blob opens only with this database's key: it never leaves it.
        for c in &mut customers {
            c.sealed = None;
        }
        Backup {
            format: FORMAT.to_string(),
            version: FORMAT_VERSION,
            exported_on: today,
            settings,
            customers,
            followups: Vec::new(),
            plans: Vec::new(),
            todos: Vec::new(),
        }
    }

    /// The same backup with the to-dos, sorted by id.
    pub fn with_todos(mut self, mut todos: Vec<Todo>) -> Backup {
        sorting::sort_by(&mut todos, |a, b| a.id.cmp(&b.id));
        self.todos = todos;
        self
    }

    /// The same backup with the follow-ups and planned touches, sorted by id.
    pub fn with_records(
        mut self,
        mut followups: Vec<FollowUp>,
        mut plans: Vec<PlanItem>,
    ) -> Backup {
        sorting::sort_by(&mut followups, |a, b| a.id.cmp(&b.id));
        sorting::sort_by(&mut plans, |a, b| a.id.cmp(&b.id));
        self.followups = followups;
        self.plans = plans;
        self
    }

    /// Pretty JSON with two-space indentation and a final newline.
    pub fn to_json(&self) -> String {
        // Serialising plain structs of strings and integers cannot fail.
        let mut json = serde_json::to_string_pretty(self).expect("a backup serialises");
        json.push('\n');
        json
    }
}

/// The backup file's contents for the given data.
pub fn export(settings: &DataSettings, customers: &[Customer], today: NaiveDate) -> String {
    Backup::new(settings.clone(), customers.to_vec(), today).to_json()
}

/// The backup file of a whole data set.
pub fn export_all(
    settings: &DataSettings,
    customers: &[Customer],
    followups: &[FollowUp],
    plans: &[PlanItem],
    todos: &[Todo],
    today: NaiveDate,
) -> String {
    Backup::new(settings.clone(), customers.to_vec(), today)
        .with_records(followups.to_vec(), plans.to_vec())
        .with_todos(todos.to_vec())
        .to_json()
}

/// The name offered for the downloaded file: `customers-2025-03-14.json`.
pub fn file_name(today: NaiveDate) -> String {
    format!("customers-{today}.json")
}

#[cfg(test)]
mod tests {
    use super::fixtures::{empty_customer, maximal_customer, today};
    use super::*;
    use crate::domain::money::MoneyUnit;

    #[test]
    fn file_names_carry_the_day() {
        let cases = [
            (
                NaiveDate::from_ymd_opt(2025, 3, 14).unwrap(),
                "customers-2025-03-14.json",
            ),
            (
                NaiveDate::from_ymd_opt(2024, 12, 1).unwrap(),
                "customers-2024-12-01.json",
            ),
        ];
        for (day, expected) in cases {
            assert_eq!(file_name(day), expected);
        }
    }

    #[test]
    fn export_sorts_customers_and_indents_by_two_spaces() {
        let mut b = empty_customer("b", "乙公司");
        b.revision = 2;
        let a = empty_customer("a", "甲公司");
        let json = export(&DataSettings::default(), &[b.clone(), a.clone()], today());
        assert!(json.starts_with("{\n  \"format\": \"kehu-weihu-backup\",\n  \"version\": 2,\n"));
        assert!(json.ends_with("}\n"));
        let (pos_a, pos_b) = (json.find("甲公司").unwrap(), json.find("乙公司").unwrap());
        assert!(pos_a < pos_b, "customers are sorted by id");
        // The order the store hands them over in does not matter.
        assert_eq!(json, export(&DataSettings::default(), &[a, b], today()));
    }

    #[test]
    fn a_sealed_blob_never_goes_into_a_file_nor_comes_out_of_one() {
        let mut c = empty_customer("c-1", "甲公司");
        c.sealed = Some(crate::domain::envelope::Sealed {
            nonce: "AAAAAAAAAAAAAAAA".into(),
            data: "AAAAAAAAAAAAAAAAAAAAAA==".into(),
        });
        let json = export(&DataSettings::default(), &[c.clone()], today());
        assert!(!json.contains("sealed"));
        let mut file: serde_json::Value = serde_json::from_str(&json).unwrap();
        file["customers"][0]["sealed"] = serde_json::to_value(&c.sealed).unwrap();
        let parsed = parse(&file.to_string(), today()).unwrap();
        assert_eq!(parsed.customers[0].sealed, None);
    }

    #[test]
    fn export_parse_export_gives_the_identical_file() {
        let settings = DataSettings {
            money_unit: MoneyUnit::Yuan,
            ..DataSettings::default()
        };
        let customers = vec![
            maximal_customer(),
            empty_customer("c-empty", "只有名字"),
            empty_customer("c-emoji", "🍜 面馆 \"老王\"\n第二行"),
        ];
        let first = export(&settings, &customers, today());
        let parsed = parse(&first, today()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.settings, settings);
        assert_eq!(parsed.customers.len(), 3);
        assert!(parsed.customers.contains(&maximal_customer()));
        // Wipe, import, export again: the same bytes.
        let second = export(&parsed.settings, &parsed.customers, parsed.exported_on);
        assert_eq!(first, second);
    }
}
