//! The impact of a rule change: the findings one rule set adds, removes and changes over the
//! dataset compared with another.
//!
//! Findings are keyed by (rule, app). A key present only after the change is added, only before
//! it removed; present in both with a different message or severity, changed.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::report::{Finding, Severity};

/// A finding both rule sets produce, but differently.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChangedFinding<'a> {
    /// The finding before the change.
    pub before: &'a Finding,
    /// The finding after the change.
    pub after: &'a Finding,
}

/// The difference between two sets of findings, borrowing from them (a large dataset's findings
/// are compared on every keystroke in the browser, so nothing is copied).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FindingsDiff<'a> {
    /// Findings only the new rule set produces, by rule then app.
    pub added: Vec<&'a Finding>,
    /// Findings only the old rule set produces, by rule then app.
    pub removed: Vec<&'a Finding>,
    /// Findings both produce with a different message or severity.
    pub changed: Vec<ChangedFinding<'a>>,
    /// Findings both produce alike.
    pub unchanged: usize,
}

impl FindingsDiff<'_> {
    /// True when nothing was added, removed or changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// Counts for a summary: added, removed, changed.
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.added.len(), self.removed.len(), self.changed.len())
    }
}

fn keyed(findings: &[Finding]) -> BTreeMap<(&str, &str), &Finding> {
    crate::order::map_from(
        findings
            .iter()
            .map(|f| ((f.rule.as_str(), f.app.as_str()), f)),
    )
}

fn same(a: &Finding, b: &Finding) -> bool {
    a.message == b.message && a.severity == b.severity
}

/// Compares the findings of the old rule set (`before`) with those of the new one (`after`).
pub fn diff<'a>(before: &'a [Finding], after: &'a [Finding]) -> FindingsDiff<'a> {
    let old = keyed(before);
    let new = keyed(after);
    let mut out = FindingsDiff::default();
    for (key, finding) in &new {
        match old.get(key) {
            None => out.added.push(finding),
            Some(prev) if same(prev, finding) => out.unchanged += 1,
            Some(prev) => out.changed.push(ChangedFinding {
                before: prev,
                after: finding,
            }),
        }
    }
    for (key, finding) in &old {
        if !new.contains_key(key) {
            out.removed.push(finding);
        }
    }
    out
}

/// The highest severity among the added and changed findings: what a gate on new findings
/// compares with its threshold.
pub fn worst_new(diff: &FindingsDiff) -> Option<Severity> {
    diff.added
        .iter()
        .map(|f| f.severity)
        .chain(diff.changed.iter().map(|c| c.after.severity))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, app: &str, message: &str) -> Finding {
        Finding {
            rule: rule.into(),
            app: app.into(),
            app_name: app.into(),
            severity: Severity::Low,
            title: "T".into(),
            message: message.into(),
            actions: vec![],
            controls: vec![],
            evidence: vec![],
            rule_file: format!("rules/{rule}.rhai"),
            app_file: format!("data/{app}.toml"),
        }
    }

    #[test]
    fn findings_are_added_removed_changed_or_kept_by_rule_and_app() {
        let before = [
            finding("r", "a", "same"),
            finding("r", "b", "old words"),
            finding("r", "c", "gone"),
        ];
        let after = [
            finding("r", "a", "same"),
            finding("r", "b", "new words"),
            finding("s", "a", "new rule"),
        ];
        let d = diff(&before, &after);
        let keys = |fs: &[&Finding]| {
            fs.iter()
                .map(|f| format!("{}/{}", f.rule, f.app))
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(&d.added), ["s/a"]);
        assert_eq!(keys(&d.removed), ["r/c"]);
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].before.message, "old words");
        assert_eq!(d.changed[0].after.message, "new words");
        assert_eq!(d.unchanged, 1);
        assert_eq!(worst_new(&d), Some(Severity::Low));
        assert!(diff(&after, &after).is_empty());
    }
}
