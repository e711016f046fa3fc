//! `capcheck show`: one app's record with the source of every value, and its findings.

use capcheck_core::model::AppRecord;
use capcheck_core::view::{dynamic_to_json, fields, Field, Provenance};
use capcheck_core::{catalogue, merge, Finding, LoadedApp};

use super::style::{self, paint, BOLD, DIM};

pub(crate) fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "not documented".into(),
        serde_json::Value::String(s) if s == "not-documented" => "not documented".into(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(value_text).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}

pub(crate) fn cite(p: &Provenance) -> String {
    let mut out = String::new();
    if let Some(d) = &p.document {
        out.push_str(d);
        if let Some(l) = p.line {
            out.push_str(&format!(":{l}"));
        }
    }
    if p.inferred {
        out.push_str(" (inferred)");
    }
    if let Some(raw) = &p.raw {
        out.push_str(&format!(" page prints {raw:?}"));
    }
    out
}

/// The app for people.
pub fn text(app: &LoadedApp, findings: &[&Finding]) -> String {
    let r = &app.record;
    let mut out = format!(
        "{} {}\n",
        paint(BOLD, &r.name),
        paint(DIM, &format!("({}, {})", r.id, app.file))
    );
    for s in &r.sources {
        let what = s.title.clone().unwrap_or_else(|| s.id.clone());
        let doc = s
            .document
            .clone()
            .or_else(|| s.url.clone())
            .unwrap_or_default();
        let updated = s
            .updated
            .as_deref()
            .map(|u| format!(", updated {u}"))
            .unwrap_or_default();
        out.push_str(&format!("source: {what} [{doc}{updated}]\n"));
    }
    if let Some(summary) = &r.summary.value {
        out.push_str(&format!("\n{}\n  {summary}\n", paint(BOLD, "Summary")));
    }
    out.push_str(&format!("\n{}\n", paint(BOLD, "Capabilities")));
    let all = fields(r);
    let shown: Vec<_> = all
        .iter()
        .filter(|f| f.provenance.is_some() && !matches!(f.path, "summary" | "updated"))
        .collect();
    let width = shown.iter().map(|f| f.path.len()).max().unwrap_or(0);
    let values: Vec<String> = shown
        .iter()
        .map(|f| {
            let v = value_text(&dynamic_to_json(&f.value));
            if v.chars().count() > 48 {
                v.chars().take(45).collect::<String>() + "..."
            } else {
                v
            }
        })
        .collect();
    let value_width = values.iter().map(|v| v.chars().count()).max().unwrap_or(0);
    for (f, v) in shown.iter().zip(values) {
        let src = f.provenance.as_ref().map(cite).unwrap_or_default();
        let pad = value_width - v.chars().count();
        out.push_str(&format!(
            "  {:width$}  {v}{}  {}\n",
            f.path,
            " ".repeat(pad),
            paint(DIM, &src)
        ));
    }
    disputes(&mut out, r, &all);
    if !r.limitations.is_empty() {
        out.push_str(&format!("\n{}\n", paint(BOLD, "Limitations")));
        for l in &r.limitations {
            if let Some(v) = &l.value {
                out.push_str(&format!(
                    "  - {v} {}\n",
                    paint(
                        DIM,
                        &l.line.map(|n| format!("(line {n})")).unwrap_or_default()
                    )
                ));
            }
        }
    }
    if !r.scenarios.is_empty() {
        out.push_str(&format!("\n{}\n", paint(BOLD, "Scenarios")));
        for s in &r.scenarios {
            out.push_str(&format!(
                "  {} {}\n",
                s.title,
                paint(
                    DIM,
                    &s.line.map(|n| format!("(line {n})")).unwrap_or_default()
                )
            ));
            for (i, step) in s.steps.iter().enumerate() {
                out.push_str(&format!("    {}. {step}\n", i + 1));
            }
            if let Some(w) = &s.watch_out {
                out.push_str(&format!("    Watch out for: {w}\n"));
            }
        }
    }
    if !r.traps.is_empty() {
        out.push_str(&format!("\n{}\n", paint(BOLD, "Integration traps")));
        for t in &r.traps {
            if let Some(v) = &t.value {
                out.push_str(&format!("  - {v}\n"));
            }
        }
    }
    out.push_str(&format!(
        "\n{}\n",
        paint(BOLD, &format!("Findings ({})", findings.len()))
    ));
    let mut sorted = findings.to_vec();
    sorted.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.rule.cmp(&b.rule))
    });
    for f in sorted {
        out.push_str(&format!(
            "  {} {} {}\n    {}\n",
            paint(
                style::severity(f.severity),
                &f.severity.as_str().to_uppercase()
            ),
            paint(BOLD, &f.rule),
            paint(DIM, &format!("({})", f.rule_file)),
            f.message
        ));
        out.push_str("    why:\n");
        for e in &f.evidence {
            out.push_str(&format!(
                "      {} = {}  {}\n",
                e.field,
                value_text(&e.value),
                paint(DIM, &cite(&e.provenance))
            ));
        }
        out.push_str("    do:\n");
        for a in &f.actions {
            out.push_str(&format!("      - {a}\n"));
        }
        out.push_str(&format!("    controls: {}\n", f.controls.join(", ")));
    }
    if let Some(line) = attribution(r) {
        out.push_str(&format!("\n{}\n", paint(DIM, &line)));
    }
    out
}

