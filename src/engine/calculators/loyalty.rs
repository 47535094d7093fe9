//! Loyalty and satisfaction: NPS, CSAT, CES, ratings.
//! Each definition names its sources (see `docs/metrics.md`).

use super::builders::{choice, count, number, result, scores};
use super::{count_where, list_len, list_sum};
use crate::engine::error::{Reason, Undefined};
use crate::engine::formula::Inputs;
use crate::engine::formula::{Ex, Outcome};
use crate::engine::late::Module;
use crate::engine::spec::{
    Bands, Bound, Calculator, Category, Chart, Choice, CompareWith, Edge, Part, Relation, Role,
    Tone, Unit, Verdict,
};
use rust_decimal::Decimal;

/// Words of the likelihood-to-recommend question, as survey exports head its column.
pub const NPS_QUESTION: &[&str] = &["recommend", "likely", "likelihood", "nps", "promoter"];

/// Why a result is undefined: "No responses yet."
pub const NO_RESPONSES: Undefined = Undefined::Because(&Reason {
    id: "no-responses",
    message: "No responses yet.",
});

/// Why a result is undefined: "Enter a target NPS to see how many promoters it takes."
pub const NO_TARGET: Undefined = Undefined::Because(&Reason {
    id: "no-target",
    message: "Enter a target NPS to see how many promoters it takes.",
});

/// Why a result is undefined: "An NPS of 100 can't be reached while there are passives or detractors."
pub const TARGET_UNREACHABLE: Undefined = Undefined::Because(&Reason {
    id: "target-unreachable",
    message: "An NPS of 100 can't be reached while there are passives or detractors.",
});

/// The common rule of thumb for reading an NPS (Bain & Company): below 0, 0–30, 30–70, 70 and
/// above. A rule of thumb, not a benchmark of the user's industry.
pub const NPS_READING: Bands = Bands {
    lowest: &Verdict {
        id: "needs-work",
        label: "needs work",
        sentence: "More detractors than promoters.",
        tone: Tone::Bad,
    },
    above: &[
        (
            Edge::AtLeast(0),
            &Verdict {
                id: "good",
                label: "good",
                sentence: "More promoters than detractors.",
                tone: Tone::Warn,
            },
        ),
        (
            Edge::AtLeast(30),
            &Verdict {
                id: "great",
                label: "great",
                sentence: "Well ahead of detractors.",
                tone: Tone::Good,
            },
        ),
        (
            Edge::AtLeast(70),
            &Verdict {
                id: "excellent",
                label: "excellent",
                sentence: "Promoters all but everywhere.",
                tone: Tone::Good,
            },
        ),
    ],
};

/// 9–10 are promoters, 7–8 passives, 0–6 detractors (also on a 1–10 scale).
const PROMOTER_MIN: Decimal = Decimal::from_parts(9, 0, 0, false, 0);
const PASSIVE_MIN: Decimal = Decimal::from_parts(7, 0, 0, false, 0);

/// How an NPS interval is built: Wald, or adjusted Wald (Rocks 2016) for small surveys.
pub const NPS_METHODS: &[Choice] = &[
    Choice {
        id: "wald",
        label: "Wald",
    },
    Choice {
        id: "adjusted-wald",
        label: "Adjusted Wald",
    },
];

const SCORES_OR_COUNTS: &[Choice] = &[
    Choice {
        id: "scores",
        label: "Paste scores",
    },
    Choice {
        id: "counts",
        label: "Enter counts",
    },
];

