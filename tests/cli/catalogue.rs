#![allow(
    clippy::unwrap_used,
    reason = "helpers of tests: a failed unwrap is a failed test"
)]

//! The shipped catalogue: importing a release and the update report, the built-in dataset of 850
//! apps, the disagreements between sources and the attribution exports carry.

mod support;

use std::process::Output;

use support::{code, root, run, stderr, stdout, TODAY};

const ATTRIBUTION: &str = "SCIM Tax Index (Iden, 2026), CC-BY 4.0, https://scimtax.org/";

fn capcheck(args: &[&str]) -> Output {
    run(&root(), args, &[("NO_COLOR", "1")])
}

#[test]
fn importing_a_newer_release_reports_what_changed_and_asks_before_replacing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let first = capcheck(&[
        "import",
        "--catalogue",
        "tests/fixtures/catalogue/release-1.csv",
        "--data-dir",
        data,
    ]);
    // The bad row's values are warnings naming line and column; the release is still written.
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let err = stderr(&first);
    assert!(err.contains("release-1.csv:7:1"), "{err}");
    assert!(err.contains("(field `status`)"), "{err}");
    assert!(
        err.contains("6 apps in the release; 6 added, 0 removed, 0 facts changed"),
        "{err}"
    );
    let written = dir.path().join("catalogues/scim-tax.csv");
    let release_1 = std::fs::read_to_string(root().join("tests/fixtures/catalogue/release-1.csv"));
    assert_eq!(
        std::fs::read_to_string(&written).unwrap(),
        release_1.unwrap()
    );

    let args = [
        "import",
        "--catalogue",
        "tests/fixtures/catalogue/release-2.csv",
        "--data-dir",
        data,
    ];
    let second = capcheck(&args);
    assert_eq!(
        code(&second),
        1,
        "a release that differs is not written without --force"
    );
    insta::assert_snapshot!("catalogue_update_report", stdout(&second));
    assert!(stderr(&second).contains("pass `--force` to replace it"));
    let mut forced = args.to_vec();
    forced.push("--force");
    let third = capcheck(&forced);
    assert_eq!(code(&third), 0, "{}", stderr(&third));
    let again = capcheck(&forced);
    assert!(stderr(&again).contains("unchanged"), "{}", stderr(&again));
    assert_eq!(stdout(&again), "");

    // The dataset folder now checks with the new release: Gale Desk is an app of its own.
    let apps = capcheck(&["apps", "--data", data, "--search", "gale"]);
    assert!(stdout(&apps).contains("gale-desk"), "{}", stdout(&apps));
    assert!(stdout(&apps).contains(ATTRIBUTION), "{}", stdout(&apps));
}

#[test]
fn a_json_release_is_detected_and_shipped_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = capcheck(&[
        "import",
        "--catalogue",
        "tests/fixtures/catalogue/release-1.json",
        "--data-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let csv = std::fs::read_to_string(dir.path().join("catalogues/scim-tax.csv")).unwrap();
    assert!(csv.starts_with("category,confidence,"), "{csv}");
    assert_eq!(csv.lines().count(), 7);
    let bad = capcheck(&[
        "import",
        "--catalogue",
        "tests/fixtures/catalogue/release-1.json",
        "--format",
        "csv",
        "--data-dir",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&bad), 2, "JSON read as CSV has no slug column");
}

#[test]
fn the_built_in_dataset_holds_the_catalogue_with_its_disagreements() {
    let apps = capcheck(&["apps", "--today", TODAY]);
    assert!(stdout(&apps).contains("\n850 apps;"), "{}", stdout(&apps));
    let disputed = capcheck(&[
        "check",
        "--today",
        TODAY,
        "--rule",
        "sources-disagree",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&disputed)).unwrap();
    let flagged: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["app"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["6sense", "spendesk", "stonly"]);
    assert!(report["attribution"]
        .as_str()
        .unwrap()
        .starts_with(ATTRIBUTION));

    let show = stdout(&capcheck(&["show", "stonly", "--today", TODAY]));
    let disputes = show.split("Sources disagree").nth(1).unwrap();
    assert!(
        disputes.contains("scim.available\n    shown  yes  scim-tax.csv:709"),
        "{show}"
    );
    assert!(
        disputes.contains("guide  no  002_f60aff4cd5dbd6b5.txt:68"),
        "{show}"
    );
    assert!(show.contains(ATTRIBUTION));
}

#[test]
fn exports_with_catalogue_facts_carry_the_attribution() {
    for format in ["table", "csv", "markdown", "sarif", "junit", "github"] {
        let out = capcheck(&[
            "check",
            "--today",
            TODAY,
            "--app",
            "1password",
            "--format",
            format,
        ]);
        assert!(
            stdout(&out).contains(ATTRIBUTION),
            "{format}: {}",
            stdout(&out)
        );
    }
    // The seed pages alone draw on no catalogue, and say nothing of it.
    let seeds = capcheck(&[
        "check",
        "--today",
        TODAY,
        "--data",
        "data/clari.toml",
        "--format",
        "json",
    ]);
    assert!(!stdout(&seeds).contains("attribution"));
}
