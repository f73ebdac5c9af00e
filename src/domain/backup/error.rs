//! Why a file cannot be imported, phrased so the user can find and fix each problem.

use std::fmt;

use super::{FORMAT, FORMAT_VERSION};

/// At most this many problems are listed; the rest are counted ("and 37 more problems"),
/// since a list of thousands helps nobody and a wrong file can produce that many.
pub const MAX_REPORTED: usize = 200;

/// One reason a file cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Nothing (or only whitespace) in the file.
    Empty,
    /// The text is not JSON at all; `line` and `column` count from 1.
    NotJson {
        line: usize,
        column: usize,
        syntax: JsonSyntax,
    },
    /// Valid JSON, but not an object.
    NotAnObject { found: TopLevel },
    /// `format` is missing or is not [`FORMAT`]: some other JSON file.
    NotABackup { found: Option<String> },
    /// Written by a newer app, in a layout this one cannot know.
    NewerVersion { found: u64, supported: u32 },
    /// `version` is missing.
    MissingVersion,
    /// `version` is not a version any app has written (0, negative, text …).
    UnknownVersion { found: String },
    /// Something at `path` (e.g. `customers[3].orders[0].amount_fen`) is wrong.
    Field { path: String, problem: Problem },
}

/// What is wrong with one value in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Missing, or empty where a value is needed.
    Required,
    WrongType {
        expected: Expected,
        found: Found,
    },
    /// Not written as `YYYY-MM-DD`.
    NotADate {
        found: String,
    },
    /// Written as `YYYY-MM-DD`, but no such day exists (2023-02-30).
    NoSuchDate {
        found: String,
    },
    /// A date after the day of the import, where only past dates make sense (orders).
    InFuture {
        today: chrono::NaiveDate,
    },
    /// Outside `min..=max`; `max: None` means only the lower bound matters.
    Range {
        min: i64,
        max: Option<i64>,
        found: String,
    },
    /// Too large for the number it stands for.
    TooLarge {
        found: String,
    },
    /// Not one of the names the app knows for this field.
    UnknownValue {
        found: Found,
        allowed: Vec<String>,
    },
    /// Text on a tag whose kind carries none (only pain points and free tags do).
    TagHasNoText {
        kind: String,
    },
    /// A birthday on a day no year has.
    NoSuchDay {
        month: u32,
        day: u32,
    },
    /// The same id as an earlier record in the file; `first` is that record's path.
    DuplicateId {
        id: String,
        first: String,
    },
    /// Names a customer that neither the file nor the app (after the import) holds.
    NoSuchCustomer {
        id: String,
    },
    /// Names a follow-up that neither the file nor the app holds.
    NoSuchFollowUp {
        id: String,
    },
    /// Names a win-back case its customer does not have.
    NoSuchCase {
        id: String,
        customer: String,
    },
    /// The checks passed but the record still could not be read (the reader's own words).
    Unreadable {
        message: String,
    },
}

/// Why the text is not JSON, as the JSON reader classifies it (its wording is its own and
/// may change with any upgrade; the class does not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonSyntax {
    /// The text stops before the JSON does, as a cut-off download would.
    CutOff,
    /// A number too large (or too small) for any number the app reads (`1e309`).
    OutOfRange,
    /// Something that starts like a number and is not one (`-`, `1.`).
    BadNumber,
    /// Lists or objects nested deeper than any backup nests them.
    TooDeep,
    /// A text value holding what JSON does not allow in one: a bad `\` escape, a lone
    /// surrogate, a raw control character.
    BadText,
    /// A comma right before a closing bracket.
    TrailingComma,
    /// More text after the JSON has ended.
    AfterEnd,
    /// Something else at the position JSON does not allow there.
    Invalid,
}

impl JsonSyntax {
    pub fn of(error: &serde_json::Error) -> JsonSyntax {
        if error.classify() == serde_json::error::Category::Eof {
            return JsonSyntax::CutOff;
        }
        // The reader names its reason only in its message (its codes are private); the
        // message is pinned by Cargo.lock, and a test over every reason it gives fails on an
        // upgrade that words one differently.
        let message = error.to_string();
        let class = [
            ("number out of range", JsonSyntax::OutOfRange),
            ("invalid number", JsonSyntax::BadNumber),
            ("recursion limit exceeded", JsonSyntax::TooDeep),
            ("invalid escape", JsonSyntax::BadText),
            ("invalid unicode code point", JsonSyntax::BadText),
            ("lone leading surrogate", JsonSyntax::BadText),
            ("unexpected end of hex escape", JsonSyntax::BadText),
            ("control character", JsonSyntax::BadText),
            ("trailing comma", JsonSyntax::TrailingComma),
            ("trailing characters", JsonSyntax::AfterEnd),
        ];
        class
            .into_iter()
            .find(|(start, _)| message.starts_with(start))
            .map_or(JsonSyntax::Invalid, |(_, class)| class)
    }
}

/// What a file holds at the top instead of an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopLevel {
    List,
    Text,
    Number,
    /// `true`, `false` or `null`.
    Single,
}

