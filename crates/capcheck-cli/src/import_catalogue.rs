//! `capcheck import --catalogue FILE`: writes a release of the SCIM Tax Index to the dataset's
//! `catalogues/` folder and reports what changed against the release there: apps added and
//! removed, facts changed. A release that differs is never written over without `--force`.
//! Guide-page records and curated facts live in their own files and are never touched; they win
//! or lose against the catalogue only when the dataset is loaded (see docs/sources.md).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use capcheck_core::catalogue::{self, Changes, Format};
use capcheck_core::Level;

use crate::args::ImportArgs;
use crate::render::diagnostics;

/// The shipped catalogue's file, under the data folder.
const TARGET: &str = "catalogues/scim-tax.csv";

/// Runs the import of one catalogue release.
pub fn run(file: &Path, args: &ImportArgs) -> Result<ExitCode, String> {
    let name = file.display().to_string();
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read `{name}`: {e}"))?;
    let format = match args.format.as_deref() {
        Some("json") => Format::Json,
        Some(_) => Format::Csv,
        None => Format::detect(&text),
    };
    let (rows, diags) = catalogue::parse(&name, &text, Some(format));
    let mut err = anstream::stderr();
    for d in &diags {
        let _ = writeln!(err, "{}", diagnostics::render(d, Some(&text)));
    }
    if rows.is_empty() || diags.iter().any(|d| d.level == Level::Error) {
        let _ = writeln!(err, "not written: `{name}` has errors (above)");
        return Ok(ExitCode::from(2));
    }
    let csv = match format {
        Format::Csv => text.clone(),
        Format::Json => to_csv(&text)?,
    };
    let target = args.data_dir.join(TARGET);
    let shown = target.display().to_string();
    let previous = std::fs::read_to_string(&target).ok();
    let changes = match &previous {
        Some(old) => {
            let (old_rows, _) = catalogue::parse(&shown, old, None);
            let (new_rows, _) = catalogue::parse(&shown, &csv, Some(Format::Csv));
            catalogue::changes(&old_rows, &new_rows)
        }
        None => Changes {
            added: rows.iter().map(|r| r.record.id.clone()).collect(),
            ..Changes::default()
        },
    };
    print_changes(&changes);
    let _ = writeln!(
        err,
        "{} apps in the release; {} added, {} removed, {} facts changed",
        rows.len(),
        changes.added.len(),
        changes.removed.len(),
        changes.changed.len()
    );
    match previous {
        Some(old) if old == csv => {
            let _ = writeln!(err, "unchanged {shown}");
            Ok(ExitCode::SUCCESS)
        }
        Some(_) if !args.force => {
            let _ = writeln!(
                err,
                "not written: `{shown}` exists and differs (changes above); pass `--force` to replace it"
            );
            Ok(ExitCode::from(1))
        }
        _ => {
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
            }
            std::fs::write(&target, &csv).map_err(|e| format!("cannot write `{shown}`: {e}"))?;
            let _ = writeln!(err, "wrote {shown}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The report, one line per change, on standard output.
fn print_changes(c: &Changes) {
    let mut out = anstream::stdout();
    for id in &c.added {
        let _ = writeln!(out, "added    {id}");
    }
    for id in &c.removed {
        let _ = writeln!(out, "removed  {id}");
    }
    for f in &c.changed {
        let _ = writeln!(
            out,
            "changed  {}  {}: {} -> {}",
            f.app, f.field, f.old, f.new
        );
    }
}

/// A JSON release as CSV (columns by name), so the shipped catalogue has one format.
fn to_csv(text: &str) -> Result<String, String> {
    let rows: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_str(text).map_err(|e| format!("cannot read the JSON catalogue: {e}"))?;
    let mut columns: Vec<String> = Vec::new();
    for row in &rows {
        for k in row.keys() {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
    }
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(&columns).map_err(|e| e.to_string())?;
    for row in &rows {
        let cells = columns.iter().map(|c| match row.get(c) {
            None | Some(serde_json::Value::Null) => String::new(),
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
        });
        w.write_record(cells).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
