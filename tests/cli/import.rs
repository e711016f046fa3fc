//! `capcheck import`: guide pages in, data files out, never overwriting without `--force`.

use super::{capcheck, code, root, stderr, stdout};
use capcheck_core::dataset::parse_file;
use capcheck_core::import::differences;

const SEEDS: &[&str] = &[
    "tests/fixtures/seeds/000_fbe6634a25a66864.txt",
    "tests/fixtures/seeds/001_134eba3fcba4906b.txt",
    "tests/fixtures/seeds/002_f60aff4cd5dbd6b5.txt",
    "tests/fixtures/seeds/003_ef1ecadf93ea8dff.txt",
    "tests/fixtures/seeds/004_7a3826c08b71aaf3.txt",
];

fn record_in(path: &std::path::Path) -> capcheck_core::AppRecord {
    let text = std::fs::read_to_string(path).unwrap();
    let (mut apps, diags) = parse_file(&path.display().to_string(), &text);
    assert!(diags.is_empty(), "{}: {diags:?}", path.display());
    apps.remove(0).record
}

#[test]
fn importing_the_seeds_reproduces_the_committed_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("data");
    let mut args = vec!["import", "--data-dir", out_dir.to_str().unwrap()];
    args.extend(SEEDS);
    let out = capcheck(&args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    // The records; the shipped catalogue in `data/catalogues/` is not built from guide pages.
    let mut committed: Vec<String> = std::fs::read_dir(root().join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    committed.sort();
    assert_eq!(
        written, committed,
        "one file per app, the related apps once"
    );
    for name in &written {
        let imported = record_in(&out_dir.join(name));
        let expected = record_in(&root().join("data").join(name));
        let diffs = differences(&imported, &expected);
        assert!(diffs.is_empty(), "{name}:\n{}", diffs.join("\n"));
    }
    // The imported dataset checks like the committed one.
    let check = capcheck(&["validate", "--data", out_dir.to_str().unwrap()]);
    assert_eq!(code(&check), 0, "{}", stderr(&check));
}

#[test]
fn stdout_prints_the_record_and_warnings_name_their_line() {
    let out = capcheck(&[
        "import",
        "--stdout",
        "tests/fixtures/seeds/004_7a3826c08b71aaf3.txt",
    ]);
    assert_eq!(code(&out), 0);
    assert_eq!(stderr(&out), "", "a seed page reads without a warning");
    let text = stdout(&out);
    assert!(text.contains("# ---- spendesk.toml ----"));
    assert!(text.contains("idps = { value = [\"okta\", \"entra\", \"onelogin\"], line = 20"));
    insta::assert_snapshot!("import_stdout_spendesk", text);

    let out = capcheck(&[
        "import",
        "--stdout",
        "tests/fixtures/import/bolt-plain-crlf-cut.txt",
    ]);
    assert_eq!(code(&out), 0, "warnings do not fail the import");
    insta::assert_snapshot!("import_warnings_bolt", stderr(&out));
}

#[test]
fn an_existing_file_is_shown_as_a_difference_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let clari = data.join("clari.toml");
    // The committed record, with a curated fact and a changed value.
    let committed = std::fs::read_to_string(root().join("data/clari.toml")).unwrap();
    let edited = committed.replace(
        "retry_after = { value = \"not-documented\", raw = \"No\"",
        "retry_after = { value = \"yes\", raw = \"No\"",
    );
    assert_ne!(edited, committed);
    std::fs::write(&clari, &edited).unwrap();
    let seed = "tests/fixtures/seeds/001_134eba3fcba4906b.txt";
    let out = capcheck(&["import", "--data-dir", data.to_str().unwrap(), seed]);
    assert_eq!(code(&out), 1, "a refused file fails the run");
    assert_eq!(
        std::fs::read_to_string(&clari).unwrap(),
        edited,
        "untouched"
    );
    let diff = stdout(&out);
    assert!(diff.contains("-retry_after = { value = \"yes\""), "{diff}");
    assert!(
        diff.contains("+retry_after = { value = \"not-documented\""),
        "{diff}"
    );
    assert!(stderr(&out).contains("pass `--force` to overwrite it"));

    let out = capcheck(&[
        "import",
        "--force",
        "--data-dir",
        data.to_str().unwrap(),
        seed,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let now = record_in(&clari);
    assert_eq!(now.rate_limits.retry_after.value.as_str(), "not-documented");
    // Facts a person marked curated survive the forced import.
    let before = record_in(&root().join("data/clari.toml"));
    assert_eq!(now.lifecycle.bulk, before.lifecycle.bulk);
    assert!(now.lifecycle.bulk.curated);

    let again = capcheck(&["import", "--data-dir", data.to_str().unwrap(), seed]);
    assert_eq!(code(&again), 0);
    assert!(stderr(&again).contains("unchanged"), "{}", stderr(&again));
}

#[test]
fn an_unreadable_page_is_an_input_error_and_the_others_still_import() {
    let out = capcheck(&[
        "import",
        "--stdout",
        "tests/fixtures/no-such-page.txt",
        "tests/fixtures/import/acme-markdown.md",
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cannot read `tests/fixtures/no-such-page.txt`"));
    assert!(stdout(&out).contains("id = \"acme-hr\""));
}

#[test]
fn a_record_that_would_not_load_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("huge.txt");
    let summary = "word ".repeat(20_000);
    std::fs::write(
        &page,
        format!("Huge User Management API Guide\n\nSummary and recommendation\n\n{summary}\n"),
    )
    .unwrap();
    let out_dir = dir.path().join("data");
    let out = capcheck(&[
        "import",
        "--data-dir",
        out_dir.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("over the limit"), "{}", stderr(&out));
    assert!(!out_dir.join("huge.toml").exists());
}

#[test]
fn a_related_apps_entry_never_replaces_a_full_record() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    // A full guide record for Alkami, imported from a page of its own.
    let alkami_page = data.join("alkami.txt");
    std::fs::write(
        &alkami_page,
        "Alkami User Management API Guide\n\nAPI quick reference\n\nHas user APIYes\n",
    )
    .unwrap();
    let out = capcheck(&[
        "import",
        "--data-dir",
        data.to_str().unwrap(),
        alkami_page.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let full = std::fs::read_to_string(data.join("alkami.toml")).unwrap();
    // A seed lists Alkami among its related apps: even with --force, the full record stays.
    let out = capcheck(&[
        "import",
        "--force",
        "--data-dir",
        data.to_str().unwrap(),
        "tests/fixtures/seeds/000_fbe6634a25a66864.txt",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("kept"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(data.join("alkami.toml")).unwrap(),
        full
    );
    assert!(
        data.join("6sense.toml").exists(),
        "the other related apps are written"
    );
}

#[test]
fn a_page_without_a_title_is_named_by_name_else_after_its_file() {
    let page = "tests/fixtures/import/wren-untitled-markdown.md";
    let out = capcheck(&["import", "--stdout", page]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("id = \"wren-untitled-markdown\""));
    assert!(
        stderr(&out).contains("named `wren-untitled-markdown` after its file"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("--name"),
        "the warning says how to name it"
    );

    let out = capcheck(&["import", "--stdout", "--name", "Wren Payroll", page]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("# ---- wren-payroll.toml ----"), "{text}");
    assert!(text.contains("name = \"Wren Payroll\""));
    // The two facts the page loses are the only warnings: an unknown quick-reference row and an
    // endpoint row with no method or path.
    let err = stderr(&out);
    assert_eq!(err.matches("warning[").count(), 2, "{err}");
    assert!(
        err.contains("`Sandbox` is not a row this importer knows"),
        "{err}"
    );
    assert!(
        err.contains("could not read the endpoint row `| Export admins | | | |`"),
        "{err}"
    );
}

#[test]
fn an_api_page_gives_endpoints_rules_can_ask_about() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = capcheck(&[
        "import",
        "--data-dir",
        data.to_str().unwrap(),
        "tests/fixtures/import/quokka-plain.txt",
        "tests/fixtures/import/heron-plain-crlf-cut.txt",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let quokka = record_in(&data.join("quokka.toml"));
    let deactivate: Vec<String> = quokka
        .api
        .endpoints
        .iter()
        .filter(|e| e.operation == capcheck_core::model::Operation::Deactivate)
        .map(|e| e.call())
        .collect();
    assert_eq!(
        deactivate,
        ["POST https://api.quokka.example/v3/members/{id}/deactivate"]
    );
    // The cut value (`Plan required: E`) never replaces the quick reference's.
    let heron = record_in(&data.join("heron-sign.toml"));
    assert_eq!(heron.scim.plan.value.as_deref(), Some("Enterprise"));
    assert_eq!(heron.scim.plan.line, Some(13));
    // What rules read: the operations the endpoints cover.
    let out = capcheck(&[
        "apps",
        "--data",
        data.to_str().unwrap(),
        "--where",
        "api.operations=deactivate",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("heron-sign"), "{}", stdout(&out));
    assert!(stdout(&out).contains("quokka"), "{}", stdout(&out));
}
