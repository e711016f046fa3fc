//! `capcheck check`'s output in the format asked for: the report formats and the CI ones.

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
    let lines = Lines { files, checker };
    match format {
        CheckFormat::Table => report::render(report, Format::Table, terminal),
        CheckFormat::Json => report::render(report, Format::Json, terminal),
        CheckFormat::Csv => report::render(report, Format::Csv, terminal),
        CheckFormat::Markdown => report::render(report, Format::Markdown, terminal),
        CheckFormat::Sarif => sarif::render(report, checker.rules(), &lines),
        CheckFormat::Junit => junit::render(report, checker, &lines),
        CheckFormat::Github => github::render(report, &lines),
    }
}

/// Finds the line a finding points at in its app's data file.
pub struct Lines<'a> {
    files: &'a Files,
    checker: &'a Checker,
}

impl Lines<'_> {
    /// The line of the first evidence field the file writes down (1 when unknown).
    pub fn of(&self, finding: &Finding) -> usize {
        let offset = self
            .checker
            .dataset()
            .get(&finding.app)
            .map_or(0, |a| a.offset);
        self.files.text_of(&finding.app_file).map_or(1, |text| {
            capcheck_core::location::finding_line(finding, text, offset)
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
