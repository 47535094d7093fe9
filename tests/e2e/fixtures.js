// Shared fixtures: the app's base URL, and a page that fails the test on any console error,
// uncaught exception or request to another origin.
import { test as base, expect } from "@playwright/test";
import { CalculatorPage, HomePage } from "./pages/app-pages.js";

export const test = base.extend({
  baseURL: async ({}, use) => use(process.env.CS_METRICS_URL),
  page: async ({ page, baseURL }, use) => {
    const problems = [];
    const origin = new URL(baseURL).origin;
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("request", (req) => {
      const url = req.url();
      if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) {
        problems.push(`request to another origin: ${url}`);
      }
    });
    await use(page);
    expect(problems, "console errors, page errors or foreign requests").toEqual([]);
  },
  calculator: async ({ page }, use) => use(new CalculatorPage(page)),
  home: async ({ page }, use) => use(new HomePage(page)),
});

export { expect };

/** The natural size of an SVG document as the browser decodes it: [width, height]. */
export async function svgSize(page, text) {
  return page.evaluate(async (svg) => {
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    await img.decode();
    return [img.naturalWidth, img.naturalHeight];
  }, text);
}
