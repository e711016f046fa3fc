//! Reading one labelled value: yes/no/partial, page sizes, plans and their tiers, free text.
//! "Not documented" and the placeholders pages print keep the page's words in `raw` and leave the
//! value not documented.

use super::quick_ref::Reading;
use super::Warnings;
use crate::model::{Fact, PlanTier, Tri};
use crate::Code;

pub(crate) fn clip(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

/// True for the phrases pages print where nothing is documented.
pub(crate) fn is_undocumented(value: &str) -> bool {
    let v = value.trim().trim_end_matches('.').to_lowercase();
    v.is_empty()
        || v.starts_with("not documented")
        || v.starts_with("not publicly documented")
        || v.starts_with("no documented")
        || matches!(
            v.as_str(),
            "undocumented" | "unknown" | "not specified" | "not stated" | "tbd" | "-" | "—" | "?"
        )
}

pub(crate) fn located<T: Default>(r: &Reading) -> Fact<T> {
    Fact {
        line: Some(r.line),
        quote: Some(r.quote.clone()),
        note: r
            .incomplete
            .then(|| "Read from the page's last line, which is cut off.".to_owned()),
        ..Fact::default()
    }
}

pub(crate) fn text(r: Option<&Reading>) -> Fact<Option<String>> {
    let Some(r) = r else { return Fact::default() };
    if is_undocumented(&r.value) {
        Fact {
            raw: Some(r.value.clone()),
            ..located(r)
        }
    } else {
        Fact {
            value: Some(r.value.clone()),
            ..located(r)
        }
    }
}

/// Reads yes/no/partial; "Not documented" stays not documented, anything unreadable too (with a
/// warning), keeping the page's words.
pub(crate) fn tri(r: Option<&Reading>, field: &str, warn: &mut Warnings) -> Fact<Tri> {
    let Some(r) = r else { return Fact::default() };
    let v = r.value.trim().trim_end_matches('.').to_lowercase();
    let first = v.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let value = match (v.as_str(), first) {
        ("yes" | "true" | "available" | "supported", _) => Some(Tri::Yes),
        ("no" | "false" | "not available" | "not supported" | "none", _) => Some(Tri::No),
        ("partial" | "partially" | "limited", _) => Some(Tri::Partial),
        _ if is_undocumented(&v) => Some(Tri::NotDocumented),
        (_, "yes") => Some(Tri::Yes),
        (_, "no") => Some(Tri::No),
        (_, "partial" | "limited") => Some(Tri::Partial),
        _ => None,
    };
    let exact = matches!(v.as_str(), "yes" | "no" | "partial");
    match value {
        Some(value) => Fact {
            value,
            raw: (!exact).then(|| r.value.clone()),
            ..located(r)
        },
        None => {
            warn.line(
                Code::InvalidValue,
                r.line,
                r.column,
                field,
                format!(
                    "`{}` is not yes, no, partial or not documented",
                    clip(&r.value)
                ),
            );
            Fact {
                raw: Some(r.value.clone()),
                ..located(r)
            }
        }
    }
}

/// A page size. `0` is the placeholder pages print when nothing is documented.
pub(crate) fn size(r: Option<&Reading>, field: &str, warn: &mut Warnings) -> Fact<Option<u32>> {
    let Some(r) = r else { return Fact::default() };
    let v = r.value.trim();
    let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
    let n = digits.parse::<u32>().ok();
    match n {
        Some(n) if n > 0 => Fact {
            value: Some(n),
            raw: (digits != v).then(|| r.value.clone()),
            ..located(r)
        },
        Some(_) => Fact {
            raw: Some(r.value.clone()),
            ..located(r)
        },
        None => {
            if !is_undocumented(v) {
                warn.line(
                    Code::InvalidValue,
                    r.line,
                    r.column,
                    field,
                    format!("`{}` is not a page size", clip(v)),
                );
            }
            Fact {
                raw: Some(r.value.clone()),
                ..located(r)
            }
        }
    }
}

/// The plan as printed and its tier.
pub(crate) fn plan(
    r: &Reading,
    warn: &mut Warnings,
) -> (Fact<Option<String>>, Fact<Option<PlanTier>>) {
    let v = r.value.trim();
    let lower = v.to_lowercase();
    if is_undocumented(v) {
        return (text(Some(r)), Fact::default());
    }
    let tier = if matches!(
        lower.trim_end_matches('.'),
        "n/a" | "na" | "not applicable" | "none"
    ) {
        let plan = Fact {
            raw: Some(v.to_owned()),
            ..located(r)
        };
        let tier = Fact {
            value: Some(PlanTier::NotApplicable),
            raw: Some(v.to_owned()),
            ..located(r)
        };
        return (plan, tier);
    } else {
        plan_tier(&lower)
    };
    if tier.is_none() {
        warn.line(
            Code::UnknownPlan,
            r.line,
            r.column,
            "scim.plan_tier",
            format!("could not tell which tier the plan `{}` is", clip(v)),
        );
    }
    let plan = Fact {
        value: Some(v.to_owned()),
        ..located(r)
    };
    let tier = Fact {
        value: tier,
        raw: Some(v.to_owned()),
        ..located(r)
    };
    (plan, tier)
}

/// The tier a plan's name says, if any.
pub(crate) fn plan_tier(lower: &str) -> Option<PlanTier> {
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let business = has(&[
        "business",
        "professional",
        "premium",
        "team",
        "growth",
        "scale",
        "pro ",
    ]) || lower == "pro";
    if has(&["add-on", "add on", "addon"]) {
        Some(PlanTier::AddOn)
    } else if has(&["enterprise", "custom"]) && !business {
        Some(PlanTier::Enterprise)
    } else if has(&[
        "business",
        "professional",
        "premium",
        "team",
        "growth",
        "scale",
        "pro ",
    ]) || lower == "pro"
    {
        Some(PlanTier::Business)
    } else if has(&["all plans", "any plan", "free", "every plan"]) {
        Some(PlanTier::All)
    } else if has(&["paid"]) {
        Some(PlanTier::Paid)
    } else {
        None
    }
}
