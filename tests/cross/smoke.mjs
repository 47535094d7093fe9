// Cross-engine smoke run: the release build in dist/ driven in Firefox ESR (WebDriver BiDi,
// puppeteer-core) and WebKitGTK (WebKitWebDriver), as the Chromium suite does in depth. For
// each engine: every calculator typed key by key from an empty form gives its worked
// example's results (tests/examples.txt), its link round-trips into a fresh page, the
// example link itself opens with those results; the embed posts its resize message; "What
// if…" opens its scenario table; and no console error or uncaught exception is seen.
//
//   node tests/cross/smoke.mjs firefox           (headless)
//   xvfb-run -a node tests/cross/smoke.mjs webkit  (WebKitGTK needs a display)
//
// Prints one line per check and exits non-zero on the first engine that fails.
import { serve } from "../e2e/static-server.js";
import { CASES } from "../e2e/examples.js";
import { firefox, webkit } from "./drivers.mjs";

const ENGINES = { firefox, webkit };
const TIMEOUT_MS = 15_000;

/** Polls `probe` (a function run in the page) until it returns a truthy value; the value. */
async function waitFor(driver, what, probe, ...args) {
  const until = Date.now() + TIMEOUT_MS;
  let last;
  for (;;) {
    last = await driver.evaluate(probe, ...args).catch((err) => ({ error: String(err) }));
    if (last && !last.error && last.ok !== false) return last;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** In the page: whether every expected result holds its value (exact text, or within 1e-9). */
function resultsMatch(exact, close) {
  const value = (id) => {
    const el = document.querySelector(`[data-result="${id}"]:not([data-scenario])`);
    return el ? el.getAttribute("data-value") : null;
  };
  const wrong = [];
  for (const [id, want] of Object.entries(exact)) {
    const got = value(id);
    if (got === null || (got !== want && Number(got) !== Number(want)) || (want === "" && got !== "")) wrong.push(`${id}=${got} (want ${want})`);
  }
  for (const [id, want] of Object.entries(close)) {
    const got = value(id);
    if (got === null || got === "" || Math.abs(Number(got) - want) > 1e-9 * Math.max(1, Math.abs(want))) wrong.push(`${id}=${got} (want ~${want})`);
  }
  return { ok: wrong.length === 0, wrong };
}

/** In the page: the query the app wrote, once no write is pending. */
function writtenQuery() {
  if (document.documentElement.hasAttribute("data-link-pending")) return { ok: false };
  return { ok: true, query: location.search };
}

/** Opens `url` with nothing saved (the page is on the app's origin already: see `run`). */
async function fresh(driver, url) {
  await driver.evaluate(() => localStorage.clear());
  await driver.goto(url);
}

async function calculators(driver, base, say) {
  const firstOfEach = new Map();
  for (const c of CASES) if (!firstOfEach.has(c.id)) firstOfEach.set(c.id, c);
  for (const c of firstOfEach.values()) {
    // Typed key by key into an empty form.
    await fresh(driver, `${base}?calc=${c.id}`);
    await waitFor(driver, `${c.id} to render`, () => ({ ok: !!document.querySelector("[data-calc]") }));
    if (c.mode) await driver.click(`[data-input="mode"] [data-choice="${c.mode}"]`);
    for (const [id, text] of Object.entries(c.inputs)) {
      const isChoice = await driver.evaluate((id) => document.querySelector(`[data-input="${id}"]`)?.getAttribute("role") === "radiogroup", id);
      if (isChoice) await driver.click(`[data-input="${id}"] [data-choice="${text}"]`);
      else await driver.type(`[data-input="${id}"]`, text);
    }
    await waitFor(driver, `${c.id}'s results after typing`, resultsMatch, c.exact, c.close);
    // The link it wrote opens the same results in a fresh page.
    const { query } = await waitFor(driver, `${c.id}'s link`, writtenQuery);
    await fresh(driver, `${base}${query}`);
    await waitFor(driver, `${c.id}'s results from its own link`, resultsMatch, c.exact, c.close);
    // The example's link, as the catalogue writes it.
    await fresh(driver, `${base}?${c.query}`);
    await waitFor(driver, `${c.id}'s results from the example link`, resultsMatch, c.exact, c.close);
    say(`${c.id}: typed, link round-trip, example link`);
  }
}

async function embed(driver, base, say) {
  await fresh(driver, base);
  const height = await driver.evaluate(
    (src) =>
      new Promise((ok) => {
        addEventListener("message", (event) => {
          if (event.data && event.data.type === "cs-metrics:resize") ok(event.data.height);
        });
        const frame = document.createElement("iframe");
        frame.src = src;
        frame.style.width = "700px";
        document.body.append(frame);
        setTimeout(() => ok(null), 15_000);
      }),
    `${base}?calc=nps&v=2&promoters=120&passives=45&detractors=30&embed=1`,
  );
  if (!(height > 100)) throw new Error(`the embed posted no resize message (got ${height})`);
  say(`embed: resize message, height ${height}`);
}

async function whatIf(driver, base, say) {
  await fresh(driver, `${base}?calc=ltv-cac&v=2&ltv=42000&cac=12000`);
  await waitFor(driver, "ltv-cac to render", () => ({ ok: !!document.querySelector('[data-testid="what-if"] summary') }));
  await driver.click('[data-testid="what-if"] summary');
  await waitFor(driver, "the scenario table", () => ({
    ok: !!document.querySelector('[data-testid="scenario-table"] [data-result="ltv_cac_ratio"][data-scenario="a"][data-value="3.5"]'),
  }));
  say("what if: the scenario table opened with scenario A");
}

async function run(engine) {
  const app = await serve("dist");
  const driver = await ENGINES[engine]();
  const started = Date.now();
  const say = (line) => console.log(`[${driver.name}] ${line}`);
  try {
    // Storage belongs to an origin: start on the app's, so `fresh` can clear it.
    await driver.goto(app.url);
    await calculators(driver, app.url, say);
    await embed(driver, app.url, say);
    await whatIf(driver, app.url, say);
    const errors = await driver.errors();
    if (errors.length) throw new Error(`console errors or uncaught exceptions:\n${errors.join("\n")}`);
    say(`passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await driver.close();
    await app.close();
  }
}

const engines = process.argv.slice(2);
for (const engine of engines.length ? engines : ["firefox"]) {
  if (!ENGINES[engine]) throw new Error(`unknown engine ${engine}: firefox or webkit`);
  await run(engine);
}
