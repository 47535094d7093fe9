//! The link and record formats, and the start rule, case by case.

use super::*;
use crate::engine::catalogue;
use crate::engine::evaluate::{evaluate, Evaluation, ReadOptions};
use crate::engine::locale::DecimalMark::{self, Comma, Dot};
use crate::engine::spec::Calculator;
use crate::engine::state::record::{is_own, remember};
use crate::engine::state::start::{start, Found, Source, StorageUnavailable, NO_STORAGE};

fn calc(id: &str) -> &'static Calculator {
    catalogue::find(id).unwrap()
}

fn texts(pairs: &[(&str, &str)]) -> Texts {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn get<'a>(t: &'a Texts, id: &str) -> Option<&'a str> {
    t.get(id).map(String::as_str)
}

fn eval(c: &Calculator, t: &Texts, mark: DecimalMark) -> Evaluation {
    evaluate(
        c,
        |id| t.get(id).map(String::as_str),
        ReadOptions {
            mark,
            skip_invalid: false,
        },
    )
}

fn link_texts(c: &Calculator, query: &str, mark: DecimalMark) -> FromLink {
    inputs_from_link(c, &read_link(query), &Texts::new(), mark)
}

#[test]
fn reads_the_links_of_metrics_md() {
    let got = link_texts(
        calc("nps"),
        "?calc=nps&promoters=70&passives=20&detractors=10",
        Dot,
    );
    assert_eq!(get(&got.sheet.base().texts, "promoters"), Some("70"));
    assert!(got.notices.is_empty());
    let link = read_link("calc=nps&scores=0,7,9&embed=1&theme=dark&bogus=1");
    assert!(link.embed);
    assert_eq!(link.theme.as_deref(), Some("dark"));
    let got = inputs_from_link(calc("nps"), &link, &Texts::new(), Dot);
    assert_eq!(get(&got.sheet.base().texts, "scores"), Some("0,7,9"));
    assert!(got.notices.iter().any(|n| n.contains("bogus")));
    // Scenarios: B is A with its own differences, and a name.
    let got = link_texts(
        calc("ltv-cac"),
        "calc=ltv-cac&ltv=42000&cac=12000&b.cac=15000&b.name=Raise%20prices",
        Dot,
    );
    let b = got.sheet.get(1).expect("scenario B");
    assert_eq!(b.name.as_deref(), Some("Raise prices"));
    assert_eq!(
        (get(&b.texts, "ltv"), get(&b.texts, "cac")),
        (Some("42000"), Some("15000"))
    );
    assert_eq!(get(&got.sheet.base().texts, "cac"), Some("12000"));
}

/// The sender's format and texts, the link written, what a dot and a comma reader get.
type LinkCase = (
    DecimalMark,
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, &'static str)],
);

/// One row per case: the sender's format and texts, the link written, and what a reader in
/// each format gets in their fields.
#[test]
fn links_carry_canonical_numbers_both_ways() {
    let rows: &[LinkCase] = &[
        (
            Comma,
            &[
                ("mode", "arpa"),
                ("churn_pct", "2,5"),
                ("cac", "1.200"),
                ("arpa", "€100"),
            ],
            "calc=ltv-cac&v=2&mode=arpa&arpa=100&churn_pct=2.5&cac=1200",
            &[("churn_pct", "2.5"), ("cac", "1200"), ("arpa", "100")],
            &[("churn_pct", "2,5"), ("cac", "1200"), ("arpa", "100")],
        ),
        (
            Dot,
            &[("ltv", "42,000.50"), ("cac", "$12,000")],
            "calc=ltv-cac&v=2&ltv=42000.5&cac=12000",
            &[("ltv", "42000.5"), ("cac", "12000")],
            &[("ltv", "42000,5"), ("cac", "12000")],
        ),
        (
            Comma,
            &[("mode", "scores"), ("scores", "9;10\n7")],
            "calc=nps&v=2&mode=scores&scores=9%3B10%0A7",
            &[("scores", "9;10\n7")],
            &[("scores", "9;10\n7")],
        ),
        (
            Dot,
            &[("mode", "scores"), ("scores", "9,10,7")],
            "calc=nps&v=2&mode=scores&scores=9,10,7",
            &[("scores", "9,10,7")],
            &[("scores", "9;10;7")],
        ),
    ];
    for (from, typed, want, dot_reader, comma_reader) in rows {
        let c = calc(read_link(want).calc.as_deref().unwrap_or_default());
        let sent_texts = texts(typed);
        let query = to_query(c, &Sheet::single(sent_texts.clone(), false), *from, &[]);
        assert_eq!(query.text, *want);
        assert!(query.left_out.is_empty());
        let sent = eval(c, &sent_texts, *from);
        for (reader, expected) in [(Dot, dot_reader), (Comma, comma_reader)] {
            let got = link_texts(c, &query.text, reader);
            let base = &got.sheet.base().texts;
            for (id, text) in expected.iter() {
                assert_eq!(get(base, id), Some(*text), "{want} read with {reader:?}");
            }
            // …and the reader's results are the sender's.
            assert_eq!(
                sent.results,
                eval(c, base, reader).results,
                "{want} with {reader:?}"
            );
        }
    }
}

