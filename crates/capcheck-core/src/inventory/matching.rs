//! Matching inventory apps to dataset records: by id, name, aliases and domain, ignoring case,
//! punctuation and common suffixes, so "Monday.com", "monday" and "monday.com Work Management"
//! all find the record `monday`.
//!
//! Each app gets one [`Outcome`], tried in this order (the first that decides wins):
//!
//! 1. the overrides file pins it to a record, or to no record ([`Overrides`]);
//! 2. its name is a record's id, name or alias once normalised ([`key`]);
//! 3. the inventory's own key for it (Okta's app `name`) is one;
//! 4. its domain or URL is on one of a record's domains (a subdomain counts);
//! 5. its name starts with a record's name ("monday.com Work Management"), the longest wins.
//!
//! Two records at the same step make the app ambiguous; none makes it unmatched, with
//! suggestions. An unmatched app is never dropped: the plan lists it as unknown.

use std::collections::HashMap;

use serde::Serialize;
use toml::de::{DeTable, DeValue};

use super::InventoryApp;
use crate::diagnostic::{closest, Code, Diagnostic, Span};
use crate::model::AppRecord;

/// Words that say nothing about which app it is: web suffixes and company forms.
const NOISE: [&str; 14] = [
    "com", "io", "net", "org", "co", "app", "apps", "hq", "inc", "llc", "ltd", "gmbh", "corp",
    "the",
];

/// A name's words, lowercase, without punctuation or [`NOISE`] words.
pub fn words(name: &str) -> Vec<String> {
    let lower = name.to_lowercase();
    let words: Vec<String> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let kept: Vec<String> = words
        .iter()
        .filter(|w| !NOISE.contains(&w.as_str()))
        .cloned()
        .collect();
    // A name made only of noise ("App") keeps its words.
    if kept.is_empty() {
        words
    } else {
        kept
    }
}

/// The matching key of a name: its [`words`] run together (`Monday.com` -> `monday`,
/// `Sales Force` -> `salesforce`).
pub fn key(name: &str) -> String {
    words(name).concat()
}

/// The host of a domain or URL, lowercase, without `www.` (`https://www.Acme.com/x` ->
/// `acme.com`).
pub fn host(address: &str) -> Option<String> {
    let a = address.trim().to_lowercase();
    let a = a.split_once("://").map_or(a.as_str(), |(_, rest)| rest);
    let a = a.split(['/', '?', '#']).next().unwrap_or("");
    let a = a.rsplit_once('@').map_or(a, |(_, h)| h);
    let a = a.split(':').next().unwrap_or("");
    let a = a.strip_prefix("www.").unwrap_or(a).trim_end_matches('.');
    (a.contains('.') && !a.contains(' ')).then(|| a.to_owned())
}

/// How an app found its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    /// The overrides file.
    Override,
    /// The record's id.
    Id,
    /// The record's name.
    Name,
    /// One of the record's aliases.
    Alias,
    /// The inventory's own key for the app (Okta's app name).
    Key,
    /// The app's domain or URL.
    Domain,
    /// The app's name starts with the record's name.
    Prefix,
}

impl Via {
    /// As reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Override => "override",
            Via::Id => "id",
            Via::Name => "name",
            Via::Alias => "alias",
            Via::Key => "key",
            Via::Domain => "domain",
            Via::Prefix => "prefix",
        }
    }
}

/// What matching made of one inventory app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// One record.
    Matched {
        /// The record's id.
        record: String,
        /// How it was found.
        via: Via,
    },
    /// Several records fit equally well: pin one in the overrides file.
    Ambiguous {
        /// Their ids.
        candidates: Vec<String>,
    },
    /// No record fits.
    Unmatched {
        /// Records with a similar name, best first.
        suggestions: Vec<String>,
    },
    /// The overrides file says the dataset has no record for it.
    NoRecord,
}

impl Outcome {
    /// The matched record's id.
    pub fn record(&self) -> Option<&str> {
        match self {
            Outcome::Matched { record, .. } => Some(record),
            _ => None,
        }
    }
}

/// Pinned matches, read from an overrides file:
///
/// ```toml
/// [match]
/// "Acme Payroll (EU)" = "acme-hr"   # this record
/// "Intranet" = false                # no record: an in-house app
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// By the app's name, trimmed and lowercased: the name as written and the record's id, or
    /// `None` for no record.
    pins: HashMap<String, (String, Option<String>)>,
}

impl Overrides {
    fn get(&self, name: &str) -> Option<&Option<String>> {
        self.pins.get(&name.trim().to_lowercase()).map(|(_, t)| t)
    }

    /// How many pins the file holds.
    pub fn len(&self) -> usize {
        self.pins.len()
    }

    /// True when the file pins nothing.
    pub fn is_empty(&self) -> bool {
        self.pins.is_empty()
    }

    /// Pins the app called `name` (any case) to `record`, or to no record with `None`, in place
    /// of any earlier pin of it.
    pub fn pin(&mut self, name: &str, record: Option<String>) {
        let name = name.trim();
        self.pins
            .insert(name.to_lowercase(), (name.to_owned(), record));
    }

