//! Findings and the report every output format is printed from.
//!
//! The JSON form of [`Report`] is capcheck's machine-readable output. Its shape is versioned by
//! [`REPORT_VERSION`]: fields may be added within a version, never removed or changed. The
//! `waived`, `baselined` and `fixed` lists (and their counts in the summary) were added in
//! version 1 and are left out when empty, so reports of runs without waivers or a baseline are
//! unchanged.

use serde::Serialize;

use crate::baseline::BaselineEntry;
use crate::diagnostic::{Diagnostic, Level};
pub use crate::finding::{order, Evidence, Finding, Severity, SeverityCounts};
use crate::waiver::WaivedFinding;

/// The version of the report's JSON shape.
pub const REPORT_VERSION: u32 = 1;

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
        order(&mut findings);
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

    /// The report as the CLI's `--format json` writes it (the versioned shape of
    /// `docs/report.schema.json`), and the browser's "Export findings JSON".
    pub fn to_json(&self) -> String {
        crate::encode::json(self)
    }

    /// The report as the CLI's `--format csv` writes it, and the browser's "Export findings
    /// CSV": one row per finding, with a `status` column (new, waived, baselined) only when
    /// something was set apart, so plain runs keep their shape. A catalogue's attribution, when
    /// the findings draw on one, closes the file as a `#` comment line.
    pub fn to_csv(&self) -> String {
        let with_status = !self.waived.is_empty() || !self.baselined.is_empty();
        let rows = self
            .findings
            .iter()
            .map(|f| (f, "new"))
            .chain(self.waived.iter().map(|w| (&w.finding, "waived")))
            .chain(self.baselined.iter().map(|f| (f, "baselined")));
        let mut header = vec![
            "severity",
            "app",
            "app_name",
            "rule",
            "title",
            "message",
            "actions",
            "controls",
            "evidence",
            "app_file",
            "rule_file",
        ];
        if with_status {
            header.push("status");
        }
        let mut records: Vec<Vec<String>> = vec![header.iter().map(|h| (*h).to_owned()).collect()];
        for (f, status) in rows {
            let evidence: Vec<String> = f
                .evidence
                .iter()
                .map(|e| {
                    let at = match (&e.provenance.document, e.provenance.line) {
                        (Some(d), Some(l)) => format!(" ({d}:{l})"),
                        (Some(d), None) => format!(" ({d})"),
                        _ => String::new(),
                    };
                    format!("{}={}{at}", e.field, e.value)
                })
                .collect();
            let mut record = vec![
                f.severity.as_str().to_owned(),
                f.app.clone(),
                f.app_name.clone(),
                f.rule.clone(),
                f.title.clone(),
                f.message.clone(),
                f.actions.join("; "),
                f.controls.join("; "),
                evidence.join("; "),
                f.app_file.clone(),
                f.rule_file.clone(),
            ];
            if with_status {
                record.push(status.to_owned());
            }
            records.push(record);
        }
        let mut text = crate::encode::csv(&records);
        if let Some(a) = &self.attribution {
            text.push_str(&format!("# Catalogue facts: {a}\n"));
        }
        text
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

#[cfg(test)]
mod tests {
    use crate::{check, Context, DataFile, RuleSource};

    /// Two apps, one rule whose message holds a comma and a quote, one bad rule.
    fn sample() -> super::Report {
        let data = "id = \"zeta\"\nname = \"Zeta\"\n[[sources]]\nid = \"guide\"\n[scim]\navailable = { value = \"no\", line = 4 }\n";
        let other = "id = \"alpha\"\nname = \"Alpha\"\n[[sources]]\nid = \"guide\"\ndocument = \"alpha.md\"\n[scim]\navailable = { value = \"no\", line = 7 }\n";
        let rule = "fn meta() { #{ title: \"No SCIM\", severity: \"high\", rationale: \"Accounts stay.\", actions: [\"Remove by hand\", \"Reassign\"], controls: [\"SOC 2 CC6.2\"] } }\nif app.scim.available == \"no\" { `${app.name}, \"no SCIM\"` }\n";
        check(
            &[
                DataFile {
                    name: "zeta.toml",
                    text: data,
                },
                DataFile {
                    name: "alpha.toml",
                    text: other,
                },
            ],
            &[
                RuleSource {
                    name: "no-scim.rhai",
                    text: rule,
                },
                RuleSource {
                    name: "broken.rhai",
                    text: "if (",
                },
            ],
            Context::new("2026-12-01"),
        )
    }

    #[test]
    fn json_export_is_the_versioned_report() {
        let json: serde_json::Value = serde_json::from_str(&sample().to_json()).unwrap();
        for key in ["version", "today", "summary", "findings", "diagnostics"] {
            assert!(json.get(key).is_some(), "no `{key}` in {json}");
        }
        assert_eq!(json["version"], super::REPORT_VERSION);
        assert_eq!(json["today"], "2026-12-01");
        assert_eq!(json["summary"]["findings"]["high"], 2);
        // Ordered by app id, whatever order the files came in.
        assert_eq!(json["findings"][0]["app"], "alpha");
        assert_eq!(json["findings"][1]["app"], "zeta");
        assert_eq!(json["diagnostics"][0]["file"], "broken.rhai");
    }

    #[test]
    fn csv_export_has_the_cli_columns_and_quotes_what_needs_it() {
        let text = sample().to_csv();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(
            header,
            [
                "severity",
                "app",
                "app_name",
                "rule",
                "title",
                "message",
                "actions",
                "controls",
                "evidence",
                "app_file",
                "rule_file"
            ]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][1], "alpha");
        assert_eq!(&rows[0][5], "Alpha, \"no SCIM\"");
        assert_eq!(&rows[0][6], "Remove by hand; Reassign");
        assert_eq!(&rows[0][8], "scim.available=\"no\" (alpha.md:7)");
    }
}
