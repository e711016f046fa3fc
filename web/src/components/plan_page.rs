//! The offboarding plan: load the company's app list, see how each app's accounts leave with a
//! leaver, who does it, the steps and the evidence; charts of the stack; export the plan. The
//! inventory stays in this browser.

use capcheck_core::plan::{self, render, Plan, PlanInput};
use leptos::prelude::*;

use crate::files;
use crate::stack::Stack;
use crate::state::AppState;

fn export(state: AppState, plan: Option<Plan>, name: &str, mime: &str, f: fn(&Plan) -> String) {
    let Some(plan) = plan else { return };
    if let Err(e) = files::download(name, mime, &f(&plan)) {
        state.notice.set(Some(e));
    }
}

/// The "Offboarding plan" page.
#[component]
pub fn PlanPage(state: AppState, stack: Stack) -> impl IntoView {
    let plan = Memo::new(move |_| {
        let loaded = stack.loaded.get()?;
        let findings = state.all_findings();
        let leaver = stack.leaver.get();
        let leaver = leaver.trim();
        Some(state.dataset.with(|dataset| {
            plan::build(PlanInput {
                dataset,
                inventory: &loaded.inventory,
                outcomes: &loaded.outcomes,
                findings: &findings,
                today: &state.with_checker(|c| c.context().today.clone()),
                leaver: (!leaver.is_empty()).then_some(leaver),
                diagnostics: loaded.diagnostics.clone(),
            })
        }))
    });
    let on_file = move |ev: leptos::ev::Event| {
        files::on_bytes_chosen(&ev, move |chosen| {
            for (name, bytes) in chosen {
                match bytes {
                    Ok(bytes) => stack.load_file(state, &name, &bytes),
                    Err(e) => state.notice.set(Some(format!("{name}: {e}"))),
                }
            }
        });
    };
    let forget = move |_| {
        if stack.forget() {
            state.notice.set(Some("Your apps were forgotten.".into()));
        }
    };
    view! {
        <div class="page-head">
            <h1>"Offboarding plan"</h1>
            <div class="data-panel">
                <label class="button primary">
                    "Load your apps..."
                    <input type="file" accept=".csv,.json,.txt,.tsv" data-testid="inventory-file" class="visually-hidden" on:change=on_file />
                </label>
                <label>"Leaver " <input type="text" data-testid="leaver" placeholder="name (optional)"
                    prop:value=move || stack.leaver.get()
                    on:input=move |ev| stack.leaver.set(event_target_value(&ev)) /></label>
                <button data-testid="plan-export-csv" disabled=move || plan.with(Option::is_none)
                    on:click=move |_| export(state, plan.get_untracked(), "offboarding-plan.csv", "text/csv", render::csv)>"Export CSV"</button>
                <button data-testid="plan-export-md" disabled=move || plan.with(Option::is_none)
                    on:click=move |_| export(state, plan.get_untracked(), "offboarding-plan.md", "text/markdown", render::markdown)>"Export Markdown"</button>
                <button data-testid="plan-export-json" disabled=move || plan.with(Option::is_none)
                    on:click=move |_| export(state, plan.get_untracked(), "offboarding-plan.json", "application/json", render::json)>"Export JSON"</button>
                <button data-testid="forget-apps" disabled=move || stack.saved.with(Option::is_none) on:click=forget>"Forget my apps"</button>
            </div>
        </div>
        <p class="muted small">"Your app list (a CSV with a name column, Okta's app list as JSON, or Microsoft Entra's enterprise-applications export) stays in this browser: it is kept in localStorage, never uploaded."</p>
        {move || {
            let problems = stack.file_problems.get();
            let mut all = problems;
            if let Some(p) = plan.get() {
                all.extend(p.diagnostics);
            }
            (!all.is_empty()).then(|| view! {
                <div class="diagnostics data-errors" role="alert" data-testid="plan-problems">
                    <strong>"Problems in your app list (every readable app is still used):"</strong>
                    <ul>
                        {all.into_iter().map(|d| view! {
                            <li><code>{d.location()}</code>": " {d.message}
                                {d.help.map(|h| view! { <span class="help">" (" {h} ")"</span> })}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
        {move || match plan.get() {
            None => view! {
                <p data-testid="plan-empty">"Load your company's app list to see, for each app, how a leaver's account is removed, by whom, and what to keep for access reviews."</p>
            }.into_any(),
            Some(p) => view! { <PlanView plan=p /> }.into_any(),
        }}
    }
}

/// The plan itself, as the core renders it (the same HTML as the export): summary, charts, the
/// apps riskiest first with links to their records, and the apps without a record.
#[component]
fn PlanView(plan: Plan) -> impl IntoView {
    view! { <div class="plan" inner_html=render::html_body(&plan, true)></div> }
}
