use super::*;
use crate::{builtin, dataset, engine, rule};

fn explain_builtin(rule_id: &str, app_id: &str) -> Explanation {
    let (data, diags) = dataset::load(&builtin::data_files());
    assert!(diags.is_empty());
    let engine = engine::build();
    let (rules, _) = rule::compile_all(&engine, &builtin::rule_sources());
    let rule = rules.iter().find(|r| r.id == rule_id).unwrap();
    let app = data.apps.iter().find(|a| a.record.id == app_id).unwrap();
    explain(&engine, rule, app, &Context::new("2026-11-23"))
}

fn values(c: &Condition) -> Vec<(String, Option<serde_json::Value>)> {
    c.operands
        .iter()
        .map(|o| (o.text.clone(), o.value.clone()))
        .collect()
}

#[test]
fn a_finding_shows_every_operand_true_and_the_fields_with_their_lines() {
    let e = explain_builtin("jit-only-manual-deprovisioning", "clari");
    assert!(e.flagged);
    assert_eq!(e.steps.len(), 1);
    let cond = &e.steps[0].condition;
    assert_eq!(
        cond.text,
        r#"app.scim.available == "no" && app.sso.jit == "yes" && app.user_api != "yes" && app.inventory.idp_push_deactivation != "yes""#
    );
    assert_eq!(
        values(cond),
        [
            (
                r#"app.scim.available == "no""#.to_owned(),
                Some(true.into())
            ),
            (r#"app.sso.jit == "yes""#.to_owned(), Some(true.into())),
            (r#"app.user_api != "yes""#.to_owned(), Some(true.into())),
            (
                r#"app.inventory.idp_push_deactivation != "yes""#.to_owned(),
                Some(true.into())
            ),
        ]
    );
    // The span points at the operand in the rule's text.
    let span = cond.operands[1].span.unwrap();
    let text = builtin::rule_sources()
        .into_iter()
        .find(|s| s.name.ends_with("jit-only-manual-deprovisioning.rhai"))
        .unwrap()
        .text;
    assert_eq!(&text[span.start..span.end], r#"app.sso.jit == "yes""#);
    let line = text.lines().nth(span.line - 1).unwrap();
    assert!(line.starts_with("if app.scim.available"), "{line}");
    let scim = e
        .fields
        .iter()
        .find(|f| f.field == "scim.available")
        .unwrap();
    assert_eq!(scim.value, serde_json::json!("no"));
    assert!(scim.provenance.line.is_some());
}

#[test]
fn a_short_circuit_leaves_later_operands_not_evaluated() {
    let e = explain_builtin("jit-only-manual-deprovisioning", "6sense");
    assert!(!e.flagged);
    let cond = &e.steps[0].condition;
    assert_eq!(cond.value, Some(false.into()));
    assert_eq!(cond.operands[0].value, Some(false.into()));
    assert_eq!(cond.operands[1].value, None);
    assert_eq!(cond.operands[2].value, None);
}

#[test]
fn lets_and_nested_branches_are_explained() {
    let e = explain_builtin("jit-without-role-assignment", "clari");
    assert!(e.flagged);
    let kinds: Vec<(StepKind, usize, Option<&str>)> = e
        .steps
        .iter()
        .map(|s| (s.kind, s.depth, s.name.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            (StepKind::Let, 0, Some("assigns")),
            (StepKind::If, 0, None),
            (StepKind::Let, 1, Some("how")),
        ]
    );
    assert_eq!(e.steps[0].condition.value, Some("partial".into()));
    // `(assigns == "no" || assigns == "partial")` is one operand with its own parts.
    let inner = &e.steps[1].condition.operands[1];
    assert_eq!(inner.text, r#"assigns == "no" || assigns == "partial""#);
    assert_eq!(inner.operands[1].value, Some(true.into()));
}

#[test]
fn statements_with_effects_run_before_later_conditions() {
    let e = explain_builtin("capability-not-documented", "6sense");
    assert!(e.flagged);
    let last = e.steps.last().unwrap();
    assert_eq!(
        last.condition.text,
        "missing.len() > 0 && (covers_api || !documented(app.scim.available))"
    );
    assert_eq!(last.condition.value, Some(true.into()));
}
