//! A calculator's results as HTML text, generated from the roles in its definition: the
//! headline large with its interval, verdict (or rule-of-thumb reading) and reason; then the
//! secondary figures compact; results that echo an input, or that the chart's legend already
//! gives, kept in the page (the `data-result` contract) but not repeated. Every value sits in an
//! `<output data-result data-value>`; every text is escaped. The UI places this markup: one
//! `inner_html` instead of a reactive tree per card.

use crate::engine::approx::Approx;
use crate::engine::charts::escape;
use crate::engine::error::Undefined;
use crate::engine::evaluate::{Evaluation, ResultState};
use crate::engine::format::{self, Display};
use crate::engine::formula::{Computed, Value};
use crate::engine::spec::{Calculator, Kind, ResultSpec, Role, Unit};
use crate::engine::types::Verdict;

/// The most secondary figures a compact embed shows up front.
pub const UP_FRONT: usize = 3;

/// The secondary figures of `e`, in order: what a compact embed may show up front (the first
/// [`UP_FRONT`] unless the author picked others).
pub fn secondary(calc: &Calculator, e: &Evaluation) -> Vec<&'static ResultSpec> {
    e.results
        .iter()
        .filter_map(|r| calc.result(r.id))
        .filter(|spec| spec.role == Role::Secondary)
        .collect()
}

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
            let value = match r.computed.value {
                // A name of the user's (the segment that drags most) is its own value.
                Value::Number(_) if r.computed.label.is_some() => text.clone(),
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

/// A table cell's figure, as a result is shown: `<output data-result data-value>` with its
/// text ("—" with the reason as a tooltip when it has no value).
pub fn cell(id: &str, computed: &Computed, spec: &ResultSpec, display: Display) -> String {
    let state = ResultState {
        id: spec.id,
        computed: computed.clone(),
    };
    let (text, value, reason) = shown(&state, spec, display);
    match reason {
        Some(why) => format!(
            r#"<output data-result="{id}" data-value="" title="{}">—</output>"#,
            escape(why)
        ),
        None => output(id, &value, &text, "cell-value"),
    }
}

fn output(id: &str, value: &str, text: &str, class: &str) -> String {
    format!(
        r#"<output class="{class}" data-result="{id}" data-value="{}">{}</output>"#,
        escape(value),
        escape(text)
    )
}

/// The figure's `<output>` inside its phrase, if it has one ("186 more answers of 9–10, …"):
/// only the number keeps to one line, the words wrap.
fn phrased(spec: &ResultSpec, value: &str, text: &str, class: &str) -> String {
    let number = output(spec.id, value, text, class);
    match spec.phrase.and_then(|p| p.split_once("{}")) {
        Some((before, after)) if !value.is_empty() => format!(
            r#"<span class="phrase">{}{number}{}</span>"#,
            escape(before),
            escape(after)
        ),
        _ => number,
    }
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
        let interval = (find(Role::IntervalLow), find(Role::IntervalHigh));
        let read = if verdict.is_none() {
            reading(spec, head, interval)
        } else {
            None
        };
        let tone = verdict
            .and_then(|(r, _)| match r.computed.value {
                Value::Verdict(v) => Some(v.tone.id()),
                _ => None,
            })
            .or(read.as_ref().map(|r| r.band.tone.id()))
            .map(|t| format!(" tone-{t}"))
            .unwrap_or_default();
        let undefined = if value.is_empty() {
            " result-undefined"
        } else {
            ""
        };
        report.main.push_str(&format!(
            r#"<div class="headline{tone}{undefined}" data-testid="headline"><span class="headline-label">{}</span><div class="headline-figures">{}"#,
            escape(&label(spec, calc, e)),
            output(spec.id, &value, &text, "headline-value value")
        ));
        let ends = interval
            .0
            .zip(interval.1)
            .and_then(|(low, high)| Some((low, spec_of(low)?, high, spec_of(high)?)));
        if let Some((low, ls, high, hs)) = ends {
            let (lt, lv, _) = shown(low, ls, display);
            let (ht, hv, _) = shown(high, hs, display);
            let label = label(ls, calc, e);
            // A signed interval reads "+9.9 to +50.0"; an unsigned one "35.7–56.6".
            let between = if ls.unit == Unit::Change {
                " to "
            } else {
                "–"
            };
            report.main.push_str(&format!(
                r#"<span class="interval">({} {}{between}{})</span>"#,
                escape(label.trim_end_matches(", low")),
                output(ls.id, &lv, &lt, "value"),
                output(hs.id, &hv, &ht, "value")
            ));
        }
        if let Some(read) = &read {
            report.main.push_str(&format!(
                r#"<span class="reading-label" data-testid="reading">{}</span>"#,
                escape(read.band.label)
            ));
        }
        report.main.push_str("</div>");
        if let Some((r, vspec)) = verdict {
            let (text, value, reason) = shown(r, vspec, display);
            let sentence = match r.computed.value {
                // A sentence whose figures are all known reads them in ("…less than 1 time in
                // 250"); without them the label stands alone.
                Value::Verdict(v) => fill(v.sentence, calc, e, display)
                    .map(|s| format!(": {s}"))
                    .unwrap_or_default(),
                _ => reason.map(|m| format!(" {m}")).unwrap_or_default(),
            };
            report.main.push_str(&format!(
                r#"<p class="verdict">{}{}</p>"#,
                output(vspec.id, &value, &text, "verdict-label"),
                escape(&sentence)
            ));
        } else if let Some(read) = read {
            // The scale in a span of its own: a blog's compact embed leaves it out.
            report.main.push_str(&format!(
                r#"<p class="reading">Rule of thumb (Bain &amp; Company)<span class="reading-scale">: {}</span>. {}</p>"#,
                escape(&read.scale),
                escape(&read.sentence)
            ));
        }
        if let Some(reason) = reason {
            report
                .main
                .push_str(&format!(r#"<p class="reason">{}</p>"#, escape(reason)));
        }
        if options.working {
            report.main.push_str(&working(head, spec, &text, display));
        }
        // The next step the verdict calls for (plan a survey that can tell), in the card that
        // gives the verdict; a compact embed opens nothing else.
        if let Some(step) = calc.next.filter(|_| options.compact.is_none()) {
            if let (Some(query), Some(words)) = (step.query(e), fill(step.label, calc, e, display))
            {
                report.main.push_str(&format!(
                    r#"<p class="next-step"><a data-testid="next-step" data-open="?{}" href="?{}">{}</a></p>"#,
                    escape(&query),
                    escape(&query),
                    escape(&words)
                ));
            }
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
            Role::Charted | Role::Sentence => true,
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
            escape(&label(spec, calc, e)),
            phrased(spec, &value, &text, "figure-value value"),
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
            Some(Some(chosen)) => chosen.contains(&spec.id) && shown_count < UP_FRONT,
            Some(None) => shown_count < UP_FRONT,
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

/// The headline read against its bands when no verdict result does (the NPS rule of thumb).
struct Reading {
    /// The band the value is in.
    band: &'static Verdict,
    /// The bands ("below 0 needs work · 0–30 good · …").
    scale: String,
    /// What it is not, and whether the interval stays in that band or spans more than one.
    sentence: String,
}

fn reading(
    spec: &ResultSpec,
    head: &ResultState,
    interval: (Option<&ResultState>, Option<&ResultState>),
) -> Option<Reading> {
    let bands = spec.bands?;
    // Each value with its error: a value that may lie on either side of an edge gets no band.
    let band_of = |r: &ResultState| match r.computed.value {
        Value::Number(value) => bands
            .classify(Ok(Approx {
                value,
                err: r.computed.err,
            }))
            .ok(),
        _ => None,
    };
    let band = band_of(head)?;
    // "below 0 needs work, 0–30 good, 30–70 great, 70 and above excellent"
    let edges: Vec<String> = bands.edges().map(format::plain).collect();
    let mut scale = Vec::new();
    let mut from: Option<&String> = None;
    for (i, verdict) in bands.verdicts().enumerate() {
        let range = match (from, edges.get(i)) {
            (None, Some(to)) => format!("below {to}"),
            (Some(a), Some(b)) => format!("{a}–{b}"),
            (Some(a), None) => format!("{a} and above"),
            (None, None) => String::new(),
        };
        scale.push(format!("{range} {}", verdict.label));
        from = edges.get(i);
    }
    let mut sentence = "Not a benchmark of your industry.".to_owned();
    if let (Some(from), Some(to)) = (interval.0.and_then(band_of), interval.1.and_then(band_of)) {
        if from != to {
            sentence.push_str(&format!(
                " The interval spans “{}” to “{}”: these answers can't tell which.",
                from.label, to.label
            ));
        } else {
            sentence.push_str(&format!(" The interval stays within “{}”.", band.label));
        }
    }
    Some(Reading {
        band,
        scale: scale.join(" · "),
        sentence,
    })
}

/// `template` with each `{id}` filled in: a result's figure as shown, or the label of the
/// option chosen in a choice input ("{counted}" → "customers lost"). `None`
/// when a figure it needs has no value.
pub fn fill(template: &str, calc: &Calculator, e: &Evaluation, display: Display) -> Option<String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let close = after.find('}')?;
        let id = after.get(1..close)?;
        let text = match (calc.result(id), e.result(id)) {
            (Some(spec), Some(r)) => format::result_text(&r.computed, spec, display).ok()?,
            _ => option_label(calc, e, id)?.to_owned(),
        };
        out.push_str(&text);
        rest = after.get(close + 1..)?;
    }
    out.push_str(rest);
    Some(out)
}

/// The label of the option chosen in choice input `id`.
fn option_label(calc: &Calculator, e: &Evaluation, id: &str) -> Option<&'static str> {
    let chosen = e.mode.of(id)?;
    match calc.input(id)?.kind {
        Kind::Choice(options) => options.iter().find(|o| o.id == chosen).map(|o| o.label),
        _ => None,
    }
}

/// A result's label with its choices filled in ("{confidence} interval, low" → "95 %
/// interval, low").
pub fn label(spec: &ResultSpec, calc: &Calculator, e: &Evaluation) -> String {
    let mut out = spec.label.to_owned();
    if out.contains('{') {
        for input in calc.choices() {
            if let Some(chosen) = option_label(calc, e, input.id) {
                out = out.replace(&format!("{{{}}}", input.id), chosen);
            }
        }
        // A name of the user's a result holds ("{largest_drag_segment} pulls NPS down by").
        for r in &e.results {
            if let Some(name) = r.computed.label.as_deref() {
                out = out.replace(&format!("{{{}}}", r.id), name);
            }
        }
    }
    out
}

/// The summary "Copy results" puts on the clipboard: the definition's take-away with each
/// figure as shown, or the headline (interval, verdict) then each secondary figure.
pub fn take_away(calc: &Calculator, e: &Evaluation, display: Display) -> Option<String> {
    let text_of = |id: &str| -> Option<String> {
        let spec = calc.result(id)?;
        format::result_text(&e.result(id)?.computed, spec, display).ok()
    };
    if let Some(template) = calc.take_away {
        return fill(template, calc, e, display);
    }
    let head = calc.headline(e.mode)?;
    let mut parts = vec![format!("{} {}", label(head, calc, e), text_of(head.id)?)];
    for r in calc.results.iter().filter(|r| e.result(r.id).is_some()) {
        let line = match r.role {
            Role::Verdict => text_of(r.id),
            Role::Secondary => text_of(r.id).map(|t| format!("{} {t}", label(r, calc, e))),
            _ => None,
        };
        parts.extend(line);
    }
    Some(parts.join("; "))
}
