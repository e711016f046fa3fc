//! Reading rule files as they were at a git revision, by running `git`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run `git`: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().next().unwrap_or("").trim();
        return Err(format!("`git {}` failed: {first}", args.join(" ")));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("`git {}` printed non-UTF-8", args.join(" ")))
}

/// The working tree's top folder.
pub fn toplevel() -> Result<PathBuf, String> {
    git(&["rev-parse", "--show-toplevel"]).map(|s| PathBuf::from(s.trim()))
}

/// The `.rhai` files under `folder` (a path as the user gave it) at revision `rev`, each named
/// `REV:path` with the path from the repository's top.
pub fn rules_at(rev: &str, folder: &Path) -> Result<Vec<(String, String)>, String> {
    if rev.starts_with('-') {
        return Err(format!("`{rev}` is not a git revision"));
    }
    let folder = folder.to_string_lossy();
    let listing = git(&[
        "ls-tree",
        "-r",
        "--name-only",
        "--full-name",
        rev,
        "--",
        &folder,
    ])?;
    let mut files = Vec::new();
    for path in listing.lines().filter(|p| p.ends_with(".rhai")) {
        let text = git(&["show", &format!("{rev}:{path}")])?;
        files.push((format!("{rev}:{path}"), text));
    }
    if files.is_empty() {
        return Err(format!(
            "revision `{rev}` has no `.rhai` files under `{folder}`"
        ));
    }
    Ok(files)
}