#[test]
fn first_release_links_are_never_guessed() {
    // A comma user's link of the first release: 2,5 can only be 2.5; 1.200 is 1.2 to one
    // reader and 1,200 to the other: blank, with a notice naming it.
    for reader in [Dot, Comma] {
        let got = link_texts(
            calc("ltv-cac"),
            "calc=ltv-cac&mode=arpa&arpa=100&churn_pct=2,5&cac=1.200",
            reader,
        );
        let base = &got.sheet.base().texts;
        let churn = if reader == Dot { "2.5" } else { "2,5" };
        assert_eq!(get(base, "churn_pct"), Some(churn));
        assert_eq!(get(base, "cac"), None);
        assert_eq!(get(base, "arpa"), Some("100"));
        assert!(
            got.notices.iter().any(|n| n.contains("CAC (“1.200”)")),
            "{:?}",
            got.notices
        );
    }
    // 0.5 is refused as grouping in the comma format: 0.5 for both.
    let got = link_texts(calc("ltv"), "calc=ltv&churn_pct=0.5", Comma);
    assert_eq!(get(&got.sheet.base().texts, "churn_pct"), Some("0,5"));
    // Lists: 9,10 is two scores to one reader and a score of 9.10 (refused) to the other;
    // 2,5 as days is 2 and 5, or 2.5: blank.
    let got = link_texts(calc("nps"), "calc=nps&scores=9,10", Comma);
    assert_eq!(get(&got.sheet.base().texts, "scores"), Some("9;10"));
    let got = link_texts(
        calc("time-to-first-value"),
        "calc=time-to-first-value&days=2,5",
        Dot,
    );
    assert_eq!(get(&got.sheet.base().texts, "days"), None);
    assert_eq!(got.notices.len(), 1);
}

#[test]
fn long_lists_travel_as_counts_or_are_named() {
    let nps = calc("nps");
    let scores = "9\n10\n7\n3\n8\n".repeat(500); // 2,500 answers
    let typed = texts(&[("mode", "scores"), ("scores", &scores)]);
    let ev = eval(nps, &typed, Dot);
    let query = to_query(nps, &Sheet::single(typed, false), Dot, &[&ev]);
    assert_eq!(
        query.text,
        "calc=nps&v=2&mode=scores&scores=3*500,7*500,8*500,9*500,10*500"
    );
    let got = link_texts(nps, &query.text, Dot);
    assert_eq!(eval(nps, &got.sheet.base().texts, Dot).results, ev.results);
    // Thousands of different day counts can't travel: named in the link and to its reader.
    let days: Vec<String> = (0..3000).map(|d| d.to_string()).collect();
    let ttfv = calc("time-to-first-value");
    let typed = texts(&[("days", &days.join("\n"))]);
    let ev = eval(ttfv, &typed, Dot);
    let query = to_query(ttfv, &Sheet::single(typed, false), Dot, &[&ev]);
    assert_eq!(query.text, "calc=time-to-first-value&v=2&left_out=days");
    assert_eq!(
        query.left_out.first().map(|(s, w)| (s.id, *w)),
        Some(("days", Omission::TooLong))
    );
    let got = link_texts(ttfv, &query.text, Dot);
    assert!(got.has_figures);
    assert!(
        got.notices
            .iter()
            .any(|n| n.contains("Days to first value")),
        "{:?}",
        got.notices
    );
    // A text that is not a number here but would be one canonically can't travel.
    let typed = texts(&[("mrr", "1.5"), ("accounts", "2")]);
    let query = to_query(calc("arpa"), &Sheet::single(typed, false), Comma, &[]);
    assert_eq!(query.text, "calc=arpa&v=2&accounts=2&left_out=mrr");
}

