//! Aligned columns and Markdown tables.

use super::style::paint;
use anstyle::Style;
use capcheck_core::Finding;

/// A cell: its text, and an optional style applied after padding.
pub struct Cell {
    /// The text.
    pub text: String,
    /// Its style.
    pub style: Option<Style>,
}

impl Cell {
    /// A plain cell.
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            style: None,
        }
    }

    /// A styled cell.
    pub fn styled(text: impl Into<String>, style: Style) -> Cell {
        Cell {
            text: text.into(),
            style: Some(style),
        }
    }
}

/// Columns padded to their widest cell; the last column is not padded.
pub fn columns(header: &[&str], rows: &[Vec<Cell>]) -> String {
    let n = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, c) in row.iter().enumerate().take(n) {
            widths[i] = widths[i].max(c.text.chars().count());
        }
    }
    let mut out = String::new();
    let head: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    push_row(
        &mut out,
        &head
            .iter()
            .map(|h| Cell::styled(h.clone(), super::style::BOLD))
            .collect::<Vec<_>>(),
        &widths,
    );
    for row in rows {
        push_row(&mut out, row, &widths);
    }
    out
}

fn push_row(out: &mut String, row: &[Cell], widths: &[usize]) {
    let last = row.len().saturating_sub(1);
    for (i, cell) in row.iter().enumerate() {
        let pad = if i == last {
            0
        } else {
            widths[i].saturating_sub(cell.text.chars().count()) + 2
        };
        match cell.style {
            Some(s) => out.push_str(&paint(s, &cell.text)),
            None => out.push_str(&cell.text),
        }
        out.push_str(&" ".repeat(pad));
    }
    out.push('\n');
}

/// A Markdown table; pipes and line breaks in cells are escaped.
pub fn markdown(header: &[&str], rows: &[Vec<String>]) -> String {
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = format!("| {} |\n", header.join(" | "));
    out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| esc(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// A finding's row in a Markdown table: severity, app, rule, message.
pub fn markdown_row(f: &Finding) -> Vec<String> {
    vec![
        f.severity.as_str().to_owned(),
        f.app_name.clone(),
        format!("`{}`", f.rule),
        f.message.clone(),
    ]
}
