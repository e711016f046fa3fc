//! `capcheck apps`: one row per app with its key capabilities and finding counts.

use capcheck_core::report::SeverityCounts;
use capcheck_core::view::{key_capabilities, KeyCapabilities};
use capcheck_core::{AppRecord, Report, Severity};
use serde::Serialize;

use super::text::{columns, markdown, Cell};
use crate::args::Format;

/// One app's row.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(flatten)]
    caps: KeyCapabilities<'a>,
    findings: SeverityCounts,
    /// The attribution of the catalogue the row draws on, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    attribution: Option<&'static str>,
}

impl<'a> Row<'a> {
    /// The row for `record`, counting its findings in `report`.
    pub fn new(record: &'a AppRecord, report: &Report) -> Row<'a> {
        Row {
            id: &record.id,
            name: &record.name,
            caps: key_capabilities(record),
            findings: SeverityCounts::of(report.findings.iter().filter(|f| f.app == record.id)),
            attribution: capcheck_core::catalogue::cites_catalogue(record)
                .then_some(capcheck_core::catalogue::ATTRIBUTION),
        }
    }
}

fn short(v: &str) -> String {
    if v == "not-documented" {
        "n/d".into()
    } else {
        v.into()
    }
}

fn counts(c: &SeverityCounts) -> String {
    let parts: Vec<String> = Severity::ALL
        .iter()
        .rev()
        .filter(|s| c.get(**s) > 0)
        .map(|s| format!("{} {}", c.get(*s), s.as_str()))
        .collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}

fn cells(r: &Row<'_>) -> Vec<String> {
    vec![
        r.id.to_owned(),
        r.name.to_owned(),
        short(r.caps.user_api),
        short(r.caps.scim),
        r.caps.scim_plan.unwrap_or("n/d").to_owned(),
        short(r.caps.sso),
        short(r.caps.jit),
        if r.caps.idps.is_empty() {
            "n/d".into()
        } else {
            r.caps.idps.join(",")
        },
        short(r.caps.webhooks),
        counts(&r.findings),
    ]
}

const HEADER: [&str; 10] = [
    "ID",
    "NAME",
    "USER API",
    "SCIM",
    "SCIM PLAN",
    "SSO",
    "JIT",
    "IDPS",
    "WEBHOOKS",
    "FINDINGS",
];

/// The rows in `format`.
pub fn render(rows: &[Row<'_>], format: Format) -> String {
    let attribution = rows
        .iter()
        .find_map(|r| r.attribution)
        .map(|a| format!("Catalogue facts: {a}\n"))
        .unwrap_or_default();
    match format {
        Format::Table => {
            let body: Vec<Vec<Cell>> = rows
                .iter()
                .map(|r| cells(r).into_iter().map(Cell::plain).collect())
                .collect();
            let mut out = columns(&HEADER, &body);
            out.push_str(&format!(
                "\n{} app{}; n/d = not documented\n",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" }
            ));
            out.push_str(&attribution);
            out
        }
        Format::Json => capcheck_core::front::json(rows),
        Format::Csv => {
            let mut records = vec![HEADER
                .iter()
                .map(|h| h.to_lowercase().replace(' ', "_"))
                .collect::<Vec<String>>()];
            for r in rows {
                let mut c = cells(r);
                for v in c.iter_mut() {
                    if v == "n/d" {
                        *v = "not-documented".into();
                    }
                }
                records.push(c);
            }
            let text = capcheck_core::front::csv(&records);
            if attribution.is_empty() {
                text
            } else {
                text + "# " + attribution.as_str()
            }
        }
        Format::Markdown => {
            let body: Vec<Vec<String>> = rows.iter().map(cells).collect();
            markdown(&HEADER, &body) + "\nn/d = not documented\n" + attribution.as_str()
        }
    }
}
