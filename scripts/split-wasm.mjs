// Release builds: cuts the wasm at its lazily loaded views (src/ui/lazy.rs) and optimises
// every part. Called by post-build.mjs in Trunk's staging directory, after Trunk has built the
// app with `--cfg cs_split` (scripts/release-env.sh) and left its wasm unoptimised
// (index.html: data-wasm-opt="0"; wasm-opt runs here, once per part).
//
//   cargo's wasm ──wasm-split-cli──▶ main + one module per split point + a JS loader
//   main ──wasm-bindgen──▶ JS glue + main wasm (keeping the table the parts share)
//   every wasm ──wasm-opt──▶ staged under a name with its content hash
//
// Trunk's own names for the glue and the main wasm are kept (index.html loads them), with
// their integrity hashes updated. A build without split points (no cs_split) only gets the
// wasm-opt pass.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Size first; the features are those rustc's wasm32 target already uses. Inline a function
// with one caller only when it is small: inlining big view functions into their one caller
// compresses worse (measured: -2 kB gzip).
// `--low-memory-unused`: the linker puts the stack first, from 1 MiB down, then the data above
// it, so the lowest 1 KiB is reached only by a stack overflow; wasm-opt may then fold address
// arithmetic into load and store offsets (measured: -1.5 kB gzip).
const WASM_OPT_FLAGS = [
  "-Oz",
  "--one-caller-inline-max-function-size=40",
  "--low-memory-unused",
  "--enable-bulk-memory",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-reference-types",
  "--enable-mutable-globals",
  // Tooling's notes, which no browser reads: ~200 bytes in each of the 30-odd parts.
  "--strip-producers",
  "--strip-target-features",
];

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });
const contentHash = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);
const integrity = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

// wasm-streams' stream adapters, which server_fn (a dependency of Leptos' csr feature) exports
// for streaming server functions; this app has none, and nothing in it makes one. Their exports
// would keep their code alive through wasm-opt (measured: -1.2 kB gzip without them).
const UNUSED_EXPORTS = /^(__wbg_)?intounderlying/;

const leb = (buf, at) => {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
};
const toLeb = (value) => {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
};

/** `bytes` (a wasm module) without the exports whose names match `pattern`. */
export function dropExports(bytes, pattern) {
  const parts = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = leb(bytes, at + 1);
    const end = body + size;
    if (id !== 7) {
      parts.push(bytes.subarray(at, end));
      at = end;
      continue;
    }
    // The export section: a count, then name (length, bytes), kind (a byte), index (LEB).
    let [count, p] = leb(bytes, body);
    const kept = [];
    for (; count > 0; count--) {
      const start = p;
      const [length, name] = leb(bytes, p);
      [, p] = leb(bytes, name + length + 1);
      if (!pattern.test(bytes.subarray(name, name + length).toString("utf8"))) kept.push(bytes.subarray(start, p));
    }
    const content = Buffer.concat([toLeb(kept.length), ...kept]);
    parts.push(Buffer.from([7]), toLeb(content.length), content);
    at = end;
  }
  return Buffer.concat(parts);
}

/** The sections of a wasm module: [{ id, start, body, end }]. */
function sections(bytes) {
  const out = [];
  let at = 8;
  while (at < bytes.length) {
    const [size, body] = leb(bytes, at + 1);
    out.push({ id: bytes[at], start: at, body, end: body + size });
    at = body + size;
  }
  return out;
}

/** Each (index, name) of subsection `kind` of a module's name section (1: functions,
 *  9: data segments), in order. */
function nameEntries(bytes, kind) {
  const entries = [];
  for (const s of sections(bytes).filter((s) => s.id === 0)) {
    const [length, name] = leb(bytes, s.body);
    if (bytes.subarray(name, name + length).toString("utf8") !== "name") continue;
    let p = name + length;
    while (p < s.end) {
      const [size, sub] = leb(bytes, p + 1);
      if (bytes[p] === kind) {
        let [count, q] = leb(bytes, sub);
        for (; count > 0; count--) {
          const [index, n] = leb(bytes, q);
          const [len, text] = leb(bytes, n);
          entries.push([index, bytes.subarray(text, text + len).toString("utf8")]);
          q = text + len;
        }
      }
      p = sub + size;
    }
  }
  return entries;
}

/** The function names of a module's name section: name → function index (the first). */
function functionNames(bytes) {
  const names = new Map();
  for (const [index, fn] of nameEntries(bytes, 1)) if (!names.has(fn)) names.set(fn, index);
  return names;
}

