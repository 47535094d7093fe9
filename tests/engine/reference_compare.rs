//! The reference for "Compare and plan", written from METRICS.md with exact rationals: roots
//! as ranges 10^−60 wide, and the complementary error function from its power series with
//! exact terms (no cancellation can hide: every term is a rational, carried to 35 digits more
//! than the largest term),
//! π to 100 digits. Nothing here shares code with the engine's float-based `stats`.

use crate::reference::{q, root, In, Inputs, R};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};
use std::collections::HashMap;

fn pow10(n: u32) -> BigRational {
    BigRational::from_integer(BigInt::from(10).pow(n))
}

/// Down to a multiple of 10^−`digits` (keeps the series' rationals small).
fn trunc(x: &BigRational, digits: u32) -> BigRational {
    let s = pow10(digits);
    (x * &s).floor() / s
}

const PI_100: &str = "3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679";

/// √π as a range: the root of π's 100 digits, 10^−60 wide, widened by π's own error.
fn sqrt_pi() -> &'static (BigRational, BigRational) {
    static SQRT_PI: std::sync::OnceLock<(BigRational, BigRational)> = std::sync::OnceLock::new();
    SQRT_PI.get_or_init(|| {
        let pi = crate::reference::parse(PI_100).expect("π");
        let err = BigRational::new(1.into(), BigInt::from(10).pow(99));
        match root(&pi, 2) {
            R::Range(a, b) => (a - &err, b + &err),
            R::Exact(a) => (a.clone() - &err, a + &err),
            _ => (q(0), q(2)),
        }
    })
}

/// erfc(x) for 0 ≤ x ≤ 8 as a range: 1 − 2/√π · Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)). The terms
/// reach about e^(x²) = 10^(0.44 x²) before they fall, so that many digits more than the 35
/// kept are carried (62 at x = 8).
fn erfc(x: &BigRational) -> (BigRational, BigRational) {
    let x2_approx = (x * x).to_f64().unwrap_or(64.0);
    let digits = 35 + (x2_approx * 0.45).ceil() as u32;
    let x = trunc(x, digits);
    let tiny = BigRational::new(1.into(), BigInt::from(10).pow(digits));
    let x2 = &x * &x;
    let mut power = x.clone(); // x^(2n+1) / n!
    let mut sum = q(0);
    let mut n: i64 = 0;
    loop {
        let term = &power / q(2 * n + 1);
        let signed = if n % 2 == 0 {
            term.clone()
        } else {
            -term.clone()
        };
        sum += signed;
        n += 1;
        power = trunc(&(&power * &x2 / q(n)), digits);
        if term.abs() < tiny && q(n) > x2 {
            break;
        }
    }
    // Each truncation and the tail cost at most 10^−(digits − 3) in all; π's digits 10^−59
    // relative (its root is 10^−60 wide).
    let (sp_low, sp_high) = sqrt_pi();
    let slack = BigRational::new(1.into(), BigInt::from(10).pow(32));
    let erf_a = q(2) * &sum / sp_high;
    let erf_b = q(2) * &sum / sp_low;
    let (lo, hi) = if erf_a <= erf_b {
        (erf_a, erf_b)
    } else {
        (erf_b, erf_a)
    };
    (q(1) - hi - &slack, q(1) - lo + &slack)
}

