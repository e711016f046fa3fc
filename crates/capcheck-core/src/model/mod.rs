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

mod api;
mod identity;

pub use api::*;
pub use identity::*;

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
