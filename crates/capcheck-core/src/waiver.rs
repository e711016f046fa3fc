//! Waivers: accepted findings, each with a reason, an owner and an expiry date.
//!
//! A waivers file is TOML holding `[[waiver]]` tables:
//!
//! ```toml
//! [[waiver]]
//! app = "clari"
//! rule = "no-bulk-path"
//! reason = "Clari has 12 users; offboarding one by one is fine"
//! owner = "it-ops@example.com"
//! expires = "2027-03-31"
//! ```
//!
//! [`parse`] checks the file (every problem reported with file, line, column and field);
//! [`apply`] moves the findings a waiver covers from the report's `findings` to its `waived`
//! list, reports an expired waiver as an error and one that matches nothing as a warning.

use serde::Serialize;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::date::parse_date;
use crate::diagnostic::{closest, Code, Diagnostic, Span};
use crate::finding::Finding;

/// The keys a `[[waiver]]` table holds; all are required.
const KEYS: [&str; 5] = ["app", "rule", "reason", "owner", "expires"];

/// One waiver, as read from the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Waiver {
    /// The app's id.
    pub app: String,
    /// The rule's id.
    pub rule: String,
    /// Why the finding is accepted.
    pub reason: String,
    /// Who answers for it.
    pub owner: String,
    /// The last day it holds, `YYYY-MM-DD`.
    pub expires: String,
    /// The waivers file.
    pub file: String,
    /// The line of its `[[waiver]]` table (or inline table).
    pub line: usize,
    #[serde(skip)]
    pub(crate) span: Option<Span>,
    #[serde(skip)]
    pub(crate) expires_span: Option<Span>,
    #[serde(skip)]
    pub(crate) index: usize,
}

/// A finding a waiver covers, with the waiver.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaivedFinding {
    /// The finding.
    #[serde(flatten)]
    pub finding: Finding,
    /// The waiver that covers it.
    pub waiver: Waiver,
}