/// The two-sided p-value of a z-score range: erfc(|z| / √2), decreasing in |z|.
fn p_value(z: &R) -> R {
    let (low, high) = match z {
        R::Exact(v) => (v.abs(), v.abs()),
        // A range across zero holds |z| = 0.
        R::Range(a, b) if !a.is_positive() && !b.is_negative() => (q(0), a.abs().max(b.abs())),
        R::Range(a, b) => (a.abs().min(b.abs()), a.abs().max(b.abs())),
        _ => return R::Undefined,
    };
    // x = |z| / √2 = √(z² / 2), as a range.
    let x_of = |v: &BigRational, up: bool| match root(&(v * v / q(2)), 2) {
        R::Exact(r) => r,
        R::Range(a, b) => {
            if up {
                b
            } else {
                a
            }
        }
        _ => q(0),
    };
    let (x_low, x_high) = (x_of(&low, false), x_of(&high, true));
    // Beyond 8, erfc < 1.2 × 10^−29: below a decimal's smallest step.
    if x_low > q(8) {
        return R::Range(q(0), BigRational::new(1.into(), BigInt::from(10).pow(28)));
    }
    let (p_low, p_high) = if x_high > q(8) {
        (q(0), erfc(&x_low).1)
    } else if x_low == x_high {
        erfc(&x_low)
    } else {
        (erfc(&x_high).0, erfc(&x_low).1)
    };
    let clamp = |v: BigRational| v.max(q(0)).min(q(1));
    R::Range(clamp(p_low), clamp(p_high))
}

fn num(i: &Inputs, id: &str) -> Option<BigRational> {
    match i.get(id) {
        Some(In::Num(v)) => Some(v.clone()),
        _ => None,
    }
}

fn choice<'a>(i: &'a Inputs, id: &str) -> Option<&'a str> {
    match i.get(id) {
        Some(In::Choice(c)) => Some(c.as_str()),
        _ => None,
    }
}

fn z_conf(i: &Inputs) -> BigRational {
    match choice(i, "confidence") {
        Some("90") => BigRational::new(1645.into(), 1000.into()),
        Some("99") => BigRational::new(2576.into(), 1000.into()),
        _ => BigRational::new(196.into(), 100.into()),
    }
}

fn alpha(i: &Inputs) -> BigRational {
    match choice(i, "confidence") {
        Some("90") => BigRational::new(1.into(), 10.into()),
        Some("99") => BigRational::new(1.into(), 100.into()),
        _ => BigRational::new(5.into(), 100.into()),
    }
}

/// f of a range, f monotone (either way).
fn map(r: &R, f: impl Fn(&BigRational) -> BigRational) -> R {
    match r {
        R::Exact(v) => R::Exact(f(v)),
        R::Range(a, b) => {
            let (fa, fb) = (f(a), f(b));
            if fa <= fb {
                R::Range(fa, fb)
            } else {
                R::Range(fb, fa)
            }
        }
        _ => R::Undefined,
    }
}

fn clamp(r: R, limit: i64) -> R {
    map(&r, |v| v.clone().max(q(-limit)).min(q(limit)))
}

/// z, p, the verdict and "1 time in N" from a change and its standard error.
/// x to 2 decimals, halves away from zero, as the plan's link carries it; not checked when
/// x is within 10^−20 of a midpoint (the app's value of x carries an error that may tip it).
fn to_link(x: &BigRational) -> Option<BigRational> {
    let hundred = q(100);
    let scaled = x * &hundred;
    let frac = (&scaled - scaled.floor()).abs();
    let half = BigRational::new(1.into(), 2.into());
    let tiny = BigRational::new(1.into(), BigInt::from(10).pow(18));
    if (&frac - &half).abs() < tiny {
        return None;
    }
    Some(crate::reference::round(
        x,
        2,
        crate::reference::Rounding::Nearest,
    ))
}

/// The plan of a next survey (METRICS.md, `sample-size` with 80 % power) from the rounded
/// change and variance: ⌈(z + z_β)² · 2 · variance / Δ²⌉.
fn plan(
    out: &mut HashMap<&'static str, R>,
    z: &BigRational,
    change: &BigRational,
    variance: Option<BigRational>,
) {
    let zb = BigRational::new(8416.into(), 10000.into());
    let to_tell = to_link(&change.abs());
    out.insert(
        "change_to_detect",
        to_tell.clone().map_or(R::Unchecked, R::Exact),
    );
    out.insert(
        "responses_to_detect",
        match (to_tell, variance) {
            (Some(d), Some(v)) if !d.is_zero() => {
                let d = d / q(100);
                crate::reference::ceil_zero((z + &zb) * (z + &zb) * q(2) * v / (&d * &d))
            }
            (Some(_), Some(_)) => R::Undefined,
            _ => R::Unchecked,
        },
    );
}

