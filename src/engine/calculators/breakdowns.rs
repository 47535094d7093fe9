//! Breakdowns (METRICS.md, "Breakdowns"): a survey export's NPS per wave (`nps-trend`) and per
//! segment (`nps-segments`), typed as lines or imported from a CSV. Each move between waves
//! and each segment against the rest of the answers is `nps-compare`'s Wald test; the chance
//! that the latest wave is really higher is `engine::chance`. The rows of the table and chart
//! are worked out here too (`waves`, `segments`), for the page (`breakdowns_chart`) and the
//! CSV.

use super::builders::{choice, groups, result};
use super::compare::{self, compare_surveys, Survey, Verdicts, CONFIDENCE};
use crate::engine::error::{Reason, Undefined};
use crate::engine::evaluate::Evaluation;
use crate::engine::formula::{Computed, Ex, Inputs, Outcome};
use crate::engine::groups::Group;
use crate::engine::late::{Draw, Module};
use crate::engine::spec::{Calculator, Category, Chart, ResultSpec, Role, Tone, Unit, Verdict};
use rust_decimal::Decimal;
use std::cell::RefCell;

/// Fewer answers than this and a group's NPS can be anywhere within ±20 points or more: the
/// table marks it, and the results count such groups.
pub const FEW_ANSWERS: u64 = 30;

/// Why a move is undefined: one wave only.
pub const ONE_WAVE: Undefined = Undefined::Because(&Reason {
    id: "one-wave",
    message: "One wave only: add the wave before it to see a move.",
});

/// Why a segment's comparison is undefined: it is the only one.
pub const ONE_SEGMENT: Undefined = Undefined::Because(&Reason {
    id: "one-segment",
    message: "One segment only: add the others to see which pulls the score down.",
});

/// Why a wave or segment has no NPS: no answers.
pub const NO_ANSWERS: Undefined = Undefined::Because(&Reason {
    id: "no-answers",
    message: "No answers in this group.",
});

/// Why no segment drags the score: every one scores at least as well as the rest.
pub const NONE_DRAGS: Undefined = Undefined::Because(&Reason {
    id: "none-drags",
    message: "No segment scores below the rest of the answers: none pulls NPS down.",
});

const TREND_RISE: Verdict = Verdict {
    id: "significant-rise",
    label: "A real rise",
    sentence: "The latest wave is up {latest_change_size} on the one before, more than chance \
               would easily give: a {latest_chance_higher_pct} chance that its NPS is really \
               higher.",
    tone: Tone::Good,
};

const TREND_FALL: Verdict = Verdict {
    id: "significant-fall",
    label: "A real fall",
    sentence: "The latest wave is down {latest_change_size} on the one before, more than chance \
               would easily give: only a {latest_chance_higher_pct} chance that its NPS is \
               really higher.",
    tone: Tone::Bad,
};

const TREND_NONE: Verdict = Verdict {
    id: "no-clear-change",
    label: "No clear change",
    sentence: "The latest move, {latest_change_size}, could easily be noise with these numbers \
               of answers: a {latest_chance_higher_pct} chance that the latest wave's NPS is \
               really higher.",
    tone: Tone::Warn,
};

static TREND_VERDICTS: Verdicts = Verdicts {
    rise: &TREND_RISE,
    fall: &TREND_FALL,
    none: &TREND_NONE,
};

const GAP_ABOVE: Verdict = Verdict {
    id: "significant-rise",
    label: "Really above the rest",
    sentence: "This segment's NPS is above the rest of the answers by more than chance would \
               easily give.",
    tone: Tone::Good,
};

const GAP_BELOW: Verdict = Verdict {
    id: "significant-fall",
    label: "Really below the rest",
    sentence: "This segment's NPS is below the rest of the answers by more than chance would \
               easily give.",
    tone: Tone::Bad,
};

const GAP_NONE: Verdict = Verdict {
    id: "no-clear-change",
    label: "No clear gap",
    sentence: "This segment's gap to the rest could easily be noise with these numbers of \
               answers.",
    tone: Tone::Warn,
};

