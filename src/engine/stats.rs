//! Statistics for comparing surveys and rates: the two-sided p-value of a z-score, from the
//! complementary error function, with an honest bound on its error; and the z values of the
//! confidence and power levels the calculators offer (METRICS.md, "Compare and plan").
//!
//! The error function is not a decimal operation: it is computed in binary floating point,
//! accurate to better than 10⁻¹³ relative (checked against 25-digit values in the tests), and
//! carried on as a decimal whose error bound covers that, the float-to-decimal step and the
//! error the z-score brought with it. A p-value as small as 10⁻¹² keeps its digits.

use crate::engine::approx::Approx;
use crate::engine::dec::Checked;
use crate::engine::error::Undefined;
use rust_decimal::Decimal;

/// z for a two-sided confidence level given as its option id (`90`, `95`, `99`).
pub fn z_confidence(level: &str) -> Option<Decimal> {
    match level {
        "90" => Some(Decimal::new(1645, 3)),
        "95" => Some(Decimal::new(196, 2)),
        "99" => Some(Decimal::new(2576, 3)),
        _ => None,
    }
}

/// z_β for a power level given as its option id (`80`, `90`).
pub fn z_power(level: &str) -> Option<Decimal> {
    match level {
        "80" => Some(Decimal::new(8416, 4)),
        "90" => Some(Decimal::new(12816, 4)),
        _ => None,
    }
}

/// 1 / √π.
const FRAC_1_SQRT_PI: f64 = 0.564_189_583_547_756_3;

/// The relative error of [`erfc`] this module vouches for (the tests find it below 10⁻¹⁴).
const ERFC_RELATIVE: f64 = 1e-13;

/// erfc(x) = 1 − erf(x) for x ≥ 0. Below 1.5, from erf's series of positive terms
/// erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), which loses no digits to
/// cancellation (1 − erf then loses at most 1.5 of 16: erfc(1.5) = 0.034). From 1.5 on, the
/// continued fraction erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))), by the
/// modified Lentz method, accurate in relative terms however small erfc is.
fn erfc(x: f64) -> f64 {
    if x < 1.5 {
        let two_x2 = 2.0 * x * x;
        let mut term = x;
        let mut sum = x;
        let mut n = 0.0;
        while term > sum * 1e-18 {
            n += 1.0;
            term *= two_x2 / (2.0 * n + 1.0);
            sum += term;
        }
        return 1.0 - 2.0 * FRAC_1_SQRT_PI * (-x * x).exp() * sum;
    }
    // f = x + a₁/(x + a₂/(x + …)), aₖ = k/2.
    let tiny = 1e-300;
    let mut f = x;
    let mut c = x;
    let mut d = 0.0;
    for k in 1..1000 {
        let a = f64::from(k) / 2.0;
        d = x + a * d;
        if d.abs() < tiny {
            d = tiny;
        }
        c = x + a / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-17 {
            break;
        }
    }
    FRAC_1_SQRT_PI * (-x * x).exp() / f
}

/// The standard normal density at t.
fn density(t: f64) -> f64 {
    FRAC_1_SQRT_PI / std::f64::consts::SQRT_2 * (-t * t / 2.0).exp()
}

/// A non-negative float as a decimal with 16 significant digits at most, and the most that
/// step can be off (0 below a decimal's smallest step, 10⁻²⁸, where the value is that bound).
fn to_decimal(value: f64) -> (Decimal, f64) {
    if value.is_nan() || value <= 0.0 {
        return (Decimal::ZERO, 0.0);
    }
    let mut scaled = value;
    let mut scale = 0_u32;
    while scaled < 1e15 && scale < 28 {
        scaled *= 10.0;
        scale += 1;
    }
    let rounded = scaled.round();
    if rounded < 1.0 {
        return (Decimal::ZERO, value);
    }
    // A whole number below 10¹⁶: the float holds it exactly, and so does an i64.
    let mantissa = rounded as i64;
    let decimal = Decimal::new(mantissa, scale);
    // Rounding to a whole number, plus one rounding per multiplication by ten.
    let off = (0.5 + scaled * f64::from(scale) * 2.3e-16) / 10f64.powi(scale as i32);
    (decimal, off)
}

