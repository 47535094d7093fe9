// Installable and offline: Chromium's installability check, a reload with the network cut,
// a second build at the same address announcing itself, and hosting under a sub-path.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { test, expect } from "./fixtures.js";
import { serve } from "./static-server.js";

/** Waits until a service worker controls the page (reloading once if needed). */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

test("Chromium finds the app installable", async ({ baseURL }) => {
  const profile = mkdtempSync(join(tmpdir(), "cs-metrics-install-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const page = await context.newPage();
  await page.goto(baseURL);
  await page.getByTestId("calc-filter").waitFor();
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors).toEqual([]);
  const manifest = await cdp.send("Page.getAppManifest");
  expect(manifest.errors).toEqual([]);
  await context.close();
});

test("works offline, for a calculator opened before and one never visited", async ({ page, calculator, context }) => {
  await calculator.open("calc=nps&promoters=70&passives=20&detractors=10");
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await calculator.expectValue("nps", "60");
  await calculator.open("calc=arpa&mrr=20000&accounts=250");
  await calculator.expectValue("arpa", "80");
  await context.setOffline(false);
});

test("a new build at the same address offers a reload into it", async ({ browser }) => {
  const first = mkdtempSync(join(tmpdir(), "cs-metrics-v1-"));
  const second = mkdtempSync(join(tmpdir(), "cs-metrics-v2-"));
  cpSync("dist", first, { recursive: true });
  cpSync("dist", second, { recursive: true });
  // The second build: a marker in its page and a different worker version.
  const index = readFileSync(join(second, "index.html"), "utf8").replace("<title>", '<meta name="cs-build" content="v2"><title>');
  writeFileSync(join(second, "index.html"), index);
  const sw = readFileSync(join(second, "sw.js"), "utf8").replace(/const VERSION = "([^"]+)"/, 'const VERSION = "$1-v2"');
  writeFileSync(join(second, "sw.js"), sw);

  const app = await serve(first);
  const page = await browser.newPage();
  try {
    await page.goto(`${app.url}?calc=nps`);
    await page.locator("[data-calc]").waitFor();
    await controlled(page);
    await expect(page.getByTestId("update-notice")).toBeHidden();
    app.setRoot(second);
    await page.reload();
    await expect(page.getByTestId("update-notice")).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('meta[name="cs-build"]')).toHaveCount(0); // still the cached first build
    await page.getByTestId("update-reload").click();
    await expect(page.locator('meta[name="cs-build"]')).toHaveCount(1, { timeout: 15_000 });
    await page.locator("[data-calc]").waitFor();
  } finally {
    await page.close();
    await app.close();
  }
});

test("works under a sub-path", async ({ browser }) => {
  const app = await serve("dist", { prefix: "/tools/cs-metrics/" });
  const page = await browser.newPage();
  try {
    await page.goto(`${app.url}?calc=renewal-rate&up_for_renewal=120&renewed=90`);
    await expect(page.locator('[data-result="renewal_pct"]')).toHaveAttribute("data-value", "75");
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(app.url);
    await page.getByTestId("back-home").click();
    expect(new URL(page.url()).pathname).toBe("/tools/cs-metrics/");
  } finally {
    await page.close();
    await app.close();
  }
});
