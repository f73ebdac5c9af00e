//! Reading a backup file in steps, each small enough for a page to keep drawing between
//! them, with the same result as reading it in one go ([`parse`](super::parse) runs one to
//! its end).
//!
//! First a scan finds the file's pieces (the top-level members, each list's records), then
//! each piece is read on its own (see `pieces`). A file the scan does not expect — not JSON,
//! not an object, a repeated key, anything odd — is read whole instead, in one step, so that
//! its problem is told exactly as before (a mistake's line and column, say).

use chrono::NaiveDate;

use super::error::{ImportError, ImportErrors};
use super::parse::parse_whole;
use super::pieces::{self, Pieces, Unit};
use super::scan::{Scanned, Scanner};
use super::Backup;

/// Bytes one unit of scanning covers.
const SCAN_CHUNK: usize = 64 * 1024;

/// How much longer reading, checking and deserialising a byte takes than scanning it (about
/// 13 times, measured natively: see `reading_tests::timing`), so the progress bar moves evenly.
const READ_WEIGHT: u64 = 12;

/// A backup file being read, a bounded amount of work at a time.
pub struct Reading {
    text: String,
    today: NaiveDate,
    stage: Stage,
    done: u64,
    total: u64,
    /// Bytes the last step scanned or read, to test that no step does more than its share.
    #[cfg(test)]
    pub(super) touched: usize,
    /// Whether it fell back on the whole reading.
    #[cfg(test)]
    pub(super) whole: bool,
}

enum Stage {
    Scan(Scanner),
    Pieces(Box<Pieces>),
    Whole,
    Finished,
}

impl Reading {
    /// Starts reading `text`, a backup file imported on `today` (see [`parse`](super::parse)).
    pub fn new(text: String, today: NaiveDate) -> Reading {
        // Editors on Windows like to start UTF-8 files with a byte-order mark.
        let start = if text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let total = text.len() as u64 * (1 + READ_WEIGHT);
        Reading {
            text,
            today,
            stage: Stage::Scan(Scanner::new(start, pieces::split)),
            done: 0,
            total,
            #[cfg(test)]
            touched: 0,
            #[cfg(test)]
            whole: false,
        }
    }

    /// Does `work` small units of work (at least one): a piece read, checked and
    /// deserialised, or 64 KiB scanned. Returns the result once everything is done, which is
    /// [`parse`](super::parse)'s; after that it does nothing and returns `None`.
    pub fn step(&mut self, work: usize) -> Option<Result<Backup, ImportErrors>> {
        #[cfg(test)]
        {
            self.touched = 0;
        }
        for _ in 0..work.max(1) {
            if let Some(result) = self.unit() {
                self.stage = Stage::Finished;
                self.done = self.total;
                return Some(result);
            }
            if matches!(self.stage, Stage::Finished) {
                return None;
            }
        }
        None
    }

    /// How far it is, for a progress bar: `(done, total)`, with `total` fixed from the start,
    /// `done` never going back and equal to `total` once the result is there.
    pub fn progress(&self) -> (u64, u64) {
        (self.done.min(self.total), self.total)
    }

    /// Reads to the end.
    pub(super) fn finish(mut self) -> Result<Backup, ImportErrors> {
        loop {
            if let Some(result) = self.step(usize::MAX) {
                return result;
            }
        }
    }

    fn unit(&mut self) -> Option<Result<Backup, ImportErrors>> {
        match &mut self.stage {
            Stage::Scan(scanner) => {
                let from = scanner.at();
                let scanned = scanner.scan(&self.text, SCAN_CHUNK);
                let bytes = scanner.at() - from;
                self.advance(bytes, 1);
                match scanned {
                    Scanned::More => {}
                    Scanned::Done => {
                        let Stage::Scan(scanner) = std::mem::replace(&mut self.stage, Stage::Whole)
                        else {
                            unreachable!("scanning")
                        };
                        self.stage = Stage::Pieces(Box::new(Pieces::new(scanner, self.today)));
                    }
                    Scanned::Empty => return Some(Err(ImportError::Empty.into())),
                    Scanned::Odd => self.stage = Stage::Whole,
                }
                None
            }
            Stage::Pieces(pieces) => {
                match pieces.unit(&self.text) {
                    Unit::Read(bytes) => self.advance(bytes, READ_WEIGHT),
                    Unit::Odd => self.stage = Stage::Whole,
                    Unit::Last => {
                        let Stage::Pieces(pieces) =
                            std::mem::replace(&mut self.stage, Stage::Whole)
                        else {
                            unreachable!("reading pieces")
                        };
                        // `None`: the stage stays whole.
                        return pieces.finish();
                    }
                }
                None
            }
            Stage::Whole => {
                #[cfg(test)]
                {
                    self.whole = true;
                    self.touched += self.text.len();
                }
                Some(parse_whole(&self.text, self.today))
            }
            Stage::Finished => {
                // Nothing more to do: let `step` stop.
                None
            }
        }
    }

    fn advance(&mut self, bytes: usize, weight: u64) {
        self.done += bytes as u64 * weight;
        #[cfg(test)]
        {
            self.touched += bytes;
        }
    }
}
