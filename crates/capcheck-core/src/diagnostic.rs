//! Diagnostics: problems found in data files and rules, as data.
//!
//! Every front end renders the same [`Diagnostic`] value: the CLI prints it with the source line
//! and a caret, the browser shows it next to the field or rule line.

use serde::{Deserialize, Serialize};

pub use crate::code::Code;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth a look; does not stop a run.
    Warning,
    /// The file, record or rule could not be used.
    Error,
}

/// A position in a file: 1-based line and column, and the byte range it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte offset where the span starts.
    pub start: usize,
    /// Byte offset where the span ends (exclusive).
    pub end: usize,
}

impl Span {
    /// The span covering bytes `start..end` of `text`, with line and column computed from it.
    pub fn from_range(text: &str, start: usize, end: usize) -> Span {
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, end.clamp(start, text.len()));
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..start].chars().count() + 1;
        Span {
            line,
            column,
            start,
            end,
        }
    }

    /// The span of a 1-based line and column of `text` (one character wide).
    /// The one-character span at a 1-based line and a 1-based column counted in *bytes*, as
    /// serde_json reports them; the span's own column is counted in characters.
    pub fn from_line_byte_column(text: &str, line: usize, column: usize) -> Span {
        let line_start: usize = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let start = (line_start + column.saturating_sub(1)).min(text.len());
        let start = floor_char_boundary(text, start);
        let end = text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
        Span::from_range(text, start, end)
    }

    /// The one-character span at a 1-based line and column, the column counted in characters.
    pub fn from_line_column(text: &str, line: usize, column: usize) -> Span {
        let mut offset = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let col_offset: usize = l
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                let start = offset + col_offset;
                let end = l[col_offset..]
                    .chars()
                    .next()
                    .map_or(start, |c| start + c.len_utf8());
                return Span {
                    line,
                    column: column.max(1),
                    start,
                    end,
                };
            }
            offset += l.len();
        }
        Span {
            line: line.max(1),
            column: column.max(1),
            start: text.len(),
            end: text.len(),
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One problem in a data file or a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// What kind of problem: a stable code, serialised kebab-case (`invalid-value`,
    /// `rule-syntax`, `operation-limit`); `docs/diagnostics.md` lists them all.
    pub code: Code,
    /// The file the problem is in, as the front end named it.
    pub file: String,
    /// Where in the file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The record field concerned, as a dotted path (`scim.available.value`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The rule concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The app concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app: Option<String>,
    /// What is wrong: lowercase, one line, user input in backticks.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error in `file` with the given code and message.
    pub fn error(code: Code, file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Error,
            code,
            file: file.to_owned(),
            span: None,
            field: None,
            rule: None,
            app: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning in `file` with the given code and message.
    pub fn warning(code: Code, file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    /// Sets the span.
    pub fn with_span(mut self, span: Option<Span>) -> Diagnostic {
        self.span = span;
        self
    }

    /// Sets the field path.
    pub fn with_field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = Some(field.into());
        self
    }

    /// Sets the rule id.
    pub fn with_rule(mut self, rule: impl Into<String>) -> Diagnostic {
        self.rule = Some(rule.into());
        self
    }

    /// Sets the app id.
    pub fn with_app(mut self, app: impl Into<String>) -> Diagnostic {
        self.app = Some(app.into());
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// `file:line:column`, or just the file when there is no span.
    pub fn location(&self) -> String {
        match self.span {
            Some(s) => format!("{}:{}:{}", self.file, s.line, s.column),
            None => self.file.clone(),
        }
    }
}

/// The candidate closest to `word`, if any is close enough to suggest ("did you mean ...?").
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_from_range_counts_lines_and_characters() {
        let text = "ab\ncé\nxyz";
        let s = Span::from_range(text, text.find('x').unwrap_or(0), text.len());
        assert_eq!((s.line, s.column), (3, 1));
        let s = Span::from_range(text, 6, 7); // after the two-byte é
        assert_eq!((s.line, s.column), (2, 3));
    }

    #[test]
    fn a_byte_column_lands_on_the_character_it_counts_to() {
        let text = "a\n— x\n";
        // `x` is the 5th byte of line 2 (the dash takes 3) and its 3rd character.
        let s = Span::from_line_byte_column(text, 2, 5);
        assert_eq!((s.line, s.column, &text[s.start..s.end]), (2, 3, "x"));
        let past = Span::from_line_byte_column(text, 9, 40);
        assert_eq!(past.start, text.len());
    }

    #[test]
    fn span_from_line_column_finds_the_byte_offset() {
        let text = "one\ntwo\nthree";
        let s = Span::from_line_column(text, 3, 2);
        assert_eq!(&text[s.start..s.end], "h");
        let past = Span::from_line_column(text, 9, 1);
        assert_eq!(past.start, text.len());
    }
}
