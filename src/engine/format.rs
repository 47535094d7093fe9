//! Display: exact values rounded for people (one decimal for percentages and scores, two for
//! money and ratios), and the plain decimal kept in `data-value` and the CSV. Rounding happens
//! here and nowhere else.

use crate::engine::dec::Checked;
use crate::engine::error::Undefined;
use crate::engine::formula::{Computed, Term, Value};
use crate::engine::locale::DecimalMark;
use crate::engine::spec::{ResultSpec, Rounding, Unit};
use rust_decimal::{Decimal, RoundingStrategy};

/// A currency the user can pick for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency {
    /// ISO code, kept in settings.
    pub code: &'static str,
    /// What is written before amounts.
    pub symbol: &'static str,
    /// Its minor units (ISO 4217): 2 for cents, 0 for the yen.
    pub minor: u32,
}

const fn currency_of(code: &'static str, symbol: &'static str, minor: u32) -> Currency {
    Currency {
        code,
        symbol,
        minor,
    }
}

/// The currencies offered; the first is the default.
pub const CURRENCIES: &[Currency] = &[
    currency_of("USD", "$", 2),
    currency_of("EUR", "€", 2),
    currency_of("GBP", "£", 2),
    currency_of("JPY", "¥", 0),
    currency_of("INR", "₹", 2),
    currency_of("CAD", "C$", 2),
    currency_of("AUD", "A$", 2),
    currency_of("CHF", "CHF ", 2),
    currency_of("SEK", "SEK ", 2),
    currency_of("BRL", "R$", 2),
    currency_of("NONE", "", 2),
];

/// The currency with this code, or the default.
pub fn currency(code: &str) -> Currency {
    CURRENCIES
        .iter()
        .copied()
        .find(|c| c.code == code)
        .unwrap_or(currency_of("USD", "$", 2))
}

/// How numbers are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Display {
    /// Decimal dot or comma (also used for typing).
    pub mark: DecimalMark,
    /// The currency written before amounts.
    pub currency: Currency,
}

impl Default for Display {
    fn default() -> Self {
        Display {
            mark: DecimalMark::Dot,
            currency: currency("USD"),
        }
    }
}

/// The exact value as a plain decimal with a dot: `60`, `46.153846153846153846153846154`.
pub fn plain(value: Decimal) -> String {
    let normal = value.normalize();
    if normal.is_zero() {
        return "0".into();
    }
    normal.to_string()
}

/// Decimals shown for this unit: one for percentages and scores, the currency's minor units
/// for money, two for ratios.
pub fn card_decimals(unit: Unit, display: Display) -> u32 {
    match unit {
        Unit::Count => 0,
        Unit::Percent | Unit::Points | Unit::Nps | Unit::Score | Unit::Change => 1,
        Unit::Probability => 4,
        Unit::Months | Unit::Years | Unit::Days => 1,
        Unit::Money => display.currency.minor,
        Unit::Ratio | Unit::Weight | Unit::Plain => 2,
        Unit::Label | Unit::Chance => 0,
    }
}

/// Words that qualify a shown figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    /// Below an edge it rounds onto ("just under 3.00:1").
    JustUnder,
    /// Above an edge it rounds onto.
    JustOver,
    /// A threshold rounded down ("at most 2.06%").
    AtMost,
    /// A threshold rounded up.
    AtLeast,
}

impl Qualifier {
    fn words(self) -> &'static str {
        match self {
            Qualifier::JustUnder => "just under ",
            Qualifier::JustOver => "just over ",
            Qualifier::AtMost => "at most ",
            Qualifier::AtLeast => "at least ",
        }
    }
}

/// How one number is shown: to how many decimals, and with which words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Decimals shown.
    pub decimals: u32,
    /// Words before it, if any.
    pub qualifier: Option<Qualifier>,
}

/// The edges a unit's values are read against besides its bands: a share of 100 % and an
/// NPS of ±100 mean "everyone", so nothing short of them may show as them.
fn natural_edges(unit: Unit) -> &'static [i64] {
    match unit {
        Unit::Percent => &[100],
        Unit::Chance => &[0, 100],
        Unit::Nps => &[-100, 100],
        _ => &[],
    }
}

