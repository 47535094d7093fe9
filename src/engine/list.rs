//! Many numbers from pasted text: a spreadsheet column, a survey export, or a list typed with
//! commas, semicolons, tabs, spaces or newlines between the numbers.
//!
//! Choices: blank entries are skipped; a first line with no number in it (and some letter) is a
//! header and is skipped with a note; in a list, a space always separates entries (so `1 234`
//! is two entries), and with the decimal-comma setting a comma is a decimal mark, not a
//! separator.

use crate::engine::error::{shorten, BadEntry, EntryError};
use crate::engine::locale::DecimalMark;
use crate::engine::number::{self};
use rust_decimal::Decimal;

/// How many refused entries a message lists by position.
pub const SHOWN_BAD_ENTRIES: usize = 5;

/// What each entry of a list must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntryRule {
    /// Only whole numbers.
    pub whole: bool,
    /// Smallest allowed value.
    pub min: Decimal,
    /// Largest allowed value.
    pub max: Decimal,
}

/// The most distinct values a distribution lists; a list with more has none (a distribution
/// of a thousand different day counts is no use as a chart, and scores never get there).
pub const MAX_DISTRIBUTION: usize = 101;

/// The numbers found in a list, and what was refused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedList {
    /// How many entries are valid.
    pub count: usize,
    /// Each distinct valid value and how often it occurs, ascending; empty when there are
    /// more than [`MAX_DISTRIBUTION`] distinct values. Formulas over scores read this (eleven
    /// entries) instead of a million values.
    pub distribution: Vec<(Decimal, usize)>,
    /// The valid entries in order, kept only when there is no distribution: a million pasted
    /// scores are eleven counts, not 16 MB of decimals.
    pub values: Vec<Decimal>,
    /// The header line that was skipped, if any.
    pub header: Option<String>,
    /// The first few refused entries.
    pub bad: Vec<BadEntry>,
    /// How many entries were refused in all.
    pub bad_total: usize,
}

/// The most answers one entry may stand for: `9*120` is 120 answers of 9 (how links carry a
/// long list as its counts).
pub const MAX_REPEAT: u64 = 1_000_000_000;

/// How many entries a list without a distribution (more than [`MAX_DISTRIBUTION`] distinct
/// values) may expand its repeats to: its values are kept one by one.
const MAX_EXPANDED: usize = 2_000_000;

/// Splits `text` into entries and checks each against `rule`.
pub fn parse(text: &str, mark: DecimalMark, rule: EntryRule) -> ParsedList {
    let mut list = ParsedList::default();
    let body = skip_header(text, mark, &mut list.header);
    let fast = FastRule::new(rule);
    let mut small = SmallCounts::default();
    for (index, token) in tokens(body, mark).enumerate() {
        match read_entry(token, fast, mark, rule) {
            Ok((entry, times)) => {
                match entry {
                    Entry::Small(n) => small.add(n, times),
                    Entry::Other(value) => small.add_decimal(value, times),
                }
                list.count = list.count.saturating_add(times);
            }
            Err(error) => list.refuse(index, token, error),
        }
    }
    list.distribution = small.distribution();
    if list.distribution.is_empty() && list.count > 0 {
        // Too many distinct values to count: read the entries again, keeping each one. Only
        // lists such as day counts get here, and they are short in practice.
        list.count = 0;
        for (index, token) in tokens(body, mark).enumerate() {
            let Ok((entry, times)) = read_entry(token, fast, mark, rule) else {
                continue;
            };
            if list.values.len().saturating_add(times) > MAX_EXPANDED {
                list.refuse(index, token, EntryError::TooManyRepeats);
                continue;
            }
            let value = entry.value();
            list.values.extend(std::iter::repeat_n(value, times));
            list.count = list.count.saturating_add(times);
        }
    }
    list
}

impl ParsedList {
    /// Counts a refused entry, keeping the first few with their 1-based position.
    fn refuse(&mut self, index: usize, token: &str, error: EntryError) {
        self.bad_total = self.bad_total.saturating_add(1);
        if self.bad.len() < SHOWN_BAD_ENTRIES {
            self.bad.push(BadEntry {
                position: index.saturating_add(1),
                text: shorten(token),
                error,
            });
        }
    }
}

/// A valid entry: a small whole number read without decimal maths, or any other value.
enum Entry {
    Small(u64),
    Other(Decimal),
}

impl Entry {
    fn value(self) -> Decimal {
        match self {
            Entry::Small(n) => Decimal::from(n),
            Entry::Other(value) => value,
        }
    }
}

