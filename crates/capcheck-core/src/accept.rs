//! Setting findings apart: what waivers and a baseline do to a report, and the baseline a report
//! gives. `crate::baseline` and `crate::waiver` read and write their files; this module is the
//! one place that changes a report with them.

use std::collections::BTreeSet;

use crate::baseline::{Baseline, BaselineEntry, BASELINE_VERSION};
use crate::diagnostic::{Code, Diagnostic};
use crate::report::{Finding, Report};
use crate::waiver::{WaivedFinding, Waiver};

/// The baseline of a report: its active findings, new and baselined. Waived findings are
/// left out, so the waiver stays the one place that accepts them.
pub fn baseline_of(report: &Report) -> Baseline {
    let mut findings: Vec<BaselineEntry> = report
        .findings
        .iter()
        .chain(&report.baselined)
        .map(|f| BaselineEntry {
            app: f.app.clone(),
            rule: f.rule.clone(),
            severity: f.severity,
            message: f.message.clone(),
        })
        .collect();
    findings.sort();
    Baseline {
        version: BASELINE_VERSION,
        created: report.today.clone(),
        findings,
    }
}

/// Applies a baseline: findings it lists move from `findings` to `baselined` (they no longer
/// count for the exit code); its entries whose app and rule were evaluated
/// (`evaluated(app, rule)`) but that no longer fire are listed in `fixed`. Recounts the summary.
pub fn apply_baseline(
    report: &mut Report,
    baseline: &Baseline,
    evaluated: &dyn Fn(&str, &str) -> bool,
) {
    let known: BTreeSet<(&str, &str)> = baseline
        .findings
        .iter()
        .map(|e| (e.app.as_str(), e.rule.as_str()))
        .collect();
    let findings = std::mem::take(&mut report.findings);
    let (old, new): (Vec<Finding>, Vec<Finding>) = findings
        .into_iter()
        .partition(|f| known.contains(&(f.app.as_str(), f.rule.as_str())));
    report.findings = new;
    report.baselined = old;
    let present: BTreeSet<(&str, &str)> = report
        .baselined
        .iter()
        .chain(report.waived.iter().map(|w| &w.finding))
        .map(|f| (f.app.as_str(), f.rule.as_str()))
        .collect();
    report.fixed = baseline
        .findings
        .iter()
        .filter(|e| !present.contains(&(e.app.as_str(), e.rule.as_str())))
        .filter(|e| evaluated(&e.app, &e.rule))
        .cloned()
        .collect();
    report.recount();
}

/// Applies waivers to a report: findings a current waiver covers move to `waived`; an expired
/// waiver (its `expires` before the report's `today`) is an error and waives nothing; a waiver
/// whose app and rule were both evaluated (`evaluated(app, rule)`) but that matches no finding
/// is a warning. Recounts the summary.
pub fn apply_waivers(
    report: &mut Report,
    waivers: &[Waiver],
    evaluated: &dyn Fn(&str, &str) -> bool,
) {
    let today = report.today.clone();
    let mut used = vec![false; waivers.len()];
    let findings = std::mem::take(&mut report.findings);
    for finding in findings {
        let hit = waivers
            .iter()
            .position(|w| w.app == finding.app && w.rule == finding.rule);
        match hit {
            Some(i) if waivers[i].expires.as_str() >= today.as_str() => {
                used[i] = true;
                report.waived.push(WaivedFinding {
                    finding,
                    waiver: waivers[i].clone(),
                });
            }
            _ => report.findings.push(finding),
        }
    }
    for (w, used) in waivers.iter().zip(used) {
        if w.expires.as_str() < today.as_str() {
            report.diagnostics.push(
                Diagnostic::error(
                    Code::WaiverExpired,
                    &w.file,
                    format!(
                        "the waiver for rule `{}` on app `{}` expired on {} (owner: {})",
                        w.rule, w.app, w.expires, w.owner
                    ),
                )
                .with_span(w.expires_span.or(w.span))
                .with_field(format!("waiver.{}.expires", w.index))
                .with_app(w.app.clone())
                .with_rule(w.rule.clone())
                .with_help("fix the finding, or renew the waiver with a new date and reason"),
            );
        } else if !used && evaluated(&w.app, &w.rule) {
            report.diagnostics.push(
                Diagnostic::warning(
                    Code::WaiverUnused,
                    &w.file,
                    format!(
                        "the waiver for rule `{}` on app `{}` matches no finding",
                        w.rule, w.app
                    ),
                )
                .with_span(w.span)
                .with_app(w.app.clone())
                .with_rule(w.rule.clone())
                .with_help("the finding is gone: delete the waiver"),
            );
        }
    }
    report.recount();
}