#[test]
fn scenarios_carry_only_what_differs_from_a() {
    let c = calc("ltv-cac");
    let mut sheet = Sheet::single(texts(&[("ltv", "42000"), ("cac", "12000")]), false);
    let b = sheet.add_copy_of(0).unwrap();
    sheet
        .get_mut(b)
        .unwrap()
        .texts
        .insert("cac".into(), "15000".into());
    sheet.get_mut(b).unwrap().name = Some("Raise prices".into());
    let c_at = sheet.add_copy_of(0).unwrap();
    let _ = c_at; // C: an unchanged copy of A
    let query = to_query(c, &sheet, Dot, &[]);
    assert_eq!(
        query.text,
        "calc=ltv-cac&v=2&ltv=42000&cac=12000&b.cac=15000&b.name=Raise%20prices&c.name="
    );
    let back = link_texts(c, &query.text, Dot);
    assert_eq!(back.sheet, sheet);
    // The record keeps them too, and old records still read as one scenario.
    let stored = to_record(&sheet, Dot);
    assert_eq!(from_record(c, &stored, Dot), Ok(sheet));
}

#[test]
fn defaults_are_not_repeated_in_links() {
    let csat = calc("csat");
    assert_eq!(
        to_query(csat, &Sheet::single(defaults(csat), false), Dot, &[]).text,
        "calc=csat&v=2"
    );
}

#[test]
fn records_keep_what_was_typed_and_convert_formats() {
    let nps = calc("nps");
    let typed = texts(&[("scores", "9\n10 & 7=x+50 %\n−1 ✓")]);
    let stored = to_record(&Sheet::single(typed.clone(), true), Dot);
    assert_eq!(
        stored,
        "v=3&mark=dot&scores=9\n10 %26 7%3Dx%2B50 %25\n−1 ✓&skip_invalid=1"
    );
    assert_eq!(
        from_record(nps, &stored, Dot),
        Ok(Sheet::single(typed, true))
    );
    // Typed with a decimal comma, read after switching to a dot: converted, not re-read.
    let stored = to_record(&Sheet::single(texts(&[("mrr", "1.200,5")]), false), Comma);
    let back = from_record(calc("arpa"), &stored, Dot).unwrap();
    assert_eq!(get(&back.base().texts, "mrr"), Some("1200.5"));
    // Earlier records: version 2 (with its format), version 1 (read in the current format;
    // what the first builds stored, fully percent-encoded, still reads back).
    let v2 = from_record(calc("arpa"), "v=2&mark=comma&mrr=1.200,5", Dot).unwrap();
    assert_eq!(get(&v2.base().texts, "mrr"), Some("1200.5"));
    let v1 = from_record(nps, "v=1&scores=9%0A10%20%26%207&skip_invalid=1", Dot).unwrap();
    assert_eq!(
        (get(&v1.base().texts, "scores"), v1.skip_invalid),
        (Some("9\n10 & 7"), true)
    );
    assert_eq!(
        from_record(nps, "v=0&promoters=1", Dot),
        Err(StoredError::OldVersion)
    );
    assert_eq!(
        from_record(nps, "v=2&promoters=1", Dot),
        Err(StoredError::Corrupt)
    );
    assert_eq!(
        from_record(nps, "{\"json\":true}", Dot),
        Err(StoredError::Corrupt)
    );
    assert_eq!(from_record(nps, "", Dot), Err(StoredError::Corrupt));
}

/// What a case of the start rule found, and what it must open with.
struct StartCase {
    name: &'static str,
    query: &'static str,
    record: Result<Option<&'static str>, StorageUnavailable>,
    /// The remembered-link record, `{now}` replaced by the fake clock's "now".
    written: Option<&'static str>,
    /// Milliseconds after the remembered link was replaced.
    elapsed_ms: u64,
    source: Source,
    arpa: Option<&'static str>,
    notice: Option<&'static str>,
}

