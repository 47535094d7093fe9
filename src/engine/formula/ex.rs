//! Formulas written once, as arithmetic on [`Ex`]: each operation is checked exact decimal
//! arithmetic *and* records its text, so every result carries its working with the user's
//! numbers filled in (`(120 − 30) / 195 × 100`). An undefined operand (a zero divisor guarded
//! with a reason, an overflow) makes every result built from it undefined with that reason.

use crate::engine::approx::Approx;
use crate::engine::error::Undefined;
use crate::engine::types::Unit;
use rust_decimal::Decimal;
use std::ops::{Add, Div, Mul, Sub};

/// One piece of a working: a symbol or a number with its unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// Operators, brackets and function names.
    Sym(&'static str),
    /// A number, formatted by its unit when shown.
    Num(Decimal, Unit),
    /// A number that stands for a named quantity (an input, or an intermediate such as the
    /// number of answers): shown as the number in a working, as the name in the reference.
    Named(Decimal, Unit, &'static str),
}

/// How tightly an expression binds, for brackets in the working.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Sum = 1,
    Product = 2,
    Atom = 3,
}

/// A value (with the bound of its rounding error, or the reason it has none) together with
/// how it was computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ex {
    value: Result<Approx, Undefined>,
    terms: Vec<Term>,
    prec: Prec,
    computed: bool,
    /// For a sum of exact terms, the terms (empty: the value is its own single term): a sum
    /// is valued from all its terms at once, so `start − lost + gained` is exact whenever its
    /// result fits, whatever the size of `start − lost` on the way.
    summands: Vec<Decimal>,
}

impl Ex {
    /// A number as the user gave it.
    pub fn num(value: Decimal, unit: Unit) -> Ex {
        Ex {
            value: Ok(Approx::exact(value)),
            terms: vec![Term::Num(value, unit)],
            prec: Prec::Atom,
            computed: false,
            summands: Vec::new(),
        }
    }

    /// The value of a named quantity: an input as the user gave it.
    pub fn named(value: Decimal, unit: Unit, name: &'static str) -> Ex {
        Ex {
            terms: vec![Term::Named(value, unit, name)],
            ..Ex::num(value, unit)
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
            summands: Vec::new(),
        }
    }

    /// The value, or why there is none.
    pub fn value(&self) -> Result<Decimal, Undefined> {
        self.value.map(|a| a.value)
    }

    /// The value with its error bound, or why there is none.
    pub fn approx(&self) -> Result<Approx, Undefined> {
        self.value
    }

    /// The working's terms.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The working's terms, taken.
    pub fn into_terms(self) -> Vec<Term> {
        self.terms
    }

    /// Whether any operation was applied (an input echoed back has no working).
    pub fn is_computed(&self) -> bool {
        self.computed
    }

    /// This working, valued by `other` where that is the better value: the same formula
    /// rearranged so that less is rounded (a product before a quotient, one division instead
    /// of two, a pairing of quotients that keeps their digits). The working reads as people
    /// write the formula; of the two values, the one with the smaller error bound is kept
    /// (an exact one always wins). A reason of the formula's own (no customers) stands; a
    /// form too large for a decimal gives way to one that fits.
    pub fn valued_by(mut self, other: &Ex) -> Ex {
        self.value = match (self.value, other.value) {
            (Ok(mine), Ok(theirs)) if theirs.err < mine.err => Ok(theirs),
            (Err(Undefined::Overflow | Undefined::Imprecise), Ok(theirs)) => Ok(theirs),
            (mine, _) => mine,
        };
        self
    }

