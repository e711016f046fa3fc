//! What every CLI test file shares: the repository root, the date tests run as, and running the
//! real `capcheck` binary with the colour settings of the environment removed.

#![allow(
    dead_code,
    reason = "each test file uses the helpers it needs, not all of them"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The date every test evaluates as of.
pub const TODAY: &str = "2026-11-23";

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `capcheck` in `dir` with `env` set after `NO_COLOR`, `CLICOLOR_FORCE` and `CLICOLOR` are
/// cleared.
pub fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_capcheck"));
    cmd.current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The exit code.
pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

/// The seed pages' records, each as `--data FILE`: the guide pages without the shipped catalogue,
/// for tests about what the pages say.
pub const SEEDS: &[&str] = &[
    "--data",
    "data/6sense.toml",
    "--data",
    "data/alkami.toml",
    "--data",
    "data/amazing-hiring.toml",
    "--data",
    "data/clari.toml",
    "--data",
    "data/cleverbridge.toml",
    "--data",
    "data/spendesk.toml",
    "--data",
    "data/stitch.toml",
    "--data",
    "data/stonly.toml",
];

/// `args` over the seed pages only, for a command that reads data and names none itself.
pub fn over_seeds<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let reads_data = matches!(
        args.first(),
        Some(&("check" | "apps" | "show" | "validate" | "coverage"))
    );
    let mut all = args.to_vec();
    if reads_data && !args.contains(&"--data") {
        all.extend_from_slice(SEEDS);
    }
    all
}
