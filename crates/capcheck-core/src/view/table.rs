//! The table of every field a rule can read: its path, its value as rules see it, its provenance
//! and what it means.

use rhai::{Array, Dynamic, ImmutableString, Map};

use super::{Field, Provenance};
use crate::model::{AppRecord, Connector, Endpoint, Fact, Operation, Scenario, Tri};

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
            m.insert(
                "calls".into(),
                Dynamic::from_array(s.calls.iter().map(|c| str_value(c)).collect()),
            );
            Dynamic::from_map(m)
        })
        .collect();
    Dynamic::from_array(list)
}

fn endpoints(items: &[Endpoint]) -> Dynamic {
    let list: Array = items
        .iter()
        .map(|e| {
            let mut m = Map::new();
            m.insert("operation".into(), str_value(e.operation.as_str()));
            m.insert("method".into(), str_value(&e.method));
            m.insert("path".into(), str_value(&e.path));
            m.insert("call".into(), str_value(&e.call()));
            m.insert("purpose".into(), opt_str(e.purpose.as_deref()));
            Dynamic::from_map(m)
        })
        .collect();
    Dynamic::from_array(list)
}

/// The kinds of operation the endpoints cover, each once, in page order.
fn operations(items: &[Endpoint]) -> Dynamic {
    let mut seen: Vec<Operation> = Vec::new();
    for e in items {
        if !seen.contains(&e.operation) {
            seen.push(e.operation);
        }
    }
    Dynamic::from_array(seen.into_iter().map(|o| str_value(o.as_str())).collect())
}

/// The first endpoint doing `op`: its call as a string, and where it was read.
fn call_of(record: &AppRecord, op: Operation) -> (Dynamic, Option<Provenance>) {
    match record.api.endpoints.iter().find(|e| e.operation == op) {
        Some(e) => (
            str_value(&e.call()),
            Some(Provenance {
                document: record
                    .sources
                    .first()
                    .and_then(|s| s.document.clone().or_else(|| s.url.clone())),
                line: e.line,
                quote: e.purpose.clone(),
                ..Provenance::default()
            }),
        ),
        None => (Dynamic::UNIT, None),
    }
}

