//! `capcheck check`'s output in the format asked for: the report formats and the CI ones.

use std::collections::HashMap;

use capcheck_core::{Checker, Finding, Report};

use super::{github, junit, report, sarif};
use crate::args::{CheckFormat, Format};
use crate::input::Files;

/// The report in `format`. `terminal` adds colour codes to the table.
pub fn render(
    report: &Report,
    format: CheckFormat,
    files: &Files,
    checker: &Checker,
    terminal: bool,
) -> String {
    let lines = Lines::new(files, checker);
    let text = match format {
        CheckFormat::Table => report::render(report, Format::Table, terminal),
        CheckFormat::Json => report::render(report, Format::Json, terminal),
        CheckFormat::Csv => report::render(report, Format::Csv, terminal),
        CheckFormat::Markdown => report::render(report, Format::Markdown, terminal),
        CheckFormat::Sarif => sarif::render(report, checker.rules(), &lines),
        CheckFormat::Junit => junit::render(report, checker, &lines),
        CheckFormat::Github => github::render(report, &lines),
    };
    with_attribution(text, report, format)
}

/// The catalogue's attribution, as each format allows: a field of the JSON report and of the
/// SARIF run's properties, a comment in CSV and JUnit, a closing line elsewhere.
fn with_attribution(mut text: String, report: &Report, format: CheckFormat) -> String {
    let Some(a) = &report.attribution else {
        return text;
    };
    match format {
        CheckFormat::Json | CheckFormat::Sarif => {}
        CheckFormat::Table => text.push_str(&format!("\nCatalogue facts: {a}\n")),
        CheckFormat::Markdown => text.push_str(&format!("\n_Catalogue facts: {a}_\n")),
        CheckFormat::Csv => text.push_str(&format!("# Catalogue facts: {a}\n")),
        CheckFormat::Github => text.push_str(&format!("Catalogue facts: {a}\n")),
        CheckFormat::Junit => {
            let comment = format!("<!-- Catalogue facts: {} -->\n", a.replace("--", "-"));
            let at = text.find("?>\n").map_or(0, |i| i + 3);
            text.insert_str(at, &comment);
        }
    }
    text
}

/// Finds the line a finding points at in its app's data file.
pub struct Lines<'a> {
    /// Each app's record: its text (from its start to the next record's) and the line it
    /// starts on.
    records: HashMap<&'a str, (&'a str, usize)>,
}

impl<'a> Lines<'a> {
    /// Cuts each data file into its records, counting lines once per file (a JSON file may
    /// hold thousands of records).
    pub fn new(files: &'a Files, checker: &'a Checker) -> Lines<'a> {
        let mut by_file: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
        for a in &checker.dataset().apps {
            by_file
                .entry(a.file.as_str())
                .or_default()
                .push((a.offset, a.record.id.as_str()));
        }
        let mut records = HashMap::new();
        for (file, mut starts) in by_file {
            let Some(text) = files.text_of(file) else {
                continue;
            };
            starts.sort_unstable();
            let (mut line, mut counted) = (1, 0);
            for (i, (offset, id)) in starts.iter().enumerate() {
                let start = (*offset).min(text.len());
                let end = starts
                    .get(i + 1)
                    .map_or(text.len(), |n| n.0.min(text.len()));
                line += text
                    .get(counted..start)
                    .map_or(0, |t| t.bytes().filter(|b| *b == b'\n').count());
                counted = start;
                if let Some(record) = text.get(start..end) {
                    records.insert(*id, (record, line));
                }
            }
        }
        Lines { records }
    }

    /// The line of the first evidence field the file writes down (1 when unknown).
    pub fn of(&self, finding: &Finding) -> usize {
        self.records
            .get(finding.app.as_str())
            .map_or(1, |(record, first)| {
                // Only this record is searched, so a field it lacks is not found in the next.
                first + capcheck_core::location::finding_line(finding, record, 0) - 1
            })
    }
}

/// A file name as a URI reference: relative paths stay relative (to the checkout, which is
/// what code-scanning tools resolve them against), absolute ones become `file://` URIs.
pub fn uri(name: &str) -> String {
    let slashed = name.replace('\\', "/");
    let encoded: String = slashed
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_owned(),
            '%' => "%25".to_owned(),
            '#' => "%23".to_owned(),
            '?' => "%3F".to_owned(),
            c => c.to_string(),
        })
        .collect();
    let trimmed = encoded.strip_prefix("./").unwrap_or(&encoded);
    if trimmed.starts_with('/') {
        format!("file://{trimmed}")
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn file_names_become_uri_references() {
        let cases = [
            ("data/clari.toml", "data/clari.toml"),
            ("./data/a b.toml", "data/a%20b.toml"),
            ("/tmp/x#1.json", "file:///tmp/x%231.json"),
            ("rules\\no-bulk-path.rhai", "rules/no-bulk-path.rhai"),
        ];
        for (name, want) in cases {
            assert_eq!(uri(name), want, "{name}");
        }
    }
}
