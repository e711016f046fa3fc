//! SARIF 2.1.0 (the OASIS static-analysis format code-scanning dashboards read).
//!
//! One run: the rules as `tool.driver.rules` (title, rationale, actions and controls, a level
//! and a `security-severity` from the severity); each finding a result located at its app's data
//! file and the line of the first evidence field, with the rule's file as a related location.
//! Waived findings carry a `suppressions` entry, baselined ones `baselineState: unchanged` (and
//! new ones `new` when a baseline was given). Every diagnostic is a tool execution
//! notification, and any error sets `executionSuccessful` to false.

use capcheck_core::waiver::WaivedFinding;
use capcheck_core::{Diagnostic, Finding, Level, Report, Rule, Severity};
use serde::{Serialize, Serializer};
use serde_json::{json, Value};

use super::lines::{uri, Lines};

/// The schema URI SARIF files name.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub code scanning reads this number to rank security results: over 9 is critical, 7 to
/// 8.9 high, 4 to 6.9 medium, 0.1 to 3.9 low.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

fn camel(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut c = part.chars();
            c.next()
                .map(|first| first.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn rule_descriptor(rule: &Rule) -> Value {
    let m = &rule.meta;
    let bullets = |items: &[String]| {
        items
            .iter()
            .map(|i| format!("- {i}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let text = format!(
        "{}\n\nWhat to do:\n{}\n\nControls: {}",
        m.rationale,
        bullets(&m.actions),
        m.controls.join(", ")
    );
    let markdown = format!(
        "{}\n\n**What to do**\n\n{}\n\n**Controls:** {}",
        m.rationale,
        bullets(&m.actions),
        m.controls.join(", ")
    );
    json!({
        "id": rule.id,
        "name": camel(&rule.id),
        "shortDescription": { "text": m.title },
        "fullDescription": { "text": m.rationale },
        "help": { "text": text, "markdown": markdown },
        "defaultConfiguration": { "level": level(m.severity) },
        "properties": {
            "security-severity": security_severity(m.severity),
            "severity": m.severity.as_str(),
            "controls": m.controls,
            "file": rule.file,
            "tags": ["security", "access-management"],
        },
    })
}

fn region(line: usize, column: Option<usize>) -> Value {
    match column {
        Some(c) => json!({ "startLine": line.max(1), "startColumn": c.max(1) }),
        None => json!({ "startLine": line.max(1) }),
    }
}

fn result(
    f: &Finding,
    rules: &[Rule],
    lines: &Lines<'_>,
    baseline_state: Option<&str>,
    suppression: Option<Value>,
) -> Value {
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&f.app_file) },
                "region": region(lines.of(f), None),
            },
            "logicalLocations": [{ "name": f.app, "fullyQualifiedName": f.app, "kind": "object" }],
        }],
        "relatedLocations": [{
            "id": 0,
            "message": { "text": format!("rule `{}`", f.rule) },
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&f.rule_file) },
                "region": region(1, None),
            },
        }],
        "partialFingerprints": { "capcheckFinding/v1": format!("{}:{}", f.rule, f.app) },
        "properties": {
            "app": f.app,
            "appName": f.app_name,
            "severity": f.severity.as_str(),
            "evidence": f.evidence,
        },
    });
    if let Some(i) = rules.iter().position(|rule| rule.id == f.rule) {
        r["ruleIndex"] = json!(i);
    }
    if let Some(state) = baseline_state {
        r["baselineState"] = json!(state);
    }
    if let Some(s) = suppression {
        r["suppressions"] = json!([s]);
    }
    r
}

fn notification(d: &Diagnostic) -> Value {
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str(&format!(" (help: {h})"));
    }
    let mut properties = serde_json::Map::new();
    for (k, v) in [("field", &d.field), ("rule", &d.rule), ("app", &d.app)] {
        if let Some(v) = v {
            properties.insert(k.to_owned(), json!(v));
        }
    }
    json!({
        "level": match d.level { Level::Error => "error", Level::Warning => "warning" },
        "message": { "text": text },
        "descriptor": { "id": d.code },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&d.file) },
                "region": region(d.span.map_or(1, |s| s.line), d.span.map(|s| s.column)),
            },
        }],
        "properties": properties,
    })
}

fn suppression(w: &WaivedFinding) -> Value {
    json!({
        "kind": "external",
        "status": "accepted",
        "justification": format!(
            "{} (owner: {}, expires {})",
            w.waiver.reason, w.waiver.owner, w.waiver.expires
        ),
        "location": {
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&w.waiver.file) },
                "region": region(w.waiver.line, None),
            },
        },
    })
}

/// The results, built one at a time as they are written: a log of 5,000 apps holds tens of
/// thousands of them.
struct Results<'a, 'b> {
    report: &'a Report,
    rules: &'a [Rule],
    lines: &'a Lines<'b>,
}

impl Serialize for Results<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (report, rules, lines) = (self.report, self.rules, self.lines);
        let with_baseline = !report.baselined.is_empty() || !report.fixed.is_empty();
        let new_state = with_baseline.then_some("new");
        let active = report
            .findings
            .iter()
            .map(|f| result(f, rules, lines, new_state, None));
        let waived = report
            .waived
            .iter()
            .map(|w| result(&w.finding, rules, lines, new_state, Some(suppression(w))));
        let baselined = report
            .baselined
            .iter()
            .map(|f| result(f, rules, lines, Some("unchanged"), None));
        serializer.collect_seq(active.chain(waived).chain(baselined))
    }
}

#[derive(Serialize)]
struct Log<'a, 'b> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a, 'b>; 1],
}

#[derive(Serialize)]
struct Run<'a, 'b> {
    tool: Value,
    invocations: Value,
    results: Results<'a, 'b>,
    properties: Value,
}

/// The report as a SARIF 2.1.0 log.
pub fn render(report: &Report, rules: &[Rule], lines: &Lines<'_>) -> String {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: json!({
                "driver": {
                    "name": "capcheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(rule_descriptor).collect::<Vec<_>>(),
                },
            }),
            invocations: json!([{
                "executionSuccessful": report.summary.errors == 0,
                "toolExecutionNotifications":
                    report.diagnostics.iter().map(notification).collect::<Vec<_>>(),
            }]),
            results: Results {
                report,
                rules,
                lines,
            },
            properties: {
                let mut p = json!({
                    "today": report.today,
                    "summary": report.summary,
                    "fixed": report.fixed,
                });
                if let Some(a) = &report.attribution {
                    p["attribution"] = json!(a);
                }
                p
            },
        }],
    };
    capcheck_core::front::json(&log)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_map_to_levels_and_scores() {
        assert_eq!(level(Severity::High), "error");
        assert_eq!(level(Severity::Medium), "warning");
        assert_eq!(level(Severity::Info), "note");
        assert_eq!(security_severity(Severity::Critical), "9.5");
        assert_eq!(camel("no-bulk-path"), "NoBulkPath");
    }
}
