// Dev probe: a CPU profile of a large import (survey: 1,000,000 rows into nps-trend; billing:
// 100,000 subscriptions), self time by function. Build with CS_WASM_NAMES=1 for names.
// Usage: node scripts/dev/cpu-profile.mjs survey|billing [function to show the callers of]
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";
import { stage, choose } from "./choose-file.mjs";
const which = process.argv[2];
let text, url, sel, shown;
if (which === "survey") {
  const plans = ["Starter", "Pro", "Enterprise"];
  const parts = ["Date,Plan,Score\n"];
  for (let i = 0; i < 1_000_000; i++) parts.push(`2026-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")},${plans[i % 3]},${i % 11}\n`);
  text = parts.join(""); url = "?calc=nps-trend"; sel = '[data-testid="import-file"]';
  shown = () => document.querySelector('[data-testid="break-preview"]')?.textContent.includes("Took");
} else {
  const parts = ["id,Customer ID,Status,Start Date (UTC),Canceled At (UTC),Ended At (UTC),Plan Amount,Plan Currency,Plan Interval,Plan Interval Count,Quantity\n"];
  for (let i = 0; i < 100000; i++) {
    const start = i % 60; const y = 2021 + Math.floor(start / 12); const m = String((start % 12) + 1).padStart(2, "0");
    const ends = i % 4 === 0 && start < 59; const end = start + 1 + (i % 17);
    const ey = 2021 + Math.floor(Math.min(end, 59) / 12); const em = String((Math.min(end, 59) % 12) + 1).padStart(2, "0");
    const endText = ends ? `${ey}-${em}-10 00:00` : ""; const yearly = i % 9 === 0;
    parts.push(`sub_${i},cus_${Math.floor(i * 0.8)},${ends ? "canceled" : "active"},${y}-${m}-05 00:00,${endText},${endText},${yearly ? "990.00" : String(19 + (i % 7) * 10) + ".00"},usd,${yearly ? "year" : "month"},1,${1 + (i % 3)}\n`);
  }
  text = parts.join(""); url = "?calc=billing-import"; sel = '[data-testid="file-pick"]';
  shown = () => !!document.querySelector('[data-result="month_count"][data-value="60"]') && !!document.querySelector('[data-testid="cohort-grid"]');
}
const app = await serve(process.env.DIST ?? "dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(app.url + url);
if (which === "survey") { await page.getByTestId("import-csv").locator("summary").click(); }
await page.locator(sel).waitFor({ state: "attached" });
await stage(page, text, "f.csv");
const cdp = await page.context().newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
await cdp.send("Profiler.start");
const r = await choose(page, sel, shown);
const { profile } = await cdp.send("Profiler.stop");
console.log(r);
const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; const total = dt.reduce((a, b) => a + b, 0);
const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) || 0) + (dt[i] || 0)));
for (const [id, t] of counts) { const n = byId.get(id); const k = n.callFrame.functionName || n.callFrame.url.slice(-30) || "(anon)"; self.set(k, (self.get(k) || 0) + t); }
const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
for (const [k, t] of top) console.log((t / 1000).toFixed(1).padStart(8), "ms", k.slice(0, 110));
await browser.close(); await app.close();
// parents of a function
const want = process.argv[3];
if (want) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n);
  const agg = new Map();
  for (const [id, t] of counts) {
    let n = byId.get(id);
    const chain = [];
    while (n) { chain.push(n.callFrame.functionName.slice(0, 60)); n = parent.get(n.id); }
    if (!chain.some((f) => f.includes(want))) continue;
    const i = chain.findIndex((f) => f.includes(want));
    const key = chain.slice(i, i + 6).join(" < ");
    agg.set(key, (agg.get(key) || 0) + t);
  }
  for (const [k, t] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log((t / 1000).toFixed(1), k);
}
