//! Prints the metric reference generated from the catalogue: `cargo run --example
//! metric-reference > docs/metrics.md` (a test checks the file is current).

fn main() {
    let examples: Vec<&str> = include_str!("../tests/examples.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split(" | ").next())
        .collect();
    print!("{}", cs_metrics::engine::docs::metric_reference(&examples));
}
