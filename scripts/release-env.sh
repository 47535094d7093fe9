# Sourced by scripts/setup.sh, scripts/test.sh and scripts/serve.sh: how the release wasm is
# built. Only the Trunk build uses it; fmt, clippy and the engine tests use stable Rust, and no
# code depends on a nightly feature.
#
# The release wasm is built with a pinned nightly that rebuilds std with panics that abort at
# once: no panic messages, source locations or formatting machinery end up in the wasm
# (measured: 211.6 -> 188.8 kB gzip for the wasm; see BENCHMARKS.md). The code never panics by
# design (lints deny unwrap/expect/panic and indexing), so nothing is lost.
# `erase_components` makes Leptos type-erase components and reactive closures: one render path
# per output type instead of one per closure (also set for wasm32 in .cargo/config.toml, which
# RUSTFLAGS would otherwise override).
# `--cfg cs_split` cuts the views the first screen doesn't need into their own wasm modules,
# fetched on first use (src/ui/lazy.rs, scripts/split-wasm.mjs, run by scripts/post-build.mjs);
# the split needs the linker's relocations (`--emit-relocs`).
# `--inline-threshold=0` leaves inlining to what LLVM must do: generic view code is otherwise
# copied into every caller (measured: -1.6 kB gzip; with index.html's wasm-opt setting -3.5 kB).
WASM_TOOLCHAIN=nightly-2026-05-20

release_env() {
  export RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN"
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Cllvm-args=--inline-threshold=0 --cfg cs_split -Clink-args=--emit-relocs"
}
