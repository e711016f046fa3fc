#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed unwrap is a failed test"
)]

//! CLI tests of `capcheck plan` and `capcheck check --inventory`: the real binary over the
//! inventory fixtures (a plain CSV, Okta's app list, Entra's export) and a fixture dataset.

mod support;

use std::process::Output;

use serde_json::Value;
use support::{code, root, run, stderr, stdout, TODAY};

const FIX: &str = "tests/fixtures/inventory";

fn capcheck(args: &[&str]) -> Output {
    run(&root(), args, &[("NO_COLOR", "1")])
}

/// `capcheck plan` over the fixture dataset, plus `args`.
fn plan(args: &[&str]) -> Output {
    let data = format!("{FIX}/data");
    let mut all = vec!["plan", "--today", TODAY, "--data", &data];
    all.extend_from_slice(args);
    capcheck(&all)
}

const PLAIN: &str = "tests/fixtures/inventory/plain.csv";
const OVERRIDES: &str = "tests/fixtures/inventory/overrides.toml";

#[test]
fn the_plan_in_every_format() {
    let md = plan(&[
        "--inventory",
        PLAIN,
        "--overrides",
        OVERRIDES,
        "--leaver",
        "Dana Reyes",
    ]);
    assert_eq!(code(&md), 0, "{}", stderr(&md));
    let text = stdout(&md);
    assert!(text.starts_with("# Offboarding plan for Dana Reyes\n"));
    assert!(text.contains("**7 apps: 2 automatic, 1 user API, 1 manual (240 users), 3 unknown.**"));
    insta::assert_snapshot!("plan_markdown", text);

    let csv = plan(&[
        "--inventory",
        PLAIN,
        "--overrides",
        OVERRIDES,
        "--format",
        "csv",
    ]);
    assert_eq!(code(&csv), 0, "{}", stderr(&csv));
    let rows: Vec<String> = stdout(&csv).lines().map(str::to_owned).collect();
    assert_eq!(rows.len(), 8, "a header and one row per app");
    assert!(rows[1].starts_with("1,Ledgerly,ledgerly,matched,manual,"));
    insta::assert_snapshot!("plan_csv", stdout(&csv));

    let json = plan(&[
        "--inventory",
        PLAIN,
        "--overrides",
        OVERRIDES,
        "--format",
        "json",
    ]);
    let value: Value = serde_json::from_str(&stdout(&json)).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/plan.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(value["version"], 1);
    assert_eq!(value["summary"]["manual_users"], 240);
    let sign = value["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Sign")
        .unwrap();
    assert_eq!(sign["match"], "ambiguous");
    assert_eq!(
        sign["suggestions"],
        serde_json::json!(["inkwell-sign", "paperflow-sign"])
    );
    insta::assert_snapshot!("plan_json", stdout(&json));

    let html = plan(&[
        "--inventory",
        PLAIN,
        "--overrides",
        OVERRIDES,
        "--format",
        "html",
    ]);
    let page = stdout(&html);
    assert!(page.contains("<title id=\"plan-path-title\">Apps by deprovisioning path</title>"));
    assert!(page.contains(
        "<desc id=\"plan-path-desc\">manual: 1, unknown: 3, user API: 1, automatic: 2</desc>"
    ));
    insta::assert_snapshot!("plan_html", page);
}

#[test]
fn an_unmatched_app_is_never_dropped_and_says_how_to_get_a_record() {
    let out = plan(&["--inventory", PLAIN, "--format", "json"]);
    let value: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let apps = value["apps"].as_array().unwrap();
    assert_eq!(
        apps.len(),
        7,
        "without overrides the payroll app is unmatched, still listed"
    );
    let payroll = apps
        .iter()
        .find(|a| a["name"] == "Acme Payroll (EU)")
        .unwrap();
    assert_eq!(payroll["path"], "unknown");
    assert_eq!(payroll["path_detail"], "no capability record");
    assert!(payroll["hint"]
        .as_str()
        .unwrap()
        .contains("capcheck import"));
    let typo = apps.iter().find(|a| a["name"] == "Chaterr").unwrap();
    assert_eq!(typo["suggestions"], serde_json::json!(["chatter"]));
}

