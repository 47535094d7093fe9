// The static home page's few behaviours, before (and without) the app's wasm: the filter,
// Enter opening the first match, the arrow keys, and the controls that need the app (they
// load it, which then does what was asked). The rules are the engine's, restated small:
// a card matches when every word of the filter is in its text or its `data-words`
// (`catalogue::matches` and `extra_words`, which writes them), and the arrow keys move as `engine::focus::step` says (its table test
// and tests/e2e/home.spec.js hold both to the same cases).
const page = document.getElementById("static-page");
if (page) {
  const filter = document.getElementById("calc-filter");
  const count = page.querySelector("[data-testid=filter-count]");
  const cards = () => [...page.querySelectorAll(".home li[data-id]:not([hidden]) .calc-card")];
  const countText = (n) => (n === 0 ? "No calculator matches. Try another word." : n === 1 ? "1 calculator" : `${n} calculators`);

  const apply = () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let matched = 0;
    for (const section of page.querySelectorAll("section.category")) {
      let any = false;
      for (const li of section.querySelectorAll("li[data-id]")) {
        const shown = [...li.querySelectorAll("span")].map((s) => s.textContent);
        const text = [li.dataset.words, ...shown].join(" ").toLowerCase();
        const hit = words.every((w) => text.includes(w));
        li.hidden = !hit;
        any ||= hit;
        matched += hit ? 1 : 0;
      }
      section.hidden = !any;
    }
    count.textContent = countText(matched);
  };
  filter.addEventListener("input", apply);
  page.querySelector("form.filter").addEventListener("submit", (event) => {
    event.preventDefault();
    const first = cards()[0];
    if (first) location.assign(first.href);
  });

  // Down from the filter to the first match; Up and Down between matches (Up from the first
  // back to the filter); Home and End to the first and last match.
  page.querySelector(".home").addEventListener("keydown", (event) => {
    const list = cards();
    const last = list.length - 1;
    if (last < 0) return;
    const at = list.indexOf(document.activeElement);
    const inFilter = document.activeElement === filter;
    let to = null;
    if (inFilter && event.key === "ArrowDown") to = 0;
    else if (at >= 0 && event.key === "ArrowUp") to = at === 0 ? "filter" : Math.min(at, last + 1) - 1;
    else if (at >= 0 && event.key === "ArrowDown") to = Math.min(at + 1, last);
    else if (at >= 0 && event.key === "Home") to = 0;
    else if (at >= 0 && event.key === "End") to = last;
    if (to === null) return;
    event.preventDefault();
    (to === "filter" ? filter : list[to]).focus();
  });

  // Settings and "Export all": the app does them. It loads now and carries them out.
  for (const control of page.querySelectorAll("[data-needs-app]")) {
    const ask = (event) => {
      event.preventDefault();
      document.documentElement.dataset.intent = control.dataset.needsApp;
      window.csMetricsStart?.();
    };
    const target = control.tagName === "DETAILS" ? control.querySelector("summary") : control;
    target.addEventListener("click", ask);
  }
  apply();
}