/// The kind of value a field needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Text,
    TrueOrFalse,
    /// Text written `YYYY-MM-DD`.
    Date,
    WholeNumber,
    Object,
    List,
    /// `{"name": …}`: an enum variant with content.
    ObjectWithOneKey,
    /// A tiering rule nested no deeper than this.
    NestedRule {
        max_depth: usize,
    },
    /// `[preset, scheme]`, an edited tiering preset.
    PresetSchemePair,
    /// `[policy, table]`, an edited cadence policy.
    PolicyTablePair,
    /// `[metric, number]`, a tiering rule's threshold.
    MetricNumberPair,
}

/// A value as a message shows it: containers by kind, anything else as written in the file
/// (`null`, `true`, a number, quoted text), which reads the same in every language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    List,
    Object,
    Written(String),
}

impl fmt::Display for TopLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TopLevel::List => "a list",
            TopLevel::Text => "text",
            TopLevel::Number => "a number",
            TopLevel::Single => "a single value",
        })
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Text => f.write_str("text"),
            Expected::TrueOrFalse => f.write_str("true or false"),
            Expected::Date => f.write_str("a date written YYYY-MM-DD"),
            Expected::WholeNumber => f.write_str("a whole number"),
            Expected::Object => f.write_str("an object"),
            Expected::List => f.write_str("a list"),
            Expected::ObjectWithOneKey => f.write_str("an object with one key"),
            Expected::NestedRule { max_depth } => {
                write!(f, "a rule nested at most {max_depth} deep")
            }
            Expected::PresetSchemePair => f.write_str("a [preset, scheme] pair"),
            Expected::PolicyTablePair => f.write_str("a [policy, table] pair"),
            Expected::MetricNumberPair => f.write_str("a [metric, number] pair"),
        }
    }
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::List => f.write_str("a list"),
            Found::Object => f.write_str("an object"),
            Found::Written(text) => f.write_str(text),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "the file is empty"),
            ImportError::NotJson {
                line,
                column,
                syntax: JsonSyntax::CutOff,
            } => write!(
                f,
                "the file is not valid JSON: it ends too early, as if cut off \
                 (line {line}, column {column})"
            ),
            ImportError::NotJson {
                line,
                column,
                syntax: JsonSyntax::Invalid,
            } => write!(
                f,
                "the file is not valid JSON: a mistake at line {line}, column {column} \
                 (often a missing or extra comma, quote or bracket)"
            ),
            ImportError::NotJson {
                line,
                column,
                syntax,
            } => {
                let what = match syntax {
                    JsonSyntax::OutOfRange => {
                        "a number too large or too small for any amount or figure"
                    }
                    JsonSyntax::BadNumber => "something that starts like a number and is not one",
                    JsonSyntax::TooDeep => {
                        "lists or objects nested deeper than any backup nests them"
                    }
                    JsonSyntax::BadText => {
                        "a text holding what JSON does not allow in one (a bad \\ escape or a \
                         control character)"
                    }
                    JsonSyntax::TrailingComma => "a comma right before a closing bracket",
                    JsonSyntax::AfterEnd => "more text after the end of the JSON",
                    JsonSyntax::CutOff | JsonSyntax::Invalid => "a mistake",
                };
                write!(
                    f,
                    "the file is not valid JSON: {what} at line {line}, column {column}"
                )
            }
            ImportError::NotAnObject { found } => write!(
                f,
                "this is not a 客户维护 backup: the file holds {found}, not a JSON object"
            ),
            ImportError::NotABackup { found: None } => write!(
                f,
                "this is not a 客户维护 backup: it has no \"format\" field \
                 (a backup says \"format\": \"{FORMAT}\")"
            ),
            ImportError::NotABackup { found: Some(found) } => write!(
                f,
                "this is not a 客户维护 backup: its \"format\" is {found}, \
                 not \"{FORMAT}\""
            ),
            ImportError::NewerVersion { found, supported } => write!(
                f,
                "this backup was made by a newer version of the app (backup format {found}; \
                 this version reads formats up to {supported}); update the app and import again"
            ),
            ImportError::MissingVersion => write!(
                f,
                "this backup does not say which format version it is (\"version\" is missing), \
                 so it cannot be read safely"
            ),
            ImportError::UnknownVersion { found } => write!(
                f,
                "\"version\" is {found}, which no version of the app has written \
                 (backup formats start at 1; this app writes {FORMAT_VERSION})"
            ),
            ImportError::Field { path, problem } => write!(f, "{path}: {problem}"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Required => write!(f, "is required"),
            Problem::WrongType { expected, found } => write!(f, "must be {expected}, not {found}"),
            Problem::NotADate { found } => {
                write!(f, "must be a date written YYYY-MM-DD, not {found}")
            }
            Problem::NoSuchDate { found } => write!(f, "{found} is not a real date"),
            Problem::InFuture { today } => write!(f, "is in the future (after {today})"),
            Problem::Range { min, max: None, .. } => write!(f, "must be ≥ {min}"),
            Problem::Range {
                min,
                max: Some(max),
                found,
            } => write!(f, "must be between {min} and {max}, not {found}"),
            Problem::TooLarge { found } => write!(f, "is too large ({found})"),
            Problem::UnknownValue { found, allowed } => {
                write!(f, "must be one of {}, not {found}", allowed.join(", "))
            }
            Problem::TagHasNoText { kind } => {
                write!(f, "must be left out, since a \"{kind}\" tag has no text")
            }
            Problem::NoSuchDay { month, day } => {
                write!(f, "month {month} has no day {day}")
            }
            Problem::DuplicateId { id, first } => {
                write!(f, "the id \"{id}\" is already used by {first}")
            }
            Problem::NoSuchCustomer { id } => write!(
                f,
                "names the customer \"{id}\", which is neither in the file nor in this app"
            ),
            Problem::NoSuchFollowUp { id } => write!(
                f,
                "names the follow-up \"{id}\", which is neither in the file nor in this app"
            ),
            Problem::NoSuchCase { id, customer } => write!(
                f,
                "names the win-back case \"{id}\", which the customer \"{customer}\" does not have"
            ),
            Problem::Unreadable { message } => write!(f, "cannot be read: {message}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Every problem found in a file (up to [`MAX_REPORTED`]), in the order they occur in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportErrors {
    pub errors: Vec<ImportError>,
    /// Problems found beyond the first [`MAX_REPORTED`].
    pub omitted: usize,
}

impl ImportErrors {
    /// Notes a problem at `path`: listed up to [`MAX_REPORTED`], counted beyond.
    pub fn report(&mut self, path: String, problem: Problem) {
        if self.errors.len() < MAX_REPORTED {
            self.errors.push(ImportError::Field { path, problem });
        } else {
            self.omitted += 1;
        }
    }

    pub fn one(error: ImportError) -> ImportErrors {
        ImportErrors {
            errors: vec![error],
            omitted: 0,
        }
    }

    /// All problems, listed or not.
    pub fn total(&self) -> usize {
        self.errors.len() + self.omitted
    }

    /// The file came from a newer app: the fix is to update, not to edit the file.
    pub fn is_newer_version(&self) -> bool {
        self.errors
            .iter()
            .any(|e| matches!(e, ImportError::NewerVersion { .. }))
    }
}

impl From<ImportError> for ImportErrors {
    fn from(error: ImportError) -> ImportErrors {
        ImportErrors::one(error)
    }
}

/// One problem a line, then how many were left out.
impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        match self.omitted {
            0 => Ok(()),
            1 => write!(f, "\nand 1 more problem"),
            n => write!(f, "\nand {n} more problems"),
        }
    }
}

