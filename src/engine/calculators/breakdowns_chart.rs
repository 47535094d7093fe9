//! The breakdowns' charts, tables and files (their part's own chart, see `engine::late`):
//! `nps-trend`'s line of NPS wave by wave with its interval as a band and each real move
//! marked, `nps-segments`' dot and interval per segment against the NPS of all answers; each
//! with a table of its rows (`data-wave`, `data-segment`) and a CSV table. Labels are the
//! user's text: escaped everywhere.

use super::breakdowns::{self, columns, groups_of, segments, waves, SegmentRow, Step, WaveRow};
use crate::engine::charts::{escape, EXPORT_TEXT};
use crate::engine::evaluate::Evaluation;
use crate::engine::format::{self, Display};
use crate::engine::formula::{Computed, Ex, Value};
use crate::engine::late::{Cell, Table};
use crate::engine::report;
use crate::engine::spec::{Chart, ResultSpec, Unit};
use crate::engine::types::Verdict;
use rust_decimal::Decimal;

const LINE: &str = "#3d7fe0";
const RISE: &str = "#2b8a4e";
const FALL: &str = "#c8453c";
const GRID: &str = "#8e98a680";

/// z and α from the evaluation's confidence (95 % when none is chosen).
fn levels(e: &Evaluation) -> (Ex, Decimal) {
    let level = e.mode.of("confidence").unwrap_or("95");
    let z = crate::engine::stats::z_confidence(level).unwrap_or(Decimal::new(196, 2));
    let alpha = match level {
        "90" => Decimal::new(1, 1),
        "99" => Decimal::new(1, 2),
        _ => Decimal::new(5, 2),
    };
    (Ex::named(z, Unit::Plain, "z"), alpha)
}

/// A known value, once it is sure to the unit's digits.
fn known(ex: &Ex) -> Option<Decimal> {
    ex.value().ok()
}

/// The page markup: the chart, its text, the table and a note on small groups.
pub fn draw(chart: &Chart, e: &Evaluation, display: Display) -> String {
    let (z, alpha) = levels(e);
    match chart {
        Chart::Trend { title } => {
            let groups = groups_of(e, "waves");
            let rows = waves(groups, &z, alpha);
            if rows.is_empty() {
                return String::new();
            }
            format!(
                r#"<figcaption>{}</figcaption>{}{}{}"#,
                escape(title),
                trend_svg(&rows, "currentColor"),
                wave_table(&rows, display),
                few_note(rows.iter().map(|r| r.group), "waves")
            )
        }
        Chart::Segments { title } => {
            let groups = groups_of(e, "segments");
            let rows = segments(groups, &z, alpha);
            if rows.is_empty() {
                return String::new();
            }
            let overall = overall(e);
            format!(
                r#"<figcaption>{}</figcaption>{}{}{}"#,
                escape(title),
                segments_svg(&rows, overall, "currentColor"),
                segment_table(&rows, display),
                few_note(rows.iter().map(|r| r.group), "segments")
            )
        }
        _ => String::new(),
    }
}

