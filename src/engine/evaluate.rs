//! From the texts in a calculator's fields to its results: parse and check each visible input,
//! check the relations between inputs, then run the formula. Any field problem is reported on
//! that field and the results wait; nothing here can panic.

use crate::engine::dec::Checked;
use crate::engine::error::{InputError, NumberError, Undefined};
use crate::engine::formula::{Computed, Inputs, Parsed, Value};
use crate::engine::list::{self, EntryRule, ParsedList};
use crate::engine::locale::DecimalMark;
use crate::engine::number::{self, MAX_MAGNITUDE};
use crate::engine::spec::{Bound, Calculator, InputSpec, Kind, Mode, Need, Unit};
use rust_decimal::Decimal;
use std::rc::Rc;

/// How the text in the fields is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The decimal mark in use.
    pub mark: DecimalMark,
    /// Compute from the valid entries of a list and skip the others (off by default: a bad
    /// entry is an error).
    pub skip_invalid: bool,
}

/// A field's state after checking, for the message next to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldState {
    /// The input's id.
    pub id: &'static str,
    /// What is wrong, if anything.
    pub error: Option<InputError>,
    /// A remark that is not an error (a header skipped, entries ignored, entries read).
    pub note: Option<String>,
    /// For a list computed from its valid entries only: how many were ignored.
    pub ignored: usize,
    /// For a list: how many values were read and how often each occurs.
    pub summary: Option<ListSummary>,
    /// For a number: its value as read.
    pub value: Option<Decimal>,
    /// For groups (waves, segments): the groups as read.
    pub groups: Option<std::sync::Arc<Vec<crate::engine::groups::Group>>>,
    /// For a file: its table (its header lists the columns to pick from).
    pub table: Option<std::sync::Arc<crate::engine::csv::import::Table>>,
    /// For a short text: the text as read.
    pub text: Option<std::sync::Arc<str>>,
}

/// What a list holds, in short: for charts and the CSV (never the million values themselves).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListSummary {
    /// How many valid values.
    pub count: usize,
    /// Each distinct value and how often it occurs (see [`ParsedList::distribution`]).
    pub distribution: Vec<(Decimal, usize)>,
}

/// One result, ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultState {
    /// The result's id.
    pub id: &'static str,
    /// Its value and working.
    pub computed: Computed,
}

/// Everything a calculator view needs after one evaluation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    /// The option chosen in each choice (the mode in force, a method…).
    pub mode: Mode,
    /// The visible inputs, in form order.
    pub fields: Vec<FieldState>,
    /// The visible results, in display order.
    pub results: Vec<ResultState>,
    /// Required inputs still blank, in form order (the results wait for them).
    pub missing: Vec<&'static str>,
    /// Mistakes of the definition itself, for the catalogue's tests: input ids the formula
    /// read but the calculator doesn't declare, result ids it set but doesn't declare, and
    /// declared (visible) results it left unset although every input was valid.
    pub definition_slips: Vec<String>,
}

impl Evaluation {
    /// The field with this id.
    pub fn field(&self, id: &str) -> Option<&FieldState> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The result with this id.
    pub fn result(&self, id: &str) -> Option<&ResultState> {
        self.results.iter().find(|r| r.id == id)
    }

    /// Whether every field is valid.
    pub fn is_valid(&self) -> bool {
        self.fields.iter().all(|f| f.error.is_none())
    }
}

/// Parsed lists kept between evaluations, keyed by input and the exact text, so typing in one
/// field does not parse a pasted million scores again.
#[derive(Debug, Default)]
pub struct ListCache {
    entries: Vec<CachedList>,
    /// The last file read, by input and its exact text (a billing export is read once, not
    /// at every change of an option).
    table: Option<(
        &'static str,
        String,
        std::sync::Arc<crate::engine::csv::import::Table>,
    )>,
}

