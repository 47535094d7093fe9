import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";
const app = await serve(process.env.DIST ?? "dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const page = await browser.newPage();
page.on("console", (m) => console.log("console:", m.type(), m.text().slice(0, 200)));
await page.goto(`${app.url}?calc=nps&mode=scores`);
await page.locator("[data-calc]").waitFor();
for (const n of [10000, 100000, 1000000]) {
  const ms = await page.evaluate(async (n) => {
    const text = "9\n10\n7\n3\n8\n".repeat(n / 5);
    const el = document.querySelector('[data-input="scores"]');
    const out = document.querySelector('[data-result="responses"]');
    const t0 = performance.now();
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    const t1 = performance.now();
    while (out.dataset.value !== String(n)) await new Promise((r) => setTimeout(r, 5));
    return [t1 - t0, performance.now() - t0];
  }, n);
  console.log(n, "input handler ms", ms[0].toFixed(0), "until shown ms", ms[1].toFixed(0));
}
await browser.close(); await app.close();
