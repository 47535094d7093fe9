//! The table of every calculator, in home-view order, and lookups over it.

use crate::engine::calculators::{composite, loyalty, retention, revenue, team, unit_economics};
use crate::engine::spec::{Calculator, Category};

/// Every calculator, in home-view order. Adding one is a definition in its category's file
/// plus a line here; every count (tests, docs) derives from this list.
pub static ALL: &[&Calculator] = &[
    &loyalty::NPS,
    &loyalty::CSAT,
    &loyalty::CES,
    &loyalty::RATING,
    &retention::RETENTION_RATE,
    &retention::CHURN_RATE,
    &retention::RENEWAL_RATE,
    &retention::REPEAT_PURCHASE_RATE,
    &retention::RETENTION_COST,
    &retention::FCR,
    &retention::SEGMENT_CHURN,
    &revenue::MRR,
    &revenue::ARPA,
    &revenue::REVENUE_CHURN,
    &revenue::EXISTING_REVENUE_GROWTH,
    &revenue::GRR,
    &revenue::NRR,
    &revenue::EXPANSION_REVENUE,
    &revenue::SALES_GROWTH_PER_CLIENT,
    &revenue::CONSUMPTION_RATE,
    &revenue::QUICK_RATIO,
    &unit_economics::CAC,
    &unit_economics::LTV,
    &unit_economics::LTV_CAC,
    &unit_economics::CAC_PAYBACK,
    &team::TIME_TO_FIRST_VALUE,
    &team::ENGAGEMENT_ACTIVITY,
    &team::ADVOCACY_ACTIVITY,
    &team::REFERRAL_RATE,
    &team::REPEAT_REQUEST_RATE,
    &composite::HEALTH_SCORE,
];

/// The calculator with this id.
pub fn find(id: &str) -> Option<&'static Calculator> {
    ALL.iter().copied().find(|c| c.id == id)
}

/// The calculators of one category, in order.
pub fn in_category(category: Category) -> impl Iterator<Item = &'static Calculator> {
    ALL.iter().copied().filter(move |c| c.category == category)
}

/// Whether every word of `query` appears in the calculator's id, name, summary or synonyms
/// (case-insensitive for ASCII letters, which every catalogue word is written in; Unicode
/// case tables would cost kilobytes of wasm). An empty query matches everything.
pub fn matches(calc: &Calculator, query: &str) -> bool {
    let haystack = format!(
        "{} {} {} {}",
        calc.id,
        calc.name,
        calc.summary,
        calc.synonyms.join(" ")
    )
    .to_ascii_lowercase();
    query
        .to_ascii_lowercase()
        .split_whitespace()
        .all(|word| haystack.contains(word))
}
