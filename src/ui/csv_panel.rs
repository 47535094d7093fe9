//! CSV in the browser: the export buttons make the engine's CSV text into a download; the
//! import panel reads a file (picked, dropped or pasted), lets the user pick the column, and
//! fills the scores list. All of it stays in the page.

use crate::engine::convert;
use crate::engine::csv::groups::{self, NPS_RULE};
use crate::engine::csv::import::{self as csv_import, Table};
use crate::engine::csv::{self, Row, Section};
use crate::engine::evaluate::{entry_rule_from_texts, evaluate, Evaluation, ReadOptions};
use crate::engine::spec::{Calculator, InputSpec, Kind, Unit};
use crate::engine::state::{Sheet, Texts};
use crate::ui::breakdown::{wants_dates, BreakDown, QUARTER_FIRST};
use crate::ui::browser;
use crate::ui::fields::Form;
use crate::ui::lazy::{lazy, mount_into, Later, NOT_LOADED};
use crate::ui::persistence;
use crate::ui::scenarios::Scenarios;
use crate::ui::settings::Settings;
use crate::ui::widgets::LazyDetails;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

const CSV_MIME: &str = "text/csv;charset=utf-8";

fn download_rows(
    rows: &[Row],
    sections: &[Section],
    what: &str,
    settings: Settings,
) -> Result<(), &'static str> {
    let text = csv::write_with(rows, sections, settings.csv.get_untracked());
    browser::download(&csv::file_name(what, &browser::today()), &text, CSV_MIME)
}

lazy! { csv_export:
    /// Downloads one calculator's inputs and results, every scenario's (a `scenario`
    /// column); says in `problem` what went wrong.
    fn export_calculator(
        calc: &'static Calculator,
        sheet: Sheet,
        settings: Settings,
        problem: RwSignal<Option<&'static str>>,
    ) {
        let display = settings.display();
        let options = ReadOptions {
            mark: display.mark,
            skip_invalid: sheet.skip_invalid,
        };
        let evaluations: Vec<Evaluation> = sheet
            .scenarios()
            .iter()
            .map(|s| evaluate(calc, |id| s.texts.get(id).map(String::as_str), options))
            .collect();
        let rows = csv::sheet_rows(calc, &sheet, &evaluations, display);
        let sections = csv::sheet_sections(calc, &sheet, &evaluations, display);
        problem.set(download_rows(&rows, &sections, calc.id, settings).err());
    }
}

lazy! { csv_export_all:
    /// Downloads every calculator with saved inputs; says in `status` if there was none.
    fn export_all(settings: Settings, status: RwSignal<Option<String>>, all: Vec<&'static Calculator>) {
        let display = settings.display();
        let mut rows = Vec::new();
        let mut sections = Vec::new();
        for calc in all {
            let Some(sheet) = persistence::saved_sheet(calc, display.mark) else {
                continue;
            };
            let (texts, skip) = (sheet.base().texts.clone(), sheet.skip_invalid);
            if texts.values().all(|t| t.trim().is_empty()) {
                continue;
            }
            let options = ReadOptions {
                mark: display.mark,
                skip_invalid: skip,
            };
            let ev = evaluate(calc, |id| texts.get(id).map(String::as_str), options);
            rows.extend(csv::calculator_rows(calc, &texts, &ev, display));
            for table in csv::chart_table(calc, &ev) {
                sections.push(Section {
                    metric: calc.id,
                    scenario: "A".to_owned(),
                    currency: display.currency.code,
                    table,
                });
            }
        }
        status.set(Some(if rows.is_empty() {
            "No calculator has inputs yet: fill one in first.".to_owned()
        } else {
            match download_rows(&rows, &sections, "all", settings) {
                Ok(()) => String::new(),
                Err(p) => p.to_owned(),
            }
        }));
    }
}

