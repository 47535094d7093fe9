//! The table of every calculator, in home-view order, and lookups over it.
//!
//! The browser links only the cards ([`CARDS`]: id, name, summary, synonyms, category) up
//! front; a category's full definitions arrive when one of its calculators opens
//! (`engine::late`, `ui::lazy::load_calculator`). [`ALL`] and [`find`] are for native code,
//! where everything is linked (tests, docs, the catalogue's checks): the browser's code must
//! not call them, or every definition would be in its first download (the size report would
//! show it).

use crate::engine::calculators::{
    billing, breakdowns, compare, composite, loyalty, projection, retention, revenue, team,
    unit_economics,
};
use crate::engine::spec::{Calculator, Category, LatePart};

/// Each file's list of calculators with the part of the wasm it comes in, in home-view order
/// (within a category, the order of the parts).
const PARTS: &[(LatePart, &[&Calculator])] = &[
    (LatePart::Loyalty, loyalty::CALCULATORS),
    (LatePart::Retention, retention::CALCULATORS),
    (LatePart::Revenue, revenue::CALCULATORS),
    (LatePart::Projection, projection::CALCULATORS),
    (LatePart::UnitEconomics, unit_economics::CALCULATORS),
    (LatePart::Team, team::CALCULATORS),
    (LatePart::Composite, composite::CALCULATORS),
    (LatePart::Compare, compare::CALCULATORS),
    (LatePart::Breakdowns, breakdowns::CALCULATORS),
    (LatePart::Billing, billing::CALCULATORS),
];

/// How many calculators there are in all.
#[allow(clippy::indexing_slicing)] // evaluated at compile time: out of range can't build
const COUNT: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < PARTS.len() {
        n += PARTS[i].1.len();
        i += 1;
    }
    n
};

/// The categories' lists as one, put together when compiling.
#[allow(clippy::indexing_slicing)] // evaluated at compile time: out of range can't build
const fn flatten() -> [(&'static Calculator, LatePart); COUNT] {
    let mut out = [(&loyalty::NPS, LatePart::Loyalty); COUNT];
    let (mut at, mut part) = (0, 0);
    while part < PARTS.len() {
        let mut i = 0;
        while i < PARTS[part].1.len() {
            out[at] = (PARTS[part].1[i], PARTS[part].0);
            at += 1;
            i += 1;
        }
        part += 1;
    }
    out
}

/// The calculators alone, in home-view order.
#[allow(clippy::indexing_slicing)] // evaluated at compile time: out of range can't build
const fn calculators() -> [&'static Calculator; COUNT] {
    let all = flatten();
    let mut out = [&loyalty::NPS; COUNT];
    let mut i = 0;
    while i < COUNT {
        out[i] = all[i].0;
        i += 1;
    }
    out
}

static FLAT: [&Calculator; COUNT] = calculators();

/// Every calculator, in home-view order: each category file lists its own, so adding one is a
/// definition and a line in one file. Every count (tests, docs) derives from this.
pub static ALL: &[&Calculator] = &FLAT;

/// What the home view shows of a calculator, and how a link's id finds its category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Card {
    /// The calculator's id.
    pub id: &'static str,
    /// Its name.
    pub name: &'static str,
    /// Its one-line summary.
    pub summary: &'static str,
    /// Other words people search for it by.
    pub synonyms: &'static [&'static str],
    /// Its category.
    pub category: Category,
    /// The part of the wasm its definition comes in.
    pub part: LatePart,
}

/// The cards, taken from the definitions when compiling: only these fields end up in the
/// page's first download.
#[allow(clippy::indexing_slicing)] // evaluated at compile time: out of range can't build
const fn cards() -> [Card; COUNT] {
    let all = flatten();
    let mut out = [Card {
        id: "",
        name: "",
        summary: "",
        synonyms: &[],
        category: Category::Loyalty,
        part: LatePart::Loyalty,
    }; COUNT];
    let mut i = 0;
    while i < COUNT {
        let (c, part) = all[i];
        out[i] = Card {
            id: c.id,
            name: c.name,
            summary: c.summary,
            synonyms: c.synonyms,
            category: c.category,
            part,
        };
        i += 1;
    }
    out
}

/// Every calculator's card, in home-view order (the home view's: names and summaries).
pub static CARDS: [Card; COUNT] = cards();

