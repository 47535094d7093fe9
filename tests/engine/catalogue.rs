//! Checks over the whole catalogue: the ids the product's specification lists (the same ids
//! `docs/metrics.md` documents), and for every calculator the
//! generic validation of its inputs.

use crate::support::*;
use cs_metrics::engine::catalogue::{self, ALL};
use cs_metrics::engine::error::InputError;
use cs_metrics::engine::evaluate::{evaluate, ReadOptions};
use cs_metrics::engine::formula::Value;
use cs_metrics::engine::spec::{Calculator, Category, Kind, Unit};
use std::collections::BTreeSet;

/// Every calculator id the specification lists, with its result ids.
const METRICS_MD: &[(&str, &[&str])] = &[
    (
        "nps",
        &[
            "responses",
            "promoters",
            "passives",
            "detractors",
            "promoters_pct",
            "passives_pct",
            "detractors_pct",
            "nps",
            "margin_of_error",
            "ci_low",
            "ci_high",
            "promoters_needed",
        ],
    ),
    ("csat", &["responses", "csat_pct", "average"]),
    ("ces", &["responses", "ces", "easy_pct"]),
    ("rating", &["responses", "average", "average_pct_of_max"]),
    ("retention-rate", &["retention_pct"]),
    ("churn-rate", &["churn_pct", "annual_churn_pct"]),
    ("renewal-rate", &["renewal_pct"]),
    ("repeat-purchase-rate", &["repeat_purchase_pct"]),
    ("retention-cost", &["cost_per_customer"]),
    ("fcr", &["fcr_pct"]),
    (
        "segment-churn",
        &["good_fit_churn_pct", "bad_fit_churn_pct", "churn_gap_pts"],
    ),
    ("mrr", &["mrr", "arr"]),
    ("arpa", &["arpa"]),
    (
        "revenue-churn",
        &["gross_revenue_churn_pct", "net_revenue_churn_pct"],
    ),
    (
        "existing-revenue-growth",
        &["mrr_end_existing", "growth_pct"],
    ),
    ("grr", &["grr_pct"]),
    ("nrr", &["nrr_pct"]),
    ("expansion-revenue", &["qoq_change_pct", "per_csm"]),
    (
        "sales-growth-per-client",
        &["per_client_previous", "per_client_current", "growth_pct"],
    ),
    ("consumption-rate", &["consumption_pct"]),
    ("quick-ratio", &["quick_ratio"]),
    ("cac", &["cac"]),
    ("ltv", &["ltv", "lifetime_months"]),
    ("ltv-cac", &["ltv_cac_ratio", "verdict", "payback_months"]),
    ("cac-payback", &["payback_months"]),
    ("time-to-first-value", &["avg_days", "median_days"]),
    ("engagement-activity", &["per_account", "per_week"]),
    ("advocacy-activity", &["total", "per_100_customers"]),
    ("referral-rate", &["referral_pct"]),
    ("repeat-request-rate", &["repeat_request_pct"]),
    ("health-score", &["health_score", "band"]),
    (
        "nps-compare",
        &[
            "nps_a",
            "nps_b",
            "responses_a",
            "responses_b",
            "change",
            "se_change",
            "change_ci_low",
            "change_ci_high",
            "z_score",
            "p_value",
            "verdict",
            "smallest_significant_change",
            "chance_b_higher_pct",
        ],
    ),
    (
        "proportion-compare",
        &[
            "rate_a_pct",
            "rate_b_pct",
            "change_pts",
            "change_ci_low",
            "change_ci_high",
            "z_score",
            "p_value",
            "verdict",
        ],
    ),
    ("sample-size", &["variance", "responses_needed"]),
    (
        "revenue-projection",
        &[
            "mrr_end",
            "arr_end",
            "revenue_total",
            "growth_pct",
            "mrr_ceiling",
        ],
    ),
    (
        "nps-trend",
        &[
            "wave_count",
            "first_nps",
            "latest_nps",
            "latest_change",
            "latest_verdict",
            "latest_chance_higher_pct",
        ],
    ),
    (
        "billing-import",
        &[
            "mrr_end",
            "nrr_pct",
            "grr_pct",
            "logo_churn_pct",
            "active_customers",
        ],
    ),
    (
        "nps-segments",
        &[
            "segment_count",
            "overall_nps",
            "largest_drag_segment",
            "largest_drag_pts",
        ],
    ),
];

