//! One app's entry in the plan: its path, steps, what to reassign and the evidence to keep.

use super::{path_of, Path, PlanApp, PlanFinding};
use crate::inventory::matching::{Outcome, Via};
use crate::inventory::{Facts, InventoryApp};
use crate::model::AppRecord;
use crate::report::{Finding, Severity};

/// An IdP as people name it (`okta` -> `Okta`).
pub(super) fn idp_label(idp: &str) -> &str {
    match idp {
        "okta" => "Okta",
        "entra" | "azure ad" | "azure" | "entra id" => "Microsoft Entra",
        "google" | "google-workspace" | "google workspace" => "Google Workspace",
        "onelogin" => "OneLogin",
        "jumpcloud" => "JumpCloud",
        other => other,
    }
}

/// Words of a scenario title that mark it as an offboarding scenario.
const OFFBOARDING: [&str; 6] = [
    "offboard",
    "deprovision",
    "remov",
    "deactivat",
    "leaver",
    "terminat",
];

/// Replaces "the leaver" in a sentence with the leaver's name.
fn personal(text: &str, leaver: Option<&str>) -> String {
    match leaver {
        Some(name) => text
            .replace("the leaver's", &format!("{name}'s"))
            .replace("The leaver's", &format!("{name}'s"))
            .replace("the leaver", name)
            .replace("The leaver", name),
        None => text.to_owned(),
    }
}

fn evidence(
    app: &str,
    path: Path,
    leaver: Option<&str>,
    reassign: bool,
    idp: Option<&str>,
) -> Vec<String> {
    let who = leaver.unwrap_or("the leaver");
    let mut out = vec![format!(
        "Who removed {who}'s {app} account and when: the ticket or change record (SOC 2 CC6.2)"
    )];
    if path == Path::Automatic {
        out.push(format!(
            "{}'s provisioning log entry showing the deactivation reached {app} (SOC 2 CC6.2)",
            idp.unwrap_or("The IdP")
        ));
    }
    out.push(format!(
        "{app}'s user list after the removal, showing the account gone or deactivated (SOC 2 CC6.3, ISO/IEC 27001:2022 A.5.18)"
    ));
    if reassign {
        out.push(format!("Who took over what {who} owned in {app}, and when"));
    }
    out
}