#[derive(Debug)]
struct CachedList {
    id: &'static str,
    text: String,
    mark: DecimalMark,
    rule: EntryRule,
    parsed: Rc<ParsedList>,
}

impl ListCache {
    /// Keeps `table`, read from file input `id`'s `text` ahead of the evaluation that will
    /// show it (a page reads a large export in slices, see [`crate::engine::pace`]).
    pub fn keep_table(
        &mut self,
        id: &'static str,
        text: &str,
        table: std::sync::Arc<crate::engine::csv::import::Table>,
    ) {
        self.table = Some((id, text.to_owned(), table));
    }

    /// File input `id`'s table, from the cache when its text is unchanged.
    fn table(&mut self, id: &'static str, text: &str) -> (Parsed, Option<InputError>) {
        if text.trim().is_empty() {
            return (Parsed::Blank, None);
        }
        if let Some((_, _, t)) = self
            .table
            .as_ref()
            .filter(|(i, cached, _)| *i == id && cached == text)
        {
            return (Parsed::Table(std::sync::Arc::clone(t)), None);
        }
        match crate::engine::late::read_file(text) {
            Some(Ok(t)) => {
                let t = std::sync::Arc::new(t);
                self.table = Some((id, text.to_owned(), std::sync::Arc::clone(&t)));
                (Parsed::Table(t), None)
            }
            Some(Err(message)) => (Parsed::Blank, Some(InputError::File(message))),
            // Only before its part is loaded, which opening the calculator does first.
            None => (
                Parsed::Blank,
                Some(InputError::File("the file is still being read.".to_owned())),
            ),
        }
    }

    /// The parse of `text` for input `id`, from the cache when nothing changed.
    fn parse(
        &mut self,
        id: &'static str,
        text: &str,
        mark: DecimalMark,
        rule: EntryRule,
    ) -> Rc<ParsedList> {
        if let Some(hit) = self
            .entries
            .iter()
            .find(|c| c.id == id && c.mark == mark && c.rule == rule && c.text == text)
        {
            return Rc::clone(&hit.parsed);
        }
        let parsed = Rc::new(list::parse(text, mark, rule));
        self.entries.retain(|c| c.id != id);
        self.entries.push(CachedList {
            id,
            text: text.to_owned(),
            mark,
            rule,
            parsed: Rc::clone(&parsed),
        });
        parsed
    }
}

/// The text of each input by id (`None`: not present). A trait object rather than a generic,
/// so the evaluation is compiled once into the wasm, not once per caller's closure.
pub type TextOf<'r, 'a> = &'r dyn Fn(&str) -> Option<&'a str>;

/// Evaluates `calc` on the texts `raw` gives for each input id (`None`: not present).
pub fn evaluate<'a>(
    calc: &Calculator,
    raw: impl Fn(&str) -> Option<&'a str>,
    options: ReadOptions,
) -> Evaluation {
    evaluate_cached(calc, &raw, options, &mut ListCache::default())
}

/// [`evaluate`], reusing the lists parsed by earlier calls with the same `cache`.
pub fn evaluate_cached(
    calc: &Calculator,
    raw: TextOf<'_, '_>,
    options: ReadOptions,
    cache: &mut ListCache,
) -> Evaluation {
    evaluate_with_formula(calc, raw, options, cache, true)
}

/// The fields as [`evaluate_cached`] reads them, without running the formula (every result
/// waits): what a page reads to work out a long formula's heavy part ahead, in slices (see
/// `calculators::billing::prepare`).
pub fn read_fields(
    calc: &Calculator,
    raw: TextOf<'_, '_>,
    options: ReadOptions,
    cache: &mut ListCache,
) -> Evaluation {
    evaluate_with_formula(calc, raw, options, cache, false)
}

