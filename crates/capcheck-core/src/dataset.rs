//! Reading the capability dataset from file contents: TOML (one app a file) or JSON (one app,
//! or an array of apps), validated against the model, every problem reported at once.
//!
//! The front ends read the files; this module takes `(name, text)` pairs. A bad record is
//! reported with file, line, column and field, and the other records still load. Within one
//! file, each type error is reported and its key set aside so the rest of the file can be checked
//! too.

use std::collections::HashMap;

use serde_json::Value as Json;

use crate::date::parse_date;
use crate::diagnostic::{Diagnostic, Span};
use crate::locate;
use crate::model::AppRecord;

/// Longest text a data field may hold, in bytes. Longer values are refused, not truncated.
pub const MAX_TEXT_LEN: usize = 64 * 1024;
/// Type errors reported per record before the rest of it is skipped.
const MAX_ERRORS_PER_RECORD: usize = 20;

/// A data file's name (as the user should see it) and contents.
#[derive(Debug, Clone, Copy)]
pub struct DataFile<'a> {
    /// The name diagnostics use (`data/clari.toml`).
    pub name: &'a str,
    /// The file's text.
    pub text: &'a str,
}

/// One loaded record and the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedApp {
    /// The record.
    pub record: AppRecord,
    /// The file it came from.
    pub file: String,
    /// The byte offset where the record starts in its file.
    pub offset: usize,
}

/// The records that loaded, in the order given (sorted by id when loaded with [`load`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// The apps.
    pub apps: Vec<LoadedApp>,
}

impl Dataset {
    /// The app with this id.
    pub fn get(&self, id: &str) -> Option<&LoadedApp> {
        self.apps.iter().find(|a| a.record.id == id)
    }
}

/// Parses and validates every file, keeping every good record and reporting every problem.
/// Records are sorted by id; a duplicate id is an error on the later file and is skipped.
pub fn load(files: &[DataFile<'_>]) -> (Dataset, Vec<Diagnostic>) {
    let mut apps: Vec<LoadedApp> = Vec::new();
    let mut diagnostics = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for file in files {
        let (records, mut diags) = parse_file(file.name, file.text);
        diagnostics.append(&mut diags);
        for app in records {
            if let Some(first) = seen.get(&app.record.id) {
                diagnostics.push(
                    Diagnostic::error(
                        "duplicate-id",
                        file.name,
                        format!("app id `{}` is already used", app.record.id),
                    )
                    .with_span(id_span(file, &app))
                    .with_field("id")
                    .with_help(format!(
                        "first defined in `{first}`; app ids must be unique"
                    )),
                );
                continue;
            }
            seen.insert(app.record.id.clone(), file.name.to_owned());
            apps.push(app);
        }
    }
    crate::order::sort_by(&mut apps, |a, b| a.record.id.cmp(&b.record.id));
    (Dataset { apps }, diagnostics)
}

fn id_span(file: &DataFile<'_>, app: &LoadedApp) -> Option<Span> {
    match Format::of(file.name) {
        Some(Format::Toml) => locate::toml(file.text, &["id".into()]),
        _ => Some(Span::from_range(file.text, app.offset, app.offset)),
    }
}

/// The file formats data files come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML: one app per file.
    Toml,
    /// JSON: one app, or an array of apps.
    Json,
}

/// Where a record stands in its file, for locating its fields.
#[derive(Debug, Clone, Copy)]
enum Origin {
    /// A TOML file: one record, the whole file.
    Toml,
    /// A JSON record starting at this byte offset.
    Json(usize),
}

impl Format {
    /// The format a file name's extension says, if any.
    pub fn of(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".toml") {
            Some(Format::Toml)
        } else if lower.ends_with(".json") {
            Some(Format::Json)
        } else {
            None
        }
    }
}

/// Parses one data file into its valid records and the problems found.
pub fn parse_file(name: &str, text: &str) -> (Vec<LoadedApp>, Vec<Diagnostic>) {
    match Format::of(name) {
        Some(Format::Toml) => parse_toml(name, text),
        Some(Format::Json) => parse_json(name, text),
        None => (
            Vec::new(),
            vec![Diagnostic::error(
                "unsupported-file",
                name,
                "data files must end in `.toml` or `.json`",
            )],
        ),
    }
}