static GAP_VERDICTS: Verdicts = Verdicts {
    rise: &GAP_ABOVE,
    fall: &GAP_BELOW,
    none: &GAP_NONE,
};

/// NPS over survey waves: the moves, which are real, and the chance the latest is higher.
pub const NPS_TREND: Calculator = Calculator {
    id: "nps-trend",
    name: "NPS over time",
    category: Category::Compare,
    summary: "NPS wave by wave: which moves were real, and the chance the latest is really higher.",
    synonyms: &[
        "trend",
        "waves",
        "quarterly nps",
        "over time",
        "nps history",
        "tracking",
        "month by month",
    ],
    inputs: &[
        groups("waves", "Survey waves")
            .hint("One wave per line, oldest first: its name, promoters, passives, detractors (Q1 2026, 120, 45, 30). Whole counts without thousands separators; \",\", \";\" or a tab between."),
        choice("confidence", "Confidence", CONFIDENCE)
            .hint("How sure a \"real move\" must be: 95 % is usual.")
            .default("95"),
    ],
    results: &[
        result("latest_change", "Latest move, on the wave before", Unit::Change)
            .headline()
            .higher_better(),
        result("latest_change_ci_low", "{confidence} interval, low", Unit::Change)
            .as_role(Role::IntervalLow),
        result("latest_change_ci_high", "{confidence} interval, high", Unit::Change)
            .as_role(Role::IntervalHigh),
        result("latest_verdict", "Verdict", Unit::Plain).as_role(Role::Verdict),
        result(
            "latest_chance_higher_pct",
            "Chance the latest wave's NPS is really higher",
            Unit::Chance,
        )
        .phrased("{} chance that the latest wave's NPS is higher than the one before"),
        result("latest_nps", "NPS, latest wave", Unit::Nps).higher_better(),
        result("first_nps", "NPS, first wave", Unit::Nps),
        result("wave_count", "Waves", Unit::Count),
        result("real_moves", "Real moves between waves", Unit::Count),
        result("small_waves", "Waves with fewer than 30 answers", Unit::Count),
        result("latest_change_size", "Size of the latest move", Unit::Points)
            .as_role(Role::Sentence),
    ],
    relations: &[],
    compute: nps_trend,
    sources: &["000", "stats"],
    chart: Some(Chart::Trend {
        title: "NPS wave by wave",
    }),
    example: "waves=Q1%202026,120,45,30%0AQ2%202026,150,40,40%0AQ3%202026,180,50,25%0AQ4%202026,170,55,30",
    take_away: Some("NPS moved {latest_change} in the latest wave, to {latest_nps} ({confidence} interval of the move {latest_change_ci_low} to {latest_change_ci_high}; {latest_chance_higher_pct} chance it is really higher)"),
    next: None,
    compare: None,
};

/// NPS per segment: which one drags the score, and by how much.
pub const NPS_SEGMENTS: Calculator = Calculator {
    id: "nps-segments",
    name: "NPS by segment",
    category: Category::Compare,
    summary: "NPS per plan, region or any group: which one pulls the score down, and by how much.",
    synonyms: &[
        "segments",
        "breakdown",
        "by plan",
        "by region",
        "drivers",
        "drag",
        "cohort",
    ],
    inputs: &[
        groups("segments", "Segments")
            .hint("One segment per line: its name, promoters, passives, detractors (Enterprise, 80, 30, 10). Whole counts without thousands separators; \",\", \";\" or a tab between."),
        choice("confidence", "Confidence", CONFIDENCE)
            .hint("How sure a \"real gap\" must be: 95 % is usual.")
            .default("95"),
    ],
    results: &[
        result(
            "largest_drag_pts",
            "{largest_drag_segment} pulls NPS down by",
            Unit::Points,
        )
        .headline()
        .lower_better(),
        result(
            "largest_drag_segment",
            "The segment that drags the score most",
            Unit::Label,
        ),
        result("overall_nps", "NPS, all answers", Unit::Nps).higher_better(),
        result("segment_count", "Segments", Unit::Count),
        result("real_gaps", "Segments really apart from the rest", Unit::Count),
        result("small_segments", "Segments with fewer than 30 answers", Unit::Count),
    ],
    relations: &[],
    compute: nps_segments,
    sources: &["000", "stats"],
    chart: Some(Chart::Segments {
        title: "NPS per segment, with its interval",
    }),
    example: "segments=Enterprise,80,30,10%0APro,150,60,40%0AStarter,90,60,110",
    take_away: Some("{largest_drag_segment} pulls NPS down by {largest_drag_pts} (NPS of all answers {overall_nps})"),
    next: None,
    compare: None,
};

