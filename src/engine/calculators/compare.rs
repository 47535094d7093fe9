//! Compare and plan: did a survey or a rate really change between two periods, and how many
//! answers a survey needs (METRICS.md, "Compare and plan"). Two-sided tests on the normal
//! approximation; the p-value comes from `engine::stats`.

use super::builders::{choice, number, percent, result, scores_named};
use super::count_where;
use super::list_len;
use crate::engine::error::{Reason, Undefined};
use crate::engine::formula::{Ex, Inputs, Outcome};
use crate::engine::late::{Draw, Module};
use crate::engine::spec::{
    Bound, Calculator, Category, Chart, Choice, CompareWith, IntervalRow, NextStep, Relation, Role,
    Tone, Unit, Verdict,
};
use crate::engine::stats;
use rust_decimal::Decimal;

/// Why a result is undefined: "Survey A has no answers yet."
pub const NO_ANSWERS_A: Undefined = Undefined::Because(&Reason {
    id: "no-answers-a",
    message: "Survey A has no answers yet.",
});

/// Why a result is undefined: "Survey B has no answers yet."
pub const NO_ANSWERS_B: Undefined = Undefined::Because(&Reason {
    id: "no-answers-b",
    message: "Survey B has no answers yet.",
});

/// Why a result is undefined: both surveys without spread.
pub const NO_SPREAD: Undefined = Undefined::Because(&Reason {
    id: "no-spread",
    message: "Every answer in both surveys is of one kind (all promoters, for example): with no \
              spread there is nothing to test a change against.",
});

/// Why a result is undefined: "Period A counts no one."
pub const NO_TOTAL_A: Undefined = Undefined::Because(&Reason {
    id: "no-total-a",
    message: "Period A counts no one: enter how many there were.",
});

/// Why a result is undefined: "Period B counts no one."
pub const NO_TOTAL_B: Undefined = Undefined::Because(&Reason {
    id: "no-total-b",
    message: "Period B counts no one: enter how many there were.",
});

/// Why a result is undefined: a rate of 0 % or 100 % in both periods.
pub const ALL_OR_NOTHING: Undefined = Undefined::Because(&Reason {
    id: "all-or-nothing",
    message: "The rate is 0 % (or 100 %) in both periods: there is no spread to test a change \
              against.",
});

/// Why a result is undefined: a margin or change of 0 points.
pub const ZERO_PRECISION: Undefined = Undefined::Because(&Reason {
    id: "zero-precision",
    message: "A margin or change of 0 points would take infinitely many answers: enter more \
              than 0.",
});

/// Why a result is undefined: expected promoters and detractors over 100 %.
pub const SHARES_OVER_100: Undefined = Undefined::Because(&Reason {
    id: "shares-over-100",
    message: "Expected promoters and detractors add up to more than 100 %.",
});

pub(crate) const CONFIDENCE: &[Choice] = &[
    Choice {
        id: "90",
        label: "90 %",
    },
    Choice {
        id: "95",
        label: "95 %",
    },
    Choice {
        id: "99",
        label: "99 %",
    },
];

/// A count of answers or customers in one period: up to a billion. Surveys are far smaller;
/// the bound keeps every statistic well within a decimal's 28 digits (a variance over a
/// billion answers still keeps 19 of them).
const fn answers(id: &'static str, label: &'static str) -> crate::engine::spec::InputSpec {
    number(id, label, Unit::Count, 0, 1_000_000_000, true)
}

/// z for the chosen confidence (95 % when none is chosen).
pub(crate) fn z(i: &Inputs) -> Ex {
    let level = i.choice("confidence").unwrap_or("95");
    let z = stats::z_confidence(level).unwrap_or(Decimal::new(196, 2));
    Ex::named(z, Unit::Plain, "z")
}

/// α = 1 − confidence, the p-value below which a change is called real.
pub(crate) fn alpha(i: &Inputs) -> Decimal {
    match i.choice("confidence") {
        Some("90") => Decimal::new(1, 1),
        Some("99") => Decimal::new(1, 2),
        _ => Decimal::new(5, 2),
    }
}

/// The verdicts of one comparison: a real rise, a real fall, or no clear change.
pub(crate) struct Verdicts {
    pub(crate) rise: &'static Verdict,
    pub(crate) fall: &'static Verdict,
    pub(crate) none: &'static Verdict,
}

/// The verdict from the p-value against α and the direction of the change; undefined when
/// the p-value's bounds straddle α.
fn verdict(
    p: &Ex,
    change: &Ex,
    alpha: Decimal,
    verdicts: &Verdicts,
) -> Result<&'static Verdict, Undefined> {
    use std::cmp::Ordering::{Greater, Less};
    let p = p.approx()?;
    match p.side_of(alpha) {
        Some(Less) => match change.approx()?.side_of(Decimal::ZERO) {
            Some(Greater) => Ok(verdicts.rise),
            Some(Less) => Ok(verdicts.fall),
            _ => Err(Undefined::Imprecise),
        },
        Some(_) => Ok(verdicts.none),
        None => Err(Undefined::Imprecise),
    }
}

/// An interval `centre ∓ half` kept within ±`limit`.
pub(crate) fn interval(centre: &Ex, half: &Ex, limit: i64) -> (Ex, Ex) {
    (
        (centre - half).max(Ex::int(-limit)),
        (centre + half).min(Ex::int(limit)),
    )
}

