//! One calculator, driven by its definition: the form, live results, the working, and the
//! state kept in step with the URL (replaceState) and localStorage.

use crate::engine::evaluate::{evaluate_cached, ListCache, ReadOptions};
use crate::engine::spec::{Calculator, Kind};
use crate::engine::state::{self, Texts};
use crate::ui::app::{is_modified_click, Nav};
use crate::ui::browser::{self, CopyStatus};
use crate::ui::csv_panel::{ExportButton, ImportPanel};
use crate::ui::embed::{Embed, EmbedPanel};
use crate::ui::fields::{Field, Form};
use crate::ui::nps_chart::{Distribution, NpsChart};
use crate::ui::results::{Results, Waiting};
use crate::ui::saved;
use crate::ui::settings::Settings;
use leptos::prelude::*;

/// Where a calculator's first state comes from.
struct Start {
    texts: Texts,
    skip_invalid: bool,
    notices: Vec<String>,
}

/// Defaults, then either the link's inputs (a link is a whole state, so it wins and saved
/// inputs are not mixed in) or the saved ones. The saved inputs win over a link that this app
/// itself last wrote for the calculator: they are newer (a reload right after typing) and keep
/// what links leave out (a pasted list too long for a link).
fn initial_state(calc: &Calculator) -> Start {
    let query = browser::query();
    let link = state::read_link(&query);
    let mut start = Start {
        texts: state::defaults(calc),
        skip_invalid: false,
        notices: Vec::new(),
    };
    let saved = saved::load(calc);
    let resume = matches!(saved, Ok(Some(_))) && saved::is_own_link(calc, &query);
    if link.calc.as_deref() == Some(calc.id) && !resume {
        let (from_link, unknown) = state::inputs_from_link(calc, &link);
        if !unknown.is_empty() {
            let names: Vec<String> = unknown
                .iter()
                .map(|k| crate::engine::error::shorten(k))
                .collect();
            start.notices.push(format!(
                "The link had values this calculator doesn't use ({}); they were left out.",
                names.join(", ")
            ));
        }
        if !from_link.is_empty() {
            start.texts.extend(from_link);
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
    let start = initial_state(calc);
    let form = Form::new(calc, &start.texts, start.skip_invalid);
    let notices = RwSignal::new(start.notices);
    let storage_problem = RwSignal::new(None::<&'static str>);
    let left_out_of_link = RwSignal::new(Vec::<&'static str>::new());
    let copied = RwSignal::new(None::<bool>);

    let lists = StoredValue::new_local(ListCache::default());
    let evaluation = Memo::new(move |_| {
        let texts = form.texts();
        let options = ReadOptions {
            mark: settings.mark.get(),
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
    Effect::new(move |_| {
        let texts = form.texts();
        let skip = form.skip_invalid.get();
        let (query, left_out) = state::to_query(calc, &texts, skip);
        writer.write(format!("{query}{effect_suffix}"));
        left_out_of_link.set(left_out);
        // `try_set`: a deferred save may report after the view is gone.
        saver.save(texts, skip, move |problem| {
            storage_problem.try_set(problem);
        });
        copied.set(None);
    });

    let reset = move |_| {
        let defaults = state::defaults(calc);
        let (query, _) = state::to_query(calc, &defaults, false);
        link_writer.write_now(&format!("{query}{suffix}"));
        form.set_texts(&defaults);
        form.skip_invalid.set(false);
        saved::forget(calc);
        notices.set(Vec::new());
    };
    // The link from the current state, not from the address bar, which may lag by 200 ms.
    let copy_link = move |_| {
        let (query, _) = state::to_query(calc, &form.texts(), form.skip_invalid.get());
        browser::copy(&format!("{}?{query}", browser::app_url()), move |ok| {
            copied.set(Some(ok))
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
    <CopyStatus copied=copied done="Link copied." refused="Couldn't copy: copy the address from the address bar." />
                        </div>
                        {move || {
                            let left_out = left_out_of_link.get();
                            (!left_out.is_empty())
                                .then(|| view! {
                                    <p class="note">
                                        "Some values are too long for a link, so links leave them out; they are kept in this browser."
                                    </p>
                                })
                        }}
                        {move || storage_problem.get().map(|m| view! { <p class="notice" role="status">{m}</p> })}
                        {(!is_embed).then(|| view! { <EmbedPanel calc=calc form=form /> })}
                    </form>
                    <section class="results" aria-labelledby="results-title">
                        <h2 class="section-title" id="results-title">"Results"</h2>
                        <Waiting calc=calc evaluation=evaluation />
                        <div class="result-grid" aria-live="polite" data-testid="results">
                            <Results calc=calc evaluation=evaluation headline=true />
                            {(calc.id == "nps").then(|| view! { <NpsChart evaluation=evaluation /> })}
                            <Results calc=calc evaluation=evaluation headline=false />
                        </div>
                        {list_inputs
                            .into_iter()
                            .map(|input| view! { <Distribution evaluation=evaluation input=input /> })
                            .collect_view()}
                    </section>
                </div>
            </article>
        }
}
