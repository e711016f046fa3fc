//! Writes a record as TOML that reads like the hand-written files of `data/`: a table per
//! section, one inline table per fact, `[[limitations]]`, `[[scenarios]]` and `[[traps]]` at the
//! end. Text out; the caller decides where it goes.

use crate::model::{
    AppRecord, BulkPath, Connector, Fact, Idp, LifecycleMethod, PlanTier, Scenario, Tri,
};
use std::fmt::Write as _;

/// A fact value as a TOML value, or `None` when absent.
trait TomlValue {
    fn toml(&self) -> Option<String>;
    /// True when the value should be written even if nothing else is known (yes/no facts say
    /// "not documented" out loud).
    fn always(&self) -> bool {
        false
    }
}

/// A TOML basic string, escaped the way the hand-written files are (`\"`, not literal strings).
pub(crate) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn array<I: IntoIterator<Item = String>>(items: I) -> String {
    let items: Vec<String> = items.into_iter().collect();
    format!("[{}]", items.join(", "))
}

impl TomlValue for Tri {
    fn toml(&self) -> Option<String> {
        Some(string(self.as_str()))
    }
    fn always(&self) -> bool {
        true
    }
}

impl TomlValue for Option<String> {
    fn toml(&self) -> Option<String> {
        self.as_deref().map(string)
    }
}

impl TomlValue for Option<u32> {
    fn toml(&self) -> Option<String> {
        self.map(|n| n.to_string())
    }
}

impl TomlValue for Option<PlanTier> {
    fn toml(&self) -> Option<String> {
        self.map(|t| string(t.as_str()))
    }
}

impl TomlValue for Option<Connector> {
    fn toml(&self) -> Option<String> {
        self.map(|c| string(c.as_str()))
    }
}

impl TomlValue for Option<Vec<String>> {
    fn toml(&self) -> Option<String> {
        self.as_ref().map(|v| array(v.iter().map(|s| string(s))))
    }
}

macro_rules! enum_list {
    ($t:ty) => {
        impl TomlValue for Option<Vec<$t>> {
            fn toml(&self) -> Option<String> {
                self.as_ref()
                    .map(|v| array(v.iter().map(|i| string(i.as_str()))))
            }
        }
    };
}
enum_list!(Idp);
enum_list!(LifecycleMethod);
enum_list!(BulkPath);

/// The fact's `key = value` pairs in the order the data files use.
fn pairs<T: TomlValue>(f: &Fact<T>) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(v) = f.value.toml() {
        out.push(("value", v));
    }
    let opt = |s: &Option<String>| s.as_deref().map(string);
    if let Some(v) = opt(&f.raw) {
        out.push(("raw", v));
    }
    if let Some(v) = opt(&f.source) {
        out.push(("source", v));
    }
    if let Some(l) = f.line {
        out.push(("line", l.to_string()));
    }
    if let Some(v) = opt(&f.quote) {
        out.push(("quote", v));
    }
    if f.inferred {
        out.push(("inferred", "true".into()));
    }
    if f.curated {
        out.push(("curated", "true".into()));
    }
    if let Some(v) = opt(&f.note) {
        out.push(("note", v));
    }
    out
}

fn worth_writing<T: TomlValue>(f: &Fact<T>) -> bool {
    f.value.always() || !pairs(f).is_empty()
}

/// `key = { value = ..., line = ... }`, or nothing when the fact is empty.
fn inline<T: TomlValue>(out: &mut String, key: &str, f: &Fact<T>) {
    if !worth_writing(f) {
        return;
    }
    let body: Vec<String> = pairs(f)
        .into_iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    let _ = writeln!(out, "{key} = {{ {} }}", body.join(", "));
}

/// A fact as a table of its own (`[summary]`), for long values.
fn table<T: TomlValue>(out: &mut String, header: &str, f: &Fact<T>) {
    if !worth_writing(f) {
        return;
    }
    let _ = writeln!(out, "\n{header}");
    for (k, v) in pairs(f) {
        let _ = writeln!(out, "{k} = {v}");
    }
}

/// A `[section]` of inline facts, left out when every fact is empty.
fn section(out: &mut String, name: &str, body: String) {
    if !body.is_empty() {
        let _ = write!(out, "\n[{name}]\n{body}");
    }
}

