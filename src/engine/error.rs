//! Typed errors and "undefined because…" reasons, each with the one sentence a marketer reads.

use crate::engine::locale::DecimalMark;
use rust_decimal::Decimal;

/// Why a piece of text is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing typed.
    Empty,
    /// Letters or symbols where digits belong.
    NotANumber,
    /// `NaN`, `Infinity` and friends.
    NotFinite,
    /// Digits from a script other than 0–9.
    OtherScriptDigits,
    /// `1,5` with the decimal-dot setting, or `1.5` with decimal comma.
    WrongDecimalMark {
        /// The setting in force.
        mark: DecimalMark,
    },
    /// Thousands separators that do not group by three.
    BadGrouping,
    /// `1.2.3`.
    SeveralDecimalMarks,
    /// `--5`, `5-`.
    MisplacedSign,
    /// Above 10^15 in magnitude.
    TooLarge,
    /// More decimals than can be kept exactly.
    TooPrecise,
}

impl NumberError {
    /// The sentence shown for `text`.
    pub fn message(self, text: &str) -> String {
        let shown = shorten(text);
        match self {
            NumberError::Empty => "Enter a number.".into(),
            NumberError::NotANumber => format!("“{shown}” is not a number."),
            NumberError::NotFinite => format!("“{shown}” is not a finite number: enter a figure."),
            NumberError::OtherScriptDigits => {
                format!("“{shown}” uses digits from another script: type them as 0–9.")
            }
            NumberError::WrongDecimalMark {
                mark: DecimalMark::Dot,
            } => format!(
                "“{shown}” looks like a decimal comma, but the number format is decimal dot: \
                 type {} or switch the format in Settings.",
                shown.replace(',', ".")
            ),
            NumberError::WrongDecimalMark {
                mark: DecimalMark::Comma,
            } => format!(
                "“{shown}” looks like a decimal dot, but the number format is decimal comma: \
                 type {} or switch the format in Settings.",
                shown.replace('.', ",")
            ),
            NumberError::BadGrouping => format!(
                "“{shown}” has thousands separators in odd places: group digits by three or \
                 leave the separators out."
            ),
            NumberError::SeveralDecimalMarks => {
                format!("“{shown}” has more than one decimal mark.")
            }
            NumberError::MisplacedSign => format!("“{shown}” has a sign in the wrong place."),
            NumberError::TooLarge => {
                format!("“{shown}” is too large: the largest accepted is 1,000,000,000,000,000.")
            }
            NumberError::TooPrecise => {
                format!("“{shown}” has more decimals than can be kept (20 at most).")
            }
        }
    }
}

/// Cuts a long pasted text so a message stays readable.
pub fn shorten(text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.chars().count() <= 24 {
        return trimmed.to_owned();
    }
    let head: String = trimmed.chars().take(20).collect();
    format!("{head}…")
}

/// Why one entry of a list was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryError {
    /// Not a number at all.
    Number(NumberError),
    /// A fraction where whole numbers are expected.
    NotWhole,
    /// Below the smallest allowed value.
    BelowMin(Decimal),
    /// Above the largest allowed value.
    AboveMax(Decimal),
    /// `value*count` with a count that is not a whole number from 1 to 10^9.
    BadRepeat,
    /// Repeats that would make a list of more than two million separate values.
    TooManyRepeats,
}

impl EntryError {
    /// The short reason shown after the entry.
    pub fn reason(self) -> String {
        match self {
            EntryError::Number(NumberError::Empty) => "empty".into(),
            EntryError::Number(NumberError::NotFinite) => "not a finite number".into(),
            EntryError::Number(NumberError::OtherScriptDigits) => {
                "digits from another script".into()
            }
            EntryError::Number(NumberError::TooLarge) => "too large".into(),
            EntryError::Number(_) => "not a number".into(),
            EntryError::NotWhole => "not a whole number".into(),
            EntryError::BelowMin(min) => format!("below {min}"),
            EntryError::AboveMax(max) => format!("above {max}"),
            EntryError::BadRepeat => "the count after * must be a whole number from 1".into(),
            EntryError::TooManyRepeats => "too many repeats for a list this varied".into(),
        }
    }
}

/// One refused entry of a list, with its 1-based position among the entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadEntry {
    /// 1-based position among the list's entries (the header line, if any, not counted).
    pub position: usize,
    /// The text as typed, shortened.
    pub text: String,
    /// What is wrong with it.
    pub error: EntryError,
}