fn evaluate_with_formula(
    calc: &Calculator,
    raw: TextOf<'_, '_>,
    options: ReadOptions,
    cache: &mut ListCache,
    formula: bool,
) -> Evaluation {
    let mode_state = choose_mode(calc, raw);
    let mode = mode_state.mode;
    let choice_error = |id: &str| {
        mode_state
            .errors
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, e)| e.clone())
    };
    let mut inputs = Inputs {
        mode,
        values: Vec::new(),
        declared: calc.inputs,
        unknown: Default::default(),
    };
    let mut fields = Vec::new();
    let mut missing = Vec::new();
    let visible: Vec<&InputSpec> = calc
        .inputs
        .iter()
        .filter(|i| Calculator::shown_in(i.modes, mode))
        .collect();

    // Numbers first: list bounds may refer to them (scores ≤ scale_max).
    for spec in visible
        .iter()
        .filter(|i| !matches!(i.kind, Kind::List { .. }))
    {
        let (parsed, error) = match spec.kind {
            Kind::Choice(_) => (
                mode.of(spec.id)
                    .map(Parsed::Choice)
                    .unwrap_or(Parsed::Blank),
                choice_error(spec.id),
            ),
            Kind::Groups => read_groups(text_or_default(spec, raw), options.mark),
            Kind::File => cache.table(spec.id, text_or_default(spec, raw)),
            Kind::Text(kind) => read_text(kind, text_or_default(spec, raw)),
            _ => read_number(spec, text_or_default(spec, raw), options.mark),
        };
        if parsed == Parsed::Blank && spec.need == Need::Required && error.is_none() {
            missing.push(spec.id);
        }
        fields.push(FieldState {
            id: spec.id,
            error,
            note: None,
            ignored: 0,
            summary: None,
            value: match parsed {
                Parsed::Number(v) => Some(v),
                _ => None,
            },
            groups: match &parsed {
                Parsed::Groups(g) => Some(std::sync::Arc::clone(g)),
                _ => None,
            },
            table: match &parsed {
                Parsed::Table(t) => Some(std::sync::Arc::clone(t)),
                _ => None,
            },
            text: match &parsed {
                Parsed::Text(t) => Some(std::sync::Arc::clone(t)),
                _ => None,
            },
        });
        inputs.values.push((spec.id, (parsed, spec.unit)));
    }
    for spec in visible
        .iter()
        .filter(|i| matches!(i.kind, Kind::List { .. }))
    {
        let (parsed, state) = read_list(spec, text_or_default(spec, raw), &inputs, options, cache);
        if parsed == Parsed::Blank && spec.need == Need::Required && state.error.is_none() {
            missing.push(spec.id);
        }
        fields.push(state);
        inputs.values.push((spec.id, (parsed, spec.unit)));
    }
    check_relations(calc, &inputs, &mut fields);
    // Back into the catalogue's order (numbers were read before lists), by picking rather
    // than sorting: a handful of fields, and no sort routine in the wasm.
    let fields: Vec<FieldState> = calc
        .inputs
        .iter()
        .filter_map(|spec| {
            let at = fields.iter().position(|f| f.id == spec.id)?;
            Some(fields.swap_remove(at))
        })
        .collect();
    let missing: Vec<&'static str> = calc
        .inputs
        .iter()
        .map(|spec| spec.id)
        .filter(|id| missing.contains(id))
        .collect();
    let blocked = !formula || !missing.is_empty() || fields.iter().any(|f| f.error.is_some());
    let outcome = if blocked {
        None
    } else {
        Some((calc.compute)(&inputs))
    };
    let definition_slips = definition_slips(calc, mode, &inputs, outcome.as_ref());
    let results = calc
        .results
        .iter()
        .filter(|r| Calculator::shown_in(r.modes, mode))
        .map(|r| {
            let computed = outcome
                .as_ref()
                .and_then(|o| o.get(r.id))
                .cloned()
                .unwrap_or(Computed {
                    value: Value::Undefined(Undefined::WaitingForInputs),
                    err: Decimal::ZERO,
                    working: None,
                    label: None,
                });
            ResultState { id: r.id, computed }
        })
        .collect();
    Evaluation {
        mode,
        fields,
        results,
        missing,
        definition_slips,
    }
}

