//! The numbers and lists inside labelled values: a rate limit's requests per window, webhook
//! event names, the SCIM operations a page lists and the connectors it names, and whether a
//! "Base URL" is a URL at all ("Official docs" is the label of a link, not an address).

use super::quick_ref::Reading;
use super::values::{is_undocumented, located};
use crate::model::{Connector, Connectors, Fact, ScimOperations, Tri};

/// True for an address: `https://...`, or a path starting with `/`.
pub(crate) fn is_url(text: &str) -> bool {
    let t = text.trim().trim_matches('`');
    (t.starts_with("https://") || t.starts_with("http://") || t.starts_with('/'))
        && !t.contains(char::is_whitespace)
}

/// The base URL; a link label or a description stays not documented, keeping the words.
pub(crate) fn base_url(r: Option<&Reading>) -> Fact<Option<String>> {
    let Some(r) = r else { return Fact::default() };
    let v = r.value.trim().trim_matches('`');
    if is_url(v) {
        Fact {
            value: Some(v.to_owned()),
            ..located(r)
        }
    } else {
        Fact {
            raw: Some(r.value.clone()),
            note: (!is_undocumented(v)).then(|| {
                "The page prints a link label or a description here, not an address.".to_owned()
            }),
            ..located(r)
        }
    }
}

/// A rate limit's request count and window, each citing the limits line.
pub(crate) type Rate = (Fact<Option<u32>>, Fact<Option<String>>);

/// The first `N requests per window` of a rate-limit text (`150 req/min`, `10 requests per
/// second`, `1 request/second`, `1,500 calls per hour`).
pub(crate) fn rate(r: &Reading) -> Option<Rate> {
    let (n, window) = requests_per_window(&r.value)?;
    Some((
        Fact {
            value: Some(n),
            ..located(r)
        },
        Fact {
            value: Some(window.to_owned()),
            ..located(r)
        },
    ))
}

fn window_of(word: &str) -> Option<&'static str> {
    let w = word
        .trim_matches(|c: char| !c.is_ascii_alphabetic())
        .to_lowercase();
    match w.as_str() {
        "s" | "sec" | "secs" | "second" | "seconds" => Some("second"),
        "m" | "min" | "mins" | "minute" | "minutes" => Some("minute"),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some("hour"),
        "d" | "day" | "days" => Some("day"),
        _ => None,
    }
}

pub(crate) fn requests_per_window(text: &str) -> Option<(u32, &'static str)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let digits: String = w
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .filter(char::is_ascii_digit)
            .collect();
        if digits.is_empty() || !w.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let Ok(n) = digits.parse::<u32>() else {
            continue;
        };
        // What follows the number, up to four words: `requests per minute`, `req/min`, `per second`.
        let rest: Vec<String> = std::iter::once(
            w.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '+'),
        )
        .chain(words.iter().skip(i + 1).take(4).copied())
        .flat_map(|x| x.split('/').map(str::to_owned).collect::<Vec<_>>())
        .filter(|x| !x.is_empty())
        .collect();
        let mut saw_unit = false;
        for (j, x) in rest.iter().enumerate() {
            let lower = x.to_lowercase();
            if lower.starts_with("req") || lower.starts_with("call") || lower == "api" {
                saw_unit = true;
                continue;
            }
            if lower == "per" || lower == "a" || lower == "an" || lower == "each" {
                continue;
            }
            if let Some(window) = window_of(x) {
                // `per minute` or `/min` right after the number or its unit.
                let per = j > 0 && (saw_unit || rest[j - 1].eq_ignore_ascii_case("per"));
                if per || saw_unit {
                    return Some((n, window));
                }
            }
            break;
        }
    }
    None
}

/// True for a user-lifecycle event name as pages print them (`user.created`,
/// `member_deactivated`, `users.deleted`).
fn is_event_name(word: &str) -> bool {
    let lower = word.to_lowercase();
    let about_users = [
        "user", "member", "account", "seat", "employee", "person", "people",
    ]
    .iter()
    .any(|w| lower.contains(w));
    about_users
        && (word.contains('.') || word.contains('_') || word.contains(':'))
        && !word.contains("://")
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
}

