//! The offboarding plan: for every app of a company's inventory, how a leaver's account is
//! removed, by whom, with which steps, what to reassign first and what evidence to keep.
//!
//! [`build`] makes one [`Plan`] value from the matched inventory, the dataset and the findings of
//! a check; [`render`] prints it as Markdown, CSV, JSON or HTML and [`chart`] draws its numbers
//! as plain SVG, for the CLI and the browser alike. The JSON shape is versioned by
//! [`PLAN_VERSION`]: fields may be added within a version, never removed or changed.

pub mod chart;
pub mod render;
mod steps;

use serde::Serialize;

use crate::dataset::Dataset;
use crate::diagnostic::Diagnostic;
use crate::inventory::matching::{Outcome, Via};
use crate::inventory::{Facts, Inventory};
use crate::model::{AppRecord, LifecycleMethod, Tri};
use crate::report::{Finding, Severity, SeverityCounts};

/// The version of the plan's JSON shape.
pub const PLAN_VERSION: u32 = 1;

/// The controls the plan's evidence serves.
pub const CONTROLS: [&str; 3] = ["SOC 2 CC6.2", "SOC 2 CC6.3", "ISO/IEC 27001:2022 A.5.18"];

/// How a leaver's account in an app is removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Path {
    /// By hand, in the app's admin console.
    Manual,
    /// Not known: no capability record, or the record does not document it.
    Unknown,
    /// Through the app's user API (a script or an integration).
    UserApi,
    /// By SCIM or the IdP's deactivation push, when the leaver is deactivated in the IdP.
    Automatic,
}

impl Path {
    /// Every path, riskiest first.
    pub const ALL: [Path; 4] = [Path::Manual, Path::Unknown, Path::UserApi, Path::Automatic];

    /// As the JSON and CSV spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Path::Manual => "manual",
            Path::Unknown => "unknown",
            Path::UserApi => "user-api",
            Path::Automatic => "automatic",
        }
    }

    /// As people read it.
    pub fn label(self) -> &'static str {
        match self {
            Path::Manual => "manual",
            Path::Unknown => "unknown",
            Path::UserApi => "user API",
            Path::Automatic => "automatic",
        }
    }
}

/// A finding on an app, as the plan lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanFinding {
    /// The rule's id.
    pub rule: String,
    /// Its severity.
    pub severity: Severity,
    /// Its message.
    pub message: String,
}

/// One app of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanApp {
    /// The app's name in the inventory.
    pub name: String,
    /// The inventory's other names for the same record (two workspaces of one app).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// The inventory lines the app is on.
    pub lines: Vec<usize>,
    /// What matching made of it: `matched`, `ambiguous`, `unmatched` or `no-record`.
    #[serde(rename = "match")]
    pub matched: &'static str,
    /// The matched record's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// How the record was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Via>,
    /// For an ambiguous app, the records it could be; for an unmatched one, records with a
    /// similar name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
    /// How the account is removed.
    pub path: Path,
    /// Why: the capability or the missing record behind the path.
    pub path_detail: String,
    /// Who does it: the owner the inventory names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Users or seats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub users: Option<u64>,
    /// Criticality in the inventory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criticality: Option<String>,
    /// Department in the inventory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The IdP in the inventory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idp: Option<String>,
    /// The highest severity among the app's findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// The app's findings, highest first.
    pub findings: Vec<PlanFinding>,
    /// What to reassign before the account goes.
    pub reassign: Vec<String>,
    /// The steps, in order.
    pub steps: Vec<String>,
    /// The evidence to keep.
    pub evidence: Vec<String>,
    /// What would make the plan for this app better (import its guide page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// The numbers that lead the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PlanSummary {
    /// Apps in the plan (inventory apps matching the same record count once).
    pub apps: usize,
    /// Removed automatically (SCIM or the IdP's push).
    pub automatic: usize,
    /// Removed through the user API.
    pub user_api: usize,
    /// Removed by hand.
    pub manual: usize,
    /// Not known.
    pub unknown: usize,
    /// Users of the manual apps, where the inventory gives them.
    pub manual_users: u64,
    /// Manual apps whose users the inventory does not give.
    pub manual_users_not_given: usize,
    /// Apps without a capability record (unmatched, ambiguous or pinned to none).
    pub no_record: usize,
    /// Apps by the highest severity of their findings.
    pub by_severity: SeverityCounts,
    /// Apps without findings.
    pub without_findings: usize,
}

impl PlanSummary {
    /// The count of one path.
    pub fn count(&self, path: Path) -> usize {
        match path {
            Path::Manual => self.manual,
            Path::Unknown => self.unknown,
            Path::UserApi => self.user_api,
            Path::Automatic => self.automatic,
        }
    }

    /// One line: "12 apps: 5 automatic, 1 user API, 4 manual (230 users), 2 unknown".
    pub fn line(&self) -> String {
        let users = match (self.manual_users, self.manual_users_not_given) {
            (_, 0) => format!(" ({} users)", self.manual_users),
            (0, n) if n == self.manual => String::new(),
            (u, n) => format!(" ({u} users; {n} without a count)"),
        };
        format!(
            "{} apps: {} automatic, {} user API, {} manual{users}, {} unknown",
            self.apps, self.automatic, self.user_api, self.manual, self.unknown
        )
    }
}

