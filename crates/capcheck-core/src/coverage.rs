//! Coverage of a rule set over a dataset: rules that never fire, apps no rule can say anything
//! about, and fields no rule reads.
//!
//! An app "no rule reads" is one where none of the fields the rules read (apart from `id` and
//! `name`, which only label a finding) holds a documented value: whatever the rules conclude
//! about it, they conclude from "not documented" alone. Such an app needs its data filled in
//! (or rules that look at what it does document) before the check says anything about it.

use std::collections::BTreeSet;

use rhai::{Dynamic, ImmutableString};
use serde::Serialize;

use crate::dataset::Dataset;
use crate::model::AppRecord;
use crate::report::Finding;
use crate::rule::Rule;
use crate::view::fields;

/// A rule that fired on no app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SilentRule {
    /// The rule's id.
    pub id: String,
    /// Its file.
    pub file: String,
}

/// What a rule set covers of a dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Rules evaluated.
    pub rules: usize,
    /// Apps evaluated.
    pub apps: usize,
    /// Fields a rule can read (leaf paths), less the labels `id` and `name`.
    pub fields: usize,
    /// Rules that fired on no app, by id.
    pub rules_never_firing: Vec<SilentRule>,
    /// Apps where no field the rules read is documented, by id.
    pub apps_not_read: Vec<String>,
    /// Fields no rule reads, in the order of the record (`id` and `name` left out: they label
    /// findings, they say nothing about an app).
    pub fields_not_read: Vec<String>,
}

/// Fields that only label a finding: reading them says nothing about an app.
const LABELS: [&str; 2] = ["id", "name"];

/// True when reading `read` reads field `leaf` (the same path, a section holding it, or a part
/// inside it).
fn covers(read: &str, leaf: &str) -> bool {
    read == leaf
        || leaf
            .strip_prefix(read)
            .is_some_and(|rest| rest.starts_with('.'))
        || read
            .strip_prefix(leaf)
            .is_some_and(|rest| rest.starts_with('.'))
}

fn documented(value: &Dynamic) -> bool {
    if value.is_unit() {
        return false;
    }
    if let Some(s) = value.clone().try_cast::<ImmutableString>() {
        return s != "not-documented";
    }
    if let Some(a) = value.read_lock::<rhai::Array>() {
        return !a.is_empty();
    }
    true
}

/// Computes coverage from the rules, the dataset and the findings of evaluating them (waived and
/// baselined findings included: they fired).
pub fn compute<'a>(
    dataset: &Dataset,
    rules: &[Rule],
    findings: impl IntoIterator<Item = &'a Finding>,
) -> Coverage {
    let fired: BTreeSet<&str> = findings.into_iter().map(|f| f.rule.as_str()).collect();
    let rules_never_firing = rules
        .iter()
        .filter(|r| !fired.contains(r.id.as_str()))
        .map(|r| SilentRule {
            id: r.id.clone(),
            file: r.file.clone(),
        })
        .collect();
    let reads: BTreeSet<&str> = rules
        .iter()
        .flat_map(|r| r.reads.iter().map(|read| read.path.as_str()))
        .collect();
    let leaves: Vec<&'static str> = fields(&AppRecord::default())
        .into_iter()
        .map(|f| f.path)
        .filter(|p| !LABELS.contains(p))
        .collect();
    let read_leaf = |leaf: &str| reads.iter().any(|r| covers(r, leaf));
    let fields_not_read = leaves
        .iter()
        .filter(|leaf| !read_leaf(leaf))
        .map(|leaf| (*leaf).to_owned())
        .collect();
    let apps_not_read = dataset
        .apps
        .iter()
        .filter(|app| {
            !fields(&app.record)
                .iter()
                .filter(|f| leaves.contains(&f.path) && read_leaf(f.path))
                .any(|f| documented(&f.value))
        })
        .map(|app| app.record.id.clone())
        .collect();
    Coverage {
        rules: rules.len(),
        apps: dataset.apps.len(),
        fields: leaves.len(),
        rules_never_firing,
        apps_not_read,
        fields_not_read,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{dataset, engine, rule, Checker, Context, DataFile, RuleSource};

    const META: &str = r#"fn meta() { #{ title: "T", severity: "low", rationale: "R", actions: ["A"], controls: ["C"] } }"#;

    fn coverage(rules: &[(&str, &str)]) -> Coverage {
        let data = [
            DataFile {
                name: "a.toml",
                text: "id = \"a\"\nname = \"A\"\n[[sources]]\nid = \"g\"\n[scim]\navailable = { value = \"no\" }\n",
            },
            DataFile {
                name: "b.toml",
                text: "id = \"b\"\nname = \"B\"\n[[sources]]\nid = \"g\"\n[sso]\njit = { value = \"yes\" }\n",
            },
        ];
        let (ds, d) = dataset::load(&data);
        assert!(d.is_empty(), "{d:?}");
        let engine = engine::build();
        let texts: Vec<(String, String)> = rules
            .iter()
            .map(|(n, body)| (format!("rules/{n}.rhai"), format!("{META}\n{body}")))
            .collect();
        let sources: Vec<RuleSource<'_>> = texts
            .iter()
            .map(|(name, text)| RuleSource { name, text })
            .collect();
        let (rules, d) = rule::compile_all(&engine, &sources);
        assert!(d.is_empty(), "{d:?}");
        let mut checker = Checker::new(
            engine,
            ds.clone(),
            rules.clone(),
            Context::new("2026-11-23"),
        );
        let report = checker.check(Vec::new());
        compute(&ds, &rules, &report.findings)
    }

    #[test]
    fn silent_rules_unread_apps_and_unread_fields_are_listed() {
        let c = coverage(&[
            ("no-scim", r#"app.scim.available == "no""#),
            ("never", r#"app.name == "Z" && app.scim.available == "yes""#),
        ]);
        let silent: Vec<&str> = c.rules_never_firing.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(silent, ["never"]);
        assert_eq!(c.apps_not_read, ["b"], "b documents nothing the rules read");
        assert!(c.fields_not_read.contains(&"sso.jit".to_owned()));
        assert!(!c.fields_not_read.contains(&"scim.available".to_owned()));
        assert!(!c.fields_not_read.contains(&"name".to_owned()));
        assert!(
            !c.fields_not_read.contains(&"id".to_owned()),
            "a label, not a capability"
        );
    }

    #[test]
    fn reading_a_section_reads_its_fields() {
        let c = coverage(&[("any-sso", "app.sso.jit == \"yes\" || app.scim != ()")]);
        assert!(!c.fields_not_read.iter().any(|f| f.starts_with("scim.")));
        assert!(c.apps_not_read.is_empty(), "{:?}", c.apps_not_read);
    }
}
