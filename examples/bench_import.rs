//! Prints how long the engine's halves of a large import take natively (median of several
//! runs): a 1,000,000-row survey export (date, plan, score) read, its columns counted, and
//! grouped by quarter and by plan; and a 100,000-subscription billing export read into its
//! ledger and its movements. The browser figures (BENCHMARKS.md) come from the probes in
//! `scripts/dev/`; these tell which half to work on.
//! `cargo run --profile bench-native --example bench_import`.

use cs_metrics::engine::billing::{self, Options};
use cs_metrics::engine::csv::groups::{self, GroupBy};
use cs_metrics::engine::csv::import::{self, Table};
use cs_metrics::engine::list::EntryRule;
use cs_metrics::engine::locale::DecimalMark;
use rust_decimal::Decimal;
use std::time::{Duration, Instant};

const NPS: EntryRule = EntryRule {
    whole: true,
    min: Decimal::ZERO,
    max: Decimal::TEN,
};

fn time<T>(what: &str, mut f: impl FnMut() -> T) -> T {
    let mut runs: Vec<(Duration, T)> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let out = f();
            (start.elapsed(), out)
        })
        .collect();
    runs.sort_by_key(|(d, _)| *d);
    let (d, out) = runs.swap_remove(2);
    println!("{what:<40} {:>8.1} ms", d.as_secs_f64() * 1e3);
    out
}

fn survey() -> String {
    let plans = ["Starter", "Pro", "Enterprise"];
    let mut text = String::from("Date,Plan,Score\n");
    for i in 0..1_000_000_u32 {
        text.push_str(&format!(
            "2026-{:02}-{:02},{},{}\n",
            1 + i % 12,
            1 + i % 28,
            plans.get((i % 3) as usize).unwrap_or(&"Pro"),
            i % 11
        ));
    }
    text
}

fn billing_export() -> String {
    let mut text = String::from("id,Customer ID,Status,Start Date (UTC),Canceled At (UTC),Ended At (UTC),Plan Amount,Plan Currency,Plan Interval,Plan Interval Count,Quantity\n");
    for i in 0..100_000_u32 {
        let start = i % 60;
        let (y, m) = (2021 + start / 12, start % 12 + 1);
        let ends = i % 4 == 0 && start < 59;
        let end = (start + 1 + i % 17).min(59);
        let end_text = if ends {
            format!("{}-{:02}-10 00:00", 2021 + end / 12, end % 12 + 1)
        } else {
            String::new()
        };
        let yearly = i % 9 == 0;
        let amount = if yearly {
            "990.00".to_owned()
        } else {
            format!("{}.00", 19 + (i % 7) * 10)
        };
        text.push_str(&format!(
            "sub_{i},cus_{},{},{y}-{m:02}-05 00:00,{end_text},{end_text},{amount},usd,{},1,{}\n",
            i * 4 / 5,
            if ends { "canceled" } else { "active" },
            if yearly { "year" } else { "month" },
            1 + i % 3
        ));
    }
    text
}

fn main() {
    let text = survey();
    println!("survey: {:.1} MB", text.len() as f64 / 1e6);
    let table: Table = time("read (parse_owned)", || {
        import::parse_owned(text.clone()).unwrap_or_default()
    });
    time("columns counted", || {
        import::columns(&table, NPS, DecimalMark::Dot)
    });
    time("is_date_column ×3", || {
        (0..3)
            .filter(|&i| groups::is_date_column(&table, i))
            .count()
    });
    time("grouped by quarter", || {
        groups::group(&table, 2, GroupBy::Quarter(0), NPS, DecimalMark::Dot)
    });
    time("grouped by month", || {
        groups::group(&table, 2, GroupBy::Month(0), NPS, DecimalMark::Dot)
    });
    time("grouped by plan", || {
        groups::group(&table, 2, GroupBy::Column(1), NPS, DecimalMark::Dot)
    });

    let text = billing_export();
    println!("billing: {:.1} MB", text.len() as f64 / 1e6);
    let table = time("read (parse_owned)", || {
        import::parse_owned(text.clone()).unwrap_or_default()
    });
    let picks = billing::pick(&table.header, |_| None);
    let ledger = time("ledger (billing::read)", || {
        billing::read(&table, &picks, &Options::default())
    });
    if let Ok(ledger) = ledger {
        time("movements", || billing::movements(&ledger));
    }
}
