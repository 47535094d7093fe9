//! A calculator's state as text: the shareable query string (`?calc=nps&promoters=70…`) and
//! the versioned form kept in localStorage. Both are the same `key=value&…` encoding, so one
//! parser serves both; the UI only reads `location.search` and calls `history.replaceState`.

use crate::engine::convert;
use crate::engine::evaluate::Evaluation;
use crate::engine::format;
use crate::engine::list;
use crate::engine::number::{self, DecimalMark};
use crate::engine::spec::{Calculator, InputSpec, Kind};

/// The texts in a calculator's fields, by input id, in id order. A calculator has a dozen
/// inputs at most, so this is a small sorted vector: no tree or sort routine in the wasm.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts {
    pairs: Vec<(String, String)>,
}

impl Texts {
    /// No texts.
    pub fn new() -> Self {
        Texts::default()
    }

    /// The text of input `id`.
    pub fn get(&self, id: &str) -> Option<&String> {
        self.pairs.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }

    /// Sets the text of input `id`, replacing any earlier one.
    pub fn insert(&mut self, id: String, text: String) {
        match self.pairs.binary_search_by(|(k, _)| k.cmp(&id)) {
            Ok(at) => {
                if let Some(pair) = self.pairs.get_mut(at) {
                    pair.1 = text;
                }
            }
            Err(at) => self.pairs.insert(at, (id, text)),
        }
    }

    /// Whether there are no texts.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Every (id, text), in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.pairs.iter().map(|(k, v)| (k, v))
    }

    /// Every text, in id order.
    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.pairs.iter().map(|(_, v)| v)
    }
}

impl Extend<(String, String)> for Texts {
    fn extend<I: IntoIterator<Item = (String, String)>>(&mut self, pairs: I) {
        for (id, text) in pairs {
            self.insert(id, text);
        }
    }
}

impl FromIterator<(String, String)> for Texts {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Self {
        let mut texts = Texts::new();
        texts.extend(pairs);
        texts
    }
}

impl IntoIterator for Texts {
    type Item = (String, String);
    type IntoIter = std::vec::IntoIter<(String, String)>;

    fn into_iter(self) -> Self::IntoIter {
        self.pairs.into_iter()
    }
}

/// The version of links this app writes: `v=2`, canonical numbers (a decimal dot, no
/// grouping, no currency) that every reader reads the same whatever their settings. A link
/// without `v` comes from an earlier release, which wrote numbers as the sender typed them.
pub const LINK_VERSION: &str = "2";

/// The version of the stored form: texts as typed, with the number format they were typed in
/// (`v=2&mark=comma&…`). Version 1 had no format; it is read in the current one.
pub const STORAGE_VERSION: &str = "2";

/// Values longer than this stay out of links (a browser's URL has limits; a link with a
/// megabyte of scores helps nobody). A long list travels as its counts (`9*120,10*30`).
pub const MAX_LINK_VALUE_CHARS: usize = 4_000;

/// What a query string asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    /// `calc=`: the calculator id, as given.
    pub calc: Option<String>,
    /// `v=`: the link format's version (`None`: the first release's links).
    pub version: Option<String>,
    /// The other pairs, decoded, in order.
    pub pairs: Vec<(String, String)>,
    /// `embed=1`.
    pub embed: bool,
    /// `theme=light|dark|auto`.
    pub theme: Option<String>,
    /// `skip_invalid=1`: compute lists from their valid entries.
    pub skip_invalid: bool,
    /// `left_out=a,b`: inputs the sender had but the link could not carry.
    pub left_out: Vec<String>,
    /// `measure=1`: an embed the app loads only to measure its height.
    pub measure: bool,
}

/// Keys of a link that are not inputs.
const RESERVED: &[&str] = &[
    "calc",
    "embed",
    "theme",
    "skip_invalid",
    "v",
    "left_out",
    "measure",
];

