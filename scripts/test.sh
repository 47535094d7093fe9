#!/usr/bin/env bash
# Every check and test: formatting, lints (host and wasm32), native engine tests, a release
# build, the size report and budget, and the browser tests in headless Chromium, then the
# cross-engine smoke run in Firefox ESR and WebKitGTK.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# Each section says how long the one before took (the figures in BENCHMARKS.md come from here).
started=$SECONDS
last=$SECONDS
section() {
  printf '\n== %s   (previous step %ss, %ss so far)\n' "$*" "$((SECONDS - last))" "$((SECONDS - started))"
  last=$SECONDS
}

section "toolchains (scripts/setup.sh --toolchains)"
bash scripts/setup.sh --toolchains

# Two lanes at once: the rest of the set-up then the release build in the background, the
# formatting, lints and engine tests (stable Rust only) meanwhile. A build leaves a core
# idle while it links or optimises one crate, or runs wasm-opt, and the lints fill it
# (BENCHMARKS.md, "The test command's time"). Separate build directories: the release build
# writes target/release and target/wasm32-unknown-unknown/release, the lints and tests
# target/debug, target/wasm32-unknown-unknown/debug and target/split-lint.
build_log=$(mktemp)
build_lane() {
  local t0=$SECONDS
  bash scripts/setup.sh
  local t1=$SECONDS
  (source scripts/release-env.sh && release_env && trunk build --release)
  echo "[build lane] set-up $((t1 - t0))s, release build $((SECONDS - t1))s"
}
# In a session of its own, so a failing lint stops the whole lane (cargo, wasm-opt) with it.
export -f build_lane
setsid bash -c 'set -euo pipefail; build_lane' >"$build_log" 2>&1 &
build_pid=$!
trap 'kill -- -"$build_pid" 2>/dev/null || true' EXIT

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

section "set-up and release build (trunk, pinned nightly: scripts/release-env.sh), running since the toolchains"
build_ok=true
wait "$build_pid" || build_ok=false
trap - EXIT
cat "$build_log"
rm -f "$build_log"
if [ "$build_ok" != true ]; then
  echo "[test] error: the set-up or the release build failed (its output is above)" >&2
  exit 1
fi

section "size of dist/"
node scripts/size-report.mjs --budget-gzip-kb 150 --ceiling-gzip-kb 259

section "browser tests (Playwright, headless Chromium)"
npx playwright test

section "cross-engine smoke (Firefox ESR over WebDriver BiDi, WebKitGTK over WebDriver)"
node tests/cross/smoke.mjs firefox
xvfb-run -a node tests/cross/smoke.mjs webkit

section "done"
