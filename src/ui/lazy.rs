//! Views the first render does not need, loaded on first use. In release builds
//! (`--cfg cs_split`, see scripts/release-env.sh) each function declared with `lazy!` is
//! cut into its own small wasm module by scripts/split-wasm.mjs and fetched the first time it
//! is called, so a first visit downloads only what the first screen shows; other builds
//! (`trunk serve`, clippy) call it directly.

use crate::engine::calculators;
use crate::engine::catalogue;
use crate::engine::late;
use crate::engine::spec::{Calculator, LatePart};
use leptos::prelude::*;
use leptos::tachys::view::{Mountable, Render};
use std::future::Future;
use std::pin::Pin;

/// A lazily loaded view on its way.
pub type Loading = Pin<Box<dyn Future<Output = Result<(), NotLoaded>>>>;

/// What to say when a lazily loaded part did not arrive.
pub const NOT_LOADED: &str =
    "This part of the app didn't load. Check your connection, then reload the page.";

/// A lazily loaded part did not arrive (offline before the service worker had cached it).
#[derive(Debug, Clone, Copy)]
pub struct NotLoaded;

#[cfg(cs_split)]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// Declares `module: fn name(args…) { body }` as lazily loaded: an async function that loads
/// its module (in release builds), then runs `body`; a view's body mounts it with
/// [`mount_into`] (its first arguments then being the target element and owner). The split loader is `unsafe` extern code, allowed only inside the
/// generated `module`.
macro_rules! lazy {
    ($module:ident: $(#[$attr:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        #[allow(unsafe_code)]
        mod $module {
            #[allow(unused_imports)]
            use super::*;

            #[cfg(cs_split)]
            #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
            $(#[$attr])*
            pub(crate) fn $name($($arg: $ty),*) -> Result<(), $crate::ui::lazy::NotLoaded> {
                $body;
                Ok(())
            }

            #[cfg(not(cs_split))]
            $(#[$attr])*
            pub(crate) async fn $name($($arg: $ty),*) -> Result<(), $crate::ui::lazy::NotLoaded> {
                $body;
                Ok(())
            }
        }
        #[allow(unused_imports)]
        pub(crate) use $module::$name;
    };
}
pub(crate) use lazy;

/// Builds the view `make` returns into `target` under `owner`: its reactive parts live, and
/// are cleaned up, with the owner's component, like any child view. `make` runs under the
/// owner too (a component's body runs when its view is made, and reads its contexts then).
pub fn mount_into<V: Render + 'static>(
    target: &web_sys::Element,
    owner: &Owner,
    make: impl FnOnce() -> V,
) where
    V::State: 'static,
{
    owner.with(|| {
        let mut state = make().build();
        state.mount(target, None);
        // Kept (and dropped) with the owner.
        StoredValue::new_local(state);
    });
}

// One split point per part of the definitions: a visit fetches the one it opens.
lazy! { defs_loyalty:
    /// Installs the loyalty calculators (`engine::late`).
    fn load_loyalty() { late::install(LatePart::Loyalty, &calculators::loyalty::MODULE); }
}
lazy! { defs_retention:
    /// Installs the retention calculators.
    fn load_retention() { late::install(LatePart::Retention, &calculators::retention::MODULE); }
}
lazy! { defs_revenue:
    /// Installs the revenue calculators.
    fn load_revenue() { late::install(LatePart::Revenue, &calculators::revenue::MODULE); }
}
lazy! { defs_projection:
    /// Installs the revenue projection and its chart.
    fn load_projection() {
        late::install(LatePart::Projection, &calculators::projection::MODULE);
    }
}
lazy! { defs_unit_economics:
    /// Installs the unit-economics calculators.
    fn load_unit_economics() {
        late::install(LatePart::UnitEconomics, &calculators::unit_economics::MODULE);
    }
}
lazy! { defs_team:
    /// Installs the team calculators.
    fn load_team() { late::install(LatePart::Team, &calculators::team::MODULE); }
}
lazy! { defs_composite:
    /// Installs the composite calculators.
    fn load_composite() { late::install(LatePart::Composite, &calculators::composite::MODULE); }
}
lazy! { defs_breakdowns:
    /// Installs the breakdowns (NPS per wave and per segment), their charts and tables.
    fn load_breakdowns() {
        late::GROUPS_READER.install(crate::engine::groups::parse);
        late::install(LatePart::Breakdowns, &calculators::breakdowns::MODULE);
    }
}
lazy! { defs_billing:
    /// Installs the billing import (MRR movements and cohorts from a subscription export).
    fn load_billing() {
        crate::ui::file_field::install();
        late::MONTH_CHECK.install(late::is_month);
        late::install(LatePart::Billing, &calculators::billing::MODULE);
    }
}
lazy! { billing_reader:
    /// Installs the billing import's reader: the CSV reader, the ledger, the months and the
    /// page's markup, fetched when a first file arrives (the page opens without them).
    fn load_billing_reader() { calculators::billing::install_reader(); }
}

/// The billing import's reader, fetched the first time.
pub async fn load_reader() -> Result<&'static calculators::billing::Reader, NotLoaded> {
    if let Some(reader) = calculators::billing::reader() {
        return Ok(reader);
    }
    load_billing_reader().await?;
    calculators::billing::reader().ok_or(NotLoaded)
}
lazy! { defs_compare:
    /// Installs the "Compare and plan" calculators, their statistics and chart.
    fn load_compare() { late::install(LatePart::Compare, &calculators::compare::MODULE); }
}

/// `part`'s definitions, fetched the first time.
pub async fn load_part(part: LatePart) -> Result<&'static late::Module, NotLoaded> {
    if let Some(module) = late::module(part) {
        return Ok(module);
    }
    match part {
        LatePart::Loyalty => load_loyalty().await?,
        LatePart::Retention => load_retention().await?,
        LatePart::Revenue => load_revenue().await?,
        LatePart::Projection => load_projection().await?,
        LatePart::UnitEconomics => load_unit_economics().await?,
        LatePart::Team => load_team().await?,
        LatePart::Composite => load_composite().await?,
        LatePart::Compare => load_compare().await?,
        LatePart::Breakdowns => load_breakdowns().await?,
        LatePart::Billing => load_billing().await?,
    }
    late::module(part).ok_or(NotLoaded)
}

