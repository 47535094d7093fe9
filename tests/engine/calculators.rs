//! One block per calculator: worked examples computed by hand (arithmetic in the comments),
//! boundaries, undefined cases and the relation checks.

use crate::support::*;
use cs_metrics::engine::catalogue;
use cs_metrics::engine::error::{InputError, Undefined};
use cs_metrics::engine::evaluate::ReadOptions;
use cs_metrics::engine::format::{self, Display};
use cs_metrics::engine::formula::Value;
use cs_metrics::engine::locale::DecimalMark;

// ---- Loyalty ---------------------------------------------------------------------------------

#[test]
fn nps_from_counts() {
    // n = 100; NPS = (70 − 10) / 100 × 100 = 60; p = .7, d = .1;
    // MoE = 1.96 × 100 × √((.8 − .36) / 100) = 196 × √.0044 = 13.0011691781931674…
    let ev = run(
        "nps",
        &[
            ("promoters", "70"),
            ("passives", "20"),
            ("detractors", "10"),
        ],
    );
    exact(&ev, "nps", "60");
    exact(&ev, "responses", "100");
    exact(&ev, "promoters_pct", "70");
    exact(&ev, "passives_pct", "20");
    exact(&ev, "detractors_pct", "10");
    close(&ev, "margin_of_error", "13.001169178193167408530536");
    close(&ev, "ci_low", "46.998830821806832591469463");
    close(&ev, "ci_high", "73.001169178193167408530536");
    undefined(
        &ev,
        "promoters_needed",
        cs_metrics::engine::calculators::loyalty::NO_TARGET,
    );
}

#[test]
fn nps_is_never_a_difference_of_rounded_shares() {
    // 120/45/30: (120 − 30) / 195 × 100 = 46.1538…, not 61.54 − 15.38 = 46.16.
    let ev = run(
        "nps",
        &[
            ("promoters", "120"),
            ("passives", "45"),
            ("detractors", "30"),
        ],
    );
    close(&ev, "nps", "46.153846153846153846153846");
    close(&ev, "margin_of_error", "10.467894576823527969382525");
    close(&ev, "ci_low", "35.685951577022625876771321");
    close(&ev, "ci_high", "56.621740730669681815536371");
    let result = ev.result("nps").expect("nps");
    let terms = result.computed.working.as_ref().expect("working");
    let Value::Number(v) = result.computed.value else {
        panic!("nps undefined")
    };
    let spec = cs_metrics::engine::catalogue::find("nps")
        .and_then(|c| c.result("nps"))
        .expect("nps result");
    let shown = format::result_text(&result.computed, spec, Display::default()).expect("shown");
    assert_eq!(shown, format::card(v, spec.unit, Display::default()));
    let text = format::working("NPS", terms, &shown, Display::default());
    assert_eq!(text, "NPS = (120 − 30) / 195 × 100 = 46.2");
}

#[test]
fn nps_from_scores() {
    // 0 is a detractor, 7 a passive, 9 a promoter: NPS = (1 − 1) / 3 × 100 = 0.
    let ev = run("nps", &[("scores", "0,7,9")]);
    assert_eq!(ev.mode.primary(), Some("scores"));
    exact(&ev, "nps", "0");
    exact(&ev, "promoters", "1");
    exact(&ev, "passives", "1");
    exact(&ev, "detractors", "1");
    // Bands: 9–10 promoters (3), 7–8 passives (2), 0–6 detractors (2).
    let ev = run("nps", &[("scores", "Score\n10\n9\n9\n8\n7\n6\n0")]);
    exact(&ev, "promoters", "3");
    exact(&ev, "passives", "2");
    exact(&ev, "detractors", "2");
    close(&ev, "nps", "14.285714285714285714285714"); // (3 − 2) / 7 × 100
    let note = ev
        .field("scores")
        .and_then(|f| f.note.clone())
        .unwrap_or_default();
    assert!(note.contains("“Score” as a header"), "{note}");
}

