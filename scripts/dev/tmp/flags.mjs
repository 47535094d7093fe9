import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../../playwright.config.js";
import { serve } from "../../../tests/e2e/static-server.js";
const dir = process.argv[2]; const extra = process.argv.slice(3);
const s = await serve(dir);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS, ...extra] });
const t = [];
for (let i = 0; i < 15; i++) {
  const page = await browser.newPage();
  await page.addInitScript(`new MutationObserver((_, obs) => {
    if (document.querySelector('[data-result="nps"][data-value="60"]')) { window.__shownAt = performance.now(); obs.disconnect(); }
  }).observe(document, { subtree: true, childList: true, attributes: true });
  for (const name of ["instantiateStreaming"]) { const o = WebAssembly[name]; WebAssembly[name] = (...a) => { window.__c = performance.now(); return o.apply(WebAssembly, a).then((r) => { window.__i = performance.now(); return r; }); }; }`);
  await page.goto(`${s.url}?calc=nps&promoters=70&passives=20&detractors=10`);
  await page.waitForFunction(() => window.__shownAt !== undefined);
  t.push(await page.evaluate(() => [window.__c, window.__i, window.__shownAt]));
  await page.close();
}
const med = (k) => t.map((x) => x[k]).sort((a, b) => a - b)[7].toFixed(1);
console.log(extra.join(" ") || "(default)", "instantiate called", med(0), "instantiated", med(1), "shown", med(2), "main≈", t.map((x) => x[2] - x[1]).sort((a, b) => a - b)[7].toFixed(1));
await browser.close(); await s.close();
