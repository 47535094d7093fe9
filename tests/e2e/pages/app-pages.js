// Page objects: the tests talk about inputs and results by their catalogue ids, never about
// markup.
import { expect } from "@playwright/test";

export class CalculatorPage {
  constructor(page) {
    this.page = page;
  }

  /** Opens `?<query>` and waits for the calculator to render. */
  async open(query) {
    await this.page.goto(`./?${query}`);
    await this.page.locator("[data-calc]").waitFor();
  }

  input(id) {
    return this.page.locator(`[data-input="${id}"]`);
  }

  /** Result `id` in the results (not in the scenario table). */
  result(id) {
    return this.page.locator(`[data-result="${id}"]:not([data-scenario])`);
  }

  /** Result `id` of scenario `letter` in the scenario table, and its change against A. */
  scenarioResult(id, letter) {
    return this.page.locator(`[data-result="${id}"][data-scenario="${letter}"]`);
  }

  delta(id, letter) {
    return this.page.locator(`[data-delta="${id}"][data-scenario="${letter}"]`);
  }

  message(id) {
    return this.page.getByTestId(`msg-${id}`);
  }

  working(id) {
    return this.page.locator(`[data-working="${id}"]`);
  }

  /** Replaces a field's text the way a paste does. A long text is set in one input event:
   *  Playwright's fill takes seconds per thousand lines of a textarea (14 s for 3,000 on a
   *  bare page), which would measure the tool, not the app. */
  async fill(id, text) {
    if (text.length < 2000) {
      await this.input(id).fill(text);
      return;
    }
    await this.input(id).evaluate((el, value) => {
      el.focus();
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, text);
  }

  /** Types into a field key by key, as a person does. */
  async type(id, text) {
    await this.input(id).fill("");
    await this.input(id).pressSequentially(text);
  }

  /** Pastes `text` into field `id` with a real paste event, as the clipboard does. */
  async paste(id, text) {
    await this.input(id).evaluate((el, value) => {
      const data = new DataTransfer();
      data.setData("text/plain", value);
      el.focus();
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** Whether input `id` is a choice (a group of radios). */
  async isChoice(id) {
    return (await this.input(id).getAttribute("role")) === "radiogroup";
  }

  /** Sets input `id` the way a person would: picks a choice, types a short number, pastes a
   *  long text. */
  async enter(id, text) {
    if (await this.isChoice(id)) await this.choose(id, text);
    else if (text.includes("\n") || text.length > 12) await this.fill(id, text);
    else await this.type(id, text);
  }

  /** Picks option `value` of choice `id` (a group of radios). */
  async choose(id, value) {
    await this.input(id).locator(`[data-choice="${value}"]`).check();
  }

  /** Waits until result `id` holds the exact value `want` (a plain decimal, an id or ""). */
  async expectValue(id, want) {
    await expect(this.result(id)).toHaveAttribute("data-value", want);
  }

  /** Waits until result `id` is numerically within 1e-9 of `want`. */
  async expectClose(id, want) {
    await expect
      .poll(async () => Number(await this.result(id).getAttribute("data-value")))
      .toBeCloseTo(want, 9);
  }

  /** Waits until the app has written its pending link (it marks the root element with
   *  `data-link-pending` while a write waits), so what is read is what was typed. */
  async linkWritten() {
    await this.page.locator("html:not([data-link-pending])").waitFor({ state: "attached" });
  }

  /** The address bar's query, once the app has written what was typed. */
  async query() {
    await this.linkWritten();
    return new URL(this.page.url()).search;
  }

  /** The whole address, once written. */
  async link() {
    await this.linkWritten();
    return this.page.url();
  }
}

export class HomePage {
  constructor(page) {
    this.page = page;
  }

  async open() {
    await this.page.goto("./");
    await this.filter.waitFor();
  }

  get filter() {
    return this.page.getByTestId("calc-filter");
  }

  card(id) {
    return this.page.getByTestId(`open-${id}`);
  }

  visibleCards() {
    return this.page.locator("[data-testid^=open-]:visible");
  }
}
