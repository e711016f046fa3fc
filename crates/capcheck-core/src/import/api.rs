//! The sections that describe the user API: setup steps and required scopes (under
//! "Authentication"), the user object's fields and the core endpoints, each endpoint classified
//! by what it does to an account.
//!
//! Tables are read in every form pages print them: markdown rows (`| email | string | ... |`),
//! tab-separated cells, and the plain rendering where cells run together with single spaces
//! (the first words are then the name and the type). Prose in these sections is never a warning;
//! a row or an endpoint line that cannot be read is.

use super::page::{self, Line, Section};
use super::values::clip;
use super::Warnings;
use crate::model::{Api, ApiScope, Endpoint, Fact, Operation, Tri, UserField};

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Reads the API sections into `api`.
pub(crate) fn apply(lines: &[Line<'_>], api: &mut Api, warn: &mut Warnings) {
    api.setup_steps = steps(lines);
    api.scopes = scopes(lines, warn);
    api.user_fields = user_fields(lines, warn);
    api.endpoints = endpoints(lines, warn);
}

fn body<'a>(lines: &'a [Line<'a>], s: Section) -> impl Iterator<Item = &'a Line<'a>> {
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
fn cells(text: &str) -> Option<Vec<String>> {
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
fn header(text: &str, first: &[&str]) -> Option<Vec<String>> {
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

fn is_rule(text: &str) -> bool {
    page::table_cells(text).is_some_and(|c| page::is_table_rule(&c))
}

fn unquote(s: &str) -> &str {
    s.trim().trim_matches('`').trim()
}

fn column(cols: &[String], cells: &[String], names: &[&str]) -> Option<String> {
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
                "unread-row",
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
                "unread-row",
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

/// `METHOD path` at the start of `text`, with what follows it.
fn method_path(text: &str) -> Option<(&'static str, String, &str)> {
    let text = unquote(text);
    let (head, rest) = text.split_once(char::is_whitespace)?;
    let method = METHODS.iter().find(|m| head.eq_ignore_ascii_case(m))?;
    let rest = rest.trim_start();
    let (path, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let path = path
        .trim_matches('`')
        .trim_end_matches([',', ';', ':', '.', ')']);
    super::details::is_url(path).then(|| (*method, path.to_owned(), after.trim()))
}

/// The API calls a text makes: every `METHOD /path` in it.
pub(crate) fn calls_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| c == '`' || c == '(' || c == '"');
        if let Some(m) = METHODS.iter().find(|m| **m == w) {
            if let Some(next) = words.get(i + 1) {
                let path = next
                    .trim_matches('`')
                    .trim_end_matches([',', ';', ':', '.', ')', '`', '"']);
                if super::details::is_url(path) {
                    out.push(format!("{m} {path}"));
                }
            }
        }
    }
    out
}

/// What a call does, from its method, path and the words around it.
pub(crate) fn classify(method: &str, path: &str, words: &str) -> Operation {
    let w = words.to_lowercase();
    let p = path.to_lowercase();
    let has = |xs: &[&str]| xs.iter().any(|x| w.contains(x) || p.contains(x));
    let by_id = p.trim_end_matches('/').ends_with(['}', '>']) || {
        let last = p.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        last.starts_with(':') || last.contains("id")
    };
    if has(&[
        "deactivat",
        "suspend",
        "disable",
        "offboard",
        "archive",
        "active=false",
        "\"active\": false",
        "active: false",
    ]) {
        Operation::Deactivate
    } else if has(&[
        "reactivat",
        "unsuspend",
        "restore",
        "re-enable",
        "enable",
        "activate",
    ]) {
        Operation::Reactivate
    } else if has(&[
        "role",
        "group",
        "team",
        "membership",
        "licen",
        "seat",
        "permission",
        "assign",
    ]) {
        Operation::Assignment
    } else {
        match method {
            "DELETE" => Operation::Delete,
            "POST" if has(&["delete", "remove"]) => Operation::Delete,
            "POST" => Operation::Create,
            "PUT" | "PATCH" => Operation::Update,
            "GET" if by_id || has(&["retrieve a", "get a", "single", "by id", "read a"]) => {
                Operation::Read
            }
            "GET" => Operation::List,
            _ => Operation::Other,
        }
    }
}

fn endpoints(lines: &[Line<'_>], warn: &mut Warnings) -> Vec<Endpoint> {
    let mut out: Vec<Endpoint> = Vec::new();
    let mut cols: Vec<String> = Vec::new();
    // The block form: a title line, then `Method: GET` and `URL: ...` bullets.
    let mut title: Option<&str> = None;
    let mut method: Option<(&Line<'_>, String)> = None;
    let mut in_example = false;
    for l in body(lines, Section::Endpoints) {
        if l.incomplete {
            continue;
        }
        let text = page::unbullet(l.text);
        let norm = page::normalize_label(text);
        if norm.contains("not yet verified") {
            continue;
        }
        if let Some(h) = header(text, &["method", "endpoint", "operation", "action"]) {
            if !h.is_empty() {
                cols = h;
                continue;
            }
        }
        if is_rule(text) {
            continue;
        }
        if matches!(
            norm.as_str(),
            "request example" | "response example" | "example request" | "example response"
        ) {
            in_example = true;
            continue;
        }
        if text.starts_with(['{', '}', '[', ']', '"']) {
            continue;
        }
        if let Some(c) = page::table_cells(text).filter(|_| !cols.is_empty()) {
            let c: Vec<String> = c.into_iter().map(str::to_owned).collect();
            match endpoint_from_row(&cols, &c, l.no) {
                Some(e) => out.push(e),
                None => warn.at(
                    "unread-row",
                    l,
                    page::column_of(l.raw, l.text),
                    "api.endpoints",
                    format!("could not read the endpoint row `{}`", clip(l.text)),
                ),
            }
            continue;
        }
        if let Some((label, value)) = page::split_colon(text) {
            match page::normalize_label(label).as_str() {
                "method" | "http method" => {
                    method = Some((l, value.trim().to_uppercase()));
                    continue;
                }
                "url" | "path" | "endpoint" => {
                    let (m, path) = match method_path(value) {
                        Some((m, p, _)) => (Some(m.to_owned()), p),
                        None => (
                            method.as_ref().map(|(_, m)| m.clone()),
                            unquote(value).to_owned(),
                        ),
                    };
                    match m.filter(|m| METHODS.contains(&m.as_str())) {
                        Some(m) if super::details::is_url(&path) => {
                            let purpose = title.map(str::to_owned);
                            out.push(Endpoint {
                                operation: classify(&m, &path, purpose.as_deref().unwrap_or("")),
                                method: m,
                                path,
                                purpose,
                                line: Some(method.as_ref().map_or(l.no, |(ml, _)| ml.no)),
                            });
                        }
                        _ => warn.at(
                            "unread-endpoint",
                            l,
                            page::column_of(l.raw, value),
                            "api.endpoints",
                            format!("could not read the endpoint `{}`", clip(value)),
                        ),
                    }
                    method = None;
                    continue;
                }
                _ => {}
            }
        }
        if in_example {
            // Request and response examples run to the next title: a line that is neither a call
            // nor a header.
            if method_path(text).is_some() || page::split_colon(text).is_some() {
                continue;
            }
            in_example = false;
        }
        if let Some((m, path, after)) = method_path(text) {
            let purpose = after.trim_start_matches(['—', '–', '-', ':', '|']).trim();
            let purpose = (!purpose.is_empty()).then(|| purpose.to_owned());
            out.push(Endpoint {
                operation: classify(m, &path, purpose.as_deref().or(title).unwrap_or("")),
                method: m.to_owned(),
                path,
                purpose: purpose.or_else(|| title.map(str::to_owned)),
                line: Some(l.no),
            });
            continue;
        }
        let first = text.split_whitespace().next().unwrap_or("");
        if METHODS.contains(&first) {
            warn.at(
                "unread-endpoint",
                l,
                page::column_of(l.raw, l.text),
                "api.endpoints",
                format!("could not read the endpoint `{}`", clip(text)),
            );
            continue;
        }
        // A bullet under an endpoint (`Watch out for: ...`) is not the next endpoint's title.
        if page::strip_bullet(l.text).is_some() {
            continue;
        }
        if let Some((ml, _)) = method.take() {
            warn.at(
                "unread-endpoint",
                ml,
                page::column_of(ml.raw, ml.text),
                "api.endpoints",
                "a method with no URL or path after it",
            );
        }
        title = Some(text.trim_start_matches('#').trim().trim_end_matches(':'));
    }
    out
}

fn endpoint_from_row(cols: &[String], c: &[String], line: u32) -> Option<Endpoint> {
    let purpose = column(
        cols,
        c,
        &["purpose", "description", "operation", "action", "notes"],
    );
    let (method, path) = match column(cols, c, &["method", "http method"]) {
        Some(m) => (
            m.trim_matches('`').to_uppercase(),
            unquote(&column(cols, c, &["path", "endpoint", "url"])?).to_owned(),
        ),
        None => {
            let (m, p, _) = method_path(&column(cols, c, &["endpoint", "path", "url"])?)?;
            (m.to_owned(), p)
        }
    };
    (METHODS.contains(&method.as_str()) && super::details::is_url(&path)).then(|| Endpoint {
        operation: classify(&method, &path, purpose.as_deref().unwrap_or("")),
        method,
        path,
        purpose,
        line: Some(line),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_classified_by_what_they_do_to_an_account() {
        let cases = [
            ("GET", "/users", "List users", Operation::List),
            ("GET", "/users/{id}", "", Operation::Read),
            ("POST", "/users", "Create a user", Operation::Create),
            (
                "PATCH",
                "/users/{id}",
                "Update profile fields",
                Operation::Update,
            ),
            (
                "PATCH",
                "/users/{id}",
                "Set active to false to deactivate",
                Operation::Deactivate,
            ),
            (
                "DELETE",
                "/Users/<id>",
                "Sets the user to deactivated",
                Operation::Deactivate,
            ),
            ("POST", "/users/{id}/reactivate", "", Operation::Reactivate),
            (
                "DELETE",
                "/users/{id}",
                "Permanently delete",
                Operation::Delete,
            ),
            (
                "PUT",
                "/users/{id}/roles",
                "Change the user's role",
                Operation::Assignment,
            ),
        ];
        for (m, p, w, want) in cases {
            assert_eq!(classify(m, p, w), want, "{m} {p} {w}");
        }
    }

    #[test]
    fn calls_in_steps() {
        assert_eq!(
            calls_in("Send PATCH /users/{id} with status=inactive, then GET /users/{id}."),
            vec!["PATCH /users/{id}".to_owned(), "GET /users/{id}".to_owned()]
        );
        assert!(calls_in("Get the list of users.").is_empty());
    }
}
