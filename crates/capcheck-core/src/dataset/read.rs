//! Reading a record from its JSON tree so that every type error is reported, not just the first:
//! report one, set its key aside (or put a stand-in where a required field is missing), try again.

use serde_json::Value as Json;

use super::check::check_record;
use super::{describe, join_path, tree, Place, MAX_ERRORS_PER_RECORD};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::model::AppRecord;

/// Reads a record from its JSON tree, reporting every type error: report one, set its key aside,
/// try again. `removed` lists the paths already reported and left out. Returns the record when it
/// reads (other checks may still have failed).
pub(super) fn read_record(
    name: &str,
    place: Place<'_>,
    raw: &str,
    mut item: Json,
    mut removed: Vec<Vec<String>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<AppRecord> {
    // Stand-ins for missing required fields, and which kind each is (see `filler`).
    let mut fillers: Vec<(Vec<String>, usize)> = Vec::new();
    // The record's errors so far (a TOML record's refused values) count toward its cap.
    for _ in diags.len()..MAX_ERRORS_PER_RECORD {
        // Read from text, so one deserializer serves every format, the first pass and the retries.
        let current = serde_json::to_string(&item).unwrap_or_default();
        let err = match serde_json::from_str::<AppRecord>(&current) {
            Ok(record) => {
                let before = diags.len();
                check_record(name, place, &record, raw, diags);
                // What the stand-ins themselves would be blamed for is not the file's problem.
                let stand_ins: Vec<String> = fillers.iter().map(|(p, _)| join_path(p)).collect();
                let mut found = diags.split_off(before);
                found.retain(|d| {
                    let field = d.field.as_deref().unwrap_or_default();
                    !stand_ins.iter().any(|s| within(field, s))
                });
                diags.append(&mut found);
                return Some(record);
            }
            Err(err) => err,
        };
        let message = err.to_string();
        let missing = missing_field(&message);
        let mut at_byte = Span::from_line_byte_column(&current, err.line(), err.column()).start;
        if missing.is_some() {
            // A missing field is reported at its object's closing brace: step past it, so the
            // path is the object's own.
            at_byte += 1;
        }
        let mut path = tree::json_path_at(&current, at_byte);
        let unknown = extend_with_unknown(&mut path, &message);
        let mut full = path.clone();
        full.extend(missing.clone());
        // A stand-in of the wrong type: try the next kind.
        if let Some((at_path, kind)) = fillers.iter_mut().find(|(p, _)| full.starts_with(p)) {
            *kind += 1;
            if filler(*kind).is_some_and(|value| tree::put_json(&mut item, at_path, value)) {
                continue;
            }
            return None;
        }
        let echo = caused_by_set_aside(&removed, &full);
        if !echo {
            diags.push(
                Diagnostic::error(Code::InvalidRecord, name, describe(&message))
                    .with_span(place.at(&path, unknown))
                    .with_field(join_path(&full)),
            );
        }
        if missing.is_some() {
            // A stand-in for the missing field, so the rest of the record is still checked.
            if filler(0).is_some_and(|value| tree::put_json(&mut item, &full, value)) {
                fillers.push((full, 0));
                continue;
            }
            return None;
        }
        if echo {
            return None;
        }
        match set_aside(&path, |p| tree::remove_json(&mut item, p)) {
            Some(p) => removed.push(p),
            None => return None,
        }
    }
    None
}

/// The stand-ins tried, in order, for a missing required field: every such field of the model is
/// a string or a list.
fn filler(kind: usize) -> Option<Json> {
    match kind {
        0 => Some(Json::String(String::new())),
        1 => Some(Json::Array(Vec::new())),
        2 => Some(Json::Object(serde_json::Map::new())),
        _ => None,
    }
}

/// True when the field path `field` is `of` or inside it (`sources[0].id` is inside `sources`).
fn within(field: &str, of: &str) -> bool {
    field
        .strip_prefix(of)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// Adds the field an "unknown field" error names, when the path stops short of it. True for an
/// unknown field.
fn extend_with_unknown(path: &mut Vec<String>, message: &str) -> bool {
    match backticked_after(message, "unknown field ") {
        Some(field) => {
            if path.last() != Some(&field) {
                path.push(field);
            }
            true
        }
        None => false,
    }
}

/// Removes the bad value at `path`, or the nearest enclosing key that can be removed (an element
/// of an array goes with its array), so the rest of the record can be checked. Returns what was
/// removed.
fn set_aside(path: &[String], mut remove: impl FnMut(&[String]) -> bool) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|n| &path[..n])
        .find(|p| remove(p))
        .map(<[String]>::to_vec)
}

/// True when an error at `full` (its path, plus the missing field's name) is only the echo of a
/// key set aside earlier: a required field reported missing because it was removed after its own
/// error, or an error inside a removed value.
fn caused_by_set_aside(removed: &[Vec<String>], full: &[String]) -> bool {
    removed.iter().any(|r| full.starts_with(r))
}

fn missing_field(message: &str) -> Option<String> {
    backticked_after(message, "missing field ")
}

fn backticked_after(message: &str, prefix: &str) -> Option<String> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    let rest = rest.strip_prefix('`')?;
    Some(rest[..rest.find('`')?].to_owned())
}
