#!/usr/bin/env bash
# Sets everything up and runs every test of the project: formatting and lints, the
# unit and integration tests on real rows of the dataset, the cross-engine checks of
# queries.sql in DuckDB and Apache Spark, and the end-to-end tests of the page in
# headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
started=$(date +%s)

step "formatting"
cargo fmt --all -- --check

step "lints (native and wasm32)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p movies-web -p movies-worker --target wasm32-unknown-unknown -- -D warnings

step "unit and integration tests"
cargo test --workspace

step "the movies command (release build)"
cargo build --release -p movies-cli

step "cross-engine: queries.sql in DuckDB against the metric tables"
tests/.venv/bin/python tests/cross_engine/test_duckdb.py

step "cross-engine: queries.sql in Apache Spark (local mode) on CSV and Parquet"
tests/.venv/bin/python tests/cross_engine/test_spark.py

step "the page (trunk build)"
trunk build

step "end-to-end tests in headless Chromium"
node tests/e2e/run.mjs

printf '\n\033[1mall tests passed in %d s\033[0m\n' "$(( $(date +%s) - started ))"
