//! Rules by apps: each cell shows the finding's severity in colour and in words; a click opens
//! that finding on the app's page.

use std::collections::BTreeMap;

use capcheck_core::Severity;
use leptos::prelude::*;

use super::pager::Pager;

use crate::state::{AppState, Route};

const PAGE: usize = 50;

/// The matrix page.
#[component]
pub fn Matrix(state: AppState) -> impl IntoView {
    let page = RwSignal::new(0usize);
    let cells = Memo::new(move |_| {
        state.results.with(|r| {
            let mut m: BTreeMap<(String, String), (Severity, String)> = BTreeMap::new();
            for res in r.values() {
                for f in res.findings.iter() {
                    m.insert(
                        (f.app.clone(), f.rule.clone()),
                        (f.severity, f.message.clone()),
                    );
                }
            }
            m
        })
    });
    let rules = move || {
        state
            .results
            .with(|r| r.keys().cloned().collect::<Vec<_>>())
    };
    let apps = move || {
        state.dataset.with(|d| {
            d.apps
                .iter()
                .map(|a| (a.record.id.clone(), a.record.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let pages = move || state.dataset.with(|d| d.apps.len()).div_ceil(PAGE).max(1);
    view! {
        <section class="matrix-page">
            <h1>"Rules by apps"</h1>
            <p class="muted">"Each cell is a finding: C critical, H high, M medium, L low, I info. Click a cell to open it."</p>
            <div class="table-wrap">
                <table class="matrix">
                    <thead>
                        <tr>
                            <th>"App"</th>
                            {move || rules().into_iter().map(|r| view! { <th class="rule-head"><a href=Route::Rules(Some(r.clone())).hash() title=r.clone()>{r.clone()}</a></th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let rules = rules();
                            apps().into_iter().skip(page.get() * PAGE).take(PAGE).map(|(id, name)| {
                                let row: Vec<_> = rules.iter().map(|rule| {
                                    let cell = cells.with(|c| c.get(&(id.clone(), rule.clone())).cloned());
                                    match cell {
                                        Some((sev, message)) => {
                                            let letter = sev.as_str()[..1].to_uppercase();
                                            let href = Route::App(id.clone(), Some(rule.clone())).hash();
                                            view! { <td><a class=format!("cell sev sev-{}", sev.as_str()) href=href title=message aria-label=format!("{} {} on {}", sev.as_str(), rule, id)>{letter}</a></td> }.into_any()
                                        }
                                        None => view! { <td class="empty"><span class="visually-hidden">"no finding"</span></td> }.into_any(),
                                    }
                                }).collect();
                                view! { <tr data-app=id.clone()><th><a href=Route::App(id.clone(), None).hash()>{name}</a></th>{row}</tr> }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <Pager page=page pages=Signal::derive(pages) />
        </section>
    }
}
