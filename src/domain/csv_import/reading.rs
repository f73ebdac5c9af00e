//! Reading a table a slice at a time, so a large file never holds the page for long.
//!
//! `TableReading` does what `read_table` does (which runs it to the end in one go): it finds
//! the delimiter, checks the quoting, then reads the records. Each unit of `step` work is one
//! record, or `SCAN_BYTES` of the two scans before them, about the time of one typical row.

use std::io::Cursor;

use super::table::{CsvError, Row, Table};

/// Bytes the delimiter and quote scans look at per unit of work.
pub(super) const SCAN_BYTES: usize = 1024;

/// A CSV text being read into a `Table`; see `step`.
pub struct TableReading {
    phase: Phase,
    /// The text's length without its byte-order mark. Progress counts it twice: once for the
    /// quote check, once for the records.
    len: u64,
    done: u64,
    /// `SCAN_BYTES`, except in tests that compare slicings.
    scan_bytes: usize,
    /// What the last `step` looked at, for the tests that bound a step.
    #[cfg(test)]
    pub(super) last_step: StepCost,
}

#[cfg(test)]
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct StepCost {
    pub records: usize,
    pub scanned_bytes: usize,
}

enum Phase {
    /// `start` skips the byte-order mark.
    Delimiter {
        text: String,
        start: usize,
        scan: DelimiterScan,
    },
    Quotes {
        text: String,
        start: usize,
        delimiter: u8,
        scan: QuoteScan,
    },
    /// Boxed: the csv reader is large, and the other phases are short-lived.
    Records(Box<Records>),
    Finished,
}

impl TableReading {
    pub fn new(text: String) -> Self {
        Self::with_scan_bytes(text, SCAN_BYTES)
    }

    pub(super) fn with_scan_bytes(text: String, scan_bytes: usize) -> Self {
        let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        TableReading {
            len: (text.len() - start) as u64,
            phase: Phase::Delimiter {
                text,
                start,
                scan: DelimiterScan::default(),
            },
            done: 0,
            scan_bytes,
            #[cfg(test)]
            last_step: StepCost::default(),
        }
    }

    /// Does about `work` units (at least one) and returns the result once there is one. Called
    /// again after that, it returns `None` and does nothing.
    pub fn step(&mut self, work: usize) -> Option<Result<Table, CsvError>> {
        #[cfg(test)]
        {
            self.last_step = StepCost::default();
        }
        for _ in 0..work.max(1) {
            if matches!(self.phase, Phase::Finished) {
                return None;
            }
            if let Some(result) = self.unit() {
                self.phase = Phase::Finished;
                self.done = self.progress().1;
                return Some(result);
            }
        }
        None
    }

    /// Runs to the end.
    pub fn finish(mut self) -> Result<Table, CsvError> {
        loop {
            if let Some(result) = self.step(usize::MAX) {
                return result;
            }
        }
    }

    /// (done, total) in bytes: `total` is fixed when the reading starts and may be 0; `done`
    /// never decreases and is `total` once `step` has returned the result.
    pub fn progress(&self) -> (u64, u64) {
        (self.done, 2 * self.len)
    }

    fn unit(&mut self) -> Option<Result<Table, CsvError>> {
        match &mut self.phase {
            Phase::Delimiter { text, start, scan } => {
                let before = scan.position;
                let found = scan.scan(&text[*start..], self.scan_bytes);
                #[cfg(test)]
                {
                    self.last_step.scanned_bytes += scan.position - before;
                }
                #[cfg(not(test))]
                let _ = before;
                if let Some(delimiter) = found {
                    self.phase = Phase::Quotes {
                        text: std::mem::take(text),
                        start: *start,
                        delimiter,
                        scan: QuoteScan::default(),
                    };
                }
            }
            Phase::Quotes {
                text,
                start,
                delimiter,
                scan,
            } => {
                let body = &text.as_bytes()[*start..];
                let before = scan.position;
                let checked = scan.scan(body, *delimiter, self.scan_bytes);
                #[cfg(test)]
                {
                    self.last_step.scanned_bytes += scan.position - before;
                }
                #[cfg(not(test))]
                let _ = before;
                match checked {
                    Some(Err(error)) => return Some(Err(error)),
                    Some(Ok(())) => {
                        let text = std::mem::take(text);
                        self.phase =
                            Phase::Records(Box::new(Records::new(text, *start, *delimiter)));
                    }
                    None => self.done = scan.position as u64,
                }
            }
            Phase::Records(records) => {
                #[cfg(test)]
                {
                    self.last_step.records += 1;
                }
                let result = records.read_one();
                self.done = self.len + records.reader.position().byte();
                return result;
            }
            Phase::Finished => {}
        }
        None
    }
}

