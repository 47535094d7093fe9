//! A decimal value with a bound on its error: exact (bound 0) as long as every operation was,
//! and otherwise the furthest the true value can be from it. rust_decimal keeps 28 significant
//! digits and rounds silently beyond them (a product of two long numbers, a quotient such as
//! 1 / 3, a power of a tiny share); the bound tracks what that rounding may have cost, so the
//! display can refuse a digit it cannot vouch for instead of showing a wrong one.
//!
//! Whether an operation was exact is decided exactly, with wide integers (a product of two
//! 96-bit mantissas needs 192 bits): an exact result is never charged an error, so integer
//! arithmetic such as (120 − 30) × 100 stays exact whatever its scale.

use crate::engine::dec::Checked;
use crate::engine::error::Undefined;
use rust_decimal::Decimal;

/// A value and the most its true value can differ from it (0: exact).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Approx {
    /// The computed value.
    pub value: Decimal,
    /// An upper bound of |true value − value|.
    pub err: Decimal,
}

/// The most one rounding of rust_decimal can cost at `v`'s magnitude: a unit of the 28th
/// decimal below 1, and one decimal fewer for each digit before the point (28 significant
/// digits always fit). Taken from the magnitude, not from `v`'s scale: a rounded result may
/// have shed trailing zeros (0.9999999999999997 from a root is right to its 28th decimal).
fn ulp(v: Decimal) -> Decimal {
    // Digits before the point = digits of the mantissa − scale, counted by comparison with
    // powers of ten (no division of 128-bit integers in the wasm); the first 19 powers in 64
    // bits, native multiplications in the wasm where 128-bit ones are calls (every operation
    // asks this).
    let mantissa = v.mantissa().unsigned_abs();
    let mut digits = 0_u32;
    let mut small = 1_u64;
    while digits < 19 && mantissa >= u128::from(small) {
        digits += 1;
        small = small.saturating_mul(10);
    }
    if digits == 19 {
        let mut power = u128::from(small);
        while digits < 40 && mantissa >= power {
            digits += 1;
            power = power.saturating_mul(10);
        }
    }
    match 28_u32.checked_sub(digits.saturating_sub(v.scale())) {
        Some(scale) => Decimal::new(1, scale),
        None => Decimal::TEN,
    }
}

type Outcome = Result<Approx, Undefined>;

fn checked(v: Option<Decimal>) -> Result<Decimal, Undefined> {
    v.ok_or(Undefined::Overflow)
}

/// Arithmetic on error bounds, rounded up: a bound may be a little too large, never too small
/// (1e−16 × 1e−16 is 0 to a decimal, but a bound of 0 would claim exactness).
mod up {
    use super::{checked, ulp, Decimal, Undefined};
    use crate::engine::dec::Checked;

    pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Undefined> {
        if a.is_zero() || b.is_zero() {
            return Ok(a.max(b));
        }
        let s = checked(a.c_add(b))?;
        checked(s.c_add(ulp(s)))
    }

    pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Undefined> {
        if a.is_zero() || b.is_zero() {
            return Ok(Decimal::ZERO);
        }
        let p = checked(a.c_mul(b))?;
        checked(p.c_add(ulp(p)))
    }

    pub fn div(a: Decimal, b: Decimal) -> Result<Decimal, Undefined> {
        if a.is_zero() {
            return Ok(Decimal::ZERO);
        }
        let q = checked(a.c_div(b))?;
        checked(q.c_add(ulp(q)))
    }
}

impl Approx {
    /// An exact value.
    pub const fn exact(value: Decimal) -> Approx {
        Approx {
            value,
            err: Decimal::ZERO,
        }
    }

    /// Whether no rounding has touched the value.
    pub fn is_exact(&self) -> bool {
        self.err.is_zero()
    }

    /// The smallest and largest the true value can be: value ∓ err, widened by one rounding
    /// (an error smaller than a unit of the value's last place would vanish in the
    /// subtraction itself).
    pub fn bounds(&self) -> Option<(Decimal, Decimal)> {
        if self.err.is_zero() {
            return Some((self.value, self.value));
        }
        let margin = self.err.c_add(ulp(self.value))?;
        Some((self.value.c_sub(margin)?, self.value.c_add(margin)?))
    }

