// How a page starts (release builds, from post-build.mjs). Trunk's page loads the app's wasm
// on every page, then the wasm fetches the definitions of the calculator the link opens: two
// round trips in a row, and the home view waited for a wasm it hardly needs. Instead:
// - the static home page (assets/home.html, generated from the catalogue) is in the body, so
//   the home view paints with no wasm; assets/home.js filters it;
// - one small inline script (the CSP hashes it) reads the address: for a calculator it
//   preloads the app's script and wasm and the part of the definitions the calculator comes
//   in (and the chunks it needs) all at once, hides the static home and starts the app; on the home view it starts
//   nothing, and the app loads when Settings or "Export all" asks for it
//   (window.csMetricsStart), or when a calculator opens;
// - it registers the service worker once the page has loaded, on every page.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Each calculator's part of the definitions (its split point), from the static home page's
 *  cards (`data-part`). */
function partsById(home) {
  const out = {};
  for (const [, id, part] of home.matchAll(/data-id="([^"]+)" data-part="([^"]+)"/g)) out[id] = part;
  return out;
}

export function bootPage(index, dir) {
  const home = readFileSync("assets/home.html", "utf8").trim();
  const manifest = JSON.parse(readFileSync(join(dir, ".split-manifest.json"), "utf8"));
  // Trunk's loader and its two preloads are replaced by the boot script.
  const loader = index.match(/<script type=module>import init,\*as bindings from"\.\/([^"]+\.js)";const wasm=await init\(\{module_or_path:`\.\/([^`]+\.wasm)`\}\);[\s\S]*?<\/script>/);
  if (!loader) throw new Error("boot-page: Trunk's loader script was not found in index.html");
  const [, js, wasm] = loader;
  const split = readFileSync(join(dir, js), "utf8").match(/\.\/(__wasm_split-[0-9a-f]+\.js)/)?.[1];
  index = index.replace(loader[0], "");
  index = index.replace(/<link[^>]*rel=modulepreload[^>]*>/, "").replace(/<link[^>]*rel=preload[^>]*>/, "");
  const parts = {};
  for (const [point, files] of Object.entries(manifest)) {
    if (point.startsWith("defs_")) parts[point.slice(5).replaceAll("_", "-")] = files;
  }
  const boot = `(()=>{const d=document.documentElement,m=/[?&]calc=([a-z0-9-]+)/.exec(location.search),ids=${JSON.stringify(partsById(home))},parts=${JSON.stringify(parts)};
const link=(rel,href,wasm)=>{const l=document.createElement("link");l.rel=rel;l.href="./"+href;l.crossOrigin="";if(rel==="preload"){l.as="fetch";if(wasm)l.type="application/wasm"}document.head.append(l)};
let started=false;const start=()=>{if(started)return;started=true;import("./${js}").then(async b=>{const wasm=await b.default({module_or_path:"./${wasm}"});window.wasmBindings=b;dispatchEvent(new CustomEvent("TrunkApplicationStarted",{detail:{wasm}}))})};
window.csMetricsStart=start;
if(m){d.classList.add("calc-page");link("modulepreload","${js}");link("preload","${wasm}",true);${split ? `link("modulepreload","${split}");` : ""}for(const f of parts[ids[m[1]]]||[])link("preload",f,true);document.readyState==="loading"?addEventListener("DOMContentLoaded",start):start()}
const sw=document.querySelector('meta[name="cs-metrics-sw"]');if(sw&&"serviceWorker"in navigator)addEventListener("load",()=>navigator.serviceWorker.register(sw.content).catch(()=>{}))})()`;
  index = index.replace(/<\/head>|<body>/, (tag) => `<script>${boot}</script>${tag}`);
  if (!index.includes("<body>")) throw new Error("boot-page: no <body> in index.html");
  index = index.replace("<body>", `<body>${home}`);
  return index;
}
