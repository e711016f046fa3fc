//! What the types cannot check: the id's form, dates, source references and text sizes.

use serde_json::Value as Json;

use super::{clip, join_path, Place, MAX_TEXT_LEN};
use crate::date::parse_date;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::AppRecord;

/// Checks what the types cannot: the id's form, dates, source references and text sizes.
///
/// `raw` is the record's own text: where it is too short to hold an oversized string and never
/// names a `source`, the walk over every string is skipped (the common case, and the costly one).
pub(super) fn check_record(
    name: &str,
    place: Place<'_>,
    record: &AppRecord,
    raw: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut push = |path: Vec<String>, code: Code, message: String, help: &str| {
        out.push(
            Diagnostic::error(code, name, message)
                .with_span(place.at(&path, false))
                .with_field(join_path(&path))
                .with_help(help.to_owned()),
        );
    };
    if !crate::id::is_app_id(&record.id) {
        push(
            vec!["id".into()],
            Code::InvalidId,
            format!("app id `{}` is not a slug", clip(&record.id)),
            "use lowercase letters, digits and single dashes, e.g. `amazing-hiring`",
        );
    }
    if record.name.trim().is_empty() {
        push(
            vec!["name".into()],
            Code::InvalidValue,
            "the app's name is empty".into(),
            "give the app's display name",
        );
    }
    if record.sources.is_empty() {
        push(
            vec!["sources".into()],
            Code::MissingSource,
            "the record names no source".into(),
            "add a `[[sources]]` table: every value must be traceable to a document",
        );
    }
    let mut source_ids: Vec<&str> = Vec::new();
    for (i, source) in record.sources.iter().enumerate() {
        if source_ids.contains(&source.id.as_str()) {
            push(
                vec!["sources".into(), i.to_string(), "id".into()],
                Code::DuplicateSource,
                format!("source id `{}` is used twice", clip(&source.id)),
                "give each source its own id",
            );
        }
        source_ids.push(&source.id);
        if let Some(updated) = &source.updated {
            if parse_date(updated).is_none() {
                push(
                    vec!["sources".into(), i.to_string(), "updated".into()],
                    Code::InvalidDate,
                    format!("`{}` is not a date", clip(updated)),
                    "write `YYYY-MM-DD`, or `YYYY-MM` when only the month is known",
                );
            }
        }
    }
    if raw.len() <= MAX_TEXT_LEN && !raw.contains("source") {
        return;
    }
    let json = match serde_json::to_value(record) {
        Ok(j) => j,
        Err(_) => return,
    };
    let mut path = Vec::new();
    walk(&json, &mut path, &mut |path, key, value| {
        if let Json::String(s) = value {
            if s.len() > MAX_TEXT_LEN {
                let mut p = path.to_vec();
                p.push(key.to_owned());
                push(
                    p,
                    Code::TextTooLong,
                    format!(
                        "text is {} bytes long, over the limit of {MAX_TEXT_LEN} bytes",
                        s.len()
                    ),
                    "shorten it: a data field holds a fact and its quote, not a document",
                );
            } else if key == "source"
                && path.first().map(String::as_str) != Some("sources")
                && !source_ids.contains(&s.as_str())
            {
                let mut p = path.to_vec();
                p.push(key.to_owned());
                push(
                    p,
                    Code::UnknownSource,
                    format!("source `{}` is not among the record's sources", clip(s)),
                    "use the `id` of one of the `[[sources]]` tables",
                );
            }
        }
    });
}

fn walk(value: &Json, path: &mut Vec<String>, f: &mut dyn FnMut(&[String], &str, &Json)) {
    match value {
        Json::Object(map) => {
            for (k, v) in map {
                f(path, k, v);
                path.push(k.clone());
                walk(v, path, f);
                path.pop();
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                if let Some(last) = path.last().cloned() {
                    let parent = &path[..path.len() - 1];
                    let mut owned = parent.to_vec();
                    owned.push(last.clone());
                    f(&owned, &i.to_string(), v);
                }
                path.push(i.to_string());
                walk(v, path, f);
                path.pop();
            }
        }
        _ => {}
    }
}