#[test]
fn nps_target_promoters_needed() {
    // (50 × 195 − 100 × (120 − 30)) / (100 − 50) = (9750 − 9000) / 50 = 15; check:
    // (135 − 30) / 210 = 50 %.
    let base = [
        ("promoters", "120"),
        ("passives", "45"),
        ("detractors", "30"),
    ];
    let with = |t: &'static str| {
        let mut v = base.to_vec();
        v.push(("target_nps", t));
        run("nps", &v)
    };
    exact(&with("50"), "promoters_needed", "15");
    exact(&with("46"), "promoters_needed", "0"); // already above
    exact(&with("-100"), "promoters_needed", "0");
    undefined(
        &with("100"),
        "promoters_needed",
        cs_metrics::engine::calculators::loyalty::TARGET_UNREACHABLE,
    );
    // 70/20/10 to 61: (61 × 100 − 6000) / 39 = 2.56 → 3; 62/102 = 60.8 < 61 ≤ 63/103 = 61.2.
    let ev = run(
        "nps",
        &[
            ("promoters", "70"),
            ("passives", "20"),
            ("detractors", "10"),
            ("target_nps", "61"),
        ],
    );
    exact(&ev, "promoters_needed", "3");
    let all_promoters = run(
        "nps",
        &[
            ("promoters", "10"),
            ("passives", "0"),
            ("detractors", "0"),
            ("target_nps", "100"),
        ],
    );
    exact(&all_promoters, "promoters_needed", "0");
    let e = field_error(&with("101"), "target_nps");
    assert!(matches!(e, InputError::AboveMax(_)), "{e:?}");
}

#[test]
fn nps_with_no_responses_says_so() {
    let ev = run(
        "nps",
        &[("promoters", "0"), ("passives", "0"), ("detractors", "0")],
    );
    undefined(
        &ev,
        "nps",
        cs_metrics::engine::calculators::loyalty::NO_RESPONSES,
    );
    undefined(
        &ev,
        "margin_of_error",
        cs_metrics::engine::calculators::loyalty::NO_RESPONSES,
    );
    exact(&ev, "responses", "0");
}

#[test]
fn nps_single_answer_has_zero_margin() {
    // p = 1, d = 0: 1 + 0 − 1² = 0, so the margin is 0 and the interval is [100, 100].
    let ev = run(
        "nps",
        &[("promoters", "1"), ("passives", "0"), ("detractors", "0")],
    );
    exact(&ev, "margin_of_error", "0");
    exact(&ev, "ci_low", "100");
    exact(&ev, "ci_high", "100");
}

#[test]
fn nps_rejects_bad_scores_by_position_unless_skipped() {
    let ev = run("nps", &[("scores", "9 10 11 abc 7.5 8")]);
    match field_error(&ev, "scores") {
        InputError::BadEntries { shown, total } => {
            assert_eq!(total, 3);
            let positions: Vec<usize> = shown.iter().map(|b| b.position).collect();
            assert_eq!(positions, vec![3, 4, 5]);
        }
        other => panic!("{other:?}"),
    }
    undefined(&ev, "nps", Undefined::WaitingForInputs);
    let options = ReadOptions {
        skip_invalid: true,
        ..ReadOptions::default()
    };
    let ev = run_with("nps", &[("scores", "9 10 11 abc 7.5 8")], options);
    exact(&ev, "responses", "3");
    close(&ev, "nps", "66.666666666666666666666667"); // (2 − 0) / 3 × 100
}

#[test]
fn csat_from_counts_and_scores() {
    exact(
        &run(
            "csat",
            &[
                ("mode", "counts"),
                ("satisfied", "78"),
                ("responses", "120"),
            ],
        ),
        "csat_pct",
        "65",
    );
    // 1–5 scale, satisfied from 4: 5, 4, 5 of 5 answers = 60 %; mean 19 / 5 = 3.8.
    let ev = run("csat", &[("scores", "5 4 3 5 2")]);
    exact(&ev, "csat_pct", "60");
    exact(&ev, "average", "3.8");
    exact(&ev, "responses", "5");
    // The 1–10 variant: 6 and 10 of 4 answers = 50 %; mean 22 / 4 = 5.5.
    let ev = run(
        "csat",
        &[
            ("scale_max", "10"),
            ("satisfied_min", "6"),
            ("scores", "6 5 10 1"),
        ],
    );
    exact(&ev, "csat_pct", "50");
    exact(&ev, "average", "5.5");
    // A 6 on a 1–5 scale is out of range.
    assert!(matches!(
        field_error(&run("csat", &[("scores", "5 6")]), "scores"),
        InputError::BadEntries { .. }
    ));
    let e = field_error(
        &run(
            "csat",
            &[
                ("mode", "counts"),
                ("satisfied", "130"),
                ("responses", "120"),
            ],
        ),
        "satisfied",
    );
    assert!(
        e.message("Satisfied answers")
            .contains("can't be more than All answers (120)"),
        "{e:?}"
    );
    let e = field_error(
        &run("csat", &[("satisfied_min", "6"), ("scores", "5")]),
        "satisfied_min",
    );
    assert!(matches!(e, InputError::Relation { .. }));
    undefined(
        &run(
            "csat",
            &[("mode", "counts"), ("satisfied", "0"), ("responses", "0")],
        ),
        "csat_pct",
        cs_metrics::engine::calculators::loyalty::NO_RESPONSES,
    );
}

