#!/usr/bin/env bash
# Builds the wasm module and its JavaScript bindings into www/pkg; with `--dist`, also lays out
# a static site in dist/ that any static host can serve.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"

# Limitation: the page is built with the dev profile (optimised dependencies) because the release
# profile would rebuild all of burn for wasm32, roughly 18 more minutes in CI.
cargo build --target wasm32-unknown-unknown --lib
wasm-bindgen --target web --no-typescript --out-dir www/pkg \
  "$target_dir/wasm32-unknown-unknown/debug/lossgap.wasm"

if [ "${1:-}" = "--dist" ]; then
  rm -rf dist
  mkdir -p dist/www/pkg
  cp index.html dist/
  cp www/*.js www/*.css dist/www/
  cp www/pkg/lossgap.js www/pkg/lossgap_bg.wasm dist/www/pkg/
  echo "build: static site written to dist/"
fi
