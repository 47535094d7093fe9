//! The calculators, one file per category. Each file holds its definitions (data) next to
//! their formulas; `builders` keeps the definitions short enough to read like the catalogue.

pub mod billing;
pub mod billing_chart;
pub mod breakdowns;
pub mod breakdowns_chart;
pub mod compare;
pub mod composite;
pub mod loyalty;
pub mod projection;
pub mod projection_chart;
pub mod retention;
pub mod revenue;
pub mod team;
pub mod unit_economics;

pub(crate) mod builders {
    use crate::engine::spec::{
        Bands, Better, Bound, Choice, InputSpec, Kind, Need, ResultSpec, Role, Rounding, Unit,
    };

    const fn input(id: &'static str, label: &'static str, unit: Unit, kind: Kind) -> InputSpec {
        InputSpec {
            id,
            label,
            hint: "",
            kind,
            unit,
            default: None,
            need: Need::Required,
            modes: &[],
            question: &[],
        }
    }

    /// A whole count ≥ 0.
    pub const fn count(id: &'static str, label: &'static str) -> InputSpec {
        input(
            id,
            label,
            Unit::Count,
            Kind::Number {
                min: Some(0),
                max: None,
                whole: true,
            },
        )
    }

    /// An amount of money ≥ 0.
    pub const fn money(id: &'static str, label: &'static str) -> InputSpec {
        input(
            id,
            label,
            Unit::Money,
            Kind::Number {
                min: Some(0),
                max: None,
                whole: false,
            },
        )
    }

    /// A percentage from 0 to 100.
    pub const fn percent(id: &'static str, label: &'static str) -> InputSpec {
        input(
            id,
            label,
            Unit::Percent,
            Kind::Number {
                min: Some(0),
                max: Some(100),
                whole: false,
            },
        )
    }

    /// Any number within `min..=max`.
    pub const fn number(
        id: &'static str,
        label: &'static str,
        unit: Unit,
        min: i64,
        max: i64,
        whole: bool,
    ) -> InputSpec {
        input(
            id,
            label,
            unit,
            Kind::Number {
                min: Some(min),
                max: Some(max),
                whole,
            },
        )
    }

    /// A list of whole scores from 0 to `max`.
    pub const fn scores(max: Bound) -> InputSpec {
        scores_named("scores", "Scores", max)
    }

    /// A list of whole scores from 0 to `max`, under its own id (one survey of several).
    pub const fn scores_named(id: &'static str, label: &'static str, max: Bound) -> InputSpec {
        input(
            id,
            label,
            Unit::Score,
            Kind::List {
                min: Bound::Fixed(0),
                max,
                whole: true,
            },
        )
    }

    /// Groups typed one per line: a label and its promoters, passives and detractors.
    pub const fn groups(id: &'static str, label: &'static str) -> InputSpec {
        input(id, label, Unit::Count, Kind::Groups)
    }

    /// A choice between modes; the first choice is the default.
    pub const fn choice(
        id: &'static str,
        label: &'static str,
        choices: &'static [Choice],
    ) -> InputSpec {
        input(id, label, Unit::Plain, Kind::Choice(choices))
    }

    impl InputSpec {
        /// With a hint under the field.
        pub const fn hint(self, hint: &'static str) -> Self {
            InputSpec { hint, ..self }
        }

        /// With a default, shown in the field from the start.
        pub const fn default(self, default: &'static str) -> Self {
            InputSpec {
                default: Some(default),
                need: Need::Optional,
                ..self
            }
        }

        /// May stay blank.
        pub const fn optional(self) -> Self {
            InputSpec {
                need: Need::Optional,
                ..self
            }
        }

        /// Shown only in these modes.
        pub const fn only_in(self, modes: &'static [&'static str]) -> Self {
            InputSpec { modes, ..self }
        }

