// The phone benchmark (figures, not pass/fail): dist/ served gzip-compressed as static hosts
// do, loaded in headless Chromium with Chrome's "Slow 4G" network (150 ms round trip, 1.6
// Mbit/s down, 750 kbit/s up) and the CPU slowed 4×, beside a plain-JS page with the same
// three inputs. Prints the median time from navigation to the first result (the NPS of a
// shared link and of an embed), the home view's first paint (its filter), the bytes each
// fetched, and the same loads on an unthrottled desktop.
// Usage: node scripts/bench-phone.mjs   (after a release build; BENCH_LOADS=n, default 9;
// DIST=dir for another build, such as an earlier commit's)
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "../playwright.config.js";
import { serve } from "../tests/e2e/static-server.js";

const LOADS = Number(process.env.BENCH_LOADS ?? 9);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const app = await serve(process.env.DIST ?? "dist", { gzip: true });
const plain = await serve("tests/perf", { gzip: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
const NPS = "calc=nps&promoters=70&passives=20&detractors=10";

const PAGES = {
  "shared link (nps)": { url: `${app.url}?${NPS}`, ready: '[data-result="nps"][data-value="60"]' },
  "embed (nps)": { url: `${app.url}?${NPS}&embed=1`, ready: '[data-result="nps"][data-value="60"]' },
  "home view": { url: app.url, ready: "[data-testid=calc-filter]" },
  "plain-JS page": { url: `${plain.url}vanilla-nps.html?${NPS}`, ready: '[data-result="nps"][data-value="60"]' },
};

// Stamps the moment the ready element is in the page, from navigation start.
const stamp = (selector) => `(() => {
  const seen = () => { if (document.querySelector(${JSON.stringify(selector)})) { window.__readyAt = performance.now(); return true; } };
  if (!seen()) new MutationObserver((_, o) => { if (seen()) o.disconnect(); }).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

async function load({ url, ready }, phone) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (phone) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1000 * 1000) / 8,
      uploadThroughput: (750 * 1000) / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  let bytes = 0;
  cdp.on("Network.loadingFinished", (e) => (bytes += e.encodedDataLength));
  await page.addInitScript(stamp(ready));
  await page.goto(url);
  await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 60_000 });
  const at = await page.evaluate(() => window.__readyAt);
  // Whatever else the page fetches without being asked (nothing, or the app after the home).
  await page.waitForLoadState("networkidle");
  await context.close();
  return { at, bytes };
}

const results = {};
for (const phone of [true, false]) {
  for (let i = 0; i < LOADS; i++) {
    // Interleaved, so every page sees the same machine.
    for (const [name, target] of Object.entries(PAGES)) {
      const { at, bytes } = await load(target, phone);
      const key = `${phone ? "phone" : "desktop"}: ${name}`;
      (results[key] ??= { at: [], bytes: [] }).at.push(at);
      results[key].bytes.push(bytes);
    }
  }
  console.error(`${phone ? "phone" : "desktop"} loads done (${LOADS} each)`);
}
console.log(`| page | first result (or paint), median of ${LOADS} | bytes over the wire |`);
console.log("|---|---|---|");
for (const [key, r] of Object.entries(results)) {
  console.log(`| ${key} | ${median(r.at).toFixed(0)} ms | ${(median(r.bytes) / 1000).toFixed(1)} kB |`);
}
const ratio = median(results["desktop: shared link (nps)"].at) / median(results["desktop: plain-JS page"].at);
console.log(`\ndesktop: shared link / plain page = ${ratio.toFixed(1)}×`);
await browser.close();
await app.close();
await plain.close();