/// Answers per survey that detect a change of `delta` (a fraction: 5 points = 0.05) between
/// two surveys, ⌈(z + z_β)² · 2 · variance / Δ²⌉ (METRICS.md, `sample-size`); divided by Δ
/// twice rather than by Δ², whose digits a tiny Δ would lose.
fn per_survey_to_detect(z: &Ex, z_beta: &Ex, variance: &Ex, delta: &Ex, reason: Undefined) -> Ex {
    let top = (z + z_beta).squared() * 2 * variance;
    (top.clone().per(delta.clone().squared(), reason))
        .valued_by(&Ex::quotient(&[&top], &[delta, delta], reason))
        .ceil()
}

/// z_β for 80 % power, the plan `sample-size` starts from.
fn z_beta_80() -> Ex {
    Ex::named(
        stats::z_power("80").unwrap_or(Decimal::new(8416, 4)),
        Unit::Plain,
        "z_β",
    )
}

/// `ex` to 2 decimals, as a link carries it into `sample-size` (which takes at most 20):
/// what a plan of the next survey starts from, so the answers needed here and there agree.
fn to_link(ex: Ex, unit: Unit, name: &'static str) -> Ex {
    match ex.value() {
        Ok(v) => Ex::named(
            v.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
            unit,
            name,
        ),
        Err(e) => Ex::fail(e),
    }
}

/// Why no plan can tell a change: none was seen.
pub const NO_CHANGE_SEEN: Undefined = Undefined::Because(&Reason {
    id: "no-change-seen",
    message: "The two are the same: no number of answers tells a change of 0 from noise.",
});

// ---- nps-compare ---------------------------------------------------------------------------

const COUNTS_OR_SCORES: &[Choice] = &[
    Choice {
        id: "counts",
        label: "Enter counts",
    },
    Choice {
        id: "scores",
        label: "Paste scores",
    },
];

const NPS_RISE: Verdict = Verdict {
    id: "significant-rise",
    label: "A real rise",
    sentence: "NPS rose {change_size}. A change this large would happen by chance less than 1 \
               time in {chance_one_in}.",
    tone: Tone::Good,
};

const NPS_FALL: Verdict = Verdict {
    id: "significant-fall",
    label: "A real fall",
    sentence: "NPS fell {change_size}. A change this large would happen by chance less than 1 \
               time in {chance_one_in}.",
    tone: Tone::Bad,
};

const NPS_NONE: Verdict = Verdict {
    id: "no-clear-change",
    label: "No clear change",
    sentence: "A change of {change_size} could easily be noise with these sample sizes: you \
               would need a change of {smallest_significant_change} or more to tell.",
    tone: Tone::Warn,
};