impl std::error::Error for ImportErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(path: &str, problem: Problem) -> String {
        ImportError::Field {
            path: path.into(),
            problem,
        }
        .to_string()
    }

    #[test]
    fn problems_read_as_sentences_after_their_path() {
        let cases = [
            (
                field("customers[1].name", Problem::Required),
                "customers[1].name: is required",
            ),
            (
                field(
                    "customers[3].orders[0].amount_fen",
                    Problem::Range {
                        min: 0,
                        max: None,
                        found: "-5".into(),
                    },
                ),
                "customers[3].orders[0].amount_fen: must be ≥ 0",
            ),
            (
                field(
                    "customers[0].peak_months[2]",
                    Problem::Range {
                        min: 1,
                        max: Some(12),
                        found: "13".into(),
                    },
                ),
                "customers[0].peak_months[2]: must be between 1 and 12, not 13",
            ),
            (
                field(
                    "settings.money_unit",
                    Problem::UnknownValue {
                        found: Found::Written("\"usd\"".into()),
                        allowed: vec!["wan".into(), "yuan".into()],
                    },
                ),
                "settings.money_unit: must be one of wan, yuan, not \"usd\"",
            ),
            (
                field(
                    "customers[4].id",
                    Problem::DuplicateId {
                        id: "c-1".into(),
                        first: "customers[1]".into(),
                    },
                ),
                "customers[4].id: the id \"c-1\" is already used by customers[1]",
            ),
            (
                ImportError::NewerVersion {
                    found: 2,
                    supported: 1,
                }
                .to_string(),
                "this backup was made by a newer version of the app (backup format 2; \
                 this version reads formats up to 1); update the app and import again",
            ),
        ];
        for (shown, expected) in cases {
            assert_eq!(shown, expected);
        }
    }

    #[test]
    fn the_list_says_how_many_were_left_out() {
        let errors = |omitted| ImportErrors {
            errors: vec![ImportError::Empty, ImportError::MissingVersion],
            omitted,
        };
        let cases = [
            (0, 2, ""),
            (1, 3, "\nand 1 more problem"),
            (37, 39, "\nand 37 more problems"),
        ];
        for (omitted, total, tail) in cases {
            let e = errors(omitted);
            assert_eq!(e.total(), total);
            assert_eq!(
                e.to_string(),
                format!(
                    "the file is empty\nthis backup does not say which format version it is \
                     (\"version\" is missing), so it cannot be read safely{tail}"
                )
            );
        }
    }
}
