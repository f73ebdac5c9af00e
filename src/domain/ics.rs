//! iCalendar (RFC 5545) files of planned customer touches, so that a salesperson's own
//! calendar app shows who is due for a call.
//!
//! The writer is the product; the parser exists so that tests (and a future import) can read
//! a written file back and check that nothing was lost. Every event is all-day: the method
//! plans touches by date, never by hour, and an all-day event does not pretend otherwise.
//!
//! Nothing here reads the clock: the DTSTAMP is passed in.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use std::fmt;

/// One planned touch as an all-day calendar event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcsEvent {
    /// Written verbatim. Calendar apps match re-imported events by UID, so the caller keeps it
    /// stable (derived from customer and plan, not random) to update rather than duplicate.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
    pub categories: Vec<String>,
}

/// Why a calendar file could not be read. Line numbers are physical (1-based) lines of the
/// file, pointing at the start of a folded line, so an editor's "go to line" lands there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IcsError {
    /// Something other than BEGIN:VCALENDAR where a calendar should start.
    MissingCalendar { line: usize },
    /// A line that is not `NAME[;PARAM=…]:value`.
    Malformed { line: usize },
    /// BEGIN:`component` at `line` has no matching END.
    Unterminated { component: String, line: usize },
    /// END:`component` with no open BEGIN:`component`.
    UnexpectedEnd { component: String, line: usize },
    /// A VEVENT (begun at `line`) without a property the app needs.
    MissingProperty { property: &'static str, line: usize },
    /// A DTSTART that is not an all-day date `YYYYMMDD`, or not a real day.
    BadDate { value: String, line: usize },
}

impl IcsError {
    pub fn line(&self) -> usize {
        match self {
            IcsError::MissingCalendar { line }
            | IcsError::Malformed { line }
            | IcsError::Unterminated { line, .. }
            | IcsError::UnexpectedEnd { line, .. }
            | IcsError::MissingProperty { line, .. }
            | IcsError::BadDate { line, .. } => *line,
        }
    }
}

impl fmt::Display for IcsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: ", self.line())?;
        match self {
            IcsError::MissingCalendar { .. } => write!(f, "expected BEGIN:VCALENDAR"),
            IcsError::Malformed { .. } => write!(f, "not a NAME:value line"),
            IcsError::Unterminated { component, .. } => {
                write!(f, "BEGIN:{component} is never ended")
            }
            IcsError::UnexpectedEnd { component, .. } => {
                write!(f, "END:{component} without BEGIN:{component}")
            }
            IcsError::MissingProperty { property, .. } => write!(f, "VEVENT without {property}"),
            IcsError::BadDate { value, .. } => {
                write!(f, "\"{value}\" is not an all-day date (YYYYMMDD)")
            }
        }
    }
}

impl std::error::Error for IcsError {}

/// RFC 5545 §3.1: lines longer than 75 octets are folded; the leading space of a continuation
/// line counts towards its 75.
const MAX_LINE_OCTETS: usize = 75;

