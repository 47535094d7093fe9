//! A calculator's state as text: the shareable query string (`?calc=nps&promoters=70…`) and
//! the versioned form kept in localStorage. Both are the same `key=value&…` encoding, so one
//! parser serves both; the UI only reads `location.search` and calls `history.replaceState`.

use crate::engine::spec::Calculator;

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

/// The version of the stored form; a stored value of any other version is ignored.
pub const STORAGE_VERSION: &str = "1";

/// Values longer than this stay out of links (a browser's URL has limits; a link with a
/// megabyte of scores helps nobody). The page then says so.
pub const MAX_LINK_VALUE_CHARS: usize = 4_000;

/// What a query string asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    /// `calc=`: the calculator id, as given.
    pub calc: Option<String>,
    /// The other pairs, decoded, in order.
    pub pairs: Vec<(String, String)>,
    /// `embed=1`.
    pub embed: bool,
    /// `theme=light|dark|auto`.
    pub theme: Option<String>,
    /// `skip_invalid=1`: compute lists from their valid entries.
    pub skip_invalid: bool,
}

/// Keys of a link that are not inputs.
const RESERVED: &[&str] = &["calc", "embed", "theme", "skip_invalid", "v"];

/// Reads a query string (with or without the leading `?`).
pub fn read_link(query: &str) -> Link {
    let mut link = Link::default();
    for (key, value) in decode_pairs(query) {
        match key.as_str() {
            "calc" => link.calc = Some(value),
            "embed" => link.embed = value == "1" || value == "true",
            "theme" => link.theme = Some(value),
            "skip_invalid" => link.skip_invalid = value == "1",
            _ => link.pairs.push((key, value)),
        }
    }
    link
}

/// What a link gives for one calculator: the texts of its own inputs, and the keys it did not
/// know (shown as a notice, never an error that stops the app).
pub fn inputs_from_link(calc: &Calculator, link: &Link) -> (Texts, Vec<String>) {
    let mut texts = Texts::new();
    let mut unknown = Vec::new();
    for (key, value) in &link.pairs {
        if calc.input(key).is_some() {
            texts.insert(key.clone(), value.clone());
        } else if !RESERVED.contains(&key.as_str()) {
            unknown.push(key.clone());
        }
    }
    (texts, unknown)
}

/// The texts a calculator starts with: every default, visible in its field.
pub fn defaults(calc: &Calculator) -> Texts {
    calc.inputs
        .iter()
        .filter_map(|i| i.default.map(|d| (i.id.to_owned(), d.to_owned())))
        .collect()
}

/// The query string for a calculator's state (without `?`), and the inputs left out for their
/// length. Inputs are written in form order; blank ones and defaults are left out.
pub fn to_query(
    calc: &Calculator,
    texts: &Texts,
    skip_invalid: bool,
) -> (String, Vec<&'static str>) {
    let mut pairs = vec![("calc", calc.id.to_owned())];
    let mut left_out = Vec::new();
    for spec in calc.inputs {
        let Some(text) = texts
            .get(spec.id)
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        else {
            continue;
        };
        if spec.default == Some(text) {
            continue;
        }
        if text.len() > MAX_LINK_VALUE_CHARS {
            left_out.push(spec.id);
            continue;
        }
        pairs.push((spec.id, text.to_owned()));
    }
    if skip_invalid {
        pairs.push(("skip_invalid", "1".to_owned()));
    }
    (encode_pairs(&pairs), left_out)
}

/// The stored form of a calculator's texts: `v=1&…`, every non-blank input.
pub fn to_storage(texts: &Texts, skip_invalid: bool) -> String {
    let mut pairs: Vec<(&str, &str)> = vec![("v", STORAGE_VERSION)];
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
                "Inputs saved by an older version of cs-metrics were ignored."
            }
            StoredError::Corrupt => {
                "Saved inputs for this calculator couldn't be read and were ignored."
            }
        }
    }
}

