//! Where each key and value of a record stands in its file, captured while the file is parsed:
//! the TOML parser's own spans, and for JSON one pass of a small tokenizer over the record's text.
//! Diagnostics and CI locations look fields up here by path; nothing is searched for later.

use crate::diagnostic::Span;

/// The positions of one key (or array element) of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The key as written (`"updated"` with its quotes in JSON, `updated` in TOML); `None` for
    /// an array element and for the record itself.
    pub key: Option<Span>,
    /// The value.
    pub value: Span,
}

/// Every key and array element of one record, by path (`["sources", "1", "updated"]`), with
/// spans in its file's coordinates. The empty path is the record itself: a zero-width span where
/// it starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanIndex {
    /// Every path's key, joined (see [`SEPARATOR`]), one after another.
    paths: String,
    /// Sorted by path, one entry per path (the first written, where a key is repeated).
    entries: Vec<Entry>,
}

/// One indexed path, kept small: a dataset of thousands of records holds hundreds of thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// Where the joined path is in [`SpanIndex::paths`].
    path: (u32, u32),
    key: Option<Pos>,
    value: Pos,
}

/// A [`Span`] in 16 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    line: u32,
    column: u32,
    start: u32,
    end: u32,
}

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<Span> for Pos {
    fn from(s: Span) -> Pos {
        Pos {
            line: small(s.line),
            column: small(s.column),
            start: small(s.start),
            end: small(s.end),
        }
    }
}

impl From<Pos> for Span {
    fn from(p: Pos) -> Span {
        Span {
            line: p.line as usize,
            column: p.column as usize,
            start: p.start as usize,
            end: p.end as usize,
        }
    }
}

/// Joins path segments in the index. It cannot occur in a TOML or JSON key written by hand, and
/// keeps `a.b` (one key) apart from `a` then `b`.
const SEPARATOR: char = '\u{1f}';

fn key_of<S: AsRef<str>>(path: &[S]) -> String {
    let mut out = String::new();
    for (i, seg) in path.iter().enumerate() {
        if i > 0 {
            out.push(SEPARATOR);
        }
        out.push_str(seg.as_ref());
    }
    out
}

impl SpanIndex {
    fn path_of(&self, e: &Entry) -> &str {
        self.paths
            .get(e.path.0 as usize..(e.path.0 + e.path.1) as usize)
            .unwrap_or_default()
    }

    /// The positions of the key or element at `path`, when the record writes it.
    pub fn get<S: AsRef<str>>(&self, path: &[S]) -> Option<Located> {
        let key = key_of(path);
        let i = self
            .entries
            .binary_search_by(|e| self.path_of(e).cmp(&key))
            .ok()?;
        let e = self.entries.get(i)?;
        Some(Located {
            key: e.key.map(Span::from),
            value: e.value.into(),
        })
    }

    /// The positions of the longest part of `path` the record writes (the record itself at
    /// worst), and how many segments that part has.
    pub fn nearest<S: AsRef<str>>(&self, path: &[S]) -> Option<(usize, Located)> {
        (0..=path.len())
            .rev()
            .find_map(|n| self.get(&path[..n]).map(|l| (n, l)))
    }
}

/// Collects entries while a file is walked, then sorts them into a [`SpanIndex`].
pub(super) struct Builder<'a> {
    lines: &'a LineIndex<'a>,
    /// The current path, joined, and where each of its segments starts.
    current: String,
    marks: Vec<usize>,
    index: SpanIndex,
}

impl<'a> Builder<'a> {
    /// A builder for the record starting at byte `start` of the file `lines` indexes.
    pub(super) fn new(lines: &'a LineIndex<'a>, start: usize) -> Builder<'a> {
        let mut builder = Builder {
            lines,
            current: String::new(),
            marks: Vec::new(),
            index: SpanIndex::default(),
        };
        builder.record(None, start..start);
        builder
    }

    /// Enters a key or an index.
    pub(super) fn push(&mut self, segment: &str) {
        self.marks.push(self.current.len());
        if self.marks.len() > 1 {
            self.current.push(SEPARATOR);
        }
        self.current.push_str(segment);
    }

    /// The current path.
    pub(super) fn path(&self) -> Vec<String> {
        if self.marks.is_empty() {
            return Vec::new();
        }
        self.current.split(SEPARATOR).map(str::to_owned).collect()
    }

    /// True at the record itself (no key entered).
    fn at_root(&self) -> bool {
        self.marks.is_empty()
    }

    /// Leaves the innermost key or index.
    pub(super) fn pop(&mut self) {
        if let Some(mark) = self.marks.pop() {
            self.current.truncate(mark);
        }
    }

    /// Records the current path's key (if any) and value byte ranges.
    pub(super) fn record(
        &mut self,
        key: Option<std::ops::Range<usize>>,
        value: std::ops::Range<usize>,
    ) {
        let entry = Entry {
            path: (small(self.index.paths.len()), small(self.current.len())),
            key: key.map(|k| self.lines.span(k.start, k.end).into()),
            value: self.lines.span(value.start, value.end).into(),
        };
        self.index.paths.push_str(&self.current);
        self.index.entries.push(entry);
    }

    /// The finished index.
    pub(super) fn finish(mut self) -> SpanIndex {
        // A stable sort keeps a repeated key's first occurrence first; dedup keeps that one.
        let mut entries = std::mem::take(&mut self.index.entries);
        let index = &self.index;
        entries.sort_by(|a, b| index.path_of(a).cmp(index.path_of(b)));
        entries.dedup_by(|later, first| index.path_of(later) == index.path_of(first));
        self.index.entries = entries;
        self.index
    }
}