#[test]
fn ces_and_rating() {
    // 7 5 4 6 1 on 1–7: mean 23 / 5 = 4.6; easy (≥ 5): 7, 5, 6 = 60 %.
    let ev = run("ces", &[("scores", "7 5 4 6 1")]);
    exact(&ev, "ces", "4.6");
    exact(&ev, "easy_pct", "60");
    exact(&ev, "responses", "5");
    assert!(matches!(
        field_error(&run("ces", &[("scores", "8")]), "scores"),
        InputError::BadEntries { .. }
    ));
    // 5 4 4 3 of 5: mean 4, 80 % of the maximum.
    let ev = run("rating", &[("scores", "5\n4\n4\n3")]);
    exact(&ev, "average", "4");
    exact(&ev, "average_pct_of_max", "80");
    let ev = run("rating", &[("scale_max", "10"), ("scores", "7;8;9")]);
    exact(&ev, "average", "8");
    exact(&ev, "average_pct_of_max", "80");
}

// ---- Retention -------------------------------------------------------------------------------

#[test]
fn retention_rate() {
    // (210 − 30) / 200 × 100 = 90.
    exact(
        &run(
            "retention-rate",
            &[
                ("customers_start", "200"),
                ("customers_end", "210"),
                ("new_customers", "30"),
            ],
        ),
        "retention_pct",
        "90",
    );
    undefined(
        &run(
            "retention-rate",
            &[
                ("customers_start", "0"),
                ("customers_end", "5"),
                ("new_customers", "5"),
            ],
        ),
        "retention_pct",
        cs_metrics::engine::calculators::retention::NO_CUSTOMERS_AT_START,
    );
    let ev = run(
        "retention-rate",
        &[
            ("customers_start", "200"),
            ("customers_end", "210"),
            ("new_customers", "220"),
        ],
    );
    assert!(matches!(
        field_error(&ev, "new_customers"),
        InputError::Relation { .. }
    ));
    let ev = run(
        "retention-rate",
        &[
            ("customers_start", "100"),
            ("customers_end", "200"),
            ("new_customers", "50"),
        ],
    );
    let e = field_error(&ev, "customers_end");
    assert!(
        e.message("")
            .contains("Customers at the start + New customers (150)"),
        "{e:?}"
    );
}

#[test]
fn churn_rate_and_its_annual_equivalent() {
    // 20 / 400 = 5 % a month; a year: 1 − 0.95¹² = 0.4596399123373637109375.
    let ev = run(
        "churn-rate",
        &[("customers_start", "400"), ("customers_lost", "20")],
    );
    exact(&ev, "churn_pct", "5");
    exact(&ev, "annual_churn_pct", "45.963991233736303710937500");
    // Quarterly 5 %: 1 − 0.95⁴ = 0.18549375.
    let ev = run(
        "churn-rate",
        &[
            ("customers_start", "400"),
            ("customers_lost", "20"),
            ("period_months", "3"),
        ],
    );
    exact(&ev, "annual_churn_pct", "18.549375");
    // 19 % over 24 months: 1 − 0.81^0.5 = 1 − 0.9 = 10 %.
    let ev = run(
        "churn-rate",
        &[
            ("customers_start", "100"),
            ("customers_lost", "19"),
            ("period_months", "24"),
        ],
    );
    close(&ev, "annual_churn_pct", "10");
    // Everyone lost: 100 % a month is 100 % a year.
    exact(
        &run(
            "churn-rate",
            &[("customers_start", "5"), ("customers_lost", "5")],
        ),
        "annual_churn_pct",
        "100",
    );
    let ev = run(
        "churn-rate",
        &[("customers_start", "10"), ("customers_lost", "11")],
    );
    assert!(matches!(
        field_error(&ev, "customers_lost"),
        InputError::Relation { .. }
    ));
    let ev = run(
        "churn-rate",
        &[
            ("customers_start", "10"),
            ("customers_lost", "1"),
            ("period_months", "0"),
        ],
    );
    assert!(matches!(
        field_error(&ev, "period_months"),
        InputError::BelowMin(_)
    ));
}

