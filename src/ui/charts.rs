//! Charts in a calculator view: the engine draws them (SVG text from the definition and the
//! evaluation, with the numbers in text too); this places the list's distribution and offers
//! every chart as a file: SVG, and PNG drawn from the same SVG in the browser. Making the
//! files is loaded on first use.

use crate::engine::charts;
use crate::engine::evaluate::{Evaluation, ListSummary};
use crate::engine::format::Display;
use crate::engine::spec::Calculator;
use crate::ui::browser;
use crate::ui::lazy::lazy;
use crate::ui::settings::Settings;
use leptos::prelude::*;

/// What a chart file is drawn from.
#[derive(Clone, Copy)]
pub(crate) enum Source {
    /// A calculator's own chart, from its latest evaluation.
    Defined(&'static Calculator, Memo<Evaluation>),
    /// The distribution of a list, while there is one, and whether it is on the NPS scale.
    Distribution(Memo<Option<ListSummary>>, bool),
}

impl Source {
    fn document(self, display: Display) -> Option<String> {
        match self {
            Source::Defined(calc, evaluation) => {
                let chart = calc.chart?;
                evaluation.with_untracked(|e| charts::standalone(&chart, e, display))
            }
            Source::Distribution(summary, nps) => summary.with_untracked(|s| {
                s.as_ref()
                    .and_then(|s| charts::standalone_distribution(s, display, nps))
            }),
        }
    }
}

lazy! { chart_files:
    /// Downloads the chart as `name`.svg or `name`.png; says in `status` what went wrong.
    fn save_chart(source: Source, png: bool, name: String, display: Display, status: RwSignal<String>) {
        if let Some(doc) = source.document(display) {
            if png {
                browser::download_png(&format!("{name}.png"), &doc, charts::EXPORT_SIZE, move |ok| {
                    status.try_set(if ok {
                        String::new()
                    } else {
                        "The PNG couldn't be made in this browser: try the SVG.".to_owned()
                    });
                });
            } else {
                let outcome = browser::download(&format!("{name}.svg"), &doc, "image/svg+xml");
                status.set(outcome.err().unwrap_or_default().to_owned());
            }
        }
    }
}

/// "Download chart" as SVG and PNG, while the chart can be drawn.
#[component]
fn ChartDownloads(
    /// The file name, without extension.
    name: String,
    /// What the chart is drawn from.
    source: Source,
    /// Whether it can be drawn now.
    drawable: Signal<bool>,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    let status = RwSignal::new(String::new());
    let testid = |format: &str| format!("{name}-{format}");
    let (svg_id, png_id) = (testid("svg"), testid("png"));
    let save = move |png: bool| {
        let display = settings.display();
        let name = name.clone();
        leptos::task::spawn_local(async move {
            if save_chart(source, png, name, display, status)
                .await
                .is_err()
            {
                status.try_set(crate::ui::lazy::NOT_LOADED.to_owned());
            }
        });
    };
    view! {
        <div class="actions chart-downloads" hidden=move || !drawable.get()>
            <span class="chart-downloads-label">"Download chart:"</span>
            <button type="button" class="button button-quiet button-small" aria-label="Download chart as SVG" data-testid=svg_id on:click={let save = save.clone(); move |_| save(false)}>"SVG"</button>
            <button type="button" class="button button-quiet button-small" aria-label="Download chart as PNG" data-testid=png_id on:click=move |_| save(true)>"PNG"</button>
            <span class="action-status" role="status">{move || status.get()}</span>
        </div>
    }
}

/// The downloads of a calculator's own chart (drawn in its results).
#[component]
pub fn DefinedChartDownloads(
    /// The calculator.
    calc: &'static Calculator,
    /// The latest evaluation.
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    let Some(chart) = calc.chart else {
        return ().into_any();
    };
    let drawable = Signal::derive(move || evaluation.with(|e| charts::drawable(&chart, e)));
    let name = format!("cs-metrics-{}-chart", calc.id);
    view! { <ChartDownloads name=name source=Source::Defined(calc, evaluation) drawable=drawable /> }
        .into_any()
}

/// How often each value of a list input occurs, while the results are computed from it.
#[component]
pub fn Distribution(
    /// The latest evaluation.
    evaluation: Memo<Evaluation>,
    /// The list input charted.
    input: &'static str,
    /// Whether its answers are on the NPS scale (bars coloured by group).
    nps: bool,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    // Only while the results are computed from the list: no bars beside results of "—".
    let summary = Memo::new(move |_| {
        evaluation.with(|e| {
            e.field(input)
                .filter(|_| e.is_valid() && e.missing.is_empty())
                .and_then(|f| f.summary.clone())
                .filter(|s| !s.distribution.is_empty())
        })
    });
    let markup = move || {
        summary.with(|s| {
            s.as_ref()
                .map(|s| charts::distribution(s, settings.display(), nps))
                .unwrap_or_default()
        })
    };
    let drawable = Signal::derive(move || summary.with(Option::is_some));
    let name = format!("cs-metrics-{input}-distribution");
    view! {
        <figure class="chart distribution" data-testid=format!("distribution-{input}") inner_html=markup></figure>
        <ChartDownloads name=name source=Source::Distribution(summary, nps) drawable=drawable />
    }
}
