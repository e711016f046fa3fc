//! The subcommands: load inputs, call the core, hand the result to a renderer, pick the exit code.

use std::io::Write;
use std::process::ExitCode;

use capcheck_core::{schema, synthetic, view, Checker, Diagnostic, Report, Severity};

use crate::args::{
    AppsArgs, CheckArgs, CheckFormat, Cli, Command, GenerateArgs, InputArgs, ShowArgs, ShowFormat,
    ValidateArgs,
};
use crate::input::Files;
use crate::render;
use crate::session::{emit, load, load_with, parse_fail_on, unknown, Loaded};

/// Runs the command; `Err` is a usage error (exit 2).
pub fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Apps(args) => apps(&args),
        Command::Show(args) => show(&args),
        Command::Validate(args) => validate(&args),
        Command::Coverage(args) => {
            let (_, checker, report) = load_and_check(&args.input)?;
            crate::ci::coverage_command(&args, &checker, &report)
        }
        Command::Schema => {
            emit(&schema::json_schema(), None, false)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate(args) => generate(&args),
        Command::Import(args) => crate::import::run(&args),
        Command::Test(args) => crate::authoring::test(&args),
        Command::Explain(args) => crate::authoring::explain(&args),
        Command::Diff(args) => crate::authoring::diff(&args),
        Command::Serve(args) => crate::serve::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Plan(args) => crate::plan::run(&args),
        Command::Completions(args) => completions(args.shell),
    }
}

/// Prints the completion script for `shell`; the script is built in memory first so a failed
/// write is reported instead of panicking inside the generator.
fn completions(shell: clap_complete::Shell) -> Result<ExitCode, String> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "capcheck", &mut script);
    let script = String::from_utf8(script)
        .map_err(|e| format!("the {shell} completion script is not UTF-8: {e}"))?;
    emit(&script, None, false)?;
    Ok(ExitCode::SUCCESS)
}

/// Every rule id the inputs hold, those that failed to compile included.
fn rule_ids(checker: &Checker, diagnostics: &[Diagnostic]) -> Vec<String> {
    checker
        .rules()
        .iter()
        .map(|r| r.id.clone())
        .chain(diagnostics.iter().filter_map(|d| d.rule.clone()))
        .collect()
}

/// Loads, evaluates every rule once (which also finds run-time errors and engine limits) and
/// prints the diagnostics: what `apps`, `show` and `validate` share.
fn load_and_check(args: &InputArgs) -> Result<(Files, Checker, Report), String> {
    let Loaded {
        files,
        mut checker,
        diagnostics,
        ..
    } = load(args, &[])?;
    let report = checker.check(diagnostics);
    render::diagnostics::print(&report.diagnostics, &files);
    Ok((files, checker, report))
}

