// Dev tool: where a cold load of the NPS calculator spends its time: resource timings, the
// moment the result appears, and the top functions of a CPU profile. DIST=… picks the build
// (scripts/dev/named-dist.sh makes one whose wasm functions have names).
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";
const app = await serve(process.env.DIST ?? "dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: Number(process.env.INTERVAL ?? 100) });
await page.addInitScript(`new MutationObserver((_, obs) => {
  if (document.querySelector('[data-result="nps"][data-value="60"]')) { window.__shownAt = performance.now(); obs.disconnect(); }
}).observe(document, { subtree: true, childList: true, attributes: true });
addEventListener("TrunkApplicationStarted", () => { window.__startedAt = performance.now(); });
for (const name of ["instantiateStreaming", "instantiate"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = (...args) => {
    window.__instantiateCalled = performance.now();
    return original.apply(WebAssembly, args).then((r) => { window.__instantiated = performance.now(); return r; });
  };
}`);
const profiling = process.env.PROFILE !== "0";
if (profiling) await cdp.send("Profiler.start");
await page.goto(`${app.url}?calc=nps&promoters=70&passives=20&detractors=10`);
await page.waitForFunction(() => window.__shownAt !== undefined);
const { profile } = profiling ? await cdp.send("Profiler.stop") : { profile: { nodes: [], samples: [], timeDeltas: [] } };
const timings = await page.evaluate(() => ({
  nav: performance.getEntriesByType("navigation").map((e) => ({ responseEnd: e.responseEnd, domInteractive: e.domInteractive })),
  resources: performance.getEntriesByType("resource").map((e) => ({ name: e.name.split("/").pop(), start: e.startTime, end: e.responseEnd })),
  instantiateCalled: window.__instantiateCalled,
  instantiated: window.__instantiated,
  started: window.__startedAt,
  shown: window.__shownAt,
}));
console.log(JSON.stringify(timings, null, 1));
const self = new Map();
const byId = new Map(profile.nodes.map((x) => [x.id, x]));
profile.samples.forEach((id, i) => {
  const f = byId.get(id).callFrame;
  const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}`.replace(/\[[0-9a-f]+\]/g, "");
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = new Map();
profile.samples.forEach((id, i) => {
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const f = byId.get(at).callFrame;
    const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}`.replace(/\[[0-9a-f]+\]/g, "");
    if (seen.has(key)) continue;
    seen.add(key);
    total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
});
const show = (title, map) => {
  console.log(`-- ${title}`);
  [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25))
    .forEach(([k, us]) => console.log((us / 1000).toFixed(1).padStart(7), "ms", k.slice(0, 160)));
};
show("self", self);
show("inclusive", total);
await browser.close();
await app.close();
