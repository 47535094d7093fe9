#!/usr/bin/env bash
# Native engine benchmarks: prints figures (no pass/fail). Browser figures are issue-7 work.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --profile bench-native --locked --quiet --example bench_engine
