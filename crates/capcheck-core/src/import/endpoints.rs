//! The "Core endpoints" section: every call with its method, path and purpose, classified by
//! what it does to an account (list, read, create, update, deactivate, reactivate, delete, role or
//! group assignment), and the calls a scenario's steps make.

use super::api::{body, column, header, is_rule, unquote, METHODS};
use super::page::{self, Line, Section};
use super::values::clip;
use super::Warnings;
use crate::model::{Endpoint, Operation};
use crate::Code;

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

pub(crate) fn endpoints(lines: &[Line<'_>], warn: &mut Warnings) -> Vec<Endpoint> {
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
                    Code::UnreadRow,
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
                            Code::UnreadEndpoint,
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
                Code::UnreadEndpoint,
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
                Code::UnreadEndpoint,
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
