//! What-if on every calculator: scenarios A–D side by side, goal seek and sensitivity. The
//! scenario bar (which set of figures the form edits) is part of the page; the comparison
//! table, the seek and the sensitivity chart are loaded the first time they are opened, or
//! at once when a link carries scenarios or a seek.

use crate::engine::charts;
use crate::engine::evaluate::{evaluate, Evaluation, ReadOptions};
use crate::engine::format::{self, Display};
use crate::engine::formula::Value;
use crate::engine::spec::{Better, Calculator, Role};
use crate::engine::state::sheet::{letter, LETTERS, MAX_SCENARIOS};
use crate::engine::state::{SeekLink, Sheet};
use crate::engine::whatif::{self, Seek, SeekRequest};
use crate::ui::fields::Form;
use crate::ui::lazy::{lazy, mount_into, Later};
use crate::ui::settings::Settings;
use crate::ui::widgets::{settled, LazyDetails};
use leptos::prelude::*;
use rust_decimal::Decimal;

/// A calculator's scenarios: the sheet, which one the form edits, and a goal seek.
#[derive(Clone, Copy, Debug)]
pub struct Scenarios {
    /// Every scenario as last stored (the edited one's texts live in the form).
    pub sheet: RwSignal<Sheet>,
    /// The scenario the form edits (0 is A).
    pub active: RwSignal<usize>,
    /// The goal seek asked for, if any (kept in the link).
    pub seek: RwSignal<Option<SeekLink>>,
    /// The form.
    pub form: Form,
}

impl Scenarios {
    /// The sheet with the form's texts in the scenario it edits.
    pub fn current(&self) -> Sheet {
        let mut sheet = self.sheet.get();
        if let Some(s) = sheet.get_mut(self.active.get()) {
            s.texts = self.form.texts();
        }
        sheet.skip_invalid = self.form.skip_invalid.get();
        sheet
    }

    /// Keeps the form's texts in the scenario it edits.
    fn store(&self) {
        let texts = self.form.texts_untracked();
        let at = self.active.get_untracked();
        self.sheet.update(|s| {
            if let Some(s) = s.get_mut(at) {
                s.texts = texts;
            }
        });
    }

    /// Makes the form edit scenario `at`.
    pub fn switch_to(&self, at: usize) {
        self.store();
        let texts = self
            .sheet
            .with_untracked(|s| s.get(at).map(|s| s.texts.clone()));
        if let Some(texts) = texts {
            self.active.set(at);
            self.form.set_texts(&texts);
        }
    }

    /// A copy of scenario `from` as the next letter, edited from now on: "+ Add scenario"
    /// copies A, so each scenario is one change against today's figures, never a mix of
    /// another scenario's changes; "+ Copy B" builds on B when that is what is wanted.
    pub fn add_copy_of(&self, from: usize) {
        self.store();
        let mut added = None;
        self.sheet.update(|s| added = s.add_copy_of(from));
        if let Some(at) = added {
            self.switch_to(at);
        }
    }

    /// A new scenario: the edited one with input `id` set to `text` (goal seek's answer, for
    /// the figures it was sought on).
    pub fn add_with(&self, id: &str, text: String) {
        self.add_copy_of(self.active.get_untracked());
        self.form.set_text(id, text);
    }

    /// Removes scenario `at` (never A); the form goes back to A if it edited it.
    pub fn remove(&self, at: usize) {
        self.store();
        if self.active.get_untracked() >= at {
            self.switch_to(0);
        }
        self.sheet.update(|s| {
            s.remove(at);
        });
    }

    /// Names scenario `at` (blank: its letter again).
    pub fn rename(&self, at: usize, name: String) {
        let name = Some(name.trim().to_owned()).filter(|n| !n.is_empty());
        self.sheet.update(|s| {
            if let Some(s) = s.get_mut(at) {
                s.name = name;
            }
        });
    }
}

/// The name a scenario is shown by: its own, or "Scenario B".
pub fn scenario_name(sheet: &Sheet, at: usize) -> String {
    sheet
        .get(at)
        .and_then(|s| s.name.clone())
        .unwrap_or_else(|| format!("Scenario {}", letter(at)))
}

