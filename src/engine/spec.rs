//! The shape of one calculator definition. Everything else (the form, the URL, the CSV, the
//! tests) reads these; nothing re-states a calculator's inputs or results elsewhere.

use crate::engine::formula::{Inputs, Outcome};
pub use crate::engine::types::{
    Bands, Chart, Choice, Edge, IntervalRow, Part, Role, Rounding, Tone, Unit, Verdict,
};

/// The groups of the home view.
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
    /// Comparisons between periods and plans.
    Compare,
}

impl Category {
    /// All categories, in display order.
    pub const ALL: [Category; 7] = [
        Category::Loyalty,
        Category::Retention,
        Category::Revenue,
        Category::UnitEconomics,
        Category::Team,
        Category::Composite,
        Category::Compare,
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
            Category::Compare => "Compare and plan",
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
            Category::Compare => "compare",
        }
    }
}

/// The part of the wasm a calculator's definition comes in (`engine::late`): one per file of
/// definitions, so a new capability (the projection, the breakdowns, billing) adds nothing to
/// a visit of the others, even within its home-view category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LatePart {
    /// NPS, CSAT, CES, ratings.
    Loyalty,
    /// Customer counts kept and lost.
    Retention,
    /// Recurring revenue and its movements.
    Revenue,
    /// The revenue projection and its chart.
    Projection,
    /// What a customer costs and earns.
    UnitEconomics,
    /// What the customer-success team does.
    Team,
    /// Scores built from other scores.
    Composite,
    /// Comparisons, their statistics and chart.
    Compare,
    /// NPS per wave and per segment, their charts and tables.
    Breakdowns,
    /// Billing exports read into MRR movements and cohorts.
    Billing,
}

impl LatePart {
    /// Every part.
    pub const ALL: [LatePart; 10] = [
        LatePart::Loyalty,
        LatePart::Retention,
        LatePart::Revenue,
        LatePart::Projection,
        LatePart::UnitEconomics,
        LatePart::Team,
        LatePart::Composite,
        LatePart::Compare,
        LatePart::Breakdowns,
        LatePart::Billing,
    ];

    /// A stable id: its split point is `defs_<id>` (with `_` for `-`), and the page's boot
    /// script preloads it by this id.
    pub fn id(self) -> &'static str {
        match self {
            LatePart::Loyalty => "loyalty",
            LatePart::Retention => "retention",
            LatePart::Revenue => "revenue",
            LatePart::Projection => "projection",
            LatePart::UnitEconomics => "unit-economics",
            LatePart::Team => "team",
            LatePart::Composite => "composite",
            LatePart::Compare => "compare",
            LatePart::Breakdowns => "breakdowns",
            LatePart::Billing => "billing",
        }
    }
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
    /// Groups typed or pasted one per line, a label and its promoters, passives and
    /// detractors (`engine::groups`): survey waves, segments.
    Groups,
    /// A CSV file dropped or pasted (a billing export), read whole into a table.
    File,
    /// A short text: which column of a file, a month, a currency code.
    Text(TextKind),
}

/// What a [`Kind::Text`] input holds, which decides how the form offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    /// The header of a column of file input `.0` (blank: found automatically).
    Column(&'static str),
    /// A month, `2026-03` (blank: the file's last).
    Month,
    /// A code such as a currency (`USD`).
    Code,
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
    /// For a list of survey answers: words of the question it answers, as an export heads
    /// its column ("recommend", "likely"), so an import picks that column.
    pub question: &'static [&'static str],
}

impl InputSpec {
    /// Whether this is a list of answers on the 0–10 scale of NPS, whose answers fall into
    /// detractors (0–6), passives (7–8) and promoters (9–10).
    pub fn on_nps_scale(&self) -> bool {
        matches!(
            self.kind,
            Kind::List {
                min: Bound::Fixed(0),
                max: Bound::Fixed(10),
                whole: true
            }
        ) && self.unit == Unit::Score
    }
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
    /// Where it sits in the results.
    pub role: Role,
    /// The figure in words, `{}` standing for it ("{} more answers of 9–10, with no new
    /// detractors"), where the label alone would need the working to be understood.
    pub phrase: Option<&'static str>,
    /// Which way a change of it is good news (scenarios colour their deltas by it).
    pub better: Better,
}

/// Which way a change of a result is good news.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    /// More is better (NPS, retention, NRR, LTV).
    Higher,
    /// Less is better (churn, CAC, payback).
    Lower,
    /// Neither: a count of answers, a variance.
    Neutral,
}

impl Better {
    /// The word for it (the CSV, docs).
    pub fn id(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
            Better::Neutral => "neutral",
        }
    }
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
    /// Where it comes from: ids of [`crate::engine::catalogue::SOURCES`].
    pub sources: &'static [&'static str],
    /// Its chart, if it has one (drawn beside its headline).
    pub chart: Option<Chart>,
    /// Realistic example figures as a link's pairs (`promoters=120&…`), offered on an empty
    /// calculator ("Try an example"), chosen to show something worth seeing.
    pub example: &'static str,
    /// The one-line summary "Copy results" gives, with `{result_id}` for each figure as shown;
    /// `None`: the headline, its interval and verdict, then each other figure.
    pub take_away: Option<&'static str>,
    /// "Compare with another period": the compare calculator this one's figures open as
    /// period A.
    pub compare: Option<&'static CompareWith>,
    /// What to do next when a verdict says so ("No clear change": plan a survey that can
    /// tell), as a link into another calculator with these figures filled in.
    pub next: Option<&'static NextStep>,
}

