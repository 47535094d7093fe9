// What users met on six journeys (issue 23), each a test that failed before its fix: an
// import that picked the wrong question, a sensitivity chart without labels, a revenue file
// without most of its chart, scenarios that mixed changes, a sample size that didn't say
// "per survey", and no next step after "No clear change".
import { readFileSync } from "node:fs";
import { test, expect, svgSize } from "./fixtures.js";

const TWO_QUESTIONS = "tests/fixtures/csv/surveymonkey-two-questions.csv";

test("import: the 0–10 recommend question is picked, a 1–5 one is warned about, the column changes without choosing the file again", async ({ calculator, page }) => {
  await calculator.open("calc=nps&mode=scores");
  await page.getByTestId("import-csv").locator("summary").click();
  await page.getByTestId("import-file").setInputFiles(TWO_QUESTIONS);
  // Column F asks "How likely… recommend…" on 0–10; column E, first, asks "How satisfied…" on 1–5.
  await expect(page.getByTestId("import-column")).toHaveValue("5");
  await expect(page.getByTestId("import-column-name")).toHaveText(
    "Column F: How likely are you to recommend us to a friend or colleague?",
  );
  await expect(page.getByTestId("import-column").locator("option:checked")).toContainText("10 answers, 3–10");
  await expect(page.getByTestId("import-fit")).toBeHidden();
  await page.getByTestId("import-apply").click();
  // 10, 9, 6, 7, 8, 10, 3, 9, 10, 5: 5 promoters, 3 detractors of 10.
  await calculator.expectValue("responses", "10");
  await calculator.expectValue("nps", "20");
  // The satisfaction column can't be a 0–10 answer: it says so, before and after taking it.
  await page.getByTestId("import-column").selectOption("4");
  await expect(page.getByTestId("import-column-name")).toContainText("How satisfied are you with our product overall?");
  await expect(page.getByTestId("import-fit")).toContainText("No answer in column E is above 6");
  await page.getByTestId("import-apply").click();
  // 5, 4, 2, 3, 4, 5, 1, 4, 5, 3 read as 0–10: all detractors.
  await calculator.expectValue("nps", "-100");
  await expect(page.getByTestId("import-fit")).toBeVisible();
  // And back, still without choosing the file again.
  await page.getByTestId("import-column").selectOption("5");
  await page.getByTestId("import-apply").click();
  await calculator.expectValue("nps", "20");
});

test("import: CSAT on 1–5 picks the satisfaction question of the same file", async ({ calculator, page }) => {
  await calculator.open("calc=csat&mode=scores");
  await page.getByTestId("import-csv").locator("summary").click();
  await page.getByTestId("import-file").setInputFiles(TWO_QUESTIONS);
  await expect(page.getByTestId("import-column")).toHaveValue("4");
  await page.getByTestId("import-apply").click();
  // 4 and 5 are satisfied: 6 of 10.
  await calculator.expectValue("csat_pct", "60");
});

test("sensitivity: each bar is named, low and high in two colours, values at the ends, an axis through today", async ({ calculator, page }) => {
  await calculator.open("calc=ltv-cac&ltv=42000&cac=12000");
  await page.getByTestId("what-if").locator("summary").click();
  const chart = page.getByTestId("sensitivity").locator("svg");
  await expect(chart).toBeVisible();
  const texts = await chart.locator("text").allTextContents();
  expect(texts).toContain("LTV");
  expect(texts).toContain("CAC");
  expect(texts).toContain("today 3.50:1");
  // CAC 10 % lower: 42,000 / 10,800 = 3.89:1; higher: 42,000 / 13,200 = 3.18:1.
  expect(texts).toContain("3.89:1");
  expect(texts).toContain("3.18:1");
  const fills = new Set(await chart.locator("rect[height='18']").evaluateAll((els) => els.map((e) => e.getAttribute("fill"))));
  expect(fills.size).toBe(2);
  // Readable on a phone: the smallest text at least 11 px at 375 px wide.
  await page.setViewportSize({ width: 375, height: 800 });
  const smallest = await chart.locator("text").evaluateAll((els) => Math.min(...els.map((e) => e.getBoundingClientRect().height)));
  expect(smallest).toBeGreaterThanOrEqual(11);
});

