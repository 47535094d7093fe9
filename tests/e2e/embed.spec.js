// Embedding: a page playing a blog, on another loopback origin, embeds two calculators with
// the snippet the app generates; they render, compute, fit their frames and stay inside them.
// And the strict CSP: inline scripts other than Trunk's own are refused.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect } from "./fixtures.js";
import { serve } from "./static-server.js";

async function snippetFor(calculator, page, query) {
  await calculator.open(query);
  await page.getByTestId("embed-panel").locator("summary").click();
  // The snippet is built when the panel opens (its toggle event), a moment after the click.
  await expect(page.getByTestId("embed-snippet")).toHaveValue(/<iframe/);
  return page.getByTestId("embed-snippet").inputValue();
}

test("a blog on another origin embeds two calculators", async ({ calculator, page, browser, baseURL }) => {
  const nps = await snippetFor(calculator, page, "calc=nps&promoters=70&passives=20&detractors=10");
  const ltv = await snippetFor(calculator, page, "calc=ltv-cac&ltv=42000&cac=12000");
  expect(nps).toContain('loading="lazy"');
  expect(nps).toContain("embed=1");
  const dir = mkdtempSync(join(tmpdir(), "cs-metrics-blog-"));
  const html = readFileSync("tests/e2e/blog/index.html", "utf8").replace("<!--SNIPPETS-->", `${nps}\n<p>And:</p>\n${ltv}`);
  writeFileSync(join(dir, "index.html"), html);
  const blog = await serve(dir);
  const appOrigin = new URL(baseURL).origin;
  const reader = await browser.newPage({ viewport: { width: 800, height: 900 } });
  const foreign = [];
  reader.on("request", (r) => {
    const origin = new URL(r.url()).origin;
    if (origin !== appOrigin && origin !== blog.origin) foreign.push(r.url());
  });
  const errors = [];
  reader.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  try {
    await reader.goto(blog.url);
    const frames = reader.locator("iframe[data-cs-metrics]");
    await expect(frames).toHaveCount(2);
    const first = reader.frameLocator("iframe[data-cs-metrics] >> nth=0");
    const second = reader.frameLocator("iframe[data-cs-metrics] >> nth=1");
    await expect(first.locator('[data-result="nps"]')).toHaveAttribute("data-value", "60");
    await expect(second.locator('[data-result="verdict"]')).toHaveAttribute("data-value", "healthy");
    // No app chrome inside the frame: no header, no "all calculators" link.
    await expect(first.locator(".app-header")).toHaveCount(0);
    await expect(first.getByTestId("back-home")).toHaveCount(0);
    // It computes inside the frame.
    await first.locator('[data-input="passives"]').fill("0");
    // (70 − 10) / 80 × 100 = 75
    await expect(first.locator('[data-result="nps"]')).toHaveAttribute("data-value", "75");
    // The frames fit their content: the script set their height from the messages.
    for (const [i, frame] of [first, second].entries()) {
      await expect.poll(async () => frames.nth(i).evaluate((f) => f.style.height)).toMatch(/^\d+px$/);
      const content = await frame.locator("body").evaluate((b) => b.getBoundingClientRect().height);
      await expect
        .poll(async () => frames.nth(i).evaluate((f) => f.getBoundingClientRect().height))
        .toBeCloseTo(Math.ceil(content), 0);
    }
    // The credit link opens the full app in a new tab; the blog stays where it is.
    const credit = first.locator(".embed-credit a");
    await expect(credit).toHaveAttribute("target", "_blank");
    expect(await credit.getAttribute("href")).not.toContain("embed=1");
    expect(reader.url()).toBe(blog.url);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await reader.close();
    await blog.close();
  }
});

test("embed=1 with theme=dark shows the calculator alone, dark", async ({ page, calculator }) => {
  await calculator.open("calc=fcr&tickets=200&resolved_first_contact=140&embed=1&theme=dark");
  await calculator.expectValue("fcr_pct", "70");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.locator(".app-header")).toHaveCount(0);
  await calculator.type("tickets", "280");
  await calculator.expectValue("fcr_pct", "50");
  await expect.poll(() => calculator.query()).toContain("tickets=280&resolved_first_contact=140&embed=1&theme=dark");
});

test("the CSP refuses scripts that are not the app's own", async ({ browser, baseURL }) => {
  const page = await browser.newPage();
  const refused = [];
  page.on("console", (m) => m.type() === "error" && refused.push(m.text()));
  await page.goto(`${baseURL}?calc=nps`);
  await page.locator("[data-calc]").waitFor();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toContain("unsafe-inline");
  const ran = await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.body.append(s);
    return window.__injected === true;
  });
  expect(ran).toBe(false);
  expect(refused.join("\n")).toContain("Content Security Policy");
  await page.close();
});
