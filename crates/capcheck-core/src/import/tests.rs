//! The importer on the seed pages (they must reproduce the committed records of `data/`) and on
//! synthetic pages in both renderings.

use super::*;
use crate::builtin::data_files;
use crate::dataset::parse_file;

pub(super) const SEEDS: &[(&str, &str)] = &[
    (
        "000_fbe6634a25a66864.txt",
        include_str!("../../../../tests/fixtures/seeds/000_fbe6634a25a66864.txt"),
    ),
    (
        "001_134eba3fcba4906b.txt",
        include_str!("../../../../tests/fixtures/seeds/001_134eba3fcba4906b.txt"),
    ),
    (
        "002_f60aff4cd5dbd6b5.txt",
        include_str!("../../../../tests/fixtures/seeds/002_f60aff4cd5dbd6b5.txt"),
    ),
    (
        "003_ef1ecadf93ea8dff.txt",
        include_str!("../../../../tests/fixtures/seeds/003_ef1ecadf93ea8dff.txt"),
    ),
    (
        "004_7a3826c08b71aaf3.txt",
        include_str!("../../../../tests/fixtures/seeds/004_7a3826c08b71aaf3.txt"),
    ),
];

fn committed(id: &str) -> AppRecord {
    let file = data_files()
        .into_iter()
        .find(|f| f.name.ends_with(&format!("/{id}.toml")) || f.name == format!("{id}.toml"))
        .unwrap_or_else(|| panic!("no data/{id}.toml"));
    parse_file(file.name, file.text).0.remove(0).record
}

fn import_seeds() -> (Vec<AppRecord>, Vec<Diagnostic>) {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for (name, text) in SEEDS {
        let r = import_page(name, text);
        records.extend(r.records);
        warnings.extend(r.warnings);
    }
    let (records, _) = dedupe(records);
    (records, warnings)
}

#[test]
fn the_seeds_reproduce_the_committed_records() {
    let (records, warnings) = import_seeds();
    let shown: Vec<String> = warnings
        .iter()
        .map(|d| format!("{} {}", d.location(), d.message))
        .collect();
    assert!(
        warnings.is_empty(),
        "the seeds read without a warning:\n{}",
        shown.join("\n")
    );
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "cleverbridge",
            "6sense",
            "alkami",
            "amazing-hiring",
            "clari",
            "stonly",
            "stitch",
            "spendesk"
        ]
    );
    let mut all = Vec::new();
    for r in &records {
        for d in differences(r, &committed(&r.id)) {
            all.push(format!("{}: {d}", r.id));
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}
