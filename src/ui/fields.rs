//! The form's state (one signal per field, so typing in one field never touches another) and
//! the input controls: number, list (paste box) and choice, each with its label, unit, hint and
//! message.

use crate::engine::csv::import as csv_import;
use crate::engine::evaluate::Evaluation;
use crate::engine::format;
use crate::engine::locale::DecimalMark;
use crate::engine::spec::{Calculator, InputSpec, Kind, Unit};
use crate::engine::state::Texts;
use crate::ui::browser;
use crate::ui::settings::Settings;
use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;

/// The texts of a calculator's fields, the number format they are typed in, and the "skip
/// invalid entries" choice.
#[derive(Clone, Copy, Debug)]
pub struct Form {
    fields: StoredValue<Vec<(&'static str, RwSignal<String>)>>,
    /// The format the texts are typed in: they are read in it, and converted (not re-read)
    /// when Settings change it.
    pub mark: RwSignal<DecimalMark>,
    /// Compute lists from their valid entries only.
    pub skip_invalid: RwSignal<bool>,
    /// A multi-column paste into a list (its id, the text), waiting for its column to be
    /// picked.
    pub columns_pasted: RwSignal<Option<(&'static str, String)>>,
    /// Bumped when texts change from outside the fields (reset, import): only then are the
    /// elements' values written, so typing is never echoed back into the element (a 10 MB
    /// paste written back into its textarea would freeze the page; an echo can move the caret).
    revision: RwSignal<u64>,
}

impl Form {
    /// A form for `calc` holding `texts` typed in `mark`'s format.
    pub fn new(calc: &Calculator, texts: &Texts, mark: DecimalMark, skip_invalid: bool) -> Self {
        let fields = calc
            .inputs
            .iter()
            .map(|i| {
                (
                    i.id,
                    RwSignal::new(texts.get(i.id).cloned().unwrap_or_default()),
                )
            })
            .collect();
        Form {
            fields: StoredValue::new(fields),
            mark: RwSignal::new(mark),
            skip_invalid: RwSignal::new(skip_invalid),
            columns_pasted: RwSignal::new(None),
            revision: RwSignal::new(0),
        }
    }

    /// The signal of field `id`.
    pub fn field(&self, id: &str) -> Option<RwSignal<String>> {
        self.fields
            .with_value(|f| f.iter().find(|(fid, _)| *fid == id).map(|(_, s)| *s))
    }

    /// Every field's text (tracked: a reactive read of all fields).
    pub fn texts(&self) -> Texts {
        self.fields.with_value(|f| {
            f.iter()
                .map(|(id, s)| ((*id).to_owned(), s.get()))
                .collect()
        })
    }

    /// Every field's text, without tracking.
    pub fn texts_untracked(&self) -> Texts {
        self.try_texts_untracked().unwrap_or_default()
    }

    /// Every field's text, without tracking; `None` once the view is gone.
    pub fn try_texts_untracked(&self) -> Option<Texts> {
        self.fields.try_with_value(|f| {
            f.iter()
                .map(|(id, s)| Some(((*id).to_owned(), s.try_get_untracked()?)))
                .collect()
        })?
    }

    /// Converts every text to `mark`'s format (Settings changed it): `1.200` typed with a
    /// decimal comma becomes `1200`, never 1.2.
    pub fn switch_mark(&self, calc: &Calculator, mark: DecimalMark) {
        let from = self.mark.get_untracked();
        if from == mark {
            return;
        }
        let texts = crate::engine::convert::texts(calc, &self.texts_untracked(), from, mark);
        self.mark.set(mark);
        self.set_texts(&texts);
    }

    /// Replaces every field's text (reset).
    pub fn set_texts(&self, texts: &Texts) {
        self.fields.with_value(|f| {
            for (id, signal) in f {
                signal.set(texts.get(id).cloned().unwrap_or_default());
            }
        });
        self.revision.update(|r| *r = r.wrapping_add(1));
    }

    /// Sets one field's text from outside it (an import) and shows it in the element.
    pub fn set_text(&self, id: &str, text: String) {
        if let Some(signal) = self.field(id) {
            signal.set(text);
            self.revision.update(|r| *r = r.wrapping_add(1));
        }
    }

    /// The text to show in field `id`'s element: re-read only on outside changes.
    fn shown(&self, text: RwSignal<String>) -> impl Fn() -> String + Copy + 'static {
        let revision = self.revision;
        move || {
            revision.track();
            text.get_untracked()
        }
    }
}

/// A field's placeholder: its default, else its figure in the calculator's own example
/// ("e.g. 3" for a ±3-point margin), else a plain example of its unit.
fn placeholder_of(calc: &Calculator, spec: &InputSpec, mark: DecimalMark) -> String {
    if let Some(default) = spec.default {
        return default.to_owned();
    }
    // Read with the app's own parser (rust_decimal's would bring its own into the wasm).
    calc.example_text(spec.id)
        .and_then(|t| crate::engine::number::parse(t, DecimalMark::Dot).ok())
        .map(|p| format!("e.g. {}", crate::engine::convert::localized(p.value, mark)))
        .unwrap_or_else(|| placeholder(spec.unit).to_owned())
}

fn placeholder(unit: Unit) -> &'static str {
    match unit {
        Unit::Count => "e.g. 120",
        Unit::Money => "e.g. 12,000",
        Unit::Percent => "e.g. 5",
        Unit::Nps => "e.g. 40",
        Unit::Score => "e.g. 8",
        Unit::Months => "e.g. 12",
        Unit::Years => "e.g. 3",
        Unit::Days => "e.g. 14",
        Unit::Weight => "1",
        Unit::Points
        | Unit::Ratio
        | Unit::Plain
        | Unit::Change
        | Unit::Probability
        | Unit::Chance
        | Unit::Label => "e.g. 4",
    }
}

