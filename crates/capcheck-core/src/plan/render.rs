//! The plan as Markdown, CSV, JSON and a standalone HTML page: pure functions over one
//! [`Plan`], shared by the CLI and the browser.

use super::chart::{self, escape};
use super::{Plan, PlanApp};

fn title(plan: &Plan) -> String {
    match &plan.leaver {
        Some(l) => format!("Offboarding plan for {l}"),
        None => "Offboarding plan".to_owned(),
    }
}

fn users(app: &PlanApp) -> String {
    app.users.map_or(String::new(), |u| u.to_string())
}

fn severity(app: &PlanApp) -> &'static str {
    app.severity.map_or("", |s| s.as_str())
}

fn path_cell(app: &PlanApp) -> String {
    format!("{}: {}", app.path.label(), app.path_detail)
}

/// A Markdown table cell: pipes escaped, lines joined.
fn md(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The plan as Markdown: the summary, an overview table, then each app's steps.
pub fn markdown(plan: &Plan) -> String {
    let s = &plan.summary;
    let mut out = format!("# {}\n\n", title(plan));
    out.push_str(&format!(
        "From `{}` ({}), {} inventory apps; rules as of {}.\n\n",
        md(&plan.inventory.file),
        plan.inventory.format,
        plan.inventory.apps,
        plan.today
    ));
    out.push_str(&format!("**{}.**", s.line()));
    if s.no_record > 0 {
        out.push_str(&format!(" {} without a capability record.", s.no_record));
    }
    out.push_str("\n\n| # | App | Path | Owner | Users | Highest finding |\n| --- | --- | --- | --- | --- | --- |\n");
    for (i, a) in plan.apps.iter().enumerate() {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            md(&a.name),
            md(&path_cell(a)),
            md(a.owner.as_deref().unwrap_or("")),
            users(a),
            severity(a)
        ));
    }
    for (i, a) in plan.apps.iter().enumerate() {
        out.push_str(&format!(
            "\n## {}. {} ({})\n\n",
            i + 1,
            md(&a.name),
            a.path.label()
        ));
        match &a.record {
            Some(r) => out.push_str(&format!("Record `{r}`")),
            None => out.push_str("No capability record"),
        }
        if let Some(o) = &a.owner {
            out.push_str(&format!("; owner {}", md(o)));
        }
        if let Some(u) = a.users {
            out.push_str(&format!("; {u} users"));
        }
        out.push_str(&format!(". Path: {}.\n\n", md(&a.path_detail)));
        if !a.suggestions.is_empty() {
            let what = if a.matched == "ambiguous" {
                "Could be"
            } else {
                "Did you mean"
            };
            let ids: Vec<String> = a.suggestions.iter().map(|s| format!("`{s}`")).collect();
            out.push_str(&format!(
                "{what}: {}? Pin it in the overrides file.\n\n",
                ids.join(", ")
            ));
        }
        if let Some(h) = &a.hint {
            out.push_str(&format!("Hint: {}.\n\n", md(h)));
        }
        if !a.reassign.is_empty() {
            out.push_str(&format!(
                "Reassign first: {}.\n\n",
                md(&a.reassign.join(", "))
            ));
        }
        out.push_str("Steps:\n\n");
        for (n, step) in a.steps.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", n + 1, md(step)));
        }
        if !a.findings.is_empty() {
            out.push_str("\nFindings:\n\n");
            for f in &a.findings {
                out.push_str(&format!(
                    "- {} `{}`: {}\n",
                    f.severity.as_str(),
                    f.rule,
                    md(&f.message)
                ));
            }
        }
        out.push_str("\nEvidence to keep:\n\n");
        for e in &a.evidence {
            out.push_str(&format!("- {}\n", md(e)));
        }
    }
    if !plan.diagnostics.is_empty() {
        out.push_str("\n## Problems\n\n");
        for d in &plan.diagnostics {
            out.push_str(&format!(
                "- `{}`: {} ({})\n",
                d.location(),
                md(&d.message),
                d.code
            ));
        }
    }
    out
}

