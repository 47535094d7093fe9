// Dev probe: how long a survey file of N rows (date, plan, score) takes from being chosen in
// nps-trend's import to its grouped preview, and the longest task meanwhile.
// Usage: ROWS=1000000 node scripts/dev/import-probe.mjs   (needs dist/ built)
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";
import { stage, choose } from "./choose-file.mjs";

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
await stage(page, text, "big.csv");
const { shown, longest: long, tasks } = await choose(page, '[data-testid="import-file"]', () =>
  document.querySelector('[data-testid="break-preview"]')?.textContent.includes("Took"),
);
console.log(`${ROWS} rows: preview after ${shown.toFixed(0)} ms, longest task ${long.toFixed(0)} ms (${(text.length / 1e6).toFixed(1)} MB); tasks over 50 ms: ${tasks.join(", ")}`);
await browser.close();
await app.close();
