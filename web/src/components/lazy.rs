//! The views the first render does not need: every one but the explorer, and the guide-page
//! importer. Their code goes into the deferred module (see `crate::deferred`).
#![allow(
    unsafe_code,
    reason = "wasm_split writes the glue that calls into a lazily loaded module"
)]

use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

use super::app_page::AppPage;
use super::import_panel::ImportPanel;
use super::matrix::Matrix;
use super::plan_page::PlanPage;
use super::rule_editor::RuleEditor;
use crate::deferred::NotLoaded;
use crate::stack::Stack;
use crate::state::AppState;

/// Why a deferred view is not shown, and what to do.
const WHY: &str = "code could not be fetched: check the connection and open it again.";

/// A view whose code is fetched when it is first opened: "Loading..." until then, and a message
/// instead of the view if it cannot be fetched (opening the view again retries). A `page` keeps
/// its one top heading in the message too.
pub fn lazy(
    what: &'static str,
    page: bool,
    load: impl std::future::Future<Output = Result<AnyView, NotLoaded>> + 'static,
) -> AnyView {
    let view = send_wrapper::SendWrapper::new(async move {
        match load.await {
            Ok(view) => view,
            Err(NotLoaded) => {
                let title = format!("Could not open {what}");
                if page {
                    view! {
                        <div class="notice unavailable" role="alert">
                            <h1>{title}</h1>
                            <p>"Its " {WHY}</p>
                        </div>
                    }
                    .into_any()
                } else {
                    view! { <p class="notice" role="alert"><strong>{title}</strong>": its " {WHY}</p> }.into_any()
                }
            }
        }
    });
    view! {
        <Suspense fallback=move || view! { <p role="status">{format!("Loading {what}...")}</p> }>
            {Suspend::new(view)}
        </Suspense>
    }
    .into_any()
}

/// The offboarding plan page.
#[wasm_split(deferred, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn plan_page(state: AppState, stack: Stack) -> Result<AnyView, NotLoaded> {
    Ok(view! { <PlanPage state=state stack=stack /> }.into_any())
}

/// An app's page.
#[wasm_split(deferred, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn app_page(state: AppState, id: String, focus: Option<String>) -> Result<AnyView, NotLoaded> {
    Ok(view! { <AppPage state=state id=id focus=focus /> }.into_any())
}

/// The rule editor.
#[wasm_split(deferred, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn rule_editor(state: AppState, selected: Option<String>) -> Result<AnyView, NotLoaded> {
    Ok(view! { <RuleEditor state=state selected=selected /> }.into_any())
}

/// The apps-by-rules matrix.
#[wasm_split(deferred, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn matrix(state: AppState) -> Result<AnyView, NotLoaded> {
    Ok(view! { <Matrix state=state /> }.into_any())
}

/// The guide-page importer.
#[wasm_split(deferred, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn import_panel(state: AppState) -> Result<AnyView, NotLoaded> {
    Ok(view! { <ImportPanel state=state /> }.into_any())
}
