//! Charts as SVG text, built from an evaluation and a calculator's chart definition: one small
//! module for all of them. Every chart has a title, a description and its numbers in text as
//! well (never colour alone); colours come from CSS classes (no inline styles, which the
//! content security policy refuses), so light and dark share the markup. Only formatted numbers
//! and the catalogue's own labels go into the markup; anything typed is escaped.

use crate::engine::dec::Checked;
use crate::engine::evaluate::{Evaluation, ListSummary};
use crate::engine::format::{self, Display};
use crate::engine::formula::Value;
use crate::engine::types::{Chart, IntervalRow, Part, Unit};
use rust_decimal::Decimal;

/// Escapes text for HTML and SVG content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn number(e: &Evaluation, id: &str) -> Option<Decimal> {
    match e.result(id)?.computed.value {
        Value::Number(v) => Some(v),
        _ => None,
    }
}

/// The chart's markup for figure contents (caption, SVG, legend); empty until every value it
/// draws is known.
pub fn render(chart: &Chart, e: &Evaluation, display: Display) -> String {
    if let Some(part) = drawn_by(chart) {
        return crate::engine::late::draw(part, chart, e, display);
    }
    match chart {
        Chart::Shares { title, parts } => shares(title, parts, e, display),
        _ => String::new(),
    }
}

/// The category whose late-linked module (see `engine::late`) draws `chart`, once it is
/// there; `None` for the charts drawn here.
fn drawn_by(chart: &Chart) -> Option<crate::engine::spec::LatePart> {
    use crate::engine::spec::LatePart;
    match chart {
        Chart::Shares { .. } => None,
        Chart::Intervals { .. } => Some(LatePart::Compare),
        Chart::Projection { .. } => Some(LatePart::Projection),
        Chart::Trend { .. } | Chart::Segments { .. } => Some(LatePart::Breakdowns),
        Chart::Billing { .. } => Some(LatePart::Billing),
    }
}

/// The page markup of the charts only the comparisons' late-linked module draws.
pub fn draw_late(chart: &Chart, e: &Evaluation, display: Display) -> String {
    match chart {
        Chart::Intervals { title, rows } => intervals(title, rows, e, display),
        _ => String::new(),
    }
}

/// Their downloadable SVG documents.
pub fn draw_late_file(chart: &Chart, e: &Evaluation, display: Display) -> Option<String> {
    match chart {
        Chart::Intervals { title, rows } => standalone_intervals(title, rows, e, display),
        // The projection's is the revenue module's (`calculators::projection_chart`).
        _ => None,
    }
}

/// One row's figures: value, low and high, or `None` until all are known.
fn row_values(row: &IntervalRow, e: &Evaluation) -> Option<(Decimal, Decimal, Decimal)> {
    Some((
        number(e, row.value)?,
        number(e, row.low)?,
        number(e, row.high)?,
    ))
}

/// "Survey A: 30.0 (20.3 to 39.9)".
fn row_text(
    row: &IntervalRow,
    (value, low, high): (Decimal, Decimal, Decimal),
    display: Display,
) -> String {
    format!(
        "{}: {} ({} to {})",
        row.label,
        format::card(value, row.unit, display),
        format::card(low, row.unit, display),
        format::card(high, row.unit, display)
    )
}

/// Where `v` falls on a row `width` wide whose scale runs from −span to +span.
fn at(v: Decimal, span: i64, width: i64) -> Decimal {
    // −span…span onto 0…width: (v + span) × width / (2 span), within the row.
    let span = span.max(1);
    let shifted = v
        .clamp(Decimal::from(-span), Decimal::from(span))
        .c_add(Decimal::from(span));
    shifted
        .and_then(|s| s.c_mul(Decimal::from(width)))
        .and_then(|s| s.c_div(Decimal::from(span.saturating_mul(2))))
        .map_or(Decimal::ZERO, |x| x.round_dp(2))
}

