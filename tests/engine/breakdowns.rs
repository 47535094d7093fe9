//! The breakdowns by hand: NPS per wave and per segment, the drags, small groups, one group,
//! and the properties the issue asks for (a segment like the rest has no gap and no drag;
//! labels come back unchanged from the link, the CSV and the chart).

use crate::support::*;
use cs_metrics::engine::calculators::breakdowns;
use cs_metrics::engine::catalogue;
use cs_metrics::engine::csv;
use cs_metrics::engine::format::Display;
use cs_metrics::engine::state::Texts;
use proptest::prelude::*;

const SEGMENTS: &str = "Enterprise, 80, 30, 10\nPro, 150, 60, 40\nStarter, 90, 60, 110";

#[test]
fn the_segment_that_drags_most_is_named_with_its_drag() {
    let ev = run("nps-segments", &[("segments", SEGMENTS)]);
    let label = ev.result("largest_drag_segment").expect("result");
    assert_eq!(label.computed.label.as_deref(), Some("Starter"));
    exact(&ev, "largest_drag_segment", "3");
    // Enterprise: 100 (120 · 180 − 510 · 70) / (510 · 630) = −8300 / 1071 (it lifts the score).
    close(&ev, "largest_drag_pts", "23.251823251823251823");
    let rows = breakdowns::segments(
        breakdowns::groups_of(&ev, "segments"),
        &cs_metrics::engine::formula::Ex::lit(rust_decimal::Decimal::new(196, 2)),
        rust_decimal::Decimal::new(5, 2),
    );
    let drag = |at: usize| rows[at].drag.value().expect("a drag");
    assert_eq!(
        drag(0).round_dp(12),
        rust_decimal::Decimal::new(-7_749_766_573_296, 12)
    );
    assert_eq!(
        drag(1).round_dp(12),
        rust_decimal::Decimal::new(-12_238_930_659_983, 12)
    );
    // The drags, each the points the overall NPS would gain: overall + drag = the NPS with that
    // segment scoring like the rest. For Starter: 1600/63 + 54200/2331 = the NPS of 630
    // answers at the rest's 180/370.
    let with_starter_like_rest = rust_decimal::Decimal::new(486_486_486_486, 10);
    let overall = rust_decimal::Decimal::new(253_968_253_968, 10);
    assert!(
        ((overall + drag(2)) - with_starter_like_rest).abs() < rust_decimal::Decimal::new(1, 8)
    );
    // The headline's label reads the name in.
    let calc = catalogue::find("nps-segments").expect("calc");
    let head = calc.headline(ev.mode).expect("headline");
    assert_eq!(
        cs_metrics::engine::report::label(head, calc, &ev),
        "Starter pulls NPS down by"
    );
}

#[test]
fn small_groups_are_counted_and_one_group_says_why() {
    let ev = run(
        "nps-segments",
        &[("segments", "Big, 300, 100, 100\nTiny, 2, 1, 9")],
    );
    exact(&ev, "small_segments", "1");
    let ev = run("nps-segments", &[("segments", "Only, 30, 10, 10")]);
    undefined(&ev, "largest_drag_pts", breakdowns::ONE_SEGMENT);
    let ev = run("nps-trend", &[("waves", "Q1, 30, 10, 10")]);
    undefined(&ev, "latest_change", breakdowns::ONE_WAVE);
    exact(&ev, "first_nps", "40");
    exact(&ev, "latest_nps", "40");
    // Two waves, the second with few answers: counted, and its move is noise.
    let ev = run("nps-trend", &[("waves", "Q1, 300, 100, 100\nQ2, 8, 2, 2")]);
    exact(&ev, "small_waves", "1");
    verdict(&ev, "latest_verdict", "no-clear-change");
}

#[test]
fn a_bad_line_is_named_next_to_the_field() {
    let ev = run("nps-trend", &[("waves", "Q1, 30, 10, 10\nQ2, 30, ten, 10")]);
    let message = field_error(&ev, "waves").message("Survey waves");
    assert!(message.contains("line 2 “Q2, 30, ten, 10”"), "{message}");
    assert!(
        message.contains("passives “ten” is not a number"),
        "{message}"
    );
}

proptest! {
    /// A segment that answers exactly like the rest put together has no gap and no drag.
    #[test]
    fn a_segment_like_the_rest_has_no_gap_and_no_drag(
        p in 0_u64..500, a in 0_u64..500, d in 0_u64..500, k in 1_u64..4,
    ) {
        prop_assume!(p + a + d > 0);
        // The rest: k segments each like this one, so the rest's shares are this one's.
        let mut lines = vec![format!("This one, {p}, {a}, {d}")];
        for i in 0..k {
            lines.push(format!("Other {i}, {p}, {a}, {d}"));
        }
        let ev = run("nps-segments", &[("segments", &lines.join("\n"))]);
        let rows = breakdowns::segments(
            breakdowns::groups_of(&ev, "segments"),
            &cs_metrics::engine::formula::Ex::lit(rust_decimal::Decimal::new(196, 2)),
            rust_decimal::Decimal::new(5, 2),
        );
        prop_assert_eq!(rows[0].gap.change.value(), Ok(rust_decimal::Decimal::ZERO));
        prop_assert_eq!(rows[0].drag.value(), Ok(rust_decimal::Decimal::ZERO));
    }

    /// Whatever the labels hold (commas, quotes, <, &, emoji), they come back from the link,
    /// the CSV and the chart's text unchanged (escaped where markup needs it).
    #[test]
    fn labels_survive_link_csv_and_chart(label in "[A-Za-z0-9 ,;<>&\"'é😀-]{1,20}") {
        let label = label.trim().to_owned();
        prop_assume!(!label.is_empty() && !label.starts_with(['=', '+', '-', '@']));
        let text = format!("{label}, 10, 5, 3\nOther, 4, 4, 4");
        // The link: the text travels as typed.
        let calc = catalogue::find("nps-segments").expect("calc");
        let mut texts = Texts::new();
        texts.insert("segments".to_owned(), text.clone());
        let sheet = cs_metrics::engine::state::Sheet::single(texts.clone(), false);
        let query = cs_metrics::engine::state::to_query(calc, &sheet, Default::default(), &[]).text;
        let back = cs_metrics::engine::state::read_link(&query);
        let got = back.pairs.iter().find(|(k, _)| k == "segments").map(|(_, v)| v.clone());
        prop_assert_eq!(got.as_deref(), Some(text.as_str()));
        // The CSV: the table's first cell is the label.
        let ev = run("nps-segments", &[("segments", &text)]);
        let table = csv::chart_table(calc, &ev).into_iter().next().expect("a table");
        prop_assert_eq!(&table.rows[0].0, &label);
        let file = csv::write_with(&[], &[csv::Section { metric: calc.id, scenario: "A".into(), currency: "USD", table }], csv::Dialect::Standard);
        let parsed = cs_metrics::engine::csv::import::parse(file.split("\r\n\r\n").nth(1).unwrap_or_default()).expect("parses");
        prop_assert_eq!(parsed.cell(1, 0), Some(label.as_str()));
        // The chart: escaped, and read back as the same text.
        let chart = calc.chart.expect("chart");
        let markup = cs_metrics::engine::late::draw(cs_metrics::engine::spec::LatePart::Breakdowns, &chart, &ev, Display::default());
        let escaped = cs_metrics::engine::charts::escape(&label);
        let cell = format!(r#"data-value="{}">{}</output>"#, escaped, escaped);
        prop_assert!(markup.contains(&cell), "{}", markup);
        let raw = format!(">{}<", label);
        prop_assert!(!markup.contains(&raw) || label == escaped);
    }
}