#[test]
fn the_catalogue_has_every_calculator_and_result_of_metrics_md() {
    assert_eq!(ALL.len(), METRICS_MD.len());
    for (id, results) in METRICS_MD {
        let calc = catalogue::find(id).unwrap_or_else(|| panic!("missing {id}"));
        for r in *results {
            assert!(calc.result(r).is_some(), "{id} lacks result {r}");
        }
    }
}

#[test]
fn ids_are_unique_and_well_formed() {
    let ids: BTreeSet<&str> = ALL.iter().map(|c| c.id).collect();
    assert_eq!(ids.len(), ALL.len());
    for calc in ALL {
        assert!(
            calc.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            calc.id
        );
        let inputs: BTreeSet<&str> = calc.inputs.iter().map(|i| i.id).collect();
        assert_eq!(inputs.len(), calc.inputs.len(), "{} input ids", calc.id);
        let results: BTreeSet<&str> = calc.results.iter().map(|r| r.id).collect();
        assert_eq!(results.len(), calc.results.len(), "{} result ids", calc.id);
        for id in inputs.iter().chain(results.iter()) {
            assert!(
                id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{id}"
            );
        }
        for rel in calc.relations {
            for id in rel.lhs.iter().chain(rel.rhs) {
                assert!(
                    calc.input(id).is_some(),
                    "{}: relation names unknown {id}",
                    calc.id
                );
            }
        }
        assert!(!calc.summary.is_empty() && !calc.name.is_empty());
    }
    for category in Category::ALL {
        assert!(
            catalogue::in_category(category).count() > 0,
            "{category:?} is empty"
        );
    }
}

#[test]
fn search_finds_calculators_by_synonym() {
    let found = |q: &str| -> Vec<&str> {
        catalogue::CARDS
            .iter()
            .filter(|c| catalogue::matches(c, q))
            .map(|c| c.id)
            .collect()
    };
    let churn = found("churn");
    for id in ["churn-rate", "revenue-churn", "segment-churn"] {
        assert!(churn.contains(&id), "{churn:?}");
    }
    assert!(found("dollar retention").contains(&"nrr"));
    assert!(found("CLV").contains(&"ltv"));
    assert_eq!(found("").len(), ALL.len());
    assert!(found("zzz-nothing").is_empty());
}

/// A valid sample text for an input of this calculator.
fn sample(calc: &Calculator, id: &str) -> &'static str {
    let Some(spec) = calc.input(id) else {
        return "";
    };
    if calc.relations.iter().any(|r| r.lhs.contains(&id)) {
        return "1"; // the smaller side of "lost ≤ at the start" and the like
    }
    match spec.kind {
        Kind::List { .. } => "5\n4\n3",
        Kind::Groups => "A, 5, 4, 3\nB, 6, 2, 1",
        Kind::Choice(_) | Kind::Text(_) => "",
        Kind::File => {
            "Customer,Start,End,MRR\na,2026-01-01,,10\nb,2026-01-01,2026-03-01,5\na,2026-02-01,,7"
        }
        Kind::Number { .. } => match spec.unit {
            Unit::Percent => "10",
            Unit::Months => "1",
            Unit::Score if id.ends_with("_min") => "3",
            Unit::Score | Unit::Nps => "5",
            _ => "10",
        },
    }
}

#[test]
fn every_calculator_computes_from_sample_inputs() {
    for calc in ALL {
        let ev = evaluate(calc, |id| Some(sample(calc, id)), ReadOptions::default());
        assert!(ev.is_valid(), "{}: {:?}", calc.id, ev.fields);
        let defined = ev
            .results
            .iter()
            .filter(|r| !matches!(r.computed.value, Value::Undefined(_)))
            .count();
        assert!(
            defined > 0,
            "{}: nothing computed: {:?}",
            calc.id,
            ev.results
        );
    }
}

