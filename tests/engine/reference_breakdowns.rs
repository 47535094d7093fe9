//! The reference for the breakdowns, from METRICS.md ("Breakdowns") in exact rationals: each
//! move and each segment's gap is the reference's own `nps-compare` (Wald), fed the two
//! groups' counts; drags and NPS are exact fractions.

use crate::reference::{q, In, Inputs, R};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use std::collections::HashMap;

type Counts = (i64, i64, i64);

fn groups(i: &Inputs, id: &str) -> Vec<Counts> {
    match i.get(id) {
        Some(In::Groups(g)) => g.clone(),
        _ => Vec::new(),
    }
}

fn n((p, a, d): Counts) -> i64 {
    p + a + d
}

fn nps((p, a, d): Counts) -> R {
    let total = p + a + d;
    if total == 0 {
        R::Undefined
    } else {
        R::Exact(q(p - d) * q(100) / q(total))
    }
}

/// The reference's nps-compare of A against B at the inputs' confidence, by Wald.
fn wald(a: Counts, b: Counts, i: &Inputs) -> HashMap<&'static str, R> {
    let mut inputs: Inputs = HashMap::new();
    inputs.insert("mode", In::Choice("counts".into()));
    inputs.insert("method", In::Choice("wald".into()));
    if let Some(c) = i.get("confidence") {
        inputs.insert("confidence", c.clone());
    }
    for (id, v) in [
        ("promoters_a", a.0),
        ("passives_a", a.1),
        ("detractors_a", a.2),
        ("promoters_b", b.0),
        ("passives_b", b.1),
        ("detractors_b", b.2),
    ] {
        inputs.insert(id, In::Num(q(v)));
    }
    let mut out = HashMap::new();
    crate::reference_compare::compute("nps-compare", &inputs, &mut out);
    out
}

fn take(out: &HashMap<&'static str, R>, id: &str) -> R {
    out.get(id).cloned().unwrap_or(R::Undefined)
}

pub fn compute(id: &str, i: &Inputs, out: &mut HashMap<&'static str, R>) {
    match id {
        "nps-trend" => {
            let waves = groups(i, "waves");
            out.insert("wave_count", R::Exact(q(waves.len() as i64)));
            out.insert(
                "small_waves",
                R::Exact(q(waves.iter().filter(|w| n(**w) < 30).count() as i64)),
            );
            out.insert("first_nps", waves.first().map_or(R::Undefined, |w| nps(*w)));
            out.insert("latest_nps", waves.last().map_or(R::Undefined, |w| nps(*w)));
            // Real moves: each pair of waves in turn, unless a verdict is too close to call.
            let mut real = Some(0_i64);
            for pair in waves.windows(2) {
                if n(pair[0]) == 0 || n(pair[1]) == 0 {
                    continue;
                }
                match take(&wald(pair[0], pair[1], i), "verdict") {
                    R::Verdict("no-clear-change") | R::Undefined => {}
                    R::Verdict(_) => real = real.map(|r| r + 1),
                    _ => real = None,
                }
            }
            out.insert("real_moves", real.map_or(R::Unchecked, |r| R::Exact(q(r))));
            let ids = [
                ("latest_change", "change"),
                ("latest_change_ci_low", "change_ci_low"),
                ("latest_change_ci_high", "change_ci_high"),
                ("latest_verdict", "verdict"),
                ("latest_change_size", "change_size"),
                ("latest_chance_higher_pct", "chance_b_higher_pct"),
            ];
            match waves.len() {
                0 | 1 => {
                    for (mine, _) in ids {
                        out.insert(mine, R::Undefined);
                    }
                }
                k => {
                    let (a, b) = (waves[k - 2], waves[k - 1]);
                    let moved = wald(a, b, i);
                    for (mine, theirs) in ids {
                        let r = if n(a) == 0 || n(b) == 0 {
                            R::Undefined
                        } else {
                            take(&moved, theirs)
                        };
                        out.insert(mine, r);
                    }
                }
            }
        }
        "nps-segments" => {
            let segments = groups(i, "segments");
            let all: Counts = segments
                .iter()
                .fold((0, 0, 0), |t, s| (t.0 + s.0, t.1 + s.1, t.2 + s.2));
            out.insert("segment_count", R::Exact(q(segments.len() as i64)));
            out.insert("overall_nps", nps(all));
            out.insert(
                "small_segments",
                R::Exact(q(segments.iter().filter(|s| n(**s) < 30).count() as i64)),
            );
            let mut real = Some(0_i64);
            let mut drags: Vec<(usize, BigRational)> = Vec::new();
            for (at, s) in segments.iter().enumerate() {
                let rest = (all.0 - s.0, all.1 - s.1, all.2 - s.2);
                if segments.len() >= 2 && n(*s) > 0 && n(rest) > 0 {
                    match take(&wald(rest, *s, i), "verdict") {
                        R::Verdict("no-clear-change") | R::Undefined => {}
                        R::Verdict(_) => real = real.map(|r| r + 1),
                        _ => real = None,
                    }
                }
                // drag = 100 (n_s (P_r − D_r) − n_r (P_s − D_s)) / (n_r N); 0 for an empty one.
                if n(*s) == 0 {
                    drags.push((at, q(0)));
                } else if n(rest) > 0 {
                    let drag = q(100) * (q(n(*s)) * q(rest.0 - rest.2) - q(n(rest)) * q(s.0 - s.2))
                        / (q(n(rest)) * q(n(all)));
                    drags.push((at, drag));
                }
            }
            out.insert("real_gaps", real.map_or(R::Unchecked, |r| R::Exact(q(r))));
            let best = drags
                .iter()
                .fold(None::<&(usize, BigRational)>, |best, d| match best {
                    Some(b) if b.1 >= d.1 => Some(b),
                    _ => Some(d),
                });
            match best {
                _ if segments.len() < 2 => {
                    out.insert("largest_drag_pts", R::Undefined);
                    out.insert("largest_drag_segment", R::Undefined);
                }
                Some((at, d)) if d.is_positive() => {
                    // Two drags within 10^−20 of each other: the app may pick either.
                    let tie = drags.iter().any(|(o, other)| {
                        o != at
                            && (other - d).abs()
                                < BigRational::new(1.into(), BigInt::from(10).pow(20))
                    });
                    out.insert("largest_drag_pts", R::Exact(d.clone()));
                    out.insert(
                        "largest_drag_segment",
                        if tie {
                            R::Unchecked
                        } else {
                            R::Exact(q(*at as i64 + 1))
                        },
                    );
                }
                _ => {
                    out.insert("largest_drag_pts", R::Undefined);
                    out.insert("largest_drag_segment", R::Undefined);
                }
            }
            let _ = BigRational::zero();
        }
        _ => {}
    }
}
