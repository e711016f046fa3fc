//! What a rule's value on an app means: no finding, a finding with its evidence, or an error
//! that names the rule, the app and the position.

use rhai::{Dynamic, EvalAltResult, ImmutableString};

use crate::dataset::LoadedApp;
use crate::diagnostic::{Code, Diagnostic};
use crate::report::{Evidence, Finding};
use crate::rule::{rhai_span, Rule};
use crate::view::{dynamic_to_json, fields};

/// What a check's value means: no finding, or a finding with this message.
pub(crate) fn verdict(
    rule: &Rule,
    app: &str,
    value: Dynamic,
) -> Result<Option<String>, Box<Diagnostic>> {
    if value.is_unit() {
        return Ok(None);
    }
    if let Some(b) = value.clone().try_cast::<bool>() {
        return Ok(b.then(|| rule.meta.title.clone()));
    }
    if let Some(s) = value.clone().try_cast::<ImmutableString>() {
        return Ok(Some(s.to_string()));
    }
    Err(Box::new(Diagnostic::error(
        Code::RuleResult,
        &rule.file,
        format!(
            "rule `{}` returned `{}` on app `{app}`; a check returns `()`, `true`, `false` or a message string",
            rule.id,
            value.type_name()
        ),
    )
    .with_rule(rule.id.clone())
    .with_app(app)))
}

pub(crate) fn runtime_error(rule: &Rule, app: &str, err: &EvalAltResult) -> Diagnostic {
    let mut inner = err;
    while let EvalAltResult::ErrorInFunctionCall(_, _, e, _) = inner {
        inner = e;
    }
    let (code, message, help) = match inner {
        EvalAltResult::ErrorTooManyOperations(_) => (
            Code::OperationLimit,
            format!(
                "rule `{}` was stopped on app `{app}`: it ran more than {} operations",
                rule.id,
                crate::engine::MAX_OPERATIONS
            ),
            Some("a check should run a few hundred operations; look for a loop that never ends"),
        ),
        EvalAltResult::ErrorDataTooLarge(what, _) => (
            Code::SizeLimit,
            format!(
                "rule `{}` was stopped on app `{app}`: {} exceeded the engine's limit",
                rule.id,
                what.to_lowercase()
            ),
            Some("a check should not build large strings, arrays or maps"),
        ),
        EvalAltResult::ErrorStackOverflow(_) => (
            Code::CallLimit,
            format!(
                "rule `{}` was stopped on app `{app}`: calls nested deeper than {}",
                rule.id,
                crate::engine::MAX_CALL_LEVELS
            ),
            Some("look for a function that calls itself without end"),
        ),
        EvalAltResult::ErrorTooManyVariables(_) => (
            Code::VariableLimit,
            format!(
                "rule `{}` was stopped on app `{app}`: it declared more than {} variables",
                rule.id,
                crate::engine::MAX_VARIABLES
            ),
            None,
        ),
        EvalAltResult::ErrorPropertyNotFound(prop, _) => (
            Code::UnknownField,
            format!(
                "rule `{}` read `{prop}`, which does not exist (app `{app}`)",
                rule.id
            ),
            Some("see `docs/rules.md` for the fields a rule can read"),
        ),
        other => (
            Code::RuleRuntime,
            format!(
                "rule `{}` failed on app `{app}`: {}",
                rule.id,
                first_line(&other.to_string())
            ),
            None,
        ),
    };
    let mut d = Diagnostic::error(code, &rule.file, message)
        .with_rule(rule.id.clone())
        .with_app(app)
        .with_span(rhai_position(rule, inner.position(), err.position()));
    if let Some(h) = help {
        d = d.with_help(h);
    }
    d
}

fn rhai_position(
    rule: &Rule,
    inner: rhai::Position,
    outer: rhai::Position,
) -> Option<crate::diagnostic::Span> {
    let text = rule.text.as_str();
    rhai_span(text, inner).or_else(|| rhai_span(text, outer))
}

fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("");
    // rhai appends " (line L, position P)": the span carries that.
    match line.rfind(" (line ") {
        Some(i) => line[..i].to_owned(),
        None => line.to_owned(),
    }
}

pub(super) fn findings_for(app: &LoadedApp, hits: &[(&Rule, &str)]) -> Vec<Finding> {
    let fields = fields(&app.record);
    hits.iter()
        .map(|(rule, message)| {
            let evidence = rule
                .reads
                .iter()
                // The app's identity is not evidence of anything.
                .filter(|read| !matches!(read.path.as_str(), "id" | "name"))
                .filter_map(|read| evidence_for(&fields, &read.path))
                .collect();
            Finding {
                rule: rule.id.clone(),
                app: app.record.id.clone(),
                app_name: app.record.name.clone(),
                severity: rule.meta.severity,
                title: rule.meta.title.clone(),
                message: (*message).to_owned(),
                actions: rule.meta.actions.clone(),
                controls: rule.meta.controls.clone(),
                evidence,
                rule_file: rule.file.clone(),
                app_file: app.file.clone(),
            }
        })
        .collect()
}

pub(crate) fn evidence_for(fields: &[crate::view::Field], path: &str) -> Option<Evidence> {
    if let Some(f) = fields.iter().find(|f| f.path == path) {
        return Some(Evidence {
            field: path.to_owned(),
            value: dynamic_to_json(&f.value),
            provenance: f.provenance.clone().unwrap_or_default(),
        });
    }
    // A whole section (`app.scim`): its fields as one object.
    let prefix = format!("{path}.");
    let members = crate::order::json_object(fields.iter().filter_map(|f| {
        f.path
            .strip_prefix(&prefix)
            .map(|rest| (rest.to_owned(), dynamic_to_json(&f.value)))
    }));
    (!members.is_empty()).then(|| Evidence {
        field: path.to_owned(),
        value: serde_json::Value::Object(members),
        provenance: Default::default(),
    })
}
