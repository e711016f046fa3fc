//! The page's prose: summary, limitations, scenarios and traps, and what the importer infers
//! from the text (identity providers, SAML, just-in-time provisioning, what to reassign on
//! offboarding). Inferred facts are marked `inferred` and cite the sentence they come from.

use super::page::{self, Line, Section};
use super::values::clip;
use super::Warnings;
use crate::model::{AppRecord, Fact, Idp, Scenario, Tri};
use crate::Code;

/// A paragraph: consecutive lines joined, starting at `line`.
#[derive(Debug, Clone)]
struct Paragraph {
    line: u32,
    first: String,
    text: String,
}

/// The paragraphs of a section. A line that does not end a sentence (`...contracts;`) runs on
/// into the next one, across a blank line.
fn paragraphs<'a>(lines: impl Iterator<Item = &'a Line<'a>>) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open = false;
    for l in lines {
        if l.text.is_empty() || page::heading(l.text).is_some() {
            continue;
        }
        let text = page::unbullet(l.text);
        match out.last_mut() {
            Some(p) if open => {
                p.text.push(' ');
                p.text.push_str(text);
            }
            _ => out.push(Paragraph {
                line: l.no,
                first: text.to_owned(),
                text: text.to_owned(),
            }),
        }
        open = !page::ends_sentence(text);
    }
    out
}

fn in_section<'a>(lines: &'a [Line<'a>], s: Section) -> impl Iterator<Item = &'a Line<'a>> {
    lines.iter().filter(move |l| l.section == s)
}

