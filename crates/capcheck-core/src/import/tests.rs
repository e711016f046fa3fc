//! The importer on the seed pages (they must reproduce the committed records of `data/`) and on
//! synthetic pages in both renderings.

use super::*;
use crate::builtin::data_files;
use crate::dataset::parse_file;

pub(super) const SEEDS: &[(&str, &str)] = &[
    (
        "000_fbe6634a25a66864.txt",
        include_str!("../../../../tests/fixtures/seeds/000_fbe6634a25a66864.txt"),
    ),
    (
        "001_134eba3fcba4906b.txt",
        include_str!("../../../../tests/fixtures/seeds/001_134eba3fcba4906b.txt"),
    ),
    (
        "002_f60aff4cd5dbd6b5.txt",
        include_str!("../../../../tests/fixtures/seeds/002_f60aff4cd5dbd6b5.txt"),
    ),
    (
        "003_ef1ecadf93ea8dff.txt",
        include_str!("../../../../tests/fixtures/seeds/003_ef1ecadf93ea8dff.txt"),
    ),
    (
        "004_7a3826c08b71aaf3.txt",
        include_str!("../../../../tests/fixtures/seeds/004_7a3826c08b71aaf3.txt"),
    ),
];

fn committed(id: &str) -> AppRecord {
    let file = data_files()
        .into_iter()
        .find(|f| f.name.ends_with(&format!("/{id}.toml")) || f.name == format!("{id}.toml"))
        .unwrap_or_else(|| panic!("no data/{id}.toml"));
    parse_file(file.name, file.text).0.remove(0).record
}

fn import_seeds() -> (Vec<AppRecord>, Vec<Diagnostic>) {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for (name, text) in SEEDS {
        let r = import_page(name, text);
        records.extend(r.records);
        warnings.extend(r.warnings);
    }
    let (records, _) = dedupe(records);
    (records, warnings)
}

