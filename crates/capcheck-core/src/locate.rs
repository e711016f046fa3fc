//! Finding a field's position in a data file from its path (`["scim", "available", "value"]`),
//! and setting a bad field aside so the rest of a record can still be checked.

use serde_json::Value as Json;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostic::Span;

/// The span of the value at `path` in a TOML document, or of the deepest part of the path that
/// exists. `None` when the document does not parse.
pub fn toml(text: &str, path: &[String]) -> Option<Span> {
    toml_span(text, path, false)
}

/// Like [`toml`], but the span of the last key of `path` rather than its value: where an unknown
/// field is pointed at.
pub fn toml_key(text: &str, path: &[String]) -> Option<Span> {
    toml_span(text, path, true)
}

fn toml_span(text: &str, path: &[String], key: bool) -> Option<Span> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return None;
    }
    let mut table: &DeTable<'_> = root.get_ref();
    let mut best: Option<std::ops::Range<usize>> = None;
    let mut current: Option<&Spanned<DeValue<'_>>> = None;
    for (i, seg) in path.iter().enumerate() {
        if key && i + 1 == path.len() {
            if let Some((k, _)) = table.iter().find(|(k, _)| k.get_ref() == seg) {
                best = Some(k.span());
            }
            break;
        }
        let next = match current.map(Spanned::get_ref) {
            None => table.get(seg.as_str()),
            Some(DeValue::Table(t)) => t.get(seg.as_str()),
            Some(DeValue::Array(a)) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
            Some(_) => None,
        };
        match next {
            Some(v) => {
                best = Some(v.span());
                current = Some(v);
                if let DeValue::Table(t) = v.get_ref() {
                    table = t;
                }
            }
            None => {
                // An unknown key: point at it if present in the enclosing table.
                if let Some((k, _)) = table.iter().find(|(k, _)| k.get_ref() == seg) {
                    best = Some(k.span());
                }
                break;
            }
        }
    }
    best.map(|r| Span::from_range(text, r.start, r.end))
}

/// The path of the key or value at byte `offset` of one JSON value's text: where a JSON error
/// points. A small scanner that tracks keys and indexes; enough to name the field.
pub fn json_path_at(text: &str, offset: usize) -> Vec<String> {
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while i < bytes.len() && i < offset {
        match bytes[i] {
            b'{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
            }
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(key)) => {
                    *key = None;
                    expect_key = true;
                }
                Some(Frame::Array(n)) => *n += 1,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expect_key {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        // The key as its text means: escapes decoded.
                        let quoted = text.get(start - 1..(i + 1).min(bytes.len()));
                        *key = quoted
                            .and_then(|q| serde_json::from_str::<String>(q).ok())
                            .or_else(|| text.get(start..i.min(bytes.len())).map(str::to_owned));
                    }
                    expect_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    stack
        .into_iter()
        .filter_map(|f| match f {
            Frame::Object(key) => key,
            Frame::Array(n) => Some(n.to_string()),
        })
        .collect()
}

/// The span of the key at `path` in the JSON record starting at byte `start` of `text`, found by
/// scanning for each key in order. Numeric segments are array indexes and are skipped. Good
/// enough for pointing a person at a field; `None` when a key is not found.
pub fn json(text: &str, start: usize, path: &[String]) -> Option<Span> {
    let mut offset = start.min(text.len());
    let mut found: Option<(usize, usize)> = None;
    for seg in path {
        if seg.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let needle = format!("\"{seg}\"");
        match text[offset..].find(&needle) {
            Some(i) => {
                let start = offset + i;
                found = Some((start, start + needle.len()));
                offset = start + needle.len();
            }
            None => break,
        }
    }
    match found {
        Some((s, e)) => Some(Span::from_range(text, s, e)),
        None if path.is_empty() => Some(Span::from_range(text, offset, offset)),
        None => None,
    }
}

/// Removes the value at `path` from a JSON value. False when there is nothing to remove.
pub fn remove_json(root: &mut Json, path: &[String]) -> bool {
    match path.split_last() {
        Some((last, parents)) => object_at(root, parents).is_some_and(|m| m.remove(last).is_some()),
        None => false,
    }
}

/// Sets the value at `path` in a JSON tree, adding the last key to its object. False when the
/// path's parent is not there or not an object.
pub fn put_json(root: &mut Json, path: &[String], value: Json) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    match object_at(root, parents) {
        Some(m) => {
            m.insert(last.clone(), value);
            true
        }
        None => false,
    }
}

/// The object at `path` (keys, and indexes into arrays), if there is one.
fn object_at<'a>(
    root: &'a mut Json,
    path: &[String],
) -> Option<&'a mut serde_json::Map<String, Json>> {
    let mut node = root;
    for seg in path {
        node = match node {
            Json::Object(m) => m.get_mut(seg)?,
            Json::Array(a) => a.get_mut(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    match node {
        Json::Object(m) => Some(m),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<String> {
        s.split('.').map(str::to_owned).collect()
    }

    #[test]
    fn toml_paths_resolve_to_value_spans() {
        let text = "id = \"x\"\n[scim]\navailable = { value = \"no\", line = 3 }\n[[scenarios]]\ntitle = \"t\"\n";
        let s = toml(text, &p("scim.available.value")).unwrap();
        assert_eq!((s.line, s.column), (3, 23));
        let s = toml(text, &p("scenarios.0.title")).unwrap();
        assert_eq!(s.line, 5);
        // An unknown leaf falls back to the deepest known part.
        let s = toml(text, &p("scim.versions")).unwrap();
        assert_eq!(s.line, 2);
    }

    #[test]
    fn json_paths_resolve_in_order() {
        let text =
            "{\"name\": \"a\",\n \"scim\": {\"name\": 1, \"available\": {\"value\": \"x\"}}}";
        let s = json(text, 0, &p("scim.available.value")).unwrap();
        assert_eq!((s.line, s.column), (2, 36));
    }

    #[test]
    fn error_offsets_map_back_to_field_paths() {
        let json = r#"{"id": "a", "scim": {"available": {"value": "x"}}, "sso": {"idps": {"value": ["okta", "zz"]}}}"#;
        assert_eq!(
            json_path_at(json, json.find("\"x\"").unwrap() + 1),
            p("scim.available.value")
        );
        assert_eq!(
            json_path_at(json, json.find("zz").unwrap()),
            p("sso.idps.value.1")
        );
        assert_eq!(json_path_at(json, 0), Vec::<String>::new());
        let escaped = r#"{"a\"b": {"c": 1}}"#;
        assert_eq!(
            json_path_at(escaped, escaped.find('1').unwrap()),
            p("a\"b.c")
        );
        assert_eq!(json_path_at(json, 3), p("id"));
    }

    #[test]
    fn removal_sets_a_field_aside() {
        let mut v: Json = serde_json::json!({"a": {"b": 1, "c": 2}});
        assert!(remove_json(&mut v, &p("a.b")));
        assert_eq!(v, serde_json::json!({"a": {"c": 2}}));
        assert!(!remove_json(&mut v, &p("a.zzz")));
    }
}
