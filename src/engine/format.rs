//! Display: exact values rounded for people (one decimal for percentages and scores, two for
//! money and ratios), and the plain decimal kept in `data-value` and the CSV. Rounding happens
//! here and nowhere else.

use crate::engine::expr::Term;
use crate::engine::number::DecimalMark;
use crate::engine::spec::Unit;
use rust_decimal::{Decimal, RoundingStrategy};

/// A currency the user can pick for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency {
    /// ISO code, kept in settings.
    pub code: &'static str,
    /// What is written before amounts.
    pub symbol: &'static str,
}

/// The currencies offered; the first is the default.
pub const CURRENCIES: &[Currency] = &[
    Currency {
        code: "USD",
        symbol: "$",
    },
    Currency {
        code: "EUR",
        symbol: "€",
    },
    Currency {
        code: "GBP",
        symbol: "£",
    },
    Currency {
        code: "JPY",
        symbol: "¥",
    },
    Currency {
        code: "INR",
        symbol: "₹",
    },
    Currency {
        code: "CAD",
        symbol: "C$",
    },
    Currency {
        code: "AUD",
        symbol: "A$",
    },
    Currency {
        code: "CHF",
        symbol: "CHF ",
    },
    Currency {
        code: "SEK",
        symbol: "SEK ",
    },
    Currency {
        code: "BRL",
        symbol: "R$",
    },
    Currency {
        code: "NONE",
        symbol: "",
    },
];

/// The currency with this code, or the default.
pub fn currency(code: &str) -> Currency {
    CURRENCIES
        .iter()
        .copied()
        .find(|c| c.code == code)
        .unwrap_or(Currency {
            code: "USD",
            symbol: "$",
        })
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

/// Decimals shown on a result card for this unit.
pub fn card_decimals(unit: Unit) -> u32 {
    match unit {
        Unit::Count => 0,
        Unit::Percent | Unit::Points | Unit::Nps | Unit::Score => 1,
        Unit::Months | Unit::Years | Unit::Days => 1,
        Unit::Money | Unit::Ratio | Unit::Weight | Unit::Plain => 2,
    }
}

/// A value as shown on a result card: `60.0`, `$1,234.50`, `12.5%`, `3.50:1`, `4.0 months`.
pub fn card(value: Decimal, unit: Unit, display: Display) -> String {
    let number = grouped(value, card_decimals(unit), false, display.mark);
    with_unit(number, value, unit, display)
}

fn with_unit(number: String, value: Decimal, unit: Unit, display: Display) -> String {
    match unit {
        Unit::Money => money(number, display),
        Unit::Percent => format!("{number}%"),
        Unit::Points => format!("{number} pts"),
        Unit::Ratio => format!("{number}:1"),
        Unit::Months => plural(number, value, "month"),
        Unit::Years => plural(number, value, "year"),
        Unit::Days => plural(number, value, "day"),
        Unit::Count | Unit::Nps | Unit::Score | Unit::Weight | Unit::Plain => number,
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

/// A value inside a working: up to four decimals, trailing zeros dropped; money with its sign.
pub fn working_term(value: Decimal, unit: Unit, display: Display) -> String {
    let decimals = if unit == Unit::Money { 2 } else { 4 };
    let number = grouped(value, decimals, true, display.mark);
    if unit == Unit::Money {
        money(number, display)
    } else {
        number
    }
}

/// "NPS = (120 − 30) / 195 × 100 = 46.15": the working of one result, its value to two
/// decimals.
pub fn working(
    label: &str,
    terms: &[Term],
    value: Decimal,
    unit: Unit,
    display: Display,
) -> String {
    let mut text = format!("{label} = ");
    for term in terms {
        match term {
            Term::Sym(s) => text.push_str(s),
            Term::Num(v, u) => text.push_str(&working_term(*v, *u, display)),
        }
    }
    let result = grouped(value, 2, true, display.mark);
    let result = if unit == Unit::Money {
        money(result, display)
    } else {
        result
    };
    text.push_str(" = ");
    text.push_str(&result);
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
        assert_eq!(card(d("-0.04"), Unit::Percent, dot), "0.0%");
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