/// `9*120` (or `9×120`): the value and how many times it counts.
fn split_repeat(token: &str) -> Option<(&str, &str)> {
    token.split_once('*').or_else(|| token.split_once('×'))
}

/// An entry and how many answers it stands for (1, or the count of `value*count`).
fn read_entry(
    token: &str,
    fast: FastRule,
    mark: DecimalMark,
    rule: EntryRule,
) -> Result<(Entry, usize), EntryError> {
    let (value, times) = match split_repeat(token) {
        Some((value, count)) => {
            let times = number::parse_small_integer(count.trim().as_bytes())
                .filter(|n| (1..=MAX_REPEAT).contains(n))
                .and_then(|n| usize::try_from(n).ok())
                .ok_or(EntryError::BadRepeat)?;
            (value.trim(), times)
        }
        None => (token, 1),
    };
    // Fast path: a short run of digits within whole bounds is counted without Decimal maths.
    if let Some(n) = fast.accept(value) {
        return Ok((Entry::Small(n), times));
    }
    check_entry(value, mark, rule).map(|v| (Entry::Other(v), times))
}

/// The rule's bounds as integers, when they are whole numbers that fit.
#[derive(Clone, Copy)]
struct FastRule {
    bounds: Option<(u64, u64)>,
}

impl FastRule {
    fn new(rule: EntryRule) -> Self {
        let whole = |d: Decimal| {
            if d.fract().is_zero() {
                u64::try_from(d.max(Decimal::ZERO).mantissa())
                    .ok()
                    .map(|m| m / 10_u64.pow(d.scale()))
            } else {
                None
            }
        };
        let bounds = match (whole(rule.min), whole(rule.max)) {
            (Some(min), Some(max)) if rule.max >= Decimal::ZERO => Some((min, max)),
            _ => None,
        };
        FastRule { bounds }
    }

    /// The entry as an integer when it is plain digits within the bounds.
    fn accept(self, token: &str) -> Option<u64> {
        let (min, max) = self.bounds?;
        let n = number::parse_small_integer(token.as_bytes())?;
        (min..=max).contains(&n).then_some(n)
    }
}

/// Counts per value while parsing: whole values 0–100 in an array, others in a sorted vector.
struct SmallCounts {
    small: [usize; 101],
    other: Vec<(Decimal, usize)>,
    overflow: bool,
}

impl Default for SmallCounts {
    fn default() -> Self {
        SmallCounts {
            small: [0; 101],
            other: Vec::new(),
            overflow: false,
        }
    }
}

impl SmallCounts {
    fn add(&mut self, n: u64, times: usize) {
        match usize::try_from(n).ok().and_then(|i| self.small.get_mut(i)) {
            Some(count) => *count = count.saturating_add(times),
            None => self.add_other(Decimal::from(n), times),
        }
    }

    fn add_decimal(&mut self, value: Decimal, times: usize) {
        let normal = value.normalize();
        if normal.scale() == 0 && !normal.is_sign_negative() {
            if let Ok(n) = u64::try_from(normal.mantissa()) {
                return self.add(n, times);
            }
        }
        self.add_other(normal, times);
    }

    fn add_other(&mut self, value: Decimal, times: usize) {
        if self.overflow {
            return;
        }
        match self.other.binary_search_by(|(v, _)| v.cmp(&value)) {
            Ok(i) => {
                if let Some((_, n)) = self.other.get_mut(i) {
                    *n = n.saturating_add(times);
                }
            }
            Err(i) if self.other.len() < MAX_DISTRIBUTION => self.other.insert(i, (value, times)),
            Err(_) => self.overflow = true,
        }
    }

    fn distribution(self) -> Vec<(Decimal, usize)> {
        if self.overflow {
            return Vec::new();
        }
        // Merge the whole values into the sorted others by binary search rather than sorting:
        // at most 101 insertions, and no sort routine in the wasm.
        let mut all = self.other;
        for (value, n) in self.small.iter().enumerate().filter(|(_, n)| **n > 0) {
            let value = Decimal::from(value);
            match all.binary_search_by(|(v, _)| v.cmp(&value)) {
                Ok(i) => {
                    if let Some((_, count)) = all.get_mut(i) {
                        *count = count.saturating_add(*n);
                    }
                }
                Err(i) => all.insert(i, (value, *n)),
            }
            if all.len() > MAX_DISTRIBUTION {
                return Vec::new();
            }
        }
        all
    }
}

