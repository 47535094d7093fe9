//! Result cards: the formatted value in an element carrying `data-result` and the exact
//! `data-value`, the reason when it is undefined, the verdict's sentence, and the working.

use crate::engine::error::Undefined;
use crate::engine::evaluate::Evaluation;
use crate::engine::format;
use crate::engine::formula::Value;
use crate::engine::spec::{Calculator, ResultSpec};
use crate::ui::settings::Settings;
use leptos::prelude::*;

/// The results of a calculator: its headline (the first result, shown large) or the others.
#[component]
pub fn Results(
    /// The calculator whose results these are.
    calc: &'static Calculator,
    /// The latest evaluation.
    evaluation: Memo<Evaluation>,
    /// The headline alone (true) or every other result (false).
    headline: bool,
) -> impl IntoView {
    let (first, rest) = calc.results.split_at(usize::from(!calc.results.is_empty()));
    let shown = if headline { first } else { rest };
    shown
        .iter()
        .map(|spec| view! { <ResultCard spec=spec evaluation=evaluation primary=headline /> })
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
    // The text shown, or why there is none: a number whose digits can't all be vouched for
    // is undefined, like any other.
    let text = move || computed().map(|c| format::result_text(&c, spec, settings.display()));
    let value = move || {
        computed().map(|c| match text() {
            Some(Err(reason)) => Value::Undefined(reason),
            _ => c.value,
        })
    };
    let shown = move || match text() {
        Some(Ok(text)) => text,
        _ => "—".to_owned(),
    };
    let tone = move || match value() {
        Some(Value::Verdict(v)) => format!("result tone-{}", v.tone.id()),
        Some(Value::Undefined(_)) => "result result-undefined".to_owned(),
        _ => "result".to_owned(),
    };
    // While inputs are missing or invalid, one line above the cards says so; the cards stay
    // quiet instead of repeating it.
    let sentence = move || match value() {
        Some(Value::Verdict(v)) => Some(v.sentence),
        Some(Value::Undefined(Undefined::WaitingForInputs)) => None,
        Some(Value::Undefined(reason)) => Some(reason.message()),
        _ => None,
    };
    let working = move || {
        let c = computed()?;
        let shown = text()?.ok()?;
        let terms = c.working.as_ref()?;
        Some(format::working(
            spec.label,
            terms,
            &shown,
            settings.display(),
        ))
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

/// What the results wait for, if anything: the blank required fields or the invalid ones.
#[component]
pub fn Waiting(
    /// The calculator.
    calc: &'static Calculator,
    /// The latest evaluation.
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    let text = move || {
        evaluation.with(|e| {
            let labels = |ids: Vec<&str>| -> String {
                let names: Vec<&str> = ids
                    .iter()
                    .filter_map(|id| calc.input(id).map(|i| i.label))
                    .collect();
                names.join(", ")
            };
            let invalid: Vec<&str> = e
                .fields
                .iter()
                .filter(|f| f.error.is_some())
                .map(|f| f.id)
                .collect();
            if !invalid.is_empty() {
                Some(format!("Correct {} to see the results.", labels(invalid)))
            } else if !e.missing.is_empty() {
                Some(format!(
                    "Fill in {} to see the results.",
                    labels(e.missing.clone())
                ))
            } else {
                None
            }
        })
    };
    view! {
        <p class="waiting" data-testid="waiting" hidden=move || text().is_none()>
            {text}
        </p>
    }
}
