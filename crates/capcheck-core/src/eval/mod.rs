//! Evaluating rules over apps: the one entry point front ends call.
//!
//! A [`Checker`] holds the engine, the dataset with each app converted once to the map rules
//! read, and the compiled rules. Each app gets a rhai scope holding `today`, `settings` and
//! `app`, built once and rewound after every rule, so no app is copied per evaluation. A rule that
//! fails on any app (an error, or an engine limit such as the operation count) is stopped for the
//! whole run and reported with its id, the app and the position; every other rule still runs.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

use rhai::{Engine, ImmutableString, Scope};

use crate::dataset::{Dataset, LoadedApp};
use crate::diagnostic::Diagnostic;
use crate::direct::{self, Program};
use crate::report::{Finding, Report};
use crate::rule::Rule;
use crate::view::{fields, to_dynamic_from};

mod context;
mod outcome;

pub(crate) use context::{app_scope, settings_dynamic};
pub use context::{default_settings, Context};
use outcome::findings_for;
pub(crate) use outcome::{evidence_for, runtime_error, verdict};

/// A rule's result on the apps it ran on.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleOutcome {
    /// The rule's id.
    pub rule: String,
    /// Indexes (into the dataset) of the apps flagged, with each finding's message.
    pub hits: Vec<(usize, String)>,
    /// The error that stopped the rule, if it failed.
    pub error: Option<Diagnostic>,
}

/// The dataset, rules and context, ready to evaluate.
pub struct Checker {
    engine: Engine,
    dataset: Dataset,
    rules: Vec<Rule>,
    scopes: Vec<Scope<'static>>,
    /// Each app's field values, for rules that run directly (see [`crate::direct`]).
    tables: Vec<Vec<direct::Data>>,
    /// Each rule's direct program, where its check is in the subset.
    programs: Vec<Option<Program>>,
    env: direct::Env,
    context: Context,
    parallel: bool,
    direct: bool,
}

impl Checker {
    /// Converts every app once and builds its scope.
    pub fn new(engine: Engine, dataset: Dataset, rules: Vec<Rule>, context: Context) -> Checker {
        let (scopes, tables) = prepare(&dataset, &context);
        let programs = rules.iter().map(|r| Program::compile(&r.ast)).collect();
        let env = direct::Env::new(&context.today, &context.settings);
        Checker {
            engine,
            dataset,
            rules,
            scopes,
            tables,
            programs,
            env,
            context,
            parallel: true,
            direct: true,
        }
    }

    /// Turns evaluation on several threads off or on (on by default where the `parallel`
    /// feature is enabled; without it, evaluation is always on one thread).
    pub fn set_parallel(&mut self, on: bool) {
        self.parallel = on;
    }

    /// Turns direct evaluation (see [`crate::direct`]) off or on (on by default). Off, every
    /// check runs in rhai's interpreter: for comparisons and benchmarks; findings are the same.
    pub fn set_direct(&mut self, on: bool) {
        self.direct = on;
        self.programs = self.compile_programs(&self.rules);
    }

    fn compile_programs(&self, rules: &[Rule]) -> Vec<Option<Program>> {
        rules
            .iter()
            .map(|r| self.direct.then(|| Program::compile(&r.ast)).flatten())
            .collect()
    }

    /// The engine rules run in.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The dataset.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The rules.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The context.
    pub fn context(&self) -> &Context {
        &self.context
    }

    /// Replaces the rules (the apps' scopes are kept).
    pub fn set_rules(&mut self, rules: Vec<Rule>) {
        self.programs = self.compile_programs(&rules);
        self.rules = rules;
    }

    /// Evaluates one rule over every app.
    pub fn evaluate_rule(&mut self, rule: &Rule) -> RuleOutcome {
        let stop = AtomicBool::new(false);
        let program = self.direct.then(|| Program::compile(&rule.ast)).flatten();
        let shared = Shared {
            engine: &self.engine,
            dataset: &self.dataset,
            tables: &self.tables,
            env: &self.env,
        };
        let (hits, error) = run_chunk(&shared, rule, program.as_ref(), &mut self.scopes, 0, &stop);
        finish(rule, vec![(hits, error)])
    }

