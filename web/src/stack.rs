//! The company's app inventory in the browser: loaded from a file the user picks, kept in this
//! browser's localStorage only (nothing is uploaded or fetched), matched to the dataset, and its
//! facts put on the records so rules read `app.inventory.*`.
//!
//! Saved data that cannot be read is kept under a backup key and never replaced without asking.

use capcheck_core::inventory::{self, matching, Inventory};
use capcheck_core::Diagnostic;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::files;
use crate::state::AppState;

const KEY: &str = "capcheck.inventory.v1";
const BACKUP: &str = "capcheck.inventory.v1.unreadable";

/// The inventory as saved: the file's name and its decoded text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedInventory {
    /// The file's name.
    pub name: String,
    /// Its text, decoded by the core.
    pub text: String,
}

/// The inventory, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The apps.
    pub inventory: Inventory,
    /// Each app's match, in the inventory's order.
    pub outcomes: Vec<matching::Outcome>,
    /// Problems in the file.
    pub diagnostics: Vec<Diagnostic>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The saved inventory; `Err` when there is one that cannot be read (it is then kept aside).
fn load_saved() -> Result<Option<SavedInventory>, String> {
    let Some(store) = storage() else {
        return Err(
            "this browser does not allow saving: your apps will be forgotten on reload".into(),
        );
    };
    let Ok(Some(text)) = store.get_item(KEY) else {
        return Ok(None);
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        let _ = store.set_item(BACKUP, &text);
        format!("your saved apps could not be read ({e}); they were kept in localStorage under `{BACKUP}`")
    })
}

/// The inventory's state, as copyable signal handles.
#[derive(Clone, Copy)]
pub struct Stack {
    /// The inventory, as loaded or saved.
    pub saved: RwSignal<Option<SavedInventory>>,
    /// The saved data could not be read: replacing it asks first.
    unreadable: RwSignal<bool>,
    /// Problems reading the last file chosen (an encoding error loses nothing saved).
    pub file_problems: RwSignal<Vec<Diagnostic>>,
    /// The leaver the plan is personalised for.
    pub leaver: RwSignal<String>,
    /// The inventory, read and matched against the current dataset.
    pub loaded: Memo<Option<Loaded>>,
}

impl Stack {
    /// Reads the saved inventory and keeps the dataset's records in step with it.
    pub fn new(state: AppState) -> Stack {
        let (saved, unreadable) = match load_saved() {
            Ok(s) => (s, false),
            Err(message) => {
                state.notice.set(Some(message));
                (None, true)
            }
        };
        let saved = RwSignal::new(saved);
        let loaded = Memo::new(move |_| {
            let s = saved.get()?;
            let (inventory, diagnostics) = inventory::parse(&s.name, &s.text);
            let outcomes = state.dataset.with(|d| {
                matching::match_all(
                    d.apps.iter().map(|a| &a.record),
                    &inventory.apps,
                    &matching::Overrides::default(),
                )
            });
            Some(Loaded {
                inventory,
                outcomes,
                diagnostics,
            })
        });
        // Rules read the inventory's facts: put them on the records (or take them off) and
        // re-evaluate, once per change.
        Effect::new(move |_| {
            let current = state.dataset.get();
            let mut next = current.clone();
            match loaded.get() {
                Some(l) => {
                    inventory::apply(&mut next, &l.inventory.apps, &l.outcomes);
                }
                None => next.apps.iter_mut().for_each(|a| a.record.inventory = None),
            }
            if next != current {
                state.set_dataset(next, state.data_label.get_untracked());
            }
        });
        Stack {
            saved,
            unreadable: RwSignal::new(unreadable),
            file_problems: RwSignal::new(Vec::new()),
            leaver: RwSignal::new(String::new()),
            loaded,
        }
    }

    /// Reads a chosen file: an encoding error is reported and changes nothing; otherwise the
    /// inventory replaces the current one and is saved (asking first if saved data could not be
    /// read).
    pub fn load_file(&self, state: AppState, name: &str, bytes: &[u8]) {
        let text = match inventory::decode(name, bytes) {
            Ok(text) => text,
            Err(d) => {
                self.file_problems.set(vec![*d]);
                return;
            }
        };
        self.file_problems.set(Vec::new());
        let doc = SavedInventory {
            name: name.to_owned(),
            text,
        };
        let may_save = !self.unreadable.get_untracked()
            || files::confirm(&format!(
                "Your saved apps could not be read (a copy is under `{BACKUP}`). Save {name} in their place?"
            ));
        if may_save {
            match serde_json::to_string(&doc).ok().zip(storage()) {
                Some((json, store)) if store.set_item(KEY, &json).is_ok() => {
                    self.unreadable.set(false);
                }
                _ => state.notice.set(Some(
                    "the browser refused to save your apps (storage full?): they are kept until you close the tab".into(),
                )),
            }
        } else {
            state.notice.set(Some(format!(
                "{name} is used until you close the tab; your saved apps were left as they were."
            )));
        }
        self.saved.set(Some(doc));
    }

    /// Forgets the inventory, after asking. True when forgotten.
    pub fn forget(&self) -> bool {
        if !files::confirm("Forget your apps? The inventory is removed from this browser.") {
            return false;
        }
        if let Some(store) = storage() {
            let _ = store.remove_item(KEY);
        }
        self.saved.set(None);
        self.file_problems.set(Vec::new());
        true
    }
}
