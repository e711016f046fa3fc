//! A progress bar on standard error, shown only for long runs on a terminal.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Evaluations below which no bar is drawn: such runs finish before a bar would be seen.
const MIN_EVALUATIONS: u64 = 200_000;

/// A bar over `apps` apps, hidden unless standard error is a terminal and the run is long.
pub fn bar(apps: u64, rules: usize) -> ProgressBar {
    let long = apps.saturating_mul(rules as u64) >= MIN_EVALUATIONS;
    if !long || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(apps), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} evaluating {msg} [{bar:30}] {pos}/{len} apps ({eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(format!("{rules} rules"));
    bar
}
