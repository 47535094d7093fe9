//! Formulas written once, as arithmetic on [`Ex`]: each operation is checked exact decimal
//! arithmetic *and* records its text, so every result carries its working with the user's
//! numbers filled in (`(120 − 30) / 195 × 100`). An undefined operand (a zero divisor guarded
//! with a reason, an overflow) makes every result built from it undefined with that reason.

use crate::engine::error::Undefined;
use crate::engine::spec::{Unit, Verdict};
use rust_decimal::Decimal;
use std::ops::{Add, Div, Mul, Sub};

/// One piece of a working: a symbol or a number with its unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// Operators, brackets and function names.
    Sym(&'static str),
    /// A number, formatted by its unit when shown.
    Num(Decimal, Unit),
}

/// How tightly an expression binds, for brackets in the working.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Sum = 1,
    Product = 2,
    Atom = 3,
}

/// An exact value (or the reason it has none) together with how it was computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ex {
    value: Result<Decimal, Undefined>,
    terms: Vec<Term>,
    prec: Prec,
    computed: bool,
}

impl Ex {
    /// A number as the user gave it.
    pub fn num(value: Decimal, unit: Unit) -> Ex {
        Ex {
            value: Ok(value),
            terms: vec![Term::Num(value, unit)],
            prec: Prec::Atom,
            computed: false,
        }
    }

    /// A constant of the formula (100, 12, 1.96).
    pub fn lit(value: Decimal) -> Ex {
        Ex::num(value, Unit::Plain)
    }

    /// A whole constant of the formula.
    pub fn int(value: i64) -> Ex {
        Ex::lit(Decimal::from(value))
    }

    /// A value that cannot be computed, for `reason`.
    pub fn fail(reason: Undefined) -> Ex {
        Ex {
            value: Err(reason),
            terms: Vec::new(),
            prec: Prec::Atom,
            computed: false,
        }
    }

    /// The value, or why there is none.
    pub fn value(&self) -> Result<Decimal, Undefined> {
        self.value
    }

    /// The working's terms.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Whether any operation was applied (an input echoed back has no working).
    pub fn is_computed(&self) -> bool {
        self.computed
    }

    /// `self / divisor`, undefined for `reason` when the divisor is zero.
    pub fn per(self, divisor: Ex, reason: Undefined) -> Ex {
        if divisor.value == Ok(Decimal::ZERO) {
            return Ex::fail(reason);
        }
        self / divisor
    }