/// The entries of `text`: runs of characters between separators, blanks skipped. Scans bytes,
/// not chars: every separator is ASCII except the two no-break spaces, matched by their UTF-8
/// bytes, so a multi-megabyte paste splits at memory speed.
pub fn tokens(text: &str, mark: DecimalMark) -> impl Iterator<Item = &str> {
    let comma_separates = mark == DecimalMark::Dot;
    let bytes = text.as_bytes();
    let mut at = 0_usize;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let width = separator_width(bytes, at, comma_separates);
            if width == 0 {
                break;
            }
            at = at.saturating_add(width);
        }
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && separator_width(bytes, at, comma_separates) == 0 {
            at = at.saturating_add(1);
        }
        text.get(start..at)
    })
}

/// The `k`-th smallest of `values` (from 0), which it reorders so that the `k` smallest come
/// before it: quickselect with a three-way partition, so long runs of equal values (day counts
/// repeat) stay linear. A median needs no full sort, and a sort routine would cost kilobytes
/// of wasm.
pub fn select(values: &mut [Decimal], k: usize) -> Option<Decimal> {
    let (mut lo, mut hi) = (0, values.len());
    while lo < hi {
        let pivot = *values.get(lo + (hi - lo) / 2)?;
        // [lo, lt) < pivot, [lt, i) = pivot, [gt, hi) > pivot.
        let (mut lt, mut i, mut gt) = (lo, lo, hi);
        while i < gt {
            match values.get(i)?.cmp(&pivot) {
                std::cmp::Ordering::Less => {
                    values.swap(lt, i);
                    lt += 1;
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    gt -= 1;
                    values.swap(i, gt);
                }
                std::cmp::Ordering::Equal => i += 1,
            }
        }
        if k < lt {
            hi = lt;
        } else if k >= gt {
            lo = gt;
        } else {
            return Some(pivot);
        }
    }
    None
}

/// How many lines `text` has (a last line without a newline counts): a byte count, where
/// `str::lines` would decode every character of a multi-megabyte paste.
pub fn line_count(text: &str) -> usize {
    let newlines = text.bytes().filter(|b| *b == b'\n').count();
    if text.is_empty() || text.ends_with('\n') {
        newlines
    } else {
        newlines.saturating_add(1)
    }
}

/// How many bytes the separator at `at` spans (0: not a separator).
fn separator_width(bytes: &[u8], at: usize, comma_separates: bool) -> usize {
    match bytes.get(at) {
        Some(b'\n' | b'\r' | b'\t' | b';' | b' ') => 1,
        Some(b',') if comma_separates => 1,
        // U+00A0 no-break space and U+202F narrow no-break space.
        Some(0xC2) if bytes.get(at.saturating_add(1)) == Some(&0xA0) => 2,
        Some(0xE2)
            if bytes.get(at.saturating_add(1)..at.saturating_add(3)) == Some(&[0x80, 0xAF]) =>
        {
            3
        }
        _ => 0,
    }
}

/// Checks one entry (a list token or a CSV cell) against `rule`.
pub fn check_entry(token: &str, mark: DecimalMark, rule: EntryRule) -> Result<Decimal, EntryError> {
    let token = token.trim_matches('"');
    let parsed = number::parse(token, mark).map_err(|e| match e {
        // Beyond 10^15: the list's own bound says more than the global cap.
        crate::engine::error::NumberError::TooLarge if token.starts_with(['-', '−']) => {
            EntryError::BelowMin(rule.min)
        }
        crate::engine::error::NumberError::TooLarge => EntryError::AboveMax(rule.max),
        other => EntryError::Number(other),
    })?;
    if parsed.percent || parsed.currency {
        return Err(EntryError::Number(
            crate::engine::error::NumberError::NotANumber,
        ));
    }
    let value = parsed.value;
    if rule.whole && !value.fract().is_zero() {
        return Err(EntryError::NotWhole);
    }
    if value < rule.min {
        return Err(EntryError::BelowMin(rule.min));
    }
    if value > rule.max {
        return Err(EntryError::AboveMax(rule.max));
    }
    Ok(value)
}

/// A letter for header detection: an ASCII letter, or any character beyond ASCII that is
/// neither a space nor a digit (`Évaluation`, `評価`, `Оценка`). Cheaper than
/// `char::is_alphabetic`, whose Unicode tables cost kilobytes of wasm, and the same for any
/// header a survey tool writes.
fn is_letter_like(c: char) -> bool {
    c.is_ascii_alphabetic()
        || !(c.is_ascii() || c.is_whitespace() || number::is_other_script_digit(c))
}

