//! Many numbers from pasted text: a spreadsheet column, a survey export, or a list typed with
//! commas, semicolons, tabs, spaces or newlines between the numbers.
//!
//! Choices: blank entries are skipped; a first line with no number in it (and some letter) is a
//! header and is skipped with a note; in a list, a space always separates entries (so `1 234`
//! is two entries), and with the decimal-comma setting a comma is a decimal mark, not a
//! separator.

use crate::engine::error::{shorten, BadEntry, EntryError};
use crate::engine::number::{self, DecimalMark};
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

/// The numbers found in a list, and what was refused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedList {
    /// The valid entries, in order.
    pub values: Vec<Decimal>,
    /// The header line that was skipped, if any.
    pub header: Option<String>,
    /// The first few refused entries.
    pub bad: Vec<BadEntry>,
    /// How many entries were refused in all.
    pub bad_total: usize,
}

/// Splits `text` into entries and checks each against `rule`.
pub fn parse(text: &str, mark: DecimalMark, rule: EntryRule) -> ParsedList {
    let mut list = ParsedList::default();
    let body = skip_header(text, mark, &mut list.header);
    let mut position: usize = 0;
    for token in tokens(body, mark) {
        position = position.saturating_add(1);
        match check_entry(token, mark, rule) {
            Ok(value) => list.values.push(value),
            Err(error) => {
                list.bad_total = list.bad_total.saturating_add(1);
                if list.bad.len() < SHOWN_BAD_ENTRIES {
                    list.bad.push(BadEntry {
                        position,
                        text: shorten(token),
                        error,
                    });
                }
            }
        }
    }
    list
}

/// The entries of `text`: runs of characters between separators, blanks skipped.
pub fn tokens(text: &str, mark: DecimalMark) -> impl Iterator<Item = &str> {
    let comma_separates = mark == DecimalMark::Dot;
    text.split(move |c: char| is_separator(c, comma_separates))
        .filter(|t| !t.is_empty())
}

fn is_separator(c: char, comma_separates: bool) -> bool {
    matches!(c, '\n' | '\r' | '\t' | ';' | ' ' | '\u{a0}' | '\u{202f}')
        || (comma_separates && c == ',')
}

/// Checks one entry (a list token or a CSV cell) against `rule`.
pub fn check_entry(token: &str, mark: DecimalMark, rule: EntryRule) -> Result<Decimal, EntryError> {
    let token = token.trim_matches('"');
    // Fast path: most entries are one or two ASCII digits.
    let value = match number::parse_small_integer(token.as_bytes()) {
        Some(n) => Decimal::from(n),
        None => {
            let parsed = number::parse(token, mark).map_err(EntryError::Number)?;
            if parsed.percent || parsed.currency {
                return Err(EntryError::Number(
                    crate::engine::error::NumberError::NotANumber,
                ));
            }
            parsed.value
        }
    };
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

/// Skips the first non-blank line when it holds no number and has a letter: a header such as
/// `Score` or `How likely are you to recommend us?`.
fn skip_header<'a>(text: &'a str, mark: DecimalMark, header: &mut Option<String>) -> &'a str {
    let start = text.len().saturating_sub(text.trim_start().len());
    let rest = text.get(start..).unwrap_or_default();
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let line = rest.get(..line_end).unwrap_or_default();
    let has_letter = line.chars().any(char::is_alphabetic);
    let has_number = tokens(line, mark).any(|t| number::parse(t.trim_matches('"'), mark).is_ok());
    if has_letter && !has_number {
        *header = Some(shorten(line.trim_end_matches('\r')));
        return rest.get(line_end..).unwrap_or_default();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCORES: EntryRule = EntryRule {
        whole: true,
        min: Decimal::ZERO,
        max: Decimal::TEN,
    };

    fn values(list: &ParsedList) -> Vec<i64> {
        list.values.iter().map(|d| d.mantissa() as i64).collect()
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
        assert_eq!(values(&list), vec![9, 10, 3]);
        assert_eq!(list.header.as_deref(), Some("How likely?"));
    }

    #[test]
    fn bad_entries_are_reported_by_position() {
        let list = parse("9 x 11 7.5 8 -1 a b c", DecimalMark::Dot, SCORES);
        assert_eq!(values(&list), vec![9, 8]);
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
        let shown: Vec<String> = list.values.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown, vec!["2.5", "3", "4.25"]);
    }

    #[test]
    fn quoted_cells_are_read() {
        let list = parse("\"9\"\n\"10\"", DecimalMark::Dot, SCORES);
        assert_eq!(values(&list), vec![9, 10]);
    }
}
