//! A calculator's results as HTML text, generated from the roles in its definition: the
//! headline large with its interval, verdict (or rule-of-thumb reading) and reason; then the
//! secondary figures compact; results that echo an input, or that the chart's legend already
//! gives, kept in the page (the `data-result` contract) but not repeated. Every value sits in an
//! `<output data-result data-value>`; every text is escaped. The UI places this markup: one
//! `inner_html` instead of a reactive tree per card.

use crate::engine::charts::escape;
use crate::engine::error::Undefined;
use crate::engine::evaluate::{Evaluation, ResultState};
use crate::engine::format::{self, Display};
use crate::engine::formula::Value;
use crate::engine::spec::{Calculator, ResultSpec, Role};

/// How the results are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options<'a> {
    /// Each result's working under it.
    pub working: bool,
    /// In a blog's embed: only these secondary figures up front (at most three; `None`: the
    /// first three), the rest in [`Report::more`].
    pub compact: Option<Option<&'a [&'a str]>>,
}

/// The results, in two parts: what shows up front, and (in a compact embed) the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The headline and the figures shown up front.
    pub main: String,
    /// The figures behind "More results" (empty outside a compact embed).
    pub more: String,
}

/// The value's text, the `data-value`, and the reason it has none (for undefined results).
fn shown(
    r: &ResultState,
    spec: &ResultSpec,
    display: Display,
) -> (String, String, Option<&'static str>) {
    match format::result_text(&r.computed, spec, display) {
        Ok(text) => {
            let text = match spec.phrase {
                Some(phrase) => phrase.replacen("{}", &text, 1),
                None => text,
            };
            let value = match r.computed.value {
                Value::Number(v) => format::plain(v),
                Value::Verdict(v) => v.id.to_owned(),
                Value::Undefined(_) => String::new(),
            };
            (text, value, None)
        }
        Err(Undefined::WaitingForInputs) => ("—".into(), String::new(), None),
        Err(reason) => ("—".into(), String::new(), Some(reason.message())),
    }
}

fn output(id: &str, value: &str, text: &str, class: &str) -> String {
    format!(
        r#"<output class="{class}" data-result="{id}" data-value="{}">{}</output>"#,
        escape(value),
        escape(text)
    )
}

fn working(r: &ResultState, spec: &ResultSpec, text: &str, display: Display) -> String {
    match &r.computed.working {
        Some(terms) if !text.starts_with('—') => format!(
            r#"<p class="working" data-working="{}">{}</p>"#,
            spec.id,
            escape(&format::working(spec.label, terms, text, display))
        ),
        _ => String::new(),
    }
}

