/**
 * Counterexamples the fuzzers found, kept as named regression tests (minimal reproductions of the
 * shrunk fuzz failures). None is marked `it.fails`: each failed against the code it was found in
 * and passes once the library is fixed at the root. Line numbers refer to the code as found.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { registry } from "../../methodologies/index.js";
import { type MrvError, MrvValidationError } from "../../src/core/errors.js";
import { calculate } from "../../src/entries/core.js";
import { issueProblem } from "./checks.js";

const solar = registry.get("JCM_MN_AM003", "02.0");
const gridPlant = (): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL("../../examples/mn-am003-grid-plant.json", import.meta.url), "utf8")) as Record<
    string,
    unknown
  >;

function refusal(run: () => unknown): MrvValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof MrvValidationError) return error;
    const e = error as MrvError & { cause?: unknown };
    throw new Error(
      `expected MrvValidationError, got ${e.name} (code ${e.code}): ${e.message}; cause: ${String(e.cause)}`,
    );
  }
  throw new Error("expected MrvValidationError, but the document was accepted");
}

describe("regression: issue `expected` is read from the hints object's prototype (fuzz: corrupted documents, every module)", () => {
  // src/document/issues.ts zodIssuesToIssues: `hints[last]` also finds Object.prototype members, so
  // an invalid value under a key named constructor / toString / valueOf / hasOwnProperty … gets
  // `expected: [Function]` — not a string, dropped by JSON.stringify, printed as native code.
  const cases: [string, (doc: Record<string, unknown>) => void][] = [
    ['project { "constructor": 1 }', (d) => (d.project = { constructor: 1 })],
    ['project { "toString": null }', (d) => (d.project = { toString: null })],
    ['project { "hasOwnProperty": {} }', (d) => (d.project = { hasOwnProperty: {} })],
    ['reported { "valueOf": 5 }', (d) => (d.reported = { valueOf: 5 })],
  ];
  for (const [name, mutate] of cases) {
    it(`${name}: every issue field is a string`, () => {
      const doc = gridPlant();
      mutate(doc);
      const error = refusal(() => calculate(solar, doc));
      for (const issue of error.issues) {
        expect(issueProblem(issue), JSON.stringify(issue)).toBeUndefined();
        expect(JSON.parse(JSON.stringify(issue))).toStrictEqual({ ...issue });
      }
    });
  }
});

describe("regression: spreading huge issue/warning arrays into push() overflows the stack (fuzz: corrupted JCM_ID_AM002, 10,443 series entries)", () => {
  // src/calculate.ts: `issues.push(...zodIssuesToIssues(…))` (moduleIssues, lines 73–74),
  // `issues.push(...f.issues, ...m.issues)` (line 85) and `warnings.push(...prepared.warnings)`
  // (calculateParsed, line 138) pass every element as an argument: beyond ~125,000 elements
  // V8 throws RangeError, which guard() turns into MrvError "internal". Documents this size are
  // within the format's limits (256 MB, 2,000,000 inline readings).
  const envelope = {
    methodology: { id: "JCM_MN_AM003", version: "02.0" },
    period: { start: "2024-01-01", end: "2024-01-01" },
    fixed: { connection: "off-grid" },
  };

  it("250,000 readings without a UTC offset are refused with MrvValidationError (not MrvError internal)", () => {
    const readings = Array.from({ length: 250_000 }, (_, i) => ({
      at: `2024-01-01T00:00:${String(i % 60).padStart(2, "0")}.${String(Math.floor(i / 60) % 1000).padStart(3, "0")}`,
      value: "1",
    }));
    const doc = {
      ...envelope,
      monitored: { "EG_i,p": [{ equipment: "PV-1", unit: "kWh", kind: "interval", readings }] },
    };
    const error = refusal(() => calculate(solar, doc));
    // At most 1,000 issues are listed; the last one counts the rest (trust.md §3).
    expect(error.issues).toHaveLength(1001);
    expect(error.issues.slice(0, 1000).every((i) => i.code === "missing-offset")).toBe(true);
    expect(error.issues[1000]).toMatchObject({ code: "too-many-issues", found: "249000" });
  }, 60_000);

  it("60,000 cumulative series with an `interval` (3 period issues each) are refused with MrvValidationError", () => {
    const entries = Array.from({ length: 60_000 }, (_, i) => ({
      equipment: `PV-${i}`,
      unit: "kWh",
      kind: "cumulative",
      interval: "PT1H",
      readings: [],
    }));
    refusal(() => calculate(solar, { ...envelope, monitored: { "EG_i,p": entries } }));
  }, 60_000);

  it("a valid document with 100,000 PV systems (the limit) given as JSON numbers (one warning each) calculates", () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => ({ equipment: `PV-${i}`, value: 1 }));
    const result = calculate(solar, { ...envelope, monitored: { "EG_i,p": entries } });
    expect(result.figures.EG_p?.value).toBe("100000");
    expect(result.warnings.filter((w) => w.code === "json-number")).toHaveLength(100_000);
  }, 60_000);
});
