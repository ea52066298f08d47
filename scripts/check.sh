#!/usr/bin/env bash
# The native checks: formatting, lints, tests, and the library built for wasm32 so that a change
# which breaks the browser build fails here too.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== cargo fmt --check"
cargo fmt --check

echo "== cargo clippy"
cargo clippy --all-targets -- -D warnings

echo "== cargo test"
cargo test

echo "== cargo build --release --target wasm32-unknown-unknown --lib"
cargo build --release --target wasm32-unknown-unknown --lib
