//! What-if on any calculator, from its definition alone: goal seek ("what would churn have to
//! be for NRR to reach 100 %?") and sensitivity (which input moves the headline most). Both
//! run the calculator itself on changed figures, so they are exact wherever it is, and know
//! nothing of any formula.
//!
//! Goal seek samples the input's accepted range around today's value, keeps the places where
//! the result crosses the target, and bisects the one nearest today's value in exact decimals
//! until the answer holds to 10 significant digits; a round value that reaches the target
//! exactly (the inversion where the formula allows it) is preferred. Results that never reach
//! the target, flat or undefined stretches, and results that turn back (not monotone) get an
//! answer in words.

use crate::engine::dec::Checked;
use crate::engine::evaluate::{evaluate_cached, Evaluation, ListCache, ReadOptions};
use crate::engine::format::{self, Display};
use crate::engine::formula::Value;
use crate::engine::locale::DecimalMark;
use crate::engine::spec::{Calculator, InputSpec, Kind, ResultSpec, Role};
use crate::engine::state::Texts;
use rust_decimal::Decimal;

/// The inputs goal seek and sensitivity may move: numbers shown in `e`'s mode.
pub fn numeric_inputs<'c>(
    calc: &'c Calculator,
    e: &'c Evaluation,
) -> impl Iterator<Item = &'static InputSpec> + 'c {
    calc.inputs.iter().filter(move |i| {
        matches!(i.kind, Kind::Number { .. }) && Calculator::shown_in(i.modes, e.mode)
    })
}

/// The results goal seek may aim at: numbers shown in `e`'s mode.
pub fn numeric_results<'c>(
    calc: &'c Calculator,
    e: &'c Evaluation,
) -> impl Iterator<Item = &'static ResultSpec> + 'c {
    calc.results.iter().filter(move |r| {
        // A name (the segment that drags most) is no figure to reach.
        Calculator::shown_in(r.modes, e.mode)
            && r.role != Role::Verdict
            && r.unit != crate::engine::spec::Unit::Label
    })
}

/// A number as an input's text in `mark`'s format (no grouping).
pub fn input_text(value: Decimal, mark: DecimalMark) -> String {
    let plain = format::plain(value);
    match mark {
        DecimalMark::Dot => plain,
        DecimalMark::Comma => plain.replace('.', ","),
    }
}

/// The calculator run on `texts` with input `vary` set to `x`.
struct Probe<'a> {
    calc: &'a Calculator,
    texts: &'a Texts,
    options: ReadOptions,
    vary: &'static str,
    cache: ListCache,
    runs: usize,
}

impl<'a> Probe<'a> {
    fn new(
        calc: &'a Calculator,
        texts: &'a Texts,
        options: ReadOptions,
        vary: &'static str,
    ) -> Self {
        Probe {
            calc,
            texts,
            options,
            vary,
            cache: ListCache::default(),
            runs: 0,
        }
    }

    fn run(&mut self, x: Decimal) -> Evaluation {
        self.runs += 1;
        let text = input_text(x, self.options.mark);
        let vary = self.vary;
        let texts = self.texts;
        let raw = |id: &str| {
            if id == vary {
                Some(text.as_str())
            } else {
                texts.get(id).map(String::as_str)
            }
        };
        evaluate_cached(self.calc, &raw, self.options, &mut self.cache)
    }

    /// Result `id` at `x`, if it is a number there.
    fn value(&mut self, x: Decimal, id: &str) -> Option<Decimal> {
        match self.run(x).result(id)?.computed.value {
            Value::Number(v) => Some(v),
            _ => None,
        }
    }
}

/// What goal seek found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seek {
    /// The input's value that brings the result to the target.
    Found {
        /// The value: exact, or to 10 significant digits.
        value: Decimal,
        /// Whether the result reaches the target exactly there.
        exact: bool,
        /// Whether other values in the range reach it too (the result turns back).
        others: bool,
    },
    /// No value in the input's range reaches the target; why, in words.
    Unreachable(String),
    /// The request can't be answered as asked (an unknown id, a result that isn't a number);
    /// why, in words.
    Invalid(String),
}

