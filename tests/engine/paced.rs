//! Long work done in slices (`engine::pace`) ends exactly where the same work done at once
//! ends: the CSV reader, a column count, a breakdown and a billing ledger, each rested at
//! every look at the clock (every 1,024 rows), and each rest really suspending the work.

use cs_metrics::engine::billing::{self, Options};
use cs_metrics::engine::csv::groups::{self, GroupBy, NPS_RULE};
use cs_metrics::engine::csv::import;
use cs_metrics::engine::locale::DecimalMark;
use cs_metrics::engine::pace::{self, EveryNth, ROWS_PER_LOOK};
use proptest::prelude::*;
use std::sync::Arc;

/// A survey export of `rows` rows, its lines picked by `seed` (quoted cells, blank lines, CRLF
/// endings and bad answers among them).
fn survey(rows: usize, seed: &[u8]) -> String {
    const LINES: &[&str] = &[
        "2026-01-15,Pro,10\n",
        "2026-02-03,\"Starter, EU\",3\r\n",
        "\n",
        "15.04.2026,\"Say \"\"hi\"\"\",8\n",
        "2026-05-01,Pro,x\n",
        "soon,Enterprise,7\n",
        "2026-07-09,,\n",
        "2026-12-31,Pro,9\n",
    ];
    let mut text = String::from("Date,Plan,Score\n");
    for i in 0..rows {
        let pick = usize::from(seed.get(i % seed.len().max(1)).copied().unwrap_or(0)) + i;
        text.push_str(LINES[pick % LINES.len()]);
    }
    text
}

/// A plain subscription sheet of `rows` rows, repeated ids and bad rows among them.
fn subscriptions(rows: usize, seed: &[u8]) -> String {
    let mut text = String::from("Subscription,Customer,Start,End,MRR\n");
    for i in 0..rows {
        let s = usize::from(seed.get(i % seed.len().max(1)).copied().unwrap_or(0));
        let start = (i + s) % 36;
        let month = |k: usize| format!("{}-{:02}-10", 2023 + k / 12, k % 12 + 1);
        let end = if s % 3 == 0 {
            month(start + 1 + s % 20)
        } else {
            String::new()
        };
        let id = if s % 11 == 0 { i.saturating_sub(1) } else { i };
        let amount = if s % 13 == 0 {
            "-5".to_owned()
        } else {
            format!("{}.{:02}", 10 + s, i % 100)
        };
        text.push_str(&format!(
            "sub_{id},cus_{},{},{end},{amount}\n",
            i % 700,
            month(start)
        ));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn a_file_read_in_slices_is_the_file_read_at_once(
        rows in ROWS_PER_LOOK * 3..ROWS_PER_LOOK * 5,
        seed in prop::collection::vec(any::<u8>(), 1..16),
        every in 1_usize..3,
    ) {
        let text = survey(rows, &seed);
        let whole = import::parse_owned(text.clone());
        let mut pace = EveryNth::new(every);
        let sliced = pace::now(import::parse_paced(text, &mut pace));
        prop_assert!(pace.rests >= 1);
        prop_assert_eq!(&sliced, &whole);
        let table = Arc::new(sliced.expect("parses"));
        // The columns counted, and the breakdown, in slices.
        let whole_columns = import::columns(&table, NPS_RULE, DecimalMark::Dot);
        let mut pace = EveryNth::new(every);
        let columns = pace::now(import::columns_of_paced(&table, NPS_RULE, DecimalMark::Dot, &mut pace));
        prop_assert!(pace.rests >= 1);
        prop_assert_eq!(columns.as_slice(), whole_columns.as_slice());
        for by in [GroupBy::Quarter(0), GroupBy::Month(0), GroupBy::Column(1)] {
            let whole = groups::group(&table, 2, by, NPS_RULE, DecimalMark::Dot);
            let mut pace = EveryNth::new(every);
            let sliced = pace::now(groups::group_of_paced(&table, 2, by, NPS_RULE, DecimalMark::Dot, &mut pace));
            prop_assert!(pace.rests >= 1);
            prop_assert_eq!(&*sliced, &whole);
        }
    }

    #[test]
    fn a_ledger_read_in_slices_is_the_ledger_read_at_once(
        rows in ROWS_PER_LOOK * 3..ROWS_PER_LOOK * 5,
        seed in prop::collection::vec(any::<u8>(), 1..16),
        every in 1_usize..3,
    ) {
        let table = import::parse(&subscriptions(rows, &seed)).expect("parses");
        let picks = billing::pick(&table.header, |_| None);
        let options = Options::default();
        let whole = billing::read(&table, &picks, &options);
        let mut pace = EveryNth::new(every);
        let sliced = pace::now(billing::read_paced(&table, &picks, &options, &mut pace));
        prop_assert!(pace.rests >= 1);
        prop_assert_eq!(&sliced, &whole);
        prop_assert_eq!(sliced.expect("reads").rows, rows);
    }
}