test("revenue projection: the file has the whole chart and legend, the CSV a column per flow, the ceiling in plain words", async ({ calculator, page }) => {
  await calculator.open("calc=revenue-projection&v=2&mrr_start=100000&new_mrr=8000&expansion_pct=1&contraction_pct=0.5&churn_pct=2&months=24");
  await expect(page.locator(".results")).toContainText("MRR levels off near $533,333.33 at these rates: it comes ever closer to that level and never passes it");
  // 0.985^t × 433,333.33 ≤ 5 % of 533,333.33 from month 185.
  await calculator.expectValue("ceiling_month", "185");
  await expect(page.locator(".results")).toContainText("within 5 % of it around month 185");
  const [svgFile] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("cs-metrics-revenue-projection-chart-svg").click(),
  ]);
  const svg = readFileSync(await svgFile.path(), "utf8");
  for (const label of ["MRR", "New", "Expansion", "Contraction", "Churned", "Flows", "Month", ">24<"]) {
    expect(svg).toContain(label);
  }
  expect((svg.match(/<rect fill=/g) ?? []).length).toBeGreaterThan(24 * 3);
  expect(await svgSize(page, svg)).toEqual([640, 460]);
  const [csvFile] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const csv = readFileSync(await csvFile.path(), "utf8");
  const months = csv.split("\r\n\r\n")[1].split("\r\n").filter(Boolean);
  expect(months[0]).toBe("revenue-projection: MRR month by month (scenario A)");
  expect(months[1]).toBe("Month,MRR (USD),New (USD),Expansion (USD),Contraction (USD),Churned (USD)");
  expect(months).toHaveLength(2 + 24);
  expect(months[2]).toBe("1,106500,8000,1000,500,2000");
});

test("scenarios: a new one copies A, the form says which it shows, a copy of B is asked for", async ({ calculator, page }) => {
  await calculator.open("calc=ltv-cac&ltv=42000&cac=12000");
  await page.getByTestId("add-scenario").click();
  await calculator.type("cac", "15000");
  await expect(page.getByTestId("scenario-status")).toHaveText("The form shows Scenario B.");
  // C starts from A's figures, not from B's price rise.
  await page.getByTestId("add-scenario").click();
  await expect(page.getByTestId("scenario-c")).toHaveAttribute("aria-pressed", "true");
  await expect(calculator.input("cac")).toHaveValue("12000");
  await expect(page.getByTestId("scenario-status")).toHaveText("The form shows Scenario C.");
  // Building on B is its own button, named after B.
  await page.getByTestId("scenario-b").click();
  await expect(page.getByTestId("copy-scenario")).toHaveText("+ Copy Scenario B");
  await page.getByTestId("copy-scenario").click();
  await expect(calculator.input("cac")).toHaveValue("15000");
  await expect(page.getByTestId("scenario-d")).toHaveAttribute("aria-pressed", "true");
  // Goal seek and sensitivity name the scenario they work on.
  await expect(page.locator("#seek-title")).toHaveText("Goal seek on Scenario D");
  await expect(page.locator("#sensitivity-title")).toHaveText("Which figure matters most in Scenario D");
});

test("goal seek: the value used as a new scenario names it, and the form says it shows it", async ({ calculator, page }) => {
  await calculator.open("calc=ltv-cac&ltv=42000&cac=12000&seek=ltv_cac_ratio&target=3&vary=cac");
  await expect(page.locator('[data-seek="cac"]')).toHaveAttribute("data-value", "14000");
  await page.getByTestId("seek-use").click();
  await expect(page.getByTestId("scenario-b")).toHaveText("CAC $14,000.00");
  await expect(page.getByTestId("scenario-status")).toHaveText("The form shows CAC $14,000.00.");
  await expect(calculator.input("cac")).toHaveValue("14000");
});

