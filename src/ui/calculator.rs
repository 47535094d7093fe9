//! One calculator, driven by its definition: the form, live results, the working, and the
//! state kept in step with the URL (replaceState) and localStorage.

use crate::engine::evaluate::{evaluate_cached, Evaluation, ListCache, ReadOptions};
use crate::engine::expr::Value;
use crate::engine::format::{self, Display};
use crate::engine::number::DecimalMark;
use crate::engine::spec::{Calculator, InputSpec, Kind};
use crate::engine::state::{self, Omission, Texts};
use crate::ui::app::{is_modified_click, Nav};
use crate::ui::browser;
use crate::ui::csv_panel::{ExportButton, ImportPanel};
use crate::ui::embed::{Embed, EmbedPanel, FullAppLink};
use crate::ui::fields::{Field, Form};
use crate::ui::nps_chart::{Distribution, NpsChart};
use crate::ui::results::{Results, Waiting};
use crate::ui::saved;
use crate::ui::settings::Settings;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where a calculator's first state comes from.
struct Start {
    texts: Texts,
    skip_invalid: bool,
    notices: Vec<String>,
}

/// Defaults, then either the link's inputs (a link is a whole state, so it wins and saved
/// inputs are not mixed in) or the saved ones, in the reader's format `mark`. The saved
/// inputs win over a link that this app itself last wrote for the calculator: they are newer
/// (a reload right after typing) and keep what links leave out (a pasted list too long for a
/// link).
fn initial_state(calc: &Calculator, mark: DecimalMark) -> Start {
    let query = browser::query();
    let link = state::read_link(&query);
    let mut start = Start {
        texts: state::defaults(calc),
        skip_invalid: false,
        notices: Vec::new(),
    };
    let saved = saved::load(calc, mark);
    let resume = matches!(saved, Ok(Some(_))) && saved::is_own_link(calc, &query);
    if link.calc.as_deref() == Some(calc.id) && !resume {
        let from_link = state::inputs_from_link(calc, &link, mark);
        start.notices.extend(from_link.notices);
        if !from_link.texts.is_empty() || !link.left_out.is_empty() {
            start.texts.extend(from_link.texts);
            start.skip_invalid = link.skip_invalid;
            return start;
        }
    }
    match saved {
        Ok(Some((texts, skip))) => {
            start.texts.extend(texts);
            start.skip_invalid = skip;
        }
        Ok(None) => {}
        Err(message) => start.notices.push(message),
    }
    start
}

