//! Reading data and rule files from disk (or taking the built-in ones), and turning the CLI's
//! settings into the core's context.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use capcheck_core::date::{from_unix_days, parse_date};
use capcheck_core::{builtin, eval, Code, Context, DataFile, Diagnostic, RuleSource};

use crate::args::InputArgs;

/// Largest data or rule file read, in bytes. Larger files are refused with a clear error.
const MAX_FILE_BYTES: u64 = 32 << 20;

/// Files read, by the name diagnostics use.
#[derive(Debug, Default)]
pub struct Files {
    /// `(name, text)` of data files.
    pub data: Vec<(String, String)>,
    /// `(name, text)` of rule files.
    pub rules: Vec<(String, String)>,
    /// `(name, text)` of other files read (waivers, baseline), for showing diagnostics' lines.
    pub other: Vec<(String, String)>,
    /// Problems reading them.
    pub diagnostics: Vec<Diagnostic>,
}

impl Files {
    /// The data files as the core takes them.
    pub fn data_files(&self) -> Vec<DataFile<'_>> {
        self.data
            .iter()
            .map(|(name, text)| DataFile { name, text })
            .collect()
    }

    /// The rule files as the core takes them.
    pub fn rule_sources(&self) -> Vec<RuleSource<'_>> {
        self.rules
            .iter()
            .map(|(name, text)| RuleSource { name, text })
            .collect()
    }

    /// The text of a file by name, for rendering a diagnostic's source line.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.data
            .iter()
            .chain(&self.rules)
            .chain(&self.other)
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    }
}

/// Reads the files the arguments name, or takes the built-in ones.
pub fn read(args: &InputArgs) -> Files {
    let mut files = Files::default();
    if args.data.is_empty() {
        files.data = builtin::DATA
            .iter()
            .chain(builtin::catalogues())
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect();
    } else {
        for path in &args.data {
            collect(
                path,
                &["toml", "json", "csv"],
                &mut files.data,
                &mut files.diagnostics,
            );
        }
    }
    if args.rules.is_empty() {
        files.rules = builtin::RULES
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect();
    } else {
        for path in &args.rules {
            collect(path, &["rhai"], &mut files.rules, &mut files.diagnostics);
        }
    }
    files
}

fn collect(
    path: &Path,
    exts: &[&str],
    out: &mut Vec<(String, String)>,
    diags: &mut Vec<Diagnostic>,
) {
    let name = path.display().to_string();
    if path.is_dir() {
        let mut found: Vec<PathBuf> = Vec::new();
        walk(path, exts, &mut found, diags);
        found.sort();
        if found.is_empty() {
            diags.push(Diagnostic::error(
                Code::NoFiles,
                &name,
                format!("folder `{name}` holds no `.{}` files", exts.join("` or `.")),
            ));
        }
        for f in found {
            read_one(&f, out, diags);
        }
    } else {
        read_one(path, out, diags);
    }
}

fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::Io,
                &dir.display().to_string(),
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk(&p, exts, out, diags);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(p);
        }
    }
}

fn read_one(path: &Path, out: &mut Vec<(String, String)>, diags: &mut Vec<Diagnostic>) {
    let name = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            diags.push(
                Diagnostic::error(
                    Code::FileTooLarge,
                    &name,
                    format!(
                        "file is {} bytes, over the limit of {MAX_FILE_BYTES} bytes",
                        m.len()
                    ),
                )
                .with_help("split the dataset into smaller files"),
            );
            return;
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::Io,
                &name,
                format!("cannot read file: {}", io_reason(&e)),
            ));
            return;
        }
        Ok(_) => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => out.push((name, text)),
            Err(e) => diags.push(Diagnostic::error(
                Code::Encoding,
                &name,
                format!(
                    "file is not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )),
        },
        Err(e) => diags.push(Diagnostic::error(
            Code::Io,
            &name,
            format!("cannot read file: {}", io_reason(&e)),
        )),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().to_lowercase(),
    }
}

/// Today's UTC date from the system clock.
fn system_today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    from_unix_days((secs / 86_400) as i64).to_string()
}

/// The context rules run in: `--today` (or the clock) and the settings with `--set` applied.
pub fn context(args: &InputArgs) -> Result<Context, String> {
    let today = match &args.today {
        Some(t) if t.len() == 10 && parse_date(t).is_some() => t.clone(),
        Some(t) => return Err(format!("`--today {t}` is not a date; write YYYY-MM-DD")),
        None => system_today(),
    };
    let mut settings: BTreeMap<String, serde_json::Value> = eval::default_settings();
    for pair in &args.settings {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(format!("`--set {pair}` needs the form KEY=VALUE"));
        };
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!(
                "`--set {pair}`: setting names are letters, digits and `_`"
            ));
        }
        let value = value.trim();
        let parsed = if let Ok(i) = value.parse::<i64>() {
            serde_json::Value::from(i)
        } else if let Ok(b) = value.parse::<bool>() {
            serde_json::Value::from(b)
        } else {
            serde_json::Value::from(value)
        };
        settings.insert(key.to_owned(), parsed);
    }
    Ok(Context { today, settings })
}
