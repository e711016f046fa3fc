//! Hand-curated facts: comparing an imported record with a committed one, and carrying the
//! facts a person set by hand (`curated = true`) over into a fresh import.
//!
//! The comparison covers every field of a fact except `note` (a reviewer's remark): `value`,
//! `raw`, `source`, `line`, `quote` and `inferred`, and every field of sources and scenarios. A
//! fact the committed record marks `curated` is not compared.

use crate::model::AppRecord;
use serde_json::Value;

/// The fields where `imported` differs from `committed`, as `path: imported != committed`
/// lines; empty when they agree on everything compared.
pub fn differences(imported: &AppRecord, committed: &AppRecord) -> Vec<String> {
    let mut out = Vec::new();
    match (
        serde_json::to_value(imported),
        serde_json::to_value(committed),
    ) {
        (Ok(a), Ok(b)) => walk(&a, &b, "", &mut out),
        _ => out.push("a record could not be compared".into()),
    }
    out
}

fn is_curated(v: &Value) -> bool {
    v.get("curated").and_then(Value::as_bool) == Some(true)
}

fn walk(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    if is_curated(b) {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys.into_iter().filter(|k| *k != "note") {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    &p,
                    out,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if !x.iter().chain(y).all(is_scalar) => {
            for i in 0..x.len().max(y.len()) {
                let p = format!("{path}[{i}]");
                walk(
                    x.get(i).unwrap_or(&Value::Null),
                    y.get(i).unwrap_or(&Value::Null),
                    &p,
                    out,
                );
            }
        }
        _ if a != b => out.push(format!("{path}: imported {a} != committed {b}")),
        _ => {}
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Object(_) | Value::Array(_))
}

/// `fresh` with every fact `existing` marks curated copied over unchanged, so a forced re-import
/// keeps what a person set by hand; a reviewer's `note` is kept too where the fact's value and raw
/// text did not change. Facts in lists (limitations, traps) are matched by position.
pub fn keep_curated(fresh: &AppRecord, existing: &AppRecord) -> AppRecord {
    let (Ok(mut a), Ok(b)) = (serde_json::to_value(fresh), serde_json::to_value(existing)) else {
        return fresh.clone();
    };
    carry(&mut a, &b);
    // Through text, not `from_value`: the dataset reader's deserializer, not a second copy of it.
    serde_json::to_string(&a)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| fresh.clone())
}

fn carry(a: &mut Value, b: &Value) {
    if is_curated(b) {
        *a = b.clone();
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let same = |k: &str| x.get(k) == y.get(k);
            if y.contains_key("note") && !x.contains_key("note") && same("value") && same("raw") {
                if let Some(note) = y.get("note") {
                    x.insert("note".into(), note.clone());
                }
            }
            for (k, bv) in y {
                match x.get_mut(k) {
                    Some(av) => carry(av, bv),
                    None if has_curated(bv) => {
                        x.insert(k.clone(), bv.clone());
                    }
                    None => {}
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, bv) in y.iter().enumerate() {
                match x.get_mut(i) {
                    Some(av) => carry(av, bv),
                    None if is_curated(bv) => x.push(bv.clone()),
                    None => {}
                }
            }
        }
        _ => {}
    }
}

fn has_curated(v: &Value) -> bool {
    is_curated(v)
        || match v {
            Value::Object(m) => m.values().any(has_curated),
            Value::Array(a) => a.iter().any(has_curated),
            _ => false,
        }
}
