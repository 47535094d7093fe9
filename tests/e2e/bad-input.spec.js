// Bad input never breaks the page: each case gets a clear message where it belongs, the rest
// of the app keeps working, and (through the fixture) the console stays free of errors.
import { test, expect } from "./fixtures.js";

test("an 11 MB paste is read, carried by the link as its counts, and the save failure is explained", async ({ calculator, page }) => {
  test.setTimeout(90_000);
  await calculator.open("calc=nps");
  await calculator.choose("mode", "scores");
  const text = "9\n10\n7\n3\n8\n".repeat(1_000_000); // 5,000,000 answers, 11 MB
  await calculator.paste("scores", text);
  await expect(calculator.result("responses")).toHaveAttribute("data-value", "5000000", { timeout: 30_000 });
  await calculator.expectValue("nps", "20"); // (2 − 1) / 5 × 100
  await expect(page.getByTestId("large-scores")).toContainText("11.0 MB pasted, 5,000,000 lines");
  await expect(page.getByText("storage is full")).toBeVisible();
  await expect.poll(() => calculator.query()).toContain("scores=3*1000000,7*1000000,8*1000000,9*1000000,10*1000000");
  expect((await calculator.query()).length).toBeLessThan(200);
  // Still responsive: another field updates at once.
  await calculator.type("target_nps", "30");
  await expect(calculator.result("promoters_needed")).not.toHaveAttribute("data-value", "");
  await page.getByTestId("large-clear").click();
  await expect(calculator.input("scores")).toBeVisible();
  await calculator.expectValue("responses", "");
});

test("emoji and other scripts get a message, not a crash", async ({ calculator }) => {
  await calculator.open("calc=renewal-rate");
  await calculator.type("up_for_renewal", "🙂");
  await expect(calculator.message("up_for_renewal")).toContainText("is not a number");
  await calculator.fill("up_for_renewal", "١٢٠");
  await expect(calculator.message("up_for_renewal")).toContainText("digits from another script");
  await calculator.fill("up_for_renewal", "120");
  await calculator.fill("renewed", "90");
  await calculator.expectValue("renewal_pct", "75");
});

test("an oversized saved entry is read safely", async ({ calculator, page }) => {
  await calculator.open("calc=fcr");
  await page.evaluate(() => localStorage.setItem("cs-metrics:v1:calc:fcr", "v=1&tickets=" + "9".repeat(2_000_000)));
  await page.reload();
  await expect(calculator.message("tickets")).toContainText("too large");
  await calculator.fill("tickets", "200");
  await calculator.fill("resolved_first_contact", "140");
  await calculator.expectValue("fcr_pct", "70");
});

test("without localStorage the app works and says inputs won't be kept", async ({ calculator, page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await calculator.open("calc=arpa&mrr=20000&accounts=250");
  await calculator.expectValue("arpa", "80");
  await expect(page.getByText("won't be kept after a reload").first()).toBeVisible();
  await calculator.type("accounts", "200");
  await calculator.expectValue("arpa", "100");
});

test("with storage full the app works and says so", async ({ calculator, page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("Quota exceeded", "QuotaExceededError");
    };
  });
  await calculator.open("calc=arpa");
  await calculator.type("mrr", "20000");
  await calculator.type("accounts", "250");
  await calculator.expectValue("arpa", "80");
  await expect(page.getByText("storage is full")).toBeVisible();
});
