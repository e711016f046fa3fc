//! Where a finding points in its app's data file: the line of the first field the rule read
//! that the file writes down, for CI formats that annotate files (SARIF, GitHub).

use crate::dataset::LoadedApp;
use crate::diagnostic::Span;
use crate::report::Finding;

/// The data file path of a field rules read: `updated` lives in the first source, every other
/// field under its own dotted path.
fn data_path(field: &str) -> Vec<&str> {
    match field {
        "updated" => vec!["sources", "0", "updated"],
        _ => field.split('.').collect(),
    }
}

/// The span of `field` (a path rules read, `scim.available`) in `app`'s data file, from the
/// positions taken when it was parsed; `None` when the record does not write it.
///
/// A fact's `value` where the record writes one (the `value = ...` line of a `[user_api]`
/// table, not its header); else the field; where the field itself is missing, the longest part
/// of its path the record writes (its table): still the right place to look. The record alone is
/// looked in, so a field it lacks is never found in the next record of the file.
pub fn field_span(app: &LoadedApp, field: &str) -> Option<Span> {
    let mut path = data_path(field);
    path.push("value");
    let (depth, found) = app.spans.nearest(&path)?;
    if depth == 0 {
        return None;
    }
    Some(found.value)
}

/// The line a finding points at in its app's data file: the first evidence field the file
/// writes down, else the record's `id`, else line 1.
pub fn finding_line(finding: &Finding, app: &LoadedApp) -> usize {
    finding
        .evidence
        .iter()
        .find_map(|e| field_span(app, &e.field))
        .or_else(|| field_span(app, "id"))
        .map_or(1, |s| s.line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{located, parse_file};
    use crate::{builtin, check, Context};

    fn report_app(text: &str) -> LoadedApp {
        parse_file("data/clari.toml", text).0.remove(0)
    }

    #[test]
    fn a_finding_points_at_the_first_field_its_rule_read() {
        let report = check(
            &builtin::data_files(),
            &builtin::rule_sources(),
            Context::new("2026-11-23"),
        );
        let text = builtin::DATA
            .iter()
            .find(|(n, _)| *n == "data/clari.toml")
            .map(|(_, t)| *t)
            .unwrap();
        let f = report
            .findings
            .iter()
            .find(|f| f.app == "clari" && f.rule == "jit-only-manual-deprovisioning")
            .unwrap();
        let app = report_app(text);
        let line = finding_line(f, &app);
        let written = text.lines().nth(line - 1).unwrap();
        let first = f.evidence[0].field.rsplit('.').next().unwrap();
        assert!(written.contains(first), "line {line}: {written}");
    }

    #[test]
    fn a_fact_written_as_a_table_points_at_its_value_line() {
        let text = "id = \"a\"\n\n[user_api]\nvalue = \"no\"\nline = 20\n\n[scim]\nversion = { raw = \"x\" }\n";
        let app = located("a.toml", text, 0);
        let line = |field| field_span(&app, field).map(|s| s.line);
        assert_eq!(line("user_api"), Some(4));
        // No `value` written: the field itself; not written at all: its table.
        assert_eq!(line("scim.version"), Some(8));
        assert_eq!(line("scim.available"), Some(7));
    }

    #[test]
    fn fields_are_found_in_json_records_and_updated_in_sources() {
        let text = "[{\"id\": \"a\",\n \"sources\": [{\"id\": \"g\",\n \"updated\": \"2026-01-01\"}],\n \"scim\": {\"available\": {\"value\": \"no\"}}}]";
        let json = located("x.json", text, 1);
        assert_eq!(field_span(&json, "scim.available").map(|s| s.line), Some(4));
        assert_eq!(field_span(&json, "updated").map(|s| s.line), Some(3));
        let toml = "id = \"a\"\n[scim]\navailable = { value = \"no\" }\n";
        let toml = located("x.toml", toml, 0);
        assert_eq!(field_span(&toml, "scim.available").map(|s| s.line), Some(3));
        assert_eq!(field_span(&toml, "webhooks.available"), None);
    }
}
