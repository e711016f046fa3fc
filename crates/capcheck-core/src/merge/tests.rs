use super::*;
use crate::model::{Connector, Idp, LifecycleMethod};

fn source(id: &str, updated: &str) -> Source {
    Source {
        id: id.into(),
        title: None,
        document: Some(format!("{id}.txt")),
        url: None,
        updated: Some(updated.into()),
    }
}

fn tri(value: Tri, line: u32) -> Fact<Tri> {
    Fact {
        value,
        line: Some(line),
        ..Fact::default()
    }
}

fn page(updated: &str) -> AppRecord {
    AppRecord {
        id: "acme".into(),
        name: "Acme".into(),
        sources: vec![source("guide", updated)],
        ..AppRecord::default()
    }
}

fn catalogue_row(updated: &str) -> AppRecord {
    AppRecord {
        id: "acme".into(),
        name: "Acme (Parent Co)".into(),
        domains: vec!["acme.example".into()],
        sources: vec![source("scim-tax", updated)],
        ..AppRecord::default()
    }
}

fn from_catalogue<T: Default>(value: T, line: u32) -> Fact<T> {
    Fact {
        value,
        source: Some("scim-tax".into()),
        line: Some(line),
        ..Fact::default()
    }
}

/// (page's value, curated, catalogue's value, page date, catalogue date) -> (shown, winner, disputed)
#[test]
fn precedence_table() {
    use Tri::*;
    let cases = [
        // A stated value beats "not documented", whichever side states it.
        (
            NotDocumented,
            false,
            Yes,
            "2026-03-09",
            "2026-10-05",
            Yes,
            "scim-tax",
            false,
        ),
        (
            No,
            false,
            NotDocumented,
            "2026-03-09",
            "2026-10-05",
            No,
            "guide",
            false,
        ),
        // Equal standing: the more recently verified source wins.
        (
            No,
            false,
            Yes,
            "2026-03-09",
            "2026-10-05",
            Yes,
            "scim-tax",
            true,
        ),
        (
            No,
            false,
            Yes,
            "2026-11-01",
            "2026-10-05",
            No,
            "guide",
            true,
        ),
        // A tie keeps the page.
        (
            No,
            false,
            Yes,
            "2026-10-05",
            "2026-10-05",
            No,
            "guide",
            true,
        ),
        // Curated wins over a newer source.
        (No, true, Yes, "2026-01-01", "2026-10-05", No, "guide", true),
        // Agreement is no dispute, and the page stays the cited source.
        (
            Yes,
            false,
            Yes,
            "2026-03-09",
            "2026-10-05",
            Yes,
            "guide",
            false,
        ),
    ];
    for (i, (ours, curated, theirs, pd, cd, shown, winner, disputed)) in
        cases.into_iter().enumerate()
    {
        let mut base = page(pd);
        base.scim.available = Fact {
            curated,
            ..tri(ours, 62)
        };
        let mut other = catalogue_row(cd);
        other.scim.available = from_catalogue(theirs, 7);
        merge(&mut base, other);
        let f = &base.scim.available;
        assert_eq!(f.value, shown, "case {i}");
        assert_eq!(f.source.as_deref().unwrap_or("guide"), winner, "case {i}");
        assert_eq!(f.disputed(), disputed, "case {i}");
        assert_eq!(
            disputes(&base).contains(&"scim.available"),
            disputed,
            "case {i}"
        );
        // Nothing is dropped: the loser is kept with its source and line.
        let loser = &f.others[0];
        assert_ne!(loser.source, winner, "case {i}");
        assert_eq!(
            loser.line,
            Some(if winner == "guide" { 7 } else { 62 }),
            "case {i}"
        );
        assert!(f.reason.is_some(), "case {i}");
    }
}

#[test]
fn the_reason_names_why_the_value_won() {
    let mut base = page("2026-03-09");
    base.scim.available = tri(Tri::No, 72);
    let mut other = catalogue_row("2026-10-05");
    other.scim.available = from_catalogue(Tri::Yes, 700);
    merge(&mut base, other);
    assert_eq!(
        base.scim.available.reason.as_deref(),
        Some("scim-tax was verified more recently (2026-10-05) than guide (2026-03-09)")
    );
    assert_eq!(base.aliases, vec!["Acme (Parent Co)"]);
    assert_eq!(base.domains, vec!["acme.example"]);
    assert_eq!(base.sources.len(), 2);
}

#[test]
fn a_silent_catalogue_column_leaves_the_page_untouched() {
    let mut base = page("2026-03-09");
    base.scim.plan = Fact {
        value: Some("Enterprise".into()),
        line: Some(64),
        ..Fact::default()
    };
    let before = base.scim.plan.clone();
    merge(&mut base, catalogue_row("2026-10-05"));
    assert_eq!(base.scim.plan, before);
}

#[test]
fn manual_only_against_scim_available_is_a_dispute() {
    let mut base = page("2026-02");
    base.automation.manual_only = Fact {
        quote: Some("Manual Only".into()),
        ..tri(Tri::Yes, 112)
    };
    base.lifecycle.deprovisioning = Fact {
        value: Some(vec![LifecycleMethod::Manual]),
        curated: true,
        line: Some(116),
        ..Fact::default()
    };
    let mut other = catalogue_row("2026-10-05");
    other.scim.available = from_catalogue(Tri::Yes, 4);
    other.scim.operations.deactivate = from_catalogue(Tri::Yes, 4);
    merge(&mut base, other);
    assert_eq!(base.scim.available.value, Tri::Yes);
    let claim = &base.scim.available.others[0];
    assert_eq!(claim.field.as_deref(), Some("automation.manual_only"));
    assert_eq!((claim.source.as_str(), claim.line), ("guide", Some(112)));
    assert_eq!(
        disputes(&base),
        vec!["scim.available", "scim.operations.deactivate"]
    );
}

#[test]
fn an_sso_idp_against_no_connector_is_a_dispute() {
    let mut base = page("2026-03-09");
    base.sso.idps = Fact {
        value: Some(vec![Idp::Okta, Idp::Entra]),
        line: Some(20),
        ..Fact::default()
    };
    let mut other = catalogue_row("2026-10-05");
    other.scim.connectors.okta = from_catalogue(Some(Connector::SsoOnly), 9);
    other.scim.connectors.entra = from_catalogue(Some(Connector::None), 9);
    merge(&mut base, other);
    assert_eq!(disputes(&base), vec!["scim.connectors.entra"]);
    let claim = &base.scim.connectors.entra.others[0];
    assert_eq!(claim.value, "entra");
    assert_eq!(claim.field.as_deref(), Some("sso.idps"));
}

#[test]
fn claims_serialise_only_when_present() {
    let mut base = page("2026-03-09");
    base.user_api = tri(Tri::No, 20);
    let plain = serde_json::to_string(&base.user_api).unwrap();
    assert!(
        !plain.contains("others") && !plain.contains("reason"),
        "{plain}"
    );
    base.scim.available = tri(Tri::No, 62);
    let mut other = catalogue_row("2026-10-05");
    other.scim.available = from_catalogue(Tri::Yes, 4);
    merge(&mut base, other);
    let json = serde_json::to_value(&base.scim.available).unwrap();
    assert_eq!(json["others"][0]["value"], "no");
    assert_eq!(json["others"][0]["disagrees"], true);
    // A record with claims reads back the same, so a merged record can be saved and reloaded.
    let back: Fact<Tri> = serde_json::from_value(json).unwrap();
    assert_eq!(back, base.scim.available);
}