    /// `self / divisor × 100`, undefined for `reason` when the divisor is zero. The value is
    /// computed as `self × 100 / divisor` so the quotient keeps all 28 significant digits.
    pub fn pct_of(self, divisor: Ex, reason: Undefined) -> Ex {
        let exact = match (self.value, divisor.value) {
            (Ok(a), Ok(b)) if !b.is_zero() => a
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|scaled| scaled.checked_div(b)),
            _ => None,
        };
        let mut ex = self.per(divisor, reason) * Ex::int(100);
        if let Some(v) = exact {
            ex.value = Ok(v);
        }
        ex
    }

    /// This value as a single number in later workings (an intermediate such as p = P / n).
    pub fn collapse(self, unit: Unit) -> Ex {
        match self.value {
            Ok(v) => Ex::num(v, unit),
            Err(e) => Ex::fail(e),
        }
    }

    /// The square root; undefined (overflow) for a negative value.
    pub fn sqrt(self) -> Ex {
        let value = self
            .value
            .and_then(|v| root(v, 2).ok_or(Undefined::Overflow));
        let mut terms = vec![Term::Sym("√(")];
        terms.extend(self.terms);
        terms.push(Term::Sym(")"));
        Ex {
            value,
            terms,
            prec: Prec::Atom,
            computed: true,
        }
    }

    /// The smallest whole number not below the value, shown as `⌈…⌉`.
    pub fn ceil(self) -> Ex {
        let value = self.value.map(|v| v.ceil());
        let mut terms = vec![Term::Sym("⌈")];
        terms.extend(self.terms);
        terms.push(Term::Sym("⌉"));
        Ex {
            value,
            terms,
            prec: Prec::Atom,
            computed: true,
        }
    }

    /// The square.
    pub fn squared(self) -> Ex {
        let value = self
            .value
            .and_then(|v| v.checked_mul(v).ok_or(Undefined::Overflow));
        let mut terms = self.bracketed(Prec::Atom);
        terms.push(Term::Sym("²"));
        Ex {
            value,
            terms,
            prec: Prec::Atom,
            computed: true,
        }
    }

    /// `self` raised to `numerator / denominator`, two whole numbers (a non-negative base),
    /// shown as `base^(numerator / denominator)`: the root of a power, so a whole exponent is
    /// exact and a fraction such as 12 / 7 needs no logarithms.
    pub fn pow_ratio(self, numerator: Ex, denominator: Ex) -> Ex {
        let value = match (self.value, numerator.value, denominator.value) {
            (Ok(base), Ok(p), Ok(q)) => ratio_power(base, p, q),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Err(e),
        };
        let exponent = numerator / denominator;
        let mut terms = self.bracketed(Prec::Atom);
        terms.push(Term::Sym("^"));
        terms.extend(exponent.bracketed(Prec::Atom));
        Ex {
            value,
            terms,
            prec: Prec::Atom,
            computed: true,
        }
    }

    /// The larger of two values, shown as `max(a, b)`.
    pub fn max(self, other: Ex) -> Ex {
        Ex::function("max(", self, other, |a, b| a.max(b))
    }

    /// The smaller of two values, shown as `min(a, b)`.
    pub fn min(self, other: Ex) -> Ex {
        Ex::function("min(", self, other, |a, b| a.min(b))
    }

    /// The sum of many values (an empty sum is 0).
    pub fn sum(parts: Vec<Ex>) -> Ex {
        let mut parts = parts.into_iter();
        let first = parts.next().unwrap_or_else(|| Ex::int(0));
        parts.fold(first, |acc, part| acc + part)
    }

    fn function(name: &'static str, a: Ex, b: Ex, f: fn(Decimal, Decimal) -> Decimal) -> Ex {
        let value = match (a.value, b.value) {
            (Ok(x), Ok(y)) => Ok(f(x, y)),
            (Err(e), _) | (_, Err(e)) => Err(e),
        };
        let mut terms = vec![Term::Sym(name)];
        terms.extend(a.terms);
        terms.push(Term::Sym(", "));
        terms.extend(b.terms);
        terms.push(Term::Sym(")"));
        Ex {
            value,
            terms,
            prec: Prec::Atom,
            computed: true,
        }
    }

    fn bracketed(self, needed: Prec) -> Vec<Term> {
        if self.prec >= needed {
            return self.terms;
        }
        let mut terms = Vec::with_capacity(self.terms.len().saturating_add(2));
        terms.push(Term::Sym("("));
        terms.extend(self.terms);
        terms.push(Term::Sym(")"));
        terms
    }

    fn binary(self, op: Op, rhs: Ex) -> Ex {
        let value = match (self.value, rhs.value) {
            (Ok(a), Ok(b)) => op.apply(a, b),
            (Err(e), _) | (_, Err(e)) => Err(e),
        };
        let prec = op.prec();
        // The right operand of − and / needs brackets at equal precedence: a − (b − c).
        let right_needs = if matches!(op, Op::Sub | Op::Div) {
            next(prec)
        } else {
            prec
        };
        let mut terms = self.bracketed(prec);
        terms.push(Term::Sym(op.symbol()));
        terms.extend(rhs.bracketed(right_needs));
        Ex {
            value,
            terms,
            prec,
            computed: true,
        }
    }
}

fn next(prec: Prec) -> Prec {
    match prec {
        Prec::Sum => Prec::Product,
        Prec::Product | Prec::Atom => Prec::Atom,
    }
}

/// `base ^ (p / q)` for whole p ≥ 0 and q ≥ 1: the q-th root of base^p (p / q in lowest terms).
fn ratio_power(base: Decimal, p: Decimal, q: Decimal) -> Result<Decimal, Undefined> {
    let whole = |d: Decimal| {
        if d.fract().is_zero() && !d.is_sign_negative() {
            u64::try_from(d.trunc().mantissa()).ok()
        } else {
            None
        }
    };
    let (Some(p), Some(q)) = (whole(p), whole(q).filter(|q| *q > 0)) else {
        return Err(Undefined::Overflow);
    };
    if base.is_sign_negative() && !base.is_zero() {
        return Err(Undefined::Overflow);
    }
    let common = gcd(p, q);
    let (p, q) = (p / common, q / common);
    power_whole(base, p)
        .and_then(|a| root(a, q))
        .ok_or(Undefined::Overflow)
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a.max(1)
    } else {
        gcd(b, a % b)
    }
}

