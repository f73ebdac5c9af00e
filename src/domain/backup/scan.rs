//! Finds, a bounded number of bytes at a time, the members of a file's top-level JSON object
//! and the items of the lists it is asked to split, as byte ranges, so that each can then be
//! read on its own.
//!
//! It knows only as much JSON as that takes: the structure around the pieces, text with its
//! escapes, and nesting. It leaves checking the pieces to the JSON reader, and calls anything
//! else it did not expect odd, upon which the caller reads the file whole instead.

use std::collections::HashMap;
use std::ops::Range;

/// How deep a piece may nest, counting the top-level object: well below the JSON reader's
/// limit (128) for a whole file, so a piece nested too deep for the whole file is odd here
/// rather than read on its own, where it would be allowed.
const MAX_DEPTH: usize = 100;

/// A member of the top-level object.
#[cfg_attr(test, derive(Debug))]
pub(super) struct Member {
    pub key: String,
    pub value: Shape,
}

#[cfg_attr(test, derive(Debug))]
pub(super) enum Shape {
    /// The value's bytes.
    Whole(Range<usize>),
    /// A split list: each item's bytes.
    Items(Vec<Range<usize>>),
}

/// How far a call to [`Scanner::scan`] got.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Scanned {
    More,
    Done,
    /// Only whitespace.
    Empty,
    /// Anything not expected: not an object, a syntax error, a repeated key …
    Odd,
}

/// Where the scan is between pieces.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the `{`.
    Open,
    /// After the `{`: a key or `}`.
    KeyOrClose,
    /// After a member's `,`.
    Key,
    /// Inside a key.
    InKey,
    Colon,
    /// Before a member's value.
    Value,
    /// After a split list's `[`: an item or `]`.
    ItemOrClose,
    /// After an item's `,`.
    Item,
    /// Inside a piece (a member's value or an item).
    InPiece,
    AfterItem,
    AfterMember,
    /// After the `}`.
    Closed,
}

/// The kind of piece being scanned, with where it is inside it.
#[derive(Clone, Copy)]
enum Piece {
    /// An object or a list.
    Nested {
        depth: usize,
        in_text: bool,
        escaped: bool,
    },
    Text {
        escaped: bool,
    },
    /// A number, `true`, `false` or `null`: up to the next delimiter.
    Bare,
}

pub(super) struct Scanner {
    at: usize,
    state: State,
    piece: Piece,
    /// Where the current key or piece starts.
    start: usize,
    key: String,
    in_list: bool,
    items: Vec<Range<usize>>,
    /// Whether a member's list is split into items.
    split: fn(&str) -> bool,
    members: Vec<Member>,
    /// Each key's member.
    by_key: HashMap<String, usize>,
}

impl Scanner {
    /// Scans from `at` (past a byte-order mark), splitting the lists at the keys `split`
    /// says.
    pub(super) fn new(at: usize, split: fn(&str) -> bool) -> Scanner {
        Scanner {
            at,
            state: State::Open,
            piece: Piece::Bare,
            start: at,
            key: String::new(),
            in_list: false,
            items: Vec::new(),
            split,
            members: Vec::new(),
            by_key: HashMap::new(),
        }
    }

    /// How far it has got.
    pub(super) fn at(&self) -> usize {
        self.at
    }

    /// The members found, in the file's order.
    pub(super) fn members(&self) -> &[Member] {
        &self.members
    }

    /// The member at `key`.
    pub(super) fn member(&self, key: &str) -> Option<&Shape> {
        self.by_key.get(key).map(|&i| &self.members[i].value)
    }

    /// Scans at most `budget` more bytes of `text` (the same text on every call).
    pub(super) fn scan(&mut self, text: &str, budget: usize) -> Scanned {
        let bytes = text.as_bytes();
        let stop = bytes.len().min(self.at.saturating_add(budget));
        while self.at < stop {
            if self.state == State::InPiece {
                if !self.in_piece(bytes, stop) {
                    return Scanned::Odd;
                }
                continue;
            }
            let b = bytes[self.at];
            if is_space(b) && !matches!(self.state, State::InKey) {
                self.at += 1;
                continue;
            }
            let Some(next) = self.after(text, b) else {
                return Scanned::Odd;
            };
            self.state = next;
            self.at += 1;
        }
        match (self.at < bytes.len(), self.state) {
            (true, _) => Scanned::More,
            (false, State::Open) => Scanned::Empty,
            (false, State::Closed) => Scanned::Done,
            (false, _) => Scanned::Odd,
        }
    }