/// Reads a stored value for `calc`: its texts and the skip flag; unknown keys are dropped.
pub fn from_storage(calc: &Calculator, stored: &str) -> Result<(Texts, bool), StoredError> {
    if !stored.starts_with("v=") {
        return Err(StoredError::Corrupt);
    }
    let link = read_link(stored);
    let version = decode_pairs(stored)
        .into_iter()
        .find(|(k, _)| k == "v")
        .map(|(_, v)| v);
    if version.as_deref() != Some(STORAGE_VERSION) {
        return Err(StoredError::OldVersion);
    }
    let (texts, _) = inputs_from_link(calc, &link);
    Ok((texts, link.skip_invalid))
}

/// Percent-encodes `key=value` pairs. Commas stay readable (`scores=0,7,9`).
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
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b',') {
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

    fn nps() -> &'static Calculator {
        catalogue::find("nps").unwrap()
    }

    #[test]
    fn reads_the_links_of_metrics_md() {
        let link = read_link("?calc=nps&promoters=70&passives=20&detractors=10");
        assert_eq!(link.calc.as_deref(), Some("nps"));
        let (texts, unknown) = inputs_from_link(nps(), &link);
        assert_eq!(texts.get("promoters").map(String::as_str), Some("70"));
        assert!(unknown.is_empty());
        let link = read_link("calc=nps&scores=0,7,9&embed=1&theme=dark&bogus=1");
        assert!(link.embed);
        assert_eq!(link.theme.as_deref(), Some("dark"));
        let (texts, unknown) = inputs_from_link(nps(), &link);
        assert_eq!(texts.get("scores").map(String::as_str), Some("0,7,9"));
        assert_eq!(unknown, vec!["bogus".to_owned()]);
    }

    #[test]
    fn queries_round_trip() {
        let mut texts = defaults(nps());
        texts.insert("scores".into(), "9\n10 & <script>\n7".into());
        texts.insert("target_nps".into(), "−5".into());
        let (query, left_out) = to_query(nps(), &texts, true);
        assert!(left_out.is_empty());
        assert!(query.starts_with("calc=nps&scores=9%0A10%20%26%20%3Cscript%3E%0A7&target_nps="));
        let link = read_link(&query);
        let (back, _) = inputs_from_link(nps(), &link);
        assert_eq!(back.get("scores"), texts.get("scores"));
        assert_eq!(back.get("target_nps"), texts.get("target_nps"));
        assert!(link.skip_invalid);
    }

    #[test]
    fn long_lists_stay_out_of_links() {
        let mut texts = Texts::new();
        texts.insert("scores".into(), "9,".repeat(3000));
        let (query, left_out) = to_query(nps(), &texts, false);
        assert_eq!(query, "calc=nps");
        assert_eq!(left_out, vec!["scores"]);
    }

    #[test]
    fn defaults_are_not_repeated_in_links() {
        let csat = catalogue::find("csat").unwrap();
        let (query, _) = to_query(csat, &defaults(csat), false);
        assert_eq!(query, "calc=csat");
    }

    #[test]
    fn storage_is_versioned_and_tolerant() {
        let mut texts = Texts::new();
        texts.insert("promoters".into(), "70".into());
        let stored = to_storage(&texts, false);
        assert_eq!(stored, "v=1&promoters=70");
        assert_eq!(from_storage(nps(), &stored), Ok((texts, false)));
        assert_eq!(
            from_storage(nps(), "v=0&promoters=1"),
            Err(StoredError::OldVersion)
        );
        assert_eq!(
            from_storage(nps(), "{\"json\":true}"),
            Err(StoredError::Corrupt)
        );
        assert_eq!(from_storage(nps(), ""), Err(StoredError::Corrupt));
    }

    #[test]
    fn storage_escapes_only_the_pair_syntax() {
        let mut texts = Texts::new();
        texts.insert("scores".into(), "9\n10 & 7=x+50 %\n−1 ✓".into());
        let stored = to_storage(&texts, true);
        assert_eq!(
            stored,
            "v=1&scores=9\n10 %26 7%3Dx%2B50 %25\n−1 ✓&skip_invalid=1"
        );
        assert_eq!(from_storage(nps(), &stored), Ok((texts.clone(), true)));
        // What earlier builds stored, fully percent-encoded, still reads back.
        let old =
            "v=1&scores=9%0A10%20%26%207%3Dx%2B50%20%25%0A%E2%88%921%20%E2%9C%93&skip_invalid=1";
        assert_eq!(from_storage(nps(), old), Ok((texts, true)));
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
