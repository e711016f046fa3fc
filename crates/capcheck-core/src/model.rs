//! The capability model: one [`AppRecord`] per app, every value a [`Fact`] that says where it
//! came from.
//!
//! "Not documented" is a value of its own and never collapses into "no": a yes/no fact is a
//! [`Tri`] whose default is [`Tri::NotDocumented`], and every other fact is an `Option` whose
//! `None` means the source does not document it. Where a page prints a placeholder for something
//! it does not document (a page size of `0`, a rate-limit header of `No`), the record keeps the
//! page's words in [`Fact::raw`] and the value stays not documented.

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One app's capability record, as stored in one file of the dataset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AppRecord {
    /// Stable identifier: a lowercase slug (`clari`, `amazing-hiring`). Unique in a dataset.
    pub id: String,
    /// The app's display name.
    pub name: String,
    /// Other names the app goes by ("monday.com Work Management"), for matching a company's
    /// inventory against the dataset.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The app's web domains (`clari.com`), from its vendor's pages, for matching an inventory
    /// by domain or URL.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
    /// The source page's summary and recommendation.
    #[serde(default)]
    pub summary: Fact<Option<String>>,
    /// What the record is built from, primary source first. A fact's `source` names one of these.
    pub sources: Vec<Source>,
    /// The app's automation status, as summary pages print it ("Manual Only", "Not Supported").
    #[serde(default)]
    pub automation: Automation,
    /// Whether the app has an API that reads or writes its user accounts.
    #[serde(default)]
    pub user_api: Fact<Tri>,
    /// How API clients authenticate.
    #[serde(default)]
    pub auth: Auth,
    /// The user API: base URL, setup, scopes, user object and endpoints.
    #[serde(default)]
    pub api: Api,
    /// SCIM provisioning.
    #[serde(default)]
    pub scim: Scim,
    /// SAML single sign-on and just-in-time provisioning.
    #[serde(default)]
    pub sso: Sso,
    /// API rate limits.
    #[serde(default)]
    pub rate_limits: RateLimits,
    /// API pagination.
    #[serde(default)]
    pub pagination: Pagination,
    /// Webhooks and other event sources.
    #[serde(default)]
    pub webhooks: Webhooks,
    /// How accounts are created, changed and removed.
    #[serde(default)]
    pub lifecycle: Lifecycle,
    /// Documented limitations, one fact each.
    #[serde(default)]
    pub limitations: Vec<Fact<Option<String>>>,
    /// Worked scenarios from the source (provisioning, offboarding, bulk changes).
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// Integration traps: why building the automation yourself goes wrong.
    #[serde(default)]
    pub traps: Vec<Fact<Option<String>>>,
    /// What the company's inventory says about the app (users, owner, the IdP's provisioning
    /// features), filled by the front ends after matching; never read from or written to a data
    /// file.
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub inventory: Option<InventoryFacts>,
    /// Where an analyst checks the facts: the vendor's docs and pricing pages.
    #[serde(default, skip_serializing_if = "Links::is_empty")]
    pub links: Links,
    /// What a catalogue says about the app as a whole: its category and how sure it is.
    #[serde(default, skip_serializing_if = "CatalogueInfo::is_empty")]
    pub catalogue: CatalogueInfo,
}

/// The vendor's pages the facts were checked against.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Links {
    /// The vendor's SCIM or provisioning documentation.
    #[serde(default)]
    pub docs: Fact<Option<String>>,
    /// The vendor's public pricing page.
    #[serde(default)]
    pub pricing: Fact<Option<String>>,
}

impl Links {
    /// True when neither link is known.
    pub fn is_empty(&self) -> bool {
        self.docs.value.is_none() && self.pricing.value.is_none()
    }
}

/// A catalogue's view of the app as a whole.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CatalogueInfo {
    /// A broad category ("Security & Identity").
    #[serde(default)]
    pub category: Fact<Option<String>>,
    /// How sure the catalogue is: `high` (the pricing page states it), `medium` (the docs state
    /// it), `low` (only community or third-party sources).
    #[serde(default)]
    pub confidence: Fact<Option<String>>,
}

