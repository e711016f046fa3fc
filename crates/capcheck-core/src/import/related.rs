//! The "Related apps" block at the end of a page: short summaries of other apps ("Manual Only",
//! "AutomationNot Supported", "Last updatedFeb 2026"), each a partial record of its own.

use super::page::{self, Line, Section};
use super::values::clip;
use super::Warnings;
use crate::model::{AppRecord, Automation, Fact, Source, Tri};
use crate::Code;

/// One related-app entry as read.
#[derive(Debug, Default)]
struct Entry {
    name: Option<(u32, String)>,
    manual_only: Option<(u32, String)>,
    status: Option<(u32, String, String)>,
    updated: Option<String>,
    summary: Option<(u32, String)>,
}

fn is_label(text: &str) -> bool {
    let n = page::normalize_label(text);
    n == "manual only" || n.starts_with("automation") || n.starts_with("last updated")
}

/// The related apps' partial records, citing `document`.
pub(crate) fn records(lines: &[Line<'_>], document: &str, warn: &mut Warnings) -> Vec<AppRecord> {
    let body: Vec<&Line<'_>> = lines
        .iter()
        .filter(|l| {
            l.section == Section::Related && !l.text.is_empty() && page::heading(l.text).is_none()
        })
        .collect();
    let mut entries: Vec<Entry> = Vec::new();
    for (i, l) in body.iter().enumerate() {
        let text = page::unbullet(l.text).trim_start_matches('#').trim();
        let next_is_label = body.get(i + 1).is_some_and(|n| is_label(n.text));
        let norm = page::normalize_label(text);
        if let Some(name) = text.strip_suffix(" logo") {
            entries.push(Entry {
                name: Some((l.no, name.trim().to_owned())),
                ..Entry::default()
            });
        } else if norm == "manual only" {
            if let Some(e) = entries.last_mut() {
                e.manual_only = Some((l.no, text.to_owned()));
            }
        } else if norm.starts_with("automation") {
            let status = text
                .get("automation".len()..)
                .unwrap_or("")
                .trim_start_matches(':')
                .trim()
                .to_owned();
            if let Some(e) = entries.last_mut() {
                e.status = Some((l.no, status, text.to_owned()));
            }
        } else if norm.starts_with("last updated") {
            let date_text = text
                .get("last updated".len()..)
                .unwrap_or("")
                .trim_start_matches(':');
            match page::parse_page_date(date_text) {
                Some(d) => {
                    if let Some(e) = entries.last_mut() {
                        e.updated = Some(d);
                    }
                }
                None => warn.at(
                    Code::InvalidDate,
                    l,
                    page::column_of(l.raw, date_text.trim()),
                    "sources.updated",
                    format!("could not read the date `{}`", clip(date_text.trim())),
                ),
            }
        } else {
            let named_here = entries
                .last()
                .and_then(|e| e.name.as_ref())
                .is_some_and(|(_, n)| n == text);
            let open = entries
                .last()
                .is_some_and(|e| e.summary.is_none() && e.name.is_some());
            if named_here {
                continue;
            } else if next_is_label || !open {
                entries.push(Entry {
                    name: Some((l.no, text.to_owned())),
                    ..Entry::default()
                });
            } else if let Some(e) = entries.last_mut() {
                e.summary = Some((l.no, text.to_owned()));
            }
        }
    }
    entries
        .into_iter()
        .filter_map(|e| record(e, document, warn))
        .collect()
}

fn record(e: Entry, document: &str, warn: &mut Warnings) -> Option<AppRecord> {
    let (name_line, name) = e.name?;
    let id = page::slug(&name);
    if id.is_empty() {
        warn.line(
            Code::UnreadLine,
            name_line,
            1,
            "name",
            format!("`{}` is not an app name", clip(&name)),
        );
        return None;
    }
    if e.status.is_none() && e.manual_only.is_none() && e.summary.is_none() {
        warn.line(
            Code::IncompleteRelatedApp,
            name_line,
            1,
            "",
            format!(
                "related app `{}` has no status or summary; the page may be cut off",
                clip(&name)
            ),
        );
    }
    let scim = e
        .summary
        .as_ref()
        .and_then(|(line, text)| denies_scim(text).map(|sentence| (*line, sentence.to_owned())));
    let summary = e.summary.map(|(line, text)| Fact {
        note: (!page::ends_sentence(&text))
            .then(|| "The summary is cut off in the source.".to_owned()),
        value: Some(text.clone()),
        line: Some(line),
        quote: Some(text),
        ..Fact::default()
    });
    let mut record = AppRecord {
        id,
        name: name.clone(),
        summary: summary.unwrap_or_default(),
        sources: vec![Source {
            id: "related".into(),
            title: Some(format!("Related apps: {name}")),
            document: Some(document.to_owned()),
            url: None,
            updated: e.updated,
        }],
        automation: Automation {
            manual_only: e
                .manual_only
                .map(|(line, quote)| Fact {
                    value: Tri::Yes,
                    line: Some(line),
                    quote: Some(quote),
                    ..Fact::default()
                })
                .unwrap_or_default(),
            status: e
                .status
                .map(|(line, status, quote)| Fact {
                    value: (!status.is_empty()).then_some(status),
                    line: Some(line),
                    quote: Some(quote),
                    ..Fact::default()
                })
                .unwrap_or_default(),
        },
        ..AppRecord::default()
    };
    if let Some((line, sentence)) = scim {
        record.scim.available = Fact {
            value: Tri::No,
            line: Some(line),
            quote: Some(sentence),
            inferred: true,
            ..Fact::default()
        };
    }
    Some(record)
}

/// The sentence of a related app's summary that says it has no SCIM, if one does.
fn denies_scim(summary: &str) -> Option<&str> {
    page::sentences(summary).into_iter().find(|s| {
        let l = s.to_lowercase();
        [
            "no scim",
            "no native scim",
            "scim is not available",
            "does not support scim",
        ]
        .iter()
        .any(|p| l.contains(p))
    })
}