/// Reads a query string (with or without the leading `?`).
pub fn read_link(query: &str) -> Link {
    let mut link = Link::default();
    for (key, value) in decode_pairs(query) {
        match key.as_str() {
            "calc" => link.calc = Some(value),
            "v" => link.version = Some(value),
            "embed" => link.embed = value == "1" || value == "true",
            "theme" => link.theme = Some(value),
            "skip_invalid" => link.skip_invalid = value == "1",
            "measure" => link.measure = value == "1",
            "left_out" => link.left_out.extend(
                value
                    .split(',')
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned),
            ),
            _ => link.pairs.push((key, value)),
        }
    }
    link
}

/// What a link gives for one calculator.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FromLink {
    /// The texts of its inputs, in the reader's number format.
    pub texts: Texts,
    /// Sentences for the reader: values left blank because they could mean two things, inputs
    /// the sender's link left out, keys no input of this calculator has.
    pub notices: Vec<String>,
}

/// The texts a link gives `calc`, for a reader typing in `mark`'s format. A current link's
/// numbers are canonical. A first-release link's were written as typed: a value both formats
/// read alike (`120`, `0.5`, `2,5`) is taken; one they read differently (`1.200`: 1.2 or
/// 1,200) is left blank with a notice naming it: never a guess.
pub fn inputs_from_link(calc: &Calculator, link: &Link, mark: DecimalMark) -> FromLink {
    let mut out = FromLink::default();
    let mut unknown = Vec::new();
    let mut ambiguous = Vec::new();
    let canonical = link.version.is_some();
    for (key, value) in &link.pairs {
        let Some(spec) = calc.input(key) else {
            if !RESERVED.contains(&key.as_str()) {
                unknown.push(crate::engine::error::shorten(key));
            }
            continue;
        };
        let from = if canonical {
            Some(DecimalMark::Dot)
        } else {
            first_release_mark(spec, value)
        };
        match from {
            Some(from) => out
                .texts
                .insert(key.clone(), convert::input(spec, value, from, mark).text),
            None => ambiguous.push(format!(
                "{} (“{}”)",
                spec.label,
                crate::engine::error::shorten(value)
            )),
        }
    }
    if !ambiguous.is_empty() {
        out.notices.push(format!(
            "This link is from an earlier version of cs-metrics, and {} can be read two ways \
             (a decimal point or a thousands separator), so {} left blank: type the figure \
             that was meant.",
            ambiguous.join(", "),
            if ambiguous.len() == 1 {
                "it was"
            } else {
                "they were"
            }
        ));
    }
    let left_out: Vec<&str> = link
        .left_out
        .iter()
        .filter_map(|id| calc.input(id).map(|i| i.label))
        .collect();
    if !left_out.is_empty() {
        out.notices.push(format!(
            "Whoever made this link had {} too, but a link couldn't carry {}: the results \
             below are without {}. Ask them for the figures or the file.",
            left_out.join(", "),
            if left_out.len() == 1 { "it" } else { "them" },
            if left_out.len() == 1 { "it" } else { "them" },
        ));
    }
    if !unknown.is_empty() {
        out.notices.push(format!(
            "The link had values this calculator doesn't use ({}); they were left out.",
            unknown.join(", ")
        ));
    }
    out
}

