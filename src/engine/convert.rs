//! Texts between number formats. A field holds what was typed, in the format of the settings
//! (`1.234,5` with a decimal comma); links carry canonical numbers (a decimal dot, no
//! grouping, no currency: `1234.5`) that mean the same to every reader; and a text typed in
//! one format is converted, not re-read, when the format changes. A text that is not a number
//! is kept as typed, unless the other format would read it as one (then it is *unreadable*
//! there: a link leaves it out rather than change its meaning).

use crate::engine::format;
use crate::engine::list;
use crate::engine::locale::DecimalMark;
use crate::engine::number::{self};
use crate::engine::spec::{Calculator, InputSpec, Kind};
use crate::engine::state::Texts;
use rust_decimal::Decimal;

/// A converted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Converted {
    /// The text in the target format.
    pub text: String,
    /// Part of it is not a number, but would read as one in the target format.
    pub unreadable: bool,
}

/// `value` as typed in `mark`'s format, without grouping: `1234.5` or `1234,5`.
pub fn localized(value: Decimal, mark: DecimalMark) -> String {
    let plain = format::plain(value);
    match mark {
        DecimalMark::Dot => plain,
        DecimalMark::Comma => plain.replace('.', ","),
    }
}

/// One number typed in `from`'s format, in `to`'s.
pub fn number(text: &str, from: DecimalMark, to: DecimalMark) -> Converted {
    match number::parse(text, from) {
        Ok(parsed) => Converted {
            text: localized(parsed.value, to),
            unreadable: false,
        },
        Err(_) => Converted {
            text: text.to_owned(),
            unreadable: from != to && number::parse(text, to).is_ok(),
        },
    }
}

/// One entry of a list (`7`, `2,5`, `9*120`) in `to`'s format, or `None` when it is not a
/// number in `from`'s.
fn entry(token: &str, from: DecimalMark, to: DecimalMark) -> Option<String> {
    let (value, repeat) = match token.split_once('*').or_else(|| token.split_once('×')) {
        Some((value, count)) => (value, Some(count)),
        None => (token, None),
    };
    let parsed = number::parse(value.trim_matches('"'), from).ok()?;
    if parsed.percent || parsed.currency {
        return None;
    }
    let value = localized(parsed.value, to);
    Some(match repeat {
        Some(count) => format!("{value}*{}", count.trim()),
        None => value,
    })
}

/// A list typed in `from`'s format, in `to`'s: each number converted in place, the
/// separators kept (a comma between entries becomes `;` for the decimal-comma format, where a
/// comma is a decimal mark), a header line kept as it is.
pub fn list(text: &str, from: DecimalMark, to: DecimalMark) -> Converted {
    let body_at = list::header_end(text, from);
    let (head, body) = text.split_at(body_at.min(text.len()));
    let mut out = String::with_capacity(text.len());
    out.push_str(head);
    let mut unreadable = false;
    let mut at = 0_usize;
    for token in list::tokens(body, from) {
        let start = (token.as_ptr() as usize).saturating_sub(body.as_ptr() as usize);
        let gap = body.get(at..start).unwrap_or_default();
        if to == DecimalMark::Comma && from == DecimalMark::Dot {
            out.push_str(&gap.replace(',', ";"));
        } else {
            out.push_str(gap);
        }
        match entry(token, from, to) {
            Some(converted) => out.push_str(&converted),
            None => {
                // Kept as typed: refused in either format, unless `to` would read it (or
                // split it into numbers).
                let splits = to == DecimalMark::Dot && token.contains(',');
                unreadable |= from != to && (splits || entry(token, to, to).is_some());
                out.push_str(token);
            }
        }
        at = start.saturating_add(token.len());
    }
    out.push_str(body.get(at..).unwrap_or_default());
    Converted {
        text: out,
        unreadable,
    }
}

/// One input's text in `to`'s format (as typed when the formats are the same).
pub fn input(spec: &InputSpec, text: &str, from: DecimalMark, to: DecimalMark) -> Converted {
    if from == to && !matches!(spec.kind, Kind::Number { .. }) {
        return Converted {
            text: text.to_owned(),
            unreadable: false,
        };
    }
    match spec.kind {
        Kind::Number { .. } => number(text, from, to),
        Kind::List { .. } => list(text, from, to),
        // Whole counts (written without thousands separators) read alike in both formats.
        Kind::Choice(_) | Kind::Groups | Kind::File | Kind::Text(_) => Converted {
            text: text.to_owned(),
            unreadable: false,
        },
    }
}

/// Every text of `calc`'s form in `to`'s format (texts of unknown ids are kept).
pub fn texts(calc: &Calculator, texts: &Texts, from: DecimalMark, to: DecimalMark) -> Texts {
    if from == to {
        return texts.clone();
    }
    texts
        .iter()
        .map(|(id, text)| {
            let converted = match calc.input(id) {
                Some(spec) => input(spec, text, from, to).text,
                None => text.clone(),
            };
            (id.clone(), converted)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecimalMark::{Comma, Dot};

    #[test]
    fn numbers_change_format_not_value() {
        assert_eq!(number("1.200", Comma, Dot).text, "1200");
        assert_eq!(number("2,5", Comma, Dot).text, "2.5");
        assert_eq!(number("€1.234,50", Comma, Dot).text, "1234.5");
        assert_eq!(number("1,200", Dot, Comma).text, "1200");
        assert_eq!(number("2.5", Dot, Comma).text, "2,5");
        assert_eq!(number("12%", Dot, Dot).text, "12");
        // Not a number: kept; "1.5" typed with a decimal comma is refused there but would be
        // 1.5 with a dot, so it can't travel.
        let odd = number("1.5", Comma, Dot);
        assert_eq!((odd.text.as_str(), odd.unreadable), ("1.5", true));
        assert!(!number("abc", Comma, Dot).unreadable);
    }

    #[test]
    fn lists_keep_their_shape() {
        assert_eq!(list("2,5;3\n4,25", Comma, Dot).text, "2.5;3\n4.25");
        assert_eq!(list("9,10,7", Dot, Comma).text, "9;10;7");
        assert_eq!(list("Score\n1,5\n2", Dot, Comma).text, "Score\n1;5\n2");
        assert_eq!(list("9*120, 10*30", Dot, Comma).text, "9*120; 10*30");
        assert_eq!(list("2,5*3", Comma, Dot).text, "2.5*3");
        let bad = list("1,2,3 7", Comma, Dot);
        assert!(bad.unreadable, "{bad:?}");
        let kept = list("7 x 9", Dot, Comma);
        assert_eq!((kept.text.as_str(), kept.unreadable), ("7 x 9", false));
    }
}
