//! Okta's app list: the JSON array `GET /api/v1/apps` returns, saved to a file.
//!
//! Each app gives its `label` (the name people see), its `name` (the catalogue integration's key,
//! `slack`, or a generated one for custom apps), `status`, `signOnMode`, the provisioning
//! `features` turned on for it (`PUSH_NEW_USERS`, `PUSH_USER_DEACTIVATION`, `GROUP_PUSH`, ...)
//! and `settings.app`, where many integrations keep the app's URL or domain.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{cell, InventoryApp};
use crate::diagnostic::{Code, Diagnostic, Span};

/// The parts of an Okta app the inventory uses; everything else is ignored.
#[derive(Debug, Deserialize)]
struct OktaApp {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    features: Option<Vec<String>>,
    #[serde(default)]
    settings: Option<serde_json::Value>,
}

/// Keys of `settings.app` (then `settings.signOn`) that hold the app's address, in order of trust.
const URL_KEYS: [&str; 8] = [
    "url",
    "baseUrl",
    "siteUrl",
    "siteURL",
    "instanceUrl",
    "loginUrl",
    "domain",
    "ssoAcsUrl",
];

fn address(settings: Option<&serde_json::Value>) -> Option<String> {
    let settings = settings?;
    ["app", "signOn"].iter().find_map(|section| {
        let section = settings.get(section)?;
        URL_KEYS
            .iter()
            .find_map(|k| section.get(k).and_then(|v| v.as_str()).and_then(cell))
    })
}

/// Reads Okta's app list. A syntax error stops the file (JSON cannot be read past it); an app
/// without a label or name is reported at its line and the others are kept.
pub(super) fn parse(file: &str, text: &str) -> (Vec<InventoryApp>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let syntax = |e: serde_json::Error| {
        Diagnostic::error(Code::InventorySyntax, file, format!("invalid JSON: {e}")).with_span(
            Some(Span::from_line_byte_column(text, e.line(), e.column())),
        )
    };
    let items: Vec<&RawValue> =
        if text.trim_start().starts_with('{') {
            match serde_json::from_str::<&RawValue>(text) {
                Ok(one) => vec![one],
                Err(e) => return (Vec::new(), vec![syntax(e)]),
            }
        } else {
            match serde_json::from_str(text) {
                Ok(items) => items,
                Err(e) => {
                    diags.push(syntax(e).with_help(
                        "an Okta inventory is the JSON array `GET /api/v1/apps` returns",
                    ));
                    return (Vec::new(), diags);
                }
            }
        };
    let mut apps = Vec::new();
    for (i, raw) in items.into_iter().enumerate() {
        let json = raw.get();
        // The raw value borrows from `text`: its address gives its offset in the file.
        let start = (json.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let span = Some(Span::from_range(text, start, start + 1));
        let app: OktaApp = match serde_json::from_str(json) {
            Ok(app) => app,
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        Code::InventoryInvalidValue,
                        file,
                        format!("app {} cannot be read: {e}", i + 1),
                    )
                    .with_span(span)
                    .with_field(format!("[{i}]")),
                );
                continue;
            }
        };
        let Some(name) = app
            .label
            .as_deref()
            .and_then(cell)
            .or_else(|| app.name.as_deref().and_then(cell))
        else {
            diags.push(
                Diagnostic::error(
                    Code::InventoryMissingName,
                    file,
                    format!("app {} has no `label` or `name`", i + 1),
                )
                .with_span(span)
                .with_field(format!("[{i}].label")),
            );
            continue;
        };
        let line = span.map_or(1, |s| s.line);
        apps.push(InventoryApp {
            name,
            line,
            key: app.name.as_deref().and_then(cell),
            domain: address(app.settings.as_ref()),
            idp: Some("okta".to_owned()),
            idp_features: app.features,
            status: app.status,
            ..InventoryApp::default()
        });
    }
    (apps, diags)
}
