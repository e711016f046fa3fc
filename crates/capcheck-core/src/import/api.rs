//! The sections that describe the user API: setup steps and required scopes (under
//! "Authentication") and the user object's fields; the core endpoints are read by the
//! `endpoints` module with the table readers shared here.
//!
//! Tables are read in every form pages print them: markdown rows (`| email | string | ... |`),
//! tab-separated cells, and the plain rendering where cells run together with single spaces
//! (the first words are then the name and the type). Prose in these sections is never a warning;
//! a row or an endpoint line that cannot be read is.

use super::page::{self, Line, Section};
use super::values::clip;
use super::Warnings;
use crate::model::{Api, ApiScope, Fact, Tri, UserField};
use crate::Code;

/// The HTTP methods an endpoint line starts with.
pub(super) const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Reads the API sections into `api`.
pub(crate) fn apply(lines: &[Line<'_>], api: &mut Api, warn: &mut Warnings) {
    api.setup_steps = steps(lines);
    api.scopes = scopes(lines, warn);
    api.user_fields = user_fields(lines, warn);
    api.endpoints = super::endpoints::endpoints(lines, warn);
}

pub(super) fn body<'a>(lines: &'a [Line<'a>], s: Section) -> impl Iterator<Item = &'a Line<'a>> {
    lines
        .iter()
        .filter(move |l| l.section == s && !l.text.is_empty() && page::heading(l.text).is_none())
}

/// The numbered (or, in markdown, bulleted) setup steps; a step cut by the end of the page is
/// left out.
fn steps(lines: &[Line<'_>]) -> Vec<Fact<Option<String>>> {
    body(lines, Section::SetupSteps)
        .filter(|l| !l.incomplete)
        .filter_map(|l| {
            let text = page::strip_number(l.text).or_else(|| page::strip_bullet(l.text))?;
            let text = page::strip_number(text).unwrap_or(text);
            Some(Fact {
                value: Some(text.to_owned()),
                line: Some(l.no),
                quote: Some(text.to_owned()),
                ..Fact::default()
            })
        })
        .collect()
}

/// The cells of a table row in any rendering: markdown, tabs, or two or more spaces. `None` for
/// a line whose cells run together with single spaces.
pub(super) fn cells(text: &str) -> Option<Vec<String>> {
    if let Some(c) = page::table_cells(text) {
        return Some(c.into_iter().map(str::to_owned).collect());
    }
    if text.contains('\t') {
        return Some(text.split('\t').map(|c| c.trim().to_owned()).collect());
    }
    if text.contains("  ") {
        let c: Vec<String> = text
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        if c.len() > 1 {
            return Some(c);
        }
    }
    None
}

/// A table's header row: its normalized column names, when the row is one.
pub(super) fn header(text: &str, first: &[&str]) -> Option<Vec<String>> {
    let names: Vec<String> = match cells(text) {
        Some(c) => c.iter().map(|c| page::normalize_label(c)).collect(),
        None => {
            let n = page::normalize_label(text);
            if !first.iter().any(|f| n.starts_with(f)) {
                return None;
            }
            return Some(Vec::new());
        }
    };
    names
        .first()
        .is_some_and(|c| first.contains(&c.as_str()))
        .then_some(names)
}

pub(super) fn is_rule(text: &str) -> bool {
    page::table_cells(text).is_some_and(|c| page::is_table_rule(&c))
}

pub(super) fn unquote(s: &str) -> &str {
    s.trim().trim_matches('`').trim()
}

pub(super) fn column(cols: &[String], cells: &[String], names: &[&str]) -> Option<String> {
    let i = cols.iter().position(|c| names.contains(&c.as_str()))?;
    cells
        .get(i)
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty() && c != "-" && c != "—")
}

fn scopes(lines: &[Line<'_>], warn: &mut Warnings) -> Vec<ApiScope> {
    let mut cols: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for l in body(lines, Section::Scopes) {
        if let Some(h) = header(l.text, &["scope", "permission", "name"]) {
            cols = h;
            continue;
        }
        if is_rule(l.text) || l.incomplete {
            continue;
        }
        let text = page::unbullet(l.text);
        let scope = match cells(text) {
            Some(c) => {
                let name = if cols.is_empty() {
                    c.first().cloned()
                } else {
                    column(&cols, &c, &["scope", "permission", "name"])
                };
                name.map(|name| ApiScope {
                    name: unquote(&name).to_owned(),
                    description: if cols.is_empty() {
                        c.get(1).cloned()
                    } else {
                        column(&cols, &c, &["description", "grants"])
                    },
                    required_for: if cols.is_empty() {
                        c.get(2).cloned()
                    } else {
                        column(
                            &cols,
                            &c,
                            &["required for", "used for", "purpose", "needed for"],
                        )
                    },
                    line: Some(l.no),
                })
            }
            None => one_line_scope(text).map(|(name, description)| ApiScope {
                name: name.to_owned(),
                description: description.map(str::to_owned),
                required_for: None,
                line: Some(l.no),
            }),
        };
        match scope {
            Some(s) if !s.name.is_empty() => out.push(s),
            _ if page::table_cells(text).is_some() => warn.at(
                Code::UnreadRow,
                l,
                page::column_of(l.raw, l.text),
                "api.scopes",
                format!("could not read the scope row `{}`", clip(l.text)),
            ),
            _ => {}
        }
    }
    out
}

/// `users:write - Create and update users`, `` `admin` (read all users) ``, or in the plain
/// rendering `users:write Create and update users` (the first word is the scope).
fn one_line_scope(text: &str) -> Option<(&str, Option<&str>)> {
    for sep in [" — ", " – ", " - ", ": "] {
        if let Some((name, rest)) = text.split_once(sep) {
            let name = unquote(name);
            if !name.contains(' ') && !name.is_empty() {
                return Some((name, Some(rest.trim())));
            }
        }
    }
    let (first, rest) = text.split_once(' ').unwrap_or((text, ""));
    let first = unquote(first);
    // A scope is one token with a separator or in backticks: `users:read`, `user.write`, `admin`.
    let scope_like = text.starts_with('`')
        || first.contains([':', '.', '_'])
        || first.chars().all(|c| c.is_ascii_lowercase());
    (scope_like && !first.is_empty())
        .then(|| (first, (!rest.trim().is_empty()).then(|| rest.trim())))
}

const SETTINGS: &[&str] = &[
    "required",
    "optional",
    "read-only",
    "readonly",
    "system-assigned",
    "immutable",
    "ignored",
    "n/a",
];

fn user_fields(lines: &[Line<'_>], warn: &mut Warnings) -> Vec<UserField> {
    let mut cols: Vec<String> = Vec::new();
    let mut seen_header = false;
    let mut out = Vec::new();
    for l in body(lines, Section::UserObject) {
        if let Some(h) = header(l.text, &["field", "attribute", "name", "property"]) {
            cols = h;
            seen_header = true;
            continue;
        }
        if is_rule(l.text) || l.incomplete || !seen_header {
            continue;
        }
        let text = page::unbullet(l.text);
        let field = match cells(text) {
            Some(c) if cols.is_empty() => Some(field_from_words(
                &c.iter().map(String::as_str).collect::<Vec<_>>(),
                l.no,
            )),
            Some(c) => column(&cols, &c, &["field", "attribute", "name", "property"]).map(|name| {
                let on_create = column(&cols, &c, &["on create", "create"]);
                let required_col = column(&cols, &c, &["required"]);
                UserField {
                    name: unquote(&name).to_owned(),
                    field_type: column(&cols, &c, &["type"]),
                    required: required(on_create.as_deref(), required_col.as_deref()),
                    on_create,
                    on_update: column(&cols, &c, &["on update", "update"]),
                    line: Some(l.no),
                }
            }),
            // The plain rendering with cells run together: `email string Work email required optional`.
            None => {
                let words: Vec<&str> = text.split_whitespace().collect();
                Some(field_from_words(&words, l.no))
            }
        };
        match field {
            Some(f) if !f.name.is_empty() => out.push(f),
            _ if page::table_cells(text).is_some() => warn.at(
                Code::UnreadRow,
                l,
                page::column_of(l.raw, l.text),
                "api.user_fields",
                format!("could not read the user-object row `{}`", clip(l.text)),
            ),
            _ => {}
        }
    }
    out
}

/// A field from a row's words or cells without a header: name, type, then the first two
/// settings (`required`, `optional`, `read-only`) are "on create" and "on update".
fn field_from_words(words: &[&str], line: u32) -> UserField {
    let name = words.first().map_or("", |w| unquote(w));
    let field_type = words.get(1).map(|w| w.trim().to_owned());
    let settings: Vec<String> = words
        .iter()
        .skip(2)
        .map(|w| {
            w.trim()
                .trim_matches(|c: char| c == ',' || c == '.')
                .to_lowercase()
        })
        .filter(|w| SETTINGS.contains(&w.as_str()))
        .collect();
    let on_create = settings.first().cloned();
    UserField {
        name: name.to_owned(),
        field_type,
        required: required(on_create.as_deref(), None),
        on_create,
        on_update: settings.get(1).cloned(),
        line: Some(line),
    }
}

fn required(on_create: Option<&str>, column: Option<&str>) -> Tri {
    let word = |s: &str| {
        let s = s.trim().to_lowercase();
        if s.starts_with("required") || s == "yes" || s == "true" {
            Tri::Yes
        } else if s.starts_with("optional")
            || s == "no"
            || s == "false"
            || s.starts_with("system")
            || s.starts_with("read")
        {
            Tri::No
        } else {
            Tri::NotDocumented
        }
    };
    match (column, on_create) {
        (Some(c), _) => word(c),
        (None, Some(c)) => word(c),
        (None, None) => Tri::NotDocumented,
    }
}
