//! The built-in dataset and rules: the repository's `data/` and `rules/` folders, embedded at
//! build time so `capcheck` works from any directory and the web app needs no server. With the
//! `builtin-catalogue` feature, the catalogues of `data/catalogues/` too (the CLI embeds them;
//! the browser fetches them after its first render).

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

use crate::dataset::DataFile;
use crate::rule::RuleSource;

/// The built-in data files: the seed pages' records.
pub fn data_files() -> Vec<DataFile<'static>> {
    DATA.iter()
        .map(|(name, text)| DataFile { name, text })
        .collect()
}

/// The whole built-in dataset: the seed records, then the catalogues when they are embedded
/// (load it with [`crate::catalogue::load`]).
pub fn dataset_files() -> Vec<DataFile<'static>> {
    DATA.iter()
        .chain(catalogues())
        .map(|(name, text)| DataFile { name, text })
        .collect()
}

/// The embedded catalogues: `(name, contents)`; empty without the `builtin-catalogue` feature.
pub fn catalogues() -> &'static [(&'static str, &'static str)] {
    #[cfg(feature = "builtin-catalogue")]
    {
        CATALOGUES
    }
    #[cfg(not(feature = "builtin-catalogue"))]
    {
        &[]
    }
}

/// The built-in rules.
pub fn rule_sources() -> Vec<RuleSource<'static>> {
    RULES
        .iter()
        .map(|(name, text)| RuleSource { name, text })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Context};
    use std::collections::BTreeMap;

    fn flagged(report: &crate::Report) -> BTreeMap<&str, Vec<&str>> {
        let mut out: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for f in &report.findings {
            out.entry(f.rule.as_str()).or_default().push(f.app.as_str());
        }
        out
    }

    fn seed_files() -> Vec<DataFile<'static>> {
        data_files()
    }

    /// The seed pages and the shipped SCIM Tax Index, whether or not it is embedded.
    fn with_catalogue() -> Vec<DataFile<'static>> {
        let mut files = seed_files();
        files.push(DataFile {
            name: "data/catalogues/scim-tax.csv",
            text: include_str!("../../../data/catalogues/scim-tax.csv"),
        });
        files
    }

    #[test]
    fn the_built_in_files_load_without_a_problem() {
        let report = check(
            &dataset_files(),
            &rule_sources(),
            Context::new("2026-11-23"),
        );
        assert_eq!(report.diagnostics, vec![], "{:#?}", report.diagnostics);
        // Every seed app has a row in the catalogue, so embedding it adds 842 apps.
        let apps = if catalogues().is_empty() { 8 } else { 850 };
        assert_eq!(report.summary.apps, apps);
        assert!(report.summary.rules >= 12);
    }

    #[test]
    fn the_catalogue_merges_into_every_seed_app_and_keeps_the_three_disagreements() {
        let (set, diags) = crate::catalogue::load(&with_catalogue());
        assert_eq!(diags, vec![], "{diags:#?}");
        assert_eq!(set.apps.len(), 850);
        for (id, _) in DATA.iter().map(|(n, t)| (n, t)) {
            let id = id.trim_start_matches("data/").trim_end_matches(".toml");
            let app = &set.get(id).unwrap().record;
            assert_eq!(app.sources.len(), 2, "{id}");
            assert_eq!(app.sources[1].id, "scim-tax", "{id}");
        }
        let disputes = |id: &str| crate::merge::disputes(&set.get(id).unwrap().record);
        // The page calls 6sense "Manual Only"; the index records SCIM in a security package.
        assert!(disputes("6sense").contains(&"scim.available"));
        // Stonly's page says no SCIM; the index says Enterprise (low confidence), verified later.
        assert_eq!(disputes("stonly")[0], "scim.available");
        let stonly = &set.get("stonly").unwrap().record.scim.available;
        assert_eq!(stonly.value.as_str(), "yes");
        assert_eq!(stonly.others[0].value, "no");
        assert_eq!(stonly.others[0].source, "guide");
        // Spendesk's page names Entra ID for SSO; the index records no Entra connector.
        assert!(disputes("spendesk").contains(&"scim.connectors.entra"));
        // Stitch's page and the index agree: no SCIM.
        assert!(!disputes("stitch").contains(&"scim.available"));
    }

    #[test]
    fn the_default_rules_flag_what_the_seed_pages_say() {
        let report = check(&seed_files(), &rule_sources(), Context::new("2026-11-23"));
        let by_rule = flagged(&report);
        let expect: &[(&str, &[&str])] = &[
            // Cleverbridge documents no SSO; Stonly and Stitch do not document JIT.
            ("jit-only-manual-deprovisioning", &["clari", "spendesk"]),
            (
                "sso-without-lifecycle",
                &["clari", "spendesk", "stitch", "stonly"],
            ),
            (
                "no-user-read-api",
                &["clari", "cleverbridge", "spendesk", "stitch", "stonly"],
            ),
            (
                "no-lifecycle-events",
                &["clari", "cleverbridge", "spendesk", "stitch", "stonly"],
            ),
            (
                "scim-plan-gated",
                &["clari", "spendesk", "stitch", "stonly"],
            ),
            ("jit-without-role-assignment", &["clari", "spendesk"]),
            ("offboarding-reassignment-required", &["clari", "spendesk"]),
            (
                "sso-limited-idps",
                &["clari", "spendesk", "stitch", "stonly"],
            ),
            ("no-bulk-path", &["clari"]),
            (
                "fully-manual-app",
                &["6sense", "alkami", "amazing-hiring", "cleverbridge"],
            ),
            ("sso-plan-gated", &["spendesk", "stonly"]),
        ];
        for (rule, apps) in expect {
            assert_eq!(
                by_rule.get(rule).map(Vec::as_slice).unwrap_or(&[]),
                *apps,
                "{rule}"
            );
        }
        // Sources from March 2026 are within a year of 2026-11-23, and not within 90 days.
        assert!(!by_rule.contains_key("stale-record"));
        let mut ctx = Context::new("2026-11-23");
        ctx.settings.insert("stale_after_days".into(), 90.into());
        let stale = check(&seed_files(), &rule_sources(), ctx);
        assert_eq!(flagged(&stale)["stale-record"].len(), 8);
    }

    #[test]
    fn findings_carry_evidence_traced_to_the_source_line() {
        let report = check(&seed_files(), &rule_sources(), Context::new("2026-11-23"));
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "jit-only-manual-deprovisioning" && f.app == "clari")
            .unwrap();
        let scim = f
            .evidence
            .iter()
            .find(|e| e.field == "scim.available")
            .unwrap();
        assert_eq!(scim.value, "no");
        assert_eq!(
            scim.provenance.document.as_deref(),
            Some("001_134eba3fcba4906b.txt")
        );
        assert_eq!(scim.provenance.line, Some(62));
        let jit = f.evidence.iter().find(|e| e.field == "sso.jit").unwrap();
        assert!(jit.provenance.inferred);
        assert!(f.controls.iter().any(|c| c.starts_with("SOC 2 CC6")));
    }

    #[test]
    fn not_documented_is_never_read_as_no() {
        let report = check(
            &with_catalogue(),
            &rule_sources(),
            Context::new("2026-11-23"),
        );
        let undocumented = report
            .findings
            .iter()
            .find(|f| f.rule == "capability-not-documented" && f.app == "alkami")
            .unwrap();
        assert!(
            undocumented.message.contains("user API"),
            "{}",
            undocumented.message
        );
        // Alkami documents nothing, so the rule that needs a documented "no" stays silent.
        assert!(!report
            .findings
            .iter()
            .any(|f| f.rule == "no-user-read-api" && f.app == "alkami"));
    }
}