/// One wave of the trend, worked out.
#[derive(Debug)]
pub struct WaveRow<'a> {
    /// The wave.
    pub group: &'a Group,
    /// Its NPS and interval.
    pub nps: Ex,
    /// The interval's ends.
    pub low: Ex,
    /// The high end.
    pub high: Ex,
    /// The move from the wave before (`None` for the first).
    pub step: Option<Step>,
}

/// A move between two waves, or a segment against the rest.
#[derive(Clone, Debug)]
pub struct Step {
    /// B − A, points.
    pub change: Ex,
    /// Its interval.
    pub low: Ex,
    /// The high end.
    pub high: Ex,
    /// The verdict, or why there is none.
    pub verdict: Result<&'static Verdict, Undefined>,
    /// The chance B is really higher (percent), for a wave's move; `None` for a segment's gap
    /// to the rest, which the table doesn't show (each would lay out two clouds of 9,216
    /// points on every keystroke, the rest changing with any segment).
    pub chance: Option<Ex>,
}

fn survey(g: &Group) -> Survey {
    Survey::counts(g.promoters, g.passives, g.detractors)
}

/// A group's own NPS and interval at `z`.
fn own(g: &Group, z: &Ex) -> (Ex, Ex, Ex) {
    if g.responses() == 0 {
        return (
            Ex::fail(NO_ANSWERS),
            Ex::fail(NO_ANSWERS),
            Ex::fail(NO_ANSWERS),
        );
    }
    let e = survey(g).estimate(false, NO_ANSWERS);
    let (low, high) = compare::interval(&e.centre, &e.half_width(z, NO_ANSWERS), 100);
    (e.nps, low, high)
}

/// What a [`Step`] depends on: both groups' counts, z, α, the verdicts (by address: they are
/// statics) and whether it has its chance.
type StepKey = ((u64, u64, u64), (u64, u64, u64), Ex, Decimal, usize, bool);

/// Steps kept for reuse: the formula and the page's table and chart work out the same moves,
/// and a keystroke in a 20-wave table changes two of its 19 (each an exact Wald test).
const KEPT_STEPS: usize = 128;

thread_local! {
    /// Steps already worked out, the newest last.
    static STEPS: RefCell<Vec<(StepKey, Step)>> = const { RefCell::new(Vec::new()) };
}

fn counts(g: &Group) -> (u64, u64, u64) {
    (g.promoters, g.passives, g.detractors)
}

/// B against A: the Wald move and the chance B is really higher. A pure function of
/// [`StepKey`], so one worked out before is reused as it is.
fn step(
    a: &Group,
    b: &Group,
    z: &Ex,
    alpha: Decimal,
    verdicts: &'static Verdicts,
    with_chance: bool,
) -> Step {
    let key: StepKey = (
        counts(a),
        counts(b),
        z.clone(),
        alpha,
        std::ptr::from_ref(verdicts) as usize,
        with_chance,
    );
    let kept = STEPS.with(|k| {
        k.try_borrow()
            .ok()
            .and_then(|k| k.iter().find(|(at, _)| *at == key).map(|e| e.1.clone()))
    });
    if let Some(s) = kept {
        return s;
    }
    let made = step_afresh(a, b, z, alpha, verdicts, with_chance);
    STEPS.with(|k| {
        if let Ok(mut k) = k.try_borrow_mut() {
            if k.len() >= KEPT_STEPS {
                k.remove(0);
            }
            k.push((key, made.clone()));
        }
    });
    made
}

