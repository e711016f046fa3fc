//! Rule-by-app evaluations per second over the default rules, on 1,000 and 10,000 synthetic
//! apps, single-threaded and parallel, as the checker runs them (direct evaluation where a check
//! is in its subset, rhai otherwise) and with rhai's interpreter only, next to the same rules
//! written in native Rust, so the cost of each is measured in one run. Also: the whole check (parse a JSON dataset, compile the
//! rules, evaluate, build findings with evidence) on 10,000 apps, and on the built-in dataset: the
//! seed pages with the SCIM Tax Index merged in (850 apps), as `capcheck check` runs it.
//!
//! `cargo bench -p capcheck-core --features parallel --bench evaluate`

use std::hint::black_box;

use capcheck_core::model::{AppRecord, LifecycleMethod, Tri};
use capcheck_core::{
    builtin, dataset, engine, rule, synthetic, Checker, Context, DataFile, LoadedApp,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn dataset_of(n: usize) -> dataset::Dataset {
    let apps = synthetic::generate(n, 42)
        .into_iter()
        .map(|record| LoadedApp::unlocated(record, "synthetic.json".into()))
        .collect();
    dataset::Dataset { apps }
}

fn checker(n: usize, only: &[&str]) -> Checker {
    let engine = engine::build();
    let (mut rules, diags) = rule::compile_all(&engine, &builtin::rule_sources());
    assert!(diags.is_empty(), "{diags:?}");
    if !only.is_empty() {
        rules.retain(|r| only.contains(&r.id.as_str()));
    }
    Checker::new(engine, dataset_of(n), rules, Context::new("2026-11-23"))
}

/// The same four rules as `NATIVE_RULES`, in plain Rust over the typed record.
fn native(app: &AppRecord) -> usize {
    let saml = matches!(app.sso.saml.value, Tri::Yes | Tri::Partial);
    let removal = app.lifecycle.deprovisioning.value.as_deref().unwrap_or(&[]);
    let mut hits = 0;
    if app.scim.available.value == Tri::No
        && app.sso.jit.value == Tri::Yes
        && app.user_api.value != Tri::Yes
    {
        hits += black_box(format!("{} creates accounts by SAML JIT only", app.name)).len();
    }
    if saml
        && app.scim.available.value != Tri::Yes
        && !removal
            .iter()
            .any(|m| matches!(m, LifecycleMethod::Scim | LifecycleMethod::Api))
    {
        hits += black_box(format!("{} has SSO but no SCIM", app.name)).len();
    }
    if app.user_api.value == Tri::No && app.scim.available.value != Tri::Yes {
        hits += black_box(format!("{} documents no user API", app.name)).len();
    }
    if app.automation.manual_only.value == Tri::Yes
        || (app.user_api.value == Tri::No && app.scim.available.value == Tri::No && !saml)
    {
        hits += black_box(format!("{} is fully manual", app.name)).len();
    }
    hits
}

const NATIVE_RULES: [&str; 4] = [
    "jit-only-manual-deprovisioning",
    "sso-without-lifecycle",
    "no-user-read-api",
    "fully-manual-app",
];

fn evaluations(c: &mut Criterion) {
    for n in [1_000, 10_000] {
        let mut group = c.benchmark_group(format!("{n} apps"));
        group.sample_size(20);
        let mut all = checker(n, &[]);
        let rules = all.rules().len();
        group.throughput(Throughput::Elements((rules * n) as u64));
        all.set_parallel(false);
        group.bench_function(BenchmarkId::new("all default rules", "1 thread"), |b| {
            b.iter(|| black_box(all.evaluate()))
        });
        all.set_parallel(true);
        group.bench_function(BenchmarkId::new("all default rules", "parallel"), |b| {
            b.iter(|| black_box(all.evaluate()))
        });
        all.set_parallel(false);
        all.set_direct(false);
        group.bench_function(
            BenchmarkId::new("all default rules, rhai interpreter only", "1 thread"),
            |b| b.iter(|| black_box(all.evaluate())),
        );

        let mut four = checker(n, &NATIVE_RULES);
        four.set_parallel(false);
        group.throughput(Throughput::Elements((NATIVE_RULES.len() * n) as u64));
        group.bench_function(BenchmarkId::new("4 rules", "1 thread"), |b| {
            b.iter(|| black_box(four.evaluate()))
        });
        let records: Vec<AppRecord> = four
            .dataset()
            .apps
            .iter()
            .map(|a| a.record.clone())
            .collect();
        group.bench_function(
            BenchmarkId::new("native Rust, same 4 rules", "1 thread"),
            |b| b.iter(|| black_box(records.iter().map(native).sum::<usize>())),
        );
        group.finish();
    }
}

fn whole_check(c: &mut Criterion) {
    let json = serde_json::to_string(&synthetic::generate(10_000, 42)).unwrap_or_default();
    let rules = builtin::rule_sources();
    let mut group = c.benchmark_group("whole check");
    group.sample_size(10);
    group.bench_function("10000 apps: parse JSON, compile, evaluate, findings", |b| {
        b.iter(|| {
            let report = capcheck_core::check(
                &[DataFile {
                    name: "synthetic.json",
                    text: &json,
                }],
                &rules,
                Context::new("2026-11-23"),
            );
            black_box(report.findings.len())
        })
    });
    let mut files = builtin::data_files();
    files.push(DataFile {
        name: "data/catalogues/scim-tax.csv",
        text: include_str!("../../../data/catalogues/scim-tax.csv"),
    });
    group.bench_function(
        "built-in dataset (850 apps): read the catalogue, merge, compile, evaluate, findings",
        |b| {
            b.iter(|| {
                let report = capcheck_core::check(&files, &rules, Context::new("2026-11-23"));
                black_box(report.findings.len())
            })
        },
    );
    group.finish();
}

criterion_group!(benches, evaluations, whole_check);
criterion_main!(benches);
