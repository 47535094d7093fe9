// Takes screenshots of a few views at phone and desktop widths, light and dark, into
// test-results/screens/ (for looking at the design; not a test).
// Usage: node scripts/screenshots.mjs   (needs dist/ built)
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../playwright.config.js";
import { serve } from "../tests/e2e/static-server.js";

const VIEWS = {
  home: "",
  nps: "calc=nps&promoters=120&passives=45&detractors=30&target_nps=50",
  "ltv-cac": "calc=ltv-cac&mode=arpa&arpa=100&churn_pct=2&gross_margin_pct=75&cac=1000",
  csat: "calc=csat&scores=5,4,3,5,2,4,4,5,1,5,4,3",
  "health-score": "calc=health-score&usage=80&engagement=70&support=90&sentiment=60&nps=20",
  "nps-invalid": "calc=nps&scores=9,10,11,abc,8",
  "embed-nps": "calc=nps&promoters=70&passives=20&detractors=10&embed=1&theme=auto",
  "segment-churn": "calc=segment-churn&good_fit_start=100&good_fit_lost=5&bad_fit_start=50&bad_fit_lost=15",
  "revenue-churn": "calc=revenue-churn&mrr_start=10000&churned_mrr=500&contraction_mrr=200&expansion_mrr=900",
  "ltv-cac-discounted": "calc=ltv-cac&v=2&mode=arpa&arpa=100&churn_pct=3&gross_margin_pct=75&discount_pct=10&basis=discounted&cac=1000",
  "revenue-projection": "calc=revenue-projection&v=2&mrr_start=50000&new_mrr=4000&expansion_pct=2&contraction_pct=0.5&churn_pct=2.5&months=24",
  "nps-trend": `calc=nps-trend&waves=${encodeURIComponent("Q1 2026, 120, 45, 30\nQ2 2026, 150, 40, 40\nQ3 2026, 180, 50, 25\nQ4 2026, 170, 55, 30")}`,
  "nps-segments": `calc=nps-segments&segments=${encodeURIComponent("Enterprise, 80, 30, 10\nPro, 150, 60, 40\nStarter, 90, 60, 110\nTrial, 4, 3, 9")}`,
  "billing-import": "calc=billing-import",
};
// Views that need a file: dropped into the file input after the page opens.
const FILES = { "billing-import": "tests/fixtures/billing/stripe-subscriptions.csv" };
// Blog columns: the embeds at 700 and 360 px.
const EMBEDS = {
  "embed-nps-target": "calc=nps&promoters=120&passives=45&detractors=30&target_nps=50&embed=1",
  "embed-ltv-cac": "calc=ltv-cac&mode=arpa&arpa=100&churn_pct=3&gross_margin_pct=75&cac=1000&embed=1",
};
const only = process.argv.slice(2);
const app = await serve("dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
for (const scheme of ["light", "dark"]) {
  for (const width of [375, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    for (const [name, query] of Object.entries(VIEWS)) {
      if (only.length && !only.includes(name)) continue;
      await page.goto(`${app.url}?${query}`);
      await page.locator(query ? "[data-calc]" : "[data-testid=calc-filter]").waitFor();
      if (FILES[name]) {
        await page.getByTestId("file-pick").setInputFiles(FILES[name]);
        await page.locator('[data-month]').first().waitFor();
      }
      await page.waitForTimeout(150);
      await page.screenshot({ path: `test-results/screens/${name}-${width}-${scheme}.png`, fullPage: true });
    }
    await page.close();
  }
  for (const width of [700, 360]) {
    const page = await browser.newPage({ viewport: { width, height: 400 }, colorScheme: scheme });
    for (const [name, query] of Object.entries(EMBEDS)) {
      if (only.length && !only.includes(name)) continue;
      await page.goto(`${app.url}?${query}`);
      await page.locator("[data-calc]").waitFor();
      await page.waitForTimeout(150);
      await page.screenshot({ path: `test-results/screens/${name}-${width}-${scheme}.png`, fullPage: true });
    }
    await page.close();
  }
}
await browser.close();
await app.close();
console.log("screenshots in test-results/screens/");
