//! The shape of one calculator definition. Everything else (the form, the URL, the CSV, the
//! tests) reads these; nothing re-states a calculator's inputs or results elsewhere.

use crate::engine::approx::Approx;
use crate::engine::error::Undefined;
use crate::engine::evaluate::Inputs;
use crate::engine::expr::Outcome;
use rust_decimal::Decimal;

/// The six groups of the home view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    /// NPS, CSAT, CES, ratings.
    Loyalty,
    /// Customer counts kept and lost.
    Retention,
    /// Recurring revenue and its movements.
    Revenue,
    /// What a customer costs and earns.
    UnitEconomics,
    /// What the customer-success team does.
    Team,
    /// Scores built from other scores.
    Composite,
}

impl Category {
    /// All categories, in display order.
    pub const ALL: [Category; 6] = [
        Category::Loyalty,
        Category::Retention,
        Category::Revenue,
        Category::UnitEconomics,
        Category::Team,
        Category::Composite,
    ];

    /// The heading shown on the home view.
    pub fn name(self) -> &'static str {
        match self {
            Category::Loyalty => "Loyalty & satisfaction",
            Category::Retention => "Retention",
            Category::Revenue => "Revenue",
            Category::UnitEconomics => "Unit economics",
            Category::Team => "Team performance",
            Category::Composite => "Composite",
        }
    }

    /// A stable id (HTML ids, tests).
    pub fn id(self) -> &'static str {
        match self {
            Category::Loyalty => "loyalty",
            Category::Retention => "retention",
            Category::Revenue => "revenue",
            Category::UnitEconomics => "unit-economics",
            Category::Team => "team",
            Category::Composite => "composite",
        }
    }
}

/// What a number means, which decides its display (decimals, suffix, currency).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A whole count of people, tickets, answers.
    Count,
    /// An amount in the user's currency.
    Money,
    /// Percent: `5` means 5 %.
    Percent,
    /// Percentage points (a difference of two percentages).
    Points,
    /// An NPS value, −100…100.
    Nps,
    /// A score on a rating scale.
    Score,
    /// A ratio such as LTV:CAC, read as "x : 1".
    Ratio,
    /// A number of months.
    Months,
    /// A number of years.
    Years,
    /// A number of days.
    Days,
    /// A weight in a weighted average.
    Weight,
    /// A rate or plain number with two decimals.
    Plain,
}

/// One option of a choice input (a mode or a method).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The id kept in the URL and storage.
    pub id: &'static str,
    /// The label shown.
    pub label: &'static str,
}

/// A bound of a range: a number, or the value of another input (a score's scale).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// A fixed bound.
    Fixed(i64),
    /// The value of the input with this id.
    Input(&'static str),
}

/// What an input takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A single number.
    Number {
        /// Smallest allowed (None: no bound).
        min: Option<i64>,
        /// Largest allowed (None: no bound).
        max: Option<i64>,
        /// Only whole numbers.
        whole: bool,
    },
    /// Many numbers pasted at once.
    List {
        /// Smallest entry allowed.
        min: Bound,
        /// Largest entry allowed.
        max: Bound,
        /// Only whole numbers.
        whole: bool,
    },
    /// One of a few options; the first is the default. Chooses which inputs are shown.
    Choice(&'static [Choice]),
}

/// Whether an input must be filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Needed for the results.
    Required,
    /// May stay blank; the formula says what a blank means.
    Optional,
}

/// One input of a calculator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InputSpec {
    /// snake_case id, as in the URL and `data-input`.
    pub id: &'static str,
    /// The field's label.
    pub label: &'static str,
    /// A short hint under the field.
    pub hint: &'static str,
    /// What the field takes.
    pub kind: Kind,
    /// How it is displayed.
    pub unit: Unit,
    /// The value a blank field stands for; shown in the field from the start.
    pub default: Option<&'static str>,
    /// Whether it must be filled.
    pub need: Need,
    /// The choice values (of the calculator's choice input) under which it is shown; empty:
    /// always.
    pub modes: &'static [&'static str],
}

/// Which way a result is rounded for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// To the nearest (halves away from zero).
    Nearest,
    /// Down, shown as "at most …": a threshold that must not be exceeded to reach a target
    /// (the churn that still gives 3:1), so the figure shown still reaches it.
    AtMost,
    /// Up, shown as "at least …": a threshold that must be reached.
    AtLeast,
}

/// One result of a calculator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResultSpec {
    /// snake_case id, as in `data-result` and the CSV.
    pub id: &'static str,
    /// The card's label.
    pub label: &'static str,
    /// How it is displayed.
    pub unit: Unit,
    /// Under which choice values it exists; empty: always.
    pub modes: &'static [&'static str],
    /// The verdict bands this number is read against, if any: the display never rounds it
    /// onto an edge it is not on ("just under 3.00:1").
    pub bands: Option<&'static Bands>,
    /// Which way it is rounded for display.
    pub rounding: Rounding,
}

/// A rule between inputs: the sum of `lhs` may not exceed the sum of `rhs`. The message goes
/// next to the first input of `lhs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relation {
    /// Inputs added on the left.
    pub lhs: &'static [&'static str],
    /// Inputs added on the right.
    pub rhs: &'static [&'static str],
    /// Why, in words ("you can't renew more customers than were up for renewal").
    pub why: &'static str,
}