/// The format a first-release link's value was typed in: the one format that reads it as a
/// number, or either when both read it alike; `None` when the two read different numbers.
fn first_release_mark(spec: &InputSpec, value: &str) -> Option<DecimalMark> {
    use DecimalMark::{Comma, Dot};
    match spec.kind {
        Kind::Number { .. } => {
            match (
                number::parse(value, Dot).map(|p| p.value),
                number::parse(value, Comma).map(|p| p.value),
            ) {
                (Ok(a), Ok(b)) if a != b => None,
                (Err(_), Ok(_)) => Some(Comma),
                _ => Some(Dot),
            }
        }
        Kind::List { .. } => {
            // The list's own rule (a bound set by another input taken as wide open): 9,10 as
            // one score of 9.10 is refused, so two scores is the only reading.
            let Some(rule) = crate::engine::evaluate::entry_rule(spec, |_| None) else {
                return Some(Dot);
            };
            let (dot, comma) = (
                list::parse(value, Dot, rule),
                list::parse(value, Comma, rule),
            );
            let clean = |l: &list::ParsedList| l.bad_total == 0 && l.count > 0;
            match (clean(&dot), clean(&comma)) {
                (true, true)
                    if (dot.count, &dot.distribution, &dot.values)
                        != (comma.count, &comma.distribution, &comma.values) =>
                {
                    None
                }
                (false, true) => Some(Comma),
                _ => Some(Dot),
            }
        }
        Kind::Choice(_) => Some(Dot),
    }
}

/// The texts a calculator starts with: every default, visible in its field.
pub fn defaults(calc: &Calculator) -> Texts {
    calc.inputs
        .iter()
        .filter_map(|i| i.default.map(|d| (i.id.to_owned(), d.to_owned())))
        .collect()
}

/// Why an input is missing from a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Omission {
    /// Too long, even as counts (a list of thousands of different values).
    TooLong,
    /// Not a number here, but the canonical format would read it as one: carried as typed it
    /// would change meaning.
    Unreadable,
    /// A list with entries that aren't valid, too long to carry as typed.
    Invalid,
}

impl Omission {
    /// Why, in words, after the input's label.
    pub fn reason(self) -> &'static str {
        match self {
            Omission::TooLong => "too long for a link",
            Omission::Unreadable => "not a number in this format",
            Omission::Invalid => "has entries that aren't valid",
        }
    }
}

/// A calculator's state as a link's query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// The query string, without `?`.
    pub text: String,
    /// Inputs the link could not carry, and why (the link names them in `left_out`).
    pub left_out: Vec<(&'static InputSpec, Omission)>,
}

/// The link for `calc` whose fields hold `texts` typed in `mark`'s format: canonical numbers
/// in form order, blanks and defaults left out. A list too long for a link travels as its
/// counts (`9*120,10*30`: the same results) when `evaluation` has them; what can't travel is
/// named in `left_out=` so its reader is told.
pub fn to_query(
    calc: &'static Calculator,
    texts: &Texts,
    mark: DecimalMark,
    skip_invalid: bool,
    evaluation: Option<&Evaluation>,
) -> Query {
    let mut pairs = vec![("calc", calc.id.to_owned()), ("v", LINK_VERSION.to_owned())];
    let mut left_out = Vec::new();
    for spec in calc.inputs {
        let Some(text) = texts
            .get(spec.id)
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        else {
            continue;
        };
        let converted = convert::input(spec, text, mark, DecimalMark::Dot);
        if spec.default == Some(converted.text.as_str()) {
            continue;
        }
        if converted.unreadable {
            left_out.push((spec, Omission::Unreadable));
            continue;
        }
        if converted.text.len() <= MAX_LINK_VALUE_CHARS {
            pairs.push((spec.id, converted.text));
            continue;
        }
        match counted(spec, skip_invalid, evaluation) {
            Ok(counts) => pairs.push((spec.id, counts)),
            Err(why) => left_out.push((spec, why)),
        }
    }
    if skip_invalid {
        pairs.push(("skip_invalid", "1".to_owned()));
    }
    if !left_out.is_empty() {
        let ids: Vec<&str> = left_out.iter().map(|(s, _)| s.id).collect();
        pairs.push(("left_out", ids.join(",")));
    }
    Query {
        text: encode_pairs(&pairs),
        left_out,
    }
}

