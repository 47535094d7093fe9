//! The formula machinery: what a formula reads ([`Inputs`], checked by `evaluate`) and what it
//! returns ([`Outcome`]), and [`Ex`], the checked exact arithmetic that records its working.

pub mod ex;

pub use ex::{Ex, Term};

use crate::engine::error::Undefined;
use crate::engine::list::ParsedList;
use crate::engine::types::{Unit, Verdict};
use rust_decimal::Decimal;
use std::rc::Rc;

/// One input after checking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// A number.
    Number(Decimal),
    /// Many numbers (shared with the [`ListCache`], never copied).
    List(Rc<ParsedList>),
    /// A choice's id.
    Choice(&'static str),
    /// Groups, each a label and its answers (shared, never copied).
    Groups(std::sync::Arc<Vec<crate::engine::groups::Group>>),
    /// A file read as a table (shared, never copied).
    Table(std::sync::Arc<crate::engine::csv::import::Table>),
    /// A short text (a column's header, a month, a code), trimmed.
    Text(std::sync::Arc<str>),
    /// Left blank (optional inputs only reach the formula this way).
    Blank,
}

/// The checked inputs a formula reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    pub(crate) mode: crate::engine::spec::Mode,
    pub(crate) values: Vec<(&'static str, (Parsed, Unit))>,
    /// The calculator's own inputs (those of every mode).
    pub(crate) declared: &'static [crate::engine::spec::InputSpec],
    /// Ids the formula asked for that the calculator doesn't declare: a typo, caught by the
    /// catalogue's own tests.
    pub(crate) unknown: std::cell::RefCell<Vec<String>>,
}

impl Inputs {
    /// What input `id` holds (each input is read once, so ids are unique).
    fn get(&self, id: &str) -> Option<&(Parsed, Unit)> {
        let found = self.values.iter().find(|(k, _)| *k == id).map(|(_, v)| v);
        // Only the native build keeps count (the catalogue's tests read it); the wasm skips it.
        #[cfg(not(target_arch = "wasm32"))]
        if found.is_none() && !self.declared.iter().any(|i| i.id == id) {
            self.unknown.borrow_mut().push(id.to_owned());
        }
        found
    }

    /// Ids asked for that the calculator doesn't declare.
    pub fn unknown(&self) -> Vec<String> {
        self.unknown.borrow().clone()
    }

    /// The chosen mode (the option of the calculator's first choice input).
    pub fn mode(&self) -> Option<&'static str> {
        self.mode.primary()
    }

    /// The option chosen in choice input `id` (a method, a confidence level).
    pub fn choice(&self, id: &str) -> Option<&'static str> {
        self.mode.of(id)
    }

    /// The number in input `id`, as an expression; undefined if it is missing.
    pub fn num(&self, id: &str) -> Ex {
        self.opt(id)
            .unwrap_or_else(|| Ex::fail(Undefined::WaitingForInputs))
    }

    /// The number in input `id`, or `None` when it is blank.
    pub fn opt(&self, id: &str) -> Option<Ex> {
        match self.get(id) {
            Some((Parsed::Number(v), unit)) => {
                Some(match self.declared.iter().find(|i| i.id == id) {
                    Some(spec) => Ex::named(*v, *unit, spec.label),
                    None => Ex::num(*v, *unit),
                })
            }
            _ => None,
        }
    }

    /// Groups input `id` (empty when missing).
    pub fn groups(&self, id: &str) -> &[crate::engine::groups::Group] {
        match self.get(id) {
            Some((Parsed::Groups(groups), _)) => groups,
            _ => &[],
        }
    }

    /// File input `id`, read as a table (`None` when blank).
    pub fn table(&self, id: &str) -> Option<&std::sync::Arc<crate::engine::csv::import::Table>> {
        match self.get(id) {
            Some((Parsed::Table(t), _)) => Some(t),
            _ => None,
        }
    }

    /// Text input `id` (`None` when blank).
    pub fn text(&self, id: &str) -> Option<&str> {
        match self.get(id) {
            Some((Parsed::Text(t), _)) => Some(t),
            _ => None,
        }
    }

    /// List input `id` (empty when missing).
    pub fn list(&self, id: &str) -> &ParsedList {
        static EMPTY: ParsedList = ParsedList {
            count: 0,
            values: Vec::new(),
            distribution: Vec::new(),
            header: None,
            bad: Vec::new(),
            bad_total: 0,
        };
        match self.get(id) {
            Some((Parsed::List(list), _)) => list,
            _ => &EMPTY,
        }
    }
}

/// A computed result: a number, a verdict, or the reason it has neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// A number: exact, or within [`Computed::err`] of the true value.
    Number(Decimal),
    /// A verdict or band.
    Verdict(&'static Verdict),
    /// Not computable, and why.
    Undefined(Undefined),
}

impl Computed {
    /// The value of `ex`, with its error bound and working (a table's cell as a result's).
    pub fn of(ex: Ex) -> Computed {
        let (value, err) = match ex.approx() {
            Ok(v) => (Value::Number(v.value), v.err),
            Err(e) => (Value::Undefined(e), Decimal::ZERO),
        };
        let working =
            (ex.is_computed() && matches!(value, Value::Number(_))).then(|| ex.into_terms());
        Computed {
            value,
            err,
            working,
            label: None,
        }
    }

    /// A verdict, or the reason there is none.
    pub fn verdict(verdict: Result<&'static Verdict, Undefined>) -> Computed {
        Computed {
            value: match verdict {
                Ok(v) => Value::Verdict(v),
                Err(e) => Value::Undefined(e),
            },
            err: Decimal::ZERO,
            working: None,
            label: None,
        }
    }
}

/// One result as the formula produced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Computed {
    /// The value.
    pub value: Value,
    /// A result that names something of the user's (the segment that drags most): its
    /// label, shown and kept as the value; `value` then holds its 1-based place.
    pub label: Option<std::sync::Arc<str>>,
    /// For a number, the most it can differ from the true value (0: exact).
    pub err: Decimal,
    /// How it was computed, when it was (inputs echoed back have none).
    pub working: Option<Vec<Term>>,
}

/// What a formula returns: results by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    results: Vec<(&'static str, Computed)>,
}

impl Outcome {
    /// An empty outcome.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets result `id` from an expression.
    pub fn set(&mut self, id: &'static str, ex: Ex) -> &mut Self {
        self.results.push((id, Computed::of(ex)));
        self
    }

    /// Sets result `id` to the label of the `at`-th (1-based) of the user's groups, or the
    /// reason there is none.
    pub fn label(&mut self, id: &'static str, named: Result<(usize, &str), Undefined>) {
        let (value, label) = match named {
            Ok((at, text)) => (
                Value::Number(Decimal::from(at)),
                Some(std::sync::Arc::from(text)),
            ),
            Err(e) => (Value::Undefined(e), None),
        };
        self.results.push((
            id,
            Computed {
                value,
                err: Decimal::ZERO,
                working: None,
                label,
            },
        ));
    }

    /// Sets result `id` to a verdict, or the reason there is none.
    pub fn verdict(&mut self, id: &'static str, verdict: Result<&'static Verdict, Undefined>) {
        self.results.push((id, Computed::verdict(verdict)));
    }

    /// The result with this id.
    pub fn get(&self, id: &str) -> Option<&Computed> {
        self.results
            .iter()
            .find(|(rid, _)| *rid == id)
            .map(|(_, c)| c)
    }

    /// The ids of every result set.
    pub fn ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.results.iter().map(|(id, _)| *id)
    }
}
