// For the dev probes: a file chosen in the page as a user would (its `change` event), timed in
// the page from the choice until `shown` (a function run in the page) holds at a frame, with
// the longest task meanwhile. The file is built in the page beforehand: Playwright's
// `setInputFiles` sends a buffer through the protocol and decodes it on the page's thread,
// seconds of a 20 MB file that no user's choice costs.

/** Puts `text` into the page as a File, ready for `choose`. */
export async function stage(page, text, name) {
  await page.evaluate(
    ([text, name]) => {
      window.__staged = new File([text], name, { type: "text/csv" });
    },
    [text, name],
  );
}

/** Chooses the staged file in the input `selector`; resolves with { shown, longest, tasks } (ms; tasks: every task over 50 ms). */
export async function choose(page, selector, shown) {
  return page.evaluate(
    ([selector, shown]) =>
      new Promise((done) => {
        let longest = 0;
        const tasks = [];
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            longest = Math.max(longest, e.duration);
            tasks.push(Math.round(e.duration));
          }
        });
        observer.observe({ type: "longtask", buffered: false });
        const holds = new Function(`return (${shown})()`);
        const input = document.querySelector(selector);
        const files = new DataTransfer();
        files.items.add(window.__staged);
        input.files = files.files;
        const t0 = performance.now();
        input.dispatchEvent(new Event("change", { bubbles: true }));
        const frame = () => {
          if (!holds()) return requestAnimationFrame(frame);
          const elapsed = performance.now() - t0;
          // The long-task entries of the last task arrive a moment later.
          setTimeout(() => {
            observer.disconnect();
            done({ shown: elapsed, longest, tasks });
          }, 100);
        };
        requestAnimationFrame(frame);
      }),
    [selector, shown.toString()],
  );
}
