//! Any bytes as an imported CSV file: never panics, and every column can be suggested and taken.
#![no_main]
use cs_metrics::engine::csv::import as csv_import;
use cs_metrics::engine::list::EntryRule;
use cs_metrics::engine::locale::DecimalMark;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(table) = csv_import::parse(&text) else { return };
    let rule = EntryRule { whole: true, min: Decimal::ZERO, max: Decimal::TEN };
    let _ = csv_import::suggest(&table, rule, DecimalMark::Dot, &["recommend"]);
    for column in 0..table.header.len() {
        let import = csv_import::take(&table, column, rule, DecimalMark::Comma);
        assert!(import.skipped.len() <= import.skipped_total);
        let _ = import.summary();
    }
});
