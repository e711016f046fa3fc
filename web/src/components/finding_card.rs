//! One finding, explained: the message, the fields the rule read with their values and sources,
//! what to do, and the controls.

use capcheck_core::Finding;
use leptos::prelude::*;

use super::labels::{value_text, FactLabel, SeverityLabel};
use super::why_panel::WhyPanel;
use crate::state::{AppState, Route};

/// A finding card; `focused` highlights it (opened from the matrix).
#[component]
pub fn FindingCard(
    finding: Finding,
    #[prop(optional)] focused: bool,
    #[prop(optional)] show_app: bool,
    /// When given, the card also shows the rule's conditions as they ran on the app.
    #[prop(optional)]
    state: Option<AppState>,
) -> impl IntoView {
    let f = finding;
    let rule_href = Route::Rules(Some(f.rule.clone())).hash();
    let app_href = Route::App(f.app.clone(), None).hash();
    view! {
        <article class="finding" class:focused=focused id=format!("finding-{}", f.rule) data-rule=f.rule.clone()>
            <header>
                <SeverityLabel severity=f.severity />
                <strong>{f.title.clone()}</strong>
                {show_app.then(|| view! { <a href=app_href.clone()>{f.app_name.clone()}</a> })}
                <a class="rule-link" href=rule_href>{f.rule.clone()}</a>
            </header>
            <p class="message">{f.message.clone()}</p>
            <details open=focused>
                <summary>"Why: the fields this rule read"</summary>
                <table class="evidence">
                    <tbody>
                        {f.evidence.iter().map(|e| {
                            let value = value_text(&e.value);
                            let source = match (&e.provenance.document, e.provenance.line) {
                                (Some(d), Some(l)) => format!("{d}:{l}"),
                                (Some(d), None) => d.clone(),
                                _ => String::new(),
                            };
                            view! {
                                <tr>
                                    <td><code>{format!("app.{}", e.field)}</code></td>
                                    <td><FactLabel value=value /></td>
                                    <td class="source">
                                        {source}
                                        {e.provenance.inferred.then(|| view! { <span class="tag">"inferred from prose"</span> })}
                                        {e.provenance.quote.clone().map(|q| view! { <q>{q}</q> })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                {state.map(|state| view! { <WhyPanel state=state rule=f.rule.clone() app=f.app.clone() /> })}
                <h4>"What to do"</h4>
                <ul>{f.actions.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
                <p class="controls">"Controls: " {f.controls.join(", ")}</p>
            </details>
        </article>
    }
}
