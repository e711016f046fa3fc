//! Saving the user's rules in localStorage. Nothing the user wrote is ever dropped: saved data
//! that cannot be read is kept under a backup key and the user is told.

use crate::rule_doc::RuleDoc;

const KEY: &str = "capcheck.rules.v1";
const BACKUP: &str = "capcheck.rules.v1.unreadable";

/// The browser's localStorage, when it allows it.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Saves `value` as JSON under `key`; false when the browser has no storage or refuses the
/// write (storage full).
pub fn save_json<T: serde::Serialize>(key: &str, value: &T) -> bool {
    match serde_json::to_string(value).ok().zip(storage()) {
        Some((json, store)) => store.set_item(key, &json).is_ok(),
        None => false,
    }
}

/// Copies saved data that cannot be read under `backup`, before anything can save over it, and
/// says where it is, or that the browser refused to keep the copy.
pub fn keep_aside(store: &web_sys::Storage, backup: &str, text: &str) -> String {
    match store.set_item(backup, text) {
        Ok(()) => format!("they were kept in localStorage under `{backup}`"),
        Err(_) => "the browser refused to keep a copy aside (storage full?): they stay where they were until something is saved over them".to_owned(),
    }
}

/// The saved rules; `Ok(None)` when nothing was saved.
pub fn load_rules() -> Result<Option<Vec<RuleDoc>>, String> {
    let Some(store) = storage() else {
        return Err("this browser does not allow saving: edits will be lost on reload".into());
    };
    let Ok(Some(text)) = store.get_item(KEY) else {
        return Ok(None);
    };
    match serde_json::from_str::<Vec<RuleDoc>>(&text) {
        Ok(rules) => Ok(Some(rules)),
        Err(e) => {
            // Keep the unreadable copy; the built-in rules are used meanwhile.
            let kept = keep_aside(&store, BACKUP, &text);
            Err(format!("saved rules could not be read ({e}); {kept}"))
        }
    }
}

/// Saves the rules.
pub fn save_rules(rules: &[RuleDoc]) -> Result<(), String> {
    let store =
        storage().ok_or("this browser does not allow saving: edits will be lost on reload")?;
    let text = serde_json::to_string(rules).map_err(|e| format!("cannot encode the rules: {e}"))?;
    store.set_item(KEY, &text).map_err(|_| {
        "the browser refused to save the rules (storage full?): export them to keep your edits"
            .to_owned()
    })
}
