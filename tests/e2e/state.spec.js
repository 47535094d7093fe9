// State: links that open a calculator with its inputs, the URL kept in step without history
// spam, autosave across reloads, reset, and bad links that explain themselves.
import { test, expect } from "./fixtures.js";

test("a link round-trips: load, change, reload, same state", async ({ calculator, page }) => {
  await calculator.open("calc=ltv-cac&ltv=42000&cac=12000");
  await calculator.expectValue("ltv_cac_ratio", "3.5");
  await calculator.expectValue("verdict", "healthy");
  const historyLength = await page.evaluate(() => history.length);
  await calculator.type("cac", "20000");
  await calculator.expectValue("ltv_cac_ratio", "2.1");
  await calculator.expectValue("verdict", "below-target");
  await expect.poll(() => calculator.query()).toBe("?calc=ltv-cac&v=2&ltv=42000&cac=20000");
  expect(await page.evaluate(() => history.length)).toBe(historyLength); // replaceState only
  await page.reload();
  await calculator.expectValue("ltv_cac_ratio", "2.1");
  await expect(calculator.input("cac")).toHaveValue("20000");
});

test("inputs are saved and restored; reset clears them", async ({ calculator, page }) => {
  await calculator.open("calc=renewal-rate");
  await calculator.type("up_for_renewal", "120");
  await calculator.type("renewed", "90");
  await calculator.expectValue("renewal_pct", "75");
  await page.goto("./?calc=renewal-rate"); // no inputs in the link: the saved ones come back
  await calculator.expectValue("renewal_pct", "75");
  await expect(calculator.input("renewed")).toHaveValue("90");
  await page.getByTestId("reset").click();
  await expect(calculator.input("renewed")).toHaveValue("");
  await calculator.expectValue("renewal_pct", "");
  await page.reload();
  await expect(calculator.input("renewed")).toHaveValue("");
});

test("a million pasted scores are saved and come back after a reload", async ({ calculator, page }) => {
  test.setTimeout(60_000);
  await calculator.open("calc=nps");
  await calculator.choose("mode", "scores");
  await calculator.paste("scores", "9\n10\n7\n3\n8\n".repeat(200_000)); // 2.2 MB
  await calculator.expectValue("responses", "1000000");
  await calculator.expectValue("nps", "20");
  // Saved in a task of its own, right after the result shows; stored as typed, not tripled
  // by percent-encoding, so it fits the browser's quota.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem("cs-metrics:v1:calc:nps")?.length ?? 0))
    .toBeGreaterThan(2_000_000);
  await expect(page.getByText("storage is full")).toHaveCount(0);
  // The address bar carries the list as its counts (the same results); a reload of the app's
  // own link brings back the saved list itself.
  await expect.poll(() => calculator.query()).toBe("?calc=nps&v=2&scores=3*200000,7*200000,8*200000,9*200000,10*200000");
  await page.reload();
  await calculator.expectValue("responses", "1000000");
  await calculator.expectValue("nps", "20");
  await expect(page.getByTestId("large-scores")).toContainText("1,000,000 lines");
});

test("a reload right after typing keeps the last keystroke", async ({ calculator, page }) => {
  await calculator.open("calc=arpa");
  await calculator.type("mrr", "20000");
  await calculator.type("accounts", "250");
  await calculator.expectValue("arpa", "80");
  // No pause: the address bar may still hold an earlier link (it is written at most every
  // 200 ms), but the inputs were saved at once and the app knows that link as its own.
  await page.reload();
  await calculator.expectValue("arpa", "80");
  await expect(calculator.input("accounts")).toHaveValue("250");
});

test("reopening an older link of the same tab shows that link, not the later edits", async ({ calculator, page }) => {
  // The page's clock is Playwright's: it runs as usual, and can jump instead of being waited for.
  await page.clock.install();
  await calculator.open("calc=arpa&mrr=1000&accounts=10");
  await calculator.expectValue("arpa", "100");
  // One change, so the link it replaces is exactly the one opened.
  await calculator.fill("accounts", "20");
  await calculator.expectValue("arpa", "50");
  await expect.poll(() => calculator.query()).toBe("?calc=arpa&v=2&mrr=1000&accounts=20");
  // The replaced link counts as the app's own only for a few seconds (a reload racing a
  // write; engine::state::record::SUPERSEDED_GRACE_MS).
  await page.clock.fastForward(5_200);
  await calculator.open("calc=arpa&mrr=1000&accounts=10");
  await calculator.expectValue("arpa", "100");
});