/** `bytes` with extra function exports ([name, function index] pairs). */
function addExports(bytes, extra) {
  const parts = [bytes.subarray(0, 8)];
  for (const s of sections(bytes)) {
    if (s.id !== 7) {
      parts.push(bytes.subarray(s.start, s.end));
      continue;
    }
    const [count, p] = leb(bytes, s.body);
    const added = extra.map(([name, index]) => Buffer.concat([toLeb(Buffer.byteLength(name)), Buffer.from(name), Buffer.from([0]), toLeb(index)]));
    const content = Buffer.concat([toLeb(count + extra.length), bytes.subarray(p, s.end), ...added]);
    parts.push(Buffer.from([7]), toLeb(content.length), content);
  }
  return Buffer.concat(parts);
}

// The definitions of each category are a split point of their own (`engine::late`), and
// wasm-split puts what several of them share (the exact arithmetic, the formula builder) in
// chunks, one per set of users: 49 small modules, each with its own header and type section,
// fetched and compressed apart (measured: +13 kB gzip on a calculator's first visit). Those
// functions stay in the main module instead: a first pass finds them, they are exported from
// cargo's wasm for the second pass (which keeps exported functions in the main module), and
// the exports are dropped again after wasm-bindgen.
const PIN_PREFIX = "__cs_pin_";

/** Parts of the definitions that share code no other page needs. */
const FAMILIES = [
  ["defs_compare", "defs_breakdowns"],
  // The billing import shares the projection's chart, the CSV reader with the survey import,
  // the dates with the breakdowns: pinned, all of it would be in every first visit (measured:
  // +20 kB gzip on the main module).
  ["defs_billing", "billing_reader", "defs_projection", "defs_breakdowns", "import_panel", "csv_export", "csv_export_all"],
];

/** Cargo's wasm with the functions the definitions' split points share exported. */
export function pinShared(built, work) {
  const first = join(work, "first");
  run("wasm-split-cli", [built, first, "--out-name", "cs-metrics", "--target", "web"]);
  const loader = readFileSync(join(first, "__wasm_split.js"), "utf8");
  const shared = new Set();
  for (const m of loader.matchAll(/\/\* ([\w, ]+) \*\/\s*const __chunk_\d+ = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+)"/g)) {
    if (!m[1].split(", ").some((user) => user.startsWith("defs_") || user === "home_view")) continue;
    // What only the comparisons and the breakdowns share (their statistics: the Wald test,
    // the chance B is higher) stays a chunk fetched with either: pinned, it would be in every
    // page's first download (measured: +10 kB gzip on the main module).
    if (FAMILIES.some((family) => m[1].split(", ").every((user) => family.includes(user)))) continue;
    for (const name of functionNames(readFileSync(join(first, m[2]))).keys()) shared.add(name);
  }
  const bytes = readFileSync(built);
  const names = functionNames(bytes);
  const pins = [...shared].filter((n) => names.has(n) && !n.startsWith("__wasm_split")).map((n, i) => [`${PIN_PREFIX}${i}`, names.get(n)]);
  const pinned = join(work, "pinned.wasm");
  writeFileSync(pinned, addExports(bytes, pins));
  return pinned;
}

/** The data section's segments of a module, raw, and how many. */
export function dataSegments(bytes) {
  const data = sections(bytes).find((s) => s.id === 11);
  if (!data) return { count: 0, raw: Buffer.alloc(0) };
  const [count, p] = leb(bytes, data.body);
  return { count, raw: bytes.subarray(p, data.end) };
}

/** `bytes` with `extra` data segments ({ count, raw }) after its own. */
function addData(bytes, extra) {
  const added = extra.reduce((n, e) => n + e.count, 0);
  const parts = [bytes.subarray(0, 8)];
  for (const s of sections(bytes)) {
    if (s.id === 11) {
      const [count, p] = leb(bytes, s.body);
      const content = Buffer.concat([toLeb(count + added), bytes.subarray(p, s.end), ...extra.map((e) => e.raw)]);
      parts.push(Buffer.from([11]), toLeb(content.length), content);
    } else if (s.id === 12) {
      const content = toLeb(leb(bytes, s.body)[0] + added);
      parts.push(Buffer.from([12]), toLeb(content.length), content);
    } else {
      parts.push(bytes.subarray(s.start, s.end));
    }
  }
  return Buffer.concat(parts);
}

