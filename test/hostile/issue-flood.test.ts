/**
 * Attack: a document built to produce a million problems (trust.md §2–§3), so that collecting,
 * formatting or printing them exhausts memory or crashes the CLI with a JavaScript stack, and whose
 * long cells would be echoed whole in every message. At most 1,000 issues are listed, then one
 * `too-many-issues` saying how many more; `found` is at most 200 characters; a quote at most 80.
 */
import { describe, expect, it } from "vitest";
import { calculate, calculateProject, safeCalculate } from "../../src/entries/index.js";
import { builtCli, expectCleanExit, expectSafeIssues, put, refusal, scratch, solar, timed } from "./attack.js";

const GENEROUS = 60;

/** One inline series of `n` readings, each with a bad time and a bad value: 2n problems. */
function millionProblems(n = 1_000_000): string {
  const head =
    '{"methodology":{"id":"JCM_MN_AM003","version":"02.0"},"period":{"start":"2019-01-01","end":"2019-12-31"},' +
    '"fixed":{"connection":"national-grid"},"monitored":{"EG_i,p":[{"equipment":"PV","unit":"kWh","kind":"interval","readings":[';
  const reading = '{"at":"not a time \\u001b[2J","value":"NaN"}';
  return `${head}${Array.from({ length: n }, () => reading).join(",")}]}]}}`;
}

describe("a million problems: listed up to 1,000, counted beyond", () => {
  it("API: 1,001 issues, the last counting 1,999,000 more, in seconds", () => {
    const { value: error, seconds } = timed(() => refusal(() => calculate(millionProblems())));
    expect(seconds).toBeLessThan(GENEROUS);
    expectSafeIssues(error.issues);
    expect(error.issues).toHaveLength(1001);
    expect(error.issues[1000]).toEqual({
      path: "",
      code: "too-many-issues",
      message: "1999000 more issues were found; only the first 1000 are listed",
      expected: "at most 1000 issues listed",
      found: "1999000",
    });
    expect(error.message.split("\n").length).toBeLessThan(30); // the summary lists 20
  });

  it("CLI: exit 2, every listed issue printed on one line, the count last, no stack", () => {
    const run = builtCli(["calculate", put(scratch(), "million.json", millionProblems())]);
    expectCleanExit(run, 2);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1002);
    expect(lines[lines.length - 1]).toContain("1999000 more issues were found");
    expect(run.stderr).toContain("\\u001b[2J");
  });

  it("CLI --format json: the same 1,001 issues as data on stdout", () => {
    const run = builtCli(["calculate", put(scratch(), "million.json", millionProblems(200_000)), "--format", "json"]);
    expectCleanExit(run, 2);
    const issues = (JSON.parse(run.stdout) as { error: { issues: { code: string }[] } }).error.issues;
    expect(issues).toHaveLength(1001);
    expect(issues[1000]!.code).toBe("too-many-issues");
  });

  it("a million duplicate keys in JSON text: counted, not listed", () => {
    const text = `{"a":{${Array.from({ length: 1_000_000 }, () => '"k":1').join(",")}}}`;
    const error = refusal(() => calculate(text));
    expect(error.issues).toHaveLength(1001);
    expect(error.issues[1000]).toMatchObject({ code: "too-many-issues", found: "998999" });
  });

  it("a million unknown keys and a million functions in an object document: counted", () => {
    const keys: Record<string, number> = {};
    for (let i = 0; i < 1_000_000; i++) keys[`k${i}`] = 1;
    const unknown = refusal(() => calculate({ ...solar(), monitored: keys }));
    expect(unknown.issues).toHaveLength(1001);
    const functions = safeCalculate({ ...solar(), x: Array.from({ length: 100_000 }, () => () => 1) });
    expect(functions.success).toBe(false);
    if (!functions.success) expect(functions.error.issues[1000]).toMatchObject({ found: "99000" });
  });

  it("calculateProject: 2,000 bad documents' issues capped together, the counts added up", () => {
    const bad = { ...solar(), period: { start: "2019-02-30", end: "2019-12-31" } };
    const error = refusal(() => calculateProject(Array.from({ length: 2_000 }, () => bad)));
    expect(error.issues).toHaveLength(1001);
    expect(error.issues[0]!.path).toBe("documents[0].period.start");
    expect(error.issues[1000]).toMatchObject({ code: "too-many-issues", found: "1000" });
  });
});

describe("nothing long is echoed: quotes ≤ 80 characters, found ≤ 200", () => {
  const cell = `${"A".repeat(100_000)}SECRET-TAIL`;

  it.each([
    [
      "an unknown unit",
      (d: ReturnType<typeof solar>) => ((d.monitored["EG_i,p"] as { unit: string }[])[0]!.unit = cell),
    ],
    ["an unknown key", (d: ReturnType<typeof solar>) => ((d.monitored as Record<string, unknown>)[cell] = 1)],
    [
      "a bad decimal",
      (d: ReturnType<typeof solar>) => ((d.monitored["EG_i,p"] as { value: string }[])[0]!.value = cell),
    ],
    ["a bad period date", (d: ReturnType<typeof solar>) => (d.period = { start: cell, end: "2019-12-31" })],
    ["an unknown methodology", (d: ReturnType<typeof solar>) => (d.methodology = { id: cell, version: "1" })],
  ])("%s of 100,000 characters", (_, edit) => {
    const doc = solar();
    edit(doc);
    const error = refusal(() => calculate(doc));
    expectSafeIssues(error.issues);
    for (const issue of error.issues) {
      const text = JSON.stringify(issue);
      expect(text).not.toContain("SECRET-TAIL");
      expect(text).not.toContain("A".repeat(81));
    }
  });
});
