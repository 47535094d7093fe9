// The worked examples of tests/examples.txt (shared with the native tests): for each, the link
// that opens it, the results it must show, and one bad value with words its message must hold.
import { readFileSync } from "node:fs";

function parse(line) {
  const [query, expected = "", bad = ""] = line.split(" | ");
  const params = new URLSearchParams(query);
  const c = { id: params.get("calc"), query, exact: {}, close: {}, inputs: {} };
  for (const [k, v] of params) if (!["calc", "v", "mode"].includes(k)) c.inputs[k] = v;
  if (params.get("mode")) c.mode = params.get("mode");
  for (const item of expected.split(" ").filter(Boolean)) {
    const close = item.indexOf("~");
    if (close > 0) c.close[item.slice(0, close)] = Number(item.slice(close + 1));
    else {
      const at = item.indexOf("=");
      c.exact[item.slice(0, at)] = item.slice(at + 1);
    }
  }
  if (bad) {
    const [assignment, words] = bad.split(" ! ");
    const at = assignment.indexOf("=");
    c.bad = [assignment.slice(0, at), assignment.slice(at + 1), words];
  }
  return c;
}

/** Every worked example, in the file's order. */
export const CASES = readFileSync("tests/examples.txt", "utf8")
  .split("\n")
  .filter((line) => line.trim() && !line.startsWith("#"))
  .map(parse);

/** The calculators the examples cover: every calculator (a native test checks that). */
export const CALCULATOR_IDS = [...new Set(CASES.map((c) => c.id))];

/** The query string that opens a case with its inputs. */
export function caseQuery(c) {
  return c.query;
}
