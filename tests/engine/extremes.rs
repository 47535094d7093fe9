//! Correct at the extremes: one regression case per defect an independent check found, each
//! the example of its class (the classes' properties are in `properties.rs`, and every shown
//! digit is checked against exact rationals in `differential.rs`).

use crate::support::*;
use cs_metrics::engine::catalogue;
use cs_metrics::engine::error::{InputError, Undefined};
use cs_metrics::engine::evaluate::Evaluation;
use cs_metrics::engine::format::{self, Display};
use cs_metrics::engine::formula::{Term, Value};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Result `id` as the card shows it (or why it shows none).
fn shown(calc: &str, ev: &Evaluation, id: &str) -> Result<String, Undefined> {
    let spec = catalogue::find(calc)
        .and_then(|c| c.result(id))
        .expect("result");
    let result = ev.result(id).expect("evaluated");
    format::result_text(&result.computed, spec, Display::default())
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

#[test]
fn annual_churn_below_100_stays_below_100() {
    // 997,097 of 1,000,000 lost over 11 months: (1 − 0.002903)^(12 / 11) is taken as the 11th
    // root first, then the 12th power (0.5880^12 = 0.001707), so it never falls below the
    // 28th decimal: 1 − 0.001707 = 99.83 %, not 100 %.
    let ev = run(
        "churn-rate",
        &[
            ("customers_start", "1000000"),
            ("customers_lost", "997097"),
            ("period_months", "11"),
        ],
    );
    close(&ev, "annual_churn_pct", "99.82931444589121309860774424");
    assert_eq!(
        shown("churn-rate", &ev, "annual_churn_pct"),
        Ok("99.8%".into())
    );
    // 1 left of 10^15 after a month: 1 − 10^−180 of the year is gone; below 100 all the same.
    let ev = run(
        "churn-rate",
        &[
            ("customers_start", "1000000000000000"),
            ("customers_lost", "999999999999999"),
        ],
    );
    let Value::Number(annual) = value(&ev, "annual_churn_pct") else {
        panic!("no annual churn")
    };
    assert!(annual < Decimal::ONE_HUNDRED, "{annual}");
}

#[test]
fn growth_per_client_comes_from_the_inputs_not_rounded_quotients() {
    // (rc × cp − rp × cc) × 100 / (rp × cc) = (1 × 3 − 1 × 3.00000000000000000001…) — the
    // per-client values 1/3 and 1/3.000… round alike at 28 digits; their difference does not.
    let ev = run(
        "sales-growth-per-client",
        &[
            ("revenue_previous", "1"),
            ("clients_previous", "3"),
            ("revenue_current", "1.00000000000000000001"),
            ("clients_current", "3"),
        ],
    );
    exact(&ev, "growth_pct", "0.000000000000000001");
    assert_eq!(
        shown("sales-growth-per-client", &ev, "growth_pct"),
        Ok("0.000000000000000001%".into())
    );
    // A previous revenue so small its per-client value rounds to 0: still −100 %.
    let ev = run(
        "sales-growth-per-client",
        &[
            ("revenue_previous", "0.0000000000000000001"),
            ("clients_previous", "1000000000000000"),
            ("revenue_current", "0"),
            ("clients_current", "1000000000000000"),
        ],
    );
    exact(&ev, "growth_pct", "-100");
}

#[test]
fn exact_values_come_out_exact() {
    // 74 touchpoints over 7 days: 74 × 7 / 7 = 74, not 73.999…997.
    let ev = run(
        "engagement-activity",
        &[
            ("touchpoints", "74"),
            ("accounts", "3"),
            ("period_days", "7"),
        ],
    );
    exact(&ev, "per_week", "74");
    assert_eq!(
        ev.result("per_week").map(|r| r.computed.err),
        Some(Decimal::ZERO)
    );
    // 2 of 3 scores of 1–5 averaging 4.5 of 5: 9 × 100 / (2 × 5) = 90 exactly.
    let ev = run("rating", &[("scores", "4 5")]);
    exact(&ev, "average_pct_of_max", "90");
    // LTV 300 from ARPA 10, churn 3 %, margin 90 % against CAC 90: 10 × 90 / (3 × 90) = 3.33…;
    // against CAC 100: 900 / 300 = exactly 3, "healthy", however LTV rounds.
    let ev = run(
        "ltv-cac",
        &[
            ("mode", "arpa"),
            ("arpa", "10"),
            ("churn_pct", "3"),
            ("gross_margin_pct", "90"),
            ("cac", "100"),
        ],
    );
    exact(&ev, "ltv_cac_ratio", "3");
    verdict(&ev, "verdict", "healthy");
}

#[test]
fn digits_beyond_a_decimal_are_never_shown() {
    // 767,297,499,904,188 × 48,665,663,425,636.26809734451 = 37,341,041,877,669,389,876,285,
    // 137,043.1… needs 40 digits: its cents can't be known, so it is not shown.
    let ev = run(
        "mrr",
        &[
            ("active_customers", "767297499904188"),
            ("arpa", "48665663425636.26809734451"),
        ],
    );
    assert!(matches!(value(&ev, "mrr"), Value::Number(_)));
    assert_eq!(shown("mrr", &ev, "mrr"), Err(Undefined::Imprecise));
    assert_eq!(
        Undefined::Imprecise.message(),
        "These figures are too large or too finely balanced to compute this exactly."
    );
    // Large but exact: shown to the cent.
    let ev = run(
        "mrr",
        &[
            ("active_customers", "100000000000000"),
            ("arpa", "123456.78"),
        ],
    );
    assert_eq!(
        shown("mrr", &ev, "mrr"),
        Ok("$12,345,678,000,000,000,000.00".into())
    );
}

#[test]
fn no_term_of_a_working_shows_as_zero() {
    // NRR from a starting ARR of 0.0000000062668: the working shows it, not "$0".
    let ev = run(
        "nrr",
        &[
            ("starting_arr", "0.0000000062668"),
            ("expansion", "0.000000001"),
            ("downsell", "0"),
            ("churn", "0"),
        ],
    );
    let terms = ev
        .result("nrr_pct")
        .and_then(|r| r.computed.working.clone())
        .expect("working");
    let text: String = terms
        .iter()
        .map(|t| match t {
            Term::Sym(s) => (*s).to_owned(),
            Term::Num(v, u) | Term::Named(v, u, _) => {
                format::working_term(*v, *u, Display::default())
            }
        })
        .collect();
    assert!(text.contains("$0.000000006267"), "{text}");
    assert!(!text.contains("/ $0 ×"), "{text}");
    assert_eq!(
        format::working_term(
            d("0.00001234567"),
            cs_metrics::engine::spec::Unit::Plain,
            Display::default()
        ),
        "0.00001235"
    );
}

#[test]
fn an_invalid_first_line_is_an_error_not_a_header() {
    // "NaN" then 9, 10: the NaN is entry 1, refused; NPS waits instead of reading 100.
    let ev = run("nps", &[("scores", "NaN\n9,10")]);
    let InputError::BadEntries { shown, total } = field_error(&ev, "scores") else {
        panic!("no bad entries")
    };
    assert_eq!((total, shown[0].position), (1, 1));
    undefined(&ev, "nps", Undefined::WaitingForInputs);
    // "1e400" then 5 as days: refused, not an average of 5.
    let ev = run("time-to-first-value", &[("days", "1e400\n5")]);
    assert!(matches!(
        field_error(&ev, "days"),
        InputError::BadEntries { .. }
    ));
    // A real header is still skipped.
    let ev = run(
        "nps",
        &[("scores", "How likely are you to recommend us?\n9\n10")],
    );
    exact(&ev, "nps", "100");
}

#[test]
fn a_rounded_figure_never_contradicts_its_verdict() {
    // LTV 2.99999999999999999999 against CAC 1: below target, and shown "just under 3.00:1".
    let ev = run(
        "ltv-cac",
        &[("ltv", "2.99999999999999999999"), ("cac", "1")],
    );
    verdict(&ev, "verdict", "below-target");
    assert_eq!(
        shown("ltv-cac", &ev, "ltv_cac_ratio"),
        Ok("just under 3.00:1".into())
    );
    // 2.996 needs one more decimal, not words.
    let ev = run("ltv-cac", &[("ltv", "2.996"), ("cac", "1")]);
    assert_eq!(shown("ltv-cac", &ev, "ltv_cac_ratio"), Ok("2.996:1".into()));
    // 5.001: above 5 is "under-investing", shown 5.001, not a "healthy-looking" 5.00.
    let ev = run("ltv-cac", &[("ltv", "5.001"), ("cac", "1")]);
    verdict(&ev, "verdict", "under-investing");
    assert_eq!(shown("ltv-cac", &ev, "ltv_cac_ratio"), Ok("5.001:1".into()));
    // Exactly 5 is healthy and shows 5.00.
    let ev = run("ltv-cac", &[("ltv", "5"), ("cac", "1")]);
    assert_eq!(shown("ltv-cac", &ev, "ltv_cac_ratio"), Ok("5.00:1".into()));
    // Health score 79.99999: stable, "just under 80.0".
    let ev = run("health-score", &[("usage", "79.99999")]);
    verdict(&ev, "band", "stable");
    assert_eq!(
        shown("health-score", &ev, "health_score"),
        Ok("just under 80.0".into())
    );
    // A ratio too large to hold still has its verdict.
    let ev = run(
        "ltv-cac",
        &[("ltv", "363033524849502"), ("cac", "0.0000000000000009241")],
    );
    verdict(&ev, "verdict", "under-investing");
}

#[test]
fn thresholds_round_towards_their_target() {
    // Churn that gives 3:1 with ARPA 100, margin 99 %, CAC 1,600: 9,900 / 4,800 = 2.0625 %,
    // shown "at most 2.06%" (2.1 % would give 2.95:1).
    let ev = run(
        "ltv-cac",
        &[
            ("mode", "arpa"),
            ("arpa", "100"),
            ("churn_pct", "2"),
            ("gross_margin_pct", "99"),
            ("cac", "1600"),
        ],
    );
    exact(&ev, "churn_for_3x_pct", "2.0625");
    assert_eq!(
        shown("ltv-cac", &ev, "churn_for_3x_pct"),
        Ok("at most 2.06%".into())
    );
    let back = run(
        "ltv-cac",
        &[
            ("mode", "arpa"),
            ("arpa", "100"),
            ("churn_pct", "2.06"),
            ("gross_margin_pct", "99"),
            ("cac", "1600"),
        ],
    );
    verdict(&back, "verdict", "healthy");
}

#[test]
fn a_quotient_is_taken_in_the_order_that_keeps_it_exact() {
    // ARPA 2e−14 × margin 0.999999999999999 % / (churn 2 % × CAC 2.4e−15): ARPA × margin has
    // 29 decimals, but margin / CAC × ARPA / churn is exact at every step: 4.1666666666666625.
    let ev = run(
        "ltv-cac",
        &[
            ("mode", "arpa"),
            ("arpa", "0.000000000000020"),
            ("churn_pct", "2"),
            ("gross_margin_pct", "0.999999999999999"),
            ("cac", "0.0000000000000024"),
        ],
    );
    exact(&ev, "ltv_cac_ratio", "4.1666666666666625");
    assert_eq!(
        ev.result("ltv_cac_ratio").map(|r| r.computed.err),
        Some(Decimal::ZERO)
    );
}

#[test]
fn a_count_needed_just_above_a_whole_number_is_never_one_too_few() {
    // The exact quotient is 999,999,999,998,952.000000000000192: a decimal's 28 digits cannot
    // tell it from 952 exactly, so the app may call it undecided but must never show 952.
    let ev = run(
        "nps",
        &[
            ("mode", "counts"),
            ("promoters", "1072"),
            ("passives", "1000000000000000"),
            ("detractors", "1000000000000000"),
            ("target_nps", "0.0000000000008"),
        ],
    );
    match shown("nps", &ev, "promoters_needed") {
        Ok(text) => assert!(text.contains("953"), "{text}"),
        Err(e) => assert!(
            matches!(e, Undefined::Imprecise | Undefined::Overflow),
            "{e:?}"
        ),
    }
}
