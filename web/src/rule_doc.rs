//! A rule as the editor holds it, its latest result, and what can be undone.

use std::collections::BTreeSet;
use std::sync::Arc;

use capcheck_core::{rule, Checker, Diagnostic, Finding, RuleSource};
use serde::{Deserialize, Serialize};

/// A rule as the editor holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleDoc {
    /// Kebab-case id; the file is `rules/<id>.rhai`.
    pub id: String,
    /// The working text.
    pub text: String,
    /// The version edits are compared with: the built-in text, or the last saved one.
    pub baseline: String,
    /// Disabled rules are kept but not evaluated.
    pub enabled: bool,
}

impl RuleDoc {
    /// The file name diagnostics use.
    pub fn file(&self) -> String {
        format!("rules/{}.rhai", self.id)
    }

    /// Compiles `text` (the working text or the baseline) as this rule's file, with the
    /// checker's engine.
    pub fn compile(&self, checker: &Checker, text: &str) -> Result<rule::Rule, Vec<Diagnostic>> {
        rule::compile(
            checker.engine(),
            &RuleSource {
                name: &self.file(),
                text,
            },
        )
    }
}

/// A rule's latest evaluation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleResult {
    /// Title, severity and the rest, when the rule compiled.
    pub meta: Option<rule::RuleMeta>,
    /// The rule's comment header.
    pub header: String,
    /// Findings on the current dataset (shared: results are cloned into views often).
    pub findings: Arc<Vec<Finding>>,
    /// Compile and run-time problems.
    pub diagnostics: Vec<Diagnostic>,
    /// Apps the baseline version flags (`None` when the baseline does not run).
    pub baseline_apps: Option<BTreeSet<String>>,
    /// The baseline version's findings (`None` when it does not run), for the impact list.
    pub baseline_findings: Option<Arc<Vec<Finding>>>,
    /// Milliseconds the last evaluation took.
    pub millis: f64,
}

impl RuleResult {
    /// Apps flagged now.
    pub fn flagged(&self) -> BTreeSet<String> {
        self.findings.iter().map(|f| f.app.clone()).collect()
    }
}

/// Something that can be undone.
#[derive(Debug, Clone)]
pub enum Undo {
    /// A rule was deleted from this position.
    Deleted(usize, RuleDoc),
    /// The whole rule list was replaced (reset or import).
    Replaced(Vec<RuleDoc>, String),
}
