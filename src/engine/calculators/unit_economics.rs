//! Unit economics: what a customer costs to win and what it earns. Each definition names its
//! sources (see `docs/metrics.md`).

use super::builders::{choice, count, money, number, percent, result};
use crate::engine::dec::Checked;
use crate::engine::error::{Reason, Undefined};
use crate::engine::formula::Inputs;
use crate::engine::formula::{Ex, Outcome};
use crate::engine::late::Module;
use crate::engine::spec::{
    Bands, Calculator, Category, Choice, Edge, InputSpec, ResultSpec, Role, Rounding, Tone, Unit,
    Verdict,
};
use rust_decimal::Decimal;

/// Why CAC is undefined: "No new customers were won, so there is no cost per customer."
pub const NO_NEW_CUSTOMERS: Undefined = Undefined::Because(&Reason {
    id: "no-new-customers",
    message: "No new customers were won, so there is no cost per customer.",
});

/// Why a result is undefined: "Churn is 0 %, so customers never leave: enter a churn estimate."
pub const ZERO_CHURN: Undefined = Undefined::Because(&Reason {
    id: "zero-churn",
    message: "Churn is 0 %, so customers never leave: enter a churn estimate.",
});

/// Why a result is undefined: "CAC is 0, so the ratio has no finite value."
pub const ZERO_CAC: Undefined = Undefined::Because(&Reason {
    id: "zero-cac",
    message: "CAC is 0, so the ratio has no finite value.",
});

/// Why a result is undefined: "ARPA is 0, so the acquisition cost is never paid back."
pub const ZERO_ARPA: Undefined = Undefined::Because(&Reason {
    id: "zero-arpa",
    message: "ARPA is 0, so the acquisition cost is never paid back.",
});

/// Why a result is undefined: "Gross margin is 0 %, so the acquisition cost is never paid back."
pub const ZERO_MARGIN: Undefined = Undefined::Because(&Reason {
    id: "zero-margin",
    message: "Gross margin is 0 %, so the acquisition cost is never paid back.",
});

/// Why a result is undefined: "Enter ARPA, churn and margin instead of LTV to see the payback period."
pub const NEEDS_ARPA: Undefined = Undefined::Because(&Reason {
    id: "needs-arpa",
    message: "Enter ARPA, churn and margin instead of LTV to see the payback period.",
});

/// CAC = (sales + marketing + implementation spend) / new customers.
pub const CAC: Calculator = Calculator {
    id: "cac",
    name: "Customer acquisition cost (CAC)",
    category: Category::UnitEconomics,
    summary: "What it costs to win one new customer.",
    synonyms: &["cac", "acquisition cost", "cost per acquisition", "cpa"],
    inputs: &[
        money("sales_spend", "Sales spend"),
        money("marketing_spend", "Marketing spend"),
        money("implementation_spend", "Implementation spend")
            .hint("Onboarding and implementation costs, if you count them.")
            .default("0"),
        count("new_customers", "New customers"),
    ],
    results: &[result("cac", "CAC", Unit::Money).lower_better().headline()],
    relations: &[],
    compute: |i| {
        let spend = i.num("sales_spend") + i.num("marketing_spend") + i.num("implementation_spend");
        let mut out = Outcome::new();
        out.set("cac", spend.per(i.num("new_customers"), NO_NEW_CUSTOMERS));
        out
    },
    sources: &["000", "003"],
    chart: None,
    example: "sales_spend=50000&marketing_spend=30000&implementation_spend=20000&new_customers=40",
    take_away: None,
    next: None,
    compare: None,
};

const MARGIN_HINT: &str =
    "Share of revenue left after the cost of serving it; 100 % counts revenue.";

