//! What the rule-authoring views show, computed by the core with the page's own engine, dataset
//! and date: a rule's examples run on its current text, and why a rule flags an app or not.

use capcheck_core::examples::{self, RuleExamples};
use capcheck_core::explain::{self, Explanation};
use capcheck_core::Diagnostic;

use leptos::prelude::*;

use crate::state::{AppState, RuleDoc};

/// Runs the examples of `doc` as it stands; `Err` with the rule's own errors when it does not
/// compile.
pub fn run_examples(state: &AppState, doc: &RuleDoc) -> Result<RuleExamples, Vec<Diagnostic>> {
    state.with_checker(|checker| {
        let compiled = doc.compile(checker, &doc.text)?;
        Ok(examples::run(
            checker.engine(),
            &compiled,
            checker.context(),
        ))
    })
}

/// Why rule `rule_id` (its current text) flags app `app_id`, or does not; `None` when either is
/// missing or the rule does not compile.
pub fn explain(state: &AppState, rule_id: &str, app_id: &str) -> Option<Explanation> {
    let doc = state
        .rules
        .with_untracked(|r| r.iter().find(|d| d.id == rule_id).cloned())?;
    state.with_checker(|checker| {
        let compiled = doc.compile(checker, &doc.text).ok()?;
        let app = checker.dataset().get(app_id)?;
        Some(explain::explain(
            checker.engine(),
            &compiled,
            app,
            checker.context(),
        ))
    })
}
