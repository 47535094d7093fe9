// Links mean the same for every reader: canonical numbers whatever the sender's number
// format, first-release links never guessed, long lists carried as their counts, and
// thresholds that still reach their target when typed back.
import { test, expect } from "./fixtures.js";

async function setFormat(page, mark, currency) {
  await page.locator("summary", { hasText: "Settings" }).click();
  await page.getByTestId("settings-number-format").selectOption(mark);
  if (currency) await page.getByTestId("settings-currency").selectOption(currency);
  await page.keyboard.press("Escape");
}

test("a decimal-comma link reads the same with a decimal dot, and back", async ({ calculator, page, browser, baseURL }) => {
  await calculator.open("calc=ltv-cac");
  await setFormat(page, "comma");
  await calculator.choose("mode", "arpa");
  await calculator.type("arpa", "100");
  await calculator.type("churn_pct", "2,5");
  await calculator.type("gross_margin_pct", "80");
  await calculator.type("cac", "1.200");
  // 100 × 80 / (2.5 × 1,200) = 2.666…: below target, never 2,062.50:1.
  await calculator.expectClose("ltv_cac_ratio", 2.6666666666666667);
  await calculator.expectValue("verdict", "below-target");
  await expect.poll(() => calculator.query()).toBe("?calc=ltv-cac&v=2&mode=arpa&arpa=100&churn_pct=2.5&gross_margin_pct=80&cac=1200");
  const link = await calculator.link();

  // A reader with the default format (a fresh browser profile) gets the same figures, shown
  // their way.
  const reader = await browser.newPage();
  try {
    await reader.goto(link);
    await expect(reader.locator('[data-result="verdict"]')).toHaveAttribute("data-value", "below-target");
    await expect(reader.locator('[data-input="churn_pct"]')).toHaveValue("2.5");
    await expect(reader.locator('[data-input="cac"]')).toHaveValue("1200");
    // …and a dot link read by a comma reader.
    await reader.goto(`${baseURL}?calc=ltv-cac&v=2&ltv=42000.5&cac=12000`);
    await reader.locator("summary", { hasText: "Settings" }).click();
    await reader.getByTestId("settings-number-format").selectOption("comma");
    await reader.keyboard.press("Escape");
    await reader.goto(`${baseURL}?calc=ltv-cac&v=2&ltv=42000.5&cac=12000`);
    await expect(reader.locator('[data-input="ltv"]')).toHaveValue("42000,5");
    await expect(reader.locator('[data-result="ltv_cac_ratio"]')).toHaveAttribute("data-value", "3.5000416666666666666666666667");
  } finally {
    await reader.close();
  }
});

test("switching the number format converts what was typed", async ({ calculator, page }) => {
  await calculator.open("calc=mrr");
  await setFormat(page, "comma");
  await calculator.type("active_customers", "1.200");
  await calculator.type("arpa", "2,5");
  await calculator.expectValue("mrr", "3000");
  await setFormat(page, "dot");
  await expect(calculator.input("active_customers")).toHaveValue("1200");
  await expect(calculator.input("arpa")).toHaveValue("2.5");
  await calculator.expectValue("mrr", "3000");
});

test("a first-release link is never guessed: the unsure field is named and left blank", async ({ calculator, page }) => {
  await calculator.open("calc=ltv-cac&mode=arpa&arpa=100&churn_pct=2,5&cac=1.200");
  await expect(page.getByTestId("notice")).toContainText("CAC (“1.200”)");
  await expect(calculator.input("cac")).toHaveValue("");
  await expect(calculator.input("churn_pct")).toHaveValue("2.5");
  await calculator.expectValue("ltv_cac_ratio", "");
});

test("2,500 pasted scores travel in the link as their counts: the same NPS", async ({ calculator, page, browser }) => {
  await calculator.open("calc=nps");
  const scores = "9\n10\n7\n3\n8\n".repeat(500);
  await calculator.fill("scores", scores);
  await calculator.expectValue("responses", "2500");
  await calculator.expectValue("nps", "20");
  await page.getByTestId("copy-link").click();
  await expect(page.getByTestId("copy-status")).toContainText(/Link copied|Couldn't copy/);
  await expect.poll(() => calculator.query()).toBe("?calc=nps&v=2&scores=3*500,7*500,8*500,9*500,10*500");
  const reader = await browser.newPage();
  try {
    await reader.goto(await calculator.link());
    await expect(reader.locator('[data-result="responses"]')).toHaveAttribute("data-value", "2500");
    await expect(reader.locator('[data-result="nps"]')).toHaveAttribute("data-value", "20");
  } finally {
    await reader.close();
  }
});

test("a list that can't travel is named when copied and to whoever opens the link", async ({ calculator, page, browser }) => {
  await calculator.open("calc=time-to-first-value");
  const days = Array.from({ length: 3000 }, (_, i) => i).join("\n");
  await calculator.fill("days", days);
  await calculator.expectValue("avg_days", "1499.5");
  await expect(page.getByTestId("left-out-note")).toContainText("Days to first value");
  await expect.poll(() => calculator.query()).toBe("?calc=time-to-first-value&v=2&left_out=days");
  const reader = await browser.newPage();
  try {
    await reader.goto(await calculator.link());
    await expect(reader.getByTestId("notice")).toContainText("Days to first value");
  } finally {
    await reader.close();
  }
});

test("a threshold typed back reaches its target", async ({ calculator, page }) => {
  // ARPA 100, margin 99 %, CAC 1,600: churn for 3:1 is 9,900 / 4,800 = 2.0625 %, shown
  // "at most 2.06%" (2.1 % would give 2.95:1).
  await calculator.open("calc=ltv-cac&v=2&mode=arpa&arpa=100&churn_pct=5&gross_margin_pct=99&cac=1600");
  await calculator.expectValue("churn_for_3x_pct", "2.0625");
  await expect(calculator.result("churn_for_3x_pct")).toHaveText("at most 2.06%");
  const shown = (await calculator.result("churn_for_3x_pct").textContent()).replace("at most ", "").replace("%", "");
  await calculator.type("churn_pct", shown);
  await calculator.expectValue("verdict", "healthy");
  // And NPS: the promoters needed are rounded up, so the target is reached.
  await calculator.open("calc=nps&v=2&promoters=120&passives=45&detractors=30&target_nps=50");
  await calculator.expectValue("promoters_needed", "15");
  await calculator.type("promoters", String(120 + 15));
  await calculator.expectValue("responses", "210");
  await expect.poll(async () => Number(await calculator.result("nps").getAttribute("data-value"))).toBeGreaterThanOrEqual(50);
});
