//! Differential property: rules generated from the direct subset's grammar (see
//! [`capcheck_core::direct`]) give the same findings, messages and errors through the production
//! [`Checker`] with direct evaluation on as with `set_direct(false)` (every check in rhai).

use capcheck_core::{dataset, engine, rule, synthetic, Checker, Context, LoadedApp, RuleSource};
use proptest::prelude::*;

const META: &str = r#"fn meta() { #{ title: "T", severity: "low", rationale: "R", actions: ["A"], controls: ["C"] } }"#;

/// A value: fields of every kind (tri-states, strings, lists, `()`), settings, literals.
fn atom() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "app.user_api",
        "app.scim.available",
        "app.scim.version",
        "app.scim.plan_tier",
        "app.name",
        "app.id",
        "app.updated",
        "app.sso.idps",
        "app.lifecycle.bulk",
        "app.lifecycle.provisioning",
        "settings.idp",
        "settings.stale_after_days",
        "today",
        "\"yes\"",
        "\"no\"",
        "\"okta\"",
        "\"\"",
        "()",
        "true",
        "false",
        "0",
        "365",
    ])
    .prop_map(str::to_owned)
}

/// An expression of the subset, nested a few levels.
fn expr() -> impl Strategy<Value = String> {
    atom().prop_recursive(3, 24, 2, |inner| {
        let op = prop::sample::select(vec![
            "==", "!=", "<", "<=", ">", ">=", "&&", "||", "??", "+", "in",
        ]);
        prop_oneof![
            (inner.clone(), op, inner.clone()).prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            inner.clone().prop_map(|a| format!("!({a})")),
            inner.clone().prop_map(|a| format!("documented({a})")),
            inner.clone().prop_map(|a| format!("{a}.len()")),
            inner.clone().prop_map(|a| format!("`<${{{a}}}>`")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("days_between({a}, {b})")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(c, a, b)| format!("if {c} {{ {a} }} else {{ {b} }}")),
        ]
    })
}

/// A check: `let`s, an `if` with a message, or a bare verdict.
fn check() -> impl Strategy<Value = String> {
    prop_oneof![
        (expr(), expr()).prop_map(|(c, m)| format!("if {c} {{ `${{app.name}}: ${{{m}}}` }}")),
        (expr(), expr()).prop_map(|(v, c)| format!("let x = {v};\nif {c} && x != () {{ `x is ${{x}}` }}")),
        expr(),
        (expr(), expr()).prop_map(|(l, c)| format!(
            "let seen = [];\nfor i in app.sso.idps {{ if {c} {{ seen.push(i) }} }}\nif seen.len() > 0 {{ join(seen, \"+\") + `${{{l}}}` }}"
        )),
    ]
}

fn checker(text: &str, apps: &[LoadedApp], direct: bool) -> Checker {
    let engine = engine::build();
    let rule = rule::compile(
        &engine,
        &RuleSource {
            name: "generated.rhai",
            text,
        },
    );
    let rules = rule.into_iter().collect();
    let data = dataset::Dataset {
        apps: apps.to_vec(),
    };
    let mut c = Checker::new(engine, data, rules, Context::new("2026-11-23"));
    c.set_direct(direct);
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn direct_evaluation_changes_no_finding_message_or_error(
        body in check(),
        seed in 0u64..1_000,
        count in 1usize..12,
    ) {
        let text = format!("{META}\n{body}\n");
        let apps: Vec<LoadedApp> = synthetic::generate(count, seed)
            .into_iter()
            .map(|r| LoadedApp::unlocated(r, "synthetic.json".into()))
            .collect();
        let on = checker(&text, &apps, true);
        // A generated rule that does not compile is not what this property is about.
        prop_assume!(!on.rules().is_empty());
        let mut on = on;
        let mut off = checker(&text, &apps, false);
        prop_assert_eq!(on.evaluate(), off.evaluate(), "rule:\n{}", body);
    }
}

/// The property is only worth something if the generated rules do run directly: most must be
/// in the subset.
#[test]
fn most_generated_rules_are_in_the_direct_subset() {
    use proptest::strategy::ValueTree;
    let engine = engine::build();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut compiled, mut direct) = (0, 0);
    for _ in 0..200 {
        let body = check().new_tree(&mut runner).unwrap().current();
        let text = format!("{META}\n{body}\n");
        let source = RuleSource {
            name: "generated.rhai",
            text: &text,
        };
        if let Ok(r) = rule::compile(&engine, &source) {
            compiled += 1;
            direct += usize::from(capcheck_core::direct::Program::compile(&r.ast).is_some());
        }
    }
    assert!(compiled >= 100, "{compiled} of 200 compiled");
    assert!(
        direct * 10 >= compiled * 9,
        "{direct} of {compiled} run directly"
    );
}
