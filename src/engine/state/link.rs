//! The shareable link: `?calc=nps&v=2&promoters=70…`. Numbers in it are canonical (a decimal
//! dot, no grouping, no currency) so every reader reads them alike whatever their settings;
//! a long list travels as its counts; what can't travel is named (`left_out=`); scenarios
//! after A carry only what differs from A (`b.cac=15000&b.name=Raise%20prices`).

use crate::engine::convert;
use crate::engine::evaluate::{entry_rule, Evaluation};
use crate::engine::format;
use crate::engine::list;
use crate::engine::locale::DecimalMark;
use crate::engine::number;
use crate::engine::spec::{Calculator, InputSpec, Kind};
use crate::engine::state::pairs::{decode_pairs, encode_pairs};
use crate::engine::state::sheet::{prefixed, split_key, Scenario, Sheet};
use crate::engine::state::Texts;

/// The version of links this app writes: `v=2`, canonical numbers. A link without `v` comes
/// from the first release, which wrote numbers as the sender typed them.
pub const LINK_VERSION: &str = "2";

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
    /// `show=a,b`: in an embed, the secondary figures shown up front.
    pub show: Option<Vec<String>>,
    /// `seek=<result>&target=<number>&vary=<input>`: a goal seek to show.
    pub seek: Option<SeekLink>,
}

/// A goal seek in a link: what input `vary` would have to be for result `result` to reach
/// `target` (a number written with a dot, as every number of a link).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeekLink {
    /// `seek=`: the result id.
    pub result: String,
    /// `target=`: the value to reach.
    pub target: String,
    /// `vary=`: the input id.
    pub vary: String,
}

impl SeekLink {
    /// The link's pairs for it, to append to a calculator's query.
    pub fn query(&self) -> String {
        super::encode_pairs(&[
            ("seek", self.result.clone()),
            ("target", self.target.clone()),
            ("vary", self.vary.clone()),
        ])
    }
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
    "show",
    "seek",
    "target",
    "vary",
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
            "show" => {
                link.show = Some(
                    value
                        .split(',')
                        .filter(|v| !v.is_empty())
                        .map(str::to_owned)
                        .collect(),
                )
            }
            "seek" => link.seek.get_or_insert_with(SeekLink::default).result = value,
            "target" => link.seek.get_or_insert_with(SeekLink::default).target = value,
            "vary" => link.seek.get_or_insert_with(SeekLink::default).vary = value,
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
    /// Its scenarios: A's texts (defaults under what the link gives), then each later
    /// scenario's (A's with its own differences), in the reader's number format.
    pub sheet: Sheet,
    /// Whether the link held any figure (or named one it left out).
    pub has_figures: bool,
    /// Sentences for the reader: values left blank because they could mean two things, inputs
    /// the sender's link left out, keys no input of this calculator has.
    pub notices: Vec<String>,
}

