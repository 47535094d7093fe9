//! Where MRR is heading: a month-by-month projection from today's MRR, new MRR each month and
//! monthly expansion, contraction and churn (METRICS.md, "Compare and plan"). Listed with the
//! revenue calculators, where people look for it (and linked late with them: a comparison's
//! first visit doesn't carry it).

use super::builders::{money, number, percent, result};
use crate::engine::dec::Checked;
use crate::engine::error::{Reason, Undefined};
use crate::engine::evaluate::Evaluation;
use crate::engine::formula::{Ex, Inputs, Outcome};
use crate::engine::spec::{Calculator, Category, Chart, Unit};
use rust_decimal::Decimal;

/// Why growth has no value: no MRR to grow from.
pub const NO_START: Undefined = Undefined::Because(&Reason {
    id: "no-start",
    message: "MRR at the start is 0: growth has nothing to be a share of.",
});

/// Why there is no ceiling: expansion keeps up with what is lost.
pub const NO_CEILING: Undefined = Undefined::Because(&Reason {
    id: "no-ceiling",
    message: "Net expansion outpaces churn and contraction: at these rates MRR has no ceiling.",
});

/// Month by month, for 1–60 months.
pub const REVENUE_PROJECTION: Calculator = Calculator {
    id: "revenue-projection",
    name: "Revenue projection",
    category: Category::Revenue,
    summary: "Where MRR is heading month by month at today's rates, and where it levels off.",
    synonyms: &[
        "forecast",
        "mrr projection",
        "revenue forecast",
        "growth",
        "plan",
    ],
    inputs: &[
        money("mrr_start", "MRR today"),
        money("new_mrr", "New MRR each month")
            .hint("Added each month by new customers.")
            .default("0"),
        percent("expansion_pct", "Monthly expansion")
            .hint("Of the previous month's MRR.")
            .default("0"),
        percent("contraction_pct", "Monthly contraction")
            .hint("Of the previous month's MRR.")
            .default("0"),
        percent("churn_pct", "Monthly churn")
            .hint("Of the previous month's MRR.")
            .default("0"),
        number("months", "Months", Unit::Months, 1, 60, true).default("12"),
    ],
    results: &[
        result("mrr_end", "MRR at the end", Unit::Money)
            .higher_better()
            .headline(),
        result("arr_end", "ARR at the end", Unit::Money).higher_better(),
        result("revenue_total", "Revenue over the months", Unit::Money).higher_better(),
        result("growth_pct", "Growth", Unit::Percent).higher_better(),
        result("mrr_ceiling", "Where MRR levels off", Unit::Money).phrased(
            "MRR levels off near {} at these rates: it comes ever closer to that level and never passes it",
        ),
        result("ceiling_month", "When it is within 5 % of that level", Unit::Count)
            .phrased("within 5 % of it around month {}"),
    ],
    relations: &[],
    compute: revenue_projection,
    sources: &["saas"],
    chart: Some(Chart::Projection {
        title: "MRR month by month",
    }),
    example:
        "mrr_start=100000&new_mrr=8000&expansion_pct=1&contraction_pct=0.5&churn_pct=2&months=24",
    take_away: None,
    next: None,
    compare: None,
};

/// MRR_t = MRR_{t−1} × (1 + e − c − ch) + new, exactly (each month's value carries its
/// error bound when it outgrows 28 digits).
fn revenue_projection(i: &Inputs) -> Outcome {
    let start = i.num("mrr_start");
    let new = i.opt("new_mrr").unwrap_or_else(|| Ex::int(0));
    let pct = |id: &str| i.opt(id).unwrap_or_else(|| Ex::int(0));
    let net = pct("expansion_pct") - pct("contraction_pct") - pct("churn_pct");
    let growth = (Ex::int(100) + &net) / 100;
    let months = i
        .num("months")
        .value()
        .ok()
        .and_then(|m| u32::try_from(m.trunc().mantissa()).ok())
        .map(|m| m.clamp(1, 60));
    let mut out = Outcome::new();
    let Some(months) = months else {
        for id in [
            "mrr_end",
            "arr_end",
            "revenue_total",
            "growth_pct",
            "mrr_ceiling",
        ] {
            out.set(id, Ex::fail(Undefined::WaitingForInputs));
        }
        return out;
    };
    let mut mrr = start.clone();
    let mut total = Ex::int(0);
    for _ in 0..months {
        mrr = (mrr * &growth + &new).collapse_named(Unit::Money, "previous month's MRR");
        total = (total + &mrr).collapse_named(Unit::Money, "revenue so far");
    }
    let end = mrr.collapse_named(Unit::Money, "MRR at the end");
    // Growth from the growth factor, not from the end value: 100 % expansion for 60 months
    // is 2^60 − 1 times the start, a growth that fits where the MRR itself may not.
    // (end − start) / start = g^T − 1 + new / start × Σ_{t<T} g^t, the sum by Horner's rule
    // (exact for any g, also below 0; (g^T − 1) / (g − 1) would cancel when g is near 1).
    let mut power = Ex::int(1);
    let mut summed = Ex::int(0);
    for _ in 0..months {
        summed = (Ex::int(1) + &growth * summed).collapse(Unit::Plain);
        power = (power * &growth).collapse(Unit::Plain);
    }
    let growth_pct =
        ((power - Ex::int(1)) + new.clone().per(start.clone(), NO_START) * summed) * 100;
    let growth_pct = match start.value() {
        Ok(s) if s.is_zero() => Ex::fail(NO_START),
        _ => growth_pct,
    };
    out.set("arr_end", &end * 12)
        .set("growth_pct", growth_pct)
        .set("revenue_total", total);
    // The level where churn and contraction take away what expansion and new MRR add.
    let losing = Ex::int(0) - &net;
    let ceiling = match losing.value() {
        Ok(l) if l > Decimal::ZERO => (&new * 100).per(losing, NO_CEILING),
        Ok(_) => Ex::fail(NO_CEILING),
        Err(e) => Ex::fail(e),
    };
    let near = match (start.value(), growth.value(), new.value(), ceiling.value()) {
        (Ok(s), Ok(g), Ok(n), Ok(c)) => months_to_near(s, g, n, c),
        (.., Err(e)) => Err(e),
        _ => Err(Undefined::WaitingForInputs),
    };
    out.set(
        "ceiling_month",
        match near {
            Ok(t) => Ex::num(Decimal::from(t), Unit::Count),
            Err(e) => Ex::fail(e),
        },
    );
    out.set("mrr_ceiling", ceiling).set("mrr_end", end);
    out
}