fn parse_toml(name: &str, text: &str) -> (Vec<LoadedApp>, Vec<Diagnostic>) {
    let (table, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let mut diags: Vec<Diagnostic> = errors
            .iter()
            .map(|e| {
                let span = e.span().map(|r| Span::from_range(text, r.start, r.end));
                Diagnostic::error("syntax", name, one_line(e.message())).with_span(span)
            })
            .collect();
        crate::order::sort_by_key(&mut diags, |d| d.span.map(|s| s.start));
        return (Vec::new(), diags);
    }
    // A TOML record is read as its JSON tree, through the one deserializer JSON records use:
    // a second serde deserializer would copy every model type's reader into the browser app.
    let mut tree = TomlTree::default();
    let item = tree.table(table.get_ref());
    let mut diags = Vec::new();
    for (range, message, path) in tree.bad {
        diags.push(
            Diagnostic::error("invalid-record", name, message)
                .with_span(Some(Span::from_range(text, range.start, range.end)))
                .with_field(join_path(&path)),
        );
    }
    let left_out = tree.left_out;
    let record = record_from_tree(name, text, Origin::Toml, text, item, left_out, &mut diags);
    // In the order of the file, values TOML can hold but a record cannot among the rest.
    crate::order::sort_by_key(&mut diags, |d| d.span.map(|s| s.start));
    match record {
        Some(record) if diags.is_empty() => {
            let app = LoadedApp {
                record,
                file: name.to_owned(),
                offset: 0,
            };
            (vec![app], diags)
        }
        _ => (Vec::new(), diags),
    }
}

/// Turns a TOML table into the JSON tree it stands for. Dates and times become their text (the
/// model's dates are strings). Integers outside `i64` and decimals are listed in `bad` and their
/// key is left out (an array with one goes whole), so the rest of the record is still checked.
#[derive(Default)]
struct TomlTree {
    path: Vec<String>,
    /// Each value a record cannot hold: its span, the message and its path.
    bad: Vec<(std::ops::Range<usize>, String, Vec<String>)>,
    /// The keys left out for them.
    left_out: Vec<Vec<String>>,
}

impl TomlTree {
    fn table(&mut self, table: &toml::de::DeTable<'_>) -> Json {
        let mut map = serde_json::Map::new();
        for (k, v) in table.iter() {
            self.path.push(k.get_ref().to_string());
            match self.value(v) {
                Some(json) => {
                    map.insert(k.get_ref().to_string(), json);
                }
                None => self.left_out.push(self.path.clone()),
            }
            self.path.pop();
        }
        Json::Object(map)
    }

    fn value(&mut self, v: &toml::Spanned<toml::de::DeValue<'_>>) -> Option<Json> {
        use toml::de::DeValue;
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
                    self.path.push(i.to_string());
                    match self.value(item) {
                        Some(json) => out.push(json),
                        None => whole = false,
                    }
                    self.path.pop();
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
        v: &toml::Spanned<toml::de::DeValue<'_>>,
        message: String,
    ) -> Option<Json> {
        // Past the per-record cap the value is still left out, only not reported.
        if self.bad.len() < MAX_ERRORS_PER_RECORD {
            self.bad.push((v.span(), message, self.path.clone()));
        }
        None
    }
}

