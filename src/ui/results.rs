//! Result cards: the formatted value in an element carrying `data-result` and the exact
//! `data-value`, the reason when it is undefined, the verdict's sentence, and the working.

use crate::engine::evaluate::Evaluation;
use crate::engine::expr::Value;
use crate::engine::format;
use crate::engine::spec::{Calculator, ResultSpec};
use crate::ui::settings::Settings;
use leptos::prelude::*;

/// Every result of a calculator, the first one large.
#[component]
pub fn Results(
    /// The calculator whose results these are.
    calc: &'static Calculator,
    /// The latest evaluation.
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    calc.results
        .iter()
        .enumerate()
        .map(|(i, spec)| view! { <ResultCard spec=spec evaluation=evaluation primary=i == 0 /> })
        .collect_view()
}

/// The exact value kept in `data-value`: a plain decimal, a verdict's id, or empty.
fn data_value(value: &Value) -> String {
    match value {
        Value::Number(v) => format::plain(*v),
        Value::Verdict(v) => v.id.to_owned(),
        Value::Undefined(_) => String::new(),
    }
}

/// One result.
#[component]
fn ResultCard(
    /// The result's definition.
    spec: &'static ResultSpec,
    /// The latest evaluation.
    evaluation: Memo<Evaluation>,
    /// Shown large.
    primary: bool,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    let computed = move || evaluation.with(|e| e.result(spec.id).map(|r| r.computed.clone()));
    let value = move || computed().map(|c| c.value);
    let shown = move || {
        let display = settings.display();
        match value() {
            Some(Value::Number(v)) => format::card(v, spec.unit, display),
            Some(Value::Verdict(v)) => v.label.to_owned(),
            _ => "—".to_owned(),
        }
    };
    let tone = move || match value() {
        Some(Value::Verdict(v)) => format!("result tone-{}", v.tone.id()),
        Some(Value::Undefined(_)) => "result result-undefined".to_owned(),
        _ => "result".to_owned(),
    };
    let sentence = move || match value() {
        Some(Value::Verdict(v)) => Some(v.sentence),
        Some(Value::Undefined(reason)) => Some(reason.message()),
        _ => None,
    };
    let working = move || {
        let c = computed()?;
        let (Value::Number(v), Some(terms)) = (c.value, c.working.as_ref()) else { return None };
        Some(format::working(spec.label, terms, v, spec.unit, settings.display()))
    };
    let label_id = format!("label-{}", spec.id);
    view! {
        <div class=tone class:result-primary=primary hidden=move || computed().is_none()>
            <span class="result-label" id=label_id.clone()>{spec.label}</span>
            <output
                class="result-value"
                aria-labelledby=label_id
                data-result=spec.id
                data-value=move || value().map(|v| data_value(&v)).unwrap_or_default()
            >
                {shown}
            </output>
            {move || sentence().map(|s| view! { <p class="result-sentence">{s}</p> })}
            {move || working().map(|w| view! { <p class="working" data-working=spec.id>{w}</p> })}
        </div>
    }
}
