//! Mapping one catalogue row onto capcheck's facts. Every fact cites the catalogue's source id
//! and the row's line; a value that cannot be mapped is a warning naming the row and column, and
//! the fact stays not documented. `unknown` is never read as "no".

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::model::{AppRecord, Connector, Fact, PlanTier, Source, Tri};

use super::read::Row;
use super::{SOURCE_ID, TITLE};

/// The columns a row cannot do without.
pub const REQUIRED: [&str; 3] = ["vendor", "slug", "status"];

/// What mapping a row needs to know besides the row.
pub struct Mapper<'a> {
    /// The catalogue file's name, as diagnostics show it.
    pub name: &'a str,
    /// The file's text, for spans.
    pub text: &'a str,
    /// The file name facts cite as their document (the last part of `name`).
    pub document: &'a str,
}

impl Mapper<'_> {
    fn warn(&self, row: &Row, column: &str, message: String) -> Diagnostic {
        Diagnostic::warning(Code::CatalogueValue, self.name, message)
            .with_span(Some(Span::from_range(self.text, row.offset, row.offset)))
            .with_field(column)
            .with_help(format!(
                "row at line {}, column `{column}`: the fact stays not documented",
                row.line
            ))
    }

    /// The record a row describes, or an error when the row has no usable id or name.
    pub fn record(&self, row: &Row, diags: &mut Vec<Diagnostic>) -> Option<AppRecord> {
        let slug = row.get("slug");
        let vendor = row.get("vendor");
        if !crate::id::is_app_id(slug) || vendor.is_empty() {
            diags.push(
                Diagnostic::error(
                    Code::CatalogueRow,
                    self.name,
                    format!("row at line {} has no usable `slug` and `vendor`", row.line),
                )
                .with_span(Some(Span::from_range(self.text, row.offset, row.offset)))
                .with_field(if crate::id::is_app_id(slug) {
                    "vendor"
                } else {
                    "slug"
                })
                .with_help("a slug is lowercase letters, digits and hyphens; the row is skipped"),
            );
            return None;
        }
        let f = Facts { row };
        let mut r = AppRecord {
            id: slug.to_owned(),
            name: vendor.to_owned(),
            ..AppRecord::default()
        };
        let docs = non_empty(row.get("docs_url"));
        let pricing = non_empty(row.get("pricing_page_url"));
        r.sources.push(Source {
            id: SOURCE_ID.to_owned(),
            title: Some(TITLE.to_owned()),
            document: Some(self.document.to_owned()),
            url: docs.or(pricing).map(str::to_owned),
            updated: self.date(row, diags),
        });
        r.domains = domains(pricing, docs);

        let status = row.get("status");
        r.scim.available = match status.to_lowercase().as_str() {
            "free" | "gated" => f.fact("status", Tri::Yes),
            "partial" => f.fact("status", Tri::Partial),
            "none" => f.fact("status", Tri::No),
            "unknown" => f.raw("status"),
            _ => {
                diags.push(self.warn(
                    row,
                    "status",
                    format!("unknown SCIM status `{status}`: expected free, gated, partial, none or unknown"),
                ));
                f.raw("status")
            }
        };
        r.scim.gated = match status.to_lowercase().as_str() {
            "free" => f.fact("status", Tri::No),
            "gated" => f.fact("status", Tri::Yes),
            _ => Fact::default(),
        };
        (r.scim.plan, r.scim.plan_tier) = f.plan("scim_plan");
        r.scim.price = f.text("scim_price_text");
        (r.sso.plan, r.sso.plan_tier) = f.plan("sso_plan");
        // The column counts SAML or OIDC, so it says SSO is available, never which protocol.
        if r.sso.plan.value.is_some() {
            r.sso.available = f.fact("sso_plan", Tri::Yes);
        }
        r.scim.requires_sso = self.flag(row, "sso_required_for_scim", diags);
        r.scim.generic_endpoint = self.flag(row, "idp_generic", diags);
        let ops = &mut r.scim.operations;
        ops.create = self.flag(row, "scim_create", diags);
        ops.update = self.flag(row, "scim_update", diags);
        ops.deactivate = self.flag(row, "scim_deactivate", diags);
        ops.delete = self.flag(row, "scim_delete", diags);
        ops.groups = self.flag(row, "scim_groups", diags);
        let c = &mut r.scim.connectors;
        c.okta = self.connector(row, "idp_okta", diags);
        c.entra = self.connector(row, "idp_entra", diags);
        c.google_workspace = self.connector(row, "idp_google", diags);
        c.onelogin = self.connector(row, "idp_onelogin", diags);
        c.jumpcloud = self.connector(row, "idp_jumpcloud", diags);
        r.links.docs = f.text("docs_url");
        r.links.pricing = f.text("pricing_page_url");
        r.catalogue.category = f.text("category");
        let confidence = row.get("confidence").to_lowercase();
        r.catalogue.confidence = match confidence.as_str() {
            "high" | "medium" | "low" => f.fact("confidence", Some(confidence)),
            "" => Fact::default(),
            _ => {
                diags.push(self.warn(
                    row,
                    "confidence",
                    format!("unknown confidence `{confidence}`: expected high, medium or low"),
                ));
                f.raw("confidence")
            }
        };
        Some(r)
    }

    fn date(&self, row: &Row, diags: &mut Vec<Diagnostic>) -> Option<String> {
        let d = row.get("last_verified");
        if d.is_empty() {
            return None;
        }
        if crate::date::parse_date(d).is_some() {
            Some(d.to_owned())
        } else {
            diags.push(self.warn(
                row,
                "last_verified",
                format!("`{d}` is not a date: expected YYYY-MM-DD"),
            ));
            None
        }
    }

    fn flag(&self, row: &Row, column: &str, diags: &mut Vec<Diagnostic>) -> Fact<Tri> {
        let f = Facts { row };
        match row.get(column).to_lowercase().as_str() {
            "" => Fact::default(),
            "true" | "yes" => f.fact(column, Tri::Yes),
            "false" | "no" => f.fact(column, Tri::No),
            other => {
                diags.push(self.warn(
                    row,
                    column,
                    format!("`{other}` is not a yes/no value: expected true, false or empty"),
                ));
                f.raw(column)
            }
        }
    }

    fn connector(
        &self,
        row: &Row,
        column: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Fact<Option<Connector>> {
        let f = Facts { row };
        let value = match row.get(column).to_lowercase().replace('-', "_").as_str() {
            "" => return Fact::default(),
            "native" => Connector::Native,
            "via_generic" => Connector::ViaGeneric,
            "sso_only" => Connector::SsoOnly,
            "none" => Connector::None,
            other => {
                diags.push(self.warn(
                    row,
                    column,
                    format!("unknown connector `{other}`: expected native, via_generic, sso_only, none or empty"),
                ));
                return f.raw(column);
            }
        };
        f.fact(column, Some(value))
    }
}

