//! CSV: the export's format (RFC 4180, BOM, both dialects, injection-safe) and round trip, and
//! the import of survey exports, damaged ones included.

use crate::support::run;
use cs_metrics::engine::calculators::loyalty::NPS_QUESTION;
use cs_metrics::engine::catalogue;
use cs_metrics::engine::csv::import::{self as csv_import, CsvError};
use cs_metrics::engine::csv::{self, Dialect};
use cs_metrics::engine::format::{self, Display};
use cs_metrics::engine::list::EntryRule;
use cs_metrics::engine::locale::DecimalMark;
use cs_metrics::engine::state::Texts;
use rust_decimal::Decimal;

const NPS_SCORES: EntryRule = EntryRule {
    whole: true,
    min: Decimal::ZERO,
    max: Decimal::TEN,
};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/csv/{name}")).expect("fixture exists")
}

fn export(id: &str, inputs: &[(&str, &str)], dialect: Dialect) -> String {
    let calc = catalogue::find(id).expect("calculator");
    let ev = run(id, inputs);
    let texts: Texts = inputs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    csv::write(
        &csv::calculator_rows(calc, &texts, &ev, Display::default()),
        dialect,
    )
}

/// The export read back as (kind, field) → (value, unit, note).
fn read_back(text: &str) -> Vec<(String, String, String, String, String)> {
    let table = csv_import::parse(text).expect("export parses");
    assert_eq!(table.header, csv::COLUMNS.map(String::from).to_vec());
    (0..table.len())
        .map(|i| table.row(i).map(str::to_owned).collect::<Vec<String>>())
        .map(|r| {
            (
                r[1].clone(),
                r[2].clone(),
                r[4].clone(),
                r[6].clone(),
                r[7].clone(),
            )
        })
        .collect()
}

#[test]
fn nps_export_round_trips_exact_values() {
    let text = export(
        "nps",
        &[
            ("promoters", "120"),
            ("passives", "45"),
            ("detractors", "30"),
        ],
        Dialect::Standard,
    );
    assert!(text.starts_with("\u{feff}metric,kind,field,label,value,shown,unit,note,scenario\r\n"));
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let rows = read_back(&text);
    let get = |kind: &str, field: &str| {
        rows.iter()
            .find(|r| r.0 == kind && r.1 == field)
            .cloned()
            .expect(field)
    };
    assert_eq!(get("input", "promoters").2, "120");
    assert_eq!(get("input", "mode").2, "counts");
    let nps: Decimal = get("result", "nps").2.parse().expect("a plain decimal");
    let by_hand: Decimal = "46.153846153846153846153846154".parse().expect("decimal"); // 9000 / 195
    assert!((nps - by_hand).abs() < Decimal::new(1, 25), "{nps}");
    assert_eq!(get("result", "nps").3, "NPS");
    assert_eq!(get("result", "promoters_pct").3, "%");
    assert_eq!(get("result", "promoters_needed").2, "");
    assert!(get("result", "promoters_needed")
        .4
        .contains("Enter a target NPS"));
    // One row per visible input and result: 6 inputs (mode, 3 counts, target, method) + 13
    // results.
    assert_eq!(rows.len(), 19);
}

#[test]
fn a_projection_exports_its_months_wide_after_its_results() {
    let inputs = [
        ("mrr_start", "1000"),
        ("new_mrr", "100"),
        ("expansion_pct", "10"),
        ("churn_pct", "5"),
        ("months", "3"),
    ];
    let calc = catalogue::find("revenue-projection").expect("calculator");
    let ev = run("revenue-projection", &inputs);
    let texts: Texts = inputs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let rows = csv::calculator_rows(calc, &texts, &ev, Display::default());
    let section = csv::Section {
        metric: calc.id,
        scenario: "A".to_owned(),
        currency: "USD",
        table: csv::chart_table(calc, &ev)
            .into_iter()
            .next()
            .expect("a table"),
    };
    let text = csv::write_with(&rows, &[section], Dialect::Standard);
    // The results as before, then a blank line, the table's title, header and a row per month.
    let tail = text.split("\r\n\r\n").nth(1).expect("a second part");
    let lines: Vec<&str> = tail.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines,
        [
            "revenue-projection: MRR month by month (scenario A)",
            "Month,MRR (USD),New (USD),Expansion (USD),Contraction (USD),Churned (USD)",
            // By hand: 1,000 + 100 (10 %) − 50 (5 %) + 100 new = 1,150; then 1,150 × 1.05 + 100.
            "1,1150,100,100,0,50",
            "2,1307.5,100,115,0,57.5",
            "3,1472.875,100,130.75,0,65.375",
        ]
    );
    // The decimal-comma dialect: `;` between fields, `,` in numbers.
    let section = csv::Section {
        metric: calc.id,
        scenario: "B · Raise prices".to_owned(),
        currency: "EUR",
        table: csv::chart_table(calc, &ev)
            .into_iter()
            .next()
            .expect("a table"),
    };
    let text = csv::write_with(&[], &[section], Dialect::DecimalComma);
    assert!(text.contains("\r\nMonth;MRR (EUR);New (EUR)"), "{text}");
    assert!(text.contains("\r\n2;1307,5;100;115;0;57,5\r\n"), "{text}");
    assert!(text.contains("(scenario B · Raise prices)"), "{text}");
}