/// Customer lifetime value by one of three methods.
pub const LTV: Calculator = Calculator {
    id: "ltv",
    name: "Customer lifetime value (LTV)",
    category: Category::UnitEconomics,
    summary: "The revenue (or margin) an average customer brings before they leave.",
    synonyms: &["ltv", "clv", "cltv", "lifetime value", "customer value"],
    inputs: &[
        choice(
            "method",
            "Method",
            &[
                Choice {
                    id: "subscription",
                    label: "Subscription (ARPA and churn)",
                },
                Choice {
                    id: "purchase",
                    label: "Purchases (value × frequency × lifespan)",
                },
                Choice {
                    id: "yearly",
                    label: "Yearly revenue × lifespan",
                },
            ],
        ),
        money("arpa", "ARPA (monthly)").only_in(&["subscription"]),
        percent("churn_pct", "Monthly churn").only_in(&["subscription"]),
        money("avg_purchase_value", "Average purchase value").only_in(&["purchase"]),
        number(
            "purchases_per_year",
            "Purchases per year",
            Unit::Plain,
            0,
            100_000,
            false,
        )
        .only_in(&["purchase"]),
        money("yearly_revenue", "Revenue per customer per year").only_in(&["yearly"]),
        number(
            "lifespan_years",
            "Customer lifespan",
            Unit::Years,
            0,
            200,
            false,
        )
        .hint("In years.")
        .only_in(&["purchase", "yearly"]),
        percent("gross_margin_pct", "Gross margin")
            .hint(MARGIN_HINT)
            .default("100"),
        DISCOUNT.only_in(&["subscription"]),
        HORIZON.only_in(&["subscription"]),
    ],
    results: &[
        result("ltv", "LTV", Unit::Money).higher_better().headline(),
        LTV_DISCOUNTED.only_in(&["subscription"]),
        result("lifetime_months", "Average customer lifetime", Unit::Months).higher_better(),
    ],
    relations: &[],
    compute: ltv,
    sources: &["000", "001", "003", "004"],
    chart: None,
    example: "arpa=500&churn_pct=5&gross_margin_pct=80",
    take_away: None,
    next: None,
    compare: None,
};

fn ltv(i: &Inputs) -> Outcome {
    let margin = i.num("gross_margin_pct");
    let hundred = Ex::int(100);
    let (value, months) = match i.mode() {
        Some("purchase") => {
            let (v, f, y) = (
                i.num("avg_purchase_value"),
                i.num("purchases_per_year"),
                i.num("lifespan_years"),
            );
            let best = Ex::quotient(&[&v, &f, &y, &margin], &[&hundred], Undefined::DivideByZero);
            ((v * f * &y * margin / 100).valued_by(&best), y * 12)
        }
        Some("yearly") => {
            let (r, y) = (i.num("yearly_revenue"), i.num("lifespan_years"));
            let best = Ex::quotient(&[&r, &y, &margin], &[&hundred], Undefined::DivideByZero);
            ((r * &y * margin / 100).valued_by(&best), y * 12)
        }
        _ => (
            subscription_ltv(i),
            Ex::int(100).per(i.num("churn_pct"), ZERO_CHURN),
        ),
    };
    let mut out = Outcome::new();
    out.set("ltv", value).set("lifetime_months", months);
    if i.mode() != Some("purchase") && i.mode() != Some("yearly") {
        out.set("ltv_discounted", discounted_ltv(i));
    }
    out
}

/// The yearly discount rate of LTV in today's money (`ltv` and LTV:CAC from ARPA).
const DISCOUNT: InputSpec = number("discount_pct", "Yearly discount rate", Unit::Percent, 0, 100, false)
    .hint("Optional: how much less money a year from now is worth today, as finance teams count it (10 % is common).")
    .optional();
/// The horizon of LTV in today's money.
const HORIZON: InputSpec = number("horizon_months", "Horizon", Unit::Months, 1, 1200, true)
    .hint("Optional: count revenue for this many months at most (blank: no cap).")
    .optional();
/// LTV in today's money, beside the plain one.
const LTV_DISCOUNTED: ResultSpec = result("ltv_discounted", "LTV in today's money", Unit::Money)
    .higher_better()
    .phrased("{}: later months count for less");

/// Why the discounted LTV waits: no discount rate or horizon entered.
pub const NO_DISCOUNT: Undefined = Undefined::Because(&Reason {
    id: "no-discount",
    message: "Enter a yearly discount rate or a horizon to see LTV in today's money.",
});

