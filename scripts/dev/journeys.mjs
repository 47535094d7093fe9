// Walks the five user journeys (a marketer sharing a survey, a founder doing what-if with a
// decimal comma, a blogger embedding, a keyboard user, someone offline) in headless Chromium
// at 1280 and 390 px, and takes a screenshot at each step into test-results/journeys/.
// For looking at, not a test. Usage: node scripts/dev/journeys.mjs   (needs dist/ built)
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";

const out = "test-results/journeys";
mkdirSync(out, { recursive: true });
const app = await serve("dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });

async function shot(page, name) {
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
}

for (const width of [1280, 390]) {
  const context = await browser.newContext({ viewport: { width, height: 860 } });
  const page = await context.newPage();
  const w = `-${width}`;

  // 1. A marketer pastes a survey and shares the link.
  await page.goto(`${app.url}?calc=nps`);
  await page.locator("[data-calc]").waitFor();
  await page.locator('[data-input="scores"]').fill("9\n10\n7\n3\n8\n10\n9\n6\n".repeat(300));
  await shot(page, `1-marketer-pasted${w}`);
  await page.getByTestId("copy-link").click();
  await shot(page, `1-marketer-copied${w}`);
  const colleague = await browser.newPage({ viewport: { width, height: 860 } });
  await colleague.goto(page.url());
  await colleague.locator("[data-calc]").waitFor();
  await shot(colleague, `1-marketer-colleague${w}`);
  await colleague.close();

  // 2. A founder does what-if on LTV:CAC with a decimal comma.
  await page.goto(`${app.url}?calc=ltv-cac`);
  await page.locator("summary", { hasText: "Settings" }).click();
  await page.getByTestId("settings-number-format").selectOption("comma");
  await page.getByTestId("settings-currency").selectOption("EUR");
  await shot(page, `2-founder-settings${w}`);
  await page.keyboard.press("Escape");
  await page.locator('[data-input="mode"] [data-choice="arpa"]').check();
  await page.locator('[data-input="arpa"]').fill("100");
  await page.locator('[data-input="churn_pct"]').fill("2,5");
  await page.locator('[data-input="gross_margin_pct"]').fill("80");
  await page.locator('[data-input="cac"]').fill("1.200");
  await shot(page, `2-founder-what-if${w}`);

  // 3. A blogger embeds the calculator.
  await page.goto(`${app.url}?calc=nps&v=2&promoters=70&passives=20&detractors=10`);
  await page.getByTestId("embed-panel").locator("summary").click();
  await page.getByTestId("embed-height").getByText(/Height/).waitFor({ timeout: 15_000 });
  await page.getByTestId("embed-panel").scrollIntoViewIfNeeded();
  await shot(page, `3-blogger-panel${w}`);
  const snippet = await page.getByTestId("embed-snippet").inputValue();
  const dir = mkdtempSync(join(tmpdir(), "journey-blog-"));
  writeFileSync(join(dir, "index.html"), readFileSync("tests/e2e/blog/index.html", "utf8").replace("<!--SNIPPETS-->", snippet));
  const blog = await serve(dir);
  // Tall enough for the whole post: a full-page shot beyond the viewport leaves frames unpainted.
  const reader = await browser.newPage({ viewport: { width, height: 1700 } });
  await reader.goto(blog.url.replace("127.0.0.1", "localhost"));
  await reader.frameLocator("iframe").locator('[data-result="nps"]').waitFor();
  await reader.waitForTimeout(500);
  await reader.screenshot({ path: `${out}/3-blogger-post${w}.png` });
  await reader.close();
  await blog.close();

  // 4. A keyboard and screen-reader user.
  await page.goto(`${app.url}?calc=renewal-rate`);
  await page.locator("[data-calc]").waitFor();
  // Tab to the first field, as a keyboard user does.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement?.dataset?.input === "up_for_renewal")) break;
  }
  await page.keyboard.type("12x");
  await shot(page, `4-keyboard-error${w}`);
  await page.keyboard.press("Backspace");
  await page.keyboard.type("0");
  await page.keyboard.press("Tab");
  await page.keyboard.type("90");
  await page.waitForTimeout(1_200);
  await shot(page, `4-keyboard-result${w}`);
  console.log(width, "live region:", await page.getByTestId("live-result").textContent());

  // 5. Someone offline (the worker has cached the app on the first visit).
  await page.goto(`${app.url}?calc=nps&v=2&promoters=70&passives=20&detractors=10`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await page.locator('[data-result="nps"]').waitFor();
  await shot(page, `5-offline${w}`);
  await context.setOffline(false);
  await context.close();
}
await browser.close();
await app.close();
console.log(`screenshots in ${out}/`);
