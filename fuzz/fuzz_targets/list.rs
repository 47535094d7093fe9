//! Any bytes as a pasted list of scores: never panics, counts add up, and every calculator
//! with a list evaluates it.
#![no_main]
use cs_metrics::engine::catalogue::ALL;
use cs_metrics::engine::evaluate::{evaluate, ReadOptions};
use cs_metrics::engine::list::{self, EntryRule};
use cs_metrics::engine::locale::DecimalMark;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let scores = EntryRule { whole: true, min: Decimal::ZERO, max: Decimal::TEN };
    // Day counts: fractions allowed and a wide range, so lists can outgrow the distribution.
    let days = EntryRule { whole: false, min: Decimal::ZERO, max: Decimal::from(100_000) };
    for mark in [DecimalMark::Dot, DecimalMark::Comma] {
        for rule in [scores, days] {
            let parsed = list::parse(text, mark, rule);
            assert!(parsed.bad.len() <= parsed.bad_total);
            // Either the counts or the entries themselves, and both add up to the count.
            let counted: usize = parsed.distribution.iter().map(|(_, n)| n).sum();
            if parsed.distribution.is_empty() {
                assert_eq!(parsed.values.len(), parsed.count);
            } else {
                assert_eq!(counted, parsed.count);
                assert!(parsed.values.is_empty());
            }
        }
        for skip_invalid in [false, true] {
            for calc in ALL.iter().filter(|c| c.inputs.iter().any(|i| i.id == "scores" || i.id == "days")) {
                let _ = evaluate(calc, |id| (id == "scores" || id == "days").then_some(text), ReadOptions { mark, skip_invalid });
            }
        }
    }
});
