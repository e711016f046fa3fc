//! What a rule sees of an app: the record with every fact collapsed to its value.
//!
//! Rules read `app.scim.available`, not `app.scim.available.value`. Yes/no facts are the strings
//! `"yes"`, `"no"`, `"partial"` and `"not-documented"`; every other fact is its value, or `()`
//! when the source does not document it. One table ([`fields`]) lists every field a rule can
//! read, so the view, the list of known paths and the evidence of a finding never disagree.

use rhai::{Array, Dynamic, ImmutableString, Map};
use serde::Serialize;

use crate::model::{AppRecord, Claim, Connector, Fact, Scenario, Tri};

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

fn provenance<T>(record: &AppRecord, fact: &Fact<T>) -> Provenance {
    let source = match &fact.source {
        Some(id) => record.sources.iter().find(|s| &s.id == id),
        None => record.sources.first(),
    };
    let document = source
        .and_then(|s| s.document.clone().or_else(|| s.url.clone()))
        .or_else(|| fact.source.clone());
    Provenance {
        document,
        line: fact.line,
        quote: fact.quote.clone(),
        raw: fact.raw.clone(),
        inferred: fact.inferred,
        others: fact.others.clone(),
        reason: fact.reason.clone(),
    }
}

fn str_value(s: &str) -> Dynamic {
    Dynamic::from(ImmutableString::from(s))
}

fn opt_str(v: Option<&str>) -> Dynamic {
    v.map_or(Dynamic::UNIT, str_value)
}

fn str_list<T>(v: Option<&Vec<T>>, name: impl Fn(&T) -> &str) -> Dynamic {
    match v {
        Some(items) => Dynamic::from_array(items.iter().map(|i| str_value(name(i))).collect()),
        None => Dynamic::UNIT,
    }
}

fn text_list(items: &[Fact<Option<String>>]) -> Dynamic {
    Dynamic::from_array(
        items
            .iter()
            .filter_map(|f| f.value.as_deref().map(str_value))
            .collect(),
    )
}

fn scenarios(items: &[Scenario]) -> Dynamic {
    let list: Array = items
        .iter()
        .map(|s| {
            let mut m = Map::new();
            m.insert("title".into(), str_value(&s.title));
            m.insert(
                "steps".into(),
                Dynamic::from_array(s.steps.iter().map(|t| str_value(t)).collect()),
            );
            m.insert("watch_out".into(), opt_str(s.watch_out.as_deref()));
            Dynamic::from_map(m)
        })
        .collect();
    Dynamic::from_array(list)
}

