//! Reading already-decoded CSV text into a header and rows that remember their line numbers.

use std::fmt;

use super::reading::TableReading;

/// The file as rows of text cells, before any meaning is given to the columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The delimiter found in the header line: `b','`, `b'\t'` or `b';'`.
    pub delimiter: u8,
    pub headers: Vec<String>,
    /// Data rows only; blank rows are left out.
    pub rows: Vec<Row>,
}

/// One data row. Cells are trimmed; a short (ragged) row simply has fewer cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of the file where the row starts (a quoted cell may span lines).
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell under column `index`, empty when the row stops before it.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }
}

impl Table {
    /// The header as messages name it: its text, or its position when the header cell is blank.
    pub fn header_label(&self, index: usize) -> Header {
        match self.headers.get(index).map(|h| h.as_str()) {
            Some(h) if !h.is_empty() => Header::Named(h.to_string()),
            _ => Header::Blank {
                position: index + 1,
            },
        }
    }
}

/// A column as messages name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Header {
    /// Its header, as the file writes it.
    Named(String),
    /// A column whose header cell is blank, by position (from 1).
    Blank { position: usize },
}

/// "金额", or "column 3" for a blank header.
impl fmt::Display for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Header::Named(header) => f.write_str(header),
            Header::Blank { position } => write!(f, "column {position}"),
        }
    }
}

/// Why a file could not be read as a table at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvError {
    /// Nothing but whitespace (or a byte-order mark).
    Empty,
    /// A header row and nothing under it.
    HeaderOnly,
    /// A quoted cell opened on `line` is never closed.
    UnclosedQuote { line: usize },
    /// Text follows a closing quote on `line`, as in `"abc"def`.
    TextAfterQuote { line: usize },
    /// Anything else the CSV reader refused.
    Unreadable { line: usize, message: String },
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Empty => write!(f, "the file is empty"),
            CsvError::HeaderOnly => write!(f, "the file has a header row but no data rows"),
            CsvError::UnclosedQuote { line } => {
                write!(f, "line {line}: a quoted cell is never closed")
            }
            CsvError::TextAfterQuote { line } => {
                write!(f, "line {line}: text after the closing quote of a cell")
            }
            CsvError::Unreadable { line, message } => write!(f, "line {line}: {message}"),
        }
    }
}

impl std::error::Error for CsvError {}

/// Reads CSV text decoded by the browser (UTF-8 or GB18030 alike): the delimiter is guessed
/// from the header line, the first non-blank row is the header, blank rows are skipped.
/// `TableReading` does the same a slice at a time; this runs it to the end.
pub fn read_table(text: &str) -> Result<Table, CsvError> {
    let result = TableReading::new(text.to_string()).finish();
    #[cfg(test)]
    super::stepping_checks::reading_agrees(text, &result);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(table: &Table) -> Vec<(usize, Vec<&str>)> {
        table
            .rows
            .iter()
            .map(|r| (r.line, r.cells.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn detects_the_delimiter_from_the_header_line() {
        let cases = [
            ("客户名称,行业\n科技公司,制造\n", b','),
            ("客户名称\t行业\n科技公司\t制造\n", b'\t'),
            ("客户名称;行业\n科技公司;制造\n", b';'),
            // A full-width comma is text, and a quoted comma does not count.
            ("客户名称\t\"行业,领域\"\n科技公司，总部\t制造\n", b'\t'),
            ("客户名称\n科技公司\n", b','),
        ];
        for (text, expected) in cases {
            let table = read_table(text).unwrap();
            assert_eq!(table.delimiter, expected, "{text:?}");
            assert_eq!(table.rows[0].cell(0).contains('，'), text.contains('，'));
        }
    }

    #[test]
    fn strips_the_bom_and_keeps_line_numbers_past_blank_and_multiline_rows() {
        let text = "\u{FEFF}\n名称,备注\n\nA公司,\"第一行\n第二行\"\nB公司,\"有,逗号\"\n,,\n\n";
        let table = read_table(text).unwrap();
        assert_eq!(table.headers, ["名称", "备注"]);
        assert_eq!(
            cells(&table),
            [
                (4, vec!["A公司", "第一行\n第二行"]),
                (6, vec!["B公司", "有,逗号"]),
            ]
        );
    }

    #[test]
    fn ragged_rows_read_missing_cells_as_empty() {
        let table = read_table("名称,行业,规模\r\nA公司\r\nB公司,贸易,小型,多余\r\n").unwrap();
        assert_eq!(table.rows[0].cell(1), "");
        assert_eq!(table.rows[0].cell(2), "");
        assert_eq!(table.rows[1].cell(2), "小型");
        assert_eq!(table.rows[1].line, 3);
    }

    #[test]
    fn blank_headers_are_named_by_position() {
        let table = read_table("名称,,行业\nA,b,c\n").unwrap();
        assert_eq!(table.header_label(0), Header::Named("名称".into()));
        assert_eq!(table.header_label(1), Header::Blank { position: 2 });
        assert_eq!(table.header_label(7), Header::Blank { position: 8 });
        assert_eq!(table.header_label(1).to_string(), "column 2");
    }

    #[test]
    fn refuses_files_it_cannot_read_naming_the_line() {
        let cases = [
            ("", CsvError::Empty),
            ("\u{FEFF}  \n\n", CsvError::Empty),
            (",,\n", CsvError::Empty),
            ("名称,行业\n", CsvError::HeaderOnly),
            ("名称,行业\n,\n\n", CsvError::HeaderOnly),
            (
                "名称,备注\nA,ok\nB,\"never closed\nC,x\n",
                CsvError::UnclosedQuote { line: 3 },
            ),
            (
                "名称,备注\nA,\"x\"y\n",
                CsvError::TextAfterQuote { line: 2 },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(read_table(text), Err(expected), "{text:?}");
        }
    }

    #[test]
    fn errors_read_as_sentences() {
        assert_eq!(
            CsvError::UnclosedQuote { line: 3 }.to_string(),
            "line 3: a quoted cell is never closed"
        );
        assert_eq!(
            CsvError::HeaderOnly.to_string(),
            "the file has a header row but no data rows"
        );
    }

    #[test]
    fn escaped_quotes_inside_quoted_cells_are_fine() {
        let table = read_table("名称,备注\nA,\"他说\"\"好\"\"\"\n").unwrap();
        assert_eq!(table.rows[0].cell(1), "他说\"好\"");
    }
}
