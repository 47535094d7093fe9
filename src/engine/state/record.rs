//! What the browser keeps for one calculator: its figures as typed, with the number format they
//! were typed in (`v=3&mark=comma&…`, later scenarios as `b.…` like links), and the link this
//! app last put in the address bar for it (so a reload of that link resumes the newer saved
//! figures, while someone else's link wins).

use crate::engine::convert;
use crate::engine::locale::DecimalMark;
use crate::engine::spec::Calculator;
use crate::engine::state::link::read_link;
use crate::engine::state::pairs::{decode_pairs, escape_stored_into, join_pairs};
use crate::engine::state::sheet::{prefixed, split_key, Scenario, Sheet};
use crate::engine::state::Texts;

/// The version of the stored record: figures as typed with their number format, scenarios.
/// Version 2 had one set of figures; version 1 had no format either (read in the current one).
pub const RECORD_VERSION: &str = "3";

/// The stored form of a sheet typed in `mark`'s format: every non-blank input of A, then each
/// later scenario's inputs that differ from A (a blank included) and its name.
pub fn to_record(sheet: &Sheet, mark: DecimalMark) -> String {
    let mut pairs: Vec<(String, String)> = vec![
        ("v".into(), RECORD_VERSION.into()),
        ("mark".into(), mark.id().into()),
    ];
    let base = &sheet.base().texts;
    pairs.extend(
        base.iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(k, t)| (k.clone(), t.clone())),
    );
    for (at, scenario) in sheet.scenarios().iter().enumerate().skip(1) {
        pairs.push((
            prefixed(at, "name"),
            scenario.name.clone().unwrap_or_default(),
        ));
        for (key, text) in scenario.texts.iter() {
            if base.get(key) != Some(text) {
                pairs.push((prefixed(at, key), text.clone()));
            }
        }
        for (key, _) in base.iter() {
            if scenario.texts.get(key).is_none() {
                pairs.push((prefixed(at, key), String::new()));
            }
        }
    }
    if sheet.skip_invalid {
        pairs.push(("skip_invalid".into(), "1".into()));
    }
    join_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        escape_stored_into,
    )
}

/// Why a stored value was ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoredError {
    /// Written by another version of the app.
    OldVersion,
    /// Not in the stored form at all.
    Corrupt,
}

impl StoredError {
    /// The notice shown.
    pub fn message(self) -> &'static str {
        match self {
            StoredError::OldVersion => {
                "Inputs saved by another version of cs-metrics were ignored."
            }
            StoredError::Corrupt => {
                "Saved inputs for this calculator couldn't be read and were ignored."
            }
        }
    }
}

/// Reads a stored record for `calc` into the current format `mark` (converted, never re-read,
/// when it was typed in the other). Unknown keys are dropped. Records of versions 1 and 2
/// still read: one scenario, version 1 in the current format.
pub fn from_record(
    calc: &Calculator,
    stored: &str,
    mark: DecimalMark,
) -> Result<Sheet, StoredError> {
    if !stored.starts_with("v=") {
        return Err(StoredError::Corrupt);
    }
    let pairs = decode_pairs(stored);
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let typed_in = match get("v") {
        Some("1") => mark,
        Some("2" | "3") => get("mark")
            .and_then(DecimalMark::from_id)
            .ok_or(StoredError::Corrupt)?,
        _ => return Err(StoredError::OldVersion),
    };
    let scenarios = get("v") == Some("3");
    let mut own: Vec<(Option<String>, Texts)> = vec![(None, Texts::new())];
    for (key, value) in &pairs {
        let (at, id) = if scenarios {
            split_key(key)
        } else {
            (0, key.as_str())
        };
        while own.len() <= at {
            own.push((None, Texts::new()));
        }
        let Some(slot) = own.get_mut(at) else {
            continue;
        };
        if at > 0 && id == "name" {
            slot.0 = Some(value.clone()).filter(|n| !n.is_empty());
            continue;
        }
        if let Some(spec) = calc.input(id) {
            let text = if typed_in == mark {
                value.clone()
            } else {
                convert::input(spec, value, typed_in, mark).text
            };
            slot.1.insert(id.to_owned(), text);
        }
    }
    let mut own = own.into_iter();
    let base = own.next().map(|(_, t)| t).unwrap_or_default();
    let mut sheet = Sheet::single(base.clone(), get("skip_invalid") == Some("1"));
    for (name, texts) in own {
        let mut scenario_texts = base.clone();
        scenario_texts.extend(texts);
        sheet.push(Scenario {
            name,
            texts: scenario_texts,
        });
    }
    Ok(sheet)
}

/// How long the link before the last one still counts as this app's own (ms): a coalesced
/// link write can land while a reload of the previous link is under way, and the time runs
/// until the reloaded page reads its storage. One second was too short on a loaded machine
/// (the browser suite beside its own build: the reload took longer, the older link won and
/// the last keystrokes were lost). Reopening the replaced link on purpose within these
/// seconds resumes the newer figures instead, which loses nothing.
pub const SUPERSEDED_GRACE_MS: u64 = 5_000;

/// The remembered-link record after this app puts `query` in the address bar at `now_ms`:
/// `latest \n replaced \n when` (queries are percent-encoded, so newlines separate them).
/// `None` when `query` is already the latest (nothing to write).
pub fn remember(previous: Option<&str>, query: &str, now_ms: u64) -> Option<String> {
    let latest = previous.and_then(|p| p.lines().next()).unwrap_or_default();
    (latest != query).then(|| format!("{query}\n{latest}\n{now_ms}"))
}

/// Whether `query` is the link this app itself last wrote (per the remembered-link record
/// `written`), or the one it replaced less than a second before `now_ms`: then the saved
/// figures are at least as new as the link. Compared as links (the same pairs).
pub fn is_own(written: Option<&str>, query: &str, now_ms: u64) -> bool {
    let Some(written) = written else {
        return false;
    };
    let link = read_link(query);
    let mut parts = written.lines();
    let latest = parts.next().unwrap_or_default();
    let replaced = parts.next().unwrap_or_default();
    let replaced_at: u64 = parts.next().and_then(|t| t.parse().ok()).unwrap_or(0);
    read_link(latest) == link
        || (now_ms.saturating_sub(replaced_at) < SUPERSEDED_GRACE_MS
            && !replaced.is_empty()
            && read_link(replaced) == link)
}