/// The record as a TOML data file, opening with a comment that names its source.
pub fn write_record(record: &AppRecord) -> String {
    let mut out = String::new();
    let source = record.sources.first();
    let kind = if super::is_partial(record) {
        "partial capability record imported from the \"Related apps\" block of"
    } else {
        "capability record imported from"
    };
    let document = source
        .and_then(|s| s.document.as_deref())
        .unwrap_or("a guide page");
    let _ = writeln!(
        out,
        "# {}: {kind} {}.",
        one_line(&record.name),
        one_line(document)
    );
    let _ = writeln!(
        out,
        "\nid = {}\nname = {}",
        string(&record.id),
        string(&record.name)
    );
    for s in &record.sources {
        let _ = writeln!(out, "\n[[sources]]\nid = {}", string(&s.id));
        for (k, v) in [
            ("title", &s.title),
            ("document", &s.document),
            ("url", &s.url),
            ("updated", &s.updated),
        ] {
            if let Some(v) = v {
                let _ = writeln!(out, "{k} = {}", string(v));
            }
        }
    }
    table(&mut out, "[summary]", &record.summary);

    let mut b = String::new();
    inline(&mut b, "manual_only", &record.automation.manual_only);
    inline(&mut b, "status", &record.automation.status);
    section(&mut out, "automation", b);

    table(&mut out, "[user_api]", &record.user_api);

    let mut b = String::new();
    inline(&mut b, "method", &record.auth.method);
    section(&mut out, "auth", b);

    api(&mut out, &record.api);

    let s = &record.scim;
    let mut b = String::new();
    inline(&mut b, "available", &s.available);
    inline(&mut b, "version", &s.version);
    inline(&mut b, "plan", &s.plan);
    inline(&mut b, "plan_tier", &s.plan_tier);
    inline(&mut b, "endpoint", &s.endpoint);
    section(&mut out, "scim", b);
    let o = &s.operations;
    let mut b = String::new();
    inline(&mut b, "create", &o.create);
    inline(&mut b, "update", &o.update);
    inline(&mut b, "deactivate", &o.deactivate);
    inline(&mut b, "delete", &o.delete);
    inline(&mut b, "groups", &o.groups);
    if [&o.create, &o.update, &o.deactivate, &o.delete, &o.groups]
        .iter()
        .any(|f| f.line.is_some() || f.value != Tri::NotDocumented)
    {
        section(&mut out, "scim.operations", b);
    }
    let c = &s.connectors;
    let mut b = String::new();
    inline(&mut b, "okta", &c.okta);
    inline(&mut b, "entra", &c.entra);
    inline(&mut b, "google_workspace", &c.google_workspace);
    inline(&mut b, "onelogin", &c.onelogin);
    inline(&mut b, "jumpcloud", &c.jumpcloud);
    section(&mut out, "scim.connectors", b);

    let s = &record.sso;
    let mut b = String::new();
    inline(&mut b, "saml", &s.saml);
    inline(&mut b, "idps", &s.idps);
    inline(&mut b, "jit", &s.jit);
    inline(&mut b, "plan", &s.plan);
    inline(&mut b, "plan_tier", &s.plan_tier);
    section(&mut out, "sso", b);

    let r = &record.rate_limits;
    let mut b = String::new();
    inline(&mut b, "limits", &r.limits);
    inline(&mut b, "headers", &r.headers);
    inline(&mut b, "retry_after", &r.retry_after);
    inline(&mut b, "notes", &r.notes);
    inline(&mut b, "requests", &r.requests);
    inline(&mut b, "window", &r.window);
    section(&mut out, "rate_limits", b);

    let p = &record.pagination;
    let mut b = String::new();
    inline(&mut b, "method", &p.method);
    inline(&mut b, "default_page_size", &p.default_page_size);
    inline(&mut b, "max_page_size", &p.max_page_size);
    inline(&mut b, "pointer", &p.pointer);
    section(&mut out, "pagination", b);

    let w = &record.webhooks;
    let mut b = String::new();
    inline(&mut b, "available", &w.available);
    inline(&mut b, "user_events", &w.user_events);
    inline(&mut b, "notes", &w.notes);
    inline(&mut b, "alternative", &w.alternative);
    inline(&mut b, "events", &w.events);
    section(&mut out, "webhooks", b);

    let l = &record.lifecycle;
    let mut b = String::new();
    inline(&mut b, "provisioning", &l.provisioning);
    inline(&mut b, "deprovisioning", &l.deprovisioning);
    inline(&mut b, "jit_assigns_roles", &l.jit_assigns_roles);
    inline(&mut b, "bulk", &l.bulk);
    inline(
        &mut b,
        "reassign_on_offboarding",
        &l.reassign_on_offboarding,
    );
    for (key, f) in [
        ("idp_removal_deactivates", &l.idp_removal_deactivates),
        ("deactivation_frees_licence", &l.deactivation_frees_licence),
        ("deactivation_keeps_data", &l.deactivation_keeps_data),
    ] {
        // Left out while not documented, so records of apps the prose says nothing about stay as
        // they were.
        if f.line.is_some() || f.value != Tri::NotDocumented {
            inline(&mut b, key, f);
        }
    }
    section(&mut out, "lifecycle", b);

    for f in &record.limitations {
        table(&mut out, "[[limitations]]", f);
    }
    for s in &record.scenarios {
        scenario(&mut out, s);
    }
    for f in &record.traps {
        table(&mut out, "[[traps]]", f);
    }
    out
}