/// Two NPS surveys compared: the change, its interval, z, p and the verdict.
pub const NPS_COMPARE: Calculator = Calculator {
    id: "nps-compare",
    name: "Compare two NPS surveys",
    category: Category::Compare,
    summary: "Did NPS really change between two surveys, or is it noise?",
    synonyms: &[
        "nps change",
        "significance",
        "statistical test",
        "quarter on quarter",
        "did it change",
        "p-value",
    ],
    inputs: &[
        choice("mode", "Enter the surveys as", COUNTS_OR_SCORES),
        answers("promoters_a", "Promoters, survey A")
            .hint("The earlier survey: answers of 9 or 10.")
            .only_in(&["counts"]),
        answers("passives_a", "Passives, survey A")
            .hint("Answers of 7 or 8.")
            .only_in(&["counts"]),
        answers("detractors_a", "Detractors, survey A")
            .hint("Answers from 0 to 6.")
            .only_in(&["counts"]),
        scores_named("scores_a", "Scores, survey A", Bound::Fixed(10))
            .hint("The earlier survey's answers from 0 to 10, pasted as a column.")
            .only_in(&["scores"])
            .asks(super::loyalty::NPS_QUESTION),
        answers("promoters_b", "Promoters, survey B")
            .hint("The later survey: answers of 9 or 10.")
            .only_in(&["counts"]),
        answers("passives_b", "Passives, survey B")
            .hint("Answers of 7 or 8.")
            .only_in(&["counts"]),
        answers("detractors_b", "Detractors, survey B")
            .hint("Answers from 0 to 6.")
            .only_in(&["counts"]),
        scores_named("scores_b", "Scores, survey B", Bound::Fixed(10))
            .hint("The later survey's answers from 0 to 10.")
            .only_in(&["scores"])
            .asks(super::loyalty::NPS_QUESTION),
        choice("confidence", "Confidence", CONFIDENCE)
            .hint("How sure a \"real change\" must be: 95 % is usual.")
            .default("95"),
        choice("method", "Method", super::loyalty::NPS_METHODS)
            .hint("Adjusted Wald (Rocks 2016) covers small surveys better: use it when either has fewer than 100 answers.")
            .default("wald"),
    ],
    results: &[
        result("change", "Change in NPS, B − A", Unit::Change)
            .headline()
            .higher_better(),
        result("change_ci_low", "{confidence} interval, low", Unit::Change)
            .as_role(Role::IntervalLow),
        result("change_ci_high", "{confidence} interval, high", Unit::Change)
            .as_role(Role::IntervalHigh),
        result("verdict", "Verdict", Unit::Plain).as_role(Role::Verdict),
        result(
            "chance_b_higher_pct",
            "Chance that B's NPS is really higher",
            Unit::Chance,
        )
        .phrased("{} chance that B's NPS is higher"),
        result("nps_a", "NPS, survey A", Unit::Nps),
        result("nps_b", "NPS, survey B", Unit::Nps),
        result(
            "smallest_significant_change",
            "Smallest change these surveys can tell from noise",
            Unit::Points,
        ),
        result("p_value", "p-value (two-sided)", Unit::Probability),
        result("z_score", "z", Unit::Plain),
        result("se_change", "Standard error of the change", Unit::Points),
        result("responses_a", "Answers, survey A", Unit::Count),
        result("responses_b", "Answers, survey B", Unit::Count),
        result("nps_a_low", "NPS A, interval low", Unit::Nps).as_role(Role::Charted),
        result("nps_a_high", "NPS A, interval high", Unit::Nps).as_role(Role::Charted),
        result("nps_b_low", "NPS B, interval low", Unit::Nps).as_role(Role::Charted),
        result("nps_b_high", "NPS B, interval high", Unit::Nps).as_role(Role::Charted),
        result("change_size", "Size of the change", Unit::Points).as_role(Role::Sentence),
        result("chance_one_in", "Chance: less than 1 time in", Unit::Count)
            .as_role(Role::Sentence),
        result(
            "responses_to_detect",
            "Answers per survey to tell a change this size",
            Unit::Count,
        )
        .as_role(Role::Sentence),
        result("change_to_detect", "The change to tell (2 decimals)", Unit::Points)
            .as_role(Role::Sentence),
        result(
            "pooled_promoters_pct",
            "Promoters in both surveys (2 decimals)",
            Unit::Percent,
        )
        .as_role(Role::Sentence),
        result(
            "pooled_detractors_pct",
            "Detractors in both surveys (2 decimals)",
            Unit::Percent,
        )
        .as_role(Role::Sentence),
    ],
    relations: &[],
    compute: nps_compare,
    sources: &["000", "stats", "rocks"],
    chart: Some(Chart::Intervals {
        title: "The two surveys, and the change against zero",
        rows: &[
            IntervalRow {
                label: "Survey A",
                value: "nps_a",
                low: "nps_a_low",
                high: "nps_a_high",
                span: 100,
                unit: Unit::Nps,
            },
            IntervalRow {
                label: "Survey B",
                value: "nps_b",
                low: "nps_b_low",
                high: "nps_b_high",
                span: 100,
                unit: Unit::Nps,
            },
            IntervalRow {
                label: "Change",
                value: "change",
                low: "change_ci_low",
                high: "change_ci_high",
                span: 200,
                unit: Unit::Change,
            },
        ],
    }),
    example: "mode=counts&promoters_a=50&passives_a=30&detractors_a=20&promoters_b=70&passives_b=20&detractors_b=10",
    take_away: Some("NPS changed {change} (from {nps_a} to {nps_b}; {confidence} interval {change_ci_low} to {change_ci_high}, p = {p_value})"),
    next: Some(&NextStep {
        when: ("verdict", "no-clear-change"),
        label: "To tell a change of {change_size} from noise, survey about {responses_to_detect} customers each time: plan it →",
        open: CompareWith {
            calc: "sample-size",
            carry: &[
                ("change_pts", "change_to_detect"),
                ("promoters_pct", "pooled_promoters_pct"),
                ("detractors_pct", "pooled_detractors_pct"),
                ("confidence", "confidence"),
            ],
            fixed: &[("metric", "nps"), ("goal", "detect")],
        },
    }),
    compare: None,
};

/// One survey: its counts of promoters, passives and detractors and its size.
pub(crate) struct Survey {
    promoters: Ex,
    detractors: Ex,
    responses: Ex,
}

impl Survey {
    /// A survey of these counts (a wave or a segment of the breakdowns).
    pub(crate) fn counts(promoters: u64, passives: u64, detractors: u64) -> Survey {
        let count = |n: u64, name| Ex::named(Decimal::from(n), Unit::Count, name);
        let (p, a, d) = (
            count(promoters, "promoters"),
            count(passives, "passives"),
            count(detractors, "detractors"),
        );
        Survey {
            responses: &p + &a + &d,
            promoters: p,
            detractors: d,
        }
    }

