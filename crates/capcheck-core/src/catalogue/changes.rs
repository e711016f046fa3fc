//! What changed between two releases of a catalogue: apps added and removed, and each fact whose
//! value changed, as rules spell it.

use serde::Serialize;

use crate::dataset::LoadedApp;
use crate::view::{dynamic_to_json, fields};

/// The difference between two releases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    /// Ids of apps in the new release only.
    pub added: Vec<String>,
    /// Ids of apps in the old release only.
    pub removed: Vec<String>,
    /// Facts whose value changed, by app and field.
    pub changed: Vec<FactChange>,
}

impl Changes {
    /// True when the releases hold the same facts.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// One fact that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactChange {
    /// The app's id.
    pub app: String,
    /// The field, as rules name it (`scim.available`).
    pub field: String,
    /// The old value, as JSON text (`"no"`, `null` for not documented).
    pub old: String,
    /// The new value.
    pub new: String,
}

/// Compares two releases' records (as [`super::parse`] returns them), by app id.
pub fn changes(old: &[LoadedApp], new: &[LoadedApp]) -> Changes {
    let mut out = Changes::default();
    let find = |set: &[LoadedApp], id: &str| set.iter().position(|a| a.record.id == id);
    for n in new {
        match find(old, &n.record.id).and_then(|i| old.get(i)) {
            None => out.added.push(n.record.id.clone()),
            Some(o) => {
                let before = fields(&o.record);
                for (b, a) in before.iter().zip(fields(&n.record)) {
                    let (bv, av) = (dynamic_to_json(&b.value), dynamic_to_json(&a.value));
                    if bv != av {
                        out.changed.push(FactChange {
                            app: n.record.id.clone(),
                            field: a.path.to_owned(),
                            old: bv.to_string(),
                            new: av.to_string(),
                        });
                    }
                }
            }
        }
    }
    for o in old {
        if find(new, &o.record.id).is_none() {
            out.removed.push(o.record.id.clone());
        }
    }
    out.added.sort();
    out.removed.sort();
    out
}
