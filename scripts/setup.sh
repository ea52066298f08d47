#!/usr/bin/env bash
# Idempotent set-up of what lossgap's Rust build needs beyond the toolchain itself.
set -euo pipefail

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    echo "setup: adding $component"
    rustup component add "$component"
  fi
done