    fn read(i: &Inputs, side: &str) -> Survey {
        let id = |name: &str| -> &'static str {
            match (name, side) {
                ("promoters", "a") => "promoters_a",
                ("passives", "a") => "passives_a",
                ("detractors", "a") => "detractors_a",
                ("scores", "a") => "scores_a",
                ("promoters", _) => "promoters_b",
                ("passives", _) => "passives_b",
                ("detractors", _) => "detractors_b",
                _ => "scores_b",
            }
        };
        if i.mode() == Some("scores") {
            let s = i.list(id("scores"));
            let nine = Decimal::from(9);
            let seven = Decimal::from(7);
            Survey {
                promoters: count_where(s, |v| v >= nine),
                detractors: count_where(s, |v| v < seven),
                responses: list_len(s),
            }
        } else {
            let (p, pa, d) = (
                i.num(id("promoters")),
                i.num(id("passives")),
                i.num(id("detractors")),
            );
            Survey {
                responses: &p + &pa + &d,
                promoters: p,
                detractors: d,
            }
        }
    }

    /// The NPS, the centre of its interval, and the variance and n the interval uses: the
    /// raw ones, or (adjusted Wald) from n′ = n + 3, p′ = (P + ¾) / n′, d′ = (D + ¾) / n′.
    pub(crate) fn estimate(&self, adjusted: bool, reason: Undefined) -> Estimate {
        let n = self
            .responses
            .clone()
            .collapse_named(Unit::Count, "answers");
        let nps = (&self.promoters - &self.detractors).pct_of(&n, reason);
        let (p, d, n_used) = if adjusted {
            let quarter3 = Ex::lit(Decimal::new(75, 2));
            // A survey with no answers says nothing, adjusted or not.
            let n2 = match n.value() {
                Ok(v) if v.is_zero() => Ex::fail(reason),
                _ => (&n + 3).collapse_named(Unit::Count, "n′"),
            };
            (
                (&self.promoters + &quarter3).per(&n2, reason),
                (&self.detractors + &quarter3).per(&n2, reason),
                n2,
            )
        } else {
            (
                self.promoters.clone().per(&n, reason),
                self.detractors.clone().per(&n, reason),
                n,
            )
        };
        let p = p.collapse_named(Unit::Plain, "promoter share");
        let d = d.collapse_named(Unit::Plain, "detractor share");
        let centre = if adjusted {
            (&p - &d) * 100
        } else {
            nps.clone()
        };
        let variance = (&p + &d - (&p - &d).squared()).collapse_named(Unit::Plain, "variance");
        Estimate {
            nps,
            centre,
            variance,
            n: n_used,
        }
    }
}

impl Survey {
    /// Its counts as whole numbers (promoters, passives, detractors), once they are known.
    pub(crate) fn whole_counts(&self) -> Option<(u64, u64, u64)> {
        let whole = |ex: &Ex| u64::try_from(ex.value().ok()?.trunc().mantissa()).ok();
        let (p, d, n) = (
            whole(&self.promoters)?,
            whole(&self.detractors)?,
            whole(&self.responses)?,
        );
        Some((p, n.checked_sub(p)?.checked_sub(d)?, d))
    }
}

/// 100 · P(NPS_B > NPS_A) under the Dirichlet(P + 1, A + 1, D + 1) posteriors
/// (`engine::chance`), kept to hundredths: the figure is good to ±0.5 points, and shown whole.
pub(crate) fn chance_higher(a: &Survey, b: &Survey) -> Ex {
    match (a.whole_counts(), b.whole_counts()) {
        (Some((0, 0, 0)), _) => Ex::fail(NO_ANSWERS_A),
        (_, Some((0, 0, 0))) => Ex::fail(NO_ANSWERS_B),
        (Some(a), Some(b)) => {
            let hundredths = (crate::engine::chance::chance_b_higher_pct(a, b) * 100.0).round();
            Ex::num(Decimal::new(hundredths as i64, 2), Unit::Chance)
        }
        _ => Ex::fail(Undefined::WaitingForInputs),
    }
}

/// One survey's NPS and what its interval is built from.
pub(crate) struct Estimate {
    pub(crate) nps: Ex,
    pub(crate) centre: Ex,
    variance: Ex,
    n: Ex,
}

impl Estimate {
    /// The half-width of its own interval, z × 100 × √(variance / n), valued as
    /// z × 100 × √variance / √n: with a million answers variance / n falls where a decimal
    /// keeps only a few digits.
    pub(crate) fn half_width(&self, z: &Ex, reason: Undefined) -> Ex {
        let textbook = z * (Ex::int(100) * self.variance.clone().per(&self.n, reason).sqrt());
        let scaled = z * Ex::int(100) * self.variance.clone().sqrt() / self.n.clone().sqrt();
        textbook.valued_by(&scaled)
    }
}

/// The standard error of a difference, 100 × √(var_a / n_a + var_b / n_b), valued as
/// 100 × √(var_a n_b + var_b n_a) / (√n_a √n_b), whose intermediates stay far from a
/// decimal's smallest digits.
fn standard_error(a: &Estimate, b: &Estimate) -> Ex {
    let textbook = Ex::int(100)
        * (a.variance.clone().per(&a.n, NO_ANSWERS_A) + b.variance.clone().per(&b.n, NO_ANSWERS_B))
            .sqrt();
    let scaled = Ex::int(100) * (&a.variance * &b.n + &b.variance * &a.n).sqrt()
        / (a.n.clone().sqrt() * b.n.clone().sqrt());
    textbook.valued_by(&scaled)
}

/// Two surveys compared (METRICS.md, `nps-compare`): each one's estimate, the change B − A
/// with its interval, z and p, and the verdict. Shared with the breakdowns' moves.
pub(crate) struct Comparison {
    pub(crate) a: Estimate,
    pub(crate) b: Estimate,
    pub(crate) change: Ex,
    pub(crate) se: Ex,
    pub(crate) half: Ex,
    pub(crate) low: Ex,
    pub(crate) high: Ex,
    pub(crate) z_score: Ex,
    pub(crate) p_value: Ex,
    pub(crate) decided: Result<&'static Verdict, Undefined>,
}

