#!/usr/bin/env bash
# Native engine benchmarks: prints figures (no pass/fail). Browser figures: node scripts/bench-browser.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --profile bench-native --locked --quiet --example bench_engine
