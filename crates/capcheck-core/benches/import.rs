//! Import time of a 2,000-line guide page: the Quokka fixture (plain rendering, every API
//! section) with its endpoint, limitation and scenario blocks repeated until the page is 2,000
//! lines long, as a long vendor page with many endpoints would be.
//!
//! `cargo bench -p capcheck-core --bench import`

use std::hint::black_box;

use capcheck_core::import::import_page;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const QUOKKA: &str = include_str!("../../../tests/fixtures/import/quokka-plain.txt");

/// The fixture with the body of its "Core endpoints" and "Common scenarios" sections repeated
/// until the page has `lines` lines.
fn long_page(lines: usize) -> String {
    let all: Vec<&str> = QUOKKA.lines().collect();
    let at = |h: &str| all.iter().position(|l| l.trim() == h).unwrap_or(0);
    let (endpoints, rates) = (
        at("Core endpoints") + 1,
        at("Rate limits, pagination, and events"),
    );
    let (scenarios, traps) = (
        at("Common scenarios") + 1,
        at("Why building this yourself is a trap"),
    );
    let mut out: Vec<&str> = all[..rates].to_vec();
    let extra_endpoints = &all[endpoints..rates];
    let extra_scenarios = &all[scenarios..traps];
    let tail_len = all.len() - rates;
    while out.len() + tail_len + extra_scenarios.len() < lines {
        out.extend_from_slice(extra_endpoints);
    }
    out.extend_from_slice(&all[rates..traps]);
    while out.len() + (all.len() - traps) < lines {
        out.extend_from_slice(extra_scenarios);
    }
    out.extend_from_slice(&all[traps..]);
    out.truncate(lines.max(all.len()));
    out.join("\n") + "\n"
}

fn bench(c: &mut Criterion) {
    let page = long_page(2_000);
    assert_eq!(page.lines().count(), 2_000);
    let mut group = c.benchmark_group("import");
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("2000-line page", |b| {
        b.iter(|| black_box(import_page("long.txt", black_box(&page))))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