#[test]
fn simple_retention_shares() {
    exact(
        &run(
            "renewal-rate",
            &[("up_for_renewal", "120"), ("renewed", "90")],
        ),
        "renewal_pct",
        "75",
    );
    assert!(matches!(
        field_error(
            &run(
                "renewal-rate",
                &[("up_for_renewal", "120"), ("renewed", "130")]
            ),
            "renewed"
        ),
        InputError::Relation { .. }
    ));
    undefined(
        &run("renewal-rate", &[("up_for_renewal", "0"), ("renewed", "0")]),
        "renewal_pct",
        cs_metrics::engine::calculators::retention::NO_RENEWALS,
    );
    exact(
        &run(
            "repeat-purchase-rate",
            &[("customers", "200"), ("repeat_customers", "30")],
        ),
        "repeat_purchase_pct",
        "15",
    );
    exact(
        &run(
            "retention-cost",
            &[("retention_spend", "$12,000"), ("customers", "300")],
        ),
        "cost_per_customer",
        "40",
    );
    undefined(
        &run(
            "retention-cost",
            &[("retention_spend", "100"), ("customers", "0")],
        ),
        "cost_per_customer",
        cs_metrics::engine::calculators::NO_CUSTOMERS,
    );
    exact(
        &run(
            "fcr",
            &[("tickets", "200"), ("resolved_first_contact", "140")],
        ),
        "fcr_pct",
        "70",
    );
    undefined(
        &run("fcr", &[("tickets", "0"), ("resolved_first_contact", "0")]),
        "fcr_pct",
        cs_metrics::engine::calculators::retention::NO_TICKETS,
    );
}

#[test]
fn segment_churn() {
    // Good fit 5 / 100 = 5 %, bad fit 15 / 50 = 30 %, gap 25 points.
    let ev = run(
        "segment-churn",
        &[
            ("good_fit_start", "100"),
            ("good_fit_lost", "5"),
            ("bad_fit_start", "50"),
            ("bad_fit_lost", "15"),
        ],
    );
    exact(&ev, "good_fit_churn_pct", "5");
    exact(&ev, "bad_fit_churn_pct", "30");
    exact(&ev, "churn_gap_pts", "25");
    // No bad-fit customers: their churn and the gap are undefined, good-fit churn is not.
    let ev = run(
        "segment-churn",
        &[
            ("good_fit_start", "100"),
            ("good_fit_lost", "5"),
            ("bad_fit_start", "0"),
            ("bad_fit_lost", "0"),
        ],
    );
    exact(&ev, "good_fit_churn_pct", "5");
    undefined(
        &ev,
        "bad_fit_churn_pct",
        cs_metrics::engine::calculators::retention::NO_BAD_FIT_AT_START,
    );
    undefined(
        &ev,
        "churn_gap_pts",
        cs_metrics::engine::calculators::retention::NO_BAD_FIT_AT_START,
    );
}

// ---- Revenue ---------------------------------------------------------------------------------

#[test]
fn mrr_and_arpa() {
    let ev = run("mrr", &[("active_customers", "250"), ("arpa", "80")]);
    exact(&ev, "mrr", "20000"); // 250 × 80
    exact(&ev, "arr", "240000"); // × 12
    exact(
        &run("arpa", &[("mrr", "20,000"), ("accounts", "250")]),
        "arpa",
        "80",
    );
    undefined(
        &run("arpa", &[("mrr", "100"), ("accounts", "0")]),
        "arpa",
        cs_metrics::engine::calculators::NO_ACCOUNTS,
    );
}

#[test]
fn revenue_churn_and_existing_growth() {
    // (500 + 200) / 10000 = 7 %; net (700 − 900) / 10000 = −2 % (net negative churn).
    let ev = run(
        "revenue-churn",
        &[
            ("mrr_start", "10000"),
            ("churned_mrr", "500"),
            ("contraction_mrr", "200"),
            ("expansion_mrr", "900"),
        ],
    );
    exact(&ev, "gross_revenue_churn_pct", "7");
    exact(&ev, "net_revenue_churn_pct", "-2");
    // Expansion defaults to 0: net = gross.
    let ev = run(
        "revenue-churn",
        &[
            ("mrr_start", "10000"),
            ("churned_mrr", "500"),
            ("contraction_mrr", "200"),
        ],
    );
    exact(&ev, "net_revenue_churn_pct", "7");
    let ev = run(
        "revenue-churn",
        &[
            ("mrr_start", "100"),
            ("churned_mrr", "80"),
            ("contraction_mrr", "30"),
        ],
    );
    assert!(matches!(
        field_error(&ev, "churned_mrr"),
        InputError::Relation { .. }
    ));
    // 10000 + 900 − 200 − 500 = 10200; growth 200 / 10000 = 2 %.
    let ev = run(
        "existing-revenue-growth",
        &[
            ("mrr_start", "10000"),
            ("expansion_mrr", "900"),
            ("contraction_mrr", "200"),
            ("churned_mrr", "500"),
        ],
    );
    exact(&ev, "mrr_end_existing", "10200");
    exact(&ev, "growth_pct", "2");
}

