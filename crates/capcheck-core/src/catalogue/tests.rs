use super::*;
use crate::model::{Connector, PlanTier, Tri};

const RELEASE_1: &str = include_str!("../../../../tests/fixtures/catalogue/release-1.csv");
const RELEASE_1_JSON: &str = include_str!("../../../../tests/fixtures/catalogue/release-1.json");
const RELEASE_2: &str = include_str!("../../../../tests/fixtures/catalogue/release-2.csv");

fn parsed(text: &str) -> (Vec<LoadedApp>, Vec<Diagnostic>) {
    parse("catalogues/scim-tax.csv", text, None)
}

fn app<'a>(apps: &'a [LoadedApp], id: &str) -> &'a AppRecord {
    &apps.iter().find(|a| a.record.id == id).unwrap().record
}

#[test]
fn each_status_maps_to_its_scim_fact_and_unknown_is_never_no() {
    let (apps, _) = parsed(RELEASE_1);
    let cases = [
        ("acme-notes", Tri::Yes, Some("Team")),
        ("birch-crm", Tri::Yes, Some("Enterprise")),
        ("cedar-wiki", Tri::Partial, Some("Business")),
        ("dune-chat", Tri::No, None),
        ("elm-forms", Tri::NotDocumented, None),
        ("fir-books", Tri::NotDocumented, Some("Enterprise")),
    ];
    for (id, scim, plan) in cases {
        let r = app(&apps, id);
        assert_eq!(r.scim.available.value, scim, "{id}");
        assert_eq!(r.scim.plan.value.as_deref(), plan, "{id}");
    }
    let elm = app(&apps, "elm-forms");
    assert_eq!(elm.scim.available.raw.as_deref(), Some("unknown"));
    // `—` is no plan, kept as the catalogue printed it.
    let dune = app(&apps, "dune-chat");
    assert_eq!(dune.scim.plan.raw.as_deref(), Some("—"));
    assert_eq!(dune.scim.price.value, None);
    assert_eq!(elm.scim.price.raw.as_deref(), Some("Not disclosed"));
}

#[test]
fn every_fact_cites_the_catalogue_and_its_row() {
    let (apps, _) = parsed(RELEASE_1);
    let birch = app(&apps, "birch-crm");
    assert_eq!(birch.scim.available.source.as_deref(), Some(SOURCE_ID));
    assert_eq!(birch.scim.available.line, Some(3));
    assert_eq!(birch.scim.available.quote.as_deref(), Some("status: gated"));
    assert_eq!(birch.scim.connectors.onelogin.line, Some(3));
    let source = &birch.sources[0];
    assert_eq!(source.id, SOURCE_ID);
    assert_eq!(source.title.as_deref(), Some(TITLE));
    assert_eq!(source.document.as_deref(), Some("scim-tax.csv"));
    assert_eq!(
        source.url.as_deref(),
        Some("https://docs.birchcrm.example/provisioning")
    );
    assert_eq!(source.updated.as_deref(), Some("2026-10-05"));
    assert_eq!(birch.domains, vec!["birchcrm.example"]);
    assert_eq!(
        birch.catalogue.category.value.as_deref(),
        Some("Sales, CRM & Revenue")
    );
}

#[test]
fn operations_connectors_and_sso_map_row_by_row() {
    let (apps, _) = parsed(RELEASE_1);
    let birch = app(&apps, "birch-crm");
    let ops = &birch.scim.operations;
    assert_eq!(
        [
            ops.create.value,
            ops.deactivate.value,
            ops.delete.value,
            ops.groups.value
        ],
        [Tri::Yes, Tri::Yes, Tri::No, Tri::NotDocumented]
    );
    let c = &birch.scim.connectors;
    assert_eq!(
        [
            c.okta.value,
            c.entra.value,
            c.google_workspace.value,
            c.onelogin.value,
            c.jumpcloud.value
        ],
        [
            Some(Connector::Native),
            Some(Connector::ViaGeneric),
            None,
            Some(Connector::SsoOnly),
            Some(Connector::None)
        ]
    );
    assert_eq!(birch.scim.requires_sso.value, Tri::Yes);
    assert_eq!(birch.scim.generic_endpoint.value, Tri::Yes);
    assert_eq!(birch.scim.plan_tier.value, Some(PlanTier::Enterprise));
    // The SSO plan says SSO is available; SAML in particular stays not documented.
    assert_eq!(birch.sso.available.value, Tri::Yes);
    assert_eq!(birch.sso.saml.value, Tri::NotDocumented);
    assert_eq!(birch.sso.plan.value.as_deref(), Some("Enterprise"));
    let cedar = app(&apps, "cedar-wiki");
    assert_eq!(cedar.scim.requires_sso.value, Tri::NotDocumented);
    assert_eq!(cedar.scim.operations.update.value, Tri::NotDocumented);
    assert_eq!(cedar.scim.operations.deactivate.value, Tri::No);
    let elm = app(&apps, "elm-forms");
    assert_eq!(elm.sso.available.value, Tri::NotDocumented);
    assert_eq!(elm.catalogue.confidence.value.as_deref(), Some("low"));
    assert_eq!(
        elm.links.pricing.value.as_deref(),
        Some("https://elmforms.example/")
    );
}

