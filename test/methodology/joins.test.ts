import { describe, expect, it } from "vitest";
import { Exact } from "../../src/core/exact.js";
import { joinIssues } from "../../src/methodology/joins.js";
import { makeQuantity } from "../../src/methodology/parameters/index.js";

const q = (id: string) =>
  makeQuantity({ symbol: "X_i,p", id, value: Exact.ONE, unit: "MWh", given: { value: "1", unit: "MWh" } });

describe("joinIssues (per-equipment joins of monitoring-document.md)", () => {
  it("a monitored id outside the fixed set is an error naming the id and its index", () => {
    const issues = joinIssues({
      ids: ["A", "B"],
      definedIn: "fixed.units",
      idKey: "equipment",
      symbol: "X_i,p",
      entries: [q("A"), q("Z")],
      requiredPerId: false,
    });
    expect(issues).toEqual([
      expect.objectContaining({
        path: ["monitored", "X_i,p", 1, "equipment"],
        symbol: "X_i,p",
        code: "unknown-id",
        found: '"Z"',
      }),
    ]);
    expect(issues[0]!.message).toContain('"Z"');
    expect(issues[0]!.expected).toBe('one of "A", "B"');
  });

  it("every unknown entry names the ids it could have had: the first 20, then how many more", () => {
    const ids = Array.from({ length: 25 }, (_, i) => `U-${i}`);
    const issues = joinIssues({
      ids,
      definedIn: "fixed.units",
      idKey: "equipment",
      symbol: "X_i,p",
      entries: [q("U-1"), q("Y"), q("Z")],
      requiredPerId: false,
    });
    const oneOf = `one of ${ids
      .slice(0, 20)
      .map((id) => `"${id}"`)
      .join(", ")}, … and 5 more`;
    expect(issues.map((i) => [i.found, i.expected])).toEqual([
      ['"Y"', oneOf],
      ['"Z"', oneOf],
    ]);
  });

  it("a parameter required per equipment must cover every id; an optional one may cover a subset", () => {
    const required = joinIssues({
      ids: ["A", "B"],
      definedIn: "fixed.units",
      idKey: "equipment",
      symbol: "X_i,p",
      entries: [q("A")],
      requiredPerId: true,
    });
    expect(required).toEqual([expect.objectContaining({ path: ["monitored", "X_i,p"], code: "missing-entry" })]);
    expect(required[0]!.message).toContain('"B"');
    expect(
      joinIssues({
        ids: ["A", "B"],
        definedIn: "fixed.units",
        idKey: "equipment",
        symbol: "X_i,p",
        entries: [q("A")],
        requiredPerId: false,
      }),
    ).toEqual([]);
    expect(
      joinIssues({
        ids: ["A"],
        definedIn: "fixed.units",
        idKey: "equipment",
        symbol: "X_i,p",
        entries: undefined,
        requiredPerId: false,
      }),
    ).toEqual([]);
  });
});