fn intervals(title: &str, rows: &[IntervalRow], e: &Evaluation, display: Display) -> String {
    let mut body = String::new();
    let mut described = Vec::new();
    for row in rows {
        let Some(values) = row_values(row, e) else {
            return String::new();
        };
        let (value, low, high) = values;
        let text = row_text(row, values, display);
        // 200 units wide; the zero line, the interval as a bar, the value as a tick.
        let (x_low, x_high) = (at(low, row.span, 200), at(high, row.span, 200));
        body.push_str(&format!(
            r#"<div class="interval-row"><span class="interval-text">{}</span><svg viewBox="0 0 200 12" preserveAspectRatio="none" aria-hidden="true"><rect class="interval-zero" x="99.7" y="0" width="0.6" height="12"/><rect class="interval-bar" x="{}" y="4" width="{}" height="4"/><rect class="interval-dot" x="{}" y="1" width="1.6" height="10"/></svg></div>"#,
            escape(&text),
            format::plain(x_low),
            format::plain(x_high.c_sub(x_low).unwrap_or_default().max(Decimal::new(5, 1))),
            format::plain(at(value, row.span, 200).c_sub(Decimal::new(8, 1)).unwrap_or_default()),
        ));
        described.push(text);
    }
    format!(
        r#"<figcaption>{}</figcaption><div class="interval-rows" role="img" aria-label="{}">{body}</div>"#,
        escape(title),
        escape(&described.join("; ")),
    )
}

fn shares(title: &str, parts: &[Part], e: &Evaluation, display: Display) -> String {
    let mut rects = String::new();
    let mut legend = String::new();
    let mut described = Vec::new();
    // SVG units are shares of 100, kept as decimals: no float formatting in the wasm.
    let mut x = Decimal::ZERO;
    for part in parts {
        let (Some(count), Some(pct)) = (number(e, part.count), number(e, part.share)) else {
            return String::new();
        };
        let width = pct.round_dp(3);
        let text = format!(
            "{}: {} ({})",
            part.label,
            format::card(count, Unit::Count, display),
            format::card(pct, Unit::Percent, display)
        );
        rects.push_str(&format!(
            r#"<rect class="{}" x="{}" y="0" width="{}" height="8"><title>{}</title></rect>"#,
            part.class,
            format::plain(x),
            format::plain(width),
            escape(&text)
        ));
        x = x.saturating_add(width);
        legend.push_str(&format!(
            r#"<li><span class="swatch {}" aria-hidden="true"></span>{}</li>"#,
            part.class,
            escape(&text)
        ));
        described.push(text);
    }
    format!(
        r#"<figcaption>{}</figcaption><svg viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="{}"><title>{}</title>{rects}</svg><ul class="legend">{legend}</ul>"#,
        escape(title),
        escape(&described.join("; ")),
        escape(title),
    )
}

/// The width and height of a downloaded chart, in pixels.
pub const EXPORT_SIZE: (u32, u32) = (640, 240);

pub(crate) const EXPORT_TEXT: &str = "#18202b";

/// Whether every value `chart` draws is known (the page offers its download only then).
pub fn drawable(chart: &Chart, e: &Evaluation) -> bool {
    match chart {
        Chart::Shares { parts, .. } => parts
            .iter()
            .all(|p| number(e, p.count).is_some() && number(e, p.share).is_some()),
        Chart::Intervals { rows, .. } => rows.iter().all(|r| row_values(r, e).is_some()),
        Chart::Projection { .. } => number(e, "mrr_end").is_some(),
        Chart::Trend { .. } => number(e, "wave_count").is_some(),
        Chart::Segments { .. } => number(e, "segment_count").is_some(),
        Chart::Billing { .. } => number(e, "month_count").is_some(),
    }
}

