//! What the prose says about removing a leaver: what they own that must be transferred, whether
//! removing them in the identity provider deactivates their account, and whether deactivation
//! frees the licence and keeps the data. Each value quotes its sentence and is marked
//! `inferred`; a sentence that does not say it plainly gives nothing (a wrong guess is worse
//! than "not documented").

use super::page::{Line, Section};
use super::prose::{denies, inferred, page_sentences, Sentence};
use crate::model::{AppRecord, Tri};

/// Fills the offboarding facts the prose states.
pub(crate) fn infer(lines: &[Line<'_>], record: &mut AppRecord) {
    // Prose only: a table row or an endpoint's note is not a statement about offboarding.
    let prose: Vec<Line<'_>> = lines
        .iter()
        .filter(|l| {
            matches!(
                l.section,
                Section::Summary
                    | Section::Limitations
                    | Section::Scenarios
                    | Section::Traps
                    | Section::Events
                    | Section::ScimStatus
            )
        })
        .copied()
        .collect();
    let sentences = page_sentences(&prose);
    let first = |f: &dyn Fn(&str) -> Option<Tri>| -> Option<(&Sentence<'_>, Tri)> {
        sentences.iter().find_map(|s| f(s.text).map(|v| (s, v)))
    };
    let l = &mut record.lifecycle;
    if l.reassign_on_offboarding.value.is_none() {
        if let Some((s, items)) = sentences
            .iter()
            .find_map(|s| handed_over(s.text).map(|i| (s, i)))
        {
            l.reassign_on_offboarding = inferred(s, Some(items));
        }
    }
    if let Some((s, v)) = first(&idp_removal) {
        l.idp_removal_deactivates = inferred(s, v);
    }
    if let Some((s, v)) = first(&frees_licence) {
        l.deactivation_frees_licence = inferred(s, v);
    }
    if let Some((s, v)) = first(&keeps_data) {
        l.deactivation_keeps_data = inferred(s, v);
    }
    if record.api.base_url.value.is_none() {
        if let Some((s, url)) = sentences
            .iter()
            .find_map(|s| base_url(s.text).map(|u| (s, u)))
        {
            record.api.base_url = inferred(s, Some(url));
        }
    }
}

fn any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// Clauses of a sentence: split at `;`, `but`, `while`, `whereas`.
fn clauses(lower: &str) -> Vec<&str> {
    let mut parts = vec![lower];
    for sep in ["; ", " but ", ", while ", " whereas ", " - ", " — ", " – "] {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
}

const NOT_OWNED: &[&str] = &[
    "user",
    "users",
    "the user",
    "account",
    "accounts",
    "them",
    "it",
    "ownership",
    "licence",
    "license",
    "seat",
    "seats",
    "credentials",
    "token",
    "tokens",
    "access",
    "",
];

/// What a "transfer / reassign / hand over X, Y and Z to ..." sentence says a leaver owns, or
/// "X and Y owned by the leaver must be transferred".
pub(crate) fn handed_over(sentence: &str) -> Option<Vec<String>> {
    let lower = sentence.to_lowercase();
    for clause in clauses(&lower) {
        if denies(clause) {
            continue;
        }
        if let Some(items) = active(clause).or_else(|| passive(clause)) {
            return Some(items);
        }
    }
    None
}

fn active(clause: &str) -> Option<Vec<String>> {
    for verb in [
        "reassign ",
        "re-assign ",
        "transfer ",
        "hand over ",
        "hand off ",
    ] {
        let Some(i) = clause.find(verb) else {
            continue;
        };
        if i > 0 && !clause[..i].ends_with([' ', '(', ',', ':']) {
            continue;
        }
        let rest = &clause[i + verb.len()..];
        let stops = [
            " owned by",
            " to ",
            " before ",
            " from ",
            " belonging to",
            " created by",
        ];
        let end = stops.iter().filter_map(|w| rest.find(w)).min();
        // Imperative (`Transfer X.`) or with a target (`transfer X to ...`).
        let end = match end {
            Some(e) => e,
            None if i == 0 => rest.len(),
            None => continue,
        };
        let items = items_of(&rest[..end]);
        if !items.is_empty() {
            return Some(items);
        }
    }
    None
}

fn passive(clause: &str) -> Option<Vec<String>> {
    for verb in [
        " be transferred",
        " be reassigned",
        " are transferred",
        " are reassigned",
        " is transferred",
        " is reassigned",
    ] {
        let Some(i) = clause.find(verb) else {
            continue;
        };
        let mut subject = &clause[..i];
        for cut in [" owned by", " belonging to", " created by"] {
            if let Some(j) = subject.find(cut) {
                subject = &subject[..j];
            }
        }
        for modal in [
            " must",
            " should",
            " will",
            " need to",
            " needs to",
            " have to",
            " has to",
            " can",
        ] {
            subject = subject.strip_suffix(modal).unwrap_or(subject);
        }
        if subject.split_whitespace().count() > 8 {
            continue;
        }
        let items = items_of(subject);
        if !items.is_empty() {
            return Some(items);
        }
    }
    None
}

fn items_of(list: &str) -> Vec<String> {
    let items: Vec<String> = list
        .split([',', '/'])
        .flat_map(|p| p.split(" or "))
        .flat_map(|p| p.split(" and "))
        .map(|p| {
            let mut p = p.trim().trim_end_matches('.').trim();
            for det in [
                "ownership of ",
                "any ",
                "all ",
                "the ",
                "their ",
                "his or her ",
                "the user's ",
                "the leaver's ",
                "the departing user's ",
                "open ",
                "of ",
                "owned ",
            ] {
                p = p.strip_prefix(det).unwrap_or(p).trim();
            }
            p.to_owned()
        })
        .collect();
    if items
        .iter()
        .any(|i| NOT_OWNED.contains(&i.as_str()) || i.split_whitespace().count() > 4)
    {
        return Vec::new();
    }
    items
}

/// Removing the user in the identity provider: deactivates the account (`yes`), or leaves it
/// active (`no`).
pub(crate) fn idp_removal(sentence: &str) -> Option<Tri> {
    let s = sentence.to_lowercase();
    let idp = any(
        &s,
        &[
            "idp",
            "identity provider",
            "okta",
            "entra",
            "azure ad",
            "onelogin",
            "google workspace",
            "jumpcloud",
            "scim",
        ],
    );
    let removal = any(
        &s,
        &[
            "remov",
            "unassign",
            "deprovision",
            "disabl",
            "revok",
            "offboard",
        ],
    );
    if !idp || !removal {
        return None;
    }
    let leaves_active = (s.contains("leaves") || s.contains("leaving") || s.contains("left"))
        && s.contains(" active");
    if leaves_active
        || any(
            &s,
            &[
                "remains active",
                "remain active",
                "stays active",
                "stay active",
                " not deactivat",
                " not immediately deactivat",
                "n't deactivat",
                "manually deactivate",
                "deactivated manually",
                "no automated sync",
                "not propagate",
                "does not sync",
            ],
        )
    {
        return Some(Tri::No);
    }
    any(
        &s,
        &[
            "deactivates the",
            "deactivates their",
            "deactivates it",
            "deactivates the user",
            "is deactivated",
            "are deactivated",
            "automatically deactivat",
            "suspends the",
            "suspends their",
            "is suspended",
            "are suspended",
            "active to false",
            "active=false",
            "active: false",
            "disables the account",
            "disables their account",
        ],
    )
    .then_some(Tri::Yes)
}

const DEACTIVATE: &[&str] = &["deactivat", "suspend", "disabl", "deprovision"];

/// Deactivation frees the licence (`yes`) or the seat is still billed (`no`).
pub(crate) fn frees_licence(sentence: &str) -> Option<Tri> {
    let lower = sentence.to_lowercase();
    clauses(&lower).into_iter().find_map(|c| {
        if !any(c, DEACTIVATE) || !any(c, &["licen", "seat", "billed", "billing"]) {
            return None;
        }
        if any(
            c,
            &[
                "still count",
                "continue to count",
                "continues to count",
                "still consume",
                "continue to consume",
                "continues to consume",
                "still occup",
                "keeps the seat",
                "keep their seat",
                "keeps their seat",
                "still billed",
                "remains billed",
                "remain billed",
                "does not free",
                "doesn't free",
                "not free",
                "not released",
                "until deleted",
                "until the user is deleted",
                "until they are deleted",
            ],
        ) {
            Some(Tri::No)
        } else if any(
            c,
            &[
                "frees",
                "free up",
                "freed",
                "releases",
                "released",
                "reclaim",
                "no longer count",
                "no longer billed",
                "stops billing",
                "not billed",
                "becomes available",
            ],
        ) {
            Some(Tri::Yes)
        } else {
            None
        }
    })
}

/// A deactivated account's data is kept (`yes`) or deleted (`no`). Keeping is read from the
/// verb (`deactivated users keep their envelopes`), not from a list of what data is called.
pub(crate) fn keeps_data(sentence: &str) -> Option<Tri> {
    let lower = sentence.to_lowercase();
    clauses(&lower).into_iter().find_map(|c| {
        if !any(c, DEACTIVATE) {
            return None;
        }
        let about_access = any(
            c,
            &[
                "licen", "seat", "token", "access", "role", "session", "login", "sign-in",
            ],
        );
        if any(
            c,
            &[
                "not deleted",
                "isn't deleted",
                "aren't deleted",
                "never deleted",
                "without deleting",
                "not removed",
            ],
        ) {
            Some(Tri::Yes)
        } else if any(c, &["data", "content", "files", "history", "records"])
            && deletes_after_deactivating(c)
            && any(
                c,
                &[
                    " deleted",
                    "erased",
                    "purged",
                    "permanently remov",
                    "removes their",
                    " lost",
                    "wiped",
                ],
            )
        {
            Some(Tri::No)
        } else if !about_access
            && any(
                c,
                &[
                    "retain", "preserv", " kept", " keeps", " keep ", " remain", " stays",
                    " intact",
                ],
            )
        {
            Some(Tri::Yes)
        } else {
            None
        }
    })
}

/// True when a deletion word follows the deactivation word and nothing negates it:
/// "deactivating a user erases their files", not "can't be deleted, only deactivated".
fn deletes_after_deactivating(c: &str) -> bool {
    let first = |words: &[&str]| words.iter().filter_map(|w| c.find(w)).min();
    match (
        first(DEACTIVATE),
        first(&["delet", "erase", "purge", "remov", "lost", "wipe"]),
    ) {
        (Some(d), Some(x)) => d < x && !any(c, &["cannot", "can't", " only "]),
        _ => false,
    }
}

/// The API's base URL from a summary sentence (`base URL: https://...`, `lives under
/// https://...`), where the quick reference gives only a link label.
pub(crate) fn base_url(sentence: &str) -> Option<String> {
    let lower = sentence.to_lowercase();
    if !any(
        &lower,
        &["base url", "lives under", "versioned at", "is served from"],
    ) {
        return None;
    }
    sentence
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| {
                matches!(c, '`' | '(' | ')' | ',' | ';' | '.' | '"' | '\'' | '’')
            })
        })
        .find(|w| w.starts_with("https://") && w.len() > "https://".len())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Option<Vec<String>> {
        Some(v.iter().map(|s| (*s).to_owned()).collect())
    }

    #[test]
    fn what_a_leaver_hands_over() {
        let cases: &[(&str, Option<Vec<String>>)] = &[
            (
                "Before removing the account, transfer their dashboards and scheduled reports to a manager.",
                strings(&["dashboards", "scheduled reports"]),
            ),
            (
                "Reassign any open opportunities or forecasts owned by the departing user to another rep.",
                strings(&["opportunities", "forecasts"]),
            ),
            (
                "Pending approvals owned by the leaver must be reassigned before deactivation.",
                strings(&["pending approvals"]),
            ),
            ("Transfer the user to another team.", None),
            ("There is no way to transfer files to another user.", None),
            ("Data transfer between regions is encrypted.", None),
        ];
        for (s, want) in cases {
            assert_eq!(&handed_over(s), want, "{s}");
        }
    }

    #[test]
    fn idp_removal_licence_and_data() {
        assert_eq!(
            idp_removal(
                "Unassigning the user from the app in Okta deactivates their account over SCIM."
            ),
            Some(Tri::Yes)
        );
        assert_eq!(
            idp_removal("Disabling a user in Okta blocks SSO login but leaves the account active."),
            Some(Tri::No)
        );
        assert_eq!(idp_removal("Okta supports SAML."), None);
        assert_eq!(
            frees_licence("Deactivated users still count toward your seat total until deleted."),
            Some(Tri::No)
        );
        assert_eq!(
            frees_licence("Deactivating a member frees their licence at once."),
            Some(Tri::Yes)
        );
        assert_eq!(
            keeps_data(
                "Deactivated accounts keep their projects and history, but deletion erases them."
            ),
            Some(Tri::Yes)
        );
        assert_eq!(
            keeps_data("Deactivating a user permanently removes their files."),
            Some(Tri::No)
        );
    }
}
