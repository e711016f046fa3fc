//! Property: for random records with random errors, in TOML and JSON, every diagnostic's span
//! covers the key or the value of the field it names, inside that field's own record.
//!
//! The generator writes the text itself and notes where it put each key and value, so the
//! expected positions do not come from the code under test.

use std::collections::HashMap;
use std::ops::Range;

use capcheck_core::dataset::parse_file;
use proptest::prelude::*;

/// One injected problem in a fact.
#[derive(Debug, Clone, Copy)]
enum FactError {
    None,
    /// A value that is not one of the field's (a type error).
    BadValue,
    /// A `source` naming no source of the record.
    UnknownSource,
    /// A key the model does not have.
    UnknownKey,
}

#[derive(Debug, Clone)]
struct Record {
    bad_id: bool,
    /// Per source: its date is bad.
    sources: Vec<bool>,
    user_api: Option<FactError>,
    scim: Option<FactError>,
}

fn fact_error() -> impl Strategy<Value = FactError> {
    prop_oneof![
        Just(FactError::None),
        Just(FactError::BadValue),
        Just(FactError::UnknownSource),
        Just(FactError::UnknownKey),
    ]
}

fn record() -> impl Strategy<Value = Record> {
    (
        any::<bool>(),
        prop::collection::vec(any::<bool>(), 1..4),
        prop::option::of(fact_error()),
        prop::option::of(fact_error()),
    )
        .prop_map(|(bad_id, sources, user_api, scim)| Record {
            bad_id,
            sources,
            user_api,
            scim,
        })
}

/// Text being written, with where each path's key and value went.
struct Writer {
    text: String,
    /// Spaces and newlines to put between tokens (cycled through).
    gaps: Vec<&'static str>,
    next_gap: usize,
    /// Field (as diagnostics name it) -> (key range, value range), for the record being written.
    written: Written,
}

impl Writer {
    fn gap(&mut self) {
        let g = self.gaps[self.next_gap % self.gaps.len()];
        self.next_gap += 1;
        self.text.push_str(g);
    }

    fn put(&mut self, s: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(s);
        start..self.text.len()
    }

    /// A JSON member `"key": "value"`, noted under `field`.
    fn json_member(&mut self, field: &str, key: &str, value: &str) {
        let k = self.put(&format!("\"{key}\""));
        self.gap();
        self.put(":");
        self.gap();
        let v = self.put(&format!("\"{value}\""));
        self.written.insert(field.to_owned(), (k, v));
    }

    /// A TOML line `key = "value"`, noted under `field`.
    fn toml_line(&mut self, field: &str, key: &str, value: &str) {
        let k = self.put(key);
        self.put(" = ");
        let v = self.put(&format!("\"{value}\""));
        self.put("\n");
        self.written.insert(field.to_owned(), (k, v));
    }
}

/// The members of a fact: `(key, value)` pairs, the error injected.
fn fact_members(error: FactError) -> Vec<(&'static str, &'static str)> {
    match error {
        FactError::None => vec![("value", "no"), ("source", "s0")],
        FactError::BadValue => vec![("value", "maybe")],
        FactError::UnknownSource => vec![("value", "yes"), ("source", "zz")],
        FactError::UnknownKey => vec![("value", "no"), ("colour", "red")],
    }
}

/// The fields a record's injected errors must be reported at.
fn expected(record: &Record) -> Vec<String> {
    let mut out = Vec::new();
    if record.bad_id {
        out.push("id".to_owned());
    }
    for (field, error) in [
        ("user_api", record.user_api),
        ("scim.available", record.scim),
    ] {
        match error {
            Some(FactError::BadValue) => out.push(format!("{field}.value")),
            Some(FactError::UnknownSource) => out.push(format!("{field}.source")),
            Some(FactError::UnknownKey) => out.push(format!("{field}.colour")),
            _ => {}
        }
    }
    for (i, bad) in record.sources.iter().enumerate() {
        if *bad {
            out.push(format!("sources[{i}].updated"));
        }
    }
    out.sort();
    out
}

fn id_of(record: &Record, n: usize) -> String {
    if record.bad_id {
        format!("Bad Id {n}")
    } else {
        format!("app-{n}")
    }
}

fn date(bad: bool, i: usize) -> String {
    if bad {
        format!("March {i}")
    } else {
        format!("2026-01-0{}", i + 1)
    }
}

