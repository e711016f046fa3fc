use super::*;
use crate::engine;
use crate::rule::{compile, RuleSource};

const META: &str = r#"fn meta() { #{ title: "T", severity: "low", rationale: "R", actions: ["A"], controls: ["C"] } }"#;
const CHECK: &str =
    "if app.scim.available == \"no\" && app.sso.jit == \"yes\" { `${app.name} is JIT only` }";

fn run_text(examples: &str) -> RuleExamples {
    let text = format!("{META}\n{examples}\n{CHECK}\n");
    let engine = engine::build();
    let rule = compile(
        &engine,
        &RuleSource {
            name: "rules/sample.rhai",
            text: &text,
        },
    )
    .unwrap();
    run(&engine, &rule, &Context::new("2026-11-23"))
}

#[test]
fn passing_and_failing_examples_are_told_apart() {
    let out = run_text(
        r#"fn examples() { [
    #{ name: "jit only", app: #{ scim: #{ available: "no" }, sso: #{ jit: "yes" } }, flagged: true, message: "Example is JIT" },
    #{ name: "scim", app: #{ scim: #{ available: "yes" }, sso: #{ jit: "yes" } }, flagged: false },
    #{ name: "wrong", app: #{}, flagged: true },
    #{ name: "wrong message", app: #{ name: "Acme", scim: #{ available: "no" }, sso: #{ jit: "yes" } }, flagged: true, message: "Example" },
] }"#,
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let passed: Vec<(&str, bool)> = out
        .results
        .iter()
        .map(|r| (r.name.as_str(), r.passed))
        .collect();
    assert_eq!(
        passed,
        [
            ("jit only", true),
            ("scim", true),
            ("wrong", false),
            ("wrong message", false)
        ]
    );
    assert_eq!(out.results[2].mismatches[0].actual, "not flagged");
    assert_eq!(out.results[2].span.map(|s| s.line), Some(5));
    assert_eq!(out.results[3].mismatches[0].what, "message");
    assert_eq!(out.results[3].mismatches[0].actual, "\"Acme is JIT only\"");
}

#[test]
fn unknown_fields_and_keys_are_errors_with_a_suggestion_at_their_position() {
    let out = run_text(
        "fn examples() { [\n  #{ app: #{ scim: #{ availble: \"no\" } }, flaged: true },\n] }",
    );
    assert!(out.results.is_empty(), "a bad example does not run");
    type Got<'a> = (&'a str, Option<(usize, usize)>, Option<&'a str>);
    let got: Vec<Got<'_>> = out
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                d.span.map(|s| (s.line, s.column)),
                d.help.as_deref(),
            )
        })
        .collect();
    assert!(
        got.contains(&(
            "unknown-field",
            Some((3, 23)),
            Some("did you mean `app.scim.available`?")
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "rule-examples",
            Some((3, 43)),
            Some("did you mean `flagged`?")
        )),
        "{got:?}"
    );
}

#[test]
fn yes_no_facts_take_only_their_four_values() {
    let out =
        run_text(r#"fn examples() { [ #{ app: #{ sso: #{ jit: true } }, flagged: false } ] }"#);
    assert_eq!(out.diagnostics[0].code, "invalid-value");
    assert_eq!(out.diagnostics[0].field.as_deref(), Some("sso.jit"));
}

#[test]
fn a_rule_without_examples_has_no_results() {
    let out = run_text("");
    assert!(out.results.is_empty() && out.diagnostics.is_empty());
}

#[test]
fn an_example_can_set_today_and_settings() {
    let text = format!(
        "{META}\nfn examples() {{ [ #{{ app: #{{}}, today: \"2030-01-01\", settings: #{{ idp: \"okta\" }}, flagged: true, message: \"2030-01-01 okta\" }} ] }}\n`${{today}} ${{settings.idp}}`"
    );
    let engine = engine::build();
    let rule = compile(
        &engine,
        &RuleSource {
            name: "rules/sample.rhai",
            text: &text,
        },
    )
    .unwrap();
    let out = run(&engine, &rule, &Context::new("2026-11-23"));
    assert!(out.results[0].passed, "{:?}", out.results[0]);
}

#[test]
fn every_built_in_rule_has_a_flagged_and_a_clean_example_and_all_pass() {
    let engine = engine::build();
    let (rules, diags) = crate::rule::compile_all(&engine, &crate::builtin::rule_sources());
    assert!(diags.is_empty(), "{diags:?}");
    for rule in &rules {
        let out = run(&engine, rule, &Context::new("2026-11-23"));
        assert!(
            out.diagnostics.is_empty(),
            "{}: {:?}",
            rule.id,
            out.diagnostics
        );
        let failed: Vec<_> = out.results.iter().filter(|r| !r.passed).collect();
        assert!(failed.is_empty(), "{}: {failed:#?}", rule.id);
        assert!(
            out.results.iter().any(|r| r.expected.flagged),
            "{} has no flagged example",
            rule.id
        );
        assert!(
            out.results.iter().any(|r| !r.expected.flagged),
            "{} has no clean example",
            rule.id
        );
    }
}
