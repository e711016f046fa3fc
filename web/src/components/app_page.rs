//! One app: every capability with its source, the findings with their evidence, the scenarios
//! with their steps and watch-outs, the limitations and the integration traps.

use capcheck_core::view::{dynamic_to_json, fields};
use leptos::prelude::*;

use super::finding_card::FindingCard;
use super::labels::{value_text, FactLabel};
use crate::state::{AppState, Route};

/// The app page for `id`; `focus` names a rule whose finding is opened and scrolled to.
#[component]
pub fn AppPage(state: AppState, id: String, focus: Option<String>) -> impl IntoView {
    let app = state.dataset.with_untracked(|d| d.get(&id).cloned());
    let Some(app) = app else {
        return view! {
            <section>
                <h1>"No such app"</h1>
                <p>"There is no app " <code>{id}</code> " in the " {move || state.data_label.get()} ". " <a href="#/">"Back to the apps"</a></p>
            </section>
        }
        .into_any();
    };
    let record = app.record.clone();
    let app_id = record.id.clone();
    let findings = Memo::new(move |_| {
        let mut f: Vec<_> = state
            .all_findings()
            .into_iter()
            .filter(|f| f.app == app_id)
            .collect();
        capcheck_core::order::sort_by(&mut f, |a, b| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| a.rule.cmp(&b.rule))
        });
        f
    });
    if let Some(rule) = focus.clone() {
        // Scroll to the focused finding once it is on the page.
        request_animation_frame(move || {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("finding-{rule}")))
            {
                el.scroll_into_view();
            }
        });
    }
    let caps: Vec<_> = fields(&record)
        .into_iter()
        .filter(|f| f.provenance.is_some() && f.path != "summary")
        .collect();
    let disputed: Vec<_> = capcheck_core::merge::disputes(&record)
        .into_iter()
        .filter_map(|path| caps.iter().find(|f| f.path == path).cloned())
        .collect();
    let document = {
        let sources = record.sources.clone();
        move |id: &str| {
            sources
                .iter()
                .find(|s| s.id == id)
                .and_then(|s| s.document.clone().or_else(|| s.url.clone()))
                .unwrap_or_else(|| id.to_owned())
        }
    };
    let attribution = capcheck_core::catalogue::cites_catalogue(&record)
        .then_some(capcheck_core::catalogue::ATTRIBUTION);
    view! {
        <section class="app-page">
            <p class="crumbs"><a href="#/">"Apps"</a> " / " {record.name.clone()}</p>
            <h1>{record.name.clone()} <span class="muted">{format!(" {}", record.id)}</span></h1>
            <ul class="sources">
                {record.sources.iter().map(|s| view! {
                    <li>
                        "Source: " {s.title.clone().unwrap_or_else(|| s.id.clone())}
                        {s.document.clone().map(|d| view! { " - " <code>{d}</code> })}
                        {s.updated.clone().map(|u| view! { ", updated " {u} })}
                        {s.url.clone().map(|u| view! { " - " <a href=u.clone() rel="noopener noreferrer" target="_blank">{u.clone()}</a> })}
                    </li>
                }).collect_view()}
            </ul>
            {record.summary.value.clone().map(|s| view! { <p class="summary">{s}</p> })}
            <h2>{move || format!("Findings ({})", findings.with(Vec::len))}</h2>
            <div class="findings">
                {move || {
                    let list = findings.get();
                    if list.is_empty() {
                        view! { <p class="muted">"No rule flags this app."</p> }.into_any()
                    } else {
                        list.into_iter().map(|f| {
                            let focused = focus.as_deref() == Some(f.rule.as_str());
                            view! { <FindingCard finding=f focused=focused state=state /> }
                        }).collect_view().into_any()
                    }
                }}
            </div>
            {(!disputed.is_empty()).then(|| view! {
                <h2>{format!("Sources disagree ({})", disputed.len())}</h2>
                <table class="caps disputes" data-testid="disputes">
                    <thead><tr><th>"Field"</th><th>"Source"</th><th>"Value"</th><th>"Where"</th></tr></thead>
                    <tbody>
                        {disputed.into_iter().map(|f| {
                            let p = f.provenance.clone().unwrap_or_default();
                            let shown = value_text(&dynamic_to_json(&f.value));
                            let at = match (p.document.clone(), p.line) {
                                (Some(d), Some(l)) => format!("{d}:{l}"),
                                (Some(d), None) => d,
                                _ => String::new(),
                            };
                            let rows = p.others.iter().filter(|c| c.disagrees).map(|c| {
                                let value = match &c.field {
                                    Some(other) => format!("{other} = {}", c.value),
                                    None => c.value.clone(),
                                };
                                let at = match c.line {
                                    Some(l) => format!("{}:{l}", document(&c.source)),
                                    None => document(&c.source),
                                };
                                view! {
                                    <tr class="claim" data-field=f.path>
                                        <td></td>
                                        <td>{c.source.clone()}</td>
                                        <td><FactLabel value=value /></td>
                                        <td class="source">{at} {c.quote.clone().map(|q| view! { <q>{q}</q> })}</td>
                                    </tr>
                                }
                            }).collect_view();
                            view! {
                                <tr class="shown" data-field=f.path>
                                    <td><code>{f.path}</code></td>
                                    <td>{f.provenance.as_ref().and_then(|_| p.document.clone()).unwrap_or_default()} <span class="tag">"shown"</span></td>
                                    <td><FactLabel value=shown /></td>
                                    <td class="source">{at} {p.reason.clone().map(|r| view! { <div class="muted small">"Why shown: " {r}</div> })}</td>
                                </tr>
                                {rows}
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <h2>"Capabilities"</h2>
            <table class="caps">
                <thead><tr><th>"Field"</th><th>"Value"</th><th>"Source"</th></tr></thead>
                <tbody>
                    {caps.into_iter().map(|f| {
                        let p = f.provenance.clone().unwrap_or_default();
                        let value = value_text(&dynamic_to_json(&f.value));
                        let at = match (p.document.clone(), p.line) {
                            (Some(d), Some(l)) => format!("{d}:{l}"),
                            (Some(d), None) => d,
                            _ => String::new(),
                        };
                        view! {
                            <tr data-field=f.path>
                                <td><code>{f.path}</code><div class="muted small">{f.doc}</div></td>
                                <td><FactLabel value=value /></td>
                                <td class="source">
                                    {at}
                                    {p.inferred.then(|| view! { <span class="tag">"inferred from prose"</span> })}
                                    {p.raw.clone().map(|r| view! { <span class="tag">"page prints " {format!("{r:?}")}</span> })}
                                    {p.quote.clone().map(|q| view! { <q>{q}</q> })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {(!record.scenarios.is_empty()).then(|| view! {
                <h2>"Scenarios"</h2>
                {record.scenarios.iter().map(|s| view! {
                    <div class="scenario">
                        <h3>{s.title.clone()} {s.line.map(|l| view! { <span class="muted small">{format!(" line {l}")}</span> })}</h3>
                        <ol>{s.steps.iter().map(|st| view! { <li>{st.clone()}</li> }).collect_view()}</ol>
                        {s.watch_out.clone().map(|w| view! { <p class="watch-out"><strong>"Watch out for: "</strong>{w}</p> })}
                    </div>
                }).collect_view()}
            })}
            {(!record.limitations.is_empty()).then(|| view! {
                <h2>"Limitations"</h2>
                <ul>{record.limitations.iter().filter_map(|l| l.value.clone().map(|v| view! { <li>{v} {l.line.map(|n| view! { <span class="muted small">{format!(" line {n}")}</span> })}</li> })).collect_view()}</ul>
            })}
            {(!record.traps.is_empty()).then(|| view! {
                <h2>"Why building this yourself is a trap"</h2>
                {record.traps.iter().filter_map(|t| t.value.clone().map(|v| view! { <p>{v}</p> })).collect_view()}
            })}
            {attribution.map(|a| view! { <p class="attribution muted small" data-testid="attribution">"Catalogue facts: " {a}</p> })}
            <p><a href=Route::Explorer.hash()>"Back to the apps"</a></p>
        </section>
    }
    .into_any()
}
