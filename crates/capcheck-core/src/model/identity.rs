//! What a record says about identity: SCIM, its plan and connectors, SSO and IdPs, and how
//! accounts are removed.

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Fact, Tri};

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
