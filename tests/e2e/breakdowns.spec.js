// Breakdowns: NPS per wave and per segment typed and through their links, a survey export
// grouped by quarter and by month in nps-trend's own import, an NPS import broken down by a
// plan column into nps-segments, the chance B is higher in nps-compare, and labels that
// stay text.
import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures.js";

const WAVES = "Q1 2026, 120, 45, 30\nQ2 2026, 150, 40, 40\nQ3 2026, 180, 50, 25\nQ4 2026, 170, 55, 30";
const SEGMENTS = "Enterprise, 80, 30, 10\nPro, 150, 60, 40\nStarter, 90, 60, 110\nTrial <b>&co, 4, 3, 9";
const FILE = "tests/fixtures/csv/typeform-waves.csv";

/** The cell `id` of table row `row` (`data-wave` or `data-segment`). */
function cell(page, kind, row, id) {
  return page.locator(`[data-${kind}="${row}"] [data-result="${id}"]`);
}

test("nps-trend: four waves typed, the real move marked, the chance of the latest, the link", async ({ calculator, page }) => {
  await calculator.open("calc=nps-trend");
  await calculator.fill("waves", WAVES);
  await calculator.expectValue("wave_count", "4");
  await calculator.expectValue("real_moves", "1");
  await calculator.expectValue("latest_verdict", "no-clear-change");
  // 140/255 − 155/255 = −5.88 points.
  await calculator.expectClose("latest_change", -5.882352941176471);
  await expect(page.locator("[data-wave]")).toHaveCount(4);
  await expect(cell(page, "wave", 1, "wave_change")).toHaveAttribute("data-value", "");
  await expect(cell(page, "wave", 3, "wave_verdict")).toHaveAttribute("data-value", "significant-rise");
  await expect(cell(page, "wave", 3, "wave_label")).toHaveText("Q3 2026");
  // The chance the latest is higher: a figure, shown whole.
  const chance = Number(await calculator.result("latest_chance_higher_pct").getAttribute("data-value"));
  expect(chance).toBeGreaterThan(10);
  expect(chance).toBeLessThan(30);
  await expect(page.locator(".trend-svg path")).toHaveCount(1); // one real move, one triangle
  // The link carries the counts per wave, and reopens the same table.
  const query = await calculator.query();
  expect(decodeURIComponent(query)).toContain("waves=Q1 2026, 120, 45, 30");
  const fresh = await page.context().newPage();
  await fresh.goto(`./${query}`);
  await expect(fresh.locator('[data-wave="3"] [data-result="wave_verdict"]')).toHaveAttribute("data-value", "significant-rise");
  await fresh.close();
  // A bad line is named next to the field.
  await calculator.fill("waves", `${WAVES}\nQ1 2027, 10, ten, 3`);
  await expect(calculator.message("waves")).toContainText("line 5");
  await expect(calculator.message("waves")).toContainText("“ten” is not a number");
});

test("nps-segments: the segment that drags most leads, rows by drag, labels stay text", async ({ calculator, page }) => {
  await calculator.open("calc=nps-segments");
  await calculator.fill("segments", SEGMENTS);
  await calculator.expectValue("segment_count", "4");
  await calculator.expectValue("largest_drag_segment", "Starter");
  await expect(page.getByTestId("headline")).toContainText("Starter pulls NPS down by");
  // Sorted by drag: Starter (3rd given) first.
  const order = await page.locator("[data-segment]").evaluateAll((rows) => rows.map((r) => r.dataset.segment));
  expect(order[0]).toBe("3");
  // The user's text is text: no <b> element anywhere.
  await expect(cell(page, "segment", 4, "segment_label")).toHaveText("Trial <b>&co");
  await expect(page.locator(".results b")).toHaveCount(0);
  await expect(page.locator(".segments-svg text", { hasText: "Trial <b>&co" })).toHaveCount(1);
  await expect(page.getByTestId("few-answers")).toContainText("Trial <b>&co (16)");
  // The CSV: a row per segment, the label in its first cell.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const csv = readFileSync(await download.path(), "utf8");
  const table = csv.split("\r\n\r\n")[1].split("\r\n").filter(Boolean);
  expect(table[1]).toBe('Segment,NPS,"Interval, low","Interval, high",Answers,Gap to the rest (percentage points),Verdict,Drag on NPS (percentage points)');
  expect(table.slice(2).map((r) => r.split(",")[0])).toEqual(["Enterprise", "Pro", "Starter", "Trial <b>&co"]);
  // Through the link.
  const fresh = await page.context().newPage();
  await fresh.goto(`./${await calculator.query()}`);
  await expect(fresh.locator('[data-result="largest_drag_segment"]:not([data-scenario])')).toHaveAttribute("data-value", "Starter");
  await fresh.close();
});