impl CatalogueInfo {
    /// True when no catalogue fact is known.
    pub fn is_empty(&self) -> bool {
        self.category.value.is_none() && self.confidence.value.is_none()
    }
}

/// A document a record is built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short name facts use to cite this source (`guide`, `related`).
    pub id: String,
    /// The page's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The seed document's file name, when the source is a stored page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The page's address, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the page says it was updated: `YYYY-MM-DD`, or `YYYY-MM` where the page gives a month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// A documented value and where it came from.
///
/// `value` is the fact itself; the other fields are its provenance. A fact without `source`
/// cites the record's first source.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    feature = "schema",
    schemars(bound = "T: JsonSchema + Default + Serialize")
)]
pub struct Fact<T> {
    /// The value. Absent (or `not-documented` for yes/no facts) means the source does not
    /// document it.
    #[serde(default)]
    pub value: T,
    /// The source's own words where they differ from `value`: the plan as printed
    /// ("Enterprise (Custom pricing)"), or a placeholder printed where nothing is documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// The id of the source this fact comes from; the record's first source when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The 1-based line of the source document the fact comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The sentence the fact was read from, for facts inferred from prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// True when the fact is inferred from prose rather than stated in the quick reference.
    #[serde(default, skip_serializing_if = "is_false")]
    pub inferred: bool,
    /// True when the value was set or corrected by hand (an importer leaves it alone).
    #[serde(default, skip_serializing_if = "is_false")]
    pub curated: bool,
    /// A reviewer's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What the record's other sources say about this fact, when more than one does: nothing a
    /// source states is dropped when sources are merged (see `docs/sources.md`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<Claim>,
    /// Why `value` was chosen over the other sources' claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One source's claim about a fact whose shown value comes from another source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The value the source gives, spelt as rules spell it (`no`, `not-documented`, `Enterprise`).
    pub value: String,
    /// The id of the source that says it.
    pub source: String,
    /// The field the claim is about, when it is another field that contradicts this one (a page
    /// marking the app "Manual Only" against a catalogue's "SCIM available").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The 1-based line of the source (a catalogue's row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The source's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// True when the claim disagrees with the shown value (an undocumented value or the same
    /// value does not).
    #[serde(default, skip_serializing_if = "is_false")]
    pub disagrees: bool,
}

impl<T> Fact<T> {
    /// True when another source states a different value for this fact.
    pub fn disputed(&self) -> bool {
        self.others.iter().any(|c| c.disagrees)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A capability's documented state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Tri {
    /// Documented as available.
    Yes,
    /// Documented as not available.
    No,
    /// Documented as available with restrictions.
    Partial,
    /// The source does not say.
    #[default]
    NotDocumented,
}

impl Tri {
    /// The value as rules and reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Tri::Yes => "yes",
            Tri::No => "no",
            Tri::Partial => "partial",
            Tri::NotDocumented => "not-documented",
        }
    }
}

/// Automation status as printed on summary pages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Automation {
    /// The page marks the app "Manual Only".
    #[serde(default)]
    pub manual_only: Fact<Tri>,
    /// The automation status as printed ("Not Supported").
    #[serde(default)]
    pub status: Fact<Option<String>>,
}

/// API authentication.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// The auth method as documented (`OAuth 2.0`, `API key`).
    #[serde(default)]
    pub method: Fact<Option<String>>,
}

/// The app's user API as its guide documents it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Api {
    /// The API's base URL (`https://api.example.com/v2`); absent when the page gives only a link.
    #[serde(default)]
    pub base_url: Fact<Option<String>>,
    /// The setup steps that give an API client its credentials, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub setup_steps: Vec<Fact<Option<String>>>,
    /// The scopes or permissions the user API requires.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<ApiScope>,
    /// The fields of the user object.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_fields: Vec<UserField>,
    /// The user-management endpoints, each classified by what it does to an account.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<Endpoint>,
}