fn test(out: &mut HashMap<&'static str, R>, change: &BigRational, se: &R, i: &Inputs) {
    let zero_se = matches!(se, R::Exact(s) if s.is_zero());
    if zero_se {
        for id in ["z_score", "p_value", "verdict", "chance_one_in"] {
            out.insert(id, R::Undefined);
        }
        return;
    }
    let z = map(se, |s| change / s);
    let p = p_value(&z);
    let alpha = alpha(i);
    let verdict = match &p {
        R::Range(low, high) => {
            // Within 10^−9 of α the app may call it either way, or undecided.
            let near = (low - &alpha).abs() < BigRational::new(1.into(), BigInt::from(10).pow(9))
                || (high - &alpha).abs() < BigRational::new(1.into(), BigInt::from(10).pow(9))
                || (*low < alpha && *high >= alpha);
            if near {
                R::Unchecked
            } else if *high < alpha {
                R::Verdict(if change.is_positive() {
                    "significant-rise"
                } else {
                    "significant-fall"
                })
            } else {
                R::Verdict("no-clear-change")
            }
        }
        R::Exact(v) if *v >= alpha => R::Verdict("no-clear-change"),
        _ => R::Unchecked,
    };
    // "Less than 1 time in N" must hold for every p the reference allows.
    let one_in = match &p {
        R::Range(_, high) if high.is_positive() => R::Below(q(1) / high),
        R::Exact(v) if v.is_positive() => R::Below(q(1) / v),
        _ => R::Unchecked,
    };
    out.insert("z_score", z);
    out.insert("p_value", p);
    out.insert("verdict", verdict);
    out.insert("chance_one_in", one_in);
}

