//! Direct evaluation must agree with rhai: every default rule, and checks written to probe the
//! subset's edges, are run both ways over the built-in and synthetic apps. Wherever the direct
//! program gives an answer, it must be rhai's answer.

use std::collections::BTreeMap;

use capcheck_core::direct::{self, Env, Program};
use capcheck_core::eval::default_settings;
use capcheck_core::model::AppRecord;
use capcheck_core::{builtin, dataset, engine, rule, synthetic, view, RuleSource};
use rhai::{Dynamic, Engine, ImmutableString, Scope, AST};

const META: &str = r#"fn meta() { #{ title: "T", severity: "low", rationale: "R", actions: ["A"], controls: ["C"] } }"#;
const TODAY: &str = "2026-11-23";

fn settings() -> BTreeMap<String, serde_json::Value> {
    let mut s = default_settings();
    s.insert("idp".into(), "okta".into());
    s
}

/// rhai's verdict, computed the way the checker's rhai path does.
fn rhai_verdict(
    engine: &Engine,
    ast: &AST,
    title: &str,
    record: &AppRecord,
) -> Result<Option<String>, String> {
    let settings: rhai::Map = settings()
        .into_iter()
        .map(|(k, v)| {
            let value: Dynamic = match v {
                serde_json::Value::String(s) => ImmutableString::from(s).into(),
                serde_json::Value::Number(n) => n.as_i64().unwrap_or_default().into(),
                _ => Dynamic::UNIT,
            };
            (k.into(), value)
        })
        .collect();
    let mut scope = Scope::new();
    scope.push_constant("today", ImmutableString::from(TODAY));
    scope.push_constant_dynamic("settings", Dynamic::from_map(settings));
    scope.push_constant_dynamic("app", view::to_dynamic(record));
    let value: Dynamic = engine
        .eval_ast_with_scope(&mut scope, ast)
        .map_err(|e| e.to_string())?;
    if value.is_unit() {
        return Ok(None);
    }
    if let Ok(b) = value.as_bool() {
        return Ok(b.then(|| title.to_owned()));
    }
    match value.into_immutable_string() {
        Ok(s) => Ok(Some(s.to_string())),
        Err(t) => Err(format!("returned {t}")),
    }
}

fn apps() -> Vec<AppRecord> {
    let (builtin_apps, diags) = dataset::load(&builtin::data_files());
    assert!(diags.is_empty(), "{diags:?}");
    let mut apps: Vec<AppRecord> = builtin_apps.apps.into_iter().map(|a| a.record).collect();
    for seed in [1, 7, 42] {
        apps.extend(synthetic::generate(1_500, seed));
    }
    apps
}

/// Runs `ast` both ways on every app; returns how many apps the direct program decided.
fn agree(engine: &Engine, ast: &AST, title: &str, id: &str, apps: &[AppRecord]) -> usize {
    let Some(program) = Program::compile(ast) else {
        return 0;
    };
    let env = Env::new(TODAY, &settings());
    let mut decided = 0;
    for app in apps {
        if let Ok(got) = program.run(&direct::table(app), &env, title) {
            decided += 1;
            let want = rhai_verdict(engine, ast, title, app);
            assert_eq!(Ok(got), want, "rule `{id}` on app `{}`", app.id);
        }
    }
    decided
}

#[test]
fn default_rules_agree_with_rhai_and_most_run_directly() {
    let engine = engine::build();
    let (rules, diags) = rule::compile_all(&engine, &builtin::rule_sources());
    assert!(diags.is_empty(), "{diags:?}");
    let apps = apps();
    let mut direct_rules = Vec::new();
    for r in &rules {
        let decided = agree(&engine, &r.ast, &r.meta.title, &r.id, &apps);
        if decided > 0 {
            // A rule in the subset decides (nearly) every app itself.
            assert!(
                decided * 100 >= apps.len() * 99,
                "`{}` decided {decided} of {}",
                r.id,
                apps.len()
            );
            direct_rules.push(r.id.as_str());
        }
    }
    for id in [
        "jit-only-manual-deprovisioning",
        "sso-without-lifecycle",
        "no-user-read-api",
        "fully-manual-app",
        "capability-not-documented",
        "stale-record",
        "scim-plan-gated",
        "no-bulk-path",
        "sso-limited-idps",
    ] {
        assert!(
            direct_rules.contains(&id),
            "`{id}` should run directly; direct: {direct_rules:?}"
        );
    }
}