/// The start rule, one row per case, with a fake clock.
#[test]
fn the_starting_figures_case_by_case() {
    const OWN: &str = "calc=arpa&v=2&mrr=1000&accounts=20";
    const REPLACED: &str = "calc=arpa&v=2&mrr=1000&accounts=10";
    let rows = [
        StartCase {
            name: "a fresh link: its figures",
            query: "calc=arpa&v=2&mrr=1000&accounts=4",
            record: Ok(Some("v=3&mark=dot&mrr=1000&accounts=20")),
            written: Some("calc=arpa&v=2&mrr=1000&accounts=20\n\n0"),
            elapsed_ms: 5_000,
            source: Source::Link,
            arpa: Some("250"),
            notice: None,
        },
        StartCase {
            name: "a reload after typing: the saved figures are newer than the link",
            query: OWN,
            record: Ok(Some("v=3&mark=dot&mrr=1000&accounts=25")),
            written: Some(
                "calc=arpa&v=2&mrr=1000&accounts=20\ncalc=arpa&v=2&mrr=1000&accounts=10\n{then}",
            ),
            elapsed_ms: 60_000,
            source: Source::Saved,
            arpa: Some("40"),
            notice: None,
        },
        StartCase {
            name: "a reload within the coalescing window: the replaced link still counts as own",
            query: REPLACED,
            record: Ok(Some("v=3&mark=dot&mrr=1000&accounts=25")),
            written: Some(
                "calc=arpa&v=2&mrr=1000&accounts=20\ncalc=arpa&v=2&mrr=1000&accounts=10\n{then}",
            ),
            elapsed_ms: 300,
            source: Source::Saved,
            arpa: Some("40"),
            notice: None,
        },
        StartCase {
            name: "an old link reopened later: someone's shared state again",
            query: REPLACED,
            record: Ok(Some("v=3&mark=dot&mrr=1000&accounts=25")),
            written: Some(
                "calc=arpa&v=2&mrr=1000&accounts=20\ncalc=arpa&v=2&mrr=1000&accounts=10\n{then}",
            ),
            elapsed_ms: 5_200,
            source: Source::Link,
            arpa: Some("100"),
            notice: None,
        },
        StartCase {
            name: "no figures in the link: the saved ones",
            query: "calc=arpa",
            record: Ok(Some("v=3&mark=dot&mrr=1000&accounts=25")),
            written: None,
            elapsed_ms: 0,
            source: Source::Saved,
            arpa: Some("40"),
            notice: None,
        },
        StartCase {
            name: "a corrupt record: said, dropped, and the link used",
            query: "calc=arpa&v=2&mrr=1000&accounts=4",
            record: Ok(Some("{garbage")),
            written: Some(OWN),
            elapsed_ms: 0,
            source: Source::Link,
            arpa: Some("250"),
            notice: Some("couldn't be read"),
        },
        StartCase {
            name: "storage unavailable: the link, and a word that nothing is kept",
            query: "calc=arpa&v=2&mrr=1000&accounts=4",
            record: Err(StorageUnavailable),
            written: None,
            elapsed_ms: 0,
            source: Source::Link,
            arpa: Some("250"),
            notice: Some(NO_STORAGE),
        },
        StartCase {
            name: "nothing at all: the defaults",
            query: "calc=arpa",
            record: Ok(None),
            written: None,
            elapsed_ms: 0,
            source: Source::Defaults,
            arpa: None,
            notice: None,
        },
    ];
    let c = calc("arpa");
    let then: u64 = 1_700_000_000_000;
    for row in &rows {
        let written = row.written.map(|w| w.replace("{then}", &then.to_string()));
        let found = Found {
            query: row.query,
            record: row.record,
            written: written.as_deref(),
            now_ms: then + row.elapsed_ms,
            embed: false,
        };
        let got = start(c, &found, Dot);
        assert_eq!(got.source, row.source, "{}", row.name);
        let arpa = eval(c, &got.sheet.base().texts, Dot)
            .result("arpa")
            .map(|r| r.computed.value);
        let want = row
            .arpa
            .map(|a| crate::engine::formula::Value::Number(a.parse().unwrap_or_default()));
        match want {
            Some(w) => assert_eq!(arpa, Some(w), "{}", row.name),
            None => assert!(
                !matches!(arpa, Some(crate::engine::formula::Value::Number(_))),
                "{}",
                row.name
            ),
        }
        match row.notice {
            Some(n) => assert!(
                got.notices.iter().any(|m| m.contains(n)),
                "{}: {:?}",
                row.name,
                got.notices
            ),
            None => assert!(got.notices.is_empty(), "{}: {:?}", row.name, got.notices),
        }
    }
    // A long paste that is not in the link (too long): a reload of the app's own link (which
    // names it left out) brings the saved paste back.
    let nps = calc("nps");
    let days: Vec<String> = (0..3000).map(|d| d.to_string()).collect();
    let record = format!("v=3&mark=dot&days={}", days.join("%0A"));
    let own = "calc=time-to-first-value&v=2&left_out=days";
    let written = format!("{own}\n\n{then}");
    let found = Found {
        query: own,
        record: Ok(Some(&record)),
        written: Some(&written),
        now_ms: then + 10_000,
        embed: false,
    };
    let got = start(calc("time-to-first-value"), &found, Dot);
    assert_eq!(got.source, Source::Saved);
    assert_eq!(
        got.sheet
            .base()
            .texts
            .get("days")
            .map(|d| d.lines().count()),
        Some(3000)
    );
    // In an embed, storage that can't be used is not mentioned.
    let found = Found {
        query: "calc=nps",
        record: Err(StorageUnavailable),
        written: None,
        now_ms: 0,
        embed: true,
    };
    assert!(start(nps, &found, Dot).notices.is_empty());
}

