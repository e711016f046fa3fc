//! The plan as Markdown, CSV, JSON and a standalone HTML page: pure functions over one
//! [`Plan`], shared by the CLI and the browser.

use super::chart::{self, escape};
use super::{Plan, PlanApp};
use crate::inventory::write_row;

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
    let mut out = String::new();
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
    write_row(&mut out, &header);
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
        let row: Vec<String> = row.iter().map(|c| inert(c)).collect();
        write_row(&mut out, &row);
    }
    out
}

/// The plan as its versioned JSON.
pub fn json(plan: &Plan) -> String {
    crate::encode::json(plan)
}

/// The plan as one HTML page, with its charts; no script, no outside resource.
pub fn html(plan: &Plan) -> String {
    let t = escape(&title(plan));
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <style>body{{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}}\
         table{{border-collapse:collapse;width:100%}}th,td{{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}}\
         .plan-charts{{display:flex;flex-wrap:wrap;gap:1rem}}.plan-charts figure{{flex:1 1 20rem;margin:0}}\
         .path{{font-weight:600}}.path-manual{{color:#9a3412}}.path-automatic{{color:#166534}}.muted{{color:#555}}</style></head><body>\n<h1>{t}</h1>\n{}</body></html>\n",
        html_body(plan, false)
    )
}

/// The plan as an HTML fragment: summary, charts, the apps riskiest first, each app's steps, and
/// the apps without a record. Every text is escaped. With `app_links`, matched apps link to
/// their record's page in the browser app (`#/apps/<id>`). The browser shows exactly this.
pub fn html_body(plan: &Plan, app_links: bool) -> String {
    let mut out = String::new();
    let source = match &plan.leaver {
        Some(l) => format!("For {}: ", escape(l)),
        None => String::new(),
    };
    out.push_str(&format!(
        "<p class=\"muted\" data-testid=\"plan-source\">{source}{} inventory apps from <code>{}</code> ({}); rules as of {}.</p>\n\
         <p class=\"plan-summary\"><strong data-testid=\"plan-summary\">{}</strong></p>\n",
        plan.inventory.apps,
        escape(&plan.inventory.file),
        plan.inventory.format,
        plan.today,
        escape(&plan.summary.line())
    ));
    out.push_str(&format!(
        "<div class=\"plan-charts\"><figure data-testid=\"chart-path\">{}</figure><figure data-testid=\"chart-severity\">{}</figure></div>\n",
        chart::by_path(plan, "plan-path"),
        chart::by_severity(plan, "plan-severity")
    ));
    out.push_str("<div class=\"table-wrap\"><table class=\"plan-table\" data-testid=\"plan-table\"><thead><tr><th>#</th><th>App</th><th>Path</th><th>Owner</th><th>Users</th><th>Highest finding</th></tr></thead><tbody>\n");
    for (i, a) in plan.apps.iter().enumerate() {
        let name = escape(&a.name);
        let app = match (&a.record, app_links) {
            (Some(r), true) => format!("<a href=\"#/apps/{}\">{name}</a>", escape(r)),
            _ => format!("<a href=\"#app-{}\">{name}</a>", i + 1),
        };
        let sev = a.severity.map_or(String::new(), |s| {
            format!("<span class=\"sev sev-{0}\">{0}</span>", s.as_str())
        });
        out.push_str(&format!(
            "<tr data-path=\"{p}\"><td>{}</td><td>{app}</td><td><span class=\"path path-{p}\">{}</span> <span class=\"muted small\">{}</span></td><td>{}</td><td>{}</td><td>{sev}</td></tr>\n",
            i + 1,
            a.path.label(),
            escape(&a.path_detail),
            escape(a.owner.as_deref().unwrap_or("")),
            users(a),
            p = a.path.as_str(),
        ));
    }
    out.push_str("</tbody></table></div>\n<h2>Steps, app by app</h2>\n");
    for (i, a) in plan.apps.iter().enumerate() {
        out.push_str(&format!(
            "<details class=\"plan-app\" id=\"app-{}\"{}><summary>{}. {} ({})</summary>\n",
            i + 1,
            if app_links { "" } else { " open" },
            i + 1,
            escape(&a.name),
            a.path.label()
        ));
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
        out.push_str("</ol>\n<p class=\"small\">Evidence to keep:</p><ul class=\"small\">");
        for e in &a.evidence {
            out.push_str(&format!("<li>{}</li>", escape(e)));
        }
        out.push_str("</ul></details>\n");
    }
    let unmatched: Vec<&PlanApp> = plan.apps.iter().filter(|a| a.record.is_none()).collect();
    if !unmatched.is_empty() {
        out.push_str(
            "<h2>Apps without a capability record</h2>\n<ul data-testid=\"plan-unmatched\">",
        );
        for a in unmatched {
            out.push_str(&format!(
                "<li><strong>{}</strong>: {}.",
                escape(&a.name),
                escape(&a.path_detail)
            ));
            if !a.suggestions.is_empty() {
                let ids: Vec<String> = a
                    .suggestions
                    .iter()
                    .map(|id| match app_links {
                        true => format!("<a href=\"#/apps/{0}\">{0}</a>", escape(id)),
                        false => format!("<code>{}</code>", escape(id)),
                    })
                    .collect();
                let what = if a.matched == "ambiguous" {
                    "Could be"
                } else {
                    "Did you mean"
                };
                out.push_str(&format!(" {what} {}?", ids.join(", ")));
            }
            if let Some(h) = &a.hint {
                out.push_str(&format!(
                    " <span class=\"muted small\">Hint: {}.</span>",
                    escape(h)
                ));
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>\n");
    }
    out
}