/// `base ^ n` by repeated squaring, every product checked.
pub fn power_whole(base: Decimal, n: u64) -> Option<Decimal> {
    let mut result = Decimal::ONE;
    let mut square = base;
    let mut n = n;
    while n > 0 {
        if n & 1 == 1 {
            result = result.checked_mul(square)?;
        }
        n >>= 1;
        if n > 0 {
            square = square.checked_mul(square)?;
        }
    }
    Some(result)
}

/// The q-th root of `a ≥ 0` by Newton's method, to the last of Decimal's 28 digits: from a
/// start above the root the steps fall monotonically, and the first step that no longer falls
/// (rounding has reached the last digit) ends it. The start is 1 or a power of ten at or
/// above the root, so no step overflows for any a a Decimal holds.
pub fn root(a: Decimal, q: u64) -> Option<Decimal> {
    if a.is_sign_negative() {
        return None;
    }
    if a.is_zero() || q == 1 {
        return Some(a);
    }
    // Roots of a ≤ 1 are at most 1; above 1, 10^⌈digits / q⌉ is at or above the root.
    let mut y = if a <= Decimal::ONE {
        Decimal::ONE
    } else {
        let mut integer_digits = 0_u64;
        let mut rest = a.trunc().mantissa();
        while rest > 0 {
            integer_digits += 1;
            rest /= 10;
        }
        power_whole(Decimal::TEN, integer_digits.div_ceil(q))?
    };
    let (q_dec, q_less) = (Decimal::from(q), Decimal::from(q - 1));
    // Far above the root each step shrinks y by about (q − 1) / q: a few hundred steps for a
    // 120th root; then the convergence is quadratic.
    for _ in 0..4_000 {
        // A y^(q−1) too large for a Decimal makes a / y^(q−1) vanish.
        let pulled = power_whole(y, q - 1).map_or(Some(Decimal::ZERO), |d| a.checked_div(d))?;
        let next = y
            .checked_mul(q_less)?
            .checked_add(pulled)?
            .checked_div(q_dec)?;
        if next >= y {
            break;
        }
        y = next;
    }
    Some(y)
}

#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn apply(self, a: Decimal, b: Decimal) -> Result<Decimal, Undefined> {
        let result = match self {
            Op::Add => a.checked_add(b),
            Op::Sub => a.checked_sub(b),
            Op::Mul => a.checked_mul(b),
            Op::Div if b.is_zero() => return Err(Undefined::DivideByZero),
            Op::Div => a.checked_div(b),
        };
        result.ok_or(Undefined::Overflow)
    }

    fn symbol(self) -> &'static str {
        match self {
            Op::Add => " + ",
            Op::Sub => " − ",
            Op::Mul => " × ",
            Op::Div => " / ",
        }
    }

    fn prec(self) -> Prec {
        match self {
            Op::Add | Op::Sub => Prec::Sum,
            Op::Mul | Op::Div => Prec::Product,
        }
    }
}

macro_rules! operator {
    ($trait:ident, $method:ident, $op:expr) => {
        impl $trait for Ex {
            type Output = Ex;
            fn $method(self, rhs: Ex) -> Ex {
                self.binary($op, rhs)
            }
        }
    };
}
operator!(Add, add, Op::Add);
operator!(Sub, sub, Op::Sub);
operator!(Mul, mul, Op::Mul);
operator!(Div, div, Op::Div);

/// A computed result: a number, a verdict, or the reason it has neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// An exact number.
    Number(Decimal),
    /// A verdict or band.
    Verdict(&'static Verdict),
    /// Not computable, and why.
    Undefined(Undefined),
}

