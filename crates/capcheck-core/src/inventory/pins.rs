//! Pinned matches written out as the overrides file `capcheck plan --overrides` reads, so the
//! choices an analyst makes in the browser can be kept in a repository and used in CI.
//!
//! ```
//! use capcheck_core::inventory::{matching::{parse_overrides, Overrides}, pins};
//!
//! let mut o = Overrides::default();
//! o.pin("Acme Payroll (EU)", Some("acme-hr".into()));
//! o.pin("Intranet", None);
//! let text = pins::to_toml(&o);
//! assert!(text.contains("\"Acme Payroll (EU)\" = \"acme-hr\""));
//! let (back, problems) = parse_overrides("overrides.toml", &text, &["acme-hr"]);
//! assert!(problems.is_empty());
//! assert_eq!(back, o);
//! ```

use crate::import::toml_string;

use super::matching::Overrides;

/// The header of an exported file: what it is and how to use it.
const HEADER: &str = "# Pinned matches: inventory app name = record id, or false for no record.\n\
# Use with `capcheck plan --inventory FILE --overrides THIS-FILE`.\n";

/// The pins as an overrides file: a header comment, then `[match]` with one line per app,
/// ordered by name; a name is a bare key where TOML allows one and a quoted one otherwise.
/// Written as text, not through a TOML serializer, so the browser does not carry one.
pub fn to_toml(overrides: &Overrides) -> String {
    let mut out = format!("{HEADER}[match]\n");
    for (name, record) in overrides.iter() {
        let bare = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let key = if bare {
            name.to_owned()
        } else {
            toml_string(name)
        };
        let value = record.map_or_else(|| "false".to_owned(), toml_string);
        out.push_str(&format!("{key} = {value}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::matching::parse_overrides;

    fn pins(list: &[(&str, Option<&str>)]) -> Overrides {
        let mut o = Overrides::default();
        for (n, r) in list {
            o.pin(n, r.map(str::to_owned));
        }
        o
    }

    #[test]
    fn writes_one_line_per_pin_ordered_by_name() {
        let o = pins(&[
            ("intranet", None),
            ("Acme Payroll (EU)", Some("acme-hr")),
            ("Clari", Some("clari")),
        ]);
        assert_eq!(
            to_toml(&o),
            format!(
                "{HEADER}[match]\n\"Acme Payroll (EU)\" = \"acme-hr\"\nClari = \"clari\"\nintranet = false\n"
            )
        );
    }

    /// The CLI tests run `capcheck plan --overrides` on this very file (tests/cli/plan.rs).
    #[test]
    fn the_exported_file_is_the_one_the_cli_tests_read() {
        let o = pins(&[
            ("Sign", Some("inkwell-sign")),
            ("Intranet", None),
            ("Chaterr", Some("chatter")),
            ("Acme Payroll (EU)", Some("acme-hr")),
        ]);
        assert_eq!(
            to_toml(&o),
            include_str!("../../../../tests/fixtures/inventory/exported-overrides.toml")
        );
    }

    #[test]
    fn names_toml_must_quote_round_trip() {
        let ids = ["acme-hr", "clari", "hashicorp-vault"];
        let cases: &[&[(&str, Option<&str>)]] = &[
            &[],
            &[("Intranet", None)],
            &[("Quote \" and \\ backslash", Some("clari"))],
            &[("Café = ünïcode", Some("acme-hr")), ("a.b", None)],
            &[
                ("[match]", Some("hashicorp-vault")),
                ("# not a comment", None),
            ],
            &[("Line\nbreak\ttab", Some("clari"))],
        ];
        for case in cases {
            let o = pins(case);
            let text = to_toml(&o);
            let (back, problems) = parse_overrides("pins.toml", &text, &ids);
            assert!(problems.is_empty(), "{text}: {problems:?}");
            assert_eq!(back, o, "{text}");
        }
    }

    #[test]
    fn a_later_pin_of_the_same_app_replaces_the_earlier_whatever_the_case() {
        let mut o = pins(&[("HashiCorp", Some("hashicorp-vault"))]);
        o.pin(" hashicorp ", None);
        assert_eq!(o.len(), 1);
        assert_eq!(o.pinned("HASHICORP"), Some(None));
        assert!(to_toml(&o).ends_with("[match]\nhashicorp = false\n"));
        assert!(o.unpin("Hashicorp"));
        assert!(!o.unpin("Hashicorp"));
        assert!(o.is_empty());
    }

    #[test]
    fn merging_a_file_keeps_other_pins_and_the_file_wins() {
        let mut o = pins(&[("Clari", Some("clari")), ("Intranet", Some("acme-hr"))]);
        o.merge(&pins(&[("intranet", None), ("Wiki", None)]));
        let all: Vec<(&str, Option<&str>)> = o.iter().collect();
        assert_eq!(
            all,
            [("Clari", Some("clari")), ("Wiki", None), ("intranet", None)]
        );
    }

    #[test]
    fn pins_to_records_the_dataset_lacks_wait_until_it_has_them() {
        let o = pins(&[("Vault", Some("hashicorp-vault")), ("Intranet", None)]);
        let now = o.applicable(&["clari"]);
        assert_eq!(now.iter().collect::<Vec<_>>(), [("Intranet", None)]);
        assert_eq!(o.applicable(&["clari", "hashicorp-vault"]), o);
    }
}
