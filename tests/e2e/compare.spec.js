// Compare and plan: the three calculators typed through their forms, their links reopened
// in a fresh page, and "Compare with another period" from NPS and churn.
import { readFileSync } from "node:fs";
import { test, expect, svgSize } from "./fixtures.js";

/** Reopens the page's current link in a new page and returns that page's calculator. */
async function reopened(page, calculator) {
  const query = await calculator.query();
  const fresh = await page.context().newPage();
  await fresh.goto(`./${query}`);
  await fresh.locator("[data-calc]").waitFor();
  return fresh;
}

test("nps-compare: two surveys typed, a real rise, both methods, the link", async ({ calculator, page }) => {
  await calculator.open("calc=nps-compare");
  // A: 50 promoters, 30 passives, 20 detractors (NPS 30); B: 70, 20, 10 (NPS 60).
  for (const [id, v] of Object.entries({ promoters_a: "50", passives_a: "30", detractors_a: "20", promoters_b: "70", passives_b: "20", detractors_b: "10" })) {
    await calculator.type(id, v);
  }
  await calculator.expectValue("nps_a", "30");
  await calculator.expectValue("nps_b", "60");
  await calculator.expectValue("change", "30");
  // var A = .5 + .2 − .3² = .61, var B = .7 + .1 − .6² = .44;
  // se = 100 √(.61/100 + .44/100) = 10.24695…; z = 30 / se = 2.92770…
  await calculator.expectClose("se_change", 10.246950766);
  await calculator.expectClose("z_score", 2.927700219);
  // p = 2 (1 − Φ(2.9277)) = 0.0034148, shown as less than 1 time in 290
  await expect.poll(async () => Number(await calculator.result("p_value").getAttribute("data-value"))).toBeCloseTo(0.0034148, 6);
  await calculator.expectValue("chance_one_in", "290");
  // 30 ∓ 1.96 × 10.24695… = +9.92 … +50.08
  await calculator.expectClose("change_ci_low", 9.915976499);
  await calculator.expectClose("change_ci_high", 50.084023501);
  await calculator.expectValue("verdict", "significant-rise");
  await expect(page.getByTestId("chart")).toContainText("Change");
  await expect(page.getByTestId("chart")).toContainText("Survey B");

  // Adjusted Wald (n′ = n + 3, counts + 0.75): another interval, the same verdict here.
  const wald = await calculator.result("change_ci_low").getAttribute("data-value");
  await calculator.choose("method", "adjusted-wald");
  await expect.poll(async () => calculator.result("change_ci_low").getAttribute("data-value")).not.toBe(wald);
  await calculator.expectValue("change", "30");
  await calculator.expectValue("verdict", "significant-rise");

  const fresh = await reopened(page, calculator);
  await expect(fresh.locator('[data-result="verdict"]')).toHaveAttribute("data-value", "significant-rise");
  await expect(fresh.locator('[data-input="promoters_b"]')).toHaveValue("70");
  await expect(fresh.locator('[data-input="method"] [data-choice="adjusted-wald"]')).toBeChecked();
  await fresh.close();
});

test("nps-compare: pasted scores, a change too small to tell, an import per survey", async ({ calculator, page }) => {
  await calculator.open("calc=nps-compare&mode=scores");
  await expect(page.getByTestId("import-csv")).toContainText("Scores, survey A");
  await expect(page.getByTestId("import-csv-scores_b")).toContainText("Scores, survey B");
  // A: 4 promoters, 3 passives, 3 detractors (NPS 10); B: 5, 2, 3 (NPS 20).
  await calculator.fill("scores_a", "10\n9\n9\n10\n7\n8\n7\n3\n5\n6");
  await calculator.fill("scores_b", "10\n9\n9\n10\n10\n8\n7\n3\n5\n6");
  await calculator.expectValue("responses_a", "10");
  await calculator.expectValue("responses_b", "10");
  await calculator.expectValue("change", "10");
  await calculator.expectValue("verdict", "no-clear-change");
  await expect(page.locator(".results")).toContainText("could easily be noise");
});

test("proportion-compare: churn that fell is good news, and the link keeps it", async ({ calculator, page }) => {
  await calculator.open("calc=proportion-compare");
  await calculator.choose("counted", "lost");
  await calculator.choose("direction", "lower-better");
  // 40 of 800 lost (5 %), then 22 of 780 (2.82 %).
  for (const [id, v] of Object.entries({ successes_a: "40", total_a: "800", successes_b: "22", total_b: "780" })) {
    await calculator.type(id, v);
  }
  await calculator.expectValue("rate_a_pct", "5");
  // pooled p̂ = 62/1580; z = (22/780 − 40/800) / √(p̂(1 − p̂)(1/800 + 1/780)) = −2.23071…
  await calculator.expectClose("z_score", -2.230711604);
  await calculator.expectValue("verdict", "significant-fall");
  await expect(page.locator(".results")).toContainText("customers lost");
  const fresh = await reopened(page, calculator);
  await expect(fresh.locator('[data-result="verdict"]')).toHaveAttribute("data-value", "significant-fall");
  await fresh.close();
});