/// How an edge-case check must run over the sample of apps.
#[derive(Debug, Clone, Copy)]
enum Runs {
    /// Directly, on every app.
    All,
    /// Directly on some apps; on the others the direct run meets a case it leaves to rhai (a
    /// type error, a value that is not a verdict), which rhai then decides.
    Partly,
    /// Compiled for direct evaluation, but every app is left to rhai (a result that is not a
    /// verdict, a limit).
    Never,
    /// Not in the subset: rhai only.
    Outside,
}

#[test]
fn the_subsets_edges_agree_with_rhai() {
    let engine = engine::build();
    use Runs::{All, Never, Outside, Partly};
    // How each check must run: a check that says `All` and falls back to rhai on any app has
    // left the subset without anyone deciding so, and fails here.
    let checks: [(&str, Runs); 48] = [
        // Comparisons across types, and `()`.
        (r#"app.scim.plan_tier == "enterprise""#, All),
        (r#"app.scim.plan_tier != "enterprise""#, All),
        (r#"app.scim.plan_tier < "m""#, All),
        ("app.sso.idps != ()", All),
        ("app.sso.idps == ()", All),
        ("app.scim.version == ()", All),
        ("() == ()", All),
        ("() != ()", All),
        (r#"app.sso.idps == "okta""#, All),
        ("1 == true", All),
        ("true == true", All),
        (r#""b" >= "a""#, All),
        ("2 > 1", All),
        // Interpolation of every kind of value, and concatenation.
        (
            "`${app.name}/${app.scim.version}/${1 + 2}/${true}/${app.scim.version == ()}`",
            All,
        ),
        (r#"app.scim.version + "!""#, All),
        (r#""!" + app.scim.version"#, All),
        (r#"app.name + "" + app.id"#, All),
        ("`${app.sso.idps}`", Partly),
        // Coalescing, membership and length.
        (r#"app.scim.plan ?? app.scim.plan_tier ?? "none""#, All),
        (r#""okta" in app.sso.idps"#, Partly),
        (r#""a" in app.name"#, All),
        (r#"app.name.len()"#, Never),
        (r#"len("héllo")"#, Never),
        ("app.lifecycle.bulk.len()", Never),
        // Helpers.
        ("documented(app.user_api)", All),
        ("documented(app.sso.idps)", All),
        ("documented(app.scim.version)", All),
        (r#"join(app.lifecycle.provisioning, " + ")"#, All),
        ("days_between(app.updated, today)", Never),
        (r#"days_between("soon", today)"#, Never),
        // Settings, locals, blocks and ifs in expressions.
        ("settings.idp in app.sso.idps", Partly),
        ("settings.stale_after_days > 100", All),
        ("settings.missing", Never),
        (
            r#"let x = []; x.push(app.name); x.push("b"); join(x, ",")"#,
            All,
        ),
        (r#"let x = 1; { let x = "inner"; x } "#, All),
        (
            r#"let how = if app.user_api == "yes" { "api" } else if app.user_api == "no" { "none" } else { () }; how"#,
            All,
        ),
        // Loops and arrays compared whole.
        (
            r#"let n = []; for i in app.sso.idps { if i != "okta" { n.push(i) } } join(n, "+")"#,
            Partly,
        ),
        (r#"for i in app.name { } "#, Never),
        (r#"app.lifecycle.bulk == ["none"]"#, All),
        (r#"app.lifecycle.bulk != ["none", "ui"]"#, All),
        (r#"app.sso.idps == app.sso.idps"#, All),
        // Results that are not verdicts, and type errors.
        ("1", Never),
        ("app.sso.idps", Partly),
        (r#"if app.name { "x" }"#, Never),
        (r#"!app.name"#, Never),
        (r#"app.user_api == "yes" && app.name"#, Partly),
        (r#"app.user_api != "yes" || app.name"#, Partly),
        ("app.name > 1", All),
    ];
    // Limits rhai enforces that a direct run must leave to rhai.
    let many: Vec<String> = (0..320).map(|i| format!("\"{i}\"")).collect();
    let nested_loops = format!(
        "let l = [{}]; for a in l {{ for b in l {{ }} }} true",
        many.join(", ")
    );
    let doubling = format!(
        "let s = \"xxxxxxxxxxxxxxxx\"; {}",
        "let s = s + s; ".repeat(16)
    );
    let big_array = format!("{doubling} let a = [s, s]; a.len() == 2");
    let big_push = format!("{doubling} let a = []; a.push(s); a.push(s); a.len() == 2");
    let lets: String = (0..260)
        .map(|i| format!("let v{i} = 1; "))
        .collect::<String>()
        + "true";
    // Within the subset, but past a limit on every app: rhai gives the error.
    let limits = [nested_loops, big_array, big_push];
    // Outside the subset: not compiled for direct evaluation at all.
    let outside = [
        lets,
        r#"let c = 0; for i in app.lifecycle.provisioning { c = c + 1 } c"#.to_owned(),
        r#"const x = []; x.push("a"); x.len() == 1"#.to_owned(),
    ];
    let checks: Vec<(&str, Runs)> = checks
        .iter()
        .copied()
        .chain(limits.iter().map(|c| (c.as_str(), Never)))
        .chain(outside.iter().map(|c| (c.as_str(), Outside)))
        .collect();
    let apps = apps();
    let sample: Vec<AppRecord> = apps.iter().step_by(37).cloned().collect();
    let mut wrong = Vec::new();
    for (i, (check, runs)) in checks.iter().enumerate() {
        let text = format!("{META}\n{check}\n");
        let name = format!("edge-{i}.rhai");
        let compiled = rule::compile(
            &engine,
            &RuleSource {
                name: &name,
                text: &text,
            },
        );
        let r = compiled.unwrap_or_else(|d| panic!("{check}: {d:?}"));
        let compiles = Program::compile(&r.ast).is_some();
        let decided = agree(&engine, &r.ast, &r.meta.title, check, &sample);
        let ok = match runs {
            All => decided == sample.len(),
            Partly => decided > 0 && decided < sample.len(),
            Never => compiles && decided == 0,
            Outside => !compiles,
        };
        if !ok {
            wrong.push(format!(
                "`{check}` should run {runs:?}: compiled {compiles}, decided directly on {decided} of {} apps",
                sample.len()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_check_too_long_for_direct_evaluation_is_left_to_rhais_limit() {
    let engine = engine::build();
    let text = format!(
        "{META}\nfor a in app.limitations {{ for b in app.limitations {{ let x = a == b; }} }} false\n"
    );
    let r = rule::compile(
        &engine,
        &RuleSource {
            name: "long.rhai",
            text: &text,
        },
    )
    .unwrap();
    let program = Program::compile(&r.ast).expect("loops over arrays are in the subset");
    let mut app = synthetic::generate(1, 3).remove(0);
    app.limitations = (0..400)
        .map(|i| capcheck_core::model::Fact {
            value: Some(format!("l{i}")),
            ..Default::default()
        })
        .collect();
    let env = Env::new(TODAY, &settings());
    assert!(program.run(&direct::table(&app), &env, "T").is_err());
    let err = rhai_verdict(&engine, &r.ast, "T", &app).unwrap_err();
    assert!(err.contains("Too many operations"), "{err}");
    app.limitations.truncate(3);
    assert_eq!(program.run(&direct::table(&app), &env, "T"), Ok(None));
}

#[test]
fn checks_outside_the_subset_run_in_rhai() {
    let engine = engine::build();
    for check in [
        "loop {}",
        r#"let n = 0; while n < 3 { n += 1 } n > 1"#,
        r#"app.sso.idps.filter(|i| i != "okta")"#,
        r#"fn documented(x) { true } documented(())"#,
    ] {
        let text = format!("{META}\n{check}\n");
        let r = rule::compile(
            &engine,
            &RuleSource {
                name: "x.rhai",
                text: &text,
            },
        )
        .unwrap_or_else(|d| panic!("{check}: {d:?}"));
        assert!(Program::compile(&r.ast).is_none(), "{check}");
    }
}