/// A float bound as a decimal never below it.
fn bound_up(value: f64) -> Result<Decimal, Undefined> {
    let (d, off) = to_decimal(value * (1.0 + 1e-12));
    let (slack, _) = to_decimal(off * 2.0 + value * 1e-15);
    d.c_add(slack)
        .and_then(|b| b.c_add(Decimal::new(1, 28)))
        .ok_or(Undefined::Overflow)
}

/// The two-sided p-value of a z-score, p = 2 (1 − Φ(|z|)) = erfc(|z| / √2), with a bound
/// covering the error function's own error, the float-to-decimal step, and what the z-score's
/// error can move it (p falls fastest where the density is largest: 2 φ(|z| − e_z) · e_z).
pub fn two_sided_p(z: Approx) -> Result<Approx, Undefined> {
    let to_f64 = |d: Decimal| -> f64 {
        // Digits beyond a float's are no concern: the bound below covers them.
        let mantissa = d.mantissa() as f64;
        mantissa / 10f64.powi(d.scale() as i32)
    };
    let z_abs = to_f64(z.value.abs());
    let z_err = to_f64(z.err) * (1.0 + 1e-15) + z_abs * 1e-16;
    let p = erfc(z_abs / std::f64::consts::SQRT_2);
    let (value, off) = to_decimal(p);
    let slope = 2.0 * density((z_abs - z_err).max(0.0));
    let err = p * ERFC_RELATIVE + off + slope * z_err;
    let err = bound_up(err)?;
    // A p-value lies in [0, 1] whatever the bounds say.
    Ok(Approx {
        value: value.min(Decimal::ONE),
        err,
    })
}