/// The downloadable file: the chart in the export colours.
pub fn draw_file(chart: &Chart, e: &Evaluation, _: Display) -> Option<String> {
    let (z, alpha) = levels(e);
    let (title, body, height) = match chart {
        Chart::Trend { title } => {
            let rows = waves(groups_of(e, "waves"), &z, alpha);
            let svg = trend_svg(&rows, EXPORT_TEXT);
            (title, svg, 280)
        }
        Chart::Segments { title } => {
            let rows = segments(groups_of(e, "segments"), &z, alpha);
            let height = 60 + 44 * rows.len() as u32;
            (title, segments_svg(&rows, overall(e), EXPORT_TEXT), height)
        }
        _ => return None,
    };
    // The page's SVG, placed under the title of a file 640 wide.
    let inner = body.replacen("<svg ", r#"<svg x="20" y="48" width="600" "#, 1);
    Some(crate::engine::charts::document_sized(
        title, &inner, 640, height,
    ))
}

/// The NPS of all answers (the segments chart's reference line).
fn overall(e: &Evaluation) -> Option<Decimal> {
    match e.result("overall_nps")?.computed.value {
        Value::Number(v) => Some(v),
        _ => None,
    }
}

/// The CSV's table: a row per wave or segment, in the order given.
pub fn table(chart: &Chart, e: &Evaluation) -> Vec<Table> {
    one_table(chart, e).into_iter().collect()
}

fn one_table(chart: &Chart, e: &Evaluation) -> Option<Table> {
    let (z, alpha) = levels(e);
    let number = |ex: &Ex| known(ex).map_or(Cell::Empty, Cell::Number);
    let verdict = |v: &Result<&'static Verdict, _>| match v {
        Ok(v) => Cell::Text(v.id.to_owned()),
        Err(_) => Cell::Empty,
    };
    match chart {
        Chart::Trend { .. } => {
            let rows = waves(groups_of(e, "waves"), &z, alpha);
            Some(Table {
                title: "NPS wave by wave",
                key: "Wave",
                columns: vec![
                    ("NPS", Unit::Nps),
                    ("Interval, low", Unit::Nps),
                    ("Interval, high", Unit::Nps),
                    ("Answers", Unit::Count),
                    ("Move on the wave before", Unit::Points),
                    ("Verdict", Unit::Plain),
                    ("Chance higher", Unit::Chance),
                ],
                rows: rows
                    .iter()
                    .map(|r| {
                        let mut cells = vec![
                            number(&r.nps),
                            number(&r.low),
                            number(&r.high),
                            Cell::Number(r.group.responses().into()),
                        ];
                        match &r.step {
                            Some(s) => cells.extend([
                                number(&s.change),
                                verdict(&s.verdict),
                                s.chance.as_ref().map_or(Cell::Empty, number),
                            ]),
                            None => cells.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
                        }
                        (r.group.label.clone(), cells)
                    })
                    .collect(),
            })
        }
        Chart::Segments { .. } => {
            let rows = segments(groups_of(e, "segments"), &z, alpha);
            Some(Table {
                title: "NPS per segment",
                key: "Segment",
                columns: vec![
                    ("NPS", Unit::Nps),
                    ("Interval, low", Unit::Nps),
                    ("Interval, high", Unit::Nps),
                    ("Answers", Unit::Count),
                    ("Gap to the rest", Unit::Points),
                    ("Verdict", Unit::Plain),
                    ("Drag on NPS", Unit::Points),
                ],
                rows: rows
                    .iter()
                    .map(|r| {
                        let cells = vec![
                            number(&r.nps),
                            number(&r.low),
                            number(&r.high),
                            Cell::Number(r.group.responses().into()),
                            number(&r.gap.change),
                            verdict(&r.gap.verdict),
                            number(&r.drag),
                        ];
                        (r.group.label.clone(), cells)
                    })
                    .collect(),
            })
        }
        _ => None,
    }
}

/// A scale for NPS values: round tens around `values`, at least 20 points wide, within
/// −100 to 100.
fn scale(values: impl Iterator<Item = Decimal>) -> (Decimal, Decimal) {
    let (mut lo, mut hi) = (Decimal::from(100), Decimal::from(-100));
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        return (Decimal::from(-100), Decimal::from(100));
    }
    let ten = Decimal::TEN;
    let mut lo = (lo / ten).floor() * ten;
    let mut hi = (hi / ten).ceil() * ten;
    if hi - lo < Decimal::from(20) {
        let middle = ((lo + hi) / Decimal::TWO / ten).round() * ten;
        lo = middle - ten;
        hi = middle + ten;
    }
    (lo.max(Decimal::from(-100)), hi.min(Decimal::from(100)))
}

/// `v` on a scale from `lo` to `hi` mapped onto `from` to `to` (pixels), to a tenth.
fn place(v: Decimal, (lo, hi): (Decimal, Decimal), from: i64, to: i64) -> Decimal {
    let span = hi - lo;
    if span.is_zero() {
        return Decimal::from(from);
    }
    let at = Decimal::from(from) + (v.clamp(lo, hi) - lo) * Decimal::from(to - from) / span;
    at.round_dp(1)
}

fn px(v: Decimal) -> String {
    format::plain(v)
}