/// Every field a rule can read on `record`, in a stable order.
pub fn fields(record: &AppRecord) -> Vec<Field> {
    let r = record;
    let p = |f: &dyn ProvenanceOf| Some(f.provenance_in(r));
    let tri = |f: &Fact<Tri>| str_value(f.value.as_str());
    let text = |f: &Fact<Option<String>>| opt_str(f.value.as_deref());
    let connector = |f: &Fact<Option<Connector>>| opt_str(f.value.map(Connector::as_str));
    let primary = r.sources.first();
    let inv = r.inventory.as_ref();
    let (deactivate, deactivate_from) = call_of(r, Operation::Deactivate);
    let (delete, delete_from) = call_of(r, Operation::Delete);
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
            path: "inventory.name",
            value: opt_str(inv.and_then(|i| i.names.first()).map(String::as_str)),
            provenance: None,
            doc: "the app's name in your inventory; () without an inventory",
        },
        Field {
            path: "inventory.users",
            value: inv.and_then(|i| i.users).map_or(Dynamic::UNIT, |n| {
                Dynamic::from_int(rhai::INT::try_from(n).unwrap_or(rhai::INT::MAX))
            }),
            provenance: None,
            doc: "users or seats your inventory gives (integer), or ()",
        },
        Field {
            path: "inventory.owner",
            value: opt_str(inv.and_then(|i| i.owner.as_deref())),
            provenance: None,
            doc: "the app's owner in your inventory, or ()",
        },
        Field {
            path: "inventory.criticality",
            value: opt_str(inv.and_then(|i| i.criticality.as_deref())),
            provenance: None,
            doc: "criticality in your inventory, lowercased (\"high\", \"tier 1\"), or ()",
        },
        Field {
            path: "inventory.department",
            value: opt_str(inv.and_then(|i| i.department.as_deref())),
            provenance: None,
            doc: "the department in your inventory, or ()",
        },
        Field {
            path: "inventory.idp",
            value: opt_str(inv.and_then(|i| i.idp.as_deref())),
            provenance: None,
            doc: "the IdP the app is connected to in your inventory, lowercased (\"okta\"), or ()",
        },
        Field {
            path: "inventory.idp_features",
            value: str_list(inv.and_then(|i| i.idp_features.as_ref()), |f| f.as_str()),
            provenance: None,
            doc: "the IdP's provisioning features for the app (Okta's PUSH_NEW_USERS, PUSH_USER_DEACTIVATION, GROUP_PUSH, ...), or ()",
        },
        Field {
            path: "inventory.idp_push_deactivation",
            value: str_value(inv.map_or("not-documented", |i| i.push_deactivation())),
            provenance: None,
            doc: "the IdP deactivates the app's account when a user is deactivated (Okta's PUSH_USER_DEACTIVATION)",
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
            path: "api.base_url",
            value: text(&r.api.base_url),
            provenance: p(&r.api.base_url),
            doc: "the user API's base URL, or () (a page that only links its docs gives none)",
        },
        Field {
            path: "api.setup_steps",
            value: text_list(&r.api.setup_steps),
            provenance: None,
            doc: "the steps that give an API client its credentials (array of strings)",
        },
        Field {
            path: "api.scopes",
            value: Dynamic::from_array(r.api.scopes.iter().map(|s| str_value(&s.name)).collect()),
            provenance: None,
            doc: "scopes or permissions the user API requires (array of strings)",
        },
        Field {
            path: "api.user_fields",
            value: Dynamic::from_array(
                r.api.user_fields.iter().map(|f| str_value(&f.name)).collect(),
            ),
            provenance: None,
            doc: "the user object's field names (array of strings)",
        },
        Field {
            path: "api.endpoints",
            value: endpoints(&r.api.endpoints),
            provenance: None,
            doc: "user endpoints: array of #{operation, method, path, call, purpose}",
        },
        Field {
            path: "api.operations",
            value: operations(&r.api.endpoints),
            provenance: None,
            doc: "what the endpoints do: list, read, create, update, deactivate, reactivate, delete, assignment, other",
        },
        Field {
            path: "api.deactivate",
            value: deactivate,
            provenance: deactivate_from,
            doc: "the call that deactivates an account (\"PATCH /users/{id}\"), or ()",
        },
        Field {
            path: "api.delete",
            value: delete,
            provenance: delete_from,
            doc: "the call that deletes an account, or ()",
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
            path: "rate_limits.requests",
            value: r
                .rate_limits
                .requests
                .value
                .map_or(Dynamic::UNIT, |n| Dynamic::from_int(n.into())),
            provenance: p(&r.rate_limits.requests),
            doc: "requests allowed per `rate_limits.window`, or ()",
        },
        Field {
            path: "rate_limits.window",
            value: text(&r.rate_limits.window),
            provenance: p(&r.rate_limits.window),
            doc: "the rate limit's window: second, minute, hour, day, or ()",
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
            path: "webhooks.events",
            value: str_list(r.webhooks.events.value.as_ref(), |s| s.as_str()),
            provenance: p(&r.webhooks.events),
            doc: "user-lifecycle webhook events as named (array of strings), or ()",
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
            path: "lifecycle.idp_removal_deactivates",
            value: tri(&r.lifecycle.idp_removal_deactivates),
            provenance: p(&r.lifecycle.idp_removal_deactivates),
            doc: "removing the user in the IdP deactivates their account in the app",
        },
        Field {
            path: "lifecycle.deactivation_frees_licence",
            value: tri(&r.lifecycle.deactivation_frees_licence),
            provenance: p(&r.lifecycle.deactivation_frees_licence),
            doc: "deactivating an account frees its licence",
        },
        Field {
            path: "lifecycle.deactivation_keeps_data",
            value: tri(&r.lifecycle.deactivation_keeps_data),
            provenance: p(&r.lifecycle.deactivation_keeps_data),
            doc: "a deactivated account's data is kept",
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
            doc: "scenarios: array of #{title, steps, watch_out, calls}",
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
