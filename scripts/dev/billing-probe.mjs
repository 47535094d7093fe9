// Dev probe: how long a subscription export of N subscriptions over five years takes from
// being chosen in billing-import to its results, and the longest task meanwhile.
// Usage: SUBS=100000 node scripts/dev/billing-probe.mjs   (needs dist/ built)
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";
import { stage, choose } from "./choose-file.mjs";

const SUBS = Number(process.env.SUBS ?? 100_000);
let text = "id,Customer ID,Status,Start Date (UTC),Canceled At (UTC),Ended At (UTC),Plan Amount,Plan Currency,Plan Interval,Plan Interval Count,Quantity\n";
for (let i = 0; i < SUBS; i++) {
  const start = i % 60; // months since Jan 2021
  const y = 2021 + Math.floor(start / 12);
  const m = String((start % 12) + 1).padStart(2, "0");
  const ends = i % 4 === 0 && start < 59;
  const end = start + 1 + (i % 17);
  const ey = 2021 + Math.floor(Math.min(end, 59) / 12);
  const em = String((Math.min(end, 59) % 12) + 1).padStart(2, "0");
  const endText = ends ? `${ey}-${em}-10 00:00` : "";
  const yearly = i % 9 === 0;
  text += `sub_${i},cus_${Math.floor(i * 0.8)},${ends ? "canceled" : "active"},${y}-${m}-05 00:00,${endText},${endText},${yearly ? "990.00" : String(19 + (i % 7) * 10) + ".00"},usd,${yearly ? "year" : "month"},1,${1 + (i % 3)}\n`;
}
const app = await serve("dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`${app.url}?calc=billing-import`);
await page.getByTestId("file-pick").waitFor({ state: "attached" });
await stage(page, text, "subs.csv");
const { shown, longest, tasks } = await choose(
  page,
  '[data-testid="file-pick"]',
  () => !!document.querySelector('[data-result="month_count"][data-value="60"]') && !!document.querySelector('[data-testid="cohort-grid"]'),
);
// A change of option afterwards (the file is not read again).
const t1 = Date.now();
await page.locator('[data-input="cancel_at"] [data-choice="when-made"]').check();
await page.locator('[data-input="cancel_at"] [data-choice="when-made"]:checked').waitFor();
await page.waitForFunction(() => document.querySelector('[data-result="nrr_pct"]') !== null);
const option = Date.now() - t1;
console.log(`${SUBS} subscriptions: results after ${shown.toFixed(0)} ms, longest task ${Math.round(longest)} ms, option change ${option} ms (${(text.length / 1e6).toFixed(1)} MB); tasks over 50 ms: ${tasks.join(", ")}`);
await browser.close();
await app.close();
