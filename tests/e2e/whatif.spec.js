// What-if: scenarios made, edited, renamed and removed through the page, their deltas against
// hand-computed values, the link and reload round trips, goal seek by hand and by link, and
// the sensitivity rows.
import { test, expect } from "./fixtures.js";
import AxeBuilder from "@axe-core/playwright";

const LTV_CAC = "calc=ltv-cac&ltv=42000&cac=12000";

test("scenarios: add, edit one, rename, compare, reload, remove", async ({ calculator, page }) => {
  await calculator.open(LTV_CAC);
  await page.getByTestId("add-scenario").click();
  // B starts as a copy of A, and the form now edits B.
  await expect(page.getByTestId("scenario-b")).toHaveAttribute("aria-pressed", "true");
  await calculator.type("cac", "15000");
  // A keeps its CAC: 42,000 / 12,000 = 3.5; B: 42,000 / 15,000 = 2.8, a change of −0.7.
  await expect(calculator.scenarioResult("ltv_cac_ratio", "a")).toHaveAttribute("data-value", "3.5");
  await expect(calculator.scenarioResult("ltv_cac_ratio", "b")).toHaveAttribute("data-value", "2.8");
  await expect(calculator.delta("ltv_cac_ratio", "b")).toHaveAttribute("data-value", "-0.7");
  await expect(calculator.delta("ltv_cac_ratio", "b")).toHaveClass(/delta-bad/);
  await page.getByTestId("rename-b").fill("Raise CAC");
  await page.getByTestId("rename-b").press("Enter");
  await expect(page.getByTestId("scenario-b")).toHaveText("Raise CAC");
  await expect.poll(() => calculator.query()).toContain("b.cac=15000");
  await expect.poll(() => calculator.query()).toContain("b.name=Raise%20CAC");
  // Back to A: the form shows A's figures.
  await page.getByTestId("scenario-a").click();
  await expect(calculator.input("cac")).toHaveValue("12000");

  // The link opens the same comparison elsewhere; a reload keeps it.
  const query = await calculator.query();
  const fresh = await page.context().newPage();
  await fresh.goto(`./${query}`);
  await expect(fresh.locator('[data-delta="ltv_cac_ratio"][data-scenario="b"]')).toHaveAttribute("data-value", "-0.7");
  await fresh.close();
  await page.reload();
  await expect(calculator.delta("ltv_cac_ratio", "b")).toHaveAttribute("data-value", "-0.7");

  await page.getByTestId("add-scenario").click();
  await page.getByTestId("add-scenario").click();
  await expect(page.getByTestId("scenario-d")).toBeVisible();
  await expect(page.getByTestId("add-scenario")).toBeDisabled();
  await page.getByTestId("remove-b").click();
  await expect(page.getByTestId("scenario-d")).toHaveCount(0);
  await expect.poll(() => calculator.query()).not.toContain("Raise");
});

test("goal seek through the page, then through the link, and Use this value", async ({ calculator, page }) => {
  await calculator.open(LTV_CAC);
  await page.getByTestId("what-if").locator("summary").click();
  await page.getByTestId("seek-result").selectOption("ltv_cac_ratio");
  await page.getByTestId("seek-vary").selectOption("cac");
  await page.getByTestId("seek-target").fill("3");
  // 42,000 / 3 = 14,000 exactly.
  await expect(page.locator('[data-seek="cac"]')).toHaveAttribute("data-value", "14000");
  await expect.poll(() => calculator.query()).toContain("seek=ltv_cac_ratio&target=3&vary=cac");
  await page.getByTestId("seek-use").click();
  await expect(calculator.scenarioResult("ltv_cac_ratio", "b")).toHaveAttribute("data-value", "3");

  await calculator.open(`${LTV_CAC}&seek=ltv_cac_ratio&target=4&vary=ltv`);
  // 4 × 12,000 = 48,000
  await expect(page.locator('[data-seek="ltv"]')).toHaveAttribute("data-value", "48000");
  // The answer follows the figures once typing pauses: 4 × 10,000.
  await calculator.type("cac", "10000");
  await expect(page.locator('[data-seek="ltv"]')).toHaveAttribute("data-value", "40000");
  // A target no value reaches says so in words.
  await calculator.open("calc=grr&renewable_arr=1000000&downsell=0&churn=100000&seek=grr_pct&target=120&vary=churn");
  await expect(page.locator('[data-seek="churn"]')).toHaveAttribute("data-value", "");
  await expect(page.locator('[data-seek="churn"]')).toContainText("can never exceed 100");
});

test("sensitivity: the biggest lever first, with its values", async ({ calculator, page }) => {
  await calculator.open(LTV_CAC);
  await page.getByTestId("what-if").locator("summary").click();
  const rows = page.locator("[data-sensitivity]");
  await expect(rows).toHaveCount(2);
  // CAC ±10 %: 42,000 / 10,800 and 42,000 / 13,200; LTV ±10 %: 3.15 and 3.85.
  await expect(rows.first()).toHaveAttribute("data-sensitivity", "cac");
  await expect(page.locator('[data-sensitivity="ltv"]')).toHaveAttribute("data-low", "3.15");
  await expect(page.locator('[data-sensitivity="ltv"]')).toHaveAttribute("data-high", "3.85");
  await page.getByTestId("step-20").check();
  await expect(page.locator('[data-sensitivity="ltv"]')).toHaveAttribute("data-low", "2.8");
});

for (const width of [375, 1280]) {
  test(`four scenarios open pass axe at ${width} px`, async ({ calculator, page }) => {
    await page.setViewportSize({ width, height: 900 });
    await calculator.open(`${LTV_CAC}&b.cac=13000&c.cac=14000&d.ltv=50000`);
    await expect(calculator.scenarioResult("ltv_cac_ratio", "d")).toHaveAttribute("data-value", /^4\.1666/);
    await page.screenshot({ path: `test-results/scenarios-${width}.png`, fullPage: true });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  });
}

test("the CSV has a scenario column", async ({ calculator, page }) => {
  await calculator.open(`${LTV_CAC}&b.cac=15000&b.name=Raise%20CAC`);
  await expect(calculator.scenarioResult("ltv_cac_ratio", "b")).toHaveAttribute("data-value", "2.8");
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const text = (await import("node:fs")).readFileSync(await file.path(), "utf8");
  const table = text.replace(/^\uFEFF/, "").trimEnd().split("\r\n").map((l) => l.split(","));
  expect(table[0][8]).toBe("scenario");
  const ratio = (scenario) => table.find((r) => r[2] === "ltv_cac_ratio" && r[8] === scenario)[4];
  expect(ratio("A")).toBe("3.5");
  expect(ratio("B · Raise CAC")).toBe("2.8");
});
