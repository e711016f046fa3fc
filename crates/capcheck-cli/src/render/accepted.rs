//! The findings a check set apart (waived, baselined) and the baseline entries fixed since, as
//! their own sections of the table and the Markdown report: never mixed with the findings that
//! count, never left out.

use capcheck_core::{Finding, Report};

use super::style::{self, paint};
use super::text::{columns, markdown, markdown_row, Cell};

fn sev_cell(f: &Finding, terminal: bool) -> Cell {
    let sev = f.severity.as_str().to_uppercase();
    if terminal {
        Cell::styled(sev, style::severity(f.severity))
    } else {
        Cell::plain(sev)
    }
}

/// The sections for the table, each ending in a blank line; empty when nothing was set apart.
pub fn table(report: &Report, terminal: bool) -> String {
    let mut out = String::new();
    if !report.waived.is_empty() {
        out.push_str(&paint(
            style::BOLD,
            &format!(
                "Waived ({}): not counted for --fail-on\n",
                report.waived.len()
            ),
        ));
        let rows: Vec<Vec<Cell>> = report
            .waived
            .iter()
            .map(|w| {
                vec![
                    sev_cell(&w.finding, terminal),
                    Cell::plain(w.finding.app.clone()),
                    Cell::plain(w.finding.rule.clone()),
                    Cell::plain(w.waiver.expires.clone()),
                    Cell::plain(w.waiver.owner.clone()),
                    Cell::plain(w.waiver.reason.clone()),
                ]
            })
            .collect();
        out.push_str(&columns(
            &["SEVERITY", "APP", "RULE", "EXPIRES", "OWNER", "REASON"],
            &rows,
        ));
        out.push('\n');
    }
    if !report.baselined.is_empty() {
        out.push_str(&paint(
            style::BOLD,
            &format!(
                "In the baseline ({}): existing findings, not counted for --fail-on\n",
                report.baselined.len()
            ),
        ));
        let rows: Vec<Vec<Cell>> = report
            .baselined
            .iter()
            .map(|f| {
                vec![
                    sev_cell(f, terminal),
                    Cell::plain(f.app.clone()),
                    Cell::plain(f.rule.clone()),
                    Cell::plain(f.message.clone()),
                ]
            })
            .collect();
        out.push_str(&columns(&["SEVERITY", "APP", "RULE", "MESSAGE"], &rows));
        out.push('\n');
    }
    if !report.fixed.is_empty() {
        out.push_str(&paint(
            style::BOLD,
            &format!(
                "Fixed since the baseline ({}): no longer found\n",
                report.fixed.len()
            ),
        ));
        let rows: Vec<Vec<Cell>> = report
            .fixed
            .iter()
            .map(|e| {
                vec![
                    Cell::plain(e.severity.as_str().to_uppercase()),
                    Cell::plain(e.app.clone()),
                    Cell::plain(e.rule.clone()),
                ]
            })
            .collect();
        out.push_str(&columns(&["SEVERITY", "APP", "RULE"], &rows));
        out.push('\n');
    }
    out
}

/// The sections for the Markdown report; empty when nothing was set apart.
pub fn markdown_sections(report: &Report) -> String {
    let mut out = String::new();
    if !report.waived.is_empty() {
        out.push_str(&format!("\n### Waived ({})\n\n", report.waived.len()));
        let rows: Vec<Vec<String>> = report
            .waived
            .iter()
            .map(|w| {
                vec![
                    w.finding.severity.as_str().to_owned(),
                    w.finding.app_name.clone(),
                    format!("`{}`", w.finding.rule),
                    w.waiver.reason.clone(),
                    w.waiver.owner.clone(),
                    w.waiver.expires.clone(),
                ]
            })
            .collect();
        out.push_str(&markdown(
            &["Severity", "App", "Rule", "Reason", "Owner", "Expires"],
            &rows,
        ));
    }
    if !report.baselined.is_empty() {
        out.push_str(&format!(
            "\n### In the baseline ({})\n\n",
            report.baselined.len()
        ));
        let rows: Vec<Vec<String>> = report.baselined.iter().map(markdown_row).collect();
        out.push_str(&markdown(&["Severity", "App", "Rule", "Message"], &rows));
    }
    if !report.fixed.is_empty() {
        out.push_str(&format!(
            "\n### Fixed since the baseline ({})\n\n",
            report.fixed.len()
        ));
        for e in &report.fixed {
            out.push_str(&format!("- `{}` on {}\n", e.rule, e.app));
        }
    }
    out
}

/// "; 1 waived, 38 in the baseline, 1 fixed" for the summary line; empty when none.
pub fn summary_suffix(report: &Report) -> String {
    let s = &report.summary;
    let mut parts = Vec::new();
    if s.waived > 0 {
        parts.push(format!("{} waived", s.waived));
    }
    if s.baselined > 0 {
        parts.push(format!("{} in the baseline", s.baselined));
    }
    if s.fixed > 0 {
        parts.push(format!("{} fixed", s.fixed));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", parts.join(", "))
    }
}
