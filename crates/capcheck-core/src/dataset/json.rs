//! Reading a JSON data file: one record, or an array of records. Each record is indexed in one
//! pass of [`index_json`] over its own text.

use serde_json::Value as Json;

use super::check::check_record;
use super::read::read_record;
use super::spans::{index_json, LineIndex};
use super::{describe, LoadedApp, Place};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::model::AppRecord;

/// Parses a JSON data file: one record, or an array of records.
pub(super) fn parse(name: &str, text: &str) -> (Vec<LoadedApp>, Vec<Diagnostic>) {
    let syntax = |e: serde_json::Error| {
        let span = Span::from_line_byte_column(text, e.line(), e.column());
        vec![Diagnostic::error(Code::Syntax, name, describe(&e.to_string())).with_span(Some(span))]
    };
    // Each record is deserialized from its own slice of the text: no tree is built for the
    // common, valid case, and positions inside a record are exact.
    let trimmed = text.trim_start();
    let items: Vec<&serde_json::value::RawValue> = if trimmed.starts_with('[') {
        match serde_json::from_str(text) {
            Ok(items) => items,
            Err(e) => return (Vec::new(), syntax(e)),
        }
    } else {
        match serde_json::from_str::<&serde_json::value::RawValue>(text) {
            Ok(item) => vec![item],
            Err(e) => return (Vec::new(), syntax(e)),
        }
    };
    let lines = LineIndex::new(text);
    let one = |item: &&serde_json::value::RawValue| -> (Option<LoadedApp>, Vec<Diagnostic>) {
        let raw = item.get();
        let offset = (raw.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let mut diags = Vec::new();
        // serde would read an array as a record's fields in order: say what it is instead.
        if !raw.starts_with('{') {
            let found = match raw.as_bytes().first() {
                Some(b'[') => "an array",
                Some(b'"') => "a string",
                Some(b't' | b'f') => "a boolean",
                Some(b'n') => "null",
                _ => "a number",
            };
            let span = Span::from_range(text, offset, offset + raw.len());
            diags.push(
                Diagnostic::error(
                    Code::InvalidRecord,
                    name,
                    format!("expected an app record (an object `{{...}}`), found {found}"),
                )
                .with_span(Some(span)),
            );
            return (None, diags);
        }
        let spans = index_json(&lines, offset, offset + raw.len());
        let place = Place { spans: &spans };
        match serde_json::from_str::<AppRecord>(raw) {
            Ok(record) => {
                check_record(name, place, &record, raw, &mut diags);
                if diags.is_empty() {
                    let app = LoadedApp {
                        record,
                        file: name.to_owned(),
                        offset,
                        spans,
                    };
                    return (Some(app), diags);
                }
            }
            Err(_) => {
                if let Ok(item) = serde_json::from_str::<Json>(raw) {
                    read_record(name, place, raw, item, Vec::new(), &mut diags);
                }
            }
        }
        // In the order of the file, like a TOML record's.
        crate::order::sort_by_key(&mut diags, |d| d.span.map(|s| s.start));
        (None, diags)
    };
    #[cfg(feature = "parallel")]
    let results: Vec<(Option<LoadedApp>, Vec<Diagnostic>)> = {
        use rayon::prelude::*;
        items.par_iter().map(one).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let results: Vec<(Option<LoadedApp>, Vec<Diagnostic>)> = items.iter().map(one).collect();
    let mut apps = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for (app, mut d) in results {
        apps.extend(app);
        diags.append(&mut d);
    }
    (apps, diags)
}
