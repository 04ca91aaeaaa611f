#!/usr/bin/env bash
# Installs what building, serving and testing the explorer need, skipping what is
# already there (so a second run takes seconds).
#   scripts/setup.sh          tools to build and serve the page
#   scripts/setup.sh --test   plus Chromium, the e2e test packages and the Python tools
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# trunk and wasm-bindgen-cli only drive the build: how fast they are built matters, not
# how fast they run. trunk's own release profile (fat LTO, one codegen unit) took most
# of a first run; unoptimised, without LTO and without trunk's TLS and update-check
# features (Trunk.toml is offline: it never downloads), both build in about a third of
# the CPU time (measured: trunk 956 s at opt-level 1, 424 s at 0; wasm-bindgen-cli 384 s
# and 155 s; the unoptimised wasm-bindgen takes 3 s more per build of the page).
fast_install() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_PANIC=unwind cargo install "$@"
}

if ! trunk --version 2>/dev/null | grep -q "0.21.14"; then
  say "installing trunk 0.21.14 (about 5 minutes, once)"
  fast_install trunk --locked --version 0.21.14 --no-default-features
fi

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$bindgen_version"; then
  say "installing wasm-bindgen-cli $bindgen_version (about 2 minutes, once)"
  fast_install wasm-bindgen-cli --version "$bindgen_version"
fi

# wasm-opt from the npm package binaryen (Debian's binaryen is too old: its output
# fails with a WebAssembly.Table.set error). Trunk finds it on PATH (scripts/env.sh).
if [ ! -x tools/node_modules/.bin/wasm-opt ]; then
  say "installing wasm-opt (npm package binaryen)"
  (cd tools && npm ci --no-audit --no-fund)
fi

if $want_test; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -q
    $sudo_cmd apt-get install -y -q chromium chromium-driver
  fi
  if [ ! -d tests/e2e/node_modules/playwright-core ]; then
    say "installing the e2e test packages (playwright-core, no browser download)"
    (cd tests/e2e && npm ci --no-audit --no-fund)
  fi
  if [ -x tests/cross_engine/setup.sh ]; then
    tests/cross_engine/setup.sh
  fi
fi
say "ready"