/// A scope or permission the user API requires.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiScope {
    /// The scope as printed (`users:write`).
    pub name: String,
    /// What the scope grants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What it is required for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_for: Option<String>,
    /// The line of the source it was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// A field of the app's user object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UserField {
    /// The field's name (`email`, `name.givenName`).
    pub name: String,
    /// Its type as printed (`string`, `boolean`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub field_type: Option<String>,
    /// Whether creating a user requires it.
    #[serde(default)]
    pub required: Tri,
    /// How it is set when a user is created, as printed (`required`, `optional`, `read-only`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_create: Option<String>,
    /// How it is set when a user is updated, as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_update: Option<String>,
    /// The line of the source it was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// A user-management endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// What the call does to an account.
    pub operation: Operation,
    /// The HTTP method (`GET`, `PATCH`).
    pub method: String,
    /// The path or URL (`/users/{id}`).
    pub path: String,
    /// What the source says the call is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// The line of the source it was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

impl Endpoint {
    /// The call as rules and reports spell it: `PATCH /users/{id}`.
    pub fn call(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// What an endpoint does to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Operation {
    /// Lists users.
    List,
    /// Reads one user.
    Read,
    /// Creates a user.
    Create,
    /// Changes a user's attributes.
    Update,
    /// Deactivates (suspends, disables) an account, keeping it.
    Deactivate,
    /// Reactivates a deactivated account.
    Reactivate,
    /// Deletes an account.
    Delete,
    /// Assigns or removes a role, group, team or licence.
    Assignment,
    /// Anything else.
    Other,
}

impl Operation {
    /// The operation as rules and reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::List => "list",
            Operation::Read => "read",
            Operation::Create => "create",
            Operation::Update => "update",
            Operation::Deactivate => "deactivate",
            Operation::Reactivate => "reactivate",
            Operation::Delete => "delete",
            Operation::Assignment => "assignment",
            Operation::Other => "other",
        }
    }
}

/// SCIM provisioning.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scim {
    /// Whether SCIM provisioning is available.
    #[serde(default)]
    pub available: Fact<Tri>,
    /// The SCIM version (`2.0`).
    #[serde(default)]
    pub version: Fact<Option<String>>,
    /// The plan SCIM requires, as printed ("Enterprise (Custom pricing)").
    #[serde(default)]
    pub plan: Fact<Option<String>>,
    /// The plan normalized to a tier.
    #[serde(default)]
    pub plan_tier: Fact<Option<PlanTier>>,
    /// The SCIM base URL.
    #[serde(default)]
    pub endpoint: Fact<Option<String>>,
    /// The SCIM plan's price as the vendor lists it ("Business: $8.99/u/mo (annual)").
    #[serde(default)]
    pub price: Fact<Option<String>>,
    /// Whether SCIM costs more than the lowest paid plan (a higher plan, sales, or a paid add-on):
    /// `no` where it comes at no extra cost.
    #[serde(default)]
    pub gated: Fact<Tri>,
    /// Whether SSO must be set up before SCIM can be turned on.
    #[serde(default)]
    pub requires_sso: Fact<Tri>,
    /// Whether the app exposes a standard SCIM 2.0 endpoint any identity provider can call.
    #[serde(default)]
    pub generic_endpoint: Fact<Tri>,
    /// Which SCIM operations the source documents.
    #[serde(default)]
    pub operations: ScimOperations,
    /// The provisioning connector each identity provider offers for the app.
    #[serde(default)]
    pub connectors: Connectors,
}

/// Which SCIM operations the source documents: `yes` documented as supported, `no` documented as
/// missing, not documented when the source does not say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScimOperations {
    /// Creating users.
    #[serde(default)]
    pub create: Fact<Tri>,
    /// Updating users.
    #[serde(default)]
    pub update: Fact<Tri>,
    /// Deactivating users (`active: false`).
    #[serde(default)]
    pub deactivate: Fact<Tri>,
    /// Deleting users.
    #[serde(default)]
    pub delete: Fact<Tri>,
    /// Pushing groups.
    #[serde(default)]
    pub groups: Fact<Tri>,
}

/// The provisioning connector each identity provider offers for the app. Absent when not
/// established.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Connectors {
    /// Okta.
    #[serde(default)]
    pub okta: Fact<Option<Connector>>,
    /// Microsoft Entra ID.
    #[serde(default)]
    pub entra: Fact<Option<Connector>>,
    /// Google Workspace.
    #[serde(default)]
    pub google_workspace: Fact<Option<Connector>>,
    /// OneLogin.
    #[serde(default)]
    pub onelogin: Fact<Option<Connector>>,
    /// JumpCloud.
    #[serde(default)]
    pub jumpcloud: Fact<Option<Connector>>,
}

