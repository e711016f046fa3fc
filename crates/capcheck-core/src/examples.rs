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

use rhai::{Dynamic, Engine, Map};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Span};
use crate::eval::{app_scope, runtime_error, settings_dynamic, verdict, Context};
use crate::model::AppRecord;
use crate::rule::Rule;
use crate::view::to_dynamic;

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
    let (examples, diagnostics) = read::read(engine, rule);
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
    example: read::Example,
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

mod read;

#[cfg(test)]
mod tests;