test("nps-trend imports a survey export grouped by quarter, then by month", async ({ calculator, page }) => {
  await calculator.open("calc=nps-trend");
  await page.getByTestId("import-csv").locator("summary").click();
  await page.getByTestId("import-file").setInputFiles(FILE);
  // The NPS question and the date column are picked; dates go by quarter.
  await expect(page.getByTestId("break-score")).toHaveValue("2");
  await expect(page.getByTestId("break-by")).toHaveValue("0");
  await expect(page.getByTestId("break-quarter")).toBeChecked();
  await page.getByTestId("break-fill").click();
  await expect(page.getByTestId("import-summary")).toContainText("Took 60 answers in 2 waves");
  await expect(page.getByTestId("import-summary")).toContainText("“not a date” (not a date)");
  await calculator.expectValue("wave_count", "2");
  await expect(calculator.input("waves")).toHaveValue("Q1 2026, 15, 7, 8\nQ2 2026, 18, 8, 4");
  // Q1: 7/30 = 23.3; Q2: 14/30 = 46.7.
  await calculator.expectClose("latest_change", 23.333333333333333);
  await page.getByTestId("break-month").check();
  await page.getByTestId("break-fill").click();
  await calculator.expectValue("wave_count", "6");
  await expect(cell(page, "wave", 1, "wave_label")).toHaveText("Jan 2026");
  await expect(cell(page, "wave", 3, "wave_responses")).toHaveAttribute("data-value", "10");
});

test("an NPS import breaks down by plan into nps-segments, counts only", async ({ calculator, page }) => {
  await calculator.open("calc=nps&mode=scores");
  await page.getByTestId("import-csv").locator("summary").click();
  await page.getByTestId("import-file").setInputFiles(FILE);
  await page.getByTestId("break-by").selectOption("1");
  await expect(page.getByTestId("break-preview")).toContainText("Took 61 answers in 3 segments");
  await page.getByTestId("break-open").click();
  await expect(page.locator('[data-calc="nps-segments"]')).toBeVisible();
  await expect(calculator.input("segments")).toHaveValue("Pro, 13, 6, 2\nEnterprise, 16, 4, 0\nStarter, 5, 5, 10");
  await calculator.expectValue("largest_drag_segment", "Starter");
  // The link has the counts per plan, not the 62 rows.
  expect(decodeURIComponent(await calculator.query())).not.toContain("2026-01-02");
});

test("nps-compare says the chance that B's NPS is higher", async ({ calculator, page }) => {
  await calculator.open("calc=nps-compare&v=2&mode=counts&promoters_a=40&passives_a=30&detractors_a=30&promoters_b=46&passives_b=30&detractors_b=24");
  // 84.7 by the quadrature; a Monte Carlo of 2,000,000 draws gives 84.72.
  const chance = Number(await calculator.result("chance_b_higher_pct").getAttribute("data-value"));
  expect(Math.abs(chance - 84.7)).toBeLessThan(0.5);
  await expect(page.locator(".results")).toContainText("85% chance that B's NPS is higher");
});