/// The verdicts of a change of NPS.
pub(crate) const NPS_VERDICTS: Verdicts = Verdicts {
    rise: &NPS_RISE,
    fall: &NPS_FALL,
    none: &NPS_NONE,
};

/// Survey `a` against survey `b`, by Wald (or adjusted Wald), at `z` and `alpha`.
pub(crate) fn compare_surveys(
    a: &Survey,
    b: &Survey,
    adjusted: bool,
    z: &Ex,
    alpha: Decimal,
    verdicts: &Verdicts,
) -> Comparison {
    let (ea, eb) = (
        a.estimate(adjusted, NO_ANSWERS_A),
        b.estimate(adjusted, NO_ANSWERS_B),
    );
    let nps_a_named = ea.nps.clone().collapse_named(Unit::Nps, "NPS A");
    let nps_b_named = eb.nps.clone().collapse_named(Unit::Nps, "NPS B");
    // Valued over the common denominator: two inexact NPS can differ by an exact 37.5.
    let exact_change = (((&b.promoters - &b.detractors) * &a.responses
        - (&a.promoters - &a.detractors) * &b.responses)
        * 100)
        .per(&a.responses * &b.responses, NO_ANSWERS_A);
    let change = (&nps_b_named - &nps_a_named).valued_by(&exact_change);
    let centre = (&eb.centre - &ea.centre).collapse_named(Unit::Change, "change");
    let se = standard_error(&ea, &eb).collapse_named(Unit::Points, "standard error");
    let half = z * &se;
    let (low, high) = interval(&centre, &half, 200);
    let z_score = centre.clone().per(&se, NO_SPREAD);
    let p_value = z_score.clone().two_sided_p();
    let decided = verdict(&p_value, &centre, alpha, verdicts);
    Comparison {
        a: ea,
        b: eb,
        change,
        se,
        half,
        low,
        high,
        z_score,
        p_value,
        decided,
    }
}

fn nps_compare(i: &Inputs) -> Outcome {
    let adjusted = i.choice("method") == Some("adjusted-wald");
    let (a, b) = (Survey::read(i, "a"), Survey::read(i, "b"));
    let z = z(i);
    let Comparison {
        a: ea,
        b: eb,
        change,
        se,
        half,
        low,
        high,
        z_score,
        p_value,
        decided,
    } = compare_surveys(&a, &b, adjusted, &z, alpha(i), &NPS_VERDICTS);
    let (a_low, a_high) = interval(&ea.centre, &ea.half_width(&z, NO_ANSWERS_A), 100);
    let (b_low, b_high) = interval(&eb.centre, &eb.half_width(&z, NO_ANSWERS_B), 100);
    let size = change.clone().abs();
    let mut out = Outcome::new();
    out.set("chance_b_higher_pct", chance_higher(&a, &b));
    out.set("change_size", size.clone())
        .set("change", change)
        .set("change_ci_low", low)
        .set("change_ci_high", high)
        .set("smallest_significant_change", half)
        .set("se_change", se)
        .set("z_score", z_score)
        .set(
            "chance_one_in",
            p_value.clone().apply("1 / ", "", stats::one_in),
        )
        .set("p_value", p_value)
        .set("nps_a", ea.nps)
        .set("nps_b", eb.nps)
        .set("nps_a_low", a_low)
        .set("nps_a_high", a_high)
        .set("nps_b_low", b_low)
        .set("nps_b_high", b_high)
        .set("responses_a", a.responses.clone())
        .set("responses_b", b.responses.clone());
    // The next survey's plan: both surveys' shares together, the change seen, 80 % power.
    let n_both = &a.responses + &b.responses;
    let pooled_p = to_link(
        (&a.promoters + &b.promoters).pct_of(&n_both, NO_ANSWERS_A),
        Unit::Percent,
        "promoters in both",
    );
    let pooled_d = to_link(
        (&a.detractors + &b.detractors).pct_of(&n_both, NO_ANSWERS_A),
        Unit::Percent,
        "detractors in both",
    );
    let to_tell = to_link(size, Unit::Points, "change to tell");
    let (p, d) = (&pooled_p / 100, &pooled_d / 100);
    let variance = (&p + &d - (&p - &d).squared()).collapse_named(Unit::Plain, "variance");
    let delta = (&to_tell / 100).collapse_named(Unit::Plain, "Δ");
    out.set(
        "responses_to_detect",
        per_survey_to_detect(&z, &z_beta_80(), &variance, &delta, NO_CHANGE_SEEN),
    )
    .set("change_to_detect", to_tell)
    .set("pooled_promoters_pct", pooled_p)
    .set("pooled_detractors_pct", pooled_d);
    out.verdict("verdict", decided);
    out
}

// ---- proportion-compare --------------------------------------------------------------------

const COUNTED: &[Choice] = &[
    Choice {
        id: "satisfied",
        label: "satisfied answers",
    },
    Choice {
        id: "lost",
        label: "customers lost",
    },
    Choice {
        id: "renewed",
        label: "renewals",
    },
    Choice {
        id: "resolved",
        label: "tickets solved on first contact",
    },
    Choice {
        id: "kept",
        label: "customers kept",
    },
    Choice {
        id: "other",
        label: "the rate",
    },
];