    /// Evaluates every rule over every app, in parallel where the `parallel` feature is on and
    /// the dataset is large enough to gain from it.
    pub fn evaluate(&mut self) -> Vec<RuleOutcome> {
        self.evaluate_with_progress(&|_| {})
    }

    /// [`Checker::evaluate`], calling `progress` with the number of apps done after each chunk.
    pub fn evaluate_with_progress(
        &mut self,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Vec<RuleOutcome> {
        let shared = Shared {
            engine: &self.engine,
            dataset: &self.dataset,
            tables: &self.tables,
            env: &self.env,
        };
        let rules = &self.rules;
        let programs = &self.programs;
        let stops: Vec<AtomicBool> = rules.iter().map(|_| AtomicBool::new(false)).collect();
        let chunk_size = chunk_size(self.scopes.len(), self.parallel);
        let run = |(chunk_index, scopes): (usize, &mut [Scope<'static>])| {
            let offset = chunk_index * chunk_size;
            let results = rules
                .iter()
                .zip(&stops)
                .enumerate()
                .map(|(i, (rule, stop))| {
                    let program = programs.get(i).and_then(Option::as_ref);
                    run_chunk(&shared, rule, program, scopes, offset, stop)
                })
                .collect::<Vec<_>>();
            progress(scopes.len());
            results
        };
        #[cfg(feature = "parallel")]
        let per_chunk: Vec<Vec<ChunkResult>> = if self.parallel {
            use rayon::prelude::*;
            self.scopes
                .par_chunks_mut(chunk_size)
                .enumerate()
                .map(run)
                .collect()
        } else {
            self.scopes
                .chunks_mut(chunk_size)
                .enumerate()
                .map(run)
                .collect()
        };
        #[cfg(not(feature = "parallel"))]
        let per_chunk: Vec<Vec<ChunkResult>> = self
            .scopes
            .chunks_mut(chunk_size)
            .enumerate()
            .map(run)
            .collect();

        let mut per_rule: Vec<Vec<ChunkResult>> = rules.iter().map(|_| Vec::new()).collect();
        for chunk in per_chunk {
            for (i, result) in chunk.into_iter().enumerate() {
                if let Some(slot) = per_rule.get_mut(i) {
                    slot.push(result);
                }
            }
        }
        rules
            .iter()
            .zip(per_rule)
            .map(|(rule, chunks)| finish(rule, chunks))
            .collect()
    }

    /// Evaluates every rule and builds the report, with `diagnostics` from loading added first.
    pub fn check(&mut self, diagnostics: Vec<Diagnostic>) -> Report {
        self.check_with_progress(diagnostics, &|_| {})
    }

    /// [`Checker::check`], reporting progress as [`Checker::evaluate_with_progress`] does.
    pub fn check_with_progress(
        &mut self,
        mut diagnostics: Vec<Diagnostic>,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Report {
        let outcomes = self.evaluate_with_progress(progress);
        let evaluations = (self.rules.len() * self.dataset.apps.len()) as u64;
        let mut findings = Vec::new();
        for outcome in &outcomes {
            if let Some(e) = &outcome.error {
                diagnostics.push(e.clone());
            }
        }
        let mut by_app: BTreeMap<usize, Vec<(&Rule, &str)>> = BTreeMap::new();
        for (rule, outcome) in self.rules.iter().zip(&outcomes) {
            for (app, message) in &outcome.hits {
                by_app.entry(*app).or_default().push((rule, message));
            }
        }
        let apps = &self.dataset.apps;
        let build = |(app_index, hits): (usize, Vec<(&Rule, &str)>)| {
            apps.get(app_index)
                .map(|app| findings_for(app, &hits))
                .unwrap_or_default()
        };
        #[cfg(feature = "parallel")]
        let per_app: Vec<Vec<Finding>> = {
            use rayon::prelude::*;
            by_app
                .into_iter()
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(build)
                .collect()
        };
        #[cfg(not(feature = "parallel"))]
        let per_app: Vec<Vec<Finding>> = by_app.into_iter().map(build).collect();
        findings.extend(per_app.into_iter().flatten());
        Report::new(
            self.context.today.clone(),
            self.dataset.apps.len(),
            self.rules.len(),
            evaluations,
            findings,
            diagnostics,
        )
    }

    /// The findings of one rule's outcome, with evidence.
    pub fn findings(&self, rule: &Rule, outcome: &RuleOutcome) -> Vec<Finding> {
        outcome
            .hits
            .iter()
            .filter_map(|(i, message)| {
                let app = self.dataset.apps.get(*i)?;
                findings_for(app, &[(rule, message.as_str())])
                    .into_iter()
                    .next()
            })
            .collect()
    }
}

/// Each app's scope for rhai and its table for direct evaluation, from one pass over its fields.
fn prepare(dataset: &Dataset, context: &Context) -> (Vec<Scope<'static>>, Vec<Vec<direct::Data>>) {
    let settings = settings_dynamic(context);
    let today: ImmutableString = context.today.as_str().into();
    let prepare_app = |app: &LoadedApp| {
        let fields = fields(&app.record);
        let table = direct::table_from(&fields);
        let scope = app_scope(today.clone(), settings.clone(), to_dynamic_from(fields));
        (scope, table)
    };
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        dataset.apps.par_iter().map(prepare_app).unzip()
    }
    #[cfg(not(feature = "parallel"))]
    {
        dataset.apps.iter().map(prepare_app).unzip()
    }
}

fn chunk_size(apps: usize, parallel: bool) -> usize {
    #[cfg(feature = "parallel")]
    {
        // Small datasets run in one chunk: deterministic, and faster than spreading them.
        if parallel && apps >= 512 {
            let threads = rayon::current_num_threads().max(1);
            return apps.div_ceil(threads * 4).clamp(64, 256);
        }
    }
    let _ = parallel;
    // Every rule runs over one chunk of apps before the next chunk: a chunk's apps stay in
    // the cache while all the rules read them.
    apps.clamp(1, 256)
}

type ChunkResult = (Vec<(usize, String)>, Option<(usize, Diagnostic)>);

/// What every chunk of an evaluation reads.
struct Shared<'a> {
    engine: &'a Engine,
    dataset: &'a Dataset,
    tables: &'a [Vec<direct::Data>],
    env: &'a direct::Env,
}

/// Runs one rule over a chunk of app scopes, stopping at its first error. Apps the rule's direct
/// program decides are done without rhai; the rest (and every app of a rule outside the direct
/// subset) run in rhai.
fn run_chunk(
    shared: &Shared<'_>,
    rule: &Rule,
    program: Option<&Program>,
    scopes: &mut [Scope<'static>],
    offset: usize,
    stop: &AtomicBool,
) -> ChunkResult {
    let Shared {
        engine,
        dataset,
        tables,
        env,
    } = *shared;
    let mut hits = Vec::new();
    // One runtime state and function-resolution cache per rule and chunk, instead of the fresh
    // ones `eval_ast_with_scope` builds per call: that setup was most of a simple check's cost.
    // The operation count is reset per app, so the limit still applies to each app alone.
    let mut global = engine.new_global_runtime_state();
    global.lib.push(rule.ast.shared_lib().clone());
    let mut caches = rhai::Caches::new();
    for (i, scope) in scopes.iter_mut().enumerate() {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let index = offset + i;
        if let (Some(program), Some(table)) = (program, tables.get(index)) {
            if let Ok(verdict) = program.run(table, env, &rule.meta.title) {
                if let Some(message) = verdict {
                    hits.push((index, message));
                }
                continue;
            }
        }
        let base = scope.len();
        global.num_operations = 0;
        #[expect(
            deprecated,
            reason = "rhai is pinned to =1.27.0; this is its only call that reuses runtime state"
        )]
        let result =
            engine.eval_statements_raw(&mut global, &mut caches, scope, rule.ast.statements());
        scope.rewind(base);
        let app_id = dataset.apps.get(index).map_or("", |a| a.record.id.as_str());
        let outcome = match result {
            Ok(value) => verdict(rule, app_id, value),
            Err(e) => Err(Box::new(runtime_error(rule, app_id, &e))),
        };
        match outcome {
            Ok(Some(message)) => hits.push((index, message)),
            Ok(None) => {}
            Err(d) => {
                stop.store(true, Ordering::Relaxed);
                return (hits, Some((index, *d)));
            }
        }
    }
    (hits, None)
}

