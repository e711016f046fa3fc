//! The app's state: the dataset, the rules being edited, and each rule's latest result.
//!
//! Evaluation is the core's [`Checker`]: the CLI's engine, limits and findings. An edit recompiles
//! and re-runs only the edited rule; a rule that hits an engine limit is stopped for the whole run
//! by the core, so the tab answers again at once.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use capcheck_core::{builtin, dataset, engine, front, rule, Checker, Context, Diagnostic, Finding};
use leptos::prelude::*;

pub use crate::route::Route;
pub use crate::rule_doc::{RuleDoc, RuleResult, Undo};
use crate::storage;

/// Every piece of state, as copyable signal handles.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The dataset being explored.
    pub dataset: RwSignal<dataset::Dataset>,
    /// Problems in a loaded dataset file.
    pub data_diagnostics: RwSignal<Vec<Diagnostic>>,
    /// What the dataset is ("built-in dataset").
    pub data_label: RwSignal<String>,
    /// The rules, in list order.
    pub rules: RwSignal<Vec<RuleDoc>>,
    /// Each enabled rule's latest result, by id.
    pub results: RwSignal<BTreeMap<String, RuleResult>>,
    /// The evaluator (not `Send`: it lives on this thread).
    checker: StoredValue<Checker, LocalStorage>,
    /// The current page.
    pub route: RwSignal<Route>,
    /// The last undoable action.
    pub undo: RwSignal<Option<Undo>>,
    /// A message for the user (storage problems, imports).
    pub notice: RwSignal<Option<String>>,
}

fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

fn builtin_dataset() -> dataset::Dataset {
    dataset::load(&builtin::data_files()).0
}

/// What the seed pages' dataset is called until the catalogue arrives.
const BUILTIN_LABEL: &str = "built-in dataset";
/// What the built-in dataset is called once the catalogue is merged in.
const CATALOGUE_LABEL: &str = "built-in dataset and SCIM Tax Index";
/// Where the catalogue is served, beside the app (`scripts/build-web.sh` copies it there).
const CATALOGUE_URL: &str = "catalogues/scim-tax.csv";
/// The notice when the code that reads the catalogue cannot be fetched.
const NO_CATALOGUE_CODE: &str =
    "the code that reads the SCIM Tax Index could not be fetched: showing the seed pages' apps only; choose \"Built-in dataset\" to try again";

async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().map_err(|e| format!("{e:?}"))?;
    JsFuture::from(text)
        .await
        .map_err(|e| format!("{e:?}"))?
        .as_string()
        .ok_or_else(|| "not text".to_owned())
}

