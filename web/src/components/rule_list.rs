//! The list of rules: enable or disable, new from a template, duplicate, delete (with undo),
//! reset to the built-in rules (asked first, with undo), export, import and share.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::files;
use crate::state::{builtin_rules, AppState, Route, RuleDoc};

/// What "New rule" starts from.
pub const TEMPLATE: &str = r#"// What it checks: ...
// Why it matters: ...
// What to do: ...

fn meta() {
    #{
        title: "Describe the problem",
        severity: "medium",
        rationale: "Why it matters.",
        actions: ["What to do about it"],
        controls: ["SOC 2 CC6.2"],
    }
}

if app.scim.available == "no" {
    `${app.name} has no SCIM`
}
"#;

/// Imports `.rhai` files or a JSON bundle, asking before replacing a rule with the same id.
fn import(state: AppState, files: Vec<(String, Result<String, String>)>) {
    let mut incoming: Vec<(String, String)> = Vec::new();
    for (name, text) in files {
        match text {
            Err(e) => state.notice.set(Some(format!("{name}: {e}"))),
            Ok(text) if name.ends_with(".json") => {
                match serde_json::from_str::<Vec<RuleDoc>>(&text) {
                    Ok(docs) => incoming.extend(docs.into_iter().map(|d| (d.id, d.text))),
                    Err(e) => state
                        .notice
                        .set(Some(format!("{name} is not a capcheck rule bundle: {e}"))),
                }
            }
            Ok(text) => incoming.push((capcheck_core::rule::id_of(&name).to_owned(), text)),
        }
    }
    let mut added = 0;
    for (id, text) in incoming {
        let existing = state
            .rules
            .with_untracked(|r| r.iter().find(|d| d.id == id).map(|d| d.text.clone()));
        match existing {
            Some(old) if old == text => {}
            Some(_) => {
                if files::confirm(&format!("Replace your rule `{id}` with the imported one?")) {
                    state.edit_rule(&id, text);
                    added += 1;
                }
            }
            None => {
                let id = state.free_id(&id);
                state.add_rule(id, text, String::new());
                added += 1;
            }
        }
    }
    state.notice.set(Some(format!(
        "Imported {added} rule{}.",
        if added == 1 { "" } else { "s" }
    )));
}

/// The rule list, with `selected` highlighted.
#[component]
pub fn RuleList(state: AppState, selected: Option<String>) -> impl IntoView {
    let sel = selected.clone();
    let share = RwSignal::new(None::<String>);
    let current = move || {
        let sel = sel.clone();
        state
            .rules
            .with_untracked(|r| sel.and_then(|id| r.iter().find(|d| d.id == id).cloned()))
    };
    let current2 = current.clone();
    let current3 = current.clone();
    let current4 = current.clone();
    let on_import = move |ev: leptos::ev::Event| {
        files::on_files_chosen(&ev, move |chosen| import(state, chosen))
    };
    view! {
        <aside class="rule-list">
            <div class="toolbar">
                <button class="primary" data-testid="new-rule" on:click=move |_| { let id = state.free_id("new-rule"); state.add_rule(id, TEMPLATE.to_owned(), String::new()); }>"New rule"</button>
                <button data-testid="duplicate-rule" on:click=move |_| if let Some(d) = current() { let id = state.free_id(&format!("{}-copy", d.id)); state.add_rule(id, d.text.clone(), d.text); }>"Duplicate"</button>
                <button data-testid="delete-rule" on:click=move |_| if let Some(d) = current2() { state.delete_rule(&d.id); }>"Delete"</button>
            </div>
            <ul>
                {move || state.rules.get().into_iter().map(|d| {
                    let active = selected.as_deref() == Some(d.id.as_str());
                    let id = d.id.clone();
                    let toggle_id = d.id.clone();
                    // Only what the list shows: a rule's findings can number thousands.
                    let summary = state.results.with(|r| {
                        r.get(&d.id).map(|r| (r.meta.as_ref().map(|m| m.severity.as_str().to_owned()), !r.diagnostics.is_empty(), r.flagged().len()))
                    });
                    let (badge, errors, count) = match summary {
                        Some((b, e, n)) => (b, e, Some(n)),
                        None => (None, false, None),
                    };
                    let edited = d.text != d.baseline;
                    view! {
                        <li class:active=active class:disabled=!d.enabled data-rule=id.clone()>
                            <input type="checkbox" aria-label=format!("Enable {id}") prop:checked=d.enabled on:change=move |ev| state.set_enabled(&toggle_id, event_target_checked(&ev)) />
                            <a href=Route::Rules(Some(id.clone())).hash()>{id.clone()}</a>
                            {edited.then(|| view! { <span class="tag" title="differs from the saved version">"edited"</span> })}
                            {errors.then(|| view! { <span class="sev sev-error">"error"</span> })}
                            {badge.map(|b| view! { <span class=format!("sev sev-{b}")>{b.clone()}</span> })}
                            {count.map(|n| view! { <span class="muted small">{format!("{n} apps")}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="toolbar wrap">
                <button data-testid="reset-rules" on:click=move |_| {
                    if files::confirm("Replace all your rules with the built-in ones? You can undo this.") {
                        state.replace_rules(builtin_rules(), "Reset to the built-in rules");
                    }
                }>"Reset to built-in rules"</button>
                <button data-testid="export-bundle" on:click=move |_| {
                    let saved = serde_json::to_string_pretty(&state.rules.get_untracked())
                        .map_err(|e| format!("cannot encode the rules: {e}"))
                        .and_then(|text| files::download("capcheck-rules.json", "application/json", &text));
                    if let Err(e) = saved { state.notice.set(Some(e)); }
                }>"Export all (bundle)"</button>
                <button data-testid="export-rhai" on:click=move |_| if let Some(d) = current3() {
                    if let Err(e) = files::download(&format!("{}.rhai", d.id), "text/plain", &d.text) { state.notice.set(Some(e)); }
                }>"Export .rhai"</button>
                <label class="button">
                    "Import..."
                    <input type="file" multiple accept=".rhai,.json" data-testid="import-rules" class="visually-hidden" on:change=on_import />
                </label>
                <button data-testid="share-rule" on:click=move |_| share.set(current4().map(|d| state.share_link(&d)))>"Share link"</button>
            </div>
            {move || share.get().map(|link| view! {
                <label class="share">"Link to this rule: " <input readonly data-testid="share-link" value=link on:focus=move |ev| { if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); } } /></label>
            })}
        </aside>
    }
}