/// One result as the formula produced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Computed {
    /// The value.
    pub value: Value,
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
        let value = match ex.value {
            Ok(v) => Value::Number(v),
            Err(e) => Value::Undefined(e),
        };
        let working = (ex.computed && matches!(value, Value::Number(_))).then_some(ex.terms);
        self.results.push((id, Computed { value, working }));
        self
    }

    /// Sets result `id` to a verdict, or the reason there is none.
    pub fn verdict(&mut self, id: &'static str, verdict: Result<&'static Verdict, Undefined>) {
        let value = match verdict {
            Ok(v) => Value::Verdict(v),
            Err(e) => Value::Undefined(e),
        };
        self.results.push((
            id,
            Computed {
                value,
                working: None,
            },
        ));
    }

    /// The result with this id.
    pub fn get(&self, id: &str) -> Option<&Computed> {
        self.results
            .iter()
            .find(|(rid, _)| *rid == id)
            .map(|(_, c)| c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: i64) -> Ex {
        Ex::num(Decimal::from(n), Unit::Count)
    }

    fn text(ex: &Ex) -> String {
        ex.terms()
            .iter()
            .map(|t| match t {
                Term::Sym(s) => (*s).to_owned(),
                Term::Num(v, _) => v.to_string(),
            })
            .collect()
    }

    #[test]
    fn brackets_follow_precedence() {
        let nps = (d(120) - d(30)) / d(195) * Ex::int(100);
        assert_eq!(text(&nps), "(120 − 30) / 195 × 100");
        let nested = d(10) - (d(4) - d(3));
        assert_eq!(text(&nested), "10 − (4 − 3)");
        assert_eq!(nested.value(), Ok(Decimal::from(9)));
        let ratio = d(6) / (d(2) * d(3));
        assert_eq!(text(&ratio), "6 / (2 × 3)");
        assert_eq!(ratio.value(), Ok(Decimal::ONE));
        let plain = d(1) + d(2) * d(3);
        assert_eq!(text(&plain), "1 + 2 × 3");
    }

    #[test]
    fn zero_divisor_gives_the_formula_reason() {
        let ex = d(5).per(d(0), Undefined::NoCustomers) + d(1);
        assert_eq!(ex.value(), Err(Undefined::NoCustomers));
        let raw = d(5) / d(0);
        assert_eq!(raw.value(), Err(Undefined::DivideByZero));
    }

    #[test]
    fn overflow_is_undefined_not_a_panic() {
        let huge = Ex::lit(Decimal::MAX);
        assert_eq!(
            (huge.clone() * huge.clone()).value(),
            Err(Undefined::Overflow)
        );
        assert_eq!((huge.clone() + huge).value(), Err(Undefined::Overflow));
        assert_eq!(d(-4).sqrt().value(), Err(Undefined::Overflow));
    }

    #[test]
    fn powers() {
        assert_eq!(d(2).pow_ratio(d(10), d(1)).value(), Ok(Decimal::from(1024)));
        assert_eq!(d(0).pow_ratio(d(1), d(2)).value(), Ok(Decimal::ZERO));
        assert_eq!(d(7).pow_ratio(d(0), d(3)).value(), Ok(Decimal::ONE));
        assert_eq!(
            Ex::lit(Decimal::new(81, 2)).pow_ratio(d(12), d(24)).value(),
            Ok(Decimal::new(9, 1))
        );
        assert_eq!(
            d(-4).pow_ratio(d(1), d(2)).value(),
            Err(Undefined::Overflow)
        );
        assert_eq!(d(4).pow_ratio(d(1), d(0)).value(), Err(Undefined::Overflow));
        assert_eq!(text(&d(4).pow_ratio(d(12), d(7))), "4^(12 / 7)");
    }

    #[test]
    fn roots_are_exact_to_the_last_digit() {
        let close = |got: Decimal, want: Decimal| (got - want).abs() <= Decimal::new(1, 26);
        assert_eq!(root(Decimal::from(1024), 10), Some(Decimal::TWO));
        assert_eq!(root(Decimal::new(81, 2), 2), Some(Decimal::new(9, 1)));
        let two = root(Decimal::TWO, 2).unwrap_or_default();
        assert!(
            close(
                two,
                Decimal::from_i128_with_scale(14142135623730950488016887242, 28)
            ),
            "{two}"
        );
        // The largest Decimal: its square root starts from 10^15 and stays in range.
        let big = root(Decimal::MAX, 2).unwrap_or_default();
        assert!(close(big, Decimal::new(281474976710656, 0)), "{big}");
        // A high root of a large number, and of a number just above 1.
        let big_power = power_whole(Decimal::new(15, 1), 100).unwrap_or_default();
        let r = root(big_power, 100).unwrap_or_default();
        assert!(close(r, Decimal::new(15, 1)), "{r}");
        let r = root(Decimal::new(1001, 3), 7).unwrap_or_default();
        let back = power_whole(r, 7).unwrap_or_default();
        assert!(close(back, Decimal::new(1001, 3)), "{back}");
        // A 119th root of something tiny, as a 119-month churn rate of 99 % needs.
        let tiny = power_whole(Decimal::new(1, 2), 12).unwrap_or_default();
        let r = root(tiny, 119).unwrap_or_default();
        let back = power_whole(r, 119).unwrap_or_default();
        assert!((back - tiny).abs() <= Decimal::new(1, 26), "{r} {back}");
    }
}
