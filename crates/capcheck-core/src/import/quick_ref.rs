//! The page's labelled values: the quick reference (`Has user APINo`, `| SCIM available | No |`)
//! and the `Label: value` bullets of the authentication, rate-limit, pagination, webhook and SCIM
//! sections, turned into the record's facts.
//!
//! "Not documented" stays not documented. The `0` page sizes and the `No` headers a page prints
//! under undocumented rate limits or pagination are placeholders: the fact keeps the page's words
//! in `raw` and its value stays not documented.

use super::details;
use super::page::{self, Line, Section};
use super::values::{clip, is_undocumented, located, plan, size, text, tri};
use super::Warnings;
use crate::model::{AppRecord, Fact, Tri};
use crate::Code;

/// A labelled value the page states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    UserApi,
    ScimAvailable,
    ScimPlan,
    ScimVersion,
    ScimEndpoint,
    AuthMethod,
    BaseUrl,
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
    WebhookEvents,
    Alternative,
    ScimOperations,
    ScimConnectors,
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
    ("base url", Key::BaseUrl),
    ("api base url", Key::BaseUrl),
    ("webhook events", Key::WebhookEvents),
    ("user lifecycle events", Key::WebhookEvents),
    ("lifecycle events", Key::WebhookEvents),
    ("supported events", Key::WebhookEvents),
    ("supported operations", Key::ScimOperations),
    ("scim operations", Key::ScimOperations),
    ("idp connectors", Key::ScimConnectors),
    ("identity provider connectors", Key::ScimConnectors),
    ("connectors", Key::ScimConnectors),
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
    ("Auth method", Key::AuthMethod),
    ("Base URL", Key::BaseUrl),
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
    /// What the value is of.
    pub key: Key,
    /// The value as printed.
    pub value: String,
    /// Its 1-based line.
    pub line: u32,
    /// Its 1-based column.
    pub column: usize,
    /// The line's words, for the fact's `quote`.
    pub quote: String,
    /// Read from the quick reference, which the detailed sections override.
    pub quick: bool,
    /// Read from the cut last line of a page: never replaces a complete value.
    pub incomplete: bool,
}

/// Every labelled value on the page, and a warning for each line of a labelled section that is
/// not one.
pub(crate) fn readings(lines: &[Line<'_>], warn: &mut Warnings) -> Vec<Reading> {
    let mut out = Vec::new();
    for l in lines {
        if l.text.is_empty()
            || page::heading(l.text).is_some()
            || matches!(
                l.section,
                Section::Other | Section::Related | Section::Promo
            )
        {
            continue;
        }
        if let Some(r) = reading(l) {
            out.push(Reading {
                incomplete: l.incomplete,
                ..r
            });
        } else if LABELLED.contains(&l.section) && !l.incomplete {
            if page::table_cells(l.text).is_some_and(|c| is_header_row(&c)) {
                continue;
            }
            if let Some(label) = unknown_label(l) {
                warn.at(
                    Code::UnknownRow,
                    l,
                    page::column_of(l.raw, label),
                    "",
                    format!(
                        "`{}` is not a row this importer knows in `{}`; its value is not read",
                        clip(label),
                        l.section.heading()
                    ),
                );
                continue;
            }
            warn.at(
                Code::UnreadLine,
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

/// The label of a `Label: value` line or a table row whose label is not known.
fn unknown_label<'a>(l: &Line<'a>) -> Option<&'a str> {
    let text = page::unbullet(l.text);
    if let Some(cells) = page::table_cells(text) {
        return cells
            .first()
            .copied()
            .filter(|c| !c.is_empty() && cells.len() >= 2);
    }
    page::split_colon(text)
        .map(|(label, _)| label)
        .filter(|label| !label.is_empty() && label.split_whitespace().count() <= 5)
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
            incomplete: false,
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
                incomplete: false,
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
                    incomplete: false,
                });
            }
        }
    }
    None
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
    record.api.base_url = details::base_url(pick(readings, Key::BaseUrl, warn).as_ref());
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
    if let Some((requests, window)) = limits
        .as_ref()
        .filter(|_| limits_documented)
        .and_then(details::rate)
    {
        record.rate_limits.requests = requests;
        record.rate_limits.window = window;
    }
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
    let events = pick(readings, Key::WebhookEvents, warn);
    record.webhooks.events = match (&events, &notes) {
        (Some(e), _) => details::events(e, true),
        (None, Some(n)) => details::events(n, false),
        (None, None) => Fact::default(),
    };
    if record.webhooks.user_events.value == Tri::NotDocumented
        && record
            .webhooks
            .events
            .value
            .as_ref()
            .is_some_and(|e| !e.is_empty())
    {
        let events = &record.webhooks.events;
        record.webhooks.user_events = Fact {
            value: Tri::Yes,
            line: events.line,
            quote: events.quote.clone(),
            ..Fact::default()
        };
    }
    if let Some(r) = pick(readings, Key::ScimOperations, warn) {
        details::scim_operations(&r, &mut record.scim.operations);
    }
    if let Some(r) = pick(readings, Key::ScimConnectors, warn) {
        details::connectors(&r, &mut record.scim.connectors);
    }
}

/// The reading for `key`: the detailed section's before the quick reference's, with a warning
/// when the two disagree.
fn pick(readings: &[Reading], key: Key, warn: &mut Warnings) -> Option<Reading> {
    let all = || readings.iter().filter(move |r| r.key == key);
    // A value cut off by the end of the page never replaces a complete one.
    let complete = || all().filter(|r| !r.incomplete);
    let chosen = complete()
        .find(|r| !r.quick)
        .or_else(|| complete().next())
        .or_else(|| all().next())?;
    if chosen.incomplete {
        return Some(chosen.clone());
    }
    for other in complete() {
        let same = page::normalize_label(&other.value) == page::normalize_label(&chosen.value);
        if !same && other.line != chosen.line {
            warn.line(
                Code::ConflictingValue,
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

/// True when webhook notes say there are no webhooks for user events.
fn denies_user_events(notes: &str) -> bool {
    let n = notes.to_lowercase();
    let about_users = n.contains("user") || n.contains("member") || n.contains("account");
    let negated = n.starts_with("no ") || n.contains(" no ") || n.contains("not ");
    about_users && negated && n.contains("webhook")
}