#[test]
fn every_number_input_refuses_bad_text_with_its_label() {
    for calc in ALL {
        for spec in calc.inputs {
            let Kind::Number { min, max, whole } = spec.kind else {
                continue;
            };
            let mut bad: Vec<(&str, fn(&InputError) -> bool)> = vec![
                ("abc", |e| matches!(e, InputError::Number { .. })),
                ("NaN", |e| matches!(e, InputError::Number { .. })),
            ];
            // Beyond 10^15: a field with its own range quotes it, others the global cap.
            if max.is_some() {
                bad.push(("1e400", |e| matches!(e, InputError::AboveMax(_))));
            } else {
                bad.push(("1e400", |e| matches!(e, InputError::Number { .. })));
            }
            if min == Some(0) {
                bad.push(("-5", |e| matches!(e, InputError::Negative)));
                bad.push(("(5)", |e| matches!(e, InputError::Negative)));
            }
            if whole {
                bad.push(("2.5", |e| matches!(e, InputError::NotWhole)));
            }
            if spec.unit == Unit::Percent {
                bad.push(("101", |e| matches!(e, InputError::AboveMax(_))));
            } else {
                bad.push(("5%", |e| matches!(e, InputError::PercentNotAllowed)));
            }
            for (text, expected) in bad {
                let ev = evaluate(
                    calc,
                    |id| {
                        if id == spec.id {
                            Some(text)
                        } else {
                            Some(sample(calc, id))
                        }
                    },
                    ReadOptions::default(),
                );
                let Some(field) = ev.field(spec.id) else {
                    continue;
                }; // not shown in the default mode
                let error = field
                    .error
                    .clone()
                    .unwrap_or_else(|| panic!("{}.{} accepted {text:?}", calc.id, spec.id));
                assert!(
                    expected(&error),
                    "{}.{} on {text:?}: {error:?}",
                    calc.id,
                    spec.id
                );
                assert!(
                    error.message(spec.label).contains(spec.label),
                    "{}",
                    error.message(spec.label)
                );
                assert!(ev
                    .results
                    .iter()
                    .all(|r| matches!(r.computed.value, Value::Undefined(_))));
            }
        }
    }
}

#[test]
fn missing_required_inputs_wait_without_error() {
    for calc in ALL {
        let ev = evaluate(calc, |_| None, ReadOptions::default());
        assert!(ev.is_valid(), "{}: blank fields are not errors", calc.id);
    }
    let ev = run("mrr", &[("active_customers", "10")]);
    undefined(
        &ev,
        "mrr",
        cs_metrics::engine::error::Undefined::WaitingForInputs,
    );
}

#[test]
fn the_list_cache_never_changes_a_result() {
    use cs_metrics::engine::evaluate::{evaluate_cached, ListCache};
    let mut cache = ListCache::default();
    for calc in ALL {
        let fresh = evaluate(calc, |id| Some(sample(calc, id)), ReadOptions::default());
        let first = evaluate_cached(
            calc,
            &|id| Some(sample(calc, id)),
            ReadOptions::default(),
            &mut cache,
        );
        let again = evaluate_cached(
            calc,
            &|id| Some(sample(calc, id)),
            ReadOptions::default(),
            &mut cache,
        );
        assert_eq!(fresh, first, "{}", calc.id);
        assert_eq!(first, again, "{}", calc.id);
    }
    // A changed bound (the scale) re-checks the same text: 5 is out of range on a 1–4 scale.
    let csat = catalogue::find("csat").expect("csat");
    let with_scale = |max: &'static str, cache: &mut ListCache| {
        evaluate_cached(
            csat,
            &|id| match id {
                "scores" => Some("5 4 3"),
                "scale_max" => Some(max),
                "satisfied_min" => Some("3"),
                _ => None,
            },
            ReadOptions::default(),
            cache,
        )
    };
    assert!(with_scale("5", &mut cache).is_valid());
    assert!(!with_scale("4", &mut cache).is_valid());
}

/// The catalogue checks itself: a typo in an id of a definition fails here.
mod lint {
    use super::sample;
    use cs_metrics::engine::catalogue::ALL;
    use cs_metrics::engine::evaluate::{evaluate, ReadOptions};
    use cs_metrics::engine::spec::{Bound, Calculator, Chart, Kind, Mode, Role, MAX_CHOICES};
    use std::collections::BTreeSet;

