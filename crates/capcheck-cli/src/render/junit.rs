//! JUnit XML, the test report CI systems show: one test suite per rule, one test case per app.
//!
//! A finding is a `<failure>` of its rule's test case for the app (typed by severity, with the
//! evidence and actions in its body); a waived or baselined finding is `<skipped>` with why.
//! Problems in the inputs come first, in a suite of their own: every error an `<error>`, every
//! warning a test case with its text in `<system-out>`, so no error is lost in a green report.
//! A rule stopped at run time shows in its own suite: an `<error>` on the app it stopped on,
//! the other apps skipped as not evaluated.

use std::collections::HashMap;
use std::fmt::Write as _;

use capcheck_core::{Checker, Diagnostic, Finding, Level, Report};

use super::lines::Lines;

/// Escapes text for XML, dropping characters XML 1.0 cannot hold.
fn esc(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}

enum Outcome<'a> {
    Failed(&'a Finding),
    Skipped(&'a Finding, String),
}

fn details(f: &Finding) -> String {
    let mut body = String::new();
    let _ = writeln!(body, "{}", f.message);
    if !f.evidence.is_empty() {
        let _ = writeln!(body, "why:");
        for e in &f.evidence {
            let at = match (&e.provenance.document, e.provenance.line) {
                (Some(d), Some(l)) => format!(" ({d}:{l})"),
                (Some(d), None) => format!(" ({d})"),
                _ => String::new(),
            };
            let _ = writeln!(body, "  {} = {}{at}", e.field, e.value);
        }
    }
    if !f.actions.is_empty() {
        let _ = writeln!(body, "do:");
        for a in &f.actions {
            let _ = writeln!(body, "  - {a}");
        }
    }
    body
}

fn diagnostic_case(out: &mut String, d: &Diagnostic) {
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str(&format!(" (help: {h})"));
    }
    let _ = write!(
        out,
        "    <testcase classname=\"capcheck.inputs\" name=\"{}\" file=\"{}\"",
        esc(&format!("{} {}", d.location(), d.code)),
        esc(&d.file)
    );
    if let Some(s) = d.span {
        let _ = write!(out, " line=\"{}\"", s.line);
    }
    out.push_str(">\n");
    match d.level {
        Level::Error => {
            let _ = writeln!(
                out,
                "      <error type=\"{}\" message=\"{}\">{}</error>",
                esc(d.code.as_str()),
                esc(&d.message),
                esc(&format!("{}: {text}", d.location()))
            );
        }
        Level::Warning => {
            let _ = writeln!(
                out,
                "      <system-out>{}</system-out>",
                esc(&format!("warning: {}: {text}", d.location()))
            );
        }
    }
    out.push_str("    </testcase>\n");
}

/// The report as JUnit XML.
pub fn render(report: &Report, checker: &Checker, lines: &Lines<'_>) -> String {
    let mut outcomes: HashMap<(&str, &str), Outcome<'_>> = HashMap::new();
    for f in &report.findings {
        outcomes.insert((&f.rule, &f.app), Outcome::Failed(f));
    }
    for w in &report.waived {
        let why = format!(
            "waived: {} (owner: {}, expires {})",
            w.waiver.reason, w.waiver.owner, w.waiver.expires
        );
        outcomes.insert(
            (&w.finding.rule, &w.finding.app),
            Outcome::Skipped(&w.finding, why),
        );
    }
    for f in &report.baselined {
        outcomes.insert(
            (&f.rule, &f.app),
            Outcome::Skipped(f, "in the baseline: an existing finding".to_owned()),
        );
    }
    let apps = &checker.dataset().apps;
    // A rule stopped at run time is shown in its own suite: an error on the app it stopped on,
    // every other app skipped as not evaluated. Other diagnostics go to the inputs suite.
    let stopped = |d: &&Diagnostic| {
        d.level == Level::Error
            && d.app.is_some()
            && !d.code.as_str().starts_with("waiver")
            && d.rule
                .as_deref()
                .is_some_and(|r| checker.rules().iter().any(|rule| rule.id == r))
    };
    let inputs: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| !stopped(d)).collect();
    let mut suites = String::new();
    let (mut tests, mut failures, mut skipped, mut errors) = (0, 0, 0, 0);
    if !inputs.is_empty() {
        let e_count = inputs.iter().filter(|d| d.level == Level::Error).count();
        let _ = writeln!(
            suites,
            "  <testsuite name=\"capcheck inputs\" tests=\"{}\" failures=\"0\" errors=\"{e_count}\" skipped=\"0\">",
            inputs.len()
        );
        for d in &inputs {
            diagnostic_case(&mut suites, d);
        }
        suites.push_str("  </testsuite>\n");
        tests += inputs.len();
        errors += e_count;
    }
    for rule in checker.rules() {
        let stop = report
            .diagnostics
            .iter()
            .filter(stopped)
            .find(|d| d.rule.as_deref() == Some(rule.id.as_str()));
        let mut cases = String::new();
        let (mut f_count, mut s_count, mut e_count) = (0, 0, 0);
        for app in apps {
            let id = app.record.id.as_str();
            let _ = write!(
                cases,
                "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"",
                esc(&rule.id),
                esc(id),
                esc(&app.file)
            );
            match (outcomes.get(&(rule.id.as_str(), id)), stop) {
                (_, Some(d)) if d.app.as_deref() == Some(id) => {
                    e_count += 1;
                    let _ =
                        writeln!(
                        cases,
                        ">\n      <error type=\"{}\" message=\"{}\">{}</error>\n    </testcase>",
                        esc(d.code.as_str()),
                        esc(&d.message),
                        esc(&format!(
                            "{}: {}{}",
                            d.location(),
                            d.message,
                            d.help.as_deref().map(|h| format!(" (help: {h})")).unwrap_or_default()
                        ))
                    );
                }
                (None, Some(d)) => {
                    s_count += 1;
                    let _ = writeln!(
                        cases,
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                        esc(&format!(
                            "not evaluated: the rule was stopped by an error on app `{}`",
                            d.app.as_deref().unwrap_or_default()
                        ))
                    );
                }
                (None, None) => cases.push_str("/>\n"),
                (Some(Outcome::Failed(f)), _) => {
                    f_count += 1;
                    let _ = writeln!(
                        cases,
                        " line=\"{}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                        lines.of(f),
                        f.severity.as_str(),
                        esc(&f.message),
                        esc(&details(f))
                    );
                }
                (Some(Outcome::Skipped(f, why)), _) => {
                    s_count += 1;
                    let _ = writeln!(
                        cases,
                        " line=\"{}\">\n      <skipped message=\"{}\"/>\n      <system-out>{}</system-out>\n    </testcase>",
                        lines.of(f),
                        esc(why),
                        esc(&details(f))
                    );
                }
            }
        }
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{f_count}\" errors=\"{e_count}\" skipped=\"{s_count}\" file=\"{}\">\n{cases}  </testsuite>",
            esc(&rule.id),
            apps.len(),
            esc(&rule.file)
        );
        tests += apps.len();
        failures += f_count;
        skipped += s_count;
        errors += e_count;
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"capcheck\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\">\n{suites}</testsuites>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(esc("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
