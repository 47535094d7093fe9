//! "Break down by…" in the import panel (part of its lazily loaded module): a survey file's
//! 0–10 answers counted per group of another column, or per month or quarter of a date
//! column (`engine::csv::groups`). In NPS, CSAT, CES and ratings it opens `nps-segments` or
//! `nps-trend` with the counts filled in; in those two it fills their groups field. Only the
//! counts travel: never the rows.

use crate::engine::csv::groups::{self, GroupBy, NPS_RULE};
use crate::engine::csv::import::{self as csv_import, option_label, Table};
use crate::engine::groups::lines;
use crate::engine::spec::{InputSpec, Kind};
use crate::engine::state::encode_pairs;
use crate::ui::fields::Form;
use crate::ui::nav::Nav;
use crate::ui::settings::Settings;
use leptos::prelude::*;
use std::sync::Arc;

/// Whether a break-down for `list` suggests a date column first (the waves of `nps-trend`).
pub(crate) fn wants_dates(list: &InputSpec) -> bool {
    list.id == "waves"
}

/// Dates are grouped by quarter until the user picks months.
pub(crate) const QUARTER_FIRST: bool = true;

/// Whether `list` is an NPS groups input itself (then the panel fills it).
fn fills(list: &InputSpec) -> bool {
    matches!(list.kind, Kind::Groups)
}

/// The break-down block: the 0–10 column, the column to group by, month or quarter for dates,
/// and the action (open the breakdown, or fill the groups field).
#[component]
pub fn BreakDown(
    /// The file read into the panel.
    table: RwSignal<Option<Arc<Table>>>,
    /// The list or groups input the panel belongs to.
    list: &'static InputSpec,
    /// Its form (filled when `list` is a groups input).
    form: Form,
    /// Where the panel says what was taken.
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let settings = expect_context::<Settings>();
    let nav = use_context::<Nav>();
    let waves = wants_dates(list);
    let quarter = RwSignal::new(QUARTER_FIRST);
    // Counted once per file: a large export's columns take a while to count.
    let columns = Memo::new(move |_| {
        table
            .get()
            .map(|t| csv_import::columns_of(&t, NPS_RULE, settings.mark.get_untracked()).to_vec())
            .unwrap_or_default()
    });
    // What a file suggests: its NPS question, and the column to group by.
    let suggested = Memo::new(move |_| {
        table.with(|t| {
            t.as_ref().map_or((0, 0), |t| {
                columns.with(|cs| groups::suggested(t, cs, waves))
            })
        })
    });
    // The user's picks hold for the file they were made on: each file counts up `file`, and
    // a pick remembers its file. Read together, so a new file is counted once, with its own
    // suggestion (a pick reset by an effect would count it first with the old file's pick).
    let file = Memo::new(move |before: Option<&u64>| {
        table.track();
        before.map_or(0, |n| n.wrapping_add(1))
    });
    let score_pick = RwSignal::new(None::<(u64, usize)>);
    let by_pick = RwSignal::new(None::<(u64, usize)>);
    let picked = move |pick: RwSignal<Option<(u64, usize)>>, default: usize| {
        let now = file.get();
        pick.get()
            .filter(|(on, _)| *on == now)
            .map_or(default, |(_, column)| column)
    };
    let score = Signal::derive(move || picked(score_pick, suggested.get().0));
    let by = Signal::derive(move || picked(by_pick, suggested.get().1));
    let choose = move |pick: RwSignal<Option<(u64, usize)>>, value: String| {
        pick.set(Some((file.get_untracked(), value.parse().unwrap_or(0))));
    };
    let how = Memo::new(move |_| {
        table.with(|t| {
            t.as_ref().map_or(GroupBy::Column(0), |t| {
                groups::grouping(t, by.get(), quarter.get())
            })
        })
    });
    let dated = move || !matches!(how.get(), GroupBy::Column(_));
    // Worked out in slices by the import before the table is shown: read from there.
    let grouped = Memo::new(move |_| {
        table.get().map(|t| {
            groups::group_of(
                &t,
                score.get(),
                how.get(),
                NPS_RULE,
                settings.mark.get_untracked(),
            )
        })
    });
    let what = move || if dated() { "wave" } else { "segment" };
    let target = move || {
        if dated() {
            "nps-trend"
        } else {
            "nps-segments"
        }
    };
    let query = move || {
        grouped.with(|g| {
            let g = g.as_ref()?;
            (!g.groups.is_empty()).then(|| {
                let (calc, field) = if dated() {
                    ("nps-trend", "waves")
                } else {
                    ("nps-segments", "segments")
                };
                encode_pairs(&[
                    ("calc", calc.to_owned()),
                    ("v", "2".to_owned()),
                    (field, lines(&g.groups)),
                ])
            })
        })
    };
    let open = move |_| {
        if let (Some(nav), Some(q)) = (nav, query()) {
            nav.open_query(&q);
        }
    };
    let fill = move |_| {
        let Some(g) = grouped.get_untracked() else {
            return;
        };
        form.set_text(list.id, lines(&g.groups));
        message.set(Some((g.groups.is_empty(), g.summary(what()))));
    };
    let options = move || {
        columns
            .get()
            .into_iter()
            .map(|c| view! { <option value=c.index.to_string()>{option_label(&c)}</option> })
            .collect_view()
    };
    view! {
        <fieldset class="break-down" data-testid="break-down" hidden=move || table.with(Option::is_none)>
            <legend>{if fills(list) { "Count the answers per group" } else { "Break down by…" }}</legend>
            <label for="break-score">"Column with the 0–10 answers"</label>
            <select
                id="break-score"
                data-testid="break-score"
                on:change:target=move |ev| choose(score_pick, ev.target().value())
                prop:value=move || score.get().to_string()
            >
                {options}
            </select>
            <label for="break-by">{if waves { "Column with the dates or waves" } else { "Group by the column" }}</label>
            <select
                id="break-by"
                data-testid="break-by"
                on:change:target=move |ev| choose(by_pick, ev.target().value())
                prop:value=move || by.get().to_string()
            >
                {options}
            </select>
            <div class="choices" role="radiogroup" aria-label="Dates grouped by" hidden=move || !dated()>
                <label class="choice">
                    <input type="radio" name="break-period" data-testid="break-quarter" prop:checked=quarter on:change=move |_| quarter.set(true) />
                    <span>"Quarter"</span>
                </label>
                <label class="choice">
                    <input type="radio" name="break-period" data-testid="break-month" prop:checked=move || !quarter.get() on:change=move |_| quarter.set(false) />
                    <span>"Month"</span>
                </label>
            </div>
            <p class="hint" data-testid="break-preview">
                {move || grouped.with(|g| g.as_ref().map(|g| g.summary(what())))}
            </p>
            {if fills(list) {
                view! {
                    <button type="button" class="button" data-testid="break-fill" on:click=fill>
                        "Use these groups"
                    </button>
                }
                .into_any()
            } else {
                view! {
                    <button type="button" class="button button-quiet" data-testid="break-open" on:click=open>
                        {move || if target() == "nps-trend" { "Open NPS over time →" } else { "Open NPS by segment →" }}
                    </button>
                }
                .into_any()
            }}
        </fieldset>
    }
}