/// A long list as its counts, `value*count` in canonical numbers, when that is short enough
/// and gives the same results (every entry valid, or invalid ones skipped anyway).
fn counted(
    spec: &InputSpec,
    skip_invalid: bool,
    evaluation: Option<&Evaluation>,
) -> Result<String, Omission> {
    let field = evaluation.and_then(|e| e.field(spec.id));
    if field.is_some_and(|f| f.error.is_some()) && !skip_invalid {
        return Err(Omission::Invalid);
    }
    let distribution = field
        .and_then(|f| f.summary.as_ref())
        .map(|s| &s.distribution)
        .filter(|d| !d.is_empty())
        .ok_or(Omission::TooLong)?;
    let parts: Vec<String> = distribution
        .iter()
        .map(|(value, n)| format!("{}*{n}", format::plain(*value)))
        .collect();
    let text = parts.join(",");
    if text.len() > MAX_LINK_VALUE_CHARS {
        return Err(Omission::TooLong);
    }
    Ok(text)
}

/// The stored form of a calculator's texts: `v=2&mark=dot&…`, every non-blank input as typed,
/// with the format it was typed in.
pub fn to_storage(texts: &Texts, mark: DecimalMark, skip_invalid: bool) -> String {
    let mut pairs: Vec<(&str, &str)> = vec![("v", STORAGE_VERSION), ("mark", mark.id())];
    pairs.extend(
        texts
            .iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(k, t)| (k.as_str(), t.as_str())),
    );
    if skip_invalid {
        pairs.push(("skip_invalid", "1"));
    }
    join_pairs(pairs, escape_stored_into)
}

/// Escapes only what the pair syntax needs (`%`, `&`, `=`, `+`): storage is not a URL, and a
/// pasted list keeps its size instead of tripling it (`\n` → `%0A`), which matters for a
/// 2 MB paste against the browser's storage quota. [`decode_pairs`] reads both forms.
fn escape_stored_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['%', '&', '=', '+']) {
        let (plain, tail) = rest.split_at(at);
        out.push_str(plain);
        let mut chars = tail.chars();
        if let Some(special) = chars.next() {
            // All four are ASCII: one byte.
            push_escaped(out, u8::try_from(u32::from(special)).unwrap_or(b'%'));
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
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

/// Reads a stored value for `calc` into the current format `mark`: its texts and the skip
/// flag; unknown keys are dropped. A version-1 record (no format) is read in `mark`.
pub fn from_storage(
    calc: &Calculator,
    stored: &str,
    mark: DecimalMark,
) -> Result<(Texts, bool), StoredError> {
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
        Some("2") => get("mark")
            .and_then(DecimalMark::from_id)
            .ok_or(StoredError::Corrupt)?,
        _ => return Err(StoredError::OldVersion),
    };
    let mut texts = Texts::new();
    for (key, value) in &pairs {
        if let Some(spec) = calc.input(key) {
            let text = if typed_in == mark {
                value.clone()
            } else {
                convert::input(spec, value, typed_in, mark).text
            };
            texts.insert(key.clone(), text);
        }
    }
    Ok((texts, get("skip_invalid") == Some("1")))
}

/// Percent-encodes `key=value` pairs. Commas and stars stay readable (`scores=0,7,9`,
/// `scores=9*120,10*30`).
pub fn encode_pairs(pairs: &[(&str, String)]) -> String {
    join_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())), encode_into)
}

/// `key=value` pairs joined with `&`, keys and values escaped by `escape`.
fn join_pairs<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    escape: fn(&mut String, &str),
) -> String {
    let mut out = String::new();
    for (i, (key, value)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        escape(&mut out, key);
        out.push('=');
        escape(&mut out, value);
    }
    out
}

fn encode_into(out: &mut String, text: &str) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b',' | b'*') {
            out.push(char::from(byte));
        } else {
            push_escaped(out, byte);
        }
    }
}

/// `%XX` for one byte.
fn push_escaped(out: &mut String, byte: u8) {
    out.push('%');
    out.push(hex_digit(byte >> 4));
    out.push(hex_digit(byte & 0x0f));
}

fn hex_digit(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16)
        .map(|c| c.to_ascii_uppercase())
        .unwrap_or('0')
}

