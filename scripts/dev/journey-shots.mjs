// Screenshots of views reached by a few steps (what-if open with four scenarios, an import
// picked, a comparison with its next step), at 375 and 1280 px, light and dark, into
// test-results/screens/ (for looking at the design; not a test).
// Usage: node scripts/dev/journey-shots.mjs [name…]   (needs dist/ built)
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";

const SHOTS = {
  "billing-import": {
    query: "calc=billing-import",
    steps: async (page) => {
      await page.getByTestId("file-pick").setInputFiles("tests/fixtures/billing/stripe-subscriptions.csv");
      await page.getByTestId("cohort-grid").waitFor();
      await page.getByTestId("chart").scrollIntoViewIfNeeded();
    },
  },
  "what-if-4": {
    query: "calc=ltv-cac&v=2&mode=arpa&arpa=100&churn_pct=3&gross_margin_pct=75&cac=1000&b.cac=1200&c.churn_pct=2&d.arpa=120",
    steps: async (page) => {
      await page.getByTestId("scenario-table").waitFor();
      await page.getByTestId("sensitivity").locator("svg").waitFor();
      await page.getByTestId("what-if").scrollIntoViewIfNeeded();
    },
  },
  "import-two-questions": {
    query: "calc=nps&mode=scores",
    steps: async (page) => {
      await page.getByTestId("import-csv").locator("summary").click();
      await page.getByTestId("import-file").setInputFiles("tests/fixtures/csv/surveymonkey-two-questions.csv");
      await page.getByTestId("import-column").selectOption("4");
      await page.getByTestId("import-fit").waitFor();
    },
  },
  "compare-no-change": {
    query: "calc=nps-compare&v=2&mode=counts&promoters_a=40&passives_a=30&detractors_a=30&promoters_b=46&passives_b=30&detractors_b=24",
    steps: async (page) => page.getByTestId("next-step").waitFor(),
  },
  "sample-size-detect": {
    query: "calc=sample-size&v=2&metric=nps&goal=detect&change_pts=12&promoters_pct=43&detractors_pct=27",
    steps: async () => {},
  },
  "revenue-projection": {
    query: "calc=revenue-projection&v=2&mrr_start=100000&new_mrr=8000&expansion_pct=1&contraction_pct=0.5&churn_pct=2&months=24",
    steps: async (page) => page.locator(".projection-svg").waitFor(),
  },
  "nps-trend": {
    query: "calc=nps-trend&v=2&waves=Q1%202026%2C120%2C45%2C30%0AQ2%202026%2C150%2C40%2C40%0AQ3%202026%2C180%2C50%2C25%0AQ4%202026%2C170%2C55%2C30%0AQ1%202027%2C12%2C5%2C6",
    steps: async (page) => page.locator(".trend-svg").waitFor(),
  },
  "nps-segments": {
    query: "calc=nps-segments&v=2&segments=Enterprise%2C80%2C30%2C10%0APro%2C150%2C60%2C40%0AStarter%2C90%2C60%2C110%0ATrial%20%3Cb%3E%26co%2C4%2C3%2C9",
    steps: async (page) => page.locator(".segments-svg").waitFor(),
  },
  "nps-scores": {
    query: "calc=nps&v=2&scores=10,9,9,8,7,6,0,3,10,10,9,5",
    steps: async (page) => page.getByTestId("distribution-scores").locator("svg").waitFor(),
  },
};

const only = process.argv.slice(2);
const app = await serve("dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
for (const scheme of ["light", "dark"]) {
  for (const width of [375, 1280]) {
    for (const [name, shot] of Object.entries(SHOTS)) {
      if (only.length && !only.includes(name)) continue;
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
      await page.goto(`${app.url}?${shot.query}`);
      await page.locator("[data-calc]").waitFor();
      await shot.steps(page);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: `test-results/screens/${name}-${width}-${scheme}.png`, fullPage: true });
      await page.close();
    }
  }
}
await browser.close();
await app.close();
console.log("screenshots in test-results/screens/");
