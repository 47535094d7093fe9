// Two browser engines behind one small interface, for the cross-engine smoke run
// (tests/cross/smoke.mjs): Firefox ESR over WebDriver BiDi with puppeteer-core, and WebKitGTK
// over classic WebDriver (WebKitWebDriver, under a virtual display). Both use Debian's
// browsers; nothing is downloaded.
//
// A driver: goto(url), evaluate(fn, ...args) (fn runs in the page; args and result are
// JSON), type(selector, text) (real key events), click(selector), errors() (console errors
// and uncaught exceptions seen so far), close().
import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** Firefox ESR, headless, over WebDriver BiDi. */
export async function firefox() {
  const { default: puppeteer } = await import("puppeteer-core");
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: "/usr/bin/firefox-esr",
    headless: true,
    // A clean profile without the background services a closed network refuses.
    extraPrefsFirefox: {
      "app.update.enabled": false,
      "browser.safebrowsing.malware.enabled": false,
      "browser.safebrowsing.phishing.enabled": false,
      "network.captive-portal-service.enabled": false,
      "network.connectivity-service.enabled": false,
      "extensions.getAddons.cache.enabled": false,
      "datareporting.policy.dataSubmissionEnabled": false,
      "toolkit.telemetry.enabled": false,
    },
  });
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const seen = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") seen.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => seen.push(`page error: ${err.message}`));
  return {
    name: `Firefox ${(await browser.version()).replace(/^firefox\//i, "")}`,
    goto: (url) => page.goto(url, { waitUntil: "load" }),
    evaluate: (fn, ...args) => page.evaluate(fn, ...args),
    type: async (selector, text) => {
      await page.click(selector, { count: 3 });
      await page.keyboard.press("Backspace");
      await page.type(selector, text);
    },
    click: (selector) => page.click(selector),
    errors: () => seen.slice(),
    close: () => browser.close(),
  };
}

/** A free loopback port. */
function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** WebKitGTK's MiniBrowser over classic WebDriver (run this under `xvfb-run`: WebKitGTK
 *  needs a display). Console errors are collected by a listener the driver installs after
 *  each navigation, so an error before the page's scripts run is not seen. */
export async function webkit() {
  const port = await freePort();
  const server = spawn("WebKitWebDriver", [`--port=${port}`], { stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const response = await fetch(base + path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (json.value && json.value.error) throw new Error(`${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  };
  let session;
  for (let tries = 0; ; tries++) {
    try {
      session = await call("POST", "/session", {
        capabilities: {
          alwaysMatch: {
            "webkitgtk:browserOptions": {
              binary: "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
              args: ["--automation"],
            },
          },
        },
      });
      break;
    } catch (err) {
      // The driver takes a moment to listen; anything else is a real failure.
      if (tries > 50 || !String(err.cause ?? err).includes("ECONNREFUSED")) throw err;
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  const id = session.sessionId;
  const at = (path) => `/session/${id}${path}`;
  // Asynchronous, so a function may return a promise; a thrown error comes back as one.
  const script = async (fn, args) => {
    const got = await call("POST", at("/execute/async"), {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => (${fn}).apply(null, Array.from(arguments).slice(0, -1)))
          .then((v) => done({ v: v === undefined ? null : v }), (e) => done({ e: String(e) }));`,
      args,
    });
    if (got && got.e) throw new Error(got.e);
    return got ? got.v : null;
  };
  const listen = () =>
    script(
      `() => {
        if (window.__csErrors) return;
        window.__csErrors = [];
        addEventListener("error", (e) => window.__csErrors.push("page error: " + e.message));
        addEventListener("unhandledrejection", (e) => window.__csErrors.push("page error: " + e.reason));
        const original = console.error;
        console.error = (...a) => { window.__csErrors.push("console error: " + a.join(" ")); original(...a); };
      }`,
      [],
    );
  const find = async (selector) => {
    const found = await call("POST", at("/element"), { using: "css selector", value: selector });
    return Object.values(found)[0];
  };
  const seen = [];
  const collect = async () => {
    const got = await script(`() => { const e = window.__csErrors || []; window.__csErrors = []; return e; }`, []).catch(() => []);
    seen.push(...got);
  };
  return {
    name: `WebKitGTK ${session.capabilities.browserVersion}`,
    goto: async (url) => {
      await collect();
      await call("POST", at("/url"), { url });
      await listen();
    },
    evaluate: (fn, ...args) => script(fn.toString(), args),
    type: async (selector, text) => {
      const element = await find(selector);
      await call("POST", at(`/element/${element}/clear`), {});
      // WebKitWebDriver drops a bare "\n"; the Enter key (U+E007) types the line break.
      await call("POST", at(`/element/${element}/value`), { text: text.replaceAll("\n", "\uE007") });
    },
    click: async (selector) => {
      const element = await find(selector);
      await call("POST", at(`/element/${element}/click`), {});
    },
    errors: async () => {
      await collect();
      return seen.slice();
    },
    close: async () => {
      await call("DELETE", at("")).catch(() => {});
      server.kill();
    },
  };
}