fn round(value: Decimal, decimals: u32, rounding: Rounding) -> Decimal {
    let strategy = match rounding {
        Rounding::Nearest => RoundingStrategy::MidpointAwayFromZero,
        Rounding::AtMost => RoundingStrategy::ToNegativeInfinity,
        Rounding::AtLeast => RoundingStrategy::ToPositiveInfinity,
    };
    value.round_dp_with_strategy(decimals, strategy)
}

/// How to show `value`, known within `err`, so that no shown digit is wrong: the unit's
/// decimals, or more when the error leaves a digit unsure, when a value that is not zero
/// would show as zero (its first two significant digits are shown instead), or when it
/// would round onto an edge it is not on (up to two more decimals, then "just under …").
/// Undefined when no number of decimals (up to 28) can be vouched for: the value is too
/// large for its error.
pub fn plan(
    value: Decimal,
    err: Decimal,
    spec: &ResultSpec,
    display: Display,
) -> Result<Plan, Undefined> {
    let unit = spec.unit;
    let directed = spec.rounding != Rounding::Nearest;
    let base = card_decimals(unit, display) + u32::from(directed && unit != Unit::Count);
    let low = value.c_sub(err).ok_or(Undefined::Imprecise)?;
    let high = value.c_add(err).ok_or(Undefined::Imprecise)?;
    let edges: Vec<Decimal> = natural_edges(unit)
        .iter()
        .map(|e| Decimal::from(*e))
        .chain(spec.bands.into_iter().flat_map(|b| b.edges()))
        .collect();
    let mut decimals = base;
    let mut need_significant = false;
    while decimals <= 28 {
        let rounded = round(value, decimals, spec.rounding);
        let sure = err.is_zero()
            || (round(low, decimals, spec.rounding) == rounded
                && round(high, decimals, spec.rounding) == rounded);
        if !sure {
            decimals += 1;
            continue;
        }
        if directed {
            let qualifier = match spec.rounding {
                Rounding::AtMost => Qualifier::AtMost,
                _ => Qualifier::AtLeast,
            };
            return Ok(Plan {
                decimals,
                qualifier: (rounded != value || !err.is_zero()).then_some(qualifier),
            });
        }
        if rounded.is_zero() && !value.is_zero() {
            need_significant = true;
            decimals += 1;
            continue;
        }
        if need_significant {
            // The first significant digit is shown: one more if it can be vouched for.
            let next = decimals + 1;
            let more = round(value, next, spec.rounding);
            let sure_more = err.is_zero()
                || (round(low, next, spec.rounding) == more
                    && round(high, next, spec.rounding) == more);
            // …unless it is a trailing zero (0.04 stays 0.04).
            let decimals = if next <= 28 && sure_more && more != rounded {
                next
            } else {
                decimals
            };
            return Ok(Plan {
                decimals,
                qualifier: None,
            });
        }
        let on_edge = edges.iter().copied().find(|e| rounded == *e && value != *e);
        if let Some(edge) = on_edge {
            if decimals < base + 2 {
                decimals += 1;
                continue;
            }
            // Still on the edge two decimals further: say which side, when that is sure.
            let (side_low, side_high) = (low < edge, high < edge);
            if side_low == side_high && low != edge && high != edge {
                let qualifier = if value < edge {
                    Qualifier::JustUnder
                } else {
                    Qualifier::JustOver
                };
                return Ok(Plan {
                    decimals: base,
                    qualifier: Some(qualifier),
                });
            }
            return Ok(Plan {
                decimals: base,
                qualifier: None,
            });
        }
        return Ok(Plan {
            decimals,
            qualifier: None,
        });
    }
    Err(Undefined::Imprecise)
}

