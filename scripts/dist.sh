#!/usr/bin/env bash
# Builds the deployable app into dist/: the release wasm (scripts/release-env.sh), the strict
# Content-Security-Policy and the service worker with its precache list. Copy dist/ as a whole
# to any static host (see "Put it on your site" in the README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
(source scripts/release-env.sh && release_env && trunk build --release)
echo "dist/ is ready: copy it whole to your host."