fn finish(rule: &Rule, chunks: Vec<ChunkResult>) -> RuleOutcome {
    let mut hits = Vec::new();
    let mut error: Option<(usize, Diagnostic)> = None;
    for (mut h, e) in chunks {
        hits.append(&mut h);
        if let Some((i, d)) = e {
            if error.as_ref().is_none_or(|(j, _)| i < *j) {
                error = Some((i, d));
            }
        }
    }
    match error {
        Some((_, d)) => RuleOutcome {
            rule: rule.id.clone(),
            hits: Vec::new(),
            error: Some(d),
        },
        None => RuleOutcome {
            rule: rule.id.clone(),
            hits,
            error: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, DataFile, RuleSource};

    const DATA: &str = "id = \"a\"\nname = \"A\"\n[[sources]]\nid = \"g\"\n";
    const META: &str = r#"fn meta() { #{ title: "T", severity: "high", rationale: "R", actions: ["A"], controls: ["C"] } }"#;

    fn run(rules: &[(&str, &str)]) -> Report {
        let data = [
            DataFile {
                name: "a.toml",
                text: DATA,
            },
            DataFile {
                name: "b.toml",
                text: &DATA.replace("\"a\"", "\"b\"").replace("\"A\"", "\"B\""),
            },
        ];
        let texts: Vec<String> = rules
            .iter()
            .map(|(_, body)| format!("{META}\n{body}"))
            .collect();
        let sources: Vec<RuleSource<'_>> = rules
            .iter()
            .zip(&texts)
            .map(|((name, _), text)| RuleSource { name, text })
            .collect();
        check(&data, &sources, Context::new("2026-11-23"))
    }

    #[test]
    fn verdicts_map_to_findings() {
        let report = run(&[
            ("t-true.rhai", "true"),
            ("t-false.rhai", "false"),
            ("t-unit.rhai", "if false { 1 }"),
            ("t-message.rhai", "`hello ${app.name}`"),
        ]);
        let got: Vec<(&str, &str, &str)> = report
            .findings
            .iter()
            .map(|f| (f.app.as_str(), f.rule.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("a", "t-message", "hello A"),
                ("a", "t-true", "T"),
                ("b", "t-message", "hello B"),
                ("b", "t-true", "T")
            ]
        );
    }

    #[test]
    fn a_runaway_rule_is_stopped_and_named_while_the_others_run() {
        let report = run(&[("loops.rhai", "loop {}"), ("fine.rhai", "true")]);
        assert_eq!(report.findings.len(), 2);
        assert!(report.findings.iter().all(|f| f.rule == "fine"));
        assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
        let d = &report.diagnostics[0];
        assert_eq!(
            (d.code.as_str(), d.rule.as_deref(), d.app.as_deref()),
            ("operation-limit", Some("loops"), Some("a"))
        );
        assert_eq!(d.span.map(|s| s.line), Some(2));
    }

    #[test]
    fn runtime_errors_drop_the_rules_partial_findings() {
        let report = run(&[("half.rhai", "if app.id == \"b\" { 1 / 0 } else { true }")]);
        assert!(report.findings.is_empty());
        assert_eq!(report.diagnostics[0].app.as_deref(), Some("b"));
        assert_eq!(report.diagnostics[0].code, "rule-runtime");
    }

    #[test]
    fn a_rule_cannot_change_what_the_next_rule_sees() {
        let report = run(&[
            ("a-writer.rhai", "app.name = \"X\"; false"),
            ("b-reader.rhai", "app.name"),
        ]);
        assert!(report
            .diagnostics
            .iter()
            .any(|d| d.rule.as_deref() == Some("a-writer")));
        assert_eq!(report.findings[0].message, "A");
    }

    #[test]
    fn a_wrong_result_type_is_reported() {
        let report = run(&[("number.rhai", "42")]);
        assert_eq!(report.diagnostics[0].code, "rule-result");
        assert!(report.diagnostics[0].message.contains("returned `i64`"));
    }
}