/// Makes a CSV cell inert for spreadsheets: a cell starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return would be read as a formula, so it gets a leading `'`.
pub fn inert(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// The plan as CSV: one row per app, riskiest first. Every cell is made [`inert`].
pub fn csv(plan: &Plan) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let header = [
        "order",
        "app",
        "record",
        "match",
        "path",
        "path_detail",
        "owner",
        "users",
        "criticality",
        "department",
        "idp",
        "highest_severity",
        "reassign",
        "steps",
        "evidence",
        "suggestions",
        "hint",
        "lines",
    ];
    let _ = w.write_record(header);
    for (i, a) in plan.apps.iter().enumerate() {
        let lines: Vec<String> = a.lines.iter().map(usize::to_string).collect();
        let row = [
            (i + 1).to_string(),
            a.name.clone(),
            a.record.clone().unwrap_or_default(),
            a.matched.to_owned(),
            a.path.as_str().to_owned(),
            a.path_detail.clone(),
            a.owner.clone().unwrap_or_default(),
            users(a),
            a.criticality.clone().unwrap_or_default(),
            a.department.clone().unwrap_or_default(),
            a.idp.clone().unwrap_or_default(),
            severity(a).to_owned(),
            a.reassign.join("; "),
            a.steps.join(" | "),
            a.evidence.join(" | "),
            a.suggestions.join("; "),
            a.hint.clone().unwrap_or_default(),
            lines.join(";"),
        ];
        let _ = w.write_record(row.iter().map(|c| inert(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The plan as its versioned JSON.
pub fn json(plan: &Plan) -> String {
    let mut s =
        serde_json::to_string_pretty(plan).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The plan as one HTML page, with its charts; no script, no outside resource.
pub fn html(plan: &Plan) -> String {
    let t = escape(&title(plan));
    let mut out = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <style>body{{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}}\
         table{{border-collapse:collapse;width:100%}}th,td{{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}}\
         .charts{{display:flex;flex-wrap:wrap;gap:1rem}}.charts figure{{flex:1 1 20rem;margin:0}}\
         .path-manual{{color:#9a3412}}.path-automatic{{color:#166534}}</style></head><body>\n<h1>{t}</h1>\n"
    );
    out.push_str(&format!(
        "<p>From <code>{}</code> ({}), {} inventory apps; rules as of {}.</p>\n<p><strong>{}.</strong></p>\n",
        escape(&plan.inventory.file),
        plan.inventory.format,
        plan.inventory.apps,
        plan.today,
        escape(&plan.summary.line())
    ));
    out.push_str(&format!(
        "<div class=\"charts\"><figure>{}</figure><figure>{}</figure></div>\n",
        chart::by_path(plan, "plan-path"),
        chart::by_severity(plan, "plan-severity")
    ));
    out.push_str("<table><thead><tr><th>#</th><th>App</th><th>Path</th><th>Owner</th><th>Users</th><th>Highest finding</th></tr></thead><tbody>\n");
    for (i, a) in plan.apps.iter().enumerate() {
        out.push_str(&format!(
            "<tr><td>{}</td><td><a href=\"#app-{}\">{}</a></td><td class=\"path-{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            i + 1,
            i + 1,
            escape(&a.name),
            a.path.as_str(),
            escape(&path_cell(a)),
            escape(a.owner.as_deref().unwrap_or("")),
            users(a),
            severity(a)
        ));
    }
    out.push_str("</tbody></table>\n");
    for (i, a) in plan.apps.iter().enumerate() {
        out.push_str(&format!(
            "<section id=\"app-{}\"><h2>{}. {} ({})</h2>\n",
            i + 1,
            i + 1,
            escape(&a.name),
            a.path.label()
        ));
        if let Some(h) = &a.hint {
            out.push_str(&format!("<p>Hint: {}.</p>\n", escape(h)));
        }
        if !a.suggestions.is_empty() {
            out.push_str(&format!(
                "<p>Did you mean: {}?</p>\n",
                escape(&a.suggestions.join(", "))
            ));
        }
        if !a.reassign.is_empty() {
            out.push_str(&format!(
                "<p>Reassign first: {}.</p>\n",
                escape(&a.reassign.join(", "))
            ));
        }
        out.push_str("<ol>");
        for s in &a.steps {
            out.push_str(&format!("<li>{}</li>", escape(s)));
        }
        out.push_str("</ol>\n<p>Evidence to keep:</p><ul>");
        for e in &a.evidence {
            out.push_str(&format!("<li>{}</li>", escape(e)));
        }
        out.push_str("</ul></section>\n");
    }
    out.push_str("</body></html>\n");
    out
}