/// Finds the first line with content and the delimiter used most often outside quotes in it;
/// a comma when none is (a one-column file). The full-width `，` is text in Chinese cells,
/// never a delimiter.
#[derive(Default)]
struct DelimiterScan {
    position: usize,
    /// Of the line being scanned.
    counts: [usize; 3],
    quoted: bool,
    has_content: bool,
}

impl DelimiterScan {
    const CANDIDATES: [u8; 3] = [b',', b'\t', b';'];

    /// Looks at the next `bytes` (rounded up to a whole character).
    fn scan(&mut self, text: &str, bytes: usize) -> Option<u8> {
        let mut end = self.position.saturating_add(bytes).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        // Lines may end in `\r` alone (Excel for Mac), so both break characters end a line.
        for (i, c) in text[self.position..end].char_indices() {
            match c {
                '\n' | '\r' if self.has_content => {
                    self.position += i;
                    return Some(self.most_used());
                }
                '\n' | '\r' => {
                    self.counts = [0; 3];
                    self.quoted = false;
                }
                '"' => self.quoted = !self.quoted,
                _ => {
                    let candidate = Self::CANDIDATES.iter().position(|&d| char::from(d) == c);
                    if let (Some(i), false) = (candidate, self.quoted) {
                        self.counts[i] += 1;
                    }
                }
            }
            if !c.is_whitespace() && !matches!(c, ',' | ';' | '"') {
                self.has_content = true;
            }
        }
        self.position = end;
        (end == text.len()).then(|| self.most_used())
    }

    /// A comma for a line without content (the default counts are all 0).
    fn most_used(&self) -> u8 {
        if !self.has_content {
            return b',';
        }
        // Ties keep the earlier candidate: comma, then tab, then semicolon.
        let mut best = 0;
        for i in 1..Self::CANDIDATES.len() {
            if self.counts[i] > self.counts[best] {
                best = i;
            }
        }
        Self::CANDIDATES[best]
    }
}

/// RFC 4180 quoting: a quote opens only at the start of a cell, `""` inside is a quote, and a
/// closing quote is followed by the delimiter or the end of the line. The csv crate accepts
/// any quoting silently (an unclosed quote swallows the rest of the file), so this names the
/// line a person has to fix.
struct QuoteScan {
    position: usize,
    state: QuoteState,
    line: usize,
}

enum QuoteState {
    CellStart,
    Unquoted,
    Quoted { opened: usize },
    QuoteInQuoted { opened: usize },
}

impl Default for QuoteScan {
    fn default() -> Self {
        QuoteScan {
            position: 0,
            state: QuoteState::CellStart,
            line: 1,
        }
    }
}

