import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";
import { CHROMIUM_ARGS } from "/work/main/playwright.config.js";
import { serve } from "/work/main/tests/e2e/static-server.js";
const app = await serve(process.env.DIST ?? "/work/main/dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.addInitScript(`new MutationObserver((_, obs) => {
  if (document.querySelector('[data-result="nps"][data-value="60"]')) { window.__shownAt = performance.now(); obs.disconnect(); }
}).observe(document, { subtree: true, childList: true, attributes: true });`);
await browser.startTracing(page, { path: "/tmp/trace.json", categories: ["devtools.timeline", "v8", "v8.wasm", "disabled-by-default-v8.compile", "blink", "loading", "toplevel"] });
await page.goto(`${app.url}?calc=nps&promoters=70&passives=20&detractors=10`);
await page.waitForFunction(() => window.__shownAt !== undefined);
const shown = await page.evaluate(() => window.__shownAt);
await browser.stopTracing();
console.log("shown", shown);
const events = JSON.parse(readFileSync("/tmp/trace.json")).traceEvents;
const nav = events.find((e) => e.name === "navigationStart" || e.name === "NavigationTiming" ) ;
const agg = new Map();
for (const e of events) if (e.ph === "X" && e.dur) { const k = `${e.name} [${e.tid}]`; const a = agg.get(k) ?? [0, 0]; a[0] += e.dur; a[1]++; agg.set(k, a); }
[...agg.entries()].sort((a, b) => b[1][0] - a[1][0]).slice(0, 40).forEach(([k, [d, n]]) => console.log((d / 1000).toFixed(1).padStart(8), String(n).padStart(5), k));
await browser.close(); await app.close();
const main = events.find((e) => e.name === "CompileCode" || e.name === "V8.CompileCode")?.tid;
const t0 = events.find((e) => e.name === "navigationStart")?.ts ?? Math.min(...events.filter((e) => e.tid === main && e.ts > 0).map((e) => e.ts));
const interesting = /^(ParseHTML|Layout|UpdateLayoutTree|Paint|EvaluateScript|v8\.callFunction|FunctionCall|wasm\.|V8\.CompileCode|v8\.compile|CommitNavigation|DocumentLoader::CommitNavigation|LocalWindowProxy::Initialize|ResourceSendRequest|ResourceFinish|ResourceReceiveResponse|v8\.wasm|WasmModule|V8\.Wasm|wasm)/;
for (const e of events.filter((e) => (e.tid === main && (e.dur ?? 0) > 2000 && interesting.test(e.name)) || /Resource(SendRequest|Finish)|wasm\.(StreamingCompile|SyncCompile|AsyncCompile|Compile)/i.test(e.name)).sort((a, b) => a.ts - b.ts))
  console.log(((e.ts - t0) / 1000).toFixed(1).padStart(7), ((e.dur ?? 0) / 1000).toFixed(1).padStart(6), e.tid === main ? "main" : e.tid, e.name, JSON.stringify(e.args?.data?.url ?? e.args?.data?.requestId ?? "").slice(-50));