#[test]
fn grr_and_nrr() {
    // (1,000,000 − 50,000 − 100,000) / 1,000,000 = 85 %.
    exact(
        &run(
            "grr",
            &[
                ("renewable_arr", "1,000,000"),
                ("downsell", "50,000"),
                ("churn", "100,000"),
            ],
        ),
        "grr_pct",
        "85",
    );
    let ev = run(
        "grr",
        &[
            ("renewable_arr", "100"),
            ("downsell", "60"),
            ("churn", "50"),
        ],
    );
    let e = field_error(&ev, "downsell");
    assert!(
        e.message("")
            .starts_with("Downsell + Churned ARR (110) can't be more than Renewable ARR (100)"),
        "{e:?}"
    );
    // (1,000,000 + 200,000 − 50,000 − 100,000) / 1,000,000 = 105 %.
    exact(
        &run(
            "nrr",
            &[
                ("starting_arr", "1000000"),
                ("expansion", "200000"),
                ("downsell", "50000"),
                ("churn", "100000"),
            ],
        ),
        "nrr_pct",
        "105",
    );
    undefined(
        &run(
            "nrr",
            &[
                ("starting_arr", "0"),
                ("expansion", "0"),
                ("downsell", "0"),
                ("churn", "0"),
            ],
        ),
        "nrr_pct",
        cs_metrics::engine::calculators::revenue::NO_STARTING_REVENUE,
    );
}

#[test]
fn expansion_sales_growth_consumption_quick_ratio() {
    // (60000 − 50000) / 50000 = 20 %; 60000 / 4 = 15000 per CSM.
    let ev = run(
        "expansion-revenue",
        &[
            ("expansion_this_quarter", "60000"),
            ("expansion_last_quarter", "50000"),
            ("csms", "4"),
        ],
    );
    exact(&ev, "qoq_change_pct", "20");
    exact(&ev, "per_csm", "15000");
    let ev = run(
        "expansion-revenue",
        &[
            ("expansion_this_quarter", "60000"),
            ("expansion_last_quarter", "0"),
        ],
    );
    undefined(
        &ev,
        "qoq_change_pct",
        cs_metrics::engine::calculators::revenue::NO_EXPANSION_LAST_QUARTER,
    );
    undefined(
        &ev,
        "per_csm",
        cs_metrics::engine::calculators::revenue::NO_CSMS,
    );
    // 0 CSMs typed is not a blank: the reason says so.
    let ev = run(
        "expansion-revenue",
        &[
            ("expansion_this_quarter", "60000"),
            ("expansion_last_quarter", "50000"),
            ("csms", "0"),
        ],
    );
    undefined(
        &ev,
        "per_csm",
        cs_metrics::engine::calculators::revenue::ZERO_CSMS,
    );
    // 100000 / 50 = 2000; 132000 / 60 = 2200; (2200 − 2000) / 2000 = 10 %.
    let ev = run(
        "sales-growth-per-client",
        &[
            ("revenue_previous", "100000"),
            ("clients_previous", "50"),
            ("revenue_current", "132000"),
            ("clients_current", "60"),
        ],
    );
    exact(&ev, "per_client_previous", "2000");
    exact(&ev, "per_client_current", "2200");
    exact(&ev, "growth_pct", "10");
    exact(
        &run(
            "consumption-rate",
            &[("units_used", "800"), ("units_purchased", "1000")],
        ),
        "consumption_pct",
        "80",
    );
    exact(
        &run(
            "consumption-rate",
            &[("units_used", "1200"), ("units_purchased", "1000")],
        ),
        "consumption_pct",
        "120",
    );
    // (10000 + 5000) / (2000 + 1750) = 4.
    exact(
        &run(
            "quick-ratio",
            &[
                ("new_mrr", "10000"),
                ("expansion_mrr", "5000"),
                ("churned_mrr", "2000"),
                ("contraction_mrr", "1750"),
            ],
        ),
        "quick_ratio",
        "4",
    );
    undefined(
        &run(
            "quick-ratio",
            &[
                ("new_mrr", "1"),
                ("expansion_mrr", "0"),
                ("churned_mrr", "0"),
                ("contraction_mrr", "0"),
            ],
        ),
        "quick_ratio",
        cs_metrics::engine::calculators::revenue::NO_LOST_REVENUE,
    );
}

