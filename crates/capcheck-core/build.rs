//! Embeds the repository's `data/` and `rules/` folders, so the CLI and the web app ship the
//! very same built-in dataset and rules; `data/catalogues/` too with the `builtin-catalogue`
//! feature.
#![allow(
    clippy::disallowed_methods,
    reason = "a build script reads the files it embeds"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn list(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn table(name: &str, folder: &str, files: &[PathBuf]) -> String {
    let mut out = format!("/// The built-in {folder} files: `(name, contents)`, sorted by name.\npub static {name}: &[(&str, &str)] = &[\n");
    for f in files {
        let file_name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let _ = writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            format!("{folder}/{file_name}"),
            f.display().to_string()
        );
    }
    out.push_str("];\n");
    out
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let root = manifest.join("../..");
    let data = root.join("data");
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed={}", data.display());
    println!("cargo:rerun-if-changed={}", rules.display());
    let catalogues = data.join("catalogues");
    println!("cargo:rerun-if-changed={}", catalogues.display());
    let mut out = table("DATA", "data", &list(&data, "toml"));
    out.push_str(&table("RULES", "rules", &list(&rules, "rhai")));
    // The catalogues are large: only front ends that ask for them embed them (the browser fetches
    // them as static files instead).
    out.push_str("#[cfg(feature = \"builtin-catalogue\")]\n");
    out.push_str(&table(
        "CATALOGUES",
        "data/catalogues",
        &list(&catalogues, "csv"),
    ));
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("builtin.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo:warning=cannot write {}: {e}", dest.display());
        std::process::exit(1);
    }
}
