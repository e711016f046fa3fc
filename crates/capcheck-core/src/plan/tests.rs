use super::render::{csv, inert};
use super::*;
use crate::inventory::{self, matching};
use crate::{dataset, DataFile};

const DATA: &str = r#"
id = "ledgerly"
name = "Ledgerly"
[[sources]]
id = "guide"
[user_api]
value = "no"
[scim]
available = { value = "no" }
[lifecycle]
reassign_on_offboarding = { value = ["approval chains"] }
"#;

const CHAT: &str = r#"
id = "chatter"
name = "Chatter"
[[sources]]
id = "guide"
[scim]
available = { value = "yes" }
"#;

fn plan(inventory_text: &str, leaver: Option<&str>) -> Plan {
    let (mut ds, diags) = dataset::load(&[
        DataFile {
            name: "l.toml",
            text: DATA,
        },
        DataFile {
            name: "c.toml",
            text: CHAT,
        },
    ]);
    assert!(diags.is_empty(), "{diags:?}");
    let (inv, diags) = inventory::parse("apps.csv", inventory_text);
    assert!(diags.is_empty(), "{diags:?}");
    let outcomes = matching::match_all(
        ds.apps.iter().map(|a| &a.record),
        &inv.apps,
        &matching::Overrides::default(),
    );
    inventory::apply(&mut ds, &inv.apps, &outcomes);
    build(PlanInput {
        dataset: &ds,
        inventory: &inv,
        outcomes: &outcomes,
        findings: &[],
        today: "2026-11-23",
        leaver,
        diagnostics: Vec::new(),
    })
}

#[test]
fn the_plan_orders_by_risk_and_counts_manual_users() {
    let p = plan(
        "Name,Users,Owner\nChatter,400,it@x.example\nUnknown Tool,3,\nLedgerly,240,fin@x.example\nLedgerly EU,10,\n",
        None,
    );
    let order: Vec<(&str, Path)> = p.apps.iter().map(|a| (a.name.as_str(), a.path)).collect();
    assert_eq!(
        order,
        [
            ("Ledgerly", Path::Manual),
            ("Unknown Tool", Path::Unknown),
            ("Chatter", Path::Automatic)
        ]
    );
    assert_eq!(p.apps[0].also, ["Ledgerly EU"]);
    assert_eq!(p.apps[0].users, Some(250));
    assert_eq!(
        p.summary.line(),
        "3 apps: 1 automatic, 0 user API, 1 manual (250 users), 1 unknown"
    );
    assert_eq!(p.apps[0].reassign, ["approval chains"]);
    assert!(p.apps[1]
        .hint
        .as_deref()
        .is_some_and(|h| h.contains("capcheck import")));
}

#[test]
fn the_leaver_is_named_in_the_steps_and_evidence() {
    let p = plan("Name\nLedgerly\n", Some("Dana Reyes"));
    let a = &p.apps[0];
    assert!(
        a.steps[0].contains("reassign Dana Reyes's approval chains"),
        "{:?}",
        a.steps
    );
    assert!(a.evidence[0].starts_with("Who removed Dana Reyes's Ledgerly account"));
}

#[test]
fn formula_like_cells_come_out_inert_in_the_csv() {
    for (cell, out) in [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
    ] {
        assert_eq!(inert(cell), out);
    }
    let p = plan(
        "Name,Owner\n\"=HYPERLINK(\"\"http://evil.example\"\")\",@owner\n",
        None,
    );
    let text = csv(&p);
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains(",'@owner,"), "{text}");
    assert!(!text.contains(",=HYPERLINK"), "{text}");
}
