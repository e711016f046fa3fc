//! Where a finding points in its app's data file: the line of the first field the rule read
//! that the file writes down, for CI formats that annotate files (SARIF, GitHub).

use crate::dataset::Format;
use crate::diagnostic::Span;
use crate::locate;
use crate::report::Finding;

/// The data file path of a field rules read: `updated` lives in the first source, every other
/// field under its own dotted path.
fn data_path(field: &str) -> Vec<String> {
    match field {
        "updated" => vec!["sources".into(), "0".into(), "updated".into()],
        _ => field.split('.').map(str::to_owned).collect(),
    }
}

/// The span of `field` (a path rules read, `scim.available`) in the record starting at byte
/// `offset` of data file `name` with contents `text`; `None` when the file does not write it.
pub fn field_span(name: &str, text: &str, offset: usize, field: &str) -> Option<Span> {
    let path = data_path(field);
    let span = match Format::of(name)? {
        // A fact's `value` where the file writes one (the `value = ...` line of a `[user_api]`
        // table, not its header); else the field; where the field itself is missing, its
        // table: still the right place to look.
        Format::Toml => {
            let mut value = path.clone();
            value.push("value".into());
            locate::toml(text, &value)?
        }
        // JSON records are searched by key names in order, so only the field itself.
        Format::Json => locate::json(text, offset, &path)?,
    };
    Some(span)
}

/// The line a finding points at in its app's data file: the first evidence field the file
/// writes down, else the record's `id`, else line 1. `offset` is where the record starts
/// ([`crate::LoadedApp::offset`]).
pub fn finding_line(finding: &Finding, text: &str, offset: usize) -> usize {
    finding
        .evidence
        .iter()
        .find_map(|e| field_span(&finding.app_file, text, offset, &e.field))
        .or_else(|| field_span(&finding.app_file, text, offset, "id"))
        .map_or(1, |s| s.line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{builtin, check, Context};

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
        let line = finding_line(f, text, 0);
        let written = text.lines().nth(line - 1).unwrap();
        let first = f.evidence[0].field.rsplit('.').next().unwrap();
        assert!(written.contains(first), "line {line}: {written}");
    }

    #[test]
    fn a_fact_written_as_a_table_points_at_its_value_line() {
        let text = "id = \"a\"\n\n[user_api]\nvalue = \"no\"\nline = 20\n\n[scim]\nversion = { raw = \"x\" }\n";
        let line = |field| field_span("a.toml", text, 0, field).map(|s| s.line);
        assert_eq!(line("user_api"), Some(4));
        // No `value` written: the field itself; not written at all: its table.
        assert_eq!(line("scim.version"), Some(8));
        assert_eq!(line("scim.available"), Some(7));
    }

    #[test]
    fn fields_are_found_in_json_records_and_updated_in_sources() {
        let text = "[{\"id\": \"a\",\n \"sources\": [{\"id\": \"g\",\n \"updated\": \"2026-01-01\"}],\n \"scim\": {\"available\": {\"value\": \"no\"}}}]";
        assert_eq!(
            field_span("x.json", text, 1, "scim.available").map(|s| s.line),
            Some(4)
        );
        assert_eq!(
            field_span("x.json", text, 1, "updated").map(|s| s.line),
            Some(3)
        );
        let toml = "id = \"a\"\n[scim]\navailable = { value = \"no\" }\n";
        assert_eq!(
            field_span("x.toml", toml, 0, "scim.available").map(|s| s.line),
            Some(3)
        );
        assert_eq!(field_span("x.toml", toml, 0, "webhooks.available"), None);
    }
}