/// LTV in today's money (METRICS.md): Σ_{t=0}^{H−1} ARPA × margin × q^t, q = (1 − churn) /
/// (1 + r), r = (1 + discount)^(1/12) − 1 the monthly rate; the first month is not
/// discounted. That is ARPA × margin × (1 − q^H) / (1 − q), or ARPA × margin / (1 − q) with
/// no horizon; when q = 1 (no churn, no discount) every month counts in full: ARPA × margin × H.
fn discounted_ltv(i: &Inputs) -> Ex {
    let (discount, horizon) = (i.opt("discount_pct"), i.opt("horizon_months"));
    if discount.is_none() && horizon.is_none() {
        return Ex::fail(NO_DISCOUNT);
    }
    let no_discount = discount
        .as_ref()
        .is_none_or(|d| d.value().is_ok_and(|d| d.is_zero()));
    if no_discount && horizon.is_none() {
        // A 0 % rate and no cap: the plain LTV, computed the same way to the last digit.
        return subscription_ltv(i);
    }
    let one = || Ex::int(1);
    let monthly_value = i.num("arpa") * i.num("gross_margin_pct") / 100;
    let kept = one() - i.num("churn_pct") / 100;
    let rate = discount.unwrap_or_else(|| Ex::int(0)) / 100;
    // q = (1 − c) / s, s = (1 + d)^(1/12): the twelfth root taken before anything can lose
    // digits.
    let s = (one() + &rate).pow_ratio(Ex::int(1), Ex::int(12));
    let q = kept.per(&s, ZERO_CHURN);
    match horizon {
        None => {
            // Valued as ARPA × margin × s / (c + (s − 1)), with s − 1 = d / Σ_{k<12} s^k
            // (as y − 1 = (s − 1)(1 + s + … + s^11)): every term is positive, so nothing
            // cancels when q is within a hair of 1 (a tiny churn and a tiny rate), where
            // 1 − q would lose its digits. Both sides are scaled by 10^k so that the gap
            // keeps a decimal's 28 digits even when it is 10^−12 (a decimal's last place is
            // 10^−28, whatever the size).
            let textbook = monthly_value.clone().per(one() - &q, ZERO_CHURN);
            let mut powers = one();
            for _ in 1..12 {
                powers = (one() + &s * powers).collapse(Unit::Plain);
            }
            let churn = i.num("churn_pct") / 100;
            let unscaled = (churn.clone() + rate.clone().per(powers.clone(), ZERO_CHURN)).value();
            let ten_k = Ex::lit(up_to_a_tenth(unscaled.unwrap_or(Decimal::ONE)));
            let gap = churn * &ten_k + (rate * &ten_k).per(powers, ZERO_CHURN);
            textbook.valued_by(&(monthly_value * s * ten_k).per(gap, ZERO_CHURN))
        }
        Some(h) => {
            // Σ_{t<H} q^t by Horner's rule (H ≤ 1,200 products): (1 − q^H) / (1 − q) would
            // cancel away its digits when q is within a hair of 1 (a tiny churn, no discount).
            let months = h
                .value()
                .ok()
                .and_then(|v| u32::try_from(v.trunc().mantissa()).ok());
            let Some(months) = months.filter(|m| (1..=1200).contains(m)) else {
                return Ex::fail(Undefined::WaitingForInputs);
            };
            let mut sum = one();
            for _ in 1..months {
                sum = (one() + &q * sum).collapse(Unit::Plain);
            }
            monthly_value * sum.collapse_named(Unit::Plain, "discounted months")
        }
    }
}

/// The power of ten (at most 10^28) that brings a positive `v` to 0.1 or more.
fn up_to_a_tenth(v: Decimal) -> Decimal {
    let (mut v, mut k) = (v, Decimal::ONE);
    for _ in 0..28 {
        if v >= Decimal::new(1, 1) {
            break;
        }
        v = v.c_mul(Decimal::TEN).unwrap_or(Decimal::ONE);
        k = k.c_mul(Decimal::TEN).unwrap_or(k);
    }
    k
}

/// ARPA × margin % / churn %: the percent units cancel, so this is ARPA × margin / churn.
fn subscription_ltv(i: &Inputs) -> Ex {
    let (arpa, margin, churn) = (i.num("arpa"), i.num("gross_margin_pct"), i.num("churn_pct"));
    let best = Ex::quotient(&[&arpa, &margin], &[&churn], ZERO_CHURN);
    (arpa * margin).per(churn, ZERO_CHURN).valued_by(&best)
}

/// LTV:CAC verdict below 1.
pub const LOSING_MONEY: Verdict = Verdict {
    id: "losing-money",
    label: "Losing money",
    sentence: "Each customer costs more to win than it ever pays back.",
    tone: Tone::Bad,
};
/// LTV:CAC verdict from 1 up to (not including) 3.
pub const BELOW_TARGET: Verdict = Verdict {
    id: "below-target",
    label: "Below target",
    sentence: "Profitable per customer but under the 3:1 benchmark: acquisition is expensive.",
    tone: Tone::Warn,
};
/// LTV:CAC verdict from 3 to 5 inclusive.
pub const HEALTHY_RATIO: Verdict = Verdict {
    id: "healthy",
    label: "Healthy",
    sentence: "The 3:1 benchmark is met.",
    tone: Tone::Good,
};
/// LTV:CAC verdict above 5.
pub const UNDER_INVESTING: Verdict = Verdict {
    id: "under-investing",
    label: "Under-investing?",
    sentence: "Very efficient: you may be under-investing in growth.",
    tone: Tone::Warn,
};

