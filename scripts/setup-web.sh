#!/usr/bin/env bash
# Idempotent set-up for the page: the Rust build's needs, wasm-bindgen-cli at the exact version
# in Cargo.lock, wasm-pack, wasm-opt, and the npm dependencies. `--browser` also makes sure
# Chromium and ChromeDriver are there (installing them from Debian when running as root).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' \
  Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  echo "setup: installing wasm-bindgen-cli $bindgen_version (a few minutes, once)"
  # --locked fails to resolve this version's lock file, so the newest compatible deps are used.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

if ! command -v wasm-pack >/dev/null; then
  echo "setup: installing wasm-pack (several minutes, once)"
  cargo install --locked wasm-pack || cargo install wasm-pack
fi

# wasm-opt from binaryen 116 or newer: Debian's 108 breaks wasm-bindgen's output, and npm's build
# runs in JavaScript (minutes on this module). The crate builds binaryen natively, once.
wasm_opt="${CARGO_HOME:-$HOME/.cargo}/bin/wasm-opt"
wasm_opt_version=$({ "$wasm_opt" --version 2>/dev/null || true; } | awk '{print $3}')
if ! [ "${wasm_opt_version:-0}" -ge 116 ] 2>/dev/null; then
  echo "setup: installing wasm-opt (binaryen, built from source: about 15 minutes, once)"
  cargo install wasm-opt --locked
fi

if [ ! -d node_modules/playwright-core ] || [ package.json -nt node_modules/.package-lock.json ]
then
  echo "setup: installing npm dependencies"
  npm install --no-audit --no-fund
fi

if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
      echo "setup: installing chromium and chromium-driver from Debian"
      apt-get update -q
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
    else
      echo "setup: Chromium is missing; install it with:" >&2
      echo "  sudo apt-get install -y chromium chromium-driver" >&2
      exit 1
    fi
  fi
fi