// Strings and constants several categories' definitions share (a label, a reason, a decimal)
// land in chunks of their own that hold no code: a dozen 200-byte modules for a calculator's
// first visit, each fetched, compiled and compressed apart. Their segments go into the main
// module instead, at the same addresses of the one shared memory (written when the page
// starts rather than when the first category loads: nothing reads them before; the memory
// is the one the main module declares), and the loader stops fetching them.
function mergeDataChunks(split, main, loader) {
  const merged = [];
  for (const name of readdirSync(split).filter((n) => /^chunk_\d+\.wasm$/.test(n))) {
    const bytes = readFileSync(join(split, name));
    const functions = sections(bytes).find((s) => s.id === 3);
    if (functions && leb(bytes, functions.body)[0] > 0) continue;
    const chunk = `__chunk_${name.match(/\d+/)[0]}`;
    const block = new RegExp(`/\\* ([\\w, ]+) \\*/\\s*const ${chunk} = makeLoad\\(\\(\\) => \\{[\\s\\S]*?\\n\\}\\n, \\[[^\\]]*\\]\\);\\n?`);
    const found = loader.match(block);
    if (!found) throw new Error(`split-wasm: ${chunk} not found in the loader`);
    const users = found[1].split(", ");
    if (users.every((user) => user.startsWith("defs_"))) {
      merged.push(dataSegments(bytes));
    } else if (onlyConstant(bytes)) {
      // Texts a category shares with the home view (its cards): a copy in each part that
      // uses them. Constant bytes at a fixed address: whichever part loads first writes them,
      // the other writes the same bytes again.
      for (const user of users) {
        const part = join(split, `split_${user}.wasm`);
        writeFileSync(part, addData(readFileSync(part), [dataSegments(bytes)]));
      }
    } else {
      continue;
    }
    rmSync(join(split, name));
    loader = loader.replace(block, "").replace(/\[((?:__chunk_\d+(?:, )?)+)\]/g, (_, list) =>
      `[${list.split(", ").filter((c) => c !== chunk).join(", ")}]`,
    );
  }
  if (merged.length) writeFileSync(main, addData(readFileSync(main), merged));
  return loader;
}

/** Whether a module's data is only constants (`.rodata`; wasm-split also writes an empty
 *  `.data` and `.bss` into every part). */
function onlyConstant(bytes) {
  const names = dataNames(bytes);
  const { count, raw } = dataSegments(bytes);
  let p = 0;
  for (let i = 0; i < count; i++) {
    const flag = raw[p++];
    if (flag !== 0) return false;
    // An active segment: `i32.const <offset> end`, then its length and bytes.
    if (raw[p] !== 0x41) return false;
    const [, afterOffset] = leb(raw, p + 1);
    const [length, start] = leb(raw, afterOffset + 1);
    if (length > 0 && !(names[i] ?? "").startsWith(".rodata")) return false;
    p = start + length;
  }
  return true;
}

/** The names of a module's data segments (its name section's data names). */
export function dataNames(bytes) {
  return nameEntries(bytes, 9).map(([, name]) => name);
}

/** The glue without the classes of the wasm-streams adapters whose exports are dropped
 *  (UNUSED_EXPORTS): nothing constructs them, and their methods call the dropped exports. */
export function dropStreamClasses(glue) {
  let out = glue;
  for (const name of ["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"]) {
    const start = out.indexOf(`export class ${name} {`);
    if (start < 0) continue;
    let depth = 0;
    let end = out.indexOf("{", start);
    for (; end < out.length; end++) {
      if (out[end] === "{") depth++;
      else if (out[end] === "}" && --depth === 0) break;
    }
    out = out.slice(0, start) + out.slice(end + 1);
    out = out.replace(new RegExp(`if \\(Symbol\\.dispose\\) ${name}\\.prototype\\[Symbol\\.dispose\\] = ${name}\\.prototype\\.free;\\n?`), "");
    out = out.replace(new RegExp(`const ${name}Finalization = \\(typeof FinalizationRegistry === 'undefined'\\)\\s*\\? \\{ register: \\(\\) => \\{\\}, unregister: \\(\\) => \\{\\} \\}\\s*: new FinalizationRegistry\\([^;]*\\);\\n?`), "");
  }
  if (/IntoUnderlying/.test(out)) throw new Error("split-wasm: a stream adapter class is still in the glue");
  return out;
}

function optimise(input, output) {
  // CS_WASM_NAMES=1 keeps the function names, for CPU profiles of the real split build.
  const names = process.env.CS_WASM_NAMES === "1" ? ["-g"] : [];
  run("wasm-opt", [...WASM_OPT_FLAGS, ...names, input, "-o", output]);
}

