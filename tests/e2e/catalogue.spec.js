// Every calculator through its inputs: values typed key by key against hand-computed results
// (tests/examples.txt, shared with the native tests), and one validation error each.
import { test, expect } from "./fixtures.js";
import { CASES, CALCULATOR_IDS } from "./examples.js";


for (const c of CASES) {
  test(`${c.id}: typed values give the hand-computed results (${c.query})`, async ({ calculator }) => {
    await calculator.open(`calc=${c.id}`);
    if (c.mode) await calculator.choose("mode", c.mode);
    for (const [id, text] of Object.entries(c.inputs)) await calculator.enter(id, text);
    for (const [id, want] of Object.entries(c.exact ?? {})) await calculator.expectValue(id, want);
    for (const [id, want] of Object.entries(c.close ?? {})) await calculator.expectClose(id, want);
  });

  if (!c.bad) continue;
  test(`${c.id}: a bad value gets a message next to its field (${c.query})`, async ({ calculator }) => {
    await calculator.open(`calc=${c.id}`);
    if (c.mode) await calculator.choose("mode", c.mode);
    for (const [id, text] of Object.entries(c.inputs)) {
      if (await calculator.isChoice(id)) await calculator.choose(id, text);
      else await calculator.fill(id, text);
    }
    const [field, text, message] = c.bad;
    await calculator.fill(field, text);
    await expect(calculator.message(field)).toContainText(message);
    await expect(calculator.input(field)).toHaveAttribute("aria-invalid", "true");
    const described = await calculator.input(field).getAttribute("aria-describedby");
    expect(described).toContain(`msg-${field}`);
    const first = Object.keys(c.exact)[0] ?? Object.keys(c.close)[0];
    await calculator.expectValue(first, "");
  });
}

test("every calculator of the catalogue is covered", async ({ home }) => {
  await home.open();
  const ids = await home.visibleCards().evaluateAll((els) => els.map((e) => e.dataset.testid.slice(5)));
  expect(ids.sort()).toEqual([...CALCULATOR_IDS].sort());
});
