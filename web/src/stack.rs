//! The company's app inventory in the browser: loaded from a file the user picks, kept in this
//! browser's localStorage only (nothing is uploaded or fetched), matched to the dataset, and its
//! facts put on the records so rules read `app.inventory.*`.
//!
//! Matches the analyst pins (in the plan, or from an overrides file) are kept beside it under
//! their own key and applied before automatic matching, as `capcheck plan --overrides` does.
//!
//! Saved data that cannot be read is kept under a backup key and never replaced without asking.

use std::collections::BTreeMap;

use capcheck_core::inventory::{self, matching, pins, Inventory};
use capcheck_core::Diagnostic;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::files;
use crate::state::AppState;
use crate::storage::{keep_aside, save_json, storage};

const KEY: &str = "capcheck.inventory.v1";
const BACKUP: &str = "capcheck.inventory.v1.unreadable";
const PINS_KEY: &str = "capcheck.overrides.v1";
const PINS_BACKUP: &str = "capcheck.overrides.v1.unreadable";

/// Pins as saved: the app's name as written, and the record's id or `null` for no record.
type SavedPins = BTreeMap<String, Option<String>>;

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
        let kept = keep_aside(&store, BACKUP, &text);
        format!("your saved apps could not be read ({e}); {kept}")
    })
}

