// Trunk post_build hook. In release builds it
// 0. cuts the wasm at its lazily loaded views and optimises every part (split-wasm.mjs), and
//    makes the page start from its address (boot-page.mjs): the static home page in the body,
//    and one inline script that loads the app only where it is needed;
// 1. adds a strict Content-Security-Policy to index.html, with a hash for each inline script
//    and style Trunk emits (no 'unsafe-inline');
// 2. writes sw.js with the list of every built file and a version that is a hash of their final
//    contents (Trunk's file names are hashed before wasm-opt runs, so they can't be trusted to
//    change with the bytes), and marks index.html so the app registers the worker.
// Debug builds (trunk serve, with its live-reload script) get neither, so development never
// sees a stale cached build.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { splitWasm } from "./split-wasm.mjs";
import { bootPage } from "./boot-page.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
const release = process.env.TRUNK_PROFILE === "release" && process.env.CS_METRICS_NO_SW !== "1";

const files = (d) =>
  readdirSync(d).flatMap((name) => {
    const path = join(d, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });

if (process.env.TRUNK_PROFILE === "release") {
  const parts = splitWasm(dir);
  console.log(`split-wasm: ${parts.length ? parts.join(", ") : "no split points"}`);
}
const indexPath = join(dir, "index.html");
let index = readFileSync(indexPath, "utf8");
if (!release) {
  writeFileSync(join(dir, "sw.js"), "// No service worker in development builds.\n");
  process.exit(0);
}
index = bootPage(index, dir);
const scriptHashes = [...index.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
  .filter((m) => !/\bsrc=/.test(m[0].slice(0, m[0].indexOf(">"))))
  .map((m) => `'sha256-${createHash("sha256").update(m[1]).digest("base64")}'`);
const styleHashes = [...index.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map(
  (m) => `'sha256-${createHash("sha256").update(m[1]).digest("base64")}'`,
);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.join(" ")}`.trim(),
  `style-src 'self' ${styleHashes.join(" ")}`.trim(),
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join("; ");
// Early in the head, so it covers everything after it. Framing is left open on purpose: any site
// may embed a calculator (frame-ancestors can't be set from a meta tag anyway).
// Right after the charset (minified pages have no <head> tag), before any script or style.
// A page without that anchor fails the build rather than shipping without its policy.
const insertAfter = (html, pattern, text) => {
  const match = html.match(pattern);
  if (!match) throw new Error(`post-build: ${pattern} not found in index.html`);
  const end = match.index + match[0].length;
  return html.slice(0, end) + text + html.slice(end);
};
index = insertAfter(
  index,
  /<meta charset=[^>]*>/i,
  `<meta http-equiv="Content-Security-Policy" content="${csp}"><meta name="cs-metrics-sw" content="sw.js">`,
);
writeFileSync(indexPath, index);

const list = files(dir)
  .map((p) => relative(dir, p).split("\\").join("/"))
  .filter((name) => name !== "sw.js" && !name.startsWith("."))
  .sort();
const hash = createHash("sha256");
for (const name of list) hash.update(name).update(readFileSync(join(dir, name)));
const version = hash.digest("hex").slice(0, 16);
const precache = ["./", ...list.map((n) => `./${n}`)];
const sw = readFileSync(join(dir, "sw.js"), "utf8")
  .replace("__CS_METRICS_VERSION__", version)
  .replace("__CS_METRICS_PRECACHE__", JSON.stringify(precache));
writeFileSync(join(dir, "sw.js"), sw);
console.log(`sw.js: ${precache.length} files precached, version ${version}`);