/// LTV:CAC verdicts: below 1, from 1 up to (not including) 3, 3 to 5 inclusive, above 5.
pub const LTV_CAC_BANDS: Bands = Bands {
    lowest: &LOSING_MONEY,
    above: &[
        (Edge::AtLeast(1), &BELOW_TARGET),
        (Edge::AtLeast(3), &HEALTHY_RATIO),
        (Edge::Above(5), &UNDER_INVESTING),
    ],
};

/// Which LTV the ratio and its verdict use (from ARPA): the plain one unless asked.
const BASES: &[Choice] = &[
    Choice {
        id: "plain",
        label: "Plain LTV",
    },
    Choice {
        id: "discounted",
        label: "LTV in today's money",
    },
];

/// Why the 3:1 churn waits on the discounted basis.
pub const SEEK_DISCOUNTED: Undefined = Undefined::Because(&Reason {
    id: "seek-discounted",
    message: "On LTV in today's money this has no simple formula: What if… → Goal seek finds it.",
});

/// LTV:CAC with its verdict and payback.
pub const LTV_CAC: Calculator = Calculator {
    id: "ltv-cac",
    name: "LTV:CAC ratio",
    category: Category::UnitEconomics,
    summary: "Whether customers earn back what they cost to win: 3:1 is the benchmark.",
    synonyms: &["ltv cac", "ltv:cac", "clv cac", "unit economics", "payback"],
    inputs: &[
        choice(
            "mode",
            "Where LTV comes from",
            &[
                Choice {
                    id: "ltv",
                    label: "I know my LTV",
                },
                Choice {
                    id: "arpa",
                    label: "Work it out from ARPA, churn and margin",
                },
            ],
        ),
        money("ltv", "LTV").only_in(&["ltv"]),
        money("arpa", "ARPA (monthly)").only_in(&["arpa"]),
        percent("churn_pct", "Monthly churn").only_in(&["arpa"]),
        percent("gross_margin_pct", "Gross margin")
            .hint(MARGIN_HINT)
            .default("100")
            .only_in(&["arpa"]),
        DISCOUNT.only_in(&["arpa"]),
        HORIZON.only_in(&["arpa"]),
        choice("basis", "Verdict from", BASES)
            .hint("LTV in today's money needs a discount rate or a horizon.")
            .default("plain")
            .only_in(&["arpa"]),
        money("cac", "CAC").hint("What it costs to win one customer."),
    ],
    results: &[
        result("ltv_cac_ratio", "LTV:CAC", Unit::Ratio)
            .higher_better()
            .headline()
            .banded(&LTV_CAC_BANDS),
        result("verdict", "Verdict", Unit::Plain).as_role(Role::Verdict),
        result("ltv", "LTV", Unit::Money)
            .higher_better()
            .only_in(&["arpa"]),
        LTV_DISCOUNTED.only_in(&["arpa"]),
        result("payback_months", "CAC payback", Unit::Months)
            .lower_better()
            .only_in(&["arpa"]),
        result(
            "churn_for_3x_pct",
            "Monthly churn that gives 3:1",
            Unit::Percent,
        )
        .rounded(Rounding::AtMost)
        .only_in(&["arpa"]),
    ],
    relations: &[],
    compute: ltv_cac,
    sources: &["000", "003"],
    chart: None,
    example: "mode=arpa&arpa=100&churn_pct=3&gross_margin_pct=75&cac=1000",
    take_away: None,
    next: None,
    compare: None,
};

