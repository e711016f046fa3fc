//! Rules: one `.rhai` file each, compiled once.
//!
//! A rule file opens with a comment header (what it checks, why it matters, what to do), defines
//! `fn meta()` returning its title, severity, rationale, actions and control references, and
//! ends with the check itself: top-level statements run once per app with `app`, `today` and
//! `settings` in scope. The check's value is the verdict: `()` or `false` for no finding, `true`
//! for a finding with the rule's title as message, or a string as the finding's message.
//! `docs/rules.md` is the guide.

use rhai::{CallFnOptions, Dynamic, Engine, Map, Scope, AST};

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::report::Severity;
use crate::view::known_paths;

/// A rule file's name (as the user should see it) and text.
#[derive(Debug, Clone, Copy)]
pub struct RuleSource<'a> {
    /// The file name; the rule's id is its stem (`rules/fully-manual-app.rhai` is
    /// `fully-manual-app`).
    pub name: &'a str,
    /// The rule's text.
    pub text: &'a str,
}

/// What `fn meta()` declares.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RuleMeta {
    /// One-line title.
    pub title: String,
    /// Severity of its findings.
    pub severity: Severity,
    /// Why it matters.
    pub rationale: String,
    /// What to do about a finding.
    pub actions: Vec<String>,
    /// Control references.
    pub controls: Vec<String>,
}

/// A field path a rule reads, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// The path under `app` (`scim.available`).
    pub path: String,
    /// Where the read stands in the rule file.
    pub span: Span,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule's id: its file's stem.
    pub id: String,
    /// The file it came from.
    pub file: String,
    /// The comment header.
    pub header: String,
    /// The metadata from `fn meta()`.
    pub meta: RuleMeta,
    /// The app fields it reads, in order of first appearance, each once.
    pub reads: Vec<Read>,
    /// The rule's source text.
    pub text: String,
    /// The compiled script.
    pub ast: AST,
}

/// Names in scope when a rule's check runs.
pub const SCOPE_NAMES: [&str; 3] = ["today", "settings", "app"];

/// The scope rules are compiled against, so strict variables knows `app`, `today`, `settings`.
/// They are plain variables here: as constants the optimizer would inline their placeholder
/// values. At run time they are constants, so no rule can change what the next rule sees.
fn compile_scope() -> Scope<'static> {
    let mut scope = Scope::new();
    for name in SCOPE_NAMES {
        scope.push_dynamic(name, Dynamic::UNIT);
    }
    scope
}

/// The rule id a file name gives: its stem.
pub fn id_of(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.strip_suffix(".rhai").unwrap_or(base)
}

