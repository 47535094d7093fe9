//! Every reason a calculator gives for an undefined result speaks of that calculator: it
//! names only things the calculator has (no "cost per customer" on a referral rate, no
//! "periods" where there are none), and it asks to enter a figure only while one is blank.
//!
//! The reasons are found by probing: each calculator, in each of its modes, from its example
//! with every number set to 0 in turn, all of them at 0, and each optional input left blank.

use cs_metrics::engine::catalogue::ALL;
use cs_metrics::engine::error::Undefined;
use cs_metrics::engine::evaluate::{evaluate, ReadOptions};
use cs_metrics::engine::formula::Value;
use cs_metrics::engine::spec::{Calculator, Kind, Need};
use std::collections::{BTreeMap, BTreeSet};

/// Things a reason may speak of, each with the word stems that show a calculator has it
/// (in its name, summary, labels or hints). A reason mentioning the thing (first stem) is
/// fine only on a calculator whose own texts mention one of its stems.
const THINGS: &[(&str, &[&str])] = &[
    ("csm", &["csm"]),
    ("period", &["period", "quarter", "month"]),
    ("cost", &["cost", "spend", "cac"]),
    ("client", &["client"]),
    ("customer", &["customer"]),
    ("account", &["account"]),
    ("ticket", &["ticket"]),
    ("survey", &["survey"]),
    ("answer", &["answer", "response", "score"]),
    ("response", &["answer", "response", "score"]),
    ("renewal", &["renew"]),
    ("revenue", &["revenue", "mrr"]),
    ("mrr", &["mrr"]),
    ("churn", &["churn"]),
    ("margin", &["margin"]),
    ("arpa", &["arpa"]),
    ("cac", &["cac"]),
    ("ltv", &["ltv", "lifetime"]),
    ("weight", &["weight"]),
    ("component", &["component"]),
    ("unit", &["unit"]),
    ("expansion", &["expansion", "expand"]),
    ("quarter", &["quarter"]),
    ("target", &["target"]),
    ("discount", &["discount"]),
    ("promoter", &["promoter", "nps"]),
    ("passive", &["passive", "nps"]),
    ("detractor", &["detractor", "nps"]),
    ("day", &["day"]),
    ("referr", &["referr", "refer"]),
];

/// Reasons that ask for a figure of another mode (switching the mode is the way out), so
/// they are right even when every shown field is filled in.
const ASKS_FOR_ANOTHER_MODE: &[&str] = &["needs-arpa", "needs-list", "seek-discounted"];

/// Every text a calculator shows of itself, lower-cased.
fn own_words(calc: &Calculator) -> String {
    let mut words = format!("{} {} {}", calc.id, calc.name, calc.summary);
    for input in calc.inputs {
        words.push_str(&format!(" {} {} {}", input.id, input.label, input.hint));
        if let Kind::Choice(options) = input.kind {
            for option in options {
                words.push_str(&format!(" {} {}", option.id, option.label));
            }
        }
    }
    for result in calc.results {
        words.push_str(&format!(" {} {}", result.id, result.label));
    }
    words.to_lowercase().replace('_', " ")
}

/// The example's pairs of a calculator, as (id, text).
fn example(calc: &Calculator) -> BTreeMap<String, String> {
    calc.example
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The input sets a probe tries: the example in each mode, each number at 0 in turn, all at
/// 0, each optional input blank.
fn probes(calc: &Calculator) -> Vec<BTreeMap<String, String>> {
    let base = example(calc);
    let mut modes: Vec<BTreeMap<String, String>> = vec![base.clone()];
    for choice in calc.choices() {
        let Kind::Choice(options) = choice.kind else {
            continue;
        };
        let mut more = Vec::new();
        for figures in &modes {
            for option in options {
                let mut with = figures.clone();
                with.insert(choice.id.to_owned(), option.id.to_owned());
                more.push(with);
            }
        }
        modes = more;
    }
    let mut out = Vec::new();
    for figures in modes {
        let numbers: Vec<&str> = calc
            .inputs
            .iter()
            .filter(|i| !matches!(i.kind, Kind::Choice(_)))
            .map(|i| i.id)
            .collect();
        for id in &numbers {
            let mut zero = figures.clone();
            zero.insert((*id).to_owned(), "0".to_owned());
            out.push(zero);
        }
        let mut all_zero = figures.clone();
        for id in &numbers {
            all_zero.insert((*id).to_owned(), "0".to_owned());
        }
        out.push(all_zero);
        for input in calc.inputs.iter().filter(|i| i.need == Need::Optional) {
            let mut blank = figures.clone();
            blank.insert(input.id.to_owned(), String::new());
            out.push(blank);
        }
        out.push(figures);
    }
    out
}

/// Each reason a probe of `calc` gave, with whether every shown field was filled in then.
fn reasons(calc: &Calculator) -> Vec<(&'static str, &'static str, bool, String)> {
    let mut found = Vec::new();
    for figures in probes(calc) {
        let e = evaluate(
            calc,
            |key| figures.get(key).map(String::as_str),
            ReadOptions::default(),
        );
        let all_filled = e.fields.iter().all(|f| {
            figures.get(f.id).is_some_and(|t| !t.trim().is_empty())
                || calc.input(f.id).is_some_and(|i| i.default.is_some())
        });
        for r in &e.results {
            if let Value::Undefined(Undefined::Because(reason)) = r.computed.value {
                let shown: Vec<String> = figures.iter().map(|(k, v)| format!("{k}={v}")).collect();
                found.push((reason.id, reason.message, all_filled, shown.join("&")));
            }
        }
    }
    found
}

#[test]
fn every_reason_names_only_what_its_calculator_has() {
    let mut wrong = BTreeSet::new();
    let mut seen = 0;
    for calc in ALL {
        let own = own_words(calc);
        for (id, message, _, figures) in reasons(calc) {
            seen += 1;
            let said = message.to_lowercase();
            for (thing, stems) in THINGS {
                if said.contains(thing) && !stems.iter().any(|s| own.contains(s)) {
                    wrong.insert(format!(
                        "{}: reason {id} speaks of “{thing}”: “{message}” (at {figures})",
                        calc.id
                    ));
                }
            }
        }
    }
    assert!(seen > 50, "the probes found only {seen} reasons");
    assert!(wrong.is_empty(), "{}", Vec::from_iter(wrong).join("\n"));
}

#[test]
fn a_reason_asks_for_a_figure_only_while_one_is_blank() {
    let mut wrong = BTreeSet::new();
    for calc in ALL {
        for (id, message, all_filled, figures) in reasons(calc) {
            let asks = ["Enter ", "Fill in ", "Paste "]
                .iter()
                .any(|w| message.starts_with(w));
            if asks && all_filled && !ASKS_FOR_ANOTHER_MODE.contains(&id) {
                wrong.insert(format!(
                    "{}: reason {id} asks for a figure although every field is filled in: \
                     “{message}” (at {figures})",
                    calc.id
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", Vec::from_iter(wrong).join("\n"));
}