/// Which scenario the form edits, and "Add scenario". With one scenario only the button is
/// there; the tabs, the copy of another scenario and what the form shows are loaded with the
/// second scenario (most visits never make one).
#[component]
pub fn ScenarioBar(
    /// The calculator's scenarios.
    scenarios: Scenarios,
) -> impl IntoView {
    let several = Memo::new(move |_| scenarios.sheet.with(|s| s.scenarios().len() > 1));
    view! {
        <div class="scenario-bar" role="group" aria-label="Scenarios" data-testid="scenario-bar">
            <Show when=move || several.get() fallback=move || view! { <AddScenario scenarios=scenarios /> }>
                <Later load=Box::new(move |target, owner| Box::pin(scenario_tabs(target, owner, scenarios))) />
            </Show>
        </div>
    }
}

/// "+ Add scenario": a copy of A, edited from now on.
#[component]
fn AddScenario(
    /// The calculator's scenarios.
    scenarios: Scenarios,
) -> impl IntoView {
    let count = move || scenarios.sheet.with(|s| s.scenarios().len());
    view! {
        <button
            type="button"
            class="button button-quiet"
            data-testid="add-scenario"
            disabled=move || { count() >= MAX_SCENARIOS }
            on:click=move |_| scenarios.add_copy_of(0)
        >
            {move || if count() > 1 { "+ Add scenario (copy of A)" } else { "+ Add scenario" }}
        </button>
    }
}

lazy! { scenario_tabs:
    fn scenario_tabs(target: web_sys::Element, owner: Owner, scenarios: Scenarios) {
        mount_into(&target, &owner, move || view! { <ScenarioTabs scenarios=scenarios /> });
    }
}

/// The tabs of two or more scenarios, "+ Copy B" and which one the form shows.
#[component]
fn ScenarioTabs(
    /// The calculator's scenarios.
    scenarios: Scenarios,
) -> impl IntoView {
    let count = move || scenarios.sheet.with(|s| s.scenarios().len());
    view! {
        {move || {
            (0..count())
                .map(|at| {
                    let letter = LETTERS.get(at).copied().unwrap_or("a");
                    view! {
                        <button
                            type="button"
                            class="scenario-tab"
                            data-testid=format!("scenario-{letter}")
                            aria-pressed=move || (scenarios.active.get() == at).to_string()
                            on:click=move |_| scenarios.switch_to(at)
                        >
                            {move || scenarios.sheet.with(|s| scenario_name(s, at))}
                        </button>
                    }
                })
                .collect_view()
        }}
        <AddScenario scenarios=scenarios />
        {move || {
            let at = scenarios.active.get();
            (at > 0).then(|| {
                let name = scenarios.sheet.with(|s| scenario_name(s, at));
                view! {
                    <button
                        type="button"
                        class="button button-quiet"
                        data-testid="copy-scenario"
                        disabled=move || { count() >= MAX_SCENARIOS }
                        on:click=move |_| scenarios.add_copy_of(at)
                    >
                        {format!("+ Copy {name}")}
                    </button>
                }
            })
        }}
        <p class="scenario-status" role="status" data-testid="scenario-status">
            {move || {
                let at = scenarios.active.get();
                format!("The form shows {}.", scenarios.sheet.with(|s| scenario_name(s, at)))
            }}
        </p>
    }
}

/// "What if…": the scenario table, goal seek and sensitivity, loaded on first open.
#[component]
pub fn WhatIf(
    /// The calculator.
    calc: &'static Calculator,
    /// Its scenarios.
    scenarios: Scenarios,
    /// The edited scenario's evaluation.
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    let open = RwSignal::new(
        scenarios.sheet.with_untracked(|s| s.scenarios().len() > 1)
            || scenarios.seek.with_untracked(Option::is_some),
    );
    // A second scenario opens the comparison.
    Effect::new(move |_| {
        if scenarios.sheet.with(|s| s.scenarios().len() > 1) {
            open.set(true);
        }
    });
    view! {
        <LazyDetails class="what-if" testid="what-if" summary="What if… scenarios, goal seek, sensitivity" open=open>
            <Later load=Box::new(move |target, owner| Box::pin(what_if_body(target, owner, calc, scenarios, evaluation))) />
        </LazyDetails>
    }
}

