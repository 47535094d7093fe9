//! Any bytes as a typed number, in both decimal-mark settings: never panics, and a value that
//! parses displays and parses back to the same rounded value.
#![no_main]
use cs_metrics::engine::format;
use cs_metrics::engine::locale::DecimalMark;
use cs_metrics::engine::number::{self};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for mark in [DecimalMark::Dot, DecimalMark::Comma] {
        if let Ok(parsed) = number::parse(text, mark) {
            assert!(parsed.value.abs() <= number::MAX_MAGNITUDE);
            let shown = format::grouped(parsed.value, 2, false, mark).replace('−', "-");
            let again = number::parse(&shown, mark).expect("a displayed number parses");
            assert_eq!(again.value, parsed.value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero));
        }
    }
});