/// A named band of a verdict (LTV:CAC verdicts, health-score bands).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The id kept in `data-value` and the CSV.
    pub id: &'static str,
    /// A short label ("Healthy").
    pub label: &'static str,
    /// The sentence shown.
    pub sentence: &'static str,
    /// How it is coloured.
    pub tone: Tone,
}

/// Where a band starts: its edge with the band below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// At this value, included.
    AtLeast(i64),
    /// Just above this value (the value itself belongs to the band below).
    Above(i64),
}

impl Edge {
    /// The edge's value.
    pub fn edge(self) -> Decimal {
        match self {
            Edge::AtLeast(v) | Edge::Above(v) => Decimal::from(v),
        }
    }

    fn admits(self, value: Decimal) -> bool {
        match self {
            Edge::AtLeast(v) => value >= Decimal::from(v),
            Edge::Above(v) => value > Decimal::from(v),
        }
    }
}

/// Verdicts of a number by bands, lowest first: the first band has no lower edge, each next
/// one starts at its edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bands {
    /// The band below every edge.
    pub lowest: &'static Verdict,
    /// Each further band with where it starts, ascending.
    pub above: &'static [(Edge, &'static Verdict)],
}

impl Bands {
    /// The verdict of an exact value.
    pub fn of(&self, value: Decimal) -> &'static Verdict {
        self.above
            .iter()
            .rev()
            .find(|(from, _)| from.admits(value))
            .map_or(self.lowest, |(_, v)| *v)
    }

    /// The verdict of a value known within its error; undefined when the true value may lie
    /// in another band than the computed one.
    pub fn classify(
        &self,
        value: Result<Approx, Undefined>,
    ) -> Result<&'static Verdict, Undefined> {
        self.classify_by(|edge| value.map(|v| v.side_of(edge)))
    }

    /// The verdict of a quotient whose value may be too large (or too small) for a decimal,
    /// decided edge by edge: `quotient_over(edge)` is the quotient divided by the edge, and
    /// the verdict follows its side of 1. A quotient that overflows (in every order of its
    /// divisions, see `Ex::quotient`) is beyond any decimal, so above 1: a ratio of 10^30
    /// still reads "above 5".
    pub fn classify_scaled(
        &self,
        quotient_over: impl Fn(Decimal) -> Result<Approx, Undefined>,
    ) -> Result<&'static Verdict, Undefined> {
        self.classify_by(|edge| match quotient_over(edge) {
            Ok(q) => Ok(q.side_of(Decimal::ONE)),
            Err(Undefined::Overflow) => Ok(Some(std::cmp::Ordering::Greater)),
            Err(e) => Err(e),
        })
    }

    /// The band, from the side of the value on each edge (`None`: unsure).
    fn classify_by(
        &self,
        side: impl Fn(Decimal) -> Result<Option<std::cmp::Ordering>, Undefined>,
    ) -> Result<&'static Verdict, Undefined> {
        use std::cmp::Ordering::{Greater, Less};
        let mut verdict = self.lowest;
        for (edge, band) in self.above {
            let admitted = match (edge, side(edge.edge())?) {
                (_, None) => return Err(Undefined::Imprecise),
                (Edge::AtLeast(_), Some(s)) => s != Less,
                (Edge::Above(_), Some(s)) => s == Greater,
            };
            if admitted {
                verdict = band;
            } else {
                break;
            }
        }
        Ok(verdict)
    }

    /// The edges between bands.
    pub fn edges(&self) -> impl Iterator<Item = Decimal> + '_ {
        self.above.iter().map(|(from, _)| from.edge())
    }
}

/// The colour family of a verdict; always shown together with words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Good news.
    Good,
    /// Worth a look.
    Warn,
    /// Bad news.
    Bad,
}

impl Tone {
    /// A stable id used as a CSS class.
    pub fn id(self) -> &'static str {
        match self {
            Tone::Good => "good",
            Tone::Warn => "warn",
            Tone::Bad => "bad",
        }
    }
}

/// One calculator of the catalogue.
#[derive(Clone, Copy, Debug)]
pub struct Calculator {
    /// kebab-case id, as in `?calc=`.
    pub id: &'static str,
    /// The name shown.
    pub name: &'static str,
    /// Its group on the home view.
    pub category: Category,
    /// One line on what it tells you.
    pub summary: &'static str,
    /// Other names people search for ("churn", "dollar retention", "CLV").
    pub synonyms: &'static [&'static str],
    /// Its inputs, in form order.
    pub inputs: &'static [InputSpec],
    /// Its results, in display order.
    pub results: &'static [ResultSpec],
    /// Rules between inputs.
    pub relations: &'static [Relation],
    /// The formula: validated inputs to results.
    pub compute: fn(&Inputs) -> Outcome,
}

impl Calculator {
    /// The input with this id.
    pub fn input(&self, id: &str) -> Option<&'static InputSpec> {
        self.inputs.iter().find(|i| i.id == id)
    }

    /// The result with this id.
    pub fn result(&self, id: &str) -> Option<&'static ResultSpec> {
        self.results.iter().find(|r| r.id == id)
    }

    /// The input that chooses the mode, if the calculator has modes.
    pub fn choice_input(&self) -> Option<&'static InputSpec> {
        self.inputs
            .iter()
            .find(|i| matches!(i.kind, Kind::Choice(_)))
    }

    /// Whether `modes` (an input's or result's) includes the current `mode`.
    pub fn shown_in(modes: &[&str], mode: Option<&str>) -> bool {
        modes.is_empty() || mode.is_some_and(|m| modes.contains(&m))
    }
}
