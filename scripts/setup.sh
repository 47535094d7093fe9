#!/usr/bin/env bash
# Installs what building and testing cs-metrics needs, and only what is missing: on a machine
# that has everything it takes a few seconds. Nothing here downloads a prebuilt binary from
# outside the package registries (crates.io, npm, Debian) and rustup's channel.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1
TRUNK_RUSTC=1.96.1 # trunk 0.22 needs rustc >= 1.96.1; the project itself builds with stable
# Cuts the release wasm at its lazily loaded views (scripts/split-wasm.mjs); matches the
# wasm_split_helpers that Leptos re-exports (Cargo.lock).
WASM_SPLIT_VERSION=0.2.4
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '[setup] %s\n' "$*"; }
# Tools are built for this machine once, not shipped: without fat LTO, with parallel codegen
# and light optimisation they build in far less time and run as fast as a build step needs.
# Measured on 2 cores: trunk 10.3 min as published, 6.7 at opt-level 1, 4.8 at opt-level 0
# (a release build's time is in cargo and wasm-opt, not in trunk: the same 2.7 min either
# way); wasm-bindgen-cli, which rewrites every part of the split wasm, keeps opt-level 1.
quick_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL="${OPT_LEVEL:-1}" CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo "$@"
}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# The downloads that need no compiler (Debian's browsers, the npm packages) run in the
# background while the tools build, each logging to its own file, shown only when it fails
# (on a fresh machine they took about a minute of the 11 the set-up took one after another).
# The builds themselves stay one after the other: both cores are busy with each.
logs=$(mktemp -d)
pids=()
names=()
meanwhile() { # name, command...: run it in the background
  local name=$1
  shift
  step "$name (in the background)"
  ("$@") >"$logs/$name.log" 2>&1 &
  pids+=("$!")
  names+=("$name")
}
wait_all() {
  local failed=0
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      echo "[setup] error: ${names[$i]} failed; its log ends:" >&2
      tail -n 40 "$logs/${names[$i]}.log" >&2
      failed=1
    fi
  done
  pids=()
  names=()
  [ "$failed" -eq 0 ]
}

# 1. The toolchains first (rustup is not run twice at once): the wasm target; the pinned
#    nightly that builds the release wasm (scripts/release-env.sh), with std's source (std is
#    rebuilt with immediate aborts) and the wasm target; the one Trunk needs.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
source scripts/release-env.sh
if [ ! -d "$(rustup run "$WASM_TOOLCHAIN" rustc --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library" ] \
  || ! rustup run "$WASM_TOOLCHAIN" rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null | xargs test -d; then
  step "installing $WASM_TOOLCHAIN with rust-src and the wasm32 target (about 30 seconds)"
  rustup toolchain install "$WASM_TOOLCHAIN" --profile minimal --component rust-src --target wasm32-unknown-unknown
fi
need_trunk=false
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  need_trunk=true
  rustup toolchain install "$TRUNK_RUSTC" --profile minimal
fi

# 2. The browsers from Debian: Chromium for the browser tests; Firefox ESR and WebKitGTK's
#    WebDriver (under a virtual display) for the cross-engine smoke run.
install_browsers() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xauth
}
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/firefox-esr ] \
  || [ ! -x /usr/bin/WebKitWebDriver ] || [ ! -x /usr/bin/xvfb-run ]; then
  meanwhile "installing chromium, firefox-esr, webkit2gtk-driver and xvfb from Debian" install_browsers
fi

# 3. npm packages exactly as package-lock.json says (Playwright's driver, axe-core, binaryen's
#    wasm-opt). Skipped when node_modules already matches the lock file.
install_npm() {
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.cs-metrics-lock
}
if ! cmp -s package-lock.json node_modules/.cs-metrics-lock 2>/dev/null; then
  meanwhile "installing npm packages from package-lock.json" install_npm
fi

# 4. Trunk, built from crates.io with the toolchain it needs.
if [ "$need_trunk" = true ]; then
  step "building trunk $TRUNK_VERSION (about 5 minutes)"
  OPT_LEVEL=0 quick_install "+$TRUNK_RUSTC" install trunk --version "$TRUNK_VERSION" --locked --force
fi

# 5. wasm-bindgen-cli at exactly the version Cargo.lock pins (Cargo.toml pins it with `=`),
#    only the one binary the build runs; then wasm-split-cli (it has no --version: cargo's
#    install list says which one is there). They share a target directory, so the second
#    reuses the crates the first built.
lock_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
pinned_version=$(sed -nE 's/^wasm-bindgen = "=([^"]+)".*/\1/p' Cargo.toml)
if [ -z "$lock_version" ] || [ "$lock_version" != "$pinned_version" ]; then
  echo "[setup] error: Cargo.toml pins wasm-bindgen =$pinned_version but Cargo.lock has '$lock_version'." >&2
  echo "[setup] Run: cargo update -p wasm-bindgen --precise $pinned_version" >&2
  exit 1
fi
wasm_tools() {
  local target
  target=$(mktemp -d)
  if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $lock_version"; then
    # Without --locked: its own lock file names a crate version the registry lacks.
    quick_install install wasm-bindgen-cli --version "$lock_version" --bin wasm-bindgen \
      --force --target-dir "$target"
  fi
  if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    quick_install install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" \
      --features build-binary --locked --force --target-dir "$target"
  fi
  rm -rf "$target"
}
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $lock_version" \
  || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "building wasm-bindgen-cli $lock_version and wasm-split-cli $WASM_SPLIT_VERSION (about 4 minutes)"
  wasm_tools
fi

# 6. Every crate, so Trunk's offline build never reaches for the network: the app's, and the
#    ones std is rebuilt from. (Cargo waits for its package cache while an install holds it.)
cargo fetch --locked --quiet
(release_env && cargo fetch --locked --quiet --target wasm32-unknown-unknown)

wait_all
rm -rf "$logs"
expected_opt=$(sed -nE 's/^wasm_opt = "version_([0-9]+)".*/\1/p' Trunk.toml)
if ! wasm-opt --version | grep -q "version $expected_opt"; then
  echo "[setup] error: wasm-opt is not version $expected_opt as Trunk.toml expects: $(wasm-opt --version)" >&2
  exit 1
fi

step "ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | cut -d' ' -f1-3), $(chromium --version 2>/dev/null | head -1)"