impl SpanIndex {
    /// The index of a record that is one row of a table (a catalogue's CSV or JSON row): the
    /// record and its `id` stand at `row`, whose cells carry no positions of their own, so every
    /// field is found at its row.
    pub(crate) fn row(row: Span) -> SpanIndex {
        let mut index = SpanIndex::default();
        for path in ["", "id"] {
            index.entries.push(Entry {
                path: (small(index.paths.len()), small(path.len())),
                key: None,
                value: row.into(),
            });
            index.paths.push_str(path);
        }
        index
    }
}

/// Where each line of a file starts, so a byte range becomes a [`Span`] without rescanning the
/// file from its start.
pub(super) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The number of characters before each [`BLOCK`]-byte block: a column is then counted over
    /// at most one block, even on a file written as one long line (compact JSON).
    chars_before: Vec<usize>,
    /// Per block: it is all ASCII (a byte is a character).
    ascii: Vec<bool>,
}

/// Bytes per block of [`LineIndex::chars_before`].
const BLOCK: usize = 256;

impl<'a> LineIndex<'a> {
    /// Indexes `text`'s lines.
    pub(super) fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut chars_before = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut ascii = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut count = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            chars_before.push(count);
            ascii.push(block.is_ascii());
            count += block.iter().filter(|b| is_char_start(**b)).count();
        }
        chars_before.push(count);
        LineIndex {
            text,
            starts,
            chars_before,
            ascii,
        }
    }

    /// The number of characters in `text[..at]`.
    fn chars_to(&self, at: usize) -> usize {
        let block = at / BLOCK;
        let before = self.chars_before.get(block).copied().unwrap_or(0);
        let from = (block * BLOCK).min(at);
        let within = self.text.as_bytes().get(from..at).unwrap_or_default();
        if self.ascii.get(block).copied().unwrap_or(false) {
            return before + within.len();
        }
        before + within.iter().filter(|b| is_char_start(**b)).count()
    }

    /// The span of bytes `start..end`, the same as [`Span::from_range`] gives.
    pub(super) fn span(&self, start: usize, end: usize) -> Span {
        let text = self.text;
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, end.clamp(start, text.len()));
        let line = self.starts.partition_point(|s| *s <= start);
        let line_start = self.starts[line.saturating_sub(1).min(self.starts.len() - 1)];
        let column = self.chars_to(start) - self.chars_to(line_start.min(start)) + 1;
        Span {
            line,
            column,
            start,
            end,
        }
    }
}

