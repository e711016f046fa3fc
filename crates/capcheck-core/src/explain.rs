//! Why a rule fired on an app, or did not: the value of each condition and the fields read.
//!
//! The verdict comes from running the rule as [`crate::eval`] does. The explanation walks the
//! rule's top-level statements in the app's scope, in order: every `let` is run and its value
//! shown; every `if` has its condition taken apart into the operands of `&&` and `||`, each
//! evaluated in turn (those a short-circuit skips are "not evaluated"), and the branch taken is
//! explained the same way. Other statements are run so later conditions see their effects.

use rhai::{Dynamic, Engine, EvalAltResult, Expr, Scope, Stmt};
use serde::Serialize;

use crate::dataset::LoadedApp;
use crate::diagnostic::{Diagnostic, Span};
use crate::eval::{app_scope, evidence_for, runtime_error, settings_dynamic, verdict, Context};
use crate::report::Evidence;
use crate::rule::Rule;
use crate::source_ast::{self, expression_end, snippet, start_of};
use crate::view::{dynamic_to_json, fields, to_dynamic};

/// A condition, or an operand of one, with its value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Condition {
    /// Its source text.
    pub text: String,
    /// Where it stands in the rule file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Its value; `None` when a short-circuit skipped it ("not evaluated").
    pub value: Option<serde_json::Value>,
    /// The operands of `&&` and `||`, each with its value.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operands: Vec<Condition>,
}

/// What a step of the check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// `let name = ...`: the value a later condition may use.
    Let,
    /// `if condition { ... }`: which branch ran.
    If,
}

/// One step of the check as it ran on the app.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// `let` or `if`.
    pub kind: StepKind,
    /// How deep in branches the step is (0 at top level).
    pub depth: usize,
    /// The variable a `let` defines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The value and its parts: the `if`'s condition, or the `let`'s expression.
    pub condition: Condition,
}

/// Why `rule` flagged `app`, or did not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The rule's id.
    pub rule: String,
    /// The rule's file.
    pub rule_file: String,
    /// The app's id.
    pub app: String,
    /// The app's name.
    pub app_name: String,
    /// The app's data file.
    pub app_file: String,
    /// Whether the rule flagged the app.
    pub flagged: bool,
    /// The finding's message, when flagged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The check's steps, in the order they ran.
    pub steps: Vec<Step>,
    /// The app fields the rule reads, with their values and sources.
    pub fields: Vec<Evidence>,
    /// The error the rule failed with on this app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Diagnostic>,
}

/// A condition's or a let's value as both front ends print it: strings quoted, `()` for not
/// documented, "not evaluated" where a short-circuit skipped it.
pub fn shown(value: Option<&serde_json::Value>) -> String {
    match value {
        None => "not evaluated".to_owned(),
        Some(serde_json::Value::String(s)) => format!("{s:?}"),
        Some(serde_json::Value::Null) => "()".to_owned(),
        Some(v) => v.to_string(),
    }
}

/// Explains `rule` on `app` under `context`.
pub fn explain(engine: &Engine, rule: &Rule, app: &LoadedApp, context: &Context) -> Explanation {
    let record = &app.record;
    let app_value = to_dynamic(record);
    let scope_for = || {
        app_scope(
            context.today.as_str().into(),
            settings_dynamic(context),
            app_value.clone(),
        )
    };
    let result = engine
        .eval_ast_with_scope::<Dynamic>(&mut scope_for(), &rule.ast)
        .map_err(|e| Box::new(runtime_error(rule, &record.id, &e)))
        .and_then(|v| verdict(rule, &record.id, v));
    let (flagged, message, error) = match result {
        Ok(m) => (m.is_some(), m, None),
        Err(d) => (false, None, Some(*d)),
    };
    let mut steps = Vec::new();
    if let Some(ast) = source_ast::unoptimized(&rule.text) {
        let mut walker = Walker {
            engine,
            text: &rule.text,
            global: engine.new_global_runtime_state(),
            caches: rhai::Caches::new(),
            steps: Vec::new(),
        };
        walker.global.lib.push(ast.shared_lib().clone());
        // An error stops the walk; the steps up to it still explain what was seen.
        let _ = walker.block(&mut scope_for(), ast.statements(), 0);
        steps = walker.steps;
    }
    let all = fields(record);
    let fields = rule
        .reads
        .iter()
        .filter(|r| !matches!(r.path.as_str(), "id" | "name"))
        .filter_map(|r| evidence_for(&all, &r.path))
        .collect();
    Explanation {
        rule: rule.id.clone(),
        rule_file: rule.file.clone(),
        app: record.id.clone(),
        app_name: record.name.clone(),
        app_file: app.file.clone(),
        flagged,
        message,
        steps,
        fields,
        error,
    }
}

