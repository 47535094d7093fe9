//! Views the first render does not need, loaded on first use. In release builds
//! (`--cfg cs_split`, see scripts/release-env.sh) each function declared with `lazy!` is
//! cut into its own small wasm module by scripts/split-wasm.mjs and fetched the first time it
//! is called, so a first visit downloads only what the first screen shows; other builds
//! (`trunk serve`, clippy) call it directly.

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

lazy! { plan_module:
    /// Installs the late part of the engine: the "Compare and plan" formulas, statistics
    /// and charts (`engine::late`).
    fn load_plan_module() {
        crate::engine::late::install(&crate::engine::calculators::compare::MODULE);
    }
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
