//! A calculator opened by id: its category's definitions arrive with its module the first
//! time one of them opens (a few milliseconds; `engine::late`), then the view shows.

use crate::engine::catalogue;
use crate::engine::late;
use crate::engine::spec::Calculator;
use crate::ui::calculator::CalculatorView;
use crate::ui::lazy::{load_calculator, NOT_LOADED};
use leptos::prelude::*;

/// Runs once the definition is there, before the view is made (an embed sets up its context).
pub type Prepare = Box<dyn FnOnce(&'static Calculator)>;

/// Calculator `id`, once its definition is loaded.
#[component]
pub fn OpenCalculator(
    /// The calculator's id (one of the catalogue's cards).
    id: &'static str,
    /// What to set up, under this view, before the calculator is made.
    #[prop(optional)]
    prepare: Option<Prepare>,
) -> impl IntoView {
    let installed = catalogue::part_of(id).and_then(|(_, p)| late::calculator(p, id));
    let calc = RwSignal::new(installed);
    let failed = RwSignal::new(false);
    if installed.is_none() {
        leptos::task::spawn_local(async move {
            match load_calculator(id).await {
                Ok(Some(c)) => {
                    calc.try_set(Some(c));
                }
                _ => {
                    failed.try_set(true);
                }
            }
        });
    }
    let prepare = StoredValue::new_local(prepare);
    view! {
        {move || {
            calc.get().map(|calc| {
                if let Some(prepare) = prepare.try_update_value(Option::take).flatten() {
                    prepare(calc);
                }
                view! { <CalculatorView calc=calc /> }
            })
        }}
        <p class="notice notice-error" role="alert" hidden=move || !failed.get()>{NOT_LOADED}</p>
    }
}
