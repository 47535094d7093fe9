//! The chance that survey B's NPS is really higher than survey A's (METRICS.md, "Breakdowns"):
//! P(NPS_B > NPS_A) when each survey's (promoter, passive, detractor) shares are drawn from
//! Dirichlet(P + 1, A + 1, D + 1), the uniform prior updated by the answers.
//!
//! Computed by quadrature, not by sampling, so the same inputs always give the same figure:
//! a survey's shares (p, a, d) are written as p ~ Beta(P + 1, A + D + 2) and, given p, the
//! detractors' part of the rest t = d / (1 − p) ~ Beta(D + 1, A + 1), independent of p; then
//! NPS = p − (1 − p) t. Each of p and t is laid on a grid of midpoints over the stretch that
//! holds its mass (the mean ± 9 standard deviations, within 0 to 1), so a survey of a million
//! answers is resolved as finely as one of five; the products of their densities weigh the
//! NPS at each grid point. The chance is then Σ over pairs of weight_A × weight_B for
//! NPS_B > NPS_A (ties count half), taken in one pass over both clouds sorted by NPS.
//! `tests/engine/chance.rs` holds it to a large seeded Monte Carlo within ±0.5 points.
//!
//! Unlike the p-value of `nps-compare` (how surprising the change would be if the two NPS
//! were equal), this is a direct answer to "how likely is B better?", and it reads the same
//! way for 12 answers as for 12,000.

use std::cell::RefCell;
use std::rc::Rc;

/// Grid points per dimension: 96 × 96 weighted NPS values per survey.
const GRID: usize = 96;

/// The stretch of a Beta(a, b) that holds its mass: mean ± 9 standard deviations, within
/// [0, 1].
fn stretch(a: f64, b: f64) -> (f64, f64) {
    let mean = a / (a + b);
    let sd = (mean * (1.0 - mean) / (a + b + 1.0)).sqrt();
    ((mean - 9.0 * sd).max(0.0), (mean + 9.0 * sd).min(1.0))
}

/// Midpoints of `GRID` equal steps over a Beta(a, b)'s stretch, with each point's log
/// density (up to a constant).
fn grid(a: f64, b: f64) -> Vec<(f64, f64)> {
    let (low, high) = stretch(a, b);
    let step = (high - low) / GRID as f64;
    (0..GRID)
        .map(|i| {
            let x = low + step * (i as f64 + 0.5);
            (x, (a - 1.0) * x.ln() + (b - 1.0) * (1.0 - x).ln())
        })
        .collect()
}

/// One survey's NPS (as a share, −1 to 1) as a cloud of weighted points, sorted by value,
/// the weights summing to 1.
fn cloud(promoters: u64, passives: u64, detractors: u64) -> Vec<(f64, f64)> {
    let (p, a, d) = (promoters as f64, passives as f64, detractors as f64);
    let ps = grid(p + 1.0, a + d + 2.0);
    let ts = grid(d + 1.0, a + 1.0);
    let top = ps.iter().map(|x| x.1).fold(f64::NEG_INFINITY, f64::max)
        + ts.iter().map(|x| x.1).fold(f64::NEG_INFINITY, f64::max);
    let mut points = Vec::with_capacity(GRID * GRID);
    for &(pv, pl) in &ps {
        for &(tv, tl) in &ts {
            points.push((pv - (1.0 - pv) * tv, (pl + tl - top).exp()));
        }
    }
    let total: f64 = points.iter().map(|x| x.1).sum();
    for point in &mut points {
        point.1 /= total;
    }
    points.sort_unstable_by(|x, y| x.0.total_cmp(&y.0));
    points
}

/// A survey's promoters, passives and detractors.
type Counts = (u64, u64, u64);

/// A laid-out cloud, shared between the moves that use it.
type Cloud = Rc<Vec<(f64, f64)>>;

/// Clouds kept for reuse: 48 of 147 kB each at most.
const KEPT_CLOUDS: usize = 48;