fn step_afresh(
    a: &Group,
    b: &Group,
    z: &Ex,
    alpha: Decimal,
    verdicts: &Verdicts,
    with_chance: bool,
) -> Step {
    let (sa, sb) = (survey(a), survey(b));
    let c = compare_surveys(&sa, &sb, false, z, alpha, verdicts);
    let none = |ex: Ex| {
        if a.responses() == 0 || b.responses() == 0 {
            Ex::fail(NO_ANSWERS)
        } else {
            ex
        }
    };
    Step {
        change: none(c.change),
        low: none(c.low),
        high: none(c.high),
        verdict: if a.responses() == 0 || b.responses() == 0 {
            Err(NO_ANSWERS)
        } else {
            c.decided
        },
        chance: with_chance.then(|| compare::chance_higher(&sa, &sb)),
    }
}

/// Every wave with its NPS, interval and move from the one before.
pub fn waves<'a>(groups: &'a [Group], z: &Ex, alpha: Decimal) -> Vec<WaveRow<'a>> {
    let mut rows: Vec<WaveRow> = Vec::with_capacity(groups.len());
    let mut before: Option<&Group> = None;
    for g in groups {
        let (nps, low, high) = own(g, z);
        rows.push(WaveRow {
            group: g,
            nps,
            low,
            high,
            step: before.map(|b| step(b, g, z, alpha, &TREND_VERDICTS, true)),
        });
        before = Some(g);
    }
    rows
}

fn nps_trend(i: &Inputs) -> Outcome {
    let groups = i.groups("waves");
    let z = compare::z(i);
    let rows = waves(groups, &z, compare::alpha(i));
    let mut out = Outcome::new();
    let count = |n: usize| Ex::num(Decimal::from(n), Unit::Count);
    out.set("wave_count", count(rows.len()))
        .set(
            "real_moves",
            count(
                rows.iter()
                    .filter_map(|r| r.step.as_ref())
                    .filter(|s| s.verdict.is_ok_and(|v| v.id != "no-clear-change"))
                    .count(),
            ),
        )
        .set(
            "small_waves",
            count(
                groups
                    .iter()
                    .filter(|g| g.responses() < FEW_ANSWERS)
                    .count(),
            ),
        );
    let wait = || Ex::fail(Undefined::WaitingForInputs);
    out.set(
        "first_nps",
        rows.first().map_or_else(wait, |r| r.nps.clone()),
    );
    let Some(last) = rows.last() else {
        for id in [
            "latest_nps",
            "latest_change",
            "latest_change_ci_low",
            "latest_change_ci_high",
            "latest_chance_higher_pct",
            "latest_change_size",
        ] {
            out.set(id, wait());
        }
        out.verdict("latest_verdict", Err(Undefined::WaitingForInputs));
        return out;
    };
    out.set("latest_nps", last.nps.clone());
    match &last.step {
        Some(s) => {
            out.set("latest_change_size", s.change.clone().abs())
                .set("latest_change", s.change.clone())
                .set("latest_change_ci_low", s.low.clone())
                .set("latest_change_ci_high", s.high.clone())
                .set(
                    "latest_chance_higher_pct",
                    // A wave's move always has its chance.
                    s.chance.clone().unwrap_or_else(|| Ex::fail(ONE_WAVE)),
                );
            out.verdict("latest_verdict", s.verdict);
        }
        None => {
            for id in [
                "latest_change",
                "latest_change_ci_low",
                "latest_change_ci_high",
                "latest_chance_higher_pct",
                "latest_change_size",
            ] {
                out.set(id, Ex::fail(ONE_WAVE));
            }
            out.verdict("latest_verdict", Err(ONE_WAVE));
        }
    }
    out
}