struct Walker<'a> {
    engine: &'a Engine,
    text: &'a str,
    global: rhai::GlobalRuntimeState,
    caches: rhai::Caches,
    steps: Vec<Step>,
}

type Run<T> = Result<T, Box<EvalAltResult>>;

impl Walker<'_> {
    fn run(&mut self, scope: &mut Scope<'static>, stmt: &Stmt) -> Run<Dynamic> {
        self.global.num_operations = 0;
        #[expect(
            deprecated,
            reason = "rhai is pinned to =1.27.0; this is its only call that runs single statements"
        )]
        self.engine.eval_statements_raw(
            &mut self.global,
            &mut self.caches,
            scope,
            std::slice::from_ref(stmt),
        )
    }

    fn block(&mut self, scope: &mut Scope<'static>, stmts: &[Stmt], depth: usize) -> Run<()> {
        for stmt in stmts {
            match stmt {
                Stmt::If(flow, _) => {
                    let start = self.start(&flow.expr);
                    let end = expression_end(self.text, start, true);
                    let condition = self.condition(scope, &flow.expr, end)?;
                    let taken = condition.value.as_ref().and_then(|v| v.as_bool());
                    self.steps.push(Step {
                        kind: StepKind::If,
                        depth,
                        name: None,
                        condition,
                    });
                    let base = scope.len();
                    match taken {
                        Some(true) => self.block(scope, flow.body.statements(), depth + 1)?,
                        Some(false) => self.block(scope, flow.branch.statements(), depth + 1)?,
                        None => return Ok(()),
                    }
                    scope.rewind(base);
                }
                Stmt::Var(x, _, _) => {
                    let (ident, init, _) = &**x;
                    let _ = self.run(scope, stmt)?;
                    let start = self.start(init);
                    let end = expression_end(self.text, start, false);
                    let mut condition = match init {
                        Expr::And(..) | Expr::Or(..) => self.condition(scope, init, end)?,
                        _ => self.leaf(init, end, None),
                    };
                    condition.value = scope
                        .get_value::<Dynamic>(ident.name.as_str())
                        .map(|v| dynamic_to_json(&v));
                    self.steps.push(Step {
                        kind: StepKind::Let,
                        depth,
                        name: Some(ident.name.to_string()),
                        condition,
                    });
                }
                other => {
                    // Run for its effects (`missing.push(...)`) on later conditions.
                    let _ = self.run(scope, other)?;
                }
            }
        }
        Ok(())
    }

    fn start(&self, expr: &Expr) -> usize {
        source_ast::offset(self.text, start_of(expr)).unwrap_or(0)
    }

    fn leaf(&self, expr: &Expr, end: usize, value: Option<serde_json::Value>) -> Condition {
        let start = self.start(expr);
        let text = snippet(self.text, start, end);
        let span = source_ast::span(self.text, start_of(expr))
            .map(|s| Span::from_range(self.text, s.start, s.start + text.len()));
        Condition {
            text,
            span,
            value,
            operands: Vec::new(),
        }
    }

    fn condition(&mut self, scope: &mut Scope<'static>, expr: &Expr, end: usize) -> Run<Condition> {
        let items = match expr {
            Expr::And(items, _) | Expr::Or(items, _) => items,
            _ => {
                let value = self.run(scope, &Stmt::Expr(Box::new(expr.clone())))?;
                return Ok(self.leaf(expr, end, Some(dynamic_to_json(&value))));
            }
        };
        let is_and = matches!(expr, Expr::And(..));
        let mut operands = Vec::new();
        let mut decided: Option<bool> = None;
        let mut undecidable = false;
        for (i, item) in items.iter().enumerate() {
            let item_end = items.get(i + 1).map_or(end, |next| self.start(next));
            if decided.is_some() || undecidable {
                operands.push(self.leaf(item, item_end, None));
                continue;
            }
            let operand = self.condition(scope, item, item_end)?;
            match operand.value.as_ref().and_then(|v| v.as_bool()) {
                // `&&` stops at the first false, `||` at the first true.
                Some(b) if b != is_and => decided = Some(b),
                Some(_) => {}
                None => undecidable = true,
            }
            operands.push(operand);
        }
        let mut out = self.leaf(expr, end, None);
        out.value = (!undecidable).then(|| decided.unwrap_or(is_and).into());
        out.operands = operands;
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
