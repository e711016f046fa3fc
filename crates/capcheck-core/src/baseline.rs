//! Baselines: the findings a project has already accepted, so CI fails only on new ones.
//!
//! A baseline is a JSON file listing findings by fingerprint: the rule and the app. A rule says
//! at most one thing about an app, so the pair names a finding exactly. The message is not part
//! of it on purpose: messages quote data values (IdP lists, plan names), and correcting a value
//! in the dataset must not turn an accepted finding into a "new" one. The message and severity
//! are kept in the file for people reading it, and ignored when matching.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::finding::Severity;

/// The version of the baseline file's shape.
pub const BASELINE_VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The shape's version ([`BASELINE_VERSION`]).
    pub version: u32,
    /// The date of the check that wrote it.
    pub created: String,
    /// The accepted findings, ordered by app, then rule.
    pub findings: Vec<BaselineEntry>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// The app's id (part of the fingerprint).
    pub app: String,
    /// The rule's id (part of the fingerprint).
    pub rule: String,
    /// The severity when written (for people; not matched).
    pub severity: Severity,
    /// The message when written (for people; not matched).
    pub message: String,
}

impl Baseline {
    /// The baseline as pretty JSON, ending in a newline; an error, never an empty baseline,
    /// when it cannot be encoded.
    pub fn to_json(&self) -> Result<String, String> {
        serde_json::to_string_pretty(self)
            .map(|s| s + "\n")
            .map_err(|e| format!("cannot encode the baseline: {e}"))
    }

    /// Reads a baseline file; an error names the file, line and column.
    pub fn parse(name: &str, text: &str) -> Result<Baseline, Box<Diagnostic>> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| {
            let span =
                (e.line() > 0).then(|| Span::from_line_byte_column(text, e.line(), e.column()));
            Box::new(
                Diagnostic::error(Code::BaselineInvalid, name, first_line(&e.to_string()))
                    .with_span(span)
                    .with_help("write a baseline with `capcheck check --write-baseline FILE`"),
            )
        })?;
        if baseline.version != BASELINE_VERSION {
            return Err(Box::new(Diagnostic::error(
                Code::BaselineInvalid,
                name,
                format!(
                    "baseline version {} is not supported (this capcheck reads version {BASELINE_VERSION})",
                    baseline.version
                ),
            )
            .with_field("version")));
        }
        Ok(baseline)
    }
}

fn first_line(message: &str) -> String {
    // serde_json appends " at line L column C": the span says that already.
    let m = message.lines().next().unwrap_or(message);
    match m.rfind(" at line ") {
        Some(i) => m[..i].to_owned(),
        None => m.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accept::apply_baseline as apply;
    use crate::Report;
    use crate::{builtin, check, Context};

    fn report() -> Report {
        check(
            &builtin::data_files(),
            &builtin::rule_sources(),
            Context::new("2026-11-23"),
        )
    }

    #[test]
    fn a_written_baseline_reads_back_and_accepts_every_finding() {
        let mut r = report();
        let total = r.findings.len();
        let text = crate::accept::baseline_of(&r).to_json().unwrap();
        let b = Baseline::parse("b.json", &text).unwrap();
        assert_eq!(b.findings.len(), total);
        apply(&mut r, &b, &|_, _| true);
        assert!(r.findings.is_empty());
        assert_eq!(r.baselined.len(), total);
        assert!(r.fixed.is_empty());
        assert_eq!(r.summary.baselined, total);
        assert_eq!(r.summary.findings.total(), 0);
    }

    #[test]
    fn a_new_finding_stays_and_a_gone_one_is_fixed() {
        let mut r = report();
        let mut b = crate::accept::baseline_of(&r);
        let dropped = b.findings.remove(0);
        b.findings.push(BaselineEntry {
            app: "clari".into(),
            rule: "stale-record".into(),
            severity: Severity::Low,
            message: "old words".into(),
        });
        apply(&mut r, &b, &|_, _| true);
        assert_eq!(r.findings.len(), 1);
        assert_eq!(
            (r.findings[0].app.as_str(), r.findings[0].rule.as_str()),
            (dropped.app.as_str(), dropped.rule.as_str())
        );
        assert_eq!(r.fixed.len(), 1);
        assert_eq!(r.fixed[0].rule, "stale-record");
    }

    #[test]
    fn a_message_change_does_not_make_a_finding_new() {
        let mut r = report();
        let mut b = crate::accept::baseline_of(&r);
        for e in &mut b.findings {
            e.message = "reworded".into();
        }
        apply(&mut r, &b, &|_, _| true);
        assert!(r.findings.is_empty());
    }

    #[test]
    fn bad_files_are_errors_with_a_position() {
        let d =
            Baseline::parse("b.json", "{\n  \"version\": 1,\n  \"findings\": [}\n").unwrap_err();
        assert_eq!(d.span.map(|s| s.line), Some(3));
        assert!(!d.message.contains("at line"), "{}", d.message);
        let d = Baseline::parse(
            "b.json",
            r#"{"version": 9, "created": "x", "findings": []}"#,
        )
        .unwrap_err();
        assert!(d.message.contains("version 9"), "{}", d.message);
    }
}