test("sample-size: ±3 points, worst case and with expected shares", async ({ calculator, page }) => {
  await calculator.open("calc=sample-size");
  await calculator.type("margin_pts", "3");
  // Worst case: ⌈1.96² × 1 / 0.03²⌉ = ⌈4268.4⌉
  await calculator.expectValue("responses_needed", "4269");
  await calculator.type("promoters_pct", "40");
  await calculator.type("detractors_pct", "30");
  // variance .4 + .3 − .1² = .69: ⌈1.96² × .69 / 0.03²⌉ = ⌈2945.2⌉
  await calculator.expectValue("responses_needed", "2946");
  await expect(calculator.result("responses_needed")).toContainText("2,946");
  const fresh = await reopened(page, calculator);
  await expect(fresh.locator('[data-result="responses_needed"]')).toHaveAttribute("data-value", "2946");
  await fresh.close();
});

test("Compare with another period: from NPS, survey A is filled in", async ({ calculator, page }) => {
  await calculator.open("calc=nps&promoters=70&passives=20&detractors=10");
  await page.getByTestId("compare-link").click();
  await expect(page.locator('[data-calc="nps-compare"]')).toBeVisible();
  await expect(calculator.input("promoters_a")).toHaveValue("70");
  await expect(calculator.input("passives_a")).toHaveValue("20");
  await expect(calculator.input("detractors_a")).toHaveValue("10");
  await expect(calculator.input("promoters_b")).toHaveValue("");
  for (const [id, v] of Object.entries({ promoters_b: "60", passives_b: "20", detractors_b: "20" })) await calculator.type(id, v);
  await calculator.expectValue("nps_a", "60");
  await calculator.expectValue("change", "-20");
  // Back returns to the NPS as it was.
  await page.goBack();
  await calculator.expectValue("nps", "60");
});

test("Compare with another period: from churn, the lost customers and which way is good", async ({ calculator, page }) => {
  await calculator.open("calc=churn-rate&customers_start=400&customers_lost=20&period_months=1");
  await page.getByTestId("compare-link").click();
  await expect(page.locator('[data-calc="proportion-compare"]')).toBeVisible();
  await expect(calculator.input("successes_a")).toHaveValue("20");
  await expect(calculator.input("total_a")).toHaveValue("400");
  await expect(calculator.input("counted").locator('[data-choice="lost"]')).toBeChecked();
  await expect(calculator.input("direction").locator('[data-choice="lower-better"]')).toBeChecked();
  await calculator.type("successes_b", "12");
  await calculator.type("total_b", "400");
  await calculator.expectValue("rate_a_pct", "5");
  await calculator.expectValue("rate_b_pct", "3");
});

test("revenue-projection: 24 months, the table, the ceiling; the link reopens it", async ({ calculator, page }) => {
  await calculator.open("calc=revenue-projection");
  for (const [id, v] of Object.entries({ mrr_start: "100000", new_mrr: "8000", expansion_pct: "1", contraction_pct: "0.5", churn_pct: "2", months: "24" })) {
    await calculator.type(id, v);
  }
  // MRR_t = 0.985 MRR_{t−1} + 8,000: 231,830.339… after 24 months; ceiling 8,000 / 0.015.
  await calculator.expectClose("mrr_end", 231830.33906976874);
  await calculator.expectClose("mrr_ceiling", 533333.3333333333);
  await expect(page.locator("[data-month]")).toHaveCount(24);
  await expect(page.locator('[data-month="1"]')).toHaveAttribute("data-value", "106500");
  await expect(page.locator(".results")).toContainText("MRR levels off near");
  // The CSV has the months after the results, a row each and a column per flow.
  const [csvFile] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const csvText = readFileSync(await csvFile.path(), "utf8");
  expect(csvText).toContain("\r\nMonth,MRR (USD),New (USD),Expansion (USD),Contraction (USD),Churned (USD)\r\n1,106500,8000,1000,500,2000\r\n");
  // The chart downloads: the whole chart with its legend, a valid 640 × 460 image.
  const [svgFile] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("cs-metrics-revenue-projection-chart-svg").click(),
  ]);
  const svg = readFileSync(await svgFile.path(), "utf8");
  expect(svg).toContain("<title>MRR month by month</title>");
  expect(await svgSize(page, svg)).toEqual([640, 460]);
  const fresh = await page.context().newPage();
  await fresh.goto(`./${await calculator.query()}`);
  await expect(fresh.locator('[data-month="24"]')).toHaveCount(1);
  await fresh.close();
  // Expansion above the losses: no ceiling, said in words.
  await calculator.type("expansion_pct", "3");
  await calculator.expectValue("mrr_ceiling", "");
  await expect(page.locator(".results")).toContainText("no ceiling");
});
