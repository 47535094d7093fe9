//! The form's controls for a file input (a billing export: chosen, dropped or pasted) and for
//! the short texts that go with it (which column is which, a month, a currency code).

use crate::engine::calculators::billing;
use crate::engine::evaluate::{read_fields, Evaluation, ListCache, ReadOptions};
use crate::engine::spec::{Calculator, InputSpec, Kind, TextKind};
use crate::ui::browser;
use crate::ui::fields::Form;
use crate::ui::lazy;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A pasted text longer than this is not echoed back into the text box (a 20 MB export in
/// a textarea makes the page crawl); the box says what was read instead.
const ECHO_CHARS: usize = 200_000;

/// A text longer than this is read and evaluated in tasks of its own before it is shown; a
/// short one (a typed line) is shown at once.
const PREPARE_ABOVE: usize = 64 * 1024;

/// A file's way into the page in slices, each in a task of its own (`engine::pace`): read
/// into the calculator's cache, then its run worked out (a billing export's ledger and
/// movements, kept by the engine), and only then put in the form, whose evaluation finds
/// both done and only draws. One task doing it all held the page for 0.6 s on 100,000
/// subscriptions.
#[derive(Clone, Copy)]
pub struct Preparer {
    /// The calculator.
    pub calc: &'static Calculator,
    /// Its form (the other inputs' texts).
    pub form: Form,
    /// The cache its evaluations share.
    pub lists: StoredValue<ListCache, LocalStorage>,
}

impl Preparer {
    /// This view's preparer when its calculator reads a file (there a choice re-runs the
    /// file's analysis, worth a task of its own); `None` elsewhere, where choices apply at once.
    pub fn of_file_view() -> Option<Preparer> {
        use_context::<Preparer>().filter(|p| p.calc.inputs.iter().any(|i| i.kind == Kind::File))
    }

    /// Reads file input `id`'s new `text` and works out what its evaluation will show, in
    /// slices of their own; false when the view went away meanwhile (its signals are gone:
    /// the text must not be set).
    async fn prepare_file(self, id: &'static str, text: &str) -> bool {
        let Some(reader) = billing::reader() else {
            return false;
        };
        let mut pace = browser::TaskPace::start();
        // A damaged file is not kept: the form's evaluation reads it again and says why.
        if let Ok(table) = (reader.parse)(text.to_owned(), &mut pace).await {
            let table = std::sync::Arc::new(table);
            if self
                .lists
                .try_update_value(|c| c.keep_table(id, text, table))
                .is_none()
            {
                return false;
            }
        }
        self.prepare_with(id, text, &mut pace).await
    }

    /// Works out, at `pace`, the run the calculator's formula reads with input `id` holding
    /// `text` (the form still holds the old one), then yields a task; false when the view
    /// went away.
    async fn prepare_with(
        self,
        id: &'static str,
        text: &str,
        pace: &mut browser::TaskPace,
    ) -> bool {
        let Some(texts) = self.form.try_texts_untracked() else {
            return false;
        };
        let options = ReadOptions {
            mark: self.form.mark.get_untracked(),
            skip_invalid: self.form.skip_invalid.get_untracked(),
        };
        let raw = |i: &str| {
            if i == id {
                Some(text)
            } else {
                texts.get(i).map(String::as_str)
            }
        };
        let Some(fields) = self
            .lists
            .try_update_value(|c| read_fields(self.calc, &raw, options, c))
        else {
            return false;
        };
        billing::prepare(&fields, pace).await;
        browser::next_task().await;
        !self.lists.is_disposed()
    }

    /// Sets input `id`'s `signal` to `text` once its run has been worked out in slices.
    pub fn set_after(self, id: &'static str, signal: RwSignal<String>, text: String) {
        leptos::task::spawn_local(async move {
            if self
                .prepare_with(id, &text, &mut browser::TaskPace::start())
                .await
            {
                signal.try_set(text);
            }
        });
    }
}

/// What the form hands a file or short-text control.
pub struct ControlArgs {
    /// The input's definition.
    pub spec: &'static InputSpec,
    /// `None` for the file itself, else what the short text holds.
    pub kind: Option<TextKind>,
    /// The element id (the label points at it).
    pub dom_id: String,
    /// Ids of the hint and message, for `aria-describedby`.
    pub described: String,
    /// The input's text.
    pub text: RwSignal<String>,
    /// The latest evaluation.
    pub evaluation: Memo<Evaluation>,
}

/// The controls only calculators that read a file have, installed with their part
/// (`ui::lazy`'s `defs_billing`): the form reaches them through this, so their code, and the
/// steps of [`Preparer`], are fetched with that part instead of with every page.
#[derive(Clone, Copy)]
pub struct FileControls {
    /// The control's view.
    pub view: fn(ControlArgs) -> AnyView,
    /// This view's preparer when its calculator reads a file ([`Preparer::of_file_view`]).
    pub preparer: fn() -> Option<Preparer>,
    /// A choice on such a calculator: its run worked out in slices, then applied.
    pub set_after: fn(Preparer, &'static str, RwSignal<String>, String),
}

static INSTALLED: std::sync::OnceLock<FileControls> = std::sync::OnceLock::new();

/// Installs the controls (with the part of the calculators that read files).
pub fn install() {
    let _ = INSTALLED.set(FileControls {
        view: control,
        preparer: Preparer::of_file_view,
        set_after: |p, id, signal, text| p.set_after(id, signal, text),
    });
}

/// The controls, once their part is installed (it is before any such calculator opens).
pub fn installed() -> Option<&'static FileControls> {
    INSTALLED.get()
}

fn control(a: ControlArgs) -> AnyView {
    let ControlArgs {
        spec,
        kind,
        dom_id,
        described,
        text,
        evaluation,
    } = a;
    match kind {
        None => view! { <FileInput spec=spec dom_id=dom_id described=described text=text evaluation=evaluation /> }.into_any(),
        Some(kind) => view! { <TextInput spec=spec kind=kind dom_id=dom_id described=described text=text evaluation=evaluation /> }.into_any(),
    }
}

/// A file input: a drop zone, a file picker and a box to paste the CSV into.
#[component]
pub fn FileInput(
    /// The input's definition.
    spec: &'static InputSpec,
    /// The element id of the text box (the label points at it).
    dom_id: String,
    /// Ids of the hint and message, for `aria-describedby`.
    described: String,
    /// The input's text (the whole file).
    text: RwSignal<String>,
    /// The latest evaluation (the rows read).
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let invalid = move || evaluation.with(|e| e.field(spec.id).is_some_and(|f| f.error.is_some()));
    let preparer = use_context::<Preparer>();
    // Each new text (a file, a paste, a keystroke) is numbered: one prepared in steps is put
    // in the form only if nothing newer came meanwhile.
    let latest = StoredValue::new(0_u64);
    let next_number = move || {
        latest.update_value(|n| *n = n.wrapping_add(1));
        latest.get_value()
    };
    // The reader comes with a part of its own, fetched when a first text arrives; it
    // goes into the form once that part is there (a large one once it is read, in slices).
    let arrive = move |t: String| {
        let number = next_number();
        let large = t.len() > PREPARE_ABOVE;
        if !large && billing::reader().is_some() {
            text.set(t);
            return;
        }
        leptos::task::spawn_local(async move {
            if lazy::load_reader().await.is_err() {
                problem.try_set(Some(lazy::NOT_LOADED.to_owned()));
                return;
            }
            let newest = || latest.try_get_value() == Some(number);
            let ready = match preparer.filter(|_| large) {
                Some(p) => p.prepare_file(spec.id, &t).await,
                None => true,
            };
            if ready && newest() {
                problem.try_set(None);
                text.try_set(t);
            }
        });
    };
    // A text the page opened with (a link, a saved session) is read once the reader is here.
    // So is one set from outside the field ("Try an example", a scenario switch): until the
    // reader is here, a text in the form asks for it once, then is read again.
    // Once the reader is here the text is not read, so the effect is done for good (it does
    // not run again on each keystroke).
    Effect::new(move |asked: Option<bool>| {
        if billing::reader().is_some() {
            return true;
        }
        let waiting = !text.with(|t| t.trim().is_empty());
        if waiting && asked != Some(true) {
            leptos::task::spawn_local(async move {
                if lazy::load_reader().await.is_ok() {
                    text.try_update(|_| {});
                } else {
                    problem.try_set(Some(lazy::NOT_LOADED.to_owned()));
                }
            });
        }
        waiting || asked == Some(true)
    });
    let load = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        let number = next_number();
        leptos::task::spawn_local(async move {
            match browser::read_file(file).await {
                // Still the newest text: it goes on in steps as a paste would.
                Ok(t) if latest.try_get_value() == Some(number) => {
                    problem.try_set(None);
                    arrive(t);
                }
                Ok(_) => {}
                Err(e) => {
                    problem.try_set(Some(e.to_owned()));
                }
            }
        });
    };
    let rows = move || {
        evaluation.with(|e| {
            e.field(spec.id)
                .and_then(|f| f.table.as_ref())
                .map(|t| format!("{} rows, {} columns read.", t.len(), t.header.len()))
        })
    };
    let echoed = move || {
        text.with(|t| {
            if t.len() <= ECHO_CHARS {
                t.clone()
            } else {
                String::new()
            }
        })
    };
    view! {
        <div class="file-input">
            <label
                class="drop-zone"
                data-testid="file-drop"
                on:dragover=|ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    load(ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)));
                }
            >
                <span>"Choose the CSV file or drop it here: it is read in your browser, never uploaded"</span>
                <input
                    type="file"
                    accept=".csv,.tsv,.txt,text/csv"
                    data-testid="file-pick"
                    on:change=move |ev: web_sys::Event| {
                        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                        load(input.and_then(|i| i.files()).and_then(|f| f.get(0)));
                    }
                />
            </label>
            <textarea
                id=dom_id
                rows="4"
                spellcheck="false"
                data-testid="file-text"
                data-input=spec.id
                aria-invalid=move || invalid().to_string()
                aria-describedby=described
                placeholder="…or paste it here (Customer,Start,End,MRR…)"
                on:input:target=move |ev| arrive(ev.target().value())
                prop:value=echoed
            ></textarea>
            <p class="note" data-testid="file-rows">{rows}</p>
            <p class="error" role="alert" hidden=move || problem.with(Option::is_none)>{move || problem.get()}</p>
        </div>
    }
}

