//! The regression table of `docs/import.md`: for each fixture page, the facts it must give (as
//! rules read them) and the warnings it may give, and the precision and recall of what the
//! importer infers about offboarding from the prose. `cargo test -p capcheck-core regression --
//! --nocapture` prints the table.

use super::tests::SEEDS;
use super::*;
use crate::view;

struct Fixture {
    file: &'static str,
    text: &'static str,
    /// The name passed for a page without a title.
    name: Option<&'static str>,
    /// At most this many warnings.
    warnings: usize,
    /// Facts as rules read them: path, value as JSON.
    facts: &'static [(&'static str, &'static str)],
}

const FIXTURES: &[Fixture] = &[
    Fixture {
        file: "quokka-plain.txt",
        text: include_str!("../../../../tests/fixtures/import/quokka-plain.txt"),
        name: None,
        warnings: 0,
        facts: &[
            ("user_api", r#""yes""#),
            (
                "auth.method",
                r#""OAuth 2.0 client credentials (service app)""#,
            ),
            ("api.base_url", r#""https://api.quokka.example/v3""#),
            ("api.setup_steps.len", "4"),
            (
                "api.scopes",
                r#"["members:read","members:write","roles:write"]"#,
            ),
            (
                "api.user_fields",
                r#"["id","email","full_name","role","status"]"#,
            ),
            (
                "api.operations",
                r#"["list","create","deactivate","reactivate","assignment"]"#,
            ),
            (
                "api.deactivate",
                r#""POST https://api.quokka.example/v3/members/{id}/deactivate""#,
            ),
            ("api.delete", "null"),
            ("scim.available", r#""yes""#),
            ("scim.plan_tier", r#""business""#),
            ("scim.endpoint", r#""https://api.quokka.example/scim/v2""#),
            ("scim.operations.deactivate", r#""yes""#),
            ("scim.operations.groups", r#""no""#),
            ("scim.connectors.okta", r#""native""#),
            ("scim.connectors.entra", r#""via-generic""#),
            ("scim.connectors.google_workspace", r#""sso-only""#),
            ("rate_limits.requests", "300"),
            ("rate_limits.window", r#""minute""#),
            ("rate_limits.retry_after", r#""yes""#),
            ("pagination.method", r#""cursor""#),
            ("pagination.max_page_size", "100"),
            (
                "webhooks.events",
                r#"["member.created","member.updated","member.deactivated","member.reactivated"]"#,
            ),
            (
                "scenarios.0.calls",
                r#"["POST /v3/members/{id}/deactivate","GET /v3/members/{id}"]"#,
            ),
        ],
    },
    Fixture {
        file: "wren-untitled-markdown.md",
        text: include_str!("../../../../tests/fixtures/import/wren-untitled-markdown.md"),
        name: Some("Wren Payroll"),
        warnings: 2,
        facts: &[
            ("id", r#""wren-payroll""#),
            ("user_api", r#""yes""#),
            ("auth.method", r#""API key (X-Api-Key header)""#),
            ("api.base_url", r#""https://api.wren.example/v1""#),
            ("api.setup_steps.len", "3"),
            ("api.scopes", r#"["admins:read","admins:write"]"#),
            ("api.user_fields", r#"["id","email","role","locked"]"#),
            (
                "api.operations",
                r#"["list","read","create","update","deactivate","delete"]"#,
            ),
            ("api.deactivate", r#""PATCH /v1/admins/{id}""#),
            ("api.delete", r#""DELETE /v1/admins/{id}""#),
            ("scim.available", r#""no""#),
            ("scim.plan_tier", r#""not-applicable""#),
            ("rate_limits.requests", "60"),
            ("rate_limits.window", r#""minute""#),
            ("rate_limits.headers", r#""no""#),
            ("pagination.default_page_size", "25"),
            ("sso.jit", r#""yes""#),
            ("sso.idps", r#"["okta","entra"]"#),
            (
                "scenarios.0.calls",
                r#"["PATCH /v1/admins/{id}","DELETE /v1/admins/{id}"]"#,
            ),
        ],
    },
    Fixture {
        file: "heron-plain-crlf-cut.txt",
        text: include_str!("../../../../tests/fixtures/import/heron-plain-crlf-cut.txt"),
        name: None,
        warnings: 1,
        facts: &[
            ("name", r#""Heron Sign""#),
            ("auth.method", r#""OAuth 2.0 or personal access token""#),
            ("api.base_url", r#""https://api.heronsign.example/v2""#),
            ("api.setup_steps.len", "3"),
            ("api.scopes", r#"["user_admin","user_read"]"#),
            (
                "api.user_fields",
                r#"["userId","email","permissionProfile"]"#,
            ),
            (
                "api.operations",
                r#"["list","read","create","deactivate","assignment"]"#,
            ),
            ("api.deactivate", r#""PUT /users/{id}/status""#),
            ("scim.plan", r#""Enterprise""#),
            ("scim.version", r#""2.0""#),
            ("rate_limits.requests", "1000"),
            ("rate_limits.window", r#""hour""#),
            ("rate_limits.retry_after", r#""no""#),
            ("pagination.max_page_size", "1000"),
            ("webhooks.events", r#"["user.activated","user.closed"]"#),
            ("webhooks.user_events", r#""yes""#),
        ],
    },
    Fixture {
        file: "acme-markdown.md",
        text: include_str!("../../../../tests/fixtures/import/acme-markdown.md"),
        name: None,
        warnings: 0,
        facts: &[
            ("user_api", r#""yes""#),
            ("auth.method", r#""OAuth 2.0""#),
            ("scim.plan_tier", r#""business""#),
            ("rate_limits.requests", "100"),
            ("rate_limits.window", r#""minute""#),
            (
                "webhooks.events",
                r#"["user.created","user.updated","user.deleted"]"#,
            ),
        ],
    },
];

/// The offboarding facts inferred from prose, and what each page states.
const INFERRED: &[&str] = &[
    "lifecycle.reassign_on_offboarding",
    "lifecycle.idp_removal_deactivates",
    "lifecycle.deactivation_frees_licence",
    "lifecycle.deactivation_keeps_data",
];

/// (page, field, the value the page states). Fields not listed are not stated.
const STATED: &[(&str, &str, &str)] = &[
    (
        "quokka-plain.txt",
        "lifecycle.reassign_on_offboarding",
        r#"["boards","saved views"]"#,
    ),
    (
        "quokka-plain.txt",
        "lifecycle.idp_removal_deactivates",
        r#""yes""#,
    ),
    (
        "quokka-plain.txt",
        "lifecycle.deactivation_frees_licence",
        r#""yes""#,
    ),
    (
        "quokka-plain.txt",
        "lifecycle.deactivation_keeps_data",
        r#""yes""#,
    ),
    (
        "wren-untitled-markdown.md",
        "lifecycle.reassign_on_offboarding",
        r#"["scheduled pay runs","approval queues"]"#,
    ),
    (
        "wren-untitled-markdown.md",
        "lifecycle.idp_removal_deactivates",
        r#""no""#,
    ),
    (
        "wren-untitled-markdown.md",
        "lifecycle.deactivation_frees_licence",
        r#""no""#,
    ),
    (
        "heron-plain-crlf-cut.txt",
        "lifecycle.idp_removal_deactivates",
        r#""yes""#,
    ),
    (
        "heron-plain-crlf-cut.txt",
        "lifecycle.deactivation_keeps_data",
        r#""yes""#,
    ),
    (
        "acme-markdown.md",
        "lifecycle.reassign_on_offboarding",
        r#"["dashboards","reports","api keys"]"#,
    ),
    (
        "001_134eba3fcba4906b.txt",
        "lifecycle.reassign_on_offboarding",
        r#"["opportunities","forecasts"]"#,
    ),
    (
        "001_134eba3fcba4906b.txt",
        "lifecycle.idp_removal_deactivates",
        r#""no""#,
    ),
    (
        "003_ef1ecadf93ea8dff.txt",
        "lifecycle.idp_removal_deactivates",
        r#""no""#,
    ),
    (
        "004_7a3826c08b71aaf3.txt",
        "lifecycle.idp_removal_deactivates",
        r#""no""#,
    ),
    (
        "004_7a3826c08b71aaf3.txt",
        "lifecycle.reassign_on_offboarding",
        r#"["pending approvals","open cards","requests"]"#,
    ),
];

/// A field's value as rules read it, as JSON; `api.setup_steps.len` and `scenarios.0.calls`
/// reach into lists.
fn read(record: &AppRecord, path: &str) -> serde_json::Value {
    let fields = view::fields(record);
    let get = |p: &str| {
        fields
            .iter()
            .find(|f| f.path == p)
            .map_or(serde_json::Value::String("no such field".into()), |f| {
                view::dynamic_to_json(&f.value)
            })
    };
    if let Some(list) = path.strip_suffix(".len") {
        return serde_json::Value::from(get(list).as_array().map_or(0, Vec::len));
    }
    if let Some(rest) = path.strip_prefix("scenarios.") {
        let (i, key) = rest.split_once('.').unwrap_or((rest, ""));
        let i: usize = i.parse().unwrap_or(0);
        return get("scenarios")[i][key].clone();
    }
    get(path)
}

#[test]
fn every_fixture_gives_its_facts_with_few_warnings() {
    let mut table = vec![
        "| fixture | rendering | facts expected | facts read | warnings |".to_owned(),
        "| --- | --- | --- | --- | --- |".to_owned(),
    ];
    let mut wrong = Vec::new();
    for f in FIXTURES {
        let result = import_page_named(f.file, f.text, f.name);
        let record = &result.records[0];
        let mut ok = 0;
        for (path, want) in f.facts {
            let want: serde_json::Value = serde_json::from_str(want).unwrap();
            let got = read(record, path);
            if got == want {
                ok += 1;
            } else {
                wrong.push(format!("{}: {path} = {got}, expected {want}", f.file));
            }
        }
        let rendering = if f.file.ends_with(".md") {
            "markdown"
        } else {
            "plain"
        };
        table.push(format!(
            "| `{}` | {rendering} | {} | {ok} | {} |",
            f.file,
            f.facts.len(),
            result.warnings.len()
        ));
        let shown: Vec<String> = result.warnings.iter().map(|d| d.message.clone()).collect();
        assert!(
            result.warnings.len() <= f.warnings,
            "{}: {} warnings: {shown:#?}",
            f.file,
            result.warnings.len()
        );
    }
    println!("{}", table.join("\n"));
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn offboarding_inference_is_precise() {
    let pages: Vec<(&str, &str, Option<&str>)> = FIXTURES
        .iter()
        .map(|f| (f.file, f.text, f.name))
        .chain(SEEDS.iter().map(|(n, t)| (*n, *t, None)))
        .collect();
    let (mut tp, mut fp, mut stated) = (0, 0, 0);
    let mut wrong = Vec::new();
    for (file, text, name) in pages {
        let record = import_page_named(file, text, name).records.remove(0);
        for field in INFERRED {
            let want = STATED
                .iter()
                .find(|(p, f, _)| *p == file && f == field)
                .map(|(_, _, v)| serde_json::from_str::<serde_json::Value>(v).unwrap());
            let got = read(&record, field);
            let said = !(got.is_null() || got == "not-documented");
            if want.is_some() {
                stated += 1;
            }
            match (&want, said) {
                (Some(w), true) if *w == got => tp += 1,
                (_, true) => {
                    fp += 1;
                    wrong.push(format!("{file}: {field} = {got}, page states {want:?}"));
                }
                (Some(w), false) => wrong.push(format!("{file}: {field} missed, page states {w}")),
                (None, false) => {}
            }
        }
    }
    let precision = f64::from(tp) / f64::from((tp + fp).max(1));
    let recall = f64::from(tp) / f64::from(stated.max(1));
    println!(
        "offboarding inference: precision {precision:.2} ({tp}/{}), recall {recall:.2} ({tp}/{stated})\n{}",
        tp + fp,
        wrong.join("\n")
    );
    assert!(precision >= 0.9, "precision {precision:.2}: {wrong:#?}");
    assert!(recall >= 0.7, "recall {recall:.2}: {wrong:#?}");
}
