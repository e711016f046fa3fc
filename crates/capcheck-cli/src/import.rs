//! `capcheck import`: reads guide pages, prints what could not be read, and writes one data file
//! per app. An existing file that differs is never overwritten without `--force`; its difference
//! is shown instead. Exit codes: 0 all written or unchanged, 1 some file refused, 2 a page could
//! not be read or a record would not load as a data file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use capcheck_core::import::{self, ImportResult};
use capcheck_core::{dataset, front, AppRecord};

use crate::args::ImportArgs;
use crate::render::diagnostics;

/// Runs `capcheck import`.
pub fn run(args: &ImportArgs) -> Result<ExitCode, String> {
    if let Some(file) = &args.catalogue {
        return crate::import_catalogue::run(file, args);
    }
    let mut err = anstream::stderr();
    let mut unreadable = false;
    let mut records = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                diagnostics::print_fatal(&format!("cannot read `{name}`: {e}"));
                unreadable = true;
                continue;
            }
        };
        let ImportResult {
            records: mut read,
            warnings,
            ..
        } = import::import_page_named(&name, &text, args.name.as_deref());
        for w in &warnings {
            let _ = writeln!(err, "{}", diagnostics::render(w, Some(&text)));
        }
        if read.is_empty() {
            let _ = writeln!(err, "{name}: no app found on this page");
        }
        records.append(&mut read);
    }
    let (records, notes) = import::dedupe(records);
    for n in &notes {
        let _ = writeln!(err, "{}", diagnostics::render(n, None));
    }
    // A record the dataset reader would refuse (a value over the size limit) is not written.
    let before = records.len();
    let records: Vec<AppRecord> = records.into_iter().filter(loads_back).collect();
    let invalid = records.len() < before;
    let refused = if args.stdout {
        print_all(&records);
        0
    } else {
        write_all(&records, &args.data_dir, args.force)?
    };
    Ok(if unreadable || invalid {
        ExitCode::from(2)
    } else if refused > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// True when the record's data file loads without an error; prints the errors otherwise.
fn loads_back(record: &AppRecord) -> bool {
    let name = format!("{}.toml", record.id);
    let text = import::write_record(record);
    let (_, diags) = dataset::parse_file(&name, &text);
    let mut err = anstream::stderr();
    for d in &diags {
        let _ = writeln!(err, "{}", diagnostics::render(d, Some(&text)));
    }
    if !diags.is_empty() {
        let _ = writeln!(
            err,
            "not written: `{}` would not load as a data file",
            record.id
        );
    }
    diags.is_empty()
}

fn print_all(records: &[AppRecord]) {
    let mut out = anstream::stdout();
    for (i, r) in records.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "# ---- {}.toml ----", r.id);
        let _ = write!(out, "{}", import::write_record(r));
    }
}

/// Writes each record to `dir/<id>.toml`; returns how many were refused.
fn write_all(records: &[AppRecord], dir: &Path, force: bool) -> Result<usize, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let mut err = anstream::stderr();
    let mut refused = 0;
    for record in records {
        let path = dir.join(format!("{}.toml", record.id));
        let shown = path.display().to_string();
        let Ok(existing) = std::fs::read_to_string(&path) else {
            write(&path, &import::write_record(record))?;
            let _ = writeln!(err, "wrote {shown}");
            continue;
        };
        // What a person set by hand survives a re-import.
        let (apps, _) = dataset::parse_file(&shown, &existing);
        let fresh = match front::merge_import(record, apps.first().map(|a| &a.record)) {
            front::Merge::Add(r) | front::Merge::Replace(r) => r,
            front::Merge::KeepFull => {
                let _ = writeln!(
                    err,
                    "kept {shown}: it holds a full record; a related-apps entry does not replace it"
                );
                continue;
            }
        };
        let text = import::write_record(&fresh);
        if text == existing {
            let _ = writeln!(err, "unchanged {shown}");
        } else if force {
            write(&path, &text)?;
            let _ = writeln!(err, "overwrote {shown}");
        } else {
            let diff = similar::TextDiff::from_lines(&existing, &text)
                .unified_diff()
                .context_radius(2)
                .header(&shown, &format!("{shown} (imported)"))
                .to_string();
            let _ = write!(anstream::stdout(), "{diff}");
            let _ = writeln!(
                err,
                "not written: `{shown}` exists and differs (difference above); pass `--force` to overwrite it"
            );
            refused += 1;
        }
    }
    Ok(refused)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}
