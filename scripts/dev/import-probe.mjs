// Dev probe: how long a survey file of N rows (date, plan, score) takes from being chosen in
// nps-trend's import to its grouped preview, and the longest task meanwhile.
// Usage: ROWS=1000000 node scripts/dev/import-probe.mjs   (needs dist/ built)
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const plans = ["Starter", "Pro", "Enterprise"];
let text = "Date,Plan,Score\n";
for (let i = 0; i < ROWS; i++) {
  const month = 1 + (i % 12);
  text += `2026-${String(month).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")},${plans[i % 3]},${i % 11}\n`;
}
const app = await serve("dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`${app.url}?calc=nps-trend`);
await page.getByTestId("import-csv").locator("summary").click();
await page.getByTestId("import-file").waitFor({ state: "attached" });
await page.evaluate(() => {
  window.__long = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long = Math.max(window.__long, e.duration);
  }).observe({ type: "longtask", buffered: false });
});
const t0 = Date.now();
await page.getByTestId("import-file").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
await page.getByTestId("break-preview").filter({ hasText: "Took" }).waitFor({ timeout: 120_000 });
const shown = Date.now() - t0;
const long = await page.evaluate(() => window.__long);
console.log(`${ROWS} rows: preview after ${shown} ms, longest task ${long.toFixed(0)} ms (${(text.length / 1e6).toFixed(1)} MB)`);
await browser.close();
await app.close();