/// The built-in rules as editor documents.
pub fn builtin_rules() -> Vec<RuleDoc> {
    builtin::RULES
        .iter()
        .map(|(name, text)| RuleDoc {
            id: rule::id_of(name).to_owned(),
            text: (*text).to_owned(),
            baseline: (*text).to_owned(),
            enabled: true,
        })
        .collect()
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl AppState {
    /// Loads saved rules (or the built-in ones) and evaluates everything.
    pub fn new() -> AppState {
        let (rules, notice) = match storage::load_rules() {
            Ok(Some(saved)) => (saved, None),
            Ok(None) => (builtin_rules(), None),
            Err(message) => (builtin_rules(), Some(message)),
        };
        let dataset = builtin_dataset();
        let checker = Checker::new(
            engine::build(),
            dataset.clone(),
            Vec::new(),
            Context::new(today()),
        );
        let state = AppState {
            dataset: RwSignal::new(dataset),
            data_diagnostics: RwSignal::new(Vec::new()),
            data_label: RwSignal::new(BUILTIN_LABEL.into()),
            rules: RwSignal::new(rules),
            results: RwSignal::new(BTreeMap::new()),
            checker: StoredValue::new_local(checker),
            route: RwSignal::new(Route::Explorer),
            undo: RwSignal::new(None),
            notice: RwSignal::new(notice),
        };
        state.evaluate_all();
        state
    }

    /// Compiles and runs one rule, with its baseline when `with_baseline`.
    fn run(&self, doc: &RuleDoc, with_baseline: bool, previous: Option<&RuleResult>) -> RuleResult {
        let start = now();
        let mut result = RuleResult::default();
        self.checker.update_value(|checker| {
            match doc.compile(checker, &doc.text) {
                Ok(compiled) => {
                    let outcome = checker.evaluate_rule(&compiled);
                    result.findings = Arc::new(checker.findings(&compiled, &outcome));
                    result.diagnostics.extend(outcome.error);
                    result.meta = Some(compiled.meta.clone());
                    result.header = compiled.header.clone();
                }
                Err(diags) => result.diagnostics = diags,
            }
            result.baseline_findings = if with_baseline {
                match doc.compile(checker, &doc.baseline) {
                    Ok(base) => {
                        let outcome = checker.evaluate_rule(&base);
                        outcome
                            .error
                            .is_none()
                            .then(|| Arc::new(checker.findings(&base, &outcome)))
                    }
                    Err(_) => None,
                }
            } else {
                previous.and_then(|p| p.baseline_findings.clone())
            };
            result.baseline_apps = result
                .baseline_findings
                .as_ref()
                .map(|f| f.iter().map(|f| f.app.clone()).collect());
        });
        result.millis = now() - start;
        result
    }

    /// Re-evaluates every enabled rule (after the dataset changed, or at start).
    pub fn evaluate_all(&self) {
        let docs = self.rules.get_untracked();
        let mut results = BTreeMap::new();
        for doc in docs.iter().filter(|d| d.enabled) {
            results.insert(doc.id.clone(), self.run(doc, true, None));
        }
        self.results.set(results);
    }

    /// Replaces one rule's text: saves it, re-runs only that rule.
    pub fn edit_rule(&self, id: &str, text: String) {
        let mut doc = None;
        self.rules.update(|rules| {
            if let Some(r) = rules.iter_mut().find(|r| r.id == id) {
                r.text = text;
                doc = Some(r.clone());
            }
        });
        self.persist();
        if let Some(doc) = doc.filter(|d| d.enabled) {
            let previous = self.results.with_untracked(|r| r.get(id).cloned());
            let result = self.run(&doc, previous.is_none(), previous.as_ref());
            self.results.update(|r| {
                r.insert(doc.id.clone(), result);
            });
        }
    }

    /// Makes the current text the baseline edits are compared with.
    pub fn save_baseline(&self, id: &str) {
        self.update_rules(|rules| {
            if let Some(r) = rules.iter_mut().find(|r| r.id == id) {
                r.baseline = r.text.clone();
            }
        });
        self.rerun(id);
    }

    /// Turns a rule on or off.
    pub fn set_enabled(&self, id: &str, on: bool) {
        self.update_rules(|rules| {
            if let Some(r) = rules.iter_mut().find(|r| r.id == id) {
                r.enabled = on;
            }
        });
        if on {
            self.rerun(id);
        } else {
            self.results.update(|r| {
                r.remove(id);
            });
        }
    }

    fn rerun(&self, id: &str) {
        let doc = self
            .rules
            .with_untracked(|rules| rules.iter().find(|r| r.id == id).cloned());
        if let Some(doc) = doc.filter(|d| d.enabled) {
            let result = self.run(&doc, true, None);
            self.results.update(|r| {
                r.insert(doc.id.clone(), result);
            });
        }
    }

    fn update_rules(&self, f: impl FnOnce(&mut Vec<RuleDoc>)) {
        self.rules.update(f);
        self.persist();
    }

    fn persist(&self) {
        let rules = self.rules.get_untracked();
        if let Err(message) = storage::save_rules(&rules) {
            self.notice.set(Some(message));
        }
    }

    /// A free id starting with `base`.
    pub fn free_id(&self, base: &str) -> String {
        let taken: BTreeSet<String> = self
            .rules
            .with_untracked(|r| r.iter().map(|d| d.id.clone()).collect());
        if !taken.contains(base) {
            return base.to_owned();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken.contains(id))
            .unwrap_or_else(|| base.to_owned())
    }

    /// Adds a rule and opens it.
    pub fn add_rule(&self, id: String, text: String, baseline: String) {
        let doc = RuleDoc {
            id: id.clone(),
            text,
            baseline,
            enabled: true,
        };
        self.update_rules(|rules| rules.push(doc));
        self.rerun(&id);
        self.navigate(Route::Rules(Some(id)));
    }

    /// Renames a rule; false when the id is taken or not kebab-case.
    pub fn rename_rule(&self, from: &str, to: &str) -> bool {
        let valid = front::is_id(to);
        let taken = self.rules.with_untracked(|r| r.iter().any(|d| d.id == to));
        if !valid || taken {
            return false;
        }
        self.update_rules(|rules| {
            if let Some(r) = rules.iter_mut().find(|r| r.id == from) {
                r.id = to.to_owned();
            }
        });
        self.results.update(|r| {
            r.remove(from);
        });
        self.rerun(to);
        self.navigate(Route::Rules(Some(to.to_owned())));
        true
    }

    /// Deletes a rule, keeping it for undo.
    pub fn delete_rule(&self, id: &str) {
        let mut removed = None;
        self.update_rules(|rules| {
            if let Some(i) = rules.iter().position(|r| r.id == id) {
                removed = Some((i, rules.remove(i)));
            }
        });
        if let Some((i, doc)) = removed {
            self.results.update(|r| {
                r.remove(id);
            });
            self.undo.set(Some(Undo::Deleted(i, doc)));
            self.navigate(Route::Rules(None));
        }
    }

    /// Replaces every rule (reset, import), keeping the old list for undo.
    pub fn replace_rules(&self, rules: Vec<RuleDoc>, what: &str) {
        let previous = self.rules.get_untracked();
        self.rules.set(rules);
        self.persist();
        self.undo
            .set(Some(Undo::Replaced(previous, what.to_owned())));
        self.evaluate_all();
    }

    /// Undoes the last delete, reset or import.
    pub fn undo(&self) {
        match self.undo.get_untracked() {
            Some(Undo::Deleted(i, doc)) => {
                let id = doc.id.clone();
                self.update_rules(|rules| rules.insert(i.min(rules.len()), doc));
                self.rerun(&id);
            }
            Some(Undo::Replaced(previous, _)) => {
                self.rules.set(previous);
                self.persist();
                self.evaluate_all();
            }
            None => {}
        }
        self.undo.set(None);
    }

    /// Fetches the catalogue served beside the app and merges it into the seed pages' records,
    /// after the first render: the app's code download stays the same size. The code that reads
    /// it (the deferred module) is fetched at the same time. A dataset the user loaded meanwhile
    /// is kept.
    pub fn load_catalogue(&self) {
        let state = *self;
        leptos::task::spawn_local(async move {
            let (text, code) = futures::join!(
                fetch_text(CATALOGUE_URL),
                crate::deferred::preload_deferred()
            );
            // A dataset the user loaded is theirs: the catalogue is not mixed into it, and a
            // problem fetching it is not theirs to hear about.
            if state.base_label() != BUILTIN_LABEL {
                return;
            }
            let text = match text {
                Ok(text) => text,
                Err(e) => {
                    state.notice.set(Some(format!(
                        "the SCIM Tax Index could not be loaded ({e}): showing the seed pages' apps only; choose \"Built-in dataset\" to try again"
                    )));
                    return;
                }
            };
            if code.is_err() {
                state.notice.set(Some(NO_CATALOGUE_CODE.into()));
                return;
            }
            // Merged into the dataset as it is now, so an app imported from a guide page while
            // the catalogue was on its way is kept. Its code is loaded: no wait from here on.
            let merged =
                crate::deferred::merge_catalogue(state.dataset.get_untracked(), text).await;
            let Ok((set, diags)) = merged else {
                state.notice.set(Some(NO_CATALOGUE_CODE.into()));
                return;
            };
            state.data_diagnostics.update(|d| d.extend(diags));
            // Apps imported from guide pages meanwhile stay in the label too.
            let imported = state.data_label.get_untracked();
            let imported = imported.strip_prefix(BUILTIN_LABEL).unwrap_or_default();
            state.set_dataset(set, format!("{CATALOGUE_LABEL}{imported}"));
            // For the start-up measurement in the browser tests.
            if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                if let Err(e) = p.mark("capcheck-catalogue") {
                    leptos::logging::warn!("performance mark: {e:?}");
                }
            }
        });
    }

    /// Replaces the dataset and re-evaluates every rule.
    pub fn set_dataset(&self, set: dataset::Dataset, label: String) {
        let context = self.checker.with_value(|c| c.context().clone());
        self.checker.set_value(Checker::new(
            engine::build(),
            set.clone(),
            Vec::new(),
            context,
        ));
        self.dataset.set(set);
        self.data_label.set(label);
        self.evaluate_all();
    }

    /// Adds records imported from a guide page to the session's dataset. An app already in the
    /// dataset is replaced only with `replace` (keeping its facts marked curated); otherwise it is
    /// left alone. Each record goes through the dataset reader, as if loaded from its own file,
    /// so it is checked like one. Returns the ids added or replaced.
    pub fn add_imported(&self, records: &[capcheck_core::AppRecord], replace: bool) -> Vec<String> {
        let mut set = self.dataset.get_untracked();
        let mut added = Vec::new();
        let mut diags = Vec::new();
        for record in records {
            // The CLI's policy: a related-apps entry never replaces a full record, and what a
            // person curated stays; an app already there is replaced only when asked.
            let merged = match front::merge_import(record, set.get(&record.id).map(|a| &a.record)) {
                front::Merge::Add(r) => r,
                front::Merge::Replace(r) if replace => r,
                front::Merge::Replace(_) | front::Merge::KeepFull => continue,
            };
            let name = format!("{}.toml", record.id);
            let text = capcheck_core::import::write_record(&merged);
            let (mut apps, mut problems) = dataset::parse_file(&name, &text);
            diags.append(&mut problems);
            if let Some(app) = apps.pop() {
                set.apps.retain(|a| a.record.id != record.id);
                set.apps.push(app);
                added.push(record.id.clone());
            }
        }
        self.data_diagnostics.set(diags);
        if !added.is_empty() {
            capcheck_core::order::sort_by(&mut set.apps, |a, b| a.record.id.cmp(&b.record.id));
            let label = format!("{} + imported {}", self.base_label(), added.join(", "));
            self.set_dataset(set, label);
        }
        added
    }

    /// The dataset label without what was imported into it.
    fn base_label(&self) -> String {
        let label = self.data_label.get_untracked();
        label
            .split(" + imported ")
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    /// Parses a user's dataset file; keeps the current dataset when it has errors.
    pub fn load_dataset_file(&self, name: &str, text: &str) {
        let (set, diags) = dataset::load(&[capcheck_core::DataFile { name, text }]);
        let errors = diags.iter().any(|d| d.level == capcheck_core::Level::Error);
        self.data_diagnostics.set(diags);
        if !errors && !set.apps.is_empty() {
            let n = set.apps.len();
            self.set_dataset(set, format!("{name} ({n} apps)"));
        }
    }

    /// Back to the built-in dataset.
    pub fn use_builtin_dataset(&self) {
        self.data_diagnostics.set(Vec::new());
        self.set_dataset(builtin_dataset(), BUILTIN_LABEL.into());
        self.load_catalogue();
    }

    /// A synthetic dataset, for trying the tools at scale.
    pub fn use_synthetic_dataset(&self, count: usize) {
        let apps = capcheck_core::synthetic::generate(count, 1)
            .into_iter()
            .map(|record| capcheck_core::LoadedApp::unlocated(record, "synthetic.json".into()))
            .collect();
        self.data_diagnostics.set(Vec::new());
        self.set_dataset(
            dataset::Dataset { apps },
            format!("synthetic dataset ({count} apps)"),
        );
    }

    /// Adds a rule opened from a shared link, under a free id so nothing is overwritten.
    pub fn accept_shared(&self, id: String, text: String) {
        let clean: String = id
            .chars()
            .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
            .collect();
        let base = if clean.is_empty() {
            "shared-rule".to_owned()
        } else {
            clean
        };
        let same = self
            .rules
            .with_untracked(|r| r.iter().find(|d| d.id == base).map(|d| d.text == text));
        match same {
            Some(true) => self.navigate(Route::Rules(Some(base))),
            _ => {
                let id = self.free_id(&base);
                self.notice
                    .set(Some(format!("Added the shared rule as `{id}`.")));
                self.add_rule(id, text, String::new());
            }
        }
    }

    /// A link that opens this rule's text in another browser.
    pub fn share_link(&self, doc: &RuleDoc) -> String {
        let base = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .map(|h| h.split('#').next().unwrap_or("").to_owned())
            .unwrap_or_default();
        format!(
            "{base}{}",
            Route::Share(doc.id.clone(), doc.text.clone()).hash()
        )
    }

    /// Runs `f` with the page's checker: its engine, dataset and context.
    pub fn with_checker<R>(&self, f: impl FnOnce(&Checker) -> R) -> R {
        self.checker.with_value(f)
    }

    /// Every finding of every enabled rule, ordered by app then rule.
    pub fn all_findings(&self) -> Vec<Finding> {
        let mut all: Vec<Finding> = self.results.with(|r| {
            r.values()
                .flat_map(|x| x.findings.iter().cloned())
                .collect()
        });
        capcheck_core::report::order(&mut all);
        all
    }

    /// The findings and problems of every enabled rule over the current dataset, as the CLI's
    /// `check` reports them: what "Export findings JSON" and "... CSV" write.
    pub fn report(&self) -> capcheck_core::Report {
        let findings = self.all_findings();
        let mut diagnostics = self.data_diagnostics.get_untracked();
        self.results.with_untracked(|r| {
            for result in r.values() {
                diagnostics.extend(result.diagnostics.iter().cloned());
            }
        });
        let rules = self.results.with_untracked(|r| r.len());
        let (apps, attribution) = self
            .dataset
            .with_untracked(|d| (d.apps.len(), capcheck_core::catalogue::attribution(&d.apps)));
        let today = self.checker.with_value(|c| c.context().today.clone());
        let mut report = capcheck_core::Report::new(
            today,
            apps,
            rules,
            (apps * rules) as u64,
            findings,
            diagnostics,
        );
        report.attribution = attribution;
        report
    }

    /// Goes to a route, through the URL so back and forward work.
    pub fn navigate(&self, route: Route) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&route.hash());
        }
        self.route.set(route);
    }
}