/// Why there is no month near the ceiling: MRR is already within 5 % of it.
pub const ALREADY_NEAR: Undefined = Undefined::Because(&Reason {
    id: "already-near",
    message: "MRR is already within 5 % of the level where it levels off.",
});

/// Why there is no month near the ceiling: it is 0 (no new MRR), which MRR only nears.
pub const SHRINKS_TO_ZERO: Undefined = Undefined::Because(&Reason {
    id: "shrinks-to-zero",
    message: "With no new MRR, MRR shrinks toward 0 month after month.",
});

/// Why there is no month near the ceiling: more than a century away.
pub const NOT_NEAR_IN_A_CENTURY: Undefined = Undefined::Because(&Reason {
    id: "not-near-in-a-century",
    message: "At these rates MRR takes more than 100 years to get within 5 % of that level.",
});

/// The first month whose MRR is within 5 % of the ceiling `c`, up to 1,200 months. With
/// MRR_t = MRR_{t−1} × g + new and c = new / (1 − g), the gap to the ceiling shrinks by g each
/// month: MRR_t − c = g^t (start − c). The gap is followed month by month (the wasm has no
/// logarithms for ⌈ln(0.05 c / |start − c|) / ln |g|⌉), never as MRR − c, whose two close
/// terms would cancel the gap's digits away. A month count, "around month 37", is all it
/// gives.
fn months_to_near(start: Decimal, g: Decimal, _new: Decimal, c: Decimal) -> Result<u32, Undefined> {
    if c.is_zero() {
        return Err(SHRINKS_TO_ZERO);
    }
    let tolerance = c
        .abs()
        .c_mul(Decimal::new(5, 2))
        .ok_or(Undefined::Overflow)?;
    let mut gap = start.c_sub(c).ok_or(Undefined::Overflow)?.abs();
    if gap <= tolerance {
        return Err(ALREADY_NEAR);
    }
    for t in 1..=1_200 {
        gap = gap.c_mul(g.abs()).ok_or(Undefined::Overflow)?;
        if gap <= tolerance {
            return Ok(t);
        }
    }
    Err(NOT_NEAR_IN_A_CENTURY)
}

/// One month of the projection, for the chart and the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Month {
    /// MRR at the month's end.
    pub mrr: Decimal,
    /// New MRR added.
    pub new: Decimal,
    /// Expansion of the previous month's MRR.
    pub expansion: Decimal,
    /// Contraction.
    pub contraction: Decimal,
    /// Churned MRR.
    pub churned: Decimal,
}

/// The months as the page draws them, from the inputs the evaluation read (`None` until
/// they are all there, or if a month's MRR outgrows a decimal).
pub fn series(e: &Evaluation) -> Option<Vec<Month>> {
    let field = |id: &str| e.field(id).and_then(|f| f.value);
    let or_zero = |id: &str| field(id).unwrap_or(Decimal::ZERO);
    let start = field("mrr_start")?;
    let months = u32::try_from(field("months")?.trunc().mantissa()).ok()?;
    let hundred = Decimal::ONE_HUNDRED;
    let (ep, cp, chp) = (
        or_zero("expansion_pct").c_div(hundred)?,
        or_zero("contraction_pct").c_div(hundred)?,
        or_zero("churn_pct").c_div(hundred)?,
    );
    let new = or_zero("new_mrr");
    let mut out = Vec::new();
    let mut previous = start;
    for _ in 0..months.min(60) {
        let expansion = previous.c_mul(ep)?;
        let contraction = previous.c_mul(cp)?;
        let churned = previous.c_mul(chp)?;
        let mrr = previous
            .c_add(expansion)?
            .c_sub(contraction)?
            .c_sub(churned)?
            .c_add(new)?;
        out.push(Month {
            mrr,
            new,
            expansion,
            contraction,
            churned,
        });
        previous = mrr;
    }
    Some(out)
}

/// The projection on its own: a part of the wasm of its own (`engine::late`), so a visit of the
/// other revenue calculators doesn't carry its chart. Listed with them on the home view.
pub const CALCULATORS: &[&Calculator] = &[&REVENUE_PROJECTION];

/// The projection, its chart, table and file, linked late.
pub static MODULE: crate::engine::late::Module = crate::engine::late::Module {
    calculators: CALCULATORS,
    draw: Some(crate::engine::late::Draw {
        page: super::projection_chart::draw,
        file: super::projection_chart::draw_file,
        table: super::projection_chart::table,
    }),
};