/// Reads a waivers file. `apps` and `rules` are the ids that exist: a waiver naming another is
/// an error with a suggestion. Every valid waiver is kept; every problem is reported.
pub fn parse(
    name: &str,
    text: &str,
    apps: &[&str],
    rules: &[&str],
) -> (Vec<Waiver>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            let span = e.span().map(|r| Span::from_range(text, r.start, r.end));
            let message = e
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .to_owned();
            diags.push(Diagnostic::error(Code::WaiverSyntax, name, message).with_span(span));
        }
        return (Vec::new(), diags);
    }
    let span_of = |r: std::ops::Range<usize>| Some(Span::from_range(text, r.start, r.end));
    let root = root.get_ref();
    for (key, _) in root.iter() {
        if key.get_ref() != "waiver" {
            diags.push(
                Diagnostic::error(
                    Code::WaiverUnknownKey,
                    name,
                    format!("unknown key `{}` in a waivers file", key.get_ref()),
                )
                .with_span(span_of(key.span()))
                .with_field(key.get_ref().to_string())
                .with_help("a waivers file holds `[[waiver]]` tables only"),
            );
        }
    }
    let items: Vec<&Spanned<DeValue<'_>>> = match root.get("waiver").map(|v| (v, v.get_ref())) {
        None => Vec::new(),
        Some((_, DeValue::Array(items))) => items.iter().collect(),
        Some((v, _)) => {
            diags.push(
                Diagnostic::error(
                    Code::WaiverInvalid,
                    name,
                    "`waiver` must be an array of tables",
                )
                .with_span(span_of(v.span()))
                .with_field("waiver")
                .with_help("write each waiver as a `[[waiver]]` table"),
            );
            Vec::new()
        }
    };
    let mut waivers: Vec<Waiver> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let at = span_of(item.span());
        let field = |k: &str| format!("waiver.{i}.{k}");
        let DeValue::Table(table) = item.get_ref() else {
            diags.push(
                Diagnostic::error(Code::WaiverInvalid, name, "a waiver must be a table")
                    .with_span(at)
                    .with_field(format!("waiver.{i}")),
            );
            continue;
        };
        let before = diags.len();
        for (key, _) in table.iter() {
            let k = key.get_ref();
            if !KEYS.contains(&k.as_ref()) {
                let k: &str = k.as_ref();
                let mut d = Diagnostic::error(
                    Code::WaiverUnknownKey,
                    name,
                    format!("unknown key `{k}` in a waiver"),
                )
                .with_span(span_of(key.span()))
                .with_field(field(k));
                if let Some(s) = closest(k, KEYS) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                diags.push(d);
            }
        }
        let mut values: Vec<String> = Vec::new();
        for key in KEYS {
            let value = match table.get(key) {
                None => {
                    diags.push(
                        Diagnostic::error(
                            Code::WaiverMissingField,
                            name,
                            format!("the waiver has no `{key}`"),
                        )
                        .with_span(at)
                        .with_field(field(key))
                        .with_help("every waiver needs app, rule, reason, owner and expires"),
                    );
                    String::new()
                }
                Some(v) => match (key, v.get_ref()) {
                    (_, DeValue::String(s)) if !s.trim().is_empty() => s.to_string(),
                    ("expires", DeValue::Datetime(d)) => d.to_string(),
                    (_, other) => {
                        diags.push(
                            Diagnostic::error(
                                Code::WaiverInvalid,
                                name,
                                format!(
                                    "`{key}` must be a non-empty string, not {}",
                                    other.type_str()
                                ),
                            )
                            .with_span(span_of(v.span()))
                            .with_field(field(key)),
                        );
                        String::new()
                    }
                },
            };
            values.push(value);
        }
        let span = |key: &str| table.get(key).map(|v| v.span()).and_then(span_of);
        let [app, rule, reason, owner, expires] =
            <[String; 5]>::try_from(values).unwrap_or_default();
        if !app.is_empty() && !apps.contains(&app.as_str()) {
            diags.push(unknown(
                name,
                Code::WaiverUnknownApp,
                "app",
                &app,
                apps,
                span("app"),
                field("app"),
            ));
        }
        if !rule.is_empty() && !rules.contains(&rule.as_str()) {
            diags.push(unknown(
                name,
                Code::WaiverUnknownRule,
                "rule",
                &rule,
                rules,
                span("rule"),
                field("rule"),
            ));
        }
        if !expires.is_empty() && (expires.len() != 10 || parse_date(&expires).is_none()) {
            diags.push(
                Diagnostic::error(
                    Code::WaiverInvalid,
                    name,
                    format!("`{expires}` is not a date"),
                )
                .with_span(span("expires"))
                .with_field(field("expires"))
                .with_help("write the last day the waiver holds as YYYY-MM-DD"),
            );
        }
        if let Some(first) = waivers.iter().find(|w| w.app == app && w.rule == rule) {
            diags.push(
                Diagnostic::error(
                    Code::WaiverDuplicate,
                    name,
                    format!("a second waiver for rule `{rule}` on app `{app}`"),
                )
                .with_span(at)
                .with_field(format!("waiver.{i}"))
                .with_app(app.clone())
                .with_rule(rule.clone())
                .with_help(format!("the first is at line {}; keep one", first.line)),
            );
            continue;
        }
        if diags.len() > before {
            continue;
        }
        waivers.push(Waiver {
            app,
            rule,
            reason,
            owner,
            expires,
            file: name.to_owned(),
            line: at.map_or(1, |s| s.line),
            span: at,
            expires_span: span("expires"),
            index: i,
        });
    }
    (waivers, diags)
}

