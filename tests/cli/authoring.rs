#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed unwrap is a failed test"
)]

//! CLI tests of rule authoring: `capcheck test`, `explain` and `diff`, run as the real binary on
//! the built-in rules and fixture folders, compared with snapshots.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::{code, root, run, stderr, stdout, TODAY};

fn capcheck_in(dir: &Path, args: &[&str]) -> Output {
    run(dir, args, &[("NO_COLOR", "1")])
}

fn capcheck(args: &[&str]) -> Output {
    capcheck_in(&root(), args)
}

#[test]
fn the_default_rules_examples_all_pass() {
    let out = capcheck(&["test", "--today", TODAY]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(stderr(&out), "");
    let text = stdout(&out);
    assert!(!text.contains("FAIL") && !text.contains("NONE"), "{text}");
    insta::assert_snapshot!("test_default_rules", text);
}

#[test]
fn a_failing_example_exits_1_with_expected_and_actual() {
    let out = capcheck(&[
        "test",
        "--rules",
        "tests/fixtures/authoring/failing-example",
        "--today",
        TODAY,
    ]);
    assert_eq!(code(&out), 1);
    insta::assert_snapshot!("test_failing_example", stdout(&out));
}

#[test]
fn test_json_lists_every_result_and_the_counts() {
    let out = capcheck(&[
        "test",
        "--rules",
        "tests/fixtures/authoring/failing-example",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 1);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["summary"]["passed"], 1);
    assert_eq!(json["summary"]["failed"], 2);
    let second = &json["rules"][0]["results"][1];
    assert_eq!(second["passed"], false);
    assert_eq!(second["expected"]["flagged"], true);
    assert_eq!(second["actual"]["flagged"], false);
}

#[test]
fn rules_without_examples_mean_no_test_ran_and_exit_2() {
    let out = capcheck(&["test", "--rules", "tests/fixtures/good-rules"]);
    assert_eq!(code(&out), 2);
    assert!(stdout(&out).contains("NONE  scim-missing  no examples"));
    assert!(stderr(&out).contains("no example ran"), "{}", stderr(&out));
}

#[test]
fn a_misspelt_example_field_is_an_error_with_a_suggestion_and_the_rest_still_run() {
    let out = capcheck(&["test", "--rules", "tests/fixtures/authoring/bad-example"]);
    assert_eq!(code(&out), 2);
    assert!(stdout(&out).contains("PASS  no-scim: SCIM"));
    insta::assert_snapshot!("test_bad_example_stderr", stderr(&out));
}

#[test]
fn explain_shows_each_condition_and_the_fields_with_their_source_lines() {
    let out = capcheck(&[
        "explain",
        "jit-only-manual-deprovisioning",
        "clari",
        "--today",
        TODAY,
    ]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.contains("clari (Clari): flagged"), "{text}");
    insta::assert_snapshot!("explain_jit_clari", text);
}

#[test]
fn explain_says_which_condition_failed_and_what_was_not_evaluated() {
    let out = capcheck(&[
        "explain",
        "jit-only-manual-deprovisioning",
        "stitch",
        "--today",
        TODAY,
    ]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.contains("stitch (Stitch): not flagged"), "{text}");
    assert!(text.contains("not evaluated"), "{text}");
    insta::assert_snapshot!("explain_jit_stitch", text);
}

#[test]
fn explain_json_carries_operand_values_and_provenance() {
    let out = capcheck(&[
        "explain",
        "jit-only-manual-deprovisioning",
        "clari",
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["flagged"], true);
    let operands = json["steps"][0]["condition"]["operands"]
        .as_array()
        .unwrap();
    assert_eq!(operands.len(), 4);
    assert_eq!(operands[1]["text"], r#"app.sso.jit == "yes""#);
    assert_eq!(operands[1]["value"], true);
    let jit = json["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "sso.jit")
        .unwrap();
    assert_eq!(jit["value"], "yes");
    assert!(jit["line"].as_u64().is_some());
}

#[test]
fn explain_names_an_unknown_rule_with_a_suggestion() {
    let out = capcheck(&["explain", "jit-only-manual", "clari"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("did you mean `jit-only-manual-deprovisioning`?"),
        "{}",
        stderr(&out)
    );
}

fn diff_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "diff",
        "--data",
        "data/clari.toml",
        "--data",
        "data/amazing-hiring.toml",
        "--data",
        "data/6sense.toml",
        "--today",
        TODAY,
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn diff_lists_added_removed_and_changed_findings_between_two_folders() {
    let out = capcheck(&diff_args(&[
        "--base",
        "tests/fixtures/diff/base",
        "--rules",
        "tests/fixtures/diff/new",
    ]));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    insta::assert_snapshot!("diff_folders", stdout(&out));
}

#[test]
fn diff_fails_on_new_findings_at_the_threshold_only() {
    let args = |t| {
        diff_args(&[
            "--base",
            "tests/fixtures/diff/base",
            "--rules",
            "tests/fixtures/diff/new",
            "--fail-on-new",
            t,
        ])
    };
    // The change adds an info finding and changes a low one.
    assert_eq!(code(&capcheck(&args("low"))), 1);
    assert_eq!(code(&capcheck(&args("medium"))), 0);
}

#[test]
fn diff_json_has_the_three_lists() {
    let out = capcheck(&diff_args(&[
        "--base",
        "tests/fixtures/diff/base",
        "--rules",
        "tests/fixtures/diff/new",
        "--format",
        "json",
    ]));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["added"][0]["app"], "6sense");
    assert_eq!(json["removed"][0]["app"], "amazing-hiring");
    assert_eq!(
        json["changed"][0]["before"]["message"],
        "Clari documents no user API"
    );
    assert_eq!(json["unchanged"], 1);
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@t.invalid"])
        .args(args)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn diff_against_a_git_revision_compares_the_committed_rules_with_the_working_tree() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    std::fs::create_dir(dir.join("rules")).unwrap();
    std::fs::create_dir(dir.join("data")).unwrap();
    let fixtures = root().join("tests/fixtures/diff");
    for name in ["no-scim.rhai", "no-user-api.rhai"] {
        std::fs::copy(
            fixtures.join("base").join(name),
            dir.join("rules").join(name),
        )
        .unwrap();
    }
    for app in ["clari", "amazing-hiring", "6sense"] {
        let file = format!("{app}.toml");
        std::fs::copy(
            root().join("data").join(&file),
            dir.join("data").join(&file),
        )
        .unwrap();
    }
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "rules"]);
    // The working tree's edit: the rule set of `tests/fixtures/diff/new`.
    for name in [
        "no-scim.rhai",
        "no-user-api.rhai",
        "scim-not-documented.rhai",
    ] {
        std::fs::copy(
            fixtures.join("new").join(name),
            dir.join("rules").join(name),
        )
        .unwrap();
    }
    let out = capcheck_in(
        dir,
        &[
            "diff",
            "--base-rev",
            "HEAD",
            "--data",
            "data",
            "--today",
            TODAY,
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("Comparing HEAD:rules (2 rules) -> the working tree's rules (3 rules)"),
        "{text}"
    );
    assert!(
        text.ends_with("1 added, 1 removed, 1 changed, 1 unchanged\n"),
        "{text}"
    );
    assert!(text.contains("+ INFO      6sense"), "{text}");

    let bad = capcheck_in(
        dir,
        &["diff", "--base-rev", "no-such-rev", "--data", "data"],
    );
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains("no-such-rev"), "{}", stderr(&bad));
}

#[test]
fn validate_reports_a_misspelt_example_field_too() {
    let out = capcheck(&[
        "validate",
        "--rules",
        "tests/fixtures/authoring/bad-example",
    ]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("did you mean `app.scim.available`?"), "{err}");
    assert!(err.contains(": 3 errors"), "{err}");
}
