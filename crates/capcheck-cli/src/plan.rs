//! `capcheck plan`, and `capcheck check --inventory`: read the company's inventory, match it to
//! the dataset, put its facts on the records before the rules run, and print the plan.

use std::path::Path;
use std::process::ExitCode;

use capcheck_core::dataset::Dataset;
use capcheck_core::inventory::matching::{self, Outcome, Overrides};
use capcheck_core::inventory::{self, Inventory};
use capcheck_core::plan::{self, render as plan_render, Plan, PlanInput};
use capcheck_core::{Checker, Diagnostic, Level, Report};

use crate::args::{CheckFormat, PlanArgs, PlanFormat};
use crate::input::Files;
use crate::render;
use crate::session::{emit, load_with, Loaded};

/// Largest inventory or overrides file read, in bytes.
const MAX_FILE_BYTES: u64 = 64 << 20;

/// The company's inventory and each app's match.
pub(crate) struct Stack {
    inventory: Inventory,
    outcomes: Vec<Outcome>,
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let name = path.display();
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => Err(format!(
            "`{name}` is {} bytes, over the limit of {MAX_FILE_BYTES} bytes",
            m.len()
        )),
        _ => std::fs::read(path).map_err(|e| format!("cannot read `{name}`: {e}")),
    }
}

/// Reads the inventory and the overrides, matches every app, puts the inventory's facts on the
/// matched records and keeps only those records. Problems in the files are diagnostics; a file
/// that cannot be read at all is a usage error.
pub(crate) fn load_stack(
    path: &Path,
    overrides: Option<&Path>,
    dataset: &mut Dataset,
    files: &mut Files,
    diags: &mut Vec<Diagnostic>,
) -> Result<Stack, String> {
    let name = path.display().to_string();
    let bytes = read_bytes(path)?;
    let (inventory, text, mut found) = inventory::read(&name, &bytes);
    files.other.push((name, text));
    diags.append(&mut found);
    let pins = match overrides {
        None => Overrides::default(),
        Some(p) => {
            let name = p.display().to_string();
            let text = String::from_utf8(read_bytes(p)?)
                .map_err(|_| format!("`{name}` is not UTF-8: save it as UTF-8"))?;
            let ids: Vec<&str> = dataset.apps.iter().map(|a| a.record.id.as_str()).collect();
            let (pins, mut found) = matching::parse_overrides(&name, &text, &ids);
            files.other.push((name, text));
            diags.append(&mut found);
            pins
        }
    };
    let outcomes = matching::match_all(
        dataset.apps.iter().map(|a| &a.record),
        &inventory.apps,
        &pins,
    );
    inventory::apply(dataset, &inventory.apps, &outcomes);
    dataset.apps.retain(|a| a.record.inventory.is_some());
    Ok(Stack {
        inventory,
        outcomes,
    })
}

fn build(stack: &Stack, report: &Report, checker: &Checker, leaver: Option<&str>) -> Plan {
    plan::build(PlanInput {
        dataset: checker.dataset(),
        inventory: &stack.inventory,
        outcomes: &stack.outcomes,
        findings: &report.findings,
        today: &report.today,
        leaver,
        diagnostics: report.diagnostics.clone(),
    })
}

/// `capcheck plan`.
pub(crate) fn run(args: &PlanArgs) -> Result<ExitCode, String> {
    let mut stack = None;
    let path = args
        .stack
        .inventory
        .as_deref()
        .ok_or("`--inventory FILE` is required")?;
    let Loaded {
        files,
        mut checker,
        diagnostics,
        ..
    } = load_with(&args.input, &[], |dataset, files, diags| {
        stack = Some(load_stack(
            path,
            args.stack.overrides.as_deref(),
            dataset,
            files,
            diags,
        )?);
        Ok(())
    })?;
    let stack = stack.ok_or("the inventory was not read")?;
    let report = checker.check(diagnostics);
    render::diagnostics::print(&report.diagnostics, &files);
    let plan = build(&stack, &report, &checker, args.leaver.as_deref());
    let text = match args.format {
        PlanFormat::Markdown => plan_render::markdown(&plan),
        PlanFormat::Csv => plan_render::csv(&plan),
        PlanFormat::Json => plan_render::json(&plan),
        PlanFormat::Html => plan_render::html(&plan),
    };
    emit(&text, args.output.as_deref(), false)?;
    if let Some(out) = &args.output {
        eprintln!(
            "wrote the plan ({}) to {}",
            plan.summary.line(),
            out.display()
        );
    }
    let errors = plan.diagnostics.iter().any(|d| d.level == Level::Error);
    Ok(if errors {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The stack's numbers, for the end of `check`'s table and Markdown, and as `stack` in its JSON.
pub(crate) fn with_stack(
    text: String,
    stack: &Stack,
    report: &Report,
    checker: &Checker,
    format: CheckFormat,
) -> String {
    let plan = build(stack, report, checker, None);
    let s = &plan.summary;
    let severities: Vec<String> = capcheck_core::Severity::ALL
        .iter()
        .rev()
        .filter(|sev| s.by_severity.get(**sev) > 0)
        .map(|sev| format!("{} {}", s.by_severity.get(*sev), sev.as_str()))
        .chain((s.without_findings > 0).then(|| format!("{} without findings", s.without_findings)))
        .collect();
    let unknown: Vec<String> = plan
        .apps
        .iter()
        .filter(|a| a.record.is_none())
        .map(|a| match (a.matched, a.suggestions.is_empty()) {
            ("ambiguous", _) => format!("{} (could be {})", a.name, a.suggestions.join(", ")),
            (_, false) => format!("{} (did you mean {}?)", a.name, a.suggestions.join(", ")),
            _ => a.name.clone(),
        })
        .collect();
    let mut lines = vec![
        format!("Stack ({}): {}", plan.inventory.file, s.line()),
        format!("  by highest finding: {}", severities.join(", ")),
    ];
    if !unknown.is_empty() {
        lines.push(format!(
            "  unknown, no capability record: {}; import their guide pages (`capcheck import`)",
            unknown.join(", ")
        ));
    }
    match format {
        CheckFormat::Table => format!("{text}\n{}\n", lines.join("\n")),
        CheckFormat::Markdown => format!("{text}\n### Stack\n\n{}\n", lines.join("\n\n")),
        CheckFormat::Json => {
            let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&text) else {
                return text;
            };
            let unknown: Vec<serde_json::Value> = plan
                .apps
                .iter()
                .filter(|a| a.record.is_none())
                .map(|a| {
                    serde_json::json!({ "name": a.name, "match": a.matched, "suggestions": a.suggestions })
                })
                .collect();
            if let Some(map) = value.as_object_mut() {
                map.insert(
                    "stack".to_owned(),
                    serde_json::json!({ "inventory": plan.inventory, "summary": plan.summary, "unknown": unknown }),
                );
            }
            capcheck_core::front::json(&value)
        }
        _ => text,
    }
}