#[test]
fn the_seeds_reproduce_the_committed_records() {
    let (records, warnings) = import_seeds();
    let shown: Vec<String> = warnings
        .iter()
        .map(|d| format!("{} {}", d.location(), d.message))
        .collect();
    assert!(
        warnings.is_empty(),
        "the seeds read without a warning:\n{}",
        shown.join("\n")
    );
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "cleverbridge",
            "6sense",
            "alkami",
            "amazing-hiring",
            "clari",
            "stonly",
            "stitch",
            "spendesk"
        ]
    );
    let mut all = Vec::new();
    for r in &records {
        for d in differences(r, &committed(&r.id)) {
            all.push(format!("{}: {d}", r.id));
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

const CLARI_MARKDOWN: &str = include_str!("../../../../tests/fixtures/import/clari-markdown.md");
const ACME: &str = include_str!("../../../../tests/fixtures/import/acme-markdown.md");
const BOLT: &str = include_str!("../../../../tests/fixtures/import/bolt-plain-crlf-cut.txt");

/// The 1-based line of the first line of `page` containing `needle`.
fn line_of(page: &str, needle: &str) -> Option<u32> {
    page.lines()
        .position(|l| l.contains(needle))
        .map(|i| u32::try_from(i + 1).unwrap())
}

#[test]
fn a_markdown_page_with_every_capability_reads_as_yes() {
    let result = import_page("fixtures/acme-markdown.md", ACME);
    let shown: Vec<String> = result
        .warnings
        .iter()
        .map(|d| format!("{} {}", d.location(), d.message))
        .collect();
    assert!(result.warnings.is_empty(), "{}", shown.join("\n"));
    let r = &result.records[0];
    assert_eq!((r.id.as_str(), r.name.as_str()), ("acme-hr", "Acme HR"));
    assert_eq!(r.sources[0].document.as_deref(), Some("acme-markdown.md"));
    assert_eq!(r.sources[0].updated.as_deref(), Some("2026-04-02"));
    assert_eq!(r.user_api.value, Tri::Yes);
    assert_eq!(r.user_api.line, line_of(ACME, "| Has user API"));
    assert_eq!(r.scim.available.value, Tri::Yes);
    assert_eq!(
        r.scim.available.line,
        line_of(ACME, "- SCIM available"),
        "the SCIM section wins"
    );
    assert_eq!(r.scim.version.value.as_deref(), Some("2.0"));
    assert_eq!(r.scim.plan.value.as_deref(), Some("Business (annual)"));
    assert_eq!(
        r.scim.plan_tier.value,
        Some(crate::model::PlanTier::Business)
    );
    assert_eq!(
        r.scim.endpoint.value.as_deref(),
        Some("https://api.acme-hr.example/scim/v2")
    );
    assert_eq!(r.auth.method.value.as_deref(), Some("OAuth 2.0"));
    assert_eq!(
        r.rate_limits.limits.value.as_deref(),
        Some("100 requests per minute per token")
    );
    assert_eq!(r.rate_limits.headers.value, Tri::Yes);
    assert_eq!(r.rate_limits.retry_after.value, Tri::Yes);
    assert_eq!(r.pagination.method.value.as_deref(), Some("cursor"));
    assert_eq!(r.pagination.default_page_size.value, Some(50));
    assert_eq!(r.pagination.max_page_size.value, Some(200));
    assert_eq!(
        r.pagination.max_page_size.line,
        line_of(ACME, "Max page size")
    );
    assert_eq!(r.webhooks.available.value, Tri::Yes);
    assert_eq!(r.webhooks.alternative.value, None);
    assert_eq!(
        r.webhooks.alternative.raw.as_deref(),
        Some("Not documented")
    );
    assert_eq!(r.limitations.len(), 2, "both bullet styles");
    assert_eq!(r.scenarios[0].title, "Offboard a leaver");
    assert_eq!(r.scenarios[0].steps.len(), 2);
    assert_eq!(
        r.scenarios[0].watch_out.as_deref(),
        Some("tokens outlive the account for a day.")
    );
    assert_eq!(r.traps.len(), 1);
    use crate::model::Idp;
    assert_eq!(
        r.sso.idps.value,
        Some(vec![Idp::Okta, Idp::GoogleWorkspace]),
        "OneLogin is denied"
    );
    assert!(r.sso.idps.inferred);
    assert_eq!(
        r.sso.idps.line,
        line_of(ACME, "Provisioning works through Okta")
    );
    assert_eq!(r.sso.saml.value, Tri::Yes);
    assert_eq!(r.sso.jit.value, Tri::NotDocumented);
    let reassign = r.lifecycle.reassign_on_offboarding.value.clone().unwrap();
    assert_eq!(reassign, ["dashboards", "reports", "api keys"]);
    assert_eq!(
        r.lifecycle.reassign_on_offboarding.quote.as_deref(),
        Some("Reassign dashboards, reports and API keys to the team lead.")
    );
}

#[test]
fn a_plain_page_with_crlf_odd_bullets_and_a_cut_reads_what_is_there() {
    let result = import_page("bolt.txt", BOLT);
    let r = &result.records[0];
    assert_eq!(r.id, "bolt");
    assert_eq!(r.sources[0].updated.as_deref(), Some("2026-01-05"));
    assert_eq!(r.user_api.value, Tri::Yes);
    assert_eq!(r.scim.available.value, Tri::Partial);
    assert_eq!(r.scim.plan.value.as_deref(), Some("Enterprise add-on"));
    assert_eq!(r.scim.plan_tier.value, Some(crate::model::PlanTier::AddOn));
    // Documented limits make a "No" header a real no.
    assert_eq!(
        r.rate_limits.limits.value.as_deref(),
        Some("10 requests per second")
    );
    assert_eq!(r.rate_limits.headers.value, Tri::No);
    assert_eq!(r.pagination.max_page_size.value, None);
    assert_eq!(r.pagination.max_page_size.raw.as_deref(), Some("0"));
    assert_eq!(r.sso.jit.value, Tri::Yes);
    assert_eq!(r.sso.idps.value, Some(vec![crate::model::Idp::Entra]));
    // The step cut by the end of the page is left out; the one before it stays.
    assert_eq!(r.scenarios[0].steps, ["Create the user with POST /users."]);
    assert_eq!(r.scenarios[0].calls, ["POST /users"]);
    assert_eq!(r.rate_limits.requests.value, Some(10));
    assert_eq!(r.rate_limits.window.value.as_deref(), Some("second"));
    assert!(!r.summary.value.clone().unwrap().contains('\r'));
    let warned: Vec<(usize, &str, Option<&str>)> = result
        .warnings
        .iter()
        .map(|d| (d.span.unwrap().line, d.code.as_str(), d.field.as_deref()))
        .collect();
    let at = |needle| usize::try_from(line_of(BOLT, needle).unwrap()).unwrap();
    assert!(
        warned.contains(&(
            at("Default page size"),
            "invalid-value",
            Some("pagination.default_page_size")
        )),
        "{warned:?}"
    );
    assert!(
        warned.contains(&(at("Frobnication"), "unknown-row", None)),
        "{warned:?}"
    );
    // The cut is reported once, at its line and column, naming what is missing.
    let cuts: Vec<&Diagnostic> = result
        .warnings
        .iter()
        .filter(|d| d.code == "cut-off")
        .collect();
    assert_eq!(cuts.len(), 1, "{warned:?}");
    let span = cuts[0].span.unwrap();
    assert_eq!(
        (span.line, span.column),
        (at("2. Assign the"), "  2. Assign the".len() + 1)
    );
    assert!(
        cuts[0].message.contains("`Auth method`"),
        "{}",
        cuts[0].message
    );
    assert!(!warned.iter().any(|w| w.1 == "not-found"), "{warned:?}");
    let page = &result.warnings[0];
    assert_eq!(page.file, "bolt.txt");
}

/// The record as JSON without line numbers and quotes, which differ between renderings.
fn values_only(r: &AppRecord) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("line");
                m.remove("quote");
                m.remove("document");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(r).unwrap();
    strip(&mut v);
    v
}

#[test]
fn the_markdown_rendering_of_a_seed_gives_the_same_records() {
    let plain = import_page(SEEDS[1].0, SEEDS[1].1);
    let markdown = import_page("clari-markdown.md", CLARI_MARKDOWN);
    assert!(markdown.warnings.is_empty(), "{:?}", markdown.warnings);
    assert_eq!(plain.records.len(), markdown.records.len());
    for (a, b) in plain.records.iter().zip(&markdown.records) {
        assert_eq!(values_only(a), values_only(b), "{}", a.id);
    }
    let clari = &markdown.records[0];
    assert_eq!(
        clari.user_api.line,
        line_of(CLARI_MARKDOWN, "| Has user API")
    );
    assert_eq!(
        clari.rate_limits.limits.line,
        line_of(CLARI_MARKDOWN, "- Rate limits:")
    );
}

#[test]
fn extra_reordered_and_missing_sections() {
    // Traps first, an unknown section in the middle, no quick reference at all.
    let page = "# Zed User Management API Guide\n\n## Why building this yourself is a trap\n\nTrap one.\n\n\
                ## Pricing\n\nSeats cost money.\n- Rate limits: 5 per second\n\n\
                ## SCIM API status\n\n- SCIM available: Yes\n- Plan required: Gold\n";
    let result = import_page("zed.md", page);
    let r = &result.records[0];
    assert_eq!(
        r.traps.len(),
        1,
        "the unknown section does not run into the traps"
    );
    assert_eq!(r.scim.available.value, Tri::Yes);
    assert_eq!(r.user_api.value, Tri::NotDocumented);
    assert_eq!(
        r.rate_limits.limits.line, None,
        "lines of an unknown section are not read"
    );
    let codes: Vec<(&str, usize)> = result
        .warnings
        .iter()
        .map(|d| (d.code.as_str(), d.span.unwrap().line))
        .collect();
    let at = |n| usize::try_from(line_of(page, n).unwrap()).unwrap();
    assert!(
        codes.contains(&("not-imported", at("## Pricing"))),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("unknown-plan", at("Plan required: Gold"))),
        "{codes:?}"
    );
    assert!(codes.iter().any(|c| c.0 == "not-found"), "{codes:?}");
}

