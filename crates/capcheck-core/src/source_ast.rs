//! A rule's syntax tree as written, for tools that point into the rule's text.
//!
//! rhai is built without its AST optimizer (`no_optimize`), so a rule's compiled AST is already
//! as written; examples and explanations still parse the text here, on their own, because they
//! are asked for by rule text (the browser's editor, `capcheck explain`) rather than by a compiled
//! rule.

use rhai::{Dynamic, Expr, Position, Scope, AST};

use crate::diagnostic::Span;
use crate::rule::SCOPE_NAMES;

/// Parses `text` as written, without optimization. `None` when it does not parse (the rule's
/// own compilation reports why).
pub(crate) fn unoptimized(text: &str) -> Option<AST> {
    thread_local! {
        // Built once per thread: building an engine costs more than parsing a rule, and the
        // browser parses on every keystroke.
        // rhai is built with `no_optimize`, so this is the AST exactly as written.
        static PARSER: rhai::Engine = crate::engine::build();
    }
    let mut scope = Scope::new();
    for name in SCOPE_NAMES {
        scope.push_dynamic(name, Dynamic::UNIT);
    }
    PARSER.with(|engine| engine.compile_with_scope(&scope, text).ok())
}

/// The byte offset of a rhai position in `text`.
pub(crate) fn offset(text: &str, pos: Position) -> Option<usize> {
    crate::rule::rhai_span(text, pos).map(|s| s.start)
}

/// The span of a rhai position in `text`.
pub(crate) fn span(text: &str, pos: Position) -> Option<Span> {
    crate::rule::rhai_span(text, pos)
}

/// Where an expression starts: its left-most operand for operators.
pub(crate) fn start_of(expr: &Expr) -> Position {
    let own = expr.start_position();
    let first_arg = match expr {
        Expr::FnCall(call, _) => call.args.first().map(start_of),
        Expr::And(items, _) | Expr::Or(items, _) | Expr::Coalesce(items, _) => {
            items.first().map(start_of)
        }
        Expr::Dot(x, _, _) | Expr::Index(x, _, _) => Some(start_of(&x.lhs)),
        _ => None,
    };
    match first_arg {
        Some(arg) if before(arg, own) => arg,
        _ => own,
    }
}

/// True when `a` stands before `b` in the text.
pub(crate) fn before(a: Position, b: Position) -> bool {
    match (a.line(), b.line()) {
        (Some(la), Some(lb)) => (la, a.position().unwrap_or(0)) < (lb, b.position().unwrap_or(0)),
        (Some(_), None) => true,
        _ => false,
    }
}

/// Where an expression that starts at `start` ends: at the first `;` (or, for an `if`'s
/// condition, `{`) outside brackets and strings, or at the end of the text.
pub(crate) fn expression_end(text: &str, start: usize, stop_at_brace: bool) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' | b'`' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    if c == b'\\' {
                        i += 1;
                    } else if c == b {
                        break;
                    }
                    i += 1;
                }
            }
            b'(' | b'[' => depth += 1,
            b'{' if depth == 0 && stop_at_brace && !text[..i].ends_with('#') => return i,
            b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => return i,
            b')' | b']' | b'}' => depth -= 1,
            b';' if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    text.len()
}

/// The source text of `start..end`, tidied for display: whitespace, a trailing `&&` or `||`
/// and unmatched parentheses removed.
pub(crate) fn snippet(text: &str, start: usize, end: usize) -> String {
    let slice = text.get(start..end.max(start)).unwrap_or("");
    let mut s = slice.trim();
    loop {
        let before_trim = s;
        s = s
            .strip_suffix("&&")
            .or_else(|| s.strip_suffix("||"))
            .unwrap_or(s)
            .trim_end();
        let open = s.matches('(').count();
        let close = s.matches(')').count();
        if close > open {
            s = s.strip_suffix(')').unwrap_or(s).trim_end();
        } else if open > close {
            s = match s.strip_suffix('(') {
                Some(rest) => rest.trim_end(),
                None => s.strip_prefix('(').unwrap_or(s).trim_start(),
            };
        }
        if s == before_trim {
            break;
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_drop_operators_and_unmatched_parentheses() {
        let text = r#"a == "no" && (b == "x" || c) {"#;
        assert_eq!(snippet(text, 0, 13), r#"a == "no""#);
        assert_eq!(snippet(text, 14, 29), r#"b == "x" || c"#);
        assert_eq!(snippet(text, 0, 14), r#"a == "no""#);
        assert_eq!(expression_end(text, 0, true), text.len() - 1);
        assert_eq!(expression_end("let x = #{a: 1}; y", 8, true), 15);
        assert_eq!(expression_end(r#"f("{;") ; z"#, 0, true), 8);
    }
}