#[test]
fn verdicts_carry_their_id_and_sentence() {
    let rows = read_back(&export(
        "ltv-cac",
        &[("ltv", "42000"), ("cac", "12000")],
        Dialect::Standard,
    ));
    let verdict = rows.iter().find(|r| r.1 == "verdict").expect("verdict row");
    assert_eq!(verdict.2, "healthy");
    assert_eq!(verdict.4, "The 3:1 benchmark is met.");
    let cac = rows.iter().find(|r| r.1 == "cac").expect("cac row");
    assert_eq!((cac.2.as_str(), cac.3.as_str()), ("12000", "USD"));
}

#[test]
fn undefined_results_say_why_and_notes_are_quoted() {
    let text = export(
        "ltv",
        &[("arpa", "500"), ("churn_pct", "0")],
        Dialect::Standard,
    );
    assert!(
        text.contains(",\"Churn is 0 %, so customers never leave: enter a churn estimate.\",A\r\n"),
        "{text}"
    );
}

#[test]
fn decimal_comma_dialect() {
    let text = export(
        "nps",
        &[
            ("promoters", "120"),
            ("passives", "45"),
            ("detractors", "30"),
        ],
        Dialect::DecimalComma,
    );
    assert!(text.starts_with("\u{feff}metric;kind;field;label;value;shown;unit;note;scenario\r\n"));
    assert!(
        text.contains("nps;result;nps;NPS;46,1538461538461538461538"),
        "{text}"
    );
    let rows = read_back(&text);
    assert_eq!(
        rows.iter()
            .find(|r| r.1 == "margin_of_error")
            .map(|r| r.2.contains(',')),
        Some(true)
    );
}