/// NPS: promoters (9–10) minus detractors (0–6), as a share of all answers.
pub const NPS: Calculator = Calculator {
    id: "nps",
    name: "Net Promoter Score (NPS)",
    category: Category::Loyalty,
    summary: "How likely customers are to recommend you: % promoters minus % detractors.",
    synonyms: &[
        "net promoter",
        "promoters",
        "detractors",
        "recommend",
        "loyalty",
    ],
    inputs: &[
        choice("mode", "Enter your data as", SCORES_OR_COUNTS),
        scores(Bound::Fixed(10))
            .hint("Answers from 0 to 10, one per line or separated by commas, tabs or spaces.")
            .only_in(&["scores"])
            .asks(NPS_QUESTION),
        count("promoters", "Promoters")
            .hint("Answers of 9 or 10.")
            .only_in(&["counts"]),
        count("passives", "Passives")
            .hint("Answers of 7 or 8.")
            .only_in(&["counts"]),
        count("detractors", "Detractors")
            .hint("Answers from 0 to 6.")
            .only_in(&["counts"]),
        number("target_nps", "Target NPS", Unit::Nps, -100, 100, false)
            .hint("Optional: how many more promoters would it take to reach it?")
            .optional(),
        choice("method", "Interval method", NPS_METHODS)
            .hint("Adjusted Wald (Rocks 2016) covers small surveys better: use it below 100 answers.")
            .default("wald"),
    ],
    results: &[
        result("nps", "NPS", Unit::Nps).higher_better()
            .headline()
            .banded(&NPS_READING),
        result("margin_of_error", "Margin of error (95 %)", Unit::Points).lower_better(),
        result("ci_low", "95 % interval, low", Unit::Nps).higher_better().as_role(Role::IntervalLow),
        result("ci_high", "95 % interval, high", Unit::Nps).higher_better().as_role(Role::IntervalHigh),
        result(
            "promoters_needed",
            "Promoters needed for the target",
            Unit::Count,
        )
        .phrased("{} more answers of 9–10, with no new detractors"),
        result("responses", "Responses", Unit::Count),
        result(
            "smallest_change",
            "Smallest change you could detect",
            Unit::Points,
        ).higher_better()
        .phrased("{} or more, against another survey this size"),
        result("promoters_pct", "Promoters, share", Unit::Percent).higher_better().as_role(Role::Charted),
        result("passives_pct", "Passives, share", Unit::Percent).as_role(Role::Charted),
        result("detractors_pct", "Detractors, share", Unit::Percent).lower_better().as_role(Role::Charted),
        result("promoters", "Promoters", Unit::Count).higher_better().as_role(Role::Charted),
        result("passives", "Passives", Unit::Count).as_role(Role::Charted),
        result("detractors", "Detractors", Unit::Count).lower_better().as_role(Role::Charted),
    ],
    relations: &[],
    compute: nps,
    sources: &["000", "001", "002", "003", "rocks"],
    chart: Some(Chart::Shares {
        title: "Breakdown of answers",
        parts: &[
            Part {
                count: "detractors",
                share: "detractors_pct",
                label: "Detractors (0–6)",
                class: "band-detractors",
                colour: "#c8453c",
            },
            Part {
                count: "passives",
                share: "passives_pct",
                label: "Passives (7–8)",
                class: "band-passives",
                colour: "#8e98a6",
            },
            Part {
                count: "promoters",
                share: "promoters_pct",
                label: "Promoters (9–10)",
                class: "band-promoters",
                colour: "#2b8a4e",
            },
        ],
    }),
    example: "mode=counts&promoters=120&passives=45&detractors=30&target_nps=50",
    take_away: Some("NPS {nps} (95 % interval {ci_low}–{ci_high}) from {responses} answers: {promoters} promoters, {passives} passives, {detractors} detractors"),
    next: None,
    compare: Some(&CompareWith {
        calc: "nps-compare",
        carry: &[
            ("promoters_a", "promoters"),
            ("passives_a", "passives"),
            ("detractors_a", "detractors"),
        ],
        fixed: &[("mode", "counts")],
    }),
};

