#!/usr/bin/env bash
# Runs every check and test: formatting, lints (native, and the core and web app for wasm32),
# unit and CLI tests, then the browser app built and driven in headless Chromium. Installs what
# is missing (wasm32 target, wasm-bindgen and wasm-split CLIs, Chromium, Node.js, the npm test
# tools) and nothing that is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "no module cycles (core, CLI, web app)"
python3 scripts/module-cycles.py crates/capcheck-core/src crates/capcheck-cli/src \
  crates/capcheck-cli/src:render web/src web/src:components

step "clippy (native, all targets)"
cargo clippy --workspace --exclude capcheck-web --all-targets --locked -- -D warnings

step "clippy (core and web app on wasm32-unknown-unknown)"
cargo clippy -p capcheck-core -p capcheck-web --target wasm32-unknown-unknown --locked -- -D warnings

step "tests (workspace: core with parallel evaluation, CLI, web helpers)"
cargo test --workspace --locked

step "tests (core alone: single-threaded evaluation, as in the browser)"
cargo test -p capcheck-core --locked

if ! command -v chromium >/dev/null 2>&1; then
  step "installing Chromium (Debian package)"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends chromium
fi
if ! command -v node >/dev/null 2>&1; then
  step "installing Node.js (Debian package)"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends nodejs npm
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund)
fi

# After Node.js and the npm tools: build-web.sh runs wasm-opt from them.
step "building the browser app and the CLI that serves it"
./scripts/build-web.sh
cargo build --release -p capcheck-cli --locked

step "download size of the browser app"
# The guards (README, "The browser app"): the first load may not grow past 480 KB brotli, and all
# of the app's code (with the module fetched after the first render) past 660 KB.
node tests/browser/sizes.mjs dist --max-kb 480 --max-total-kb 660

step "browser tests (headless Chromium)"
(cd tests/browser && npm test)