/// The plan for an app with a capability record.
pub(super) fn matched(
    app: &InventoryApp,
    record: &AppRecord,
    via: Option<Via>,
    findings: &[Finding],
    leaver: Option<&str>,
) -> PlanApp {
    let facts = record.inventory.clone().unwrap_or_else(|| Facts::of(app));
    let (path, detail) = path_of(record, Some(&facts));
    let name = &app.name;
    let who_s = leaver.map_or("the leaver's".to_owned(), |l| format!("{l}'s"));
    let idp = facts.idp.as_deref().map(idp_label);
    let mut plan_findings: Vec<PlanFinding> = findings
        .iter()
        .filter(|f| f.app == record.id)
        .map(|f| PlanFinding {
            rule: f.rule.clone(),
            severity: f.severity,
            message: f.message.clone(),
        })
        .collect();
    plan_findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.rule.cmp(&b.rule)));
    let reassign: Vec<String> = record
        .lifecycle
        .reassign_on_offboarding
        .value
        .clone()
        .unwrap_or_default();
    let mut steps: Vec<String> = Vec::new();
    if !reassign.is_empty() {
        steps.push(format!(
            "Before removing the account, reassign {who_s} {} in {name}",
            reassign.join(", ")
        ));
    }
    let owner = facts
        .owner
        .as_deref()
        .map_or(String::new(), |o| format!(" ({o})"));
    match path {
        Path::Automatic => {
            let (who, idp_name) = (leaver.unwrap_or("the leaver"), idp.unwrap_or("the IdP"));
            if facts.push_deactivation() == "yes" {
                steps.push(format!(
                    "Deactivate {who} in {idp_name}: it pushes the deactivation to {name}"
                ));
            } else {
                steps.push(format!(
                    "Confirm {idp_name}'s SCIM provisioning for {name} has deactivation turned on"
                ));
                steps.push(format!(
                    "Deactivate {who} in {idp_name}: SCIM then deactivates the {name} account"
                ));
            }
            steps.push(format!("Check that {name} shows {who_s} account deactivated{owner}"));
        }
        Path::UserApi => steps.push(format!(
            "Deactivate {who_s} {name} account through its user API (a script or an integration){owner}"
        )),
        Path::Manual => steps.push(format!(
            "Sign in to {name}'s admin console and deactivate {who_s} account by hand{owner}"
        )),
        Path::Unknown => steps.push(format!(
            "Confirm with the vendor how {name} accounts are removed, then remove {who_s} account{owner}"
        )),
    }
    for s in record.scenarios.iter().filter(|s| {
        let t = s.title.to_lowercase();
        OFFBOARDING.iter().any(|w| t.contains(w))
    }) {
        for step in &s.steps {
            steps.push(personal(step, leaver));
        }
        if let Some(w) = &s.watch_out {
            steps.push(format!("Watch out: {}", personal(w, leaver)));
        }
    }
    // Actions of findings that bear on offboarding; info and low ones are about the record.
    for f in findings
        .iter()
        .filter(|f| f.app == record.id && f.severity >= Severity::Medium)
    {
        for a in &f.actions {
            let a = personal(a, leaver);
            if !steps.contains(&a) {
                steps.push(a);
            }
        }
    }
    let severity = plan_findings.first().map(|f| f.severity);
    PlanApp {
        name: name.clone(),
        also: Vec::new(),
        lines: vec![app.line],
        matched: "matched",
        record: Some(record.id.clone()),
        via,
        suggestions: Vec::new(),
        path,
        path_detail: detail,
        owner: facts.owner.clone(),
        users: facts.users,
        criticality: facts.criticality.clone(),
        department: facts.department.clone(),
        idp: facts.idp.clone(),
        severity,
        findings: plan_findings,
        evidence: evidence(name, path, leaver, !reassign.is_empty(), idp),
        reassign,
        steps,
        hint: None,
    }
}

/// The plan for an app without a capability record: unknown, never dropped.
pub(super) fn unmatched(app: &InventoryApp, outcome: &Outcome, leaver: Option<&str>) -> PlanApp {
    let name = &app.name;
    let who_s = leaver.map_or("the leaver's".to_owned(), |l| format!("{l}'s"));
    let (matched, suggestions, detail) = match outcome {
        Outcome::Ambiguous { candidates } => (
            "ambiguous",
            candidates.clone(),
            format!(
                "several records fit ({}): pin one in the overrides file",
                candidates.join(", ")
            ),
        ),
        Outcome::Unmatched { suggestions } => (
            "unmatched",
            suggestions.clone(),
            "no capability record".to_owned(),
        ),
        _ => (
            "no-record",
            Vec::new(),
            "no capability record (pinned in the overrides file)".to_owned(),
        ),
    };
    let owner = app
        .owner
        .as_deref()
        .map_or(String::new(), |o| format!(" ({o})"));
    let steps = vec![
        format!("Confirm with the vendor how {name} accounts are removed{owner}"),
        format!("Remove {who_s} {name} account, by hand unless the vendor names another way"),
    ];
    let hint = (matched != "no-record").then(|| {
        format!(
            "import {name}'s user-management guide page (`capcheck import PAGE`, or \"Import guide page...\" in the browser) to give it a capability record"
        )
    });
    PlanApp {
        name: name.clone(),
        also: Vec::new(),
        lines: vec![app.line],
        matched,
        record: None,
        via: None,
        suggestions,
        path: Path::Unknown,
        path_detail: detail,
        owner: app.owner.clone(),
        users: app.users,
        criticality: app.criticality.clone(),
        department: app.department.clone(),
        idp: app.idp.clone(),
        severity: None,
        findings: Vec::new(),
        reassign: Vec::new(),
        steps,
        evidence: evidence(name, Path::Unknown, leaver, false, None),
        hint,
    }
}
