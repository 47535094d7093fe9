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

const sum = (list, key) => list.reduce((a, r) => a + r[key], 0);
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

console.log(`${"file".padEnd(44)}${"raw kB".padStart(8)}${"gzip kB".padStart(9)}${"br kB".padStart(8)}`);
// The chunks the split points share are many and small: one line for all of them.
const isChunk = (name) => /^chunk_.*\.wasm$/.test(name);
for (const r of rows.filter((r) => !isChunk(r.name))) console.log(`${r.name.padEnd(44)}${kb(r.raw)} ${kb(r.gzip)}${kb(r.brotli)}`);
const chunks = rows.filter((r) => isChunk(r.name));
if (chunks.length) {
  console.log(`${`chunk_*.wasm (${chunks.length} shared parts)`.padEnd(44)}${kb(sum(chunks, "raw"))} ${kb(sum(chunks, "gzip"))}${kb(sum(chunks, "brotli"))}`);
}
console.log(`${"total (all files)".padEnd(44)}${kb(sum(rows, "raw"))} ${kb(sum(rows, "gzip"))}${kb(sum(rows, "brotli"))}`);
if (onUse.length) {
  console.log(`${"loaded on first use (split_*, chunk_*)".padEnd(44)}${kb(sum(onUse, "raw"))} ${kb(sum(onUse, "gzip"))}${kb(sum(onUse, "brotli"))}`);
}
// A calculator's first visit (a shared link, an embed) also fetches its category's
// definitions (split_defs_*) and the chunks they need, listed by scripts/split-wasm.mjs: each
// category's visit is printed, and the measure is the largest first visit of all.
let largest = null;
const visits = [];
try {
  const manifest = JSON.parse(readFileSync(join(dist, ".split-manifest.json"), "utf8"));
  for (const [point, needed] of Object.entries(manifest)) {
    // The home view paints from the page alone (see below); its part loads only when the
    // app, started on a calculator, goes back home.
    if (!point.startsWith("defs_")) continue;
    const extra = rows.filter((r) => needed.includes(r.name));
    const visit = { point, gzip: sum(loaded, "gzip") + sum(extra, "gzip"), raw: sum(loaded, "raw") + sum(extra, "raw"), brotli: sum(loaded, "brotli") + sum(extra, "brotli") };
    visits.push(visit);
    if (!largest || visit.gzip > largest.gzip) largest = visit;
  }
} catch {
  // An unsplit build: every definition is in the main wasm.
}
// The home view is static: the page and its script (assets/home.js). The app's wasm loads
// only when Settings or "Export all" asks for it, or a calculator opens (scripts/boot-page.mjs).
const homeFiles = rows.filter((r) => r.name === "index.html" || /^home(-[0-9a-f]+)?\.js$/.test(r.name));
if (homeFiles.length === 2) {
  const visit = { point: "home", gzip: sum(homeFiles, "gzip"), raw: sum(homeFiles, "raw"), brotli: sum(homeFiles, "brotli") };
  visits.push(visit);
  if (!largest || visit.gzip > largest.gzip) largest = visit;
}
const loadedGzip = sum(loaded, "gzip");
console.log(`${"the page, its script, wasm and styles".padEnd(44)}${kb(sum(loaded, "raw"))} ${kb(loadedGzip)}${kb(sum(loaded, "brotli"))}`);
for (const v of visits.sort((a, b) => a.gzip - b.gzip)) {
  const what = v.point === "home" ? "first visit, the home view (page + home.js)" : `first visit, a calculator (+${v.point})`;
  console.log(`${what.padEnd(44)}${kb(v.raw)} ${kb(v.gzip)}${kb(v.brotli)}`);
}
// The measure: the largest first visit, whichever page a visitor lands on.
const measured = Math.max(loadedGzip, largest?.gzip ?? 0);
const total = (measured / 1000).toFixed(1);
if (budgetKb !== null) {
  console.log(`size budget: ${total} kB gzip of ${budgetKb} kB: ${measured <= budgetKb * 1000 ? "within" : "OVER"}`);
}
if (ceilingKb !== null) {
  if (measured > ceilingKb * 1000) {
    console.error(`size ceiling: ${total} kB gzip is above the ${ceilingKb} kB ceiling: find what grew (twiggy) before raising it`);
    process.exit(1);
  }
  console.log(`size ceiling: ${total} kB gzip, at most ${ceilingKb} kB: ok`);
}
