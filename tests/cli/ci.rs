#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed unwrap is a failed test"
)]

//! CLI tests of the CI features: waivers, baselines, the SARIF, JUnit and GitHub formats, and
//! coverage. They run the real `capcheck` binary, like `main.rs`.

mod support;

use std::process::Output;

use quick_xml::events::Event;
use serde_json::Value;
use support::{code, over_seeds, root, run, stderr, stdout, TODAY};

/// Runs `capcheck` over the seed pages' records (the formats are what these tests are about).
fn capcheck(args: &[&str]) -> Output {
    run(&root(), &over_seeds(args), &[("NO_COLOR", "1")])
}

/// `capcheck check --today TODAY` plus `args`.
fn check(args: &[&str]) -> Output {
    let mut all = vec!["check", "--today", TODAY];
    all.extend_from_slice(args);
    capcheck(&all)
}

#[test]
fn waived_findings_are_reported_apart_and_do_not_fail_the_check() {
    let plain = check(&["--app", "clari"]);
    assert_eq!(code(&plain), 1, "clari has a high finding");
    let out = check(&[
        "--app",
        "clari",
        "--waivers",
        "tests/fixtures/waivers/clari.toml",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let table = stdout(&out);
    let (active, waived) = table.split_once("Waived (2)").unwrap();
    assert!(!active.contains("jit-only-manual-deprovisioning"));
    assert!(waived.contains("jit-only-manual-deprovisioning"));
    assert!(waived.contains("runbook OFF-12"));
    insta::assert_snapshot!("waived_table", table);

    let json: Value = serde_json::from_str(&stdout(&check(&[
        "--app",
        "clari",
        "--waivers",
        "tests/fixtures/waivers/clari.toml",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(json["summary"]["waived"], 2);
    assert_eq!(json["summary"]["findings"]["high"], 0);
    assert_eq!(json["waived"][0]["rule"], "jit-only-manual-deprovisioning");
    assert_eq!(json["waived"][0]["waiver"]["owner"], "it-ops@example.com");
    assert_eq!(json["waived"][1]["waiver"]["expires"], "2027-03-31");

    let csv = stdout(&check(&[
        "--app",
        "clari",
        "--waivers",
        "tests/fixtures/waivers/clari.toml",
        "--format",
        "csv",
    ]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().next_back(), Some("status"));
    let statuses: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().iter().next_back().unwrap().to_owned())
        .collect();
    assert_eq!(statuses.iter().filter(|s| *s == "waived").count(), 2);
    assert_eq!(statuses.iter().filter(|s| *s == "new").count(), 7);

    let md = stdout(&check(&[
        "--app",
        "clari",
        "--waivers",
        "tests/fixtures/waivers/clari.toml",
        "--format",
        "markdown",
    ]));
    let (_, waived) = md.split_once("### Waived (2)").unwrap();
    assert!(
        waived.contains("| high | Clari | `jit-only-manual-deprovisioning` | Clari has 6 seats"),
        "{waived}"
    );
}

#[test]
fn an_expired_waiver_is_an_error_naming_it() {
    let out = check(&[
        "--app",
        "clari",
        "--waivers",
        "tests/fixtures/waivers/expired.toml",
    ]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("tests/fixtures/waivers/expired.toml:6:11"),
        "{err}"
    );
    insta::assert_snapshot!("waiver_expired_stderr", err);
    assert!(
        stdout(&out).contains("HIGH      clari  jit-only-manual-deprovisioning"),
        "an expired waiver waives nothing"
    );
}

#[test]
fn validate_checks_waivers_and_baseline_files_too() {
    let bad = capcheck(&["validate", "--waivers", "tests/fixtures/waivers/typos.toml"]);
    assert_eq!(code(&bad), 2);
    let err = stderr(&bad);
    assert!(err.contains("did you mean `clari`?"), "{err}");
    assert!(err.contains("4 errors"), "{err}");
    let good = capcheck(&["validate", "--waivers", "tests/fixtures/waivers/clari.toml"]);
    assert_eq!(code(&good), 0, "{}", stderr(&good));
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("baseline.json");
    std::fs::write(&junk, "{ not json").unwrap();
    let out = capcheck(&["validate", "--baseline", junk.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn in_junit_an_expired_waiver_is_an_input_error_not_a_stopped_rule() {
    let out = check(&[
        "--format",
        "junit",
        "--rule",
        "jit-only-manual-deprovisioning",
        "--waivers",
        "tests/fixtures/waivers/expired.toml",
    ]);
    assert_eq!(code(&out), 2);
    let xml = stdout(&out);
    // The inputs suite holds the waiver's error; the rule's suite still lists its findings
    // (Clari and Spendesk) and passes every other app.
    let (suites, cases, failures, skipped, errors) = junit_counts(&xml);
    assert_eq!((suites, failures, skipped, errors), (2, 2, 0, 1), "{xml}");
    assert_eq!(cases, 1 + 8, "{xml}");
    assert!(xml.contains("waiver-expired"), "{xml}");
}

#[test]
fn waiver_mistakes_are_errors_with_suggestions() {
    let out = check(&["--waivers", "tests/fixtures/waivers/typos.toml"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("did you mean `no-bulk-path`?"), "{err}");
    assert!(err.contains("did you mean `clari`?"), "{err}");
    insta::assert_snapshot!("waiver_typos_stderr", err);
}

#[test]
fn a_baseline_fails_only_on_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("baseline.json");
    let path = file.to_str().unwrap();
    let written = check(&["--write-baseline", path, "--fail-on", "never"]);
    assert_eq!(code(&written), 0);
    assert!(
        stderr(&written).contains("wrote a baseline of 40 findings"),
        "{}",
        stderr(&written)
    );

    let out = check(&["--baseline", path]);
    assert_eq!(
        code(&out),
        0,
        "every finding is in the baseline: {}",
        stderr(&out)
    );
    let table = stdout(&out);
    assert!(table.starts_with("In the baseline (40)"), "{table}");
    assert!(
        table.ends_with("0 findings from 20 rules over 8 apps; 40 in the baseline\n"),
        "{table}"
    );

    // Drop Clari's high finding from the baseline and add one that no longer fires: the first is
    // new (and fails the check), the second is reported as fixed.
    let mut b: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let entries = b["findings"].as_array_mut().unwrap();
    entries.retain(|e| !(e["app"] == "clari" && e["rule"] == "jit-only-manual-deprovisioning"));
    entries.push(serde_json::json!({"app": "stitch", "rule": "stale-record", "severity": "low", "message": "old"}));
    std::fs::write(&file, serde_json::to_string(&b).unwrap()).unwrap();
    let out = check(&["--baseline", path]);
    assert_eq!(code(&out), 1);
    let table = stdout(&out);
    let (new, rest) = table.split_once("In the baseline (39)").unwrap();
    assert!(
        new.contains("HIGH      clari  jit-only-manual-deprovisioning"),
        "{new}"
    );
    assert_eq!(
        new.lines().count(),
        3,
        "header, the new finding, a blank line: {new}"
    );
    assert!(rest.contains("Fixed since the baseline (1)"));
    assert!(
        rest.ends_with(
            "1 finding (1 high) from 20 rules over 8 apps; 39 in the baseline, 1 fixed\n"
        ),
        "{rest}"
    );
}

#[test]
fn writing_a_baseline_never_clobbers_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("notes.json");
    std::fs::write(&other, "{\"mine\": true}").unwrap();
    let path = other.to_str().unwrap();
    let out = check(&["--write-baseline", path, "--fail-on", "never"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("is not a capcheck baseline; pass `--force`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "{\"mine\": true}");
    let out = check(&["--write-baseline", path, "--fail-on", "never", "--force"]);
    assert_eq!(code(&out), 0);
    // A baseline is replaced without `--force`: regenerating it is what the option is for.
    let out = check(&[
        "--write-baseline",
        path,
        "--app",
        "clari",
        "--fail-on",
        "never",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let b: Value = serde_json::from_str(&std::fs::read_to_string(&other).unwrap()).unwrap();
    assert_eq!(b["findings"].as_array().unwrap().len(), 9);
    // Nor is a baseline written from a check with errors: it would miss findings.
    let bad = dir.path().join("bad.json");
    let out = check(&[
        "--rules",
        "tests/fixtures/bad-rules",
        "--write-baseline",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    assert!(!bad.exists());
}

fn fix_language_patterns(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if k == "pattern" && child.as_str().is_some_and(|p| p.ends_with("]?$")) {
                    *child = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                } else {
                    fix_language_patterns(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(fix_language_patterns),
        _ => {}
    }
}

fn sarif_errors(sarif: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"))
            .unwrap(),
    )
    .unwrap();
    // The official schema's `language` patterns (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`)
    // have a stray `]`, so the schema fails its own meta-schema check; they are corrected here,
    // in memory, to what they mean. capcheck never writes `language`.
    let mut schema = schema;
    fix_language_patterns(&mut schema);
    let validator = jsonschema::validator_for(&schema).unwrap();
    validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_is_valid_and_points_at_data_and_rule_files() {
    let out = check(&[
        "--format",
        "sarif",
        "--waivers",
        "tests/fixtures/waivers/clari.toml",
    ]);
    assert_eq!(code(&out), 1);
    let sarif: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(sarif_errors(&sarif), Vec::<String>::new());
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("severe");
    assert_eq!(sarif_errors(&broken).len(), 1, "the schema check can fail");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["rules"].as_array().unwrap().len(), 20);
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let results = run["results"].as_array().unwrap();
    assert_eq!(
        results.len(),
        40,
        "waived results stay, marked as suppressed"
    );
    let clari_jit = results
        .iter()
        .find(|r| {
            r["ruleId"] == "jit-only-manual-deprovisioning" && r["properties"]["app"] == "clari"
        })
        .unwrap();
    let loc = &clari_jit["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "data/clari.toml");
    let line = loc["region"]["startLine"].as_u64().unwrap() as usize;
    let text = std::fs::read_to_string(root().join("data/clari.toml")).unwrap();
    let first_field = clari_jit["properties"]["evidence"][0]["field"]
        .as_str()
        .unwrap();
    assert_eq!(first_field, "scim.available");
    assert!(
        text.lines()
            .nth(line - 1)
            .unwrap()
            .starts_with("available = "),
        "line {line}"
    );
    assert_eq!(
        clari_jit["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "rules/jit-only-manual-deprovisioning.rhai"
    );
    assert_eq!(clari_jit["suppressions"][0]["status"], "accepted");
    let rule = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "jit-only-manual-deprovisioning")
        .unwrap();
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert_eq!(rule["properties"]["security-severity"], "8.0");
    assert!(rule["help"]["text"]
        .as_str()
        .unwrap()
        .contains("SOC 2 CC6.2"));
}

#[test]
fn sarif_with_a_baseline_and_errors_is_valid_and_unsuccessful() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.json");
    let b = file.to_str().unwrap();
    check(&[
        "--rules",
        "tests/fixtures/good-rules",
        "--write-baseline",
        b,
        "--fail-on",
        "never",
    ]);
    let out = check(&[
        "--rules",
        "tests/fixtures/bad-rules",
        "--baseline",
        b,
        "--format",
        "sarif",
    ]);
    assert_eq!(code(&out), 2);
    let sarif: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(sarif_errors(&sarif), Vec::<String>::new());
    let inv = &sarif["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert!(notes.iter().any(|n| n["descriptor"]["id"] == "rule-syntax"
        && n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "tests/fixtures/bad-rules/syntax-error.rhai"));
    let states: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["baselineState"].as_str().unwrap())
        .collect();
    assert!(states.contains(&"unchanged"), "{states:?}");
}

/// `(suites, testcases, failures, skipped, errors)` counted from the parsed XML.
fn junit_counts(xml: &str) -> (usize, usize, usize, usize, usize) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut counts = (0, 0, 0, 0, 0);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"testsuite" => counts.0 += 1,
                b"testcase" => counts.1 += 1,
                b"failure" => counts.2 += 1,
                b"skipped" => counts.3 += 1,
                b"error" => counts.4 += 1,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    counts
}

#[test]
fn junit_is_well_formed_with_a_suite_per_rule() {
    let out = check(&[
        "--format",
        "junit",
        "--waivers",
        "tests/fixtures/waivers/clari.toml",
    ]);
    assert_eq!(code(&out), 1);
    let xml = stdout(&out);
    assert_eq!(junit_counts(&xml), (20, 20 * 8, 38, 2, 0));
    assert!(xml.contains(
        "<testsuites name=\"capcheck\" tests=\"160\" failures=\"38\" errors=\"0\" skipped=\"2\">"
    ));
    let clari = check(&[
        "--format",
        "junit",
        "--app",
        "clari",
        "--rule",
        "no-bulk-path",
    ]);
    insta::assert_snapshot!("junit_clari_no_bulk_path", stdout(&clari));
}

#[test]
fn github_annotations_point_at_data_lines() {
    let out = check(&["--format", "github", "--app", "clari"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let annotations: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 9);
    assert!(annotations[0].starts_with("::error file=data/clari.toml,line=30,title=jit-only-manual-deprovisioning (high)::Clari creates"));
    insta::assert_snapshot!("github_clari", text);
}

#[test]
fn no_format_hides_an_error() {
    for format in [
        "table", "json", "csv", "markdown", "sarif", "junit", "github",
    ] {
        let out = check(&["--rules", "tests/fixtures/bad-rules", "--format", format]);
        assert_eq!(code(&out), 2, "{format}");
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(all.contains("syntax-error.rhai"), "{format}: {all}");
        assert!(all.contains("runaway-loop"), "{format}: {all}");
        if ["json", "markdown", "sarif", "junit", "github"].contains(&format) {
            assert!(
                stdout(&out).contains("syntax-error.rhai"),
                "{format} itself names the error"
            );
        }
    }
    let junit = stdout(&check(&[
        "--rules",
        "tests/fixtures/bad-rules",
        "--format",
        "junit",
    ]));
    assert_eq!(junit_counts(&junit).4, 4, "{junit}");
    assert!(
        junit.contains("<testsuite name=\"runaway-loop\" tests=\"8\" failures=\"0\" errors=\"1\" skipped=\"7\""),
        "a rule stopped at run time does not pass on the apps it never saw: {junit}"
    );
    let gh = stdout(&check(&[
        "--rules",
        "tests/fixtures/bad-rules",
        "--format",
        "github",
    ]));
    assert!(
        gh.contains("::error file=tests/fixtures/bad-rules/syntax-error.rhai,line="),
        "{gh}"
    );
}

#[test]
fn coverage_lists_silent_rules_and_unread_fields() {
    let out = capcheck(&["coverage", "--today", TODAY]);
    assert_eq!(code(&out), 0);
    insta::assert_snapshot!("coverage_table", stdout(&out));
    let out = capcheck(&[
        "coverage",
        "--today",
        TODAY,
        "--rules",
        "tests/fixtures/good-rules",
        "--format",
        "json",
    ]);
    let c: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(c["rules"], 1);
    assert_eq!(c["rules_never_firing"], serde_json::json!([]));
    let unread: Vec<&str> = c["fields_not_read"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(!unread.contains(&"scim.available"));
    assert!(unread.contains(&"sso.jit"));
    let out = capcheck(&[
        "coverage",
        "--today",
        TODAY,
        "--rules",
        "tests/fixtures/bad-rules",
    ]);
    assert_eq!(code(&out), 2, "errors in the rules fail coverage too");
}

#[test]
fn findings_in_a_json_file_point_into_their_own_record() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("apps.json");
    std::fs::write(
        &file,
        "[\n{\"id\": \"a\", \"name\": \"A\", \"sources\": [{\"id\": \"g\"}]},\n{\"id\": \"b\", \"name\": \"B\", \"sources\": [{\"id\": \"g\"}],\n \"scim\": {\"available\": {\"value\": \"no\"}}, \"user_api\": {\"value\": \"no\"}}\n]\n",
    )
    .unwrap();
    let out = check(&["--data", file.to_str().unwrap(), "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut lines: Vec<(String, u64)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap();
            (r["properties"]["app"].as_str().unwrap().to_owned(), line)
        })
        .collect();
    lines.sort();
    lines.dedup();
    // `a` documents nothing, so its findings point at its `id` (line 2), never at `b`'s
    // `scim` (line 4); `b`'s point into lines 3 and 4.
    assert_eq!(
        lines,
        [
            ("a".to_owned(), 2),
            ("b".to_owned(), 3),
            ("b".to_owned(), 4)
        ]
    );
}

#[test]
fn a_data_file_with_no_record_is_an_error_that_names_it_not_zero_apps() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "[[\"acme\", \"Acme\"]]\n").unwrap();
    let out = capcheck(&["validate", "--data", empty.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("error[invalid-record]"), "{err}");
    assert!(err.contains("empty.json:1:2"), "{err}");
    assert!(err.contains("found an array"), "{err}");

    std::fs::write(&empty, "[]\n").unwrap();
    let out = capcheck(&["check", "--data", empty.to_str().unwrap()]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("error[no-records]"), "{err}");
    assert!(err.contains("holds no app record"), "{err}");
}