/// Summary, limitations, scenarios and traps.
pub(crate) fn apply(lines: &[Line<'_>], record: &mut AppRecord, warn: &mut Warnings) {
    let summary: Vec<Paragraph> = paragraphs(in_section(lines, Section::Summary));
    if let Some(first) = summary.first() {
        let text: Vec<&str> = summary.iter().map(|p| p.text.as_str()).collect();
        record.summary = Fact {
            value: Some(text.join(" ")),
            line: Some(first.line),
            quote: Some(first.first.clone()),
            ..Fact::default()
        };
    }
    record.limitations = in_section(lines, Section::Limitations)
        .filter(|l| !l.text.is_empty() && page::heading(l.text).is_none())
        .map(|l| {
            let text = page::unbullet(l.text).to_owned();
            Fact {
                value: Some(text.clone()),
                line: Some(l.no),
                quote: Some(text),
                ..Fact::default()
            }
        })
        .collect();
    record.scenarios = scenarios(lines, warn);
    record.traps = paragraphs(in_section(lines, Section::Traps))
        .into_iter()
        .map(|p| Fact {
            value: Some(p.text),
            line: Some(p.line),
            quote: Some(p.first),
            ..Fact::default()
        })
        .collect();
}

/// Worked scenarios: a title line, numbered steps, "Watch out for: ...".
fn scenarios(lines: &[Line<'_>], warn: &mut Warnings) -> Vec<Scenario> {
    let mut out: Vec<Scenario> = Vec::new();
    let mut last_text: Option<&Line<'_>> = None;
    let mut in_steps = false;
    for l in in_section(lines, Section::Scenarios) {
        if l.text.is_empty() || page::heading(l.text).is_some() {
            continue;
        }
        let text = page::unbullet(l.text);
        if let Some(step) = page::strip_number(text) {
            // A step cut by the end of the page is left out; the steps before it stay.
            if l.incomplete {
                continue;
            }
            if !in_steps {
                match last_text {
                    Some(title) => out.push(Scenario {
                        title: page::unbullet(title.text)
                            .trim_start_matches('#')
                            .trim()
                            .trim_end_matches(':')
                            .to_owned(),
                        line: Some(title.no),
                        ..Scenario::default()
                    }),
                    None => {
                        warn.at(
                            Code::ScenarioWithoutTitle,
                            l,
                            1,
                            "scenarios",
                            "numbered steps with no scenario title before them",
                        );
                        out.push(Scenario {
                            title: String::new(),
                            line: Some(l.no),
                            ..Scenario::default()
                        });
                    }
                }
                in_steps = true;
            }
            if let Some(s) = out.last_mut() {
                s.steps.push(step.to_owned());
                s.calls.extend(super::endpoints::calls_in(step));
            }
        } else if let Some(rest) = watch_out(text) {
            match out.last_mut() {
                Some(s) if s.watch_out.is_none() => s.watch_out = Some(rest.to_owned()),
                _ => warn.at(
                    Code::UnreadLine,
                    l,
                    1,
                    "scenarios",
                    format!("`{}` belongs to no scenario", clip(text)),
                ),
            }
            in_steps = false;
        } else {
            in_steps = false;
            last_text = Some(l);
        }
    }
    out
}

fn watch_out(text: &str) -> Option<&str> {
    let (label, rest) = page::split_colon(text)?;
    (page::normalize_label(label) == "watch out for").then_some(rest)
}

/// A sentence of the page, with its line.
pub(crate) struct Sentence<'a> {
    pub line: u32,
    pub text: &'a str,
}

/// Every sentence of the page's own prose (not the related apps or the advertisement), in page
/// order.
pub(crate) fn page_sentences<'a>(lines: &'a [Line<'a>]) -> Vec<Sentence<'a>> {
    lines
        .iter()
        .filter(|l| {
            !matches!(
                l.section,
                Section::Related | Section::Promo | Section::Header | Section::Other
            )
        })
        .filter(|l| page::heading(l.text).is_none() && !l.incomplete)
        .flat_map(|l| {
            let text = page::unbullet(l.text);
            let text = page::strip_number(text).unwrap_or(text);
            page::sentences(text).into_iter().map(move |s| Sentence {
                line: l.no,
                text: s,
            })
        })
        .collect()
}

/// The parts of a sentence that do not deny: `X - Y are not confirmed` keeps `X`.
fn affirmed_clauses(sentence: &str) -> Vec<&str> {
    let mut parts = vec![sentence];
    for sep in [" - ", "; ", ", but ", " but ", " — ", " – "] {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.into_iter().filter(|p| !denies(p)).collect()
}

pub(crate) fn denies(clause: &str) -> bool {
    let c = format!(" {} ", clause.to_lowercase());
    [
        " no ",
        " not ",
        "n't ",
        " without ",
        " never ",
        " absent ",
        " neither ",
        " nor ",
    ]
    .iter()
    .any(|w| c.contains(w))
}

const IDPS: &[(&str, Idp)] = &[
    ("okta", Idp::Okta),
    ("entra", Idp::Entra),
    ("azure ad", Idp::Entra),
    ("google workspace", Idp::GoogleWorkspace),
    ("onelogin", Idp::Onelogin),
];

fn idps_in(text: &str) -> Vec<Idp> {
    let lower = text.to_lowercase();
    let mut found: Vec<(usize, Idp)> = Vec::new();
    for (name, idp) in IDPS {
        if let Some(i) = lower.find(name) {
            if !found.iter().any(|(_, f)| f == idp) {
                found.push((i, *idp));
            }
        }
    }
    crate::order::sort_by_key(&mut found, |(i, _)| *i);
    found.into_iter().map(|(_, idp)| idp).collect()
}

pub(crate) fn inferred<T: Default>(s: &Sentence<'_>, value: T) -> Fact<T> {
    Fact {
        value,
        line: Some(s.line),
        quote: Some(s.text.to_owned()),
        inferred: true,
        ..Fact::default()
    }
}

/// Identity providers, SAML, just-in-time provisioning and reassignment, read from the prose.
pub(crate) fn infer(lines: &[Line<'_>], record: &mut AppRecord) {
    let sentences = page_sentences(lines);
    // Identity providers: the first sentence that names them as supported, else the first that
    // names them at all, counting only clauses that do not deny.
    let naming: Vec<(&Sentence<'_>, Vec<Idp>, bool)> = sentences
        .iter()
        .filter_map(|s| {
            let clauses = affirmed_clauses(s.text);
            let idps: Vec<Idp> =
                clauses
                    .iter()
                    .flat_map(|c| idps_in(c))
                    .fold(Vec::new(), |mut acc, i| {
                        if !acc.contains(&i) {
                            acc.push(i);
                        }
                        acc
                    });
            let supported = clauses.iter().any(|c| c.to_lowercase().contains("support"));
            (!idps.is_empty()).then_some((s, idps, supported))
        })
        .collect();
    let idp_pick = naming
        .iter()
        .find(|(_, _, supported)| *supported)
        .or_else(|| naming.first());
    if let Some((s, idps, _)) = idp_pick {
        record.sso.idps = inferred(s, Some(idps.clone()));
    }
    let first_affirming = |words: &[&str]| {
        sentences.iter().find(|s| {
            affirmed_clauses(s.text).iter().any(|c| {
                let lower = c.to_lowercase();
                words.iter().any(|w| lower.contains(w))
            })
        })
    };
    if let Some(s) = first_affirming(&["saml"]) {
        record.sso.saml = inferred(s, Tri::Yes);
    } else if let Some((s, _, _)) = idp_pick.filter(|(s, _, _)| s.text.contains("SSO")) {
        record.sso.saml = Fact {
            note: Some(
                "The page names SSO with these identity providers; the protocol is not stated."
                    .into(),
            ),
            ..inferred(s, Tri::Yes)
        };
    }
    if let Some(s) = first_affirming(&["jit", "just-in-time", "just in time"]) {
        record.sso.jit = inferred(s, Tri::Yes);
    }
    if let Some((s, what)) = sentences
        .iter()
        .find_map(|s| reassigned(s.text).map(|w| (s, w)))
    {
        record.lifecycle.reassign_on_offboarding = inferred(s, Some(what));
    }
}

/// What a "Reassign any open X or Y owned by ..." sentence hands over.
fn reassigned(sentence: &str) -> Option<Vec<String>> {
    let lower = sentence.to_lowercase();
    let rest = lower.strip_prefix("reassign ")?;
    let end = [" owned by", " to ", " before ", " from "]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .unwrap_or(rest.len());
    let items: Vec<String> = rest[..end]
        .split([',', '/'])
        .flat_map(|p| p.split(" or "))
        .flat_map(|p| p.split(" and "))
        .map(|p| {
            let p = p.trim().trim_end_matches('.');
            let p = p.strip_prefix("any ").unwrap_or(p);
            let p = p.strip_prefix("all ").unwrap_or(p);
            let p = p.strip_prefix("the ").unwrap_or(p);
            let p = p.strip_prefix("their ").unwrap_or(p);
            p.strip_prefix("open ").unwrap_or(p).trim().to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect();
    (!items.is_empty()).then_some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denied_clauses_name_no_provider() {
        let s = "Automated provisioning is limited to SAML JIT via Okta or Entra ID only - Google Workspace and OneLogin are not confirmed supported IdPs.";
        let idps: Vec<Idp> = affirmed_clauses(s)
            .iter()
            .flat_map(|c| idps_in(c))
            .collect();
        assert_eq!(idps, vec![Idp::Okta, Idp::Entra]);
        assert!(affirmed_clauses("No IdP (Okta, Entra) connector listed.").is_empty());
    }

    #[test]
    fn reassignment_lists_what_is_handed_over() {
        assert_eq!(
            reassigned("Reassign any open opportunities or forecasts owned by the departing user to another rep."),
            Some(vec!["opportunities".to_owned(), "forecasts".to_owned()])
        );
        assert_eq!(
            reassigned("Reassign dashboards, reports and API keys to the team lead."),
            Some(vec![
                "dashboards".to_owned(),
                "reports".to_owned(),
                "api keys".to_owned()
            ])
        );
        assert_eq!(reassigned("Remove the user."), None);
    }
}
