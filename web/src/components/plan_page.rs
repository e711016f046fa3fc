//! The offboarding plan: load the company's app list, see how each app's accounts leave with a
//! leaver, who does it, the steps and the evidence; charts of the stack; export the plan. Pin the
//! matches of ambiguous and unmatched apps, or load and export them as an overrides file. The
//! inventory and the pins stay in this browser.

use capcheck_core::inventory::matching::Via;
use capcheck_core::plan::{self, render, Plan, PlanApp, PlanInput};
use capcheck_core::Diagnostic;
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
    let on_overrides = move |ev: leptos::ev::Event| {
        files::on_bytes_chosen(&ev, move |chosen| {
            for (name, bytes) in chosen {
                match bytes {
                    Ok(bytes) => stack.load_overrides(state, &name, &bytes),
                    Err(e) => state.notice.set(Some(format!("{name}: {e}"))),
                }
            }
        });
    };
    let forget = move |_| match stack.forget() {
        Ok(true) => state.notice.set(Some("Your apps were forgotten.".into())),
        Ok(false) => {}
        Err(problem) => state.notice.set(Some(problem)),
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
                <label class="button">
                    "Load overrides..."
                    <input type="file" accept=".toml,.txt" data-testid="overrides-file" class="visually-hidden" on:change=on_overrides />
                </label>
                <button data-testid="export-overrides" disabled=move || stack.pins.with(|p| p.is_empty())
                    on:click=move |_| stack.export_pins(state)>"Export overrides"</button>
                <button data-testid="forget-apps" disabled=move || stack.saved.with(Option::is_none) && stack.pins.with(|p| p.is_empty()) on:click=forget>"Forget my apps"</button>
            </div>
        </div>
        <p class="muted small">"Your app list (a CSV with a name column, Okta's app list as JSON, or Microsoft Entra's enterprise-applications export) stays in this browser: it is kept in localStorage, never uploaded."</p>
        {move || {
            let problems = stack.file_problems.get();
            let mut all = problems;
            if let Some(p) = plan.get() {
                all.extend(p.diagnostics);
            }
            problem_list("plan-problems", "Problems in your app list (every readable app is still used):", all)
        }}
        {move || {
            problem_list(
                "pin-problems",
                "Problems in your overrides file (every good pin is still applied):",
                stack.pin_problems.get(),
            )
        }}
        {move || plan.get().map(|p| view! { <PinPanel state=state stack=stack plan=p /> })}
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

/// A file's problems at their line and column, under `heading`; nothing when there are none.
fn problem_list(
    testid: &'static str,
    heading: &'static str,
    problems: Vec<Diagnostic>,
) -> Option<impl IntoView> {
    (!problems.is_empty()).then(|| {
        view! {
            <div class="diagnostics data-errors" role="alert" data-testid=testid>
                <strong>{heading}</strong>
                <ul>
                    {problems.into_iter().map(|d| view! {
                        <li><code>{d.location()}</code>": " {d.message}
                            {d.help.map(|h| view! { <span class="help">" (" {h} ")"</span> })}</li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// Whether the plan's app can be pinned here: matching could not decide, or a pin decided it.
fn pinnable(a: &PlanApp) -> bool {
    a.record.is_none() || a.via == Some(Via::Override)
}

/// The apps matching could not decide (ambiguous or unmatched) and the pinned ones: pick one of
/// the suggested records or "no record", or take a pin off.
#[component]
fn PinPanel(state: AppState, stack: Stack, plan: Plan) -> impl IntoView {
    let rows: Vec<PlanApp> = plan.apps.into_iter().filter(pinnable).collect();
    if rows.is_empty() {
        return None;
    }
    let record_name = move |id: &str| {
        state.dataset.with_untracked(|d| {
            d.apps
                .iter()
                .find(|a| a.record.id == id)
                .map(|a| a.record.name.clone())
        })
    };
    let rows = rows
        .into_iter()
        .map(|a| {
            let name = a.name.clone();
            let pinned = stack.pins.with_untracked(|p| p.pinned(&name).map(|r| r.map(str::to_owned)));
            let found = match a.matched {
                "ambiguous" => "several records fit",
                "unmatched" => "no record found",
                _ => "pinned",
            };
            let control = match pinned {
                Some(record) => {
                    let label = match &record {
                        Some(id) => format!("pinned to {id}"),
                        None => "pinned: no record".to_owned(),
                    };
                    let n = name.clone();
                    view! {
                        <span data-testid="pin-current">{label}</span>" "
                        <button data-testid="unpin" aria-label=format!("Unpin {name}")
                            on:click=move |_| stack.unpin(state, &n)>"Unpin"</button>
                    }
                    .into_any()
                }
                None => {
                    let n = name.clone();
                    let on_change = move |ev: leptos::ev::Event| {
                        match event_target_value(&ev).as_str() {
                            "" => {}
                            ":none" => stack.pin(state, &n, None),
                            id => stack.pin(state, &n, Some(id.to_owned())),
                        }
                    };
                    view! {
                        <select data-testid="pin-select" aria-label=format!("Pin {name} to a record") on:change=on_change>
                            <option value="" selected>"Choose..."</option>
                            {a.suggestions.iter().map(|id| {
                                let text = match record_name(id) {
                                    Some(n) => format!("{n} ({id})"),
                                    None => id.clone(),
                                };
                                view! { <option value={id.clone()}>{text}</option> }
                            }).collect_view()}
                            <option value=":none">"no record (in-house or not in the dataset)"</option>
                        </select>
                    }
                    .into_any()
                }
            };
            view! {
                <tr data-app=a.name.clone()>
                    <td>{a.name.clone()}</td>
                    <td>{found}</td>
                    <td>{control}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <section class="plan-pins" data-testid="plan-pins">
            <h2>"Pin matches"</h2>
            <p class="muted small">"Pinned matches are used before automatic matching, kept in this browser, and exported with \"Export overrides\" as the file "<code>"capcheck plan --overrides"</code>" reads."</p>
            <div class="table-wrap">
                <table class="plan-table">
                    <thead><tr><th>"App"</th><th>"Matching found"</th><th>"Pin"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    })
}
