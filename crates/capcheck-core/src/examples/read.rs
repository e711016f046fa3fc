//! Reading a rule's examples: calling `fn examples()`, checking each example's keys and the
//! fields its app sets, and finding where each stands in the rule file.

use rhai::{Array, CallFnOptions, Dynamic, Engine, Expr, ImmutableString, Map, Position, Scope};

use super::{Expected, EXAMPLE_KEYS};
use crate::diagnostic::{closest, Code, Diagnostic, Span};
use crate::model::AppRecord;
use crate::rule::Rule;
use crate::source_ast;
use crate::view::{fields, known_paths};

/// One example as written.
#[derive(Debug, Clone)]
pub(super) struct Example {
    pub(super) name: String,
    pub(super) span: Option<Span>,
    pub(super) app: Map,
    pub(super) expected: Expected,
    pub(super) today: Option<ImmutableString>,
    pub(super) settings: Option<Map>,
}

/// Where an object map literal and its keys stand in the rule file.
#[derive(Debug, Clone, Default)]
struct MapSyntax {
    pos: Position,
    keys: Vec<(String, Position, Option<MapSyntax>)>,
}

impl MapSyntax {
    fn key(&self, name: &str) -> Option<&(String, Position, Option<MapSyntax>)> {
        self.keys.iter().find(|(k, _, _)| k == name)
    }
}

/// Calls `fn examples()` and checks every example's shape and fields.
pub(super) fn read(engine: &Engine, rule: &Rule) -> (Vec<Example>, Vec<Diagnostic>) {
    let text = rule.text.as_str();
    let fn_at = text.find("fn examples");
    let fn_span = fn_at.map(|i| Span::from_range(text, i, i + "fn examples".len()));
    let err = |msg: String, span: Option<Span>| {
        Diagnostic::error(Code::RuleExamples, &rule.file, msg)
            .with_rule(rule.id.clone())
            .with_span(span)
    };
    let options = CallFnOptions::new().eval_ast(false).rewind_scope(true);
    let value: Dynamic =
        match engine.call_fn_with_options(options, &mut Scope::new(), &rule.ast, "examples", ()) {
            Ok(v) => v,
            Err(e) => {
                return (
                    vec![],
                    vec![err(format!("`fn examples()` failed: {e}"), fn_span)],
                )
            }
        };
    let Some(items) = value.try_cast::<Array>() else {
        return (
            vec![],
            vec![err(
                "`fn examples()` must return an array of object maps `[#{ ... }, ...]`".into(),
                fn_span,
            )],
        );
    };
    let syntax = fn_at.and_then(|at| examples_syntax(text, at));
    let schema = Schema::new();
    let mut examples = Vec::new();
    let mut diags = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let syn = syntax.as_ref().and_then(|s| s.get(i));
        let span = syn.and_then(|s| source_ast::span(text, s.pos)).or(fn_span);
        let Some(map) = item.try_cast::<Map>() else {
            diags.push(err(
                format!("example {} is not an object map `#{{ ... }}`", i + 1),
                span,
            ));
            continue;
        };
        let name = map
            .get("name")
            .and_then(|v| v.clone().into_string().ok())
            .unwrap_or_else(|| format!("example {}", i + 1));
        let before = diags.len();
        let at = |key: &str| {
            syn.and_then(|s| s.key(key))
                .and_then(|(_, pos, _)| source_ast::span(text, *pos))
                .map(|s| Span::from_range(text, s.start, s.start + key.len()))
                .or(span)
        };
        for key in map.keys() {
            if !EXAMPLE_KEYS.contains(&key.as_str()) {
                let mut d = err(
                    format!("example `{name}` has an unknown key `{key}`"),
                    at(key),
                );
                if let Some(s) = closest(key, EXAMPLE_KEYS) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                diags.push(d);
            }
        }
        let flagged = map.get("flagged").and_then(|v| v.as_bool().ok());
        if flagged.is_none() {
            diags.push(
                err(
                    format!("example `{name}` needs `flagged: true` or `flagged: false`"),
                    at("flagged"),
                )
                .with_help("`flagged` says whether the rule should flag this app"),
            );
        }
        let message = match map.get("message") {
            None => None,
            Some(v) => match v.clone().into_string() {
                Ok(s) => Some(s),
                Err(_) => {
                    diags.push(err(
                        format!("example `{name}`: `message` must be a string"),
                        at("message"),
                    ));
                    None
                }
            },
        };
        if message.is_some() && flagged == Some(false) {
            diags.push(
                err(
                    format!("example `{name}` expects no finding but gives a `message`"),
                    at("message"),
                )
                .with_help("remove `message`, or set `flagged: true`"),
            );
        }
        let app = match map.get("app").map(|v| v.clone().try_cast::<Map>()) {
            Some(Some(app)) => {
                let app_syn = syn.and_then(|s| s.key("app")).and_then(|k| k.2.as_ref());
                check_app(rule, &schema, &name, &app, "", app_syn, span, &mut diags);
                app
            }
            Some(None) => {
                diags.push(err(
                    format!("example `{name}`: `app` must be an object map `#{{ ... }}`"),
                    at("app"),
                ));
                Map::new()
            }
            None => {
                diags.push(
                    err(format!("example `{name}` has no `app`"), span).with_help(
                        "`app: #{ scim: #{ available: \"no\" } }` gives the app's facts",
                    ),
                );
                Map::new()
            }
        };
        let today = map
            .get("today")
            .and_then(|v| v.clone().into_immutable_string().ok());
        if map.contains_key("today") && today.is_none() {
            diags.push(err(
                format!("example `{name}`: `today` must be a date string `YYYY-MM-DD`"),
                at("today"),
            ));
        }
        let settings = map
            .get("settings")
            .and_then(|v| v.clone().try_cast::<Map>());
        if diags.len() == before {
            examples.push(Example {
                name,
                span,
                app,
                expected: Expected {
                    flagged: flagged.unwrap_or(false),
                    message,
                },
                today,
                settings,
            });
        }
    }
    (examples, diags)
}