fn nps(i: &Inputs) -> Outcome {
    let (p, pa, d) = if i.mode() == Some("scores") {
        let s = i.list("scores");
        (
            count_where(s, |v| v >= PROMOTER_MIN),
            count_where(s, |v| (PASSIVE_MIN..PROMOTER_MIN).contains(&v)),
            count_where(s, |v| v < PASSIVE_MIN),
        )
    } else {
        (i.num("promoters"), i.num("passives"), i.num("detractors"))
    };
    let responses = if i.mode() == Some("scores") {
        list_len(i.list("scores"))
    } else {
        &p + &pa + &d
    };
    // Later workings show the total (195), not the sum that made it.
    let n = responses.clone().collapse_named(Unit::Count, "Responses");
    let mut out = Outcome::new();
    let share = |x: &Ex| x.clone().pct_of(n.clone(), NO_RESPONSES);
    let nps = (&p - &d).pct_of(&n, NO_RESPONSES);
    // Adjusted Wald (Rocks 2016): ¾ of an answer added to promoters and detractors each
    // (n′ = n + 3); the interval is centred on the adjusted NPS.
    let adjusted = i.choice("method") == Some("adjusted-wald");
    let (centre, moe) = if adjusted {
        let quarter3 = Ex::lit(Decimal::new(75, 2));
        let (p2, d2) = (&p + &quarter3, &d + &quarter3);
        // No answers say nothing, adjusted or not.
        let n2 = match n.value() {
            Ok(v) if v.is_zero() => Ex::fail(NO_RESPONSES),
            _ => (&n + 3).collapse_named(Unit::Count, "n′"),
        };
        (
            (&p2 - &d2).pct_of(&n2, NO_RESPONSES),
            margin_of_error(&p2, &d2, &n2),
        )
    } else {
        (nps.clone(), margin_of_error(&p, &d, &n))
    };
    let centre = centre.collapse_named(Unit::Nps, if adjusted { "adjusted NPS" } else { "NPS" });
    let moe_named = moe.clone().collapse_named(Unit::Points, "Margin of error");
    // Two surveys of this size and spread: the difference's error is √2 times one's.
    let smallest = Ex::int(2).sqrt() * &moe_named;
    out.set("promoters_pct", share(&p))
        .set("passives_pct", share(&pa))
        .set("detractors_pct", share(&d))
        .set("ci_low", (&centre - &moe_named).max(Ex::int(-100)))
        .set("ci_high", (&centre + &moe_named).min(Ex::int(100)))
        .set("smallest_change", smallest)
        .set("margin_of_error", moe)
        .set(
            "promoters_needed",
            promoters_needed(&p, &pa, &d, &n, i.opt("target_nps")),
        )
        .set("nps", nps)
        .set("responses", responses)
        .set("promoters", p)
        .set("passives", pa)
        .set("detractors", d);
    out
}

/// 1.96 × 100 × √((p + d − (p − d)²) / n), with p and d the promoter and detractor shares:
/// the normal approximation of the NPS's standard error. Valued as
/// 196 × √((n (P + D) − (P − D)²) / n³), so only the root and one division round; when those
/// products are too large for a decimal, as 196 × √(variance) / √n, which keeps the relative
/// precision a tiny quotient under the root would lose.
fn margin_of_error(p: &Ex, d: &Ex, n: &Ex) -> Ex {
    let share_p = p
        .clone()
        .per(n.clone(), NO_RESPONSES)
        .collapse_named(Unit::Plain, "promoter share");
    let share_d = d
        .clone()
        .per(n.clone(), NO_RESPONSES)
        .collapse_named(Unit::Plain, "detractor share");
    let variance = &share_p + &share_d - (share_p - share_d).squared();
    let large = Ex::int(196) * variance.clone().sqrt() / n.clone().sqrt();
    let shown = Ex::lit(Decimal::new(196, 2)) * 100 * (variance / n).sqrt();
    let scaled = (n * (p + d) - (p - d).squared()).per(n * n * n, NO_RESPONSES);
    shown
        .valued_by(&large)
        .valued_by(&(Ex::int(196) * scaled.sqrt()))
}