/// A number as planned: `60.0`, `$1,234.50`, `12.5%`, `just under 3.00:1`, `4.0 months`.
pub fn planned(value: Decimal, plan: Plan, spec: &ResultSpec, display: Display) -> String {
    let shown = round(value, plan.decimals, spec.rounding);
    let number = grouped(shown, plan.decimals, false, display.mark);
    let text = with_unit(number, shown, spec.unit, display);
    match plan.qualifier {
        Some(q) => format!("{}{text}", q.words()),
        None => text,
    }
}

/// The smallest p-value shown with its digits: 0.0001.
const P_FLOOR: Decimal = Decimal::from_parts(1, 0, 0, false, 4);

/// A result's value as shown, or why it cannot be: a number within its error, a verdict's
/// label, or the reason it is undefined.
pub fn result_text(
    computed: &Computed,
    spec: &ResultSpec,
    display: Display,
) -> Result<String, Undefined> {
    match computed.value {
        // Below 0.0001 a p-value says so (its digits stay in `data-value` and the CSV).
        Value::Number(v)
            if spec.unit == Unit::Probability
                && v.c_add(computed.err).is_some_and(|high| high < P_FLOOR) =>
        {
            Ok(format!("< {}", grouped(P_FLOOR, 4, false, display.mark)))
        }
        // A name of the user's: shown as it is.
        Value::Number(_) if computed.label.is_some() => {
            Ok(computed.label.as_deref().unwrap_or_default().to_owned())
        }
        Value::Number(v) => {
            let plan = plan(v, computed.err, spec, display)?;
            Ok(planned(v, plan, spec, display))
        }
        Value::Verdict(v) => Ok(v.label.to_owned()),
        Value::Undefined(reason) => Err(reason),
    }
}

/// A value that is not a result (a chart's legend, a count): the unit's decimals, and the
/// significant digits of a value that would show as zero.
pub fn card(value: Decimal, unit: Unit, display: Display) -> String {
    let spec = ResultSpec {
        id: "",
        label: "",
        unit,
        modes: &[],
        bands: None,
        rounding: Rounding::Nearest,
        role: crate::engine::spec::Role::Secondary,
        phrase: None,
        better: crate::engine::spec::Better::Neutral,
    };
    match plan(value, Decimal::ZERO, &spec, display) {
        Ok(plan) => planned(value, plan, &spec, display),
        Err(_) => grouped(value, card_decimals(unit, display), false, display.mark),
    }
}

fn with_unit(number: String, value: Decimal, unit: Unit, display: Display) -> String {
    match unit {
        Unit::Money => money(number, display),
        Unit::Percent | Unit::Chance => format!("{number}%"),
        Unit::Points => format!("{number} pts"),
        // A change says which way: +29.9 pts (grouped() already wrote "−" for a fall).
        Unit::Change if value > Decimal::ZERO => format!("+{number} pts"),
        Unit::Change => format!("{number} pts"),
        Unit::Ratio => format!("{number}:1"),
        Unit::Months => plural(number, value, "month"),
        Unit::Years => plural(number, value, "year"),
        Unit::Days => plural(number, value, "day"),
        Unit::Count
        | Unit::Nps
        | Unit::Score
        | Unit::Weight
        | Unit::Plain
        | Unit::Probability
        | Unit::Label => number,
    }
}

fn plural(number: String, value: Decimal, noun: &str) -> String {
    let s = if value == Decimal::ONE { "" } else { "s" };
    format!("{number} {noun}{s}")
}

fn money(number: String, display: Display) -> String {
    match number.strip_prefix('−') {
        Some(rest) => format!("−{}{rest}", display.currency.symbol),
        None => format!("{}{number}", display.currency.symbol),
    }
}

/// A value inside a working: up to four decimals (money: its minor units), trailing zeros
/// dropped; a value that is not zero but would show as 0 keeps four significant digits.
pub fn working_term(value: Decimal, unit: Unit, display: Display) -> String {
    let mut decimals = if unit == Unit::Money {
        display.currency.minor
    } else {
        4
    };
    if !value.is_zero() && value.round_dp(decimals).is_zero() {
        // The place of the first significant digit, then three more.
        while decimals < 28 && value.abs() < Decimal::new(1, decimals) {
            decimals += 1;
        }
        decimals = (decimals + 3).min(28);
    }
    let number = grouped(value, decimals, true, display.mark);
    if unit == Unit::Money {
        money(number, display)
    } else {
        number
    }
}

