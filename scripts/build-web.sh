#!/usr/bin/env bash
# Builds the wasm module and its JavaScript bindings into www/pkg; with `--dist`, also lays out
# a static site in dist/ that any static host can serve.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
WASM_OPT_LEVEL="${WASM_OPT_LEVEL:--O3}"

# Two modules: `lossgap_cpu` (the CPU only), which the page loads first, and `lossgap` (WebGPU
# and the CPU), which it loads only when WebGPU is asked for. WebGPU's code is most of the full
# module, so the CPU-only one reaches the first point sooner.
#
# Every wasm32 build of the project (these, the check and the wasm-pack tests) uses the release
# profile, so burn is compiled for wasm32 once per feature set.
build_module() {
  local name="$1"
  shift
  cargo build --release --target wasm32-unknown-unknown --lib "$@"
  wasm-bindgen --target web --no-typescript --out-dir www/pkg --out-name "$name" \
    "$target_dir/wasm32-unknown-unknown/release/lossgap.wasm"

  # binaryen's optimiser (the set-up installs it). On the standard workload -O3 left the step
  # time within this machine's noise and cut the full module from 38 to 22 MB (gzip 5.8 to
  # 4.8 MB), which is less for the browser to compile before the first point. The features are
  # those rustc enables for wasm32 by default; wasm-bindgen's output needs reference types.
  echo "build: wasm-opt $WASM_OPT_LEVEL on $name"
  "${CARGO_HOME:-$HOME/.cargo}/bin/wasm-opt" "$WASM_OPT_LEVEL" \
    --enable-reference-types --enable-bulk-memory --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-multivalue \
    "www/pkg/${name}_bg.wasm" -o "www/pkg/${name}_bg.wasm"
}

build_module lossgap
build_module lossgap_cpu --no-default-features --features flex

if [ "${1:-}" = "--dist" ]; then
  rm -rf dist
  mkdir -p dist/www/pkg
  cp index.html dist/
  cp www/*.js www/*.css dist/www/
  cp www/pkg/lossgap.js www/pkg/lossgap_bg.wasm www/pkg/lossgap_cpu.js \
    www/pkg/lossgap_cpu_bg.wasm dist/www/pkg/
  echo "build: static site written to dist/"
fi
