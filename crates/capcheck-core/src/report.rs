//! Findings and the report every output format is printed from.
//!
//! The JSON form of [`Report`] is capcheck's machine-readable output. Its shape is versioned by
//! [`REPORT_VERSION`]: fields may be added within a version, never removed or changed. The
//! `waived`, `baselined` and `fixed` lists (and their counts in the summary) were added in
//! version 1 and are left out when empty, so reports of runs without waivers or a baseline are
//! unchanged.

use serde::{Deserialize, Serialize};

use crate::baseline::BaselineEntry;
use crate::diagnostic::{Diagnostic, Level};
use crate::view::Provenance;
use crate::waiver::WaivedFinding;

/// The version of the report's JSON shape.
pub const REPORT_VERSION: u32 = 1;

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

/// Counts for a report's summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Apps evaluated.
    pub apps: usize,
    /// Rules that ran.
    pub rules: usize,
    /// Rule-by-app evaluations made.
    pub evaluations: u64,
    /// Findings by severity, lowest first.
    pub findings: SeverityCounts,
    /// Error diagnostics.
    pub errors: usize,
    /// Warning diagnostics.
    pub warnings: usize,
    /// Findings a waiver covers (absent when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub waived: usize,
    /// Findings a baseline lists (absent when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub baselined: usize,
    /// Baseline entries that no longer fire (absent when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub fixed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
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

/// The outcome of a check: findings and every problem met on the way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The version of this JSON shape ([`REPORT_VERSION`]).
    pub version: u32,
    /// The date rules were evaluated as of (`today` in rules).
    pub today: String,
    /// Counts.
    pub summary: Summary,
    /// Findings, ordered by app id, then rule id: the ones that count for the exit code
    /// (neither waived nor in the baseline).
    pub findings: Vec<Finding>,
    /// Problems in data files and rules.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings a waiver covers, with the waiver (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waived: Vec<WaivedFinding>,
    /// Findings the baseline lists (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub baselined: Vec<Finding>,
    /// Baseline entries that no longer fire (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed: Vec<BaselineEntry>,
    /// The attribution the licence of a catalogue whose facts the report draws on requires
    /// (absent when it draws on none): see [`crate::catalogue::attribution`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
}

impl Report {
    /// Builds a report, ordering findings and counting.
    pub fn new(
        today: String,
        apps: usize,
        rules: usize,
        evaluations: u64,
        mut findings: Vec<Finding>,
        diagnostics: Vec<Diagnostic>,
    ) -> Report {
        crate::order::sort_by(&mut findings, |a, b| {
            a.app.cmp(&b.app).then_with(|| a.rule.cmp(&b.rule))
        });
        let summary = Summary {
            apps,
            rules,
            evaluations,
            findings: SeverityCounts::of(&findings),
            ..Summary::default()
        };
        let mut report = Report {
            version: REPORT_VERSION,
            today,
            summary,
            findings,
            diagnostics,
            waived: Vec::new(),
            baselined: Vec::new(),
            fixed: Vec::new(),
            attribution: None,
        };
        report.recount();
        report
    }

    /// Recomputes the summary's counts after findings were moved or diagnostics added.
    pub fn recount(&mut self) {
        let s = &mut self.summary;
        s.findings = SeverityCounts::of(&self.findings);
        s.errors = self
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .count();
        s.warnings = self
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Warning)
            .count();
        s.waived = self.waived.len();
        s.baselined = self.baselined.len();
        s.fixed = self.fixed.len();
    }

    /// True when any finding is at or above `threshold`.
    pub fn fails_at(&self, threshold: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= threshold)
    }
}