/// The whole calendar as one string with CRLF line endings, ready to save as `.ics`.
/// `stamp` is the moment of export in UTC (DTSTAMP); the same inputs give the same bytes.
pub fn write_calendar(name: &str, events: &[IcsEvent], stamp: NaiveDateTime) -> String {
    // ~400 bytes per event keeps a few thousand touches from reallocating much.
    let mut out = String::with_capacity(256 + events.len() * 400);
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_line(&mut out, "PRODID:-//kehu-weihu//CRM//ZH");
    push_line(&mut out, "CALSCALE:GREGORIAN");
    push_line(&mut out, "METHOD:PUBLISH");
    // Google and Apple Calendar show this as the name of a subscribed calendar.
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));

    let dtstamp = format!(
        "{}T{:02}{:02}{:02}Z",
        date_value(stamp.date()),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    );
    for event in events {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", escape_text(&event.uid)));
        push_line(&mut out, &format!("DTSTAMP:{dtstamp}"));
        push_line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", date_value(event.date)),
        );
        // DTEND of an all-day event is exclusive: the next day. Only the last day chrono
        // knows has none; RFC 5545 §3.6.1 reads a DATE DTSTART without DTEND as one day
        // anyway, so leaving it out says the same thing.
        if let Some(end) = event.date.succ_opt() {
            push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", date_value(end)));
        }
        push_line(
            &mut out,
            &format!("SUMMARY:{}", escape_text(&event.summary)),
        );
        push_line(
            &mut out,
            &format!("DESCRIPTION:{}", escape_text(&event.description)),
        );
        // An empty CATEGORIES line would read back as one empty category.
        if !event.categories.is_empty() {
            let list: Vec<String> = event.categories.iter().map(|c| escape_text(c)).collect();
            push_line(&mut out, &format!("CATEGORIES:{}", list.join(",")));
        }
        // A reminder to call someone should not block the day as busy.
        push_line(&mut out, "TRANSP:TRANSPARENT");
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// `YYYYMMDD`. Four-digit years are all the format allows; the app's dates are well inside.
fn date_value(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma are escaped, a line break becomes
/// `\n`. CRLF and lone CR count as one line break. Other control characters are not allowed
/// in TEXT at all, so they are dropped rather than producing a file importers reject.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` with CRLF, folded so that no physical line exceeds 75 octets. Cuts fall on
/// character boundaries: an importer that decodes line by line before unfolding (several do)
/// would otherwise turn a Chinese character split across two lines into two U+FFFD.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut room = MAX_LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        // A UTF-8 character is at most 4 bytes and `room` is at least 74, so this stops > 0.
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = MAX_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// Reads the VEVENTs of a calendar file back. Lenient where files in the wild differ
/// harmlessly (bare LF, tab continuations, lower-case names, a BOM, unknown properties and
/// components such as VALARM or VTIMEZONE), strict where data would be lost or invented.
pub fn parse_calendar(text: &str) -> Result<Vec<IcsEvent>, IcsError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut events = Vec::new();
    // Open components, innermost last, with the line of their BEGIN.
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut draft: Option<Draft> = None;
    let mut seen_calendar = false;

    for (line, content) in unfold(text) {
        if content.is_empty() {
            continue;
        }
        let prop = ContentLine::parse(&content).ok_or(IcsError::Malformed { line })?;
        if open.is_empty() {
            // A file may hold several calendars in a row, but nothing between them.
            if prop.name == "BEGIN" && prop.value.eq_ignore_ascii_case("VCALENDAR") {
                open.push(("VCALENDAR".to_string(), line));
                seen_calendar = true;
                continue;
            }
            return Err(IcsError::MissingCalendar { line });
        }
        match prop.name.as_str() {
            "BEGIN" => {
                let component = prop.value.to_ascii_uppercase();
                // No iCalendar component nests inside its own kind, so a second BEGIN:VEVENT
                // means the first one's END went missing; say so at the first one.
                if let Some((name, begun)) = open.iter().find(|(name, _)| *name == component) {
                    return Err(IcsError::Unterminated {
                        component: name.clone(),
                        line: *begun,
                    });
                }
                if component == "VEVENT" {
                    draft = Some(Draft::new(line));
                }
                open.push((component, line));
            }
            "END" => {
                let component = prop.value.to_ascii_uppercase();
                let (innermost, begun) = open.last().expect("checked non-empty above");
                if *innermost != component {
                    return Err(if open.iter().any(|(name, _)| *name == component) {
                        IcsError::Unterminated {
                            component: innermost.clone(),
                            line: *begun,
                        }
                    } else {
                        IcsError::UnexpectedEnd { component, line }
                    });
                }
                open.pop();
                if component == "VEVENT" {
                    if let Some(done) = draft.take() {
                        events.push(done.finish()?);
                    }
                }
            }
            // Properties of a VALARM inside the VEVENT are not the event's.
            _ if open.last().is_some_and(|(name, _)| name == "VEVENT") => {
                if let Some(d) = draft.as_mut() {
                    d.apply(&prop, line)?;
                }
            }
            _ => {}
        }
    }
    if let Some((component, line)) = open.pop() {
        // Report the innermost: with a VEVENT open, that is the one whose END is missing.
        return Err(IcsError::Unterminated { component, line });
    }
    if !seen_calendar {
        return Err(IcsError::MissingCalendar { line: 1 });
    }
    Ok(events)
}

