//! Labels for fact values and severities: each has its own look *and* its own words, so nothing
//! is told by colour alone.

use capcheck_core::Severity;
use leptos::prelude::*;

/// A value as a label shows it: lists joined, `null` as not documented.
pub fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "not-documented".into(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A yes / no / partial / not documented value.
#[component]
pub fn FactLabel(#[prop(into)] value: String) -> impl IntoView {
    let (class, text) = match value.as_str() {
        "yes" => ("fact fact-yes", "✓ yes".to_owned()),
        "no" => ("fact fact-no", "✗ no".to_owned()),
        "partial" => ("fact fact-partial", "◐ partial".to_owned()),
        "not-documented" | "" => ("fact fact-nd", "? not documented".to_owned()),
        other => ("fact fact-text", other.to_owned()),
    };
    view! { <span class=class>{text}</span> }
}

/// A severity, named in words.
#[component]
pub fn SeverityLabel(severity: Severity, #[prop(optional)] count: Option<usize>) -> impl IntoView {
    let text = match count {
        Some(n) => format!("{n} {}", severity.as_str()),
        None => severity.as_str().to_owned(),
    };
    view! { <span class=format!("sev sev-{}", severity.as_str())>{text}</span> }
}
