//! A second implementation of every formula, written straight from the metric reference with
//! exact rationals (big integers: no rounding anywhere) and, for roots, bounds 10^−60 apart.
//! The differential test compares the app with it; nothing here shares code with the engine.

use num_bigint::{BigInt, Sign};
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::HashMap;

/// A reference result.
#[derive(Clone, Debug, PartialEq)]
pub enum R {
    /// An exact value.
    Exact(BigRational),
    /// The true value lies within [low, high] (roots).
    Range(BigRational, BigRational),
    /// A whole number from a value on or within 10^−12 (relative) of a whole number: the
    /// app shows this one or calls it undecided (a decimal's 28 digits may not tell the side).
    Step(BigRational),
    /// No value (a zero divisor, a blank optional input, a target out of reach).
    Undefined,
    /// A verdict's id.
    Verdict(&'static str),
    /// The app's value must be below this (a claim such as "less than 1 time in N").
    Below(BigRational),
    /// Not checked: the reference itself can't tell (a p-value within 10^−9 of α).
    Unchecked,
}

/// One input as the reference reads it.
#[derive(Clone, Debug)]
pub enum In {
    Num(BigRational),
    List(Vec<BigRational>),
    Choice(String),
    /// Groups: each one's promoters, passives and detractors (labels play no part).
    Groups(Vec<(i64, i64, i64)>),
    Blank,
}

pub type Inputs = HashMap<&'static str, In>;

pub fn q(n: i64) -> BigRational {
    BigRational::from_integer(BigInt::from(n))
}

/// A plain decimal text ("-12.5") as an exact rational.
pub fn parse(text: &str) -> Option<BigRational> {
    let text = text.trim();
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let digits = format!("{int}{frac}");
    let n: BigInt = digits.parse().ok()?;
    let d = BigInt::from(10).pow(frac.len() as u32);
    let v = BigRational::new(n, d);
    Some(if negative { -v } else { v })
}

fn num(i: &Inputs, id: &str) -> Option<BigRational> {
    match i.get(id) {
        Some(In::Num(v)) => Some(v.clone()),
        _ => None,
    }
}

fn list(i: &Inputs, id: &str) -> Vec<BigRational> {
    match i.get(id) {
        Some(In::List(v)) => v.clone(),
        _ => Vec::new(),
    }
}

fn choice(i: &Inputs, id: &str) -> Option<String> {
    match i.get(id) {
        Some(In::Choice(c)) => Some(c.clone()),
        _ => None,
    }
}

fn div(a: &BigRational, b: &BigRational) -> R {
    if b.is_zero() {
        R::Undefined
    } else {
        R::Exact(a / b)
    }
}

fn pct(a: &BigRational, b: &BigRational) -> R {
    if b.is_zero() {
        R::Undefined
    } else {
        R::Exact(a / b * q(100))
    }
}

const DIGITS: u32 = 60;

/// The n-th root of x ≥ 0 within 10^−60: floor and ceiling of the scaled root.
pub fn root(x: &BigRational, n: u32) -> R {
    if x.is_negative() {
        return R::Undefined;
    }
    let scale = BigInt::from(10).pow(DIGITS);
    let scaled = x * BigRational::from_integer(scale.pow(n));
    let whole = scaled.floor().to_integer();
    let (_, mag) = whole.into_parts();
    let r = BigInt::from_biguint(Sign::Plus, mag.nth_root(n));
    let low = BigRational::new(r.clone(), scale.clone());
    if low.pow(n as i32) == *x {
        return R::Exact(low);
    }
    let high = BigRational::new(r + 1, scale);
    R::Range(low, high)
}

/// Σ_{t<n} x^t for 0 ≤ x by Horner's rule, each step rounded down (or up) to a multiple of
/// 10^−90: a bound of the exact sum within n × 10^−90.
fn sum_rounded(x: &BigRational, n: u32, up: bool) -> BigRational {
    let scale = BigInt::from(10).pow(90);
    let round = |v: BigRational| {
        if v.is_integer() {
            return v;
        }
        let scaled = v * BigRational::from_integer(scale.clone());
        let whole = if up { scaled.ceil() } else { scaled.floor() };
        whole / BigRational::from_integer(scale.clone())
    };
    let x = round(x.clone());
    let mut sum = q(1);
    for _ in 1..n {
        sum = round(q(1) + &x * &sum);
    }
    sum
}

fn map(r: R, f: impl Fn(&BigRational) -> BigRational) -> R {
    match r {
        R::Exact(v) => R::Exact(f(&v)),
        // f must be monotone; a decreasing f swaps the ends.
        R::Range(a, b) => {
            let (fa, fb) = (f(&a), f(&b));
            if fa <= fb {
                R::Range(fa, fb)
            } else {
                R::Range(fb, fa)
            }
        }
        other => other,
    }
}

fn clamp_low(r: R, low: i64) -> R {
    map(r, |v| if *v < q(low) { q(low) } else { v.clone() })
}

fn clamp_high(r: R, high: i64) -> R {
    map(r, |v| if *v > q(high) { q(high) } else { v.clone() })
}

/// The ceiling, at least 0; a [`R::Step`] for a value on or within 10^−12 of a whole number
/// (an app whose intermediates needed more than 28 digits can't tell which side it is on).
pub fn ceil_zero(x: BigRational) -> R {
    let c = x.ceil();
    if c < q(0) {
        return R::Exact(q(0));
    }
    // 10^−12: a ratio of inputs with 13 decimals can carry an error of that order once a
    // square of a tiny share falls below the 28th decimal (found by a differential run:
    // a sample size of 467,020,913,778 within 10^−10 of the whole number).
    let tiny = BigRational::new(1.into(), BigInt::from(10).pow(12));
    let above_step = &x - x.floor();
    let below_step = &c - &x;
    let near = &x.abs() * &tiny + &tiny;
    if x.is_integer() || above_step <= near || below_step <= near {
        R::Step(c)
    } else {
        R::Exact(c)
    }
}

fn opt_num(i: &Inputs, id: &str, default: i64) -> BigRational {
    num(i, id).unwrap_or_else(|| q(default))
}

/// Every result of calculator `id` for `i`.
/// LTV in today's money (METRICS.md, `ltv`): Σ_{t<H} monthly × q^t, q = (1 − churn) / s,
/// s = (1 + discount)^(1/12); `churn` as a fraction, `monthly` = ARPA × margin.
fn discounted_ltv(i: &Inputs, churn: &BigRational, monthly: &BigRational) -> R {
    // Σ_{t<H} monthly × q^t, q = (1 − churn) / s, s = (1 + discount)^(1/12):
    // decreasing in s, so the root's range maps onto the value's.
    let (discount, horizon) = (num(i, "discount_pct"), num(i, "horizon_months"));
    if discount.is_none() && horizon.is_none() {
        R::Undefined
    } else {
        let kept = q(1) - churn;
        let s = root(&(q(1) + discount.unwrap_or_else(|| q(0)) / q(100)), 12);
        // The value for one end of the root's range, as (low, high): with a
        // horizon, Σ_{t<H} q^t by Horner's rule rounded outwards at 10^−90
        // (exact 60-digit powers would grow to tens of thousands of digits).
        let value = |s: &BigRational| -> Option<(BigRational, BigRational)> {
            let qq = &kept / s;
            let gap = q(1) - &qq;
            match &horizon {
                None if gap.is_zero() => None,
                None => Some((monthly / &gap, monthly / &gap)),
                Some(h) => {
                    let hh = h.to_integer().to_string().parse::<u32>().ok()?;
                    let (low, high) = (sum_rounded(&qq, hh, false), sum_rounded(&qq, hh, true));
                    Some((monthly * low, monthly * high))
                }
            }
        };
        let ends = match s {
            R::Exact(s) => value(&s).map(|v| (v.clone(), v)),
            R::Range(a, b) => value(&a).zip(value(&b)),
            _ => None,
        };
        match ends {
            Some(((a_low, a_high), (b_low, b_high))) => {
                let low = if a_low <= b_low { a_low } else { b_low };
                let high = if a_high >= b_high { a_high } else { b_high };
                if low == high {
                    R::Exact(low)
                } else {
                    R::Range(low, high)
                }
            }
            None => R::Undefined,
        }
    }
}

pub fn compute(id: &str, i: &Inputs) -> HashMap<&'static str, R> {
    let mut out: HashMap<&'static str, R> = HashMap::new();
    let n = |id: &str| num(i, id).unwrap_or_else(|| q(0));
    match id {
        "nps" => {
            let (p, pa, d) = if choice(i, "mode").as_deref() == Some("scores") {
                let s = list(i, "scores");
                let c =
                    |f: &dyn Fn(&BigRational) -> bool| q(s.iter().filter(|v| f(v)).count() as i64);
                (
                    c(&|v| *v >= q(9)),
                    c(&|v| *v >= q(7) && *v < q(9)),
                    c(&|v| *v < q(7)),
                )
            } else {
                (n("promoters"), n("passives"), n("detractors"))
            };
            let total = &p + &pa + &d;
            out.insert("responses", R::Exact(total.clone()));
            out.insert("promoters", R::Exact(p.clone()));
            out.insert("passives", R::Exact(pa.clone()));
            out.insert("detractors", R::Exact(d.clone()));
            out.insert("promoters_pct", pct(&p, &total));
            out.insert("passives_pct", pct(&pa, &total));
            out.insert("detractors_pct", pct(&d, &total));
            out.insert("nps", pct(&(&p - &d), &total));
            if total.is_zero() {
                for r in [
                    "margin_of_error",
                    "ci_low",
                    "ci_high",
                    "promoters_needed",
                    "smallest_change",
                ] {
                    out.insert(r, R::Undefined);
                }
                return out;
            }
            // Adjusted Wald: n′ = n + 3, ¾ added to promoters and detractors, centred there.
            let adjusted = choice(i, "method").as_deref() == Some("adjusted-wald");
            let three_quarters = BigRational::new(3.into(), 4.into());
            let (pp, dd, nn) = if adjusted {
                (&p + &three_quarters, &d + &three_quarters, &total + q(3))
            } else {
                (p.clone(), d.clone(), total.clone())
            };
            let (ps, ds) = (&pp / &nn, &dd / &nn);
            let var = &ps + &ds - (&ps - &ds) * (&ps - &ds);
            let moe = map(root(&(var / &nn), 2), |v| v * q(196));
            let centre = (&pp - &dd) / &nn * q(100);
            out.insert("ci_low", clamp_low(map(moe.clone(), |m| &centre - m), -100));
            out.insert(
                "ci_high",
                clamp_high(map(moe.clone(), |m| &centre + m), 100),
            );
            // √2 × the margin: root(2) times a range, both ends moving together.
            let smallest = match (&moe, root(&q(2), 2)) {
                (R::Exact(m), R::Range(a, b)) => R::Range(m * a, m * b),
                (R::Range(m1, m2), R::Range(a, b)) => R::Range(m1 * a, m2 * b),
                _ => R::Undefined,
            };
            out.insert("smallest_change", smallest);
            out.insert("margin_of_error", moe);
            let needed = match num(i, "target_nps") {
                None => R::Undefined,
                Some(t) if t == q(100) => {
                    if (&pa + &d).is_zero() {
                        R::Exact(q(0))
                    } else {
                        R::Undefined
                    }
                }
                Some(t) => ceil_zero((&t * &total - q(100) * (&p - &d)) / (q(100) - &t)),
            };
            out.insert("promoters_needed", needed);
        }
        "csat" => {
            if choice(i, "mode").as_deref() == Some("counts") {
                out.insert("csat_pct", pct(&n("satisfied"), &n("responses")));
                out.insert("responses", R::Exact(n("responses")));
                out.insert("satisfied", R::Exact(n("satisfied")));
            } else {
                let s = list(i, "scores");
                let min = opt_num(i, "satisfied_min", 4);
                let total = q(s.len() as i64);
                let sat = q(s.iter().filter(|v| **v >= min).count() as i64);
                let sum: BigRational = s.iter().fold(q(0), |a, v| a + v);
                out.insert("csat_pct", pct(&sat, &total));
                out.insert("average", div(&sum, &total));
                out.insert("responses", R::Exact(total));
                out.insert("satisfied", R::Exact(sat));
            }
        }
        "ces" => {
            let s = list(i, "scores");
            let easy = opt_num(i, "easy_min", 5);
            let total = q(s.len() as i64);
            let sum: BigRational = s.iter().fold(q(0), |a, v| a + v);
            out.insert("ces", div(&sum, &total));
            out.insert(
                "easy_pct",
                pct(&q(s.iter().filter(|v| **v >= easy).count() as i64), &total),
            );
            out.insert("responses", R::Exact(total));
        }
        "rating" => {
            let s = list(i, "scores");
            let total = q(s.len() as i64);
            let sum: BigRational = s.iter().fold(q(0), |a, v| a + v);
            let scale = opt_num(i, "scale_max", 5);
            out.insert("average", div(&sum, &total));
            out.insert(
                "average_pct_of_max",
                if total.is_zero() {
                    R::Undefined
                } else {
                    pct(&(&sum / &total), &scale)
                },
            );
            out.insert("responses", R::Exact(total));
        }
        "retention-rate" => {
            out.insert(
                "retention_pct",
                pct(
                    &(n("customers_end") - n("new_customers")),
                    &n("customers_start"),
                ),
            );
            out.insert(
                "customers_kept",
                R::Exact(n("customers_end") - n("new_customers")),
            );
        }
        "churn-rate" => {
            let (s, l) = (n("customers_start"), n("customers_lost"));
            let months = opt_num(i, "period_months", 1)
                .to_integer()
                .to_u32()
                .unwrap_or(1);
            out.insert("churn_pct", pct(&l, &s));
            let annual = if s.is_zero() {
                R::Undefined
            } else {
                let kept = (&s - &l) / &s;
                let remaining = root(&kept.pow(12), months);
                map(remaining, |r| (q(1) - r) * q(100))
            };
            out.insert("annual_churn_pct", annual);
        }
        "renewal-rate" => {
            out.insert("renewal_pct", pct(&n("renewed"), &n("up_for_renewal")));
        }
        "repeat-purchase-rate" => {
            out.insert(
                "repeat_purchase_pct",
                pct(&n("repeat_customers"), &n("customers")),
            );
        }
        "retention-cost" => {
            out.insert(
                "cost_per_customer",
                div(&n("retention_spend"), &n("customers")),
            );
        }
        "fcr" => {
            out.insert("fcr_pct", pct(&n("resolved_first_contact"), &n("tickets")));
        }
        "segment-churn" => {
            let good = pct(&n("good_fit_lost"), &n("good_fit_start"));
            let bad = pct(&n("bad_fit_lost"), &n("bad_fit_start"));
            let gap = match (&good, &bad) {
                (R::Exact(g), R::Exact(b)) => R::Exact(b - g),
                _ => R::Undefined,
            };
            out.insert("good_fit_churn_pct", good);
            out.insert("bad_fit_churn_pct", bad);
            out.insert("churn_gap_pts", gap);
        }
        "mrr" => {
            let mrr = n("active_customers") * n("arpa");
            out.insert("arr", R::Exact(&mrr * q(12)));
            out.insert("mrr", R::Exact(mrr));
        }
        "arpa" => {
            out.insert("arpa", div(&n("mrr"), &n("accounts")));
        }
        "revenue-churn" => {
            let lost = n("churned_mrr") + n("contraction_mrr");
            let expansion = opt_num(i, "expansion_mrr", 0);
            out.insert("gross_revenue_churn_pct", pct(&lost, &n("mrr_start")));
            out.insert(
                "net_revenue_churn_pct",
                pct(&(&lost - expansion), &n("mrr_start")),
            );
        }
        "existing-revenue-growth" => {
            let change = n("expansion_mrr") - n("contraction_mrr") - n("churned_mrr");
            out.insert("mrr_end_existing", R::Exact(n("mrr_start") + &change));
            out.insert("growth_pct", pct(&change, &n("mrr_start")));
        }
        "grr" => {
            let kept = n("renewable_arr") - n("downsell") - n("churn");
            out.insert("grr_pct", pct(&kept, &n("renewable_arr")));
        }
        "nrr" => {
            let end = n("starting_arr") + n("expansion") - n("downsell") - n("churn");
            out.insert("nrr_pct", pct(&end, &n("starting_arr")));
        }
        "expansion-revenue" => {
            let (this, last) = (n("expansion_this_quarter"), n("expansion_last_quarter"));
            out.insert("qoq_change_pct", pct(&(&this - &last), &last));
            out.insert(
                "per_csm",
                match num(i, "csms") {
                    Some(c) => div(&this, &c),
                    None => R::Undefined,
                },
            );
        }
        "sales-growth-per-client" => {
            let before = div(&n("revenue_previous"), &n("clients_previous"));
            let now = div(&n("revenue_current"), &n("clients_current"));
            let growth = match (&before, &now) {
                (R::Exact(b), R::Exact(c)) => pct(&(c - b), b),
                _ => R::Undefined,
            };
            out.insert("per_client_previous", before);
            out.insert("per_client_current", now);
            out.insert("growth_pct", growth);
        }
        "consumption-rate" => {
            out.insert(
                "consumption_pct",
                pct(&n("units_used"), &n("units_purchased")),
            );
        }
        "quick-ratio" => {
            out.insert(
                "quick_ratio",
                div(
                    &(n("new_mrr") + n("expansion_mrr")),
                    &(n("churned_mrr") + n("contraction_mrr")),
                ),
            );
        }
        "cac" => {
            let spend =
                n("sales_spend") + n("marketing_spend") + opt_num(i, "implementation_spend", 0);
            out.insert("cac", div(&spend, &n("new_customers")));
        }
        "ltv" => {
            let margin = opt_num(i, "gross_margin_pct", 100) / q(100);
            match choice(i, "method").as_deref() {
                Some("purchase") => {
                    let y = n("lifespan_years");
                    out.insert(
                        "ltv",
                        R::Exact(n("avg_purchase_value") * n("purchases_per_year") * &y * margin),
                    );
                    out.insert("lifetime_months", R::Exact(y * q(12)));
                }
                Some("yearly") => {
                    let y = n("lifespan_years");
                    out.insert("ltv", R::Exact(n("yearly_revenue") * &y * margin));
                    out.insert("lifetime_months", R::Exact(y * q(12)));
                }
                _ => {
                    let churn = n("churn_pct") / q(100);
                    let monthly = n("arpa") * &margin;
                    out.insert("ltv", div(&monthly, &churn));
                    out.insert("lifetime_months", div(&q(1), &churn));
                    out.insert("ltv_discounted", discounted_ltv(i, &churn, &monthly));
                }
            }
        }
        "ltv-cac" => {
            let cac = n("cac");
            let arpa_mode = choice(i, "mode").as_deref() == Some("arpa");
            let margin = opt_num(i, "gross_margin_pct", 100) / q(100);
            let ltv = if arpa_mode {
                div(&(n("arpa") * &margin), &(n("churn_pct") / q(100)))
            } else {
                R::Exact(n("ltv"))
            };
            let discounted = if arpa_mode {
                discounted_ltv(i, &(n("churn_pct") / q(100)), &(n("arpa") * &margin))
            } else {
                R::Undefined
            };
            let discounted_basis = arpa_mode && choice(i, "basis").as_deref() == Some("discounted");
            let basis = if discounted_basis { &discounted } else { &ltv };
            let ratio = match basis {
                R::Exact(l) => div(l, &cac),
                R::Range(low, high) if !cac.is_zero() => R::Range(low / &cac, high / &cac),
                _ => R::Undefined,
            };
            let band = |r: &BigRational| {
                if *r < q(1) {
                    "losing-money"
                } else if *r < q(3) {
                    "below-target"
                } else if *r <= q(5) {
                    "healthy"
                } else {
                    "under-investing"
                }
            };
            out.insert(
                "verdict",
                match &ratio {
                    R::Exact(r) => R::Verdict(band(r)),
                    // Both ends in one band: that band; else the app may call it undecided.
                    R::Range(low, high) if band(low) == band(high) => R::Verdict(band(low)),
                    R::Range(..) => R::Unchecked,
                    _ => R::Undefined,
                },
            );
            out.insert("ltv_cac_ratio", ratio);
            if arpa_mode {
                let monthly_margin = n("arpa") * &margin;
                out.insert("ltv", ltv);
                out.insert("ltv_discounted", discounted);
                out.insert("payback_months", div(&cac, &monthly_margin));
                out.insert(
                    "churn_for_3x_pct",
                    if discounted_basis {
                        R::Undefined
                    } else {
                        div(&(&monthly_margin * q(100)), &(q(3) * &cac))
                    },
                );
            } else {
                out.insert("payback_months", R::Undefined);
            }
        }
        "cac-payback" => {
            let margin = opt_num(i, "gross_margin_pct", 100) / q(100);
            out.insert("payback_months", div(&n("cac"), &(n("arpa") * margin)));
        }
        "time-to-first-value" => {
            if choice(i, "mode").as_deref() == Some("totals") {
                out.insert("avg_days", div(&n("total_days"), &n("customers")));
            } else {
                let mut days = list(i, "days");
                let total = q(days.len() as i64);
                let sum: BigRational = days.iter().fold(q(0), |a, v| a + v);
                out.insert("avg_days", div(&sum, &total));
                days.sort();
                let median = match days.len() {
                    0 => R::Undefined,
                    len if len % 2 == 1 => R::Exact(days[len / 2].clone()),
                    len => R::Exact((&days[len / 2 - 1] + &days[len / 2]) / q(2)),
                };
                out.insert("median_days", median);
            }
        }
        "engagement-activity" => {
            out.insert("per_account", div(&n("touchpoints"), &n("accounts")));
            out.insert(
                "per_week",
                map(
                    div(&n("touchpoints"), &opt_num(i, "period_days", 30)),
                    |v| v * q(7),
                ),
            );
        }
        "advocacy-activity" => {
            let total = ["referrals", "reviews", "case_studies", "other"]
                .iter()
                .fold(q(0), |a, id| a + opt_num(i, id, 0));
            out.insert(
                "per_100_customers",
                match num(i, "customers") {
                    Some(c) => pct(&total, &c),
                    None => R::Undefined,
                },
            );
            out.insert("total", R::Exact(total));
        }
        "referral-rate" => {
            out.insert(
                "referral_pct",
                pct(&n("referred_customers"), &n("new_customers")),
            );
        }
        "repeat-request-rate" => {
            out.insert(
                "repeat_request_pct",
                pct(&n("repeat_clients"), &n("clients")),
            );
        }
        "health-score" => {
            let mut weighted = q(0);
            let mut weights = q(0);
            let mut any = false;
            for (c, w) in [
                ("usage", "usage_weight"),
                ("engagement", "engagement_weight"),
                ("support", "support_weight"),
                ("sentiment", "sentiment_weight"),
                ("nps", "nps_weight"),
            ] {
                let Some(score) = num(i, c) else { continue };
                let score = if c == "nps" {
                    (score + q(100)) / q(2)
                } else {
                    score
                };
                let weight = opt_num(i, w, 1);
                weighted += &weight * score;
                weights += weight;
                any = true;
            }
            let score = if any {
                div(&weighted, &weights)
            } else {
                R::Undefined
            };
            out.insert(
                "band",
                match &score {
                    R::Exact(s) => R::Verdict(if *s >= q(80) {
                        "healthy"
                    } else if *s >= q(60) {
                        "stable"
                    } else if *s >= q(40) {
                        "at-risk"
                    } else {
                        "critical"
                    }),
                    _ => R::Undefined,
                },
            );
            out.insert("health_score", score);
        }
        "revenue-projection" => {
            // MRR_t = MRR_{t−1} × (1 + e − c − ch) + new, in exact fractions.
            let g = q(1)
                + (opt_num(i, "expansion_pct", 0)
                    - opt_num(i, "contraction_pct", 0)
                    - opt_num(i, "churn_pct", 0))
                    / q(100);
            let new = opt_num(i, "new_mrr", 0);
            let start = n("mrr_start");
            let months = opt_num(i, "months", 12)
                .to_integer()
                .to_string()
                .parse::<u32>()
                .unwrap_or(12);
            let (mut m, mut total) = (start.clone(), q(0));
            for _ in 0..months {
                m = &m * &g + &new;
                total += &m;
            }
            out.insert("arr_end", R::Exact(&m * q(12)));
            out.insert("growth_pct", pct(&(&m - &start), &start));
            out.insert("revenue_total", R::Exact(total));
            out.insert("mrr_end", R::Exact(m));
            let losing = q(1) - &g;
            out.insert(
                "mrr_ceiling",
                if losing.is_positive() {
                    R::Exact(&new / &losing)
                } else {
                    R::Undefined
                },
            );
            out.insert(
                "ceiling_month",
                if losing.is_positive() {
                    months_to_near(&start, &g, &new, &(&new / &losing))
                } else {
                    R::Undefined
                },
            );
        }
        _ => crate::reference_compare::compute(id, i, &mut out),
    }
    out
}