#[test]
fn a_value_it_cannot_map_is_a_warning_naming_row_and_column() {
    let (apps, diags) = parsed(RELEASE_1);
    let fir = app(&apps, "fir-books");
    assert_eq!(fir.scim.operations.deactivate.value, Tri::NotDocumented);
    assert_eq!(
        fir.scim.operations.deactivate.raw.as_deref(),
        Some("sometimes")
    );
    assert_eq!(fir.scim.connectors.entra.value, None);
    let found: Vec<(usize, &str)> = diags
        .iter()
        .map(|d| {
            (
                d.span.map_or(0, |s| s.line),
                d.field.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (7, "last_verified"),
            (7, "status"),
            (7, "sso_required_for_scim"),
            (7, "scim_deactivate"),
            (7, "idp_entra"),
            (7, "confidence"),
        ]
    );
    assert!(diags.iter().all(|d| d.level == crate::Level::Warning));
    assert!(diags[1].message.contains("`maybe`"), "{}", diags[1].message);
}

#[test]
fn json_rows_map_like_csv_rows() {
    let (csv_apps, csv_diags) = parsed(RELEASE_1);
    let (json_apps, json_diags) = parse("scim-tax.json", RELEASE_1_JSON, None);
    assert_eq!(csv_diags.len(), json_diags.len());
    let ids = |a: &[LoadedApp]| a.iter().map(|a| a.record.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&csv_apps), ids(&json_apps));
    let (c, j) = (app(&csv_apps, "birch-crm"), app(&json_apps, "birch-crm"));
    let values = |r: &AppRecord| {
        let c = &r.scim.connectors;
        [
            c.okta.value,
            c.entra.value,
            c.google_workspace.value,
            c.onelogin.value,
            c.jumpcloud.value,
        ]
    };
    assert_eq!(values(c), values(j));
    assert_eq!(j.scim.connectors.okta.line, Some(37));
    assert_eq!(
        c.scim.operations.delete.value,
        j.scim.operations.delete.value
    );
    assert!(is_catalogue("x.json", RELEASE_1_JSON));
    assert!(!is_catalogue(
        "x.json",
        "[{\"id\": \"a\", \"sources\": []}]"
    ));
}

#[test]
fn a_row_without_a_slug_is_an_error_and_the_rest_load() {
    let text = "vendor,slug,status\nGood,good,none\nBad,Not A Slug,free\nGood,good,free\n";
    let (apps, diags) = parsed(text);
    assert_eq!(apps.len(), 1);
    let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, vec!["catalogue-row", "duplicate-id"]);
    let (none, diags) = parsed("vendor,name\nA,b\n");
    assert!(none.is_empty());
    assert!(
        diags[0].message.contains("`slug`, `status`"),
        "{}",
        diags[0].message
    );
}

#[test]
fn the_update_report_lists_apps_added_removed_and_facts_changed() {
    let (old, _) = parsed(RELEASE_1);
    let (new, _) = parsed(RELEASE_2);
    let c = changes(&old, &new);
    assert_eq!(c.added, vec!["gale-desk"]);
    assert_eq!(c.removed, vec!["dune-chat"]);
    let changed: Vec<(&str, &str, &str, &str)> = c
        .changed
        .iter()
        .map(|f| {
            (
                f.app.as_str(),
                f.field.as_str(),
                f.old.as_str(),
                f.new.as_str(),
            )
        })
        .collect();
    assert_eq!(
        changed,
        vec![
            ("birch-crm", "scim.operations.delete", "\"no\"", "\"yes\""),
            ("cedar-wiki", "scim.available", "\"partial\"", "\"yes\""),
            // "gated" also says SCIM costs extra, which "partial" did not say.
            ("cedar-wiki", "scim.gated", "\"not-documented\"", "\"yes\""),
        ]
    );
    assert!(changes(&old, &old).is_empty());
}

#[test]
fn load_merges_a_row_into_the_record_of_the_same_app() {
    let data = "id = \"acme-notes\"\nname = \"Acme Notes\"\n[[sources]]\nid = \"guide\"\nupdated = \"2026-01-10\"\n[scim]\navailable = { value = \"no\", line = 9 }\n";
    let (set, diags) = load(&[
        DataFile {
            name: "data/acme-notes.toml",
            text: data,
        },
        DataFile {
            name: "catalogues/scim-tax.csv",
            text: RELEASE_1,
        },
    ]);
    assert_eq!(
        diags
            .iter()
            .filter(|d| d.level == crate::Level::Error)
            .count(),
        0
    );
    assert_eq!(set.apps.len(), 6);
    let acme = &set.get("acme-notes").unwrap().record;
    assert_eq!(acme.sources.len(), 2);
    assert_eq!(acme.sources[0].id, "guide");
    // The catalogue was verified after the page was updated: its "yes" is shown, the page's "no"
    // kept with its line.
    assert_eq!(acme.scim.available.value, Tri::Yes);
    assert_eq!(acme.scim.available.others[0].value, "no");
    assert_eq!(acme.scim.available.others[0].line, Some(9));
    assert_eq!(crate::merge::disputes(acme), vec!["scim.available"]);
}