/// The `[api]` table and its lists, left out when the page documents no API.
fn api(out: &mut String, a: &crate::model::Api) {
    let mut b = String::new();
    inline(&mut b, "base_url", &a.base_url);
    section(out, "api", b);
    for f in &a.setup_steps {
        table(out, "[[api.setup_steps]]", f);
    }
    let opt = |k: &str, v: &Option<String>| v.as_deref().map(|v| format!("{k} = {}\n", string(v)));
    let line = |l: Option<u32>| l.map(|l| format!("line = {l}\n"));
    for s in &a.scopes {
        let _ = write!(out, "\n[[api.scopes]]\nname = {}\n", string(&s.name));
        for part in [
            opt("description", &s.description),
            opt("required_for", &s.required_for),
            line(s.line),
        ]
        .into_iter()
        .flatten()
        {
            out.push_str(&part);
        }
    }
    for f in &a.user_fields {
        let _ = write!(out, "\n[[api.user_fields]]\nname = {}\n", string(&f.name));
        let required = (f.required != Tri::NotDocumented)
            .then(|| format!("required = {}\n", string(f.required.as_str())));
        for part in [
            opt("type", &f.field_type),
            required,
            opt("on_create", &f.on_create),
            opt("on_update", &f.on_update),
            line(f.line),
        ]
        .into_iter()
        .flatten()
        {
            out.push_str(&part);
        }
    }
    for e in &a.endpoints {
        let _ = write!(
            out,
            "\n[[api.endpoints]]\noperation = {}\nmethod = {}\npath = {}\n",
            string(e.operation.as_str()),
            string(&e.method),
            string(&e.path)
        );
        for part in [opt("purpose", &e.purpose), line(e.line)]
            .into_iter()
            .flatten()
        {
            out.push_str(&part);
        }
    }
}

fn scenario(out: &mut String, s: &Scenario) {
    let _ = writeln!(out, "\n[[scenarios]]\ntitle = {}", string(&s.title));
    if s.steps.is_empty() {
        let _ = writeln!(out, "steps = []");
    } else {
        let _ = writeln!(out, "steps = [");
        for step in &s.steps {
            let _ = writeln!(out, "  {},", string(step));
        }
        let _ = writeln!(out, "]");
    }
    if let Some(w) = &s.watch_out {
        let _ = writeln!(out, "watch_out = {}", string(w));
    }
    if !s.calls.is_empty() {
        let _ = writeln!(out, "calls = {}", array(s.calls.iter().map(|c| string(c))));
    }
    if let Some(src) = &s.source {
        let _ = writeln!(out, "source = {}", string(src));
    }
    if let Some(l) = s.line {
        let _ = writeln!(out, "line = {l}");
    }
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin::data_files;
    use crate::dataset::parse_file;

    #[test]
    fn every_committed_record_survives_a_write_and_a_read() {
        for file in data_files() {
            let (apps, diags) = parse_file(file.name, file.text);
            assert!(diags.is_empty(), "{diags:?}");
            let written = write_record(&apps[0].record);
            let (again, diags) = parse_file(file.name, &written);
            assert!(diags.is_empty(), "{}: {diags:?}\n{written}", file.name);
            assert_eq!(again[0].record, apps[0].record, "{}", file.name);
        }
    }

    #[test]
    fn awkward_text_is_escaped() {
        let mut r = AppRecord {
            id: "x".into(),
            name: "Quote \"me\"\nnow".into(),
            ..AppRecord::default()
        };
        r.sources.push(crate::model::Source {
            id: "guide".into(),
            title: Some("back\\slash '''".into()),
            document: None,
            url: None,
            updated: None,
        });
        r.summary.value = Some("tab\there \u{7f} \"\"\"".into());
        let written = write_record(&r);
        let (again, diags) = parse_file("x.toml", &written);
        assert!(diags.is_empty(), "{diags:?}\n{written}");
        assert_eq!(again[0].record, r);
    }
}
