//! Small value types that calculator definitions and formulas both use: units, choices,
//! verdicts and their bands, rounding directions. A leaf below `spec` and `formula`, so the
//! two never import each other.

use crate::engine::approx::Approx;
use crate::engine::error::Undefined;
use rust_decimal::Decimal;

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
    /// A change in points, signed: `+29.9 pts`, `−6.0 pts`.
    Change,
    /// A probability such as a p-value, 0…1: four decimals, and `< 0.0001` below them.
    Probability,
    /// A name from the user's own table (a segment, a wave), shown as typed.
    Label,
    /// A chance in percent, good to ±0.5 points: shown whole ("92%").
    Chance,
}

/// One option of a choice input (a mode or a method).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The id kept in the URL and storage.
    pub id: &'static str,
    /// The label shown.
    pub label: &'static str,
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

    /// The verdicts, lowest first.
    pub fn verdicts(&self) -> impl Iterator<Item = &'static Verdict> + '_ {
        std::iter::once(self.lowest).chain(self.above.iter().map(|(_, v)| *v))
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

/// A calculator's chart, as data in its definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// Parts of a whole as one stacked bar with a legend: each part's count and share result.
    Shares {
        /// The caption.
        title: &'static str,
        /// The parts, left to right.
        parts: &'static [Part],
    },
    /// Values with their intervals, one row each on its own scale with zero marked: two
    /// surveys and the change between them, whose interval either crosses zero or not.
    Intervals {
        /// The caption.
        title: &'static str,
        /// The rows, top to bottom.
        rows: &'static [IntervalRow],
    },
    /// A month-by-month projection: MRR as a line with its ceiling, and the months in a table
    /// (drawn from the inputs by `calculators::projection`).
    Projection {
        /// The caption.
        title: &'static str,
    },
    /// NPS wave by wave: a line with its interval as a band, each real move marked, and the
    /// waves in a table (drawn from the groups input by `calculators::breakdowns`).
    Trend {
        /// The caption.
        title: &'static str,
    },
    /// NPS per segment: a dot and its interval on one scale per segment, the overall NPS
    /// marked, and the segments in a table sorted by how much each drags the score.
    Segments {
        /// The caption.
        title: &'static str,
    },
    /// A billing export's months: MRR as a line above its movements as bars (the
    /// projection's chart), the months in a table, the cohort grid and "Use these figures"
    /// (drawn from the file by `calculators::billing`).
    Billing {
        /// The caption.
        title: &'static str,
    },
}

/// One row of a [`Chart::Intervals`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntervalRow {
    /// Its label ("Survey A").
    pub label: &'static str,
    /// The result holding the value.
    pub value: &'static str,
    /// The results holding its interval's ends.
    pub low: &'static str,
    /// The high end.
    pub high: &'static str,
    /// The scale runs from −span to +span.
    pub span: i64,
    /// How its numbers are shown.
    pub unit: Unit,
}

/// One part of a [`Chart::Shares`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// The result holding its count.
    pub count: &'static str,
    /// The result holding its share in percent.
    pub share: &'static str,
    /// Its label ("Promoters (9–10)").
    pub label: &'static str,
    /// Its CSS class (its colour on the page).
    pub class: &'static str,
    /// Its colour in a downloaded chart (no page styles there).
    pub colour: &'static str,
}

/// Where a result sits in a calculator's results, which are generated from these roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The figure the calculator leads with: large, with its verdict and interval beside it.
    Headline,
    /// The low end of the headline's interval, shown beside it.
    IntervalLow,
    /// The high end of the headline's interval, shown beside it.
    IntervalHigh,
    /// The headline's verdict or band, in words and colour beside it.
    Verdict,
    /// A figure of its own, in the compact list under the headline.
    Secondary,
    /// Drawn in the calculator's chart, whose legend gives its value in text.
    Charted,
    /// The value of this input, when the input is filled in (counts typed as counts): not
    /// repeated then; a figure of its own when computed (from pasted answers).
    Echo(&'static str),
    /// Read into a sentence (a verdict's "{chance_one_in}"): kept in the page, not repeated.
    Sentence,
}