/// The saved pins; `Err` when there are some that cannot be read (they are then kept aside).
fn load_saved_pins() -> Result<matching::Overrides, String> {
    let mut out = matching::Overrides::default();
    let Some(store) = storage() else {
        return Ok(out);
    };
    let Ok(Some(text)) = store.get_item(PINS_KEY) else {
        return Ok(out);
    };
    let saved: SavedPins = serde_json::from_str(&text).map_err(|e| {
        let kept = keep_aside(&store, PINS_BACKUP, &text);
        format!("your pinned matches could not be read ({e}); {kept}")
    })?;
    for (name, record) in saved {
        out.pin(&name, record);
    }
    Ok(out)
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
    /// The matches the analyst pinned, by app name.
    pub pins: RwSignal<matching::Overrides>,
    /// The saved pins could not be read: replacing them asks first.
    pins_unreadable: RwSignal<bool>,
    /// Problems in the last overrides file loaded (its good pins are still applied).
    pub pin_problems: RwSignal<Vec<Diagnostic>>,
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
        let (pins, pins_unreadable) = match load_saved_pins() {
            Ok(p) => (p, false),
            Err(message) => {
                // Beside, not over, a notice about the saved inventory.
                state.notice.update(|n| {
                    *n = Some(match n.take() {
                        Some(before) => format!("{before}; {message}"),
                        None => message,
                    })
                });
                (matching::Overrides::default(), true)
            }
        };
        let saved = RwSignal::new(saved);
        let pins = RwSignal::new(pins);
        let loaded = Memo::new(move |_| {
            let s = saved.get()?;
            let (inventory, diagnostics) = inventory::parse(&s.name, &s.text);
            let outcomes = state.dataset.with(|d| {
                let ids: Vec<&str> = d.apps.iter().map(|a| a.record.id.as_str()).collect();
                // A pin to a catalogue record waits until the catalogue has arrived.
                let applied = pins.with(|p| p.applicable(&ids));
                matching::match_all(d.apps.iter().map(|a| &a.record), &inventory.apps, &applied)
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
            pins,
            pins_unreadable: RwSignal::new(pins_unreadable),
            pin_problems: RwSignal::new(Vec::new()),
            loaded,
        }
    }

    /// Pins the app called `name` to `record` (`None`: no record) and saves the pins.
    pub fn pin(&self, state: AppState, name: &str, record: Option<String>) {
        let mut next = self.pins.get_untracked();
        next.pin(name, record);
        self.save_pins(state, next);
    }

    /// Removes the pin of the app called `name` and saves the pins.
    pub fn unpin(&self, state: AppState, name: &str) {
        let mut next = self.pins.get_untracked();
        if next.unpin(name) {
            self.save_pins(state, next);
        }
    }

    /// Reads an overrides file as `capcheck plan --overrides` does: its problems are shown with
    /// their line and column, and its good pins replace earlier pins of the same apps.
    pub fn load_overrides(&self, state: AppState, name: &str, bytes: &[u8]) {
        let text = match inventory::decode(name, bytes) {
            Ok(text) => text,
            Err(d) => {
                self.pin_problems.set(vec![*d]);
                return;
            }
        };
        let (found, problems) = state.dataset.with_untracked(|d| {
            let ids: Vec<&str> = d.apps.iter().map(|a| a.record.id.as_str()).collect();
            matching::parse_overrides(name, &text, &ids)
        });
        self.pin_problems.set(problems);
        let mut next = self.pins.get_untracked();
        next.merge(&found);
        state.notice.set(Some(format!(
            "{name}: {} pinned match{} applied.",
            found.len(),
            if found.len() == 1 { "" } else { "es" }
        )));
        self.save_pins(state, next);
    }

    /// The pins as an overrides file, offered as a download.
    pub fn export_pins(&self, state: AppState) {
        let text = self.pins.with_untracked(pins::to_toml);
        let result = files::download("overrides.toml", "application/toml", &text);
        if let Err(e) = result {
            state.notice.set(Some(e));
        }
    }

    /// Uses `next` as the pins and saves them (asking first if saved pins could not be read).
    fn save_pins(&self, state: AppState, next: matching::Overrides) {
        let may_save = !self.pins_unreadable.get_untracked()
            || files::confirm(&format!(
                "Your saved pinned matches could not be read (a copy is under `{PINS_BACKUP}`). Save the new ones in their place?"
            ));
        if may_save {
            let doc: SavedPins = next
                .iter()
                .map(|(n, r)| (n.to_owned(), r.map(str::to_owned)))
                .collect();
            if save_json(PINS_KEY, &doc) {
                self.pins_unreadable.set(false);
            } else {
                state.notice.set(Some(
                    "the browser refused to save your pinned matches (storage full?): export them to keep them".into(),
                ));
            }
        } else {
            state.notice.set(Some(
                "Your pins are used until you close the tab; the saved ones were left as they were."
                    .into(),
            ));
        }
        self.pins.set(next);
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
            if save_json(KEY, &doc) {
                self.unreadable.set(false);
            } else {
                state.notice.set(Some(
                    "the browser refused to save your apps (storage full?): they are kept until you close the tab".into(),
                ));
            }
        } else {
            state.notice.set(Some(format!(
                "{name} is used until you close the tab; your saved apps were left as they were."
            )));
        }
        self.saved.set(Some(doc));
    }

    /// Forgets the inventory and the pins, after asking: `Ok(true)` when forgotten, `Ok(false)`
    /// when the user said no, and what the browser kept when it refused to remove it.
    pub fn forget(&self) -> Result<bool, String> {
        if !files::confirm(
            "Forget your apps? The inventory and your pinned matches are removed from this browser.",
        ) {
            return Ok(false);
        }
        // Without storage nothing was saved; a refused removal is told, since a reload would
        // bring the apps back.
        let refused: Vec<&str> = storage()
            .map(|store| {
                [(KEY, "the inventory"), (PINS_KEY, "the pinned matches")]
                    .into_iter()
                    .filter(|(key, _)| store.remove_item(key).is_err())
                    .map(|(_, what)| what)
                    .collect()
            })
            .unwrap_or_default();
        self.saved.set(None);
        self.file_problems.set(Vec::new());
        self.pins.set(matching::Overrides::default());
        self.pin_problems.set(Vec::new());
        self.pins_unreadable.set(false);
        if refused.is_empty() {
            Ok(true)
        } else {
            Err(format!(
                "Your apps are cleared from this page, but the browser refused to remove {} from its storage: they will be back after a reload",
                refused.join(" and ")
            ))
        }
    }
}