/// The trend: 400 × 230 units, NPS up the side; the band, the line, a dot per wave and a
/// triangle over each real move (up for a rise, down for a fall).
fn trend_svg(rows: &[WaveRow], text: &str) -> String {
    let values = rows
        .iter()
        .flat_map(|r| [known(&r.low), known(&r.high), known(&r.nps)])
        .flatten();
    let range = scale(values);
    let n = rows.len();
    let x = |i: usize| -> Decimal {
        if n < 2 {
            return Decimal::from(216);
        }
        Decimal::from(44) + Decimal::from(344 * i as i64) / Decimal::from((n - 1) as i64)
    };
    let y = |v: Decimal| place(v, range, 190, 20);
    let mut grid = String::new();
    let zero_in = range.0 < Decimal::ZERO && range.1 > Decimal::ZERO;
    for v in [
        Some(range.0),
        zero_in.then_some(Decimal::ZERO),
        Some(range.1),
    ]
    .into_iter()
    .flatten()
    {
        let yy = px(y(v));
        grid.push_str(&format!(
            r#"<line x1="40" y1="{yy}" x2="392" y2="{yy}" stroke="{GRID}"/><text x="36" y="{yy}" dy="4" text-anchor="end">{}</text>"#,
            format::plain(v)
        ));
    }
    let known_rows: Vec<(usize, Decimal, Decimal, Decimal)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, known(&r.nps)?, known(&r.low)?, known(&r.high)?)))
        .collect();
    let upper: Vec<String> = known_rows
        .iter()
        .map(|(i, _, _, h)| format!("{},{}", px(x(*i)), px(y(*h))))
        .collect();
    let lower: Vec<String> = known_rows
        .iter()
        .rev()
        .map(|(i, _, l, _)| format!("{},{}", px(x(*i)), px(y(*l))))
        .collect();
    let line: Vec<String> = known_rows
        .iter()
        .map(|(i, v, _, _)| format!("{},{}", px(x(*i)), px(y(*v))))
        .collect();
    let mut marks = String::new();
    for (i, v, _, _) in &known_rows {
        let (cx, cy) = (x(*i), y(*v));
        marks.push_str(&format!(
            r#"<circle cx="{}" cy="{}" r="3.5" fill="{LINE}"/>"#,
            px(cx),
            px(cy)
        ));
        let moved = rows
            .get(*i)
            .and_then(|r| r.step.as_ref())
            .and_then(|s| s.verdict.ok());
        if let Some(verdict) = moved.filter(|v| v.id != "no-clear-change") {
            let up = verdict.id == "significant-rise";
            let (tip, base, colour) = if up {
                (cy - Decimal::from(16), cy - Decimal::from(8), RISE)
            } else {
                (cy + Decimal::from(16), cy + Decimal::from(8), FALL)
            };
            marks.push_str(&format!(
                r#"<path d="M{} {}L{} {}L{} {}Z" fill="{colour}"><title>{}</title></path>"#,
                px(cx),
                px(tip),
                px(cx - Decimal::from(5)),
                px(base),
                px(cx + Decimal::from(5)),
                px(base),
                escape(verdict.label)
            ));
        }
    }
    // Wave names under the axis: every one up to 6, else every k-th.
    let every = n.div_ceil(6).max(1);
    let mut names = String::new();
    for (i, r) in rows
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0 || *i == n - 1)
    {
        let short: String = r.group.label.chars().take(12).collect();
        names.push_str(&format!(
            r#"<text x="{}" y="212" text-anchor="middle">{}</text>"#,
            px(x(i)),
            escape(&short)
        ));
    }
    format!(
        r#"<svg class="trend-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 230" role="img" aria-label="{}"><g fill="{text}" font-size="12" font-family="sans-serif">{grid}<polygon points="{} {}" fill="{LINE}" fill-opacity="0.18"/><polyline points="{}" fill="none" stroke="{LINE}" stroke-width="2.5"/>{marks}{names}</g></svg>"#,
        escape(&trend_words(rows)),
        upper.join(" "),
        lower.join(" "),
        line.join(" "),
    )
}

