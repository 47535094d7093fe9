#!/usr/bin/env bash
# Builds the app (release) and serves it on http://127.0.0.1:${PORT:-8080}/ until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
port="${PORT:-8080}"
# The dev server never registers the service worker (no stale cached builds while working) and
# gets no CSP (Trunk injects its live-reload script); see scripts/post-build.mjs.
export CS_METRICS_NO_SW=1
echo "cs-metrics: building, then serving at http://127.0.0.1:${port}/"
source scripts/release-env.sh
release_env
exec trunk serve --release --address 127.0.0.1 --port "$port"