/// A short text: a column of the file (a list of its headers), a month, or a code.
#[component]
pub fn TextInput(
    /// The input's definition.
    spec: &'static InputSpec,
    /// What it holds.
    kind: TextKind,
    /// The element id (the label points at it).
    dom_id: String,
    /// Ids of the hint and message, for `aria-describedby`.
    described: String,
    /// The input's text.
    text: RwSignal<String>,
    /// The latest evaluation (the file's headers).
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    let invalid = move || evaluation.with(|e| e.field(spec.id).is_some_and(|f| f.error.is_some()));
    let preparer = Preparer::of_file_view();
    match kind {
        TextKind::Column(file) => {
            let headers = move || {
                evaluation.with(|e| {
                    e.field(file)
                        .and_then(|f| f.table.as_ref())
                        .map(|t| t.header.clone())
                        .unwrap_or_default()
                })
            };
            view! {
                <select
                    id=dom_id
                    data-input=spec.id
                    aria-describedby=described
                    on:change:target=move |ev| {
                        let value = ev.target().value();
                        match preparer {
                            Some(p) => p.set_after(spec.id, text, value),
                            None => text.set(value),
                        }
                    }
                    prop:value=move || text.get()
                >
                    <option value="">"Found automatically"</option>
                    <option value="none">"Not in this file"</option>
                    {move || headers().into_iter().map(|h| view! { <option value=h.clone()>{h.clone()}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
        TextKind::Month | TextKind::Code => view! {
            <input
                id=dom_id
                // Text, not type="month": Firefox and Safari on a desktop show a bare text box
                // anyway, and a typed 2026-03 is what the engine reads.
                type="text"
                autocomplete="off"
                data-input=spec.id
                placeholder=if kind == TextKind::Month { "2026-03" } else { "USD" }
                aria-invalid=move || invalid().to_string()
                aria-describedby=described
                on:input:target=move |ev| text.set(ev.target().value())
                on:change:target=move |ev| text.set(ev.target().value())
                prop:value=move || text.get()
            />
        }
        .into_any(),
    }
}