fn ltv_cac(i: &Inputs) -> Outcome {
    let cac = i.num("cac");
    let arpa_mode = i.mode() == Some("arpa");
    let discounted_basis = arpa_mode && i.choice("basis") == Some("discounted");
    let ltv = if arpa_mode {
        subscription_ltv(i)
    } else {
        i.num("ltv")
    };
    let discounted = if arpa_mode {
        discounted_ltv(i)
    } else {
        Ex::fail(Undefined::WaitingForInputs)
    };
    let (basis, basis_name) = if discounted_basis {
        (&discounted, "LTV in today's money")
    } else {
        (&ltv, "LTV")
    };
    let shown = basis
        .clone()
        .collapse_named(Unit::Money, basis_name)
        .per(&cac, ZERO_CAC);
    // From ARPA: ARPA × margin / (churn × CAC), one division instead of LTV's and then the
    // ratio's.
    let (numerator, denominator): (Vec<Ex>, Vec<Ex>) = if discounted_basis {
        (vec![discounted.clone()], vec![cac.clone()])
    } else if arpa_mode {
        (
            vec![i.num("arpa"), i.num("gross_margin_pct")],
            vec![i.num("churn_pct"), cac.clone()],
        )
    } else {
        (vec![ltv.clone()], vec![cac.clone()])
    };
    let over = |extra: Option<Ex>| {
        let top: Vec<&Ex> = numerator.iter().collect();
        let bottom: Vec<&Ex> = denominator.iter().chain(extra.as_ref()).collect();
        Ex::quotient(&top, &bottom, ZERO_CAC)
    };
    // A churn of 0 has already made LTV (and so `shown`) undefined with its reason.
    let ratio = shown.valued_by(&over(None));
    // A ratio too large to hold still gets its verdict, from ratio / edge against 1; the
    // ratio's own reason (no churn, no CAC) comes first.
    let verdict = match ratio.approx() {
        Err(e) if e != Undefined::Overflow && e != Undefined::Imprecise => Err(e),
        value => LTV_CAC_BANDS
            .classify(value)
            .or_else(|_| LTV_CAC_BANDS.classify_scaled(|edge| over(Some(Ex::lit(edge))).approx())),
    };
    let mut out = Outcome::new();
    out.verdict("verdict", verdict);
    out.set("ltv_cac_ratio", ratio);
    if arpa_mode {
        let (arpa, margin) = (i.num("arpa"), i.num("gross_margin_pct"));
        // 3 = ARPA × margin / (churn × CAC)  ⇔  churn = ARPA × margin / (3 × CAC).
        let best = Ex::quotient(&[&arpa, &margin], &[&Ex::int(3), &cac], ZERO_CAC);
        let churn_for_3x = if discounted_basis {
            Ex::fail(SEEK_DISCOUNTED)
        } else {
            (arpa * margin)
                .per(Ex::int(3) * &cac, ZERO_CAC)
                .valued_by(&best)
        };
        out.set("ltv", ltv)
            .set("ltv_discounted", discounted)
            .set(
                "payback_months",
                payback(cac, i.num("arpa"), i.num("gross_margin_pct")),
            )
            .set("churn_for_3x_pct", churn_for_3x);
    } else {
        out.set("payback_months", Ex::fail(NEEDS_ARPA));
    }
    out
}

/// Months of margin it takes to earn back CAC: CAC / (ARPA × margin / 100), valued as
/// CAC × 100 / (ARPA × margin).
fn payback(cac: Ex, arpa: Ex, margin: Ex) -> Ex {
    if arpa.value() == Ok(rust_decimal::Decimal::ZERO) {
        return Ex::fail(ZERO_ARPA);
    }
    let best = Ex::quotient(&[&cac, &Ex::int(100)], &[&arpa, &margin], ZERO_MARGIN);
    cac.per(arpa * margin / 100, ZERO_MARGIN).valued_by(&best)
}

/// CAC payback period in months.
pub const CAC_PAYBACK: Calculator = Calculator {
    id: "cac-payback",
    name: "CAC payback period",
    category: Category::UnitEconomics,
    summary: "How many months of margin it takes to earn back what a customer cost to win.",
    synonyms: &["payback", "months to recover cac", "break even"],
    inputs: &[
        money("cac", "CAC"),
        money("arpa", "ARPA (monthly)"),
        percent("gross_margin_pct", "Gross margin")
            .hint(MARGIN_HINT)
            .default("100"),
    ],
    results: &[result("payback_months", "Payback period", Unit::Months)
        .lower_better()
        .headline()],
    relations: &[],
    compute: |i| {
        let mut out = Outcome::new();
        out.set(
            "payback_months",
            payback(i.num("cac"), i.num("arpa"), i.num("gross_margin_pct")),
        );
        out
    },
    sources: &["000", "003"],
    chart: None,
    example: "cac=1200&arpa=100&gross_margin_pct=80",
    take_away: None,
    next: None,
    compare: None,
};

/// This category's calculators, in home-view order: a new one is defined in this file and
/// listed here.
pub const CALCULATORS: &[&Calculator] = &[&CAC, &LTV, &LTV_CAC, &CAC_PAYBACK];

/// This category's definitions, linked late (see `engine::late`): the browser loads them when
/// one of them first opens.
pub static MODULE: Module = Module {
    calculators: CALCULATORS,
    draw: None,
};
