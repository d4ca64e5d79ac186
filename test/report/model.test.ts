import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { draftKhRiceHuskStirling } from "../../methodologies/draft-kh-rice-husk-stirling/index.js";
import { registry } from "../../methodologies/index.js";
import { calculateParsed, type DetailedCalculation } from "../../src/calculate.js";
import { Decimal } from "../../src/core/decimal.js";
import { parseDocument } from "../../src/document/parse.js";
import { verifyWith } from "../../src/entries/core.js";
import type { PendingSeries } from "../../src/methodology/parameters/index.js";
import { buildReportModel, DRAFT_BANNER } from "../../src/report/model.js";

const example = (name: string) => readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), "utf8");

function detailed(name: string): DetailedCalculation {
  const parsed = parseDocument(example(name));
  const id = parsed.document.methodology.id;
  const module =
    id === draftKhRiceHuskStirling.id ? draftKhRiceHuskStirling : registry.get(id, parsed.document.methodology.version);
  return calculateParsed(module, parsed);
}

describe("buildReportModel", () => {
  it("grid plant: header, results with display rounding, parameters, equations, verification, no series", () => {
    const d = detailed("mn-am003-grid-plant");
    const model = buildReportModel(d, verifyWith(registry, example("mn-am003-grid-plant")));
    expect(model.title).toBe("Grid-connected 10 MW PV plant (worked example A)");
    expect(model.project).toContainEqual({ key: "reference", value: "EXAMPLE-MN-A" });
    expect(model.methodology).toMatchObject({
      id: "JCM_MN_AM003",
      version: "02.0",
      status: "approved",
      hostCountry: "MN",
    });
    expect(model.methodology.draftBanner).toBeUndefined();
    expect(model.period).toEqual({
      start: "2019-01-01",
      end: "2019-12-31",
      timeZone: "+08:00",
      days: 365,
      startInstant: "2019-01-01T00:00:00+08:00",
      endInstant: "2020-01-01T00:00:00+08:00",
    });
    expect(model.results).toMatchObject({
      referenceEmissions: "11303.054",
      referenceEmissionsDisplay: "11303",
      projectEmissions: "0",
      projectEmissionsDisplay: "0",
      emissionReductionsUnrounded: "11303.054",
      emissionReductions: "11303",
      rounding: { policy: "floor" },
      negative: false,
    });
    expect(model.figures).toEqual([{ symbol: "EG_p", value: "14182", unit: "MWh" }]);
    expect(model.parameters[0]).toEqual({
      symbol: "EG_i,p[PCS-main]",
      path: 'monitored["EG_i,p"][0]',
      kind: "monitored",
      value: "14182",
      unit: "MWh",
      option: "C",
      optionText: "C — own measurement with calibrated equipment",
      source: "monitoring document",
    });
    expect(model.parameters[1]).toMatchObject({
      symbol: "EF_RE",
      value: "0.797",
      optionText: "not stated",
      status: "verified",
    });
    expect(model.parameters[1]!.source).toMatch(/conservative emission factor of Mongolia/);
    expect(model.eligibility.map((c) => c.result)).toEqual(["not-assessed", "met", "met"]);
    const re = model.equations.find((e) => e.symbol === "RE_p")!;
    expect(re).toMatchObject({
      equation: "(1)",
      expression: "EG_p × EF_RE",
      value: "11303.054",
      unit: "tCO2",
    });
    expect(re.substituted?.join("")).toBe("14182 × 0.797");
    // A substitution that only repeats the value adds nothing.
    expect(model.equations[0]).not.toHaveProperty("substituted");
    expect(model.verification?.ok).toBe(true);
    expect(model.verification?.checks.map((c) => [c.symbol, c.status])).toEqual([
      ["RE_p", "match"],
      ["PE_p", "match"],
      ["ER_p", "match"],
    ]);
    expect(model.series).toEqual([]);
    expect(model.inputDigest).toBe(d.result.inputDigest);
  });

  it("interval readings: one day of hourly readings gives one daily total of 740.25 kWh", () => {
    const model = buildReportModel(detailed("mn-am003-interval-readings"));
    expect(model.series).toEqual([
      {
        symbol: "EG_i,p",
        id: "inv-A",
        label: "EG_i,p [inv-A]",
        path: 'monitored["EG_i,p"][0]',
        kind: "interval",
        unit: "kWh",
        origin: "inline readings",
        note: expect.stringContaining("interval readings"),
        days: [{ date: "2024-06-01", value: "740.25" }],
        total: "740.25",
      },
    ]);
    expect(model.results).toMatchObject({
      referenceEmissions: "0.58997925",
      referenceEmissionsDisplay: "1",
      emissionReductions: "0",
    });
    expect(model.warnings.map((w) => w.code)).toEqual(["readings-outside-period", "gaps"]);
    expect(model.verification).toBeUndefined();
  });

  it("cumulative meter: one figure per day of the period, summing to the period total", () => {
    const model = buildReportModel(detailed("mn-am003-cumulative-meter"));
    const [s] = model.series;
    expect(model.series).toHaveLength(1);
    expect(s).toMatchObject({ kind: "cumulative", unit: "MWh", id: "export-meter", total: "2899.125" });
    expect(s!.days).toHaveLength(90);
    expect(s!.days[0]).toEqual({ date: "2023-01-01", value: "809.375" });
    expect(s!.days.at(-1)).toEqual({ date: "2023-03-31", value: "0" });
    expect(s!.days.filter((d) => d.value !== "0")).toEqual([
      { date: "2023-01-01", value: "809.375" },
      { date: "2023-02-01", value: "979.375" },
      { date: "2023-03-01", value: "1110.375" },
    ]);
    // The chart's days add up to the figure the calculation used.
    expect(new Decimal(s!.total).eq(model.figures.find((f) => f.symbol === "EG_p")!.value)).toBe(true);
  });

  it("uses a CSV series' precomputed daily totals, and skips a series without any", () => {
    const d = detailed("mn-am003-interval-readings");
    const record = d.series[0]!;
    const precomputed = (daily?: Decimal[]) => ({
      ...record,
      pending: { ...record.pending, readings: undefined, csv: "eg.csv" } as unknown as PendingSeries,
      csv: {
        file: "eg.csv",
        sha256: "ab12",
        total: new Decimal("3"),
        rows: 2,
        used: 2,
        outside: 0,
        duplicates: 0,
        missing: 0,
        numbers: 0,
        notices: [],
        ...(daily && { daily }),
      },
    });
    const withDaily = buildReportModel({ ...d, series: [precomputed([new Decimal("3")])] });
    expect(withDaily.series[0]).toMatchObject({
      origin: "CSV file eg.csv (sha256 ab12)",
      days: [{ date: "2024-06-01", value: "3" }],
      total: "3",
    });
    expect(buildReportModel({ ...d, series: [precomputed()] }).series).toEqual([]);
  });

  it("a draft module's model carries the draft banner", () => {
    const model = buildReportModel(detailed("draft-kh-rice-husk-stirling"));
    expect(model.methodology.status).toBe("draft");
    expect(model.methodology.draftBanner).toBe(DRAFT_BANNER);
    expect(DRAFT_BANNER).toBe(
      "DRAFT — not an approved JCM methodology: results are indicative and cannot support credit issuance",
    );
  });

  it("is plain data (survives JSON) and does not alias the result", () => {
    const d = detailed("mn-am003-interval-readings");
    const model = buildReportModel(d);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    model.warnings[0]!.message = "changed";
    expect(d.result.warnings[0]!.message).not.toBe("changed");
  });

  it("refuses a verification of another document", () => {
    const v = verifyWith(registry, example("mn-am003-grid-plant"));
    expect(() => buildReportModel(detailed("mn-am003-interval-readings"), v)).toThrow(/another document/);
  });

  it("falls back to the reference, then the methodology, for the title", () => {
    const d = detailed("mn-am003-grid-plant");
    const without = (project: Record<string, string> | undefined) =>
      buildReportModel({ ...d, result: { ...d.result, ...(project ? { project } : { project: undefined }) } as never })
        .title;
    expect(without({ reference: "REF-1" })).toBe("REF-1");
    expect(without(undefined)).toBe("JCM_MN_AM003 02.0 calculation");
  });
});
