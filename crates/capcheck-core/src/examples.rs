//! Examples next to rules: a rule's own tests, written in the rule file.
//!
//! A rule may define `fn examples()` returning an array of object maps, one per example:
//!
//! ```text
//! fn examples() {
//!     [
//!         #{ name: "JIT only", app: #{ scim: #{ available: "no" }, sso: #{ jit: "yes" } },
//!            flagged: true, message: "deprovisioning is manual" },
//!         #{ name: "SCIM available", app: #{ scim: #{ available: "yes" } }, flagged: false },
//!     ]
//! }
//! ```
//!
//! `app` is a partial app in the shape rules read, laid over a baseline app named `Example`
//! whose facts are all not documented. `flagged` is the expected outcome; `message`, when
//! given, must be contained in the finding's message (a substring, so an example need not
//! repeat the whole text). `today` and `settings` optionally override the run's date and
//! settings. Unknown keys and fields are errors at their line and column, with a suggestion,
//! like unknown fields in the check itself.

use rhai::{Array, CallFnOptions, Dynamic, Engine, Expr, ImmutableString, Map, Position, Scope};
use serde::Serialize;

use crate::diagnostic::{closest, Diagnostic, Span};
use crate::eval::{app_scope, runtime_error, settings_dynamic, verdict, Context};
use crate::model::AppRecord;
use crate::rule::Rule;
use crate::source_ast;
use crate::view::{fields, known_paths, to_dynamic};

/// The keys an example may have.
pub const EXAMPLE_KEYS: [&str; 6] = ["name", "app", "flagged", "message", "today", "settings"];

/// The baseline app's name, which messages of examples mention unless the example sets `name`
/// under `app`.
pub const BASELINE_NAME: &str = "Example";

/// What an example expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expected {
    /// Whether the rule should flag the app.
    pub flagged: bool,
    /// Text the finding's message should contain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// What the rule did on an example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actual {
    /// Whether the rule flagged the app.
    pub flagged: bool,
    /// The finding's message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// One difference between what an example expects and what the rule did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    /// What differs: `flagged` or `message`.
    pub what: &'static str,
    /// What the example expects.
    pub expected: String,
    /// What the rule did.
    pub actual: String,
}

/// One example's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExampleResult {
    /// The example's name (`example N` when it has none).
    pub name: String,
    /// Where the example stands in the rule file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// What it expects.
    pub expected: Expected,
    /// What the rule did; `None` when the rule failed on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Actual>,
    /// True when the rule did what the example expects.
    pub passed: bool,
    /// How the result differs from the expectation.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mismatches: Vec<Mismatch>,
    /// The error the rule failed with on this example.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Diagnostic>,
}

/// A rule's examples and their results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleExamples {
    /// The rule's id.
    pub rule: String,
    /// The rule's file.
    pub file: String,
    /// One result per example, in the order written.
    pub results: Vec<ExampleResult>,
    /// Problems with the examples themselves (unknown fields, wrong shapes): none of them ran.
    pub diagnostics: Vec<Diagnostic>,
}

impl RuleExamples {
    /// Examples that passed.
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.passed).count()
    }

    /// Examples that failed.
    pub fn failed(&self) -> usize {
        self.results.len() - self.passed()
    }
}

