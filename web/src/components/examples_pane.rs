//! The examples a rule carries (`fn examples()`), run on every edit: pass or fail per example,
//! with what was expected and what the rule did, and problems in the examples at their lines.

use leptos::prelude::*;

use crate::authoring::run_examples;
use crate::state::AppState;

/// The examples pane for rule `id`.
#[component]
pub fn ExamplesPane(state: AppState, id: String) -> impl IntoView {
    let doc_id = id.clone();
    let doc = Memo::new(move |_| {
        state
            .rules
            .with(|r| r.iter().find(|d| d.id == doc_id).cloned())
    });
    let run = Memo::new(move |_| doc.get().map(|d| run_examples(&state, &d)));
    view! {
        <section class="examples" data-testid="examples">
            {move || match run.get() {
                None => ().into_any(),
                Some(Err(_)) => view! {
                    <h3>"Examples"</h3>
                    <p class="muted" data-testid="examples-summary">"Fix the rule's errors to run its examples."</p>
                }.into_any(),
                Some(Ok(out)) if out.results.is_empty() && out.diagnostics.is_empty() => view! {
                    <h3>"Examples"</h3>
                    <p class="muted" data-testid="examples-summary">
                        "No examples. Add " <code>"fn examples() { [ #{ name: \"...\", app: #{ ... }, flagged: true } ] }"</code>
                        " to test this rule as you edit it (see docs/authoring.md)."
                    </p>
                }.into_any(),
                Some(Ok(out)) => {
                    let (passed, failed) = (out.passed(), out.failed());
                    let summary = format!(
                        "{passed} passed, {failed} failed{}",
                        if out.diagnostics.is_empty() { String::new() } else { format!(", {} with errors", out.diagnostics.len()) }
                    );
                    view! {
                        <h3>"Examples " <span class=if failed == 0 && out.diagnostics.is_empty() { "ok" } else { "bad" } data-testid="examples-summary">{summary}</span></h3>
                        <ul class="example-list">
                            {out.results.into_iter().map(|r| {
                                let at = r.span.map(|s| format!("line {}", s.line)).unwrap_or_default();
                                view! {
                                    <li class=if r.passed { "example pass" } else { "example fail" } data-testid="example" data-passed=r.passed.to_string()>
                                        <strong class="verdict">{if r.passed { "PASS" } else { "FAIL" }}</strong>
                                        " " {r.name.clone()} " "
                                        <span class="muted small">{at}</span>
                                        {(!r.mismatches.is_empty()).then(|| view! {
                                            <dl class="mismatch">
                                                {r.mismatches.iter().map(|m| view! {
                                                    <dt>"expected"</dt><dd>{m.expected.clone()}</dd>
                                                    <dt>"got"</dt><dd>{m.actual.clone()}</dd>
                                                }).collect_view()}
                                            </dl>
                                        })}
                                        {r.error.clone().map(|e| view! { <p class="error-text">"The rule failed: " {e.message}</p> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {(!out.diagnostics.is_empty()).then(|| view! {
                            <ul class="example-errors" data-testid="example-errors">
                                {out.diagnostics.iter().map(|d| {
                                    let at = d.span.map(|s| format!("{}:{} ", s.line, s.column)).unwrap_or_default();
                                    view! {
                                        <li class="error-text">
                                            {at} {d.message.clone()}
                                            {d.help.clone().map(|h| view! { " (" {h} ")" })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}
