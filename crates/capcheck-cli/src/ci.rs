//! What CI runs need beyond a plain check: waivers and a baseline applied to the report,
//! writing a baseline, and the `coverage` command.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use capcheck_core::accept;
use capcheck_core::baseline::Baseline;
use capcheck_core::{coverage, waiver, Checker, Code, Diagnostic, Level, Report};

use crate::args::{AcceptArgs, CheckArgs, CoverageArgs, CoverageFormat};
use crate::input::Files;
use crate::render;

/// Reads a small text file the user named, as a diagnostic on failure.
fn read_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    std::fs::read_to_string(path).map_err(|e| {
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_owned(),
            _ => e.to_string().to_lowercase(),
        };
        Box::new(Diagnostic::error(
            Code::Io,
            &path.display().to_string(),
            format!("cannot read file: {reason}"),
        ))
    })
}

/// Applies `--waivers` and `--baseline` to the report. `known_apps` and `known_rules` are every
/// app and rule id the inputs hold (before `--app`/`--rule` narrowed them), for checking the
/// waivers; problems become diagnostics in the report, so every format shows them. The files
/// read are added to `files` so diagnostics can show their lines.
pub fn accept(
    accept: &AcceptArgs,
    report: &mut Report,
    checker: &Checker,
    known_apps: &[String],
    known_rules: &[String],
    files: &mut Files,
) {
    // A rule stopped by an error said nothing: its waivers are not "unused", its baseline
    // entries not "fixed".
    let failed: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .filter_map(|d| d.rule.clone())
        .collect();
    let evaluated = |app: &str, rule: &str| {
        checker.dataset().get(app).is_some()
            && checker.rules().iter().any(|r| r.id == rule)
            && !failed.iter().any(|f| f == rule)
    };
    if let Some(path) = &accept.waivers {
        let name = path.display().to_string();
        match read_text(path) {
            Ok(text) => {
                let apps: Vec<&str> = known_apps.iter().map(String::as_str).collect();
                let rules: Vec<&str> = known_rules.iter().map(String::as_str).collect();
                let (waivers, mut diags) = waiver::parse(&name, &text, &apps, &rules);
                report.diagnostics.append(&mut diags);
                accept::apply_waivers(report, &waivers, &evaluated);
                files.other.push((name, text));
            }
            Err(d) => report.diagnostics.push(*d),
        }
    }
    if let Some(path) = &accept.baseline {
        let name = path.display().to_string();
        match read_text(path) {
            Ok(text) => {
                match Baseline::parse(&name, &text) {
                    Ok(b) => accept::apply_baseline(report, &b, &evaluated),
                    Err(d) => report.diagnostics.push(*d),
                }
                files.other.push((name, text));
            }
            Err(d) => report.diagnostics.push(*d),
        }
    }
    report.recount();
}

/// `--write-baseline FILE`: writes the findings that count. Refused when the check had errors
/// (a rule that failed would be missing from it), and when FILE exists and is not a capcheck
/// baseline, unless `--force`.
pub fn write_baseline(args: &CheckArgs, report: &Report) -> Result<(), String> {
    let Some(path) = &args.write_baseline else {
        return Ok(());
    };
    let name = path.display().to_string();
    if report.summary.errors > 0 {
        return Err(format!(
            "not writing the baseline `{name}`: the check had errors, so it would miss findings"
        ));
    }
    if path.exists() && !args.force {
        let is_baseline = std::fs::read_to_string(path)
            .ok()
            .is_some_and(|t| Baseline::parse(&name, &t).is_ok());
        if !is_baseline {
            return Err(format!(
                "`{name}` exists and is not a capcheck baseline; pass `--force` to replace it"
            ));
        }
    }
    let b = accept::baseline_of(report);
    std::fs::write(path, b.to_json()?).map_err(|e| format!("cannot write `{name}`: {e}"))?;
    let mut err = anstream::stderr();
    let _ = writeln!(
        err,
        "wrote a baseline of {} finding{} to {name}",
        b.findings.len(),
        if b.findings.len() == 1 { "" } else { "s" }
    );
    Ok(())
}

/// `capcheck coverage`, over a check whose diagnostics were printed.
pub fn coverage_command(
    args: &CoverageArgs,
    checker: &Checker,
    report: &Report,
) -> Result<ExitCode, String> {
    let c = coverage::compute(checker.dataset(), checker.rules(), &report.findings);
    let text = match args.format {
        CoverageFormat::Table => render::coverage::table(&c),
        CoverageFormat::Json => render::coverage::json(&c),
    };
    let mut out = anstream::stdout();
    out.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write to standard output: {e}"))?;
    Ok(
        if report.diagnostics.iter().any(|d| d.level == Level::Error) {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        },
    )
}