const DIRECTION: &[Choice] = &[
    Choice {
        id: "higher-better",
        label: "Higher is better",
    },
    Choice {
        id: "lower-better",
        label: "Lower is better",
    },
];

macro_rules! rate_verdict {
    ($name:ident, $id:literal, $label:literal, $sentence:literal, $tone:expr) => {
        const $name: Verdict = Verdict {
            id: $id,
            label: $label,
            sentence: $sentence,
            tone: $tone,
        };
    };
}

rate_verdict!(
    RATE_RISE_GOOD,
    "significant-rise",
    "A real rise",
    "The share of {counted} rose {change_size}, more than chance would give less than 1 time in {chance_one_in}: good news.",
    Tone::Good
);
rate_verdict!(
    RATE_RISE_BAD,
    "significant-rise",
    "A real rise",
    "The share of {counted} rose {change_size}, more than chance would give less than 1 time in {chance_one_in}: worth acting on.",
    Tone::Bad
);
rate_verdict!(
    RATE_FALL_GOOD,
    "significant-fall",
    "A real fall",
    "The share of {counted} fell {change_size}, more than chance would give less than 1 time in {chance_one_in}: good news.",
    Tone::Good
);
rate_verdict!(
    RATE_FALL_BAD,
    "significant-fall",
    "A real fall",
    "The share of {counted} fell {change_size}, more than chance would give less than 1 time in {chance_one_in}: worth acting on.",
    Tone::Bad
);
rate_verdict!(
    RATE_NONE,
    "no-clear-change",
    "No clear change",
    "A change of {change_size} in the share of {counted} could easily be noise with these numbers: you would need {smallest_significant_change} or more to tell.",
    Tone::Warn
);

/// Any rate in two periods compared: CSAT, churn, renewal, first contact resolution.
pub const PROPORTION_COMPARE: Calculator = Calculator {
    id: "proportion-compare",
    name: "Compare a rate between two periods",
    category: Category::Compare,
    summary: "Did a rate (CSAT, churn, renewals) really change, or is it noise?",
    synonyms: &[
        "csat change",
        "churn change",
        "two proportions",
        "significance",
        "z test",
        "renewal change",
    ],
    inputs: &[
        choice("counted", "What is counted", COUNTED)
            .hint("So the verdict reads in your words.")
            .default("satisfied"),
        choice("direction", "Which way is good", DIRECTION).default("higher-better"),
        answers("successes_a", "Counted, period A").hint("In the earlier period: satisfied answers, customers lost…"),
        answers("total_a", "Out of, period A").hint("All answers, or all customers at the start."),
        answers("successes_b", "Counted, period B").hint("The same count in the later period."),
        answers("total_b", "Out of, period B"),
        choice("confidence", "Confidence", CONFIDENCE).default("95"),
    ],
    results: &[
        result("change_pts", "Change in the rate, B − A", Unit::Change).headline(),
        result("change_ci_low", "{confidence} interval, low", Unit::Change)
            .as_role(Role::IntervalLow),
        result("change_ci_high", "{confidence} interval, high", Unit::Change)
            .as_role(Role::IntervalHigh),
        result("verdict", "Verdict", Unit::Plain).as_role(Role::Verdict),
        result("rate_a_pct", "Rate, period A", Unit::Percent),
        result("rate_b_pct", "Rate, period B", Unit::Percent),
        result(
            "smallest_significant_change",
            "Smallest change these numbers can tell from noise",
            Unit::Points,
        ),
        result("p_value", "p-value (two-sided)", Unit::Probability),
        result("z_score", "z", Unit::Plain),
        result("change_size", "Size of the change", Unit::Points).as_role(Role::Sentence),
        result("chance_one_in", "Chance: less than 1 time in", Unit::Count)
            .as_role(Role::Sentence),
        result(
            "responses_to_detect",
            "Per period, to tell a change this size",
            Unit::Count,
        )
        .as_role(Role::Sentence),
        result("change_to_detect", "The change to tell (2 decimals)", Unit::Points)
            .as_role(Role::Sentence),
        result("pooled_pct", "The rate in both periods (2 decimals)", Unit::Percent)
            .as_role(Role::Sentence),
    ],
    relations: &[
        Relation {
            lhs: &["successes_a"],
            rhs: &["total_a"],
            why: "the count can't exceed the total it is out of",
        },
        Relation {
            lhs: &["successes_b"],
            rhs: &["total_b"],
            why: "the count can't exceed the total it is out of",
        },
    ],
    compute: proportion_compare,
    sources: &["001", "stats"],
    chart: None,
    example: "counted=lost&direction=lower-better&successes_a=40&total_a=800&successes_b=22&total_b=780",
    take_away: Some("The share of {counted} went from {rate_a_pct} to {rate_b_pct}: {change_pts} ({confidence} interval {change_ci_low} to {change_ci_high}, p = {p_value})"),
    next: Some(&NextStep {
        when: ("verdict", "no-clear-change"),
        label: "To tell a change of {change_size} from noise, count about {responses_to_detect} in each period: plan it →",
        open: CompareWith {
            calc: "sample-size",
            carry: &[
                ("change_pts", "change_to_detect"),
                ("expected_pct", "pooled_pct"),
                ("confidence", "confidence"),
            ],
            fixed: &[("metric", "rate"), ("goal", "detect")],
        },
    }),
    compare: None,
};

