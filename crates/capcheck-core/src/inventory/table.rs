//! Inventories as tables: a plain CSV, or Microsoft Entra's enterprise-applications export.
//!
//! Columns are found by their usual headers, whatever the case, spacing or punctuation
//! (`App Name`, `application_name`, `Display name`). The separator is the one the header line
//! uses most: comma, semicolon (spreadsheets in many European locales) or tab.

use super::rows::rows;
use super::{cell, parse_count, Format, InventoryApp};
use crate::diagnostic::{Code, Diagnostic, Span};

/// A column the inventory can have, with the headers it goes by (normalised: lowercase letters,
/// digits and `#`, words joined by one space).
struct Column {
    what: &'static str,
    headers: &'static [&'static str],
}

const NAME: Column = Column {
    what: "name",
    headers: &[
        "name",
        "app",
        "application",
        "application name",
        "app name",
        "display name",
        "label",
        "service",
        "service name",
    ],
};

const COLUMNS: [Column; 9] = [
    Column {
        what: "domain",
        headers: &[
            "domain",
            "url",
            "website",
            "web site",
            "homepage",
            "homepage url",
            "home page url",
            "app url",
            "application url",
            "login url",
            "sign on url",
        ],
    },
    Column {
        what: "owner",
        headers: &[
            "owner",
            "app owner",
            "application owner",
            "business owner",
            "it owner",
            "technical owner",
            "owner email",
            "contact",
        ],
    },
    Column {
        what: "users",
        headers: &[
            "users",
            "user count",
            "seats",
            "seats used",
            "licenses",
            "licences",
            "active users",
            "assigned users",
            "number of users",
            "# users",
            "#users",
        ],
    },
    Column {
        what: "criticality",
        headers: &[
            "criticality",
            "business criticality",
            "tier",
            "risk",
            "risk level",
            "priority",
        ],
    },
    Column {
        what: "department",
        headers: &[
            "department",
            "team",
            "business unit",
            "cost center",
            "cost centre",
        ],
    },
    Column {
        what: "idp",
        headers: &["idp", "identity provider", "sso provider"],
    },
    Column {
        what: "idp_features",
        headers: &["idp features", "provisioning", "provisioning features"],
    },
    Column {
        what: "key",
        headers: &["application id", "app id", "id", "okta app name"],
    },
    Column {
        what: "status",
        headers: &["status", "state"],
    },
];

/// Normalises a header: lowercase, punctuation and `_` as spaces, one space between words.
fn normalise(header: &str) -> String {
    header
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '#' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The separator the header line uses most.
fn delimiter(text: &str) -> char {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    [',', ';', '\t']
        .into_iter()
        .max_by_key(|d| header.matches(*d).count())
        .unwrap_or(',')
}

/// Reads a table inventory: a plain CSV, or Entra's export when it has `Object ID` and
/// `Application ID` columns.
pub(super) fn parse(file: &str, text: &str) -> (Format, Vec<InventoryApp>, Vec<Diagnostic>) {
    let delim = delimiter(text);
    let mut diags = Vec::new();
    let mut all = rows(text, delim).into_iter();
    let Some(header_row) = all.find(|r| r.fields.iter().any(|(t, _)| !t.trim().is_empty())) else {
        diags.push(Diagnostic::error(
            Code::InventoryEmpty,
            file,
            "the file holds no apps",
        ));
        return (Format::Csv, Vec::new(), diags);
    };
    let headers: Vec<String> = header_row.fields.iter().map(|(t, _)| t.clone()).collect();
    let normal: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let find = |c: &Column| {
        c.headers
            .iter()
            .find_map(|h| normal.iter().position(|n| n == h))
    };
    let entra =
        normal.iter().any(|h| h == "object id") && normal.iter().any(|h| h == "application id");
    let format = if entra { Format::Entra } else { Format::Csv };
    let Some(name_col) = find(&NAME) else {
        let seen = headers
            .iter()
            .filter(|h| !h.trim().is_empty())
            .map(|h| format!("`{}`", h.trim()))
            .collect::<Vec<_>>();
        let start = header_row.offset(0);
        let line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
        diags.push(
            Diagnostic::error(
                Code::InventoryNoNameColumn,
                file,
                format!(
                    "no column names the apps; the headers are {}",
                    if seen.is_empty() {
                        "empty".to_owned()
                    } else {
                        seen.join(", ")
                    }
                ),
            )
            .with_span(Some(Span::from_range(text, start, line_end.max(start))))
            .with_help(format!(
                "name the column of app names one of: {}",
                NAME.headers.join(", ")
            )),
        );
        return (format, Vec::new(), diags);
    };
    let cols: Vec<Option<usize>> = COLUMNS.iter().map(find).collect();
    let col = |what: &str| {
        COLUMNS
            .iter()
            .position(|c| c.what == what)
            .and_then(|i| cols[i])
    };
    let (domain, owner, users, crit, dept, idp, features, key, status) = (
        col("domain"),
        col("owner"),
        col("users"),
        col("criticality"),
        col("department"),
        col("idp"),
        col("idp_features"),
        col("key"),
        col("status"),
    );
    let mut apps = Vec::new();
    for record in all {
        let line = record.line;
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).and_then(cell);
        let span_of = |i: usize| {
            let at = record.offset(i);
            let len = record.get(i).map_or(0, str::len);
            Some(Span::from_range(text, at, at + len))
        };
        if record.fields.iter().all(|(c, _)| c.trim().is_empty()) {
            continue;
        }
        let Some(name) = get(Some(name_col)) else {
            diags.push(
                Diagnostic::error(
                    Code::InventoryMissingName,
                    file,
                    format!("the row on line {line} has no app name"),
                )
                .with_span(span_of(name_col))
                .with_field(headers[name_col].trim().to_owned()),
            );
            continue;
        };
        let users_value = match users.and_then(|i| record.get(i)).map(parse_count) {
            None | Some(Ok(None)) => None,
            Some(Ok(n)) => n,
            Some(Err(())) => {
                let i = users.unwrap_or(0);
                diags.push(
                    Diagnostic::error(
                        Code::InventoryInvalidValue,
                        file,
                        format!(
                            "`{}` is not a number of users (app `{name}`)",
                            record.get(i).unwrap_or("").trim()
                        ),
                    )
                    .with_span(span_of(i))
                    .with_field(headers[i].trim().to_owned())
                    .with_help("write a whole number, or leave the cell empty when not known"),
                );
                None
            }
        };
        let idp_value = get(idp)
            .map(|s| s.to_lowercase())
            .or_else(|| entra.then(|| "entra".to_owned()));
        apps.push(InventoryApp {
            name,
            line,
            key: get(key),
            domain: get(domain),
            owner: get(owner),
            users: users_value,
            criticality: get(crit).map(|s| s.to_lowercase()),
            department: get(dept),
            idp: idp_value,
            idp_features: get(features).map(|s| {
                s.split([';', ',', '|', ' '])
                    .filter(|f| !f.is_empty())
                    .map(|f| f.trim().to_uppercase())
                    .collect()
            }),
            status: get(status),
        });
    }
    (format, apps, diags)
}
