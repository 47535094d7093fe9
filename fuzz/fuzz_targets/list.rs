//! Any bytes as a pasted list of scores: never panics, counts add up, and every calculator
//! with a list evaluates it.
#![no_main]
use cs_metrics::engine::catalogue::ALL;
use cs_metrics::engine::evaluate::{evaluate, ReadOptions};
use cs_metrics::engine::list::{self, EntryRule};
use cs_metrics::engine::number::DecimalMark;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rule = EntryRule { whole: true, min: Decimal::ZERO, max: Decimal::TEN };
    for mark in [DecimalMark::Dot, DecimalMark::Comma] {
        let parsed = list::parse(text, mark, rule);
        assert!(parsed.bad.len() <= parsed.bad_total);
        let counted: usize = parsed.distribution.iter().map(|(_, n)| n).sum();
        assert!(parsed.distribution.is_empty() || counted == parsed.values.len());
        for skip_invalid in [false, true] {
            for calc in ALL.iter().filter(|c| c.inputs.iter().any(|i| i.id == "scores" || i.id == "days")) {
                let _ = evaluate(calc, |id| (id == "scores" || id == "days").then_some(text), ReadOptions { mark, skip_invalid });
            }
        }
    }
});
