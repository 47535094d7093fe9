//! The chance that B's NPS is higher, against an independent computation: a large seeded
//! Monte Carlo of the Dirichlet posteriors (gamma variates by Marsaglia and Tsang), here in
//! the test and nowhere in the app. Within ±0.5 points at every input, as METRICS.md asks.

use cs_metrics::engine::chance::chance_b_higher_pct;

/// SplitMix64: a small, seeded generator (the same figures on every run).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in (0, 1).
    fn uniform(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        (-2.0 * self.uniform().ln()).sqrt() * (std::f64::consts::TAU * self.uniform()).cos()
    }
    /// Gamma(shape ≥ 1, 1).
    fn gamma(&mut self, shape: f64) -> f64 {
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.uniform();
            if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }
    /// One draw of a survey's NPS share from Dirichlet(P + 1, A + 1, D + 1).
    fn nps(&mut self, (p, a, d): (u64, u64, u64)) -> f64 {
        let (gp, ga, gd) = (
            self.gamma(p as f64 + 1.0),
            self.gamma(a as f64 + 1.0),
            self.gamma(d as f64 + 1.0),
        );
        (gp - gd) / (gp + ga + gd)
    }
}

fn monte_carlo(a: (u64, u64, u64), b: (u64, u64, u64), draws: u32, seed: u64) -> f64 {
    let mut rng = Rng(seed);
    let mut higher = 0.0;
    for _ in 0..draws {
        let (x, y) = (rng.nps(a), rng.nps(b));
        if y > x {
            higher += 1.0;
        } else if y == x {
            higher += 0.5;
        }
    }
    100.0 * higher / f64::from(draws)
}

#[test]
fn the_chance_agrees_with_a_large_monte_carlo() {
    // 2,000,000 draws: the Monte Carlo's own standard error is at most 0.035 points.
    let cases = [
        // Equal surveys: 50.
        ((50, 30, 20), (50, 30, 20)),
        // Tiny samples: one answer each, the prior matters.
        ((1, 0, 0), (0, 0, 1)),
        ((0, 1, 2), (2, 1, 0)),
        // The "no clear change" of nps-compare's example: 40/30/30 → 46/30/24.
        ((40, 30, 30), (46, 30, 24)),
        // Large and small together.
        ((4000, 3000, 3000), (12, 5, 3)),
        // A million answers each, a fraction of a point apart.
        ((400_000, 300_000, 300_000), (400_600, 300_000, 299_400)),
    ];
    for (i, (a, b)) in cases.into_iter().enumerate() {
        let exact = chance_b_higher_pct(a, b);
        let sampled = monte_carlo(a, b, 2_000_000, 0xC5_u64 + i as u64);
        eprintln!("{a:?} vs {b:?}: quadrature {exact:.3}, Monte Carlo {sampled:.3}");
        assert!(
            (exact - sampled).abs() < 0.5,
            "{a:?} vs {b:?}: quadrature {exact}, Monte Carlo {sampled}"
        );
    }
}

#[test]
fn the_same_inputs_give_the_same_figure() {
    let a = (120, 45, 30);
    let b = (130, 40, 25);
    assert_eq!(
        chance_b_higher_pct(a, b).to_bits(),
        chance_b_higher_pct(a, b).to_bits()
    );
}

proptest::proptest! {
    /// Swapping the surveys gives the rest of 100: P(A > B) = 100 − P(B > A).
    #[test]
    fn swapping_gives_the_rest_of_100(
        a in (0_u64..2000, 0_u64..2000, 0_u64..2000),
        b in (0_u64..2000, 0_u64..2000, 0_u64..2000),
    ) {
        let sum = chance_b_higher_pct(a, b) + chance_b_higher_pct(b, a);
        proptest::prop_assert!((sum - 100.0).abs() < 1e-9, "{}", sum);
    }
}
