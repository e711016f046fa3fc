//! What rules run against besides the app: the date and settings, and the scope that holds them.

use std::collections::BTreeMap;

use rhai::{Dynamic, ImmutableString, Map, Scope};

use crate::date::parse_date;

/// What rules are evaluated against besides the app: the date and user settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    /// Today, `YYYY-MM-DD` (`today` in rules). The core has no clock: front ends pass it.
    pub today: String,
    /// Settings rules read as `settings.<name>`.
    pub settings: BTreeMap<String, serde_json::Value>,
}

/// The settings rules get unless the user overrides them.
pub fn default_settings() -> BTreeMap<String, serde_json::Value> {
    let mut s = BTreeMap::new();
    s.insert("stale_after_days".to_owned(), serde_json::Value::from(365));
    s.insert("idp".to_owned(), serde_json::Value::from(""));
    s.insert("many_users".to_owned(), serde_json::Value::from(100));
    s
}

impl Context {
    /// A context for `today` with the default settings.
    pub fn new(today: impl Into<String>) -> Context {
        Context {
            today: today.into(),
            settings: default_settings(),
        }
    }

    /// Checks `today` is a date.
    pub fn validate(&self) -> Result<(), String> {
        match parse_date(&self.today) {
            Some(_) if self.today.len() == 10 => Ok(()),
            _ => Err(format!("`{}` is not a date (YYYY-MM-DD)", self.today)),
        }
    }
}

fn json_to_dynamic(value: &serde_json::Value) -> Dynamic {
    use serde_json::Value;
    match value {
        Value::Null => Dynamic::UNIT,
        Value::Bool(b) => (*b).into(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into(),
            // Rules have whole numbers only (rhai's `no_float`): a decimal stays its text.
            None => ImmutableString::from(n.to_string()).into(),
        },
        Value::String(s) => ImmutableString::from(s.as_str()).into(),
        Value::Array(a) => Dynamic::from_array(a.iter().map(json_to_dynamic).collect()),
        Value::Object(o) => {
            let map: Map = crate::order::map_from(
                o.iter()
                    .map(|(k, v)| (k.as_str().into(), json_to_dynamic(v))),
            );
            Dynamic::from_map(map)
        }
    }
}

/// The scope one evaluation runs in: `today`, `settings` and `app`, as constants, in the order
/// rules are compiled against.
pub(crate) fn app_scope(today: ImmutableString, settings: Dynamic, app: Dynamic) -> Scope<'static> {
    let mut scope = Scope::new();
    scope.push_constant("today", today);
    scope.push_constant_dynamic("settings", settings);
    scope.push_constant_dynamic("app", app);
    scope
}

/// `settings` as rules see them.
pub(crate) fn settings_dynamic(context: &Context) -> Dynamic {
    json_to_dynamic(&serde_json::Value::Object(crate::order::json_object(
        context.settings.clone(),
    )))
}