test("a link's inputs win over saved ones", async ({ calculator, page }) => {
  await calculator.open("calc=arpa&mrr=1000&accounts=10");
  await calculator.expectValue("arpa", "100");
  await calculator.open("calc=arpa&mrr=2000&accounts=10");
  await calculator.expectValue("arpa", "200");
  await page.goto("./?calc=arpa");
  await calculator.expectValue("arpa", "200");
});

test("defaults are visible in their fields", async ({ calculator }) => {
  await calculator.open("calc=csat");
  await expect(calculator.input("scale_max")).toHaveValue("5");
  await expect(calculator.input("satisfied_min")).toHaveValue("4");
  await calculator.open("calc=ltv");
  await expect(calculator.input("gross_margin_pct")).toHaveValue("100");
});

test("an unknown calculator explains itself and the app still works", async ({ page, home }) => {
  await page.goto("./?calc=no-such-thing");
  await expect(page.getByTestId("unknown-calc")).toContainText("no-such-thing");
  await home.card("nps").click();
  await expect(page.locator("[data-calc=nps]")).toBeVisible();
});

test("bad values in a link show as field errors, scripts stay text", async ({ calculator, page }) => {
  await calculator.open("calc=nps&promoters=%3Cscript%3Ealert(1)%3C%2Fscript%3E&passives=..%2F..%2Fetc&detractors=-5&junk=1");
  await expect(calculator.message("promoters")).toContainText("is not a number");
  await expect(calculator.message("passives")).toContainText("is not a number");
  await expect(calculator.message("detractors")).toContainText("can't be negative");
  await expect(page.getByTestId("notice")).toContainText("junk");
  expect(await page.locator("main script").count()).toBe(0);
  await calculator.type("promoters", "5");
  await expect(calculator.message("promoters")).toBeEmpty();
});

test("a corrupt saved value is ignored with a notice", async ({ calculator, page }) => {
  await calculator.open("calc=fcr");
  await page.evaluate(() => localStorage.setItem("cs-metrics:v1:calc:fcr", "{garbage"));
  await page.reload();
  await expect(page.getByTestId("notice")).toContainText("couldn't be read");
  await calculator.type("tickets", "10");
  await calculator.type("resolved_first_contact", "5");
  await calculator.expectValue("fcr_pct", "50");
});

test("the back button returns to the list", async ({ page, home }) => {
  await home.open();
  await home.card("churn-rate").click();
  await expect(page.locator("[data-calc=churn-rate]")).toBeVisible();
  await page.goBack();
  await expect(home.filter).toBeVisible();
});

test("the decimal-comma setting reads and shows numbers the European way", async ({ calculator, page }) => {
  await calculator.open("calc=mrr");
  await page.locator("summary", { hasText: "Settings" }).click();
  await page.getByTestId("settings-number-format").selectOption("comma");
  await page.getByTestId("settings-currency").selectOption("EUR");
  await calculator.type("active_customers", "1.000");
  await calculator.type("arpa", "12,50");
  await calculator.expectValue("mrr", "12500");
  await expect(calculator.result("mrr")).toHaveText("€12.500,00");
  await page.reload();
  await expect(calculator.result("mrr")).toHaveText("€12.500,00");
  await page.locator("summary", { hasText: "Settings" }).click();
  await expect(page.getByTestId("settings-number-format")).toHaveValue("comma");
});

test("what the first release saved and linked still opens the same", async ({ calculator, page }) => {
  await calculator.open("calc=arpa");
  await page.evaluate(() => localStorage.setItem("cs-metrics:v1:calc:arpa", "v=1&mrr=20000&accounts=250"));
  await page.goto("./?calc=arpa");
  await calculator.expectValue("arpa", "80");
  // Its links carry no version: numbers both formats read alike open as they were.
  await calculator.open("calc=ltv-cac&ltv=42000&cac=12000");
  await calculator.expectValue("ltv_cac_ratio", "3.5");
});
