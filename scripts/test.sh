#!/usr/bin/env bash
# Runs every check and test: formatting, lints (native, and the core for wasm32), the core built
# for wasm32, unit and CLI tests. Installs the wasm32 target if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native, all targets)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy (core on wasm32-unknown-unknown)"
cargo clippy -p capcheck-core --target wasm32-unknown-unknown --locked -- -D warnings

step "tests (workspace, core with parallel evaluation)"
cargo test --workspace --locked

step "tests (core alone: single-threaded evaluation, as in the browser)"
cargo test -p capcheck-core --locked
