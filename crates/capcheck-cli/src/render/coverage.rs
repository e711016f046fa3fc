//! `capcheck coverage` for people (lists) and tools (JSON).

use capcheck_core::coverage::Coverage;

use super::style::{paint, BOLD};

fn section(out: &mut String, title: &str, total: usize, items: &[String]) {
    out.push_str(&paint(
        BOLD,
        &format!("{title} ({} of {total})", items.len()),
    ));
    out.push('\n');
    if items.is_empty() {
        out.push_str("  none\n");
    }
    for i in items {
        out.push_str(&format!("  {i}\n"));
    }
    out.push('\n');
}

/// Three lists, each with its count.
pub fn table(c: &Coverage) -> String {
    let mut out = String::new();
    let width = c
        .rules_never_firing
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0);
    let rules: Vec<String> = c
        .rules_never_firing
        .iter()
        .map(|r| format!("{:width$}  {}", r.id, r.file))
        .collect();
    section(&mut out, "Rules that never fire", c.rules, &rules);
    section(
        &mut out,
        "Apps no rule can say anything about (no field the rules read is documented)",
        c.apps,
        &c.apps_not_read,
    );
    section(
        &mut out,
        "Fields no rule reads",
        c.fields,
        &c.fields_not_read,
    );
    out.push_str(&format!(
        "{} rule{} over {} app{}; {} of {} fields read\n",
        c.rules,
        if c.rules == 1 { "" } else { "s" },
        c.apps,
        if c.apps == 1 { "" } else { "s" },
        c.fields - c.fields_not_read.len(),
        c.fields
    ));
    out
}

/// The coverage as pretty JSON.
pub fn json(c: &Coverage) -> String {
    capcheck_core::front::json(c)
}