/// The user-lifecycle events a value names. A `Webhook events:` row lists them; webhook notes
/// count only words shaped like event names.
pub(crate) fn events(r: &Reading, listed: bool) -> Fact<Option<Vec<String>>> {
    if is_undocumented(&r.value) {
        return if listed {
            Fact {
                raw: Some(r.value.clone()),
                ..located(r)
            }
        } else {
            Fact::default()
        };
    }
    let mut found: Vec<String> = Vec::new();
    for word in r
        .value
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
    {
        let w = word.trim_matches(|c: char| matches!(c, '`' | '"' | '\'' | '.' | '“' | '”'));
        if !w.is_empty() && is_event_name(w) && !found.iter().any(|f| f == w) {
            found.push(w.to_owned());
        }
    }
    if found.is_empty() {
        return if listed {
            Fact {
                raw: Some(r.value.clone()),
                ..located(r)
            }
        } else {
            Fact::default()
        };
    }
    Fact {
        value: Some(found),
        ..located(r)
    }
}

fn denies(item: &str) -> bool {
    let c = format!(" {} ", item.to_lowercase());
    [
        " no ",
        " not ",
        "n't ",
        " unsupported",
        " without ",
        " never ",
    ]
    .iter()
    .any(|w| c.contains(w))
}

/// The SCIM operations a `Supported operations:` row lists: each named one `yes`, or `no` where
/// its item denies it (`Groups not supported`).
pub(crate) fn scim_operations(r: &Reading, ops: &mut ScimOperations) {
    if is_undocumented(&r.value) {
        return;
    }
    for item in r.value.split([',', ';']) {
        let lower = item.to_lowercase();
        let value = if denies(item) { Tri::No } else { Tri::Yes };
        let fact = || Fact {
            value,
            ..located::<Tri>(r)
        };
        if lower.contains("deactivat") || lower.contains("suspend") || lower.contains("active") {
            ops.deactivate = fact();
        } else if lower.contains("group") {
            ops.groups = fact();
        } else if lower.contains("creat") || lower.contains("provision") {
            ops.create = fact();
        } else if lower.contains("updat") || lower.contains("modif") || lower.contains("patch") {
            ops.update = fact();
        } else if lower.contains("delet") || lower.contains("remov") {
            ops.delete = fact();
        }
    }
}

/// The connectors an `IdP connectors:` row names: `Okta (native)`, `Entra ID (generic SCIM
/// app)`, `Google Workspace (SSO only)`. A provider named with no qualifier has a connector of
/// its own in the provider's catalogue.
pub(crate) fn connectors(r: &Reading, c: &mut Connectors) {
    if is_undocumented(&r.value) {
        return;
    }
    for item in r.value.split([',', ';']) {
        let lower = item.to_lowercase();
        let kind = if lower.contains("sso only")
            || lower.contains("sso-only")
            || lower.contains("saml only")
        {
            Connector::SsoOnly
        } else if lower.contains("generic") || lower.contains("custom scim") {
            Connector::ViaGeneric
        } else if denies(item) || lower.contains("none") {
            Connector::None
        } else {
            Connector::Native
        };
        let fact = Fact {
            value: Some(kind),
            ..located(r)
        };
        if lower.contains("okta") {
            c.okta = fact;
        } else if lower.contains("entra") || lower.contains("azure") {
            c.entra = fact;
        } else if lower.contains("google") {
            c.google_workspace = fact;
        } else if lower.contains("onelogin") {
            c.onelogin = fact;
        } else if lower.contains("jumpcloud") {
            c.jumpcloud = fact;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limits_as_pages_print_them() {
        let cases = [
            ("100 requests per minute per token", Some((100, "minute"))),
            (
                "150 req/min on free plans and 1,500 req/min on paid ones",
                Some((150, "minute")),
            ),
            ("1 request/second per account", Some((1, "second"))),
            ("1,500 calls per hour", Some((1500, "hour"))),
            ("Tier 2: 20+ per minute", Some((20, "minute"))),
            ("Not documented", None),
            ("Limits vary by plan", None),
            ("SCIM 2.0 endpoint", None),
        ];
        for (text, want) in cases {
            assert_eq!(requests_per_window(text), want, "{text}");
        }
    }

    #[test]
    fn event_names_and_urls() {
        assert!(is_event_name("user.deactivated"));
        assert!(is_event_name("member_removed"));
        assert!(!is_event_name("https://api.example.com/users"));
        assert!(!is_event_name("webhooks"));
        assert!(is_url("https://api.acme.example/v2"));
        assert!(!is_url("Official docs"));
    }
}
