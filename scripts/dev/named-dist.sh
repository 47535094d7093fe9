#!/usr/bin/env bash
# Dev tool: a copy of dist/ (after `trunk build --release`) whose wasm keeps its function
# names, so CPU profiles (scripts/dev/*-profile.mjs DIST=…) name Rust functions. Same code and
# optimisation as the release build; only the name section is kept.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
out=${1:-/tmp/dist-named}
source scripts/release-env.sh
(release_env && cargo build --release --target wasm32-unknown-unknown --bin cs-metrics --quiet)
rm -rf "$out" "$out.tmp" && cp -r dist "$out" && mkdir "$out.tmp"
wasm-bindgen --target web --no-typescript --out-dir "$out.tmp" target/wasm32-unknown-unknown/release/cs-metrics.wasm
js=$(cd "$out" && ls cs-metrics-*.js) wasm=$(cd "$out" && ls cs-metrics-*_bg.wasm)
wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-mutable-globals "$out.tmp/cs-metrics_bg.wasm" -o "$out/$wasm"
cp "$out.tmp/cs-metrics.js" "$out/$js"
# The copied files differ from the ones Trunk hashed, and the worker would serve stale ones.
sed -i -E 's/ integrity=[^ >]+//g; s/<meta name="cs-metrics-sw"[^>]*>//' "$out/index.html"
rm -rf "$out.tmp"
echo "named build in $out"
