//! A small CSV reader: RFC 4180 fields (quotes, doubled quotes, separators and line breaks inside
//! quotes, CRLF or LF) with the byte offset of every field, so a bad cell is reported at its line
//! and column. Hand-written rather than the `csv` crate because it keeps the browser's download
//! small (measured: the crate's reader and writer cost more than the whole inventory reader).

/// One row: its 1-based line, and each field's text and byte offset in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Row {
    pub line: usize,
    pub fields: Vec<(String, usize)>,
}

impl Row {
    /// The text of field `i`, if the row has it.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.fields.get(i).map(|(t, _)| t.as_str())
    }

    /// The byte offset of field `i` (the row's start when it has no such field).
    pub fn offset(&self, i: usize) -> usize {
        self.fields
            .get(i)
            .or(self.fields.last())
            .map_or(0, |(_, o)| *o)
    }
}

/// Splits `text` into rows. A quote left open runs to the end of the text, like spreadsheets
/// read it; the caller sees one long last field.
pub(super) fn rows(text: &str, delim: char) -> Vec<Row> {
    let mut out = Vec::new();
    let mut fields: Vec<(String, usize)> = Vec::new();
    let mut field = String::new();
    let mut field_start = 0;
    let mut quoted = false;
    let mut line = 1;
    let mut row_line = 1;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek().is_some_and(|(_, n)| *n == '"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            c if c == delim => {
                fields.push((std::mem::take(&mut field), field_start));
                field_start = i + c.len_utf8();
            }
            '\r' if chars.peek().is_some_and(|(_, n)| *n == '\n') => {}
            '\n' | '\r' => {
                fields.push((std::mem::take(&mut field), field_start));
                out.push(Row {
                    line: row_line,
                    fields: std::mem::take(&mut fields),
                });
                line += 1;
                row_line = line;
                field_start = i + 1;
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push((field, field_start));
        out.push(Row {
            line: row_line,
            fields,
        });
    }
    out
}

/// One CSV line of `cells`, each quoted when it holds a comma, a quote or a line break.
pub fn write_row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let c = cell.as_ref();
        if c.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(c);
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_separators_and_line_breaks_inside_fields() {
        let text = "a,\"b, \"\"c\"\"\"\r\n\"x\ny\",z\n\nlast";
        let r = rows(text, ',');
        let cells: Vec<Vec<&str>> = r
            .iter()
            .map(|row| row.fields.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        assert_eq!(
            cells,
            vec![
                vec!["a", "b, \"c\""],
                vec!["x\ny", "z"],
                vec![""],
                vec!["last"]
            ]
        );
        let lines: Vec<usize> = r.iter().map(|row| row.line).collect();
        assert_eq!(lines, [1, 2, 4, 5]);
        assert_eq!(&text[r[1].offset(1)..r[1].offset(1) + 1], "z");
    }

    #[test]
    fn written_rows_read_back() {
        let mut out = String::new();
        write_row(
            &mut out,
            &["plain", "with, comma", "a \"quote\"", "two\nlines"],
        );
        let back: Vec<String> = rows(&out, ',')[0]
            .fields
            .iter()
            .map(|(t, _)| t.clone())
            .collect();
        assert_eq!(back, ["plain", "with, comma", "a \"quote\"", "two\nlines"]);
    }
}
