//! What a record says about an app's user API: auth, scopes, the user object, endpoints, rate
//! limits, pagination, webhooks and scenarios.

#[cfg(feature = "schema")]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Fact, Tri};

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