/// Every calculator's id and part, in home-view order: what opening a link needs, without
/// the cards' texts (the home view, which shows them, is loaded on its own).
#[allow(clippy::indexing_slicing)] // evaluated at compile time: out of range can't build
static IDS: [(&str, LatePart); COUNT] = {
    let all = cards();
    let mut out = [("", LatePart::Loyalty); COUNT];
    let mut i = 0;
    while i < COUNT {
        out[i] = (all[i].id, all[i].part);
        i += 1;
    }
    out
};

/// The part of the wasm calculator `id` comes in, with its id as the catalogue spells it
/// (`None`: no calculator has that id).
pub fn part_of(id: &str) -> Option<(&'static str, LatePart)> {
    IDS.iter().find(|(i, _)| *i == id).copied()
}

/// The card of calculator `id`.
pub fn card(id: &str) -> Option<&'static Card> {
    CARDS.iter().find(|c| c.id == id)
}

/// The cards of one category, in order.
pub fn cards_in(category: Category) -> impl Iterator<Item = &'static Card> {
    CARDS.iter().filter(move |c| c.category == category)
}

/// Where a calculator comes from: the articles the catalogue was built from, and practice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// The id calculators name.
    pub id: &'static str,
    /// What it is.
    pub title: &'static str,
}

/// Every source a calculator may name.
pub static SOURCES: &[Source] = &[
    Source {
        id: "000",
        title: "“10 Customer Success Metrics to Align Teams and Promote Growth” (article)",
    },
    Source {
        id: "001",
        title: "“Customer Success Metrics That Actually Matter” (article)",
    },
    Source {
        id: "002",
        title: "Customer success team performance metrics, in four categories (article)",
    },
    Source {
        id: "003",
        title: "“7 Essential Customer Success Metrics ft. Notion Data”, Nichole Elizabeth DeMeré",
    },
    Source {
        id: "004",
        title: "Customer success metrics from 20 Fast Company Executive Board members",
    },
    Source {
        id: "saas",
        title: "Common SaaS practice (the quick ratio: growth against losses)",
    },
    Source {
        id: "mrr-movements",
        title: "The MRR movements of ChartMogul and of the dbt MRR playbook: each customer's \
                month is new, expansion, contraction, churn or reactivation",
    },
    Source {
        id: "stats",
        title: "The normal approximation for proportions and for the NPS (a difference of \
                two proportions): two-sided z-tests, Wald intervals, sample sizes",
    },
    Source {
        id: "rocks",
        title: "Rocks, “Confidence intervals for Net Promoter Scores” (MeasuringU, 2016): \
                the adjusted-Wald interval",
    },
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
pub fn matches(calc: &Card, query: &str) -> bool {
    let haystack = haystack(calc);
    query
        .to_ascii_lowercase()
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

/// What the filter searches for a calculator: its id, name, summary and synonyms, in lower
/// case. The static home page's script applies the same rule as [`matches`] before any wasm
/// has loaded, to the card's text (name and summary) and what each card carries besides
/// ([`extra_words`], `data-words`).
pub fn haystack(calc: &Card) -> String {
    format!("{} {} {}", extra_words(calc), calc.name, calc.summary).to_ascii_lowercase()
}

/// The words a card's text doesn't show: its id and synonyms, in lower case.
pub fn extra_words(calc: &Card) -> String {
    format!("{} {}", calc.id, calc.synonyms.join(" ")).to_ascii_lowercase()
}

/// The home view's list as markup: each category's heading and its calculators' cards (links
/// to `?calc=<id>`, with the `open-<id>` test hooks). Built as one string from the catalogue's
/// own texts (escaped all the same): a static list needs no reactive node per card, which
/// made the home view 30 kB of wasm.
pub fn home_markup() -> String {
    use crate::engine::charts::escape;
    let mut out = String::new();
    for category in Category::ALL {
        out.push_str(&format!(
            r#"<section class="category" data-category="{}"><h2>{}</h2><ul class="calc-list">"#,
            category.id(),
            escape(category.name())
        ));
        for card in cards_in(category) {
            out.push_str(&format!(
                r#"<li data-id="{id}" data-part="{}" data-words="{}"><a class="calc-card" href="?calc={id}" data-testid="open-{id}"><span class="calc-name">{}</span><span class="calc-summary">{}</span></a></li>"#,
                card.part.id(),
                escape(&extra_words(card)),
                escape(card.name),
                escape(card.summary),
                id = card.id,
            ));
        }
        out.push_str("</ul></section>");
    }
    out
}

/// The ids of the calculators `query` matches, in home-view order.
pub fn matching(query: &str) -> Vec<&'static str> {
    CARDS
        .iter()
        .filter(|c| matches(c, query))
        .map(|c| c.id)
        .collect()
}
