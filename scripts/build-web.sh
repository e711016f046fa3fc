#!/usr/bin/env bash
# Builds the browser app into dist/: the web crate for wasm32, cut by wasm-split into the main
# module and the deferred one, wasm-bindgen's JS glue, wasm-opt when npm is available, and
# index.html. Installs the wasm32 target and the pinned wasm-bindgen and wasm-split CLIs when
# missing; downloads only from the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml
step() { printf '==> %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once)"
  # Not --locked: its lockfile wants a webpki-roots version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

WASM_SPLIT_VERSION=0.2.4   # wasm_split_cli_support: cuts out what web/src/deferred.rs defers
if ! command -v wasm-split-cli >/dev/null 2>&1 \
  || ! cargo install --list | grep -x "wasm_split_cli_support v$WASM_SPLIT_VERSION:" >/dev/null; then
  step "installing wasm-split-cli $WASM_SPLIT_VERSION (about a minute, once)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

step "building the web app (wasm32, size-optimised)"
cargo build --profile wasm-release --target wasm32-unknown-unknown -p capcheck-web --locked

rm -rf dist && mkdir -p dist
# What web/src/deferred.rs and web/src/components/lazy.rs mark goes into one module of its own,
# split_deferred.wasm, fetched after the first render; __wasm_split.js loads it. The linker's
# relocations (.cargo/config.toml) tell wasm-split what calls what.
split="${CARGO_TARGET_DIR:-target}/wasm-split"
rm -rf "$split" && mkdir -p "$split"
step "wasm-split"
wasm-split-cli "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release/capcheck-web.wasm" "$split" \
  --out-name capcheck
wasm-bindgen --target web --no-typescript --keep-lld-exports --remove-name-section --out-dir dist \
  --out-name capcheck "$split/capcheck.wasm"
cp "$split"/__wasm_split.js dist/
for module in "$split"/*.wasm; do
  [ "$(basename "$module")" = capcheck.wasm ] || cp "$module" dist/
done

# wasm-opt from npm's binaryen (Debian's binaryen breaks the module: see TOOLCHAIN notes).
if command -v npm >/dev/null 2>&1; then
  if [ ! -x tests/browser/node_modules/.bin/wasm-opt ]; then
    step "installing the browser-test tools (npm ci)"
    (cd tests/browser && npm ci --no-audit --no-fund >&2)
  fi
  wasm_opt() {
    tests/browser/node_modules/.bin/wasm-opt "$@" --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals
  }
  # Flattening and re-looping the control flow before two -Oz rounds takes 6.6 KB more off the
  # brotli download than -Oz alone (measured; about 30 s).
  step "wasm-opt --flatten --rereloop -Oz -Oz"
  wasm_opt --flatten --rereloop -Oz -Oz dist/capcheck_bg.wasm -o dist/capcheck_bg.wasm
  step "wasm-opt -Oz on the deferred module"
  for module in dist/split_*.wasm dist/chunk_*.wasm; do
    [ -e "$module" ] || continue
    wasm_opt -Oz "$module" -o "$module"
  done
else
  step "npm not found: skipping wasm-opt (the app works, the download is larger)"
fi
cp index.html dist/index.html
# The catalogue is fetched after the first render, as a static file of its own: it is data, not
# code, so it is not compiled into the module (see docs/sources.md).
mkdir -p dist/catalogues && cp data/catalogues/scim-tax.csv dist/catalogues/scim-tax.csv
step "built dist/ ($(du -sh dist | cut -f1))"
