/**
 * One API shape (architecture §4): the document first, an options object last; a throwing and a safe
 * form of every verb; the 0.1.0 forms still work, deprecated, with the same results.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as core from "../src/entries/core.js";
import * as root from "../src/entries/index.js";

const example = (name: string) => readFileSync(new URL(`../examples/${name}.json`, import.meta.url), "utf8");
const grid = example("mn-am003-grid-plant");
const gridObject = JSON.parse(grid) as Record<string, unknown>;
const { reported: _reported, ...withoutReported } = gridObject;
const withReported = { ...gridObject, reported: { RE_p: "11303.05", PE_p: "0", ER_p: "11303" } };
const nextYear = { ...gridObject, period: { start: "2020-01-01", end: "2020-12-31", timeZone: "+08:00" } };
const invalid = { ...gridObject, period: { start: "2019-02-30", end: "2019-03-01" } };
const { registry, mnAm003SolarPv: module } = root;

describe("one shape for every verb: document first, options last", () => {
  it("calculate: bundled registry by default in jcm-mrv; module or registry in jcm-mrv/core", () => {
    const expected = root.calculate(grid);
    expect(expected.emissionReductions).toBe("11303");
    expect(root.calculate(grid, { module })).toEqual(expected);
    expect(core.calculate(grid, { module })).toEqual(expected);
    expect(core.calculate(grid, { registry })).toEqual(expected);
    expect(() => core.calculate(grid)).toThrow(core.MrvValidationError);
    expect(core.safeCalculate(grid)).toMatchObject({ success: false, error: { issues: [{ code: "no-registry" }] } });
  });

  it("safe forms return { success, data } or { success: false, error } and never throw", () => {
    const ok = root.safeCalculate(grid);
    expect(ok.success).toBe(true);
    if (ok.success) expect(ok.data.emissionReductions).toBe("11303");
    const bad = root.safeCalculate(invalid);
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0]).toMatchObject({ path: "period.start", code: "invalid-date" });
    for (const hostile of [undefined, null, 42, "{", [], () => 1, Symbol("x"), 10n, new Date(0)]) {
      expect(() => root.safeCalculate(hostile)).not.toThrow();
      expect(root.safeCalculate(hostile).success).toBe(false);
      expect(root.safeVerify(hostile).success).toBe(false);
      expect(root.safeCalculateProject(hostile as never).success).toBe(false);
    }
    const notOptions = root.safeCalculate(grid, "registry" as never);
    expect(notOptions).toMatchObject({ success: false, error: { issues: [{ code: "invalid-options" }] } });
  });

  it("verify and safeVerify", () => {
    const v = root.verify(withReported);
    expect(v.ok).toBe(true);
    expect(core.verify(withReported, { registry })).toEqual(v);
    const safe = root.safeVerify(withoutReported);
    expect(safe).toMatchObject({ success: false, error: { issues: [{ code: "nothing-to-verify" }] } });
  });

  it("calculateProject and safeCalculateProject", () => {
    const p = root.calculateProject([nextYear, grid]);
    expect(p.periods.map((r) => r.period.start)).toEqual(["2019-01-01", "2020-01-01"]);
    expect(core.calculateProject([grid, nextYear], { module })).toEqual(p);
    expect(root.safeCalculateProject([grid, grid])).toMatchObject({
      success: false,
      error: { issues: [{ code: "overlapping-periods" }] },
    });
  });

  it("renderReport has one signature on every entry point", () => {
    const html = root.renderReport(grid);
    expect(html).toMatch(/^<!doctype html>/i);
    expect(core.renderReport(grid, { registry })).toBe(html);
    expect(core.renderReport(grid, { module, format: "md" })).toBe(root.renderReport(grid, { format: "md" }));
  });
});

describe("the 0.1.0 forms keep working for one minor version (deprecated)", () => {
  it("give the same results as the new shape", () => {
    const expected = root.calculate(grid);
    expect(core.calculate(module, grid)).toEqual(expected);
    expect(root.calculate(module, grid)).toEqual(expected);
    expect(root.calculateDocument(grid)).toEqual(expected);
    expect(core.calculateDocument(grid, registry)).toEqual(expected);
    expect(core.calculateDocumentWith(registry, grid)).toEqual(expected);
    expect(core.verifyWith(registry, withReported)).toEqual(root.verify(withReported));
    expect(core.verify(withReported, registry)).toEqual(root.verify(withReported));
    expect(core.calculateProjectWith(registry, [grid, nextYear])).toEqual(root.calculateProject([grid, nextYear]));
    expect(core.calculateProject([grid, nextYear], registry)).toEqual(root.calculateProject([grid, nextYear]));
    expect(core.renderReportWith(registry, grid, { format: "md" })).toBe(root.renderReport(grid, { format: "md" }));
    expect(core.renderReport(grid, registry, { format: "md" })).toBe(root.renderReport(grid, { format: "md" }));
  });

  it("a safe result still carries `result` beside `data`", () => {
    const outcome = core.safeCalculate(module, grid);
    expect(outcome.success && outcome.result).toEqual(outcome.success && outcome.data);
  });
});