/// Decodes `a=1&b=x%20y` (and `+` as a space); malformed escapes are kept as typed.
pub fn decode_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            (decode(key), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = (b == b'%')
            .then(|| bytes.get(i.saturating_add(1)..i.saturating_add(3)))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (b, escaped) {
            (_, Some(value)) => {
                out.push(value);
                i = i.saturating_add(3);
            }
            (b'+', None) => {
                out.push(b' ');
                i = i.saturating_add(1);
            }
            (other, None) => {
                out.push(other);
                i = i.saturating_add(1);
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalogue;
    use crate::engine::evaluate::{evaluate, ReadOptions};
    use DecimalMark::{Comma, Dot};

    fn calc(id: &str) -> &'static Calculator {
        catalogue::find(id).unwrap()
    }

    fn texts(pairs: &[(&str, &str)]) -> Texts {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn get<'a>(t: &'a Texts, id: &str) -> Option<&'a str> {
        t.get(id).map(String::as_str)
    }

    #[test]
    fn reads_the_links_of_metrics_md() {
        let link = read_link("?calc=nps&promoters=70&passives=20&detractors=10");
        assert_eq!(link.calc.as_deref(), Some("nps"));
        let got = inputs_from_link(calc("nps"), &link, Dot);
        assert_eq!(get(&got.texts, "promoters"), Some("70"));
        assert!(got.notices.is_empty());
        let link = read_link("calc=nps&scores=0,7,9&embed=1&theme=dark&bogus=1");
        assert!(link.embed);
        assert_eq!(link.theme.as_deref(), Some("dark"));
        let got = inputs_from_link(calc("nps"), &link, Dot);
        assert_eq!(get(&got.texts, "scores"), Some("0,7,9"));
        assert!(got.notices.iter().any(|n| n.contains("bogus")));
    }

    /// The sender's format and texts, the link written, what a dot and a comma reader get.
    type LinkCase = (
        DecimalMark,
        &'static [(&'static str, &'static str)],
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static [(&'static str, &'static str)],
    );

    /// One row per case: the sender's format and texts, the link written, and what a reader in
    /// each format gets in their fields.
    #[test]
    fn links_carry_canonical_numbers_both_ways() {
        let rows: &[LinkCase] = &[
            (
                Comma,
                &[
                    ("mode", "arpa"),
                    ("churn_pct", "2,5"),
                    ("cac", "1.200"),
                    ("arpa", "€100"),
                ],
                "calc=ltv-cac&v=2&mode=arpa&arpa=100&churn_pct=2.5&cac=1200",
                &[("churn_pct", "2.5"), ("cac", "1200"), ("arpa", "100")],
                &[("churn_pct", "2,5"), ("cac", "1200"), ("arpa", "100")],
            ),
            (
                Dot,
                &[("ltv", "42,000.50"), ("cac", "$12,000")],
                "calc=ltv-cac&v=2&ltv=42000.5&cac=12000",
                &[("ltv", "42000.5"), ("cac", "12000")],
                &[("ltv", "42000,5"), ("cac", "12000")],
            ),
            (
                Comma,
                &[("mode", "scores"), ("scores", "9;10\n7")],
                "calc=nps&v=2&mode=scores&scores=9%3B10%0A7",
                &[("scores", "9;10\n7")],
                &[("scores", "9;10\n7")],
            ),
            (
                Dot,
                &[("mode", "scores"), ("scores", "9,10,7")],
                "calc=nps&v=2&mode=scores&scores=9,10,7",
                &[("scores", "9,10,7")],
                &[("scores", "9;10;7")],
            ),
        ];
        for (from, typed, want, dot_reader, comma_reader) in rows {
            let calc_id = read_link(want).calc.unwrap();
            let c = calc(&calc_id);
            let query = to_query(c, &texts(typed), *from, false, None);
            assert_eq!(query.text, *want);
            assert!(query.left_out.is_empty());
            let link = read_link(&query.text);
            for (reader, expected) in [(Dot, dot_reader), (Comma, comma_reader)] {
                let got = inputs_from_link(c, &link, reader);
                for (id, text) in expected.iter() {
                    assert_eq!(
                        get(&got.texts, id),
                        Some(*text),
                        "{want} read with {reader:?}"
                    );
                }
                // …and the reader's results are the sender's.
                let sent = evaluate(
                    c,
                    |id| {
                        texts(typed)
                            .get(id)
                            .cloned()
                            .map(|s| Box::leak(s.into_boxed_str()) as &str)
                    },
                    ReadOptions {
                        mark: *from,
                        skip_invalid: false,
                    },
                );
                let read = evaluate(
                    c,
                    |id| {
                        got.texts
                            .get(id)
                            .cloned()
                            .map(|s| Box::leak(s.into_boxed_str()) as &str)
                    },
                    ReadOptions {
                        mark: reader,
                        skip_invalid: false,
                    },
                );
                assert_eq!(sent.results, read.results, "{want} read with {reader:?}");
            }
        }
    }

    #[test]
    fn first_release_links_are_never_guessed() {
        // A comma user's link of the first release: 2,5 can only be 2.5; 1.200 is 1.2 to one
        // reader and 1,200 to the other: blank, with a notice naming it.
        let link = read_link("calc=ltv-cac&mode=arpa&arpa=100&churn_pct=2,5&cac=1.200");
        for reader in [Dot, Comma] {
            let got = inputs_from_link(calc("ltv-cac"), &link, reader);
            let churn = if reader == Dot { "2.5" } else { "2,5" };
            assert_eq!(get(&got.texts, "churn_pct"), Some(churn));
            assert_eq!(get(&got.texts, "cac"), None);
            assert_eq!(get(&got.texts, "arpa"), Some("100"));
            assert!(
                got.notices.iter().any(|n| n.contains("CAC (“1.200”)")),
                "{:?}",
                got.notices
            );
        }
        // 0.5 is refused as grouping in the comma format: 0.5 for both.
        let got = inputs_from_link(calc("ltv"), &read_link("calc=ltv&churn_pct=0.5"), Comma);
        assert_eq!(get(&got.texts, "churn_pct"), Some("0,5"));
        // Lists: 9,10 is two scores to one reader and 9.10 to the other (refused as a score,
        // so the clean reading wins); 2,5 as days is 2 and 5, or 2.5: blank.
        let got = inputs_from_link(calc("nps"), &read_link("calc=nps&scores=9,10"), Comma);
        assert_eq!(get(&got.texts, "scores"), Some("9;10"));
        let got = inputs_from_link(
            calc("time-to-first-value"),
            &read_link("calc=time-to-first-value&days=2,5"),
            Dot,
        );
        assert_eq!(get(&got.texts, "days"), None);
        assert_eq!(got.notices.len(), 1);
    }

    #[test]
    fn long_lists_travel_as_counts_or_are_named() {
        let nps = calc("nps");
        let scores = "9\n10\n7\n3\n8\n".repeat(500); // 2,500 answers
        let typed = texts(&[("mode", "scores"), ("scores", &scores)]);
        let ev = evaluate(
            nps,
            |id| typed.get(id).map(String::as_str),
            ReadOptions::default(),
        );
        let query = to_query(nps, &typed, Dot, false, Some(&ev));
        assert_eq!(
            query.text,
            "calc=nps&v=2&mode=scores&scores=3*500,7*500,8*500,9*500,10*500"
        );
        let got = inputs_from_link(nps, &read_link(&query.text), Dot);
        let read = evaluate(
            nps,
            |id| got.texts.get(id).map(String::as_str),
            ReadOptions::default(),
        );
        assert_eq!(read.results, ev.results);
        // Thousands of different day counts can't travel: named in the link and to its reader.
        let days: Vec<String> = (0..3000).map(|d| d.to_string()).collect();
        let ttfv = calc("time-to-first-value");
        let typed = texts(&[("days", &days.join("\n"))]);
        let ev = evaluate(
            ttfv,
            |id| typed.get(id).map(String::as_str),
            ReadOptions::default(),
        );
        let query = to_query(ttfv, &typed, Dot, false, Some(&ev));
        assert_eq!(query.text, "calc=time-to-first-value&v=2&left_out=days");
        assert_eq!(
            query.left_out.first().map(|(s, w)| (s.id, *w)),
            Some(("days", Omission::TooLong))
        );
        let got = inputs_from_link(ttfv, &read_link(&query.text), Dot);
        assert!(
            got.notices
                .iter()
                .any(|n| n.contains("Days to first value")),
            "{:?}",
            got.notices
        );
        // A text that is not a number here but would be one canonically can't travel.
        let query = to_query(
            calc("arpa"),
            &texts(&[("mrr", "1.5"), ("accounts", "2")]),
            Comma,
            false,
            None,
        );
        assert_eq!(query.text, "calc=arpa&v=2&accounts=2&left_out=mrr");
    }

    #[test]
    fn defaults_are_not_repeated_in_links() {
        let csat = calc("csat");
        assert_eq!(
            to_query(csat, &defaults(csat), Dot, false, None).text,
            "calc=csat&v=2"
        );
    }

    #[test]
    fn storage_is_versioned_keeps_what_was_typed_and_converts_formats() {
        let nps = calc("nps");
        let typed = texts(&[("scores", "9\n10 & 7=x+50 %\n−1 ✓")]);
        let stored = to_storage(&typed, Dot, true);
        assert_eq!(
            stored,
            "v=2&mark=dot&scores=9\n10 %26 7%3Dx%2B50 %25\n−1 ✓&skip_invalid=1"
        );
        assert_eq!(from_storage(nps, &stored, Dot), Ok((typed, true)));
        // Typed with a decimal comma, read after switching to a dot: converted, not re-read.
        let arpa = calc("arpa");
        let stored = to_storage(&texts(&[("mrr", "1.200,5")]), Comma, false);
        let (back, _) = from_storage(arpa, &stored, Dot).unwrap();
        assert_eq!(get(&back, "mrr"), Some("1200.5"));
        // Version 1 (no format): read in the current one; what earlier builds stored, fully
        // percent-encoded, still reads back.
        let (old, skip) =
            from_storage(nps, "v=1&scores=9%0A10%20%26%207&skip_invalid=1", Dot).unwrap();
        assert_eq!((get(&old, "scores"), skip), (Some("9\n10 & 7"), true));
        assert_eq!(
            from_storage(nps, "v=0&promoters=1", Dot),
            Err(StoredError::OldVersion)
        );
        assert_eq!(
            from_storage(nps, "v=2&promoters=1", Dot),
            Err(StoredError::Corrupt)
        );
        assert_eq!(
            from_storage(nps, "{\"json\":true}", Dot),
            Err(StoredError::Corrupt)
        );
        assert_eq!(from_storage(nps, "", Dot), Err(StoredError::Corrupt));
    }

    #[test]
    fn texts_stay_in_id_order_with_one_text_per_id() {
        let texts: Texts = [("b", "2"), ("a", "1"), ("c", "3"), ("b", "4")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let pairs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(pairs, vec![("a", "1"), ("b", "4"), ("c", "3")]);
        assert_eq!(texts.get("b").map(String::as_str), Some("4"));
        assert_eq!(texts.get("d"), None);
    }

    #[test]
    fn decoding_never_fails() {
        let pairs = decode_pairs("a=%ZZ&b=%&c=%e2%88%92&d=x+y&=&e");
        assert_eq!(pairs[0], ("a".into(), "%ZZ".into()));
        assert_eq!(pairs[1], ("b".into(), "%".into()));
        assert_eq!(pairs[2], ("c".into(), "−".into()));
        assert_eq!(pairs[3], ("d".into(), "x y".into()));
    }
}
