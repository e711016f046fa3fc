//! Where the user is: the page, as the URL's hash names it.

/// Where the user is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The explorer.
    Explorer,
    /// An app's page, optionally focused on one rule's finding.
    App(String, Option<String>),
    /// The rule editor, on one rule.
    Rules(Option<String>),
    /// Rules by apps.
    Matrix,
    /// A rule shared as a link: its id and text.
    Share(String, String),
    /// The offboarding plan for the user's apps.
    Plan,
}

impl Route {
    /// Parses `#/apps/clari`, `#/apps/clari/findings/rule-id`, `#/rules/x`, `#/matrix`.
    pub fn parse(hash: &str) -> Route {
        let parts: Vec<&str> = hash
            .trim_start_matches('#')
            .trim_start_matches('/')
            .split('/')
            .filter(|p| !p.is_empty())
            .collect();
        match parts.as_slice() {
            ["apps", id, "findings", rule] => {
                Route::App((*id).to_owned(), Some((*rule).to_owned()))
            }
            ["apps", id, ..] => Route::App((*id).to_owned(), None),
            ["rules", id, ..] => Route::Rules(Some((*id).to_owned())),
            ["rules"] => Route::Rules(None),
            ["matrix"] => Route::Matrix,
            ["plan"] => Route::Plan,
            ["share", id, text @ ..] => {
                let encoded = text.join("/");
                let text = js_sys::decode_uri_component(&encoded)
                    .map(String::from)
                    .unwrap_or(encoded);
                Route::Share((*id).to_owned(), text)
            }
            _ => Route::Explorer,
        }
    }

    /// The hash for this route.
    pub fn hash(&self) -> String {
        match self {
            Route::Explorer => "#/".into(),
            Route::App(id, None) => format!("#/apps/{id}"),
            Route::App(id, Some(rule)) => format!("#/apps/{id}/findings/{rule}"),
            Route::Rules(None) => "#/rules".into(),
            Route::Rules(Some(id)) => format!("#/rules/{id}"),
            Route::Matrix => "#/matrix".into(),
            Route::Plan => "#/plan".into(),
            Route::Share(id, text) => {
                let encoded: String = js_sys::encode_uri_component(text).into();
                format!("#/share/{id}/{encoded}")
            }
        }
    }
}