/// A downloadable SVG document of `chart` (its own size, colours and legend text: no page
/// styles reach a file), or `None` until every value it draws is known.
pub fn standalone(chart: &Chart, e: &Evaluation, display: Display) -> Option<String> {
    if let Some(part) = drawn_by(chart) {
        return crate::engine::late::draw_file(part, chart, e, display);
    }
    let Chart::Shares { title, parts } = chart else {
        return None;
    };
    let mut body = String::new();
    // The bar spans 600 of 640 pixels: a share of 100 is 6 pixels a point.
    let mut x = Decimal::from(20);
    for (i, part) in parts.iter().enumerate() {
        let (count, pct) = (number(e, part.count)?, number(e, part.share)?);
        let width = pct.saturating_mul(Decimal::from(6)).round_dp(2);
        body.push_str(&format!(
            r#"<rect x="{}" y="56" width="{}" height="40" fill="{}"/>"#,
            format::plain(x),
            format::plain(width),
            part.colour
        ));
        x = x.saturating_add(width);
        let y = 130 + 28 * i;
        body.push_str(&format!(
            r#"<rect x="20" y="{}" width="14" height="14" fill="{}"/><text x="42" y="{}" font-size="15" fill="{EXPORT_TEXT}">{}: {} ({})</text>"#,
            y.saturating_sub(12),
            part.colour,
            y,
            escape(part.label),
            format::card(count, Unit::Count, display),
            format::card(pct, Unit::Percent, display)
        ));
    }
    Some(document(title, &body))
}

fn standalone_intervals(
    title: &str,
    rows: &[IntervalRow],
    e: &Evaluation,
    display: Display,
) -> Option<String> {
    let mut body = String::new();
    for (i, row) in rows.iter().enumerate() {
        let values = row_values(row, e)?;
        let (value, low, high) = values;
        let y = 62 + 58 * i;
        // Rows 600 pixels wide from x = 20, zero in the middle.
        let x = |v: Decimal| {
            format::plain(
                at(v, row.span, 600)
                    .c_add(Decimal::from(20))
                    .unwrap_or_default(),
            )
        };
        body.push_str(&format!(
            r##"<text x="20" y="{}" font-size="14" fill="{EXPORT_TEXT}">{}</text><rect x="319" y="{}" width="2" height="26" fill="#8e98a6"/><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#1f5fbf" stroke-width="6"/><rect x="{}" y="{}" width="4" height="22" fill="#18202b"/>"##,
            y,
            escape(&row_text(row, values, display)),
            y + 6,
            x(low),
            y + 19,
            x(high),
            y + 19,
            format::plain(at(value, row.span, 600).c_add(Decimal::from(18)).unwrap_or_default()),
            y + 8,
        ));
    }
    Some(document(title, &body))
}

/// On the 0–10 NPS scale, which group an answer is in: its CSS class and its colour in a
/// file (the page's light colours); `None` off that scale.
fn nps_group(value: Decimal, nps: bool) -> Option<(&'static str, &'static str)> {
    if !nps {
        return None;
    }
    Some(if value >= Decimal::from(9) {
        ("band-promoters", "#2b8a4e")
    } else if value >= Decimal::from(7) {
        ("band-passives", "#8e98a6")
    } else {
        ("band-detractors", "#c8453c")
    })
}

/// A downloadable SVG document of a list's distribution (on the NPS scale, each bar in its
/// group's colour).
pub fn standalone_distribution(
    summary: &ListSummary,
    display: Display,
    nps: bool,
) -> Option<String> {
    let bars = &summary.distribution;
    let most = bars.iter().map(|(_, n)| *n).max()?.max(1);
    // Bars across 600 pixels, up to 140 high, counts above and values below.
    let step = 600 / bars.len().max(1);
    let mut body = String::new();
    for (i, (value, n)) in bars.iter().enumerate() {
        let height = n.saturating_mul(140) / most;
        let x = 20 + step * i;
        let middle = x + step / 2;
        body.push_str(&format!(
            r##"<rect x="{}" y="{}" width="{}" height="{height}" fill="{}"/><text x="{middle}" y="{}" font-size="12" text-anchor="middle" fill="{EXPORT_TEXT}">{}</text><text x="{middle}" y="228" font-size="12" text-anchor="middle" fill="{EXPORT_TEXT}">{}</text>"##,
            x + step / 10,
            206 - height,
            step * 8 / 10,
            nps_group(*value, nps).map_or("#1f5fbf", |(_, colour)| colour),
            (200 - height).max(60),
            format::grouped(Decimal::from(*n), 0, false, display.mark),
            format::grouped(*value, 2, true, display.mark),
        ));
    }
    Some(document("How often each value was given", &body))
}