/// A link to another calculator shown while a verdict holds ("No clear change" → how many
/// answers would tell, in `sample-size`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextStep {
    /// (result id, verdict id): shown while that result is that verdict.
    pub when: (&'static str, &'static str),
    /// The link's words.
    pub label: &'static str,
    /// The calculator it opens and the figures it carries.
    pub open: CompareWith,
}

impl NextStep {
    /// The link's query while its verdict holds in `e`; `None` otherwise, or while a figure
    /// it carries has no value.
    pub fn query(&self, e: &crate::engine::evaluate::Evaluation) -> Option<String> {
        let (result, verdict) = self.when;
        match e.result(result).map(|r| r.computed.value) {
            Some(crate::engine::formula::Value::Verdict(v)) if v.id == verdict => {
                self.open.query(e)
            }
            _ => None,
        }
    }
}

/// How a calculator's figures open a comparison: which compare calculator, which of its
/// inputs take which of this calculator's results, and the choices that word it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompareWith {
    /// The compare calculator's id.
    pub calc: &'static str,
    /// (compare input, this calculator's result, number input or choice): period A's
    /// figures.
    pub carry: &'static [(&'static str, &'static str)],
    /// (compare input, value): set as they are ("counted=lost").
    pub fixed: &'static [(&'static str, &'static str)],
}

impl CompareWith {
    /// The link query that opens the comparison with period A filled in from `e`; `None`
    /// while a figure it carries has no value.
    pub fn query(&self, e: &crate::engine::evaluate::Evaluation) -> Option<String> {
        let mut pairs: Vec<(&str, String)> =
            vec![("calc", self.calc.to_owned()), ("v", "2".to_owned())];
        for (input, value) in self.fixed {
            pairs.push((input, (*value).to_owned()));
        }
        for (input, source) in self.carry {
            // A result, a choice (its option), or a number input.
            if let Some(option) = e.mode.of(source) {
                pairs.push((input, option.to_owned()));
                continue;
            }
            let value = match e.result(source).map(|r| r.computed.value) {
                Some(crate::engine::formula::Value::Number(v)) => v,
                Some(_) => return None,
                None => e.field(source)?.value?,
            };
            pairs.push((input, crate::engine::format::plain(value)));
        }
        Some(crate::engine::state::encode_pairs(&pairs))
    }
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

    /// The result the calculator leads with in `mode`.
    pub fn headline(&self, mode: Mode) -> Option<&'static ResultSpec> {
        self.results
            .iter()
            .find(|r| r.role == Role::Headline && Calculator::shown_in(r.modes, mode))
    }

    /// Input `id`'s figure in the calculator's example (`example`), if it has one: what the
    /// field's placeholder suggests, so a placeholder always fits the calculator it is in.
    pub fn example_text(&self, id: &str) -> Option<&'static str> {
        let example: &'static str = self.example;
        example
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == id)
            .map(|(_, v)| v)
    }

    /// The input that chooses the mode (the first choice), if the calculator has modes.
    pub fn choice_input(&self) -> Option<&'static InputSpec> {
        self.choices().next()
    }

    /// Every choice input (a mode, a method, a confidence level), in form order.
    pub fn choices(&self) -> impl Iterator<Item = &'static InputSpec> {
        let inputs: &'static [InputSpec] = self.inputs;
        inputs.iter().filter(|i| matches!(i.kind, Kind::Choice(_)))
    }

    /// The choice input offering `option`, if any.
    pub fn choice_offering(&self, option: &str) -> Option<&'static InputSpec> {
        self.choices().find(|i| match i.kind {
            Kind::Choice(options) => options.iter().any(|c| c.id == option),
            _ => false,
        })
    }

    /// Whether `modes` (an input's or result's options) include one chosen in `mode`.
    pub fn shown_in(modes: &[&str], mode: Mode) -> bool {
        modes.is_empty() || modes.iter().any(|m| mode.has(m))
    }
}

/// The most choice inputs a calculator has.
pub const MAX_CHOICES: usize = 4;

/// The option chosen in each choice input of a calculator (its mode, a method, a confidence
/// level), in form order. An input or result shown "only in" some options is shown when any
/// of them is chosen, so the options of a calculator's choices have distinct ids.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mode([Option<(&'static str, &'static str)>; MAX_CHOICES]);

impl Mode {
    /// No choice made (a calculator without choices).
    pub const NONE: Mode = Mode([None; MAX_CHOICES]);

    /// `option` chosen in choice input `input`, besides the others chosen.
    pub fn with(mut self, input: &'static str, option: &'static str) -> Mode {
        if let Some(slot) = self
            .0
            .iter_mut()
            .find(|s| s.is_none_or(|(i, _)| i == input))
        {
            *slot = Some((input, option));
        }
        self
    }

    /// The option of the first choice: the calculator's mode (`scores`, `counts`…).
    pub fn primary(&self) -> Option<&'static str> {
        self.0.first().copied().flatten().map(|(_, o)| o)
    }

    /// The option chosen in choice input `input`.
    pub fn of(&self, input: &str) -> Option<&'static str> {
        self.0
            .iter()
            .flatten()
            .find(|(i, _)| *i == input)
            .map(|(_, o)| *o)
    }

    /// Whether `option` is chosen in one of the choices.
    pub fn has(&self, option: &str) -> bool {
        self.0.iter().flatten().any(|(_, o)| *o == option)
    }
}