/// "NPS = (120 − 30) / 195 × 100 = 46.2": the working of one result, ending in the figure
/// the result shows.
pub fn working(label: &str, terms: &[Term], shown: &str, display: Display) -> String {
    let mut text = format!("{label} = ");
    for term in terms {
        match term {
            Term::Sym(s) => text.push_str(s),
            Term::Num(v, u) | Term::Named(v, u, _) => text.push_str(&working_term(*v, *u, display)),
        }
    }
    text.push_str(" = ");
    text.push_str(shown);
    text
}

/// Rounds half away from zero to `decimals`, groups thousands, uses the chosen mark and a true
/// minus sign; `trim` drops trailing zeros.
pub fn grouped(value: Decimal, decimals: u32, trim: bool, mark: DecimalMark) -> String {
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let mut fixed = format!("{:.*}", decimals as usize, rounded.abs());
    if trim && fixed.contains('.') {
        fixed = fixed.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    let (int_part, frac_part) = match fixed.split_once('.') {
        Some((i, f)) => (i.to_owned(), Some(f.to_owned())),
        None => (fixed, None),
    };
    let (group_sep, decimal_sep) = match mark {
        DecimalMark::Dot => (',', '.'),
        DecimalMark::Comma => ('.', ','),
    };
    let mut out = String::with_capacity(int_part.len().saturating_mul(2));
    if negative {
        out.push('−');
    }
    let len = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (len.saturating_sub(i)) % 3 == 0 {
            out.push(group_sep);
        }
        out.push(c);
    }
    if let Some(f) = frac_part {
        out.push(decimal_sep);
        out.push_str(&f);
    }
    out
}

/// The unit a change of a `unit` figure is shown in: a change of a percentage or of an NPS
/// is in points ("+0.4 pts", never "+0.4 %", which would read as a relative change).
pub fn change_unit(unit: Unit) -> Unit {
    match unit {
        Unit::Percent | Unit::Nps => Unit::Points,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn cards_round_only_for_display() {
        let dot = Display::default();
        assert_eq!(card(d("46.153846"), Unit::Nps, dot), "46.2");
        assert_eq!(card(d("60"), Unit::Nps, dot), "60.0");
        assert_eq!(card(d("1234.5"), Unit::Money, dot), "$1,234.50");
        assert_eq!(card(d("-1234.5"), Unit::Money, dot), "−$1,234.50");
        assert_eq!(card(d("12.25"), Unit::Percent, dot), "12.3%");
        assert_eq!(card(d("3.5"), Unit::Ratio, dot), "3.50:1");
        assert_eq!(card(d("1"), Unit::Months, dot), "1.0 month");
        assert_eq!(card(d("2"), Unit::Months, dot), "2.0 months");
        assert_eq!(card(d("1234567"), Unit::Count, dot), "1,234,567");
        assert_eq!(card(d("-0.04"), Unit::Percent, dot), "−0.04%");
        assert_eq!(card(d("0.000123"), Unit::Percent, dot), "0.00012%");
        assert_eq!(card(d("99.96"), Unit::Percent, dot), "99.96%");
        assert_eq!(card(d("99.9999"), Unit::Percent, dot), "just under 100.0%");
        let yen = Display {
            mark: DecimalMark::Comma,
            currency: currency("JPY"),
        };
        assert_eq!(card(d("2970"), Unit::Money, yen), "¥2.970");
        let comma = Display {
            mark: DecimalMark::Comma,
            currency: currency("EUR"),
        };
        assert_eq!(card(d("1234.5"), Unit::Money, comma), "€1.234,50");
    }

    #[test]
    fn plain_is_exact() {
        assert_eq!(plain(d("60.000")), "60");
        assert_eq!(plain(d("-0")), "0");
        assert_eq!(plain(d("0.5")), "0.5");
    }
}