#[test]
fn negative_numbers_stay_numbers_and_text_is_neutralised() {
    let rows = read_back(&export(
        "revenue-churn",
        &[
            ("mrr_start", "10000"),
            ("churned_mrr", "500"),
            ("contraction_mrr", "200"),
            ("expansion_mrr", "900"),
        ],
        Dialect::Standard,
    ));
    assert_eq!(
        rows.iter()
            .find(|r| r.1 == "net_revenue_churn_pct")
            .map(|r| r.2.as_str()),
        Some("-2")
    );
    for (text, want) in [
        ("=1+1", "'=1+1"),
        ("+A1", "'+A1"),
        ("-A1", "'-A1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("plain", "plain"),
    ] {
        assert_eq!(csv::neutralise(text), want);
    }
}

#[test]
fn list_inputs_export_their_summary_not_their_entries() {
    let rows = read_back(&export(
        "nps",
        &[("scores", "10\n9\n9\n0\n7")],
        Dialect::Standard,
    ));
    let scores = rows.iter().find(|r| r.1 == "scores").expect("scores row");
    assert_eq!(scores.2, "5");
    assert_eq!(scores.4, "values given: 0: 1; 7: 1; 9: 2; 10: 1");
}

#[test]
fn every_calculator_exports() {
    for calc in catalogue::ALL {
        let ev = cs_metrics::engine::evaluate::evaluate(calc, |_| None, Default::default());
        let rows = csv::calculator_rows(
            calc,
            &Texts::new(),
            &ev,
            Display {
                mark: DecimalMark::Dot,
                currency: format::currency("EUR"),
            },
        );
        let text = csv::write(&rows, Dialect::Standard);
        let table = csv_import::parse(&text).expect("parses");
        assert_eq!(table.len(), rows.len(), "{}", calc.id);
        assert!(
            (0..table.len()).all(|i| table.row(i).count() == 9),
            "{}",
            calc.id
        );
    }
    assert_eq!(
        csv::file_name("nps", "2026-11-23"),
        "cs-metrics-nps-2026-11-23.csv"
    );
}

#[test]
fn import_a_surveymonkey_export() {
    let table = csv_import::parse(&fixture("surveymonkey.csv")).expect("parses");
    assert_eq!(table.separator, ',');
    assert_eq!(
        table.header[3],
        "How likely is it that you would recommend us to a friend or colleague?"
    );
    assert_eq!(
        table.cell(2, 4).unwrap_or_default(),
        "Too expensive; the \"pro\" plan\r\nis hard to justify"
    );
    // The ID columns are numbers too, but not scores: the question column is suggested.
    assert_eq!(
        csv_import::suggest(&table, NPS_SCORES, DecimalMark::Dot, NPS_QUESTION),
        Some(3)
    );
    let import = csv_import::take(&table, 3, NPS_SCORES, DecimalMark::Dot);
    let values: Vec<i64> = import.values.iter().map(|v| v.mantissa() as i64).collect();
    assert_eq!(values, vec![10, 9, 6, 8]);
    assert_eq!(import.blank, 1);
    assert_eq!(import.skipped_total, 1);
    assert_eq!(
        import.summary(),
        "Took 4 values; 1 blank cell left out; skipped row 7 “n/a” (not a number)."
    );
}

#[test]
fn import_google_forms_semicolon_tab_and_qualtrics() {
    let table = csv_import::parse(&fixture("google-forms.csv")).expect("parses");
    assert_eq!(
        csv_import::suggest(&table, NPS_SCORES, DecimalMark::Dot, NPS_QUESTION),
        Some(1)
    );
    let import = csv_import::take(&table, 1, NPS_SCORES, DecimalMark::Dot);
    assert_eq!(import.values.len(), 4);
    assert_eq!(
        import.summary(),
        "Took 4 values; skipped row 6 “11” (above 10)."
    );

    let table = csv_import::parse(&fixture("semicolon.csv")).expect("parses");
    assert_eq!(table.separator, ';');
    assert_eq!(table.cell(1, 2), Some("Zu teuer; langsam"));
    assert_eq!(
        csv_import::suggest(&table, NPS_SCORES, DecimalMark::Dot, NPS_QUESTION),
        Some(1)
    );

    let table = csv_import::parse(&fixture("tab-separated.tsv")).expect("parses");
    assert_eq!(table.separator, '\t');
    let five = EntryRule {
        whole: true,
        min: Decimal::ZERO,
        max: Decimal::from(5),
    };
    assert_eq!(
        csv_import::suggest(&table, five, DecimalMark::Dot, &["rating"]),
        Some(1)
    );

    // Qualtrics puts two more header rows under the first: they are skipped with a reason.
    let table = csv_import::parse(&fixture("qualtrics.csv")).expect("parses");
    assert_eq!(
        csv_import::suggest(&table, NPS_SCORES, DecimalMark::Dot, NPS_QUESTION),
        Some(3)
    );
    let import = csv_import::take(&table, 3, NPS_SCORES, DecimalMark::Dot);
    assert_eq!(import.values.len(), 3);
    assert_eq!(import.skipped_total, 2);
    assert_eq!(import.skipped[0].row, 2);
}

/// A SurveyMonkey-shaped export with two questions: "How satisfied…" on 1–5 first, then
/// "How likely… to recommend…" on 0–10. Each metric picks its own question.
#[test]
fn two_questions_each_metric_picks_its_own() {
    let table = csv_import::parse(&fixture("surveymonkey-two-questions.csv")).expect("parses");
    let satisfied = 4;
    let recommend = 5;
    // NPS: the 0–10 "recommend" question, although the 1–5 one comes first and is all valid.
    assert_eq!(
        csv_import::suggest(&table, NPS_SCORES, DecimalMark::Dot, NPS_QUESTION),
        Some(recommend)
    );
    // CSAT on 1–5: the satisfaction question.
    let one_to_five = EntryRule {
        whole: true,
        min: Decimal::ONE,
        max: Decimal::from(5),
    };
    let csat_words: &[&str] = &["satisf", "csat", "happy"];
    assert_eq!(
        csv_import::suggest(&table, one_to_five, DecimalMark::Dot, csat_words),
        Some(satisfied)
    );
    // Without words, the range alone tells them apart for NPS.
    assert_eq!(
        csv_import::suggest(&table, NPS_SCORES, DecimalMark::Dot, &[]),
        Some(recommend)
    );
    // Picking the 1–5 column for NPS anyway gets a warning that names it.
    let columns = csv_import::columns(&table, NPS_SCORES, DecimalMark::Dot);
    let warning = columns[satisfied]
        .fit_warning(NPS_SCORES)
        .expect("a warning");
    assert!(
        warning.starts_with("No answer in column E is above 6"),
        "{warning}"
    );
    assert_eq!(columns[recommend].fit_warning(NPS_SCORES), None);
    assert_eq!(
        columns[recommend].range,
        Some((Decimal::from(3), Decimal::from(10)))
    );
    // The 0–10 column read as CSAT on 1–5: most of it is out of range, and it says so.
    let columns = csv_import::columns(&table, one_to_five, DecimalMark::Dot);
    let warning = columns[recommend]
        .fit_warning(one_to_five)
        .expect("a warning");
    assert!(warning.contains("outside 1–5"), "{warning}");
}

#[test]
fn column_letters_as_spreadsheets_name_them() {
    let named = |index| csv_import::Column {
        index,
        name: String::new(),
        numeric: 0,
        valid: 0,
        range: None,
    };
    assert_eq!(named(0).letter(), "A");
    assert_eq!(named(25).letter(), "Z");
    assert_eq!(named(26).letter(), "AA");
    assert_eq!(named(27).letter(), "AB");
    assert_eq!(named(701).letter(), "ZZ");
    assert_eq!(named(702).letter(), "AAA");
}

#[test]
fn damaged_files_get_a_clear_message() {
    let err = csv_import::parse(&fixture("unterminated-quote.csv")).expect_err("damaged");
    assert_eq!(err, CsvError::UnterminatedQuote { line: 2 });
    assert!(err.message().contains("line 2"));
    assert_eq!(csv_import::parse(""), Err(CsvError::Empty));
    assert_eq!(csv_import::parse("\u{feff}\r\n\r\n"), Err(CsvError::Empty));
    assert_eq!(csv_import::parse("score\n"), Err(CsvError::NoRows));
    // Ragged rows: short rows have blank cells, long ones add columns.
    let table = csv_import::parse(&fixture("ragged.csv")).expect("parses");
    assert_eq!(table.header, vec!["id", "score", "Column 3", "Column 4"]);
    let import = csv_import::take(&table, 1, NPS_SCORES, DecimalMark::Dot);
    let values: Vec<i64> = import.values.iter().map(|v| v.mantissa() as i64).collect();
    assert_eq!(values, vec![9, 6, 10]);
    assert_eq!(import.blank, 1);
}

#[test]
fn pasted_tables_are_told_from_lists() {
    assert!(csv_import::is_table("Name, Score\nAlice, 9\nBob, 7"));
    assert!(csv_import::is_table("Name\tScore\nAlice\t9"));
    assert!(!csv_import::is_table("9,10,7"));
    assert!(!csv_import::is_table("9\t10\t7\n8\t9\t10"));
    assert!(!csv_import::is_table("Score\n9\n10"));
    assert!(csv_import::is_table("\"Name\";\"Score\"\nAda;9"));
    assert!(!csv_import::is_table(""));
    assert!(!csv_import::is_table("Name, Score"));
}

#[test]
fn each_value_also_comes_as_shown() {
    let text = export(
        "nps",
        &[
            ("promoters", "120"),
            ("passives", "45"),
            ("detractors", "30"),
        ],
        Dialect::Standard,
    );
    let table = csv_import::parse(&text).expect("parses");
    let shown = |field: &str| {
        (0..table.len())
            .map(|i| table.row(i).map(str::to_owned).collect::<Vec<String>>())
            .find(|r| r[1] == "result" && r[2] == field)
            .map(|r| (r[4].clone(), r[5].clone()))
    };
    let (exact, rounded) = shown("nps").expect("nps row");
    assert!(exact.starts_with("46.15384615"), "{exact}");
    assert_eq!(rounded, "46.2");
    assert_eq!(
        shown("promoters_pct").map(|r| r.1),
        Some("61.5%".to_owned())
    );
    assert_eq!(
        shown("margin_of_error").map(|r| r.1),
        Some("10.5 pts".to_owned())
    );
}

#[test]
fn every_scenario_has_its_rows_named_in_the_scenario_column() {
    use cs_metrics::engine::evaluate::{evaluate, ReadOptions};
    use cs_metrics::engine::state::{inputs_from_link, read_link, Texts};
    let calc = catalogue::find("ltv-cac").unwrap();
    let link = read_link("calc=ltv-cac&ltv=42000&cac=12000&b.cac=15000&b.name=Raise%20CAC");
    let sheet = inputs_from_link(calc, &link, &Texts::new(), DecimalMark::Dot).sheet;
    let options = ReadOptions {
        mark: DecimalMark::Dot,
        skip_invalid: false,
    };
    let evaluations: Vec<_> = sheet
        .scenarios()
        .iter()
        .map(|s| evaluate(calc, |id| s.texts.get(id).map(String::as_str), options))
        .collect();
    let display = Display {
        mark: DecimalMark::Dot,
        currency: format::currency("USD"),
    };
    let rows = csv::sheet_rows(calc, &sheet, &evaluations, display);
    let ratio = |scenario: &str| {
        rows.iter()
            .find(|r| r.field == "ltv_cac_ratio" && r.scenario == scenario)
            .map(|r| r.value.clone())
    };
    // 42,000 / 12,000 and 42,000 / 15,000
    assert_eq!(ratio("A").as_deref(), Some("3.5"));
    assert_eq!(ratio("B · Raise CAC").as_deref(), Some("2.8"));
}

#[test]
fn a_files_bytes_read_as_a_browser_reads_them() {
    // UTF-8 with its byte-order mark: kept as is (the reader drops the mark).
    let text = csv_import::text_of_file("\u{feff}Plan,Score\nPro,9\n".as_bytes().to_vec());
    let table = csv_import::parse_owned(text).expect("parses");
    assert_eq!(table.header, ["Plan", "Score"]);
    // Latin-1's "é" is not UTF-8: replaced, and the rest still reads.
    let text = csv_import::text_of_file(b"Plan,Score\nCaf\xe9,9\n".to_vec());
    assert_eq!(text, "Plan,Score\nCaf\u{fffd},9\n");
    // Nothing at all.
    assert_eq!(csv_import::text_of_file(Vec::new()), "");
}

#[test]
fn columns_read_at_once_count_and_range_as_the_full_reader() {
    // Whole numbers take the quick path, the rest the full reader; ranges join both.
    let table = csv_import::parse(
        "A,B,C\n3,x,2026-01-05\n10,4.5,2026-02-01\n11,7,\n0,\" 2 \",2026-03-09\n",
    )
    .expect("parses");
    let rule = EntryRule {
        whole: false,
        min: Decimal::ZERO,
        max: Decimal::TEN,
    };
    let cs = csv_import::columns(&table, rule, DecimalMark::Dot);
    let summary: Vec<_> = cs.iter().map(|c| (c.numeric, c.valid, c.range)).collect();
    assert_eq!(
        summary,
        [
            (4, 3, Some((Decimal::ZERO, Decimal::TEN))),
            (3, 3, Some((Decimal::TWO, Decimal::from(7)))),
            (0, 0, None),
        ]
    );
}

#[test]
fn a_tables_counts_are_kept_for_its_pickers() {
    let table = std::sync::Arc::new(
        csv_import::parse("Plan,Score\nPro,9\nStarter,3\nPro,x\n").expect("parses"),
    );
    let first = csv_import::columns_of(&table, NPS_SCORES, DecimalMark::Dot);
    assert_eq!(
        *first,
        csv_import::columns(&table, NPS_SCORES, DecimalMark::Dot)
    );
    // The same table, rule and mark: the same count, not a second one.
    let again = csv_import::columns_of(&table, NPS_SCORES, DecimalMark::Dot);
    assert!(std::rc::Rc::ptr_eq(&first, &again));
    // Another rule, or an equal table read again, is counted afresh.
    let one_to_five = EntryRule {
        whole: true,
        min: Decimal::ONE,
        max: Decimal::from(5),
    };
    let other = csv_import::columns_of(&table, one_to_five, DecimalMark::Dot);
    assert!(!std::rc::Rc::ptr_eq(&first, &other));
    let copy = std::sync::Arc::new((*table).clone());
    let fresh = csv_import::columns_of(&copy, NPS_SCORES, DecimalMark::Dot);
    assert!(!std::rc::Rc::ptr_eq(&first, &fresh));
    assert_eq!(*first, *fresh);
}
