// Prints the raw, gzip and brotli size of each file in dist/ and the total; with
// --budget-gzip-kb N it fails when the gzip total of what a visit downloads exceeds N kB.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dist = "dist";
const budgetArg = process.argv.indexOf("--budget-gzip-kb");
const budgetKb = budgetArg > 0 ? Number(process.argv[budgetArg + 1]) : null;
// --report-only: print the budget line without failing (while the budget is not yet met).
const reportOnly = process.argv.includes("--report-only");

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
// manifest, which the browser fetches only to install).
const loaded = rows.filter((r) => /\.(html|js|wasm|css)$/.test(r.name) && !r.name.startsWith("sw"));
const sum = (list, key) => list.reduce((a, r) => a + r[key], 0);

console.log(`${"file".padEnd(44)}${"raw kB".padStart(8)}${"gzip kB".padStart(9)}${"br kB".padStart(8)}`);
for (const r of rows) console.log(`${r.name.padEnd(44)}${kb(r.raw)} ${kb(r.gzip)}${kb(r.brotli)}`);
console.log(`${"total (all files)".padEnd(44)}${kb(sum(rows, "raw"))} ${kb(sum(rows, "gzip"))}${kb(sum(rows, "brotli"))}`);
const loadedGzip = sum(loaded, "gzip");
console.log(`${"total loaded by a visit (html+js+wasm+css)".padEnd(44)}${kb(sum(loaded, "raw"))} ${kb(loadedGzip)}${kb(sum(loaded, "brotli"))}`);
if (budgetKb !== null) {
  const within = loadedGzip <= budgetKb * 1000;
  console.log(`size budget: ${(loadedGzip / 1000).toFixed(1)} kB gzip of ${budgetKb} kB: ${within ? "within" : "OVER"}`);
  if (!within && !reportOnly) process.exit(1);
}