/// Mistakes of the definition itself (see [`Evaluation::definition_slips`]); looked for in the
/// native build only, where the catalogue's tests run: the wasm skips the work.
#[cfg(not(target_arch = "wasm32"))]
fn definition_slips(
    calc: &Calculator,
    mode: Mode,
    inputs: &Inputs,
    outcome: Option<&crate::engine::formula::Outcome>,
) -> Vec<String> {
    let mut slips: Vec<String> = inputs
        .unknown()
        .into_iter()
        .map(|id| format!("reads undeclared input {id}"))
        .collect();
    if let Some(outcome) = outcome {
        for id in outcome.ids() {
            if calc.result(id).is_none() {
                slips.push(format!("sets undeclared result {id}"));
            }
        }
        for r in calc
            .results
            .iter()
            .filter(|r| Calculator::shown_in(r.modes, mode))
        {
            if outcome.get(r.id).is_none() {
                slips.push(format!("leaves result {} unset", r.id));
            }
        }
    }
    slips
}

#[cfg(target_arch = "wasm32")]
fn definition_slips(
    _: &Calculator,
    _: Mode,
    _: &Inputs,
    _: Option<&crate::engine::formula::Outcome>,
) -> Vec<String> {
    Vec::new()
}

fn text_or_default<'a>(spec: &InputSpec, raw: TextOf<'_, 'a>) -> &'a str {
    match raw(spec.id) {
        Some(text) if !text.trim().is_empty() => text,
        _ => spec.default.unwrap_or_default(),
    }
}

struct ModeState {
    mode: Mode,
    errors: Vec<(&'static str, InputError)>,
}

/// The option of each choice input: the one given; when none is, the first option whose own
/// inputs were given (`?calc=nps&scores=…` means the scores mode), else the input's default,
/// else its first option.
fn choose_mode(calc: &Calculator, raw: TextOf<'_, '_>) -> ModeState {
    let mut state = ModeState {
        mode: Mode::NONE,
        errors: Vec::new(),
    };
    for spec in calc.choices() {
        let Kind::Choice(choices) = spec.kind else {
            continue;
        };
        let fallback = spec
            .default
            .and_then(|d| choices.iter().find(|c| c.id == d))
            .or(choices.first())
            .map(|c| c.id);
        let chosen = match raw(spec.id).map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => match choices.iter().find(|c| c.id == text) {
                Some(choice) => Some(choice.id),
                None => {
                    state
                        .errors
                        .push((spec.id, InputError::UnknownChoice(text.into())));
                    fallback
                }
            },
            None => choices
                .iter()
                .find(|c| {
                    // A field still holding its default says nothing about the mode.
                    calc.inputs.iter().any(|i| {
                        i.modes.contains(&c.id)
                            && raw(i.id)
                                .map(str::trim)
                                .is_some_and(|t| !t.is_empty() && Some(t) != i.default)
                    })
                })
                .map(|c| c.id)
                .or(fallback),
        };
        if let Some(option) = chosen {
            state.mode = state.mode.with(spec.id, option);
        }
    }
    state
}

