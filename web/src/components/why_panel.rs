//! Why a rule flagged an app: each condition of the check with its value, operand by operand,
//! at its line in the rule (operands a short-circuit skipped are "not evaluated").

use capcheck_core::explain::{Condition, StepKind};
use leptos::prelude::*;

use capcheck_core::explain::shown;

use crate::authoring::explain;
use crate::state::AppState;

fn flatten(
    c: &Condition,
    depth: usize,
    head: String,
    out: &mut Vec<(usize, String, String, String)>,
) {
    let at = c
        .span
        .map(|s| format!("{}:{}", s.line, s.column))
        .unwrap_or_default();
    out.push((depth, at, head, shown(c.value.as_ref())));
    for o in &c.operands {
        flatten(o, depth + 1, o.text.clone(), out);
    }
}

/// The conditions of rule `rule` on app `app`, as they ran.
#[component]
pub fn WhyPanel(state: AppState, rule: String, app: String) -> impl IntoView {
    let Some(e) = explain(&state, &rule, &app) else {
        return view! { <p class="muted">"The rule does not compile now, so its conditions cannot be shown."</p> }.into_any();
    };
    let mut rows = Vec::new();
    for step in &e.steps {
        let head = match (step.kind, &step.name) {
            (StepKind::Let, Some(name)) => format!("let {name} = {}", step.condition.text),
            _ => format!("if {}", step.condition.text),
        };
        flatten(&step.condition, step.depth, head, &mut rows);
    }
    view! {
        <h4>"Conditions, as they ran " <span class="muted small">{e.rule_file.clone()}</span></h4>
        <table class="conditions" data-testid="why">
            <tbody>
                {rows.into_iter().map(|(depth, at, text, value)| {
                    let class = match value.as_str() {
                        "true" => "value true",
                        "false" => "value false",
                        "not evaluated" => "value skipped",
                        _ => "value",
                    };
                    view! {
                        <tr>
                            <td class="at muted small">{at}</td>
                            <td><code style=format!("padding-left: {}em", depth * 2)>{text}</code></td>
                            <td class=class>{value}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
