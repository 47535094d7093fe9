// axe-core (WCAG 2.0/2.1/2.2 A and AA) with zero violations on the home view and on every
// calculator showing results, in light and in dark.
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures.js";
import { CASES, caseQuery } from "./examples.js";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function violations(page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Every rule in light, then in dark the one rule the colours decide (contrast): the markup,
 *  names and roles are the same in both, so checking them twice would only double the time. */
async function violationsInBothSchemes(page) {
  await page.emulateMedia({ colorScheme: "light" });
  const light = await violations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  const { violations: dark } = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
  return [...light, ...dark.map((v) => `dark ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)];
}

for (const scheme of ["light", "dark"]) {
  test(`home view has no accessibility violations (${scheme})`, async ({ page, home }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await home.open();
    expect(await violations(page)).toEqual([]);
  });

  test(`the compact embed and the open panels have no accessibility violations (${scheme})`, async ({ page, calculator }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await calculator.open(`calc=nps&promoters=120&passives=45&detractors=30&target_nps=50&embed=1&theme=${scheme}&show=responses`);
    await expect(calculator.result("nps")).not.toHaveAttribute("data-value", "");
    await page.locator(".more-results summary").click();
    expect(await violations(page)).toEqual([]);
    await calculator.open("calc=nps&promoters=12&passives=5&detractors=3&target_nps=50");
    await page.getByTestId("show-working").click();
    await page.getByTestId("embed-panel").locator("summary").click();
    await expect(page.getByTestId("embed-snippet")).toHaveValue(/<iframe/);
    expect(await violations(page)).toEqual([]);
  });

}

// One example per calculator, light and dark.
for (const c of CASES.filter((c, i) => CASES.findIndex((d) => d.id === c.id) === i)) {
  test(`${c.id} has no accessibility violations (light and dark)`, async ({ page, calculator }) => {
    await calculator.open(caseQuery(c));
    const first = Object.keys(c.exact)[0] ?? Object.keys(c.close)[0];
    await expect(calculator.result(first)).not.toHaveAttribute("data-value", "");
    expect(await violationsInBothSchemes(page)).toEqual([]);
  });
}

test("an invalid field is still accessible", async ({ page, calculator }) => {
  await calculator.open("calc=nps&scores=9,abc,11");
  await expect(calculator.input("scores")).toHaveAttribute("aria-invalid", "true");
  expect(await violations(page)).toEqual([]);
});
