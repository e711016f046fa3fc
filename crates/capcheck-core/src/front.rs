//! The decisions both front ends take the same way, kept here once: which ids are valid, what an
//! import does to a record the dataset already holds, and (with [`crate::report`]) the order,
//! counts and export shapes of findings. The CLI and the browser call these; neither keeps a
//! copy of its own.

pub use crate::encode::{csv, json};
pub use crate::id::{is_app_id, is_id, MAX_APP_ID};
use crate::import;
use crate::model::AppRecord;

/// What importing a record does to the dataset.
#[derive(Debug, Clone, PartialEq)]
pub enum Merge {
    /// The app is new: add the record as imported.
    Add(AppRecord),
    /// The app is there: this is the imported record with every fact the existing one marks
    /// curated kept as it was. A front end replaces the old record with it only when the user
    /// asked to (`--force`, "Replace").
    Replace(AppRecord),
    /// The import is a related-apps entry and the dataset holds a full record: keep the full one.
    KeepFull,
}

/// What an import of `fresh` does when the dataset holds `existing` for the same id.
pub fn merge_import(fresh: &AppRecord, existing: Option<&AppRecord>) -> Merge {
    match existing {
        None => Merge::Add(fresh.clone()),
        Some(old) if import::is_partial(fresh) && !import::is_partial(old) => Merge::KeepFull,
        Some(old) => Merge::Replace(import::keep_curated(fresh, old)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Fact, Source, Tri};

    #[test]
    fn ids_are_kebab_case() {
        for good in ["okta", "no-scim", "a1", "6sense", "x-2-y"] {
            assert!(is_id(good), "{good}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "ä"] {
            assert!(!is_id(bad), "{bad}");
        }
        assert!(is_app_id(&"a".repeat(MAX_APP_ID)));
        assert!(!is_app_id(&"a".repeat(MAX_APP_ID + 1)));
    }

    fn record(id: &str, source: &str) -> AppRecord {
        let mut r = AppRecord {
            id: id.into(),
            name: "Acme".into(),
            ..AppRecord::default()
        };
        r.sources.push(Source {
            id: source.into(),
            title: None,
            document: None,
            url: None,
            updated: None,
        });
        r
    }

    #[test]
    fn a_new_app_is_added_as_imported() {
        let fresh = record("acme", "guide");
        assert_eq!(merge_import(&fresh, None), Merge::Add(fresh.clone()));
    }

    #[test]
    fn a_related_apps_entry_never_replaces_a_full_record() {
        let partial = record("acme", import::RELATED_SOURCE);
        let full = record("acme", "guide");
        assert_eq!(merge_import(&partial, Some(&full)), Merge::KeepFull);
        // Two partial entries, or a full record over a partial one, do replace.
        let other = record("acme", import::RELATED_SOURCE);
        assert!(matches!(
            merge_import(&other, Some(&partial)),
            Merge::Replace(_)
        ));
        assert!(matches!(
            merge_import(&full, Some(&partial)),
            Merge::Replace(_)
        ));
    }

    #[test]
    fn a_reimport_keeps_what_a_person_curated() {
        let mut existing = record("acme", "guide");
        existing.scim.available = Fact {
            value: Tri::Yes,
            curated: true,
            ..Fact::default()
        };
        let fresh = record("acme", "guide");
        let Merge::Replace(merged) = merge_import(&fresh, Some(&existing)) else {
            panic!("expected a replacement");
        };
        assert_eq!(merged.scim.available.value, Tri::Yes);
        assert!(merged.scim.available.curated);
        // What the person did not curate comes from the page.
        assert_eq!(merged.name, fresh.name);
    }
}
