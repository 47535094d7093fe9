//! Which figures a calculator opens with: a pure rule over what the page found (its address,
//! the stored record, the remembered link, the time), so every case has a native test with a
//! fake clock instead of a race in a browser.
//!
//! A link is a whole state: it wins, and saved figures are not mixed in. Saved figures win
//! over a link this app itself last wrote for the calculator (or replaced less than a second
//! ago): they are newer (a reload right after typing, the link being written at most every
//! 200 ms) and keep what links leave out (a pasted list too long for a link).

use crate::engine::locale::DecimalMark;
use crate::engine::spec::Calculator;
use crate::engine::state::link::{inputs_from_link, read_link, SeekLink};
use crate::engine::state::record::{from_record, is_own};
use crate::engine::state::sheet::Sheet;
use crate::engine::state::Texts;

/// What the page found when a calculator opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found<'a> {
    /// The page's query string.
    pub query: &'a str,
    /// The stored record: `Ok(None)` when nothing is stored, `Err` when storage can't be used.
    pub record: Result<Option<&'a str>, StorageUnavailable>,
    /// The remembered-link record, if any.
    pub written: Option<&'a str>,
    /// Wall-clock milliseconds.
    pub now_ms: u64,
    /// The page is an embed: not keeping figures is normal there, so nothing is said of it.
    pub embed: bool,
}

/// Storage can't be read at all (disabled, or blocked in a third-party frame).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StorageUnavailable;

/// Where the figures came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Nothing: the defaults.
    Defaults,
    /// The link in the address bar.
    Link,
    /// The saved record.
    Saved,
}

/// The figures a calculator opens with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Start {
    /// Its scenarios, in the reader's number format, over the defaults.
    pub sheet: Sheet,
    /// Where they came from.
    pub source: Source,
    /// Sentences to show above the calculator.
    pub notices: Vec<String>,
    /// A stored record that could not be read and should be removed.
    pub discard_record: bool,
    /// The goal seek the address asks for, whichever figures win (the address keeps it).
    pub seek: Option<SeekLink>,
}

/// What saving says when storage can't be used.
pub const NO_STORAGE: &str =
    "This browser doesn't allow saving, so your inputs won't be kept after a reload.";

/// The starting figures of `calc` from what the page found, for a reader typing in `mark`.
pub fn start(calc: &Calculator, found: &Found<'_>, mark: DecimalMark) -> Start {
    let defaults = defaults(calc);
    let link = read_link(found.query);
    let seek = link.seek.clone();
    let mut notices = Vec::new();
    let mut discard_record = false;
    let saved = match found.record {
        Ok(Some(stored)) => match from_record(calc, stored, mark) {
            Ok(sheet) => Some(sheet),
            Err(e) => {
                notices.push(e.message().to_owned());
                discard_record = true;
                None
            }
        },
        Ok(None) => None,
        Err(StorageUnavailable) => {
            if !found.embed {
                notices.push(NO_STORAGE.to_owned());
            }
            None
        }
    };
    let resume = saved.is_some() && is_own(found.written, found.query, found.now_ms);
    if link.calc.as_deref() == Some(calc.id) && !resume {
        let from_link = inputs_from_link(calc, &link, &defaults, mark);
        if from_link.has_figures {
            notices.extend(from_link.notices);
            return Start {
                sheet: from_link.sheet,
                source: Source::Link,
                notices,
                discard_record,
                seek,
            };
        }
        notices.extend(from_link.notices);
    }
    match saved {
        Some(mut sheet) => {
            // Defaults under what was saved, for every scenario.
            for at in 0..sheet.scenarios().len() {
                if let Some(scenario) = sheet.get_mut(at) {
                    let mut texts = defaults.clone();
                    texts.extend(std::mem::take(&mut scenario.texts));
                    scenario.texts = texts;
                }
            }
            Start {
                sheet,
                source: Source::Saved,
                notices,
                discard_record,
                seek,
            }
        }
        None => Start {
            sheet: Sheet::single(defaults, false),
            source: Source::Defaults,
            notices,
            discard_record,
            seek,
        },
    }
}

/// The texts a calculator starts with: every default, visible in its field.
pub fn defaults(calc: &Calculator) -> Texts {
    calc.inputs
        .iter()
        .filter_map(|i| i.default.map(|d| (i.id.to_owned(), d.to_owned())))
        .collect()
}
