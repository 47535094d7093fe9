//! The metric reference (`docs/metrics.md`), generated from the catalogue's own definitions:
//! every calculator with its ids, inputs (units, ranges, defaults), rules, results, formulas,
//! verdicts and sources. The formulas are the formulas' own workings, evaluated on the worked
//! examples with each named quantity in place of its number, so they cannot drift from the
//! code. A native test fails when the file is out of date.

use crate::engine::catalogue::{self, SOURCES};
use crate::engine::evaluate::{evaluate, Evaluation, ReadOptions};
use crate::engine::format;
use crate::engine::formula::Term;
use crate::engine::locale::DecimalMark;
use crate::engine::spec::{Bound, Calculator, Category, Edge, InputSpec, Kind, Need, Role, Unit};
use crate::engine::state::start::{start, Found, StorageUnavailable};

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Count => "count",
        Unit::Money => "money",
        Unit::Percent => "percent",
        Unit::Points => "percentage points",
        Unit::Nps => "NPS (−100 to 100)",
        Unit::Score => "score",
        Unit::Ratio => "ratio (x:1)",
        Unit::Months => "months",
        Unit::Years => "years",
        Unit::Days => "days",
        Unit::Weight => "weight",
        Unit::Plain => "number",
        Unit::Change => "change in points (signed)",
        Unit::Probability => "probability (p-value)",
        Unit::Label => "a name from your table",
        Unit::Chance => "chance in % (±0.5 points)",
    }
}

fn accepts(spec: &InputSpec) -> String {
    let bound = |b: Bound| match b {
        Bound::Fixed(n) => n.to_string(),
        Bound::Input(id) => format!("`{id}`"),
    };
    match spec.kind {
        Kind::Number { min, max, whole } => {
            let what = if whole { "whole number" } else { "number" };
            match (min, max) {
                (Some(lo), Some(hi)) => format!("{what} from {lo} to {hi}"),
                (Some(lo), None) => format!("{what} from {lo}"),
                (None, Some(hi)) => format!("{what} up to {hi}"),
                (None, None) => what.to_owned(),
            }
        }
        Kind::List { min, max, whole } => format!(
            "list of {} from {} to {}",
            if whole { "whole numbers" } else { "numbers" },
            bound(min),
            bound(max)
        ),
        Kind::Groups => {
            "lines of `label, promoters, passives, detractors` (whole counts; `,`, `;` or tab between)"
                .to_owned()
        }
        Kind::File => "a CSV file (a subscription export), dropped or pasted".to_owned(),
        Kind::Text(crate::engine::spec::TextKind::Column(file)) => {
            format!("a column's header in `{file}` (blank: found automatically; `none`: not used)")
        }
        Kind::Text(crate::engine::spec::TextKind::Month) => {
            "a month as `YYYY-MM` (blank: the file's last)".to_owned()
        }
        Kind::Text(crate::engine::spec::TextKind::Code) => "a code such as `USD`".to_owned(),
        Kind::Choice(options) => {
            let ids: Vec<String> = options
                .iter()
                .map(|c| format!("`{}` ({})", c.id, c.label))
                .collect();
            format!("one of {}", ids.join(", "))
        }
    }
}

fn shown_when(modes: &[&str]) -> String {
    if modes.is_empty() {
        "always".to_owned()
    } else {
        let quoted: Vec<String> = modes.iter().map(|m| format!("`{m}`")).collect();
        quoted.join(", ")
    }
}

/// A working with each named quantity in place of its number: `(Promoters − Detractors) /
/// Responses × 100`.
fn symbolic(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| match t {
            Term::Sym(s) => (*s).to_owned(),
            Term::Num(v, _) => format::plain(*v),
            Term::Named(_, _, name) => (*name).to_owned(),
        })
        .collect()
}

/// The evaluations of `calc`'s worked examples (links, as in `tests/examples.txt`).
fn worked(calc: &Calculator, examples: &[&str]) -> Vec<(String, Evaluation)> {
    examples
        .iter()
        .filter(|q| q.split('&').any(|p| p == format!("calc={}", calc.id)))
        .map(|query| {
            let found = Found {
                query,
                record: Err(StorageUnavailable),
                written: None,
                now_ms: 0,
                embed: true,
            };
            let sheet = start(calc, &found, DecimalMark::Dot).sheet;
            let texts = &sheet.base().texts;
            let ev = evaluate(
                calc,
                |id| texts.get(id).map(String::as_str),
                ReadOptions::default(),
            );
            ((*query).to_owned(), ev)
        })
        .collect()
}

