//! The revenue projection's chart, table and file (the revenue category's own chart, see
//! `engine::late`): MRR as a line on a money axis above each month's flows as bars, every
//! month in a table, and the months as CSV rows.

use super::projection::{series, Month};
use crate::engine::charts::escape;
use crate::engine::dec::Checked;
use crate::engine::evaluate::Evaluation;
use crate::engine::format::{self, Display};
use crate::engine::spec::{Chart, Unit};
use rust_decimal::Decimal;

/// The revenue category's chart: the projection's page markup.
pub fn draw(chart: &Chart, e: &Evaluation, display: Display) -> String {
    match chart {
        Chart::Projection { title } => page(e, display, title),
        _ => String::new(),
    }
}

/// Its table for the CSV: a row per month, a column per figure.
pub fn table(_: &Chart, e: &Evaluation) -> Vec<crate::engine::late::Table> {
    let Some(months) = series(e) else {
        return Vec::new();
    };
    vec![crate::engine::late::Table {
        title: "MRR month by month",
        key: "Month",
        columns: vec![
            ("MRR", Unit::Money),
            ("New", Unit::Money),
            ("Expansion", Unit::Money),
            ("Contraction", Unit::Money),
            ("Churned", Unit::Money),
        ],
        rows: months
            .iter()
            .enumerate()
            .map(|(t, m)| {
                let cells = [m.mrr, m.new, m.expansion, m.contraction, m.churned];
                let cells = cells.map(crate::engine::late::Cell::Number).to_vec();
                ((t + 1).to_string(), cells)
            })
            .collect(),
    }]
}

/// Its file: everything the page's chart shows (MRR's line on its money axis, the ceiling,
/// each month's flows as bars, the month ticks) and its legend, in the colours of the other
/// chart files, 640 × 460.
pub fn draw_file(chart: &Chart, e: &Evaluation, display: Display) -> Option<String> {
    let Chart::Projection { title } = chart else {
        return None;
    };
    let plot = Plot::new(e)?;
    let body = chart_body(&plot, display);
    let legend = file_legend(plot.shown_ceiling.is_some());
    Some(crate::engine::charts::document_sized(
        title,
        &format!(
            r#"<g transform="translate(0 48)" fill="{text}" font-size="13">{body}</g><g fill="{text}" font-size="13">{legend}</g>"#,
            text = crate::engine::charts::EXPORT_TEXT
        ),
        640,
        460,
    ))
}

/// The chart's drawing, the same in the page and the file: MRR's line on its money axis
/// above the flows, the month ticks and the axes' names.
fn chart_body(plot: &Plot, display: Display) -> String {
    let line_panel = plot.line(190, 180, display);
    let bars = flow_bars(&plot.months);
    let ticks = month_ticks(plot.months.len());
    format!(
        r#"{line_panel}<line x1="80" y1="280" x2="620" y2="280" stroke="{GRID}"/>{bars}<text x="74" y="284" text-anchor="end">Flows</text>{ticks}<text class="axis-name" x="2" y="352">Month</text>"#
    )
}

/// The legend as SVG, for the file: a swatch and a name for the line, each flow and the
/// ceiling when it is drawn, in one row under the chart.
fn file_legend(ceiling: bool) -> String {
    let mut items = LEGEND.to_vec();
    if ceiling {
        items.push((CEILING, "Levels off (dashed)"));
    }
    let mut out = String::new();
    let mut x = 20;
    for (colour, label) in items {
        out.push_str(&format!(
            r#"<rect x="{x}" y="428" width="14" height="14" fill="{colour}"/><text x="{}" y="440">{label}</text>"#,
            x + 20
        ));
        x += 20 + 7 * label.len() + 14;
    }
    out
}

/// The chart's colours: MRR's line, the flows (the NPS chart's green and red for what comes
/// and goes, teal and amber between), the gridlines. Mid tones that read on light and dark.
const LINE: &str = "#3d7fe0";
const NEW: &str = "#2b8a4e";
const EXPANSION: &str = "#3f8fa6";
const CONTRACTION: &str = "#c98a1b";
const CHURNED: &str = "#c8453c";
const GRID: &str = "#8e98a680";
const CEILING: &str = "#8e98a6";