/// Reads one number input and checks it against its kind and unit.
pub fn read_number(
    spec: &InputSpec,
    text: &str,
    mark: DecimalMark,
) -> (Parsed, Option<InputError>) {
    if text.trim().is_empty() {
        return (Parsed::Blank, None);
    }
    let parsed = match number::parse(text, mark) {
        Ok(p) => p,
        Err(error) => {
            // Beyond 10^15: a field with its own range says that range, not the global cap.
            let bounded = match (error, spec.kind) {
                (NumberError::TooLarge, Kind::Number { min, max, .. }) => {
                    let negative = text.trim_start().starts_with(['-', '−', '(']);
                    if negative {
                        min.map(|m| InputError::BelowMin(Decimal::from(m)))
                    } else {
                        max.map(|m| InputError::AboveMax(Decimal::from(m)))
                    }
                }
                _ => None,
            };
            let error = bounded.unwrap_or(InputError::Number {
                error,
                text: text.to_owned(),
            });
            return (Parsed::Blank, Some(error));
        }
    };
    let value = parsed.value;
    let error = if parsed.percent && spec.unit != Unit::Percent {
        Some(InputError::PercentNotAllowed)
    } else if parsed.currency && spec.unit != Unit::Money {
        Some(InputError::CurrencyNotAllowed)
    } else if let Kind::Number { min, max, whole } = spec.kind {
        range_error(value, min, max, whole)
    } else {
        None
    };
    match error {
        Some(e) => (Parsed::Blank, Some(e)),
        None => (Parsed::Number(value), None),
    }
}

fn range_error(
    value: Decimal,
    min: Option<i64>,
    max: Option<i64>,
    whole: bool,
) -> Option<InputError> {
    if value.is_sign_negative() && !value.is_zero() && min.is_some_and(|m| m >= 0) {
        return Some(InputError::Negative);
    }
    if whole && !value.fract().is_zero() {
        return Some(InputError::NotWhole);
    }
    if let Some(m) = min.map(Decimal::from).filter(|m| value < *m) {
        return Some(InputError::BelowMin(m));
    }
    if let Some(m) = max.map(Decimal::from).filter(|m| value > *m) {
        return Some(InputError::AboveMax(m));
    }
    None
}

/// The rule each entry of a list input must meet, with bounds that name another input (a
/// scale's maximum) read through `value_of`. `None` for an input that is not a list.
pub fn entry_rule(
    spec: &InputSpec,
    value_of: impl Fn(&str) -> Option<Decimal>,
) -> Option<EntryRule> {
    let Kind::List { min, max, whole } = spec.kind else {
        return None;
    };
    let resolve = |bound: Bound, fallback: Decimal| match bound {
        Bound::Fixed(n) => Decimal::from(n),
        Bound::Input(id) => value_of(id).unwrap_or(fallback),
    };
    Some(EntryRule {
        whole,
        min: resolve(min, -MAX_MAGNITUDE),
        max: resolve(max, MAX_MAGNITUDE),
    })
}

/// [`entry_rule`] with bounds read from the texts of a form (for the CSV import, which fills
/// a list from outside the evaluation).
pub fn entry_rule_from_texts(
    calc: &Calculator,
    spec: &InputSpec,
    raw: TextOf<'_, '_>,
    mark: DecimalMark,
) -> Option<EntryRule> {
    entry_rule(spec, |id| {
        let bound = calc.input(id)?;
        match read_number(bound, text_or_default(bound, raw), mark) {
            (Parsed::Number(v), None) => Some(v),
            _ => None,
        }
    })
}

/// A short text; a month must read as `YYYY-MM`.
fn read_text(kind: crate::engine::spec::TextKind, text: &str) -> (Parsed, Option<InputError>) {
    let t = text.trim();
    if t.is_empty() {
        return (Parsed::Blank, None);
    }
    // The check comes with the part of the calculators that have months (the billing
    // import); before it is installed no such calculator can be open.
    if kind == crate::engine::spec::TextKind::Month
        && crate::engine::late::check_month(t) == Some(false)
    {
        return (Parsed::Blank, Some(InputError::NotAMonth(t.to_owned())));
    }
    (Parsed::Text(t.into()), None)
}

/// A groups input: each line a label and three counts; a bad line is an error naming it.
fn read_groups(text: &str, mark: DecimalMark) -> (Parsed, Option<InputError>) {
    if text.trim().is_empty() {
        return (Parsed::Blank, None);
    }
    // The parser comes with the breakdowns' part, the only one with groups inputs.
    match crate::engine::late::read_groups(text, mark) {
        Some(Ok(groups)) => (Parsed::Groups(std::sync::Arc::new(groups)), None),
        Some(Err((shown, total))) => (Parsed::Blank, Some(InputError::BadLines { shown, total })),
        None => (Parsed::Blank, None),
    }
}