    /// Removes the pin of the app called `name`; true when there was one.
    pub fn unpin(&mut self, name: &str) -> bool {
        self.pins.remove(&name.trim().to_lowercase()).is_some()
    }

    /// The pin of the app called `name`: `Some(Some(id))` for a record, `Some(None)` for no
    /// record, `None` when it is not pinned.
    pub fn pinned(&self, name: &str) -> Option<Option<&str>> {
        self.get(name).map(Option::as_deref)
    }

    /// Every pin, as `(app name as written, record id or None)`, ordered by name (byte order,
    /// as the exported file lists them).
    pub fn iter(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        let mut all: Vec<(&str, Option<&str>)> = self
            .pins
            .values()
            .map(|(n, t)| (n.as_str(), t.as_deref()))
            .collect();
        all.sort_unstable();
        all.into_iter()
    }

    /// Adds `other`'s pins; where both pin an app, `other` wins (a file loaded later replaces
    /// the choices made before).
    pub fn merge(&mut self, other: &Overrides) {
        for (k, v) in &other.pins {
            self.pins.insert(k.clone(), v.clone());
        }
    }

    /// The pins that can apply to a dataset with the records `ids`: a pin to a record the
    /// dataset does not hold (yet) is left out rather than matched to nothing; pins to no record
    /// always apply.
    pub fn applicable(&self, ids: &[&str]) -> Overrides {
        Overrides {
            pins: self
                .pins
                .iter()
                .filter(|(_, (_, t))| t.as_deref().is_none_or(|id| ids.contains(&id)))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        }
    }
}

/// Reads an overrides file; `ids` are the records that exist. A pin naming another record is an
/// error with a suggestion; every good pin is kept.
pub fn parse_overrides(file: &str, text: &str, ids: &[&str]) -> (Overrides, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut out = Overrides::default();
    let span_of = |r: std::ops::Range<usize>| Some(Span::from_range(text, r.start, r.end));
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            let span = e.span().and_then(span_of);
            let message = e
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .to_owned();
            diags.push(Diagnostic::error(Code::OverridesSyntax, file, message).with_span(span));
        }
        return (out, diags);
    }
    for (key, value) in root.get_ref().iter() {
        let DeValue::Table(table) = value.get_ref() else {
            diags.push(
                Diagnostic::error(
                    Code::OverridesInvalid,
                    file,
                    format!("`{}` must be a table", key.get_ref()),
                )
                .with_span(span_of(value.span()))
                .with_help("write `[match]` and one `\"App name\" = \"record-id\"` line per app"),
            );
            continue;
        };
        if key.get_ref() != "match" {
            diags.push(
                Diagnostic::error(
                    Code::OverridesUnknownKey,
                    file,
                    format!("unknown table `[{}]` in an overrides file", key.get_ref()),
                )
                .with_span(span_of(key.span()))
                .with_help("an overrides file holds one `[match]` table"),
            );
            continue;
        }
        for (name, pin) in table.iter() {
            let field = format!("match.{}", name.get_ref());
            let target = match pin.get_ref() {
                DeValue::String(id) if ids.contains(&id.as_ref()) => Some(Some(id.to_string())),
                DeValue::String(id) => {
                    let mut d = Diagnostic::error(
                        Code::OverridesUnknownRecord,
                        file,
                        format!("there is no record `{id}` for `{}`", name.get_ref()),
                    )
                    .with_span(span_of(pin.span()))
                    .with_field(field.clone());
                    if let Some(s) = closest(id, ids.iter().copied()) {
                        d = d.with_help(format!("did you mean `{s}`?"));
                    }
                    diags.push(d);
                    None
                }
                DeValue::Boolean(false) => Some(None),
                _ => {
                    diags.push(
                        Diagnostic::error(
                            Code::OverridesInvalid,
                            file,
                            format!("the pin of `{}` must be a record id or `false`", name.get_ref()),
                        )
                        .with_span(span_of(pin.span()))
                        .with_field(field.clone())
                        .with_help("`\"App\" = \"record-id\"` pins a record; `\"App\" = false` says there is none"),
                    );
                    None
                }
            };
            if let Some(t) = target {
                out.pin(name.get_ref(), t);
            }
        }
    }
    (out, diags)
}

/// The records, indexed for matching.
pub struct Matcher<'a> {
    records: Vec<&'a AppRecord>,
    by_key: HashMap<String, Vec<(usize, Via)>>,
    domains: Vec<(String, usize)>,
    /// Every record's keys with the record, for suggestions.
    keys: Vec<(String, usize)>,
    suggested: HashMap<String, Vec<String>>,
}

