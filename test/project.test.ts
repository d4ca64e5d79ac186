import { describe, expect, it } from "vitest";
import { Decimal } from "../src/core/decimal.js";
import { MrvValidationError } from "../src/core/errors.js";
import { calculateProject } from "../src/entries/index.js";
import { pvBase } from "./fixtures-invalid.js";

const period = (start: string, end: string, mwh: string) => ({
  ...pvBase(),
  period: { start, end, timeZone: "+08:00" },
  monitored: { "EG_i,p": [{ equipment: "PV-1", value: mwh, unit: "MWh" }] },
});

describe("calculateProject", () => {
  it("results per period in period order, totals = sum of floored ERs beside the unrounded sum", () => {
    const p = calculateProject([period("2020-01-01", "2020-12-31", "1.5"), period("2019-01-01", "2019-12-31", "1.5")]);
    expect(p.periods.map((r) => r.period.start)).toEqual(["2019-01-01", "2020-01-01"]);
    // Each period: 1.5 × 0.797 = 1.1955 → floored 1; together 2.391.
    expect(p.totals).toEqual({
      referenceEmissions: "2.391",
      projectEmissions: "0",
      emissionReductionsUnrounded: "2.391",
      emissionReductions: "2",
      unit: "tCO2",
    });
    expect(
      new Decimal(p.totals.emissionReductions).lte(new Decimal(p.totals.emissionReductionsUnrounded).floor()),
    ).toBe(true);
  });

  it("overlapping periods are an error naming both documents", () => {
    try {
      calculateProject([period("2019-01-01", "2019-12-31", "1"), period("2019-12-31", "2020-06-30", "1")]);
      throw new Error("expected an error");
    } catch (e) {
      expect(e).toBeInstanceOf(MrvValidationError);
      const issue = (e as MrvValidationError).issues[0]!;
      expect(issue).toMatchObject({ path: "documents[1].period", code: "overlapping-periods" });
      expect(issue.message).toContain("document 0");
    }
  });

  it("documents of another project or methodology are refused; problems inside a document name it", () => {
    const other = { ...period("2020-01-01", "2020-12-31", "1"), project: { reference: "OTHER" } };
    expect(() => calculateProject([period("2019-01-01", "2019-12-31", "1"), other])).toThrow(/project/);
    try {
      calculateProject([
        period("2019-01-01", "2019-12-31", "1"),
        { ...period("2020-01-01", "2020-12-31", "1"), period: { start: "2020-02-30", end: "2020-03-01" } },
      ]);
    } catch (e) {
      expect((e as MrvValidationError).issues[0]!.path).toBe("documents[1].period.start");
    }
    expect(() => calculateProject([])).toThrow(MrvValidationError);
  });
});