fn exit_code(report: &Report, fail_on: Option<Severity>) -> ExitCode {
    if report.summary.errors > 0 {
        ExitCode::from(2)
    } else if fail_on.is_some_and(|t| report.fails_at(t)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn check(args: &CheckArgs) -> Result<ExitCode, String> {
    let fail_on = parse_fail_on(&args.fail_on)?;
    let mut stack = None;
    let Loaded {
        mut files,
        mut checker,
        diagnostics,
        all_apps,
    } = match &args.inventory {
        None => load(&args.input, &args.app)?,
        Some(path) => load_with(&args.input, &args.app, |dataset, files, diags| {
            stack = Some(crate::plan::load_stack(
                path,
                args.overrides.as_deref(),
                dataset,
                files,
                diags,
            )?);
            Ok(())
        })?,
    };
    let all_rules = rule_ids(&checker, &diagnostics);
    if !args.rule.is_empty() {
        let all = checker.rules().to_vec();
        for id in &args.rule {
            if !all.iter().any(|r| &r.id == id)
                && !diagnostics.iter().any(|d| d.rule.as_deref() == Some(id))
            {
                return Err(unknown("rule", id, all.iter().map(|r| r.id.as_str())));
            }
        }
        checker.set_rules(
            all.into_iter()
                .filter(|r| args.rule.contains(&r.id))
                .collect(),
        );
    }
    let total = checker.dataset().apps.len();
    let bar = render::progress::bar(total as u64, checker.rules().len());
    let mut report = checker.check_with_progress(diagnostics, &|n| bar.inc(n as u64));
    bar.finish_and_clear();
    report.attribution = capcheck_core::catalogue::attribution(&checker.dataset().apps);
    crate::ci::accept(
        &args.accept,
        &mut report,
        &checker,
        &all_apps,
        &all_rules,
        &mut files,
    );

    render::diagnostics::print(&report.diagnostics, &files);
    let to_terminal = args.output.is_none();
    let mut text = render::check::render(&report, args.format, &checker, to_terminal);
    if let Some(stack) = &stack {
        text = crate::plan::with_stack(text, stack, &report, &checker, args.format);
    }
    // Only the table has colour; machine formats are written as they are.
    emit(
        &text,
        args.output.as_deref(),
        args.format == CheckFormat::Table,
    )?;
    crate::ci::write_baseline(args, &report)?;
    Ok(exit_code(&report, fail_on))
}

fn apps(args: &AppsArgs) -> Result<ExitCode, String> {
    let filters = parse_filters(&args.filters)?;
    let (_, checker, report) = load_and_check(&args.input)?;
    let search = args.search.as_deref().map(str::to_lowercase);
    let rows: Vec<render::apps::Row<'_>> = checker
        .dataset()
        .apps
        .iter()
        .filter(|a| {
            search.as_deref().is_none_or(|s| {
                a.record.id.to_lowercase().contains(s) || a.record.name.to_lowercase().contains(s)
            })
        })
        .filter(|a| {
            filters
                .iter()
                .all(|(path, want)| matches_filter(&a.record, path, want))
        })
        .map(|a| render::apps::Row::new(&a.record, &report))
        .collect();
    emit(&render::apps::render(&rows, args.format), None, true)?;
    Ok(if report.summary.errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn parse_filters(filters: &[String]) -> Result<Vec<(String, String)>, String> {
    let known = view::known_paths();
    filters
        .iter()
        .map(|f| {
            let (path, value) = f
                .split_once('=')
                .ok_or_else(|| format!("`--where {f}` needs the form FIELD=VALUE"))?;
            let path = path.trim().trim_start_matches("app.");
            if !known.contains(&path) {
                return Err(unknown("field", path, known.iter().copied()));
            }
            Ok((path.to_owned(), value.trim().to_owned()))
        })
        .collect()
}

fn matches_filter(record: &capcheck_core::AppRecord, path: &str, want: &str) -> bool {
    view::fields(record)
        .iter()
        .filter(|f| f.path == path || f.path.starts_with(&format!("{path}.")))
        .any(|f| match view::dynamic_to_json(&f.value) {
            serde_json::Value::Null => want == "not-documented",
            serde_json::Value::String(s) => s.eq_ignore_ascii_case(want),
            serde_json::Value::Array(items) => items
                .iter()
                .any(|i| i.as_str().is_some_and(|s| s.eq_ignore_ascii_case(want))),
            other => {
                serde_json::from_str::<serde_json::Value>(want)
                    .ok()
                    .as_ref()
                    == Some(&other)
            }
        })
}

fn show(args: &ShowArgs) -> Result<ExitCode, String> {
    let (_, checker, report) = load_and_check(&args.input)?;
    let Some(app) = checker.dataset().get(&args.app) else {
        return Err(unknown(
            "app",
            &args.app,
            checker.dataset().apps.iter().map(|a| a.record.id.as_str()),
        ));
    };
    let findings: Vec<&capcheck_core::Finding> = report
        .findings
        .iter()
        .filter(|f| f.app == app.record.id)
        .collect();
    let text = match args.format {
        ShowFormat::Text => render::show::text(app, &findings),
        ShowFormat::Json => render::show::json(app, &findings),
    };
    emit(&text, None, true)?;
    Ok(if report.summary.errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn validate(args: &ValidateArgs) -> Result<ExitCode, String> {
    let Loaded {
        mut files,
        mut checker,
        diagnostics,
        all_apps,
    } = load(&args.input, &[])?;
    let all_rules = rule_ids(&checker, &diagnostics);
    let mut report = checker.check(diagnostics);
    crate::ci::accept(
        &args.accept,
        &mut report,
        &checker,
        &all_apps,
        &all_rules,
        &mut files,
    );
    render::diagnostics::print(&report.diagnostics, &files);
    // Examples are checked too (unknown fields, wrong shapes); `capcheck test` runs them.
    let example_diags = crate::authoring::example_diagnostics(&checker);
    render::diagnostics::print(&example_diags, &files);
    report.summary.errors += example_diags.len();
    let s = &report.summary;
    let line = format!(
        "checked {} data file{} ({} app{}) and {} rule file{}: {} error{}, {} warning{}\n",
        files.data.len(),
        plural(files.data.len()),
        s.apps,
        plural(s.apps),
        files.rules.len(),
        plural(files.rules.len()),
        s.errors,
        plural(s.errors),
        s.warnings,
        plural(s.warnings),
    );
    let mut err = anstream::stderr();
    let _ = err.write_all(line.as_bytes());
    Ok(if s.errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn generate(args: &GenerateArgs) -> Result<ExitCode, String> {
    if args.output.exists() && !args.force {
        return Err(format!(
            "`{}` exists; pass `--force` to overwrite it",
            args.output.display()
        ));
    }
    let records = synthetic::generate(args.apps, args.seed);
    let json =
        serde_json::to_string(&records).map_err(|e| format!("cannot encode the dataset: {e}"))?;
    std::fs::write(&args.output, json)
        .map_err(|e| format!("cannot write `{}`: {e}", args.output.display()))?;
    let mut err = anstream::stderr();
    let _ = writeln!(
        err,
        "wrote {} synthetic apps to {}",
        args.apps,
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}
