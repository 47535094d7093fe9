// What people met when they used the app: screen readers told about errors and the headline
// (not every card at every keystroke), Settings that close like a popover, currencies with
// their own minor units, a title naming the calculator, tables pasted into a list, field
// messages that quote the field's own range, and a headline in view on a phone.
import { test, expect } from "./fixtures.js";

test("an error is announced when it appears", async ({ calculator, page }) => {
  await calculator.open("calc=renewal-rate");
  await calculator.type("up_for_renewal", "12x");
  const message = calculator.message("up_for_renewal");
  await expect(message).toMatchAriaSnapshot(`- alert: /is not a number/`);
  // The field points at it, too.
  const described = await calculator.input("up_for_renewal").getAttribute("aria-describedby");
  expect(described).toContain("msg-up_for_renewal");
});

test("the live region speaks the headline once typing settles, not the whole grid", async ({ calculator, page }) => {
  await calculator.open("calc=ltv-cac&v=2&ltv=42000&cac=12000");
  await expect(page.getByTestId("results")).not.toHaveAttribute("aria-live", /.*/);
  const live = page.getByTestId("live-result");
  await expect(live).toHaveAttribute("aria-live", "polite");
  await calculator.type("cac", "20000");
  await expect(live).toHaveText("LTV:CAC 2.10:1, Below target");
  const tree = await page.locator("section.results").ariaSnapshot();
  expect(tree).toContain("LTV:CAC 2.10:1, Below target");
});

test("Settings closes with Escape and with a click outside", async ({ calculator, page }) => {
  await calculator.open("calc=mrr");
  const settings = page.locator("details.settings");
  await page.locator("summary", { hasText: "Settings" }).click();
  await expect(settings).toHaveAttribute("open", "");
  await page.keyboard.press("Escape");
  await expect(settings).not.toHaveAttribute("open", "");
  await expect(page.locator("details.settings summary")).toBeFocused();
  await page.locator("summary", { hasText: "Settings" }).click();
  await expect(settings).toHaveAttribute("open", "");
  await page.locator("h1").click();
  await expect(settings).not.toHaveAttribute("open", "");
  // The CSV option text fits its box.
  await page.locator("summary", { hasText: "Settings" }).click();
  const select = page.getByTestId("settings-csv");
  await select.selectOption("semicolon");
  const fits = await select.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  expect(fits).toBe(true);
});

test("yen amounts have no decimals", async ({ calculator, page }) => {
  await calculator.open("calc=mrr&v=2&active_customers=110&arpa=27");
  await page.locator("summary", { hasText: "Settings" }).click();
  await page.getByTestId("settings-currency").selectOption("JPY");
  await expect(calculator.result("mrr")).toHaveText("¥2,970");
  await page.getByTestId("settings-number-format").selectOption("comma");
  await expect(calculator.result("mrr")).toHaveText("¥2.970");
});

test("the tab title names the open calculator", async ({ calculator, page, home }) => {
  await calculator.open("calc=nps");
  await expect(page).toHaveTitle("Net Promoter Score (NPS) · cs-metrics");
  await page.getByTestId("back-home").click();
  await expect(page).toHaveTitle(/^cs-metrics/);
});

test("every choice shows all its options, labelled alike", async ({ calculator, page }) => {
  await calculator.open("calc=ltv-cac");
  const choice = calculator.input("mode");
  await expect(choice.getByRole("radio")).toHaveCount(2);
  await expect(page.getByRole("radiogroup", { name: "Where LTV comes from" })).toBeVisible();
  await expect(choice).toContainText("I know my LTV");
  await expect(choice).toContainText("Work it out from ARPA, churn and margin");
  for (const id of ["nps", "csat", "time-to-first-value"]) {
    await calculator.open(`calc=${id}`);
    await expect(page.getByRole("radiogroup", { name: "Enter your data as" })).toBeVisible();
  }
});

test("a pasted table opens the column picker", async ({ calculator, page }) => {
  await calculator.open("calc=nps");
  await calculator.paste("scores", "Name,Score\nAda,9\nBob,7\nCy,10\nDee,3");
  await expect(page.getByTestId("import-csv")).toHaveAttribute("open", "");
  await expect(page.getByTestId("import-summary")).toContainText("several columns");
  // The score column is suggested.
  await expect(page.getByTestId("import-column").locator("option:checked")).toContainText("Score");
  await page.getByTestId("import-apply").click();
  await calculator.expectValue("responses", "4");
  await calculator.expectValue("nps", "25"); // (2 − 1) / 4 × 100
  await expect(calculator.message("scores")).not.toContainText("not valid");
});

test("a number beyond a field's range quotes that range", async ({ calculator }) => {
  await calculator.open("calc=csat");
  await calculator.type("scale_max", "1e400");
  await expect(calculator.message("scale_max")).toContainText("at most 100");
  await expect(calculator.message("scale_max")).not.toContainText("1,000,000,000,000,000");
});

test("no stale bars: the histogram hides while the results wait", async ({ calculator, page }) => {
  await calculator.open("calc=ces&v=2&scores=7,5,4,6,1");
  await expect(page.getByTestId("distribution-scores")).toBeVisible();
  await calculator.type("scores", "7 5 4 6 1 x");
  await calculator.expectValue("ces", "");
  await expect(page.getByTestId("distribution-scores")).toBeHidden();
});

test("on a phone the headline stays in view after an edit", async ({ calculator, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await calculator.open("calc=nps");
  await calculator.choose("mode", "counts");
  await calculator.type("promoters", "120");
  await calculator.type("passives", "45");
  await calculator.type("detractors", "30");
  const bar = page.getByTestId("headline-bar");
  await expect(bar).toContainText("NPS 46.2");
  await expect(bar).toBeInViewport();
  // The results themselves are further down; the bar jumps there.
  await bar.click();
  await expect(calculator.result("nps")).toBeInViewport();
});

test("focus is shown in blue, never in an error's colour", async ({ calculator, page }) => {
  await calculator.open("calc=mrr");
  await calculator.input("arpa").focus();
  await page.keyboard.press("Tab");
  const colour = await page.evaluate(() => getComputedStyle(document.activeElement).outlineColor);
  const error = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--error"));
  expect(colour).not.toBe(error);
  expect(colour).toMatch(/rgb\((11, 87, 208|138, 180, 255)\)/);
});