/// What a goal seek asks: input `vary` for result `result` to reach `target`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeekRequest<'a> {
    /// The result to bring to the target.
    pub result: &'a str,
    /// The value it should reach.
    pub target: Decimal,
    /// The input to change.
    pub vary: &'a str,
}

/// The accepted range of a number input, as far as seeking goes (unbounded sides stop at
/// 10^15, beyond any customer-success figure).
fn range(spec: &InputSpec) -> Option<(Decimal, Decimal, bool)> {
    let far = Decimal::from(1_000_000_000_000_000_i64);
    match spec.kind {
        Kind::Number { min, max, whole } => Some((
            min.map(Decimal::from).unwrap_or(-far),
            max.map(Decimal::from).unwrap_or(far),
            whole,
        )),
        _ => None,
    }
}

/// Points to sample in `[lo, hi]`: both ends, today's value, steps of 5 % up to half of it
/// either way, a geometric spread of factors around it (8 decades each way, 3 points a
/// decade), and an even grid for a bounded range.
fn samples(lo: Decimal, hi: Decimal, today: Option<Decimal>, whole: bool) -> Vec<Decimal> {
    let mut points = vec![lo, hi, Decimal::ZERO];
    let centre = today.filter(|t| !t.is_zero()).unwrap_or(Decimal::ONE).abs();
    // 10^(1/3), to 6 digits: the spread only places samples, the bisection decides.
    let step = Decimal::new(2_154_435, 6);
    let (mut up, mut down) = (centre, centre);
    for _ in 0..24 {
        up = up.c_mul(step).unwrap_or(up);
        down = down.c_div(step).unwrap_or(down);
        points.extend([up, down]);
        if lo.is_sign_negative() {
            points.extend([-up, -down]);
        }
    }
    if let Some(t) = today {
        points.push(t);
        for k in 1..=10 {
            let offset = t
                .c_mul(Decimal::new(5 * k, 2))
                .unwrap_or(Decimal::ZERO)
                .abs();
            points.extend([t.c_add(offset), t.c_sub(offset)].into_iter().flatten());
        }
    }
    let span = hi.c_sub(lo).unwrap_or(Decimal::ZERO);
    if span <= Decimal::from(1_000_000) {
        for k in 1..20 {
            let at = span
                .c_mul(Decimal::from(k))
                .and_then(|v| v.c_div(Decimal::from(20)))
                .and_then(|v| lo.c_add(v));
            points.extend(at);
        }
    }
    let mut kept: Vec<Decimal> = points
        .into_iter()
        .filter(|p| *p >= lo && *p <= hi)
        .map(|p| {
            if whole {
                p.round()
            } else {
                p.round_sf(12).unwrap_or(p)
            }
        })
        .collect();
    sort(&mut kept);
    kept.dedup();
    kept
}

/// Where the result stops being defined between `a` (defined) and `b` (not), or the other
/// way: the last defined point found by halving (a count can't exceed the total, a churn
/// can't reach 100 %), so a target just inside that edge is found too.
fn edge(
    probe: &mut Probe<'_>,
    id: &str,
    mut inside: Decimal,
    mut outside: Decimal,
    whole: bool,
) -> Option<(Decimal, Decimal)> {
    let mut value = probe.value(inside, id)?;
    for _ in 0..40 {
        let mid = inside.c_add(outside)?.c_div(Decimal::TWO)?;
        let mid = if whole {
            mid.round()
        } else {
            mid.round_sf(14).unwrap_or(mid)
        };
        if mid == inside || mid == outside {
            break;
        }
        match probe.value(mid, id) {
            Some(v) => {
                inside = mid;
                value = v;
            }
            None => outside = mid,
        }
    }
    Some((inside, value))
}

