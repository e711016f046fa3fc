//! The page's labelled values: the quick reference (`Has user APINo`, `| SCIM available | No |`)
//! and the `Label: value` bullets of the authentication, rate-limit, pagination, webhook and SCIM
//! sections, turned into the record's facts.
//!
//! "Not documented" stays not documented. The `0` page sizes and the `No` headers a page prints
//! under undocumented rate limits or pagination are placeholders: the fact keeps the page's words
//! in `raw` and its value stays not documented.

use super::page::{self, Line, Section};
use super::Warnings;
use crate::model::{AppRecord, Fact, PlanTier, Tri};

/// A labelled value the page states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    UserApi,
    ScimAvailable,
    ScimPlan,
    ScimVersion,
    ScimEndpoint,
    AuthMethod,
    RateLimits,
    RateHeaders,
    RetryAfter,
    RateNotes,
    PaginationMethod,
    DefaultPageSize,
    MaxPageSize,
    PaginationPointer,
    WebhooksAvailable,
    WebhookNotes,
    Alternative,
}

/// Labels as compared after [`page::normalize_label`].
const LABELS: &[(&str, Key)] = &[
    ("has user api", Key::UserApi),
    ("user api", Key::UserApi),
    ("scim available", Key::ScimAvailable),
    ("scim plan required", Key::ScimPlan),
    ("plan required", Key::ScimPlan),
    ("scim plan", Key::ScimPlan),
    ("scim version", Key::ScimVersion),
    ("endpoint", Key::ScimEndpoint),
    ("scim endpoint", Key::ScimEndpoint),
    ("auth method", Key::AuthMethod),
    ("authentication method", Key::AuthMethod),
    ("rate limits", Key::RateLimits),
    ("rate limit", Key::RateLimits),
    ("rate limit headers", Key::RateHeaders),
    ("retry after header", Key::RetryAfter),
    ("retry after", Key::RetryAfter),
    ("rate limit notes", Key::RateNotes),
    ("pagination method", Key::PaginationMethod),
    ("default page size", Key::DefaultPageSize),
    ("max page size", Key::MaxPageSize),
    ("maximum page size", Key::MaxPageSize),
    ("pagination pointer", Key::PaginationPointer),
    ("webhooks available", Key::WebhooksAvailable),
    ("webhook notes", Key::WebhookNotes),
    ("alternative event strategy", Key::Alternative),
];

/// Quick-reference labels that run into their value in the plain rendering, longest first.
const RUN_TOGETHER: &[(&str, Key)] = &[
    ("SCIM plan required", Key::ScimPlan),
    ("SCIM available", Key::ScimAvailable),
    ("Has user API", Key::UserApi),
];

/// Sections whose every line should be a labelled value.
const LABELLED: &[Section] = &[
    Section::QuickRef,
    Section::Auth,
    Section::Events,
    Section::ScimStatus,
];

fn key_of(label: &str) -> Option<Key> {
    let l = page::normalize_label(label);
    LABELS.iter().find(|(n, _)| *n == l).map(|(_, k)| *k)
}

/// One labelled value read from the page.
#[derive(Debug, Clone)]
pub(crate) struct Reading {
    key: Key,
    value: String,
    line: u32,
    column: usize,
    quote: String,
    /// Read from the quick reference, which the detailed sections override.
    quick: bool,
}