fn write_json(w: &mut Writer, record: &Record, n: usize) {
    w.put("{");
    w.gap();
    w.json_member("id", "id", &id_of(record, n));
    w.put(",");
    w.gap();
    w.json_member("name", "name", "App");
    for (field, error) in [
        ("user_api", record.user_api),
        ("scim.available", record.scim),
    ] {
        let Some(error) = error else { continue };
        w.put(",");
        w.gap();
        let nested = field.contains('.');
        if nested {
            w.put("\"scim\":");
            w.gap();
            w.put("{");
        }
        let key = field.rsplit('.').next().unwrap_or(field);
        w.put(&format!("\"{key}\":"));
        w.gap();
        w.put("{");
        for (i, (k, v)) in fact_members(error).into_iter().enumerate() {
            if i > 0 {
                w.put(",");
                w.gap();
            }
            w.json_member(&format!("{field}.{k}"), k, v);
        }
        w.put("}");
        if nested {
            w.put("}");
        }
    }
    w.put(",");
    w.gap();
    w.put("\"sources\":");
    w.gap();
    w.put("[");
    for (i, bad) in record.sources.iter().enumerate() {
        if i > 0 {
            w.put(",");
        }
        w.gap();
        w.put("{");
        w.json_member(&format!("sources[{i}].id"), "id", &format!("s{i}"));
        w.put(",");
        w.gap();
        w.json_member(&format!("sources[{i}].updated"), "updated", &date(*bad, i));
        w.put("}");
    }
    w.put("]");
    w.gap();
    w.put("}");
}

fn write_toml(w: &mut Writer, record: &Record) {
    w.toml_line("id", "id", &id_of(record, 0));
    w.toml_line("name", "name", "App");
    for (field, error) in [
        ("user_api", record.user_api),
        ("scim.available", record.scim),
    ] {
        let Some(error) = error else { continue };
        w.gap();
        w.put(&format!("\n[{field}]\n"));
        for (k, v) in fact_members(error) {
            w.toml_line(&format!("{field}.{k}"), k, v);
        }
    }
    for (i, bad) in record.sources.iter().enumerate() {
        w.gap();
        w.put("\n[[sources]]\n");
        w.toml_line(&format!("sources[{i}].id"), "id", &format!("s{i}"));
        w.toml_line(&format!("sources[{i}].updated"), "updated", &date(*bad, i));
    }
}

/// Where each field of a record was written: field -> (key range, value range).
type Written = HashMap<String, (Range<usize>, Range<usize>)>;

/// A record's byte range, where its fields were written and the fields its errors must name.
type Noted = (Range<usize>, Written, Vec<String>);

/// Checks every diagnostic of one file against what was written. `records` are the byte range,
/// written positions and expected error fields of each record in the file.
fn check_file(name: &str, text: &str, records: &[Noted]) -> Result<(), TestCaseError> {
    let (_, diags) = parse_file(name, text);
    let mut reported: Vec<Vec<String>> = vec![Vec::new(); records.len()];
    for d in &diags {
        let span = d
            .span
            .ok_or_else(|| TestCaseError::fail(format!("no span: {d:?}")))?;
        let field = d.field.clone().unwrap_or_default();
        // The record the diagnostic is in: the one whose field it names, by the span.
        let owner = records
            .iter()
            .position(|(range, _, _)| range.contains(&span.start))
            .ok_or_else(|| TestCaseError::fail(format!("span outside every record: {d:?}")))?;
        let (_, written, _) = &records[owner];
        let (key, value) = written.get(&field).ok_or_else(|| {
            TestCaseError::fail(format!("`{field}` reported but not written: {d:?}\n{text}"))
        })?;
        let covered = span.start..span.end;
        prop_assert!(
            covered == *key || covered == *value,
            "{} covers `{}`, not `{field}`'s key `{}` or value `{}`\n{text}",
            d.code,
            &text[covered.clone()],
            &text[key.clone()],
            &text[value.clone()]
        );
        let line = text[..covered.start].matches('\n').count() + 1;
        prop_assert_eq!(span.line, line);
        reported[owner].push(field);
    }
    for (i, (_, _, want)) in records.iter().enumerate() {
        let mut got = reported[i].clone();
        got.sort();
        prop_assert_eq!(&got, want, "record {} of {}\n{}", i, name, text);
    }
    Ok(())
}

const GAPS: [&str; 4] = [" ", "\n", "\n   ", ""];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn json_spans_cover_the_field_they_name(
        records in prop::collection::vec(record(), 1..4),
        shift in 0usize..4,
    ) {
        let mut w = Writer {
            text: String::new(),
            gaps: GAPS.iter().cycle().skip(shift).take(4).copied().collect(),
            next_gap: 0,
            written: HashMap::new(),
        };
        w.put("[");
        let mut noted = Vec::new();
        for (n, record) in records.iter().enumerate() {
            if n > 0 {
                w.put(",");
            }
            w.gap();
            let start = w.text.len();
            w.written.clear();
            write_json(&mut w, record, n);
            noted.push((start..w.text.len(), w.written.clone(), expected(record)));
        }
        w.put("\n]");
        check_file("set.json", &w.text, &noted)?;
    }

    #[test]
    fn toml_spans_cover_the_field_they_name(record in record(), shift in 0usize..4) {
        let mut w = Writer {
            text: String::new(),
            gaps: GAPS.iter().cycle().skip(shift).take(4).copied().collect(),
            next_gap: 0,
            written: HashMap::new(),
        };
        write_toml(&mut w, &record);
        let noted = vec![(0..w.text.len() + 1, w.written.clone(), expected(&record))];
        check_file("app.toml", &w.text, &noted)?;
    }
}
