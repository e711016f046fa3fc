//! Findings: what a rule reports on one app, how much it matters, the evidence it cites, and the
//! order and counts every report uses. `crate::report` gathers them into a report.

use serde::{Deserialize, Serialize};

use crate::view::Provenance;

/// How much a finding matters, from `info` to `critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Low risk.
    Low,
    /// Medium risk.
    Medium,
    /// High risk.
    High,
    /// Critical risk.
    Critical,
}

impl Severity {
    /// Every severity, lowest first.
    pub const ALL: [Severity; 5] = [
        Severity::Info,
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    /// The severity as written in rules and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// Parses `info`, `low`, `medium`, `high` or `critical`.
    pub fn parse(text: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// One app field a rule read, its value, and where the value came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The field's path under `app`.
    pub field: String,
    /// The value the rule saw (`null` where not documented).
    pub value: serde_json::Value,
    /// Where the value came from.
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// A rule's finding on one app.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's id.
    pub rule: String,
    /// The app's id.
    pub app: String,
    /// The app's name.
    pub app_name: String,
    /// The rule's severity.
    pub severity: Severity,
    /// The rule's title.
    pub title: String,
    /// What the rule says of this app.
    pub message: String,
    /// What to do about it.
    pub actions: Vec<String>,
    /// Control references (SOC 2, ISO/IEC 27001, NIST SP 800-53, CIS Controls).
    pub controls: Vec<String>,
    /// The app fields the rule read, with their values and sources.
    pub evidence: Vec<Evidence>,
    /// The file the rule came from.
    pub rule_file: String,
    /// The file the app's record came from.
    pub app_file: String,
}

/// A count per severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    /// Info findings.
    pub info: usize,
    /// Low findings.
    pub low: usize,
    /// Medium findings.
    pub medium: usize,
    /// High findings.
    pub high: usize,
    /// Critical findings.
    pub critical: usize,
}

impl SeverityCounts {
    /// Counts the findings' severities.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> SeverityCounts {
        let mut c = SeverityCounts::default();
        for f in findings {
            c.add(f.severity);
        }
        c
    }

    /// Adds one finding of this severity.
    pub fn add(&mut self, s: Severity) {
        match s {
            Severity::Info => self.info += 1,
            Severity::Low => self.low += 1,
            Severity::Medium => self.medium += 1,
            Severity::High => self.high += 1,
            Severity::Critical => self.critical += 1,
        }
    }

    /// The worst severity counted, if any: what an app's row is marked with.
    pub fn worst(&self) -> Option<Severity> {
        Severity::ALL
            .iter()
            .rev()
            .find(|s| self.get(**s) > 0)
            .copied()
    }

    /// The count for one severity.
    pub fn get(&self, s: Severity) -> usize {
        match s {
            Severity::Info => self.info,
            Severity::Low => self.low,
            Severity::Medium => self.medium,
            Severity::High => self.high,
            Severity::Critical => self.critical,
        }
    }

    /// All findings.
    pub fn total(&self) -> usize {
        Severity::ALL.iter().map(|s| self.get(*s)).sum()
    }
}

/// Puts findings in report order, by app id then rule id: the order of every report, in the CLI
/// and the browser alike.
pub fn order(findings: &mut Vec<Finding>) {
    crate::order::sort_by(findings, |a: &Finding, b: &Finding| {
        a.app.cmp(&b.app).then_with(|| a.rule.cmp(&b.rule))
    });
}
