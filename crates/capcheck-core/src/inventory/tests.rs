use super::matching::{key, match_all, parse_overrides, Outcome, Overrides, Via};
use super::*;
use crate::model::AppRecord;

fn record(id: &str, name: &str, aliases: &[&str], domains: &[&str]) -> AppRecord {
    AppRecord {
        id: id.to_owned(),
        name: name.to_owned(),
        aliases: aliases.iter().map(|s| (*s).to_owned()).collect(),
        domains: domains.iter().map(|s| (*s).to_owned()).collect(),
        ..AppRecord::default()
    }
}

fn records() -> Vec<AppRecord> {
    vec![
        record(
            "monday",
            "monday.com",
            &["monday.com Work Management"],
            &["monday.com"],
        ),
        record("acme-hr", "Acme HR", &[], &["acme-hr.example"]),
        record("paperflow-sign", "Paperflow Sign", &["Sign"], &[]),
        record("inkwell-sign", "Inkwell Sign", &["Sign"], &[]),
        record("google-workspace", "Google Workspace", &[], &["google.com"]),
    ]
}

fn app(name: &str) -> InventoryApp {
    InventoryApp {
        name: name.to_owned(),
        line: 2,
        ..InventoryApp::default()
    }
}

fn outcome(a: InventoryApp) -> Outcome {
    let r = records();
    match_all(&r, &[a], &Overrides::default()).remove(0)
}

#[test]
fn names_match_whatever_their_case_punctuation_and_suffixes() {
    for (name, via) in [
        ("Monday.com", Via::Id),
        ("monday", Via::Id),
        ("MONDAY", Via::Id),
        ("monday.com Work Management", Via::Alias),
        ("monday.com work-management", Via::Alias),
        ("monday.com Boards", Via::Prefix),
        ("acme hr", Via::Id),
        ("ACME HR", Via::Id),
        ("Acme-HR Inc.", Via::Id),
    ] {
        let got = outcome(app(name));
        let Outcome::Matched {
            record,
            via: got_via,
        } = &got
        else {
            panic!("`{name}` did not match: {got:?}");
        };
        let want = if name.to_lowercase().contains("acme") {
            "acme-hr"
        } else {
            "monday"
        };
        assert_eq!(record, want, "`{name}`");
        assert_eq!(*got_via, via, "`{name}`");
    }
    assert_eq!(key("Sales Force"), key("Salesforce"));
}

#[test]
fn a_domain_or_url_finds_the_record_and_a_subdomain_counts() {
    let mut a = app("Payroll");
    a.domain = Some("https://payroll.acme-hr.example/login".to_owned());
    assert_eq!(outcome(a).record(), Some("acme-hr"));
    let mut a = app("Workspace");
    a.domain = Some("www.google.com".to_owned());
    assert_eq!(outcome(a).record(), Some("google-workspace"));
}

#[test]
fn two_records_with_the_same_alias_make_the_app_ambiguous() {
    assert_eq!(
        outcome(app("Sign")),
        Outcome::Ambiguous {
            candidates: vec!["paperflow-sign".to_owned(), "inkwell-sign".to_owned()]
        }
    );
}

#[test]
fn an_unknown_app_is_unmatched_with_suggestions() {
    assert_eq!(
        outcome(app("Mondey")),
        Outcome::Unmatched {
            suggestions: vec!["monday".to_owned()]
        }
    );
    assert_eq!(
        outcome(app("Zzyzx Payroll")),
        Outcome::Unmatched {
            suggestions: vec![]
        }
    );
}

#[test]
fn overrides_pin_a_record_or_none_and_report_unknown_ids() {
    let text =
        "[match]\n\"Sign\" = \"inkwell-sign\"\n\"Monday\" = false\n\"Other\" = \"inkwel-sign\"\n";
    let ids = ["monday", "inkwell-sign", "paperflow-sign"];
    let (pins, diags) = parse_overrides("o.toml", text, &ids);
    assert_eq!(pins.len(), 2);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code, "overrides-unknown-record");
    assert_eq!(diags[0].span.map(|s| s.line), Some(4));
    assert_eq!(
        diags[0].help.as_deref(),
        Some("did you mean `inkwell-sign`?")
    );
    let r = records();
    let got = match_all(&r, &[app("sign"), app("monday")], &pins);
    assert_eq!(
        got,
        vec![
            Outcome::Matched {
                record: "inkwell-sign".to_owned(),
                via: Via::Override
            },
            Outcome::NoRecord
        ]
    );
}