fn calculator(calc: &Calculator, examples: &[&str], out: &mut String) {
    out.push_str(&format!("\n## {} (`{}`)\n\n", calc.name, calc.id));
    out.push_str(&format!("{}\n\n", calc.summary));
    if !calc.synonyms.is_empty() {
        out.push_str(&format!(
            "Also looked for as: {}.\n\n",
            calc.synonyms.join(", ")
        ));
    }
    let sources: Vec<String> = calc.sources.iter().map(|s| format!("[{s}]")).collect();
    out.push_str(&format!("Sources: {}.\n\n", sources.join(" ")));
    out.push_str("| Input | id | Unit | Accepts | Default | Needed | Shown |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for i in calc.inputs {
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} | {} |\n",
            i.label,
            i.id,
            if matches!(i.kind, Kind::Choice(_)) {
                "choice"
            } else {
                unit_name(i.unit)
            },
            accepts(i),
            i.default
                .map(|d| format!("`{d}`"))
                .unwrap_or_else(|| "–".into()),
            if i.need == Need::Required {
                "required"
            } else {
                "optional"
            },
            shown_when(i.modes),
        ));
    }
    for r in calc.relations {
        out.push_str(&format!(
            "\nRule: {} ≤ {} ({}).\n",
            r.lhs.join(" + "),
            r.rhs.join(" + "),
            r.why
        ));
    }
    let runs = worked(calc, examples);
    out.push_str("\n| Result | id | Unit | Shown | Formula |\n|---|---|---|---|---|\n");
    for r in calc.results {
        let formula = runs
            .iter()
            .find_map(|(_, ev)| {
                let c = &ev.result(r.id)?.computed;
                c.working.as_ref().map(|w| symbolic(w))
            })
            .or_else(|| {
                r.bands
                    .is_none()
                    .then(|| calc.input(r.id).map(|i| format!("the input {}", i.label)))
                    .flatten()
            })
            .unwrap_or_else(|| match calc.results.iter().find(|b| b.bands.is_some()) {
                Some(b) if r.unit == Unit::Plain => format!("the band of {}", b.label),
                _ => "counted from the list of answers".to_owned(),
            });
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} |\n",
            r.label,
            r.id,
            unit_name(r.unit),
            shown_when(r.modes),
            formula
        ));
    }
    for r in calc.results {
        let Some(bands) = r.bands else { continue };
        let has_verdict = calc.results.iter().any(|v| v.role == Role::Verdict);
        if has_verdict {
            out.push_str(&format!("\nVerdicts of {} (`verdict` ids):\n\n", r.label));
        } else {
            // No verdict result: the page reads the headline against these bands in words.
            out.push_str(&format!(
                "\nReading of {} beside its interval (a rule of thumb, not an industry benchmark):\n\n",
                r.label
            ));
        }
        out.push_str("| From | id | Reads |\n|---|---|---|\n");
        out.push_str(&format!(
            "| below every edge | `{}` | {} |\n",
            bands.lowest.id, bands.lowest.sentence
        ));
        for (edge, verdict) in bands.above {
            let from = match edge {
                Edge::AtLeast(v) => format!("{v} and above"),
                Edge::Above(v) => format!("above {v}"),
            };
            out.push_str(&format!(
                "| {from} | `{}` | {} |\n",
                verdict.id, verdict.sentence
            ));
        }
    }
    for (query, ev) in &runs {
        let shown: Vec<String> = ev
            .results
            .iter()
            .filter_map(|r| {
                let spec = calc.result(r.id)?;
                format::result_text(&r.computed, spec, format::Display::default())
                    .ok()
                    .map(|t| format!("{} {t}", spec.label))
            })
            .collect();
        out.push_str(&format!(
            "\nWorked example: `?{query}` gives {}.\n",
            shown.join("; ")
        ));
    }
}

/// The whole reference, for the worked examples' links.
pub fn metric_reference(examples: &[&str]) -> String {
    let mut out = String::from(
        "# Metric reference\n\n\
         Generated from the catalogue's definitions (`src/engine/calculators/`) by\n\
         `cargo run --example metric-reference > docs/metrics.md`; a test fails when it is out\n\
         of date. Every id here is what links, `data-input`/`data-result` and CSV exports use.\n\
         Formulas are the calculators' own workings with each quantity named.\n\n\
         Conventions: `_pct` results and inputs are percent (5 means 5 %); money is in the\n\
         currency picked in Settings; results are exact and rounded only for display (one\n\
         decimal for percentages and scores, the currency's minor units for money, two for\n\
         ratios), and a figure is never shown with a digit that can't be vouched for.\n\n\
         ## Sources\n\n",
    );
    for s in SOURCES {
        out.push_str(&format!("- [{}] {}\n", s.id, s.title));
    }
    for category in Category::ALL {
        out.push_str(&format!("\n# {}\n", category.name()));
        for calc in catalogue::in_category(category) {
            calculator(calc, examples, &mut out);
        }
    }
    out
}
