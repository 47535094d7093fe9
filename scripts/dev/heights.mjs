// Dev tool: the heights the results view is judged by (issue 15): the NPS page on a phone
// (375 px) and the NPS embed in a blog column (700 px and 360 px wide).
// Usage: node scripts/dev/heights.mjs [dist dir]   (default dist/)
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";

const NPS = "calc=nps&promoters=120&passives=45&detractors=30&target_nps=50";
const app = await serve(process.argv[2] ?? "dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const height = async (width, query) => {
  // A short viewport: the document's height is then its content's, not the window's.
  const page = await browser.newPage({ viewport: { width, height: 200 } });
  await page.goto(`${app.url}?${query}`);
  await page.locator("[data-calc]").waitFor();
  await page.waitForTimeout(300);
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.close();
  return `${h} px high, ${w} px wide`;
};
console.log(`NPS page at 375 px: ${await height(375, NPS)}`);
console.log(`NPS embed at 700 px: ${await height(700, `${NPS}&embed=1`)}`);
console.log(`NPS embed at 360 px: ${await height(360, `${NPS}&embed=1`)}`);
console.log(`NPS embed at 320 px: ${await height(320, `${NPS}&embed=1`)}`);
await browser.close();
await app.close();