    /// `value` from an operation whose inputs carried `propagated` error; charged one unit in
    /// its last place unless the operation was exact.
    fn rounded(value: Decimal, propagated: Decimal, exact: bool) -> Outcome {
        let err = if exact {
            propagated
        } else {
            up::add(propagated, ulp(value))?
        };
        Ok(Approx { value, err })
    }

    /// −self.
    pub fn negated(self) -> Approx {
        Approx {
            value: -self.value,
            err: self.err,
        }
    }

    /// self + other.
    pub fn plus(self, other: Approx) -> Outcome {
        let value = checked(self.value.c_add(other.value))?;
        let exact = wide::sum_is(self.value, other.value, value);
        Approx::rounded(value, up::add(self.err, other.err)?, exact)
    }

    /// self − other.
    pub fn minus(self, other: Approx) -> Outcome {
        self.plus(other.negated())
    }

    /// self × other: the error is |a|·eb + |b|·ea + ea·eb.
    pub fn times(self, other: Approx) -> Outcome {
        let value = checked(self.value.c_mul(other.value))?;
        let exact = wide::product_is(self.value, other.value, value);
        let propagated = up::add(
            up::add(
                up::mul(self.value.abs(), other.err)?,
                up::mul(other.value.abs(), self.err)?,
            )?,
            up::mul(self.err, other.err)?,
        )?;
        Approx::rounded(value, propagated, exact)
    }

    /// self / other, undefined when the divisor is (or may be) zero: the error is
    /// (ea + |q|·eb) / (|b| − eb).
    pub fn over(self, other: Approx) -> Outcome {
        if other.value.is_zero() {
            // A divisor that only rounds to zero may be anything near it.
            return Err(if other.is_exact() {
                Undefined::DivideByZero
            } else {
                Undefined::Imprecise
            });
        }
        let divisor = other.value.abs();
        if other.err >= divisor {
            return Err(Undefined::Imprecise);
        }
        let value = checked(self.value.c_div(other.value))?;
        let exact = wide::product_is(value, other.value, self.value);
        let propagated = up::div(
            up::add(self.err, up::mul(value.abs(), other.err)?)?,
            checked(divisor.c_sub(other.err))?,
        )?;
        Approx::rounded(value, propagated, exact)
    }

    /// self^n for a whole n, by repeated squaring. The power of a positive value is positive,
    /// even where it falls below the smallest step a decimal keeps (10^−28, where it would
    /// round to 0): its range is then kept within (0, high end] with a value of at least that
    /// step, so a churn below 100 % never compounds to exactly 100 %.
    pub fn pow(self, n: u64) -> Outcome {
        let n_was_positive = n > 0;
        let mut result = Approx::exact(Decimal::ONE);
        let mut square = self;
        let mut n = n;
        while n > 0 {
            if n & 1 == 1 {
                result = result.times(square)?;
            }
            n >>= 1;
            if n > 0 {
                square = square.times(square)?;
            }
        }
        let smallest = Decimal::new(1, 28);
        let may_vanish = result
            .value
            .c_sub(result.err)
            .is_none_or(|low| low < smallest);
        if n_was_positive && self.value > Decimal::ZERO && may_vanish {
            let value = result.value.max(smallest);
            let high = up::add(result.value, result.err)?;
            result = Approx {
                value,
                err: value.max(checked(high.c_sub(value))?),
            };
        }
        Ok(result)
    }

    /// The q-th root of a non-negative value (undefined for a negative one). Its error is
    /// measured, not assumed: with r the true root and y the computed one,
    /// |y − r| ≤ (|y^q − a| + ea) / (q · min(y, r)^(q−1)), where y^q is taken with its own
    /// error bound; doubling the bound covers min(y, r) < y whenever the bound is below a
    /// thousandth of y (else the root is too unsure to use).
    pub fn root(self, q: u64) -> Outcome {
        if q == 1 {
            return Ok(self);
        }
        let y = root(self.value, q).ok_or(Undefined::Overflow)?;
        let power = Approx::exact(y).pow(q)?;
        if self.is_exact() && power.is_exact() && power.value == self.value {
            return Ok(Approx::exact(y));
        }
        if y.is_zero() {
            let err = root(self.err, q).ok_or(Undefined::Overflow)?;
            return Ok(Approx { value: y, err });
        }
        let residual = up::add(
            up::add(checked(power.value.c_sub(self.value))?.abs(), power.err)?,
            self.err,
        )?;
        let slope = Approx::exact(y).pow(q - 1)?;
        let slope_low = checked(slope.value.c_sub(slope.err))?;
        if slope_low <= Decimal::ZERO {
            return Err(Undefined::Imprecise);
        }
        let moved = up::div(residual, checked(slope_low.c_mul(Decimal::from(q)))?)?;
        if moved.c_mul(Decimal::from(1000)).is_none_or(|m| m > y) {
            return Err(Undefined::Imprecise);
        }
        Ok(Approx {
            value: y,
            err: up::add(up::mul(moved, Decimal::TWO)?, ulp(y))?,
        })
    }