/// "Export CSV" for one calculator (the export itself is loaded on first use).
#[component]
pub fn ExportButton(
    /// The calculator.
    calc: &'static Calculator,
    /// Its scenarios (the form edits one of them).
    scenarios: Scenarios,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    let problem = RwSignal::new(None::<&'static str>);
    let export = move |_| {
        let sheet = untrack(|| scenarios.current());
        leptos::task::spawn_local(async move {
            if export_calculator(calc, sheet, settings, problem)
                .await
                .is_err()
            {
                problem.try_set(Some(NOT_LOADED));
            }
        });
    };
    view! {
        <button type="button" class="button button-quiet" data-testid="export-csv" on:click=export>
            "Export CSV"
        </button>
        {move || problem.get().map(|p| view! { <span class="error" role="alert">{p}</span> })}
    }
}

/// "Export all as CSV" on the home view: every calculator with saved inputs.
#[component]
pub fn ExportAllButton() -> impl IntoView {
    let settings = expect_context::<Settings>();
    let status = RwSignal::new(None::<String>);
    let export = move |()| {
        leptos::task::spawn_local(async move {
            // Every calculator is evaluated: every category's definitions are needed.
            let done = match crate::ui::lazy::load_all().await {
                Ok(all) => export_all(settings, status, all).await,
                Err(e) => Err(e),
            };
            if done.is_err() {
                status.try_set(Some(NOT_LOADED.to_owned()));
            }
        });
    };
    // The static home page loaded the app for this export: it runs once the button is there.
    if browser::take_intent("export-all") {
        export(());
    }
    view! {
        <button type="button" class="button button-quiet" data-testid="export-all-csv" on:click=move |_| export(())>
            "Export all as CSV"
        </button>
        <span class="action-status" role="status">{move || status.get()}</span>
    }
}

/// "Import CSV…" for each list a calculator reads (scores, days): one panel per list, named
/// after it when there are several (two surveys to compare). A paste of several columns into
/// a list opens its panel too, with the columns to pick from. Bodies load on first open.
#[component]
pub fn ImportPanels(
    /// The calculator.
    calc: &'static Calculator,
    /// Its form.
    form: Form,
) -> impl IntoView {
    let lists: Vec<&'static InputSpec> = calc
        .inputs
        .iter()
        .filter(|i| matches!(i.kind, Kind::List { .. } | Kind::Groups))
        .collect();
    let several = lists.len() > 1;
    lists
        .into_iter()
        .enumerate()
        .map(|(i, list)| {
            // The first keeps the plain test id; the others are told apart by their list.
            let (testid, summary) = match (i, several) {
                (_, false) => ("import-csv".to_owned(), "Import CSV…".to_owned()),
                (0, true) => (
                    "import-csv".to_owned(),
                    format!("Import CSV into “{}”…", list.label),
                ),
                _ => (
                    format!("import-csv-{}", list.id),
                    format!("Import CSV into “{}”…", list.label),
                ),
            };
            view! { <ImportPanel calc=calc form=form list=list testid=testid summary=summary /> }
        })
        .collect_view()
}

/// The import panel of one list.
#[component]
fn ImportPanel(
    /// The calculator.
    calc: &'static Calculator,
    /// Its form.
    form: Form,
    /// The list it fills.
    list: &'static InputSpec,
    /// Its `data-testid`.
    testid: String,
    /// Its summary line.
    summary: String,
) -> impl IntoView {
    let open = RwSignal::new(false);
    // A table pasted into the list: open here with its columns (the body reads it once built).
    let pasted_table = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if form
            .columns_pasted
            .with(|p| p.as_ref().is_some_and(|(id, _)| *id == list.id))
        {
            if let Some((_, text)) = form.columns_pasted.get_untracked() {
                form.columns_pasted.set(None);
                pasted_table.set(Some(text));
                open.set(true);
            }
        }
    });
    view! {
        <LazyDetails class="import" testid=testid summary=summary open=open>
            <Later load=Box::new(move |target, owner| Box::pin(import_body(target, owner, calc, list, form, pasted_table))) />
        </LazyDetails>
    }
}

