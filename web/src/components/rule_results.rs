//! What the rule under edit does now: the apps it flags, the impact of the edit against the
//! saved (or built-in) version, its findings, and how long evaluation took.

use leptos::prelude::*;

use super::impact_list::ImpactList;
use super::labels::SeverityLabel;
use crate::state::{AppState, Route};

/// Chips shown per list: enough to read, few enough to render at once over thousands of apps.
const MAX_CHIPS: usize = 40;

fn chips(ids: Vec<String>, class: &'static str) -> impl IntoView {
    let more = ids.len().saturating_sub(MAX_CHIPS);
    view! {
        {ids.into_iter().take(MAX_CHIPS).map(|id| view! { <a class=format!("chip {class}") href=Route::App(id.clone(), None).hash()>{id.clone()}</a> }).collect_view()}
        {(more > 0).then(|| view! { <span class="muted small">{format!("and {more} more")}</span> })}
    }
}

/// The result pane for rule `id`.
#[component]
pub fn RuleResults(state: AppState, id: String) -> impl IntoView {
    let rid = id.clone();
    let result = Memo::new(move |_| state.results.with(|r| r.get(&rid).cloned()));
    let did = id.clone();
    let doc = Memo::new(move |_| {
        state
            .rules
            .with(|r| r.iter().find(|d| d.id == did).cloned())
    });
    let total = move || state.dataset.with(|d| d.apps.len());
    let save_id = id.clone();
    let revert_id = id.clone();
    view! {
        <aside class="results" data-testid="results">
            {move || match result.get() {
                None => view! { <p class="muted">"This rule is disabled."</p> }.into_any(),
                Some(r) if !r.diagnostics.is_empty() => view! {
                    <p class="flag-count" data-testid="flag-count">"No results: the rule has errors"</p>
                    <p class="muted" data-testid="impact">"Fix the errors under the editor to see what this version flags. Until then it flags nothing, in every view."</p>
                }.into_any(),
                Some(r) => {
                    let flagged: Vec<String> = r.flagged().into_iter().collect();
                    let n = flagged.len();
                    let impact_list = r.baseline_findings.clone().map(|base| view! { <ImpactList now=r.findings.clone() baseline=base /> });
                    let impact = r.baseline_apps.clone().map(|base| {
                        let now = r.flagged();
                        let added: Vec<String> = now.difference(&base).cloned().collect();
                        let removed: Vec<String> = base.difference(&now).cloned().collect();
                        (added, removed)
                    });
                    view! {
                        {r.meta.clone().map(|m| view! {
                            <h2>{m.title.clone()}</h2>
                            <p><SeverityLabel severity=m.severity /> " " {m.rationale.clone()}</p>
                        })}
                        <p class="flag-count" data-testid="flag-count">{format!("Flags {n} of {} apps", total())}</p>
                        <div class="chips">{chips(flagged, "")}</div>
                        <h3>"Impact of your edit"</h3>
                        {match impact {
                            None => view! { <p class="muted" data-testid="impact">"The saved version does not run, so there is nothing to compare with."</p> }.into_any(),
                            Some((added, removed)) if added.is_empty() && removed.is_empty() => view! { <p data-testid="impact">"Same apps as the saved version."</p> }.into_any(),
                            Some((added, removed)) => view! {
                                <p data-testid="impact" class="impact">{format!("+{} app{} flagged, -{}", added.len(), if added.len() == 1 { "" } else { "s" }, removed.len())}</p>
                                <div class="chips">{chips(added, "added")}{chips(removed, "removed")}</div>
                            }.into_any(),
                        }}
                        {impact_list}
                        <div class="toolbar">
                            <button data-testid="save-baseline" disabled=move || doc.with(|d| d.as_ref().is_none_or(|d| d.text == d.baseline)) on:click={let id = save_id.clone(); move |_| state.save_baseline(&id)}>"Save as the compared version"</button>
                            <button disabled=move || doc.with(|d| d.as_ref().is_none_or(|d| d.text == d.baseline)) on:click={let id = revert_id.clone(); move |_| { let base = doc.with_untracked(|d| d.as_ref().map(|d| d.baseline.clone())); if let Some(b) = base { state.edit_rule(&id, b); } }}>"Revert edits"</button>
                        </div>
                        <p class="muted small" data-testid="eval-time">{format!("Evaluated over {} apps in {:.1} ms", total(), r.millis)}</p>
                        {(!r.header.is_empty()).then(|| view! { <details><summary>"About this rule"</summary><pre class="header">{r.header.clone()}</pre></details> })}
                        <h3>"Findings"</h3>
                        <ul class="finding-list">
                            {r.findings.iter().take(100).map(|f| view! {
                                <li><a href=Route::App(f.app.clone(), Some(f.rule.clone())).hash()>{f.app_name.clone()}</a> ": " {f.message.clone()}</li>
                            }).collect_view()}
                        </ul>
                        {(r.findings.len() > 100).then(|| view! { <p class="muted">{format!("and {} more", r.findings.len() - 100)}</p> })}
                    }.into_any()
                }
            }}
        </aside>
    }
}
