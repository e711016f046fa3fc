//! What every command shares: loading and compiling the inputs, naming an unknown id, reading
//! `--fail-on`, and writing the output.

use std::io::Write;
use std::path::Path;

use capcheck_core::{dataset, engine, rule, Checker, Diagnostic, Level, Severity};

use crate::args::InputArgs;
use crate::input::{self, Files};

/// Loaded inputs, ready to check.
pub(crate) struct Loaded {
    pub(crate) files: Files,
    pub(crate) checker: Checker,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Every app id in the data, before `only_apps` narrowed it.
    pub(crate) all_apps: Vec<String>,
}

/// Reads and compiles everything; with `only_apps`, keeps just those apps (each must exist,
/// unless the data has errors that may have hidden it), before any app is converted.
pub(crate) fn load(args: &InputArgs, only_apps: &[String]) -> Result<Loaded, String> {
    load_with(args, only_apps, |_, _, _| Ok(()))
}

/// [`load`], with `prepare` run on the dataset before any app is converted for the rules (an
/// inventory puts its facts on the records there).
pub(crate) fn load_with(
    args: &InputArgs,
    only_apps: &[String],
    prepare: impl FnOnce(&mut dataset::Dataset, &mut Files, &mut Vec<Diagnostic>) -> Result<(), String>,
) -> Result<Loaded, String> {
    let context = input::context(args)?;
    let mut files = input::read(args);
    let mut diagnostics = std::mem::take(&mut files.diagnostics);
    let (mut dataset, mut data_diags) = capcheck_core::catalogue::load(&files.data_files());
    diagnostics.append(&mut data_diags);
    prepare(&mut dataset, &mut files, &mut diagnostics)?;
    let all_apps = dataset.apps.iter().map(|a| a.record.id.clone()).collect();
    if !only_apps.is_empty() {
        let data_errors = diagnostics.iter().any(|d| d.level == Level::Error);
        if let Some(id) = only_apps.iter().find(|id| dataset.get(id).is_none()) {
            if !data_errors {
                return Err(unknown(
                    "app",
                    id,
                    dataset.apps.iter().map(|a| a.record.id.as_str()),
                ));
            }
        }
        dataset.apps.retain(|a| only_apps.contains(&a.record.id));
    }
    let engine = engine::build();
    let (rules, mut rule_diags) = rule::compile_all(&engine, &files.rule_sources());
    diagnostics.append(&mut rule_diags);
    let checker = Checker::new(engine, dataset, rules, context);
    Ok(Loaded {
        files,
        checker,
        diagnostics,
        all_apps,
    })
}

pub(crate) fn parse_fail_on(text: &str) -> Result<Option<Severity>, String> {
    if text == "never" {
        return Ok(None);
    }
    Severity::parse(text).map(Some).ok_or_else(|| {
        format!("`--fail-on {text}` is not one of info, low, medium, high, critical, never")
    })
}

pub(crate) fn unknown<'a>(what: &str, id: &str, known: impl Iterator<Item = &'a str>) -> String {
    match capcheck_core::diagnostic::closest(id, known) {
        Some(k) => format!("there is no {what} `{id}`; did you mean `{k}`?"),
        None if what == "app" => format!("there is no {what} `{id}`; `capcheck apps` lists them"),
        None => format!("there is no {what} `{id}`"),
    }
}

/// Writes to FILE, or to standard output. `styled` text may hold colour codes: it goes through
/// the colour-aware stream (which strips them off a terminal or under `NO_COLOR`) and is stripped
/// for files. A closed pipe (`capcheck check | head`) is not an error.
pub(crate) fn emit(text: &str, output: Option<&Path>, styled: bool) -> Result<(), String> {
    fn write_to(out: &mut impl Write, text: &str) -> std::io::Result<()> {
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .or_else(|e| {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    Ok(())
                } else {
                    Err(e)
                }
            })
    }
    match output {
        Some(path) => {
            let plain = if styled {
                anstream::adapter::strip_str(text).to_string()
            } else {
                text.to_owned()
            };
            std::fs::write(path, plain)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
        }
        None => {
            let written = if styled {
                write_to(&mut anstream::stdout(), text)
            } else {
                write_to(&mut std::io::stdout().lock(), text)
            };
            written.map_err(|e| format!("cannot write to standard output: {e}"))
        }
    }
}
