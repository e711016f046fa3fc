#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed unwrap is a failed test"
)]

//! CLI tests: run the real `capcheck` binary on fixture folders and compare what a user sees
//! (stdout, stderr, exit code) with snapshots.

mod import;
mod support;

use std::process::Output;

use support::{code, over_seeds, root, run, stderr, stdout, TODAY};

/// Runs `capcheck` from the repository root over the seed pages' records (without the shipped
/// catalogue: `tests/cli/catalogue.rs` covers it), without colour settings from the environment.
fn capcheck(args: &[&str]) -> Output {
    capcheck_env(args, &[])
}

fn capcheck_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    run(&root(), &over_seeds(args), env)
}

#[test]
fn check_prints_the_built_in_findings_as_a_table() {
    let out = capcheck(&["check", "--today", TODAY]);
    assert_eq!(
        code(&out),
        1,
        "high and critical findings fail at the default threshold"
    );
    assert_eq!(stderr(&out), "");
    insta::assert_snapshot!("check_table", stdout(&out));
}

#[test]
fn check_json_is_the_versioned_report_with_evidence() {
    let out = capcheck(&[
        "check", "--today", TODAY, "--format", "json", "--app", "clari",
    ]);
    assert_eq!(code(&out), 1);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(report["summary"]["apps"], 1);
    insta::assert_snapshot!("check_json_clari", stdout(&out));
}