fn parse_json(name: &str, text: &str) -> (Vec<LoadedApp>, Vec<Diagnostic>) {
    let syntax = |e: serde_json::Error| {
        let span = Span::from_line_byte_column(text, e.line(), e.column());
        vec![Diagnostic::error("syntax", name, describe(&e.to_string())).with_span(Some(span))]
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
    let one = |item: &&serde_json::value::RawValue| -> (Option<LoadedApp>, Vec<Diagnostic>) {
        let raw = item.get();
        let offset = (raw.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let mut diags = Vec::new();
        match serde_json::from_str::<AppRecord>(raw) {
            Ok(record) => {
                check_record(name, text, Origin::Json(offset), &record, raw, &mut diags);
                if diags.is_empty() {
                    let app = LoadedApp {
                        record,
                        file: name.to_owned(),
                        offset,
                    };
                    return (Some(app), diags);
                }
            }
            Err(_) => {
                if let Ok(item) = serde_json::from_str::<Json>(raw) {
                    let origin = Origin::Json(offset);
                    record_from_tree(name, text, origin, raw, item, Vec::new(), &mut diags);
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

/// Reads a record from its JSON tree, reporting every type error: report one, set its key aside,
/// try again. `removed` lists the paths already reported and left out. Returns the record when it
/// reads (other checks may still have failed).
fn record_from_tree(
    name: &str,
    text: &str,
    origin: Origin,
    raw: &str,
    mut item: Json,
    mut removed: Vec<Vec<String>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<AppRecord> {
    let at = |path: &[String], unknown: bool| match origin {
        Origin::Toml if unknown => {
            locate::toml_key(text, path).or(Some(Span::from_range(text, 0, 0)))
        }
        // The record itself (a missing top-level field) is the whole file: point at its start.
        Origin::Toml => locate::toml(text, path).or(Some(Span::from_range(text, 0, 0))),
        Origin::Json(offset) => {
            locate::json(text, offset, path).or(Some(Span::from_range(text, offset, offset)))
        }
    };
    // Stand-ins for missing required fields, and which kind each is (see `filler`).
    let mut fillers: Vec<(Vec<String>, usize)> = Vec::new();
    // The record's errors so far (a TOML record's refused values) count toward its cap.
    for _ in diags.len()..MAX_ERRORS_PER_RECORD {
        // Read from text, so one deserializer serves every format, the first pass and the retries.
        let current = serde_json::to_string(&item).unwrap_or_default();
        let err = match serde_json::from_str::<AppRecord>(&current) {
            Ok(record) => {
                let before = diags.len();
                check_record(name, text, origin, &record, raw, diags);
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
        let mut path = locate::json_path_at(&current, at_byte);
        let unknown = extend_with_unknown(&mut path, &message);
        let mut full = path.clone();
        full.extend(missing.clone());
        // A stand-in of the wrong type: try the next kind.
        if let Some((at_path, kind)) = fillers.iter_mut().find(|(p, _)| full.starts_with(p)) {
            *kind += 1;
            if filler(*kind).is_some_and(|value| locate::put_json(&mut item, at_path, value)) {
                continue;
            }
            return None;
        }
        let echo = caused_by_set_aside(&removed, &full);
        if !echo {
            diags.push(
                Diagnostic::error("invalid-record", name, describe(&message))
                    .with_span(at(&path, unknown))
                    .with_field(join_path(&full)),
            );
        }
        if missing.is_some() {
            // A stand-in for the missing field, so the rest of the record is still checked.
            if filler(0).is_some_and(|value| locate::put_json(&mut item, &full, value)) {
                fillers.push((full, 0));
                continue;
            }
            return None;
        }
        if echo {
            return None;
        }
        match set_aside(&path, |p| locate::remove_json(&mut item, p)) {
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

/// A serde message as a one-line diagnostic, without serde_json's " at line X column Y" tail.
fn describe(message: &str) -> String {
    let first = one_line(message);
    let first = match first.find(" at line ") {
        Some(i) => first[..i].to_owned(),
        None => first,
    };
    // What serde_json says when a named value (`yes`, `okta`, ...) is given as a number, a
    // boolean or a list: in a record, whose text is valid JSON, it is a type error.
    if first == "expected value" {
        return "invalid type: expected a string naming one of the field's values".to_owned();
    }
    first
}

fn one_line(message: &str) -> String {
    message.lines().next().unwrap_or("").trim().to_owned()
}

fn join_path(path: &[String]) -> String {
    let mut out = String::new();
    for seg in path {
        if seg.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(seg);
        }
    }
    out
}

/// Checks what the types cannot: the id's form, dates, source references and text sizes.
///
/// `raw` is the record's own text: where it is too short to hold an oversized string and never
/// names a `source`, the walk over every string is skipped (the common case, and the costly one).
fn check_record(
    name: &str,
    text: &str,
    origin: Origin,
    record: &AppRecord,
    raw: &str,
    out: &mut Vec<Diagnostic>,
) {
    let at = |path: &[String]| -> Option<Span> {
        match origin {
            Origin::Toml => locate::toml(text, path),
            Origin::Json(offset) => locate::json(text, offset, path),
        }
    };
    let mut push = |path: Vec<String>, code: &str, message: String, help: &str| {
        out.push(
            Diagnostic::error(code, name, message)
                .with_span(at(&path))
                .with_field(join_path(&path))
                .with_help(help.to_owned()),
        );
    };
    if !is_slug(&record.id) {
        push(
            vec!["id".into()],
            "invalid-id",
            format!("app id `{}` is not a slug", clip(&record.id)),
            "use lowercase letters, digits and single dashes, e.g. `amazing-hiring`",
        );
    }
    if record.name.trim().is_empty() {
        push(
            vec!["name".into()],
            "invalid-value",
            "the app's name is empty".into(),
            "give the app's display name",
        );
    }
    if record.sources.is_empty() {
        push(
            vec!["sources".into()],
            "missing-source",
            "the record names no source".into(),
            "add a `[[sources]]` table: every value must be traceable to a document",
        );
    }
    let mut source_ids: Vec<&str> = Vec::new();
    for (i, source) in record.sources.iter().enumerate() {
        if source_ids.contains(&source.id.as_str()) {
            push(
                vec!["sources".into(), i.to_string(), "id".into()],
                "duplicate-source",
                format!("source id `{}` is used twice", clip(&source.id)),
                "give each source its own id",
            );
        }
        source_ids.push(&source.id);
        if let Some(updated) = &source.updated {
            if parse_date(updated).is_none() {
                push(
                    vec!["sources".into(), i.to_string(), "updated".into()],
                    "invalid-date",
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
                    "text-too-long",
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
                    "unknown-source",
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

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// User input shortened for a one-line message.
fn clip(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(57).collect();
        out.push_str("...");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str =
        "id = \"acme\"\nname = \"Acme\"\n[[sources]]\nid = \"guide\"\nupdated = \"2026-03-09\"\n";

    /// A record with `extra` between the name and the sources (TOML keys after `[[sources]]`
    /// would belong to the source).
    fn record(extra: &str) -> String {
        MINIMAL.replacen("[[sources]]", &format!("{extra}\n[[sources]]"), 1)
    }

    fn errors(name: &str, text: &str) -> Vec<(String, usize, usize, String)> {
        parse_file(name, text)
            .1
            .into_iter()
            .map(|d| {
                let s = d.span.unwrap();
                (d.field.unwrap_or_default(), s.line, s.column, d.message)
            })
            .collect()
    }

    #[test]
    fn a_minimal_record_loads_with_everything_not_documented() {
        let (apps, diags) = parse_file("acme.toml", MINIMAL);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            apps[0].record.scim.available.value,
            crate::model::Tri::NotDocumented
        );
        assert_eq!(apps[0].record.auth.method.value, None);
    }

    #[test]
    fn every_type_error_in_a_file_is_reported_with_its_position() {
        let text = record(
            "user_api = { value = \"maybe\" }\n[scim]\navailable = { value = \"yes\", colour = \"red\" }",
        );
        let mut got = errors("acme.toml", &text);
        got.sort();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "scim.available.colour");
        assert_eq!((got[0].1, got[0].2), (5, 30));
        assert!(got[0].3.contains("unknown field `colour`"), "{}", got[0].3);
        assert_eq!(got[1].0, "user_api.value");
        assert_eq!((got[1].1, got[1].2), (3, 22));
        assert!(got[1].3.contains("unknown variant `maybe`"), "{}", got[1].3);
    }

    #[test]
    fn syntax_errors_are_all_reported() {
        let got = errors("bad.toml", "id = \nname = \"x\"\n[[sources]\n");
        let lines: Vec<usize> = got.iter().map(|g| g.1).collect();
        assert_eq!(lines, [1, 3], "{got:?}");
    }

    #[test]
    fn a_missing_required_field_names_the_field() {
        let got = errors(
            "acme.toml",
            "name = \"Acme\"\n[[sources]]\nid = \"guide\"\n",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].3.contains("missing field `id`"));
    }

    #[test]
    fn toml_dates_read_as_text_and_huge_integers_are_errors_at_their_field() {
        let (apps, diags) = parse_file(
            "acme.toml",
            &MINIMAL.replace("\"2026-03-09\"", "2026-03-09"),
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(
            apps[0].record.sources[0].updated.as_deref(),
            Some("2026-03-09")
        );
        let text = record("[scim]\navailable = { value = \"yes\", line = 99999999999999999999 }");
        let got = errors("acme.toml", &text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            (got[0].0.as_str(), got[0].1),
            ("scim.available.line", 4),
            "{got:?}"
        );
        assert!(got[0].3.contains("out of range"), "{got:?}");
        let got = errors("acme.toml", &record("[scim]\navailable = { value = 1.5 }"));
        assert_eq!(
            (got[0].0.as_str(), got[0].1),
            ("scim.available.value", 4),
            "{got:?}"
        );
        assert!(got[0].3.contains("decimal"), "{got:?}");
    }

    #[test]
    fn an_error_after_non_ascii_text_is_reported_once_at_its_field() {
        // serde_json counts columns in bytes: the dash and umlauts before the bad value must not
        // shift the error onto another field.
        let text = record("user_api = { value = \"nope\" }")
            .replace("\"Acme\"", "\"Äcme — ünïcode “quoted”\"");
        let got = errors("acme.toml", &text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            (got[0].0.as_str(), got[0].1, got[0].2),
            ("user_api.value", 3, 22)
        );
        let json = r#"{"id": "acme", "name": "Äcme — ü", "scim": {"available": {"value": "nope"}}, "sources": [{"id": "g"}]}"#;
        let got = errors("acme.json", json);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "scim.available.value", "{got:?}");
    }

    #[test]
    fn a_record_reports_at_most_its_cap_of_errors() {
        let many: String = (0..200)
            .map(|i| format!("[[limitations]]\nline = {i}.5\n"))
            .collect();
        let got = errors("acme.toml", &format!("{MINIMAL}{many}"));
        assert_eq!(got.len(), MAX_ERRORS_PER_RECORD, "{got:?}");
    }

    #[test]
    fn a_missing_field_does_not_hide_the_rest_of_the_record() {
        // No app id, a source without its id, then a bad value in a field read after them and a
        // bad date: all four are reported, and nothing is blamed on the stand-ins.
        let text =
            "name = \"Acme\"\nuser_api = { value = \"nope\" }\n[[sources]]\nupdated = \"March\"\n";
        let got = errors("acme.toml", text);
        let fields: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            fields,
            [
                "id",
                "user_api.value",
                "sources[0].id",
                "sources[0].updated"
            ],
            "{got:?}"
        );
        assert!(got[0].3.contains("missing field `id`"), "{got:?}");
        let json =
            r#"{"name": "Acme", "sources": [{"updated": "March"}], "user_api": {"value": "nope"}}"#;
        let got = errors("acme.json", json);
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn semantic_errors_point_at_the_field() {
        let text = record("user_api = { value = \"no\", source = \"blog\" }")
            .replace("\"acme\"", "\"Acme Corp\"")
            .replace("2026-03-09", "March 2026");
        let got = errors("acme.toml", &text);
        let fields: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        // In the order of the file.
        assert_eq!(
            fields,
            ["id", "user_api.source", "sources[0].updated"],
            "{got:?}"
        );
        assert_eq!((got[0].1, got[1].1, got[2].1), (1, 3, 6));
    }

    #[test]
    fn huge_text_is_refused_not_loaded() {
        let text = record(&format!(
            "summary = {{ value = \"{}\" }}",
            "x".repeat(10 << 20)
        ));
        let (apps, diags) = parse_file("big.toml", &text);
        assert!(apps.is_empty());
        assert_eq!(diags[0].code, "text-too-long");
        assert_eq!(diags[0].field.as_deref(), Some("summary.value"));
    }

    #[test]
    fn json_arrays_keep_good_records_and_report_bad_ones() {
        let text = r#"[
  {"id": "a", "name": "A", "sources": [{"id": "g"}]},
  {"id": "b", "name": "B", "sources": [{"id": "g"}], "scim": {"available": {"value": "sometimes"}}}
]"#;
        let (apps, diags) = parse_file("set.json", text);
        assert_eq!(apps.len(), 1);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].field.as_deref(), Some("scim.available.value"));
        assert_eq!(diags[0].span.map(|s| s.line), Some(3));
    }

    #[test]
    fn json_syntax_errors_have_line_and_column() {
        let got = errors("x.json", "{\n  \"id\": \"a\",\n  oops\n}");
        assert_eq!((got[0].1, got[0].2), (3, 3), "{got:?}");
    }

    #[test]
    fn duplicate_ids_are_reported_on_the_later_file() {
        let files = [
            DataFile {
                name: "a.toml",
                text: MINIMAL,
            },
            DataFile {
                name: "b.toml",
                text: MINIMAL,
            },
        ];
        let (set, diags) = load(&files);
        assert_eq!(set.apps.len(), 1);
        assert_eq!(diags[0].file, "b.toml");
        assert_eq!(diags[0].code, "duplicate-id");
        assert_eq!(diags[0].span.map(|s| s.line), Some(1));
    }

    #[test]
    fn other_extensions_are_refused() {
        assert_eq!(parse_file("notes.txt", "").1[0].code, "unsupported-file");
    }
}