/// Every labelled value on the page, and a warning for each line of a labelled section that is
/// not one.
pub(crate) fn readings(lines: &[Line<'_>], warn: &mut Warnings) -> Vec<Reading> {
    let mut out = Vec::new();
    for l in lines {
        if l.text.is_empty() || page::heading(l.text).is_some() {
            continue;
        }
        if let Some(r) = reading(l) {
            out.push(r);
        } else if LABELLED.contains(&l.section) {
            if page::table_cells(l.text).is_some_and(|c| is_header_row(&c)) {
                continue;
            }
            warn.at(
                "unread-line",
                l,
                page::column_of(l.raw, l.text),
                "",
                format!(
                    "could not read `{}` in `{}`",
                    clip(l.text),
                    l.section.heading()
                ),
            );
        }
    }
    out
}

fn is_header_row(cells: &[&str]) -> bool {
    page::is_table_rule(cells)
        || cells.first().is_some_and(|c| {
            matches!(
                page::normalize_label(c).as_str(),
                "field" | "" | "item" | "capability"
            )
        })
}

fn reading(l: &Line<'_>) -> Option<Reading> {
    let text = page::unbullet(l.text);
    if let Some(cells) = page::table_cells(text) {
        let (label, value) = (cells.first()?, cells.get(1)?);
        return Some(Reading {
            key: key_of(label)?,
            value: (*value).to_owned(),
            line: l.no,
            column: page::column_of(l.raw, value),
            quote: format!("{label}: {value}"),
            quick: true,
        });
    }
    if let Some((label, value)) = page::split_colon(text) {
        if let Some(key) = key_of(label) {
            return Some(Reading {
                key,
                value: value.to_owned(),
                line: l.no,
                column: page::column_of(l.raw, value),
                quote: text.to_owned(),
                quick: l.section == Section::QuickRef,
            });
        }
    }
    if l.section == Section::QuickRef || l.section == Section::Header {
        for (label, key) in RUN_TOGETHER {
            let Some(head) = text.get(..label.len()) else {
                continue;
            };
            if head.eq_ignore_ascii_case(label) {
                let value = text[label.len()..].trim();
                if value.is_empty() {
                    return None;
                }
                return Some(Reading {
                    key: *key,
                    value: value.to_owned(),
                    line: l.no,
                    column: page::column_of(l.raw, value),
                    quote: text.to_owned(),
                    quick: true,
                });
            }
        }
    }
    None
}

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

/// The facts the readings state, one reading per key (the detailed sections before the quick
/// reference), written into `record`.
pub(crate) fn apply(readings: &[Reading], record: &mut AppRecord, warn: &mut Warnings) {
    let limits = pick(readings, Key::RateLimits, warn);
    let limits_documented = limits.as_ref().is_some_and(|r| !is_undocumented(&r.value));
    record.user_api = tri(
        pick(readings, Key::UserApi, warn).as_ref(),
        "user_api",
        warn,
    );
    record.auth.method = text(pick(readings, Key::AuthMethod, warn).as_ref());
    record.scim.available = tri(
        pick(readings, Key::ScimAvailable, warn).as_ref(),
        "scim.available",
        warn,
    );
    record.scim.version = text(pick(readings, Key::ScimVersion, warn).as_ref());
    record.scim.endpoint = text(pick(readings, Key::ScimEndpoint, warn).as_ref());
    if let Some(r) = pick(readings, Key::ScimPlan, warn) {
        let (plan, tier) = plan(&r, warn);
        record.scim.plan = plan;
        record.scim.plan_tier = tier;
    }
    record.rate_limits.limits = text(limits.as_ref());
    for (key, field, name) in [
        (
            Key::RateHeaders,
            &mut record.rate_limits.headers,
            "rate_limits.headers",
        ),
        (
            Key::RetryAfter,
            &mut record.rate_limits.retry_after,
            "rate_limits.retry_after",
        ),
    ] {
        let r = pick(readings, key, warn);
        *field = match &r {
            Some(r) if !limits_documented && r.value.trim().eq_ignore_ascii_case("no") => Fact {
                raw: Some(r.value.clone()),
                note: Some("A placeholder \"No\" under otherwise undocumented rate limits.".into()),
                ..located(r)
            },
            _ => tri(r.as_ref(), name, warn),
        };
    }
    record.rate_limits.notes = text(pick(readings, Key::RateNotes, warn).as_ref());
    let default_size = pick(readings, Key::DefaultPageSize, warn);
    let max_size = pick(readings, Key::MaxPageSize, warn);
    let pointer = pick(readings, Key::PaginationPointer, warn);
    record.pagination.default_page_size =
        size(default_size.as_ref(), "pagination.default_page_size", warn);
    record.pagination.max_page_size = size(max_size.as_ref(), "pagination.max_page_size", warn);
    record.pagination.pointer = text(pointer.as_ref());
    let nothing_else = record.pagination.default_page_size.value.is_none()
        && record.pagination.max_page_size.value.is_none()
        && record.pagination.pointer.value.is_none();
    record.pagination.method = match pick(readings, Key::PaginationMethod, warn) {
        Some(r) if nothing_else && r.value.trim().eq_ignore_ascii_case("none") => Fact {
            raw: Some(r.value.clone()),
            note: Some("\"none\" with no other pagination detail documented.".into()),
            ..located(&r)
        },
        r => text(r.as_ref()),
    };
    record.webhooks.available = tri(
        pick(readings, Key::WebhooksAvailable, warn).as_ref(),
        "webhooks.available",
        warn,
    );
    let notes = pick(readings, Key::WebhookNotes, warn);
    record.webhooks.notes = text(notes.as_ref());
    if let Some(n) = notes.as_ref().filter(|n| denies_user_events(&n.value)) {
        record.webhooks.user_events = Fact {
            value: Tri::No,
            ..located(n)
        };
    }
    record.webhooks.alternative = text(pick(readings, Key::Alternative, warn).as_ref());
}

/// The reading for `key`: the detailed section's before the quick reference's, with a warning
/// when the two disagree.
fn pick(readings: &[Reading], key: Key, warn: &mut Warnings) -> Option<Reading> {
    let of_key = || readings.iter().filter(move |r| r.key == key);
    let chosen = of_key().find(|r| !r.quick).or_else(|| of_key().next())?;
    for other in of_key() {
        let same = page::normalize_label(&other.value) == page::normalize_label(&chosen.value);
        if !same && other.line != chosen.line {
            warn.line(
                "conflicting-value",
                other.line,
                other.column,
                "",
                format!(
                    "`{}` here disagrees with `{}` on line {}; line {} is used",
                    clip(&other.value),
                    clip(&chosen.value),
                    chosen.line,
                    chosen.line
                ),
            );
        }
    }
    Some(chosen.clone())
}

fn located<T: Default>(r: &Reading) -> Fact<T> {
    Fact {
        line: Some(r.line),
        quote: Some(r.quote.clone()),
        ..Fact::default()
    }
}

fn text(r: Option<&Reading>) -> Fact<Option<String>> {
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
fn tri(r: Option<&Reading>, field: &str, warn: &mut Warnings) -> Fact<Tri> {
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
                "invalid-value",
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
fn size(r: Option<&Reading>, field: &str, warn: &mut Warnings) -> Fact<Option<u32>> {
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
                    "invalid-value",
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
fn plan(r: &Reading, warn: &mut Warnings) -> (Fact<Option<String>>, Fact<Option<PlanTier>>) {
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
            "unknown-plan",
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
    if has(&["add-on", "add on", "addon"]) {
        Some(PlanTier::AddOn)
    } else if has(&["enterprise", "custom"]) {
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

/// True when webhook notes say there are no webhooks for user events.
fn denies_user_events(notes: &str) -> bool {
    let n = notes.to_lowercase();
    let about_users = n.contains("user") || n.contains("member") || n.contains("account");
    let negated = n.starts_with("no ") || n.contains(" no ") || n.contains("not ");
    about_users && negated && n.contains("webhook")
}
