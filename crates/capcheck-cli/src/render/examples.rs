//! `capcheck test`: each example's pass or fail, the expected-versus-actual difference of each
//! failure, and a summary line.

use anstyle::AnsiColor;
use capcheck_core::examples::RuleExamples;
use capcheck_core::Diagnostic;
use serde::Serialize;

use super::style::{paint, BOLD, DIM, ERROR};

/// Counts over every rule's examples.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Summary {
    /// Examples that passed.
    pub passed: usize,
    /// Examples that failed (a wrong outcome, or the rule failing on them).
    pub failed: usize,
    /// Input errors: rules that do not compile, examples that cannot be read.
    pub errors: usize,
    /// Rules that compiled.
    pub rules: usize,
    /// Rules without `fn examples()`.
    pub rules_without_examples: usize,
}

impl Summary {
    /// Counts `results`, with `errors` input errors.
    pub fn of(results: &[RuleExamples], errors: usize) -> Summary {
        Summary {
            passed: results.iter().map(RuleExamples::passed).sum(),
            failed: results.iter().map(RuleExamples::failed).sum(),
            errors,
            rules: results.len(),
            rules_without_examples: results
                .iter()
                .filter(|r| r.results.is_empty() && r.diagnostics.is_empty())
                .count(),
        }
    }

    /// Examples that ran.
    pub fn ran(&self) -> usize {
        self.passed + self.failed
    }
}

/// The results for people.
pub fn text(results: &[RuleExamples], summary: &Summary) -> String {
    let pass = AnsiColor::Green.on_default().bold();
    let mut out = String::new();
    for rule in results {
        if rule.results.is_empty() && rule.diagnostics.is_empty() {
            out.push_str(&format!(
                "{}  {}  {}\n",
                paint(DIM, "NONE"),
                rule.rule,
                paint(DIM, "no examples")
            ));
        }
        for r in &rule.results {
            let at = r
                .span
                .map(|s| format!("{}:{}:{}", rule.file, s.line, s.column))
                .unwrap_or_else(|| rule.file.clone());
            if r.passed {
                out.push_str(&format!(
                    "{}  {}: {}\n",
                    paint(pass, "PASS"),
                    rule.rule,
                    r.name
                ));
                continue;
            }
            out.push_str(&format!(
                "{}  {}: {}  {}\n",
                paint(ERROR, "FAIL"),
                rule.rule,
                r.name,
                paint(DIM, &format!("({at})"))
            ));
            for m in &r.mismatches {
                out.push_str(&format!("        expected: {}\n", m.expected));
                out.push_str(&format!("             got: {}\n", m.actual));
            }
            if let Some(e) = &r.error {
                out.push_str(&format!("        the rule failed: {}\n", e.message));
            }
        }
    }
    let without = if summary.rules_without_examples > 0 {
        format!(", {} without examples", summary.rules_without_examples)
    } else {
        String::new()
    };
    out.push_str(&format!(
        "\n{}\n",
        paint(
            BOLD,
            &format!(
                "{} passed, {} failed, {} error{} ({} rule{}{without})",
                summary.passed,
                summary.failed,
                summary.errors,
                plural(summary.errors),
                summary.rules,
                plural(summary.rules)
            )
        )
    ));
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[derive(Serialize)]
struct JsonOut<'a> {
    rules: &'a [RuleExamples],
    diagnostics: &'a [Diagnostic],
    summary: &'a Summary,
}

/// The results as JSON: every rule's examples, the input errors and the counts.
pub fn json(results: &[RuleExamples], diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let out = JsonOut {
        rules: results,
        diagnostics,
        summary,
    };
    capcheck_core::front::json(&out)
}