/// Every field a rule can read on `record`, in a stable order.
pub fn fields(record: &AppRecord) -> Vec<Field> {
    let r = record;
    let p = |f: &dyn ProvenanceOf| Some(f.provenance_in(r));
    let tri = |f: &Fact<Tri>| str_value(f.value.as_str());
    let text = |f: &Fact<Option<String>>| opt_str(f.value.as_deref());
    let connector = |f: &Fact<Option<Connector>>| opt_str(f.value.map(Connector::as_str));
    let primary = r.sources.first();
    vec![
        Field {
            path: "id",
            value: str_value(&r.id),
            provenance: None,
            doc: "the app's id (slug)",
        },
        Field {
            path: "name",
            value: str_value(&r.name),
            provenance: None,
            doc: "the app's name",
        },
        Field {
            path: "summary",
            value: text(&r.summary),
            provenance: p(&r.summary),
            doc: "the source's summary",
        },
        Field {
            path: "updated",
            value: opt_str(primary.and_then(|s| s.updated.as_deref())),
            provenance: primary.map(|s| Provenance {
                document: s.document.clone().or_else(|| s.url.clone()),
                ..Provenance::default()
            }),
            doc: "when the primary source was updated: `YYYY-MM-DD`, `YYYY-MM`, or ()",
        },
        Field {
            path: "automation.manual_only",
            value: tri(&r.automation.manual_only),
            provenance: p(&r.automation.manual_only),
            doc: "the source marks the app \"Manual Only\" (yes/no/partial/not-documented)",
        },
        Field {
            path: "automation.status",
            value: text(&r.automation.status),
            provenance: p(&r.automation.status),
            doc: "automation status as printed (\"Not Supported\")",
        },
        Field {
            path: "user_api",
            value: tri(&r.user_api),
            provenance: p(&r.user_api),
            doc: "an API reads or writes user accounts",
        },
        Field {
            path: "auth.method",
            value: text(&r.auth.method),
            provenance: p(&r.auth.method),
            doc: "API auth method as documented",
        },
        Field {
            path: "scim.available",
            value: tri(&r.scim.available),
            provenance: p(&r.scim.available),
            doc: "SCIM provisioning is available",
        },
        Field {
            path: "scim.version",
            value: text(&r.scim.version),
            provenance: p(&r.scim.version),
            doc: "SCIM version",
        },
        Field {
            path: "scim.plan",
            value: text(&r.scim.plan),
            provenance: p(&r.scim.plan),
            doc: "plan SCIM requires, as printed",
        },
        Field {
            path: "scim.plan_tier",
            value: opt_str(r.scim.plan_tier.value.map(|t| t.as_str())),
            provenance: p(&r.scim.plan_tier),
            doc: "SCIM plan as a tier: all, paid, business, enterprise, add-on, not-applicable",
        },
        Field {
            path: "scim.endpoint",
            value: text(&r.scim.endpoint),
            provenance: p(&r.scim.endpoint),
            doc: "SCIM base URL",
        },
        Field {
            path: "scim.operations.create",
            value: tri(&r.scim.operations.create),
            provenance: p(&r.scim.operations.create),
            doc: "SCIM documents creating users",
        },
        Field {
            path: "scim.operations.update",
            value: tri(&r.scim.operations.update),
            provenance: p(&r.scim.operations.update),
            doc: "SCIM documents updating users",
        },
        Field {
            path: "scim.operations.deactivate",
            value: tri(&r.scim.operations.deactivate),
            provenance: p(&r.scim.operations.deactivate),
            doc: "SCIM documents deactivating users (active: false)",
        },
        Field {
            path: "scim.operations.delete",
            value: tri(&r.scim.operations.delete),
            provenance: p(&r.scim.operations.delete),
            doc: "SCIM documents deleting users",
        },
        Field {
            path: "scim.operations.groups",
            value: tri(&r.scim.operations.groups),
            provenance: p(&r.scim.operations.groups),
            doc: "SCIM documents pushing groups",
        },
        Field {
            path: "scim.connectors.okta",
            value: connector(&r.scim.connectors.okta),
            provenance: p(&r.scim.connectors.okta),
            doc: "Okta's connector: native, via-generic, sso-only, none, or ()",
        },
        Field {
            path: "scim.connectors.entra",
            value: connector(&r.scim.connectors.entra),
            provenance: p(&r.scim.connectors.entra),
            doc: "Entra ID's connector: native, via-generic, sso-only, none, or ()",
        },
        Field {
            path: "scim.connectors.google_workspace",
            value: connector(&r.scim.connectors.google_workspace),
            provenance: p(&r.scim.connectors.google_workspace),
            doc: "Google Workspace's connector: native, via-generic, sso-only, none, or ()",
        },
        Field {
            path: "scim.connectors.onelogin",
            value: connector(&r.scim.connectors.onelogin),
            provenance: p(&r.scim.connectors.onelogin),
            doc: "OneLogin's connector: native, via-generic, sso-only, none, or ()",
        },
        Field {
            path: "scim.connectors.jumpcloud",
            value: connector(&r.scim.connectors.jumpcloud),
            provenance: p(&r.scim.connectors.jumpcloud),
            doc: "JumpCloud's connector: native, via-generic, sso-only, none, or ()",
        },
        Field {
            path: "scim.gated",
            value: tri(&r.scim.gated),
            provenance: p(&r.scim.gated),
            doc: "SCIM costs more than the lowest paid plan (yes), or comes at no extra cost (no)",
        },
        Field {
            path: "scim.price",
            value: text(&r.scim.price),
            provenance: p(&r.scim.price),
            doc: "the SCIM plan's price as the vendor lists it, or ()",
        },
        Field {
            path: "scim.requires_sso",
            value: tri(&r.scim.requires_sso),
            provenance: p(&r.scim.requires_sso),
            doc: "SSO must be set up before SCIM can be turned on",
        },
        Field {
            path: "scim.generic_endpoint",
            value: tri(&r.scim.generic_endpoint),
            provenance: p(&r.scim.generic_endpoint),
            doc: "a standard SCIM 2.0 endpoint any IdP can call is exposed",
        },
        Field {
            path: "sso.available",
            value: tri(&r.sso.available),
            provenance: p(&r.sso.available),
            doc: "SSO to the customer's own IdP (SAML or OIDC, protocol not stated) is available",
        },
        Field {
            path: "links.docs",
            value: text(&r.links.docs),
            provenance: p(&r.links.docs),
            doc: "the vendor's SCIM or provisioning docs (URL), or ()",
        },
        Field {
            path: "links.pricing",
            value: text(&r.links.pricing),
            provenance: p(&r.links.pricing),
            doc: "the vendor's pricing page (URL), or ()",
        },
        Field {
            path: "catalogue.category",
            value: text(&r.catalogue.category),
            provenance: p(&r.catalogue.category),
            doc: "the app's broad category from a catalogue, or ()",
        },
        Field {
            path: "catalogue.confidence",
            value: text(&r.catalogue.confidence),
            provenance: p(&r.catalogue.confidence),
            doc: "how sure the catalogue is: high, medium, low, or ()",
        },
        Field {
            path: "sso.saml",
            value: tri(&r.sso.saml),
            provenance: p(&r.sso.saml),
            doc: "SAML single sign-on is available",
        },
        Field {
            path: "sso.idps",
            value: str_list(r.sso.idps.value.as_ref(), |i| i.as_str()),
            provenance: p(&r.sso.idps),
            doc: "supported IdPs: okta, entra, google-workspace, onelogin, jumpcloud, other",
        },
        Field {
            path: "sso.jit",
            value: tri(&r.sso.jit),
            provenance: p(&r.sso.jit),
            doc: "SSO creates accounts just in time, on first login",
        },
        Field {
            path: "sso.plan",
            value: text(&r.sso.plan),
            provenance: p(&r.sso.plan),
            doc: "plan SSO requires, as printed",
        },
        Field {
            path: "sso.plan_tier",
            value: opt_str(r.sso.plan_tier.value.map(|t| t.as_str())),
            provenance: p(&r.sso.plan_tier),
            doc: "SSO plan as a tier",
        },
        Field {
            path: "rate_limits.limits",
            value: text(&r.rate_limits.limits),
            provenance: p(&r.rate_limits.limits),
            doc: "documented rate limits",
        },
        Field {
            path: "rate_limits.headers",
            value: tri(&r.rate_limits.headers),
            provenance: p(&r.rate_limits.headers),
            doc: "responses carry rate-limit headers",
        },
        Field {
            path: "rate_limits.retry_after",
            value: tri(&r.rate_limits.retry_after),
            provenance: p(&r.rate_limits.retry_after),
            doc: "throttled responses carry Retry-After",
        },
        Field {
            path: "rate_limits.notes",
            value: text(&r.rate_limits.notes),
            provenance: p(&r.rate_limits.notes),
            doc: "notes on rate limiting",
        },
        Field {
            path: "pagination.method",
            value: text(&r.pagination.method),
            provenance: p(&r.pagination.method),
            doc: "pagination method",
        },
        Field {
            path: "pagination.default_page_size",
            value: r
                .pagination
                .default_page_size
                .value
                .map_or(Dynamic::UNIT, |n| Dynamic::from_int(n.into())),
            provenance: p(&r.pagination.default_page_size),
            doc: "default page size",
        },
        Field {
            path: "pagination.max_page_size",
            value: r
                .pagination
                .max_page_size
                .value
                .map_or(Dynamic::UNIT, |n| Dynamic::from_int(n.into())),
            provenance: p(&r.pagination.max_page_size),
            doc: "largest page size",
        },
        Field {
            path: "pagination.pointer",
            value: text(&r.pagination.pointer),
            provenance: p(&r.pagination.pointer),
            doc: "where the next-page pointer is",
        },
        Field {
            path: "webhooks.available",
            value: tri(&r.webhooks.available),
            provenance: p(&r.webhooks.available),
            doc: "webhooks are available",
        },
        Field {
            path: "webhooks.user_events",
            value: tri(&r.webhooks.user_events),
            provenance: p(&r.webhooks.user_events),
            doc: "webhooks report user-lifecycle events",
        },
        Field {
            path: "webhooks.notes",
            value: text(&r.webhooks.notes),
            provenance: p(&r.webhooks.notes),
            doc: "notes on webhooks",
        },
        Field {
            path: "webhooks.alternative",
            value: text(&r.webhooks.alternative),
            provenance: p(&r.webhooks.alternative),
            doc: "another way to learn of account changes",
        },
        Field {
            path: "lifecycle.provisioning",
            value: str_list(r.lifecycle.provisioning.value.as_ref(), |m| m.as_str()),
            provenance: p(&r.lifecycle.provisioning),
            doc: "how accounts are created: manual, idp, scim, api",
        },
        Field {
            path: "lifecycle.deprovisioning",
            value: str_list(r.lifecycle.deprovisioning.value.as_ref(), |m| m.as_str()),
            provenance: p(&r.lifecycle.deprovisioning),
            doc: "how accounts are removed: manual, idp, scim, api",
        },
        Field {
            path: "lifecycle.jit_assigns_roles",
            value: tri(&r.lifecycle.jit_assigns_roles),
            provenance: p(&r.lifecycle.jit_assigns_roles),
            doc: "JIT provisioning assigns roles, teams or limits",
        },
        Field {
            path: "lifecycle.bulk",
            value: str_list(r.lifecycle.bulk.value.as_ref(), |b| b.as_str()),
            provenance: p(&r.lifecycle.bulk),
            doc: "ways to change many accounts at once: none, csv, api, ui",
        },
        Field {
            path: "lifecycle.reassign_on_offboarding",
            value: str_list(r.lifecycle.reassign_on_offboarding.value.as_ref(), |s| {
                s.as_str()
            }),
            provenance: p(&r.lifecycle.reassign_on_offboarding),
            doc: "what a leaver owns that must be reassigned",
        },
        Field {
            path: "limitations",
            value: text_list(&r.limitations),
            provenance: None,
            doc: "documented limitations (array of strings)",
        },
        Field {
            path: "scenarios",
            value: scenarios(&r.scenarios),
            provenance: None,
            doc: "scenarios: array of #{title, steps, watch_out}",
        },
        Field {
            path: "traps",
            value: text_list(&r.traps),
            provenance: None,
            doc: "integration traps (array of strings)",
        },
        Field {
            path: "disputes",
            value: Dynamic::from_array(
                crate::merge::disputes(r)
                    .into_iter()
                    .map(str_value)
                    .collect(),
            ),
            provenance: None,
            doc: "fields whose sources disagree (array of paths, e.g. `scim.available`)",
        },
    ]
}

/// Lets [`fields`] take the provenance of facts of any value type.
trait ProvenanceOf {
    fn provenance_in(&self, record: &AppRecord) -> Provenance;
}

impl<T> ProvenanceOf for Fact<T> {
    fn provenance_in(&self, record: &AppRecord) -> Provenance {
        provenance(record, self)
    }
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
    /// `sso.saml`.
    pub sso: &'static str,
    /// `sso.jit`.
    pub jit: &'static str,
    /// `sso.idps` (empty when not documented).
    pub idps: Vec<&'static str>,
    /// `webhooks.available`.
    pub webhooks: &'static str,
}

/// The key capabilities of `record`.
pub fn key_capabilities(record: &AppRecord) -> KeyCapabilities<'_> {
    KeyCapabilities {
        user_api: record.user_api.value.as_str(),
        scim: record.scim.available.value.as_str(),
        scim_plan: record.scim.plan.value.as_deref(),
        sso: record.sso.saml.value.as_str(),
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
