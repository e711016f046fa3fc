//! The check report in each format: table, JSON, CSV and Markdown. Waived and baselined
//! findings have their own sections (a `status` column in CSV).

use capcheck_core::{Finding, Report, Severity};

use super::style::{self, paint};
use super::text::{columns, markdown, markdown_row, Cell};
use crate::args::Format;

/// The report in `format`. `terminal` adds colour codes (stripped later where not wanted).
pub fn render(report: &Report, format: Format, terminal: bool) -> String {
    match format {
        Format::Table => table(report, terminal),
        Format::Json => json(report),
        Format::Csv => csv(report),
        Format::Markdown => markdown_report(report),
    }
}

/// Worst first, then by app and rule: the order people read.
fn by_severity(report: &Report) -> Vec<&Finding> {
    let mut f: Vec<&Finding> = report.findings.iter().collect();
    f.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.app.cmp(&b.app))
            .then_with(|| a.rule.cmp(&b.rule))
    });
    f
}

/// "41 findings (4 critical, 2 high, ...) from 14 rules over 8 apps".
pub fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    let counts: Vec<String> = Severity::ALL
        .iter()
        .rev()
        .filter(|sev| s.findings.get(**sev) > 0)
        .map(|sev| format!("{} {}", s.findings.get(*sev), sev.as_str()))
        .collect();
    let total = s.findings.total();
    let mut line = format!(
        "{total} finding{} {}from {} rule{} over {} app{}",
        if total == 1 { "" } else { "s" },
        if counts.is_empty() {
            String::new()
        } else {
            format!("({}) ", counts.join(", "))
        },
        s.rules,
        if s.rules == 1 { "" } else { "s" },
        s.apps,
        if s.apps == 1 { "" } else { "s" },
    );
    line.push_str(&super::accepted::summary_suffix(report));
    if s.errors > 0 {
        line.push_str(&format!(
            "; {} error{} (see above)",
            s.errors,
            if s.errors == 1 { "" } else { "s" }
        ));
    }
    line
}

fn table(report: &Report, terminal: bool) -> String {
    let rows: Vec<Vec<Cell>> = by_severity(report)
        .into_iter()
        .map(|f| {
            let sev = f.severity.as_str().to_uppercase();
            vec![
                if terminal {
                    Cell::styled(sev, style::severity(f.severity))
                } else {
                    Cell::plain(sev)
                },
                Cell::plain(f.app.clone()),
                Cell::plain(f.rule.clone()),
                Cell::plain(f.message.clone()),
            ]
        })
        .collect();
    let mut out = if rows.is_empty() {
        String::new()
    } else {
        columns(&["SEVERITY", "APP", "RULE", "MESSAGE"], &rows)
    };
    if !rows.is_empty() {
        out.push('\n');
    }
    out.push_str(&super::accepted::table(report, terminal));
    out.push_str(&paint(style::BOLD, &summary_line(report)));
    out.push('\n');
    out
}

fn json(report: &Report) -> String {
    report.to_json()
}

fn csv(report: &Report) -> String {
    report.to_csv()
}

fn markdown_report(report: &Report) -> String {
    let rows: Vec<Vec<String>> = by_severity(report).into_iter().map(markdown_row).collect();
    let mut out = String::from("## capcheck findings\n\n");
    out.push_str(&summary_line(report));
    out.push_str("\n\n");
    if !rows.is_empty() {
        out.push_str(&markdown(&["Severity", "App", "Rule", "Message"], &rows));
    }
    out.push_str(&super::accepted::markdown_sections(report));
    if !report.diagnostics.is_empty() {
        out.push_str("\n### Errors\n\n");
        for d in &report.diagnostics {
            out.push_str(&format!(
                "- `{}`: {} ({})\n",
                d.location(),
                d.message,
                d.code
            ));
        }
    }
    out
}
