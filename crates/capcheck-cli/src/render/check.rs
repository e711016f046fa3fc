//! `capcheck check`'s output in the format asked for: the report formats and the CI ones.

use capcheck_core::{Checker, Report};

use super::lines::Lines;
use super::{github, junit, report, sarif};
use crate::args::{CheckFormat, Format};

/// The report in `format`. `terminal` adds colour codes to the table.
pub fn render(report: &Report, format: CheckFormat, checker: &Checker, terminal: bool) -> String {
    let lines = Lines::new(checker);
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
/// SARIF run's properties, a comment in CSV (written by the core's `Report::to_csv`) and JUnit,
/// a closing line elsewhere.
fn with_attribution(mut text: String, report: &Report, format: CheckFormat) -> String {
    let Some(a) = &report.attribution else {
        return text;
    };
    match format {
        CheckFormat::Json | CheckFormat::Sarif | CheckFormat::Csv => {}
        CheckFormat::Table => text.push_str(&format!("\nCatalogue facts: {a}\n")),
        CheckFormat::Markdown => text.push_str(&format!("\n_Catalogue facts: {a}_\n")),
        CheckFormat::Github => text.push_str(&format!("Catalogue facts: {a}\n")),
        CheckFormat::Junit => {
            let comment = format!("<!-- Catalogue facts: {} -->\n", a.replace("--", "-"));
            let at = text.find("?>\n").map_or(0, |i| i + 3);
            text.insert_str(at, &comment);
        }
    }
    text
}
