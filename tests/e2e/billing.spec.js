// The billing import: a Stripe-shaped and a Baremetrics-shaped export through the page, the
// pick of columns changed by hand, "Use these figures" into NRR, the cohort grid at phone and
// desktop widths, bad rows named, and the CSV with its months and cohorts.
import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures.js";

const STRIPE = "tests/fixtures/billing/stripe-subscriptions.csv";
const BAREMETRICS = "tests/fixtures/billing/baremetrics-template.csv";

/** Month `month`'s figure `field` in the months table. */
function monthCell(page, month, field) {
  return page.locator(`[data-month="${month}"] [data-figure="${field}"]`);
}

async function openWith(calculator, page, file) {
  await calculator.open("calc=billing-import");
  await page.getByTestId("file-pick").setInputFiles(file);
}

test("billing-import: a Stripe export, month by month, with the last month's NRR and GRR", async ({ calculator, page }) => {
  await openWith(calculator, page, STRIPE);
  // (1690/3 + 90 − 80) ÷ (1690/3) = 172/169; GRR 145/169; 1 of 7 customers lost.
  await calculator.expectClose("nrr_pct", 101.775147928994);
  await calculator.expectClose("grr_pct", 85.798816568047);
  await calculator.expectClose("logo_churn_pct", 14.285714285714);
  await calculator.expectValue("active_customers", "8");
  await calculator.expectValue("month_shown", "Jun 2026");
  await expect(page.getByTestId("billing-read")).toContainText("15 subscriptions of 12 customers in USD");
  await expect(page.locator("[data-month]")).toHaveCount(6);
  await expect(monthCell(page, "2026-06", "reactivation_mrr")).toHaveAttribute("data-value", "70");
  await expect(monthCell(page, "2026-06", "expansion_mrr")).toHaveAttribute("data-value", "90");
  await expect(monthCell(page, "2026-03", "contraction_mrr")).toHaveAttribute("data-value", "80");
  await expect(monthCell(page, "2026-02", "churned_mrr")).toHaveAttribute("data-value", "70");
  // The Jan cohort (6 customers): 5 pay in Feb, 4 from Mar, 5 again in Jun.
  const jan = page.locator('[data-cohort="2026-01"] td');
  await expect(jan).toHaveText(["100%", "83%", "67%", "67%", "67%", "83%"]);
  await expect(page.getByTestId("billing-columns")).toContainText("Customer ID");
  // The cancellation counted when made: D churns in March, NRR of June changes.
  await calculator.choose("cancel_at", "when-made");
  await expect(monthCell(page, "2026-03", "churned_mrr")).toHaveAttribute("data-value", "130");
  await calculator.expectClose("nrr_pct", 118.620689655172);
});

test("billing-import: a Baremetrics template, amounts in cents detected", async ({ calculator, page }) => {
  await openWith(calculator, page, BAREMETRICS);
  await expect(page.getByTestId("billing-read")).toContainText("Amounts read as cents (Baremetrics' template writes cents)");
  await calculator.expectValue("mrr_start", "345");
  await calculator.expectValue("churned_mrr", "49");
  await calculator.expectValue("reactivation_mrr", "49");
  await calculator.choose("amounts", "units");
  await calculator.expectValue("mrr_start", "34500");
});

test("billing-import: columns picked by hand", async ({ calculator, page }) => {
  await openWith(calculator, page, STRIPE);
  await expect(monthCell(page, "2026-02", "new_mrr")).toHaveAttribute("data-value", "80");
  await calculator.choose("columns", "by-hand");
  // Customers by e-mail instead of id: the same people, the same figures.
  await calculator.input("customer_column").selectOption("Customer Email");
  await calculator.expectValue("active_customers", "8");
  // No trial end column: E's trial (Feb) now counts as paid.
  await calculator.input("trial_end_column").selectOption("none");
  await expect(monthCell(page, "2026-02", "new_mrr")).toHaveAttribute("data-value", "140");
  await expect(page.locator('[data-role="trial_end_column"]')).toHaveCount(0);
});

test("billing-import: Use these figures opens NRR with the month filled in", async ({ calculator, page }) => {
  await openWith(calculator, page, STRIPE);
  await calculator.expectClose("nrr_pct", 101.775147928994);
  await page.getByTestId("use-nrr").click();
  await expect(page).toHaveURL(/calc=nrr/);
  await calculator.expectClose("nrr_pct", 101.775147928994);
  await expect(calculator.input("starting_arr")).toHaveValue("6760");
});

test("billing-import: a reload brings the saved export back, read once its reader arrives", async ({ calculator, page }) => {
  await openWith(calculator, page, STRIPE);
  await calculator.expectValue("active_customers", "8");
  // Saved in a task of its own after the results show: wait for the file to be in storage.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem("cs-metrics:v1:calc:billing-import") ?? ""))
    .toContain("cus_A");
  await page.reload();
  // The page opens without the reader (its own part); the saved text fetches it.
  await calculator.expectValue("active_customers", "8");
  await calculator.expectClose("nrr_pct", 101.775147928994);
  await expect(page.getByTestId("billing-read")).toContainText("15 subscriptions of 12 customers in USD");
});

test("billing-import: bad rows are named, a file without dates says so", async ({ calculator, page }) => {
  await calculator.open("calc=billing-import");
  const text = "Customer,Start,End,MRR\na,2026-01-05,,100\nb,2026-13-45,,100\nc,2026-02-01,,-20\nd,2026-03-01,2026-01-01,50\n";
  await page.getByTestId("file-text").fill(text);
  const problems = page.getByTestId("billing-problems");
  await expect(problems).toContainText("3 rows left out");
  await expect(problems).toContainText("Row 3:");
  await expect(problems).toContainText("Row 4: a negative amount (-20) is a credit");
  await expect(problems).toContainText("Row 5: it ends before it starts.");
  await page.getByTestId("file-text").fill("Name,Plan\nAcme,Pro\n");
  await expect(page.getByTestId("billing-error")).toContainText("No column of start dates");
});

for (const width of [375, 1280]) {
  test(`billing-import: the cohort grid fits a ${width} px page (scrolls within itself)`, async ({ calculator, page }, info) => {
    await page.setViewportSize({ width, height: 900 });
    await openWith(calculator, page, STRIPE);
    const grid = page.getByTestId("cohort-grid");
    await expect(grid.locator("[data-cohort]")).toHaveCount(5);
    await expect(grid.locator('[data-cohort="average"] td').first()).toHaveText("100%");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await grid.scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`cohort-${width}.png`), fullPage: false });
  });
}

test("billing-import: the CSV has a row per month and movement, and the cohort grid", async ({ calculator, page }) => {
  await openWith(calculator, page, STRIPE);
  await calculator.expectValue("active_customers", "8");
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const text = readFileSync(await file.path(), "utf8");
  expect(text).toContain("MRR movements month by month");
  expect(text).toMatch(/2026-06,563\.33\d*,100,90,0,80,70,743\.33\d*,7,2,1/);
  expect(text).toContain("Cohorts by start month");
  expect(text).toMatch(/2026-01,100,83\.33\d*,66\.66\d*/);
  // The file itself is not in the CSV: only its row count.
  expect(text).not.toContain("cus_A");
});