pub(crate) fn document(title: &str, body: &str) -> String {
    let (w, h) = EXPORT_SIZE;
    document_sized(title, body, w, h)
}

/// A chart file `w` × `h` pixels: white, its title at the top left.
pub(crate) fn document_sized(title: &str, body: &str, w: u32, h: u32) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" role="img"><title>{t}</title><rect width="{w}" height="{h}" fill="#ffffff"/><text x="20" y="34" font-size="18" font-weight="700" fill="{EXPORT_TEXT}">{t}</text>{body}</svg>"##,
        t = escape(title)
    )
}

/// How often each value of a pasted list occurs, as bars with their counts in text; empty for
/// a list without a distribution. On the NPS scale (`nps`) each bar is in its group's colour:
/// detractors, passives, promoters.
pub fn distribution(summary: &ListSummary, display: Display, nps: bool) -> String {
    let bars = &summary.distribution;
    if bars.is_empty() {
        return String::new();
    }
    let most = bars.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let width = bars.len();
    // One bar a unit wide on a 100-high canvas; heights in whole hundredths.
    let mut rects = String::new();
    let mut items = String::new();
    for (i, (value, n)) in bars.iter().enumerate() {
        let height = n.saturating_mul(100) / most;
        let label = format::grouped(*value, 2, true, display.mark);
        let count = format::grouped(Decimal::from(*n), 0, false, display.mark);
        rects.push_str(&format!(
            r#"<rect class="{}" x="{}.1" y="{}" width="0.8" height="{height}"><title>{label}: {count}</title></rect>"#,
            nps_group(*value, nps).map_or("bar-fill", |(class, _)| class),
            i,
            100usize.saturating_sub(height),
        ));
        items.push_str(&format!(
            r#"<li class="bar" data-value="{}" data-count="{n}"><span class="bar-count">{count}</span><span class="bar-label">{label}</span></li>"#,
            format::plain(*value)
        ));
    }
    format!(
        r#"<figcaption>How often each value was given</figcaption><svg viewBox="0 0 {width} 100" preserveAspectRatio="none" role="img" aria-label="How often each value was given"><title>How often each value was given</title>{rects}</svg><ol class="bars">{items}</ol>"#
    )
}

/// The tornado's colours: the headline with a figure lower (amber) and higher (blue), mid
/// tones that read on light and dark; text follows the page's colour.
const TORNADO_LOW: &str = "#c98a1b";
const TORNADO_HIGH: &str = "#3d7fe0";
const TORNADO_AXIS: &str = "#8e98a6";