fn proportion_compare(i: &Inputs) -> Outcome {
    let (xa, na, xb, nb) = (
        i.num("successes_a"),
        i.num("total_a"),
        i.num("successes_b"),
        i.num("total_b"),
    );
    let rate_a = xa.clone().pct_of(&na, NO_TOTAL_A);
    let rate_b = xb.clone().pct_of(&nb, NO_TOTAL_B);
    let share_a = xa
        .clone()
        .per(&na, NO_TOTAL_A)
        .collapse_named(Unit::Plain, "share A");
    let share_b = xb
        .clone()
        .per(&nb, NO_TOTAL_B)
        .collapse_named(Unit::Plain, "share B");
    let change = (&rate_b.clone().collapse_named(Unit::Percent, "rate B")
        - &rate_a.clone().collapse_named(Unit::Percent, "rate A"))
        .collapse_named(Unit::Change, "change");
    // The interval from the unpooled standard error; the test from the pooled one.
    let unpooled = Ex::int(100)
        * (share_a.clone() * (Ex::int(1) - &share_a) / &na
            + share_b.clone() * (Ex::int(1) - &share_b) / &nb)
            .sqrt();
    let z = z(i);
    let (low, high) = interval(&change, &(&z * &unpooled), 100);
    let pooled_share = (&xa + &xb)
        .per(&na + &nb, NO_TOTAL_A)
        .collapse_named(Unit::Plain, "pooled share");
    let pooled = (Ex::int(100)
        * (pooled_share.clone()
            * (Ex::int(1) - &pooled_share)
            * (Ex::int(1).per(&na, NO_TOTAL_A) + Ex::int(1).per(&nb, NO_TOTAL_B)))
        .sqrt())
    .collapse_named(Unit::Points, "pooled standard error");
    let z_score = change.clone().per(&pooled, ALL_OR_NOTHING);
    let p_value = z_score.clone().two_sided_p();
    let lower_better = i.choice("direction") == Some("lower-better");
    let verdicts = Verdicts {
        rise: if lower_better {
            &RATE_RISE_BAD
        } else {
            &RATE_RISE_GOOD
        },
        fall: if lower_better {
            &RATE_FALL_GOOD
        } else {
            &RATE_FALL_BAD
        },
        none: &RATE_NONE,
    };
    let decided = verdict(&p_value, &change, alpha(i), &verdicts);
    let size = change.clone().abs();
    let mut out = Outcome::new();
    out.set("change_size", size.clone())
        .set("change_pts", change)
        .set("change_ci_low", low)
        .set("change_ci_high", high)
        .set("smallest_significant_change", &z * &pooled)
        .set("z_score", z_score)
        .set(
            "chance_one_in",
            p_value.clone().apply("1 / ", "", stats::one_in),
        )
        .set("p_value", p_value)
        .set("rate_a_pct", rate_a)
        .set("rate_b_pct", rate_b);
    // The next periods' plan: the rate of both together, the change seen, 80 % power.
    // Both periods must count someone, as for the test itself.
    let pooled_pct = match (na.value(), nb.value()) {
        (Ok(a), _) if a.is_zero() => Ex::fail(NO_TOTAL_A),
        (_, Ok(b)) if b.is_zero() => Ex::fail(NO_TOTAL_B),
        _ => to_link(
            (&xa + &xb).pct_of(&na + &nb, NO_TOTAL_A),
            Unit::Percent,
            "rate in both",
        ),
    };
    let to_tell = to_link(size, Unit::Points, "change to tell");
    let r = (&pooled_pct / 100).collapse_named(Unit::Plain, "rate");
    let variance = (r.clone() * (Ex::int(1) - r)).collapse_named(Unit::Plain, "variance");
    let delta = (&to_tell / 100).collapse_named(Unit::Plain, "Δ");
    out.set(
        "responses_to_detect",
        per_survey_to_detect(&z, &z_beta_80(), &variance, &delta, NO_CHANGE_SEEN),
    )
    .set("change_to_detect", to_tell)
    .set("pooled_pct", pooled_pct);
    out.verdict("verdict", decided);
    out
}

// ---- sample-size ---------------------------------------------------------------------------

const METRIC: &[Choice] = &[
    Choice {
        id: "nps",
        label: "NPS",
    },
    Choice {
        id: "rate",
        label: "A rate (CSAT, churn…)",
    },
];

const GOAL: &[Choice] = &[
    Choice {
        id: "margin",
        label: "A margin of ± points on one survey",
    },
    Choice {
        id: "detect",
        label: "Detect a change between two surveys",
    },
];

const POWER: &[Choice] = &[
    Choice {
        id: "80",
        label: "80 %",
    },
    Choice {
        id: "90",
        label: "90 %",
    },
];

