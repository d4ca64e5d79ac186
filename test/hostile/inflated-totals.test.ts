/**
 * Attacks that inflate a figure instead of breaking the program: values every local check accepts
 * but that no meter could show. Each must be an error (exit 2), never a larger credit.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calculate } from "../../src/entries/index.js";
import { expectSafeIssues, refusal } from "./attack.js";

/** examples/mn-am003-cumulative-meter.json with a meter swap in February (ER_p 2310 as given). */
function swapped(replacement: Record<string, string>, rolloverAt?: string) {
  const doc = JSON.parse(
    readFileSync(new URL("../../examples/mn-am003-cumulative-meter.json", import.meta.url), "utf8"),
  );
  const series = doc.monitored["EG_i,p"][0];
  series.readings[3].value = "690.875"; // the new meter, read after the swap
  series.readings[4].value = "1801.25";
  series.replacements = [{ at: "2023-02-15T00:00:00+08:00", ...replacement }];
  if (rolloverAt !== undefined) series.rolloverAt = rolloverAt;
  return doc;
}

describe("meter replacements: oldFinal and newInitial are register readings", () => {
  it("the honest swap gives the honest credit", () => {
    expect(calculate(swapped({ oldFinal: "11500", newInitial: "0" })).emissionReductions).toBe("2310");
  });

  it.each([
    [
      "a negative newInitial (+900,000 MWh across the swap)",
      { oldFinal: "11500", newInitial: "-900000" },
      undefined,
      "newInitial",
    ],
    ["a negative oldFinal", { oldFinal: "-1", newInitial: "0" }, undefined, "oldFinal"],
    ["an oldFinal above the register's rolloverAt", { oldFinal: "50000", newInitial: "0" }, "12000", "oldFinal"],
  ])("%s is an error, not a larger credit", (_, replacement, rolloverAt, field) => {
    const error = refusal(() => calculate(swapped(replacement, rolloverAt)));
    expectSafeIssues(error.issues);
    expect(error.issues).toContainEqual(
      expect.objectContaining({
        path: `monitored["EG_i,p"][0].replacements[0].${field}`,
        code: "out-of-range",
        symbol: "EG_i,p",
      }),
    );
  });
});

describe("register values given as JSON numbers", () => {
  it("are read like strings and named in a json-number warning, as readings are", () => {
    const asStrings = calculate(swapped({ oldFinal: "11500", newInitial: "0" }, "12000"));
    const doc = swapped({ oldFinal: "11500", newInitial: "0" }, "12000");
    const series = doc.monitored["EG_i,p"][0];
    series.rolloverAt = 12000;
    series.replacements[0].oldFinal = 11500;
    series.replacements[0].newInitial = 0;
    const asNumbers = calculate(doc);
    expect(asNumbers.emissionReductionsUnrounded).toBe(asStrings.emissionReductionsUnrounded);
    expect(asStrings.warnings.filter((w) => w.code === "json-number")).toEqual([]);
    expect(asNumbers.warnings.filter((w) => w.code === "json-number")).toEqual([
      expect.objectContaining({
        path: 'monitored["EG_i,p"][0]',
        message: expect.stringContaining("3 values of rolloverAt or replacements given as JSON numbers"),
      }),
    ]);
  });
});
