#!/usr/bin/env bash
# Sets everything up (once) and serves the browser app on http://127.0.0.1:${PORT:-8080}/ with
# the built-in dataset and rules. The CLI is target/release/capcheck.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build-web.sh
cargo build --release -p capcheck-cli --locked
bin="${CARGO_TARGET_DIR:-target}/release/capcheck"
echo "==> the CLI is ready too: $bin check" >&2
exec "$bin" serve --dir dist --host 127.0.0.1 --port "${PORT:-8080}"