impl<'a> Matcher<'a> {
    /// Indexes `records` by their id, name, aliases and domains.
    pub fn new(records: impl IntoIterator<Item = &'a AppRecord>) -> Matcher<'a> {
        let records: Vec<&AppRecord> = records.into_iter().collect();
        let mut by_key: HashMap<String, Vec<(usize, Via)>> = HashMap::new();
        let mut keys = Vec::new();
        let mut domains = Vec::new();
        for (i, r) in records.iter().enumerate() {
            let names = std::iter::once((r.id.as_str(), Via::Id))
                .chain(std::iter::once((r.name.as_str(), Via::Name)))
                .chain(r.aliases.iter().map(|a| (a.as_str(), Via::Alias)));
            for (name, via) in names {
                let k = key(name);
                if k.is_empty() {
                    continue;
                }
                let entry = by_key.entry(k.clone()).or_default();
                if !entry.iter().any(|(j, _)| *j == i) {
                    entry.push((i, via));
                    keys.push((k, i));
                }
            }
            for d in &r.domains {
                if let Some(h) = host(d) {
                    domains.push((h, i));
                }
            }
        }
        Matcher {
            records,
            by_key,
            domains,
            keys,
            suggested: HashMap::new(),
        }
    }

    fn decide(&self, found: &[(usize, Via)]) -> Option<Outcome> {
        let mut ids: Vec<usize> = found.iter().map(|(i, _)| *i).collect();
        ids.sort_unstable();
        ids.dedup();
        match ids.as_slice() {
            [] => None,
            [one] => Some(Outcome::Matched {
                record: self.records[*one].id.clone(),
                via: found
                    .iter()
                    .find(|(i, _)| i == one)
                    .map_or(Via::Name, |(_, v)| *v),
            }),
            many => Some(Outcome::Ambiguous {
                candidates: many.iter().map(|i| self.records[*i].id.clone()).collect(),
            }),
        }
    }

    /// Matches one app.
    pub fn match_app(&mut self, app: &InventoryApp, overrides: &Overrides) -> Outcome {
        if let Some(pin) = overrides.get(&app.name) {
            return match pin {
                Some(id) => Outcome::Matched {
                    record: id.clone(),
                    via: Via::Override,
                },
                None => Outcome::NoRecord,
            };
        }
        let ws = words(&app.name);
        let name_key = ws.concat();
        if let Some(o) = self.by_key.get(&name_key).and_then(|f| self.decide(f)) {
            return o;
        }
        if let Some(k) = app.key.as_deref().map(key) {
            let found: Vec<(usize, Via)> = self
                .by_key
                .get(&k)
                .map(|f| f.iter().map(|(i, _)| (*i, Via::Key)).collect())
                .unwrap_or_default();
            if let Some(o) = self.decide(&found) {
                return o;
            }
        }
        let hosts: Vec<String> = app
            .domain
            .as_deref()
            .and_then(host)
            .into_iter()
            .chain(host(&app.name))
            .collect();
        for h in &hosts {
            let found: Vec<(usize, Via)> = self
                .domains
                .iter()
                .filter(|(d, _)| h == d || h.ends_with(&format!(".{d}")))
                .map(|(_, i)| (*i, Via::Domain))
                .collect();
            if let Some(o) = self.decide(&found) {
                return o;
            }
        }
        for n in (1..ws.len()).rev() {
            let k = ws[..n].concat();
            if k.chars().count() < 3 {
                continue;
            }
            let found: Vec<(usize, Via)> = self
                .by_key
                .get(&k)
                .map(|f| f.iter().map(|(i, _)| (*i, Via::Prefix)).collect())
                .unwrap_or_default();
            if let Some(o) = self.decide(&found) {
                return o;
            }
        }
        Outcome::Unmatched {
            suggestions: self.suggest(&name_key),
        }
    }

    /// Up to three records whose names are close to `k`, best first; cached by key, and only
    /// records starting with the same letter are scored by similarity, so 50,000 unknown apps
    /// stay fast.
    fn suggest(&mut self, k: &str) -> Vec<String> {
        if let Some(s) = self.suggested.get(k) {
            return s.clone();
        }
        let first = k.chars().next();
        let mut scored: Vec<(f64, usize)> = Vec::new();
        for (rk, i) in &self.keys {
            let contains =
                k.len() >= 4 && rk.len() >= 4 && (k.contains(rk.as_str()) || rk.contains(k));
            let score = if contains {
                0.9
            } else if rk.chars().next() == first {
                strsim::jaro_winkler(k, rk)
            } else {
                0.0
            };
            if score >= 0.85 {
                scored.push((score, *i));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, i) in scored {
            let id = &self.records[i].id;
            if !out.contains(id) {
                out.push(id.clone());
            }
            if out.len() == 3 {
                break;
            }
        }
        self.suggested.insert(k.to_owned(), out.clone());
        out
    }
}

/// Matches every app of an inventory against `records`.
pub fn match_all<'a>(
    records: impl IntoIterator<Item = &'a AppRecord>,
    apps: &[InventoryApp],
    overrides: &Overrides,
) -> Vec<Outcome> {
    let mut m = Matcher::new(records);
    apps.iter().map(|a| m.match_app(a, overrides)).collect()
}
