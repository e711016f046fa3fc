//! The findings an edit adds, removes and changes against the compared version of the rule.

use std::sync::Arc;

use capcheck_core::diff::diff;
use capcheck_core::Finding;
use leptos::prelude::*;

use super::labels::SeverityLabel;
use crate::state::Route;

/// Findings listed per kind: enough to read, few enough to render at once.
const MAX_ROWS: usize = 50;

fn rows(findings: Vec<&Finding>, mark: &'static str, testid: &'static str) -> impl IntoView {
    let more = findings.len().saturating_sub(MAX_ROWS);
    view! {
        {findings.into_iter().take(MAX_ROWS).map(|f| view! {
            <li class=format!("impact-{testid}") data-testid=format!("impact-{testid}")>
                <span class="mark">{mark}</span> " "
                <SeverityLabel severity=f.severity /> " "
                <a href=Route::App(f.app.clone(), Some(f.rule.clone())).hash()>{f.app_name.clone()}</a>
                ": " {f.message.clone()}
            </li>
        }).collect_view()}
        {(more > 0).then(|| view! { <li class="muted small">{format!("and {more} more")}</li> })}
    }
}

/// What changes between `baseline` and `now`, finding by finding.
#[component]
pub fn ImpactList(now: Arc<Vec<Finding>>, baseline: Arc<Vec<Finding>>) -> impl IntoView {
    let d = diff(&baseline, &now);
    if d.is_empty() {
        return ().into_any();
    }
    let changed: Vec<&Finding> = d.changed.iter().map(|c| c.after).collect();
    let was: Vec<(String, String)> = d
        .changed
        .iter()
        .map(|c| (c.after.app_name.clone(), c.before.message.clone()))
        .collect();
    view! {
        <ul class="impact-list" data-testid="impact-list">
            {rows(d.added, "+", "added")}
            {rows(d.removed, "-", "removed")}
            {rows(changed, "~", "changed")}
        </ul>
        {(!was.is_empty()).then(|| view! {
            <details class="small">
                <summary>"Messages before the edit"</summary>
                <ul>{was.into_iter().map(|(app, m)| view! { <li>{app} ": " {m}</li> }).collect_view()}</ul>
            </details>
        })}
        <p class="muted small">{format!("{} unchanged", d.unchanged)}</p>
    }
    .into_any()
}