    /// Π `numerator` / Π `denominator` (undefined for `reason` when a factor below is exactly
    /// zero), valued by whichever order of its products and quotients keeps the most digits:
    /// a product of two tiny factors falls below the 28th decimal and loses its digits, while
    /// dividing by one factor at a time keeps them.
    pub fn quotient<'a>(numerator: &[&'a Ex], denominator: &[&'a Ex], reason: Undefined) -> Ex {
        let zero = Ok(Approx::exact(Decimal::ZERO));
        if denominator.iter().any(|d| d.approx() == zero) {
            return Ex::fail(reason);
        }
        let product = |factors: &[&Ex]| factors.iter().fold(Ex::int(1), |acc, f| acc * *f);
        let mut best = product(numerator) / product(denominator);
        // Divide one factor at a time, in every order of the factors and divisors (three of
        // each at most here), sequentially or interleaved (n1 / d1 × n2 / d2 …); the first
        // exact order ends the search.
        let orders: &[&[usize]] = &[
            &[0, 1, 2],
            &[1, 0, 2],
            &[0, 2, 1],
            &[1, 2, 0],
            &[2, 0, 1],
            &[2, 1, 0],
        ];
        let arranged = |list: &[&'a Ex], order: &[usize]| -> Option<Vec<&'a Ex>> {
            let picked: Vec<&Ex> = order.iter().filter_map(|i| list.get(*i).copied()).collect();
            (picked.len() == list.len()).then_some(picked)
        };
        for top_order in orders {
            let Some(factors) = arranged(numerator, top_order) else {
                continue;
            };
            let top = product(&factors);
            for order in orders {
                if best.approx().is_ok_and(|a| a.is_exact()) {
                    return best;
                }
                let Some(divisors) = arranged(denominator, order) else {
                    continue;
                };
                let sequential = divisors.iter().fold(top.clone(), |acc, d| acc / *d);
                let mut interleaved = Ex::int(1);
                for (at, d) in divisors.iter().enumerate() {
                    if let Some(n) = factors.get(at) {
                        interleaved = interleaved * *n;
                    }
                    interleaved = interleaved / *d;
                }
                for n in factors.iter().skip(divisors.len()) {
                    interleaved = interleaved * *n;
                }
                best = best.valued_by(&sequential).valued_by(&interleaved);
            }
        }
        best.valued_by(&Ex::balanced(numerator, denominator))
    }

    /// Π `numerator` / Π `denominator` taken one factor at a time, keeping the running value
    /// near 1: above 1 it is divided by the largest divisor left (or multiplied by the
    /// smallest factor), below 1 multiplied by the largest factor left (or divided by the
    /// smallest divisor). Tiny factors then never meet while the value is tiny (a product
    /// of 10^−14 and 10^−12 would fall below the 28th decimal), nor large ones while it is
    /// large.
    fn balanced(numerator: &[&Ex], denominator: &[&Ex]) -> Ex {
        let size = |e: &&Ex| e.value().map(|v| v.abs()).unwrap_or_default();
        let (mut top, mut bottom) = (numerator.to_vec(), denominator.to_vec());
        let mut acc = Ex::int(1);
        loop {
            let large = acc.value().is_ok_and(|v| v.abs() >= Decimal::ONE);
            let pick = |list: &[&Ex], biggest: bool| {
                let mut at = None::<usize>;
                for (i, e) in list.iter().enumerate() {
                    let better = at.and_then(|j| list.get(j)).is_none_or(|best| {
                        if biggest {
                            size(e) > size(best)
                        } else {
                            size(e) < size(best)
                        }
                    });
                    if better {
                        at = Some(i);
                    }
                }
                at
            };
            // (use the numerator?, pick its largest?)
            let step = if large {
                match pick(&bottom, true) {
                    Some(i) => Some((false, i)),
                    None => pick(&top, false).map(|i| (true, i)),
                }
            } else {
                match pick(&top, true) {
                    Some(i) => Some((true, i)),
                    None => pick(&bottom, false).map(|i| (false, i)),
                }
            };
            match step {
                Some((true, i)) => acc = acc * top.remove(i),
                Some((false, i)) => acc = acc / bottom.remove(i),
                None => return acc,
            }
        }
    }

    /// `self / divisor`, undefined for `reason` when the divisor is exactly zero (one that
    /// only rounds to zero is divided by, and its error decides).
    pub fn per(self, divisor: impl Into<Ex>, reason: Undefined) -> Ex {
        let divisor = divisor.into();
        if divisor.approx() == Ok(Approx::exact(Decimal::ZERO)) {
            return Ex::fail(reason);
        }
        self / divisor
    }

    /// `self / divisor × 100`, undefined for `reason` when the divisor is zero, computed as
    /// `self × 100 / divisor`: one rounding at most.
    pub fn pct_of(self, divisor: impl Into<Ex>, reason: Undefined) -> Ex {
        let divisor = divisor.into();
        let exact = (&self * 100).per(divisor.clone(), reason);
        (self.per(divisor, reason) * 100).valued_by(&exact)
    }

    /// This value as one named quantity in later workings (the number of answers, once
    /// added up, as "Responses").
    pub fn collapse_named(self, unit: Unit, name: &'static str) -> Ex {
        let mut ex = self.collapse(unit);
        if let Ok(v) = ex.value {
            ex.terms = vec![Term::Named(v.value, unit, name)];
        }
        ex
    }

    /// This value as a single number in later workings (an intermediate such as p = P / n).
    pub fn collapse(self, unit: Unit) -> Ex {
        match self.value {
            Ok(v) => Ex {
                value: Ok(v),
                terms: vec![Term::Num(v.value, unit)],
                prec: Prec::Atom,
                computed: false,
                summands: Vec::new(),
            },
            Err(e) => Ex::fail(e),
        }
    }

    fn wrap(self, value: Result<Approx, Undefined>, open: &'static str, close: &'static str) -> Ex {
        let mut terms = vec![Term::Sym(open)];
        terms.extend(self.terms);
        terms.push(Term::Sym(close));
        Ex {
            value,
            terms,
            prec: Prec::Atom,
            computed: true,
            summands: Vec::new(),
        }
    }

    /// The square root; undefined (overflow) for a negative value.
    pub fn sqrt(self) -> Ex {
        let value = self.value.and_then(|v| v.root(2));
        self.wrap(value, "√(", ")")
    }

    /// The two-sided p-value of this z-score, 2 (1 − Φ(|z|)) (see `engine::stats`).
    pub fn two_sided_p(self) -> Ex {
        self.apply("2 × (1 − Φ(|", "|))", crate::engine::stats::two_sided_p)
    }

    /// The absolute value, shown as `|…|`.
    pub fn abs(self) -> Ex {
        self.apply("|", "|", |v| {
            Ok(Approx {
                value: v.value.abs(),
                err: v.err,
            })
        })
    }

    /// `f` of the value, shown as `open … close`.
    pub fn apply(
        self,
        open: &'static str,
        close: &'static str,
        f: fn(Approx) -> Result<Approx, Undefined>,
    ) -> Ex {
        let value = self.value.and_then(f);
        self.wrap(value, open, close)
    }

    /// The smallest whole number not below the value, shown as `⌈…⌉`.
    pub fn ceil(self) -> Ex {
        let value = self.value.and_then(Approx::ceil);
        self.wrap(value, "⌈", "⌉")
    }

    /// The square.
    pub fn squared(self) -> Ex {
        let value = self.value.and_then(|v| v.times(v));
        let mut terms = self.bracketed(Prec::Atom);
        terms.push(Term::Sym("²"));
        Ex {
            value,
            terms,
            prec: Prec::Atom,
            computed: true,
            summands: Vec::new(),
        }
    }

    /// `self` raised to `numerator / denominator`, two whole numbers (a non-negative base),
    /// shown as `base^(numerator / denominator)`: the power of a root, so a whole exponent is
    /// exact, a fraction such as 12 / 7 needs no logarithms, and the root of a small share is
    /// taken before its power can fall below the 28th decimal.
    pub fn pow_ratio(self, numerator: Ex, denominator: Ex) -> Ex {
        let value = match (self.value, numerator.value(), denominator.value()) {
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
            summands: Vec::new(),
        }
    }

    /// The larger of two values, shown as `max(a, b)`.
    pub fn max(self, other: impl Into<Ex>) -> Ex {
        Ex::function("max(", self, other.into(), Approx::max)
    }

    /// The smaller of two values, shown as `min(a, b)`.
    pub fn min(self, other: impl Into<Ex>) -> Ex {
        Ex::function("min(", self, other.into(), Approx::min)
    }

    /// The sum of many values (an empty sum is 0).
    pub fn sum(parts: Vec<Ex>) -> Ex {
        let mut parts = parts.into_iter();
        let first = parts.next().unwrap_or_else(|| Ex::int(0));
        parts.fold(first, |acc, part| acc + part)
    }

    fn function(
        name: &'static str,
        a: Ex,
        b: Ex,
        f: fn(Approx, Approx) -> Result<Approx, Undefined>,
    ) -> Ex {
        let value = match (a.value, b.value) {
            (Ok(x), Ok(y)) => f(x, y),
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
            summands: Vec::new(),
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

    /// The exact terms this value is the sum of (`None`: it is not such a sum).
    fn terms_of_sum(&self, negate: bool) -> Option<Vec<Decimal>> {
        let parts = if self.summands.is_empty() {
            vec![self.value.ok().filter(Approx::is_exact)?.value]
        } else {
            self.summands.clone()
        };
        Some(if negate {
            parts.into_iter().map(|p| -p).collect()
        } else {
            parts
        })
    }

    fn binary(self, op: Op, rhs: Ex) -> Ex {
        let sum_terms = match op {
            Op::Add | Op::Sub => self
                .terms_of_sum(false)
                .zip(rhs.terms_of_sum(matches!(op, Op::Sub)))
                .map(|(mut a, b)| {
                    a.extend(b);
                    a
                }),
            Op::Mul | Op::Div => None,
        };
        let exact = sum_terms.as_deref().and_then(exact_sum);
        let value = match (exact, self.value, rhs.value) {
            (Some(v), _, _) => Ok(v),
            (None, Ok(a), Ok(b)) => op.apply(a, b),
            (None, Err(e), _) | (None, _, Err(e)) => Err(e),
        };
        // The terms are kept even when their total had to be rounded: a later term may bring
        // it back within a decimal's digits (1e15 + 1e−16 − 1e15).
        let summands = match (exact, sum_terms) {
            (Some(_), Some(terms)) => terms,
            _ => Vec::new(),
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
            summands,
        }
    }
}

/// The sum of exact terms, added as wide integers at their common scale: exact when the
/// result fits a decimal, else rounded once (within one unit of its last place). `None` when
/// the terms are beyond even that (then the sum is added step by step).
fn exact_sum(terms: &[Decimal]) -> Option<Approx> {
    let scale = terms.iter().map(|t| t.scale()).max()?;
    let mut total: i128 = 0;
    for term in terms {
        let factor = 10_i128.checked_pow(scale - term.scale())?;
        total = total.checked_add(term.mantissa().checked_mul(factor)?)?;
    }
    let (mut total, mut scale, mut dropped) = (total, scale, false);
    loop {
        if let Ok(value) = Decimal::try_from_i128_with_scale(total, scale) {
            let err = if dropped {
                Decimal::new(1, scale)
            } else {
                Decimal::ZERO
            };
            return Some(Approx { value, err });
        }
        if scale == 0 {
            return None;
        }
        dropped |= total % 10 != 0;
        total /= 10;
        scale -= 1;
    }
}

impl From<i64> for Ex {
    fn from(value: i64) -> Ex {
        Ex::int(value)
    }
}

impl From<&Ex> for Ex {
    fn from(value: &Ex) -> Ex {
        value.clone()
    }
}

fn next(prec: Prec) -> Prec {
    match prec {
        Prec::Sum => Prec::Product,
        Prec::Product | Prec::Atom => Prec::Atom,
    }
}

/// `base ^ (p / q)` for whole p ≥ 0 and q ≥ 1: the p-th power of the q-th root (p / q in
/// lowest terms).
fn ratio_power(base: Approx, p: Decimal, q: Decimal) -> Result<Approx, Undefined> {
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
    if base.value.is_sign_negative() && !base.value.is_zero() {
        return Err(Undefined::Overflow);
    }
    let common = gcd(p, q);
    let (p, q) = (p / common, q / common);
    base.root(q)?.pow(p)
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a.max(1)
    } else {
        gcd(b, a % b)
    }
}

#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn apply(self, a: Approx, b: Approx) -> Result<Approx, Undefined> {
        match self {
            Op::Add => a.plus(b),
            Op::Sub => a.minus(b),
            Op::Mul => a.times(b),
            Op::Div => a.over(b),
        }
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

/// Arithmetic on owned and borrowed expressions and on whole constants: `&p + &pa + &d`,
/// `(&p - &d) * 100`.
macro_rules! operator {
    ($trait:ident, $method:ident, $op:expr) => {
        impl<R: Into<Ex>> $trait<R> for Ex {
            type Output = Ex;
            fn $method(self, rhs: R) -> Ex {
                self.binary($op, rhs.into())
            }
        }
        impl<R: Into<Ex>> $trait<R> for &Ex {
            type Output = Ex;
            fn $method(self, rhs: R) -> Ex {
                self.clone().binary($op, rhs.into())
            }
        }
    };
}
operator!(Add, add, Op::Add);
operator!(Sub, sub, Op::Sub);
operator!(Mul, mul, Op::Mul);
operator!(Div, div, Op::Div);

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
                Term::Num(v, _) | Term::Named(v, _, _) => v.to_string(),
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
        let ex = d(5).per(d(0), crate::engine::calculators::NO_CUSTOMERS) + d(1);
        assert_eq!(ex.value(), Err(crate::engine::calculators::NO_CUSTOMERS));
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
    fn reordered_formulas_keep_their_working() {
        // 74 / 7 × 7 reads as written but is valued as 74 × 7 / 7: exactly 74.
        let shown = d(74) / d(7) * 7;
        let exact = (d(74) * 7) / d(7);
        let ex = shown.valued_by(&exact);
        assert_eq!(text(&ex), "74 / 7 × 7");
        assert_eq!(
            ex.approx().map(|a| (a.value, a.err)),
            Ok((Decimal::from(74), Decimal::ZERO))
        );
        let pct = d(1).pct_of(d(3), crate::engine::calculators::loyalty::NO_RESPONSES);
        assert_eq!(text(&pct), "1 / 3 × 100");
        assert!(pct.approx().is_ok_and(|a| a.err <= Decimal::new(1, 26)));
    }

    #[test]
    fn annual_churn_keeps_its_digits() {
        // (1 − 0.997097)^(12 / 11): the root first, so the power never vanishes.
        let kept = Ex::lit(Decimal::new(2903, 6));
        let remaining = kept.pow_ratio(d(12), d(11)).value().unwrap_or_default();
        assert!(
            remaining > Decimal::new(17, 4) && remaining < Decimal::new(18, 4),
            "{remaining}"
        );
    }
}
