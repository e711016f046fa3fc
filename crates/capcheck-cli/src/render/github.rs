//! GitHub Actions workflow commands: each finding an annotation on its app's data file at the
//! line of the first evidence field (`::error` for critical and high, `::warning` for medium,
//! `::notice` for low and info), each diagnostic an `::error` or `::warning` at its file, line
//! and column. Waived and baselined findings are listed in collapsed groups, not annotated.

use capcheck_core::{Diagnostic, Level, Report, Severity};

use super::lines::Lines;
use super::report::summary_line;

/// Escapes a command's message (`%`, CR and LF).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property (also `:` and `,`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "notice",
    }
}

fn diagnostic(d: &Diagnostic) -> String {
    let cmd = match d.level {
        Level::Error => "error",
        Level::Warning => "warning",
    };
    let mut props = vec![format!("file={}", property(&d.file))];
    if let Some(s) = d.span {
        props.push(format!("line={}", s.line));
        props.push(format!("col={}", s.column));
    }
    props.push(format!(
        "title={}",
        property(&format!("capcheck {}", d.code))
    ));
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str(&format!("\n{h}"));
    }
    format!("::{cmd} {}::{}\n", props.join(","), data(&message))
}

/// The report as workflow commands.
pub fn render(report: &Report, lines: &Lines<'_>) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&diagnostic(d));
    }
    for f in &report.findings {
        out.push_str(&format!(
            "::{} file={},line={},title={}::{}\n",
            command(f.severity),
            property(&f.app_file),
            lines.of(f),
            property(&format!("{} ({})", f.rule, f.severity.as_str())),
            data(&f.message)
        ));
    }
    if !report.waived.is_empty() {
        out.push_str(&format!(
            "::group::Waived findings ({})\n",
            report.waived.len()
        ));
        for w in &report.waived {
            out.push_str(&format!(
                "{} {} {}: {} (waived: {}; owner {}; expires {})\n",
                w.finding.severity.as_str(),
                w.finding.app,
                w.finding.rule,
                data(&w.finding.message),
                data(&w.waiver.reason),
                data(&w.waiver.owner),
                w.waiver.expires
            ));
        }
        out.push_str("::endgroup::\n");
    }
    if !report.baselined.is_empty() {
        out.push_str(&format!(
            "::group::Findings in the baseline ({})\n",
            report.baselined.len()
        ));
        for f in &report.baselined {
            out.push_str(&format!(
                "{} {} {}: {}\n",
                f.severity.as_str(),
                f.app,
                f.rule,
                data(&f.message)
            ));
        }
        out.push_str("::endgroup::\n");
    }
    for e in &report.fixed {
        out.push_str(&format!(
            "::notice title={}::{}\n",
            property(&format!("{} fixed", e.rule)),
            data(&format!(
                "`{}` no longer fires on `{}`: remove it from the baseline",
                e.rule, e.app
            ))
        ));
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped() {
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
