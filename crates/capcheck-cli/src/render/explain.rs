//! `capcheck explain`: the verdict, each step of the check with the value of every condition
//! and operand, and the fields read with their values and sources.

use capcheck_core::explain::{Condition, Explanation, StepKind};

use capcheck_core::explain::shown;

use super::show::{cite, value_text};
use super::style::{paint, BOLD, DIM};

fn at(c: &Condition) -> String {
    c.span
        .map(|s| format!("{}:{}", s.line, s.column))
        .unwrap_or_default()
}

fn push_operands(lines: &mut Vec<(String, String, String)>, c: &Condition, indent: usize) {
    for o in &c.operands {
        lines.push((
            at(o),
            format!("{}{}", " ".repeat(indent), o.text),
            shown(o.value.as_ref()),
        ));
        push_operands(lines, o, indent + 2);
    }
}

/// The explanation for people.
pub fn text(e: &Explanation) -> String {
    let verdict = if e.flagged { "flagged" } else { "not flagged" };
    let mut out = format!(
        "{} on {} ({}): {}\n",
        paint(BOLD, &e.rule),
        e.app,
        e.app_name,
        paint(BOLD, verdict)
    );
    if let Some(m) = &e.message {
        out.push_str(&format!("  {m}\n"));
    }
    if let Some(err) = &e.error {
        out.push_str(&format!("  the rule failed: {}\n", err.message));
    }
    out.push_str(&format!(
        "\n{} {}\n",
        paint(BOLD, "Conditions"),
        paint(DIM, &format!("({})", e.rule_file))
    ));
    if e.steps.is_empty() {
        out.push_str("  (the check has no top-level `if` or `let` to take apart)\n");
    }
    let mut lines = Vec::new();
    for step in &e.steps {
        let c = &step.condition;
        let indent = step.depth * 2;
        let head = match (step.kind, &step.name) {
            (StepKind::Let, Some(name)) => format!("let {name} = {}", c.text),
            _ => format!("if {}", c.text),
        };
        lines.push((
            at(c),
            format!("{}{head}", " ".repeat(indent)),
            shown(c.value.as_ref()),
        ));
        push_operands(&mut lines, c, indent + 2);
    }
    let width = lines.iter().map(|l| l.1.chars().count()).max().unwrap_or(0);
    for (at, text, value) in &lines {
        let pad = width - text.chars().count();
        out.push_str(&format!(
            "  {at:<7}{text}{}  {} {value}\n",
            " ".repeat(pad),
            paint(DIM, "=>")
        ));
    }
    out.push_str(&format!(
        "\n{} {}\n",
        paint(BOLD, "Fields read"),
        paint(DIM, &format!("({})", e.app_file))
    ));
    if e.fields.is_empty() {
        out.push_str("  (none besides the app's id and name)\n");
    }
    let width = e.fields.iter().map(|f| f.field.len()).max().unwrap_or(0);
    let value_width = e
        .fields
        .iter()
        .map(|f| value_text(&f.value).chars().count())
        .max()
        .unwrap_or(0);
    for f in &e.fields {
        let source = cite(&f.provenance);
        out.push_str(&format!(
            "  {:<width$}  {:<value_width$}{}\n",
            f.field,
            value_text(&f.value),
            if source.is_empty() {
                String::new()
            } else {
                format!("  {}", paint(DIM, &source))
            }
        ));
    }
    out
}

/// The explanation as JSON.
pub fn json(e: &Explanation) -> String {
    capcheck_core::front::json(e)
}
