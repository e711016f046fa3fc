//! The rule text editor: a textarea over a highlighted copy of the text, with line numbers and
//! the rule's diagnostics at their lines. Every keystroke is saved and re-evaluated.

use leptos::html::{Pre, Textarea};
use leptos::prelude::*;

use crate::highlight::tokens;
use crate::state::AppState;

/// The editor for rule `id`.
#[component]
pub fn CodeEditor(state: AppState, id: String) -> impl IntoView {
    let text_id = id.clone();
    let text = Memo::new(move |_| {
        state.rules.with(|r| {
            r.iter()
                .find(|d| d.id == text_id)
                .map(|d| d.text.clone())
                .unwrap_or_default()
        })
    });
    let diag_id = id.clone();
    let diagnostics = Memo::new(move |_| {
        state.results.with(|r| {
            r.get(&diag_id)
                .map(|x| x.diagnostics.clone())
                .unwrap_or_default()
        })
    });
    let area = NodeRef::<Textarea>::new();
    let overlay = NodeRef::<Pre>::new();
    let gutter = NodeRef::<leptos::html::Div>::new();
    let error_lines = move || {
        diagnostics.with(|d| {
            d.iter()
                .filter_map(|x| x.span.map(|s| s.line))
                .collect::<Vec<_>>()
        })
    };

    let sync_scroll = move |_| {
        if let Some(a) = area.get() {
            if let Some(o) = overlay.get() {
                o.set_scroll_top(a.scroll_top());
                o.set_scroll_left(a.scroll_left());
            }
            if let Some(g) = gutter.get() {
                g.set_scroll_top(a.scroll_top());
            }
        }
    };
    let jump = move |line: usize, column: usize| {
        if let Some(a) = area.get() {
            let t = a.value();
            let mut offset = 0usize;
            for (i, l) in t.split_inclusive('\n').enumerate() {
                if i + 1 == line {
                    offset += l.chars().take(column.saturating_sub(1)).count();
                    break;
                }
                offset += l.chars().count();
            }
            let _ = a.focus();
            let _ = a.set_selection_range(offset as u32, offset as u32);
        }
    };
    let edit_id = id.clone();
    view! {
        <div class="code-editor">
            <div class="gutter" node_ref=gutter aria-hidden="true">
                {move || {
                    let errors = error_lines();
                    let n = text.with(|t| t.split('\n').count());
                    (1..=n).map(|i| view! { <div class="ln" class:has-error=errors.contains(&i)>{i}</div> }).collect_view()
                }}
            </div>
            <div class="code">
                <pre class="overlay" node_ref=overlay aria-hidden="true">
                    {move || {
                        let t = text.get();
                        let mut spans: Vec<_> = tokens(&t).into_iter().map(|(class, s)| view! { <span class=class>{s.to_owned()}</span> }).collect();
                        spans.push(view! { <span class="">{"\n".to_owned()}</span> });
                        spans.collect_view()
                    }}
                </pre>
                <textarea
                    node_ref=area
                    data-testid="rule-text"
                    aria-label="Rule text"
                    spellcheck="false"
                    autocapitalize="off"
                    prop:value=move || text.get()
                    on:input=move |ev| state.edit_rule(&edit_id, event_target_value(&ev))
                    on:scroll=sync_scroll
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        // Tab indents instead of leaving the editor.
                        if ev.key() == "Tab" && !ev.shift_key() {
                            ev.prevent_default();
                            if let Some(a) = area.get() {
                                let start = a.selection_start().ok().flatten().unwrap_or(0) as usize;
                                let v = a.value();
                                let byte = v.char_indices().nth(start).map_or(v.len(), |(b, _)| b);
                                let new = format!("{}    {}", &v[..byte], &v[byte..]);
                                a.set_value(&new);
                                let _ = a.set_selection_range(start as u32 + 4, start as u32 + 4);
                                if let Ok(input) = web_sys::Event::new("input") {
                                    let _ = a.dispatch_event(&input);
                                }
                            }
                        }
                    }
                ></textarea>
            </div>
        </div>
        <div class="diagnostics" data-testid="diagnostics" role="status" aria-live="polite">
            {move || diagnostics.get().into_iter().map(|d| {
                let (line, column) = d.span.map_or((0, 0), |s| (s.line, s.column));
                let at = if line > 0 { format!("line {line}, column {column}") } else { String::new() };
                view! {
                    <button class="diagnostic" data-line=line on:click=move |_| jump(line, column)>
                        <span class="sev sev-error">"error"</span>
                        <code>{at}</code>
                        {d.app.clone().map(|a| view! { <span class="muted">" on app " {a}</span> })}
                        ": " {d.message.clone()}
                        {d.help.clone().map(|h| view! { <span class="help">" - " {h}</span> })}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}
