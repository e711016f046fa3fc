//! Reading a TOML data file: one record, the whole file. The parser's spans go into the
//! record's [`SpanIndex`](super::SpanIndex) as its tree is read.

use serde_json::Value as Json;

use super::read::read_record;
use super::spans::{Builder, LineIndex};
use super::{join_path, one_line, LoadedApp, Place, MAX_ERRORS_PER_RECORD};
use crate::diagnostic::{Code, Diagnostic, Span};

/// Parses a TOML data file: one record, the whole file.
pub(super) fn parse(name: &str, text: &str) -> (Vec<LoadedApp>, Vec<Diagnostic>) {
    let (table, errors) = ::toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let mut diags: Vec<Diagnostic> = errors
            .iter()
            .map(|e| {
                let span = e.span().map(|r| Span::from_range(text, r.start, r.end));
                Diagnostic::error(Code::Syntax, name, one_line(e.message())).with_span(span)
            })
            .collect();
        crate::order::sort_by_key(&mut diags, |d| d.span.map(|s| s.start));
        return (Vec::new(), diags);
    }
    // A TOML record is read as its JSON tree, through the one deserializer JSON records use:
    // a second serde deserializer would copy every model type's reader into the browser app.
    let lines = LineIndex::new(text);
    let mut tree = TomlTree {
        spans: Builder::new(&lines, 0),
        bad: Vec::new(),
        left_out: Vec::new(),
    };
    let item = tree.table(table.get_ref());
    let spans = tree.spans.finish();
    let place = Place { spans: &spans };
    let mut diags = Vec::new();
    for (range, message, path) in tree.bad {
        diags.push(
            Diagnostic::error(Code::InvalidRecord, name, message)
                .with_span(Some(lines.span(range.start, range.end)))
                .with_field(join_path(&path)),
        );
    }
    let left_out = tree.left_out;
    let record = read_record(name, place, text, item, left_out, &mut diags);
    // In the order of the file, values TOML can hold but a record cannot among the rest.
    crate::order::sort_by_key(&mut diags, |d| d.span.map(|s| s.start));
    match record {
        Some(record) if diags.is_empty() => {
            let app = LoadedApp {
                record,
                file: name.to_owned(),
                offset: 0,
                spans,
            };
            (vec![app], diags)
        }
        _ => (Vec::new(), diags),
    }
}

/// The span index of a TOML text, whether or not it holds a valid record.
#[cfg(test)]
pub(super) fn index(text: &str) -> super::SpanIndex {
    let (table, _) = ::toml::de::DeTable::parse_recoverable(text);
    let lines = LineIndex::new(text);
    let mut tree = TomlTree {
        spans: Builder::new(&lines, 0),
        bad: Vec::new(),
        left_out: Vec::new(),
    };
    tree.table(table.get_ref());
    tree.spans.finish()
}

/// Turns a TOML table into the JSON tree it stands for. Dates and times become their text (the
/// model's dates are strings). Integers outside `i64` and decimals are listed in `bad` and their
/// key is left out (an array with one goes whole), so the rest of the record is still checked.
struct TomlTree<'a> {
    /// The positions of every key and value, recorded on the way.
    spans: Builder<'a>,
    /// Each value a record cannot hold: its span, the message and its path.
    bad: Vec<(std::ops::Range<usize>, String, Vec<String>)>,
    /// The keys left out for them.
    left_out: Vec<Vec<String>>,
}

impl TomlTree<'_> {
    fn table(&mut self, table: &::toml::de::DeTable<'_>) -> Json {
        let mut map = serde_json::Map::new();
        for (k, v) in table.iter() {
            self.spans.push(k.get_ref());
            self.spans.record(Some(k.span()), v.span());
            match self.value(v) {
                Some(json) => {
                    map.insert(k.get_ref().to_string(), json);
                }
                None => self.left_out.push(self.spans.path()),
            }
            self.spans.pop();
        }
        Json::Object(map)
    }

    fn value(&mut self, v: &::toml::Spanned<::toml::de::DeValue<'_>>) -> Option<Json> {
        use ::toml::de::DeValue;
        Some(match v.get_ref() {
            DeValue::String(s) => Json::String(s.to_string()),
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Json::from(n),
                Err(_) => return self.refuse(v, format!("integer `{i}` is out of range")),
            },
            // No field of the model holds a decimal; saying so here also keeps float parsing
            // out of the browser app.
            DeValue::Float(f) => {
                return self.refuse(v, format!("`{f}` is a decimal number; no field takes one"))
            }
            DeValue::Boolean(b) => Json::Bool(*b),
            DeValue::Datetime(d) => Json::String(d.to_string()),
            DeValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut whole = true;
                for (i, item) in items.iter().enumerate() {
                    self.spans.push(&i.to_string());
                    self.spans.record(None, item.span());
                    match self.value(item) {
                        Some(json) => out.push(json),
                        None => whole = false,
                    }
                    self.spans.pop();
                }
                if !whole {
                    return None;
                }
                Json::Array(out)
            }
            DeValue::Table(t) => self.table(t),
        })
    }

    fn refuse(
        &mut self,
        v: &::toml::Spanned<::toml::de::DeValue<'_>>,
        message: String,
    ) -> Option<Json> {
        // Past the per-record cap the value is still left out, only not reported.
        if self.bad.len() < MAX_ERRORS_PER_RECORD {
            self.bad.push((v.span(), message, self.spans.path()));
        }
        None
    }
}