/// The first month within 5 % of the ceiling `c`, from the closed form: the gap to it shrinks
/// by g a month, gap_t = |start − c| g^t (the app counts month by month). Undefined when
/// already within 5 %, for a ceiling of 0 and past 1,200 months; not checked when a month's
/// gap is within 10^−9 (relative) of the 5 % line, where the app's rounding may tip it.
fn months_to_near(start: &BigRational, g: &BigRational, _new: &BigRational, c: &BigRational) -> R {
    if c.is_zero() {
        return R::Undefined;
    }
    let tolerance = c.abs() * BigRational::new(5.into(), 100.into());
    let mut gap = (start - c).abs();
    if gap <= tolerance {
        return R::Undefined;
    }
    let close = BigRational::new(1.into(), BigInt::from(10).pow(9));
    for t in 1..=1_200_i64 {
        // Kept to 40 digits: g^1200 as an exact fraction would have thousands.
        gap = round(&(&gap * g.abs()), 40, Rounding::Nearest);
        if ((&gap - &tolerance) / &tolerance).abs() < close {
            return R::Unchecked;
        }
        if gap <= tolerance {
            return R::Exact(q(t));
        }
    }
    R::Undefined
}

/// x rounded to `decimals` by `how`: nearest (halves away from zero), down or up.
pub fn round(x: &BigRational, decimals: u32, how: Rounding) -> BigRational {
    let scale = BigRational::from_integer(BigInt::from(10).pow(decimals));
    let scaled = x * &scale;
    let whole = match how {
        Rounding::Nearest => {
            // Halves away from zero: floor(|x| + 1/2) with x's sign.
            let half = BigRational::new(BigInt::one(), BigInt::from(2));
            let m = (scaled.abs() + half).floor();
            if scaled.is_negative() {
                -m
            } else {
                m
            }
        }
        Rounding::Down => scaled.floor(),
        Rounding::Up => scaled.ceil(),
    };
    whole / scale
}

/// Which way the reference rounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    Nearest,
    Down,
    Up,
}

/// x as a decimal with 30 decimals (for messages).
pub fn show(x: &BigRational) -> String {
    let scale = BigInt::from(10).pow(30);
    let v = (x * BigRational::from_integer(scale.clone()))
        .round()
        .to_integer();
    let (sign, mag) = v.into_parts();
    let s = mag.to_str_radix(10);
    let s = format!("{:0>31}", s);
    let (int, frac) = s.split_at(s.len() - 30);
    format!("{}{int}.{frac}", if sign == Sign::Minus { "-" } else { "" })
}
