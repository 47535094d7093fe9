//! Two charts drawn in SVG, each with its numbers in text as well (never colour alone): the
//! NPS breakdown as a stacked bar, and the distribution of a pasted list of scores.

use crate::engine::evaluate::Evaluation;
use crate::engine::format;
use crate::engine::formula::Value;
use crate::engine::spec::Unit;
use crate::ui::settings::Settings;
use leptos::prelude::*;
use rust_decimal::Decimal;

const BANDS: [(&str, &str, &str); 3] = [
    ("detractors", "Detractors (0–6)", "band-detractors"),
    ("passives", "Passives (7–8)", "band-passives"),
    ("promoters", "Promoters (9–10)", "band-promoters"),
];

fn number(e: &Evaluation, id: &str) -> Option<Decimal> {
    match e.result(id)?.computed.value {
        Value::Number(v) => Some(v),
        _ => None,
    }
}

/// The promoter/passive/detractor breakdown as a stacked bar with a text legend.
///
/// Drawn as one string of SVG and list markup rather than as Leptos elements: it holds only
/// constant labels and formatted numbers (nothing typed), and one `inner_html` costs a small
/// share of the wasm that a reactive tree of SVG elements did (measured: 4.4 kB gzip).
#[component]
pub fn NpsChart(
    /// The NPS calculator's latest evaluation.
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    let markup = move || {
        let display = settings.display();
        evaluation.with(|e| {
            let mut rects = String::new();
            let mut legend = String::new();
            // SVG units are shares of 100, kept as decimals: no float formatting in the wasm.
            let mut x = Decimal::ZERO;
            for (id, label, class) in BANDS {
                let (Some(count), Some(pct)) = (number(e, id), number(e, &format!("{id}_pct")))
                else {
                    return String::new();
                };
                let width = pct.round_dp(3);
                rects.push_str(&format!(
                    r#"<rect class="{class}" x="{}" y="0" width="{}" height="8"><title>{label}</title></rect>"#,
                    format::plain(x),
                    format::plain(width)
                ));
                x = x.saturating_add(width);
                legend.push_str(&format!(
                    r#"<li><span class="swatch {class}" aria-hidden="true"></span>{label}: {} ({})</li>"#,
                    format::card(count, Unit::Count, display),
                    format::card(pct, Unit::Percent, display)
                ));
            }
            format!(
                r#"<figcaption>Breakdown of answers</figcaption><svg viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="Detractors, passives and promoters as shares of all answers">{rects}</svg><ul class="legend">{legend}</ul>"#
            )
        })
    };
    view! {
        <figure
            class="chart nps-chart"
            data-testid="nps-chart"
            inner_html=markup
        ></figure>
    }
}

/// How often each score occurs in a pasted list, as bars with their counts written on them.
#[component]
pub fn Distribution(
    /// The latest evaluation.
    evaluation: Memo<Evaluation>,
    /// The list input whose values are charted.
    input: &'static str,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    // Only while the results are computed from the list: no bars beside results of "—".
    let bars = move || {
        evaluation.with(|e| {
            e.field(input)
                .filter(|_| e.is_valid() && e.missing.is_empty())
                .and_then(|f| f.summary.as_ref())
                .map(|s| s.distribution.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <figure class="chart distribution" data-testid=format!("distribution-{input}") hidden=move || bars().is_empty()>
            <figcaption>"How often each value was given"</figcaption>
            <ol class="bars">
                {move || {
                    let bars = bars();
                    let max = bars.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
                    let display = settings.display();
                    bars.into_iter()
                        .map(|(value, n)| {
                            let height = n.saturating_mul(100) / max;
                            let label = format::grouped(value, 2, true, display.mark);
                            view! {
                                <li class="bar" data-value=format::plain(value) data-count=n>
                                    <span class="bar-count">{format::grouped(Decimal::from(n), 0, false, display.mark)}</span>
                                    <span class="bar-fill" style:height=format!("{height}%")></span>
                                    <span class="bar-label">{label}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </figure>
    }
}
