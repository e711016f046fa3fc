//! Diagnostics on standard error: the message, `file:line:column`, the source line with a caret
//! under the problem, and the help.

use std::io::Write;

use capcheck_core::{Diagnostic, Level};

use super::style::{paint, ACCENT, BOLD, DIM, ERROR, WARNING};
use crate::input::Files;

/// Prints every diagnostic to standard error.
pub fn print(diagnostics: &[Diagnostic], files: &Files) {
    if diagnostics.is_empty() {
        return;
    }
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render(d, files.text_of(&d.file)));
        out.push('\n');
    }
    let mut err = anstream::stderr();
    let _ = err.write_all(out.as_bytes());
}

/// Prints a usage error that stops the command.
pub fn print_fatal(message: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{}: {message}", paint(ERROR, "error"));
}

/// One diagnostic as text, with its source line when `text` is the file's contents.
pub fn render(d: &Diagnostic, text: Option<&str>) -> String {
    let (label, style) = match d.level {
        Level::Error => ("error", ERROR),
        Level::Warning => ("warning", WARNING),
    };
    let mut out = format!(
        "{}{} {}\n",
        paint(style, &format!("{label}[{}]", d.code)),
        paint(BOLD, ":"),
        paint(BOLD, &d.message)
    );
    let mut context = Vec::new();
    if let Some(f) = &d.field {
        context.push(format!("field `{f}`"));
    }
    if let Some(r) = &d.rule {
        context.push(format!("rule `{r}`"));
    }
    if let Some(a) = &d.app {
        context.push(format!("app `{a}`"));
    }
    let context = if context.is_empty() {
        String::new()
    } else {
        format!(" ({})", context.join(", "))
    };
    out.push_str(&format!(
        "  {} {}{}\n",
        paint(ACCENT, "-->"),
        d.location(),
        paint(DIM, &context)
    ));
    if let (Some(span), Some(text)) = (d.span, text) {
        if let Some(line) = text.lines().nth(span.line.saturating_sub(1)) {
            let number = span.line.to_string();
            let gutter = " ".repeat(number.len());
            let shown: String = line.chars().take(160).collect();
            let width = text[span.start..span.end.min(text.len())]
                .lines()
                .next()
                .map_or(1, |s| s.chars().count().clamp(1, 80));
            let caret_at = span.column.saturating_sub(1).min(shown.chars().count());
            out.push_str(&format!(" {gutter} {}\n", paint(ACCENT, "|")));
            out.push_str(&format!(
                " {} {} {shown}\n",
                paint(ACCENT, &number),
                paint(ACCENT, "|")
            ));
            out.push_str(&format!(
                " {gutter} {} {}{}\n",
                paint(ACCENT, "|"),
                " ".repeat(caret_at),
                paint(style, &"^".repeat(width))
            ));
        }
    }
    if let Some(h) = &d.help {
        out.push_str(&format!("  {} {h}\n", paint(ACCENT, "= help:")));
    }
    out
}