#[test]
fn okta_and_entra_inventories_are_read_by_their_content() {
    let okta = plan(&[
        "--inventory",
        &format!("{FIX}/okta.json"),
        "--format",
        "json",
    ]);
    assert_eq!(code(&okta), 0, "{}", stderr(&okta));
    let v: Value = serde_json::from_str(&stdout(&okta)).unwrap();
    assert_eq!(v["inventory"]["format"], "okta");
    let by_name = |name: &str| {
        v["apps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(by_name("Chatter")["path"], "automatic");
    assert_eq!(
        by_name("Chatter")["path_detail"],
        "Okta pushes deactivation"
    );
    // SCIM is there, but Okta's features show no deactivation push: by hand until it is on.
    assert_eq!(by_name("monday")["path"], "manual");
    assert_eq!(
        by_name("monday")["findings"][0]["rule"],
        "idp-deactivation-push-off"
    );
    assert_eq!(by_name("Ledgerly Expenses")["record"], "ledgerly");
    assert_eq!(by_name("Team Wiki")["match"], "unmatched");
    insta::assert_snapshot!(
        "plan_okta_markdown",
        stdout(&plan(&["--inventory", &format!("{FIX}/okta.json")]))
    );

    let entra = plan(&[
        "--inventory",
        &format!("{FIX}/entra.csv"),
        "--format",
        "json",
    ]);
    assert_eq!(code(&entra), 0, "{}", stderr(&entra));
    let v: Value = serde_json::from_str(&stdout(&entra)).unwrap();
    assert_eq!(v["inventory"]["format"], "entra");
    let records: Vec<&str> = v["apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["record"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(records, ["ledgerly", "paperflow-sign", "-", "acme-hr"]);
}

#[test]
fn a_formula_like_cell_comes_out_inert_in_the_csv_plan() {
    let out = plan(&[
        "--inventory",
        &format!("{FIX}/formula.csv"),
        "--format",
        "csv",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""),
        "{text}"
    );
    assert!(
        text.contains(",'@Chatter,") || text.contains(",chatter,"),
        "{text}"
    );
    assert!(text.contains(",'+it@acme.example,"), "{text}");
    for line in text.lines() {
        for cell in line.split(',') {
            assert!(
                !cell.starts_with(['=', '+', '@']),
                "live formula cell `{cell}` in {line}"
            );
        }
    }
}

#[test]
fn bad_inventories_are_errors_with_their_line_and_good_rows_are_kept() {
    let out = plan(&["--inventory", &format!("{FIX}/no-name-column.csv")]);
    assert_eq!(code(&out), 2);
    insta::assert_snapshot!("plan_no_name_column", stderr(&out));

    let out = plan(&[
        "--inventory",
        &format!("{FIX}/bad-rows.csv"),
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("`lots` is not a number of users"), "{err}");
    assert!(err.contains("bad-rows.csv:2:10"), "{err}");
    assert!(err.contains("bad-rows.csv:3:1"), "{err}");
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let names: Vec<&str> = v["apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ledgerly", "Chatter"]);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 2);

    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(&latin1, b"Name,Owner\nLedgerly,ops\nCaf\xe9 Tools,ops\n").unwrap();
    let out = plan(&["--inventory", latin1.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("line 3 is not UTF-8 (byte 0xE9 at column 4)"),
        "{}",
        stderr(&out)
    );

    let utf16 = dir.path().join("utf16.csv");
    let bytes: Vec<u8> = "Name\nLedgerly\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(&utf16, bytes).unwrap();
    let out = plan(&["--inventory", utf16.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("UTF-16 without a byte-order mark"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fifty_thousand_rows_are_all_planned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut text = String::from("App,Users,Owner\n");
    for i in 0..50_000 {
        let name = match i % 4 {
            0 => "Ledgerly".to_owned(),
            1 => format!("In-house tool {i}"),
            2 => format!("Chatter team {i}"),
            _ => format!("monday.com board {i}"),
        };
        text.push_str(&format!("{name},{},owner{}@acme.example\n", i % 50, i % 7));
    }
    std::fs::write(&path, text).unwrap();
    let out_file = dir.path().join("plan.csv");
    let out = plan(&[
        "--inventory",
        path.to_str().unwrap(),
        "--format",
        "csv",
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // Rows matching the same record count once; each in-house tool is its own unknown app.
    assert!(
        stderr(&out).contains(
            "12503 apps: 2 automatic, 0 user API, 1 manual (300000 users), 12500 unknown"
        ),
        "{}",
        stderr(&out)
    );
    let written = std::fs::read_to_string(out_file).unwrap();
    assert_eq!(written.lines().count(), 12_504);
}

#[test]
fn check_with_an_inventory_checks_the_stack_and_counts_the_unknown() {
    let data = format!("{FIX}/data");
    let out = capcheck(&[
        "check",
        "--today",
        TODAY,
        "--data",
        &data,
        "--inventory",
        PLAIN,
        "--overrides",
        OVERRIDES,
        "--fail-on",
        "never",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("over 4 apps"),
        "only the matched records are checked: {text}"
    );
    insta::assert_snapshot!("check_inventory_table", text);

    let json = capcheck(&[
        "check",
        "--today",
        TODAY,
        "--data",
        &data,
        "--inventory",
        PLAIN,
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    let v: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["stack"]["summary"]["unknown"], 4);
    assert_eq!(v["stack"]["unknown"][0]["name"], "Acme Payroll (EU)");
}

/// The overrides file the browser's "Export overrides" writes (the core's unit tests check it is
/// byte for byte what the export produces) pins an ambiguous and an unmatched app, and the CLI
/// reads it without a problem.
#[test]
fn the_browsers_exported_overrides_pin_matches_in_the_cli() {
    let exported = format!("{FIX}/exported-overrides.toml");
    let out = plan(&[
        "--inventory",
        PLAIN,
        "--overrides",
        &exported,
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let value: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(value["diagnostics"], Value::Array(Vec::new()));
    let apps = value["apps"].as_array().unwrap();
    let by_name = |n: &str| apps.iter().find(|a| a["name"] == n).unwrap();
    for (name, record) in [
        ("Sign", "inkwell-sign"),
        ("Chaterr", "chatter"),
        ("Acme Payroll (EU)", "acme-hr"),
    ] {
        let app = by_name(name);
        assert_eq!(app["record"], record, "{name}");
        assert_eq!(app["via"], "override", "{name}");
    }
    assert_eq!(by_name("Intranet")["match"], "no-record");

    // Without the file, Sign is ambiguous and Chaterr unmatched.
    let bare = plan(&["--inventory", PLAIN, "--format", "json"]);
    let value: Value = serde_json::from_str(&stdout(&bare)).unwrap();
    let apps = value["apps"].as_array().unwrap();
    let matched = |n: &str| apps.iter().find(|a| a["name"] == n).unwrap()["match"].clone();
    assert_eq!(matched("Sign"), "ambiguous");
    assert_eq!(matched("Chaterr"), "unmatched");
}