/// The results of `calc` in `e`, as HTML.
pub fn render(calc: &Calculator, e: &Evaluation, display: Display, options: Options<'_>) -> Report {
    let mut report = Report::default();
    let visible = |r: &&ResultState| calc.result(r.id).is_some();
    let spec_of = |r: &ResultState| calc.result(r.id);
    let find = |role: Role| {
        e.results
            .iter()
            .filter(visible)
            .find(|r| spec_of(r).is_some_and(|s| s.role == role))
    };
    if let Some(waiting) = waiting(calc, e) {
        report.main.push_str(&format!(
            r#"<p class="waiting" data-testid="waiting">{}</p>"#,
            escape(&waiting)
        ));
    }
    // The headline, its interval, verdict or reading.
    if let Some((head, spec)) = find(Role::Headline).and_then(|r| Some((r, spec_of(r)?))) {
        let (text, value, reason) = shown(head, spec, display);
        let verdict = find(Role::Verdict).and_then(|r| Some((r, spec_of(r)?)));
        let tone = verdict
            .and_then(|(r, _)| match r.computed.value {
                Value::Verdict(v) => Some(v.tone.id()),
                _ => None,
            })
            .map(|t| format!(" tone-{t}"))
            .unwrap_or_default();
        let undefined = if value.is_empty() {
            " result-undefined"
        } else {
            ""
        };
        report.main.push_str(&format!(
            r#"<div class="headline{tone}{undefined}" data-testid="headline"><span class="headline-label">{}</span><div class="headline-figures">{}"#,
            escape(spec.label),
            output(spec.id, &value, &text, "headline-value value")
        ));
        let interval = (find(Role::IntervalLow), find(Role::IntervalHigh));
        let ends = interval
            .0
            .zip(interval.1)
            .and_then(|(low, high)| Some((low, spec_of(low)?, high, spec_of(high)?)));
        if let Some((low, ls, high, hs)) = ends {
            let (lt, lv, _) = shown(low, ls, display);
            let (ht, hv, _) = shown(high, hs, display);
            let label = ls.label.trim_end_matches(", low");
            report.main.push_str(&format!(
                r#"<span class="interval">({} {}–{})</span>"#,
                escape(label),
                output(ls.id, &lv, &lt, "value"),
                output(hs.id, &hv, &ht, "value")
            ));
        }
        report.main.push_str("</div>");
        if let Some((r, vspec)) = verdict {
            let (text, value, reason) = shown(r, vspec, display);
            let sentence = match r.computed.value {
                Value::Verdict(v) => format!(": {}", v.sentence),
                _ => reason.map(|m| format!(" {m}")).unwrap_or_default(),
            };
            report.main.push_str(&format!(
                r#"<p class="verdict">{}{}</p>"#,
                output(vspec.id, &value, &text, "verdict-label"),
                escape(&sentence)
            ));
        } else if let Some(reading) = reading(spec, head, interval, display) {
            report
                .main
                .push_str(&format!(r#"<p class="reading">{}</p>"#, escape(&reading)));
        }
        if let Some(reason) = reason {
            report
                .main
                .push_str(&format!(r#"<p class="reason">{}</p>"#, escape(reason)));
        }
        if options.working {
            report.main.push_str(&working(head, spec, &text, display));
        }
        report.main.push_str("</div>");
    }
    if let Some(chart) = &calc.chart {
        let markup = crate::engine::charts::render(chart, e, display);
        if !markup.is_empty() {
            report.main.push_str(&format!(
                r#"<figure class="chart shares-chart" data-testid="chart">{markup}</figure>"#
            ));
        }
    }
    // The other figures: secondary ones shown, echoes and charted ones kept but not repeated.
    let mut hidden = String::new();
    let mut shown_count = 0;
    let mut front = String::new();
    let mut back = String::new();
    for r in e.results.iter().filter(visible) {
        let Some(spec) = spec_of(r) else { continue };
        let kept_only = match spec.role {
            Role::Charted => true,
            Role::Echo(input) => e.field(input).is_some(),
            Role::Secondary => false,
            _ => continue,
        };
        let (text, value, reason) = shown(r, spec, display);
        if kept_only {
            hidden.push_str(&format!(
                r#"<output hidden data-result="{}" data-value="{}">{}</output>"#,
                spec.id,
                escape(&value),
                escape(&text)
            ));
            continue;
        }
        let figure = format!(
            r#"<div class="figure{}"><span class="figure-label">{}</span>{}{}{}</div>"#,
            if value.is_empty() {
                " result-undefined"
            } else {
                ""
            },
            escape(spec.label),
            output(spec.id, &value, &text, "figure-value value"),
            reason
                .map(|m| format!(r#"<p class="reason">{}</p>"#, escape(m)))
                .unwrap_or_default(),
            if options.working {
                working(r, spec, &text, display)
            } else {
                String::new()
            },
        );
        let up_front = match options.compact {
            None => true,
            Some(Some(chosen)) => chosen.contains(&spec.id),
            Some(None) => shown_count < 3,
        };
        if up_front {
            shown_count += 1;
            front.push_str(&figure);
        } else {
            back.push_str(&figure);
        }
    }
    if !front.is_empty() {
        report
            .main
            .push_str(&format!(r#"<div class="figures">{front}</div>"#));
    }
    report.main.push_str(&hidden);
    if !back.is_empty() {
        report.more = format!(r#"<div class="figures">{back}</div>"#);
    }
    report
}

/// What the results wait for, if anything: the blank required fields or the invalid ones.
fn waiting(calc: &Calculator, e: &Evaluation) -> Option<String> {
    let labels = |ids: &[&str]| -> String {
        let names: Vec<&str> = ids
            .iter()
            .filter_map(|id| calc.input(id).map(|i| i.label))
            .collect();
        names.join(", ")
    };
    let invalid: Vec<&str> = e
        .fields
        .iter()
        .filter(|f| f.error.is_some())
        .map(|f| f.id)
        .collect();
    if !invalid.is_empty() {
        Some(format!("Correct {} to see the results.", labels(&invalid)))
    } else if !e.missing.is_empty() {
        Some(format!(
            "Fill in {} to see the results.",
            labels(&e.missing)
        ))
    } else {
        None
    }
}

/// The headline read against its bands when no verdict result does (the NPS rule of thumb):
/// which band it is in, and whether its interval stays there or spans two.
fn reading(
    spec: &ResultSpec,
    head: &ResultState,
    interval: (Option<&ResultState>, Option<&ResultState>),
    display: Display,
) -> Option<String> {
    let bands = spec.bands?;
    let number = |r: &ResultState| match r.computed.value {
        Value::Number(v) => Some(v),
        _ => None,
    };
    let value = number(head)?;
    let band = bands.of(value);
    let text = format::result_text(&head.computed, spec, display).ok()?;
    let edges: Vec<String> = bands.edges().map(format::plain).collect();
    let mut scale = vec![format!(
        "below {}",
        edges.first().cloned().unwrap_or_default()
    )];
    for pair in edges.windows(2) {
        if let [from, to] = pair {
            scale.push(format!("{from}–{to}"));
        }
    }
    scale.push(format!(
        "{} and above",
        edges.last().cloned().unwrap_or_default()
    ));
    let mut sentence = format!(
        "On the common rule of thumb (Bain & Company: {}), {text} reads as {}.",
        scale.join(", "),
        band.label
    );
    if let (Some(low), Some(high)) = (interval.0.and_then(number), interval.1.and_then(number)) {
        let (from, to) = (bands.of(low), bands.of(high));
        if from != to {
            sentence.push_str(&format!(
                " Its interval spans more than one band ({} to {}): the survey can't tell which.",
                from.label, to.label
            ));
        } else {
            sentence.push_str(" Its interval stays within that band.");
        }
    }
    sentence.push_str(" A rule of thumb, not a benchmark of your industry.");
    Some(sentence)
}

/// The summary "Copy results" puts on the clipboard: the definition's take-away with each
/// figure as shown, or the headline (interval, verdict) then each secondary figure.
pub fn take_away(calc: &Calculator, e: &Evaluation, display: Display) -> Option<String> {
    let text_of = |id: &str| -> Option<String> {
        let spec = calc.result(id)?;
        format::result_text(&e.result(id)?.computed, spec, display).ok()
    };
    if let Some(template) = calc.take_away {
        let mut out = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let (before, after) = rest.split_at(open);
            out.push_str(before);
            let close = after.find('}')?;
            out.push_str(&text_of(after.get(1..close)?)?);
            rest = after.get(close + 1..)?;
        }
        out.push_str(rest);
        return Some(out);
    }
    let head = calc.headline(e.mode)?;
    let mut parts = vec![format!("{} {}", head.label, text_of(head.id)?)];
    for r in calc.results.iter().filter(|r| e.result(r.id).is_some()) {
        let line = match r.role {
            Role::Verdict => text_of(r.id),
            Role::Secondary => text_of(r.id).map(|t| format!("{} {t}", r.label)),
            _ => None,
        };
        parts.extend(line);
    }
    Some(parts.join("; "))
}
