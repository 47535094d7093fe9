// Dev probe: a keystroke in a 20-wave nps-trend and a 20-segment nps-segments table, to every
// result, chart and table updated (p95 of 200 keystrokes each). Usage: node
// scripts/dev/breakdowns-keystroke.mjs   (needs dist/ built)
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.js";
import { serve } from "../../tests/e2e/static-server.js";

const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const app = await serve("dist");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const lines = (name) => Array.from({ length: 20 }, (_, i) => `${name} ${i + 1}, ${100 + i * 7}, ${40 + (i % 5)}, ${30 + (i % 9)}`);

async function measure(calc, field, result, name) {
  const page = await browser.newPage();
  await page.goto(`${app.url}?calc=${calc}`);
  const input = page.locator(`[data-input="${field}"]`);
  await input.fill(lines(name).join("\n"));
  await page.locator(`[data-result="${result}"]:not([data-scenario])`).waitFor();
  const times = await page.evaluate(
    async ({ field, result, base }) => {
      const input = document.querySelector(`[data-input="${field}"]`);
      const value = () => document.querySelector(`[data-result="${result}"]:not([data-scenario])`)?.dataset.value;
      const results = document.querySelector(".results");
      const out = [];
      for (let i = 0; i < 200; i++) {
        const before = value();
        let t0 = 0;
        await new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (value() !== before) {
              observer.disconnect();
              resolve();
            }
          });
          observer.observe(results, { subtree: true, childList: true, attributes: true });
          t0 = performance.now();
          // The last group's promoters change by one, as a person types.
          input.value = base.replace(/(\d+), (\d+), (\d+)$/, (_, p, a, d) => `${Number(p) + 1 + (i % 2)}, ${a}, ${d}`);
          input.dispatchEvent(new Event("input", { bubbles: true }));
        });
        out.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 0));
      }
      return out;
    },
    { field, result, base: lines(name).join("\n") },
  );
  console.log(`${calc}, 20 groups: keystroke → results, chart and table, p95 ${p95(times).toFixed(1)} ms (median ${median(times).toFixed(1)}; target ≤ 16)`);
  await page.close();
}

await measure("nps-trend", "waves", "latest_nps", "Wave");
await measure("nps-segments", "segments", "overall_nps", "Segment");
await browser.close();
await app.close();
