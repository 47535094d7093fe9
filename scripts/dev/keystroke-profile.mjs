// Dev tool: CPU profile of 200 keystrokes in the NPS calculator; prints the top self times.
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";
const app = await serve(process.env.DIST ?? "dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`${app.url}?calc=nps&promoters=70&passives=20&detractors=10`);
await page.waitForSelector('[data-result="nps"][data-value="60"]');
const cdp = await page.context().newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
await cdp.send("Profiler.start");
await page.evaluate(async () => {
  const input = document.querySelector('[data-input="promoters"]');
  const nps = document.querySelector('[data-result="nps"]');
  for (let i = 0; i < 200; i++) {
    const before = nps.dataset.value;
    input.value = String(71 + i);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    while (nps.dataset.value === before) await new Promise((r) => setTimeout(r, 0));
  }
});
const { profile } = await cdp.send("Profiler.stop");
const self = new Map();
const byId = new Map(profile.nodes.map((x) => [x.id, x]));
profile.samples.forEach((id, i) => {
  const f = byId.get(id).callFrame;
  const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}`;
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14).forEach(([k, us]) => console.log((us / 1000).toFixed(0).padStart(7), "ms", k));
await browser.close();
await app.close();
