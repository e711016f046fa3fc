//! What a rule sees of an app: the record with every fact collapsed to its value.
//!
//! Rules read `app.scim.available`, not `app.scim.available.value`. Yes/no facts are the strings
//! `"yes"`, `"no"`, `"partial"` and `"not-documented"`; every other fact is its value, or `()`
//! when the source does not document it. One table ([`fields`]) lists every field a rule can
//! read, so the view, the list of known paths and the evidence of a finding never disagree.

use rhai::{Array, Dynamic, ImmutableString, Map};
use serde::Serialize;

use crate::model::{AppRecord, Claim, Tri};

mod table;

pub use table::fields;

/// Where a value came from: the provenance of one fact.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The source document (its file name or URL, else its id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The line of the source document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The source's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The source's own value where it differs (a placeholder printed for an undocumented value).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// True when the fact was inferred from prose.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    /// What the record's other sources say about the fact, when they say something.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<Claim>,
    /// Why the value was chosen over the other sources' claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One field a rule can read: its dotted path under `app`, its value, and where it came from.
#[derive(Debug, Clone)]
pub struct Field {
    /// Dotted path under `app` (`scim.available`).
    pub path: &'static str,
    /// The value rules see.
    pub value: Dynamic,
    /// Where the value came from, for facts.
    pub provenance: Option<Provenance>,
    /// What the field means, for the rule-writing guide and the editor.
    pub doc: &'static str,
}

/// The capabilities an overview of apps shows, spelt as rules spell them: what `capcheck apps`
/// and the browser's explorer both list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyCapabilities<'a> {
    /// `user_api`.
    pub user_api: &'static str,
    /// `scim.available`.
    pub scim: &'static str,
    /// `scim.plan` as printed.
    pub scim_plan: Option<&'a str>,
    /// `sso.saml`, or `sso.available` (a catalogue's SSO, SAML or OIDC) where that says more: an
    /// app a catalogue lists with an SSO plan does not read as "SSO not documented".
    pub sso: &'static str,
    /// `sso.jit`.
    pub jit: &'static str,
    /// `sso.idps` (empty when not documented).
    pub idps: Vec<&'static str>,
    /// `webhooks.available`.
    pub webhooks: &'static str,
}

/// SSO in a word: SAML where the source documents it, unless only the other says yes.
fn sso_of(saml: Tri, any: Tri) -> Tri {
    match (saml, any) {
        (Tri::Yes | Tri::Partial, _) => saml,
        (_, Tri::Yes | Tri::Partial) => any,
        (Tri::NotDocumented, _) => any,
        _ => saml,
    }
}

/// The key capabilities of `record`.
pub fn key_capabilities(record: &AppRecord) -> KeyCapabilities<'_> {
    KeyCapabilities {
        user_api: record.user_api.value.as_str(),
        scim: record.scim.available.value.as_str(),
        scim_plan: record.scim.plan.value.as_deref(),
        sso: sso_of(record.sso.saml.value, record.sso.available.value).as_str(),
        jit: record.sso.jit.value.as_str(),
        idps: record
            .sso
            .idps
            .value
            .as_ref()
            .map(|v| v.iter().map(|i| i.as_str()).collect())
            .unwrap_or_default(),
        webhooks: record.webhooks.available.value.as_str(),
    }
}

/// The app as rules see it: an object map built from [`fields`].
pub fn to_dynamic(record: &AppRecord) -> Dynamic {
    to_dynamic_from(fields(record))
}

/// [`to_dynamic`] from the record's [`fields`], for callers that also need them.
pub fn to_dynamic_from(fields: Vec<Field>) -> Dynamic {
    let mut root = Map::new();
    for field in fields {
        insert_path(&mut root, field.path, field.value);
    }
    Dynamic::from_map(root)
}

fn insert_path(root: &mut Map, path: &str, value: Dynamic) {
    match path.split_once('.') {
        None => {
            root.insert(path.into(), value);
        }
        Some((head, rest)) => {
            let entry = root
                .entry(head.into())
                .or_insert_with(|| Dynamic::from_map(Map::new()));
            if let Some(mut map) = entry.write_lock::<Map>() {
                insert_path(&mut map, rest, value);
            }
        }
    }
}

/// Every path a rule can read, sections included (`scim`, `scim.available`, ...).
pub fn known_paths() -> Vec<&'static str> {
    let record = AppRecord::default();
    let mut paths: Vec<&'static str> = Vec::new();
    for f in fields(&record) {
        // Every enclosing map too: `scim`, `scim.operations`.
        for (i, _) in f.path.match_indices('.') {
            let section = &f.path[..i];
            if !paths.contains(&section) {
                paths.push(section);
            }
        }
        paths.push(f.path);
    }
    paths
}

/// Converts a value rules see into JSON, for evidence in reports.
pub fn dynamic_to_json(value: &Dynamic) -> serde_json::Value {
    use serde_json::Value;
    if value.is_unit() {
        return Value::Null;
    }
    if let Some(b) = value.clone().try_cast::<bool>() {
        return Value::Bool(b);
    }
    if let Some(i) = value.clone().try_cast::<rhai::INT>() {
        return Value::from(i);
    }
    if let Some(s) = value.clone().try_cast::<ImmutableString>() {
        return Value::String(s.to_string());
    }
    if let Some(a) = value.read_lock::<Array>() {
        return Value::Array(a.iter().map(dynamic_to_json).collect());
    }
    if let Some(m) = value.read_lock::<Map>() {
        return Value::Object(crate::order::json_object(
            m.iter().map(|(k, v)| (k.to_string(), dynamic_to_json(v))),
        ));
    }
    Value::String(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sso_overview_reads_a_catalogues_sso_where_saml_is_not_documented() {
        use crate::model::Tri::{No, NotDocumented, Partial, Yes};
        assert_eq!(sso_of(NotDocumented, Yes), Yes, "a catalogue's SSO plan");
        assert_eq!(sso_of(No, Yes), Yes, "OIDC only: still SSO");
        assert_eq!(sso_of(Yes, NotDocumented), Yes);
        assert_eq!(sso_of(Partial, No), Partial);
        assert_eq!(sso_of(No, NotDocumented), No);
        assert_eq!(sso_of(NotDocumented, No), No);
        assert_eq!(sso_of(NotDocumented, NotDocumented), NotDocumented);
    }
}