/// How many answers a survey needs for a margin, or to detect a change.
pub const SAMPLE_SIZE: Calculator = Calculator {
    id: "sample-size",
    name: "Survey sample size",
    category: Category::Compare,
    summary: "How many answers you need for a given margin of error, or to see a change.",
    synonyms: &[
        "how many responses",
        "sample size",
        "margin of error",
        "power",
        "survey size",
    ],
    inputs: &[
        choice("metric", "For", METRIC),
        choice("goal", "You want", GOAL),
        number(
            "margin_pts",
            "Margin (± points)",
            Unit::Points,
            0,
            100,
            false,
        )
        .hint("How close to the true value one survey should be: ±3 points, say.")
        .only_in(&["margin"]),
        number(
            "change_pts",
            "Change to detect (points)",
            Unit::Points,
            0,
            200,
            false,
        )
        .hint("The smallest change between two surveys you want to be able to see: 10 points, say.")
        .only_in(&["detect"]),
        choice("power_pct", "Power", POWER)
            .hint("How often a change that large is caught: 80 % is usual.")
            .default("80")
            .only_in(&["detect"]),
        choice("confidence", "Confidence", CONFIDENCE).default("95"),
        percent("promoters_pct", "Expected promoters")
            .hint("Optional: the share from an earlier survey, 40 say. Blank plans for the worst case.")
            .optional()
            .only_in(&["nps"]),
        percent("detractors_pct", "Expected detractors")
            .hint("Optional, with the promoters: 30 say.")
            .optional()
            .only_in(&["nps"]),
        percent("expected_pct", "Expected rate")
            .hint("Optional: 80 for a CSAT of 80 %, say. Blank plans for the worst case, 50 %.")
            .optional()
            .only_in(&["rate"]),
    ],
    results: &[
        result("responses_needed", "Answers needed per survey", Unit::Count)
            .headline()
            .phrased("at least {} answers per survey"),
        result(
            "responses_total",
            "Answers in all, both surveys",
            Unit::Count,
        )
        .only_in(&["detect"])
        .phrased("{} answers in all, over the two surveys"),
        result(
            "responses_needed_worst",
            "Per survey in the worst case (no earlier survey to go by)",
            Unit::Count,
        ),
        result(
            "variance",
            "How much one answer varies (variance: 1 at most for NPS, 0.25 for a rate)",
            Unit::Plain,
        ),
    ],
    relations: &[],
    compute: sample_size,
    sources: &["stats"],
    chart: None,
    example: "metric=nps&goal=margin&margin_pts=3&promoters_pct=40&detractors_pct=30",
    take_away: None,
    next: None,
    compare: None,
};

fn sample_size(i: &Inputs) -> Outcome {
    let nps = i.choice("metric") != Some("rate");
    let worst = if nps {
        Ex::int(1)
    } else {
        Ex::lit(Decimal::new(25, 2))
    };
    let variance = if nps {
        match (i.opt("promoters_pct"), i.opt("detractors_pct")) {
            (Some(p), Some(d)) if (&p + &d).value().is_ok_and(|s| s > Decimal::ONE_HUNDRED) => {
                Ex::fail(SHARES_OVER_100)
            }
            (Some(p), Some(d)) => {
                let p = (p / 100).collapse_named(Unit::Plain, "promoter share");
                let d = (d / 100).collapse_named(Unit::Plain, "detractor share");
                &p + &d - (&p - &d).squared()
            }
            _ => worst.clone(),
        }
    } else {
        match i.opt("expected_pct") {
            Some(r) => {
                let r = (r / 100).collapse_named(Unit::Plain, "rate");
                r.clone() * (Ex::int(1) - r)
            }
            None => worst.clone(),
        }
    };
    let z = z(i);
    let detect = i.choice("goal") == Some("detect");
    let needed = |variance: &Ex| -> Ex {
        if detect {
            let level = i.choice("power_pct").unwrap_or("80");
            let z_beta = Ex::named(
                stats::z_power(level).unwrap_or(Decimal::new(8416, 4)),
                Unit::Plain,
                "z_β",
            );
            let delta = (i.num("change_pts") / 100).collapse_named(Unit::Plain, "Δ");
            per_survey_to_detect(&z, &z_beta, variance, &delta, ZERO_PRECISION)
        } else {
            let e = (i.num("margin_pts") / 100).collapse_named(Unit::Plain, "E");
            let top = z.clone().squared() * variance;
            (top.clone().per(e.clone().squared(), ZERO_PRECISION))
                .valued_by(&Ex::quotient(&[&top], &[&e, &e], ZERO_PRECISION))
                .ceil()
        }
    };
    let mut out = Outcome::new();
    let per_survey = needed(&variance);
    if detect {
        out.set("responses_total", &per_survey * 2);
    }
    out.set("responses_needed", per_survey)
        .set("responses_needed_worst", needed(&worst))
        .set("variance", variance);
    out
}

/// The calculators of this category, in home-view order.
pub const CALCULATORS: &[&Calculator] = &[&NPS_COMPARE, &PROPORTION_COMPARE, &SAMPLE_SIZE];

/// This category's definitions, statistics and chart, linked late (see `engine::late`): the
/// browser loads them when a comparison first opens.
pub static MODULE: Module = Module {
    calculators: CALCULATORS,
    draw: Some(Draw {
        page: crate::engine::charts::draw_late,
        file: crate::engine::charts::draw_late_file,
        table: crate::engine::late::no_table,
    }),
};
