//! Prints how long the engine takes on large inputs (median of several runs): parsing and
//! evaluating 1,000,000 pasted NPS scores, and one keystroke's evaluation of every calculator.
//! A benchmark that prints figures, not a timed test: `cargo run --release --example bench_engine`.

use cs_metrics::engine::catalogue::{self, ALL};
use cs_metrics::engine::evaluate::{evaluate, ReadOptions};
use cs_metrics::engine::list::{self, EntryRule};
use cs_metrics::engine::locale::DecimalMark;
use rust_decimal::Decimal;
use std::time::{Duration, Instant};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs.get(runs.len() / 2).copied().unwrap_or_default()
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    // 1,000,000 scores 0–10 separated like a spreadsheet column mixed with commas: ~2.4 MB.
    let mut text = String::from("How likely are you to recommend us?\n");
    for i in 0..1_000_000_u32 {
        text.push_str(&(i.wrapping_mul(2_654_435_761) % 11).to_string());
        text.push(if i % 3 == 0 { ',' } else { '\n' });
    }
    let rule = EntryRule {
        whole: true,
        min: Decimal::ZERO,
        max: Decimal::TEN,
    };
    let parse = time(9, || list::parse(&text, DecimalMark::Dot, rule));
    let Some(nps) = catalogue::find("nps") else {
        eprintln!("the catalogue has no nps calculator");
        return;
    };
    let options = ReadOptions::default();
    let full = time(9, || {
        evaluate(
            nps,
            |id| match id {
                "scores" => Some(text.as_str()),
                "mode" => Some("scores"),
                "target_nps" => Some("50"),
                _ => None,
            },
            options,
        )
    });
    let check = evaluate(nps, |id| (id == "scores").then_some(text.as_str()), options);
    let responses = check.result("responses").map(|r| r.computed.value);
    println!(
        "input: {:.1} MB of text, responses read: {responses:?}",
        text.len() as f64 / 1e6
    );
    println!(
        "parse 1,000,000 scores:            {:>8.2} ms (median of 9)",
        parse.as_secs_f64() * 1e3
    );
    println!(
        "parse + evaluate NPS (1,000,000):   {:>8.2} ms (median of 9; target well under 50 ms)",
        full.as_secs_f64() * 1e3
    );
    let keystroke = time(101, || {
        for calc in ALL {
            let _ = evaluate(calc, |_| Some("42"), options);
        }
    });
    println!(
        "evaluate all 31 calculators once:   {:>8.3} ms (median of 101)",
        keystroke.as_secs_f64() * 1e3
    );
}
