//! One calculator, driven by its definition: the form, live results, the working, and the
//! state kept in step with the URL (replaceState) and localStorage.

use crate::engine::evaluate::{evaluate_cached, Evaluation, ListCache, ReadOptions};
use crate::engine::format::{self, Display};
use crate::engine::formula::Value;
use crate::engine::report;
use crate::engine::spec::{Calculator, InputSpec, Kind};
use crate::engine::state::{self, Omission, Sheet};
use crate::ui::browser;
use crate::ui::charts::{DefinedChartDownloads, Distribution};
use crate::ui::csv_panel::{ExportButton, ImportPanels};
use crate::ui::embed::{Embed, EmbedPanel, FullAppLink};
use crate::ui::fields::{Field, Form};
use crate::ui::nav::{is_modified_click, Nav};
use crate::ui::persistence;
use crate::ui::results::Results;
use crate::ui::scenarios::{ScenarioBar, Scenarios, WhatIf};
use crate::ui::settings::Settings;
use crate::ui::widgets::{CopyStatus, LinkCopyStatus};
use leptos::prelude::*;

/// The result a calculator leads with, and its verdict, as one line: "NPS 46.2", "LTV:CAC
/// 3.50:1, Healthy". `None` while it has no value.
fn headline(calc: &Calculator, e: &Evaluation, display: Display) -> Option<String> {
    let first = calc.headline(e.mode)?;
    let text = format::result_text(&e.result(first.id)?.computed, first, display).ok()?;
    let verdict = e.results.iter().find_map(|r| match r.computed.value {
        Value::Verdict(v) => Some(v.label),
        _ => None,
    });
    let label = crate::engine::report::label(first, calc, e);
    Some(match verdict {
        Some(v) => format!("{label} {text}, {v}"),
        None => format!("{label} {text}"),
    })
}