/// The figures a link gives `calc`, for a reader typing in `mark`'s format, over `defaults`.
/// A current link's numbers are canonical. A first-release link's were written as typed: a
/// value both formats read alike (`120`, `0.5`, `2,5`) is taken; one they read differently
/// (`1.200`: 1.2 or 1,200) is left blank with a notice naming it: never a guess.
pub fn inputs_from_link(
    calc: &Calculator,
    link: &Link,
    defaults: &Texts,
    mark: DecimalMark,
) -> FromLink {
    let mut out = FromLink::default();
    let mut unknown = Vec::new();
    let mut ambiguous = Vec::new();
    let canonical = link.version.is_some();
    // Per scenario: its name and its own texts, read from the link.
    let mut own: Vec<(Option<String>, Texts)> = vec![(None, Texts::new())];
    for (key, value) in &link.pairs {
        let (at, id) = split_key(key);
        while own.len() <= at {
            own.push((None, Texts::new()));
        }
        let Some(slot) = own.get_mut(at) else {
            continue;
        };
        if at > 0 && id == "name" {
            slot.0 = Some(value.clone()).filter(|n| !n.trim().is_empty());
            continue;
        }
        let Some(spec) = calc.input(id) else {
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
            Some(from) => slot
                .1
                .insert(id.to_owned(), convert::input(spec, value, from, mark).text),
            None => ambiguous.push(format!(
                "{} (“{}”)",
                spec.label,
                crate::engine::error::shorten(value)
            )),
        }
    }
    out.has_figures = own.iter().any(|(n, t)| n.is_some() || !t.is_empty())
        || own.len() > 1
        || !link.left_out.is_empty();
    let mut base = defaults.clone();
    if let Some((_, texts)) = own.first() {
        base.extend(texts.clone());
    }
    out.sheet = Sheet::single(base.clone(), link.skip_invalid);
    for (name, texts) in own.into_iter().skip(1) {
        let mut scenario_texts = base.clone();
        scenario_texts.extend(texts);
        out.sheet.push(Scenario {
            name,
            texts: scenario_texts,
        });
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
        .filter_map(|id| calc.input(split_key(id).1).map(|i| i.label))
        .collect();
    if !left_out.is_empty() {
        let them = if left_out.len() == 1 { "it" } else { "them" };
        out.notices.push(format!(
            "Whoever made this link had {} too, but a link couldn't carry {them}: the results \
             below are without {them}. Ask them for the figures or the file.",
            left_out.join(", "),
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
            let Some(rule) = entry_rule(spec, |_| None) else {
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
        Kind::Choice(_) | Kind::Groups | Kind::File | Kind::Text(_) => Some(Dot),
    }
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

/// The link for `calc` holding `sheet`, whose texts are typed in `mark`'s format: canonical
/// numbers in form order, blanks and defaults left out; each later scenario with only the
/// inputs that differ from A and its name. A list too long for a link travels as its counts
/// (`9*120,10*30`: the same results) when `evaluations` (one per scenario, A first) have
/// them; what can't travel is named in `left_out=` so its reader is told.
pub fn to_query(
    calc: &'static Calculator,
    sheet: &Sheet,
    mark: DecimalMark,
    evaluations: &[&Evaluation],
) -> Query {
    let mut pairs = vec![
        ("calc".to_owned(), calc.id.to_owned()),
        ("v".to_owned(), LINK_VERSION.to_owned()),
    ];
    let mut left_out: Vec<(&'static InputSpec, Omission)> = Vec::new();
    let mut left_keys = Vec::new();
    let base = &sheet.base().texts;
    for (at, scenario) in sheet.scenarios().iter().enumerate() {
        let evaluation = evaluations.get(at).copied();
        let mut wrote_any = false;
        for spec in calc.inputs {
            let text = scenario
                .texts
                .get(spec.id)
                .map(|t| t.trim())
                .unwrap_or_default();
            if at > 0 {
                // Later scenarios: only what differs from A (blank included).
                let in_base = base.get(spec.id).map(|t| t.trim()).unwrap_or_default();
                if text == in_base {
                    continue;
                }
            } else if text.is_empty() {
                continue;
            }
            let converted = convert::input(spec, text, mark, DecimalMark::Dot);
            if at == 0 && spec.default == Some(converted.text.as_str()) {
                continue;
            }
            let value = if converted.unreadable {
                Err(Omission::Unreadable)
            } else if converted.text.len() <= MAX_LINK_VALUE_CHARS {
                Ok(converted.text)
            } else {
                counted(spec, sheet.skip_invalid, evaluation)
            };
            match value {
                Ok(v) => {
                    pairs.push((prefixed(at, spec.id), v));
                    wrote_any = true;
                }
                Err(why) => {
                    if !left_out.iter().any(|(s, _)| s.id == spec.id) {
                        left_out.push((spec, why));
                    }
                    left_keys.push(prefixed(at, spec.id));
                }
            }
        }
        if at > 0 && (scenario.name.is_some() || !wrote_any) {
            pairs.push((
                prefixed(at, "name"),
                scenario.name.clone().unwrap_or_default(),
            ));
        }
    }
    if sheet.skip_invalid {
        pairs.push(("skip_invalid".to_owned(), "1".to_owned()));
    }
    if !left_keys.is_empty() {
        pairs.push(("left_out".to_owned(), left_keys.join(",")));
    }
    let refs: Vec<(&str, String)> = pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    Query {
        text: encode_pairs(&refs),
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
