#!/usr/bin/env bash
# Every test: set-up, the native checks, the wasm tests under Node (CPU) and in headless Chromium
# (WebGPU), and the end-to-end tests of the page.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-web.sh --browser
bash scripts/check.sh

echo "== building the page"
bash scripts/build-web.sh --dist

echo "== wasm-pack test --node (CPU backend)"
wasm-pack test --release --node --test wasm_node

echo "== wasm-pack test --headless --chrome (WebGPU on the software adapter)"
# The driver gets Chromium's flags from webdriver.json, WebGPU included.
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180 \
  wasm-pack test --release --headless --chrome --test wasm_browser

echo "== end-to-end tests in Chromium"
node --test --test-concurrency=1 tests/e2e/
