//! The metric reference in `docs/metrics.md` is the catalogue's own: regenerate it with
//! `cargo run --example metric-reference > docs/metrics.md` when a definition changes.

use crate::examples::examples;
use cs_metrics::engine::catalogue::{ALL, SOURCES};
use cs_metrics::engine::docs::metric_reference;

#[test]
fn the_metric_reference_is_current() {
    let queries: Vec<&str> = examples().iter().map(|e| e.query).collect();
    let want = metric_reference(&queries);
    let have = std::fs::read_to_string("docs/metrics.md").unwrap_or_default();
    assert!(
        have == want,
        "docs/metrics.md is out of date: run `cargo run --example metric-reference > docs/metrics.md`"
    );
    for calc in ALL {
        assert!(want.contains(&format!("(`{}`)", calc.id)), "{}", calc.id);
    }
}

#[test]
fn every_calculator_names_known_sources() {
    for calc in ALL {
        assert!(!calc.sources.is_empty(), "{} names no source", calc.id);
        for id in calc.sources {
            assert!(
                SOURCES.iter().any(|s| s.id == *id),
                "{}: unknown source {id}",
                calc.id
            );
        }
    }
}

#[test]
fn the_static_home_page_is_current() {
    let want = format!("{}\n", cs_metrics::engine::home_page::static_home());
    let have = std::fs::read_to_string("assets/home.html").unwrap_or_default();
    assert!(
        have == want,
        "assets/home.html is out of date: run `cargo run --example home-page > assets/home.html`"
    );
    // Every card, with what the filter searches.
    for calc in ALL {
        assert!(
            want.contains(&format!(r#"<li data-id="{}" data-part=""#, calc.id)),
            "{}",
            calc.id
        );
    }
}
