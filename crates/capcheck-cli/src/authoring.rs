//! The rule-authoring commands: `test` (run the examples rules carry), `explain` (why a rule
//! fired or not on one app) and `diff` (what a rule change does to the findings).
//!
//! Exit codes: `test` 0 when every example passes, 1 when one fails, 2 on input errors or when no
//! example ran; `explain` 0, or 2 on input errors; `diff` 0, 1 with `--fail-on-new` when an added
//! or changed finding is at or above it, 2 on input errors.

use std::path::PathBuf;
use std::process::ExitCode;

use capcheck_core::{diff, engine, examples, explain, rule, Diagnostic, Level};

use crate::args::{DiffArgs, ExplainArgs, InputArgs, ShowFormat, TestArgs};
use crate::input::{self, Files};
use crate::render;
use crate::session::{emit, load, parse_fail_on, unknown, Loaded};

fn errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .count()
}

/// `capcheck test`.
pub fn test(args: &TestArgs) -> Result<ExitCode, String> {
    let input = InputArgs {
        data: Vec::new(),
        rules: args.rules.clone(),
        today: args.today.clone(),
        settings: Vec::new(),
    };
    let context = input::context(&input)?;
    let files = input::read(&input);
    let mut diagnostics = files.diagnostics.clone();
    let engine = engine::build();
    let (rules, mut rule_diags) = rule::compile_all(&engine, &files.rule_sources());
    diagnostics.append(&mut rule_diags);
    let results: Vec<examples::RuleExamples> = rules
        .iter()
        .map(|r| examples::run(&engine, r, &context))
        .collect();
    for r in &results {
        diagnostics.extend(r.diagnostics.iter().cloned());
    }
    render::diagnostics::print(&diagnostics, &files);
    let summary = render::examples::Summary::of(&results, errors(&diagnostics));
    let text = match args.format {
        ShowFormat::Text => render::examples::text(&results, &summary),
        ShowFormat::Json => render::examples::json(&results, &diagnostics, &summary),
    };
    emit(&text, None, true)?;
    if summary.ran() == 0 {
        render::diagnostics::print_fatal(
            "no example ran: add `fn examples()` to a rule (see docs/authoring.md)",
        );
        return Ok(ExitCode::from(2));
    }
    Ok(if summary.errors > 0 {
        ExitCode::from(2)
    } else if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Problems in the examples of every rule `checker` holds (none of which stop the check).
pub fn example_diagnostics(checker: &capcheck_core::Checker) -> Vec<Diagnostic> {
    checker
        .rules()
        .iter()
        .flat_map(|r| examples::run(checker.engine(), r, checker.context()).diagnostics)
        .collect()
}

/// `capcheck explain RULE APP`.
pub fn explain(args: &ExplainArgs) -> Result<ExitCode, String> {
    let Loaded {
        files,
        checker,
        diagnostics,
        ..
    } = load(&args.input, std::slice::from_ref(&args.app))?;
    render::diagnostics::print(&diagnostics, &files);
    let Some(rule) = checker.rules().iter().find(|r| r.id == args.rule) else {
        if diagnostics
            .iter()
            .any(|d| d.rule.as_deref() == Some(args.rule.as_str()))
        {
            return Ok(ExitCode::from(2));
        }
        return Err(unknown(
            "rule",
            &args.rule,
            checker.rules().iter().map(|r| r.id.as_str()),
        ));
    };
    let Some(app) = checker.dataset().get(&args.app) else {
        return Ok(ExitCode::from(2));
    };
    let e = explain::explain(checker.engine(), rule, app, checker.context());
    if let Some(d) = &e.error {
        render::diagnostics::print(std::slice::from_ref(d), &files);
    }
    let text = match args.format {
        ShowFormat::Text => render::explain::text(&e),
        ShowFormat::Json => render::explain::json(&e),
    };
    emit(&text, None, true)?;
    Ok(if errors(&diagnostics) > 0 || e.error.is_some() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// `capcheck diff`.
pub fn diff(args: &DiffArgs) -> Result<ExitCode, String> {
    let fail_on = parse_fail_on(&args.fail_on_new)?;
    let mut input = args.input.clone();
    if input.rules.is_empty() && args.base_rev.is_some() {
        input.rules = vec![crate::git::toplevel()?.join("rules")];
    }
    let (base_files, base_label) = match &args.base_rev {
        Some(rev) => {
            let folder = args
                .input
                .rules
                .first()
                .cloned()
                .unwrap_or_else(|| PathBuf::from("rules"));
            let label = format!("{rev}:{}", folder.display());
            let folder = match crate::git::toplevel() {
                Ok(top) if args.input.rules.is_empty() => top.join(folder),
                _ => folder,
            };
            let rules = crate::git::rules_at(rev, &folder)?;
            (
                Files {
                    rules,
                    ..Files::default()
                },
                label,
            )
        }
        None => {
            let base_input = InputArgs {
                rules: args.base.clone(),
                ..input.clone()
            };
            let mut files = input::read(&base_input);
            files.data.clear();
            (files, paths_label(&args.base))
        }
    };
    let new_label = if input.rules.is_empty() {
        "the built-in rules".to_owned()
    } else if args.input.rules.is_empty() {
        "the working tree's rules".to_owned()
    } else {
        paths_label(&input.rules)
    };
    let Loaded {
        files,
        mut checker,
        diagnostics,
        ..
    } = load(&input, &[])?;
    let new_report = checker.check(diagnostics);
    let mut base_diags = base_files.diagnostics.clone();
    let (base_rules, mut compile_diags) =
        rule::compile_all(checker.engine(), &base_files.rule_sources());
    base_diags.append(&mut compile_diags);
    let base_rule_count = base_rules.len();
    checker.set_rules(base_rules);
    let base_report = checker.check(base_diags);
    render::diagnostics::print(&base_report.diagnostics, &base_files);
    render::diagnostics::print(&new_report.diagnostics, &files);
    let d = diff::diff(&base_report.findings, &new_report.findings);
    let sides = render::diff::Sides {
        base: base_label,
        base_rules: base_rule_count,
        new: new_label,
        new_rules: new_report.summary.rules,
        apps: new_report.summary.apps,
    };
    let text = match args.format {
        ShowFormat::Text => render::diff::text(&d, &sides),
        ShowFormat::Json => render::diff::json(&d, &sides),
    };
    emit(&text, None, true)?;
    let errors = errors(&base_report.diagnostics) + errors(&new_report.diagnostics);
    Ok(if errors > 0 {
        ExitCode::from(2)
    } else if fail_on.is_some_and(|t| diff::worst_new(&d).is_some_and(|w| w >= t)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn paths_label(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
