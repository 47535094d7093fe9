// Browser benchmarks (figures, not pass/fail) against the release build in dist/, in headless
// Chromium on loopback. Each figure is the median of several runs; ratios are measured in the
// same run. Usage: node scripts/bench-browser.mjs   (after trunk build --release)
import { execSync } from "node:child_process";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../playwright.config.js";
import { serve } from "../tests/e2e/static-server.js";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const app = await serve("dist");
const perf = await serve("tests/perf");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const QUERY = "calc=nps&promoters=70&passives=20&detractors=10";

// The first result's time: a MutationObserver stamps when data-value first becomes 60. For
// the phases, the wasm instantiation is stamped too (wasm-bindgen calls instantiateStreaming).
const STAMP = `new MutationObserver((_, obs) => {
  const el = document.querySelector('[data-result="nps"][data-value="60"]');
  if (el) { window.__shownAt = performance.now(); obs.disconnect(); }
}).observe(document, { subtree: true, childList: true, attributes: true });
const instantiate = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = (...args) => {
  window.__compileFrom = performance.now();
  return instantiate.apply(WebAssembly, args).then((r) => { window.__compiled = performance.now(); return r; });
};`;

async function stampedLoad(url) {
  const page = await browser.newPage();
  await page.addInitScript(STAMP);
  await page.goto(url);
  await page.waitForFunction(() => window.__shownAt !== undefined);
  const times = await page.evaluate(() => [window.__shownAt, window.__compileFrom, window.__compiled]);
  await page.close();
  return times;
}

// Interleaved, so both pages see the same machine; 31 runs each (single loads vary by ±30 %).
const loads = { app: [], vanilla: [], compileFrom: [], compiled: [] };
for (let i = 0; i < 31; i++) {
  const [shown, compileFrom, compiled] = await stampedLoad(`${app.url}?${QUERY}`);
  loads.app.push(shown);
  loads.compileFrom.push(compileFrom);
  loads.compiled.push(compiled);
  loads.vanilla.push((await stampedLoad(`${perf.url}vanilla-nps.html?${QUERY}`))[0]);
}

// Keystroke → every result updated: type into promoters and time until all results change.
const page = await browser.newPage();
page.on("crash", () => console.error("the page crashed"));
page.on("pageerror", (e) => console.error("page error:", e.message));
await page.goto(`${app.url}?${QUERY}`);
await page.waitForSelector('[data-result="nps"][data-value="60"]');
const keystrokes = await page.evaluate(async () => {
  const input = document.querySelector('[data-input="promoters"]');
  const nps = document.querySelector('[data-result="nps"]');
  const times = [];
  for (let i = 0; i < 200; i++) {
    const before = nps.dataset.value;
    let t0 = 0;
    // Every result is written in the same update as the NPS; the observer fires right after it.
    await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (nps.dataset.value !== before) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(nps, { attributes: true });
      t0 = performance.now();
      input.value = String(71 + i);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 0));
  }
  return times;
});

// Paste 1,000,000 scores → NPS shown; plain JS parse-and-count of the same text, same page.
await page.goto(`${app.url}?calc=nps&mode=scores`);
await page.locator("[data-calc]").waitFor();
const paste = [];
const plain = [];
let longest = 0;
for (let i = 0; i < 5; i++) {
  const r = await page.evaluate(async () => {
    const tasks = [];
    const obs = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
    obs.observe({ type: "longtask" });
    // 1,000,000 answers plus 0–4 more, so each run's response count differs from the last.
    const text = "9\n10\n7\n3\n8\n".repeat(200000) + "9\n".repeat(window.__run = ((window.__run ?? 0) + 1) % 5);
    const el = document.querySelector('[data-input="scores"]');
    const out = document.querySelector('[data-result="responses"]');
    const before = out.dataset.value;
    const t0 = performance.now();
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    while ((out.dataset.value === before || out.dataset.value === "") && performance.now() - t0 < 20000) {
      await new Promise((r) => setTimeout(r, 0));
    }
    const app = performance.now() - t0;
    // The app's tasks only: wait for the save that follows the result in a task of its own,
    // then stop observing before the plain-JS parse below (itself one long task).
    await new Promise((r) => setTimeout(r, 300));
    tasks.push(...obs.takeRecords().map((e) => e.duration));
    obs.disconnect();
    const t1 = performance.now();
    let p = 0, d = 0, n = 0;
    for (const tok of text.split(/[\s,;]+/)) {
      if (tok === "") continue;
      const v = Number(tok);
      if (!Number.isInteger(v) || v < 0 || v > 10) continue;
      n++;
      if (v >= 9) p++;
      else if (v <= 6) d++;
    }
    const js = performance.now() - t1;
    return { app, js, nps: ((p - d) / n) * 100, longest: Math.max(0, ...tasks) };
  });
  paste.push(r.app);
  plain.push(r.js);
  longest = Math.max(longest, r.longest);
}
await browser.close();
await app.close();
await perf.close();

const commit = execSync("git rev-parse --short HEAD").toString().trim();
const f = (x) => x.toFixed(1).padStart(8);
console.log(`commit ${commit}, headless Chromium, loopback; medians`);
console.log(`load → first result, app (ms)          ${f(median(loads.app))}   (target ≤ 300)`);
console.log(`load → first result, vanilla JS (ms)   ${f(median(loads.vanilla))}`);
console.log(`ratio app / vanilla                    ${f(median(loads.app) / median(loads.vanilla))}   (target ≤ 2)`);
console.log(`  app phases: wasm compile starts (ms)  ${f(median(loads.compileFrom))}`);
console.log(`  app phases: wasm instantiated (ms)    ${f(median(loads.compiled))}`);
console.log(`  app phases: first render (ms)         ${f(median(loads.app.map((t, i) => t - loads.compiled[i])))}`);
console.log(`keystroke → all results, p95 (ms)      ${f(p95(keystrokes))}   (target ≤ 16; median ${median(keystrokes).toFixed(2)})`);
console.log(`paste 1,000,000 scores → NPS (ms)      ${f(median(paste))}   (target ≤ 150)`);
console.log(`plain-JS parse and count, same text    ${f(median(plain))}`);
console.log(`longest main-thread task of the app (ms) ${f(longest)}   (target: none over 200; paste and save)`);