fn unknown(
    file: &str,
    code: Code,
    what: &str,
    id: &str,
    known: &[&str],
    span: Option<Span>,
    field: String,
) -> Diagnostic {
    let mut d = Diagnostic::error(code, file, format!("there is no {what} `{id}`"))
        .with_span(span)
        .with_field(field);
    if let Some(s) = closest(id, known.iter().copied()) {
        d = d.with_help(format!("did you mean `{s}`?"));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accept::apply_waivers as apply;
    use crate::{builtin, check, Context};

    const APPS: &[&str] = &["clari", "stitch"];
    const RULES: &[&str] = &["no-bulk-path", "sso-limited-idps"];

    fn waiver(app: &str, rule: &str, expires: &str) -> String {
        format!("[[waiver]]\napp = \"{app}\"\nrule = \"{rule}\"\nreason = \"small team\"\nowner = \"it\"\nexpires = \"{expires}\"\n")
    }

    #[test]
    fn a_good_file_parses() {
        let text = format!(
            "{}\n{}",
            waiver("clari", "no-bulk-path", "2027-01-31"),
            waiver("stitch", "no-bulk-path", "2027-01-31")
        );
        let (w, d) = parse("w.toml", &text, APPS, RULES);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(w.len(), 2);
        assert_eq!((w[1].app.as_str(), w[1].line), ("stitch", 8));
    }

    #[test]
    fn every_problem_is_reported_with_its_field_and_line() {
        let text = format!(
            "{}\n{}\n[[waiver]]\napp = \"clari\"\nrule = \"sso-limited-idps\"\nreasn = \"x\"\nowner = \"it\"\nexpires = \"2027-13-01\"\n{}",
            waiver("clary", "no-bulk-paths", "2027-01-31"),
            waiver("clari", "no-bulk-path", "2027-01-31"),
            waiver("clari", "no-bulk-path", "2027-02-28"),
        );
        let (w, d) = parse("w.toml", &text, APPS, RULES);
        assert_eq!(w.len(), 1, "only the second waiver is good");
        let got: Vec<(&str, Option<&str>, usize, Option<&str>)> = d
            .iter()
            .map(|d| {
                (
                    d.code.as_str(),
                    d.field.as_deref(),
                    d.span.map_or(0, |s| s.line),
                    d.help.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "waiver-unknown-app",
                    Some("waiver.0.app"),
                    2,
                    Some("did you mean `clari`?")
                ),
                (
                    "waiver-unknown-rule",
                    Some("waiver.0.rule"),
                    3,
                    Some("did you mean `no-bulk-path`?")
                ),
                (
                    "waiver-unknown-key",
                    Some("waiver.2.reasn"),
                    18,
                    Some("did you mean `reason`?")
                ),
                (
                    "waiver-missing-field",
                    Some("waiver.2.reason"),
                    15,
                    Some("every waiver needs app, rule, reason, owner and expires")
                ),
                (
                    "waiver-invalid",
                    Some("waiver.2.expires"),
                    20,
                    Some("write the last day the waiver holds as YYYY-MM-DD")
                ),
                (
                    "waiver-duplicate",
                    Some("waiver.3"),
                    21,
                    Some("the first is at line 8; keep one")
                ),
            ]
        );
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let (w, d) = parse("w.toml", "[[waiver]]\napp = \"clari\n", APPS, RULES);
        assert!(w.is_empty());
        assert_eq!(
            (d[0].code.as_str(), d[0].span.map(|s| s.line)),
            ("waiver-syntax", Some(2))
        );
    }

    #[test]
    fn applying_moves_covered_findings_and_reports_expired_and_unused_waivers() {
        let mut report = check(
            &builtin::data_files(),
            &builtin::rule_sources(),
            Context::new("2026-11-23"),
        );
        let before = report.findings.len();
        let text = format!(
            "{}{}{}",
            waiver("clari", "no-bulk-path", "2026-11-23"),
            waiver("stitch", "sso-limited-idps", "2026-11-22"),
            waiver("clari", "stale-record", "2027-01-01"),
        );
        let ids: Vec<&str> = report
            .findings
            .iter()
            .map(|f| f.app.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let ids: Vec<String> = ids.into_iter().map(str::to_owned).collect();
        let apps: Vec<&str> = ids.iter().map(String::as_str).collect();
        let (w, d) = parse(
            "w.toml",
            &text,
            &apps,
            &["no-bulk-path", "sso-limited-idps", "stale-record"],
        );
        assert!(d.is_empty(), "{d:?}");
        apply(&mut report, &w, &|_, _| true);
        assert_eq!(report.waived.len(), 1, "a waiver holds on its expiry day");
        assert_eq!(report.waived[0].finding.rule, "no-bulk-path");
        assert_eq!(report.findings.len(), before - 1);
        assert_eq!(report.summary.waived, 1);
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["waiver-expired", "waiver-unused"]);
        assert_eq!(report.summary.errors, 1);
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.app == "stitch" && f.rule == "sso-limited-idps"),
            "an expired waiver waives nothing"
        );
    }

    proptest::proptest! {
        /// Whatever the file holds, parsing reports problems with a position inside the file
        /// and never panics; lines are stitched from TOML-like pieces to reach deep cases.
        #[test]
        fn any_file_parses_without_panicking(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("[[waiver]]".to_owned()),
                    proptest::strategy::Just("[waiver]".to_owned()),
                    "(app|rule|reason|owner|expires|extra) = \"[a-z0-9 -]{0,12}\"",
                    "expires = [0-9]{4}-[0-9]{2}-[0-9]{2}",
                    "(app|rule) = [0-9]{1,3}",
                    "waiver = \\[\\{ app = \"clari\" \\}\\]",
                    ".{0,20}",
                ],
                0..24,
            )
        ) {
            let text = lines.join("\n");
            let (waivers, diags) = parse("w.toml", &text, APPS, RULES);
            for d in &diags {
                if let Some(span) = d.span {
                    proptest::prop_assert!(span.start <= text.len() && span.end <= text.len());
                }
            }
            for w in &waivers {
                proptest::prop_assert!(APPS.contains(&w.app.as_str()) && RULES.contains(&w.rule.as_str()));
            }
        }
    }
}
