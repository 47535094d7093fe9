// The results view (issue 15): a hierarchy on every calculator, numbers that never break,
// "Try an example", the compact embed, the working that agrees with the figure, and results
// to take away (chart files, print, "Copy results").
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { test, expect, svgSize } from "./fixtures.js";
import { CALCULATOR_IDS } from "./examples.js";
import { serve } from "./static-server.js";

const NPS = "calc=nps&promoters=120&passives=45&detractors=30";

/** The document's height with a short window: its content's, not the window's. */
async function contentHeight(page) {
  return page.evaluate(() => document.documentElement.scrollHeight);
}

for (const id of CALCULATOR_IDS) {
  test(`${id}: an example, one headline, no echoes, one-line numbers, working that agrees`, async ({ calculator, page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await calculator.open(`calc=${id}`);
    // Empty: an example to play with, labelled as one.
    await page.getByTestId("try-example").click();
    await expect(page.getByTestId("notice")).toContainText("example figures");
    await expect(page.getByTestId("try-example")).toHaveCount(0);
    const headline = page.getByTestId("headline");
    await expect(headline).toHaveCount(1);
    // A figure, or the reason there is none (an example may show an undefined result).
    // Waited for: the billing import's example is read once its reader's part arrives.
    await expect
      .poll(async () => {
        const value = await headline.locator("output.headline-value").getAttribute("data-value");
        const reason = await headline.locator(".reason").allTextContents();
        return value !== "" || reason.some((r) => r.trim() !== "");
      })
      .toBe(true);

    // No shown figure repeats an input of the form.
    const shown = await page.locator(".report output[data-result]:not([hidden])").evaluateAll((els) =>
      els.map((e) => e.dataset.result),
    );
    for (const result of shown) {
      await expect(page.locator(`[data-field="${result}"]:not([hidden])`)).toHaveCount(0);
    }

    // Every number on one line at 320 px, and nothing wider than the window.
    const broken = await page.locator(".report .value").evaluateAll((els) =>
      els.filter((e) => e.getClientRects().length > 1).map((e) => `${e.dataset.result}: ${e.textContent}`),
    );
    expect(broken).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

    // The working's final figure is the figure shown.
    await page.getByTestId("show-working").click();
    await expect(page.getByTestId("show-working")).toHaveAttribute("aria-pressed", "true");
    const workings = await page.locator(".report [data-working]").evaluateAll((els) =>
      els.map((w) => ({
        text: w.textContent,
        shown: document.querySelector(`.report output[data-result="${w.dataset.working}"]`)?.textContent,
      })),
    );
    expect(workings.length).toBeGreaterThan(0);
    for (const { text, shown } of workings) expect(text.endsWith(`= ${shown}`), `${text} / ${shown}`).toBe(true);
  });
}

test("the working toggle is remembered", async ({ calculator, page }) => {
  await calculator.open(NPS);
  await expect(calculator.working("nps")).toHaveCount(0);
  await page.getByTestId("show-working").click();
  await expect(calculator.working("nps")).toHaveText("NPS = (120 − 30) / 195 × 100 = 46.2");
  await calculator.open("calc=churn-rate&customers_start=400&customers_lost=20");
  await expect(calculator.working("churn_pct")).toBeVisible();
});

test("NPS reads on the rule of thumb beside its interval, and says when the interval spans two bands", async ({ calculator, page }) => {
  await calculator.open(NPS);
  await expect(page.getByTestId("reading")).toHaveText("great");
  await expect(page.locator(".reading")).toContainText("Rule of thumb (Bain & Company)");
  await expect(page.locator(".reading")).toContainText("Not a benchmark of your industry");
  await expect(page.locator(".reading")).toContainText("The interval stays within “great”");
  await expect(page.getByTestId("headline")).toHaveClass(/tone-good/);
  // 12 promoters, 5 passives, 3 detractors: NPS 45, interval about 18–72, from "good" to "excellent".
  await calculator.open("calc=nps&promoters=12&passives=5&detractors=3");
  await expect(page.locator(".reading")).toContainText("The interval spans “good” to “excellent”");
});

test("the target reads in words, the number on one line", async ({ calculator, page }) => {
  await calculator.open(`${NPS}&target_nps=50`);
  const phrase = page.locator(".phrase", { hasText: "more answers" });
  await expect(phrase).toHaveText("15 more answers of 9–10, with no new detractors");
  await expect(calculator.result("promoters_needed")).toHaveText("15");
});

test("the compact NPS embed fits 640 px at 700 px wide and scrolls sideways at no width", async ({ calculator, page }) => {
  await page.setViewportSize({ width: 700, height: 200 });
  await calculator.open(`${NPS}&target_nps=50&embed=1`);
  await expect(calculator.result("nps")).toHaveAttribute("data-value", /^46\.15/);
  expect(await contentHeight(page)).toBeLessThanOrEqual(640);
  // The headline, its reading, the chart and the three figures are all there.
  await expect(page.getByTestId("reading")).toBeVisible();
  await expect(page.getByTestId("chart")).toBeVisible();
  await expect(page.locator(".figures").first().locator(".figure")).toHaveCount(3);
  for (const width of [360, 320]) {
    await page.setViewportSize({ width, height: 200 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
});

test("the snippet carries the figures the author picks; the rest sit behind More results, which resizes the frame", async ({ calculator, page, browser }) => {
  await calculator.open(`${NPS}&target_nps=50`);
  await page.getByTestId("embed-panel").locator("summary").click();
  // The first three are picked; a fourth can't be while three are.
  await expect(page.getByTestId("embed-show-margin_of_error")).toBeChecked();
  await page.getByTestId("embed-show-margin_of_error").uncheck();
  await page.getByTestId("embed-show-promoters_needed").uncheck();
  await expect(page.getByTestId("embed-snippet")).toHaveValue(/show=responses"/);
  const snippet = await page.getByTestId("embed-snippet").inputValue();

  const dir = mkdtempSync(join(tmpdir(), "cs-metrics-blog-"));
  writeFileSync(join(dir, "index.html"), readFileSync("tests/e2e/blog/index.html", "utf8").replace("<!--SNIPPETS-->", snippet));
  const blog = await serve(dir);
  const reader = await browser.newPage({ viewport: { width: 800, height: 900 } });
  try {
    await reader.goto(blog.url);
    const frame = reader.frameLocator("iframe[data-cs-metrics]");
    const iframe = reader.locator("iframe[data-cs-metrics]");
    await expect(frame.locator(".figures").first().locator(".figure")).toHaveCount(1);
    await expect.poll(() => iframe.evaluate((f) => f.style.height)).toMatch(/^\d+px$/);
    const before = await iframe.evaluate((f) => f.getBoundingClientRect().height);
    await frame.locator(".more-results summary").click();
    await expect(frame.locator('.more-results [data-result="margin_of_error"]')).toBeVisible();
    // The frame follows its content (inputs beside results: the taller column sets it).
    await expect.poll(() => iframe.evaluate((f) => f.getBoundingClientRect().height)).toBeGreaterThan(before);
    const content = await frame.locator("body").evaluate((b) => b.getBoundingClientRect().height);
    await expect.poll(() => iframe.evaluate((f) => f.getBoundingClientRect().height)).toBeCloseTo(Math.ceil(content), 0);
  } finally {
    await reader.close();
    await blog.close();
  }
});

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes) {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Whether a PNG has pixels of more than one colour (a chart, not a blank canvas). */
function pngHasDrawing(bytes) {
  const chunks = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.subarray(at + 4, at + 8).toString("latin1") === "IDAT") chunks.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  return new Set(raw).size > 4;
}

test("the chart downloads as a valid SVG and PNG of the right size", async ({ calculator, page }) => {
  await calculator.open(NPS);
  const [svgDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("cs-metrics-nps-chart-svg").click()]);
  expect(svgDownload.suggestedFilename()).toBe("cs-metrics-nps-chart.svg");
  const svg = readFileSync(await svgDownload.path(), "utf8");
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="640" height="240"/);
  expect(svg).toContain("Promoters (9–10): 120 (61.5%)");
  // It parses as an image in the browser.
  expect(await svgSize(page, svg)).toEqual([640, 240]);

  const [pngDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("cs-metrics-nps-chart-png").click()]);
  expect(pngDownload.suggestedFilename()).toBe("cs-metrics-nps-chart.png");
  const png = readFileSync(await pngDownload.path());
  // Drawn at twice the size, sharp on a high-density screen or a slide.
  expect(pngSize(png)).toEqual([1280, 480]);
  expect(pngHasDrawing(png)).toBe(true);
});

test("a calculator prints on one page, without its controls", async ({ calculator, page }) => {
  await calculator.open(`${NPS}&target_nps=50`);
  await page.getByTestId("show-working").click();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("copy-link")).toBeHidden();
  await expect(calculator.working("nps")).toBeVisible();
  // Back to no emulation: page.pdf() then prints with the print styles, as a browser does.
  await page.emulateMedia({ media: null });
  for (const format of ["A4", "Letter"]) {
    const pdf = await page.pdf({ format, printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    expect(pages, format).toBe(1);
  }
});

test("Copy results puts a short summary on the clipboard", async ({ calculator, page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(baseURL).origin });
  await calculator.open(NPS);
  await page.getByTestId("copy-results").click();
  await expect(page.locator(".results .action-status").last()).toContainText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    "NPS 46.2 (95 % interval 35.7–56.6) from 195 answers: 120 promoters, 45 passives, 30 detractors",
  );
  // Without a summary of its own, a calculator gives its headline, verdict and figures.
  await calculator.open("calc=ltv-cac&mode=arpa&arpa=100&churn_pct=3&gross_margin_pct=75&cac=1000");
  await page.getByTestId("copy-results").click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^LTV:CAC 2\.50:1; /);
});

test("arrow keys move through the filter's matches on the home view", async ({ home, page }) => {
  await home.open();
  await home.filter.fill("churn");
  await home.filter.press("ArrowDown");
  const cards = home.visibleCards();
  await expect(cards.first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(cards.nth(1)).toBeFocused();
  await page.keyboard.press("End");
  await expect(cards.last()).toBeFocused();
  await page.keyboard.press("Home");
  await expect(cards.first()).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(home.filter).toBeFocused();
  // Enter on a focused card opens it.
  await home.filter.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-calc]")).toBeVisible();
});
