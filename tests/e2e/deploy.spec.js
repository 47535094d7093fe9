// "Put it on your site" (README): the dist/ that scripts/dist.sh builds, copied to a sub-path
// of a plain static host (Python's http.server, which knows no more than file types), works
// whole: the calculator, the parts of the wasm loaded on first use, and the service worker.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect } from "./fixtures.js";

async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

test("dist/ works under a sub-path of a plain static host", async ({ browser }) => {
  const root = mkdtempSync(join(tmpdir(), "cs-metrics-host-"));
  cpSync("dist", join(root, "tools", "cs-metrics"), { recursive: true });
  const port = await freePort();
  const host = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", root], {
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}/tools/cs-metrics/`;
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  try {
    await expect.poll(async () => (await fetch(url).catch(() => null))?.status, { timeout: 10_000 }).toBe(200);
    await page.goto(`${url}?calc=nps&promoters=120&passives=45&detractors=30`);
    await expect(page.locator('[data-result="nps"]')).toHaveAttribute("data-value", /^46\.15/);
    // A part loaded on first use arrives from the sub-path too.
    await page.getByTestId("import-csv").locator("summary").click();
    await expect(page.getByTestId("import-text")).toBeVisible();
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(url);
    expect(problems).toEqual([]);
  } finally {
    await page.close();
    host.kill();
  }
});