/// One input of a calculator; hidden when its mode is not the current one.
#[component]
pub fn Field(
    /// The calculator the field belongs to.
    calc: &'static Calculator,
    /// The input's definition.
    spec: &'static InputSpec,
    /// The form holding the texts.
    form: Form,
    /// The latest evaluation, for messages and the current mode.
    evaluation: Memo<Evaluation>,
) -> impl IntoView {
    let Some(text) = form.field(spec.id) else {
        return ().into_any();
    };
    let shown = move || evaluation.with(|e| Calculator::shown_in(spec.modes, e.mode));
    let dom_id = format!("in-{}-{}", calc.id, spec.id);
    let hint_id = format!("hint-{}", spec.id);
    let msg_id = format!("msg-{}", spec.id);
    let error = move || {
        evaluation.with(|e| {
            e.field(spec.id)
                .and_then(|f| f.error.as_ref().map(|er| er.message(spec.label)))
        })
    };
    let note = move || evaluation.with(|e| e.field(spec.id).and_then(|f| f.note.clone()));
    let described = format!("{hint_id} {msg_id}");
    // On a calculator that reads a file, a choice is evaluated before it applies.
    // (Both come with the billing part: no other page links the context's lookup.)
    let file_controls = crate::ui::file_field::installed();
    let preparer = file_controls.and_then(|c| (c.preparer)().map(|p| (p, c.set_after)));
    let control = match spec.kind {
        Kind::Choice(choices) => view! {
            <div class="choices" role="radiogroup" aria-labelledby=format!("{dom_id}-label") data-input=spec.id>
                {choices
                    .iter()
                    .map(|c| {
                        let id = c.id;
                        view! {
                            <label class="choice">
                                <input
                                    type="radio"
                                    name=dom_id.clone()
                                    value=id
                                    data-choice=id
                                    prop:checked=move || evaluation.with(|e| e.mode.of(spec.id) == Some(id))
                                    on:change=move |_| match preparer {
                                        Some((p, set_after)) => set_after(p, spec.id, text, id.to_owned()),
                                        None => text.set(id.to_owned()),
                                    }
                                />
                                <span>{c.label}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        }
        .into_any(),
        Kind::List { .. } => view! {
            <ListInput id=spec.id dom_id=dom_id.clone() described=described.clone() form=form text=text invalid=Signal::derive(move || error().is_some()) />
        }
        .into_any(),
        // Groups: a line each, typed or pasted (the import panel fills it from a survey file).
        Kind::Groups => view! {
            <textarea
                id=dom_id.clone()
                data-input=spec.id
                rows="6"
                spellcheck="false"
                placeholder=calc.example_text(spec.id).map(|t| t.replace("%0A", "\n").replace("%20", " ")).unwrap_or_default()
                aria-invalid=move || error().is_some().to_string()
                aria-describedby=described.clone()
                on:input:target=move |ev| text.set(ev.target().value())
                prop:value=form.shown(text)
            ></textarea>
        }
        .into_any(),
        Kind::File | Kind::Text(_) => {
            let args = crate::ui::file_field::ControlArgs {
                spec,
                kind: match spec.kind {
                    Kind::Text(kind) => Some(kind),
                    _ => None,
                },
                dom_id: dom_id.clone(),
                described: described.clone(),
                text,
                evaluation,
            };
            file_controls.map(|c| (c.view)(args)).unwrap_or_else(|| ().into_any())
        }
        Kind::Number { min, .. } => {
            let settings = expect_context::<Settings>();
            let prefix = move || {
                (spec.unit == Unit::Money).then(|| settings.display().currency.symbol.trim().to_owned())
            };
            let suffix = match spec.unit {
                Unit::Percent => Some("%"),
                Unit::Months => Some("months"),
                Unit::Years => Some("years"),
                Unit::Days => Some("days"),
                _ => None,
            };
            // iOS's decimal keypad has no minus sign: fields that take negatives get text.
            let mode = if min.is_some_and(|m| m < 0) { "text" } else { "decimal" };
            view! {
                <div class="affixed">
                    {move || prefix().filter(|p| !p.is_empty()).map(|p| view! { <span class="affix" aria-hidden="true">{p}</span> })}
                    <input
                        id=dom_id.clone()
                        type="text"
                        inputmode=mode
                        autocomplete="off"
                        data-input=spec.id
                        placeholder=placeholder_of(calc, spec, form.mark.get_untracked())
                        aria-invalid=move || error().is_some().to_string()
                        aria-describedby=described.clone()
                        on:input:target=move |ev| text.set(ev.target().value())
                        prop:value=form.shown(text)
                    />
                    {suffix.map(|s| view! { <span class="affix" aria-hidden="true">{s}</span> })}
                </div>
            }
            .into_any()
        }
    };
    let is_list = matches!(spec.kind, Kind::List { .. });
    let has_bad_entries = move || {
        evaluation.with(|e| {
            e.field(spec.id).is_some_and(|f| {
                matches!(
                    f.error,
                    Some(crate::engine::error::InputError::BadEntries { .. })
                ) || f.ignored > 0
            })
        })
    };
    let unit_label = match spec.unit {
        Unit::Percent => " (%)",
        _ => "",
    };
    let is_choice = matches!(spec.kind, Kind::Choice(_));
    let label_id = format!("{dom_id}-label");
    view! {
        <div
            class="field"
            class:field-invalid=move || error().is_some()
            data-field=spec.id
            hidden=move || !shown()
        >
                {if is_choice {
                    view! { <span class="field-label" id=label_id>{spec.label}</span> }.into_any()
                } else {
                    view! { <label for=dom_id.clone() id=label_id>{spec.label}{unit_label}</label> }.into_any()
                }}
                {control}
                <p class="hint" id=hint_id.clone()>
                    {spec.hint}
                    {spec.default.map(|d| format!(" Default: {d}."))}
                </p>
                <p class="message" id=msg_id.clone() data-testid=format!("msg-{}", spec.id)>
                    // An alert: announced when it appears, not only linked to the field.
                    {move || error().map(|m| view! { <span class="error" role="alert">{m}</span> })}
                    {move || note().map(|n| view! { <span class="note">{n}</span> })}
                </p>
                {is_list.then(|| view! {
                    <label class="check" hidden=move || !(has_bad_entries() || form.skip_invalid.get())>
                        <input
                            type="checkbox"
                            data-testid="skip-invalid"
                            prop:checked=form.skip_invalid
                            on:change:target=move |ev| form.skip_invalid.set(ev.target().checked())
                        />
                        "Ignore entries that aren't valid and compute from the rest"
                    </label>
                })}
        </div>
    }
    .into_any()
}

/// Pastes longer than this are kept out of the textarea: a browser lays out a textarea of a
/// million lines for seconds (measured: 1.9 s for 100,000 lines), while the engine reads them in
/// milliseconds. Such a list is shown as a summary instead.
const LARGE_PASTE: u32 = 20_000;

/// A list field: a textarea for typing and pasting, or a summary of a large paste.
#[component]
fn ListInput(
    /// The input's id.
    id: &'static str,
    /// The element id the label points to.
    dom_id: String,
    /// The ids of the hint and message.
    described: String,
    /// The form holding the text.
    form: Form,
    /// The field's text.
    text: RwSignal<String>,
    /// Whether the list is invalid.
    invalid: Signal<bool>,
) -> impl IntoView {
    let mark = expect_context::<Settings>().mark;
    let show_anyway = RwSignal::new(false);
    let large = move || !show_anyway.get() && text.with(|t| t.len() > LARGE_PASTE as usize);
    let shown = form.shown(text);
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        // A table (`Name, Score` rows): its columns are picked in the import panel.
        if let Some(head) = browser::pasted_text(&ev, 2_000) {
            if csv_import::is_table(&head) {
                if let Some(all) = browser::pasted_text(&ev, u32::MAX) {
                    ev.prevent_default();
                    form.columns_pasted.set(Some((id, all)));
                    return;
                }
            }
        }
        let Some(pasted) = browser::long_paste(&ev, LARGE_PASTE) else {
            return;
        };
        ev.prevent_default();
        let Some(area) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        else {
            return;
        };
        // Replace the selection, as a paste would, without putting the text in the element.
        let current = area.value();
        let utf16: Vec<u16> = current.encode_utf16().collect();
        let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
        let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
        let before =
            String::from_utf16_lossy(utf16.get(..start.min(utf16.len())).unwrap_or_default());
        let after = String::from_utf16_lossy(utf16.get(end.min(utf16.len())..).unwrap_or_default());
        show_anyway.set(false);
        form.set_text(id, format!("{before}{pasted}{after}"));
    };
    // Only while the summary is shown (a large text), and once per change of text.
    let summary = Memo::new(move |_| {
        if !large() {
            return (String::new(), String::new());
        }
        text.with(|t| {
            let lines = crate::engine::list::line_count(t);
            let lines = format::grouped(Decimal::from(lines), 0, false, mark.get());
            let megabytes = Decimal::new(i64::try_from(t.len()).unwrap_or(i64::MAX), 6);
            let preview: Vec<&str> = t.lines().take(4).collect();
            (
                format!(
                    "{} MB pasted, {lines} lines",
                    format::grouped(megabytes, 1, false, mark.get())
                ),
                preview.join(" · "),
            )
        })
    });
    view! {
        <textarea
            id=dom_id
            data-input=id
            rows="6"
            spellcheck="false"
            placeholder="9\n10\n7\n…"
            hidden=large
            aria-invalid=move || invalid.get().to_string()
            aria-describedby=described
            on:input:target=move |ev| text.set(ev.target().value())
            on:paste=on_paste
            prop:value=move || if large() { String::new() } else { shown() }
        ></textarea>
        <div class="large-list" data-testid=format!("large-{id}") hidden=move || !large()>
            <p>
                <strong>{move || summary.with(|s| s.0.clone())}</strong>
                <br />
                <span class="hint">{move || summary.with(|s| format!("Starts with: {} …", s.1))}</span>
            </p>
            <div class="actions">
                <button type="button" class="button button-quiet" data-testid="large-clear" on:click=move |_| form.set_text(id, String::new())>
                    "Clear"
                </button>
                <button type="button" class="button button-quiet" data-testid="large-edit" on:click=move |_| show_anyway.set(true)>
                    "Show as text (slow)"
                </button>
            </div>
        </div>
    }
}