/// The sensitivity (tornado) chart: one row per input, largest effect first, each labelled
/// with the input's name, its bar from today's headline to the headline with the input
/// `step` % lower (amber) and `step` % higher (blue), with both values at the bar's ends; a
/// value axis runs through today's headline. Drawn 320 units wide, so its text stays
/// 12 px or more on a 375 px phone. Each row's figures are also in text (`data-sensitivity`,
/// `data-low`, `data-high`: exact values, empty where undefined).
pub fn tornado(t: &crate::engine::whatif::Tornado, step: u32, display: Display) -> String {
    let show = |v: Option<Decimal>| v.map(|v| format::card(v, t.headline.unit, display));
    let reach = t
        .rows
        .iter()
        .flat_map(|r| [r.low, r.high])
        .flatten()
        .filter_map(|v| v.c_sub(t.base).map(|d| d.abs()))
        .fold(Decimal::ZERO, Decimal::max);
    // Today's value at x = 160; the farthest value 80 units out, leaving room for its text.
    let x = |v: Decimal| -> Decimal {
        let off = v
            .c_sub(t.base)
            .and_then(|d| d.c_mul(Decimal::from(80)))
            .and_then(|d| {
                if reach.is_zero() {
                    Some(Decimal::ZERO)
                } else {
                    d.c_div(reach)
                }
            })
            .unwrap_or_default();
        Decimal::from(160)
            .c_add(off)
            .unwrap_or_default()
            .round_dp(1)
    };
    let (row_h, top) = (50_usize, 32_usize);
    let mut rows = String::new();
    let mut items = String::new();
    for (i, row) in t.rows.iter().enumerate() {
        let y = top + row_h * i;
        rows.push_str(&format!(
            r#"<text x="4" y="{}" font-size="14" font-weight="600" fill="currentColor">{}</text>"#,
            y + 16,
            escape(row.input.label)
        ));
        for (value, colour) in [(row.low, TORNADO_LOW), (row.high, TORNADO_HIGH)] {
            let Some(value) = value else { continue };
            let (end, base) = (x(value), Decimal::from(160));
            let (a, b) = (end.min(base), end.max(base));
            let width = b.c_sub(a).unwrap_or_default().max(Decimal::ONE);
            // The value's text just beyond the bar's end, on the side it points to.
            let (tx, anchor) = if end < base {
                (end.c_sub(Decimal::from(4)).unwrap_or_default(), "end")
            } else {
                (end.c_add(Decimal::from(4)).unwrap_or_default(), "start")
            };
            rows.push_str(&format!(
                r#"<rect x="{}" y="{}" width="{}" height="18" fill="{colour}"/><text x="{}" y="{}" font-size="13" text-anchor="{anchor}" fill="currentColor">{}</text>"#,
                format::plain(a),
                y + 24,
                format::plain(width),
                format::plain(tx),
                y + 38,
                escape(&show(Some(value)).unwrap_or_default())
            ));
        }
        if row.low.is_none() || row.high.is_none() {
            rows.push_str(&format!(
                r#"<text x="316" y="{}" font-size="13" text-anchor="end" fill="currentColor">can't be worked out at one end</text>"#,
                y + 16
            ));
        }
        let text = match (show(row.low), show(row.high)) {
            (Some(l), Some(h)) => format!("{l} to {h}"),
            _ => "can't be worked out at one end".to_owned(),
        };
        items.push_str(&format!(
            r#"<li data-sensitivity="{}" data-low="{}" data-high="{}">{}: {}</li>"#,
            row.input.id,
            row.low.map(format::plain).unwrap_or_default(),
            row.high.map(format::plain).unwrap_or_default(),
            escape(row.input.label),
            escape(&text)
        ));
    }
    let axis_bottom = top + row_h * t.rows.len();
    let today = escape(&show(Some(t.base)).unwrap_or_default());
    let height = axis_bottom + 22;
    let name = escape(t.headline.label);
    format!(
        r##"<figcaption>{name} with each figure {step} % lower and higher, largest effect first</figcaption><svg viewBox="0 0 320 {height}" role="img" aria-label="Sensitivity of {name}: {}"><title>Sensitivity of {name}</title><rect x="4" y="6" width="12" height="12" fill="{TORNADO_LOW}"/><text x="20" y="17" font-size="13" fill="currentColor">figure {step} % lower</text><rect x="164" y="6" width="12" height="12" fill="{TORNADO_HIGH}"/><text x="180" y="17" font-size="13" fill="currentColor">figure {step} % higher</text><rect x="159.5" y="{top}" width="1" height="{}" fill="{TORNADO_AXIS}"/><text x="160" y="{}" font-size="13" text-anchor="middle" fill="currentColor">today {today}</text>{rows}</svg><ol class="visually-hidden">{items}</ol>"##,
        escape(
            &t.rows
                .iter()
                .map(|r| format!(
                    "{}: {} to {}",
                    r.input.label,
                    show(r.low).unwrap_or_default(),
                    show(r.high).unwrap_or_default()
                ))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        axis_bottom - top,
        axis_bottom + 16,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn a_distribution_draws_one_bar_per_value() {
        let summary = ListSummary {
            count: 4,
            distribution: vec![(Decimal::from(7), 1), (Decimal::from(9), 3)],
        };
        let svg = distribution(&summary, Display::default(), false);
        assert!(svg.contains(r#"viewBox="0 0 2 100""#), "{svg}");
        assert!(svg.contains(r#"<rect class="bar-fill" x="1.1" y="0" width="0.8" height="100">"#));
        assert!(svg.contains(r#"data-value="7" data-count="1""#));
        assert!(!svg.contains("style="));
    }
}
