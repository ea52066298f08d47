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

# The native tests train on the CPU backend only, so they are built without wgpu: its native
# build (wgpu, naga and cubecl at opt-level 3) was about half of a cold native build. Clippy above
# still checks the wgpu code, and the wasm32 build and the browser tests run it.
echo "== cargo test (CPU backend)"
cargo test --no-default-features --features flex

echo "== cargo build --release --target wasm32-unknown-unknown --lib"
cargo build --release --target wasm32-unknown-unknown --lib
