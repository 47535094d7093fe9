// The home view: six categories, a filter that knows synonyms, keyboard use.
import { test, expect } from "./fixtures.js";
import { CALCULATOR_IDS } from "./examples.js";

test("seven categories with every calculator", async ({ home, page }) => {
  await home.open();
  await expect(page.locator("[data-category]")).toHaveCount(7);
  await expect(home.visibleCards()).toHaveCount(CALCULATOR_IDS.length);
});

test("the filter finds calculators by synonym", async ({ home }) => {
  await home.open();
  await home.filter.fill("dollar retention");
  await expect(home.card("nrr")).toBeVisible();
  await expect(home.card("nps")).toBeHidden();
  await home.filter.fill("CLV");
  await expect(home.card("ltv")).toBeVisible();
  await home.filter.fill("churn");
  for (const id of ["churn-rate", "revenue-churn", "segment-churn"]) await expect(home.card(id)).toBeVisible();
});

test("keyboard: filter then Enter opens the first match; Tab reaches cards", async ({ home, page }) => {
  await home.open();
  await home.filter.focus();
  await page.keyboard.type("quick ratio");
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-calc=quick-ratio]")).toBeVisible();
  await page.goBack();
  await home.filter.focus();
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveAttribute("data-testid", "open-nps");
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-calc=nps]")).toBeVisible();
});
