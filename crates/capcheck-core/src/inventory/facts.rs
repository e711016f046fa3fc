//! The inventory's facts about a record, as rules read them (`app.inventory.*`), and putting
//! them on the dataset's records after matching.

use super::matching::Outcome;
use super::InventoryApp;
use crate::dataset::Dataset;
pub use crate::model::InventoryFacts as Facts;

impl Facts {
    /// Facts from one inventory app.
    pub fn of(app: &InventoryApp) -> Facts {
        Facts {
            names: vec![app.name.clone()],
            users: app.users,
            owner: app.owner.clone(),
            criticality: app.criticality.clone(),
            department: app.department.clone(),
            idp: app.idp.clone(),
            idp_features: app.idp_features.clone(),
        }
    }

    /// Adds another inventory app matching the same record.
    pub fn merge(&mut self, app: &InventoryApp) {
        self.names.push(app.name.clone());
        self.users = match (self.users, app.users) {
            (Some(a), Some(b)) => Some(a.saturating_add(b)),
            (a, b) => a.or(b),
        };
        let first = |mine: &mut Option<String>, theirs: &Option<String>| {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        };
        first(&mut self.owner, &app.owner);
        first(&mut self.criticality, &app.criticality);
        first(&mut self.department, &app.department);
        first(&mut self.idp, &app.idp);
        self.idp_features = match (self.idp_features.take(), &app.idp_features) {
            (Some(mine), Some(theirs)) => {
                Some(mine.into_iter().filter(|f| theirs.contains(f)).collect())
            }
            _ => None,
        };
    }

    /// Whether the IdP pushes deactivation to the app: `yes`, `no`, or `not-documented`.
    pub fn push_deactivation(&self) -> &'static str {
        match &self.idp_features {
            None => "not-documented",
            Some(f) if f.iter().any(|x| x == "PUSH_USER_DEACTIVATION") => "yes",
            Some(_) => "no",
        }
    }
}

/// Puts each matched app's facts on its record (merging apps that match the same record) and
/// clears them on every other record. Returns how many records got facts.
pub fn apply(dataset: &mut Dataset, apps: &[InventoryApp], outcomes: &[Outcome]) -> usize {
    for a in &mut dataset.apps {
        a.record.inventory = None;
    }
    let index: std::collections::HashMap<String, usize> = dataset
        .apps
        .iter()
        .enumerate()
        .map(|(i, a)| (a.record.id.clone(), i))
        .collect();
    let mut count = 0;
    for (app, outcome) in apps.iter().zip(outcomes) {
        let Some(i) = outcome.record().and_then(|id| index.get(id)) else {
            continue;
        };
        let record = &mut dataset.apps[*i].record;
        match &mut record.inventory {
            Some(f) => f.merge(app),
            None => {
                record.inventory = Some(Facts::of(app));
                count += 1;
            }
        }
    }
    count
}
