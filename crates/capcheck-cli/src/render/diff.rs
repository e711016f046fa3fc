//! `capcheck diff`: the findings a rule change adds, removes and changes, and the counts.

use capcheck_core::diff::FindingsDiff;
use capcheck_core::Finding;
use serde::Serialize;

use super::style::{self, paint, BOLD, DIM};

/// What was compared.
#[derive(Debug, Clone, Serialize)]
pub struct Sides {
    /// The old rule set, as named on the command line.
    pub base: String,
    /// Rules in it that compiled.
    pub base_rules: usize,
    /// The new rule set.
    pub new: String,
    /// Rules in it that compiled.
    pub new_rules: usize,
    /// Apps in the dataset.
    pub apps: usize,
}

fn row(mark: &str, f: &Finding, widths: (usize, usize)) -> String {
    let sev = f.severity.as_str().to_uppercase();
    format!(
        "  {mark} {}  {:<aw$}  {:<rw$}  {}\n",
        paint(style::severity(f.severity), &format!("{sev:<8}")),
        f.app,
        f.rule,
        f.message,
        aw = widths.0,
        rw = widths.1,
    )
}

/// The difference for people.
pub fn text(d: &FindingsDiff, sides: &Sides) -> String {
    let mut out = format!(
        "{} {} ({} rules) -> {} ({} rules) over {} apps\n",
        paint(BOLD, "Comparing"),
        sides.base,
        sides.base_rules,
        sides.new,
        sides.new_rules,
        sides.apps
    );
    let all = d
        .added
        .iter()
        .chain(&d.removed)
        .chain(d.changed.iter().map(|c| &c.after));
    let widths = all.fold((0, 0), |(a, r), f| {
        (a.max(f.app.len()), r.max(f.rule.len()))
    });
    if !d.added.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            paint(BOLD, &format!("Added ({})", d.added.len()))
        ));
        for f in &d.added {
            out.push_str(&row("+", f, widths));
        }
    }
    if !d.removed.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            paint(BOLD, &format!("Removed ({})", d.removed.len()))
        ));
        for f in &d.removed {
            out.push_str(&row("-", f, widths));
        }
    }
    if !d.changed.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            paint(BOLD, &format!("Changed ({})", d.changed.len()))
        ));
        for c in &d.changed {
            out.push_str(&row("~", c.after, widths));
            if c.before.severity != c.after.severity {
                out.push_str(&format!(
                    "      {} severity was {}\n",
                    paint(DIM, "was:"),
                    c.before.severity.as_str()
                ));
            }
            if c.before.message != c.after.message {
                out.push_str(&format!(
                    "      {} {}\n",
                    paint(DIM, "was:"),
                    c.before.message
                ));
            }
        }
    }
    if d.is_empty() {
        out.push_str("\nno finding added, removed or changed\n");
    }
    let (a, r, c) = d.counts();
    out.push_str(&format!(
        "\n{a} added, {r} removed, {c} changed, {} unchanged\n",
        d.unchanged
    ));
    out
}

#[derive(Serialize)]
struct JsonOut<'a> {
    compared: &'a Sides,
    #[serde(flatten)]
    diff: &'a FindingsDiff<'a>,
}

/// The difference as JSON.
pub fn json(d: &FindingsDiff, sides: &Sides) -> String {
    capcheck_core::front::json(&JsonOut {
        compared: sides,
        diff: d,
    })
}
