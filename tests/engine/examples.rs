//! The worked examples of `tests/examples.txt` (shared with the browser tests): every
//! calculator has at least one, each opens from its link with the results the line expects,
//! and its bad value gets the message the line names.

use crate::support::*;
use cs_metrics::engine::catalogue::{self, ALL};
use cs_metrics::engine::evaluate::{evaluate, ReadOptions};
use cs_metrics::engine::locale::DecimalMark;
use cs_metrics::engine::state::start::{start, Found, StorageUnavailable};

/// One line of the table.
pub struct Example {
    pub query: &'static str,
    pub exact: Vec<(&'static str, &'static str)>,
    pub close: Vec<(&'static str, &'static str)>,
    pub bad: Option<(&'static str, &'static str, &'static str)>,
}

/// Every example, in the file's order.
pub fn examples() -> Vec<Example> {
    include_str!("../examples.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut columns = line.split(" | ");
            let query = columns.next().unwrap_or_default();
            let mut example = Example {
                query,
                exact: Vec::new(),
                close: Vec::new(),
                bad: None,
            };
            for item in columns.next().unwrap_or_default().split_whitespace() {
                if let Some((id, v)) = item.split_once('~') {
                    example.close.push((id, v));
                } else if let Some((id, v)) = item.split_once('=') {
                    example.exact.push((id, v));
                }
            }
            if let Some(bad) = columns.next() {
                let (assignment, words) = bad.split_once(" ! ").expect("bad value ! words");
                let (id, text) = assignment.split_once('=').expect("input=text");
                example.bad = Some((id, text, words));
            }
            example
        })
        .collect()
}

fn calc_of(query: &str) -> &str {
    query
        .split('&')
        .find_map(|p| p.strip_prefix("calc="))
        .expect("calc=")
}

#[test]
fn every_calculator_has_a_worked_example() {
    let covered: Vec<&str> = examples().iter().map(|e| calc_of(e.query)).collect();
    for calc in ALL {
        assert!(
            covered.contains(&calc.id),
            "{} has no line in tests/examples.txt",
            calc.id
        );
    }
}

#[test]
fn every_worked_example_opens_from_its_link_with_its_results() {
    for example in examples() {
        let calc = catalogue::find(calc_of(example.query)).expect("known calculator");
        let found = Found {
            query: example.query,
            record: Err(StorageUnavailable),
            written: None,
            now_ms: 0,
            embed: true,
        };
        let sheet = start(calc, &found, DecimalMark::Dot).sheet;
        let texts = &sheet.base().texts;
        let ev = evaluate(
            calc,
            |id| texts.get(id).map(String::as_str),
            ReadOptions::default(),
        );
        for (id, want) in &example.exact {
            // `id=` with nothing after it: no value (an undefined result, with its reason).
            if want.is_empty() {
                assert!(
                    matches!(
                        value(&ev, id),
                        cs_metrics::engine::formula::Value::Undefined(_)
                    ),
                    "{id}: expected no value in {}",
                    example.query
                );
                continue;
            }
            if let Some(result) = calc.result(id) {
                if matches!(
                    value(&ev, result.id),
                    cs_metrics::engine::formula::Value::Verdict(_)
                ) {
                    verdict(&ev, id, want);
                    continue;
                }
            }
            exact(&ev, id, want);
        }
        for (id, want) in &example.close {
            close(&ev, id, want);
        }
        if let Some((input, text, words)) = example.bad {
            let bad = evaluate(
                calc,
                |id| {
                    if id == input {
                        Some(text)
                    } else {
                        texts.get(id).map(String::as_str)
                    }
                },
                ReadOptions::default(),
            );
            let label = calc.input(input).map(|i| i.label).unwrap_or_default();
            let message = field_error(&bad, input).message(label);
            assert!(message.contains(words), "{}: {message}", example.query);
        }
    }
}