#[test]
fn dates_with_words_outside_ascii_are_not_dates() {
    for updated in ["ab中 2026", "a€ 1 2026", "Mär 9, 2026"] {
        let page = format!("# Acme User Management API Guide\nUpdated: {updated}\n");
        let result = import_page("acme.md", &page);
        let acme = &result.records[0];
        assert_eq!(acme.sources[0].updated, None, "{updated}");
    }
}

#[test]
fn a_page_without_its_title_is_named_after_its_logo_line() {
    let page = SEEDS[1].1.replace("Clari User Management API Guide", "");
    let result = import_page("clari.txt", &page);
    let clari = &result.records[0];
    assert_eq!((clari.id.as_str(), clari.name.as_str()), ("clari", "Clari"));
    assert_eq!(clari.scim.available.line, Some(62));
    assert_eq!(result.warnings.len(), 1, "{:?}", result.warnings);
    assert_eq!(result.warnings[0].code, "missing-title");
}

#[test]
fn not_documented_and_placeholders_never_become_no() {
    let (records, _) = import_seeds();
    for r in records.iter().filter(|r| !is_partial(r)) {
        assert_eq!(r.rate_limits.headers.value, Tri::NotDocumented, "{}", r.id);
        assert_eq!(r.rate_limits.headers.raw.as_deref(), Some("No"), "{}", r.id);
        assert_eq!(r.pagination.default_page_size.value, None, "{}", r.id);
        assert_eq!(
            r.pagination.default_page_size.raw.as_deref(),
            Some("0"),
            "{}",
            r.id
        );
        assert_eq!(r.auth.method.value, None, "{}", r.id);
        assert_eq!(
            r.auth.method.raw.as_deref(),
            Some("Not documented"),
            "{}",
            r.id
        );
    }
}