/// How an identity provider connects to an app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Connector {
    /// A catalogue app of the IdP's own that provisions accounts.
    Native,
    /// The IdP's generic SCIM app, pointed at the app's SCIM endpoint.
    ViaGeneric,
    /// Single sign-on only: the IdP does not provision or remove accounts.
    SsoOnly,
    /// No connector.
    None,
}

impl Connector {
    /// The connector as rules and reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Connector::Native => "native",
            Connector::ViaGeneric => "via-generic",
            Connector::SsoOnly => "sso-only",
            Connector::None => "none",
        }
    }
}

/// A plan normalized to a tier, so rules can compare plans across vendors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PlanTier {
    /// Every plan, including free ones.
    All,
    /// Any paid plan.
    Paid,
    /// A business or professional tier.
    Business,
    /// The enterprise tier or a custom contract.
    Enterprise,
    /// A paid add-on on top of a plan.
    AddOn,
    /// The page says no plan applies ("N/A").
    NotApplicable,
}

impl PlanTier {
    /// The tier as rules and reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanTier::All => "all",
            PlanTier::Paid => "paid",
            PlanTier::Business => "business",
            PlanTier::Enterprise => "enterprise",
            PlanTier::AddOn => "add-on",
            PlanTier::NotApplicable => "not-applicable",
        }
    }
}

/// SAML single sign-on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Sso {
    /// Whether SAML SSO is available.
    #[serde(default)]
    pub saml: Fact<Tri>,
    /// Whether single sign-on to the customer's own IdP is available by SAML *or* OIDC, where a
    /// source does not say which (a catalogue's "SSO plan").
    #[serde(default)]
    pub available: Fact<Tri>,
    /// Identity providers the app supports for SSO.
    #[serde(default)]
    pub idps: Fact<Option<Vec<Idp>>>,
    /// Whether SSO creates accounts just in time, on first login.
    #[serde(default)]
    pub jit: Fact<Tri>,
    /// The plan SSO requires, as printed.
    #[serde(default)]
    pub plan: Fact<Option<String>>,
    /// The SSO plan normalized to a tier.
    #[serde(default)]
    pub plan_tier: Fact<Option<PlanTier>>,
}

/// An identity provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Idp {
    /// Okta.
    Okta,
    /// Microsoft Entra ID (Azure AD).
    Entra,
    /// Google Workspace.
    GoogleWorkspace,
    /// OneLogin.
    Onelogin,
    /// JumpCloud.
    Jumpcloud,
    /// Any other identity provider.
    Other,
}

impl Idp {
    /// The identity provider as rules and reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Idp::Okta => "okta",
            Idp::Entra => "entra",
            Idp::GoogleWorkspace => "google-workspace",
            Idp::Onelogin => "onelogin",
            Idp::Jumpcloud => "jumpcloud",
            Idp::Other => "other",
        }
    }
}

/// API rate limits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RateLimits {
    /// The documented limits ("100 requests per minute"); absent when not documented.
    #[serde(default)]
    pub limits: Fact<Option<String>>,
    /// Whether responses carry rate-limit headers.
    #[serde(default)]
    pub headers: Fact<Tri>,
    /// Whether throttled responses carry `Retry-After`.
    #[serde(default)]
    pub retry_after: Fact<Tri>,
    /// Further notes on rate limiting.
    #[serde(default)]
    pub notes: Fact<Option<String>>,
    /// How many requests the limit allows per [`RateLimits::window`] (the first figure given).
    #[serde(default)]
    pub requests: Fact<Option<u32>>,
    /// The window the request count is per: `second`, `minute`, `hour` or `day`.
    #[serde(default)]
    pub window: Fact<Option<String>>,
}

/// API pagination.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// The pagination method (`cursor`, `offset`, `page`, `none`).
    #[serde(default)]
    pub method: Fact<Option<String>>,
    /// The default page size.
    #[serde(default)]
    pub default_page_size: Fact<Option<u32>>,
    /// The largest page size.
    #[serde(default)]
    pub max_page_size: Fact<Option<u32>>,
    /// Where the next-page pointer lives (`next` link, `cursor` field).
    #[serde(default)]
    pub pointer: Fact<Option<String>>,
}