/// Why an input's value is refused. Shown next to the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// The text is not a number.
    Number {
        /// The refusal.
        error: NumberError,
        /// The text as typed.
        text: String,
    },
    /// A required input is blank.
    Required,
    /// Below zero where that cannot be.
    Negative,
    /// A fraction where a whole number is needed.
    NotWhole,
    /// Below the range.
    BelowMin(Decimal),
    /// Above the range.
    AboveMax(Decimal),
    /// A `%` sign in a field that is not a percentage.
    PercentNotAllowed,
    /// A currency sign in a field that is not money.
    CurrencyNotAllowed,
    /// Entries of a list that are not valid.
    BadEntries {
        /// The first few refused entries.
        shown: Vec<BadEntry>,
        /// How many were refused in all.
        total: usize,
    },
    /// Lines of a groups input that are not a label and three counts.
    BadLines {
        /// The first few refused lines.
        shown: Vec<crate::engine::groups::BadLine>,
        /// How many were refused in all.
        total: usize,
    },
    /// A list with no number in it.
    EmptyList,
    /// Not one of the offered choices.
    UnknownChoice(String),
    /// A file that can't be read as a table (its own sentence).
    File(String),
    /// Not a month written `YYYY-MM`.
    NotAMonth(String),
    /// Breaks a relation with other inputs (e.g. renewed ≤ up for renewal).
    Relation {
        /// The sentence, already naming both sides and their values.
        message: String,
    },
}

impl InputError {
    /// The sentence shown next to the field called `label`.
    pub fn message(&self, label: &str) -> String {
        match self {
            InputError::Number { error, text } => format!("{label}: {}", error.message(text)),
            InputError::Required => format!("{label} is needed for this calculation."),
            InputError::Negative => format!("{label} can't be negative."),
            InputError::NotWhole => format!("{label} must be a whole number."),
            InputError::BelowMin(min) => format!("{label} must be at least {min}."),
            InputError::AboveMax(max) => format!("{label} must be at most {max}."),
            InputError::PercentNotAllowed => {
                format!("{label} is not a percentage: leave out the % sign.")
            }
            InputError::CurrencyNotAllowed => {
                format!("{label} is not an amount of money: leave out the currency sign.")
            }
            InputError::BadEntries { shown, total } => {
                let listed: Vec<String> = shown
                    .iter()
                    .map(|b| format!("entry {} “{}” ({})", b.position, b.text, b.error.reason()))
                    .collect();
                let more = total.saturating_sub(shown.len());
                let tail = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                let noun = if *total == 1 {
                    "entry is"
                } else {
                    "entries are"
                };
                format!(
                    "{label}: {total} {noun} not valid: {}{tail}.",
                    listed.join(", ")
                )
            }
            InputError::BadLines { shown, total } => {
                let listed: Vec<String> = shown
                    .iter()
                    .map(|b| {
                        if b.text.is_empty() {
                            format!("line {}: {}", b.line, b.why)
                        } else {
                            format!("line {} “{}” ({})", b.line, b.text, b.why)
                        }
                    })
                    .collect();
                let more = total.saturating_sub(shown.len());
                let tail = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                let noun = if *total == 1 { "line is" } else { "lines are" };
                format!(
                    "{label}: {total} {noun} not valid: {}{tail}.",
                    listed.join("; ")
                )
            }
            InputError::EmptyList => format!("{label}: paste or type at least one number."),
            InputError::UnknownChoice(text) => {
                format!("{label}: “{}” is not one of the options.", shorten(text))
            }
            InputError::File(message) => format!("{label}: {message}"),
            InputError::NotAMonth(text) => format!(
                "{label}: “{}” is not a month: write it as 2026-03, or leave it blank for the \
                 file's last.",
                shorten(text)
            ),
            InputError::Relation { message } => message.clone(),
        }
    }
}

/// A reason of a calculator's own why a result has no value ("no responses yet"), defined
/// next to the calculator; shown on the result card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reason {
    /// A stable id (tests, the metric reference).
    pub id: &'static str,
    /// The sentence shown.
    pub message: &'static str,
}

/// Why a result cannot be computed. Not an error of the user's: the card says why in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Undefined {
    /// Inputs are still missing or invalid.
    WaitingForInputs,
    /// The numbers are too large to compute exactly.
    Overflow,
    /// Rounding inside the arithmetic (28 significant digits) leaves a shown digit, or the
    /// side of a verdict's edge, unsure.
    Imprecise,
    /// A divisor is 0 where the formula has no more specific reason.
    DivideByZero,
    /// A reason of the calculator's own.
    Because(&'static Reason),
}

impl Undefined {
    /// The sentence shown on the result card.
    pub fn message(self) -> &'static str {
        match self {
            Undefined::WaitingForInputs => "Fill in the inputs above to see this result.",
            Undefined::Overflow => "The numbers are too large to compute exactly.",
            Undefined::Imprecise => {
                "These figures are too large or too finely balanced to compute this exactly."
            }
            Undefined::DivideByZero => "A divisor is 0, so this can't be computed.",
            Undefined::Because(reason) => reason.message,
        }
    }
}