lazy! { what_if:
    fn what_if_body(
        target: web_sys::Element,
        owner: Owner,
        calc: &'static Calculator,
        scenarios: Scenarios,
        evaluation: Memo<Evaluation>,
    ) {
        mount_into(&target, &owner, move || view! {
            <ScenarioTable calc=calc scenarios=scenarios evaluation=evaluation />
            <GoalSeek calc=calc scenarios=scenarios evaluation=evaluation />
            <SensitivityChart calc=calc scenarios=scenarios />
        });
    }
}

/// How long typing must pause before the goal seek answers for the new figures.
const SEEK_PAUSE_MS: u64 = 120;

fn options(form: Form) -> ReadOptions {
    ReadOptions {
        mark: form.mark.get(),
        skip_invalid: form.skip_invalid.get(),
    }
}

/// The number a result holds, if it is one.
fn number(e: &Evaluation, id: &str) -> Option<Decimal> {
    match e.result(id)?.computed.value {
        Value::Number(v) => Some(v),
        _ => None,
    }
}

/// Every result of every scenario, with its change against A.
#[component]
fn ScenarioTable(
    /// The calculator.
    calc: &'static Calculator,
    /// Its scenarios.
    scenarios: Scenarios,
    /// The edited scenario's evaluation.
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    // Each scenario evaluated: the edited one from the page's own evaluation.
    let evaluations = Memo::new(move |_| {
        let sheet = scenarios.current();
        let active = scenarios.active.get();
        let options = options(scenarios.form);
        sheet
            .scenarios()
            .iter()
            .enumerate()
            .map(|(at, s)| {
                if at == active {
                    evaluation.get()
                } else {
                    evaluate(calc, |id| s.texts.get(id).map(String::as_str), options)
                }
            })
            .collect::<Vec<_>>()
    });
    let names = move || {
        scenarios.sheet.with(|sheet| {
            (0..sheet.scenarios().len())
                .map(|at| scenario_name(sheet, at))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="scenario-table-wrap">
            <table class="scenario-table" data-testid="scenario-table">
                <caption>"Every result of each scenario, and its change against A"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Result"</th>
                        {move || names().into_iter().enumerate().map(|(at, name)| {
                            let letter = LETTERS.get(at).copied().unwrap_or("a");
                            view! {
                                <th scope="col" data-scenario=letter>
                                    {(at > 0).then(|| view! {
                                        <input
                                            type="text"
                                            class="scenario-name"
                                            aria-label=format!("Name of scenario {}", letter.to_ascii_uppercase())
                                            data-testid=format!("rename-{letter}")
                                            prop:value=name.clone()
                                            on:change:target=move |ev| scenarios.rename(at, ev.target().value())
                                        />
                                        <button
                                            type="button"
                                            class="link-button"
                                            data-testid=format!("remove-{letter}")
                                            aria-label=format!("Remove {name}")
                                            on:click=move |_| scenarios.remove(at)
                                        >
                                            "Remove"
                                        </button>
                                    })}
                                    {(at == 0).then(|| name.clone())}
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody inner_html=move || {
                    let display = settings.display();
                    evaluations.with(|all| table_rows(calc, all, display))
                }></tbody>
            </table>
        </div>
    }
}

/// The table's rows as markup: for each result shown in A's mode, each scenario's value
/// (`data-result`, `data-scenario`, `data-value`) and, after A, its change (`data-delta`).
fn table_rows(calc: &Calculator, all: &[Evaluation], display: Display) -> String {
    let Some(a) = all.first() else {
        return String::new();
    };
    let mut out = String::new();
    for spec in calc.results.iter().filter(|r| {
        Calculator::shown_in(r.modes, a.mode) && !matches!(r.role, Role::Charted | Role::Sentence)
    }) {
        out.push_str(&format!(
            r#"<tr><th scope="row">{}</th>"#,
            charts::escape(spec.label)
        ));
        let base = number(a, spec.id);
        for (at, e) in all.iter().enumerate() {
            let letter = LETTERS.get(at).copied().unwrap_or("a");
            let Some(state) = e.result(spec.id) else {
                out.push_str(&format!(
                    r#"<td data-result="{}" data-scenario="{letter}" data-value="">—</td>"#,
                    spec.id
                ));
                continue;
            };
            let (value, text) = match state.computed.value {
                Value::Number(v) => (
                    format::plain(v),
                    format::result_text(&state.computed, spec, display).unwrap_or_default(),
                ),
                Value::Verdict(v) => (v.id.to_owned(), v.label.to_owned()),
                Value::Undefined(_) => (String::new(), "—".to_owned()),
            };
            out.push_str(&format!(
                r#"<td data-result="{}" data-scenario="{letter}" data-value="{}">{}"#,
                spec.id,
                charts::escape(&value),
                charts::escape(&text)
            ));
            // A name changes, it doesn't grow: no delta.
            if at > 0 && spec.unit != crate::engine::spec::Unit::Label {
                if let Some(delta) = base
                    .zip(number(e, spec.id))
                    .and_then(|(b, v)| v.checked_sub(b))
                {
                    let tone = match (spec.better, delta.is_zero(), delta.is_sign_positive()) {
                        (_, true, _) | (Better::Neutral, _, _) => "same",
                        (Better::Higher, _, true) | (Better::Lower, _, false) => "good",
                        _ => "bad",
                    };
                    let sign = if delta.is_sign_positive() && !delta.is_zero() {
                        "+"
                    } else {
                        ""
                    };
                    // A change of a percentage is in points: churn 5 % → 5.4 % is +0.4 pts.
                    let shown = format::card(delta, format::change_unit(spec.unit), display);
                    out.push_str(&format!(
                        r#" <span class="delta delta-{tone}" data-delta="{}" data-scenario="{letter}" data-value="{}">{sign}{}</span>"#,
                        spec.id,
                        format::plain(delta),
                        charts::escape(&shown)
                    ));
                }
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out
}

/// "What would X have to be for R to reach T?"
#[component]
fn GoalSeek(
    /// The calculator.
    calc: &'static Calculator,
    /// Its scenarios.
    scenarios: Scenarios,
    /// The edited scenario's evaluation.
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    let first = move || {
        evaluation.with_untracked(|e| {
            (
                calc.headline(e.mode)
                    .map(|r| r.id)
                    .unwrap_or_default()
                    .to_owned(),
                whatif::numeric_inputs(calc, e)
                    .next()
                    .map(|i| i.id)
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
    };
    let start = scenarios.seek.get_untracked().unwrap_or_else(|| {
        let (result, vary) = first();
        SeekLink {
            result,
            target: String::new(),
            vary,
        }
    });
    let result = RwSignal::new(start.result);
    let vary = RwSignal::new(start.vary);
    let target = RwSignal::new(
        start
            .target
            .replace('.', &settings.mark.get_untracked().char().to_string()),
    );
    // The seek asked, in the link's terms (a target typed with a comma travels with a dot).
    Effect::new(move |_| {
        let mark = settings.mark.get();
        let typed = target.get();
        let parsed = crate::engine::number::parse(typed.trim(), mark)
            .ok()
            .map(|p| p.value);
        scenarios.seek.set(parsed.map(|t| SeekLink {
            result: result.get(),
            target: format::plain(t),
            vary: vary.get(),
        }));
    });
    // The seek answers for the figures once typing pauses: it runs the calculator a few
    // hundred times, too many for every keystroke (the table and the chart follow each one).
    // `settled` passes on a key of the figures; the seek reads them when the key moves.
    let key = Memo::new(move |_| {
        let texts = scenarios.form.texts();
        Some(
            texts
                .iter()
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>()
                .join("\u{1f}"),
        )
    });
    let paused = settled(key, SEEK_PAUSE_MS);
    let answer = Memo::new(move |_| {
        let link = scenarios.seek.get()?;
        let t: Decimal = link.target.parse().ok()?;
        paused.track();
        let texts = scenarios.form.texts_untracked();
        let request = SeekRequest {
            result: &link.result,
            target: t,
            vary: &link.vary,
        };
        Some((
            link.vary.clone(),
            whatif::seek(calc, &texts, options(scenarios.form), request),
        ))
    });
    let results = move || {
        evaluation.with(|e| {
            whatif::numeric_results(calc, e)
                .filter(|r| r.role != Role::Charted && r.role != Role::Sentence)
                .map(|r| (r.id, r.label))
                .collect::<Vec<_>>()
        })
    };
    let inputs = move || {
        evaluation.with(|e| {
            whatif::numeric_inputs(calc, e)
                .map(|i| (i.id, i.label))
                .collect::<Vec<_>>()
        })
    };
    let label_of = move |id: &str| calc.input(id).map(|i| i.label).unwrap_or_default();
    let use_value = move |_| {
        if let Some((id, Seek::Found { value, .. })) = answer.get_untracked() {
            let text = whatif::input_text(value, scenarios.form.mark.get_untracked());
            scenarios.add_with(&id, text);
            // Named after what it changes, so the bar and the table say what it is.
            let shown = calc
                .input(&id)
                .map(|s| format::card(value, s.unit, settings.display()))
                .unwrap_or_default();
            scenarios.rename(
                scenarios.active.get_untracked(),
                format!("{} {shown}", label_of(&id)),
            );
        }
    };
    view! {
        <section class="goal-seek" aria-labelledby="seek-title">
            <h3 id="seek-title">
                {move || {
                    let at = scenarios.active.get();
                    format!("Goal seek on {}", scenarios.sheet.with(|s| scenario_name(s, at)))
                }}
            </h3>
            <p class="seek-question">
                <label>
                    "What would "
                    <select data-testid="seek-vary" on:change:target=move |ev| vary.set(ev.target().value()) prop:value=vary>
                        {move || inputs().into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    " have to be for "
                    <select data-testid="seek-result" on:change:target=move |ev| result.set(ev.target().value()) prop:value=result>
                        {move || results().into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    " to reach "
                    <input type="text" inputmode="decimal" class="seek-target" data-testid="seek-target"
                        prop:value=target on:input:target=move |ev| target.set(ev.target().value()) />
                </label>
                "?"
            </p>
            {move || answer.get().map(|(id, seek)| {
                let display = settings.display();
                match seek {
                    Seek::Found { value, exact, others } => {
                        let spec = calc.input(&id);
                        let shown = spec.map(|s| format::card(value, s.unit, display)).unwrap_or_default();
                        let about = if exact { "" } else { "about " };
                        let more = if others { " (the nearest to today's figure; another value reaches it too)" } else { "" };
                        view! {
                            <p class="seek-answer" role="status" data-seek=id.clone() data-value=format::plain(value)>
                                {format!("{} would have to be {about}{shown}{more}.", label_of(&id))}
                                " "
                                <button type="button" class="button button-quiet" data-testid="seek-use" on:click=use_value>
                                    "Use this value as a new scenario"
                                </button>
                            </p>
                        }.into_any()
                    }
                    Seek::Unreachable(why) | Seek::Invalid(why) => view! {
                        <p class="seek-answer" role="status" data-seek=id.clone() data-value="">{why}</p>
                    }.into_any(),
                }
            })}
        </section>
    }
}

/// Which input moves the headline most: a tornado chart, largest effect first.
#[component]
fn SensitivityChart(
    /// The calculator.
    calc: &'static Calculator,
    /// Its scenarios.
    scenarios: Scenarios,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    let step = RwSignal::new(10_u32);
    let markup = Memo::new(move |_| {
        let texts = scenarios.form.texts();
        whatif::sensitivity(calc, &texts, options(scenarios.form), step.get())
            .map(|t| charts::tornado(&t, step.get(), settings.display()))
            .unwrap_or_default()
    });
    view! {
        <section class="sensitivity" aria-labelledby="sensitivity-title">
            <h3 id="sensitivity-title">
                {move || {
                    let at = scenarios.active.get();
                    format!("Which figure matters most in {}", scenarios.sheet.with(|s| scenario_name(s, at)))
                }}
            </h3>
            <fieldset class="choices-inline">
                <legend>"Move each figure by"</legend>
                {[5_u32, 10, 20].into_iter().map(|s| view! {
                    <label class="choice">
                        <input type="radio" name="sensitivity-step" data-testid=format!("step-{s}")
                            prop:checked=move || step.get() == s on:change=move |_| step.set(s) />
                        {format!("±{s} %")}
                    </label>
                }).collect_view()}
            </fieldset>
            <figure class="chart tornado" data-testid="sensitivity" inner_html=move || markup.get()></figure>
        </section>
    }
}
