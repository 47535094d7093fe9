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

test("in a cross-site frame with storage and the clipboard blocked: no warning, a link to copy by hand", async ({ calculator, page, browser, baseURL }) => {
  const snippet = await snippetFor(calculator, page, "calc=nps&v=2&promoters=70&passives=20&detractors=10");
  expect(snippet).toContain('allow="clipboard-write"');
  const dir = mkdtempSync(join(tmpdir(), "cs-metrics-blog-"));
  writeFileSync(join(dir, "index.html"), readFileSync("tests/e2e/blog/index.html", "utf8").replace("<!--SNIPPETS-->", snippet));
  const blog = await serve(dir);
  // Another site, not just another port: localhost embeds 127.0.0.1.
  const blogUrl = blog.url.replace("127.0.0.1", "localhost");
  const context = await browser.newContext();
  // As Safari, Brave or a private window do in a third-party frame.
  await context.addInitScript(() => {
    if (window === window.top) return;
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("blocked", "NotAllowedError"));
  });
  const reader = await context.newPage();
  try {
    await reader.goto(blogUrl);
    const frame = reader.frameLocator("iframe[data-cs-metrics]");
    await expect(frame.locator('[data-result="nps"]')).toHaveAttribute("data-value", "60");
    await expect(frame.getByText("doesn't allow saving")).toHaveCount(0);
    await frame.getByTestId("copy-link").click();
    const fallback = frame.getByTestId("link-fallback");
    await expect(fallback).toBeVisible();
    const link = await fallback.inputValue();
    expect(link.startsWith(new URL(baseURL).origin)).toBe(true);
    expect(link).toContain("calc=nps&v=2&promoters=70&passives=20&detractors=10");
    // The full-app link carries the reader's current figures.
    await frame.locator('[data-input="passives"]').fill("0");
    await expect(frame.getByTestId("full-app")).toHaveAttribute("href", /passives=0/);
  } finally {
    await context.close();
    await blog.close();
  }
});

test("without the script, the snippet's height shows the whole calculator", async ({ calculator, page, browser }) => {
  await calculator.open("calc=nps&v=2&promoters=70&passives=20&detractors=10");
  await page.getByTestId("embed-panel").locator("summary").click();
  await page.getByTestId("embed-with-script").uncheck();
  await page.getByTestId("embed-theme").selectOption("dark");
  await expect(page.getByTestId("embed-height")).toContainText(/Height \d+ px/, { timeout: 15_000 });
  const snippet = await page.getByTestId("embed-snippet").inputValue();
  expect(snippet).not.toContain("<script>");
  expect(snippet).toContain("theme=dark");
  const height = Number(/height="(\d+)"/.exec(snippet)[1]);
  expect(height).toBeGreaterThan(300);
  const dir = mkdtempSync(join(tmpdir(), "cs-metrics-blog-"));
  // A 700 px column, as the height was measured for.
  const html = readFileSync("tests/e2e/blog/index.html", "utf8")
    .replace("max-width: 40rem", "max-width: 700px; padding: 0")
    .replace("<!--SNIPPETS-->", snippet);
  writeFileSync(join(dir, "index.html"), html);
  const blog = await serve(dir);
  const reader = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  try {
    await reader.goto(blog.url);
    const frame = reader.frameLocator("iframe[data-cs-metrics]");
    await expect(frame.locator('[data-result="nps"]')).toHaveAttribute("data-value", "60");
    const content = await frame.locator("body").evaluate((b) => b.getBoundingClientRect().height);
    const box = await reader.locator("iframe[data-cs-metrics]").evaluate((f) => f.getBoundingClientRect().height);
    expect(box).toBe(height);
    expect(content).toBeLessThanOrEqual(height);
  } finally {
    await reader.close();
    await blog.close();
  }
});