/// Sorts samples by their input value (insertion, as [`sort`]).
fn sort_pairs(values: &mut [(Decimal, Decimal)]) {
    for i in 1..values.len() {
        let mut j = i;
        while j > 0 && values.get(j - 1).map(|p| p.0) > values.get(j).map(|p| p.0) {
            values.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts a few dozen decimals (insertion: no sort routine in the wasm).
fn sort(values: &mut [Decimal]) {
    for i in 1..values.len() {
        let mut j = i;
        while j > 0 && values.get(j - 1) > values.get(j) {
            values.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The number `texts` give input `spec`, if it is one.
fn today(
    calc: &Calculator,
    texts: &Texts,
    options: ReadOptions,
    spec: &InputSpec,
) -> Option<Decimal> {
    let e = evaluate_cached(
        calc,
        &|id: &str| texts.get(id).map(String::as_str),
        options,
        &mut ListCache::default(),
    );
    e.field(spec.id)?.value
}

/// Goal seek: what input `request.vary` would have to be for result `request.result` to
/// reach `request.target`, the other figures as in `texts`.
pub fn seek(
    calc: &Calculator,
    texts: &Texts,
    options: ReadOptions,
    request: SeekRequest<'_>,
) -> Seek {
    let Some(spec) = calc.input(request.vary) else {
        return Seek::Invalid(format!("This calculator has no input “{}”.", request.vary));
    };
    let Some(result) = calc.result(request.result) else {
        return Seek::Invalid(format!(
            "This calculator has no result “{}”.",
            request.result
        ));
    };
    let Some((lo, hi, whole)) = range(spec) else {
        return Seek::Invalid(format!("{} is not a number to vary.", spec.label));
    };
    let now = today(calc, texts, options, spec);
    let mut probe = Probe::new(calc, texts, options, spec.id);
    let target = request.target;
    let points = samples(lo, hi, now, whole);
    let values: Vec<(Decimal, Option<Decimal>)> = points
        .iter()
        .map(|x| (*x, probe.value(*x, result.id)))
        .collect();
    let mut defined: Vec<(Decimal, Decimal)> = values
        .iter()
        .filter_map(|(x, v)| v.map(|v| (*x, v)))
        .collect();
    // The edges of the defined stretch, found exactly enough to seek up to them.
    let mut edges = Vec::new();
    for pair in values.windows(2) {
        if let [(a, va), (b, vb)] = pair {
            match (va, vb) {
                (Some(_), None) => edges.extend(edge(&mut probe, result.id, *a, *b, whole)),
                (None, Some(_)) => edges.extend(edge(&mut probe, result.id, *b, *a, whole)),
                _ => {}
            }
        }
    }
    if !edges.is_empty() {
        defined.extend(edges);
        sort_pairs(&mut defined);
        defined.dedup_by(|x, y| x.0 == y.0);
    }
    if defined.is_empty() {
        return Seek::Unreachable(format!(
            "{} can't be worked out for any {} with the other figures as they are.",
            result.label,
            lowercase_first(spec.label)
        ));
    }
    // Where the result meets or crosses the target between neighbouring defined samples.
    let mut hits: Vec<(Decimal, Decimal)> = Vec::new();
    for pair in defined.windows(2) {
        if let [(a, fa), (b, fb)] = pair {
            let (da, db) = (fa.c_sub(target), fb.c_sub(target));
            let (Some(da), Some(db)) = (da, db) else {
                continue;
            };
            if da.is_zero() {
                hits.push((*a, *a));
            } else if (da.is_sign_negative() && db.is_sign_positive() && !db.is_zero())
                || (da.is_sign_positive() && db.is_sign_negative())
            {
                hits.push((*a, *b));
            }
        }
    }
    if let Some((x, fx)) = defined.last() {
        if *fx == target && hits.last().is_none_or(|h| h.1 != *x) {
            hits.push((*x, *x));
        }
    }
    let Some(&(a, b)) = hits.iter().min_by_key(|(a, _)| {
        let reference = now.unwrap_or(Decimal::ZERO);
        a.c_sub(reference).map(|d| d.abs()).unwrap_or(Decimal::MAX)
    }) else {
        return unreachable(&defined, result, spec, target, options);
    };
    let others = hits.len() > 1;
    let value = if a == b {
        a
    } else {
        bisect(&mut probe, result.id, target, a, b, whole)
    };
    // A round value that reaches the target exactly: the inversion, when the formula allows.
    for digits in 1..=12 {
        let Some(round) = value.round_sf(digits) else {
            continue;
        };
        let round = if whole { round.round() } else { round };
        if round >= lo && round <= hi && probe.value(round, result.id) == Some(target) {
            return Seek::Found {
                value: round.normalize(),
                exact: true,
                others,
            };
        }
    }
    let reached = probe.value(value, result.id);
    // A result that jumps over the target (a count of answers needed is a whole number)
    // never equals it: the bisection found the jump, not an answer.
    let close = reached.and_then(|r| r.c_sub(target)).is_some_and(|d| {
        let scale = target.abs().max(Decimal::new(1, 6));
        d.abs()
            .c_div(scale)
            .is_some_and(|q| q < Decimal::new(1, 10))
    });
    if !whole && !close {
        let display = Display {
            mark: options.mark,
            ..Display::default()
        };
        let at = format::card(value, spec.unit, display);
        let show = |v: Option<Decimal>| {
            v.map(|v| format::card(v, result.unit, display))
                .unwrap_or_default()
        };
        return Seek::Unreachable(format!(
            "{} jumps past {} when the {} is about {at} (from {} to {}): no value gives exactly {}.",
            result.label,
            show(Some(target)),
            lowercase_first(spec.label),
            show(probe.value(a.min(value), result.id)),
            show(probe.value(b.max(value), result.id)),
            show(Some(target)),
        ));
    }
    Seek::Found {
        value: if whole {
            value
        } else {
            value.round_sf(10).unwrap_or(value)
        }
        .normalize(),
        exact: reached == Some(target),
        others,
    }
}

/// Halves `[a, b]` (the result on either side of `target` at its ends) until it is 10
/// significant digits narrow (whole inputs: the first whole number that reaches it).
fn bisect(
    probe: &mut Probe<'_>,
    id: &str,
    target: Decimal,
    mut a: Decimal,
    mut b: Decimal,
    whole: bool,
) -> Decimal {
    let side = |v: Option<Decimal>| {
        v.and_then(|v| v.c_sub(target))
            .map(|d| d.is_sign_negative())
    };
    let below_at_a = side(probe.value(a, id));
    let two = Decimal::TWO;
    for _ in 0..120 {
        let width = b.c_sub(a).unwrap_or(Decimal::ZERO);
        if whole && width <= Decimal::ONE {
            return b;
        }
        let scale = a.abs().max(b.abs());
        let tight = scale.c_mul(Decimal::new(1, 11)).unwrap_or(Decimal::ZERO);
        if !whole && (width <= tight || width <= Decimal::new(1, 20)) {
            break;
        }
        let mid = a.c_add(b).and_then(|s| s.c_div(two)).unwrap_or(a);
        // Typed figures hold at most 15 significant digits: 14 keep the midpoint readable.
        let mid = if whole {
            mid.floor()
        } else {
            mid.round_sf(14).unwrap_or(mid)
        };
        if mid == a || mid == b {
            break;
        }
        let at_mid = probe.value(mid, id);
        match (side(at_mid), below_at_a) {
            (Some(s), Some(sa)) if s == sa => a = mid,
            (Some(_), Some(_)) => b = mid,
            // Undefined inside the bracket: keep the defined side that still brackets.
            _ => a = mid,
        }
        if at_mid == Some(target) {
            return mid;
        }
    }
    a.c_add(b).and_then(|s| s.c_div(two)).unwrap_or(a)
}

/// The sentence for a target no sampled value reaches.
fn unreachable(
    defined: &[(Decimal, Decimal)],
    result: &ResultSpec,
    spec: &InputSpec,
    target: Decimal,
    options: ReadOptions,
) -> Seek {
    let display = Display {
        mark: options.mark,
        ..Display::default()
    };
    let values = defined.iter().map(|(_, v)| *v);
    let low = values.clone().fold(Decimal::MAX, Decimal::min);
    let high = values.fold(Decimal::MIN, Decimal::max);
    let show = |v: Decimal| format::card(v, result.unit, display);
    let input = lowercase_first(spec.label);
    let text = if low == high {
        format!(
            "{} stays at {} whatever the {}: changing it can't bring it to {}.",
            result.label,
            show(low),
            input,
            show(target)
        )
    } else if target > high {
        format!(
            "{} can never exceed {} by changing the {} alone (it ranges from {} to {}); it can't reach {}.",
            result.label,
            show(high),
            input,
            show(low),
            show(high),
            show(target)
        )
    } else {
        format!(
            "{} never falls below {} by changing the {} alone (it ranges from {} to {}); it can't reach {}.",
            result.label,
            show(low),
            input,
            show(low),
            show(high),
            show(target)
        )
    };
    Seek::Unreachable(text)
}

fn lowercase_first(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        // Acronyms (NPS, CAC, MRR) keep their capitals.
        Some(c) if !chars.clone().next().is_some_and(|n| n.is_ascii_uppercase()) => {
            c.to_ascii_lowercase().to_string() + chars.as_str()
        }
        _ => label.to_owned(),
    }
}

/// One input's effect on the headline when it moves by the step either way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sensitivity {
    /// The input.
    pub input: &'static InputSpec,
    /// The headline with the input `step` % lower (`None`: undefined there).
    pub low: Option<Decimal>,
    /// The headline with the input `step` % higher.
    pub high: Option<Decimal>,
    /// How far apart they are (the bar's length; 0 when either is undefined).
    pub effect: Decimal,
}

/// The headline's sensitivity: today's value and each input's effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tornado {
    /// The headline result.
    pub headline: &'static ResultSpec,
    /// Its value with today's figures.
    pub base: Decimal,
    /// One row per input, largest effect first.
    pub rows: Vec<Sensitivity>,
}

/// The headline result's sensitivity to each numeric input moved `step_pct` % down and up,
/// largest effect first (`None` while the headline has no value). Inputs at 0 (a percentage
/// of nothing moves nothing) are left out.
pub fn sensitivity(
    calc: &Calculator,
    texts: &Texts,
    options: ReadOptions,
    step_pct: u32,
) -> Option<Tornado> {
    let mut cache = ListCache::default();
    let e = evaluate_cached(
        calc,
        &|id: &str| texts.get(id).map(String::as_str),
        options,
        &mut cache,
    );
    let headline = calc.headline(e.mode)?;
    let base = match e.result(headline.id)?.computed.value {
        Value::Number(v) => v,
        _ => return None,
    };
    let step = Decimal::new(i64::from(step_pct), 2);
    let mut rows = Vec::new();
    for spec in numeric_inputs(calc, &e) {
        let Some(x) = e
            .field(spec.id)
            .and_then(|f| f.value)
            .filter(|x| !x.is_zero())
        else {
            continue;
        };
        let Some((lo, hi, whole)) = range(spec) else {
            continue;
        };
        let moved = |factor: Decimal| {
            let v = x.c_mul(factor)?;
            let v = if whole { v.round() } else { v };
            Some(v.max(lo).min(hi))
        };
        let mut probe = Probe::new(calc, texts, options, spec.id);
        let low = moved(Decimal::ONE - step).and_then(|v| probe.value(v, headline.id));
        let high = moved(Decimal::ONE + step).and_then(|v| probe.value(v, headline.id));
        let effect = match (low, high) {
            (Some(l), Some(h)) => h.c_sub(l).map(|d| d.abs()).unwrap_or(Decimal::ZERO),
            _ => Decimal::ZERO,
        };
        rows.push(Sensitivity {
            input: spec,
            low,
            high,
            effect,
        });
    }
    // Largest first (insertion: a handful of rows, no sort routine in the wasm).
    for i in 1..rows.len() {
        let mut j = i;
        while j > 0 && rows.get(j - 1).map(|r| r.effect) < rows.get(j).map(|r| r.effect) {
            rows.swap(j - 1, j);
            j -= 1;
        }
    }
    Some(Tornado {
        headline,
        base,
        rows,
    })
}

#[cfg(test)]
mod tests;
