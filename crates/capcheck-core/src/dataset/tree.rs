//! A record's JSON tree while it is checked: the field path an error offset names, and setting a
//! bad field aside (or a stand-in in place of a missing one) so the rest can still be checked.

use serde_json::Value as Json;

/// The path of the key or value at byte `offset` of one JSON value's text: where a JSON error
/// points. A small scanner that tracks keys and indexes; enough to name the field.
pub(super) fn json_path_at(text: &str, offset: usize) -> Vec<String> {
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

/// Removes the value at `path` from a JSON value. False when there is nothing to remove.
pub(super) fn remove_json(root: &mut Json, path: &[String]) -> bool {
    match path.split_last() {
        Some((last, parents)) => object_at(root, parents).is_some_and(|m| m.remove(last).is_some()),
        None => false,
    }
}

/// Sets the value at `path` in a JSON tree, adding the last key to its object. False when the
/// path's parent is not there or not an object.
pub(super) fn put_json(root: &mut Json, path: &[String], value: Json) -> bool {
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