    /// The state after byte `b` (not whitespace, unless in a key) at `self.at`.
    fn after(&mut self, text: &str, b: u8) -> Option<State> {
        Some(match (self.state, b) {
            (State::Open, b'{') => State::KeyOrClose,
            (State::KeyOrClose | State::Key, b'"') => {
                self.start = self.at + 1;
                State::InKey
            }
            // Keys with escapes are rare enough to leave to the whole reading, and so are
            // control characters, which JSON does not allow there.
            (State::InKey, b'\\' | 0..=0x1f) => return None,
            (State::InKey, b'"') => {
                self.key = text[self.start..self.at].to_owned();
                if self.by_key.contains_key(&self.key) {
                    return None;
                }
                State::Colon
            }
            (State::InKey, _) => State::InKey,
            (State::Colon, b':') => State::Value,
            (State::Value, b'[') if (self.split)(&self.key) => {
                self.in_list = true;
                State::ItemOrClose
            }
            (State::ItemOrClose | State::AfterItem, b']') => {
                self.in_list = false;
                let items = std::mem::take(&mut self.items);
                self.add(Shape::Items(items));
                State::AfterMember
            }
            (State::Value | State::ItemOrClose | State::Item, _) => {
                self.begin(b)?;
                State::InPiece
            }
            (State::AfterItem, b',') => State::Item,
            (State::AfterMember, b',') => State::Key,
            (State::KeyOrClose | State::AfterMember, b'}') => State::Closed,
            _ => return None,
        })
    }

    /// Starts a piece at its first byte `b`; `None` if nothing can start with it.
    fn begin(&mut self, b: u8) -> Option<()> {
        self.start = self.at;
        self.piece = match b {
            b'{' | b'[' => Piece::Nested {
                depth: 1,
                in_text: false,
                escaped: false,
            },
            b'"' => Piece::Text { escaped: false },
            b',' | b']' | b'}' | b':' => return None,
            _ => Piece::Bare,
        };
        Some(())
    }

    /// Scans the current piece up to `stop` or its end; `false` if it nests too deep.
    fn in_piece(&mut self, bytes: &[u8], stop: usize) -> bool {
        let mut at = self.at;
        let mut ended = false;
        let outside = if self.in_list { 2 } else { 1 };
        match &mut self.piece {
            Piece::Nested {
                depth,
                in_text,
                escaped,
            } => {
                while at < stop {
                    let b = bytes[at];
                    at += 1;
                    if *in_text {
                        if *escaped {
                            *escaped = false;
                        } else if b == b'\\' {
                            *escaped = true;
                        } else if b == b'"' {
                            *in_text = false;
                        }
                        continue;
                    }
                    match b {
                        b'"' => *in_text = true,
                        b'{' | b'[' => *depth += 1,
                        b'}' | b']' => *depth -= 1,
                        _ => continue,
                    }
                    if *depth == 0 {
                        ended = true;
                        break;
                    }
                    if outside + *depth > MAX_DEPTH {
                        return false;
                    }
                }
            }
            Piece::Text { escaped } => {
                while at < stop {
                    let b = bytes[at];
                    at += 1;
                    if *escaped {
                        *escaped = false;
                    } else if b == b'\\' {
                        *escaped = true;
                    } else if b == b'"' {
                        ended = true;
                        break;
                    }
                }
            }
            Piece::Bare => {
                // The delimiter is not part of it: the structure reads it next.
                while at < stop && !is_space(bytes[at]) && !matches!(bytes[at], b',' | b']' | b'}')
                {
                    at += 1;
                }
                ended = at < stop;
            }
        }
        self.at = at;
        if ended {
            let piece = self.start..at;
            if self.in_list {
                self.items.push(piece);
                self.state = State::AfterItem;
            } else {
                self.add(Shape::Whole(piece));
                self.state = State::AfterMember;
            }
        }
        true
    }

    fn add(&mut self, value: Shape) {
        let key = std::mem::take(&mut self.key);
        self.by_key.insert(key.clone(), self.members.len());
        self.members.push(Member { key, value });
    }
}

/// JSON's whitespace (not Unicode's: a file of other spaces is for the whole reading).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}