/// The fewest extra promoter answers x with (P + x − D) / (n + x) × 100 ≥ target:
/// x = ⌈(target × n − 100 × (P − D)) / (100 − target)⌉, and 0 when already there.
fn promoters_needed(p: &Ex, pa: &Ex, d: &Ex, n: &Ex, target: Option<Ex>) -> Ex {
    let Some(target) = target else {
        return Ex::fail(NO_TARGET);
    };
    if n.value() == Ok(Decimal::ZERO) {
        return Ex::fail(NO_RESPONSES);
    }
    if target.value() == Ok(Decimal::ONE_HUNDRED) {
        let others = (pa + d).value();
        return match others {
            Ok(o) if o.is_zero() => Ex::int(0),
            Ok(_) => Ex::fail(TARGET_UNREACHABLE),
            Err(e) => Ex::fail(e),
        };
    }
    let gap = &target * n - (p - d) * 100;
    (gap / (Ex::int(100) - target)).ceil().max(0)
}

/// CSAT: the share of satisfied answers (4–5 on a 1–5 scale by default).
pub const CSAT: Calculator = Calculator {
    id: "csat",
    name: "Customer Satisfaction (CSAT)",
    category: Category::Loyalty,
    summary: "The share of customers who say they are satisfied.",
    synonyms: &["satisfaction", "happy customers", "survey"],
    inputs: &[
        choice("mode", "Enter your data as", SCORES_OR_COUNTS),
        number("scale_max", "Scale maximum", Unit::Score, 2, 100, true)
            .hint("The highest answer on your survey scale (5 for 1–5, 10 for 1–10).")
            .default("5"),
        number(
            "satisfied_min",
            "Satisfied from",
            Unit::Score,
            0,
            100,
            false,
        )
        .hint("The lowest answer that counts as satisfied (4 on 1–5; 6 on 1–10).")
        .default("4"),
        scores(Bound::Input("scale_max"))
            .hint("Answers, one per line or separated by commas, tabs or spaces.")
            .only_in(&["scores"])
            .asks(&["satisf", "csat", "happy"]),
        count("satisfied", "Satisfied answers").only_in(&["counts"]),
        count("responses", "All answers").only_in(&["counts"]),
    ],
    results: &[
        result("csat_pct", "CSAT", Unit::Percent)
            .higher_better()
            .headline(),
        result("responses", "Responses", Unit::Count).as_role(Role::Echo("responses")),
        result("satisfied", "Satisfied answers", Unit::Count)
            .higher_better()
            .as_role(Role::Echo("satisfied")),
        result("average", "Average score", Unit::Score)
            .higher_better()
            .only_in(&["scores"]),
    ],
    relations: &[
        Relation {
            lhs: &["satisfied_min"],
            rhs: &["scale_max"],
            why: "the satisfied threshold must lie on the scale",
        },
        Relation {
            lhs: &["satisfied"],
            rhs: &["responses"],
            why: "satisfied answers are part of all answers",
        },
    ],
    compute: csat,
    sources: &["000", "001", "004"],
    chart: None,
    example: "mode=counts&satisfied=78&responses=120",
    take_away: None,
    next: None,
    compare: Some(&CompareWith {
        calc: "proportion-compare",
        carry: &[("successes_a", "satisfied"), ("total_a", "responses")],
        fixed: &[("counted", "satisfied"), ("direction", "higher-better")],
    }),
};

fn csat(i: &Inputs) -> Outcome {
    let mut out = Outcome::new();
    if i.mode() == Some("scores") {
        let s = i.list("scores");
        let min = i.num("satisfied_min").value().unwrap_or(Decimal::MAX);
        let n = list_len(s);
        let satisfied = count_where(s, |v| v >= min);
        out.set(
            "csat_pct",
            satisfied.clone().pct_of(n.clone(), NO_RESPONSES),
        )
        .set("satisfied", satisfied)
        .set(
            "average",
            list_sum(s, Unit::Score).per(n.clone(), NO_RESPONSES),
        )
        .set("responses", n);
    } else {
        let n = i.num("responses");
        out.set(
            "csat_pct",
            i.num("satisfied").pct_of(n.clone(), NO_RESPONSES),
        )
        .set("satisfied", i.num("satisfied"))
        .set("responses", n);
    }
    out
}

