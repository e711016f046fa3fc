//! The offboarding plan: load the company's app list, see how each app's accounts leave with a
//! leaver, who does it, the steps and the evidence; charts of the stack; export the plan. The
//! inventory stays in this browser.

use capcheck_core::plan::{self, chart, render, Plan, PlanInput};
use leptos::prelude::*;

use crate::files;
use crate::stack::Stack;
use crate::state::{AppState, Route};

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

/// The plan itself: summary, charts, the apps riskiest first, and the apps without a record.
#[component]
fn PlanView(plan: Plan) -> impl IntoView {
    let summary = plan.summary.line();
    let path_svg = chart::by_path(&plan, "chart-path");
    let severity_svg = chart::by_severity(&plan, "chart-severity");
    let unmatched: Vec<_> = plan
        .apps
        .iter()
        .filter(|a| a.record.is_none())
        .cloned()
        .collect();
    let title = match &plan.leaver {
        Some(l) => format!(
            "For {l}: {} inventory apps from {}",
            plan.inventory.apps, plan.inventory.file
        ),
        None => format!(
            "{} inventory apps from {}",
            plan.inventory.apps, plan.inventory.file
        ),
    };
    view! {
        <p class="muted" data-testid="plan-source">{title}</p>
        <p class="plan-summary" data-testid="plan-summary"><strong>{summary}</strong></p>
        <div class="plan-charts">
            <figure data-testid="chart-path" inner_html=path_svg></figure>
            <figure data-testid="chart-severity" inner_html=severity_svg></figure>
        </div>
        <div class="table-wrap"><table class="plan-table" data-testid="plan-table">
            <thead><tr><th>"#"</th><th>"App"</th><th>"Path"</th><th>"Owner"</th><th>"Users"</th><th>"Highest finding"</th></tr></thead>
            <tbody>
                {plan.apps.iter().enumerate().map(|(i, a)| {
                    let record = a.record.clone();
                    let name = a.name.clone();
                    let link = record.map(|id| Route::App(id, None).hash());
                    view! {
                        <tr data-path=a.path.as_str()>
                            <td>{i + 1}</td>
                            <td>{match link {
                                Some(href) => view! { <a href=href>{name}</a> }.into_any(),
                                None => view! { <span>{name}</span> }.into_any(),
                            }}</td>
                            <td><span class=format!("path path-{}", a.path.as_str())>{a.path.label()}</span>" "<span class="muted small">{a.path_detail.clone()}</span></td>
                            <td>{a.owner.clone().unwrap_or_default()}</td>
                            <td>{a.users.map(|u| u.to_string()).unwrap_or_default()}</td>
                            <td>{a.severity.map(|s| view! { <span class=format!("sev sev-{}", s.as_str())>{s.as_str()}</span> })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table></div>
        <h2>"Steps, app by app"</h2>
        {plan.apps.iter().enumerate().map(|(i, a)| view! {
            <details class="plan-app">
                <summary>{format!("{}. {} ({})", i + 1, a.name, a.path.label())}</summary>
                {(!a.reassign.is_empty()).then(|| view! { <p>"Reassign first: " {a.reassign.join(", ")}</p> })}
                <ol>{a.steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ol>
                <p class="small">"Evidence to keep:"</p>
                <ul class="small">{a.evidence.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}</ul>
            </details>
        }).collect_view()}
        {(!unmatched.is_empty()).then(|| view! {
            <h2>"Apps without a capability record"</h2>
            <ul data-testid="plan-unmatched">
                {unmatched.into_iter().map(|a| {
                    let suggestions = a.suggestions.clone();
                    view! {
                        <li>
                            <strong>{a.name.clone()}</strong>": " {a.path_detail.clone()}
                            {(!suggestions.is_empty()).then(|| view! {
                                " Did you mean "
                                {suggestions.into_iter().map(|id| {
                                    let href = Route::App(id.clone(), None).hash();
                                    view! { <a href=href>{id}</a>" " }
                                }).collect_view()}
                                "?"
                            })}
                            {a.hint.map(|_| view! { <span class="muted small">" Import its guide page (Apps, \"Import guide page...\") to give it a record."</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
    }
}