/// A calculator page.
#[component]
pub fn CalculatorView(
    /// The calculator to show.
    calc: &'static Calculator,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    let embed = use_context::<Embed>();
    let nav = use_context::<Nav>(); // absent in an embed, which has no other views
    let is_embed = embed.is_some();
    let start = persistence::start(calc, settings.mark.get_untracked(), is_embed);
    let form = Form::new(
        calc,
        &start.sheet.base().texts,
        settings.mark.get_untracked(),
        start.sheet.skip_invalid,
    );
    // Every scenario the calculator opened with; the form edits one of them (A at first).
    let scenarios = Scenarios {
        sheet: RwSignal::new(start.sheet),
        active: RwSignal::new(0),
        seek: RwSignal::new(start.seek),
        form,
    };
    // Settings change the format: the texts are converted, never re-read in the new one.
    Effect::new(move |_| form.switch_mark(calc, settings.mark.get()));
    let notices = RwSignal::new(start.notices);
    let storage_problem = RwSignal::new(None::<&'static str>);
    let left_out_of_link = RwSignal::new(Vec::<(&'static InputSpec, Omission)>::new());
    let copied = RwSignal::new(None::<Result<String, String>>);
    browser::set_title(&format!("{} · cs-metrics", calc.name));
    on_cleanup(|| browser::set_title(browser::DEFAULT_TITLE));

    let lists = StoredValue::new_local(ListCache::default());
    provide_context(crate::ui::file_field::Preparer { calc, form, lists });
    let evaluation = Memo::new(move |_| {
        let texts = form.texts();
        let options = ReadOptions {
            mark: form.mark.get(),
            skip_invalid: form.skip_invalid.get(),
        };
        let raw = |id: &str| texts.get(id).map(String::as_str);
        // The cache lives as long as the view; were it gone, evaluating afresh is still right.
        lists
            .try_update_value(|cache| evaluate_cached(calc, &raw, options, cache))
            .unwrap_or_else(|| evaluate_cached(calc, &raw, options, &mut ListCache::default()))
    });

    // The figures as a sheet: the edited scenario from the form, the others as stored.
    let sheet = move || scenarios.current();
    // The link: every scenario, and the goal seek if one is asked. The page's evaluation is
    // A's only while the form edits A (it lets a long list travel as its counts).
    let query_of = move |sheet: &Sheet| {
        let mut query = evaluation.with(|e| {
            let evaluations: &[&Evaluation] = if scenarios.active.get() == 0 {
                &[e]
            } else {
                &[]
            };
            state::to_query(calc, sheet, form.mark.get(), evaluations)
        });
        if let Some(seek) = scenarios.seek.get() {
            query.text.push('&');
            query.text.push_str(&seek.query());
        }
        query
    };
    // The link (at most every 200 ms) and the saved record (at once) kept in step; a frame that
    // only measures the embed's height keeps nothing.
    let keeper = persistence::Keeper::new(calc);
    let writer = keeper.clone();
    let suffix = embed.as_ref().map(Embed::query_suffix).unwrap_or_default();
    let effect_suffix = suffix.clone();
    let keeps = !embed.as_ref().is_some_and(|e| e.measure);
    let current_query = RwSignal::new(String::new());
    Effect::new(move |_| {
        let sheet = sheet();
        let query = query_of(&sheet);
        current_query.set(query.text.clone());
        left_out_of_link.set(query.left_out);
        copied.set(None);
        if !keeps {
            return;
        }
        writer.write_link(format!("{}{effect_suffix}", query.text));
        // `try_set`: a deferred save may report after the view is gone.
        writer.save(sheet, form.mark.get_untracked(), move |problem| {
            storage_problem.try_set(problem);
        });
    });

    let reset = move |_| {
        let defaults = state::defaults(calc);
        let cleared = Sheet::single(defaults.clone(), false);
        let query = state::to_query(calc, &cleared, form.mark.get_untracked(), &[]);
        keeper.write_link_now(&format!("{}{suffix}", query.text));
        scenarios.active.set(0);
        scenarios.seek.set(None);
        scenarios.sheet.set(cleared);
        form.set_texts(&defaults);
        form.skip_invalid.set(false);
        keeper.forget();
        notices.set(Vec::new());
    };
    // The link from the current state, not from the address bar, which may lag by 200 ms.
    let copy_link = move |_| {
        let query = untrack(|| query_of(&sheet()));
        let link = format!("{}?{}", browser::app_url(), query.text);
        let left: Vec<String> = query
            .left_out
            .iter()
            .map(|(spec, why)| format!("{} ({})", spec.label, why.reason()))
            .collect();
        let done = if left.is_empty() {
            "Link copied.".to_owned()
        } else {
            format!(
                "Link copied, without {}: whoever opens it is told.",
                left.join(", ")
            )
        };
        let fallback = link.clone();
        browser::copy(&link, move |ok| {
            copied.set(Some(if ok { Ok(done) } else { Err(fallback) }))
        });
    };
    let go_home = move |ev: web_sys::MouseEvent| {
        if !is_modified_click(&ev) {
            ev.prevent_default();
            if let Some(nav) = nav {
                nav.open(None);
            }
        }
    };
    let list_inputs: Vec<&'static str> = calc
        .inputs
        .iter()
        .filter(|i| matches!(i.kind, Kind::List { .. }))
        .map(|i| i.id)
        .collect();
    let headline_text =
        Memo::new(move |_| evaluation.with(|e| headline(calc, e, settings.display())));
    // An empty calculator offers example figures, labelled as such.
    let empty = Memo::new(move |_| {
        form.texts().iter().all(|(id, t)| {
            t.trim().is_empty() || calc.input(id).and_then(|i| i.default) == Some(t.trim())
        })
    });
    let try_example = move |_| {
        let link = state::read_link(&format!("calc={}&v=2&{}", calc.id, calc.example));
        let example = state::inputs_from_link(
            calc,
            &link,
            &state::defaults(calc),
            form.mark.get_untracked(),
        );
        form.set_texts(&example.sheet.base().texts);
        notices.set(vec![
            "These are example figures: replace them with yours.".to_owned()
        ]);
    };
    let results_copied = RwSignal::new(None::<bool>);
    let copy_results = move |_| {
        let summary = evaluation.with_untracked(|e| report::take_away(calc, e, settings.display()));
        if let Some(summary) = summary {
            browser::copy(&summary, move |ok| results_copied.set(Some(ok)));
        }
    };
    // "Compare with another period": not in an embed, which opens nothing else in its frame.
    let compare = calc.compare.filter(|_| !is_embed);
    // In a blog's embed: the headline and a few figures, the rest behind "More results".
    let compact = embed.as_ref().map(|e| e.show.clone());
    let announced = crate::ui::widgets::settled(headline_text, 900);
    // The phone's headline bar repeats the headline only while the results are out of view.
    let results_ref = NodeRef::<leptos::html::Section>::new();
    let results_in_view = RwSignal::new(false);
    let watching = StoredValue::new_local(None::<browser::InView>);
    results_ref.on_load(move |el| {
        let guard = browser::watch_in_view(&el, move |seen| {
            results_in_view.try_set(seen);
        });
        watching.set_value(guard);
    });

    view! {
        <article class="calculator" data-calc=calc.id>
            {(!is_embed).then(|| view! {
                <p class="crumbs">
                    <a href="?" on:click=go_home data-testid="back-home">"← All calculators"</a>
                    <span aria-hidden="true">" · "</span>
                    {calc.category.name()}
                </p>
            })}
            <h1 id="calc-title">{calc.name}</h1>
            <p class="summary">{calc.summary}</p>
            {move || {
                notices
                    .get()
                    .into_iter()
                    .map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })
                    .collect_view()
            }}
            <div class="calc-grid">
                <form class="inputs" aria-labelledby="calc-title" on:submit=|ev| ev.prevent_default()>
                    <h2 class="section-title">"Your figures"</h2>
                    // An embed shows scenarios only when its link brings them.
                    {(!is_embed || scenarios.sheet.with_untracked(|s| s.scenarios().len() > 1))
                        .then(|| view! { <ScenarioBar scenarios=scenarios /> })}
                    <ImportPanels calc=calc form=form />
                    {calc
                        .inputs
                        .iter()
                        .map(|spec| view! { <Field calc=calc spec=spec form=form evaluation=evaluation /> })
                        .collect_view()}
                    <div class="actions">
                        <button type="button" class="button" data-testid="copy-link" on:click=copy_link>
                            "Copy link"
                        </button>
                        <ExportButton calc=calc scenarios=scenarios />
                        <button type="button" class="button button-quiet" data-testid="reset" on:click=reset>
                            "Reset"
                        </button>
                    </div>
                    <LinkCopyStatus copied=copied />
                    {move || {
                        let left = left_out_of_link.get();
                        (!left.is_empty())
                            .then(|| {
                                let names: Vec<&str> = left.iter().map(|(s, _)| s.label).collect();
                                view! {
                                    <p class="note" data-testid="left-out-note">
                                        {format!("A link can't carry {}; it says so to whoever opens it. They are kept in this browser.", names.join(", "))}
                                    </p>
                                }
                            })
                    }}
                    // In an embed, not keeping inputs is normal (a blog's frame often can't).
                    {(!is_embed).then_some(move || storage_problem.get().map(|m| view! { <p class="notice" role="status">{m}</p> }))}
                    {(!is_embed).then(|| view! { <EmbedPanel calc=calc current=current_query evaluation=evaluation /> })}
                    // Under the inputs: beside the results in a blog column, where it costs no height.
                    {is_embed.then(|| view! { <FullAppLink query=current_query /> })}
                </form>
                <section class="results" aria-labelledby="results-title" node_ref=results_ref>
                    <div class="results-head">
                        <h2 class="section-title" id="results-title">"Results"</h2>
                        <button
                            type="button"
                            class="link-button"
                            data-testid="show-working"
                            aria-pressed=move || settings.working.get().to_string()
                            on:click=move |_| settings.working.update(|w| *w = !*w)
                        >
                            {move || if settings.working.get() { "Hide working" } else { "Show working" }}
                        </button>
                    </div>
                    {move || empty.get().then(|| view! {
                        <p class="example-offer">
                            <button type="button" class="button button-quiet" data-testid="try-example" on:click=try_example>
                                "Try an example"
                            </button>
                            " Fills in example figures to play with."
                        </p>
                    })}
                    // Not a live region: typing would re-read every figure. The headline is
                    // announced below once typing settles.
                    <Results calc=calc evaluation=evaluation compact=compact />
                    <DefinedChartDownloads calc=calc evaluation=evaluation />
                    {list_inputs
                        .into_iter()
                        .map(|input| {
                            let nps = calc.input(input).is_some_and(|i| i.on_nps_scale());
                            view! { <Distribution evaluation=evaluation input=input nps=nps /> }
                        })
                        .collect_view()}
                    <div class="actions">
                        <button type="button" class="button button-quiet" data-testid="copy-results" on:click=copy_results>
                            "Copy results"
                        </button>
                        <CopyStatus copied=results_copied done="Copied: paste it into a deck or a post." refused="Couldn't copy here." />
                        {compare.map(|c| {
                            let query = Memo::new(move |_| evaluation.with(|e| c.query(e)));
                            let open = move |ev: web_sys::MouseEvent| {
                                if is_modified_click(&ev) {
                                    return;
                                }
                                if let (Some(nav), Some(q)) = (nav, query.get_untracked()) {
                                    ev.prevent_default();
                                    nav.open_query(&q);
                                }
                            };
                            view! {
                                <a
                                    class="button button-quiet compare-link"
                                    data-testid="compare-link"
                                    href=move || format!("?{}", query.get().unwrap_or_default())
                                    hidden=move || query.with(Option::is_none)
                                    on:click=open
                                >
                                    "Compare with another period →"
                                </a>
                            }
                        })}
                    </div>
                    <p class="visually-hidden" aria-live="polite" data-testid="live-result">{move || announced.get()}</p>
                </section>
                // Across the page's width on a desktop: four scenarios side by side need it.
                {(!is_embed || scenarios.sheet.with_untracked(|s| s.scenarios().len() > 1))
                    .then(|| view! {
                        <section class="what-if-section" aria-label="What if">
                            <WhatIf calc=calc scenarios=scenarios evaluation=evaluation />
                        </section>
                    })}
            </div>
            // On a phone the results are far below the inputs: the headline stays in view.
            {(!is_embed).then(|| view! {
                <a class="headline-bar" href="#results-title" data-testid="headline-bar" hidden=move || results_in_view.get() || headline_text.with(Option::is_none)>
                    <span>{move || headline_text.get().unwrap_or_default()}</span>
                    <span class="headline-more">"All results ↓"</span>
                </a>
            })}
        </article>
    }
}
