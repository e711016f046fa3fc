//! Where a finding is in its data file, and file names as URI references: what the CI formats
//! (SARIF, JUnit, GitHub annotations) point at.

use std::collections::HashMap;

use capcheck_core::{Checker, Finding, LoadedApp};

/// Finds the line a finding points at in its app's data file, from the positions its record
/// kept when it was parsed.
pub struct Lines<'a> {
    apps: HashMap<&'a str, &'a LoadedApp>,
}

impl<'a> Lines<'a> {
    /// Indexes the checker's apps by id.
    pub fn new(checker: &'a Checker) -> Lines<'a> {
        let apps = checker
            .dataset()
            .apps
            .iter()
            .map(|a| (a.record.id.as_str(), a))
            .collect();
        Lines { apps }
    }

    /// The line of the first evidence field the file writes down (1 when unknown).
    pub fn of(&self, finding: &Finding) -> usize {
        self.apps
            .get(finding.app.as_str())
            .map_or(1, |app| capcheck_core::location::finding_line(finding, app))
    }
}

/// A file name as a URI reference: relative paths stay relative (to the checkout, which is
/// what code-scanning tools resolve them against), absolute ones become `file://` URIs.
pub fn uri(name: &str) -> String {
    let slashed = name.replace('\\', "/");
    let encoded: String = slashed
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_owned(),
            '%' => "%25".to_owned(),
            '#' => "%23".to_owned(),
            '?' => "%3F".to_owned(),
            c => c.to_string(),
        })
        .collect();
    let trimmed = encoded.strip_prefix("./").unwrap_or(&encoded);
    if trimmed.starts_with('/') {
        format!("file://{trimmed}")
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn file_names_become_uri_references() {
        let cases = [
            ("data/clari.toml", "data/clari.toml"),
            ("./data/a b.toml", "data/a%20b.toml"),
            ("/tmp/x#1.json", "file:///tmp/x%231.json"),
            ("rules\\no-bulk-path.rhai", "rules/no-bulk-path.rhai"),
        ];
        for (name, want) in cases {
            assert_eq!(uri(name), want, "{name}");
        }
    }
}