/// Words that stand for a missing answer, not a label.
const MISSING: [&str; 6] = ["n/a", "na", "null", "none", "nil", "missing"];

/// Whether `token` reads as a word of a label: it starts with a letter and is not a word
/// for a missing answer (`n/a`) or a number (`NaN`, `Infinity`, which the parser names).
fn is_label_word(token: &str) -> bool {
    let token = token.trim_matches('"');
    token.chars().next().is_some_and(is_letter_like)
        && !MISSING.contains(&token.to_ascii_lowercase().as_str())
}

/// Where the entries of `text` start: after its first non-blank line when that line reads as
/// a label (a word in it, and no attempt at a number: `Score`, `How likely are you to
/// recommend us? (0–10)`, `Q1`), else at 0. A line such as `NaN`, `1e400` or `n/a` is an entry,
/// refused like any other, never a header read silently.
pub fn header_end(text: &str, mark: DecimalMark) -> usize {
    let start = text.len().saturating_sub(text.trim_start().len());
    let rest = text.get(start..).unwrap_or_default();
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let line = rest.get(..line_end).unwrap_or_default();
    let has_word = tokens(line, mark).any(is_label_word);
    // Only "not a number at all" leaves a token a label's: any other verdict of the parser
    // (a number, one too large, one that is not finite) means a number was meant.
    let tries_a_number = tokens(line, mark).any(|t| {
        !matches!(
            number::parse(t.trim_matches('"'), mark),
            Err(crate::engine::error::NumberError::NotANumber)
        )
    });
    if has_word && !tries_a_number {
        start.saturating_add(line_end)
    } else {
        0
    }
}