/// The trend in words, for the chart's text alternative.
fn trend_words(rows: &[WaveRow]) -> String {
    let display = Display::default();
    let figure = |ex: &Ex, spec: &ResultSpec| {
        format::result_text(&Computed::of(ex.clone()), spec, display).unwrap_or_else(|_| "—".into())
    };
    rows.iter()
        .map(|r| {
            let moved = r
                .step
                .as_ref()
                .and_then(|s| s.verdict.ok())
                .filter(|v| v.id != "no-clear-change")
                .map(|v| format!(", {}", v.label.to_lowercase()))
                .unwrap_or_default();
            format!(
                "{}: {} ({} to {}){moved}",
                r.group.label,
                figure(&r.nps, &columns::NPS),
                figure(&r.low, &columns::LOW),
                figure(&r.high, &columns::HIGH)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The segments: a row each, sorted by drag (the largest first); the name over an interval
/// bar with the NPS as a dot, coloured by the gap's verdict; the NPS of all answers dashed.
fn segments_svg(rows: &[SegmentRow], overall: Option<Decimal>, text: &str) -> String {
    let sorted = by_drag(rows);
    let values = rows
        .iter()
        .flat_map(|r| [known(&r.low), known(&r.high)])
        .flatten()
        .chain(overall);
    let range = scale(values);
    let x = |v: Decimal| place(v, range, 12, 388);
    let height = 34 + 44 * sorted.len();
    let mut body = String::new();
    for (k, r) in sorted.iter().enumerate() {
        let top = 30 + 44 * k;
        let short: String = r.group.label.chars().take(40).collect();
        body.push_str(&format!(
            r#"<text x="12" y="{}" font-weight="600">{}</text>"#,
            top + 12,
            escape(&short)
        ));
        if let (Some(v), Some(l), Some(h)) = (known(&r.nps), known(&r.low), known(&r.high)) {
            let colour = match r.gap.verdict.map(|v| v.id) {
                Ok("significant-fall") => FALL,
                Ok("significant-rise") => RISE,
                _ => LINE,
            };
            body.push_str(&format!(
                r#"<rect x="{}" y="{}" width="{}" height="6" rx="3" fill="{colour}" fill-opacity="0.35"/><circle cx="{}" cy="{}" r="5" fill="{colour}"/>"#,
                px(x(l)),
                top + 21,
                px((x(h) - x(l)).max(Decimal::ONE)),
                px(x(v)),
                top + 24
            ));
        }
    }
    if let Some(o) = overall {
        let ox = px(x(o));
        body.push_str(&format!(
            r#"<line x1="{ox}" y1="22" x2="{ox}" y2="{}" stroke="{GRID}" stroke-width="2" stroke-dasharray="4 3"/><text x="{ox}" y="16" text-anchor="middle">all answers {}</text>"#,
            height - 4,
            format::card(o, Unit::Nps, Display::default())
        ));
    }
    format!(
        r#"<svg class="segments-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 {height}" role="img" aria-label="{}"><g fill="{text}" font-size="13" font-family="sans-serif">{body}</g></svg>"#,
        escape(&segment_words(&sorted))
    )
}

/// The segments in words, for the chart's text alternative.
fn segment_words(sorted: &[&SegmentRow]) -> String {
    let display = Display::default();
    let figure = |ex: &Ex, spec: &ResultSpec| {
        format::result_text(&Computed::of(ex.clone()), spec, display).unwrap_or_else(|_| "—".into())
    };
    sorted
        .iter()
        .map(|r| {
            format!(
                "{}: {} ({} to {}), drag {}",
                r.group.label,
                figure(&r.nps, &columns::NPS),
                figure(&r.low, &columns::LOW),
                figure(&r.high, &columns::HIGH),
                figure(&r.drag, &columns::DRAG)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The segments, the one that drags most first (unknown drags last, in the order given).
fn by_drag<'r, 'a>(rows: &'r [SegmentRow<'a>]) -> Vec<&'r SegmentRow<'a>> {
    let mut sorted: Vec<&SegmentRow> = rows.iter().collect();
    sorted.sort_by(|a, b| {
        let (da, db) = (known(&a.drag), known(&b.drag));
        db.cmp(&da).then(a.at.cmp(&b.at))
    });
    sorted
}

/// A table cell: its figure as a result's.
fn td(id: &str, ex: &Ex, spec: &ResultSpec, display: Display) -> String {
    report::cell(id, &Computed::of(ex.clone()), spec, display)
}

fn verdict_td(
    id: &str,
    v: &Result<&'static Verdict, crate::engine::error::Undefined>,
    display: Display,
) -> String {
    report::cell(id, &Computed::verdict(*v), &columns::VERDICT, display)
}

fn label_td(id: &str, label: &str) -> String {
    format!(
        r#"<output data-result="{id}" data-value="{0}">{0}</output>"#,
        escape(label)
    )
}

fn answers_td(id: &str, n: u64, display: Display) -> String {
    let few = if n < breakdowns::FEW_ANSWERS {
        r#" <span class="few" title="Fewer than 30 answers: a wide interval">few</span>"#
    } else {
        ""
    };
    let count = Ex::num(Decimal::from(n), Unit::Count);
    format!("{}{few}", td(id, &count, &columns::RESPONSES, display))
}

/// The trend's table: a row per wave (`data-wave`, 1-based).
fn wave_table(rows: &[WaveRow], display: Display) -> String {
    // The first wave has no move: its cells are there, empty, for the hooks.
    let empty = |id: &str| format!(r#"<output data-result="{id}" data-value=""></output>"#);
    let mut body = String::new();
    for (i, r) in rows.iter().enumerate() {
        let (change, verdict, chance) = match &r.step {
            Some(Step {
                change,
                verdict,
                chance,
                ..
            }) => (
                td("wave_change", change, &columns::CHANGE, display),
                verdict_td("wave_verdict", verdict, display),
                chance.as_ref().map_or_else(
                    || empty("wave_chance"),
                    |c| td("wave_chance", c, &columns::CHANCE, display),
                ),
            ),
            None => (
                empty("wave_change"),
                empty("wave_verdict"),
                empty("wave_chance"),
            ),
        };
        body.push_str(&format!(
            r#"<tr data-wave="{}"><th scope="row">{}</th><td>{}</td><td>{} to {}</td><td>{}</td><td>{change}</td><td>{verdict}</td><td>{chance}</td></tr>"#,
            i + 1,
            label_td("wave_label", &r.group.label),
            td("wave_nps", &r.nps, &columns::NPS, display),
            td("wave_ci_low", &r.low, &columns::LOW, display),
            td("wave_ci_high", &r.high, &columns::HIGH, display),
            answers_td("wave_responses", r.group.responses(), display),
        ));
    }
    format!(
        r#"<div class="breakdown-wrap" tabindex="0" role="region" aria-label="Every wave"><table class="breakdown" data-testid="waves"><thead><tr><th scope="col">Wave</th><th scope="col">NPS</th><th scope="col">Interval</th><th scope="col">Answers</th><th scope="col">Move</th><th scope="col">Verdict</th><th scope="col">Chance higher</th></tr></thead><tbody>{body}</tbody></table></div>"#
    )
}

/// The segments' table: a row per segment (`data-segment`, its place in the order given),
/// sorted by drag.
fn segment_table(rows: &[SegmentRow], display: Display) -> String {
    let mut body = String::new();
    for r in by_drag(rows) {
        body.push_str(&format!(
            r#"<tr data-segment="{}"><th scope="row">{}</th><td>{}</td><td>{} to {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            r.at,
            label_td("segment_label", &r.group.label),
            td("segment_nps", &r.nps, &columns::NPS, display),
            td("segment_ci_low", &r.low, &columns::LOW, display),
            td("segment_ci_high", &r.high, &columns::HIGH, display),
            answers_td("segment_responses", r.group.responses(), display),
            td("gap_vs_rest", &r.gap.change, &columns::CHANGE, display),
            verdict_td("gap_verdict", &r.gap.verdict, display),
            td("drag_pts", &r.drag, &columns::DRAG, display),
        ));
    }
    format!(
        r#"<div class="breakdown-wrap" tabindex="0" role="region" aria-label="Every segment"><table class="breakdown" data-testid="segments"><thead><tr><th scope="col">Segment</th><th scope="col">NPS</th><th scope="col">Interval</th><th scope="col">Answers</th><th scope="col">Gap to the rest</th><th scope="col">Verdict</th><th scope="col">Drag on NPS</th></tr></thead><tbody>{body}</tbody></table></div>"#
    )
}

/// A note naming the groups with fewer than 30 answers, if any.
fn few_note<'a>(
    groups: impl Iterator<Item = &'a crate::engine::groups::Group>,
    what: &str,
) -> String {
    let few: Vec<String> = groups
        .filter(|g| g.responses() < breakdowns::FEW_ANSWERS)
        .map(|g| format!("{} ({})", g.label, g.responses()))
        .collect();
    if few.is_empty() {
        return String::new();
    }
    format!(
        r#"<p class="note" data-testid="few-answers">Too few answers to say much: {} {}. With fewer than 30 answers an NPS can be off by 20 points or more; read their moves with care.</p>"#,
        if few.len() == 1 {
            "one of the"
        } else {
            "these"
        },
        escape(&format!("{what}: {}", few.join(", ")))
    )
}
