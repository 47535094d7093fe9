// CSV in the browser: real downloads from both export buttons, read back and checked (also by
// Python's csv module, as a spreadsheet would); an import through the file input.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures.js";

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path, bytes: readFileSync(path) };
}

function rows(text, sep = ",") {
  // Our exports quote only fields with separators; these tests read simple rows.
  return text.replace(/^\uFEFF/, "").trimEnd().split("\r\n").map((line) => line.split(sep));
}

test("export CSV downloads the calculator with exact values", async ({ calculator, page }) => {
  await calculator.open("calc=nps&promoters=120&passives=45&detractors=30&target_nps=50");
  await calculator.expectValue("promoters_needed", "15");
  const file = await download(page, "export-csv");
  expect(file.name).toMatch(/^cs-metrics-nps-\d{4}-\d{2}-\d{2}\.csv$/);
  expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = file.bytes.toString("utf8");
  expect(text).toContain("\r\n");
  const table = rows(text);
  expect(table[0]).toEqual(["metric", "kind", "field", "label", "value", "shown", "unit", "note", "scenario"]);
  const get = (kind, field) => table.find((r) => r[1] === kind && r[2] === field);
  expect(get("input", "promoters")[4]).toBe("120");
  expect(Number(get("result", "nps")[4])).toBeCloseTo(46.153846153846, 10);
  // The value as the page shows it, for a person reading the file.
  expect(get("result", "nps")[5]).toBe("46.2");
  expect(get("result", "margin_of_error")[5]).toBe("10.5 pts");
  expect(get("result", "promoters_needed")[4]).toBe("15");
  expect(execFileSync("python3", ["tests/e2e/csv-check.py", file.path]).toString()).toMatch(/^ok \d+ numbers/);
});

test("the decimal-comma CSV option uses ; and a decimal comma", async ({ calculator, page }) => {
  await calculator.open("calc=ltv-cac&ltv=42000&cac=12000");
  await page.locator("summary", { hasText: "Settings" }).click();
  await page.getByTestId("settings-csv").selectOption("semicolon");
  const file = await download(page, "export-csv");
  const table = rows(file.bytes.toString("utf8"), ";");
  expect(table.find((r) => r[2] === "ltv_cac_ratio")[4]).toBe("3,5");
  expect(table.find((r) => r[2] === "verdict").slice(4, 8)).toEqual(["healthy", "Healthy", "", "The 3:1 benchmark is met."]);
  // As the page shows it (the page keeps its own number format).
  expect(table.find((r) => r[2] === "ltv_cac_ratio")[5]).toBe("3.50:1");
  expect(execFileSync("python3", ["tests/e2e/csv-check.py", file.path, ";"]).toString()).toMatch(/^ok/);
});

test("export all downloads every calculator with inputs", async ({ calculator, page, home }) => {
  await calculator.open("calc=arpa&mrr=20000&accounts=250");
  await calculator.expectValue("arpa", "80");
  await calculator.open("calc=fcr&tickets=200&resolved_first_contact=140");
  await calculator.expectValue("fcr_pct", "70");
  await home.open();
  const file = await download(page, "export-all-csv");
  expect(file.name).toMatch(/^cs-metrics-all-\d{4}-\d{2}-\d{2}\.csv$/);
  const table = rows(file.bytes.toString("utf8"));
  expect(new Set(table.slice(1).map((r) => r[0]))).toEqual(new Set(["arpa", "fcr"]));
  expect(table.find((r) => r[0] === "arpa" && r[2] === "arpa")[4]).toBe("80");
  expect(table.find((r) => r[0] === "fcr" && r[2] === "fcr_pct")[4]).toBe("70");
});

test("import a survey export through the file input", async ({ calculator, page }) => {
  await calculator.open("calc=nps");
  await page.getByTestId("import-csv").locator("summary").click();
  await page.getByTestId("import-file").setInputFiles("tests/fixtures/csv/surveymonkey.csv");
  // The question column is preselected, not the numeric ID columns.
  await expect(page.getByTestId("import-column")).toHaveValue("3");
  await page.getByTestId("import-apply").click();
  await expect(page.getByTestId("import-summary")).toHaveText(
    "Took 4 values; 1 blank cell left out; skipped row 7 “n/a” (not a number).",
  );
  await calculator.expectValue("responses", "4");
  await calculator.expectValue("nps", "25"); // 10, 9 promoters; 6 detractor; 8 passive: (2 − 1) / 4
});

test("a damaged CSV gets a clear message", async ({ calculator, page }) => {
  await calculator.open("calc=csat");
  await page.getByTestId("import-csv").locator("summary").click();
  await page.getByTestId("import-text").fill('id,score\n1,"4\n2,5\n');
  await page.getByTestId("import-read").click();
  await expect(page.getByTestId("import-summary")).toContainText("starts on line 2 never ends");
});