/// True for the first byte of a UTF-8 character (not a continuation byte).
fn is_char_start(b: u8) -> bool {
    b & 0xC0 != 0x80
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Indexes the JSON value in `text[start..end]` (already known to be valid JSON) in one pass.
pub(super) fn index_json(lines: &LineIndex<'_>, start: usize, end: usize) -> SpanIndex {
    let mut builder = Builder::new(lines, start);
    let text = lines.text;
    let mut scan = Scan {
        bytes: &text.as_bytes()[..end.min(text.len())],
        text,
        at: start,
    };
    scan.value(&mut builder, None);
    builder.finish()
}

/// A cursor over valid JSON text. On text that is not valid JSON it stops early; it never
/// panics.
struct Scan<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl Scan<'_> {
    fn skip_space(&mut self) {
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    /// Scans one value, recording it (under `key`'s span) unless it is the record itself.
    fn value(&mut self, builder: &mut Builder<'_>, key: Option<std::ops::Range<usize>>) {
        self.skip_space();
        let start = self.at;
        match self.bytes.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                loop {
                    self.skip_space();
                    match self.bytes.get(self.at) {
                        Some(b'"') => {
                            let key_start = self.at;
                            self.string();
                            let key_end = self.at;
                            builder.push(&self.key_text(key_start, key_end));
                            self.skip_space();
                            if self.bytes.get(self.at) == Some(&b':') {
                                self.at += 1;
                            }
                            self.value(builder, Some(key_start..key_end));
                            builder.pop();
                        }
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            break;
                        }
                        _ => break,
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut index = 0usize;
                loop {
                    self.skip_space();
                    match self.bytes.get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            break;
                        }
                        Some(_) => {
                            let before = self.at;
                            builder.push(&index.to_string());
                            self.value(builder, None);
                            builder.pop();
                            index += 1;
                            if self.at == before {
                                break;
                            }
                        }
                        None => break,
                    }
                }
            }
            Some(b'"') => self.string(),
            Some(_) => {
                while self.bytes.get(self.at).is_some_and(|b| {
                    !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    self.at += 1;
                }
            }
            None => return,
        }
        if !builder.at_root() {
            builder.record(key, start..self.at);
        }
    }

    /// Steps over a string, its quotes included.
    fn string(&mut self) {
        self.at += 1;
        while let Some(b) = self.bytes.get(self.at) {
            match b {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    return;
                }
                _ => self.at += 1,
            }
        }
    }

    /// A key as its text means: escapes decoded.
    fn key_text(&self, start: usize, end: usize) -> std::borrow::Cow<'_, str> {
        let quoted = self.text.get(start..end).unwrap_or_default();
        if quoted.contains('\\') {
            if let Ok(decoded) = serde_json::from_str::<String>(quoted) {
                return decoded.into();
            }
        }
        quoted
            .strip_prefix('"')
            .and_then(|q| q.strip_suffix('"'))
            .unwrap_or(quoted)
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<&str> {
        s.split('.').collect()
    }

    fn slice(text: &str, span: Span) -> &str {
        &text[span.start..span.end]
    }

    #[test]
    fn json_keys_and_elements_are_indexed_by_path() {
        let text = "[{\"id\": \"a\",\n \"sources\": [{\"id\": \"g\", \"updated\": \"2026-01-01\"},\n  {\"id\": \"h\",\n   \"updated\": \"March\"}]},\n {\"id\": \"b\"}]";
        let lines = LineIndex::new(text);
        let first = index_json(&lines, 1, text.find("]},").unwrap() + 2);
        let at = first.get(&p("sources.1.updated")).unwrap();
        assert_eq!(slice(text, at.key.unwrap()), "\"updated\"");
        assert_eq!(slice(text, at.value), "\"March\"");
        assert_eq!((at.value.line, at.value.column), (4, 15));
        let element = first.get(&p("sources.1")).unwrap();
        assert_eq!(element.key, None);
        assert!(slice(text, element.value).starts_with("{\"id\": \"h\""));
        // The record lacks `scim`: it is not found in the next record, and the nearest part the
        // record writes is itself.
        assert!(first.get(&p("scim")).is_none());
        let (depth, record) = first.nearest(&p("scim.available")).unwrap();
        assert_eq!((depth, record.value.start), (0, 1));
    }

    #[test]
    fn escaped_keys_and_strings_with_brackets_do_not_confuse_the_tokenizer() {
        let text = r#"{"a\"b": {"c": "}]x"}, "d": [1, "[", {"e": true}]}"#;
        let lines = LineIndex::new(text);
        let index = index_json(&lines, 0, text.len());
        assert_eq!(
            slice(text, index.get(&["a\"b", "c"]).unwrap().value),
            "\"}]x\""
        );
        assert_eq!(slice(text, index.get(&p("d.2.e")).unwrap().value), "true");
        assert_eq!(slice(text, index.get(&p("d.0")).unwrap().value), "1");
    }

    #[test]
    fn line_index_spans_match_from_range() {
        let long = format!("{}ü{}\n€x", "a".repeat(300), "é".repeat(200));
        for text in ["ä\nbé c\n\nd", long.as_str()] {
            let lines = LineIndex::new(text);
            for start in (0..=text.len()).step_by(7) {
                assert_eq!(
                    lines.span(start, start),
                    Span::from_range(text, start, start)
                );
            }
        }
        let text = "ä\nbé c\n\nd";
        let lines = LineIndex::new(text);
        for start in 0..=text.len() {
            for end in start..=text.len() {
                assert_eq!(lines.span(start, end), Span::from_range(text, start, end));
            }
        }
    }
}