/// The entries of `text` after its header line, if it has one (kept in `header`).
fn skip_header<'a>(text: &'a str, mark: DecimalMark, header: &mut Option<String>) -> &'a str {
    let end = header_end(text, mark);
    if end == 0 {
        return text;
    }
    let line = text.get(..end).unwrap_or_default().trim();
    *header = Some(shorten(line.trim_end_matches('\r')));
    text.get(end..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCORES: EntryRule = EntryRule {
        whole: true,
        min: Decimal::ZERO,
        max: Decimal::TEN,
    };

    /// The valid entries as (value, count), ascending, whichever way the list kept them.
    fn counted(list: &ParsedList) -> Vec<(i64, usize)> {
        let mut out: Vec<(i64, usize)> = Vec::new();
        if list.distribution.is_empty() {
            for v in &list.values {
                let v = v.mantissa() as i64;
                match out.iter_mut().find(|(x, _)| *x == v) {
                    Some((_, n)) => *n += 1,
                    None => out.push((v, 1)),
                }
            }
            out.sort();
        } else {
            out = list
                .distribution
                .iter()
                .map(|(v, n)| (v.mantissa() as i64, *n))
                .collect();
        }
        out
    }

    fn values(list: &ParsedList) -> Vec<i64> {
        counted(list)
            .into_iter()
            .flat_map(|(v, n)| std::iter::repeat_n(v, n))
            .collect()
    }

    #[test]
    fn every_separator_splits() {
        let list = parse("1,2;3\t4 5\n6\r\n7\n\n\n8", DecimalMark::Dot, SCORES);
        assert_eq!(values(&list), vec![1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(list.bad_total, 0);
        assert_eq!(list.header, None);
    }

    #[test]
    fn a_text_first_line_is_a_header() {
        let list = parse("How likely?\n9\n10\n3", DecimalMark::Dot, SCORES);
        assert_eq!(values(&list), vec![3, 9, 10]);
        assert_eq!(list.header.as_deref(), Some("How likely?"));
    }

    #[test]
    fn only_a_label_is_a_header() {
        for label in [
            "Score",
            "Q1",
            "How likely are you to recommend us? (0-10)",
            "NPS score",
        ] {
            let list = parse(&format!("{label}\n9\n10"), DecimalMark::Dot, SCORES);
            assert_eq!(list.header, Some(shorten(label)), "{label}");
            assert_eq!((list.count, list.bad_total), (2, 0), "{label}");
        }
        // Attempts at a number, or words for a missing answer, are entries: refused.
        for entry in [
            "NaN", "1e400", "Infinity", "n/a", "12abc", "#DIV/0!", "-", "N/A",
        ] {
            let list = parse(&format!("{entry}\n9\n10"), DecimalMark::Dot, SCORES);
            assert_eq!(list.header, None, "{entry}");
            assert_eq!((list.count, list.bad_total), (2, 1), "{entry}");
            assert_eq!(list.bad.first().map(|b| b.position), Some(1), "{entry}");
        }
    }

    #[test]
    fn headers_in_other_languages_are_headers() {
        for header in ["Évaluation", "評価", "Оценка (0–10)", "نتيجة"] {
            let list = parse(&format!("{header}\n9\n10"), DecimalMark::Dot, SCORES);
            assert_eq!(list.header.as_deref(), Some(header), "{header}");
            assert_eq!(list.count, 2);
        }
        // A first line of numbers from another script is data (refused), not a header.
        let list = parse("٣\n9", DecimalMark::Dot, SCORES);
        assert_eq!((list.header, list.count, list.bad_total), (None, 1, 1));
    }

    #[test]
    fn bad_entries_are_reported_by_position() {
        let list = parse("9 x 11 7.5 8 -1 a b c", DecimalMark::Dot, SCORES);
        assert_eq!(values(&list), vec![8, 9]);
        assert_eq!(list.bad_total, 7);
        assert_eq!(list.bad.len(), SHOWN_BAD_ENTRIES);
        let first: Vec<(usize, &str)> = list
            .bad
            .iter()
            .map(|b| (b.position, b.text.as_str()))
            .collect();
        assert_eq!(
            first,
            vec![(2, "x"), (3, "11"), (4, "7.5"), (6, "-1"), (7, "a")]
        );
        assert_eq!(
            list.bad.get(1).map(|b| b.error),
            Some(EntryError::AboveMax(Decimal::TEN))
        );
        assert_eq!(list.bad.get(2).map(|b| b.error), Some(EntryError::NotWhole));
    }

    #[test]
    fn decimal_comma_keeps_commas_in_numbers() {
        let rule = EntryRule {
            whole: false,
            min: Decimal::ZERO,
            max: Decimal::ONE_HUNDRED,
        };
        let list = parse("2,5;3\n4,25", DecimalMark::Comma, rule);
        let shown: Vec<String> = list
            .distribution
            .iter()
            .map(|(d, _)| d.to_string())
            .collect();
        assert_eq!(shown, vec!["2.5", "3", "4.25"]);
    }

    #[test]
    fn quoted_cells_are_read() {
        let list = parse("\"9\"\n\"10\"", DecimalMark::Dot, SCORES);
        assert_eq!(values(&list), vec![9, 10]);
    }

    #[test]
    fn select_finds_each_rank() {
        let values: Vec<Decimal> = [5, 3, 9, 3, 3, 1, 7, 9, 0, 3]
            .into_iter()
            .map(Decimal::from)
            .collect();
        let mut sorted = values.clone();
        sorted.sort();
        for k in 0..values.len() {
            assert_eq!(
                select(&mut values.clone(), k),
                sorted.get(k).copied(),
                "{k}"
            );
        }
        assert_eq!(select(&mut values.clone(), 10), None);
        assert_eq!(select(&mut [], 0), None);
        // Runs of equal values stay fast (linear, not quadratic).
        let mut same = vec![Decimal::TEN; 200_000];
        same.push(Decimal::ONE);
        assert_eq!(select(&mut same, 100_000), Some(Decimal::TEN));
    }

    #[test]
    fn lines_are_counted_like_str_lines() {
        for text in ["", "9", "9\n", "9\n10", "9\r\n10\r\n", "\n\n", "a\nb\n\nc"] {
            assert_eq!(line_count(text), text.lines().count(), "{text:?}");
        }
    }

    #[test]
    fn many_distinct_values_are_kept_in_order() {
        let rule = EntryRule {
            whole: true,
            min: Decimal::ZERO,
            max: Decimal::from(10_000),
        };
        let text: Vec<String> = (0..300).rev().map(|v| (v * 7).to_string()).collect();
        let list = parse(&text.join(" x "), DecimalMark::Dot, rule);
        assert!(list.distribution.is_empty());
        assert_eq!(list.count, 300);
        assert_eq!(list.bad_total, 299);
        let kept: Vec<i64> = list.values.iter().map(|d| d.mantissa() as i64).collect();
        let want: Vec<i64> = (0..300).rev().map(|v| v * 7).collect();
        assert_eq!(kept, want);
    }

    #[test]
    fn a_distribution_keeps_no_values() {
        let list = parse(&"9 10 3 ".repeat(1000), DecimalMark::Dot, SCORES);
        assert_eq!(list.count, 3000);
        assert!(list.values.is_empty());
        assert_eq!(counted(&list), vec![(3, 1000), (9, 1000), (10, 1000)]);
    }
}
