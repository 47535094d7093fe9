//! Charts in a calculator view: the engine draws them (SVG text from the definition and the
//! evaluation, with the numbers in text too); this only places the markup. One `inner_html`
//! costs far less wasm than a reactive tree of SVG elements, and the markup holds only the
//! catalogue's labels and formatted numbers, escaped.

use crate::engine::charts;
use crate::engine::evaluate::Evaluation;
use crate::engine::spec::Chart;
use crate::ui::settings::Settings;
use leptos::prelude::*;

/// The chart of a calculator's definition.
#[component]
pub fn DefinedChart(
    /// What to draw.
    chart: Chart,
    /// The latest evaluation.
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    let markup = move || evaluation.with(|e| charts::render(&chart, e, settings.display()));
    view! { <figure class="chart shares-chart" data-testid="chart" inner_html=markup></figure> }
}

/// How often each value of a list input occurs, while the results are computed from it.
#[component]
pub fn Distribution(
    /// The latest evaluation.
    evaluation: Memo<Evaluation>,
    /// The list input charted.
    input: &'static str,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    // Only while the results are computed from the list: no bars beside results of "—".
    let markup = move || {
        evaluation.with(|e| {
            e.field(input)
                .filter(|_| e.is_valid() && e.missing.is_empty())
                .and_then(|f| f.summary.as_ref())
                .map(|s| charts::distribution(s, settings.display()))
                .unwrap_or_default()
        })
    };
    view! {
        <figure class="chart distribution" data-testid=format!("distribution-{input}") inner_html=markup></figure>
    }
}