/** Splits and optimises; returns the staged names of the lazily loaded parts. */
export function splitWasm(dir) {
  const staged = readdirSync(dir);
  const wasmName = staged.find((n) => /^cs-metrics-[0-9a-f]+_bg\.wasm$/.test(n));
  const jsName = staged.find((n) => /^cs-metrics-[0-9a-f]+\.js$/.test(n));
  if (!wasmName || !jsName) throw new Error("split-wasm: Trunk's wasm or JS glue not found");
  const built = join(process.env.CARGO_TARGET_DIR ?? "target", "wasm32-unknown-unknown/release/cs-metrics.wasm");
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(built)));
  if (!imports.some((i) => i.name.startsWith("__wasm_split_load_"))) {
    const staged = join(dir, wasmName);
    writeFileSync(staged, dropExports(readFileSync(staged), UNUSED_EXPORTS));
    optimise(staged, staged);
    return [];
  }

  const work = mkdtempSync(join(tmpdir(), "cs-metrics-split-"));
  try {
    const split = join(work, "split");
    const bound = join(work, "bound");
    run("wasm-split-cli", [pinShared(built, work), split, "--out-name", "cs-metrics", "--target", "web"]);
    // The parts import the main module's function table: wasm-bindgen must keep its export.
    run("wasm-bindgen", ["--target", "web", "--no-typescript", "--keep-lld-exports", "--out-dir", bound, join(split, "cs-metrics.wasm")]);

    let loader = readFileSync(join(split, "__wasm_split.js"), "utf8").replaceAll('"./cs-metrics.js"', `"./${jsName}"`);
    loader = mergeDataChunks(split, join(bound, "cs-metrics_bg.wasm"), loader);
    // Which files each split point fetches: its own, and the chunks it shares with others
    // (the loader names their users in a comment above each chunk). The size report reads it.
    const needs = {};
    for (const m of loader.matchAll(/\/\* ([\w, ]+) \*\/\s*const __chunk_\d+ = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+)"/g)) {
      for (const user of m[1].split(", ")) (needs[user] ??= []).push(m[2]);
    }
    const parts = [];
    const renamed = {};
    for (const name of readdirSync(split).filter((n) => n.endsWith(".wasm") && n !== "cs-metrics.wasm")) {
      const out = join(work, name);
      optimise(join(split, name), out);
      const bytes = readFileSync(out);
      const hashed = name.replace(/\.wasm$/, `-${contentHash(bytes)}.wasm`);
      writeFileSync(join(dir, hashed), bytes);
      loader = loader.replaceAll(`"./${name}"`, `"./${hashed}"`);
      parts.push(hashed);
      renamed[name] = hashed;
    }
    const manifest = {};
    for (const name of Object.keys(renamed).filter((n) => n.startsWith("split_"))) {
      const point = name.slice("split_".length, -".wasm".length);
      manifest[point] = [renamed[name], ...(needs[point] ?? []).map((c) => renamed[c])];
    }
    // Not served: a name starting with "." stays out of the service worker's list.
    writeFileSync(join(dir, ".split-manifest.json"), JSON.stringify(manifest, null, 1));
    if (loader.includes('"./cs-metrics.js"') || /"\.\/(split|chunk)_[^"-]*\.wasm"/.test(loader)) {
      throw new Error("split-wasm: a name in the loader was not rewritten");
    }
    writeFileSync(join(work, "loader.js"), loader);
    run("terser", [join(work, "loader.js"), "--module", "--compress", "--mangle", "-o", join(work, "loader.min.js")]);
    const minified = readFileSync(join(work, "loader.min.js"));
    const loaderName = `__wasm_split-${contentHash(minified)}.js`;
    writeFileSync(join(dir, loaderName), minified);
    parts.push(loaderName);

    const main = join(bound, "cs-metrics_bg.wasm");
    writeFileSync(main, dropExports(readFileSync(main), new RegExp(`${UNUSED_EXPORTS.source}|^${PIN_PREFIX}`)));
    optimise(main, join(dir, wasmName));
    // Only the import's URL changes: the wasm still names its import module "./__wasm_split.js".
    const glue = dropStreamClasses(readFileSync(join(bound, "cs-metrics.js"), "utf8")).replaceAll(' from "./__wasm_split.js"', ` from "./${loaderName}"`);
    if (!glue.includes(loaderName)) throw new Error("split-wasm: the glue does not import the loader");
    writeFileSync(join(work, "glue.js"), glue);
    // Trunk minifies the glue it writes; this one replaces it, so it is minified the same way.
    run("terser", [join(work, "glue.js"), "--module", "--compress", "--mangle", "-o", join(dir, jsName)]);

    // index.html preloads both with integrity hashes: they must be the new files'.
    const indexPath = join(dir, "index.html");
    let index = readFileSync(indexPath, "utf8");
    for (const name of [jsName, wasmName]) {
      const hash = integrity(readFileSync(join(dir, name)));
      index = index.replace(/<link\b[^>]*>/g, (tag) =>
        tag.includes(`./${name}`) ? tag.replace(/integrity=("?)sha384-[^" >]+\1/, `integrity="${hash}"`) : tag,
      );
    }
    writeFileSync(indexPath, index);
    return parts;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