// ---- Unit economics --------------------------------------------------------------------------

#[test]
fn cac() {
    // (50000 + 30000 + 20000) / 40 = 2500; without implementation (default 0): 80000 / 40 = 2000.
    exact(
        &run(
            "cac",
            &[
                ("sales_spend", "50000"),
                ("marketing_spend", "30000"),
                ("implementation_spend", "20000"),
                ("new_customers", "40"),
            ],
        ),
        "cac",
        "2500",
    );
    exact(
        &run(
            "cac",
            &[
                ("sales_spend", "50000"),
                ("marketing_spend", "30000"),
                ("new_customers", "40"),
            ],
        ),
        "cac",
        "2000",
    );
    undefined(
        &run(
            "cac",
            &[
                ("sales_spend", "1"),
                ("marketing_spend", "1"),
                ("new_customers", "0"),
            ],
        ),
        "cac",
        cs_metrics::engine::calculators::unit_economics::NO_NEW_CUSTOMERS,
    );
}

#[test]
fn ltv_by_each_method() {
    // 500 × 80 % / 5 % = 8000; lifetime 1 / 0.05 = 20 months.
    let ev = run(
        "ltv",
        &[
            ("arpa", "500"),
            ("churn_pct", "5"),
            ("gross_margin_pct", "80"),
        ],
    );
    exact(&ev, "ltv", "8000");
    exact(&ev, "lifetime_months", "20");
    exact(
        &run("ltv", &[("arpa", "500"), ("churn_pct", "5")]),
        "ltv",
        "10000",
    ); // margin 100 %
    let ev = run("ltv", &[("arpa", "500"), ("churn_pct", "0")]);
    undefined(
        &ev,
        "ltv",
        cs_metrics::engine::calculators::unit_economics::ZERO_CHURN,
    );
    assert!(cs_metrics::engine::calculators::unit_economics::ZERO_CHURN
        .message()
        .contains("customers never leave"));
    // 50 × 4 a year × 3 years × 100 % = 600; 36 months.
    let ev = run(
        "ltv",
        &[
            ("method", "purchase"),
            ("avg_purchase_value", "50"),
            ("purchases_per_year", "4"),
            ("lifespan_years", "3"),
        ],
    );
    exact(&ev, "ltv", "600");
    exact(&ev, "lifetime_months", "36");
    // 1200 a year × 5 years × 60 % = 3600.
    let ev = run(
        "ltv",
        &[
            ("method", "yearly"),
            ("yearly_revenue", "1200"),
            ("lifespan_years", "5"),
            ("gross_margin_pct", "60%"),
        ],
    );
    exact(&ev, "ltv", "3600");
    exact(&ev, "lifetime_months", "60");
    let ev = run("ltv", &[("method", "weekly")]);
    assert!(matches!(
        field_error(&ev, "method"),
        InputError::UnknownChoice(_)
    ));
}

#[test]
fn ltv_cac_verdicts_at_their_edges() {
    let ratio = |ltv: &str, cac: &str| run("ltv-cac", &[("ltv", ltv), ("cac", cac)]);
    let ev = ratio("42000", "12000");
    exact(&ev, "ltv_cac_ratio", "3.5");
    verdict(&ev, "verdict", "healthy");
    verdict(&ratio("2999.99", "3000"), "verdict", "losing-money"); // just under 1
    verdict(&ratio("3000", "3000"), "verdict", "below-target"); // exactly 1
    verdict(&ratio("8999.99", "3000"), "verdict", "below-target"); // just under 3
    verdict(&ratio("9000", "3000"), "verdict", "healthy"); // exactly 3
    verdict(&ratio("15000", "3000"), "verdict", "healthy"); // exactly 5
    verdict(&ratio("15000.03", "3000"), "verdict", "under-investing"); // 5.00001
    let ev = ratio("1000", "0");
    undefined(
        &ev,
        "ltv_cac_ratio",
        cs_metrics::engine::calculators::unit_economics::ZERO_CAC,
    );
    undefined(
        &ev,
        "verdict",
        cs_metrics::engine::calculators::unit_economics::ZERO_CAC,
    );
}

