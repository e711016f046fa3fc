//! Importing a vendor guide page: paste the page, see the record(s) it gives with the line each
//! value came from and the warnings for what could not be read, then add them to the session's
//! dataset (an app already there is replaced only when asked).

use capcheck_core::import::{self, ImportResult};
use capcheck_core::{AppRecord, Code};
use leptos::prelude::*;
use serde_json::Value;

use crate::state::AppState;

/// One shown value: field path, value, source line, and whether it was inferred from prose.
struct Row {
    field: String,
    value: String,
    line: Option<u64>,
    inferred: bool,
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join(", "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The record's facts as rows, in the order rules and the app page list them.
fn rows(record: &AppRecord) -> Vec<Row> {
    let mut out = Vec::new();
    if let Ok(v) = serde_json::to_value(record) {
        walk(&v, "", &mut out);
    }
    let order = capcheck_core::view::known_paths();
    // Stable: the items of a list keep their order.
    capcheck_core::order::sort_by_key(&mut out, |r| {
        let base = r.field.split('[').next().unwrap_or_default();
        order.iter().position(|p| *p == base).unwrap_or(order.len())
    });
    out
}

/// A list item with a line but no `value` (a scope, a user field, an endpoint): its words.
fn item(m: &serde_json::Map<String, Value>) -> Option<String> {
    let s = |k: &str| m.get(k).and_then(Value::as_str);
    if let (Some(op), Some(method), Some(path)) = (s("operation"), s("method"), s("path")) {
        return Some(format!("{op}: {method} {path}"));
    }
    let name = s("name")?;
    Some(match (s("type"), s("required")) {
        (Some(t), Some("yes")) => format!("{name} ({t}, required)"),
        (Some(t), _) => format!("{name} ({t})"),
        _ => name.to_owned(),
    })
}

fn walk(v: &Value, path: &str, out: &mut Vec<Row>) {
    match v {
        Value::Object(m)
            if !m.contains_key("value") && m.contains_key("line") && item(m).is_some() =>
        {
            out.push(Row {
                field: path.to_owned(),
                value: item(m).unwrap_or_default(),
                line: m.get("line").and_then(Value::as_u64),
                inferred: false,
            });
        }
        Value::Object(m) if m.contains_key("value") || m.contains_key("line") => {
            let value = m.get("value").map(show).unwrap_or_default();
            let raw = m.get("raw").map(show);
            let value = match raw {
                // A placeholder the page printed where nothing is documented: show its words.
                Some(raw) if value.is_empty() || value == "not-documented" => {
                    format!("not documented (\"{raw}\")")
                }
                _ if value.is_empty() => return,
                _ => value,
            };
            out.push(Row {
                field: path.to_owned(),
                value,
                line: m.get("line").and_then(Value::as_u64),
                inferred: m.get("inferred").and_then(Value::as_bool) == Some(true),
            });
        }
        Value::Object(m) => {
            for (k, child) in m {
                if matches!(k.as_str(), "id" | "name" | "sources") && path.is_empty() {
                    continue;
                }
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(child, &p, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                walk(child, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// The import form, its preview and the "Add to dataset" buttons.
#[component]
pub fn ImportPanel(state: AppState) -> impl IntoView {
    let text = RwSignal::new(String::new());
    // The app's name, asked for when the page does not name it.
    let name = RwSignal::new(String::new());
    let added = RwSignal::new(Vec::<String>::new());
    let result = Memo::new(move |_| {
        let t = text.get();
        if t.trim().is_empty() {
            ImportResult::default()
        } else {
            let n = name.get();
            // Unnamed, a title-less page is held back until the name is given.
            let r = import::import_page_named("pasted page", &t, Some(n.as_str()));
            if r.untitled && n.trim().is_empty() {
                ImportResult {
                    records: r.records.into_iter().skip(1).collect(),
                    // The form asks for the name instead.
                    warnings: r
                        .warnings
                        .into_iter()
                        .filter(|d| d.code != Code::MissingTitle)
                        .collect(),
                    untitled: true,
                }
            } else {
                r
            }
        }
    });
    let untitled = Memo::new(move |_| result.with(|r| r.untitled));
    let existing = move || {
        let ids: Vec<String> = result.with(|r| r.records.iter().map(|r| r.id.clone()).collect());
        state.dataset.with(|set| {
            ids.into_iter()
                .filter(|id| set.get(id).is_some())
                .collect::<Vec<_>>()
        })
    };
    let add = move |replace: bool| {
        let records = result.get_untracked().records;
        added.set(state.add_imported(&records, replace));
    };
    view! {
        <section class="import-panel" data-testid="import-panel">
            <h2>"Import a guide page"</h2>
            <p class="muted">"Paste a vendor's User Management API Guide page (plain text or markdown). Nothing is added until you press a button."</p>
            <textarea
                data-testid="import-text"
                rows="10"
                placeholder="Clari User Management API Guide..."
                prop:value=move || text.get()
                on:input=move |ev| { added.set(Vec::new()); text.set(event_target_value(&ev)); }
            ></textarea>
            {move || untitled.get().then(|| view! {
                <label class="import-name" data-testid="import-name-label">
                    "This page does not name its app. Which app is it? "
                    <input
                        type="text"
                        data-testid="import-name"
                        placeholder="App name"
                        prop:value=move || name.get()
                        on:input=move |ev| { added.set(Vec::new()); name.set(event_target_value(&ev)); }
                    />
                </label>
            })}
            {move || {
                let r = result.get();
                (!r.warnings.is_empty()).then(|| view! {
                    <div class="diagnostics import-warnings" data-testid="import-warnings">
                        <strong>{format!("{} part(s) could not be read:", r.warnings.len())}</strong>
                        <ul>
                            {r.warnings.into_iter().map(|d| view! {
                                <li>
                                    <code>{d.span.map(|s| format!("line {}:{}", s.line, s.column)).unwrap_or_default()}</code>
                                    {d.field.map(|f| view! { " field " <code>{f}</code> })}
                                    ": " {d.message}
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                })
            }}
            {move || {
                let r = result.get();
                let empty = r.records.is_empty() && !text.get().trim().is_empty() && !untitled.get();
                view! {
                    {empty.then(|| view! { <p data-testid="import-nothing">"No app found on this page."</p> })}
                    {r.records.into_iter().map(|rec| {
                        let partial = import::is_partial(&rec);
                        let title = format!("{} ({}){}", rec.name, rec.id, if partial { ", partial record from the related apps" } else { "" });
                        view! {
                            <details class="import-record" data-testid="import-record" data-app=rec.id.clone() open=!partial>
                                <summary>{title}</summary>
                                <table class="import-fields">
                                    <thead><tr><th>"Field"</th><th>"Value"</th><th>"Line"</th></tr></thead>
                                    <tbody>
                                        {rows(&rec).into_iter().map(|row| {
                                            let key = row.field.clone();
                                            view! {
                                                <tr data-field=key>
                                                    <td><code>{row.field}</code></td>
                                                    <td>{row.value}{row.inferred.then_some(" (inferred)")}</td>
                                                    <td>{row.line.map(|l| l.to_string()).unwrap_or_default()}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </details>
                        }
                    }).collect_view()}
                }
            }}
            {move || {
                let r = result.get();
                (!r.records.is_empty()).then(|| {
                    let clash = existing();
                    let new_count = r.records.len() - clash.len();
                    view! {
                        <div class="import-actions">
                            <button class="primary" data-testid="import-add" disabled=new_count == 0 on:click=move |_| add(false)>
                                {format!("Add {new_count} new app(s) to dataset")}
                            </button>
                            {(!clash.is_empty()).then(|| view! {
                                <span data-testid="import-clash">{format!("Already in the dataset: {}. ", clash.join(", "))}</span>
                                <button data-testid="import-replace" on:click=move |_| add(true)>"Replace them too"</button>
                            })}
                        </div>
                    }
                })
            }}
            {move || {
                let a = added.get();
                (!a.is_empty()).then(|| view! {
                    <p role="status" data-testid="import-added">{format!("Added to this session's dataset: {}.", a.join(", "))}</p>
                })
            }}
        </section>
    }
}