    /// Every option of every choice input.
    fn choices(calc: &Calculator) -> Vec<&'static str> {
        calc.choices()
            .flat_map(|i| match i.kind {
                Kind::Choice(options) => options.iter().map(|c| c.id).collect(),
                _ => Vec::new(),
            })
            .collect()
    }

    /// Every combination of the choices' options (one `Mode::NONE` without choices).
    fn modes(calc: &Calculator) -> Vec<Mode> {
        let mut modes = vec![Mode::NONE];
        for input in calc.choices() {
            let Kind::Choice(options) = input.kind else {
                continue;
            };
            modes = modes
                .iter()
                .flat_map(|m| options.iter().map(move |o| m.with(input.id, o.id)))
                .collect();
        }
        modes
    }

    #[test]
    fn formulas_read_and_set_only_what_is_declared_and_set_all_of_it() {
        for calc in ALL {
            for mode in modes(calc) {
                let ev = evaluate(
                    calc,
                    |id| mode.of(id).or(Some(sample(calc, id))),
                    ReadOptions::default(),
                );
                assert!(
                    ev.is_valid() && ev.missing.is_empty(),
                    "{} {mode:?}: {:?}",
                    calc.id,
                    ev.fields
                );
                assert_eq!(
                    ev.definition_slips,
                    Vec::<String>::new(),
                    "{} in mode {mode:?}",
                    calc.id
                );
            }
        }
    }

    #[test]
    fn every_mode_has_one_headline_and_roles_name_what_exists() {
        for calc in ALL {
            for mode in modes(calc) {
                let shown: Vec<_> = calc
                    .results
                    .iter()
                    .filter(|r| Calculator::shown_in(r.modes, mode))
                    .collect();
                let count = |role: Role| shown.iter().filter(|r| r.role == role).count();
                assert_eq!(
                    count(Role::Headline),
                    1,
                    "{} ({mode:?}): headlines",
                    calc.id
                );
                assert_eq!(
                    count(Role::IntervalLow),
                    count(Role::IntervalHigh),
                    "{} ({mode:?}): an interval needs both ends",
                    calc.id
                );
                assert!(count(Role::IntervalLow) <= 1, "{}: intervals", calc.id);
                assert!(count(Role::Verdict) <= 1, "{}: verdicts", calc.id);
            }
            for r in calc.results {
                if let Role::Echo(input) = r.role {
                    assert!(
                        calc.input(input).is_some(),
                        "{}.{}: echoes {input}",
                        calc.id,
                        r.id
                    );
                }
                if let Some(phrase) = r.phrase {
                    assert_eq!(
                        phrase.matches("{}").count(),
                        1,
                        "{}.{}: phrase",
                        calc.id,
                        r.id
                    );
                }
            }
            assert!(!calc.example.is_empty(), "{}: no example", calc.id);
        }
    }

    #[test]
    fn modes_bounds_relations_bands_and_charts_name_what_exists() {
        for calc in ALL {
            let options = choices(calc);
            assert!(
                calc.choices().count() <= MAX_CHOICES,
                "{}: at most {MAX_CHOICES} choice inputs",
                calc.id
            );
            // An option that shows inputs or results (a mode) belongs to one choice only:
            // `only_in` names options, not choices.
            let gating: BTreeSet<&str> = calc
                .inputs
                .iter()
                .flat_map(|i| i.modes.iter())
                .chain(calc.results.iter().flat_map(|r| r.modes.iter()))
                .copied()
                .collect();
            for option in gating {
                assert_eq!(
                    options.iter().filter(|o| **o == option).count(),
                    1,
                    "{}: option {option} shows fields, so only one choice may offer it",
                    calc.id
                );
            }
            let modes = calc
                .inputs
                .iter()
                .map(|i| (i.id, i.modes))
                .chain(calc.results.iter().map(|r| (r.id, r.modes)));
            for (id, only_in) in modes {
                for mode in only_in {
                    assert!(
                        options.contains(mode),
                        "{}.{id}: only_in names no choice {mode:?}",
                        calc.id
                    );
                }
            }
            for input in calc.inputs {
                if let Kind::List { min, max, .. } = input.kind {
                    for bound in [min, max] {
                        if let Bound::Input(id) = bound {
                            assert!(
                                calc.input(id).is_some(),
                                "{}.{}: bound names no input {id}",
                                calc.id,
                                input.id
                            );
                        }
                    }
                }
                if let Kind::Choice(options) = input.kind {
                    let ids: BTreeSet<&str> = options.iter().map(|c| c.id).collect();
                    assert_eq!(
                        ids.len(),
                        options.len(),
                        "{}: duplicate choice ids",
                        calc.id
                    );
                }
            }
            for result in calc.results {
                if result.bands.is_some() {
                    // Read by a verdict result, or (a headline) by the report's reading.
                    assert!(
                        result.role == Role::Headline
                            || calc.results.iter().any(|r| r.id != result.id
                                && r.unit == cs_metrics::engine::spec::Unit::Plain),
                        "{}.{}: banded, but no verdict result and not a headline",
                        calc.id,
                        result.id
                    );
                }
            }
            if let Some(Chart::Shares { parts, .. }) = calc.chart {
                for part in parts {
                    for id in [part.count, part.share] {
                        assert!(
                            calc.result(id).is_some(),
                            "{}: chart names no result {id}",
                            calc.id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn compare_links_open_period_a_with_the_figures() {
    for calc in ALL {
        let Some(compare) = calc.compare else {
            continue;
        };
        let target = catalogue::find(compare.calc).expect("compare calculator");
        for (input, source) in compare.carry {
            assert!(target.input(input).is_some(), "{}: {input}", calc.id);
            assert!(
                calc.result(source).is_some() || calc.input(source).is_some(),
                "{}: carries unknown {source}",
                calc.id
            );
        }
        for (input, value) in compare.fixed {
            match target.input(input).map(|i| i.kind) {
                Some(Kind::Choice(options)) => {
                    assert!(options.iter().any(|o| o.id == *value), "{input}={value}")
                }
                other => panic!("{}: {input} is {other:?}", calc.id),
            }
        }
    }
    let churn = run(
        "churn-rate",
        &[("customers_start", "400"), ("customers_lost", "20")],
    );
    let link = catalogue::find("churn-rate")
        .and_then(|c| c.compare)
        .and_then(|c| c.query(&churn));
    assert_eq!(
        link.as_deref(),
        Some("calc=proportion-compare&v=2&counted=lost&direction=lower-better&successes_a=20&total_a=400")
    );
    // Opened, it reads period A and waits for B.
    let opened = run(
        "proportion-compare",
        &[
            ("counted", "lost"),
            ("direction", "lower-better"),
            ("successes_a", "20"),
            ("total_a", "400"),
        ],
    );
    assert_eq!(opened.missing, vec!["successes_b", "total_b"]);
    // Without its figures there is nothing to carry.
    assert_eq!(
        catalogue::find("nps")
            .and_then(|c| c.compare)
            .and_then(|c| c.query(&run("nps", &[]))),
        None
    );
}

/// The browser lists the cards up front and fetches a part's definitions when one of its
/// calculators opens: every card must lead to its calculator through its part's module, and
/// every part's module holds exactly the cards of that part.
#[test]
fn every_card_opens_its_calculator_through_its_part() {
    use cs_metrics::engine::spec::LatePart;
    assert_eq!(catalogue::CARDS.len(), ALL.len());
    for (card, calc) in catalogue::CARDS.iter().zip(ALL.iter()) {
        assert_eq!(
            (card.id, card.name, card.summary, card.category),
            (calc.id, calc.name, calc.summary, calc.category)
        );
        assert_eq!(catalogue::part_of(card.id), Some((card.id, card.part)));
        let found = cs_metrics::engine::late::calculator(card.part, card.id);
        assert!(
            found.is_some_and(|f| std::ptr::eq(f, *calc) || f.id == calc.id),
            "{}",
            card.id
        );
    }
    for part in LatePart::ALL {
        let module = cs_metrics::engine::late::module(part).map(|m| m.calculators.len());
        let cards = catalogue::CARDS.iter().filter(|c| c.part == part).count();
        assert_eq!(module, Some(cards), "{part:?}");
    }
}

#[test]
fn files_and_short_texts_are_read_only_where_their_controls_are_installed() {
    // The form's file and short-text controls are installed with the billing part
    // (`ui::file_field::install`, from `ui::lazy`'s `defs_billing`): a calculator elsewhere
    // taking one would show an empty control.
    for calc in ALL.iter() {
        let reads_file = calc
            .inputs
            .iter()
            .any(|i| matches!(i.kind, Kind::File | Kind::Text(_)));
        if reads_file {
            assert_eq!(
                catalogue::part_of(calc.id).map(|(_, part)| part),
                Some(cs_metrics::engine::spec::LatePart::Billing),
                "{}",
                calc.id
            );
        }
    }
}