#[test]
fn ltv_cac_from_arpa_churn_and_margin() {
    // LTV = 100 × 75 / 2 = 3750; 3750 / 1000 = 3.75; payback 1000 / (100 × 0.75) = 13.33…;
    // churn for 3:1 = 100 × 75 / (3 × 1000) = 2.5 %.
    let ev = run(
        "ltv-cac",
        &[
            ("arpa", "100"),
            ("churn_pct", "2"),
            ("gross_margin_pct", "75"),
            ("cac", "1000"),
        ],
    );
    assert_eq!(ev.mode.primary(), Some("arpa"));
    exact(&ev, "ltv", "3750");
    exact(&ev, "ltv_cac_ratio", "3.75");
    verdict(&ev, "verdict", "healthy");
    close(&ev, "payback_months", "13.333333333333333333333333");
    exact(&ev, "churn_for_3x_pct", "2.5");
    // A margin still at its default does not switch to the ARPA mode; a changed one does.
    assert_eq!(
        run("ltv-cac", &[("gross_margin_pct", "100"), ("ltv", "10")])
            .mode
            .primary(),
        Some("ltv")
    );
    assert_eq!(
        run("ltv-cac", &[("gross_margin_pct", "80")]).mode.primary(),
        Some("arpa")
    );
    // With churn at 2.5 % the ratio is exactly 3.
    let ev = run(
        "ltv-cac",
        &[
            ("arpa", "100"),
            ("churn_pct", "2.5"),
            ("gross_margin_pct", "75"),
            ("cac", "1000"),
        ],
    );
    exact(&ev, "ltv_cac_ratio", "3");
    // CAC payback on its own: 1200 / (100 × 0.8) = 15 months.
    exact(
        &run(
            "cac-payback",
            &[("cac", "1200"), ("arpa", "100"), ("gross_margin_pct", "80")],
        ),
        "payback_months",
        "15",
    );
    undefined(
        &run("cac-payback", &[("cac", "1200"), ("arpa", "0")]),
        "payback_months",
        cs_metrics::engine::calculators::unit_economics::ZERO_ARPA,
    );
    undefined(
        &run(
            "cac-payback",
            &[("cac", "1200"), ("arpa", "10"), ("gross_margin_pct", "0")],
        ),
        "payback_months",
        cs_metrics::engine::calculators::unit_economics::ZERO_MARGIN,
    );
}

// ---- Team ------------------------------------------------------------------------------------

#[test]
fn time_to_first_value() {
    let ev = run("time-to-first-value", &[("days", "10\n20\n30\n40")]);
    exact(&ev, "avg_days", "25"); // 100 / 4
    exact(&ev, "median_days", "25"); // (20 + 30) / 2
    let ev = run("time-to-first-value", &[("days", "5 1 9")]);
    exact(&ev, "avg_days", "5");
    exact(&ev, "median_days", "5");
    let ev = run(
        "time-to-first-value",
        &[("total_days", "300"), ("customers", "12")],
    );
    assert_eq!(ev.mode.primary(), Some("totals"));
    exact(&ev, "avg_days", "25");
    assert!(ev.result("median_days").is_none());
}

#[test]
fn team_activity() {
    // 120 / 40 = 3 per account; 120 / 30 × 7 = 28 a week.
    let ev = run(
        "engagement-activity",
        &[
            ("touchpoints", "120"),
            ("accounts", "40"),
            ("period_days", "30"),
        ],
    );
    exact(&ev, "per_account", "3");
    exact(&ev, "per_week", "28");
    // 5 + 3 + 1 + 1 = 10; per 100 of 200 customers: 5.
    let ev = run(
        "advocacy-activity",
        &[
            ("referrals", "5"),
            ("reviews", "3"),
            ("case_studies", "1"),
            ("other", "1"),
            ("customers", "200"),
        ],
    );
    exact(&ev, "total", "10");
    exact(&ev, "per_100_customers", "5");
    let ev = run("advocacy-activity", &[("referrals", "5")]);
    exact(&ev, "total", "5");
    undefined(
        &ev,
        "per_100_customers",
        cs_metrics::engine::calculators::NO_CUSTOMERS,
    );
    exact(
        &run(
            "referral-rate",
            &[("new_customers", "40"), ("referred_customers", "10")],
        ),
        "referral_pct",
        "25",
    );
    exact(
        &run(
            "repeat-request-rate",
            &[("clients", "80"), ("repeat_clients", "20")],
        ),
        "repeat_request_pct",
        "25",
    );
}

// ---- Composite -------------------------------------------------------------------------------