/// One example as written.
#[derive(Debug, Clone)]
struct Example {
    name: String,
    span: Option<Span>,
    app: Map,
    expected: Expected,
    today: Option<ImmutableString>,
    settings: Option<Map>,
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

/// True when the rule defines `fn examples()`.
pub fn has_examples(rule: &Rule) -> bool {
    rule.ast
        .iter_functions()
        .any(|f| f.name == "examples" && f.params.is_empty())
}

/// Runs every example of `rule`, with `context` giving the date and settings unless an example
/// sets its own. A rule without `fn examples()` gives no results and no diagnostics.
pub fn run(engine: &Engine, rule: &Rule, context: &Context) -> RuleExamples {
    let mut out = RuleExamples {
        rule: rule.id.clone(),
        file: rule.file.clone(),
        results: Vec::new(),
        diagnostics: Vec::new(),
    };
    if !has_examples(rule) {
        return out;
    }
    let (examples, diagnostics) = read(engine, rule);
    // Bad examples are reported; the good ones beside them still run.
    out.diagnostics = diagnostics;
    let baseline = baseline_app();
    for example in examples {
        out.results
            .push(run_one(engine, rule, context, &baseline, example));
    }
    out
}

/// The app every example is laid over: nothing documented, named [`BASELINE_NAME`].
fn baseline_app() -> Map {
    let record = AppRecord {
        id: "example".to_owned(),
        name: BASELINE_NAME.to_owned(),
        ..AppRecord::default()
    };
    to_dynamic(&record).try_cast::<Map>().unwrap_or_default()
}

fn run_one(
    engine: &Engine,
    rule: &Rule,
    context: &Context,
    baseline: &Map,
    example: Example,
) -> ExampleResult {
    let mut app = baseline.clone();
    overlay(&mut app, &example.app);
    let today = example
        .today
        .clone()
        .unwrap_or_else(|| context.today.as_str().into());
    let mut settings = settings_dynamic(context)
        .try_cast::<Map>()
        .unwrap_or_default();
    if let Some(over) = &example.settings {
        overlay(&mut settings, over);
    }
    let mut scope = app_scope(today, Dynamic::from_map(settings), Dynamic::from_map(app));
    let label = format!("example: {}", example.name);
    let outcome = match engine.eval_ast_with_scope::<Dynamic>(&mut scope, &rule.ast) {
        Ok(value) => verdict(rule, &label, value).map_err(|d| *d),
        Err(e) => Err(runtime_error(rule, &label, &e)),
    };
    let (actual, error) = match outcome {
        Ok(message) => (
            Some(Actual {
                flagged: message.is_some(),
                message,
            }),
            None,
        ),
        Err(d) => (None, Some(d)),
    };
    let mismatches = actual
        .as_ref()
        .map(|a| mismatches(&example.expected, a))
        .unwrap_or_default();
    ExampleResult {
        name: example.name,
        span: example.span,
        passed: actual.is_some() && mismatches.is_empty(),
        expected: example.expected,
        actual,
        mismatches,
        error,
    }
}

fn mismatches(expected: &Expected, actual: &Actual) -> Vec<Mismatch> {
    let word = |f: bool| if f { "flagged" } else { "not flagged" }.to_owned();
    let mut out = Vec::new();
    if expected.flagged != actual.flagged {
        out.push(Mismatch {
            what: "flagged",
            expected: word(expected.flagged),
            actual: word(actual.flagged),
        });
    }
    if let (Some(want), true) = (&expected.message, actual.flagged) {
        let got = actual.message.clone().unwrap_or_default();
        if !got.contains(want.as_str()) {
            out.push(Mismatch {
                what: "message",
                expected: format!("a message containing \"{want}\""),
                actual: format!("\"{got}\""),
            });
        }
    }
    out
}

/// Lays `over` onto `base`, merging object maps key by key.
fn overlay(base: &mut Map, over: &Map) {
    for (key, value) in over {
        let merged = match (base.get_mut(key), value.read_lock::<Map>()) {
            (Some(existing), Some(sub)) => match existing.write_lock::<Map>() {
                Some(mut inner) => {
                    overlay(&mut inner, &sub);
                    true
                }
                None => false,
            },
            _ => false,
        };
        if !merged {
            base.insert(key.clone(), value.clone());
        }
    }
}

/// Calls `fn examples()` and checks every example's shape and fields.
fn read(engine: &Engine, rule: &Rule) -> (Vec<Example>, Vec<Diagnostic>) {
    let text = rule.text.as_str();
    let fn_at = text.find("fn examples");
    let fn_span = fn_at.map(|i| Span::from_range(text, i, i + "fn examples".len()));
    let err = |msg: String, span: Option<Span>| {
        Diagnostic::error("rule-examples", &rule.file, msg)
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
            Diagnostic::error("unknown-field", &rule.file, msg)
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
                code: "invalid-value".into(),
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
                            code: "invalid-value".into(),
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

#[cfg(test)]
mod tests;