#[test]
fn a_plain_csv_finds_its_columns_by_their_usual_headers() {
    let text = "Display Name;Website;App Owner;Seats;Business Criticality;Team;Identity Provider\n\
                Acme HR;acme-hr.example;ana@x.example;1 200;High;People;Okta\n";
    let (inv, diags) = parse("apps.csv", text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(inv.format, Format::Csv);
    let a = &inv.apps[0];
    assert_eq!(
        (
            a.name.as_str(),
            a.users,
            a.owner.as_deref(),
            a.idp.as_deref(),
            a.line
        ),
        (
            "Acme HR",
            Some(1200),
            Some("ana@x.example"),
            Some("okta"),
            2
        )
    );
    assert_eq!(a.criticality.as_deref(), Some("high"));
}

#[test]
fn a_missing_name_column_is_one_error_listing_the_headers() {
    let (inv, diags) = parse("apps.csv", "Vendor,Seats\nAcme,3\n");
    assert!(inv.apps.is_empty());
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "inventory-no-name-column");
    assert!(
        diags[0].message.contains("`Vendor`, `Seats`"),
        "{}",
        diags[0].message
    );
}

#[test]
fn bad_rows_are_reported_at_their_line_and_column_and_good_ones_kept() {
    let text = "App,Users\nAcme,lots\n,4\nBolt,5\n";
    let (inv, diags) = parse("apps.csv", text);
    let names: Vec<&str> = inv.apps.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Acme", "Bolt"]);
    let at: Vec<(&str, usize, usize)> = diags
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                d.span.map_or(0, |s| s.line),
                d.span.map_or(0, |s| s.column),
            )
        })
        .collect();
    assert_eq!(
        at,
        [
            ("inventory-invalid-value", 2, 6),
            ("inventory-missing-name", 3, 1)
        ]
    );
}

#[test]
fn entra_exports_are_told_apart_from_plain_csv() {
    let text = "Name,Object ID,Application ID,Homepage URL,Created on,Application type\n\
                Acme HR,o-1,a-1,https://acme-hr.example,2025-01-01,Enterprise Application\n";
    let (inv, diags) = parse("entra.csv", text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(inv.format, Format::Entra);
    assert_eq!(inv.apps[0].idp.as_deref(), Some("entra"));
    assert_eq!(inv.apps[0].key.as_deref(), Some("a-1"));
}

#[test]
fn okta_apps_keep_their_features_and_lines() {
    let text = "[\n  {\"name\": \"chatter\", \"label\": \"Chatter\", \"status\": \"ACTIVE\",\n   \"features\": [\"PUSH_USER_DEACTIVATION\"]},\n  {\"name\": \"x\", \"label\": \"X\", \"features\": []},\n  {\"status\": \"ACTIVE\"}\n]";
    let (inv, diags) = parse("okta.json", text);
    assert_eq!(inv.format, Format::Okta);
    assert_eq!(inv.apps.len(), 2);
    assert_eq!(inv.apps[0].push_deactivation(), "yes");
    assert_eq!(inv.apps[1].push_deactivation(), "no");
    assert_eq!(inv.apps[1].line, 4);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].span.map(|s| s.line), Some(5));
    let (_, diags) = parse("okta.json", "[{\"label\": \"A\"},");
    assert_eq!(diags[0].code, "inventory-syntax");
}

#[test]
fn encodings_other_than_utf8_are_refused_with_their_line() {
    let latin1 = b"Name\nCaf\xe9 Tools\n";
    let e = decode("apps.csv", latin1).err().map(|d| *d);
    let e = e.as_ref();
    assert_eq!(
        e.and_then(|d| d.span).map(|s| (s.line, s.column)),
        Some((2, 4))
    );
    assert!(e.is_some_and(|d| d.message.contains("line 2 is not UTF-8")));
    let utf16: Vec<u8> = "Name\nAcme\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert!(decode("apps.csv", &utf16).is_err());
    let mut with_bom = vec![0xFF, 0xFE];
    with_bom.extend(&utf16);
    assert_eq!(
        decode("apps.csv", &with_bom).ok().as_deref(),
        Some("Name\nAcme\n")
    );
    assert_eq!(
        decode("apps.csv", b"\xEF\xBB\xBFName\n").ok().as_deref(),
        Some("Name\n")
    );
}