fn read_list(
    spec: &'static InputSpec,
    text: &str,
    known: &Inputs,
    options: ReadOptions,
    cache: &mut ListCache,
) -> (Parsed, FieldState) {
    let blank = FieldState {
        id: spec.id,
        error: None,
        note: None,
        ignored: 0,
        summary: None,
        value: None,
        groups: None,
        table: None,
        text: None,
    };
    let Some(rule) = entry_rule(spec, |id| known.opt(id).and_then(|e| e.value().ok())) else {
        return (Parsed::Blank, blank);
    };
    let parsed = cache.parse(spec.id, text, options.mark, rule);
    let mut notes = Vec::new();
    if let Some(header) = &parsed.header {
        notes.push(format!("Skipped the first line “{header}” as a header."));
    }
    let mut error = None;
    let mut ignored = 0;
    if parsed.bad_total > 0 {
        if options.skip_invalid {
            ignored = parsed.bad_total;
            notes.push(format!(
                "Ignored {} entr{} that {} not valid.",
                parsed.bad_total,
                if parsed.bad_total == 1 { "y" } else { "ies" },
                if parsed.bad_total == 1 { "is" } else { "are" },
            ));
        } else {
            error = Some(InputError::BadEntries {
                shown: parsed.bad.clone(),
                total: parsed.bad_total,
            });
        }
    }
    if parsed.count > 0 {
        let n = parsed.count;
        let shown = crate::engine::format::grouped(Decimal::from(n), 0, false, options.mark);
        notes.push(format!(
            "Read {shown} value{}.",
            if n == 1 { "" } else { "s" }
        ));
    } else if error.is_none() && (parsed.header.is_some() || parsed.bad_total > 0) {
        error = Some(InputError::EmptyList);
    }
    let note = (!notes.is_empty()).then(|| notes.join(" "));
    let summary = (parsed.count > 0).then(|| ListSummary {
        count: parsed.count,
        distribution: parsed.distribution.clone(),
    });
    let value = if parsed.count == 0 {
        Parsed::Blank
    } else {
        Parsed::List(parsed)
    };
    (
        value,
        FieldState {
            id: spec.id,
            error,
            note,
            ignored,
            summary,
            value: None,
            groups: None,
            table: None,
            text: None,
        },
    )
}

/// Checks Σ lhs ≤ Σ rhs for each relation whose inputs are all valid numbers.
fn check_relations(calc: &Calculator, inputs: &Inputs, fields: &mut [FieldState]) {
    for relation in calc.relations {
        let sum = |ids: &[&str]| -> Option<Decimal> {
            ids.iter().try_fold(Decimal::ZERO, |acc, id| {
                let value = inputs.opt(id)?.value().ok()?;
                acc.c_add(value)
            })
        };
        let (Some(left), Some(right)) = (sum(relation.lhs), sum(relation.rhs)) else {
            continue;
        };
        if left <= right {
            continue;
        }
        let Some(first) = relation.lhs.first() else {
            continue;
        };
        let Some(field) = fields.iter_mut().find(|f| f.id == *first) else {
            continue;
        };
        if field.error.is_some() {
            continue;
        }
        let side = |ids: &[&str], total: Decimal| {
            let labels: Vec<&str> = ids
                .iter()
                .filter_map(|id| calc.input(id).map(|i| i.label))
                .collect();
            format!("{} ({})", labels.join(" + "), total.normalize())
        };
        let message = format!(
            "{} can't be more than {}: {}.",
            side(relation.lhs, left),
            side(relation.rhs, right),
            relation.why
        );
        field.error = Some(InputError::Relation { message });
    }
}