test("scenario deltas of a percentage are in points", async ({ calculator, page }) => {
  await calculator.open("calc=churn-rate&v=2&customers_start=400&customers_lost=20&b.customers_lost=22");
  // 5 % → 5.5 %: +0.5 points, not "+0.5%".
  await expect(calculator.delta("churn_pct", "b")).toHaveAttribute("data-value", "0.5");
  await expect(calculator.delta("churn_pct", "b")).toHaveText("+0.5 pts");
});

test("sample size: per survey and in all, plain labels, placeholders that fit their hints", async ({ calculator, page }) => {
  await calculator.open("calc=sample-size&v=2&metric=nps&goal=detect&change_pts=10");
  await calculator.expectValue("responses_needed", "1570");
  await calculator.expectValue("responses_total", "3140");
  await expect(page.getByTestId("headline")).toContainText("Answers needed per survey");
  await expect(page.locator(".results")).toContainText("3,140 answers in all, over the two surveys");
  await expect(page.locator('label[for$="promoters_pct"]')).toHaveText("Expected promoters (%)");
  await expect(page.locator(".calculator")).not.toContainText("(%) (%)");
  await expect(page.locator(".results")).toContainText("How much one answer varies");
  // The example in a placeholder is the calculator's own, as its hint says.
  await calculator.choose("goal", "margin");
  await expect(calculator.input("margin_pts")).toHaveAttribute("placeholder", "e.g. 3");
  await expect(page.locator('[data-field="margin_pts"] .hint')).toContainText("±3 points");
  await expect(calculator.input("promoters_pct")).toHaveAttribute("placeholder", "e.g. 40");
});

test("No clear change: the answers per survey that would tell, and a link into sample-size filled in", async ({ calculator, page }) => {
  await calculator.open("calc=nps-compare&v=2&mode=counts&promoters_a=40&passives_a=30&detractors_a=30&promoters_b=46&passives_b=30&detractors_b=24");
  await calculator.expectValue("verdict", "no-clear-change");
  const next = page.getByTestId("next-step");
  await expect(next).toHaveText("To tell a change of 12.0 pts from noise, survey about 736 customers each time: plan it →");
  await next.click();
  await expect(page.locator('[data-calc="sample-size"]')).toBeVisible();
  await calculator.expectValue("responses_needed", "736");
  await expect(calculator.input("change_pts")).toHaveValue("12");
  await expect(calculator.input("promoters_pct")).toHaveValue("43");
  // Back returns to the comparison; a real change shows no such link.
  await page.goBack();
  await calculator.expectValue("verdict", "no-clear-change");
  await calculator.type("promoters_b", "80");
  await calculator.expectValue("verdict", "significant-rise");
  await expect(page.getByTestId("next-step")).toHaveCount(0);
});

test("on a phone the headline bar shows only while the results are out of view, on one line", async ({ calculator, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await calculator.open("calc=nps&promoters=120&passives=45&detractors=30");
  const bar = page.getByTestId("headline-bar");
  await expect(bar).toBeVisible();
  expect((await bar.boundingBox()).height).toBeLessThanOrEqual(48);
  await page.locator("#results-title").scrollIntoViewIfNeeded();
  await expect(bar).toBeHidden();
  // The import box fits its frame at 390 px.
  await calculator.open("calc=nps&mode=scores");
  await page.getByTestId("import-csv").locator("summary").click();
  await page.getByTestId("import-file").setInputFiles(TWO_QUESTIONS);
  await expect(page.getByTestId("import-column")).toBeVisible();
  const overflow = await page.getByTestId("import-csv").evaluate((box) => {
    const right = box.getBoundingClientRect().right;
    return Math.max(0, ...[...box.querySelectorAll("*")].map((el) => el.getBoundingClientRect().right - right));
  });
  expect(overflow).toBeLessThanOrEqual(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("the NPS histogram colours each score by its group", async ({ calculator, page }) => {
  await calculator.open("calc=nps&v=2&scores=10,9,8,7,6,0");
  const bars = page.getByTestId("distribution-scores").locator("rect");
  await expect(bars).toHaveCount(6);
  expect(await bars.evaluateAll((els) => els.map((e) => e.getAttribute("class")))).toEqual([
    "band-detractors",
    "band-detractors",
    "band-passives",
    "band-passives",
    "band-promoters",
    "band-promoters",
  ]);
});
