//! The rule editor page: the list of rules, the selected rule's editor, and what it flags now.

use leptos::prelude::*;

use super::code_editor::CodeEditor;
use super::examples_pane::ExamplesPane;
use super::rule_list::RuleList;
use super::rule_results::RuleResults;
use crate::state::{AppState, Route};

/// The rules page, on `selected` (the first rule when none). Its heading is for screen readers:
/// the tab bar already says where you are.
#[component]
pub fn RuleEditor(state: AppState, selected: Option<String>) -> impl IntoView {
    let selected = selected.or_else(|| {
        state
            .rules
            .with_untracked(|r| r.first().map(|d| d.id.clone()))
    });
    let Some(id) = selected else {
        return view! {
            <section class="rules-page">
                <h1 class="visually-hidden">"Rules"</h1>
                <RuleList state=state selected=None />
                <p>"No rules. Create one, or reset to the built-in rules."</p>
            </section>
        }
        .into_any();
    };
    let exists = state.rules.with_untracked(|r| r.iter().any(|d| d.id == id));
    if !exists {
        return view! {
            <section class="rules-page">
                <h1 class="visually-hidden">"Rules"</h1>
                <RuleList state=state selected=None />
                <p>"There is no rule " <code>{id}</code> ". " <a href=Route::Rules(None).hash()>"Open the first rule"</a></p>
            </section>
        }
        .into_any();
    }
    let rename_id = id.clone();
    let rename_error = RwSignal::new(None::<String>);
    view! {
        <section class="rules-page">
            <h1 class="visually-hidden">"Rules"</h1>
            <RuleList state=state selected=Some(id.clone()) />
            <div class="editor-pane">
                <div class="rule-id">
                    <label>
                        "Rule id "
                        <input
                            data-testid="rule-id"
                            value=id.clone()
                            on:change=move |ev| {
                                let to = event_target_value(&ev);
                                if to != rename_id && !state.rename_rule(&rename_id, &to) {
                                    rename_error.set(Some(format!("`{to}` is taken or not kebab-case")));
                                }
                            }
                        />
                    </label>
                    <span class="error-text">{move || rename_error.get()}</span>
                </div>
                <CodeEditor state=state id=id.clone() />
                <ExamplesPane state=state id=id.clone() />
            </div>
            <RuleResults state=state id=id />
        </section>
    }
    .into_any()
}
