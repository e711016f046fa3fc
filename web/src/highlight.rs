//! Syntax highlighting for rhai rules: a small tokenizer that classifies comments, strings,
//! numbers, keywords and `app.` field paths. It only colours; the core's compiler is the judge.

/// A piece of the text and its class (`""` for plain text).
pub type Token<'a> = (&'static str, &'a str);

const KEYWORDS: &[&str] = &[
    "fn", "let", "const", "if", "else", "return", "true", "false", "loop", "while", "for", "in",
    "break", "continue", "switch", "do", "until", "throw", "try", "catch", "this", "private",
];

/// Splits `text` into classed tokens, covering every byte.
pub fn tokens<'a>(text: &'a str) -> Vec<Token<'a>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut plain = 0;
    let flush = |out: &mut Vec<Token<'a>>, from: usize, to: usize| {
        if to > from {
            out.push(("", &text[from..to]));
        }
    };
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let class = if c == b'/' && bytes.get(i + 1) == Some(&b'/') {
            i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            "comment"
        } else if c == b'"' || c == b'`' {
            i += 1;
            while i < bytes.len() && bytes[i] != c {
                if bytes[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(bytes.len());
            "string"
        } else if c.is_ascii_digit() && (start == 0 || !is_ident(bytes[start - 1])) {
            while i < bytes.len()
                && (bytes[i].is_ascii_digit() || bytes[i] == b'_' || bytes[i] == b'.')
            {
                i += 1;
            }
            "number"
        } else if is_ident(c) && (start == 0 || !is_ident(bytes[start - 1])) {
            while i < bytes.len() && is_ident(bytes[i]) {
                i += 1;
            }
            let word = &text[start..i];
            if word == "app" || word == "today" || word == "settings" {
                while i < bytes.len()
                    && bytes[i] == b'.'
                    && bytes.get(i + 1).is_some_and(|b| is_ident(*b))
                {
                    i += 1;
                    while i < bytes.len() && is_ident(bytes[i]) {
                        i += 1;
                    }
                }
                "field"
            } else if KEYWORDS.contains(&word) {
                "keyword"
            } else {
                i = start;
                ""
            }
        } else {
            ""
        };
        if class.is_empty() {
            i = start + text[start..].chars().next().map_or(1, char::len_utf8);
            if is_ident(c) {
                while i < bytes.len() && is_ident(bytes[i]) {
                    i += 1;
                }
            }
            continue;
        }
        flush(&mut out, plain, start);
        out.push((class, &text[start..i]));
        plain = i;
    }
    flush(&mut out, plain, bytes.len());
    out
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_cover_the_text_and_class_it() {
        let text = "// hi\nif app.scim.available == \"no\" { 42 } // é";
        let toks = tokens(text);
        assert_eq!(toks.iter().map(|t| t.1).collect::<String>(), text);
        let classes: Vec<(&str, &str)> = toks.into_iter().filter(|t| !t.0.is_empty()).collect();
        assert_eq!(
            classes,
            [
                ("comment", "// hi"),
                ("keyword", "if"),
                ("field", "app.scim.available"),
                ("string", "\"no\""),
                ("number", "42"),
                ("comment", "// é")
            ]
        );
    }
}
