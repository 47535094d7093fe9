// NPS end to end: the documented link (docs/metrics.md), typing key by key, pasting a survey column, the
// target, the chart with its numbers in text.
import { test, expect } from "./fixtures.js";

test("the NPS link shows NPS 60 and typing updates it", async ({ calculator, page }) => {
  await calculator.open("calc=nps&promoters=70&passives=20&detractors=10");
  await calculator.expectValue("nps", "60");
  await expect(calculator.result("nps")).toHaveText("60.0");
  await expect(calculator.input("promoters")).toHaveValue("70");
  // Key by key, as a person types: (80 − 10) / 110 × 100 = 63.63…
  await calculator.type("promoters", "80");
  await calculator.expectClose("nps", 63.636363636363);
  await calculator.type("detractors", "30");
  // (80 − 30) / 130 × 100 = 38.46…
  await calculator.expectClose("nps", 38.461538461538);
  await page.getByTestId("show-working").click();
  await expect(calculator.working("nps")).toHaveText("NPS = (80 − 30) / 130 × 100 = 38.5");
  await page.screenshot({ path: "test-results/nps-desktop.png", fullPage: true });
});

test("the breakdown chart shows counts and shares in text", async ({ calculator, page }) => {
  await calculator.open("calc=nps&promoters=70&passives=20&detractors=10");
  const chart = page.getByTestId("chart");
  await expect(chart).toBeVisible();
  await expect(chart).toContainText("Promoters (9–10): 70 (70.0%)");
  await expect(chart).toContainText("Passives (7–8): 20 (20.0%)");
  await expect(chart).toContainText("Detractors (0–6): 10 (10.0%)");
  await calculator.expectValue("promoters_pct", "70");
  await calculator.expectClose("margin_of_error", 13.001169178193);
});

test("a pasted column of a few hundred scores with mixed separators", async ({ calculator }) => {
  await calculator.open("calc=nps");
  await calculator.choose("mode", "scores");
  // 300 answers: 150 promoters (9, 10), 90 passives (7, 8), 60 detractors (0–6), separated by
  // newlines, commas, tabs, semicolons and spaces, under a header line.
  const scores = [];
  for (let i = 0; i < 150; i++) scores.push(i % 2 ? "9" : "10");
  for (let i = 0; i < 90; i++) scores.push(i % 2 ? "7" : "8");
  for (let i = 0; i < 60; i++) scores.push(String(i % 7));
  const seps = ["\n", ",", "\t", ";", " ", "\r\n"];
  const text = "How likely are you to recommend us?\n" + scores.map((s, i) => s + seps[i % seps.length]).join("");
  await calculator.fill("scores", text);
  await calculator.expectValue("responses", "300");
  await calculator.expectValue("promoters", "150");
  await calculator.expectValue("passives", "90");
  await calculator.expectValue("detractors", "60");
  await calculator.expectValue("nps", "30"); // (150 − 60) / 300 × 100
  await expect(calculator.message("scores")).toContainText("as a header");
  await expect(calculator.message("scores")).toContainText("Read 300 values.");
});

test("bad scores are listed by position, and can be skipped", async ({ calculator, page }) => {
  await calculator.open("calc=nps&scores=9,10,11,abc,8");
  await expect(calculator.message("scores")).toContainText("entry 3 “11” (above 10)");
  await expect(calculator.message("scores")).toContainText("entry 4 “abc” (not a number)");
  await expect(calculator.input("scores")).toHaveAttribute("aria-invalid", "true");
  await calculator.expectValue("nps", "");
  await page.getByTestId("skip-invalid").check();
  await calculator.expectValue("responses", "3");
  await expect(calculator.message("scores")).toContainText("Ignored 2 entries");
});

test("the target tells how many more promoters it takes", async ({ calculator }) => {
  await calculator.open("calc=nps&promoters=120&passives=45&detractors=30");
  await calculator.type("target_nps", "50");
  await calculator.expectValue("promoters_needed", "15"); // (9750 − 9000) / 50
  await calculator.type("target_nps", "100");
  await calculator.expectValue("promoters_needed", "");
  await expect(calculator.result("promoters_needed").locator("..")).toContainText("can't be reached");
});
