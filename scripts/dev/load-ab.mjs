// Dev tool: load → first NPS result for several builds, interleaved, median of N runs each.
// Usage: node scripts/dev/load-ab.mjs dist /tmp/other-dist …   (RUNS=… default 11)
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";
const dirs = process.argv.slice(2);
const runs = Number(process.env.RUNS ?? 11);
const query = process.env.QUERY ?? "calc=nps&promoters=70&passives=20&detractors=10";
const selector = process.env.SELECTOR ?? '[data-result="nps"][data-value="60"]';
const servers = await Promise.all(dirs.map((d) => serve(d)));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const times = dirs.map(() => []);
for (let i = 0; i < runs; i++) {
  for (const [k, s] of servers.entries()) {
    const page = await browser.newPage();
    await page.addInitScript(`new MutationObserver((_, obs) => {
      if (document.querySelector(${JSON.stringify(selector)})) { window.__shownAt = performance.now(); obs.disconnect(); }
    }).observe(document, { subtree: true, childList: true, attributes: true });`);
    await page.goto(`${s.url}${dirs[k].endsWith(".html") ? "" : ""}?${query}`);
    await page.waitForFunction(() => window.__shownAt !== undefined);
    times[k].push(await page.evaluate(() => window.__shownAt));
    await page.close();
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
dirs.forEach((d, k) => console.log(median(times[k]).toFixed(1).padStart(8), "ms", d, times[k].map((t) => t.toFixed(0)).join(" ")));
await browser.close();
await Promise.all(servers.map((s) => s.close()));