impl QuoteScan {
    /// Looks at the next `count` bytes; the result once the whole text is checked.
    fn scan(&mut self, bytes: &[u8], delimiter: u8, count: usize) -> Option<Result<(), CsvError>> {
        let end = self.position.saturating_add(count).min(bytes.len());
        for i in self.position..end {
            let state = std::mem::replace(&mut self.state, QuoteState::CellStart);
            self.state = match (state, bytes[i]) {
                (QuoteState::Quoted { opened }, b'"') => QuoteState::QuoteInQuoted { opened },
                (QuoteState::Quoted { opened }, _) => QuoteState::Quoted { opened },
                (QuoteState::QuoteInQuoted { opened }, b'"') => QuoteState::Quoted { opened },
                (_, b'\n' | b'\r') => QuoteState::CellStart,
                (_, b) if b == delimiter => QuoteState::CellStart,
                (QuoteState::CellStart, b'"') => QuoteState::Quoted { opened: self.line },
                (QuoteState::QuoteInQuoted { .. }, _) => {
                    self.position = i;
                    return Some(Err(CsvError::TextAfterQuote { line: self.line }));
                }
                (QuoteState::CellStart | QuoteState::Unquoted, _) => QuoteState::Unquoted,
            };
            if ends_line(bytes, i) {
                self.line += 1;
            }
        }
        self.position = end;
        if end < bytes.len() {
            return None;
        }
        Some(match self.state {
            QuoteState::Quoted { opened } => Err(CsvError::UnclosedQuote { line: opened }),
            _ => Ok(()),
        })
    }
}

/// The records phase: the csv reader owns the text (after the byte-order mark) and keeps its
/// place between steps.
struct Records {
    reader: csv::Reader<Cursor<Vec<u8>>>,
    start: usize,
    delimiter: u8,
    lines: LineCounter,
    record: csv::StringRecord,
    headers: Option<Vec<String>>,
    rows: Vec<Row>,
}

impl Records {
    fn new(text: String, start: usize, delimiter: u8) -> Self {
        let mut cursor = Cursor::new(text.into_bytes());
        cursor.set_position(start as u64);
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .delimiter(delimiter)
            .from_reader(cursor);
        Records {
            reader,
            start,
            delimiter,
            lines: LineCounter { offset: 0, line: 1 },
            record: csv::StringRecord::new(),
            headers: None,
            rows: Vec::new(),
        }
    }

    /// Reads one record; the table (or why there is none) after the last.
    fn read_one(&mut self) -> Option<Result<Table, CsvError>> {
        let more = self
            .reader
            .read_record(&mut self.record)
            .map_err(|e| CsvError::Unreadable {
                line: e.position().map_or(0, |p| p.line() as usize),
                message: e.to_string(),
            });
        match more {
            Err(error) => return Some(Err(error)),
            Ok(false) => return Some(self.table()),
            Ok(true) => {}
        }
        if self.record.iter().all(str::is_empty) {
            return None;
        }
        let cells: Vec<String> = self.record.iter().map(str::to_string).collect();
        if self.headers.is_none() {
            self.headers = Some(cells);
        } else {
            let body = &self.reader.get_ref().get_ref()[self.start..];
            let offset = self.record.position().map_or(0, |p| p.byte() as usize);
            let line = self.lines.line_at(body, offset);
            self.rows.push(Row { line, cells });
        }
        None
    }

    fn table(&mut self) -> Result<Table, CsvError> {
        let headers = self.headers.take().ok_or(CsvError::Empty)?;
        if self.rows.is_empty() {
            return Err(CsvError::HeaderOnly);
        }
        Ok(Table {
            delimiter: self.delimiter,
            headers,
            rows: std::mem::take(&mut self.rows),
        })
    }
}

/// Line numbers from byte offsets. The csv reader's own line count is taken where the
/// previous record ended, before the line break and any blank lines, so it can be one short.
struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    /// The line of the first character at or after `offset` that is not a line break;
    /// offsets must not decrease between calls.
    fn line_at(&mut self, text: &[u8], offset: usize) -> usize {
        let mut start = offset.min(text.len());
        while matches!(text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let from = self.offset.min(start);
        self.line += (from..start).filter(|&i| ends_line(text, i)).count();
        self.offset = start;
        self.line
    }
}

/// Whether the byte at `i` ends a line: `\n`, or a `\r` not followed by `\n` (Excel for Mac
/// ends lines with `\r` alone, and the csv reader ends rows there too).
fn ends_line(text: &[u8], i: usize) -> bool {
    match text.get(i) {
        Some(b'\n') => true,
        Some(b'\r') => text.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}