        /// Answers a survey question with these words (how an import finds its column).
        pub const fn asks(self, question: &'static [&'static str]) -> Self {
            InputSpec { question, ..self }
        }
    }

    /// A result.
    pub const fn result(id: &'static str, label: &'static str, unit: Unit) -> ResultSpec {
        ResultSpec {
            id,
            label,
            unit,
            modes: &[],
            bands: None,
            rounding: Rounding::Nearest,
            role: Role::Secondary,
            phrase: None,
            better: Better::Neutral,
        }
    }

    impl ResultSpec {
        /// Shown only in these modes.
        pub const fn only_in(self, modes: &'static [&'static str]) -> Self {
            ResultSpec { modes, ..self }
        }

        /// Read against these verdict bands.
        pub const fn banded(self, bands: &'static Bands) -> Self {
            ResultSpec {
                bands: Some(bands),
                ..self
            }
        }

        /// A threshold rounded so the figure shown still reaches its target.
        pub const fn rounded(self, rounding: Rounding) -> Self {
            ResultSpec { rounding, ..self }
        }

        /// In this place of the results.
        pub const fn as_role(self, role: Role) -> Self {
            ResultSpec { role, ..self }
        }

        /// The figure the calculator leads with.
        pub const fn headline(self) -> Self {
            self.as_role(Role::Headline)
        }

        /// More of it is good news.
        pub const fn higher_better(self) -> Self {
            ResultSpec {
                better: Better::Higher,
                ..self
            }
        }

        /// Less of it is good news.
        pub const fn lower_better(self) -> Self {
            ResultSpec {
                better: Better::Lower,
                ..self
            }
        }

        /// Said in words, `{}` standing for the figure.
        pub const fn phrased(self, phrase: &'static str) -> Self {
            ResultSpec {
                phrase: Some(phrase),
                ..self
            }
        }
    }
}

use crate::engine::dec::Checked;
use crate::engine::error::{Reason, Undefined};
use crate::engine::formula::Ex;
use crate::engine::list::ParsedList;
use crate::engine::spec::Unit;
use rust_decimal::Decimal;

// Reasons more than one category's calculators give.

/// Why a result is undefined: "The number of customers is 0."
pub const NO_CUSTOMERS: Undefined = Undefined::Because(&Reason {
    id: "no-customers",
    message: "The number of customers is 0.",
});

/// Why a result is undefined: "The number of accounts is 0."
pub const NO_ACCOUNTS: Undefined = Undefined::Because(&Reason {
    id: "no-accounts",
    message: "The number of accounts is 0.",
});

/// The number of entries in a list, as an expression.
pub(crate) fn list_len(list: &ParsedList) -> Ex {
    Ex::num(Decimal::from(list.count), Unit::Count)
}

/// How many entries satisfy `keep`, as an expression (from the distribution when there is one).
pub(crate) fn count_where(list: &ParsedList, keep: impl Fn(Decimal) -> bool) -> Ex {
    let count = if list.distribution.is_empty() {
        list.values.iter().filter(|v| keep(**v)).count()
    } else {
        list.distribution
            .iter()
            .filter(|(v, _)| keep(*v))
            .map(|(_, n)| *n)
            .sum()
    };
    Ex::num(Decimal::from(count), Unit::Count)
}

/// The sum of a list, as an expression (undefined on overflow, which the input cap rules out).
pub(crate) fn list_sum(list: &ParsedList, unit: Unit) -> Ex {
    let sum = if list.distribution.is_empty() {
        list.values
            .iter()
            .try_fold(Decimal::ZERO, |acc, v| acc.c_add(*v))
    } else {
        list.distribution
            .iter()
            .try_fold(Decimal::ZERO, |acc, (v, n)| {
                acc.c_add(v.c_mul(Decimal::from(*n))?)
            })
    };
    match sum {
        Some(s) => Ex::num(s, unit),
        None => Ex::fail(crate::engine::error::Undefined::Overflow),
    }
}