    /// The smallest whole number not below the value, with an error bound that covers the
    /// ceilings of both ends of the value's range (0 when they agree).
    pub fn ceil(self) -> Outcome {
        let (low, high) = self.bounds().ok_or(Undefined::Overflow)?;
        let value = self.value.ceil();
        let below = checked(value.c_sub(low.ceil()))?;
        let above = checked(high.ceil().c_sub(value))?;
        Ok(Approx {
            value,
            err: below.max(above),
        })
    }

    /// The larger of two values: at least the larger one, at most either's high end
    /// (max(x, 0) of a value surely below 0 is exactly 0).
    pub fn max(self, other: Approx) -> Outcome {
        let (chosen, rest) = if self.value >= other.value {
            (self, other)
        } else {
            (other, self)
        };
        let (_, high) = rest.bounds().ok_or(Undefined::Overflow)?;
        let reach = checked(high.c_sub(chosen.value))?.max(Decimal::ZERO);
        Ok(Approx {
            value: chosen.value,
            err: chosen.err.max(reach),
        })
    }

    /// The smaller of two values: at most the smaller one, at least either's low end.
    pub fn min(self, other: Approx) -> Outcome {
        Ok(self.negated().max(other.negated())?.negated())
    }

    /// Whether the value is surely below, surely above, or maybe equal to `edge`.
    pub fn side_of(&self, edge: Decimal) -> Option<std::cmp::Ordering> {
        let (low, high) = self.bounds()?;
        if high < edge {
            Some(std::cmp::Ordering::Less)
        } else if low > edge {
            Some(std::cmp::Ordering::Greater)
        } else if self.is_exact() {
            Some(self.value.cmp(&edge))
        } else {
            None
        }
    }
}

/// `base ^ n` by repeated squaring, every product checked (rounded as rust_decimal rounds).
pub fn power_whole(base: Decimal, n: u64) -> Option<Decimal> {
    let mut result = Decimal::ONE;
    let mut square = base;
    let mut n = n;
    while n > 0 {
        if n & 1 == 1 {
            result = result.c_mul(square)?;
        }
        n >>= 1;
        if n > 0 {
            square = square.c_mul(square)?;
        }
    }
    Some(result)
}

/// The q-th root of `a ≥ 0` by Newton's method, to the last of Decimal's 28 digits: from a
/// start above the root the steps fall monotonically, and the first step that no longer falls
/// (rounding has reached the last digit) ends it. The start is 1 or a power of ten at or
/// above the root, so no step overflows for any a a Decimal holds.
pub fn root(a: Decimal, q: u64) -> Option<Decimal> {
    if a.is_sign_negative() && !a.is_zero() {
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
        let pulled = power_whole(y, q - 1).map_or(Some(Decimal::ZERO), |d| a.c_div(d))?;
        let next = y.c_mul(q_less)?.c_add(pulled)?.c_div(q_dec)?;
        if next >= y {
            break;
        }
        y = next;
    }
    Some(y)
}

/// Exactness checks with wide integers: whether rust_decimal's result is the exact result.
mod wide {
    use rust_decimal::Decimal;

    /// A non-negative integer of up to 256 bits, little-endian 64-bit limbs.
    #[derive(Clone, Copy, PartialEq, Eq)]
    struct Wide([u64; 4]);

    impl Wide {
        fn from_u128(v: u128) -> Wide {
            Wide([v as u64, (v >> 64) as u64, 0, 0])
        }