/// Every result of a compare-and-plan calculator.
pub fn compute(id: &str, i: &Inputs, out: &mut HashMap<&'static str, R>) {
    let n = |id: &str| num(i, id).unwrap_or_else(|| q(0));
    match id {
        "nps-compare" => {
            let adjusted = choice(i, "method") == Some("adjusted-wald");
            let survey = |side: &str| -> (BigRational, BigRational, BigRational) {
                if choice(i, "mode") == Some("scores") {
                    let s = match i.get(if side == "a" { "scores_a" } else { "scores_b" }) {
                        Some(In::List(v)) => v.clone(),
                        _ => Vec::new(),
                    };
                    let c = |f: &dyn Fn(&BigRational) -> bool| {
                        q(s.iter().filter(|v| f(v)).count() as i64)
                    };
                    (c(&|v| *v >= q(9)), c(&|v| *v < q(7)), q(s.len() as i64))
                } else {
                    let get = |what: &str| n(&format!("{what}_{side}"));
                    let (p, pa, d) = (get("promoters"), get("passives"), get("detractors"));
                    let total = &p + &pa + &d;
                    (p, d, total)
                }
            };
            let estimate = |p: &BigRational, d: &BigRational, n: &BigRational| {
                if n.is_zero() {
                    return None;
                }
                let nps = (p - d) / n * q(100);
                let quarter3 = BigRational::new(3.into(), 4.into());
                let (ps, ds, n_used) = if adjusted {
                    let n2 = n + q(3);
                    ((p + &quarter3) / &n2, (d + &quarter3) / &n2, n2)
                } else {
                    (p / n, d / n, n.clone())
                };
                let centre = if adjusted {
                    (&ps - &ds) * q(100)
                } else {
                    nps.clone()
                };
                let var = &ps + &ds - (&ps - &ds) * (&ps - &ds);
                Some((nps, centre, var / n_used))
            };
            let z = z_conf(i);
            let (pa_, da_, na_) = survey("a");
            let (pb_, db_, nb_) = survey("b");
            let (a, b) = (estimate(&pa_, &da_, &na_), estimate(&pb_, &db_, &nb_));
            // Each survey's own figures, while it has answers.
            for (est, nps_id, low_id, high_id) in [
                (&a, "nps_a", "nps_a_low", "nps_a_high"),
                (&b, "nps_b", "nps_b_low", "nps_b_high"),
            ] {
                match est {
                    Some((nps, centre, spread)) => {
                        let half = map(&root(spread, 2), |s| &z * s * q(100));
                        out.insert(low_id, clamp(map(&half, |h| centre - h), 100));
                        out.insert(high_id, clamp(map(&half, |h| centre + h), 100));
                        out.insert(nps_id, R::Exact(nps.clone()));
                    }
                    None => {
                        for id in [nps_id, low_id, high_id] {
                            out.insert(id, R::Undefined);
                        }
                    }
                }
            }
            // The chance B is higher is held to a seeded Monte Carlo in tests/engine/chance.rs;
            // here only that it is there when both surveys have answers.
            out.insert(
                "chance_b_higher_pct",
                if na_.is_zero() || nb_.is_zero() {
                    R::Undefined
                } else {
                    R::Unchecked
                },
            );
            out.insert("responses_a", R::Exact(na_.clone()));
            out.insert("responses_b", R::Exact(nb_.clone()));
            let (Some((nps_a, centre_a, spread_a)), Some((nps_b, centre_b, spread_b))) = (a, b)
            else {
                for r in [
                    "change",
                    "change_size",
                    "change_ci_low",
                    "change_ci_high",
                    "se_change",
                    "z_score",
                    "p_value",
                    "verdict",
                    "smallest_significant_change",
                    "chance_one_in",
                    "responses_to_detect",
                    "change_to_detect",
                    "pooled_promoters_pct",
                    "pooled_detractors_pct",
                ] {
                    out.insert(r, R::Undefined);
                }
                return;
            };
            let change = &nps_b - &nps_a;
            // The next survey's plan, from both surveys' shares together.
            let both = &na_ + &nb_;
            let pooled_p = to_link(&((&pa_ + &pb_) / &both * q(100)));
            let pooled_d = to_link(&((&da_ + &db_) / &both * q(100)));
            out.insert(
                "pooled_promoters_pct",
                pooled_p.clone().map_or(R::Unchecked, R::Exact),
            );
            out.insert(
                "pooled_detractors_pct",
                pooled_d.clone().map_or(R::Unchecked, R::Exact),
            );
            let variance = pooled_p.zip(pooled_d).map(|(p, d)| {
                let (p, d) = (p / q(100), d / q(100));
                &p + &d - (&p - &d) * (&p - &d)
            });
            plan(out, &z, &change, variance);
            let centre = &centre_b - &centre_a;
            let se = map(&root(&(&spread_a + &spread_b), 2), |s| s * q(100));
            out.insert("change_ci_low", clamp(map(&se, |s| &centre - &z * s), 200));
            out.insert("change_ci_high", clamp(map(&se, |s| &centre + &z * s), 200));
            out.insert("smallest_significant_change", map(&se, |s| &z * s));
            test(out, &centre, &se, i);
            out.insert("se_change", se);
            out.insert("change_size", R::Exact(change.abs()));
            out.insert("change", R::Exact(change));
        }
        "proportion-compare" => {
            let (xa, na_, xb, nb_) = (
                n("successes_a"),
                n("total_a"),
                n("successes_b"),
                n("total_b"),
            );
            let ids = [
                "rate_a_pct",
                "rate_b_pct",
                "change_pts",
                "change_size",
                "change_ci_low",
                "change_ci_high",
                "z_score",
                "p_value",
                "verdict",
                "smallest_significant_change",
                "chance_one_in",
                "responses_to_detect",
                "change_to_detect",
                "pooled_pct",
            ];
            if na_.is_zero() || nb_.is_zero() {
                for r in ids {
                    out.insert(r, R::Undefined);
                }
                if !na_.is_zero() {
                    out.insert("rate_a_pct", R::Exact(&xa / &na_ * q(100)));
                }
                if !nb_.is_zero() {
                    out.insert("rate_b_pct", R::Exact(&xb / &nb_ * q(100)));
                }
                return;
            }
            let (sa, sb) = (&xa / &na_, &xb / &nb_);
            let change = (&sb - &sa) * q(100);
            let z = z_conf(i);
            let unpooled = map(
                &root(&(&sa * (q(1) - &sa) / &na_ + &sb * (q(1) - &sb) / &nb_), 2),
                |s| s * q(100),
            );
            out.insert(
                "change_ci_low",
                clamp(map(&unpooled, |s| &change - &z * s), 100),
            );
            out.insert(
                "change_ci_high",
                clamp(map(&unpooled, |s| &change + &z * s), 100),
            );
            let pooled_share = (&xa + &xb) / (&na_ + &nb_);
            let pooled = map(
                &root(
                    &(&pooled_share * (q(1) - &pooled_share) * (q(1) / &na_ + q(1) / &nb_)),
                    2,
                ),
                |s| s * q(100),
            );
            out.insert("smallest_significant_change", map(&pooled, |s| &z * s));
            let pooled_pct = to_link(&(&pooled_share * q(100)));
            out.insert(
                "pooled_pct",
                pooled_pct.clone().map_or(R::Unchecked, R::Exact),
            );
            let variance = pooled_pct.map(|r| {
                let r = r / q(100);
                &r * (q(1) - &r)
            });
            plan(out, &z, &change, variance);
            test(out, &change, &pooled, i);
            out.insert("change_size", R::Exact(change.abs()));
            out.insert("change_pts", R::Exact(change));
            out.insert("rate_a_pct", R::Exact(sa * q(100)));
            out.insert("rate_b_pct", R::Exact(sb * q(100)));
        }
        "sample-size" => {
            let nps = choice(i, "metric") != Some("rate");
            let worst = if nps {
                q(1)
            } else {
                BigRational::new(1.into(), 4.into())
            };
            let variance = if nps {
                match (num(i, "promoters_pct"), num(i, "detractors_pct")) {
                    (Some(p), Some(d)) if &p + &d > q(100) => None,
                    (Some(p), Some(d)) => {
                        let (p, d) = (p / q(100), d / q(100));
                        Some(&p + &d - (&p - &d) * (&p - &d))
                    }
                    _ => Some(worst.clone()),
                }
            } else {
                Some(match num(i, "expected_pct") {
                    Some(r) => {
                        let r = r / q(100);
                        &r * (q(1) - &r)
                    }
                    None => worst.clone(),
                })
            };
            let z = z_conf(i);
            let needed = |var: &BigRational| -> R {
                let (top, step) = if choice(i, "goal") == Some("detect") {
                    let zb = match choice(i, "power_pct") {
                        Some("90") => BigRational::new(12816.into(), 10000.into()),
                        _ => BigRational::new(8416.into(), 10000.into()),
                    };
                    (
                        (&z + &zb) * (&z + &zb) * q(2) * var,
                        n("change_pts") / q(100),
                    )
                } else {
                    (&z * &z * var, n("margin_pts") / q(100))
                };
                if step.is_zero() {
                    R::Undefined
                } else {
                    crate::reference::ceil_zero(top / (&step * &step))
                }
            };
            let per_survey = match &variance {
                Some(v) => needed(v),
                None => R::Undefined,
            };
            if choice(i, "goal") == Some("detect") {
                out.insert(
                    "responses_total",
                    match &per_survey {
                        R::Exact(n) => R::Exact(n * q(2)),
                        R::Step(n) => R::Step(n * q(2)),
                        other => other.clone(),
                    },
                );
            }
            out.insert("responses_needed", per_survey);
            out.insert("variance", variance.map_or(R::Undefined, R::Exact));
            out.insert("responses_needed_worst", needed(&worst));
        }
        _ => crate::reference_breakdowns::compute(id, i, out),
    }
}