/// The record and its findings as JSON.
pub fn json(app: &LoadedApp, findings: &[&Finding]) -> String {
    let mut value =
        serde_json::json!({ "file": app.file, "record": app.record, "findings": findings });
    if catalogue::cites_catalogue(&app.record) {
        value["attribution"] = catalogue::ATTRIBUTION.into();
    }
    capcheck_core::front::json(&value)
}

/// The facts whose sources disagree, each source's value with its document and line, and why the
/// shown value won.
fn disputes(out: &mut String, r: &AppRecord, all: &[Field]) {
    let disputed = merge::disputes(r);
    if disputed.is_empty() {
        return;
    }
    let document = |id: &str| {
        r.sources
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| s.document.clone().or_else(|| s.url.clone()))
            .unwrap_or_else(|| id.to_owned())
    };
    out.push_str(&format!(
        "\n{}\n",
        paint(BOLD, &format!("Sources disagree ({})", disputed.len()))
    ));
    for path in disputed {
        let Some(field) = all.iter().find(|f| f.path == path) else {
            continue;
        };
        let Some(p) = &field.provenance else { continue };
        out.push_str(&format!("  {path}\n"));
        out.push_str(&format!(
            "    shown  {}  {}\n",
            value_text(&dynamic_to_json(&field.value)),
            paint(DIM, &cite(p))
        ));
        for c in &p.others {
            let about = c
                .field
                .as_deref()
                .map(|f| format!("{f} = "))
                .unwrap_or_default();
            let at = match c.line {
                Some(l) => format!("{}:{l}", document(&c.source)),
                None => document(&c.source),
            };
            let quote = c
                .quote
                .as_deref()
                .map(|q| format!(" {q:?}"))
                .unwrap_or_default();
            out.push_str(&format!(
                "    {}  {about}{}  {}\n",
                c.source,
                value_text(&serde_json::Value::String(c.value.clone())),
                paint(DIM, &format!("{at}{quote}"))
            ));
        }
        if let Some(reason) = &p.reason {
            out.push_str(&format!(
                "    {}\n",
                paint(DIM, &format!("why shown: {reason}"))
            ));
        }
    }
}

/// The attribution line a record with catalogue facts needs.
pub(crate) fn attribution(r: &AppRecord) -> Option<String> {
    catalogue::cites_catalogue(r).then(|| format!("Catalogue facts: {}", catalogue::ATTRIBUTION))
}
