// Dev tool: CPU profile of pasting N scores into the NPS calculator; prints the top functions.
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";
const n = Number(process.argv[2] ?? 100000);
const app = await serve(process.env.DIST ?? "dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`${app.url}?calc=nps&mode=scores`);
await page.locator("[data-calc]").waitFor();
const cdp = await page.context().newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
await cdp.send("Profiler.start");
await page.evaluate(async (n) => {
  const el = document.querySelector('[data-input="scores"]');
  const out = document.querySelector('[data-result="responses"]');
  const data = new DataTransfer();
  data.setData("text/plain", "9\n10\n7\n3\n8\n".repeat(n / 5));
  el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  while (out.dataset.value !== String(n)) await new Promise((r) => setTimeout(r, 5));
}, n);
const { profile } = await cdp.send("Profiler.stop");
const self = new Map();
const byId = new Map(profile.nodes.map((x) => [x.id, x]));
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => {
  const f = byId.get(id).callFrame;
  const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}:${f.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
});
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).forEach(([k, us]) => console.log((us / 1000).toFixed(0).padStart(7), "ms", k));
await browser.close();
await app.close();