#[test]
fn health_score_and_bands() {
    // NPS 20 maps to (20 + 100) / 2 = 60; (80 + 70 + 90 + 60 + 60) / 5 = 72 → stable.
    let all = [
        ("usage", "80"),
        ("engagement", "70"),
        ("support", "90"),
        ("sentiment", "60"),
        ("nps", "20"),
    ];
    let ev = run("health-score", &all);
    exact(&ev, "health_score", "72");
    verdict(&ev, "band", "stable");
    // Usage weighted 2: (160 + 70 + 90 + 60 + 60) / 6 = 73.33…
    let mut weighted = all.to_vec();
    weighted.push(("usage_weight", "2"));
    close(
        &run("health-score", &weighted),
        "health_score",
        "73.333333333333333333333333",
    );
    // A blank component is left out.
    exact(
        &run("health-score", &[("usage", "85")]),
        "health_score",
        "85",
    );
    let band = |s: &str| run("health-score", &[("usage", s)]);
    verdict(&band("80"), "band", "healthy");
    verdict(&band("79.99"), "band", "stable");
    verdict(&band("60"), "band", "stable");
    verdict(&band("59.99"), "band", "at-risk");
    verdict(&band("40"), "band", "at-risk");
    verdict(&band("39.99"), "band", "critical");
    undefined(
        &run("health-score", &[]),
        "health_score",
        cs_metrics::engine::calculators::composite::NO_COMPONENTS,
    );
    undefined(
        &run("health-score", &[("usage", "50"), ("usage_weight", "0")]),
        "health_score",
        cs_metrics::engine::calculators::composite::ZERO_WEIGHTS,
    );
    assert!(matches!(
        field_error(&band("101"), "usage"),
        InputError::AboveMax(_)
    ));
}

// ---- Reading numbers ---------------------------------------------------------------------------

#[test]
fn decimal_comma_setting_reads_inputs_and_lists() {
    let comma = ReadOptions {
        mark: DecimalMark::Comma,
        skip_invalid: false,
    };
    exact(
        &run_with(
            "mrr",
            &[("active_customers", "1.000"), ("arpa", "€12,50")],
            comma,
        ),
        "mrr",
        "12500",
    );
    let ev = run_with("time-to-first-value", &[("days", "4,5;3,5\n1.000")], comma);
    exact(&ev, "avg_days", "336"); // (4.5 + 3.5 + 1000) / 3
    let ev = run_with("rating", &[("scores", "4,5")], comma);
    assert!(matches!(
        field_error(&ev, "scores"),
        InputError::BadEntries { .. }
    )); // ratings are whole
    let e = field_error(
        &run("mrr", &[("active_customers", "10"), ("arpa", "12,5")]),
        "arpa",
    );
    assert!(
        e.message("ARPA").contains("decimal comma"),
        "{}",
        e.message("ARPA")
    );
}

#[test]
fn no_clear_change_links_to_a_plan_that_gives_the_same_count() {
    let compare = catalogue::find("nps-compare").expect("nps-compare");
    let inputs = [
        ("mode", "counts"),
        ("promoters_a", "40"),
        ("passives_a", "30"),
        ("detractors_a", "30"),
        ("promoters_b", "46"),
        ("passives_b", "30"),
        ("detractors_b", "24"),
    ];
    let ev = run("nps-compare", &inputs);
    verdict(&ev, "verdict", "no-clear-change");
    exact(&ev, "responses_to_detect", "736");
    let step = compare.next.expect("a next step");
    let query = step.query(&ev).expect("shown on no clear change");
    assert_eq!(
        query,
        "calc=sample-size&v=2&metric=nps&goal=detect&change_pts=12&promoters_pct=43&detractors_pct=27&confidence=95"
    );
    // The plan, opened from that link, says the same.
    let link = cs_metrics::engine::state::read_link(&query);
    let plan: Vec<(&str, &str)> = link
        .pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    exact(&run("sample-size", &plan), "responses_needed", "736");
    // A real change gets no such link.
    let mut rise = inputs.to_vec();
    rise[4] = ("promoters_b", "80");
    assert_eq!(step.query(&run("nps-compare", &rise)), None);
    // proportion-compare: 40 of 800 vs 36 of 780 is noise; the plan carries the pooled rate.
    let ev = run(
        "proportion-compare",
        &[
            ("successes_a", "40"),
            ("total_a", "800"),
            ("successes_b", "36"),
            ("total_b", "780"),
        ],
    );
    verdict(&ev, "verdict", "no-clear-change");
    let step = catalogue::find("proportion-compare")
        .and_then(|c| c.next)
        .expect("a next step");
    let query = step.query(&ev).expect("shown");
    assert!(
        query.starts_with(
            "calc=sample-size&v=2&metric=rate&goal=detect&change_pts=0.38&expected_pct=4.81"
        ),
        "{query}"
    );
}