/// The offboarding plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// The version of this JSON shape ([`PLAN_VERSION`]).
    pub version: u32,
    /// The date the rules were evaluated as of.
    pub today: String,
    /// The leaver the plan is for, when named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leaver: Option<String>,
    /// The inventory file and its format.
    pub inventory: PlanInventory,
    /// The numbers.
    pub summary: PlanSummary,
    /// The controls the evidence serves.
    pub controls: Vec<&'static str>,
    /// The apps, riskiest first: manual, unknown, user API, automatic; within each, the
    /// highest severity, then the most users, then the name.
    pub apps: Vec<PlanApp>,
    /// Problems reading the inventory, the overrides, the data or the rules.
    pub diagnostics: Vec<Diagnostic>,
}

/// Which inventory the plan is built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanInventory {
    /// The file's name.
    pub file: String,
    /// Its format: `csv`, `okta` or `entra`.
    pub format: &'static str,
    /// How many apps it lists.
    pub apps: usize,
}

/// What [`build`] needs.
pub struct PlanInput<'a> {
    /// The dataset, with the inventory's facts on the matched records ([`crate::inventory::apply`]).
    pub dataset: &'a Dataset,
    /// The inventory.
    pub inventory: &'a Inventory,
    /// Each inventory app's match, in the inventory's order.
    pub outcomes: &'a [Outcome],
    /// The findings of the check over the matched records.
    pub findings: &'a [Finding],
    /// The evaluation date.
    pub today: &'a str,
    /// The leaver's name.
    pub leaver: Option<&'a str>,
    /// Problems met on the way.
    pub diagnostics: Vec<Diagnostic>,
}

/// How `record` loses a leaver's account, given what the inventory says.
pub fn path_of(record: &AppRecord, facts: Option<&Facts>) -> (Path, String) {
    let idp = facts.and_then(|f| f.idp.as_deref()).map(steps::idp_label);
    let push = facts.map_or("not-documented", Facts::push_deactivation);
    let removal = record
        .lifecycle
        .deprovisioning
        .value
        .as_deref()
        .unwrap_or(&[]);
    let has = |m: LifecycleMethod| removal.contains(&m);
    let scim = matches!(record.scim.available.value, Tri::Yes | Tri::Partial)
        && record.scim.operations.deactivate.value != Tri::No;
    if push == "yes" {
        let who = idp.unwrap_or("the IdP");
        return (Path::Automatic, format!("{who} pushes deactivation"));
    }
    if scim || has(LifecycleMethod::Scim) {
        if push == "no" {
            let who = idp.unwrap_or("the IdP");
            return (
                Path::Manual,
                format!("SCIM is available but {who} does not push deactivation: turn it on"),
            );
        }
        // The value the rules see rules here too, but a plan that leans on a disputed SCIM
        // says so: the analyst confirms it before trusting the automation.
        if record.scim.available.disputed() {
            return (
                Path::Automatic,
                "SCIM, though its sources disagree: confirm with the vendor".to_owned(),
            );
        }
        return (Path::Automatic, "SCIM".to_owned());
    }
    if record.user_api.value == Tri::Yes || has(LifecycleMethod::Api) {
        return (Path::UserApi, "the user API".to_owned());
    }
    let documented_manual = record.automation.manual_only.value == Tri::Yes
        || (record.scim.available.value == Tri::No && record.user_api.value == Tri::No)
        || (!removal.is_empty()
            && removal
                .iter()
                .all(|m| matches!(m, LifecycleMethod::Manual | LifecycleMethod::Idp)));
    if documented_manual {
        return (
            Path::Manual,
            "no SCIM and no user API: by hand in the admin console".to_owned(),
        );
    }
    (
        Path::Unknown,
        "not documented: confirm with the vendor".to_owned(),
    )
}

/// Builds the plan.
pub fn build(input: PlanInput<'_>) -> Plan {
    let PlanInput {
        dataset,
        inventory,
        outcomes,
        findings,
        today,
        leaver,
        diagnostics,
    } = input;
    let mut apps: Vec<PlanApp> = Vec::new();
    let mut by_record: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (app, outcome) in inventory.apps.iter().zip(outcomes) {
        if let Some(id) = outcome.record() {
            if let Some(&i) = by_record.get(id) {
                apps[i].also.push(app.name.clone());
                apps[i].lines.push(app.line);
                continue;
            }
            if let Some(loaded) = dataset.get(id) {
                by_record.insert(&loaded.record.id, apps.len());
                let via = match outcome {
                    Outcome::Matched { via, .. } => Some(*via),
                    _ => None,
                };
                apps.push(steps::matched(app, &loaded.record, via, findings, leaver));
                continue;
            }
        }
        apps.push(steps::unmatched(app, outcome, leaver));
    }
    apps.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then(b.severity.cmp(&a.severity))
            .then(b.users.cmp(&a.users))
            .then(a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    let mut summary = PlanSummary {
        apps: apps.len(),
        ..PlanSummary::default()
    };
    for a in &apps {
        match a.path {
            Path::Automatic => summary.automatic += 1,
            Path::UserApi => summary.user_api += 1,
            Path::Manual => {
                summary.manual += 1;
                match a.users {
                    Some(u) => summary.manual_users += u,
                    None => summary.manual_users_not_given += 1,
                }
            }
            Path::Unknown => summary.unknown += 1,
        }
        if a.record.is_none() {
            summary.no_record += 1;
        }
        match a.severity {
            Some(s) => summary.by_severity.add(s),
            None => summary.without_findings += 1,
        }
    }
    Plan {
        version: PLAN_VERSION,
        today: today.to_owned(),
        leaver: leaver.map(str::to_owned),
        inventory: PlanInventory {
            file: inventory.file.clone(),
            format: inventory.format.as_str(),
            apps: inventory.apps.len(),
        },
        summary,
        controls: CONTROLS.to_vec(),
        apps,
        diagnostics,
    }
}

#[cfg(test)]
mod tests;
