//! capcheck's core: the capability model, the dataset reader, the rules and the engine that
//! evaluates them. It does no IO (no files, clock, terminal or DOM): front ends pass text in and
//! render the data that comes out, so the CLI and the browser run exactly the same checks.
//!
//! ```
//! use capcheck_core::{check, Context, DataFile, RuleSource};
//!
//! let data = r#"
//! id = "acme"
//! name = "Acme"
//! [[sources]]
//! id = "guide"
//! [scim]
//! available = { value = "no", line = 12 }
//! "#;
//! let rule = r#"
//! fn meta() {
//!     #{ title: "No SCIM", severity: "medium", rationale: "Accounts outlive leavers.",
//!        actions: ["Deprovision by hand"], controls: ["SOC 2 CC6.2"] }
//! }
//! if app.scim.available == "no" { `${app.name} has no SCIM` }
//! "#;
//! let report = check(
//!     &[DataFile { name: "acme.toml", text: data }],
//!     &[RuleSource { name: "no-scim.rhai", text: rule }],
//!     Context::new("2026-11-23"),
//! );
//! assert_eq!(report.findings[0].message, "Acme has no SCIM");
//! assert_eq!(report.findings[0].evidence[0].provenance.line, Some(12));
//! ```
// No IO: the calls and types `clippy.toml` lists are errors, and so is printing (tests may print
// the tables they measure).
#![deny(clippy::disallowed_methods, clippy::disallowed_types)]
#![cfg_attr(
    not(test),
    deny(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)
)]

pub mod accept;
pub mod baseline;
pub mod builtin;
pub mod catalogue;
mod code;
pub mod coverage;
pub mod dataset;
pub mod date;
pub mod diagnostic;
pub mod diff;
pub mod direct;
mod encode;
pub mod engine;
pub mod eval;
pub mod examples;
pub mod explain;
mod finding;
pub mod front;
mod id;
pub mod import;
pub mod inventory;
pub mod location;
pub mod merge;
pub mod model;
pub mod order;
pub mod plan;
pub mod report;
pub mod rule;
#[cfg(feature = "schema")]
pub mod schema;
mod source_ast;
pub mod synthetic;
pub mod view;
pub mod waiver;

pub use dataset::{DataFile, Dataset, LoadedApp};
pub use diagnostic::{Code, Diagnostic, Level, Span};
pub use eval::{Checker, Context, RuleOutcome};
pub use model::AppRecord;
pub use report::{Evidence, Finding, Report, Severity};
pub use rule::{Rule, RuleSource};

/// Loads the data, compiles the rules and evaluates every rule on every app: the whole check in
/// one call. Problems in files or rules are in the report's diagnostics; good records and rules
/// are still evaluated.
pub fn check(data: &[DataFile<'_>], rules: &[RuleSource<'_>], context: Context) -> Report {
    let (dataset, mut diagnostics) = catalogue::load(data);
    let engine = engine::build();
    let (rules, mut rule_diags) = rule::compile_all(&engine, rules);
    diagnostics.append(&mut rule_diags);
    let attribution = catalogue::attribution(&dataset.apps);
    let mut checker = Checker::new(engine, dataset, rules, context);
    let mut report = checker.check(diagnostics);
    report.attribution = attribution;
    report
}