thread_local! {
    /// Clouds already laid out, the latest used last. A keystroke in a 20-wave table changes
    /// one wave: the other waves' clouds (each 9,216 points sorted) are reused, and within
    /// one table each wave's cloud serves both moves it is part of. Exact: a cloud depends on
    /// its counts alone.
    static CLOUDS: RefCell<Vec<(Counts, Cloud)>> = const { RefCell::new(Vec::new()) };
}

/// [`cloud`], reused when the same counts were laid out lately.
fn cloud_of(counts: Counts) -> Cloud {
    let make = || Rc::new(cloud(counts.0, counts.1, counts.2));
    CLOUDS.with(|kept| {
        let Ok(mut kept) = kept.try_borrow_mut() else {
            return make();
        };
        if let Some(at) = kept.iter().position(|(c, _)| *c == counts) {
            let entry = kept.remove(at);
            let found = Rc::clone(&entry.1);
            kept.push(entry);
            return found;
        }
        let made = make();
        if kept.len() >= KEPT_CLOUDS {
            kept.remove(0);
        }
        kept.push((counts, Rc::clone(&made)));
        made
    })
}

/// Chances kept for reuse: a keystroke in a 20-wave table changes one wave, so two of its 19
/// moves; the other 17 are found here instead of merging two clouds again.
const KEPT_CHANCES: usize = 64;

thread_local! {
    /// Chances already worked out, by their two surveys, the newest last.
    static CHANCES: RefCell<Vec<((Counts, Counts), f64)>> = const { RefCell::new(Vec::new()) };
}

/// 100 · P(NPS_B > NPS_A), ties counting half: a percentage from 0 to 100 (equal surveys
/// give exactly 50). The same inputs give the same figure, kept or worked out afresh.
pub fn chance_b_higher_pct(a: Counts, b: Counts) -> f64 {
    let kept = CHANCES.with(|k| {
        k.try_borrow()
            .ok()
            .and_then(|k| k.iter().find(|(pair, _)| *pair == (a, b)).map(|e| e.1))
    });
    if let Some(chance) = kept {
        return chance;
    }
    let chance = merged_chance(a, b);
    CHANCES.with(|k| {
        if let Ok(mut k) = k.try_borrow_mut() {
            if k.len() >= KEPT_CHANCES {
                k.remove(0);
            }
            k.push(((a, b), chance));
        }
    });
    chance
}

/// [`chance_b_higher_pct`] from the two clouds.
fn merged_chance(a: Counts, b: Counts) -> f64 {
    let (ca, cb) = (cloud_of(a), cloud_of(b));
    // One pass: for each of B's points (in order), A's mass below it and at it.
    let (mut at, mut below) = (0, 0.0);
    let mut chance = 0.0;
    for &(x, w) in cb.iter() {
        while at < ca.len() && ca.get(at).is_some_and(|p| p.0 < x) {
            below += ca.get(at).map_or(0.0, |p| p.1);
            at += 1;
        }
        let tied: f64 = ca
            .iter()
            .skip(at)
            .take_while(|p| p.0 == x)
            .map(|p| p.1)
            .sum();
        chance += w * (below + tied / 2.0);
    }
    (chance * 100.0).clamp(0.0, 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_surveys_are_even() {
        for s in [
            (0, 0, 0),
            (1, 0, 0),
            (50, 30, 20),
            (700_000, 200_000, 100_000),
        ] {
            assert!((chance_b_higher_pct(s, s) - 50.0).abs() < 1e-9, "{s:?}");
        }
    }

    #[test]
    fn swapping_gives_the_rest() {
        let (a, b) = ((40, 30, 30), (46, 30, 24));
        let sum = chance_b_higher_pct(a, b) + chance_b_higher_pct(b, a);
        assert!((sum - 100.0).abs() < 1e-9, "{sum}");
    }

    #[test]
    fn a_clear_rise_is_nearly_certain() {
        assert!(chance_b_higher_pct((50, 30, 20), (70, 20, 10)) > 99.0);
        assert!(chance_b_higher_pct((70, 20, 10), (50, 30, 20)) < 1.0);
    }
}