        /// self × m, or `None` past 256 bits.
        fn mul_small(self, m: u64) -> Option<Wide> {
            let mut out = [0_u64; 4];
            let mut carry = 0_u128;
            for (o, limb) in out.iter_mut().zip(self.0) {
                let p = u128::from(limb) * u128::from(m) + carry;
                *o = p as u64;
                carry = p >> 64;
            }
            (carry == 0).then_some(Wide(out))
        }

        /// self × 10^k, or `None` past 256 bits.
        fn scaled(self, k: u32) -> Option<Wide> {
            (0..k).try_fold(self, |w, _| w.mul_small(10))
        }

        /// a × b by schoolbook on 64-bit halves, written out: no iterators, which the
        /// size-first release build leaves as calls (a goal seek runs this thousands of times).
        fn mul(a: u128, b: u128) -> Wide {
            let (a0, a1) = (u128::from(a as u64), a >> 64);
            let (b0, b1) = (u128::from(b as u64), b >> 64);
            let low = a0 * b0;
            let (cross1, cross2) = (a0 * b1, a1 * b0);
            let high = a1 * b1;
            let low_half = u128::from(u64::MAX);
            // Each sum below is at most 3 × (2^64 − 1) (+ carry), well inside 128 bits.
            let mid = (low >> 64) + (cross1 & low_half) + (cross2 & low_half);
            let top = (mid >> 64) + (cross1 >> 64) + (cross2 >> 64) + (high & low_half);
            Wide([
                low as u64,
                mid as u64,
                top as u64,
                ((top >> 64) + (high >> 64)) as u64,
            ])
        }

        fn add(self, other: Wide) -> Option<Wide> {
            let mut out = [0_u64; 4];
            let mut carry = 0_u128;
            for ((o, x), y) in out.iter_mut().zip(self.0).zip(other.0) {
                let s = u128::from(x) + u128::from(y) + carry;
                *o = s as u64;
                carry = s >> 64;
            }
            (carry == 0).then_some(Wide(out))
        }

        fn cmp(&self, other: &Wide) -> std::cmp::Ordering {
            self.0.iter().rev().cmp(other.0.iter().rev())
        }

        /// |self − other| for self ≥ other.
        fn sub(self, other: Wide) -> Wide {
            let mut out = [0_u64; 4];
            let mut borrow = false;
            for ((o, x), y) in out.iter_mut().zip(self.0).zip(other.0) {
                let (d1, b1) = x.overflowing_sub(y);
                let (d2, b2) = d1.overflowing_sub(u64::from(borrow));
                *o = d2;
                borrow = b1 || b2;
            }
            Wide(out)
        }
    }

    fn magnitude(d: Decimal) -> u128 {
        d.mantissa().unsigned_abs()
    }

    /// Whether `v` equals sign · w at scale `scale` (scale ≥ v's scale).
    fn equals(v: Decimal, negative: bool, w: Wide, scale: u32) -> bool {
        let Some(k) = scale.checked_sub(v.scale()) else {
            return false;
        };
        let Some(vv) = Wide::from_u128(magnitude(v)).scaled(k) else {
            return false;
        };
        let zero = Wide([0; 4]);
        if w == zero {
            return vv == zero;
        }
        vv == w && v.is_sign_negative() == negative && !v.is_zero()
    }

    /// Whether `v` is exactly a × b.
    pub fn product_is(a: Decimal, b: Decimal, v: Decimal) -> bool {
        let (ma, mb) = (magnitude(a), magnitude(b));
        if ma == 0 || mb == 0 {
            // A zero product is exactly a zero of any scale.
            return v.is_zero();
        }
        let scale = a.scale() + b.scale();
        let Some(k) = scale.checked_sub(v.scale()) else {
            return false;
        };
        // v · 10^k is a multiple of 2^k: a product with fewer trailing zero bits can't equal
        // it. This settles the usual rounded quotient (checked as q × b = a) without
        // multiplying; a goal seek asks it thousands of times.
        if ma.trailing_zeros() + mb.trailing_zeros() < k {
            return false;
        }
        let negative = a.is_sign_negative() != b.is_sign_negative();
        equals(v, negative, Wide::mul(ma, mb), scale)
    }

