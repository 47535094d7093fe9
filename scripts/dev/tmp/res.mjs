import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../../playwright.config.js";
import { serve } from "../../../tests/e2e/static-server.js";
const dir = process.argv[2]; const file = process.argv[3] ?? "";
const s = await serve(dir);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
for (let i = 0; i < 4; i++) {
  const page = await browser.newPage();
  await page.goto(`${s.url}${file}?calc=nps&promoters=70&passives=20&detractors=10`);
  await page.waitForSelector('[data-result="nps"][data-value="60"]');
  const r = await page.evaluate(() => [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) =>
    `${e.name.split("/").pop().slice(0, 22).padEnd(22)} start ${e.startTime.toFixed(0).padStart(4)} req ${e.requestStart.toFixed(0).padStart(4)} resp ${e.responseStart.toFixed(0).padStart(4)} end ${e.responseEnd.toFixed(0).padStart(4)}` + (e.domInteractive ? ` domInt ${e.domInteractive.toFixed(0)} dcl ${e.domContentLoadedEventEnd.toFixed(0)} load ${e.loadEventEnd.toFixed(0)}` : "")));
  console.log(r.join("\n")); console.log("--");
  await page.close();
}
await browser.close(); await s.close();