/// The result a calculator leads with, and its verdict, as one line: "NPS 46.2", "LTV:CAC
/// 3.50:1, Healthy". `None` while it has no value.
fn headline(calc: &Calculator, e: &Evaluation, display: Display) -> Option<String> {
    let first = calc.results.first()?;
    let text = format::result_text(&e.result(first.id)?.computed, first, display).ok()?;
    let verdict = e.results.iter().find_map(|r| match r.computed.value {
        Value::Verdict(v) => Some(v.label),
        _ => None,
    });
    Some(match verdict {
        Some(v) => format!("{} {text}, {v}", first.label),
        None => format!("{} {text}", first.label),
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
    let start = initial_state(calc, settings.mark.get_untracked());
    let form = Form::new(
        calc,
        &start.texts,
        settings.mark.get_untracked(),
        start.skip_invalid,
    );
    // Settings change the format: the texts are converted, never re-read in the new one.
    Effect::new(move |_| form.switch_mark(calc, settings.mark.get()));
    let notices = RwSignal::new(start.notices);
    let storage_problem = RwSignal::new(None::<&'static str>);
    let left_out_of_link = RwSignal::new(Vec::<(&'static InputSpec, Omission)>::new());
    let copied = RwSignal::new(None::<Result<String, String>>);
    browser::set_title(&format!("{} · cs-metrics", calc.name));
    on_cleanup(|| browser::set_title(browser::DEFAULT_TITLE));

    let lists = StoredValue::new_local(ListCache::default());
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

    // Keep the saved copy (at once: a reload must never lose input) and the link (at most
    // every 200 ms: Chromium throttles history updates, measured at 4 ms a call) in step.
    let link_writer = browser::CoalescedQuery::new(calc.id);
    let writer = link_writer.clone();
    let suffix = embed.as_ref().map(Embed::query_suffix).unwrap_or_default();
    let effect_suffix = suffix.clone();
    let saver = saved::Saver::new(calc);
    // A frame that only measures the embed's height keeps nothing.
    let keeps = !embed.as_ref().is_some_and(|e| e.measure);
    let current_query = RwSignal::new(String::new());
    Effect::new(move |_| {
        let texts = form.texts();
        let skip = form.skip_invalid.get();
        let mark = form.mark.get();
        let query = evaluation.with(|e| state::to_query(calc, &texts, mark, skip, Some(e)));
        current_query.set(query.text.clone());
        left_out_of_link.set(query.left_out);
        copied.set(None);
        if !keeps {
            return;
        }
        writer.write(format!("{}{effect_suffix}", query.text));
        // `try_set`: a deferred save may report after the view is gone.
        saver.save(texts, mark, skip, move |problem| {
            storage_problem.try_set(problem);
        });
    });

    let reset = move |_| {
        let defaults = state::defaults(calc);
        let query = state::to_query(calc, &defaults, form.mark.get_untracked(), false, None);
        link_writer.write_now(&format!("{}{suffix}", query.text));
        form.set_texts(&defaults);
        form.skip_invalid.set(false);
        saved::forget(calc);
        notices.set(Vec::new());
    };
    // The link from the current state, not from the address bar, which may lag by 200 ms.
    let copy_link = move |_| {
        let texts = form.texts_untracked();
        let query = evaluation.with_untracked(|e| {
            state::to_query(
                calc,
                &texts,
                form.mark.get_untracked(),
                form.skip_invalid.get_untracked(),
                Some(e),
            )
        });
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
    let announced = browser::settled(headline_text, 900);

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
                    <ImportPanel calc=calc form=form />
                    {calc
                        .inputs
                        .iter()
                        .map(|spec| view! { <Field calc=calc spec=spec form=form evaluation=evaluation /> })
                        .collect_view()}
                    <div class="actions">
                        <button type="button" class="button" data-testid="copy-link" on:click=copy_link>
                            "Copy link"
                        </button>
                        <ExportButton calc=calc form=form evaluation=evaluation />
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
                    {(!is_embed).then(|| view! { <EmbedPanel calc=calc form=form evaluation=evaluation /> })}
                </form>
                <section class="results" aria-labelledby="results-title">
                    <h2 class="section-title" id="results-title">"Results"</h2>
                    <Waiting calc=calc evaluation=evaluation />
                    // Not a live region: typing would re-read every card. The headline is
                    // announced below once typing settles.
                    <div class="result-grid" data-testid="results">
                        <Results calc=calc evaluation=evaluation headline=true />
                        {(calc.id == "nps").then(|| view! { <NpsChart evaluation=evaluation /> })}
                        <Results calc=calc evaluation=evaluation headline=false />
                    </div>
                    {list_inputs
                        .into_iter()
                        .map(|input| view! { <Distribution evaluation=evaluation input=input /> })
                        .collect_view()}
                    <p class="visually-hidden" aria-live="polite" data-testid="live-result">{move || announced.get()}</p>
                </section>
            </div>
            {is_embed.then(|| view! { <FullAppLink query=current_query /> })}
            // On a phone the results are far below the inputs: the headline stays in view.
            {(!is_embed).then(|| view! {
                <a class="headline-bar" href="#results-title" data-testid="headline-bar" hidden=move || headline_text.with(Option::is_none)>
                    <span>{move || headline_text.get().unwrap_or_default()}</span>
                    <span class="headline-more">"All results ↓"</span>
                </a>
            })}
        </article>
    }
}

/// What "Copy link" did: copied (with what the link leaves out), or a field holding the
/// link to copy by hand when the browser refused (inside a blog's frame, for one).
#[component]
fn LinkCopyStatus(
    /// `Ok(sentence)` after a copy, `Err(link)` when it was refused, `None` before.
    copied: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView {
    view! {
        <p class="action-status" role="status" data-testid="copy-status">
            {move || match copied.get() {
                Some(Ok(done)) => view! { <span>{done}</span> }.into_any(),
                Some(Err(link)) => view! {
                    <span>"Couldn't copy here: select the link and copy it."</span>
                    <label class="visually-hidden" for="link-fallback">"Link to these figures"</label>
                    <input
                        id="link-fallback"
                        type="text"
                        readonly
                        class="link-fallback"
                        data-testid="link-fallback"
                        prop:value=link
                        on:focus=|ev: web_sys::FocusEvent| {
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        }
                    />
                }
                .into_any(),
                None => ().into_any(),
            }}
        </p>
    }
}