/// The legend's entries: the line and the four flows.
const LEGEND: [(&str, &str); 5] = [
    (LINE, "MRR"),
    (NEW, "New"),
    (EXPANSION, "Expansion"),
    (CONTRACTION, "Contraction"),
    (CHURNED, "Churned"),
];

/// A round top for an axis: the least of 1, 2, 5 × 10^k at or above `v`.
fn nice_top(v: Decimal) -> Decimal {
    let mut power = Decimal::ONE;
    while power.c_mul(Decimal::TEN).is_some_and(|p| p <= v) {
        power = power.c_mul(Decimal::TEN).unwrap_or(power);
    }
    [1, 2, 5, 10]
        .into_iter()
        .filter_map(|m| power.c_mul(Decimal::from(m)))
        .find(|t| *t >= v)
        .unwrap_or(v)
}

/// An axis label: the currency and the value in thousands (k), millions (M), billions (B) or
/// trillions (T), to one decimal at most.
fn axis_money(v: Decimal, display: Display) -> String {
    let (mut scaled, mut suffix) = (v, "");
    for (step, name) in [(1_000_i64, "k"), (1_000_000, "M"), (1_000_000_000, "B")] {
        if v >= Decimal::from(step) {
            scaled = v.c_div(Decimal::from(step)).unwrap_or(v);
            suffix = name;
        }
    }
    if v >= Decimal::from(1_000_000_000_000_i64) {
        scaled = v.c_div(Decimal::from(1_000_000_000_000_i64)).unwrap_or(v);
        suffix = "T";
    }
    format!(
        "{}{}{suffix}",
        display.currency.symbol,
        format::grouped(scaled, 1, true, display.mark)
    )
}

/// x of month `t` of `n`: month 0 at 80 pixels, month `n` at 620.
fn x_of(t: usize, n: usize) -> Option<Decimal> {
    Decimal::from(80).c_add(
        Decimal::from(t)
            .c_mul(Decimal::from(540))?
            .c_div(Decimal::from(n.max(1)))?,
    )
}

/// x of month `t` of `n`, y of `v` against `top` on a panel `height` pixels high whose zero
/// is at y = `zero` (values go up).
fn at(
    t: usize,
    n: usize,
    v: Decimal,
    top: Decimal,
    zero: i64,
    height: i64,
) -> Option<(Decimal, Decimal)> {
    let y = Decimal::from(zero).c_sub(v.c_mul(Decimal::from(height))?.c_div(top)?)?;
    Some((x_of(t, n)?, y))
}

/// A coordinate as SVG text, to a tenth of a pixel.
fn px(v: Decimal) -> String {
    format::plain(v.round_dp(1))
}

/// What the chart plots: the months, today's MRR, the ceiling (and whether it is in view)
/// and the money axis's round top.
struct Plot {
    months: Vec<Month>,
    start: Decimal,
    ceiling: Option<Decimal>,
    shown_ceiling: Option<Decimal>,
    top: Decimal,
}

impl Plot {
    /// `None` until every input the months need is there.
    fn new(e: &Evaluation) -> Option<Plot> {
        let months = series(e)?;
        let start = e.field("mrr_start").and_then(|f| f.value)?;
        let ceiling = match e.result("mrr_ceiling").map(|r| r.computed.value) {
            Some(crate::engine::formula::Value::Number(v)) => Some(v),
            _ => None,
        };
        // The ceiling is drawn when it is within 4 × today's MRR: further off, it would
        // flatten the line it explains.
        let shown_ceiling =
            ceiling.filter(|c| *c <= start.abs().c_mul(Decimal::from(4)).unwrap_or(*c));
        let top = nice_top(
            std::iter::once(start)
                .chain(months.iter().map(|m| m.mrr))
                .chain(shown_ceiling)
                .fold(Decimal::ONE, Decimal::max),
        );
        Some(Plot {
            months,
            start,
            ceiling,
            shown_ceiling,
            top,
        })
    }