lazy! { import_panel:
    fn import_body(
        target: web_sys::Element,
        owner: Owner,
        calc: &'static Calculator,
        list: &'static InputSpec,
        form: Form,
        pasted_table: RwSignal<Option<String>>,
    ) {
        mount_into(&target, &owner, move || view! { <ImportBody calc=calc list=list form=form pasted_table=pasted_table /> });
    }
}

/// The import panel's content: file, drop zone, pasted text, column picker.
#[component]
fn ImportBody(
    /// The calculator.
    calc: &'static Calculator,
    /// Its list input, which the import fills.
    list: &'static InputSpec,
    /// Its form.
    form: Form,
    /// A table pasted into the list, to read at once.
    pasted_table: RwSignal<Option<String>>,
) -> impl IntoView {
    let what = if list.unit == Unit::Score {
        "scores"
    } else {
        "values"
    };
    let settings = expect_context::<Settings>();
    // A groups input (waves, segments) is filled by the break-down below, not by a column.
    let groups_input = matches!(list.kind, Kind::Groups);
    let table = RwSignal::new(None::<Arc<Table>>);
    let column = RwSignal::new(0_usize);
    let message = RwSignal::new(None::<(bool, String)>);
    let pasted = RwSignal::new(String::new());
    let rule = move || {
        let texts: Texts = form.texts();
        entry_rule_from_texts(
            calc,
            list,
            &|id| texts.get(id).map(String::as_str),
            settings.mark.get_untracked(),
        )
    };
    // Counted once per file (and per scale, in CSAT), not per render: a large export's
    // columns take a while to count. A groups input has no column to pick here (the
    // break-down counts its own).
    let columns = Memo::new(move |_| {
        let (Some(t), Some(rule)) = (table.get(), rule()) else {
            return Vec::new();
        };
        if groups_input {
            return Vec::new();
        }
        csv_import::columns_of(&t, rule, settings.mark.get_untracked()).to_vec()
    });
    let load = move |parsed: Result<Arc<Table>, csv_import::CsvError>| match parsed {
        Ok(t) => {
            table.set(Some(t));
            let suggested = rule()
                .and_then(|r| columns.with_untracked(|cs| csv_import::pick(cs, r, list.question)));
            column.set(suggested.unwrap_or(0));
            message.set(None);
        }
        Err(e) => {
            table.set(None);
            message.set(Some((true, e.message())));
        }
    };
    let load_file = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        leptos::task::spawn_local(async move {
            match browser::read_file(file).await {
                Ok(text) => {
                    // Read, its columns counted and its first break-down grouped, all in
                    // slices (`engine::pace`), then shown in a task of its own: none of a
                    // large file's parts holds the page long.
                    let mut pace = browser::TaskPace::start();
                    let parsed = csv_import::parse_paced(text, &mut pace).await.map(Arc::new);
                    browser::next_task().await;
                    // The panel may have closed meanwhile (another calculator opened): its
                    // signals are gone, and reading one would abort the page.
                    if table.is_disposed() {
                        return;
                    }
                    // The counts the pickers will read: the break-down's 0–10 column where
                    // the list is a groups input, else the list's own rule.
                    let rule = if groups_input { Some(NPS_RULE) } else { rule() };
                    let mark = settings.mark.get_untracked();
                    if let (Ok(t), Some(rule)) = (&parsed, rule) {
                        csv_import::columns_of_paced(t, rule, mark, &mut pace).await;
                    }
                    // And the break-down's first view: its 0–10 columns and its suggested
                    // grouping (the preview reads them when the table is shown).
                    if let Ok(t) = &parsed {
                        let columns =
                            csv_import::columns_of_paced(t, NPS_RULE, mark, &mut pace).await;
                        let (score, by) = groups::suggested(t, &columns, wants_dates(list));
                        let how = groups::grouping(t, by, QUARTER_FIRST);
                        groups::group_of_paced(t, score, how, NPS_RULE, mark, &mut pace).await;
                    }
                    browser::next_task().await;
                    if !table.is_disposed() {
                        load(parsed);
                    }
                }
                Err(e) => message.set(Some((true, e.to_owned()))),
            }
        });
    };
    let apply = move |_| {
        let (Some(t), Some(rule)) = (table.get_untracked(), rule()) else {
            return;
        };
        let mark = settings.mark.get_untracked();
        let import = csv_import::take(&t, column.get_untracked(), rule, mark);
        let values: Vec<String> = import
            .values
            .iter()
            .map(|v| convert::localized(*v, mark))
            .collect();
        form.set_text(list.id, values.join("\n"));
        // The list's own mode (scores), in the choice that offers it.
        if let Some(mode) = list.modes.first() {
            if let Some(choice) = calc.choice_offering(mode) {
                form.set_text(choice.id, (*mode).to_owned());
            }
        }
        message.set(Some((import.values.is_empty(), import.summary())));
        // The table stays: another column can be taken without choosing the file again.
    };
    // The chosen column's whole name, and why it may not be the list's question.
    let chosen = move || {
        let at = column.get();
        columns.with(|cs| cs.iter().find(|c| c.index == at).cloned())
    };
    let fit = move || {
        let c = chosen()?;
        c.fit_warning(rule()?)
    };
    Effect::new(move |_| {
        if let Some(text) = pasted_table.get() {
            pasted_table.set(None);
            load(csv_import::parse_owned(text).map(Arc::new));
            message.set(Some((
                false,
                format!("This paste has several columns: pick the one with the {what}."),
            )));
        }
    });
    view! {
            <div class="import-body">
                <p class="hint">
                    "A survey export (SurveyMonkey, Google Forms, Typeform, Qualtrics…). "
                    "It is read here in your browser, never uploaded."
                </p>
                <label
                    class="drop-zone"
                    data-testid="import-drop"
                    on:dragover=|ev: web_sys::DragEvent| ev.prevent_default()
                    on:drop=move |ev: web_sys::DragEvent| {
                        ev.prevent_default();
                        load_file(ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)));
                    }
                >
                    <span>"Choose a CSV file or drop it here"</span>
                    <input
                        type="file"
                        accept=".csv,.tsv,.txt,text/csv"
                        data-testid="import-file"
                        on:change=move |ev: web_sys::Event| {
                            let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                            load_file(input.and_then(|i| i.files()).and_then(|f| f.get(0)));
                        }
                    />
                </label>
                <label for="import-text">"…or paste the CSV text"</label>
                <textarea
                    id="import-text"
                    rows="3"
                    data-testid="import-text"
                    on:input:target=move |ev| pasted.set(ev.target().value())
                    prop:value=pasted
                ></textarea>
                <button type="button" class="button button-quiet" data-testid="import-read" on:click=move |_| load(csv_import::parse_owned(pasted.get_untracked()).map(Arc::new))>
                    "Read pasted CSV"
                </button>
                <div class="import-columns" hidden=move || groups_input || table.with(Option::is_none)>
                    <label for="import-column">{format!("Column with the {what}")}</label>
                    <select
                        id="import-column"
                        data-testid="import-column"
                        on:change:target=move |ev| column.set(ev.target().value().parse().unwrap_or(0))
                        prop:value=move || column.get().to_string()
                    >
                        {move || {
                            columns
                                .get()
                                .into_iter()
                                .map(|c| {
                                    let label = csv_import::option_label(&c);
                                    view! { <option value=c.index.to_string()>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                    <p class="column-name" data-testid="import-column-name">
                        {move || chosen().map(|c| format!("Column {}: {}", c.letter(), c.name))}
                    </p>
                    <p class="warn" role="alert" data-testid="import-fit" hidden=move || fit().is_none()>
                        {fit}
                    </p>
                    <button type="button" class="button" data-testid="import-apply" on:click=apply>
                        "Use this column"
                    </button>
                </div>
                <BreakDown table=table list=list form=form message=message />
                <p class="message" role="status" data-testid="import-summary">
                    {move || message.get().map(|(error, text)| view! {
                        <span class=if error { "error" } else { "note" }>{text}</span>
                    })}
                </p>
            </div>
    }
}