/// The largest "1 time in N" a p-value vouches for: N is 1 over the p-value's highest
/// value, rounded down to two significant digits (p = 0.0036 ± 0 → 270: "less than 1 time
/// in 270" holds, 1 in 277 would be a digit too sure).
pub fn one_in(p: Approx) -> Result<Approx, Undefined> {
    let high = p.value.c_add(p.err).ok_or(Undefined::Overflow)?;
    if high <= Decimal::ZERO || high > Decimal::ONE {
        return Err(Undefined::Imprecise);
    }
    // A hair below 1 / high, so the division's own rounding can't lift it past a boundary.
    let inverse = Decimal::ONE
        .c_div(high)
        .and_then(|i| i.c_mul(Decimal::new(9_999_999_999, 10)))
        .ok_or(Undefined::Overflow)?;
    let mut factor = Decimal::ONE;
    while factor
        .c_mul(Decimal::ONE_HUNDRED)
        .is_some_and(|f| inverse >= f)
    {
        factor = factor.c_mul(Decimal::TEN).ok_or(Undefined::Overflow)?;
    }
    let n = inverse
        .c_div(factor)
        .map(|q| q.floor())
        .and_then(|q| q.c_mul(factor))
        .ok_or(Undefined::Overflow)?;
    Ok(Approx::exact(n.max(Decimal::ONE)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// erfc(z / √2) to 25 digits (mpmath, 40-digit arithmetic), as printed: the float keeps
    /// what it can.
    #[allow(clippy::excessive_precision)]
    const TWO_SIDED: &[(f64, f64)] = &[
        (0.0, 1.0),
        (0.1, 0.920_344_325_445_942_037_069_190_8),
        (0.5, 0.617_075_077_451_973_792_724_590_8),
        (1.0, 0.317_310_507_862_914_102_829_534_9),
        (1.5, 0.133_614_402_537_716_132_008_988_1),
        (1.96, 0.049_995_790_296_440_868_273_168_54),
        (2.0, 0.045_500_263_896_358_414_400_565_27),
        (2.5, 0.012_419_330_651_552_270_333_956_21),
        (3.0, 0.002_699_796_063_260_189_053_303_63),
        (4.0, 0.000_063_342_483_666_239_842_507_541_51),
        (5.0, 5.733_031_437_583_878_233_475_047e-7),
        (6.0, 1.973_175_290_075_396_281_401_728e-9),
        (7.0, 2.559_625_087_771_670_008_767_247e-12),
        (8.0, 1.244_192_114_854_356_824_703_199e-15),
        // Either side of where the series hands over to the continued fraction (x = 1.5).
        (0.01, 0.992_021_287_370_736_792_596_4),
        (0.7, 0.483_927_304_446_146_029_498_7),
        (1.2, 0.230_139_340_443_416_536_044_4),
        (2.1, 0.035_728_841_125_633_113_567_85),
        (2.12, 0.034_006_045_295_265_604_805_83),
        (2.13, 0.033_171_613_367_210_025_918_14),
        (2.2, 0.027_806_895_026_997_221_229_51),
        (3.3, 0.000_966_848_284_767_554_402_220_2),
        (4.5, 0.000_006_795_346_249_460_120_803_375),
        (6.5, 8.032_001_167_718_235_616_692e-11),
        (7.5, 6.381_783_345_821_792_455_535e-14),
    ];

    #[test]
    fn the_error_function_is_accurate_to_13_digits() {
        for (z, want) in TWO_SIDED {
            let got = erfc(z / std::f64::consts::SQRT_2);
            let relative = ((got - want) / want).abs();
            assert!(relative < 1e-14, "z = {z}: {got} vs {want} ({relative:e})");
        }
    }

    #[test]
    fn p_values_keep_their_digits_and_honest_bounds() {
        for (z, want) in TWO_SIDED {
            let z_dec = Decimal::try_from(*z).expect("z");
            let p = two_sided_p(Approx::exact(z_dec)).expect("p");
            let value: f64 = p.value.try_into().expect("f64");
            let err: f64 = p.err.try_into().expect("f64");
            assert!(
                (value - want).abs() <= err,
                "z = {z}: {value} ± {err} vs {want}"
            );
            assert!(
                err <= want * 1e-12 + 1e-27,
                "z = {z}: bound {err} too loose"
            );
        }
        // A z-score's own error moves p by at most the density times it.
        let rough = Approx {
            value: Decimal::new(196, 2),
            err: Decimal::new(1, 6),
        };
        let p = two_sided_p(rough).expect("p");
        let err: f64 = p.err.try_into().expect("f64");
        assert!(err > 1e-7 && err < 2e-7, "{err}");
        // Beyond a decimal's smallest step: zero, with that step as its bound.
        let huge = two_sided_p(Approx::exact(Decimal::from(40))).expect("p");
        assert_eq!(huge.value, Decimal::ZERO);
        assert!(huge.err > Decimal::ZERO && huge.err <= Decimal::new(2, 28));
    }

    #[test]
    fn one_in_never_claims_more_than_the_p_value_allows() {
        let table: &[(Decimal, Decimal, i64)] = &[
            (Decimal::new(36, 4), Decimal::ZERO, 270),
            (Decimal::new(39, 4), Decimal::ZERO, 250),
            (Decimal::new(4, 3), Decimal::ZERO, 240), // exactly 1 in 250 is not "less than"
            (Decimal::new(1, 2), Decimal::ZERO, 99),
            (Decimal::new(39, 4), Decimal::new(2, 4), 240), // its highest value, 0.0041, counts
            (Decimal::new(1244, 18), Decimal::ZERO, 800_000_000_000_000),
        ];
        for (p, err, want) in table {
            let n = one_in(Approx {
                value: *p,
                err: *err,
            })
            .expect("n");
            assert_eq!(n.value, Decimal::from(*want), "p = {p} ± {err}");
        }
    }

    #[test]
    fn levels() {
        assert_eq!(z_confidence("95"), Some(Decimal::new(196, 2)));
        assert_eq!(z_confidence("85"), None);
        assert_eq!(z_power("90"), Some(Decimal::new(12816, 4)));
    }
}