/// One segment, worked out.
#[derive(Debug)]
pub struct SegmentRow<'a> {
    /// Its place in the order given (1-based).
    pub at: usize,
    /// The segment.
    pub group: &'a Group,
    /// Its NPS.
    pub nps: Ex,
    /// Its interval's ends.
    pub low: Ex,
    /// The high end.
    pub high: Ex,
    /// Against the rest of the answers: the gap (this − rest), its verdict.
    pub gap: Step,
    /// (NPS_rest − NPS_segment) × n_segment / N: the points the overall NPS would gain if this
    /// segment scored like the rest (negative when it lifts the score).
    pub drag: Ex,
}

/// The rest of the answers: every group but `at`.
fn rest(groups: &[Group], at: usize) -> Group {
    let mut rest = Group {
        label: String::new(),
        promoters: 0,
        passives: 0,
        detractors: 0,
    };
    for (_, g) in groups.iter().enumerate().filter(|(i, _)| *i != at) {
        rest.promoters = rest.promoters.saturating_add(g.promoters);
        rest.passives = rest.passives.saturating_add(g.passives);
        rest.detractors = rest.detractors.saturating_add(g.detractors);
    }
    rest
}

/// Every segment with its NPS, its gap to the rest and its drag, in the order given.
pub fn segments<'a>(groups: &'a [Group], z: &Ex, alpha: Decimal) -> Vec<SegmentRow<'a>> {
    let total: u64 = groups.iter().map(Group::responses).sum();
    groups
        .iter()
        .enumerate()
        .map(|(at, g)| {
            let (nps, low, high) = own(g, z);
            let others = rest(groups, at);
            let gap = if groups.len() < 2 {
                Step {
                    change: Ex::fail(ONE_SEGMENT),
                    low: Ex::fail(ONE_SEGMENT),
                    high: Ex::fail(ONE_SEGMENT),
                    verdict: Err(ONE_SEGMENT),
                    chance: None,
                }
            } else {
                step(&others, g, z, alpha, &GAP_VERDICTS, false)
            };
            let drag = drag(g, &others, total, &gap);
            SegmentRow {
                at: at + 1,
                group: g,
                nps,
                low,
                high,
                gap,
                drag,
            }
        })
        .collect()
}

/// A segment's drag: −gap × n_s / N, valued in one division as
/// 100 (n_s (P_r − D_r) − n_r (P_s − D_s)) / (n_r N).
fn drag(g: &Group, rest: &Group, total: u64, gap: &Step) -> Ex {
    if g.responses() == 0 {
        return Ex::num(Decimal::ZERO, Unit::Points);
    }
    let n = |v: u64, name| Ex::named(Decimal::from(v), Unit::Count, name);
    let (n_s, n_r, all) = (
        n(g.responses(), "answers in the segment"),
        n(rest.responses(), "answers in the rest"),
        n(total, "all answers"),
    );
    let exact = ((&n_s
        * (n(rest.promoters, "promoters in the rest")
            - n(rest.detractors, "detractors in the rest"))
        - &n_r * (n(g.promoters, "promoters") - n(g.detractors, "detractors")))
        * 100)
        .per(&n_r * &all, ONE_SEGMENT);
    ((Ex::int(0) - &gap.change) * &n_s / &all).valued_by(&exact)
}

