// Prints the raw, gzip and brotli size of each file in dist/ and the total, against the
// budget (--budget-gzip-kb N: the target, printed as within or OVER). --ceiling-gzip-kb M fails
// the run when what a visit downloads exceeds M kB gzip: a ratchet just above today's size
// while the budget is not met, so no change can grow the app unnoticed. Sizes are
// deterministic for a given toolchain, so the check never flakes.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dist = "dist";
const numberArg = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : null;
};
const budgetKb = numberArg("--budget-gzip-kb");
const ceilingKb = numberArg("--ceiling-gzip-kb");

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const kb = (n) => (n / 1000).toFixed(1).padStart(8);
const rows = files(dist)
  .sort()
  .map((path) => {
    const data = readFileSync(path);
    return {
      name: relative(dist, path),
      raw: data.length,
      gzip: gzipSync(data, { level: 9 }).length,
      brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
// What a first visit downloads: the page, its script, wasm and styles (not icons or the
// manifest, which the browser fetches only to install, nor the parts of the wasm loaded on
// first use of a view the first screen doesn't show: split_*.wasm and the chunks they share).
const later = (name) => /^(split|chunk)_.*\.wasm$/.test(name);
const loaded = rows.filter((r) => /\.(html|js|wasm|css)$/.test(r.name) && !r.name.startsWith("sw") && !later(r.name));
const onUse = rows.filter((r) => later(r.name));
const sum = (list, key) => list.reduce((a, r) => a + r[key], 0);

console.log(`${"file".padEnd(44)}${"raw kB".padStart(8)}${"gzip kB".padStart(9)}${"br kB".padStart(8)}`);
for (const r of rows) console.log(`${r.name.padEnd(44)}${kb(r.raw)} ${kb(r.gzip)}${kb(r.brotli)}`);
console.log(`${"total (all files)".padEnd(44)}${kb(sum(rows, "raw"))} ${kb(sum(rows, "gzip"))}${kb(sum(rows, "brotli"))}`);
if (onUse.length) {
  console.log(`${"loaded on first use (split_*, chunk_*)".padEnd(44)}${kb(sum(onUse, "raw"))} ${kb(sum(onUse, "gzip"))}${kb(sum(onUse, "brotli"))}`);
}
const loadedGzip = sum(loaded, "gzip");
console.log(`${"total loaded by a visit (html+js+wasm+css)".padEnd(44)}${kb(sum(loaded, "raw"))} ${kb(loadedGzip)}${kb(sum(loaded, "brotli"))}`);
const total = (loadedGzip / 1000).toFixed(1);
if (budgetKb !== null) {
  console.log(`size budget: ${total} kB gzip of ${budgetKb} kB: ${loadedGzip <= budgetKb * 1000 ? "within" : "OVER"}`);
}
if (ceilingKb !== null) {
  if (loadedGzip > ceilingKb * 1000) {
    console.error(`size ceiling: ${total} kB gzip is above the ${ceilingKb} kB ceiling: find what grew (twiggy) before raising it`);
    process.exit(1);
  }
  console.log(`size ceiling: ${total} kB gzip, at most ${ceilingKb} kB: ok`);
}