/// Compiles every rule, reporting each problem and keeping every rule that compiles.
pub fn compile_all(engine: &Engine, sources: &[RuleSource<'_>]) -> (Vec<Rule>, Vec<Diagnostic>) {
    let mut rules: Vec<Rule> = Vec::new();
    let mut diags = Vec::new();
    for source in sources {
        match compile(engine, source) {
            Ok(rule) => {
                if let Some(first) = rules.iter().find(|r| r.id == rule.id) {
                    diags.push(
                        Diagnostic::error(
                            Code::DuplicateRule,
                            source.name,
                            format!("rule id `{}` is already used", rule.id),
                        )
                        .with_rule(rule.id.clone())
                        .with_help(format!("first defined in `{}`", first.file)),
                    );
                } else {
                    rules.push(rule);
                }
            }
            Err(mut d) => diags.append(&mut d),
        }
    }
    crate::order::sort_by(&mut rules, |a, b| a.id.cmp(&b.id));
    (rules, diags)
}

/// Compiles one rule: syntax, metadata, and the fields it reads.
pub fn compile(engine: &Engine, source: &RuleSource<'_>) -> Result<Rule, Vec<Diagnostic>> {
    let id = id_of(source.name).to_owned();
    let err =
        |code: Code, msg: String| Diagnostic::error(code, source.name, msg).with_rule(id.clone());
    if !crate::id::is_id(&id) {
        return Err(vec![err(
            Code::InvalidRuleId,
            format!("rule id `{id}` is not kebab-case"),
        )
        .with_help(
            "name the file after the problem it finds, e.g. `rules/no-user-api.rhai`",
        )]);
    }
    let ast = engine
        .compile_with_scope(&compile_scope(), source.text)
        .map_err(|e| {
            let span = rhai_span(source.text, e.position());
            let mut d = err(Code::RuleSyntax, e.err_type().to_string()).with_span(span);
            if span.is_some_and(|s| after_decimal_point(source.text, s.start)) {
                d = d.with_help(
                    "rules have whole numbers only (the data has no decimals): write `15` \
                     rather than `1.5`, scaling the other side to match",
                );
            }
            vec![d]
        })?;
    let mut diags = Vec::new();
    let reads = reads_of(&ast, source.text);
    let known = known_paths();
    for read in &reads {
        if !known.contains(&read.path.as_str()) {
            let mut d = err(
                Code::UnknownField,
                format!("`app.{}` is not a field of the app record", read.path),
            )
            .with_span(Some(read.span))
            .with_field(read.path.clone());
            if let Some(s) = crate::diagnostic::closest(&read.path, known.iter().copied()) {
                d = d.with_help(format!("did you mean `app.{s}`?"));
            }
            diags.push(d);
        }
    }
    let meta = match read_meta(engine, &ast) {
        Ok(meta) => Some(meta),
        Err(msg) => {
            let at = source
                .text
                .find("fn meta")
                .map(|i| Span::from_range(source.text, i, i + 7));
            diags.push(err(Code::RuleMeta, msg).with_span(at).with_help(
                "`fn meta()` returns #{ title, severity, rationale, actions, controls }",
            ));
            None
        }
    };
    match meta {
        Some(meta) if diags.is_empty() => Ok(Rule {
            id,
            file: source.name.to_owned(),
            header: header_of(source.text),
            meta,
            reads,
            text: source.text.to_owned(),
            ast,
        }),
        _ => Err(diags),
    }
}

/// Converts a rhai position to a span: the one place that does.
pub fn rhai_span(text: &str, pos: rhai::Position) -> Option<Span> {
    let line = pos.line()?;
    Some(Span::from_line_column(
        text,
        line,
        pos.position().unwrap_or(1),
    ))
}

/// True when byte `at` is a digit right after `<number>.`: where a decimal number stops the
/// parser. A name ending in a digit (`v2.0`) is not a number.
fn after_decimal_point(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    if at < 2 || !b.get(at).is_some_and(u8::is_ascii_digit) || b[at - 1] != b'.' {
        return false;
    }
    let digits = b[..at - 1]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let before = (at - 1).checked_sub(digits + 1).and_then(|i| b.get(i));
    digits > 0 && !before.is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// The leading `//` comment block, without the slashes.
fn header_of(text: &str) -> String {
    text.lines()
        .map(str::trim_start)
        .take_while(|l| l.starts_with("//"))
        .map(|l| {
            l.trim_start_matches('/')
                .strip_prefix(' ')
                .unwrap_or(l.trim_start_matches('/'))
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// Every `app.a.b` chain in the script, functions included.
fn reads_of(ast: &AST, text: &str) -> Vec<Read> {
    use rhai::{ASTNode, Expr};
    let mut reads: Vec<Read> = Vec::new();
    ast.walk(&mut |nodes: &[ASTNode]| {
        if let Some(ASTNode::Expr(Expr::Dot(x, _, _))) = nodes.last() {
            if let Expr::Variable(v, _, pos) = &x.lhs {
                if v.1 == "app" {
                    let mut segs = Vec::new();
                    property_chain(&x.rhs, &mut segs);
                    if !segs.is_empty() {
                        let path = segs.join(".");
                        if !reads.iter().any(|r| r.path == path) {
                            if let Some(span) = rhai_span(text, *pos) {
                                let end = (span.start + 4 + path.len()).min(text.len());
                                reads.push(Read {
                                    path,
                                    span: Span { end, ..span },
                                });
                            }
                        }
                    }
                }
            }
        }
        true
    });
    reads
}

fn property_chain(expr: &rhai::Expr, out: &mut Vec<String>) {
    use rhai::Expr;
    match expr {
        Expr::Property(p, _) => out.push(p.2.to_string()),
        Expr::Dot(x, _, _) | Expr::Index(x, _, _) => {
            if let Expr::Property(p, _) = &x.lhs {
                out.push(p.2.to_string());
                if matches!(expr, Expr::Dot(..)) {
                    property_chain(&x.rhs, out);
                }
            }
        }
        _ => {}
    }
}

fn read_meta(engine: &Engine, ast: &AST) -> Result<RuleMeta, String> {
    if !ast
        .iter_functions()
        .any(|f| f.name == "meta" && f.params.is_empty())
    {
        return Err("the rule has no `fn meta()`".into());
    }
    let options = CallFnOptions::new().eval_ast(false).rewind_scope(true);
    let value: Dynamic = engine
        .call_fn_with_options(options, &mut Scope::new(), ast, "meta", ())
        .map_err(|e| format!("`fn meta()` failed: {e}"))?;
    let map: Map = value
        .try_cast::<Map>()
        .ok_or("`fn meta()` must return an object map `#{ ... }`")?;
    for key in map.keys() {
        if !["title", "severity", "rationale", "actions", "controls"].contains(&key.as_str()) {
            return Err(format!("`fn meta()` has an unknown key `{key}`"));
        }
    }
    let text = |key: &str| -> Result<String, String> {
        map.get(key)
            .and_then(|v| v.clone().into_string().ok())
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| format!("`fn meta()` needs `{key}` as a non-empty string"))
    };
    let list = |key: &str| -> Result<Vec<String>, String> {
        let items = map
            .get(key)
            .and_then(|v| v.clone().try_cast::<rhai::Array>())
            .ok_or_else(|| format!("`fn meta()` needs `{key}` as an array of strings"))?;
        items
            .into_iter()
            .map(|i| {
                i.into_string()
                    .map_err(|_| format!("`{key}` holds something other than a string"))
            })
            .collect()
    };
    let severity = text("severity")?;
    let severity = Severity::parse(&severity).ok_or_else(|| {
        format!("severity `{severity}` is not one of `info`, `low`, `medium`, `high`, `critical`")
    })?;
    Ok(RuleMeta {
        title: text("title")?,
        severity,
        rationale: text("rationale")?,
        actions: list("actions")?,
        controls: list("controls")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;

    const META: &str = r#"fn meta() { #{ title: "T", severity: "low", rationale: "R", actions: ["A"], controls: ["C"] } }"#;

    fn compile_text(text: &str) -> Result<Rule, Vec<Diagnostic>> {
        compile(
            &engine::build(),
            &RuleSource {
                name: "rules/sample-rule.rhai",
                text,
            },
        )
    }

    #[test]
    fn a_rule_compiles_with_its_header_meta_and_reads() {
        let text = format!("// Checks a thing.\n// Why: reasons.\n{META}\nif app.scim.available == \"no\" && app.sso.jit == \"yes\" {{ app.name }}\n");
        let rule = compile_text(&text).unwrap();
        assert_eq!(rule.id, "sample-rule");
        assert_eq!(rule.header, "Checks a thing.\nWhy: reasons.");
        assert_eq!(rule.meta.severity, Severity::Low);
        let paths: Vec<&str> = rule.reads.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["scim.available", "sso.jit", "name"]);
        assert_eq!((rule.reads[0].span.line, rule.reads[0].span.column), (4, 4));
    }

    #[test]
    fn a_syntax_error_is_reported_at_its_line_and_column() {
        let d = compile_text(&format!(
            "{META}\nif app.user_api == \"no\" {{\n  let x = ;\n}}"
        ))
        .unwrap_err();
        assert_eq!(d[0].code, "rule-syntax");
        let s = d[0].span.unwrap();
        assert_eq!((s.line, s.column), (3, 11));
        assert_eq!(d[0].rule.as_deref(), Some("sample-rule"));
    }

    #[test]
    fn a_decimal_number_is_an_error_that_says_why() {
        let d =
            compile_text(&format!("{META}\napp.scim.available == \"no\" && 2.5 > 1")).unwrap_err();
        assert_eq!(d[0].code, "rule-syntax");
        assert!(
            d[0].help
                .as_deref()
                .is_some_and(|h| h.contains("whole numbers")),
            "{d:?}"
        );
        let d = compile_text(&format!("{META}\nlet x = ;")).unwrap_err();
        assert_eq!(d[0].help, None);
        // A name ending in a digit is not a decimal number.
        let d = compile_text(&format!("{META}\nlet v2 = [1, 2];\nv2.0 == 1")).unwrap_err();
        assert_eq!(d[0].help, None, "{d:?}");
    }

    #[test]
    fn an_unknown_field_is_an_error_with_a_suggestion() {
        let d = compile_text(&format!("{META}\napp.scim.availble == \"no\"")).unwrap_err();
        assert_eq!(d[0].code, "unknown-field");
        assert_eq!(
            d[0].help.as_deref(),
            Some("did you mean `app.scim.available`?")
        );
        assert_eq!(d[0].span.map(|s| s.line), Some(2));
    }

    #[test]
    fn bad_metadata_is_reported() {
        let cases = [
            ("", "has no `fn meta()`"),
            ("fn meta() { 1 }", "must return an object map"),
            (
                r#"fn meta() { #{ title: "T", severity: "severe", rationale: "R", actions: [], controls: [] } }"#,
                "severity `severe`",
            ),
            (
                r#"fn meta() { #{ title: "T", severity: "low", rationale: "R", actions: [], controls: [], colour: 1 } }"#,
                "unknown key `colour`",
            ),
            (
                r#"fn meta() { #{ severity: "low", rationale: "R", actions: [], controls: [] } }"#,
                "needs `title`",
            ),
        ];
        for (meta, want) in cases {
            let d = compile_text(&format!("{meta}\nfalse")).unwrap_err();
            assert!(d[0].message.contains(want), "{meta}: {}", d[0].message);
        }
    }

    #[test]
    fn rule_ids_come_from_kebab_case_file_names() {
        assert_eq!(id_of("rules/no-bulk-path.rhai"), "no-bulk-path");
        let d = compile(
            &engine::build(),
            &RuleSource {
                name: "rules/No_Bulk.rhai",
                text: META,
            },
        )
        .unwrap_err();
        assert_eq!(d[0].code, "invalid-rule-id");
    }
}
