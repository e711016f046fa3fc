//! The explorer: every app with its key capabilities and finding counts; search, filters,
//! sorting and pages.

use std::collections::BTreeMap;

use capcheck_core::report::SeverityCounts;
use capcheck_core::view::key_capabilities;
use capcheck_core::Severity;
use leptos::prelude::*;

use super::data_panel::DataPanel;
use super::labels::{FactLabel, SeverityLabel};
use super::pager::Pager;
use crate::state::{AppState, Route};

const PAGE: usize = 50;

/// The capability columns a user can filter and sort on.
const CAPS: [(&str, &str); 5] = [
    ("user_api", "User API"),
    ("scim", "SCIM"),
    ("sso", "SSO"),
    ("jit", "JIT"),
    ("webhooks", "Webhooks"),
];

/// One row, precomputed for filtering and sorting.
#[derive(Clone, PartialEq)]
struct Row {
    id: String,
    name: String,
    caps: [&'static str; 5],
    scim_plan: Option<String>,
    idps: Vec<&'static str>,
    counts: SeverityCounts,
    rules: Vec<String>,
    worst: Option<Severity>,
    /// The sources disagree on a fact.
    disputed: bool,
}

/// The explorer page.
#[component]
pub fn Explorer(state: AppState) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let filters = RwSignal::new(BTreeMap::<&'static str, String>::new());
    let min_severity = RwSignal::new(String::new());
    let rule_filter = RwSignal::new(String::new());
    let disputed_only = RwSignal::new(false);
    let sort = RwSignal::new(("name", true));
    let page = RwSignal::new(0usize);

    let rows = Memo::new(move |_| {
        let mut per_app: BTreeMap<String, (SeverityCounts, Vec<String>)> = BTreeMap::new();
        state.results.with(|results| {
            for r in results.values() {
                for f in r.findings.iter() {
                    let e = per_app.entry(f.app.clone()).or_default();
                    e.0.add(f.severity);
                    e.1.push(f.rule.clone());
                }
            }
        });
        state.dataset.with(|set| {
            set.apps
                .iter()
                .map(|a| {
                    let r = &a.record;
                    let (counts, rules) = per_app.remove(&r.id).unwrap_or_default();
                    let worst = counts.worst();
                    let k = key_capabilities(r);
                    Row {
                        id: r.id.clone(),
                        name: r.name.clone(),
                        // In the order of CAPS.
                        caps: [k.user_api, k.scim, k.sso, k.jit, k.webhooks],
                        scim_plan: k.scim_plan.map(str::to_owned),
                        idps: k.idps,
                        counts,
                        rules,
                        worst,
                        disputed: !capcheck_core::merge::disputes(r).is_empty(),
                    }
                })
                .collect::<Vec<_>>()
        })
    });

    let visible = Memo::new(move |_| {
        let q = search.get().to_lowercase();
        let f = filters.get();
        let min = Severity::parse(&min_severity.get());
        let rule = rule_filter.get();
        let disputed = disputed_only.get();
        let (key, asc) = sort.get();
        let mut out: Vec<Row> = rows.with(|rows| {
            rows.iter()
                .filter(|r| q.is_empty() || r.name.to_lowercase().contains(&q) || r.id.contains(&q))
                .filter(|r| {
                    CAPS.iter()
                        .enumerate()
                        .all(|(i, (k, _))| f.get(k).is_none_or(|v| v.is_empty() || r.caps[i] == v))
                })
                .filter(|r| min.is_none_or(|m| r.worst.is_some_and(|w| w >= m)))
                .filter(|r| rule.is_empty() || r.rules.contains(&rule))
                .filter(|r| !disputed || r.disputed)
                .cloned()
                .collect()
        });
        capcheck_core::order::sort_by(&mut out, |a, b| {
            let o = match key {
                "findings" => b
                    .worst
                    .cmp(&a.worst)
                    .then_with(|| b.counts.total().cmp(&a.counts.total())),
                "name" => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
                k => {
                    let i = CAPS.iter().position(|(c, _)| *c == k).unwrap_or(0);
                    a.caps[i].cmp(b.caps[i])
                }
            };
            if asc {
                o
            } else {
                o.reverse()
            }
        });
        out
    });

    let total = move || rows.with(Vec::len);
    let shown = move || visible.with(Vec::len);
    let pages = move || shown().div_ceil(PAGE).max(1);
    let reset_page = move || page.set(0);

    let header = move |key: &'static str, label: &'static str| {
        let arrow = move || match sort.get() {
            (k, true) if k == key => " ▲",
            (k, false) if k == key => " ▼",
            _ => "",
        };
        view! {
            <th>
                <button class="sort" on:click=move |_| sort.update(|s| *s = if s.0 == key { (key, !s.1) } else { (key, true) })>
                    {label}{arrow}
                </button>
            </th>
        }
    };

    view! {
        <section class="explorer">
            <div class="page-head">
                <h1>"Apps"</h1>
                <DataPanel state=state />
            </div>
            <div class="filters" role="search">
                <input
                    type="search"
                    placeholder="Search apps"
                    aria-label="Search apps"
                    prop:value=move || search.get()
                    on:input=move |ev| { search.set(event_target_value(&ev)); reset_page(); }
                />
                {CAPS.map(|(key, label)| view! {
                    <label class="filter">
                        {label}
                        <select
                            aria-label=format!("Filter by {label}")
                            data-filter=key
                            on:change=move |ev| { let v = event_target_value(&ev); filters.update(|f| { f.insert(key, v); }); reset_page(); }
                        >
                            <option value="">"any"</option>
                            <option value="yes">"yes"</option>
                            <option value="no">"no"</option>
                            <option value="partial">"partial"</option>
                            <option value="not-documented">"not documented"</option>
                        </select>
                    </label>
                })}
                <label class="filter">
                    "Severity"
                    <select aria-label="Filter by severity" on:change=move |ev| { min_severity.set(event_target_value(&ev)); reset_page(); }>
                        <option value="">"any"</option>
                        {Severity::ALL.iter().rev().map(|s| view! { <option value=s.as_str()>{format!("{} or worse", s.as_str())}</option> }).collect_view()}
                    </select>
                </label>
                <label class="filter">
                    "Rule"
                    <select aria-label="Filter by rule" on:change=move |ev| { rule_filter.set(event_target_value(&ev)); reset_page(); }>
                        <option value="">"any"</option>
                        {move || state.results.with(|r| r.keys().cloned().collect::<Vec<_>>()).into_iter().map(|id| view! { <option value=id.clone()>{id.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="filter">
                    <input type="checkbox" data-filter="disputes" on:change=move |ev| { disputed_only.set(event_target_checked(&ev)); reset_page(); } />
                    "Sources disagree"
                </label>
            </div>
            <p class="count" data-testid="app-count">{move || format!("Showing {} of {} apps", shown(), total())}</p>
            <div class="table-wrap">
                <table class="apps">
                    <thead>
                        <tr>
                            {header("name", "App")}
                            {CAPS.map(|(k, l)| header(k, l))}
                            <th>"SCIM plan"</th>
                            <th>"IdPs"</th>
                            {header("findings", "Findings")}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let start = page.get() * PAGE;
                            visible.with(|v| v.iter().skip(start).take(PAGE).cloned().collect::<Vec<_>>())
                                .into_iter()
                                .map(|r| {
                                    let href = Route::App(r.id.clone(), None).hash();
                                    view! {
                                        <tr data-app=r.id.clone()>
                                            <td><a href=href>{r.name.clone()}</a></td>
                                            {r.caps.map(|v| view! { <td><FactLabel value=v /></td> })}
                                            <td>{r.scim_plan.clone().unwrap_or_else(|| "not documented".into())}</td>
                                            <td>{if r.idps.is_empty() { "not documented".to_owned() } else { r.idps.join(", ") }}</td>
                                            <td class="counts">
                                                {Severity::ALL.iter().rev().filter(|s| r.counts.get(**s) > 0).map(|s| view! { <SeverityLabel severity=*s count=r.counts.get(*s) /> }).collect_view()}
                                                {(r.counts.total() == 0).then(|| view! { <span class="none">"none"</span> })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <Pager page=page pages=Signal::derive(pages) />
        </section>
    }
}
