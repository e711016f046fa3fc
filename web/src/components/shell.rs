//! The frame: navigation, notices, undo, and the page for the current route.

use leptos::prelude::*;

use super::explorer::Explorer;
use super::lazy::{self, lazy};
use crate::stack::Stack;
use crate::state::{AppState, Route, Undo};

fn current_route() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Route::parse(&hash)
}

/// The whole app.
#[component]
pub fn Shell() -> impl IntoView {
    let state = AppState::new();
    let stack = Stack::new(state);
    state.route.set(current_route());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        state.route.set(current_route())
    });
    on_cleanup(move || handle.remove());
    // Marks the first render, for the start-up measurement in the browser tests.
    Effect::new(move |_| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("capcheck-ready");
        }
        // The catalogue is a static file of its own, fetched once the page is up.
        state.load_catalogue();
    });

    let tab = move |route: Route, label: &'static str| {
        let href = route.hash();
        let active = move || {
            let current = state.route.get();
            std::mem::discriminant(&current) == std::mem::discriminant(&route)
        };
        view! { <a href=href class:active=active>{label}</a> }
    };

    view! {
        <header class="top">
            <a class="brand" href="#/">"capcheck"</a>
            <nav>
                {tab(Route::Explorer, "Apps")}
                {tab(Route::Rules(None), "Rules")}
                {tab(Route::Matrix, "Matrix")}
                {tab(Route::Plan, "Offboarding plan")}
            </nav>
            <span class="dataset-label" title="the dataset being checked">{move || state.data_label.get()}</span>
        </header>
        {move || state.notice.get().map(|n| view! {
            <div class="notice" role="alert">
                <span>{n}</span>
                <button on:click=move |_| state.notice.set(None)>"Dismiss"</button>
            </div>
        })}
        {move || state.undo.get().map(|u| {
            let what = match &u {
                Undo::Deleted(_, doc) => format!("Deleted rule {}.", doc.id),
                Undo::Replaced(_, what) => format!("{what}."),
            };
            view! {
                <div class="notice undo" role="status">
                    <span>{what}</span>
                    <button class="primary" on:click=move |_| state.undo()>"Undo"</button>
                    <button on:click=move |_| state.undo.set(None)>"Dismiss"</button>
                </div>
            }
        })}
        <main>
            {move || match state.route.get() {
                Route::Explorer => view! { <Explorer state=state /> }.into_any(),
                // Again when the catalogue arrives after the first render: the app may be in it.
                Route::App(id, focus) => { state.data_label.track(); lazy("the app's page", true, lazy::app_page(state, id, focus)) }
                Route::Rules(id) => lazy("the rule editor", true, lazy::rule_editor(state, id)),
                Route::Matrix => lazy("the matrix", true, lazy::matrix(state)),
                Route::Plan => lazy("the offboarding plan", true, lazy::plan_page(state, stack)),
                Route::Share(id, text) => {
                    state.accept_shared(id, text);
                    view! { <p>"Opening the shared rule..."</p> }.into_any()
                }
            }}
        </main>
    }
}
