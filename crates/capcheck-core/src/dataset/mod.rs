//! Reading the capability dataset from file contents: TOML (one app a file) or JSON (one app,
//! or an array of apps), validated against the model, every problem reported at once.
//!
//! The front ends read the files; this module takes `(name, text)` pairs. A bad record is
//! reported with file, line, column and field, and the other records still load. Within one
//! file, each type error is reported and its key set aside so the rest of the file can be checked
//! too.

mod check;
mod json;
mod read;
pub mod spans;
mod toml;
mod tree;

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::model::AppRecord;
pub use spans::{Located, SpanIndex};

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
    /// Where each of the record's keys and values stands in its file, taken from the parser.
    pub spans: SpanIndex,
}

impl LoadedApp {
    /// A record that was not read from a file (a generated one): no positions.
    pub fn unlocated(record: AppRecord, file: String) -> LoadedApp {
        LoadedApp {
            record,
            file,
            offset: 0,
            spans: SpanIndex::default(),
        }
    }

    /// Where the field at `path` (or the longest part of it the record writes) stands in the
    /// record's file; `None` for a record not read from a file.
    pub fn span_of<S: AsRef<str>>(&self, path: &[S]) -> Option<Span> {
        Place { spans: &self.spans }.at(path, false)
    }
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
                        Code::DuplicateId,
                        file.name,
                        format!("app id `{}` is already used", app.record.id),
                    )
                    .with_span(app.span_of(&["id"]))
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

/// The file formats data files come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML: one app per file.
    Toml,
    /// JSON: one app, or an array of apps.
    Json,
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
    // A file with nothing but blanks and comments is not a record with every field missing.
    let blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    let (apps, mut diags) = match Format::of(name) {
        Some(_) if blank => (Vec::new(), Vec::new()),
        Some(Format::Toml) => toml::parse(name, text),
        Some(Format::Json) => json::parse(name, text),
        None => (
            Vec::new(),
            vec![Diagnostic::error(
                Code::UnsupportedFile,
                name,
                "data files must end in `.toml` or `.json`",
            )],
        ),
    };
    // Never "0 apps, 0 errors": a data file that holds no record says so.
    if apps.is_empty() && diags.is_empty() {
        diags.push(
            Diagnostic::error(
                Code::NoRecords,
                name,
                format!("`{name}` holds no app record"),
            )
            .with_help("a data file holds one record, or (JSON) an array of records".to_owned()),
        );
    }
    (apps, diags)
}

/// A loaded app whose record is a stand-in, with the spans of the record at byte `offset` of
/// `text` (valid or not): for testing positions on partial records.
#[cfg(test)]
pub(crate) fn located(name: &str, text: &str, offset: usize) -> LoadedApp {
    let spans = match Format::of(name) {
        Some(Format::Toml) => toml::index(text),
        _ => spans::index_json(&spans::LineIndex::new(text), offset, text.len()),
    };
    LoadedApp {
        spans,
        offset,
        ..LoadedApp::unlocated(crate::synthetic::generate(1, 1).remove(0), name.to_owned())
    }
}

/// How a record's fields are pointed at: through its span index.
#[derive(Clone, Copy)]
struct Place<'a> {
    spans: &'a SpanIndex,
}

impl Place<'_> {
    /// The span a diagnostic about the field at `path` points at: its value (an `unknown`
    /// field's key). Where the record does not write the field, the value of the longest part of
    /// the path it does write stands in, down to the record's start: never a place in another
    /// record.
    fn at<S: AsRef<str>>(&self, path: &[S], unknown: bool) -> Option<Span> {
        if unknown {
            if let Some(key) = self.spans.get(path).and_then(|l| l.key) {
                return Some(key);
            }
        }
        self.spans.nearest(path).map(|(_, found)| found.value)
    }
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

    fn codes(diags: &[Diagnostic]) -> Vec<(&str, Option<usize>)> {
        diags
            .iter()
            .map(|d| (d.code.as_str(), d.span.map(|s| s.line)))
            .collect()
    }

    #[test]
    fn a_file_with_no_record_is_an_error_that_names_it() {
        for (name, text) in [
            ("empty.json", "[]"),
            ("empty.toml", ""),
            ("comments.toml", "# to do\n\n"),
            ("blank.json", "  \n"),
        ] {
            let (apps, diags) = parse_file(name, text);
            assert!(apps.is_empty());
            assert_eq!(codes(&diags), [("no-records", None)], "{name}");
            assert!(diags[0].message.contains(name), "{}", diags[0].message);
        }
    }

    #[test]
    fn array_items_that_are_not_objects_are_errors_at_their_line_and_the_rest_load() {
        let text = "[\n  [1, 2],\n  {\"id\": \"x\", \"name\": \"X\", \"sources\": [{\"id\": \"g\"}]},\n  3\n]";
        let (apps, diags) = parse_file("mixed.json", text);
        assert_eq!(apps.len(), 1);
        assert_eq!(
            codes(&diags),
            [("invalid-record", Some(2)), ("invalid-record", Some(4))]
        );
        assert!(
            diags[0].message.ends_with("found an array"),
            "{}",
            diags[0].message
        );
        assert!(
            diags[1].message.ends_with("found a number"),
            "{}",
            diags[1].message
        );
    }

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
    fn a_bad_date_in_a_second_json_source_points_at_that_source() {
        let text = "{\"id\": \"acme\", \"name\": \"Acme\",\n \"sources\": [\n  {\"id\": \"a\",\n   \"updated\": \"2026-01-01\"},\n  {\"id\": \"b\",\n   \"updated\": \"March\"}]}";
        let (apps, diags) = parse_file("acme.json", text);
        assert!(apps.is_empty());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].field.as_deref(), Some("sources[1].updated"));
        let span = diags[0].span.unwrap();
        assert_eq!((span.line, span.column), (6, 15));
        assert_eq!(&text[span.start..span.end], "\"March\"");
    }

    #[test]
    fn a_key_a_json_record_lacks_is_not_found_in_the_next_record() {
        // The first record's fact names an unknown source and has no `sources`-side match; the
        // second record writes `user_api`: nothing of the first may point into the second.
        let text = r#"[
  {"id": "a", "name": "A", "sources": [{"id": "g"}], "scim": {"available": {"value": "no", "source": "zz"}}},
  {"id": "b", "name": "B", "sources": [{"id": "g"}], "user_api": {"value": "no"}}
]"#;
        let (apps, diags) = parse_file("set.json", text);
        assert_eq!(apps.len(), 1);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].span.map(|s| s.line), Some(2));
        let first = &parse_file("set.json", text).0[0];
        assert_eq!(first.record.id, "b");
        // A field record `b` lacks is looked up in `b` only: its nearest part is the record.
        let at = first.span_of(&["scim", "available"]).unwrap();
        assert_eq!((at.line, at.start), (3, first.offset));
        let api = first.span_of(&["user_api", "value"]).unwrap();
        assert_eq!(&text[api.start..api.end], "\"no\"");
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