/// The fields rules can read, and which of them are yes/no facts.
struct Schema {
    known: Vec<&'static str>,
    yes_no: Vec<&'static str>,
}

impl Schema {
    fn new() -> Schema {
        let yes_no = fields(&AppRecord::default())
            .into_iter()
            .filter(|f| {
                f.value
                    .clone()
                    .into_string()
                    .is_ok_and(|v| v == "not-documented")
            })
            .map(|f| f.path)
            .collect();
        Schema {
            known: known_paths(),
            yes_no,
        }
    }
}

/// Checks every field an example's app sets against the fields rules can read.
#[expect(
    clippy::too_many_arguments,
    reason = "a recursive walk: the example, where it is, and where to report"
)]
fn check_app(
    rule: &Rule,
    schema: &Schema,
    example: &str,
    app: &Map,
    prefix: &str,
    syntax: Option<&MapSyntax>,
    fallback: Option<Span>,
    diags: &mut Vec<Diagnostic>,
) {
    let text = rule.text.as_str();
    let known = &schema.known;
    for (key, value) in app {
        let path = format!("{prefix}{key}");
        let key_syn = syntax.and_then(|s| s.key(key));
        let span = key_syn
            .and_then(|(_, pos, _)| source_ast::span(text, *pos))
            .map(|s| Span::from_range(text, s.start, s.start + key.len()))
            .or(fallback);
        let err = |msg: String| {
            Diagnostic::error(Code::UnknownField, &rule.file, msg)
                .with_rule(rule.id.clone())
                .with_span(span)
                .with_field(path.clone())
        };
        if !known.contains(&path.as_str()) {
            let mut d = err(format!(
                "example `{example}` sets `app.{path}`, which is not a field of the app record"
            ));
            if let Some(s) = closest(&path, known.iter().copied()) {
                d = d.with_help(format!("did you mean `app.{s}`?"));
            }
            diags.push(d);
            continue;
        }
        let is_section = known.iter().any(|k| k.starts_with(&format!("{path}.")));
        match (is_section, value.read_lock::<Map>()) {
            (true, Some(sub)) => {
                let sub_syn = key_syn.and_then(|k| k.2.as_ref());
                check_app(
                    rule,
                    schema,
                    example,
                    &sub,
                    &format!("{path}."),
                    sub_syn,
                    span,
                    diags,
                );
            }
            (true, None) => diags.push(Diagnostic {
                code: Code::InvalidValue,
                ..err(format!(
                    "example `{example}`: `app.{path}` is a section: give its fields as `#{{ ... }}`"
                ))
            }),
            (false, _) => {
                let tri = schema.yes_no.contains(&path.as_str());
                let ok = value
                    .clone()
                    .into_string()
                    .is_ok_and(|v| ["yes", "no", "partial", "not-documented"].contains(&v.as_str()));
                if tri && !ok {
                    diags.push(
                        Diagnostic {
                            code: Code::InvalidValue,
                            ..err(format!(
                                "example `{example}`: `app.{path}` is `{value}`, not a yes/no fact"
                            ))
                        }
                        .with_help("use \"yes\", \"no\", \"partial\" or \"not-documented\""),
                    );
                }
            }
        }
    }
}

/// The position of each example's map literal (and its keys) in `fn examples()`, read from the
/// unoptimized parse: the first array of maps after `fn examples`.
fn examples_syntax(text: &str, fn_offset: usize) -> Option<Vec<MapSyntax>> {
    let ast = source_ast::unoptimized(text)?;
    let mut found: Option<Vec<MapSyntax>> = None;
    ast.walk(&mut |nodes: &[rhai::ASTNode]| {
        if found.is_some() {
            return false;
        }
        if let Some(rhai::ASTNode::Expr(Expr::Array(items, pos))) = nodes.last() {
            let after = source_ast::offset(text, *pos).is_some_and(|o| o > fn_offset);
            if after && !items.is_empty() && items.iter().all(|e| matches!(e, Expr::Map(..))) {
                found = Some(items.iter().filter_map(map_syntax).collect());
            }
        }
        true
    });
    found
}

fn map_syntax(expr: &Expr) -> Option<MapSyntax> {
    match expr {
        Expr::Map(x, pos) => Some(MapSyntax {
            pos: *pos,
            keys: x
                .0
                .iter()
                .map(|(ident, value)| (ident.name.to_string(), ident.pos, map_syntax(value)))
                .collect(),
        }),
        _ => None,
    }
}