/// Builds facts citing one row.
struct Facts<'r> {
    row: &'r Row,
}

impl Facts<'_> {
    /// A fact with this value, citing the row's cell.
    fn fact<T: Default>(&self, column: &str, value: T) -> Fact<T> {
        Fact {
            value,
            raw: None,
            ..self.raw(column)
        }
    }

    /// A not documented fact that keeps the cell's words.
    fn raw<T: Default>(&self, column: &str) -> Fact<T> {
        let cell = self.row.get(column);
        Fact {
            source: Some(SOURCE_ID.to_owned()),
            line: Some(self.row.line),
            quote: Some(format!("{column}: {cell}")),
            raw: (!cell.is_empty()).then(|| cell.to_owned()),
            ..Fact::default()
        }
    }

    /// Free text; `—` and the "not disclosed" placeholders stay not documented, with their words.
    fn text(&self, column: &str) -> Fact<Option<String>> {
        let cell = self.row.get(column);
        if cell.is_empty() {
            Fact::default()
        } else if is_placeholder(cell) {
            self.raw(column)
        } else {
            self.fact(column, Some(cell.to_owned()))
        }
    }

    /// A plan as printed, and its tier where the name is plain.
    fn plan(&self, column: &str) -> (Fact<Option<String>>, Fact<Option<PlanTier>>) {
        let plan = self.text(column);
        let tier = match plan.value.as_deref().and_then(plain_tier) {
            Some(t) => self.fact(column, Some(t)),
            None => Fact::default(),
        };
        (plan, tier)
    }
}

fn is_placeholder(cell: &str) -> bool {
    let lower = cell.to_lowercase();
    matches!(lower.as_str(), "—" | "-" | "n/a" | "none")
        || lower.starts_with("not disclosed")
        || lower.starts_with("not verified")
}

/// The tier of a plan whose name is just the tier's word; anything longer is left without one.
fn plain_tier(plan: &str) -> Option<PlanTier> {
    let lower = plan.to_lowercase();
    let lower = lower.trim_end_matches(" plan").trim_end_matches(" edition");
    match lower {
        "enterprise" | "enterprise plus" => Some(PlanTier::Enterprise),
        "business" | "professional" | "pro" | "premium" | "team" | "teams" | "scale" | "growth" => {
            Some(PlanTier::Business)
        }
        "free" | "all plans" | "any plan" => Some(PlanTier::All),
        _ if lower.starts_with("add-on") || lower.ends_with("(paid add-on)") => {
            Some(PlanTier::AddOn)
        }
        _ => None,
    }
}

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// The host of an `http(s)` URL, without `www.`.
fn host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?.split(':').next()?;
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    (host.contains('.')).then_some(host)
}

/// The app's domains: the pricing page's host, and the docs' host unless it is a subdomain of the
/// pricing page's (`support.1password.com` under `1password.com`). Nothing is guessed beyond that.
fn domains(pricing: Option<&str>, docs: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let p = pricing.and_then(host);
    let d = docs.and_then(host);
    if let Some(p) = &p {
        out.push(p.clone());
    }
    if let Some(d) = d {
        let under = p
            .as_ref()
            .is_some_and(|p| d == *p || d.ends_with(&format!(".{p}")));
        if !under {
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_drop_only_what_is_certain() {
        assert_eq!(
            domains(
                Some("https://1password.com/pricing/business"),
                Some("https://support.1password.com/provisioning/")
            ),
            vec!["1password.com"]
        );
        assert_eq!(
            domains(
                Some("https://www.15five.com/pricing"),
                Some("https://success.15five.com/hc/x")
            ),
            vec!["15five.com"]
        );
        assert_eq!(
            domains(
                Some("https://www.salesloft.com/see-it-live"),
                Some("https://docs.clari.com/x")
            ),
            vec!["salesloft.com", "docs.clari.com"]
        );
        assert_eq!(domains(None, Some("not a url")), Vec::<String>::new());
    }

    #[test]
    fn plain_plan_names_get_a_tier_and_others_do_not() {
        assert_eq!(plain_tier("Enterprise"), Some(PlanTier::Enterprise));
        assert_eq!(plain_tier("Business"), Some(PlanTier::Business));
        assert_eq!(
            plain_tier("Add-on (Atlassian Guard Standard)"),
            Some(PlanTier::AddOn)
        );
        assert_eq!(plain_tier("Advanced Security (optional feature)"), None);
        assert_eq!(plain_tier("Contact Sales (quote-only)"), None);
    }
}