    /// Whether `v` is exactly a + b.
    pub fn sum_is(a: Decimal, b: Decimal, v: Decimal) -> bool {
        let scale = a.scale().max(b.scale());
        let (Some(wa), Some(wb)) = (
            Wide::from_u128(magnitude(a)).scaled(scale - a.scale()),
            Wide::from_u128(magnitude(b)).scaled(scale - b.scale()),
        ) else {
            return false;
        };
        let (na, nb) = (
            a.is_sign_negative() && !a.is_zero(),
            b.is_sign_negative() && !b.is_zero(),
        );
        let (sum, negative) = if na == nb {
            match wa.add(wb) {
                Some(s) => (s, na),
                None => return false,
            }
        } else if wa.cmp(&wb) != std::cmp::Ordering::Less {
            (wa.sub(wb), na)
        } else {
            (wb.sub(wa), nb)
        };
        equals(v, negative, sum, scale)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The product by the slow, obviously right route: 256-bit limbs added one by one.
        fn reference(a: u128, b: u128) -> [u64; 4] {
            let mut out = Wide([0; 4]);
            let mut shifted = Wide::from_u128(a);
            for bit in 0..128 {
                if b >> bit & 1 == 1 {
                    out = out.add(shifted).unwrap_or(Wide([0; 4]));
                }
                shifted = shifted.mul_small(2).unwrap_or(Wide([0; 4]));
            }
            out.0
        }

        #[test]
        fn the_written_out_product_is_the_schoolbook_one() {
            let edges = [
                0,
                1,
                2,
                10,
                u64::MAX as u128,
                1 << 64,
                (1 << 96) - 1,
                u128::MAX,
            ];
            for a in edges {
                for b in edges {
                    assert_eq!(Wide::mul(a, b).0, reference(a, b), "{a} × {b}");
                }
            }
        }

        #[test]
        fn the_shortcuts_agree_with_the_full_product() {
            let values = [
                "0",
                "0.000",
                "1",
                "-1",
                "2.5",
                "0.4",
                "3",
                "0.3333333333333333333333333333",
                "79228162514264337593543950335",
                "-0.0000000000000000000000000001",
                "1.5e-10",
                "12345678901234.5678",
                "-7.25",
            ];
            let d = |s: &str| {
                Decimal::from_scientific(s)
                    .or_else(|_| s.parse::<Decimal>())
                    .unwrap_or_default()
            };
            for a in values.map(d) {
                for b in values.map(d) {
                    for v in [a.checked_mul(b).unwrap_or_default(), a, b, Decimal::ZERO] {
                        let (ma, mb) = (magnitude(a), magnitude(b));
                        let negative = a.is_sign_negative() != b.is_sign_negative();
                        let wide = equals(v, negative, Wide::mul(ma, mb), a.scale() + b.scale());
                        // The one intended difference: a zero product is exactly a zero of
                        // any scale (the wide route wants the scales to line up).
                        let zero = v.is_zero() && (a.is_zero() || b.is_zero());
                        assert_eq!(product_is(a, b, v), wide || zero, "{a} × {b} = {v}?");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn x(s: &str) -> Approx {
        Approx::exact(d(s))
    }

    #[test]
    fn exact_operations_stay_exact() {
        let cases = [
            x("120").minus(x("30")),
            x("0.9999999999999999999999999999").times(x("100")),
            x("2.5").times(x("0.4")),
            x("5").over(x("2")),
            x("74").times(x("7")),
            x("1").over(x("4")),
            x("99999999999999999999999999.99").plus(x("0.01")),
            x("-3").plus(x("3")),
            x("0.81").root(2),
        ];
        for (i, case) in cases.into_iter().enumerate() {
            let got = case.unwrap_or(Approx::exact(Decimal::MAX));
            assert!(got.is_exact(), "case {i}: {got:?}");
        }
        assert_eq!(x("0.81").root(2).map(|a| a.value), Ok(d("0.9")));
    }

    #[test]
    fn a_unit_in_the_last_place_counts_every_digit() {
        // Around each power of ten, where the 64-bit count hands over to the 128-bit one.
        let mut mantissas = vec![0_u128, 1, 9, u128::from(u64::MAX), (1 << 96) - 1];
        let mut power = 1_u128;
        for _ in 0..29 {
            mantissas.extend([power - 1, power, power + 1]);
            power *= 10;
        }
        for m in mantissas.into_iter().filter(|m| *m < 1 << 96) {
            for scale in [0, 5, 28] {
                let v = Decimal::from_i128_with_scale(m as i128, scale);
                let digits = if m == 0 {
                    0
                } else {
                    m.to_string().len() as u32
                };
                let expected = match 28_u32.checked_sub(digits.saturating_sub(scale)) {
                    Some(s) => Decimal::new(1, s),
                    None => Decimal::TEN,
                };
                assert_eq!(ulp(v), expected, "{m} at scale {scale}");
            }
        }
    }

    #[test]
    fn rounded_operations_carry_their_error() {
        let third = x("1").over(x("3")).unwrap_or(x("0"));
        assert!(!third.is_exact());
        assert!(third.err <= d("1e-28") && third.err > Decimal::ZERO);
        // 767,297,499,904,188 × 48,665,663,425,636.26809734451 needs 40 digits.
        let big = x("767297499904188")
            .times(x("48665663425636.26809734451"))
            .unwrap_or(x("0"));
        assert!(big.err >= Decimal::ONE, "{big:?}");
        // 1e−16 squared is below the 28th decimal: 0, off by up to 1e−28.
        let tiny = x("0.0000000000000001").times(x("0.0000000000000001"));
        assert_eq!(tiny.map(|a| a.err), Ok(d("1e-28")));
        let sum = x("99999999999999999999999999.99").plus(x("0.001"));
        assert!(sum.is_ok_and(|a| !a.is_exact()));
    }

    #[test]
    fn errors_propagate_through_division() {
        // (1/3 ± 1e−28) / (1/3 ± 1e−28) is 1 within a few 1e−28.
        let third = x("1").over(x("3")).unwrap_or(x("0"));
        let one = third.over(third).unwrap_or(x("0"));
        assert!((one.value - Decimal::ONE).abs() <= one.err);
        assert!(one.err < d("1e-26"));
        let unsure = Approx {
            value: d("1e-28"),
            err: d("1e-28"),
        };
        assert_eq!(x("1").over(unsure), Err(Undefined::Imprecise));
        assert_eq!(x("1").over(x("0")), Err(Undefined::DivideByZero));
    }

    #[test]
    fn powers_of_tiny_shares_stay_positive() {
        let p = x("0.000000000000001").pow(12).unwrap_or(x("0"));
        assert_eq!(p.value, d("1e-28"));
        assert!(p.err >= p.value && p.err <= d("3e-28"), "{p:?}");
        assert_eq!(x("0").pow(12).map(|a| a.value), Ok(Decimal::ZERO));
        assert_eq!(x("2").pow(10), Ok(x("1024")));
    }

    #[test]
    fn ceilings_and_maxima_carry_their_doubt() {
        assert_eq!(x("2.1").ceil(), Ok(x("3")));
        // 3 within 1e−27: its ceiling is 3 or 4.
        let near = Approx {
            value: d("3"),
            err: d("1e-27"),
        };
        assert_eq!(near.ceil().map(|a| a.err), Ok(Decimal::ONE));
        // max(x, 0) of an x surely below 0 is exactly 0, however unsure x is.
        let below = Approx {
            value: d("-5.5"),
            err: d("0.5"),
        };
        assert_eq!(below.ceil().and_then(|c| c.max(x("0"))), Ok(x("0")));
        assert_eq!(near.side_of(d("3")), None);
        assert_eq!(x("3").side_of(d("3")), Some(std::cmp::Ordering::Equal));
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
        let big = root(Decimal::MAX, 2).unwrap_or_default();
        assert!(close(big, Decimal::new(281474976710656, 0)), "{big}");
        let big_power = power_whole(Decimal::new(15, 1), 100).unwrap_or_default();
        let r = root(big_power, 100).unwrap_or_default();
        assert!(close(r, Decimal::new(15, 1)), "{r}");
        let r = root(Decimal::new(1001, 3), 7).unwrap_or_default();
        let back = power_whole(r, 7).unwrap_or_default();
        assert!(close(back, Decimal::new(1001, 3)), "{back}");
        let root2 = x("2").root(2).unwrap_or(x("0"));
        assert!(!root2.is_exact() && root2.err <= d("1e-26"));
    }
}
