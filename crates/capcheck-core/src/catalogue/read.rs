//! Reading a catalogue's rows from its text: CSV with a header row, or a JSON array of row objects
//! with the same column names. Each row keeps the line it starts on, so every fact can cite it.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::diagnostic::{Code, Diagnostic, Span};

/// One row: its cells by column name, and where it stands in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The 1-based line the row starts on.
    pub line: u32,
    /// The byte offset where the row starts.
    pub offset: usize,
    /// The cells by column name; a JSON `null` or a missing key is an empty cell.
    pub cells: BTreeMap<String, String>,
}

impl Row {
    /// The trimmed cell of `column`, empty when absent.
    pub fn get(&self, column: &str) -> &str {
        self.cells.get(column).map_or("", |s| s.trim())
    }
}

/// The formats a catalogue comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON array of objects, one per row.
    Json,
}

impl Format {
    /// The format `text` is written in: JSON when it opens with `[`, else CSV.
    pub fn detect(text: &str) -> Format {
        if text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('[')
        {
            Format::Json
        } else {
            Format::Csv
        }
    }
}

/// Reads every row of `text`; a row that cannot be read is reported and the others are kept.
pub fn rows(name: &str, text: &str, format: Format) -> (Vec<Row>, Vec<Diagnostic>) {
    match format {
        Format::Csv => csv_rows(name, text),
        Format::Json => json_rows(name, text),
    }
}

fn csv_rows(name: &str, text: &str) -> (Vec<Row>, Vec<Diagnostic>) {
    let body = text.trim_start_matches('\u{feff}');
    let skipped = text.len() - body.len();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut diags = Vec::new();
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_owned()).collect(),
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::CatalogueHeader,
                name,
                format!("cannot read the header row: {e}"),
            ));
            return (Vec::new(), diags);
        }
    };
    let mut out = Vec::new();
    for record in reader.records() {
        match record {
            Ok(rec) => {
                let (line, offset) = rec
                    .position()
                    .map_or((0, 0), |p| (p.line(), p.byte() as usize + skipped));
                if rec.len() != header.len() {
                    diags.push(
                        Diagnostic::warning(
                            Code::CatalogueRow,
                            name,
                            format!(
                                "row has {} cells where the header has {} columns",
                                rec.len(),
                                header.len()
                            ),
                        )
                        .with_span(Some(Span::from_range(text, offset, offset))),
                    );
                }
                if rec.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cells = header
                    .iter()
                    .zip(rec.iter())
                    .map(|(h, c)| (h.clone(), c.to_owned()))
                    .collect();
                out.push(Row {
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    offset,
                    cells,
                });
            }
            Err(e) => {
                let span = e.position().map(|p| {
                    Span::from_range(
                        text,
                        p.byte() as usize + skipped,
                        p.byte() as usize + skipped,
                    )
                });
                diags.push(
                    Diagnostic::error(Code::CatalogueRow, name, format!("cannot read row: {e}"))
                        .with_span(span),
                );
            }
        }
    }
    (out, diags)
}

fn json_rows(name: &str, text: &str) -> (Vec<Row>, Vec<Diagnostic>) {
    let body = text.trim_start_matches('\u{feff}');
    let skipped = text.len() - body.len();
    let items: Vec<Json> = match serde_json::from_str(body) {
        Ok(Json::Array(items)) => items,
        Ok(_) => {
            return (
                Vec::new(),
                vec![Diagnostic::error(
                    Code::CatalogueJson,
                    name,
                    "a JSON catalogue is an array of row objects",
                )],
            )
        }
        Err(e) => {
            let span = Span::from_line_byte_column(text, e.line(), e.column());
            return (
                Vec::new(),
                vec![Diagnostic::error(
                    Code::CatalogueJson,
                    name,
                    format!("cannot read JSON: {e}"),
                )
                .with_span(Some(span))],
            );
        }
    };
    let starts = element_starts(body);
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let offset = starts.get(i).copied().unwrap_or(0) + skipped;
        let span = Span::from_range(text, offset, offset);
        let Json::Object(map) = item else {
            diags.push(
                Diagnostic::error(
                    Code::CatalogueRow,
                    name,
                    format!("row {} is not an object", i + 1),
                )
                .with_span(Some(span)),
            );
            continue;
        };
        let cells = map
            .into_iter()
            .map(|(k, v)| {
                let cell = match v {
                    Json::Null => String::new(),
                    Json::String(s) => s,
                    other => other.to_string(),
                };
                (k, cell)
            })
            .collect();
        out.push(Row {
            line: u32::try_from(span.line).unwrap_or(u32::MAX),
            offset,
            cells,
        });
    }
    (out, diags)
}

/// Byte offsets where each element of a top-level JSON array starts.
fn element_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut expect_element = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if expect_element && depth == 1 && !b.is_ascii_whitespace() && b != b']' {
            starts.push(i);
            expect_element = false;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth == 1 {
                    expect_element = true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 1 => expect_element = true,
            _ => {}
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_their_lines_even_with_a_quoted_line_break() {
        let text = "vendor,slug\nAcme,acme\n\"Multi\nLine\",multi\nLast,last\n";
        let (rows, diags) = rows("c.csv", text, Format::detect(text));
        assert_eq!(diags, vec![]);
        let lines: Vec<(u32, &str)> = rows.iter().map(|r| (r.line, r.get("slug"))).collect();
        assert_eq!(lines, vec![(2, "acme"), (3, "multi"), (5, "last")]);
        assert_eq!(&text[rows[2].offset..rows[2].offset + 4], "Last");
    }

    #[test]
    fn json_rows_have_the_line_of_their_object() {
        let text =
            "[\n  {\"slug\": \"a\", \"x\": null},\n  {\"slug\": \"b\", \"n\": 3, \"t\": true}\n]";
        let (rows, diags) = rows("c.json", text, Format::detect(text));
        assert_eq!(diags, vec![]);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[0].get("x"), "");
        assert_eq!(rows[1].get("n"), "3");
        assert_eq!(rows[1].get("t"), "true");
    }

    #[test]
    fn bad_json_names_the_line() {
        let (rows, diags) = rows("c.json", "[\n{\"slug\": }\n]", Format::Json);
        assert!(rows.is_empty());
        assert_eq!(diags[0].span.map(|s| s.line), Some(2));
    }
}