/// Logical lines with the physical line number each starts on. A line beginning with a space
/// or tab continues the previous one, minus exactly that one character (RFC 5545 §3.1).
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (index, physical) in text.split('\n').enumerate() {
        let physical = physical.strip_suffix('\r').unwrap_or(physical);
        match (physical.as_bytes().first(), lines.last_mut()) {
            (Some(b' ' | b'\t'), Some((_, previous))) if !previous.is_empty() => {
                previous.push_str(&physical[1..]);
            }
            _ => lines.push((index + 1, physical.to_string())),
        }
    }
    lines
}

/// One unfolded `NAME;PARAM=…:value` line. Parameters are skipped: the app reads none.
struct ContentLine {
    /// Upper case: names are case-insensitive.
    name: String,
    value: String,
}

impl ContentLine {
    fn parse(line: &str) -> Option<ContentLine> {
        let name_end = line.find([';', ':'])?;
        let name = &line[..name_end];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return None;
        }
        // The value starts after the first colon outside a quoted parameter value: ALTREP
        // and similar parameters quote URIs that contain colons.
        let mut quoted = false;
        let mut value_start = None;
        for (i, c) in line[name_end..].char_indices() {
            match c {
                '"' => quoted = !quoted,
                ':' if !quoted => {
                    value_start = Some(name_end + i + 1);
                    break;
                }
                _ => {}
            }
        }
        Some(ContentLine {
            name: name.to_ascii_uppercase(),
            value: line[value_start?..].to_string(),
        })
    }
}

/// A VEVENT being read; UID and DTSTART are required, the rest default to empty.
struct Draft {
    begun: usize,
    uid: Option<String>,
    date: Option<NaiveDate>,
    summary: String,
    description: String,
    categories: Vec<String>,
}

impl Draft {
    fn new(begun: usize) -> Draft {
        Draft {
            begun,
            uid: None,
            date: None,
            summary: String::new(),
            description: String::new(),
            categories: Vec::new(),
        }
    }

    fn apply(&mut self, prop: &ContentLine, line: usize) -> Result<(), IcsError> {
        match prop.name.as_str() {
            "UID" => self.uid = Some(unescape_list(&prop.value, false).remove(0)),
            "DTSTART" => self.date = Some(parse_date(&prop.value, line)?),
            "SUMMARY" => self.summary = unescape_list(&prop.value, false).remove(0),
            "DESCRIPTION" => self.description = unescape_list(&prop.value, false).remove(0),
            // CATEGORIES may legitimately appear more than once; the lists add up.
            "CATEGORIES" => self.categories.extend(unescape_list(&prop.value, true)),
            _ => {}
        }
        Ok(())
    }

    fn finish(self) -> Result<IcsEvent, IcsError> {
        let missing = |property| IcsError::MissingProperty {
            property,
            line: self.begun,
        };
        Ok(IcsEvent {
            uid: self.uid.ok_or_else(|| missing("UID"))?,
            date: self.date.ok_or_else(|| missing("DTSTART"))?,
            summary: self.summary,
            description: self.description,
            categories: self.categories,
        })
    }
}

/// `YYYYMMDD` and a real day: 20230229 is refused, not moved to 1 March.
fn parse_date(value: &str, line: usize) -> Result<NaiveDate, IcsError> {
    let bad = || IcsError::BadDate {
        value: value.to_string(),
        line,
    };
    if value.len() != 8 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| value[range].parse::<u32>().map_err(|_| bad());
    let year = number(0..4)? as i32;
    NaiveDate::from_ymd_opt(year, number(4..6)?, number(6..8)?).ok_or_else(bad)
}