/// Webhooks and event sources.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Webhooks {
    /// Whether webhooks are available at all.
    #[serde(default)]
    pub available: Fact<Tri>,
    /// Whether webhooks report user-lifecycle events (created, changed, removed).
    #[serde(default)]
    pub user_events: Fact<Tri>,
    /// Notes on webhooks.
    #[serde(default)]
    pub notes: Fact<Option<String>>,
    /// Another way to learn of account changes, where there are no webhooks.
    #[serde(default)]
    pub alternative: Fact<Option<String>>,
    /// The user-lifecycle events webhooks send, as named (`user.deactivated`).
    #[serde(default)]
    pub events: Fact<Option<Vec<String>>>,
}

/// How accounts are created, changed and removed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lifecycle {
    /// How accounts are created.
    #[serde(default)]
    pub provisioning: Fact<Option<Vec<LifecycleMethod>>>,
    /// How accounts are removed or deactivated.
    #[serde(default)]
    pub deprovisioning: Fact<Option<Vec<LifecycleMethod>>>,
    /// Whether just-in-time provisioning assigns roles, teams or limits from the IdP.
    #[serde(default)]
    pub jit_assigns_roles: Fact<Tri>,
    /// Ways to change many accounts at once.
    #[serde(default)]
    pub bulk: Fact<Option<Vec<BulkPath>>>,
    /// What a departing user owns that must be handed to someone else.
    #[serde(default)]
    pub reassign_on_offboarding: Fact<Option<Vec<String>>>,
    /// Whether removing the user in the identity provider deactivates their account in the app.
    #[serde(default)]
    pub idp_removal_deactivates: Fact<Tri>,
    /// Whether deactivating an account frees its licence (seat).
    #[serde(default)]
    pub deactivation_frees_licence: Fact<Tri>,
    /// Whether a deactivated account's data (content, history) is kept.
    #[serde(default)]
    pub deactivation_keeps_data: Fact<Tri>,
}

/// A way accounts are created or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum LifecycleMethod {
    /// By an administrator, by hand.
    Manual,
    /// By the identity provider (SAML just-in-time provisioning).
    Idp,
    /// By SCIM.
    Scim,
    /// By the app's user API.
    Api,
}

impl LifecycleMethod {
    /// The method as rules and reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleMethod::Manual => "manual",
            LifecycleMethod::Idp => "idp",
            LifecycleMethod::Scim => "scim",
            LifecycleMethod::Api => "api",
        }
    }
}

/// A way to change many accounts at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum BulkPath {
    /// There is none.
    None,
    /// CSV import.
    Csv,
    /// The API.
    Api,
    /// A bulk action in the admin UI.
    Ui,
}

impl BulkPath {
    /// The path as rules and reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            BulkPath::None => "none",
            BulkPath::Csv => "csv",
            BulkPath::Api => "api",
            BulkPath::Ui => "ui",
        }
    }
}

/// A worked scenario from the source.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The scenario's title.
    pub title: String,
    /// The numbered steps, in order.
    #[serde(default)]
    pub steps: Vec<String>,
    /// The "Watch out for" text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch_out: Option<String>,
    /// The API calls the steps make, in order (`PATCH /users/{id}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calls: Vec<String>,
    /// The id of the source this scenario comes from; the record's first source when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The line of the source where the scenario's title stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// What the company's inventory says about one record (see `crate::inventory`); several
/// inventory apps matching the same record (two Slack workspaces) are merged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InventoryFacts {
    /// The inventory's names for the app.
    pub names: Vec<String>,
    /// Users or seats, summed over the inventory apps that give them.
    pub users: Option<u64>,
    /// The first owner given.
    pub owner: Option<String>,
    /// The first criticality given, lowercased.
    pub criticality: Option<String>,
    /// The first department given.
    pub department: Option<String>,
    /// The first IdP given, lowercased.
    pub idp: Option<String>,
    /// The IdP's provisioning features, when every matched inventory app lists them: only the
    /// features all of them have.
    pub idp_features: Option<Vec<String>>,
}