#[test]
fn the_remembered_link_moves_on_and_forgets() {
    let first = remember(None, "calc=arpa&v=2&mrr=1", 10).unwrap();
    assert_eq!(first, "calc=arpa&v=2&mrr=1\n\n10");
    assert_eq!(remember(Some(&first), "calc=arpa&v=2&mrr=1", 20), None);
    let second = remember(Some(&first), "calc=arpa&v=2&mrr=2", 30).unwrap();
    assert!(is_own(Some(&second), "calc=arpa&v=2&mrr=2", 50_000));
    assert!(is_own(Some(&second), "calc=arpa&v=2&mrr=1", 900));
    assert!(is_own(Some(&second), "calc=arpa&v=2&mrr=1", 4_900));
    assert!(!is_own(Some(&second), "calc=arpa&v=2&mrr=1", 5_100));
    assert!(!is_own(None, "calc=arpa&v=2&mrr=2", 0));
}

#[test]
fn texts_stay_in_id_order_with_one_text_per_id() {
    let texts: Texts = [("b", "2"), ("a", "1"), ("c", "3"), ("b", "4")]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let pairs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(pairs, vec![("a", "1"), ("b", "4"), ("c", "3")]);
    assert_eq!(texts.get("b").map(String::as_str), Some("4"));
    assert_eq!(texts.get("d"), None);
}

#[test]
fn decoding_never_fails() {
    let pairs = decode_pairs("a=%ZZ&b=%&c=%e2%88%92&d=x+y&=&e");
    assert_eq!(pairs[0], ("a".into(), "%ZZ".into()));
    assert_eq!(pairs[1], ("b".into(), "%".into()));
    assert_eq!(pairs[2], ("c".into(), "−".into()));
    assert_eq!(pairs[3], ("d".into(), "x y".into()));
}

#[test]
fn a_goal_seek_travels_in_the_link_and_is_not_an_input() {
    let query = "calc=ltv-cac&ltv=42000&cac=12000&seek=ltv_cac_ratio&target=3&vary=cac";
    let link = read_link(query);
    let seek = link.seek.clone().expect("a seek");
    assert_eq!(
        (
            seek.result.as_str(),
            seek.target.as_str(),
            seek.vary.as_str()
        ),
        ("ltv_cac_ratio", "3", "cac")
    );
    assert_eq!(
        read_link(&format!("calc=ltv-cac&{}", seek.query())).seek,
        Some(seek.clone())
    );
    // The seek's keys are not figures: no notice about unknown fields, A as typed.
    let got = link_texts(calc("ltv-cac"), query, DecimalMark::Dot);
    assert!(got.notices.is_empty(), "{:?}", got.notices);
    assert_eq!(got.sheet.scenarios().len(), 1);
    // A link without one has none.
    assert_eq!(read_link("calc=ltv-cac&ltv=42000").seek, None);
    // The start rule hands it on whichever figures win: the link's, or the saved ones.
    for record in [None, Some("v=3&mark=dot&ltv=50000&cac=12000")] {
        let found = Found {
            query,
            record: Ok(record),
            written: Some(query),
            now_ms: 0,
            embed: false,
        };
        assert_eq!(
            start(calc("ltv-cac"), &found, DecimalMark::Dot).seek,
            Some(seek.clone())
        );
    }
}