/// Calculator `id`'s definition (`None` for an id no card has), fetched with its part.
pub async fn load_calculator(id: &str) -> Result<Option<&'static Calculator>, NotLoaded> {
    let Some((_, part)) = catalogue::part_of(id) else {
        return Ok(None);
    };
    load_part(part).await?;
    Ok(late::calculator(part, id))
}

/// Every calculator's definition, in home-view order (what exporting them all needs).
pub async fn load_all() -> Result<Vec<&'static Calculator>, NotLoaded> {
    // A saved export is read by the billing import's reader.
    load_reader().await?;
    let mut all = Vec::new();
    for card in catalogue::CARDS.iter() {
        if let Some(calc) =
            late::calculator(load_part(card.part).await.map(|_| card.part)?, card.id)
        {
            all.push(calc);
        }
    }
    Ok(all)
}

/// A slot filled by a lazily loaded view when it is first rendered; says so if the view's
/// module cannot be fetched.
#[component]
pub fn Later(
    /// Loads the view into the slot element, under the slot's owner.
    load: Box<dyn FnOnce(web_sys::Element, Owner) -> Loading>,
) -> impl IntoView {
    let slot = NodeRef::<leptos::html::Div>::new();
    let failed = RwSignal::new(false);
    let owner = Owner::current();
    slot.on_load(move |el| {
        let Some(owner) = owner else { return };
        leptos::task::spawn_local(async move {
            if load(el.into(), owner).await.is_err() {
                failed.try_set(true);
            }
        });
    });
    view! {
        <div class="later" node_ref=slot></div>
        <p class="error" role="alert" hidden=move || !failed.get()>{NOT_LOADED}</p>
    }
}