#[test]
fn imported_records_load_back_through_the_dataset_reader() {
    let (mut records, _) = import_seeds();
    records.extend(import_page("acme.md", ACME).records);
    records.extend(import_page("bolt.txt", BOLT).records);
    for r in &records {
        let text = write_record(r);
        let (apps, diags) = parse_file(&format!("{}.toml", r.id), &text);
        assert!(diags.is_empty(), "{}: {diags:?}\n{text}", r.id);
        assert_eq!(&apps[0].record, r);
    }
}

#[test]
fn a_guide_page_beats_a_related_entry_and_repeats_are_dropped() {
    let mut guide = import_page("x.txt", "Alkami User Management API Guide\n").records;
    let (records, _) = import_seeds();
    let mut all = records.clone();
    all.append(&mut guide);
    let (kept, notes) = dedupe(all);
    let alkami: Vec<&AppRecord> = kept.iter().filter(|r| r.id == "alkami").collect();
    assert_eq!(alkami.len(), 1);
    assert!(!is_partial(alkami[0]));
    assert_eq!(notes.len(), 1, "{notes:?}");
}

#[test]
fn a_forced_import_keeps_what_a_person_curated() {
    let clari = import_page(SEEDS[1].0, SEEDS[1].1).records.remove(0);
    let committed = committed("clari");
    assert_eq!(clari.lifecycle.bulk.value, None);
    let merged = keep_curated(&clari, &committed);
    assert_eq!(merged.lifecycle.bulk, committed.lifecycle.bulk);
    assert!(merged.lifecycle.bulk.curated);
    assert_eq!(merged.user_api, clari.user_api);
    assert!(differences(&merged, &committed).is_empty());
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn check(name: &str, text: &str) {
        let result = import_page(name, text);
        let lines = text.split('\n').count();
        for w in &result.warnings {
            let span = w.span.unwrap();
            assert!(
                span.line >= 1 && span.line <= lines,
                "{w:?} outside {lines} lines"
            );
            assert!(span.start <= text.len() && span.end <= text.len());
        }
        let cuts = result
            .warnings
            .iter()
            .filter(|w| w.code == "cut-off")
            .count();
        assert!(cuts <= 1, "a cut is reported once, not {cuts} times");
        for r in &result.records {
            let (_, diags) = parse_file("x.toml", &write_record(r));
            assert!(diags.is_empty(), "{diags:?}");
            for e in &r.api.endpoints {
                assert!(e.line.is_some_and(|l| l as usize <= lines), "{e:?}");
                assert!(!e.path.contains(char::is_whitespace), "{e:?}");
            }
            for step in &r.api.setup_steps {
                assert!(step.line.is_some(), "{step:?}");
            }
        }
    }

    /// The seed pages and the fixtures with API sections.
    const PAGES: &[&str] = &[
        SEEDS[0].1,
        SEEDS[1].1,
        SEEDS[2].1,
        SEEDS[3].1,
        SEEDS[4].1,
        include_str!("../../../../tests/fixtures/import/quokka-plain.txt"),
        include_str!("../../../../tests/fixtures/import/wren-untitled-markdown.md"),
        include_str!("../../../../tests/fixtures/import/heron-plain-crlf-cut.txt"),
    ];

    /// A seed or fixture page with lines deleted, sections shuffled, CRLF endings and a cut.
    fn mutated() -> impl Strategy<Value = String> {
        (
            0..PAGES.len(),
            proptest::collection::vec(any::<u16>(), 0..8),
            any::<bool>(),
            any::<bool>(),
            any::<u16>(),
        )
            .prop_map(|(seed, deletions, crlf, shuffle, cut)| {
                let mut lines: Vec<&str> = PAGES[seed].split('\n').collect();
                for d in deletions {
                    if !lines.is_empty() {
                        let i = usize::from(d) % lines.len();
                        lines.remove(i);
                    }
                }
                if shuffle {
                    let mut blocks: Vec<Vec<&str>> = Vec::new();
                    for l in lines {
                        if page::heading(l.trim()).is_some() || blocks.is_empty() {
                            blocks.push(Vec::new());
                        }
                        if let Some(b) = blocks.last_mut() {
                            b.push(l);
                        }
                    }
                    blocks.reverse();
                    lines = blocks.concat();
                }
                let mut text = lines.join(if crlf { "\r\n" } else { "\n" });
                let mut at = usize::from(cut) % (text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.truncate(at);
                text
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn on_arbitrary_text(text in "\\PC*") {
            check("noise.txt", &text);
        }

        #[test]
        fn on_page_like_lines(lines in proptest::collection::vec(
            prop_oneof![
                Just("Has user APIYes".to_owned()),
                Just("| SCIM plan required | Enterprise |".to_owned()),
                Just("  • Default page size: 0".to_owned()),
                Just("Related apps".to_owned()),
                Just("Common scenarios".to_owned()),
                Just("  1. Step".to_owned()),
                Just("Watch out for: x".to_owned()),
                Just("Ωmega logo".to_owned()),
                Just("AutomationNot Supported".to_owned()),
                Just("Last updatedFeb 2026".to_owned()),
                Just("UpdatedFeb 31, 2026".to_owned()),
                Just("Setup steps".to_owned()),
                Just("Required scopes".to_owned()),
                Just("Scope\tDescription\tRequired for".to_owned()),
                Just("users:write\tChange users".to_owned()),
                Just("User object / data model".to_owned()),
                Just("Field Type Description On create On update Notes".to_owned()),
                Just("| email | string | required |".to_owned()),
                Just("Core endpoints".to_owned()),
                Just("| Operation | Method | Path |".to_owned()),
                Just("| Suspend | PATCH | /users/{id} |".to_owned()),
                Just("  • Method: DELETE".to_owned()),
                Just("  • URL: https://x.example/users/{id}".to_owned()),
                Just("GET /users — List users".to_owned()),
                Just("Request example".to_owned()),
                Just("  • Rate limits: 1,500 req/min".to_owned()),
                Just("  • Webhook events: user.created, member_removed".to_owned()),
                Just("  • Supported operations: Create, Groups not supported".to_owned()),
                Just("  • IdP connectors: Okta (native), Entra ID (generic)".to_owned()),
                Just("Deactivated users still count toward seats until deleted.".to_owned()),
                Just("Transfer their dashboards to a manager.".to_owned()),
                "\\PC{0,40}",
            ],
            0..40,
        )) {
            check("lines.txt", &lines.join("\n"));
        }

        #[test]
        fn on_mutated_seed_pages(text in mutated()) {
            check("seed.txt", &text);
        }
    }
}