/// CES: how easy customers found it, as the mean answer (higher = easier).
pub const CES: Calculator = Calculator {
    id: "ces",
    name: "Customer Effort Score (CES)",
    category: Category::Loyalty,
    summary: "How easy it was for customers to get what they needed.",
    synonyms: &["effort", "ease", "friction"],
    inputs: &[
        number("scale_max", "Scale maximum", Unit::Score, 2, 100, true)
            .hint("The highest answer (7 on a 1–7 scale). Higher means easier.")
            .default("7"),
        number("easy_min", "Easy from", Unit::Score, 0, 100, false)
            .hint("The lowest answer that counts as easy.")
            .default("5"),
        scores(Bound::Input("scale_max"))
            .hint("Answers, one per line or separated by commas, tabs or spaces.")
            .asks(&["effort", "easy", "ces", "difficult"]),
    ],
    results: &[
        result("ces", "CES (average)", Unit::Score)
            .higher_better()
            .headline(),
        result("easy_pct", "Found it easy", Unit::Percent).higher_better(),
        result("responses", "Responses", Unit::Count),
    ],
    relations: &[Relation {
        lhs: &["easy_min"],
        rhs: &["scale_max"],
        why: "the easy threshold must lie on the scale",
    }],
    compute: ces,
    sources: &["000", "002"],
    chart: None,
    example: "scores=7,6,5,5,4,6,7,3,5,6",
    take_away: None,
    next: None,
    compare: None,
};

fn ces(i: &Inputs) -> Outcome {
    let s = i.list("scores");
    let easy = i.num("easy_min").value().unwrap_or(Decimal::MAX);
    let n = list_len(s);
    let mut out = Outcome::new();
    out.set("ces", list_sum(s, Unit::Score).per(n.clone(), NO_RESPONSES))
        .set(
            "easy_pct",
            count_where(s, |v| v >= easy).pct_of(n.clone(), NO_RESPONSES),
        )
        .set("responses", n);
    out
}

/// A rating: the average answer on a scale (onboarding ratings, reviews, client ratings).
pub const RATING: Calculator = Calculator {
    id: "rating",
    name: "Average rating",
    category: Category::Loyalty,
    summary: "The average of ratings: onboarding, reviews, employee or client ratings.",
    synonyms: &[
        "reviews",
        "stars",
        "onboarding rating",
        "employee rating",
        "local reviews",
    ],
    inputs: &[
        number("scale_max", "Scale maximum", Unit::Score, 1, 100, true)
            .hint("The highest possible rating (5 for five stars).")
            .default("5"),
        scores(Bound::Input("scale_max"))
            .hint("Ratings, one per line or separated by commas.")
            .asks(&["rating", "rate", "star", "review"]),
    ],
    results: &[
        result("average", "Average rating", Unit::Score)
            .higher_better()
            .headline(),
        result(
            "average_pct_of_max",
            "Average as % of the maximum",
            Unit::Percent,
        ),
        result("responses", "Ratings", Unit::Count),
    ],
    relations: &[],
    compute: rating,
    sources: &["002", "004"],
    chart: None,
    example: "scores=5,4,4,3,5,5,2,4",
    take_away: None,
    next: None,
    compare: None,
};

fn rating(i: &Inputs) -> Outcome {
    let s = i.list("scores");
    let n = list_len(s);
    let sum = list_sum(s, Unit::Score);
    let average = sum.clone().per(n.clone(), NO_RESPONSES);
    // Valued as sum × 100 / (n × scale): the rounded average is only for the working.
    let exact = (sum * 100).per(&n * i.num("scale_max"), NO_RESPONSES);
    let mut out = Outcome::new();
    out.set(
        "average_pct_of_max",
        average
            .clone()
            .collapse_named(Unit::Score, "Average rating")
            .pct_of(i.num("scale_max"), Undefined::DivideByZero)
            .valued_by(&exact),
    )
    .set("average", average)
    .set("responses", n);
    out
}

/// This category's calculators, in home-view order: a new one is defined in this file and
/// listed here.
pub const CALCULATORS: &[&Calculator] = &[&NPS, &CSAT, &CES, &RATING];

/// This category's definitions, linked late (see `engine::late`): the browser loads them when
/// one of them first opens.
pub static MODULE: Module = Module {
    calculators: CALCULATORS,
    draw: None,
};
