//! Composite: the customer health score, a weighted mean of component scores. Each definition
//! names its sources (see `docs/metrics.md`).

use super::builders::{number, result};
use crate::engine::error::{Reason, Undefined};
use crate::engine::formula::Inputs;
use crate::engine::formula::{Ex, Outcome};
use crate::engine::late::Module;
use crate::engine::spec::{Bands, Calculator, Category, Edge, Role, Tone, Unit, Verdict};

/// Why a result is undefined: "Fill in at least one component."
pub const NO_COMPONENTS: Undefined = Undefined::Because(&Reason {
    id: "no-components",
    message: "Fill in at least one component.",
});

/// Why a result is undefined: "All weights are 0: give at least one of the scores a weight."
pub const ZERO_WEIGHTS: Undefined = Undefined::Because(&Reason {
    id: "zero-weights",
    message: "All weights are 0: give at least one of the scores a weight.",
});

/// Band: 80 and above.
pub const HEALTHY: Verdict = Verdict {
    id: "healthy",
    label: "Healthy",
    sentence: "Customers are getting value: look for expansion and advocacy.",
    tone: Tone::Good,
};
/// Band: 60 up to 80.
pub const STABLE: Verdict = Verdict {
    id: "stable",
    label: "Stable",
    sentence: "No alarm, but keep an eye on the weakest component.",
    tone: Tone::Good,
};
/// Band: 40 up to 60.
pub const AT_RISK: Verdict = Verdict {
    id: "at-risk",
    label: "At risk",
    sentence: "Signs of trouble: plan outreach before renewal.",
    tone: Tone::Warn,
};
/// Band: below 40.
pub const CRITICAL: Verdict = Verdict {
    id: "critical",
    label: "Critical",
    sentence: "Likely to churn without action now.",
    tone: Tone::Bad,
};

/// Health-score bands: critical below 40, at-risk from 40, stable from 60, healthy from 80.
pub const HEALTH_BANDS: Bands = Bands {
    lowest: &CRITICAL,
    above: &[
        (Edge::AtLeast(40), &AT_RISK),
        (Edge::AtLeast(60), &STABLE),
        (Edge::AtLeast(80), &HEALTHY),
    ],
};

/// (component id, weight id); the nps component is mapped from −100…100 to 0…100.
const COMPONENTS: [(&str, &str); 5] = [
    ("usage", "usage_weight"),
    ("engagement", "engagement_weight"),
    ("support", "support_weight"),
    ("sentiment", "sentiment_weight"),
    ("nps", "nps_weight"),
];

const fn component(id: &'static str, label: &'static str) -> crate::engine::spec::InputSpec {
    number(id, label, Unit::Score, 0, 100, false).optional()
}

const fn weight(id: &'static str, label: &'static str) -> crate::engine::spec::InputSpec {
    number(id, label, Unit::Weight, 0, 1000, false).default("1")
}

/// Customer health score.
pub const HEALTH_SCORE: Calculator = Calculator {
    id: "health-score",
    name: "Customer health score",
    category: Category::Composite,
    summary: "One 0–100 score from usage, engagement, support, sentiment and NPS, with weights.",
    synonyms: &[
        "health",
        "account health",
        "customer health",
        "risk",
        "churn risk",
    ],
    inputs: &[
        component("usage", "Usage").hint("0–100: how fully they use the product."),
        weight("usage_weight", "Usage weight"),
        component("engagement", "Engagement").hint("0–100: how engaged they are with your team."),
        weight("engagement_weight", "Engagement weight"),
        component("support", "Support")
            .hint("0–100: support experience (few, quickly solved issues)."),
        weight("support_weight", "Support weight"),
        component("sentiment", "Sentiment").hint("0–100: how they felt on the last check-in."),
        weight("sentiment_weight", "Sentiment weight"),
        number("nps", "NPS", Unit::Nps, -100, 100, false)
            .hint("−100 to 100; counted as (NPS + 100) / 2.")
            .optional(),
        weight("nps_weight", "NPS weight"),
    ],
    results: &[
        result("health_score", "Health score", Unit::Score)
            .higher_better()
            .headline()
            .banded(&HEALTH_BANDS),
        result("band", "Band", Unit::Plain).as_role(Role::Verdict),
    ],
    relations: &[],
    compute: health_score,
    sources: &["001", "004"],
    chart: None,
    example: "usage=80&engagement=70&support=90&sentiment=60&nps=20",
    take_away: None,
    next: None,
    compare: None,
};

/// Σ weight × score / Σ weight over the components filled in; blank ones are left out.
fn health_score(i: &Inputs) -> Outcome {
    let mut weighted = Vec::new();
    let mut weights = Vec::new();
    let mut scores = Vec::new();
    for (id, weight_id) in COMPONENTS {
        let Some(score) = i.opt(id) else { continue };
        let score = if id == "nps" {
            (score + 100) / 2
        } else {
            score
        };
        weighted.push(i.num(weight_id) * &score);
        weights.push(i.num(weight_id));
        scores.push(score);
    }
    let mut out = Outcome::new();
    if weighted.is_empty() {
        out.set("health_score", Ex::fail(NO_COMPONENTS));
        out.verdict("band", Err(NO_COMPONENTS));
        return out;
    }
    let total = Ex::sum(weights.clone());
    // Also valued as Σ (weight / Σ weights) × score: products of tiny weights and long scores
    // lose digits that shares of the total keep.
    let shares = Ex::sum(
        weights
            .iter()
            .zip(&scores)
            .map(|(w, s)| (w / &total) * s)
            .collect(),
    );
    let score = Ex::sum(weighted)
        .per(total.clone(), ZERO_WEIGHTS)
        .valued_by(&shares);
    out.verdict("band", HEALTH_BANDS.classify(score.approx()));
    out.set("health_score", score);
    out
}

/// This category's calculators, in home-view order: a new one is defined in this file and
/// listed here.
pub const CALCULATORS: &[&Calculator] = &[&HEALTH_SCORE];

/// This category's definitions, linked late (see `engine::late`): the browser loads them when
/// one of them first opens.
pub static MODULE: Module = Module {
    calculators: CALCULATORS,
    draw: None,
};
