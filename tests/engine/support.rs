//! Helpers shared by the engine tests.

use cs_metrics::engine::catalogue;
use cs_metrics::engine::error::{InputError, Undefined};
use cs_metrics::engine::evaluate::{evaluate, Evaluation, ReadOptions};
use cs_metrics::engine::formula::Value;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Evaluates calculator `id` with these (input, text) pairs, decimal dot.
pub fn run(id: &str, inputs: &[(&str, &str)]) -> Evaluation {
    run_with(id, inputs, ReadOptions::default())
}

/// Evaluates calculator `id` with explicit read options.
pub fn run_with(id: &str, inputs: &[(&str, &str)], options: ReadOptions) -> Evaluation {
    let calc = catalogue::find(id).unwrap_or_else(|| panic!("no calculator {id}"));
    evaluate(
        calc,
        |key| inputs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v),
        options,
    )
}

/// The value of result `id`.
pub fn value(ev: &Evaluation, id: &str) -> Value {
    ev.result(id)
        .unwrap_or_else(|| panic!("no result {id} in {ev:?}"))
        .computed
        .value
}

/// Asserts result `id` equals `want` exactly (as decimals: 60 == 60.0).
#[track_caller]
pub fn exact(ev: &Evaluation, id: &str, want: &str) {
    let want = Decimal::from_str(want).expect("expected value parses");
    match value(ev, id) {
        Value::Number(got) => assert_eq!(got, want, "{id}"),
        other => panic!(
            "{id}: expected {want}, got {other:?}; fields {:?}",
            ev.fields
        ),
    }
}

/// Asserts result `id` is within 1e-12 of `want` (for non-terminating decimals).
#[track_caller]
pub fn close(ev: &Evaluation, id: &str, want: &str) {
    let want = Decimal::from_str(want).expect("expected value parses");
    match value(ev, id) {
        Value::Number(got) => {
            assert!(
                (got - want).abs() < Decimal::new(1, 12),
                "{id}: got {got}, want {want}"
            )
        }
        other => panic!("{id}: expected {want}, got {other:?}"),
    }
}

/// Asserts result `id` is undefined for `reason`.
#[track_caller]
pub fn undefined(ev: &Evaluation, id: &str, reason: Undefined) {
    assert_eq!(value(ev, id), Value::Undefined(reason), "{id}");
}

/// Asserts the verdict (or band) of result `id`.
#[track_caller]
pub fn verdict(ev: &Evaluation, id: &str, want: &str) {
    match value(ev, id) {
        Value::Verdict(v) => assert_eq!(v.id, want, "{id}"),
        other => panic!("{id}: expected verdict {want}, got {other:?}"),
    }
}

/// The error on field `id`.
#[track_caller]
pub fn field_error(ev: &Evaluation, id: &str) -> InputError {
    ev.field(id)
        .unwrap_or_else(|| panic!("no field {id}"))
        .error
        .clone()
        .unwrap_or_else(|| panic!("field {id} has no error: {ev:?}"))
}
