//! Terminal styles. Output is written with ANSI codes and passed through `anstream`, which
//! strips them when the stream is not a terminal or `NO_COLOR` is set.

use anstyle::{AnsiColor, Style};
use capcheck_core::Severity;

/// Bold.
pub const BOLD: Style = Style::new().bold();
/// Dimmed text for secondary detail.
pub const DIM: Style = Style::new().dimmed();
/// Errors.
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
/// Warnings.
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
/// Carets and gutters.
pub const ACCENT: Style = AnsiColor::Blue.on_default().bold();

/// The style of a severity label.
pub fn severity(s: Severity) -> Style {
    match s {
        Severity::Critical => AnsiColor::Magenta.on_default().bold(),
        Severity::High => AnsiColor::Red.on_default().bold(),
        Severity::Medium => AnsiColor::Yellow.on_default().bold(),
        Severity::Low => AnsiColor::Cyan.on_default(),
        Severity::Info => Style::new().dimmed(),
    }
}

/// `text` wrapped in `style`.
pub fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}