#[test]
fn csv_and_markdown_list_the_same_findings() {
    let csv = capcheck(&[
        "check", "--today", TODAY, "--format", "csv", "--app", "spendesk",
    ]);
    let md = capcheck(&[
        "check", "--today", TODAY, "--format", "markdown", "--app", "spendesk",
    ]);
    let csv = stdout(&csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let md = stdout(&md);
    assert!(!rows.is_empty());
    for row in &rows {
        assert!(
            md.contains(&format!("`{}`", &row[3])),
            "markdown lacks rule {}",
            &row[3]
        );
    }
    insta::assert_snapshot!("check_csv_spendesk", csv);
    insta::assert_snapshot!("check_markdown_spendesk", md);
}

#[test]
fn fail_on_sets_the_exit_code() {
    let cases: &[(&[&str], i32)] = &[
        (&["--fail-on", "never"], 0),
        (&["--fail-on", "critical", "--app", "clari"], 0),
        (&["--fail-on", "high", "--app", "clari"], 1),
        (
            &[
                "--fail-on",
                "info",
                "--app",
                "clari",
                "--rule",
                "no-bulk-path",
            ],
            1,
        ),
        (&["--fail-on", "medium", "--rule", "no-bulk-path"], 0),
        (&["--fail-on", "severe"], 2),
    ];
    for (extra, want) in cases {
        let mut args = vec!["check", "--today", TODAY];
        args.extend_from_slice(extra);
        assert_eq!(code(&capcheck(&args)), *want, "{extra:?}");
    }
}

#[test]
fn filters_name_unknown_apps_and_rules() {
    let out = capcheck(&["check", "--app", "clarri"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("there is no app `clarri`; did you mean `clari`?"),
        "{}",
        stderr(&out)
    );
    let out = capcheck(&["check", "--rule", "no-such-rule"]);
    assert_eq!(code(&out), 2);
    let out = capcheck(&[
        "check",
        "--today",
        TODAY,
        "--rule",
        "jit-only-manual-deprovisioning",
        "--format",
        "csv",
    ]);
    let apps: Vec<String> = stdout(&out)
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_owned())
        .collect();
    assert_eq!(apps, ["clari", "spendesk"]);
}

#[test]
fn validate_reports_every_bad_data_file_in_one_run() {
    let out = capcheck(&[
        "validate",
        "--data",
        "tests/fixtures/bad-data",
        "--today",
        TODAY,
    ]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    for (file, field) in [
        ("malformed.toml:2:15", None),
        ("malformed.toml:3:11", None),
        ("unknown-field.toml:6:1", Some("scim.endpoint_url")),
        ("wrong-enum.toml:3:22", Some("user_api.value")),
        ("wrong-enum.toml:6:27", Some("sso.idps.value[1]")),
        ("wrong-enum.toml:10:11", Some("sources[0].updated")),
        ("second-acme.toml:2:6", Some("id")),
        ("missing-field.json:1:1", Some("id")),
    ] {
        assert!(err.contains(file), "no error at {file}:\n{err}");
        if let Some(f) = field.filter(|f| !f.is_empty()) {
            assert!(
                err.contains(&format!("field `{f}`")),
                "no field {f}:\n{err}"
            );
        }
    }
    assert!(err.contains("missing field `id`"));
    insta::assert_snapshot!("validate_bad_data", err);
}

#[test]
fn check_keeps_good_records_next_to_bad_ones() {
    let out = capcheck(&[
        "check",
        "--data",
        "tests/fixtures/bad-data",
        "--rules",
        "tests/fixtures/good-rules",
        "--today",
        TODAY,
        "--format",
        "csv",
    ]);
    assert_eq!(code(&out), 2, "input errors win over findings");
    assert!(
        stdout(&out).contains("acme,Acme,scim-missing"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn bad_rules_are_reported_and_the_good_rule_still_runs() {
    let out = capcheck(&[
        "check",
        "--rules",
        "tests/fixtures/bad-rules",
        "--today",
        TODAY,
        "--format",
        "csv",
    ]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("tests/fixtures/bad-rules/syntax-error.rhai:6:18"),
        "{err}"
    );
    assert!(
        err.contains("error[operation-limit]: rule `runaway-loop` was stopped"),
        "{err}"
    );
    assert!(
        err.contains("error[size-limit]: rule `huge-string` was stopped"),
        "{err}"
    );
    assert!(err.contains("did you mean `app.sso.jit`?"), "{err}");
    let csv = stdout(&out);
    let flagged: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(
        flagged.len(),
        6,
        "every app with SCIM \"no\" is flagged by the good rule"
    );
    insta::assert_snapshot!("check_bad_rules_stderr", err);
}

#[test]
fn a_ten_megabyte_string_is_refused_with_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    let text = format!(
        "id = \"big\"\nname = \"Big\"\nsummary = {{ value = \"{}\" }}\n[[sources]]\nid = \"guide\"\n",
        "x".repeat(10 << 20)
    );
    std::fs::write(&path, text).unwrap();
    let out = capcheck(&["validate", "--data", path.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("error[text-too-long]"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.contains("big.toml:3:"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(err.contains("field `summary.value`"));
    assert!(
        err.len() < 4000,
        "the source line is clipped, not printed whole"
    );
}

#[test]
fn missing_files_are_input_errors() {
    let out = capcheck(&["check", "--data", "no/such/place.toml"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no/such/place.toml"));
    assert!(stderr(&out).contains("no such file or folder"));
}

#[test]
fn show_explains_an_app_with_sources_and_findings() {
    let out = capcheck(&["show", "clari", "--today", TODAY]);
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("show_clari", stdout(&out));
    let json = capcheck(&["show", "spendesk", "--format", "json", "--today", TODAY]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["record"]["id"], "spendesk");
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "jit-only-manual-deprovisioning"));
}

#[test]
fn apps_lists_and_filters_capabilities() {
    let out = capcheck(&["apps", "--today", TODAY]);
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("apps_table", stdout(&out));
    let out = capcheck(&["apps", "--where", "sso.jit=yes", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["clari", "spendesk"]);
    let out = capcheck(&[
        "apps",
        "--where",
        "scim.available=not-documented",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        2,
        "6sense and Alkami do not document SCIM"
    );
    let out = capcheck(&["apps", "--where", "scim.availble=no"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("did you mean `scim.available`?"));
}

#[test]
fn colour_only_on_request_and_never_with_no_color() {
    let plain = capcheck(&["check", "--today", TODAY]);
    assert!(
        !stdout(&plain).contains('\x1b'),
        "piped output has no colour codes"
    );
    let forced = capcheck_env(&["check", "--today", TODAY], &[("CLICOLOR_FORCE", "1")]);
    assert!(stdout(&forced).contains('\x1b'));
    let none = capcheck_env(
        &["check", "--today", TODAY],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!stdout(&none).contains('\x1b'));
}

#[test]
fn output_file_gets_the_report_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    let out = capcheck_env(
        &[
            "check",
            "--today",
            TODAY,
            "--format",
            "json",
            "-o",
            path.to_str().unwrap(),
        ],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(report["summary"]["apps"], 8);
}

#[test]
fn settings_and_today_reach_the_rules() {
    let out = capcheck(&[
        "check",
        "--today",
        TODAY,
        "--rule",
        "stale-record",
        "--set",
        "stale_after_days=200",
        "--format",
        "csv",
    ]);
    assert_eq!(
        stdout(&out).lines().count(),
        9,
        "all 8 records are older than 200 days"
    );
    let out = capcheck(&[
        "check",
        "--today",
        "2026-04-01",
        "--rule",
        "stale-record",
        "--set",
        "stale_after_days=200",
        "--format",
        "csv",
    ]);
    assert_eq!(stdout(&out).lines().count(), 1, "none is, as of April");
    let out = capcheck(&[
        "check",
        "--rule",
        "sso-limited-idps",
        "--set",
        "idp=onelogin",
        "--format",
        "csv",
        "--today",
        TODAY,
    ]);
    let apps: Vec<String> = stdout(&out)
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_owned())
        .collect();
    assert_eq!(
        apps,
        ["clari", "stitch", "stonly"],
        "Spendesk supports OneLogin"
    );
    assert_eq!(code(&capcheck(&["check", "--today", "23/11/2026"])), 2);
    assert_eq!(code(&capcheck(&["check", "--set", "novalue"])), 2);
}

#[test]
fn the_published_schema_is_current() {
    let out = capcheck(&["schema"]);
    let published = std::fs::read_to_string(root().join("docs/capcheck.schema.json")).unwrap();
    assert_eq!(
        stdout(&out).trim(),
        published.trim(),
        "run `capcheck schema > docs/capcheck.schema.json`"
    );
}

#[test]
fn generate_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("apps.json");
    std::fs::write(&path, "my work").unwrap();
    let out = capcheck(&["generate", "--apps", "20", "-o", path.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my work");
    let out = capcheck(&[
        "generate",
        "--apps",
        "20",
        "-o",
        path.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code(&out), 0);
    let out = capcheck(&["validate", "--data", path.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("(20 apps)"));
}

#[test]
fn the_rule_guide_documents_every_field_a_rule_can_read() {
    let guide = std::fs::read_to_string(root().join("docs/rules.md")).unwrap();
    for path in capcheck_core::view::known_paths() {
        if path.contains('.')
            || !capcheck_core::view::known_paths()
                .iter()
                .any(|p| p.starts_with(&format!("{path}.")))
        {
            assert!(
                guide.contains(&format!("`app.{path}`")),
                "docs/rules.md does not document `app.{path}`"
            );
        }
    }
}

#[test]
fn completions_print_a_bash_script_that_knows_the_subcommands() {
    let out = capcheck(&["completions", "bash"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stderr(&out), "");
    let script = stdout(&out);
    assert!(
        script.contains("complete -F _capcheck"),
        "not a bash completion script:\n{script}"
    );
    for sub in ["check", "plan", "validate", "completions"] {
        assert!(
            script.contains(&format!("capcheck,{sub})")),
            "the script does not offer `{sub}`"
        );
    }
    // Asking for an unknown shell is a usage error, and says which shells there are.
    let out = capcheck(&["completions", "tcsh"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("bash"), "{}", stderr(&out));
}
