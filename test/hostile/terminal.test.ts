/**
 * Attack: text in a document that talks to the terminal (trust.md §4) — escape sequences that clear
 * the screen and print a fake verdict, hide the real mismatch table, recolour, or bidi controls that
 * reorder a line. Every such character must come out as a visible `\u…` escape, and verify's verdict
 * must be decided by the numbers and printed after every input string.
 */
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/core/errors.js";
import { calculate, safeCalculate, verify } from "../../src/entries/index.js";
import { renderText } from "../../src/report/text.js";
import { builtCli, expectCleanExit, expectSafeIssues, put, refusal, scratch, solar, UNSAFE } from "./attack.js";

const CLEAR_AND_FAKE = "\x1b[2J\x1b[H\x1b[32mAll 3 reported figures match.\x1b[0m\n\x1b[8m";
const BIDI = "PCS\u202e1-\u2066hidden\u2069\u200b\ufeff";
const C1 = "\u009b2J\u0085";

/** A document whose reported ER_p is wrong, dressed to look verified on a terminal. */
function spoofedVerify() {
  const doc = solar();
  doc.project.reference = CLEAR_AND_FAKE;
  doc.project.title = `${BIDI}${C1}`;
  (doc.monitored["EG_i,p"] as Record<string, unknown>[])[0]!.equipment = `${CLEAR_AND_FAKE}${BIDI}`;
  doc.reported = { RE_p: "11303.054", PE_p: "0", ER_p: "99999" };
  return doc;
}

describe("escape sequences and bidi controls in a document (trust.md §4)", () => {
  it("API: the verdict is the numbers' (ok false), and the data keeps the text as given", () => {
    const v = verify(spoofedVerify());
    expect(v.ok).toBe(false);
    expect(v.checks.find((c) => c.symbol === "ER_p")?.status).toBe("mismatch");
    // The result is data: the id is kept exactly; only output shown to a person is escaped.
    expect(v.result.parameters[0]!.symbol).toContain("\x1b[2J");
  });

  it("API: the text rendering shows every control, bidi and invisible character as an escape", () => {
    const text = renderText(calculate(spoofedVerify()));
    expect(UNSAFE.test(text)).toBe(false);
    expect(text).toContain("\\u001b[2J");
    expect(text).toContain("\\u202e");
    expect(text).toContain("\\u009b");
    expect(text).toContain("\\u200b");
    expect(text).toContain("\\ufeff");
    // A newline in an id cannot start a line of its own that looks like output.
    expect(text.split("\n").some((line) => line.startsWith("All 3 reported figures match"))).toBe(false);
  });

  // Found by an attacker: U+2028/U+2029 in a CSV cell reached stderr raw (a line break to some
  // terminals); the bidi marks U+061C, U+200E and U+200F reorder neutral text like the controls do.
  it("API: line and paragraph separators and the bidi marks are escaped too", () => {
    const doc = solar();
    (doc.monitored["EG_i,p"] as Record<string, unknown>[])[0]!.equipment =
      "PCS\u2028All figures match\u2029\u200e\u200f\u061c";
    const text = renderText(calculate(doc));
    for (const escaped of ["\\u2028", "\\u2029", "\\u200e", "\\u200f", "\\u061c"]) expect(text).toContain(escaped);
    expect(text).not.toMatch(/[\u2028\u2029\u200e\u200f\u061c]/);
  });

  it("API: issues quoting a hostile id are escaped and short", () => {
    const doc = solar();
    (doc.monitored["EG_i,p"] as Record<string, unknown>[])[0]!.unit = `${CLEAR_AND_FAKE}${"x".repeat(5000)}`;
    const error = refusal(() => calculate(doc));
    expectSafeIssues(error.issues);
    expect(error.message).not.toMatch(UNSAFE);
    const issue = error.issues.find((i) => i.code === "unknown-unit")!;
    expect(issue.found).toMatch(/^"\\u001b\[2J/);
    expect(issue.found!.length).toBeLessThanOrEqual(200);
    expect(formatIssue({ ...issue, message: `raw ${CLEAR_AND_FAKE}` })).not.toMatch(UNSAFE);
  });

  it("CLI verify: exit 1, the real table, the verdict on the last line, nothing raw on the terminal", () => {
    const dir = scratch();
    const run = builtCli(["verify", put(dir, "spoof.json", JSON.stringify(spoofedVerify()))]);
    expectCleanExit(run, 1);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[lines.length - 1]).toBe("1 of 3 reported figures do not match.");
    expect(run.stdout).toMatch(/ER_p\s+99999\s+11303\s+MISMATCH/);
    expect(lines.filter((l) => l.startsWith("All 3 reported figures match"))).toEqual([]);
    expect(run.stdout).toContain("\\u001b[2J\\u001b[H");
  });

  it("CLI calculate (text and JSON): escapes, and JSON that parses back to the exact text", () => {
    const dir = scratch();
    const path = put(dir, "spoof.json", JSON.stringify(spoofedVerify()));
    const text = builtCli(["calculate", path]);
    expectCleanExit(text, 0);
    expect(text.stdout).toContain("\\u202e");
    const json = builtCli(["calculate", path, "--format", "json"]);
    expectCleanExit(json, 0);
    const result = JSON.parse(json.stdout) as { project: Record<string, string> };
    expect(result.project.title).toBe(`${BIDI}${C1}`); // same data, written with \u escapes
  });

  it("CLI errors: a hostile key and value on stderr come out escaped, exit 2", () => {
    const dir = scratch();
    const doc = solar() as Record<string, unknown>;
    doc[`\x1b]0;pwned\x07${BIDI}`] = CLEAR_AND_FAKE;
    const run = builtCli(["calculate", put(dir, "bad.json", JSON.stringify(doc)), "--format", "json"]);
    expectCleanExit(run, 2);
    expect(run.stderr).toContain("\\u001b]0;pwned\\u0007");
    const printed = JSON.parse(run.stdout) as { error: { issues: { code: string }[] } };
    expect(printed.error.issues.map((i) => i.code)).toContain("unknown-key");
  });

  it("safeCalculate returns the escaped issues as data, never throws", () => {
    const doc = solar() as Record<string, unknown>;
    doc.period = { start: `2019-01-01${CLEAR_AND_FAKE}`, end: "2019-12-31" };
    const r = safeCalculate(doc);
    expect(r.success).toBe(false);
    if (!r.success) expectSafeIssues(r.error.issues);
  });
});
