#!/usr/bin/env bash
# Every check and test: formatting, lints (host and wasm32), native engine tests, a release
# build, the size report and budget, and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# Each section says how long the one before took (the figures in BENCHMARKS.md come from here).
started=$SECONDS
last=$SECONDS
section() {
  printf '\n== %s   (previous step %ss, %ss so far)\n' "$*" "$((SECONDS - last))" "$((SECONDS - started))"
  last=$SECONDS
}

section "cargo fmt --check"
cargo fmt --all -- --check

section "clippy (host, then wasm32)"
cargo clippy --all-targets --locked -- -D warnings
cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings
# The release build's split points (src/ui/lazy.rs) compile only with cs_split.
CARGO_TARGET_DIR=target/split-lint RUSTFLAGS="--cfg erase_components --cfg cs_split" \
  cargo clippy --locked --target wasm32-unknown-unknown -- -D warnings

section "native tests (engine)"
cargo test --locked

section "release build (trunk, pinned nightly: scripts/release-env.sh)"
(source scripts/release-env.sh && release_env && trunk build --release)

section "size of dist/"
node scripts/size-report.mjs --budget-gzip-kb 150 --ceiling-gzip-kb 234

section "browser tests (Playwright, headless Chromium)"
npx playwright test

section "cross-engine smoke (Firefox ESR over WebDriver BiDi, WebKitGTK over WebDriver)"
node tests/cross/smoke.mjs firefox
xvfb-run -a node tests/cross/smoke.mjs webkit

section "done"