    /// MRR's line on its money axis (gridlines at 0, half and the top), with the ceiling
    /// dashed when it is in view, on a panel `height` pixels high whose zero is at y = `zero`.
    fn line(&self, zero: i64, height: i64, display: Display) -> String {
        let (n, top) = (self.months.len(), self.top);
        let mut out = String::new();
        for v in [Decimal::ZERO, top.c_div(Decimal::TWO).unwrap_or(top), top] {
            if let Some((_, y)) = at(0, n, v, top, zero, height) {
                let y = px(y);
                out.push_str(&format!(
                    r#"<line x1="80" y1="{y}" x2="620" y2="{y}" stroke="{GRID}"/><text x="74" y="{y}" dy="4" text-anchor="end">{}</text>"#,
                    escape(&axis_money(v, display))
                ));
            }
        }
        let ends = self
            .shown_ceiling
            .and_then(|c| at(0, n, c, top, zero, height).zip(at(n, n, c, top, zero, height)));
        if let Some(((x1, y1), (x2, y2))) = ends {
            out.push_str(&format!(
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{CEILING}" stroke-width="2" stroke-dasharray="6 4"/>"#,
                px(x1),
                px(y1),
                px(x2),
                px(y2)
            ));
        }
        let points: Vec<String> = std::iter::once(self.start)
            .chain(self.months.iter().map(|m| m.mrr))
            .enumerate()
            .filter_map(|(t, v)| at(t, n, v.max(Decimal::ZERO), top, zero, height))
            .map(|(x, y)| format!("{},{}", px(x), px(y)))
            .collect();
        out.push_str(&format!(
            r#"<polyline points="{}" fill="none" stroke="{LINE}" stroke-width="3"/>"#,
            points.join(" ")
        ));
        out
    }
}

/// The same chart for months that happened (a billing export's, `calculators::billing`):
/// MRR's line from `start` and each month's flows as bars, no ceiling.
pub fn history_svg(
    title: &str,
    described: &str,
    start: Decimal,
    months: Vec<Month>,
    display: Display,
) -> String {
    let top = nice_top(
        std::iter::once(start)
            .chain(months.iter().map(|m| m.mrr))
            .fold(Decimal::ONE, Decimal::max),
    );
    let plot = Plot {
        months,
        start,
        ceiling: None,
        shown_ceiling: None,
        top,
    };
    svg(title, described, &chart_body(&plot, display))
}

/// The page's chart and table. Above, MRR as a line on a money axis (today's value at month
/// 0, the ceiling dashed when it is in view); beneath, each month's flows as bars: new and
/// expansion up, contraction and churn down. Then every month in a table (a phone shows
/// every third month unless "Show every month" is ticked).
pub fn page(e: &Evaluation, display: Display, title: &str) -> String {
    let Some(plot) = Plot::new(e) else {
        return String::new();
    };
    let (months, start, ceiling, n) = (&plot.months, plot.start, plot.ceiling, plot.months.len());
    let money = |v: Decimal| format::card(v, Unit::Money, display);
    let body = chart_body(&plot, display);
    let last = months.last().map(|m| m.mrr).unwrap_or(start);
    let described = format!(
        "MRR from {} today to {} after {} months{}",
        money(start),
        money(last),
        n,
        ceiling
            .map(|c| format!(", levelling off near {}", money(c)))
            .unwrap_or_default()
    );
    let rows = month_rows(months, display);
    let legend = legend(plot.shown_ceiling.is_some());
    format!(
        r##"<figcaption>{}</figcaption>{}<ul class="legend">{legend}</ul><p class="visually-hidden">{}</p><label class="show-all"><input type="checkbox" data-testid="show-all-months"/> Show every month</label><div class="months-wrap" tabindex="0" role="region" aria-label="Every month"><table class="months" data-testid="months"><thead><tr><th scope="col">Month</th><th scope="col">MRR</th><th scope="col">New</th><th scope="col">Expansion</th><th scope="col">Contraction</th><th scope="col">Churned</th></tr></thead><tbody>{rows}</tbody></table></div>"##,
        escape(title),
        svg(title, &described, &body),
        escape(&described),
    )
}