fn nps_segments(i: &Inputs) -> Outcome {
    let groups = i.groups("segments");
    let z = compare::z(i);
    let rows = segments(groups, &z, compare::alpha(i));
    let mut out = Outcome::new();
    let count = |n: usize| Ex::num(Decimal::from(n), Unit::Count);
    let all = Group {
        label: String::new(),
        promoters: groups.iter().map(|g| g.promoters).sum(),
        passives: groups.iter().map(|g| g.passives).sum(),
        detractors: groups.iter().map(|g| g.detractors).sum(),
    };
    out.set("segment_count", count(rows.len()))
        .set("overall_nps", own(&all, &z).0)
        .set(
            "real_gaps",
            count(
                rows.iter()
                    .filter(|r| r.gap.verdict.is_ok_and(|v| v.id != "no-clear-change"))
                    .count(),
            ),
        )
        .set(
            "small_segments",
            count(
                groups
                    .iter()
                    .filter(|g| g.responses() < FEW_ANSWERS)
                    .count(),
            ),
        );
    // The segment that drags most: the largest positive drag whose value is known (the first
    // given wins a tie).
    let largest = rows
        .iter()
        .filter_map(|r| Some((r, r.drag.value().ok()?)))
        .fold(None::<(&SegmentRow, Decimal)>, |best, (r, d)| match best {
            Some((_, b)) if b >= d => best,
            _ => Some((r, d)),
        });
    match largest {
        _ if rows.len() < 2 => {
            out.set("largest_drag_pts", Ex::fail(ONE_SEGMENT));
            out.label("largest_drag_segment", Err(ONE_SEGMENT));
        }
        Some((r, d)) if d > Decimal::ZERO => {
            out.set("largest_drag_pts", r.drag.clone());
            out.label("largest_drag_segment", Ok((r.at, &r.group.label)));
        }
        _ => {
            out.set("largest_drag_pts", Ex::fail(NONE_DRAGS));
            out.label("largest_drag_segment", Err(NONE_DRAGS));
        }
    }
    out
}

/// The table's columns as results, so every cell is shown and exported with the rules of a
/// result (its unit, its digits, its sign).
pub mod columns {
    use super::result;
    use crate::engine::spec::{ResultSpec, Unit};

    /// A group's label.
    pub const LABEL: ResultSpec = result("label", "Name", Unit::Label);
    /// Its NPS.
    pub const NPS: ResultSpec = result("nps", "NPS", Unit::Nps);
    /// Its answers.
    pub const RESPONSES: ResultSpec = result("responses", "Answers", Unit::Count);
    /// Its interval's low end.
    pub const LOW: ResultSpec = result("ci_low", "Interval, low", Unit::Nps);
    /// Its interval's high end.
    pub const HIGH: ResultSpec = result("ci_high", "Interval, high", Unit::Nps);
    /// A move or a gap, in points.
    pub const CHANGE: ResultSpec = result("change", "Change", Unit::Change);
    /// A verdict.
    pub const VERDICT: ResultSpec = result("verdict", "Verdict", Unit::Plain);
    /// The chance B is higher.
    pub const CHANCE: ResultSpec = result("chance", "Chance higher", Unit::Chance);
    /// A drag, in points.
    pub const DRAG: ResultSpec = result("drag", "Drag", Unit::Change);
}

/// A cell's value as a result's (`Computed`), for formatting with a column's rules.
pub fn cell(ex: &Ex) -> Computed {
    Computed::of(ex.clone())
}

/// Whether a column holds a number this group can be shown with.
pub fn column_spec(id: &str) -> Option<&'static ResultSpec> {
    use columns::*;
    [
        &LABEL, &NPS, &RESPONSES, &LOW, &HIGH, &CHANGE, &VERDICT, &CHANCE, &DRAG,
    ]
    .into_iter()
    .find(|c| c.id == id)
}

/// The groups an evaluation read (the breakdowns' page and CSV draw from them).
pub fn groups_of<'e>(e: &'e Evaluation, id: &str) -> &'e [Group] {
    e.field(id)
        .and_then(|f| f.groups.as_deref())
        .map_or(&[], |g| g.as_slice())
}

/// The calculators of this part, in home-view order (listed with "Compare and plan").
pub const CALCULATORS: &[&Calculator] = &[&NPS_TREND, &NPS_SEGMENTS];

/// The breakdowns' definitions, charts and tables, linked late (see `engine::late`).
pub static MODULE: Module = Module {
    calculators: CALCULATORS,
    draw: Some(Draw {
        page: super::breakdowns_chart::draw,
        file: super::breakdowns_chart::draw_file,
        table: super::breakdowns_chart::table,
    }),
};