/// Undoes `escape_text`. With `split`, unescaped commas separate values (CATEGORIES) while
/// `\,` stays a comma inside one; without, the result has exactly one element. An unknown
/// escape is kept as written rather than guessed at.
fn unescape_list(value: &str, split: bool) -> Vec<String> {
    let mut values = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        let current = values.last_mut().expect("never empty");
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => current.push('\n'),
                Some(escaped @ ('\\' | ';' | ',')) => current.push(escaped),
                Some(other) => {
                    current.push('\\');
                    current.push(other);
                }
                None => current.push('\\'),
            },
            ',' if split => values.push(String::new()),
            c => current.push(c),
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn stamp() -> NaiveDateTime {
        day(2024, 3, 5).and_hms_opt(7, 8, 9).unwrap()
    }

    fn event(uid: &str, date: NaiveDate, summary: &str, description: &str) -> IcsEvent {
        IcsEvent {
            uid: uid.to_string(),
            date,
            summary: summary.to_string(),
            description: description.to_string(),
            categories: vec!["客户维护".to_string()],
        }
    }

    /// Text that exercises every escape and forces folds in the middle of 3- and 4-byte
    /// characters and right before a space (which the unfolder must keep).
    fn awkward_events() -> Vec<IcsEvent> {
        let long_chinese = "张总说下季度的采购计划要等董事会批准，届时再联系；".repeat(12);
        let mixed = format!("{}👨‍👩‍👧 emoji 🎉🎉, {}", "a".repeat(73), "é".repeat(60));
        let spaces = format!("{}   three spaces at a fold   ", "x".repeat(69));
        vec![
            IcsEvent {
                uid: "kehu-42-20240229@kehu-weihu".to_string(),
                date: day(2024, 2, 29),
                summary: "回访：上海某某贸易有限公司（王经理）".to_string(),
                description: "上次沟通：价格, 交期; 付款方式\n下一步：寄样品\\确认".to_string(),
                categories: vec!["A类客户".to_string(), "回访, 电话; 微信".to_string()],
            },
            IcsEvent {
                uid: "kehu-7-20241231@kehu-weihu".to_string(),
                date: day(2024, 12, 31),
                summary: long_chinese.clone(),
                description: format!("{long_chinese}\n\n{mixed}"),
                categories: vec![],
            },
            IcsEvent {
                uid: "kehu-8-20250101@kehu-weihu".to_string(),
                date: day(2025, 1, 1),
                summary: spaces.clone(),
                description: String::new(),
                categories: vec![mixed, String::new(), spaces],
            },
            event("a,b;c\\d", day(2023, 6, 15), "", "\\n is not a newline"),
        ]
    }

    #[test]
    fn round_trips_chinese_emoji_escapes_and_long_text() {
        let events = awkward_events();
        let text = write_calendar("客户维护 · 回访计划, 2024", &events, stamp());
        assert_eq!(parse_calendar(&text), Ok(events));
    }

    #[test]
    fn every_physical_line_fits_and_ends_with_crlf() {
        let text = write_calendar("客户维护", &awkward_events(), stamp());
        let bytes = text.as_bytes();
        assert!(bytes.ends_with(b"\r\n"));
        let mut folds = 0;
        for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
            let line = line
                .strip_suffix(b"\r\n")
                .unwrap_or_else(|| panic!("line {i}: bare LF"));
            assert!(!line.contains(&b'\r'), "line {i}: bare CR");
            assert!(line.len() <= 75, "line {i}: {} octets", line.len());
            // Each line must decode alone: importers that decode before unfolding see these.
            let decoded = std::str::from_utf8(line).unwrap_or_else(|e| panic!("line {i}: {e}"));
            if decoded.starts_with(' ') {
                folds += 1;
            }
        }
        assert!(
            folds > 20,
            "the test text should need folding, got {folds} folds"
        );
    }

    #[test]
    fn folds_as_late_as_possible_without_splitting_a_character() {
        // Every character width at every offset: a line is cut only where the next
        // character would not fit, so no line is shorter than it needs to be.
        for unit in ["a", "é", "客", "🎉"] {
            for prefix in 0..8 {
                let line = format!("{}{}", "p".repeat(prefix), unit.repeat(200));
                let mut out = String::new();
                push_line(&mut out, &line);
                let physical: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
                for (i, piece) in physical.iter().enumerate() {
                    assert!(piece.len() <= 75, "{unit} +{prefix}: line {i} too long");
                    if i + 1 < physical.len() {
                        let next = physical[i + 1][1..].chars().next().unwrap();
                        assert!(
                            piece.len() + next.len_utf8() > 75,
                            "{unit} +{prefix}: short"
                        );
                    }
                    if i > 0 {
                        assert!(piece.starts_with(' ') && !piece.starts_with("  "));
                    }
                }
                let unfolded: String =
                    physical
                        .iter()
                        .enumerate()
                        .fold(
                            String::new(),
                            |acc, (i, p)| if i == 0 { acc + p } else { acc + &p[1..] },
                        );
                assert_eq!(unfolded, line, "{unit} +{prefix}");
            }
        }
    }

    #[test]
    fn writes_the_expected_layout() {
        let text = write_calendar(
            "回访",
            &[event("kehu-1", day(2024, 3, 8), "回访 王经理", "")],
            stamp(),
        );
        let expected = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//kehu-weihu//CRM//ZH",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:回访",
            "BEGIN:VEVENT",
            "UID:kehu-1",
            "DTSTAMP:20240305T070809Z",
            "DTSTART;VALUE=DATE:20240308",
            "DTEND;VALUE=DATE:20240309",
            "SUMMARY:回访 王经理",
            "DESCRIPTION:",
            "CATEGORIES:客户维护",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ];
        assert_eq!(text, expected.join("\r\n"));
    }

    #[test]
    fn escapes_text_values() {
        let cases = [
            ("a,b;c\\d", "a\\,b\\;c\\\\d"),
            ("一\n二", "一\\n二"),
            ("一\r\n二\r三", "一\\n二\\n三"),
            ("tab\tkept, bell\u{7} dropped", "tab\tkept\\, bell dropped"),
            ("客户🎉", "客户🎉"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape_text(input), expected, "{input:?}");
        }
    }

    #[test]
    fn keeps_uids_verbatim_and_output_stable() {
        let events = awkward_events();
        let first = write_calendar("回访", &events, stamp());
        let second = write_calendar("回访", &events, stamp());
        assert_eq!(first, second);
        let uids: Vec<String> = parse_calendar(&first)
            .unwrap()
            .into_iter()
            .map(|e| e.uid)
            .collect();
        let given: Vec<String> = events.into_iter().map(|e| e.uid).collect();
        assert_eq!(uids, given);
        assert!(first.contains("\r\nUID:kehu-42-20240229@kehu-weihu\r\n"));
    }

    #[test]
    fn dtend_is_the_next_day_across_month_and_year_ends() {
        let cases = [
            (day(2024, 2, 29), "20240229", "20240301"),
            (day(2024, 2, 28), "20240228", "20240229"),
            (day(2023, 2, 28), "20230228", "20230301"),
            (day(2024, 1, 31), "20240131", "20240201"),
            (day(2024, 4, 30), "20240430", "20240501"),
            (day(2023, 12, 31), "20231231", "20240101"),
            (day(2000, 2, 29), "20000229", "20000301"),
        ];
        for (date, start, end) in cases {
            let events = [event("u", date, "s", "d")];
            let text = write_calendar("c", &events, stamp());
            assert!(
                text.contains(&format!("\r\nDTSTART;VALUE=DATE:{start}\r\n")),
                "{date}"
            );
            assert!(
                text.contains(&format!("\r\nDTEND;VALUE=DATE:{end}\r\n")),
                "{date}"
            );
            assert_eq!(parse_calendar(&text).unwrap()[0].date, date);
        }
    }

    #[test]
    fn reads_what_other_writers_produce() {
        // Bare LF, lower case, tab continuation, a quoted parameter with a colon, a VALARM
        // whose DESCRIPTION is not the event's, CATEGORIES twice, an unknown component.
        let text = "\u{feff}BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VTIMEZONE\nTZID:Asia/Shanghai\n\
                    END:VTIMEZONE\nbegin:vevent\nuid:x-1\ndtstart;value=date:20240229\n\
                    SUMMARY;LANGUAGE=zh-CN:回\n\t访\nDESCRIPTION;ALTREP=\"cid:a:b\":说明\\N第二行\n\
                    CATEGORIES:甲,乙\nCATEGORIES:丙\nBEGIN:VALARM\nDESCRIPTION:提醒\n\
                    END:VALARM\nEND:VEVENT\nEND:VCALENDAR\n";
        let expected = IcsEvent {
            uid: "x-1".to_string(),
            date: day(2024, 2, 29),
            summary: "回访".to_string(),
            description: "说明\n第二行".to_string(),
            categories: vec!["甲".to_string(), "乙".to_string(), "丙".to_string()],
        };
        assert_eq!(parse_calendar(text), Ok(vec![expected]));
    }

    #[test]
    fn names_the_line_of_a_malformed_file() {
        let event_lines = "BEGIN:VEVENT\r\nUID:u\r\nDTSTART;VALUE=DATE:20240229\r\n";
        let cases = [
            ("", IcsError::MissingCalendar { line: 1 }),
            ("\r\n\r\n", IcsError::MissingCalendar { line: 1 }),
            (event_lines, IcsError::MissingCalendar { line: 1 }),
            (
                "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nUID:stray\r\n",
                IcsError::MissingCalendar { line: 3 },
            ),
            (
                &format!("BEGIN:VCALENDAR\r\n{event_lines}"),
                IcsError::Unterminated {
                    component: "VEVENT".to_string(),
                    line: 2,
                },
            ),
            (
                &format!("BEGIN:VCALENDAR\r\n{event_lines}{event_lines}END:VEVENT\r\n"),
                IcsError::Unterminated {
                    component: "VEVENT".to_string(),
                    line: 2,
                },
            ),
            (
                &format!("BEGIN:VCALENDAR\r\n{event_lines}END:VCALENDAR\r\n"),
                IcsError::Unterminated {
                    component: "VEVENT".to_string(),
                    line: 2,
                },
            ),
            (
                "BEGIN:VCALENDAR\r\nEND:VEVENT\r\n",
                IcsError::UnexpectedEnd {
                    component: "VEVENT".to_string(),
                    line: 2,
                },
            ),
            (
                // The folded SUMMARY takes two physical lines; the count must include both.
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:很长\r\n 的标题\r\nUID:u\r\n\
                 DTSTART;VALUE=DATE:20230229\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                IcsError::BadDate {
                    value: "20230229".to_string(),
                    line: 6,
                },
            ),
            (
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20240229T090000Z\r\n",
                IcsError::BadDate {
                    value: "20240229T090000Z".to_string(),
                    line: 3,
                },
            ),
            (
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2024-02-29\r\n",
                IcsError::BadDate {
                    value: "2024-02-29".to_string(),
                    line: 3,
                },
            ),
            (
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20240229\r\nEND:VEVENT\r\n",
                IcsError::MissingProperty {
                    property: "UID",
                    line: 2,
                },
            ),
            (
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nEND:VEVENT\r\n",
                IcsError::MissingProperty {
                    property: "DTSTART",
                    line: 2,
                },
            ),
            (
                "BEGIN:VCALENDAR\r\nthis is not a property\r\n",
                IcsError::Malformed { line: 2 },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_calendar(text), Err(expected), "{text:?}");
        }
    }

    #[test]
    fn error_messages_lead_with_the_line() {
        let cases = [
            (
                IcsError::Unterminated {
                    component: "VEVENT".to_string(),
                    line: 12,
                },
                "line 12: BEGIN:VEVENT is never ended",
            ),
            (
                IcsError::BadDate {
                    value: "20230229".to_string(),
                    line: 3,
                },
                "line 3: \"20230229\" is not an all-day date (YYYYMMDD)",
            ),
            (
                IcsError::MissingCalendar { line: 1 },
                "line 1: expected BEGIN:VCALENDAR",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
    }
}