/// Each month's flows as bars beneath the line, on their own scale: zero at y = 280, the
/// largest stack 50 pixels; new and expansion up, contraction and churn down.
fn flow_bars(months: &[Month]) -> String {
    let n = months.len();
    let largest = months
        .iter()
        .flat_map(|m| {
            [
                m.new.c_add(m.expansion).unwrap_or(m.new),
                m.contraction.c_add(m.churned).unwrap_or(m.churned),
            ]
        })
        .fold(Decimal::ZERO, Decimal::max);
    let flow_top = if largest.is_zero() {
        Decimal::ONE
    } else {
        largest
    };
    let width = Decimal::from(540)
        .c_div(Decimal::from(n.max(1)))
        .map(|w| {
            w.c_mul(Decimal::new(6, 1))
                .unwrap_or(w)
                .min(Decimal::from(14))
        })
        .unwrap_or(Decimal::ONE)
        .round_dp(1);
    let mut bars = String::new();
    // A bar's height in pixels: 50 for the largest stack.
    let tall = |v: Decimal| {
        v.c_mul(Decimal::from(50))
            .and_then(|h| h.c_div(flow_top))
            .unwrap_or_default()
    };
    for (i, m) in months.iter().enumerate() {
        let Some(x) = x_of(i + 1, n) else {
            continue;
        };
        let left = px(x
            .c_sub(width.c_div(Decimal::TWO).unwrap_or_default())
            .unwrap_or(x));
        // Each stack from the zero line (y = 280) out: up for what comes in, down for what
        // goes; a part too small to see keeps half a pixel.
        let parts = [
            (NEW, m.new, true),
            (EXPANSION, m.expansion, true),
            (CONTRACTION, m.contraction, false),
            (CHURNED, m.churned, false),
        ];
        let (mut above, mut below) = (Decimal::from(280), Decimal::from(280));
        for (colour, v, up) in parts {
            if v <= Decimal::ZERO {
                continue;
            }
            let h = tall(v).max(Decimal::new(5, 1));
            let y = if up {
                above = above.c_sub(h).unwrap_or(above);
                above
            } else {
                let y = below;
                below = below.c_add(h).unwrap_or(below);
                y
            };
            bars.push_str(&format!(
                r#"<rect fill="{colour}" x="{left}" y="{}" width="{}" height="{}"/>"#,
                px(y),
                px(width),
                px(h),
            ));
        }
    }
    bars
}

/// The month numbers under the chart: every month up to 12, then every 3, 6 or 12.
fn month_ticks(n: usize) -> String {
    let every = match n {
        0..=12 => 1,
        13..=24 => 3,
        25..=36 => 6,
        _ => 12,
    };
    let mut ticks = String::new();
    for t in (0..=n).filter(|t| t % every == 0) {
        if let Some(x) = x_of(t, n) {
            ticks.push_str(&format!(
                r#"<text x="{}" y="352" text-anchor="middle">{t}</text>"#,
                px(x)
            ));
        }
    }
    ticks
}

/// The table's rows: every month's MRR and flows.
fn month_rows(months: &[Month], display: Display) -> String {
    let money = |v: Decimal| format::card(v, Unit::Money, display);
    let mut rows = String::new();
    for (t, m) in months.iter().enumerate() {
        rows.push_str(&format!(
            r#"<tr data-month="{}" data-value="{}"><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            t + 1,
            format::plain(m.mrr),
            t + 1,
            money(m.mrr),
            money(m.new),
            money(m.expansion),
            money(m.contraction),
            money(m.churned),
        ));
    }
    rows
}

/// The legend: the line, the four flows and, when it is drawn, the ceiling.
fn legend(ceiling: bool) -> String {
    let swatch = |colour: &str, label: &str| {
        format!(
            r#"<li><svg class="swatch" viewBox="0 0 1 1" aria-hidden="true"><rect width="1" height="1" fill="{colour}"/></svg>{label}</li>"#
        )
    };
    let mut legend: String = LEGEND
        .iter()
        .map(|(colour, label)| swatch(colour, label))
        .collect();
    if ceiling {
        legend.push_str(&swatch(CEILING, "Where MRR levels off (dashed)"));
    }
    legend
}

/// The chart's SVG: its own colours as attributes (the page's stylesheet stays as it was, and
/// its file draws the same line); text in the surrounding colour.
fn svg(title: &str, described: &str, body: &str) -> String {
    format!(
        r#"<svg class="projection-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360" role="img" aria-label="{}"><title>{}</title><g fill="currentColor" font-size="13" font-family="sans-serif">{body}</g></svg>"#,
        escape(described),
        escape(title),
    )
}
